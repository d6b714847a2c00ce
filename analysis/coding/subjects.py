"""Which mentioned themes are the paragraph's subject (docs/codebook.md, "Mention and subject").

A theme is only mentioned, not the subject, when every span that gives it lies in a list of three or
more items that carry different themes (an omnibus list of crimes or instruments; items are joined by
list separators, never across a clause), or in a phrase that names a basis or an example ("in
accordance with …", "such as …"), or when it is ``funding`` and the paragraph's money is only
budget-neutral or conditional. The separators and phrases are data (``[omnibus]`` of themes.toml).
A subject sub-theme keeps its umbrella.
"""

from __future__ import annotations

import functools
import re

from analysis.coding.themes import ThemeHit, parents
from analysis.lang import profile
from analysis.lexicon import read_toml

LIST_ITEMS = 3  # a list of this many themed items or more is an omnibus list
LIST_GAP = 60  # characters between two items of one list, at most
BUDGET_ONLY = frozenset({"budget_neutral", "conditional"})


@functools.cache
def _list_marks(language: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """What joins two items of a list, what ends one, and what names a means, basis or purpose
    (``[omnibus]`` of themes.toml)."""
    spec = read_toml("themes.toml")["omnibus"][language]
    flags = re.IGNORECASE if profile(language).cased else 0
    return re.compile(spec["separator"]), re.compile(spec["stop"]), re.compile(spec["aside"], flags)


def _joins_a_list(between: str, language: str) -> bool:
    """The words between two themed spans are a list separator, not a new clause."""
    separator, stop, _ = _list_marks(language)
    return len(between) <= LIST_GAP and bool(separator.search(between)) and not stop.search(between)


def _list_spans(text: str, hits: list[ThemeHit], language: str) -> list[tuple[int, int, set[str]]]:
    """Runs of theme spans joined by list separators: (start, end, themes in the run)."""
    runs: list[tuple[int, int, set[str]]] = []
    for hit in sorted(hits, key=lambda h: h.start):
        if runs:
            start, end, names = runs[-1]
            if hit.start <= end or _joins_a_list(text[end : hit.start], language):
                runs[-1] = (start, max(end, hit.end), names | {hit.theme})
                continue
        runs.append((hit.start, hit.end, {hit.theme}))
    return runs


def subject_themes(
    text: str, language: str, themes: dict[str, tuple[ThemeHit, ...]], funding_kinds: dict[str, tuple[str, ...]]
) -> tuple[str, ...]:
    """The subject themes, a subset of ``themes`` in the same order."""
    umbrella = parents()
    leaves = [
        h
        for name, hits in themes.items()
        for h in hits
        if name not in umbrella.values() or not _child_in(name, themes, umbrella)
    ]
    lists = [(a, b) for a, b, names in _list_spans(text, leaves, language) if len(_top(names, umbrella)) >= LIST_ITEMS]
    asides = [m.span() for m in _list_marks(language)[2].finditer(text)]
    subjects: list[str] = []
    for name, hits in themes.items():
        if all(any(a <= h.start and h.end <= b for a, b in lists + asides) for h in hits):
            continue
        if name == "funding" and funding_kinds and set(funding_kinds) <= BUDGET_ONLY:
            continue
        subjects.append(name)
    for name in list(subjects):
        parent = umbrella.get(name, "")
        if parent and parent in themes and parent not in subjects:
            subjects.append(parent)
    order = list(themes)
    return tuple(sorted(set(subjects), key=order.index))


def _child_in(name: str, themes: dict[str, tuple[ThemeHit, ...]], umbrella: dict[str, str]) -> bool:
    return any(parent == name and child in themes for child, parent in umbrella.items())


def _top(names: set[str], umbrella: dict[str, str]) -> set[str]:
    """Distinct items of a run, counting a sub-theme and its umbrella once."""
    return {umbrella.get(n) or n for n in names}
