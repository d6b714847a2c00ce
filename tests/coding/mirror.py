"""A third language for tests: a copy of English or Chinese, profile and vocabulary, under its own code.

Written as the language it copies is, it must read every text the same way: a rule that asked for a
language by its code (``language == "en"``) instead of asking its profile would read it differently.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest

from analysis import lang, lexicon
from analysis.coding import actors, money, references, subjects, themes, verbs
from analysis.lang import languages, profile
from analysis.parsing import citations
from tests.conftest import clear_caches

CACHED = (lexicon, verbs, themes, references, subjects, money, actors, citations)


def mirrored(value: Any, base: str, code: str) -> Any:
    """A lexicon file's rows or table with every entry of ``base`` also under ``code``: rows with that
    ``language``, keys named ``base`` or ending in ``_<base>`` (``exclude_en``)."""
    if isinstance(value, list):
        rows = [row for row in value if isinstance(row, dict) and row.get("language") == base]
        return value + [dict(row, language=code) for row in rows]
    if not isinstance(value, dict):
        return value
    out = {key: mirrored(item, base, code) for key, item in value.items()}
    for key in value:
        if key == base:
            out[code] = out[key]
        elif key.endswith(f"_{base}"):
            out[key[: -len(base)] + code] = out[key]
    return out


@contextlib.contextmanager
def mirror_language(base: str, code: str = "xx") -> Iterator[str]:
    """``code`` registered as a copy of ``base`` inside the ``with`` block; the caches built from the
    lexicon are cleared on the way in and out."""
    languages()  # the built-in profiles first: the registry loads them only while it is empty
    for module in CACHED:
        clear_caches(module)
    # every lexicon file checked as it is (before ``code`` exists, so its schema does not ask for it),
    # then mirrored
    tables = {name: mirrored(lexicon.check_file(name), base, code) for name in lexicon.SCHEMA}
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(lang._PROFILES, code, dataclasses.replace(profile(base), code=code, xml_codes=(code,)))
        patch.setattr(lexicon, "check_file", lambda name, folder=None: tables[name])
        for module in CACHED:
            clear_caches(module)
        yield code
    for module in CACHED:
        clear_caches(module)
