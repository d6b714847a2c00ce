"""What sort of money a paragraph speaks of: ``funding_kind`` (docs/codebook.md, "Funding kind").

The kinds are data (``data/lexicon/funding_kinds.toml``), read in precedence order: words that
overlap a span read as an earlier kind (``subject to the availability of extrabudgetary resources``:
conditional) are not read again as a later one (``extrabudgetary resources``: voluntary). Only a
paragraph with the ``funding`` theme has kinds; one whose money words fit no kind is ``other_money``.
"""

from __future__ import annotations

import functools
import re

from analysis.coding.themes import ThemeHit
from analysis.lang import profile
from analysis.lexicon import read_toml

FUNDING_THEME = "funding"
OTHER_MONEY = "other_money"


@functools.cache
def _kinds(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    spaced = profile(language).spaced
    flags = re.IGNORECASE if profile(language).cased else 0
    compiled = []
    for kind, spec in read_toml("funding_kinds.toml")["kinds"].items():
        body = "|".join(f"(?:{p})" for p in sorted(spec.get(language, []), key=len, reverse=True))
        if body:
            compiled.append((kind, re.compile(rf"\b(?:{body})\b" if spaced else body, flags)))
    return tuple(compiled)


def kind_names() -> list[str]:
    """Every funding kind, in codebook order, ``other_money`` last."""
    return list(_kind_names())


@functools.cache
def _kind_names() -> tuple[str, ...]:
    return (*(k for k in read_toml("funding_kinds.toml")["kinds"] if k != OTHER_MONEY), OTHER_MONEY)


def read_funding_kinds(text: str, language: str, themes: dict[str, tuple[ThemeHit, ...]]) -> dict[str, tuple[str, ...]]:
    """Kind -> the words that decided it, for a paragraph with the ``funding`` theme (else empty)."""
    funding = themes.get(FUNDING_THEME, ())
    if not funding:
        return {}
    taken: list[tuple[int, int]] = []
    found: dict[str, list[str]] = {}
    for kind, pattern in _kinds(language):
        spans = []
        for m in pattern.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                spans.append(m.span())
                found.setdefault(kind, []).append(m.group(0))
        taken += spans
    if not found:  # money the kinds do not name: a mechanism described, a word in passing
        found[OTHER_MONEY] = [h.evidence for h in funding]
    return {kind: tuple(dict.fromkeys(found[kind])) for kind in _kind_names() if kind in found}
