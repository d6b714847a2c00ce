"""Languages are asked of their profiles: outside ``analysis/lang/`` no module compares a language with
a code (``language == "zh"``, ``language in ("en", "zh")``) or keys a table by one (``{"en": …, "zh": …}``)."""

from __future__ import annotations

import ast

from tests.conftest import REPO

CODES = {"en", "zh"}


def _branches(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            operands += [e for o in operands if isinstance(o, (ast.Tuple, ast.List, ast.Set)) for e in o.elts]
            if any(isinstance(o, ast.Constant) and o.value in CODES for o in operands):
                lines.append(node.lineno)
        elif isinstance(node, ast.Dict):
            if any(isinstance(k, ast.Constant) and k.value in CODES for k in node.keys):
                lines.append(node.lineno)
    return lines


def test_no_module_outside_the_profiles_branches_on_a_language_code():
    found = [
        f"{path.relative_to(REPO)}:{line}"
        for path in sorted((REPO / "analysis").rglob("*.py"))
        if "lang" not in path.relative_to(REPO / "analysis").parts[:1]
        for line in _branches(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert not found, found
