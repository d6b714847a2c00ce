"""No function of the package is above cyclomatic complexity 20, as radon counts it (every branch,
loop, boolean operator and comprehension condition): a rule read as small functions, not one long one."""

from __future__ import annotations

from radon.complexity import cc_visit

from tests.conftest import REPO

LIMIT = 20


def test_no_function_is_above_complexity_20():
    too_complex = [
        f"{path.relative_to(REPO)}:{block.lineno} {block.fullname} ({block.complexity})"
        for path in sorted((REPO / "analysis").rglob("*.py"))
        for block in cc_visit(path.read_text(encoding="utf-8"))
        if block.complexity > LIMIT
    ]
    assert not too_complex, too_complex
