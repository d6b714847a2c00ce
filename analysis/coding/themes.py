"""Policy themes of a paragraph: multi-label, each label with the spans that justify it.

The taxonomy is data (``data/lexicon/themes.toml``): patterns per language,
exclusions, parents of sub-themes, and names to mask so that a topic word
inside a name ("Office on Drugs and Crime") does not count.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from analysis.lang import profile
from analysis.lexicon import read_toml
from analysis.model import Reference

MASK_CHAR = "\u2591"  # keeps offsets: a masked name becomes a run of the same length


@dataclass(frozen=True)
class ThemeHit:
    """One span that gives a paragraph a theme: where it is and the words matched."""

    theme: str
    start: int
    end: int
    evidence: str


@dataclass(frozen=True)
class Theme:
    """One theme of the taxonomy with its compiled patterns in one language."""

    name: str
    description: str
    parent: str
    pattern: re.Pattern[str] | None
    exclude: re.Pattern[str] | None
    weak: re.Pattern[str] | None = None  # counts only where the paragraph has no ``weak_unless`` theme
    weak_unless: str = ""
    names: re.Pattern[str] | None = None  # names that carry the theme, read before names are masked


def _compile(patterns: list[str], language: str, ignore_case: bool = True) -> re.Pattern[str] | None:
    """One alternation per theme, of whole words where the language spaces its words. In a language
    with case, themes ignore it by matching lower-cased patterns against lower-cased text (much
    faster in ``re`` than IGNORECASE; no pattern uses an upper-case escape such as \\W, which
    lower-casing would change)."""
    if not patterns:
        return None
    language_profile = profile(language)
    if language_profile.cased and ignore_case:
        patterns = [p.lower() for p in patterns]
    body = "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))
    # whole words: no letter or digit on either side (a pattern may end in a quotation mark, where \b fails)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)" if language_profile.spaced else body)


@functools.cache
def _table() -> dict:
    return read_toml("themes.toml")


@functools.cache
def taxonomy(language: str) -> tuple[Theme, ...]:
    """Every theme of themes.toml, compiled for one language."""
    return tuple(
        Theme(
            name,
            spec.get("description", ""),
            spec.get("parent", ""),
            _compile(spec.get(language, []), language),
            _compile(spec.get(f"exclude_{language}", []), language),
            _compile(spec.get(f"weak_{language}", []), language),
            spec.get("weak_unless", ""),
            _compile(spec.get(f"names_{language}", []), language),
        )
        for name, spec in _table()["themes"].items()
    )


@functools.cache
def _mask(language: str) -> re.Pattern[str] | None:
    # names are matched with their capitals: "Declaration on [A-Z]…" must not catch "declaration on the"
    return _compile(_table().get("mask", {}).get(language, []), language, ignore_case=False)


def theme_names() -> list[str]:
    """Theme names in codebook order."""
    return list(_table()["themes"])


def required_themes() -> tuple[str, ...]:
    """The five themes every comparison reports (``required`` in themes.toml)."""
    return tuple(_table()["required"])


def display_names() -> dict[str, str]:
    """Readable English names for figures and tables (``label`` in themes.toml)."""
    return {name: spec.get("label", name) for name, spec in _table()["themes"].items()}


def theme_scopes() -> dict[str, str]:
    """What each theme counts, in words (``description`` in themes.toml; docs/codebook.md has the rules)."""
    return {name: spec.get("description", "") for name, spec in _table()["themes"].items()}


def parents() -> dict[str, str]:
    """Each theme's umbrella theme ('' for a top-level theme)."""
    return {name: spec.get("parent", "") for name, spec in _table()["themes"].items()}


def mask_names(text: str, language: str) -> str:
    """The text with names that must not count as themes blanked out (same length, offsets kept)."""
    pattern = _mask(language)
    if pattern is None:
        return text
    return pattern.sub(lambda m: MASK_CHAR * len(m.group(0)), text)


def _collect(
    theme: Theme, pattern: re.Pattern[str] | None, masked: str, text: str, found: dict[str, list[ThemeHit]]
) -> None:
    """Add the matches of ``pattern`` in the masked text that no exclusion of the theme covers."""
    if pattern is None:
        return
    matches = list(pattern.finditer(masked))
    if not matches:
        return
    excluded = [m.span() for m in theme.exclude.finditer(masked)] if theme.exclude else []
    for m in matches:
        if excluded and any(a <= m.start() and m.end() <= b for a, b in excluded):
            continue
        found.setdefault(theme.name, []).append(ThemeHit(theme.name, m.start(), m.end(), text[m.start() : m.end()]))


def _lower_case(text: str) -> str:
    """``text`` in lower case, each character in place: spans must still index the original text, so a
    character whose lower case is longer ("İ") is kept as it is."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def read_themes(text: str, language: str, references: Sequence[Reference] = ()) -> dict[str, tuple[ThemeHit, ...]]:
    """Theme -> its evidence spans, in taxonomy order; parents inherit their children's evidence.

    ``references`` (from :func:`analysis.coding.references.short_references`) are short names in
    ``text`` that stand for a full name: they carry the themes of that name, with both as evidence.
    """
    masked = mask_names(text, language)
    unmasked = text
    if profile(language).cased:
        masked = _lower_case(masked)
        unmasked = _lower_case(text)
    found: dict[str, list[ThemeHit]] = {}
    for theme in taxonomy(language):
        _collect(theme, theme.pattern, masked, text, found)
        _collect(theme, theme.names, unmasked, text, found)
    for ref in references:
        if MASK_CHAR in masked[ref.start : ref.end]:
            continue  # inside a name (a cited title): not a reference the paragraph makes
        for name in read_themes(ref.reading, language):
            found.setdefault(name, []).append(ThemeHit(name, ref.start, ref.end, f"{ref.short}→{ref.full}"))
    for theme in taxonomy(language):
        if theme.weak is not None and theme.weak_unless not in found:
            _collect(theme, theme.weak, masked, text, found)
    for child, parent in ((t.name, t.parent) for t in taxonomy(language)):
        if parent and child in found and parent not in found:
            found[parent] = [ThemeHit(parent, h.start, h.end, h.evidence) for h in found[child]]
    return {t.name: tuple(found[t.name]) for t in taxonomy(language) if t.name in found}
