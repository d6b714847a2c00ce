"""One switch for every cache of the package.

Loaders and compiled tables are cached per process with ``functools.cache`` (the lexicon checked once,
the theme patterns compiled once, the learned model trained once, ...). :func:`clear_caches` empties
every one of them in every loaded module of ``analysis``, so that the next call reads the data files
again: for a test that points the package data elsewhere, or a long session whose files changed. A new
cache needs no registration: a ``functools.cache`` (or ``lru_cache``) function at module level is found.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

PACKAGE = "analysis"


def _package_modules() -> Iterator[ModuleType]:
    for name, module in sorted(sys.modules.items()):
        if module is not None and (name == PACKAGE or name.startswith(PACKAGE + ".")):
            yield module


def cached_functions(*modules: ModuleType) -> list[Callable[..., Any]]:
    """The cached functions defined at module level in ``modules`` (every loaded module of the package
    by default), in module order."""
    found = []
    for module in modules or tuple(_package_modules()):
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", None) == module.__name__:
                found.append(value)
    return found


def clear_caches(*modules: ModuleType) -> int:
    """Empty every cache of the package (or only those of ``modules``); returns how many were cleared."""
    functions = cached_functions(*modules)
    for function in functions:
        function.cache_clear()  # type: ignore[attr-defined]
    return len(functions)
