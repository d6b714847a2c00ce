"""One function clears every cache of the package (analysis.util.caches.clear_caches)."""

from __future__ import annotations

import ast
import importlib
import pkgutil

import analysis
from analysis.util.caches import cached_functions, clear_caches
from tests.conftest import REPO, SEED, xml_files

CACHE_DECORATORS = {"cache", "lru_cache"}  # functools.cache, functools.lru_cache(...), as imported


def _decorator_name(node: ast.expr) -> str:
    node = node.func if isinstance(node, ast.Call) else node
    return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""


def cached_in_source() -> set[str]:
    """Every module-level function of the package decorated as a cache, read from the source."""
    found = set()
    for path in sorted((REPO / "analysis").rglob("*.py")):
        module = ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(
                _decorator_name(d) in CACHE_DECORATORS for d in node.decorator_list
            ):
                found.add(f"{module}.{node.name}")
    return found


def import_every_module() -> None:
    for module in pkgutil.walk_packages(analysis.__path__, "analysis."):
        if not module.name.startswith("analysis.data"):
            importlib.import_module(module.name)


def qualified(function: object) -> str:
    return f"{function.__module__}.{function.__name__}"  # type: ignore[attr-defined]


def test_every_cache_of_the_package_is_found():
    import_every_module()
    assert cached_in_source()  # the scan sees the package's caches
    assert {qualified(f) for f in cached_functions()} == cached_in_source()


def test_clear_caches_empties_each_one():
    """Fill the caches the way a run does (parse, classify, read from the corpus), then clear them all."""
    import_every_module()
    from analysis import classify, load, parse_file

    for path in (SEED, xml_files()[0], xml_files()[1]):
        classify(parse_file(path))
    load(["A/RES/62/175"], lang="zh")
    filled = {qualified(f) for f in cached_functions() if f.cache_info().currsize}
    assert len(filled) >= 20, filled  # most of them: lexicon, verbs, themes, references, citations, corpus
    assert clear_caches() == len(cached_functions())
    still = {qualified(f) for f in cached_functions() if f.cache_info().currsize}
    assert still == set()


def test_clear_caches_of_one_module_leaves_the_others():
    from analysis import lexicon
    from analysis.coding import verbs

    verbs.read_verbs("请秘书长提交报告；", "zh")
    assert lexicon.anatomy("zh") and lexicon.anatomy.cache_info().currsize
    assert clear_caches(verbs) == len(cached_functions(verbs)) > 0
    assert all(not f.cache_info().currsize for f in cached_functions(verbs))
    assert lexicon.anatomy.cache_info().currsize  # another module's cache is kept
