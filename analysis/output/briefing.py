"""The briefing of a new resolution against the one before it: ``brief.html``, a summary that prints
on two A4 pages (what changed, ranked; theme and verb shares with their intervals; how the labels were
made; the sources), and ``changes.html``, every new, dropped, merged, split and modified paragraph with
its word-level diff (characters in Chinese) and its labels before and after.

Both are self-contained: the figure is inline SVG, the styles are in the page, the fonts are the
reader's own, and nothing is fetched. Every quotation is cut from the parsed official text (a
paragraph's words, never retyped); the HTML comes from the Jinja2 templates in
``analysis/output/templates``.

The resolution compared with is, unless named, the one the new resolution's operative paragraph 1
cites as its predecessor (:mod:`analysis.corpus.series_chain`); when that one is not in the corpus,
the latest earlier member of the series that is, and the briefing says so and names the gap.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import json
import math
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import matplotlib
import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from matplotlib.figure import Figure

from analysis.coding.actors import Addressee
from analysis.coding.labels import CODEBOOK_VERSION, ParagraphLabels, classify_resolution
from analysis.coding.money import kind_names
from analysis.coding.themes import required_themes, theme_names
from analysis.coding.verbs import strengths
from analysis.comparison.languages import reading_discrepancies
from analysis.comparison.lineage import (
    CONTAINMENT_CHARS,
    CONTAINMENT_NGRAM,
    MERGED_AT,
    RETAINED_AT,
    gap_years,
    lineage,
    word_diff,
)
from analysis.comparison.shares import CONFIDENCE, share_table
from analysis.comparison.uncertainty import error_rates_path
from analysis.corpus.documents import read_document
from analysis.corpus.registry import Corpus, default_corpus, file_digest
from analysis.corpus.series_chain import chain_gaps, follow_chain, predecessor, session_of
from analysis.errors import InputError, MissingDocument
from analysis.lang import profile
from analysis.lexicon import read_toml
from analysis.model import Resolution
from analysis.output.figures import OKABE_ITO, STYLE, language_name, pretty, short, source_line, top_level_themes
from analysis.util.files import atomic_write_texts
from analysis.version import __version__

SUMMARY_FILE = "brief.html"
CHANGES_FILE = "changes.html"
LANGUAGES = ("zh", "en", "both")  # --lang: one reading, or the English with the Chinese beside it
BOTH = "both"
BOTH_PRIMARY = "en"  # with --lang both, the reading whose shares the summary shows (the Chinese is quoted beside it)
SHOWN_PER_KIND = (3, 3)  # ranked changes of each kind in the summary, one reading or two; changes.html has all
SUMMARY_QUOTE_CHARS = (80, 44)  # the summary's longest quotation, one reading or two (half in Chinese)
RARE_BELOW = 2  # a verb of fewer paragraphs in each resolution is named in the summary, not tabled
SHOWN_THEMES = 10  # the required themes, then the top-level themes whose share moved most
QUOTE_CHARS = 80  # the longest quotation (a longer text is cut, the cut marked outside it); half in Chinese
OPENING_CHARS = 60  # the opening words quoted for a new or dropped paragraph; half in Chinese
LISTED_NUMBERS = 8  # the summary lists the paragraphs where the readings differ up to this many
LISTED_CHANGED = 24  # and the new, dropped, newly asked and no longer asked paragraphs up to this many

# The kinds of change, in the order the summary ranks them: who is asked to act, the work
# given to the bodies the Assembly directs, money, the strength of the verb, whole paragraphs.
KINDS = {
    "asked": "Who is asked to act",
    "mandate": "Work given to the bodies the Assembly directs",
    "funding": "Funding language",
    "verb": "Verbs that changed strength",
    "paragraph": "New and dropped paragraphs",
}
STATUS_ORDER = ("new", "dropped", "merged", "split", "modified", "edited")  # the sections of changes.html
STATUS_NAMES = {
    "new": "New",
    "dropped": "Dropped",
    "merged": "Merged",
    "split": "Split",
    "modified": "Rewritten",
    "edited": "Lightly edited",
}
EARLIER_STYLE = {"color": OKABE_ITO["sky_blue"], "marker": "o", "markerfacecolor": "white"}
LATER_STYLE = {"color": OKABE_ITO["vermillion"], "marker": "s", "markerfacecolor": OKABE_ITO["vermillion"]}
FIGURE_WIDTH = 7.4  # inches: the text width of an A4 page with 12 mm margins
FIGURE_ROW = 0.12  # inches per label row
FIGURE_LABEL_CHARS = 28  # a longer label is shortened in the figure (the tables give it whole)


# -- the comparison chosen ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pairing:
    """Which resolution the new one is compared with, and why: ``given`` (named), ``cited`` (the
    predecessor operative paragraph 1 cites) or ``latest present`` (the cited one is not in the corpus;
    ``missing`` are the absent members the citations name, ``unknown`` those no text names)."""

    new: str
    against: str
    reason: str
    cited: str | None = None
    missing: tuple[str, ...] = ()
    unknown: int = 0


def choose_against(new: Resolution, corpus: Corpus, language: str) -> Pairing:
    """The predecessor ``new`` cites in operative paragraph 1 if the corpus has it in ``language``; else
    the latest earlier member of the chain that it has (with the gap); an ``InputError`` if none."""
    cited = predecessor(new)
    if cited is None:
        raise InputError(new.symbol, "operative paragraph 1 cites no single predecessor; name one with --against")
    if corpus.has(cited, language):
        return Pairing(new.symbol, cited, "cited", cited)
    chain = follow_chain([new, *_earlier_namesakes(new, cited, corpus, language)], new.symbol)
    gaps = chain_gaps(chain)
    if gaps.empty:
        raise MissingDocument(
            cited,
            f"cited by {new.symbol} (operative 1) as its predecessor, is not in the corpus in {language!r}, nor "
            f"is any earlier member of the series; run `crimepol fetch {cited} --lang {language}` or name "
            "one with --against",
        )
    row = gaps.iloc[0]
    return Pairing(
        new.symbol,
        str(row["from"]),
        "latest present",
        cited,
        tuple(row["missing_members"]),
        int(row["unknown_members"]),
    )


def _earlier_namesakes(new: Resolution, cited: str, corpus: Corpus, language: str) -> list[Resolution]:
    """The corpus's resolutions in ``language`` of sessions before the cited one's whose title is the
    new one's (a document without a recorded title is read to see its title)."""
    before = session_of(cited) or 0
    found = []
    for document in corpus.available():
        session = session_of(document.symbol)
        if document.language != language or session is None or session >= before:
            continue
        if document.title and document.title != new.title:
            continue
        resolution = read_document(document)
        if resolution.title == new.title:
            found.append(resolution)
    return found


# -- one reading: two resolutions in one language, paragraph by paragraph ----------------------------------


@dataclass(frozen=True)
class Group:
    """Paragraphs of the two resolutions that lineage ties together: one pair (retained word for word,
    ``edited``: retained with its words lightly edited, modified), several earlier paragraphs merged into
    one later one, one split into several, or one paragraph new or dropped."""

    status: str
    earlier: tuple[int, ...]
    later: tuple[int, ...]

    @property
    def key(self) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
        """What identifies the group in either reading."""
        return self.status, self.earlier, self.later

    @property
    def anchor(self) -> str:
        """Its entry's id in changes.html: ``merged-23-24-to-19``."""
        before = "-".join(str(n) for n in self.earlier) or "none"
        after = "-".join(str(n) for n in self.later) or "none"
        return f"{self.status}-{before}-to-{after}"


def lineage_groups(frame: pd.DataFrame) -> list[Group]:
    """The rows of a :func:`analysis.comparison.lineage.lineage` frame as groups: the rows that name a
    merged-into paragraph (its assigned partner and every paragraph merged into it) are one ``merged``
    group, likewise for a split; every other row is a group of its own. In the frame's order."""
    rows = [
        (str(r.status), None if pd.isna(r.earlier) else int(r.earlier), None if pd.isna(r.later) else int(r.later))
        for r in frame.itertuples(index=False)
    ]
    merged_into = {later for status, _, later in rows if status == "merged"}
    split_from = {earlier for status, earlier, _ in rows if status == "split"}
    groups: dict[tuple[str, int | None, int | None], tuple[list[int], list[int]]] = {}
    for status, earlier, later in rows:
        if later is not None and later in merged_into:
            key: tuple[str, int | None, int | None] = ("merged", None, later)
        elif earlier is not None and earlier in split_from:
            key = ("split", earlier, None)
        else:
            key = (status, earlier, later)
        before, after = groups.setdefault(key, ([], []))
        before += [earlier] if earlier is not None and earlier not in before else []
        after += [later] if later is not None and later not in after else []
    return [Group(key[0], tuple(sorted(b)), tuple(sorted(a))) for key, (b, a) in groups.items()]


@dataclass(frozen=True)
class Reading:
    """The two resolutions read in one language: their paragraphs' labels (by printed number) and the
    lineage between them as groups."""

    language: str
    earlier: Resolution
    later: Resolution
    before: Mapping[int, ParagraphLabels]
    after: Mapping[int, ParagraphLabels]
    groups: tuple[Group, ...]

    @property
    def before_labels(self) -> list[ParagraphLabels]:
        """The earlier resolution's labels, in order."""
        return list(self.before.values())

    @property
    def after_labels(self) -> list[ParagraphLabels]:
        """The later resolution's labels, in order."""
        return list(self.after.values())


def read_pair(earlier: Resolution, later: Resolution) -> Reading:
    """Classify both resolutions and align their operative paragraphs; a retained pair whose texts
    differ is ``edited``."""
    if earlier.language != later.language:
        raise ValueError("a reading compares two resolutions in the same language")
    before = {x.number: x for x in classify_resolution(earlier)}
    after = {x.number: x for x in classify_resolution(later)}
    groups = [
        dataclasses.replace(g, status="edited") if g.status == "retained" and _texts(g, before, after) else g
        for g in lineage_groups(lineage(earlier, later))
    ]
    return Reading(later.language, earlier, later, before, after, tuple(groups))


def _texts(group: Group, before: Mapping[int, ParagraphLabels], after: Mapping[int, ParagraphLabels]) -> bool:
    """Whether the group's earlier and later texts differ."""
    old = [before[n].paragraph.full_text for n in group.earlier]
    new = [after[n].paragraph.full_text for n in group.later]
    return old != new


# -- the changes, ranked ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quote:
    """Words of one resolution (``side`` "before" or "after") in one language, cut from its paragraph."""

    language: str
    side: str
    text: str
    cut: bool = False  # the paragraph goes on after the quotation

    @property
    def language_name(self) -> str:
        """English, Chinese."""
        return language_name(self.language)

    def clip(self, limit: int) -> Quote:
        """The quotation cut to ``limit`` characters (half as many in an unspaced language)."""
        shorter = _quote(self.text, self.language, self.side, limit)
        return dataclasses.replace(shorter, cut=shorter.cut or self.cut)


@dataclass(frozen=True)
class Change:
    """One change: its kind (a key of :data:`KINDS`), what changed in words, the paragraphs in each
    resolution, the strength of the verb concerned (for the ranking) and the quotations that show it."""

    kind: str
    what: str
    earlier: tuple[int, ...]
    later: tuple[int, ...]
    strength: int
    quotes: tuple[Quote, ...]
    readings: tuple[str, ...]  # the languages whose reading found it
    anchor: str = ""  # the id of its paragraphs' entry in changes.html

    @property
    def key(self) -> tuple[str, str, tuple[int, ...], tuple[int, ...]]:
        """What identifies the change in either reading."""
        return self.kind, self.what, self.earlier, self.later

    def rank_key(self) -> tuple[int, int, int, int]:
        """Kind (in :data:`KINDS` order), then the stronger verb first, then the paragraph."""
        at = self.later[0] if self.later else self.earlier[0]
        return list(KINDS).index(self.kind), -self.strength, 0 if self.later else 1, at


def _quotes(words: Iterable[str], language: str, side: str) -> tuple[Quote, ...]:
    """A quotation of each of ``words`` that is not blank."""
    return tuple(_quote(w, language, side) for w in words if w.strip())


def _quote(text: str, language: str, side: str, limit: int = QUOTE_CHARS) -> Quote:
    """A quotation from the start of ``text`` (an exact prefix): at most ``limit`` characters of a
    spaced language, cut where a word ends, half as many of an unspaced one (a Chinese character is
    about two letters wide)."""
    text = text.strip()
    spaced = profile(language).spaced
    limit = limit if spaced else limit // 2
    if len(text) <= limit:
        return Quote(language, side, text)
    cut = text[:limit]
    if spaced and not text[limit].isspace():
        cut = cut[: cut.rfind(" ")] if " " in cut else cut  # a word longer than the limit is cut as it is
    return Quote(language, side, cut.rstrip(), True)


@functools.cache
def _addressee_names() -> dict[str, str]:
    return {code: str(entry["label"]) for code, entry in read_toml("addressees.toml")["addressees"].items()}


@functools.cache
def _funding_names() -> dict[str, str]:
    return {code: str(entry["label"]) for code, entry in read_toml("funding_kinds.toml")["kinds"].items()}


def _asking_words(x: ParagraphLabels, asked: Addressee) -> str:
    """The verb that asks and the words naming whom it asks ("Requests the Office"), or the words
    naming the addressee alone when the two are far apart."""
    text = x.paragraph.text.strip()
    verbs = [h for h in x.verbs.hits if h.start <= asked.start]
    start = verbs[-1].start if verbs else asked.start
    return text[start : asked.end] if asked.end - start <= QUOTE_CHARS else asked.evidence


def _asks(side: Sequence[ParagraphLabels]) -> dict[str, tuple[str, str]]:
    """Addressee code -> (the verb asking it, the words) over the paragraphs of one side of a group."""
    found: dict[str, tuple[str, str]] = {}
    for x in side:
        for asked in x.addressees:
            found.setdefault(asked.code, (asked.verb, _asking_words(x, asked)))
    return found


def _strength(verb: str) -> int:
    return strengths().get(verb) or 0


def _asked_changes(group: Group, before: Sequence[ParagraphLabels], after: Sequence[ParagraphLabels]) -> list[Change]:
    names, language = _addressee_names(), (before or after)[0].language
    old, new = _asks(before), _asks(after)
    changes = []
    for code in [c for c in new if c not in old]:
        verb, words = new[code]
        what = f"{names.get(code, code)} newly asked ({pretty(verb).lower()})"
        quote = _quote(words, language, "after")
        changes.append(Change("asked", what, group.earlier, group.later, _strength(verb), (quote,), (language,)))
    for code in [c for c in old if c not in new]:
        verb, words = old[code]
        what = f"{names.get(code, code)} no longer asked (was: {pretty(verb).lower()})"
        quote = _quote(words, language, "before")
        changes.append(Change("asked", what, group.earlier, group.later, _strength(verb), (quote,), (language,)))
    return changes


def _mandates(side: Sequence[ParagraphLabels]) -> dict[tuple[str, str], tuple[str, int]]:
    """(body, kind) -> (the words that gave it, the strength of the paragraph's verb); the session of a
    report is left out (asking for the next report is the same work renewed)."""
    found: dict[tuple[str, str], tuple[str, int]] = {}
    for x in side:
        for m in x.mandates:
            found.setdefault((m.body, m.kind), (m.evidence, x.verbs.strength or 0))
    return found


def _mandate_changes(group: Group, before: Sequence[ParagraphLabels], after: Sequence[ParagraphLabels]) -> list[Change]:
    names, language = _addressee_names(), (before or after)[0].language
    old, new = _mandates(before), _mandates(after)
    changes = []
    for (body, kind), (words, strength) in new.items():
        if (body, kind) not in old:
            what = f"{names.get(body, body)}: new {kind}"
            quotes = _quotes([words], language, "after")
            changes.append(Change("mandate", what, group.earlier, group.later, strength, quotes, (language,)))
    for (body, kind), (words, strength) in old.items():
        if (body, kind) not in new:
            what = f"{names.get(body, body)}: {kind} no longer given"
            quotes = _quotes([words], language, "before")
            changes.append(Change("mandate", what, group.earlier, group.later, strength, quotes, (language,)))
    return changes


def _money(side: Sequence[ParagraphLabels]) -> dict[str, str]:
    """Funding kind -> the first words read as it, over one side of a group."""
    found: dict[str, str] = {}
    for x in side:
        for kind, words in x.funding_kinds.items():
            found.setdefault(kind, words[0] if words else "")
    return found


def _funding_changes(group: Group, before: Sequence[ParagraphLabels], after: Sequence[ParagraphLabels]) -> list[Change]:
    names, language = _funding_names(), (before or after)[0].language
    old, new = _money(before), _money(after)
    if old.keys() == new.keys():
        return []
    quotes = _quotes([w for k, w in old.items() if k not in new], language, "before")
    quotes += _quotes([w for k, w in new.items() if k not in old], language, "after")
    listed = [names.get(k, k) for k in kind_names()]
    old_names = " and ".join(n for k, n in zip(kind_names(), listed) if k in old)
    new_names = " and ".join(n for k, n in zip(kind_names(), listed) if k in new)
    if not old:
        what = f"Funding language appeared: {new_names}"
    elif not new:
        what = f"Funding language disappeared: {old_names}"
    else:
        what = f"Funding language changed kind: {old_names} → {new_names}"
    strength = max((x.verbs.strength or 0 for x in [*before, *after]), default=0)
    return [Change("funding", what, group.earlier, group.later, strength, quotes, (language,))]


def _verb_changes(group: Group, before: Sequence[ParagraphLabels], after: Sequence[ParagraphLabels]) -> list[Change]:
    if not before or not after:
        return []
    x, y = before[0], after[0]
    if x.verbs.strength is None or y.verbs.strength is None or x.verbs.strength == y.verbs.strength:
        return []
    direction = "Stronger" if y.verbs.strength > x.verbs.strength else "Weaker"
    what = (
        f"{direction} verb: {pretty(x.verbs.verb).lower()} ({x.verbs.strength}) → "
        f"{pretty(y.verbs.verb).lower()} ({y.verbs.strength})"
    )
    quotes = _quotes([x.lead], x.language, "before") + _quotes([y.lead], y.language, "after")
    strength = max(x.verbs.strength, y.verbs.strength)
    return [Change("verb", what, group.earlier, group.later, strength, quotes, (x.language,))]


def _paragraph_changes(
    group: Group, before: Sequence[ParagraphLabels], after: Sequence[ParagraphLabels]
) -> list[Change]:
    if group.status == "new":
        x, what, side = after[0], "New paragraph", "after"
    elif group.status == "dropped":
        x, what, side = before[0], "Paragraph dropped", "before"
    else:
        return []
    quote = _quote(x.paragraph.text, x.language, side, OPENING_CHARS)
    return [Change("paragraph", what, group.earlier, group.later, x.verbs.strength or 0, (quote,), (x.language,))]


CHANGE_READERS = (_asked_changes, _mandate_changes, _funding_changes, _verb_changes, _paragraph_changes)


def reading_changes(reading: Reading) -> list[Change]:
    """Every change one reading finds, group by group, unranked."""
    changes = []
    for group in reading.groups:
        before = [reading.before[n] for n in group.earlier]
        after = [reading.after[n] for n in group.later]
        for read in CHANGE_READERS:
            changes += [dataclasses.replace(c, anchor=group.anchor) for c in read(group, before, after)]
    return changes


def ranked_changes(readings: Sequence[Reading]) -> list[Change]:
    """The changes of every reading, one entry for a change two readings find (with both readings'
    quotations), ranked by :meth:`Change.rank_key`."""
    merged: dict[tuple[str, str, tuple[int, ...], tuple[int, ...]], Change] = {}
    for reading in readings:
        for change in reading_changes(reading):
            known = merged.get(change.key)
            if known is None:
                merged[change.key] = change
                continue
            merged[change.key] = dataclasses.replace(
                known,
                strength=max(known.strength, change.strength),
                quotes=known.quotes + change.quotes,
                readings=known.readings + change.readings,
            )
    return sorted(merged.values(), key=Change.rank_key)


# -- shares with their intervals --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShareRow:
    """One label's share in the two resolutions (Wilson intervals) and the change (Newcombe interval,
    Fisher's p adjusted by Holm over every label of its table)."""

    label: str
    name: str
    before: tuple[int, int, float, float, float]  # count, paragraphs, share, low, high
    after: tuple[int, int, float, float, float]
    difference: tuple[float, float, float]
    p_adjusted: float


def share_rows(reading: Reading, kind: str, labels: Sequence[str]) -> list[ShareRow]:
    """:func:`analysis.comparison.shares.share_table` of the two resolutions for ``labels`` (the family
    over which p is adjusted), one row per label."""
    table = share_table(
        [*reading.before_labels, *reading.after_labels],
        kind,
        (reading.earlier.symbol, reading.language),
        labels,
    )
    rows = []
    for label, part in table.groupby("label", sort=False):
        old = part[part["symbol"] == reading.earlier.symbol].iloc[0]
        new = part[part["symbol"] == reading.later.symbol].iloc[0]
        rows.append(
            ShareRow(
                str(label),
                pretty(str(label)),
                _share_cells(old),
                _share_cells(new),
                (float(new["difference"]), float(new["difference_low"]), float(new["difference_high"])),
                float(new["p_adjusted"]),
            )
        )
    return rows


def _share_cells(row: pd.Series) -> tuple[int, int, float, float, float]:
    return (
        int(row["count"]),
        int(row["paragraphs"]),
        float(row["share"]),
        float(row["share_low"]),
        float(row["share_high"]),
    )


def theme_rows(reading: Reading) -> tuple[list[ShareRow], int]:
    """The required themes and then the top-level themes whose share moved most (``SHOWN_THEMES`` in
    all), with p adjusted over every top-level theme; and how many themes that family holds."""
    family = top_level_themes(theme_names())
    rows = share_rows(reading, "theme", family)
    required = [r for r in rows if r.label in required_themes()]
    others = sorted((r for r in rows if r.label not in required_themes()), key=lambda r: -abs(r.difference[0]))
    return required + others[: max(0, SHOWN_THEMES - len(required))], len(family)


def verb_rows(reading: Reading) -> list[ShareRow]:
    """Every primary verb of either resolution, strongest first."""
    seen = {x.verbs.verb for x in [*reading.before_labels, *reading.after_labels] if x.verbs.verb}
    order = sorted(seen, key=lambda v: (-_strength(v), v))
    return share_rows(reading, "verb", order)


def is_rare(row: ShareRow) -> bool:
    """A label of fewer than ``RARE_BELOW`` paragraphs in each resolution (named, not drawn or tabled)."""
    return row.before[0] < RARE_BELOW and row.after[0] < RARE_BELOW


# -- the figure ----------------------------------------------------------------------------------------------


def share_figure(panels: Sequence[tuple[str, Sequence[ShareRow]]], earlier: str, later: str, source: str) -> Figure:
    """One panel per table: each label's share in the two resolutions, dot and Wilson interval (at
    :data:`~analysis.comparison.shares.CONFIDENCE`)."""
    tallest = max(len(rows) for _, rows in panels)
    with matplotlib.rc_context(STYLE | {"font.size": 8, "axes.titlesize": 9, "axes.labelsize": 8}):
        fig = Figure(figsize=(FIGURE_WIDTH, 0.9 + FIGURE_ROW * tallest))
        axes = fig.subplots(1, len(panels), squeeze=False)[0]
        for ax, (title, rows) in zip(axes, panels):
            for offset, side, style in ((-0.17, 0, EARLIER_STYLE), (0.17, 1, LATER_STYLE)):
                cells = [(r.before, r.after)[side] for r in rows]
                y = [i + offset for i in range(len(rows))]
                x = [100 * c[2] for c in cells]
                err = [[100 * (c[2] - c[3]) for c in cells], [100 * (c[4] - c[2]) for c in cells]]
                ax.errorbar(x, y, xerr=err, linestyle="none", markersize=4, elinewidth=1, capsize=0, **style)
            names = [textwrap.shorten(r.name, FIGURE_LABEL_CHARS, placeholder="…") for r in rows]
            ax.set_yticks(range(len(rows)), names, fontsize=7)
            ax.set_ylim(tallest - 0.5, -0.5)
            ax.set_xlim(-2, 100)
            ax.set_title(title, loc="left")
            ax.set_xlabel(f"% of operative paragraphs ({_percent(CONFIDENCE)} % interval)")
            ax.grid(axis="x", color="#dddddd", linewidth=0.6)
            ax.set_axisbelow(True)
        handles = [
            axes[0].errorbar([], [], xerr=[], linestyle="none", markersize=4, **style)
            for style in (EARLIER_STYLE, LATER_STYLE)
        ]
        fig.legend(handles, [short(earlier), short(later)], loc="upper right", ncol=2, frameon=False, fontsize=8)
        fig.text(0.005, 0.01, source, fontsize=6, color="#444444", ha="left", va="bottom", wrap=True)
        fig.tight_layout(rect=(0, 0.06, 1, 0.95))
        return fig


_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
# matplotlib's one style rule, "*{stroke-linejoin: round; stroke-linecap: butt}", would reach every SVG of
# the page it is put in (a notebook's icons too); brief.css gives it to the briefing's figure alone
_GLOBAL_STYLE = re.compile(r"<style\b[^>]*>.*?</style>\s*", re.DOTALL)
_NAMESPACES = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')


def inline_svg(fig: Figure) -> Markup:
    """The figure as an ``<svg>`` element to put inside HTML: no XML prologue, no metadata, no namespace
    declarations (HTML gives inline SVG its namespace), the same bytes on every run."""
    buffer = io.StringIO()
    with matplotlib.rc_context(STYLE):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = _PROLOGUE.sub("", buffer.getvalue(), count=1)
    text = _NAMESPACES.sub("", _GLOBAL_STYLE.sub("", _METADATA.sub("", text)))
    if not text.startswith("<svg"):
        raise ValueError("matplotlib wrote no <svg> element")
    return Markup(text)


# -- the word-level diff of one group, and its labels before and after -------------------------------------


@dataclass(frozen=True)
class Piece:
    """A stretch of a diff: ``equal`` (in both texts), ``delete`` (the earlier text only), ``insert``
    (the later text only), or ``boundary`` (where the next of several earlier paragraphs begins; its
    text is that paragraph's number)."""

    tag: str
    text: str


def _split_at(pieces: Iterable[tuple[str, str]], boundaries: Mapping[int, int]) -> list[Piece]:
    """``pieces`` of :func:`~analysis.comparison.lineage.word_diff` with a ``boundary`` piece wherever the
    earlier text (the equal and deleted pieces, in order) reaches an offset of ``boundaries`` (offset ->
    paragraph number); a piece that spans one is cut there, so that no piece runs across two paragraphs."""
    out: list[Piece] = []
    at = 0
    for tag, text in pieces:
        if tag == "insert":
            out.append(Piece(tag, text))
            continue
        cuts = sorted(b for b in boundaries if at <= b < at + len(text))
        start = 0
        for cut in cuts:
            out += [Piece(tag, text[start : cut - at]), Piece("boundary", str(boundaries[cut]))]
            start = cut - at
        out.append(Piece(tag, text[start:]))
        at += len(text)
    return [p for p in out if p.text]


def group_diff(group: Group, reading: Reading) -> list[Piece]:
    """The word-level diff (characters in Chinese) of a group's earlier and later text; the earlier
    paragraphs of a merge are read one after the other (a space between), the later ones of a split
    likewise, and a merge's pieces are cut where each earlier paragraph begins. A new paragraph is one
    insertion, a dropped one one deletion."""
    earlier = [reading.before[n].paragraph.full_text for n in group.earlier]
    later = [reading.after[n].paragraph.full_text for n in group.later]
    if not earlier:
        return [Piece("insert", " ".join(later))]
    if not later:
        return [Piece("delete", " ".join(earlier))]
    boundaries, offset = {}, 0
    for number, text in zip(group.earlier, earlier):
        if offset:
            boundaries[offset] = number
        offset += len(text) + 1
    pieces = word_diff(" ".join(earlier), " ".join(later), reading.language)
    return _split_at(pieces, boundaries)


def label_summary(side: Sequence[ParagraphLabels]) -> dict[str, str]:
    """What the paragraphs of one side of a group are read as, in words, by dimension ("" if none)."""
    if not side:
        return dict.fromkeys(LABEL_ROWS, "")
    addressees, money = _addressee_names(), _funding_names()
    first = side[0].verbs
    verb = f"{pretty(first.verb).lower()} ({first.strength})" if first.verb else ""
    themes = dict.fromkeys(t for x in side for t in x.themes)
    asked = dict.fromkeys(addressees.get(c, c) for x in side for c in x.addressee_codes())
    mandates = dict.fromkeys(f"{addressees.get(m.body, m.body)}: {m.kind}" for x in side for m in x.mandates)
    funding = dict.fromkeys(money.get(k, k) for x in side for k in x.funding_kinds)
    return {
        "Primary verb (strength)": verb,
        "Themes": ", ".join(pretty(t) for t in themes),
        "Asked to act": ", ".join(asked),
        "Mandates": ", ".join(mandates),
        "Funding language": ", ".join(funding),
    }


LABEL_ROWS = ("Primary verb (strength)", "Themes", "Asked to act", "Mandates", "Funding language")


@dataclass(frozen=True)
class EntryReading:
    """One group as one language reads it: the diff and the labels of each side."""

    language: str
    pieces: tuple[Piece, ...]
    labels: tuple[tuple[str, str, str], ...]  # (dimension, before, after)

    @property
    def language_name(self) -> str:
        """English, Chinese."""
        return language_name(self.language)


@dataclass(frozen=True)
class Entry:
    """A changed group of paragraphs in changes.html, in every reading that finds it."""

    group: Group
    readings: tuple[EntryReading, ...]


def entries(readings: Sequence[Reading]) -> list[Entry]:
    """Every group that is not retained word for word, in :data:`STATUS_ORDER` and then paragraph order, with each
    reading's diff and labels."""
    found: dict[tuple[str, tuple[int, ...], tuple[int, ...]], tuple[Group, list[EntryReading]]] = {}
    for reading in readings:
        for group in reading.groups:
            if group.status not in STATUS_ORDER:
                continue
            before = label_summary([reading.before[n] for n in group.earlier])
            after = label_summary([reading.after[n] for n in group.later])
            labels = tuple((row, before[row], after[row]) for row in LABEL_ROWS)
            found.setdefault(group.key, (group, []))[1].append(
                EntryReading(reading.language, tuple(group_diff(group, reading)), labels)
            )

    def order(item: tuple[Group, list[EntryReading]]) -> tuple[int, int]:
        group = item[0]
        return STATUS_ORDER.index(group.status), (group.later or group.earlier)[0]

    return [Entry(group, tuple(parts)) for group, parts in sorted(found.values(), key=order)]


# -- how the labels were made: held-out accuracy and the two readings -------------------------------------

ACCURACY_DIMENSIONS = {
    "themes": "Themes mentioned",
    "subject_themes": "Subject themes",
    "addressees": "Who is asked to act",
    "funding_kind": "Kind of money",
}


@dataclass(frozen=True)
class Accuracy:
    """One dimension's held-out figures in one language (``error_rates.json``): the share of the labels
    given that the annotators gave too (precision) and of theirs that were given (recall), pooled over
    the codes."""

    dimension: str
    language: str
    paragraphs: int
    precision: float
    recall: float


# what each kind of change ranked is read from, as error_rates.json names the dimension
KIND_DIMENSIONS = {
    "asked": ("addressees", "whom a paragraph asks to act"),
    "mandate": ("mandates", "the work given to bodies"),
    "funding": ("funding_kind", "the kind of money"),
    "verb": ("verb", "the primary verb and so its strength"),
}


def unscored(document: Mapping[str, Any] | None) -> list[str]:
    """What the ranked changes are read from that ``error_rates.json`` (``None``: unreadable) has no
    held-out figures for, in :data:`KINDS` order."""
    held = set(document.get("dimensions", {})) if document is not None else set()
    return [words for dimension, words in KIND_DIMENSIONS.values() if dimension not in held]


def held_out_accuracy(languages: Sequence[str]) -> tuple[list[Accuracy], str, list[str]]:
    """The held-out figures for each language read, a note (where the file is, or that it is missing),
    and what the ranked changes are read from that the file has no figures for. A file that is there
    but not as ``crimepol evaluate`` writes it is an ``InputError`` naming it."""
    path = error_rates_path()
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [], f"{path.name} is missing; `crimepol evaluate --set held-out` writes it", unscored(None)
    except (OSError, ValueError) as error:
        raise InputError(path, f"cannot be read as JSON ({error})") from None
    try:
        rows = [row for language in languages for row in _accuracy_rows(document, language)]
        note = f"{path.name}: the {document.get('set', '')} gold set ({document.get('gold_file', '')})"
        return rows, note, unscored(document)
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        problem = f"{type(error).__name__}: {error}"
        raise InputError(path, f"is not as `crimepol evaluate` writes it ({problem})") from None


def _accuracy_rows(document: Mapping[str, Any], language: str) -> list[Accuracy]:
    rows = []
    for key, name in ACCURACY_DIMENSIONS.items():
        part = document.get("dimensions", {}).get(key, {}).get(language)
        if not part:
            continue
        counts = part["codes"].values()
        tp, fp, fn = (sum(int(c[k]) for c in counts) for k in ("tp", "fp", "fn"))
        precision = tp / (tp + fp) if tp + fp else math.nan
        recall = tp / (tp + fn) if tp + fn else math.nan
        rows.append(Accuracy(name, language, int(part.get("paragraphs", 0)), precision, recall))
    return rows


@dataclass(frozen=True)
class ReadingDifference:
    """Where the English and Chinese readings of one resolution give different labels: per dimension,
    the paragraphs concerned; ``note`` when one of the two texts is not in the corpus."""

    symbol: str
    paragraphs: int
    by_dimension: tuple[tuple[str, tuple[int, ...]], ...]
    differing: int
    note: str = ""


def reading_difference(symbol: str, english: Resolution | None, chinese: Resolution | None) -> ReadingDifference:
    """:func:`analysis.comparison.languages.reading_discrepancies` of the two texts, by dimension."""
    if english is None or chinese is None:
        held = language_name("en" if english is not None else "zh")
        return ReadingDifference(symbol, 0, (), 0, f"in the corpus in {held} only: the readings are not compared")
    frame = reading_discrepancies(classify_resolution(english), classify_resolution(chinese))
    dimensions = tuple(
        (str(dimension), tuple(sorted(int(n) for n in part["paragraph"].unique())))
        for dimension, part in frame.groupby("dimension", sort=False)
    )
    return ReadingDifference(symbol, len(chinese.operative), dimensions, int(frame["paragraph"].nunique()))


# -- sources --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceFile:
    """One text read: its symbol, language, file name, SHA-256 and where it came from (the manifest)."""

    symbol: str
    language: str
    file: str
    sha256: str
    source: str


def source_file(resolution: Resolution, corpus: Corpus) -> SourceFile:
    """The manifest's record of the file a resolution was read from; for a file outside the corpus,
    its name and SHA-256 as found."""
    path = Path(resolution.source) if resolution.source else None
    for document in corpus.find(resolution.symbol, resolution.language):
        if document.available and path is not None and document.location is not None:
            if document.location.resolve() == path.resolve():
                return SourceFile(
                    resolution.symbol,
                    resolution.language,
                    document.location.name,
                    document.sha256 or file_digest(document.location),
                    document.source,
                )
    if path is not None and path.is_file():
        return SourceFile(resolution.symbol, resolution.language, path.name, file_digest(path), "a file given")
    return SourceFile(resolution.symbol, resolution.language, path.name if path else "", "", "not a file")


# -- the briefing -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AskedRow:
    """One addressee: the paragraphs asking it in each resolution, and those where it is newly asked or
    no longer asked (paragraph numbers of the later and of the earlier resolution)."""

    name: str
    before: int
    after: int
    newly: tuple[int, ...]
    no_longer: tuple[int, ...]


def asked_rows(reading: Reading) -> list[AskedRow]:
    """Every addressee asked in either resolution, in codebook order."""
    newly: dict[str, list[int]] = {}
    no_longer: dict[str, list[int]] = {}
    for group in reading.groups:
        old = _asks([reading.before[n] for n in group.earlier])
        new = _asks([reading.after[n] for n in group.later])
        for code in new.keys() - old.keys():
            newly.setdefault(code, []).extend(group.later)
        for code in old.keys() - new.keys():
            no_longer.setdefault(code, []).extend(group.earlier)
    rows = []
    for code, name in _addressee_names().items():
        before = sum(code in x.addressee_codes() for x in reading.before_labels)
        after = sum(code in x.addressee_codes() for x in reading.after_labels)
        if before or after:
            rows.append(
                AskedRow(
                    name, before, after, tuple(sorted(newly.get(code, []))), tuple(sorted(no_longer.get(code, [])))
                )
            )
    return rows


@dataclass(frozen=True, repr=False)
class Briefing:
    """What ``crimepol brief`` writes, and what ``analysis.brief`` returns: the readings compared, the
    changes ranked, the shares, the methods and the sources; ``save(dir)`` writes brief.html and
    changes.html, and Jupyter shows the summary inline."""

    lang: str
    pairing: Pairing
    readings: tuple[Reading, ...]  # the summary's reading first
    changes: tuple[Change, ...]
    themes: tuple[ShareRow, ...]
    theme_family: int
    verbs: tuple[ShareRow, ...]
    asked: tuple[AskedRow, ...]
    figure: Markup
    accuracy: tuple[Accuracy, ...]
    accuracy_note: str
    unscored: tuple[str, ...]  # what changes are read from that has no held-out figures (KIND_DIMENSIONS)
    differences: tuple[ReadingDifference, ...]
    sources: tuple[SourceFile, ...]
    entries: tuple[Entry, ...] = field(default=())

    def __repr__(self) -> str:
        return (
            f"<Briefing {self.new.symbol} against {self.against.symbol} ({self.lang}): {len(self.changes)} "
            f"changes ranked; .save(directory) writes {SUMMARY_FILE} and {CHANGES_FILE}>"
        )

    @property
    def new(self) -> Resolution:
        """The new resolution, in the summary's language."""
        return self.readings[0].later

    @property
    def against(self) -> Resolution:
        """The resolution it is compared with, in the summary's language."""
        return self.readings[0].earlier

    @property
    def gap_years(self) -> float:
        """Years between the two adoptions (NaN when a date is unknown)."""
        return gap_years(self.against, self.new)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages read, the summary's first."""
        return tuple(r.language for r in self.readings)

    def counts(self) -> dict[str, int]:
        """Groups of the summary's reading by status."""
        found = {status: 0 for status in ("retained", *STATUS_ORDER)}
        for group in self.readings[0].groups:
            found[group.status] = found.get(group.status, 0) + 1
        return found

    def groups(self, status: str) -> list[Group]:
        """The summary's reading's groups of one status."""
        return [g for g in self.readings[0].groups if g.status == status]

    def ranked(self) -> list[tuple[int, Change]]:
        """The changes with their ranks (from 1)."""
        return list(enumerate(self.changes, start=1))

    @property
    def common_verbs(self) -> list[ShareRow]:
        """The verbs the summary tables and draws (see :func:`is_rare`)."""
        return [r for r in self.verbs if not is_rare(r)]

    @property
    def rare_verbs(self) -> list[ShareRow]:
        """The verbs the summary only names, with their counts."""
        return [r for r in self.verbs if is_rare(r)]

    @property
    def quote_chars(self) -> int:
        """The summary's longest quotation (:data:`SUMMARY_QUOTE_CHARS`)."""
        return SUMMARY_QUOTE_CHARS[len(self.readings) > 1]

    def by_kind(self, shown: int | None = None) -> list[tuple[str, list[tuple[int, Change]], int]]:
        """Per kind of change (in :data:`KINDS` order): its first ``shown`` changes (by default as many as
        :data:`SHOWN_PER_KIND` gives the summary) with their ranks, and how many there are in all."""
        shown = SHOWN_PER_KIND[len(self.readings) > 1] if shown is None else shown
        out = []
        for kind in KINDS:
            mine = [(rank, c) for rank, c in self.ranked() if c.kind == kind]
            out.append((kind, mine[:shown], len(mine)))
        return out

    def summary_html(self) -> str:
        """brief.html: a standalone page."""
        return _render("brief.html.j2", self, standalone=True)

    def changes_html(self) -> str:
        """changes.html: a standalone page."""
        return _render("changes.html.j2", self, standalone=True)

    def _repr_html_(self) -> str:
        return _render("fragment.html.j2", self, standalone=False)

    def save(self, directory: str | Path = ".") -> list[Path]:
        """Write brief.html and changes.html into ``directory`` (made if needed), both or neither: both
        pages are rendered and written beside their places before either is renamed into place, and a
        failed rename puts back what was there. Returns the two paths, the summary first."""
        directory = Path(directory)
        summary, changes = self.summary_html(), self.changes_html()
        atomic_write_texts([(directory / CHANGES_FILE, changes), (directory / SUMMARY_FILE, summary)])
        return [directory / SUMMARY_FILE, directory / CHANGES_FILE]


def _load(item: str | Resolution, language: str, corpus: Corpus) -> Resolution:
    """A resolution in ``language``: the one given if it is in that language, else its symbol's text from
    the corpus (a ``MissingDocument`` saying how to get it when absent)."""
    if isinstance(item, Resolution):
        if item.language == language:
            return item
        item = item.symbol
    return read_document(corpus.get(item, language))


def _symbol(item: str | Resolution) -> str:
    return item.symbol if isinstance(item, Resolution) else item


def _other_text(
    symbol: str, language: str, known: Mapping[tuple[str, str], Resolution], corpus: Corpus
) -> Resolution | None:
    if (symbol, language) in known:
        return known[(symbol, language)]
    return read_document(corpus.get(symbol, language)) if corpus.has(symbol, language) else None


def build_briefing(
    new: str | Resolution,
    against: str | Resolution | None = None,
    lang: str = "zh",
    corpus: Corpus | None = None,
) -> Briefing:
    """The briefing of ``new`` against ``against`` (by default the predecessor that ``new``'s operative
    paragraph 1 cites, or the latest earlier member of its series in the corpus when that one is not):
    symbols or parsed resolutions, read in ``lang`` ("zh", "en", or "both": the English with the
    Chinese beside it)."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    corpus = corpus if corpus is not None else default_corpus()
    primary = BOTH_PRIMARY if lang == BOTH else lang
    languages = [primary, *(["zh"] if lang == BOTH else [])]
    later = _load(new, primary, corpus)
    if against is None:
        pairing = choose_against(later, corpus, primary)
        against = pairing.against
    else:
        cited = predecessor(later)
        pairing = Pairing(later.symbol, _symbol(against), "cited" if _symbol(against) == cited else "given", cited)
    if pairing.against == later.symbol:
        raise InputError(later.symbol, "is compared with itself; name an earlier resolution with --against")
    readings = [read_pair(_load(against, language, corpus), _load(new, language, corpus)) for language in languages]
    return _assemble(lang, pairing, readings, corpus)


def _assemble(lang: str, pairing: Pairing, readings: list[Reading], corpus: Corpus) -> Briefing:
    first = readings[0]
    themes, family = theme_rows(first)
    verbs = verb_rows(first)
    source = source_line(
        [first.earlier.symbol, first.later.symbol], newest=first.later.adopted, language=first.language
    )
    drawn = [("Themes", themes), ("Primary verbs, strongest first", [r for r in verbs if not is_rare(r)])]
    figure = share_figure(drawn, pairing.against, pairing.new, source)
    known = {(r.symbol, r.language): r for reading in readings for r in (reading.earlier, reading.later)}
    differences, extra = [], []
    for symbol in (first.later.symbol, first.earlier.symbol):
        english, chinese = (_other_text(symbol, language, known, corpus) for language in ("en", "zh"))
        differences.append(reading_difference(symbol, english, chinese))
        extra += [r for r in (english, chinese) if r is not None and (r.symbol, r.language) not in known]
    accuracy, note, missing = held_out_accuracy([r.language for r in readings])
    texts = [*known.values(), *extra]
    return Briefing(
        lang,
        pairing,
        tuple(readings),
        tuple(ranked_changes(readings)),
        tuple(themes),
        family,
        tuple(verbs),
        tuple(asked_rows(first)),
        inline_svg(figure),
        tuple(accuracy),
        note,
        tuple(missing),
        tuple(differences),
        tuple(source_file(r, corpus) for r in sorted(texts, key=lambda r: (r.symbol, r.language))),
        tuple(entries(readings)),
    )


# -- rendering ----------------------------------------------------------------------------------------------


def _percent(value: float) -> str:
    return "–" if math.isnan(value) else f"{100 * value:.0f}"


def _numbers(numbers: Iterable[int], limit: int = 0) -> str:
    """``2, 8, 20``; "—" for none; more than ``limit`` (when given) as a count."""
    listed = [str(n) for n in numbers]
    if limit and len(listed) > limit:
        return f"{len(listed)} paragraphs"
    return ", ".join(listed) if listed else "—"


def _points(difference: Sequence[float]) -> str:
    """A difference of shares in percentage points with its interval: ``+3 (−8 to +14)``."""
    if any(math.isnan(v) for v in difference):
        return "–"
    value, low, high = (f"{100 * v:+.0f}".replace("-", "−") for v in difference)
    return f"{value} ({low} to {high})"


def _p_value(p: float) -> str:
    if math.isnan(p):
        return "–"
    return "< 0.001" if p < 0.001 else f"{p:.3f}" if p < 0.01 else f"{p:.2f}"


def _date(resolution: Resolution) -> str:
    adopted = resolution.adopted
    return f"{adopted.day} {adopted:%B} {adopted.year}" if adopted else "date not stated"


def _years(value: float) -> str:
    """How far the earlier text lies from the new one: "2 years earlier", "the same year", "1 year later"."""
    if math.isnan(value):
        return "an unknown number of years apart"
    if value == 0:
        return "the same year"
    years = f"{abs(value):.0f} year{'s' if abs(value) != 1 else ''}"
    return f"{years} earlier" if value > 0 else f"{years} later"


def _scale() -> dict[str, int]:
    """The verb strength scale (verb_strength.csv): its ends and the verbs the methods box names."""
    levels = strengths()
    named = {verb: levels[verb] for verb in ("decides", "requests", "invites", "welcomes")}
    return {"low": min(levels.values()), "high": max(levels.values()), **named}


@functools.cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("analysis.output", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(
        percent=_percent,
        numbers=_numbers,
        points=_points,
        p_value=_p_value,
        date=_date,
        years=_years,
        short=short,
        language_name=language_name,
    )
    return environment


def _render(template: str, briefing: Briefing, standalone: bool) -> str:
    context: dict[str, Any] = {
        "b": briefing,
        "standalone": standalone,
        "kinds": KINDS,
        "statuses": STATUS_ORDER,
        "status_names": STATUS_NAMES,
        "codebook_version": CODEBOOK_VERSION,
        "version": __version__,
        "summary_file": SUMMARY_FILE,
        "changes_file": CHANGES_FILE,
        "listed_numbers": LISTED_NUMBERS,
        "listed_changed": LISTED_CHANGED,
        "confidence": CONFIDENCE,
        "required_themes": len(required_themes()),
        "scale": _scale(),
        "lineage": {
            "retained": RETAINED_AT,
            "merged": MERGED_AT,
            "ngram": CONTAINMENT_NGRAM,
            "chars": CONTAINMENT_CHARS,
        },
    }
    return _environment().get_template(template).render(context)
