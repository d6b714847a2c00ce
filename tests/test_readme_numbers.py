"""Every generated block of the README holds what the code prints now (``scripts/readme_numbers.py``),
and outside those blocks and code fences the README states no measured number."""

import importlib.util
import re
import sys

import pytest

from tests.conftest import REPO


def _script():
    spec = importlib.util.spec_from_file_location("readme_numbers", REPO / "scripts" / "readme_numbers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["readme_numbers"] = module
    spec.loader.exec_module(module)
    return module


def test_every_block_of_the_readme_has_a_generator():
    script = _script()
    names = script.block_names(script.README.read_text(encoding="utf-8"))
    assert names, "the README has no generated blocks"
    assert set(names) <= set(script.BLOCKS), set(names) - set(script.BLOCKS)
    assert len(names) == len(set(names)), "a block appears twice"


@pytest.mark.slow
@pytest.mark.shared
def test_the_readme_numbers_are_what_the_code_prints(monkeypatch):
    script = _script()
    monkeypatch.delenv("CRIMEPOL_CORPUS", raising=False)
    text = script.README.read_text(encoding="utf-8")
    rendered = script.render(text)
    for name in script.block_names(text):
        old = next(m["body"] for m in script.BLOCK.finditer(text) if m["name"] == name)
        new = next(m["body"] for m in script.BLOCK.finditer(rendered) if m["name"] == name)
        assert old == new, f"README block {name!r} differs from what the code prints (readme_numbers.py --write)"


def test_the_readme_blocks_that_need_only_the_checkout_are_what_the_code_prints():
    script = _script()
    text = script.README.read_text(encoding="utf-8")
    names = [n for n in script.block_names(text) if n not in script.SHARED_BLOCKS]
    assert names, "every block needs ../shared"
    rendered = script.render(text, only=set(names))
    assert rendered == text, "a README block differs from what the code prints (readme_numbers.py --write)"


# What may look like a measurement outside the generated blocks, each with the reason it is not one.
ALLOWED = {
    "95 %": "the confidence level of the intervals, a choice, not a result",
    "codebook 1.0": "a codebook version (CHANGELOG.md)",
    "codebook 2.0": "a codebook version (CHANGELOG.md)",
}
MEASURED = re.compile(r"\d+\.\d+|\d+ ?%")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1[ \t]*$", re.S | re.M)


def test_outside_the_generated_blocks_the_readme_states_no_measured_number():
    """A decimal or a percentage in the README's prose or tables is a number no test compares with what
    the code prints; it belongs in a generated block, or the README names the command that prints it."""
    script = _script()
    text = script.README.read_text(encoding="utf-8")
    blank = lambda m: "\n" * m[0].count("\n")  # noqa: E731 - keeps the line numbers of the README
    prose = FENCE.sub(blank, script.BLOCK.sub(blank, text))
    for allowed in ALLOWED:
        prose = prose.replace(allowed, "")
    found = [f"line {n}: {line.strip()[:100]}" for n, line in enumerate(prose.splitlines(), 1) if MEASURED.search(line)]
    assert not found, "README.md holds numbers outside the generated blocks:\n" + "\n".join(found)


def test_the_guard_sees_a_number_in_prose_and_none_in_blocks_or_fences():
    script = _script()
    text = "a share of 12.5 %\n<!-- begin generated: x -->\n0.93\n<!-- end generated: x -->\n```\n1.5 s\n```\n"
    prose = FENCE.sub("", script.BLOCK.sub("", text))
    assert MEASURED.findall(prose) == ["12.5"]
