"""Which mentioned themes are the paragraph's subject (docs/codebook.md, "Mention and subject").

A theme is only mentioned, not the subject, when every span that gives it lies in a list of three or
more items that carry different themes (an omnibus list of crimes or instruments), or when it is
``funding`` and the paragraph's money is only budget-neutral or conditional. A subject sub-theme
keeps its umbrella.
"""

from __future__ import annotations

import re

from analysis.coding.themes import ThemeHit, parents

LIST_ITEMS = 3  # a list of this many themed items or more is an omnibus list
BUDGET_ONLY = frozenset({"budget_neutral", "conditional"})


def _joins_a_list(between: str) -> bool:
    """The words between two themed spans are a list separator, not a new clause."""
    return (
        len(between) <= 60
        and bool(re.search(r"[,、，]|\band\b|和|及|或", between))
        and not re.search(r"[;；。]", between)
    )


def _list_spans(text: str, hits: list[ThemeHit]) -> list[tuple[int, int, set[str]]]:
    """Runs of theme spans joined by list separators: (start, end, themes in the run)."""
    runs: list[tuple[int, int, set[str]]] = []
    for hit in sorted(hits, key=lambda h: h.start):
        if runs:
            start, end, names = runs[-1]
            between = text[end : hit.start]
            if hit.start <= end or (
                len(between) <= 60
                and re.search(r"[,、，]|\band\b|和|及|或", between)
                and not re.search(r"[;；。]", between)
            ):
                runs[-1] = (start, max(end, hit.end), names | {hit.theme})
                continue
        runs.append((hit.start, hit.end, {hit.theme}))
    return runs


def subject_themes(
    text: str, themes: dict[str, tuple[ThemeHit, ...]], funding_kinds: dict[str, tuple[str, ...]]
) -> tuple[str, ...]:
    """The subject themes, a subset of ``themes`` in the same order."""
    umbrella = parents()
    leaves = [
        h
        for name, hits in themes.items()
        for h in hits
        if name not in umbrella.values() or not _child_in(name, themes, umbrella)
    ]
    runs = [run for run in _list_spans(text, leaves) if len(_top(run[2], umbrella)) >= LIST_ITEMS]
    subjects: list[str] = []
    for name, hits in themes.items():
        in_list = all(any(a <= h.start and h.end <= b for a, b, _ in runs) for h in hits)
        if in_list:
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
