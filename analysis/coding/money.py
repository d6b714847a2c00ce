"""What sort of money a paragraph speaks of: ``funding_kind`` (docs/codebook.md, "Funding kind").

The kinds are data (``data/lexicon/funding_kinds.toml``), read in precedence order: a span read as one
kind (``subject to the availability of extrabudgetary resources``: conditional) is not read again as a
later one (``extrabudgetary resources``: voluntary). A paragraph with the ``funding`` theme whose
funding words lie outside every kind's span also gets ``other_money``; one without the theme gets none.
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
    return [*read_toml("funding_kinds.toml")["kinds"], OTHER_MONEY]


def read_funding_kinds(text: str, language: str, themes: dict[str, tuple[ThemeHit, ...]]) -> dict[str, tuple[str, ...]]:
    """Kind -> the words that decided it, for a paragraph with the ``funding`` theme (else empty)."""
    funding = themes.get(FUNDING_THEME, ())
    if not funding:
        return {}
    taken: list[tuple[int, int]] = []
    found: dict[str, list[str]] = {}
    for kind, pattern in _kinds(language):
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append(m.span())
            found.setdefault(kind, []).append(m.group(0))
    outside = [h.evidence for h in funding if not any(a <= h.start and h.end <= b for a, b in taken)]
    if outside:
        found.setdefault(OTHER_MONEY, []).extend(outside)
    order = kind_names()
    return {kind: tuple(dict.fromkeys(found[kind])) for kind in order if kind in found}
