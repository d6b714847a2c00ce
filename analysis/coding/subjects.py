"""Which mentioned themes are the paragraph's subject (docs/codebook.md, "Mention and subject").

A theme is only mentioned, not the subject, when every span that gives it lies in a list of three or
more items (an omnibus list of crimes, instruments or measures: three themes, or three items as
printed, themed or not; items are joined by list separators, never across a clause or an "including",
so the umbrella a list illustrates stays the subject), or in a phrase that names a basis or an example ("in
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
LIST_GAP = 80  # characters between two items of one list, at most
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


def _list_spans(text: str, hits: list[ThemeHit], language: str) -> list[tuple[int, int, set[str], int]]:
    """Runs of theme spans joined by list separators: (start, end, themes in the run, items printed in the
    list: the themed ones and the unthemed items next to them)."""
    runs: list[tuple[int, int, set[str], int]] = []
    for hit in sorted(hits, key=lambda h: h.start):
        if runs:
            start, end, names, items = runs[-1]
            if hit.start <= end or _joins_a_list(text[end : hit.start], language):
                runs[-1] = (start, max(end, hit.end), names | {hit.theme}, items + (hit.start > end))
                continue
        runs.append((hit.start, hit.end, {hit.theme}, 1))
    # one themed item among unthemed ones ("violence, terrorism and victimization") is a list item too
    return [
        (a, b, names, items + _unthemed_items(text, a, b, language) if items == 1 else items)
        for a, b, names, items in runs
    ]


def _unthemed_items(text: str, start: int, end: int, language: str) -> int:
    """Items of the same list without a theme, before and after a run ("violence, terrorism and
    victimization": two): each short and joined to the run by separators, within one clause."""
    ends_joined, opens_joined, marks = _joints(language)
    count = 0
    if ends_joined.search(text, max(0, start - JOINT), start):
        before = list(reversed(_items(text[max(0, start - 3 * LIST_GAP) : start], marks)))
        # read outwards: each item before the run with the mark that joins it to the run's side
        count += _count([("", before[0][1])] + [(before[i - 1][0], before[i][1]) for i in range(1, len(before))])
    if opens_joined.match(text, end):
        count += _count(_items(text[end : end + 3 * LIST_GAP], marks))
    return count


JOINT = 16  # characters around a run searched for the separator that joins it to the next item


@functools.cache
def _joints(language: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A separator that ends the text before a run, one that opens the text after it, and the
    separators and stops together (group ``separator`` or ``stop``)."""
    separator, stop, _ = _list_marks(language)
    return (
        re.compile(rf"(?:{separator.pattern})\s*$"),
        re.compile(rf"\s*(?:{separator.pattern})"),
        re.compile(rf"(?P<separator>{separator.pattern})|(?P<stop>{stop.pattern})"),
    )


def _items(window: str, marks: re.Pattern[str]) -> list[tuple[str, str]]:
    """The window cut at separators and stops: (mark, words up to the next mark), the first mark ""
    when the window does not open with one."""
    pieces, position, mark = [], 0, ""
    for m in marks.finditer(window):
        pieces.append((mark, window[position : m.start()]))
        position, mark = m.end(), m.lastgroup or ""
    pieces.append((mark, window[position:]))
    return pieces


def _count(pieces: list[tuple[str, str]]) -> int:
    """How many short items follow one another from the run outwards, each behind a separator."""
    count = 0
    for mark, words in pieces[1:] if pieces and not pieces[0][1].strip() else []:
        if mark != "separator":
            break
        if words.strip():
            if len(words) > LIST_GAP:
                break
            count += 1
        if count >= LIST_ITEMS:
            break
    return count


def subject_themes(
    text: str, language: str, themes: dict[str, tuple[ThemeHit, ...]], funding_kinds: dict[str, tuple[str, ...]]
) -> tuple[str, ...]:
    """The subject themes, a subset of ``themes`` in the same order."""
    umbrella = parents()
    spans = [h for hits in themes.values() for h in hits]
    lists = [
        (a, b)
        for a, b, names, items in _list_spans(text, spans, language)
        if len(_top(names, umbrella)) >= LIST_ITEMS or items >= LIST_ITEMS
    ]
    asides = [m.span() for m in _list_marks(language)[2].finditer(text)]
    subjects: list[str] = []
    for name, hits in themes.items():
        if all(any(a <= h.start and h.end <= b for a, b in lists + asides) for h in hits):
            continue
        if name == "funding" and funding_kinds and set(funding_kinds) <= BUDGET_ONLY:
            continue
        subjects.append(name)
    subjects += [umbrella[name] for name in subjects if umbrella.get(name) in themes]
    order = list(themes)
    return tuple(sorted(set(subjects), key=order.index))


def _top(names: set[str], umbrella: dict[str, str]) -> set[str]:
    """Distinct items of a run, counting a sub-theme and its umbrella once."""
    return {umbrella.get(n) or n for n in names}
