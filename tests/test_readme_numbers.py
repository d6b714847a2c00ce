"""Every generated block of the README holds what the code prints now (``scripts/readme_numbers.py``)."""

import importlib.util
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
