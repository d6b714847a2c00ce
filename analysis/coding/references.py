"""Short references: "the Convention" in an operative paragraph stands for the instrument the same
resolution names in full, so that a paragraph of a resolution on corruption that acts on "the
Convention" is read as being about corruption.

Only the resolution itself is evidence (its title, preamble and operative part up to the paragraph):
a short name is resolved when one full name of its kind is in view, when the title names exactly one,
or when every name in view carries the same themes (two spellings of one plan); otherwise it stays
unresolved, because guessing between two conventions would invent a theme.
The kinds and their patterns are package data (``references.toml``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from analysis.coding.themes import read_themes
from analysis.lexicon import read_toml
from analysis.model import Reference, Resolution

_SHORT_FRAME = re.compile(r"^(?:[Tt]he |该|本)|[《》]")  # around the words a full name must contain
_TRAILING_CONNECTORS = re.compile(r"(?:,| (?:and|of|in|the|to|on|against|by|or|especially|thereto))+$")


@dataclass(frozen=True)
class _Kind:
    name: str
    full: re.Pattern[str]
    short: re.Pattern[str]


@functools.cache
def _table() -> dict:
    return read_toml("references.toml")


@functools.cache
def _qualifier(language: str) -> re.Pattern[str] | None:
    patterns = _table().get("qualifiers", {}).get(language, [])
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


@functools.cache
def _kinds(language: str) -> tuple[_Kind, ...]:
    table = _table()
    return tuple(
        _Kind(
            k["kind"],
            re.compile("|".join(f"(?:{p})" for p in k["full"])),
            re.compile("|".join(f"(?:{p})" for p in k["short"])),
        )
        for k in table.get(language, [])
    )


def _key(name: str) -> str:
    """Two spellings of one name count as one candidate.

    "United Nations Convention against X" = "Convention against X".
    """
    return re.sub(r"\s+", " ", re.sub(r"^United Nations ", "", name.strip("《》"))).casefold()


def _full_names(kind: _Kind, text: str) -> list[tuple[int, int, str]]:
    found = []
    for m in kind.full.finditer(text):
        name = _TRAILING_CONNECTORS.sub("", m.group(0))
        found.append((m.start(), m.start() + len(name), name))
    return found


def _reading(name: str, earlier: dict[str, str], language: str) -> str:
    """What themes are read from: the full name without qualifiers ("particularly in Africa"), with
    short names of earlier kinds replaced by what they stand for."""
    qualifier = _qualifier(language)
    if qualifier is not None:
        name = qualifier.sub("", name)
    for short_pattern, full in earlier.items():
        name = re.sub(short_pattern, _literally(full), name)
    return name


def _literally(text: str) -> Callable[[re.Match[str]], str]:
    """A replacement for ``re.sub`` that inserts ``text`` as it is (a string would have its backslashes
    and group references expanded)."""
    return lambda _m: text


def _choose(seen: dict[str, str], in_title: dict[str, str], earlier: dict[str, str], language: str) -> str | None:
    """The full name a short name stands for, or None when the names in view compete."""
    if not seen:
        return None
    if len(seen) == 1:
        return next(iter(seen.values()))
    if len(in_title) == 1:
        return next(iter(in_title.values()))
    readings = {frozenset(read_themes(_reading(n, earlier, language), language)) for n in seen.values()}
    return list(seen.values())[-1] if len(readings) == 1 else None


@dataclass
class _InView:
    """The full names of one kind the resolution has named so far, by their key: in its title, and in
    the title, preamble and operative paragraphs up to the paragraph being read."""

    title: dict[str, str]
    seen: dict[str, str]

    def add(self, names: list[tuple[int, int, str]]) -> None:
        """Names of a further paragraph, as found by :func:`_full_names`."""
        self.seen.update({_key(n): n for _, _, n in names})

    def containing(self, core: str) -> tuple[dict[str, str], dict[str, str]]:
        """The names in view, and those in the title, that contain the words of a short name."""
        return {k: n for k, n in self.seen.items() if core in n}, {k: n for k, n in self.title.items() if core in n}


def short_references(resolution: Resolution) -> dict[int, tuple[Reference, ...]]:
    """Operative paragraph position -> the short references in its full text that can be resolved."""
    found: dict[int, list[Reference]] = {}
    resolved_single: dict[str, str] = {}  # short pattern of a kind -> the one full name it stands for
    operative = "\n".join(p.full_text for p in resolution.operative)
    for kind in _kinds(resolution.language):
        if not kind.short.search(operative):
            continue  # no short name of this kind to resolve
        every_choice = _resolve_kind(kind, resolution, resolved_single, found)
        if len(every_choice) == 1:
            resolved_single[kind.short.pattern] = every_choice.pop()
    return {position: tuple(sorted(refs, key=lambda r: r.start)) for position, refs in found.items()}


def _resolve_kind(
    kind: _Kind, resolution: Resolution, earlier: dict[str, str], found: dict[int, list[Reference]]
) -> set[str]:
    """Add the references of one kind to ``found`` (by operative position); the full names chosen."""
    title = {_key(n): n for _, _, n in _full_names(kind, resolution.title)}
    view = _InView(title, dict(title))
    for paragraph in resolution.preamble:
        view.add(_full_names(kind, paragraph.full_text))
    every_choice = set()
    for position, paragraph in enumerate(resolution.operative):
        text = paragraph.full_text
        names = _full_names(kind, text)
        view.add(names)
        for reference in _references(kind, text, names, view, earlier, resolution.language):
            every_choice.add(reference.full)
            found.setdefault(position, []).append(reference)
    return every_choice


def _references(
    kind: _Kind, text: str, names: list[tuple[int, int, str]], view: _InView, earlier: dict[str, str], language: str
) -> list[Reference]:
    """The short names of ``kind`` in ``text`` that stand for one full name in view."""
    inside = [(a, b) for a, b, _ in names]
    out = []
    for m in kind.short.finditer(text):
        if any(a <= m.start() < b for a, b in inside):
            continue  # part of a full name written out in this paragraph
        # "the Global Plan of Action" stands only for a Global Plan; "the Plan of Action" for any plan
        core = _SHORT_FRAME.sub("", m.group(0))
        full = _choose(*view.containing(core), earlier, language)
        if full is not None:
            out.append(Reference(m.start(), m.end(), m.group(0), full, _reading(full, earlier, language)))
    return out
