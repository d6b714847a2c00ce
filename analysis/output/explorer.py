"""Notebook views: a resolution with its verbs and theme evidence marked in the text, its English and
Chinese readings side by side with the labels one reading has and the other lacks marked, and an
optional filter (ipywidgets) over a classification table.

The text shown is the parsed text of the official document, cut into pieces where a label's words
start or end; nothing is added to it but the paragraph numbers. The HTML comes from Jinja2 templates
with autoescaping.
"""

from __future__ import annotations

import functools
import itertools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any, ClassVar

import jinja2
import pandas as pd
from markupsafe import Markup

from analysis.coding.labels import ParagraphLabels, classify_resolution
from analysis.coding.themes import display_names
from analysis.comparison.languages import DIMENSIONS
from analysis.errors import InputError
from analysis.lang import profile
from analysis.model import Paragraph, Resolution

if TYPE_CHECKING:
    import ipywidgets

SIDE_BY_SIDE_COLUMNS = ["paragraph", "english", "chinese", "english_labels", "chinese_labels", "differences"]
WIDGETS_EXTRA = 'pip install "crime-policy-priorities[widgets]"'
ANY = "(any)"  # the filter's choice that filters nothing


# -- the text, cut where a label's words start or end ------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """Words of a text that gave a label: ``start:end`` and what they gave (``verb: requests``)."""

    start: int
    end: int
    kind: str  # "verb", "theme" or "differs" (a label the other reading lacks)
    note: str


@dataclass(frozen=True)
class Piece:
    """A run of the text and the marks that cover all of it (none for plain text)."""

    text: str
    kinds: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    """The chapeau of a paragraph (``label`` "") or one lettered sub-paragraph, in marked pieces."""

    label: str
    pieces: tuple[Piece, ...]


def marked(text: str, marks: Iterable[Mark]) -> tuple[Piece, ...]:
    """``text`` cut at every mark's start and end; each piece carries the marks that cover it. The
    pieces joined are ``text`` again; a mark outside the text is left out."""
    inside = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in inside), *(m.end for m in inside)})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        covering = [m for m in inside if m.start <= start and end <= m.end]
        kinds = tuple(dict.fromkeys(m.kind for m in covering))
        pieces.append(Piece(text[start:end], kinds, tuple(dict.fromkeys(m.note for m in covering))))
    return tuple(pieces)


def blocks(paragraph: Paragraph, marks: Iterable[Mark]) -> tuple[Block, ...]:
    """The chapeau and each sub-paragraph, with the marks (offsets in ``paragraph.full_text``) that fall
    in each, cut to it."""
    marks = list(marks)
    out, position = [], 0
    for label, text in [("", paragraph.text)] + [(f"({s.label})", s.text) for s in paragraph.subparagraphs]:
        if not label and not text:
            continue  # full_text leaves out an empty chapeau
        start = position + (len(label) + 1 if label else 0)
        mine = [
            Mark(max(m.start, start) - start, min(m.end, start + len(text)) - start, m.kind, m.note)
            for m in marks
            if m.start < start + len(text) and m.end > start
        ]
        out.append(Block(label, marked(text, mine)))
        position = start + len(text) + 1
    return tuple(out)


def _lead(paragraph: Paragraph) -> int:
    """Verbs and addressees are read in the stripped chapeau: their offsets start this far into it."""
    return len(paragraph.text) - len(paragraph.text.lstrip())


def label_marks(labels: ParagraphLabels) -> list[Mark]:
    """The words of each verb and of each theme's evidence, in ``full_text`` offsets."""
    lead, names = _lead(labels.paragraph), display_names()
    marks = [Mark(h.start + lead, h.end + lead, "verb", _verb_note(h.label, h.modifiers)) for h in labels.verbs.hits]
    marks += [
        Mark(h.start, h.end, "theme", f"theme: {names.get(t, t)}") for t, hits in labels.themes.items() for h in hits
    ]
    return marks


def _verb_note(label: str, modifiers: Sequence[str]) -> str:
    return f"verb: {label}" + (f" ({', '.join(modifiers)})" if modifiers else "")


# -- templates ---------------------------------------------------------------------------------------


@functools.cache
def _templates() -> jinja2.Environment:
    """The views' templates (analysis/output/explorer_templates/), autoescaped."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("analysis.output", "explorer_templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["add_prefix"] = lambda kind: f"cp-{kind}"
    return environment


@functools.cache
def _style() -> str:
    return (resources.files("analysis.output") / "explorer_templates" / "explorer.css").read_text(encoding="utf-8")


def _render(name: str, **values: Any) -> str:
    return _templates().get_template(name).render(style=Markup(_style()), **values)


# -- a resolution ------------------------------------------------------------------------------------


def paragraph_labels_line(labels: ParagraphLabels) -> list[str]:
    """What the paragraph was read as, in words: verb and strength, themes, addressees, mandates, money."""
    names, verbs = display_names(), labels.verbs
    parts = [f"verb: {verbs.verb} (strength {verbs.strength})" if verbs.verb else "no primary verb"]
    listed = [
        ("themes", [names.get(t, t) for t in labels.themes]),
        ("subject", [names.get(t, t) for t in labels.subjects]),
        ("addressees", labels.addressee_codes()),
        ("mandates", [m.code for m in labels.mandates]),
        ("funding", list(labels.funding_kinds)),
    ]
    return parts + [f"{name}: {', '.join(values)}" for name, values in listed if values]


def resolution_html(resolution: Resolution, labels: Sequence[ParagraphLabels] | None = None) -> str:
    """The resolution as HTML: front matter, the preamble folded, each operative paragraph with its
    number, its verbs and theme evidence marked and its labels listed; annexes and warnings folded.

    ``labels``: the operative paragraphs' labels (the lexicon's, :func:`classify_resolution`, by default).
    """
    labels = classify_resolution(resolution) if labels is None else labels
    rows = [
        {
            "number": x.paragraph.label or x.number,
            "blocks": blocks(x.paragraph, label_marks(x)),
            "labels": paragraph_labels_line(x),
        }
        for x in labels
    ]
    return _render("resolution.html", r=resolution, language=_language(resolution.language), rows=rows)


def _language(code: str) -> str:
    try:
        return profile(code).name
    except InputError:
        return code


# -- English and Chinese side by side ----------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    """One operative paragraph in the two readings (None where a text lacks it)."""

    number: int
    english: ParagraphLabels | None
    chinese: ParagraphLabels | None


def paired(english: Sequence[ParagraphLabels], chinese: Sequence[ParagraphLabels]) -> list[Pair]:
    """Paragraphs paired by printed number (and order among equal numbers), in order."""

    def keyed(labels: Sequence[ParagraphLabels]) -> dict[tuple[int, int], ParagraphLabels]:
        seen: Counter[int] = Counter()
        out = {}
        for x in labels:
            out[(x.number, seen[x.number])] = x
            seen[x.number] += 1
        return out

    en, zh = keyed(english), keyed(chinese)
    return [Pair(key[0], en.get(key), zh.get(key)) for key in sorted(en.keys() | zh.keys())]


def readings(labels: ParagraphLabels) -> dict[str, dict[str, str]]:
    """Dimension -> label -> the words read (comparison.languages.DIMENSIONS)."""
    return {dimension: read(labels) for dimension, read in DIMENSIONS.items()}


def _label_list(read: Mapping[str, Mapping[str, str]]) -> list[str]:
    return [f"{dimension}: {code}" for dimension, codes in read.items() for code in codes]


def _only(read: Mapping[str, Mapping[str, str]], other: Mapping[str, Mapping[str, str]]) -> list[str]:
    return [f"{d}: {code}" for d, codes in read.items() for code in codes if code not in other.get(d, {})]


def _differences(pair: Pair) -> list[str]:
    if pair.english is None or pair.chinese is None:
        return ["paragraph: only in " + ("English" if pair.english is not None else "Chinese")]
    en, zh = readings(pair.english), readings(pair.chinese)
    return [f"{x}, English only" for x in _only(en, zh)] + [f"{x}, Chinese only" for x in _only(zh, en)]


def _texts(pair: Pair) -> tuple[str, str]:
    """The English and the Chinese text of the paragraph ("" for the text that lacks it)."""
    english, chinese = pair.english, pair.chinese
    return (english.paragraph.full_text if english else "", chinese.paragraph.full_text if chinese else "")


def _row(pair: Pair) -> dict[str, Any]:
    english, chinese = _texts(pair)
    return {
        "paragraph": pair.number,
        "english": english,
        "chinese": chinese,
        "english_labels": _label_list(readings(pair.english)) if pair.english else [],
        "chinese_labels": _label_list(readings(pair.chinese)) if pair.chinese else [],
        "differences": _differences(pair),
    }


class SideBySide(pd.DataFrame):
    """The side-by-side table (``SIDE_BY_SIDE_COLUMNS``, list columns are lists); in a notebook it shows
    both texts with the words behind each label one reading lacks marked. Filtered rows keep the view;
    a table without its text columns shows as any DataFrame."""

    _metadata: ClassVar[list[str]] = ["pairs"]
    pairs: tuple[Pair, ...]

    @property
    def _constructor(self) -> type[SideBySide]:
        return SideBySide

    def html(self) -> str:
        """The rows of this table as HTML, differences marked."""
        found = {(p.number, *_texts(p)): p for p in getattr(self, "pairs", ())}
        rows = []
        for record in self.to_dict("records"):
            pair = found.get((record["paragraph"], record["english"], record["chinese"]))
            rows.append(_view_row(record, pair))
        symbols = [x.symbol for p in getattr(self, "pairs", ()) for x in (p.english, p.chinese) if x is not None]
        symbol = symbols[0] if symbols else ""
        differing = sum(1 for r in rows if r["differences"])
        return _render("side_by_side.html", symbol=symbol, rows=rows, differing=differing)

    def _repr_html_(self) -> str | None:
        if not set(SIDE_BY_SIDE_COLUMNS) <= set(self.columns):
            return super()._repr_html_()
        return self.html()


def _view_row(record: Mapping[str, Any], pair: Pair | None) -> dict[str, Any]:
    """One row of the HTML view: each side's text with the words of the labels only it has marked."""
    english, chinese = (pair.english, pair.chinese) if pair else (None, None)
    return {
        "paragraph": record["paragraph"],
        "sides": [
            _view_side("en", english, chinese, record["english"], record["english_labels"]),
            _view_side("zh", chinese, english, record["chinese"], record["chinese_labels"]),
        ],
        "differences": list(record["differences"]),
    }


def _view_side(
    language: str, mine: ParagraphLabels | None, theirs: ParagraphLabels | None, text: str, labels: Sequence[str]
) -> dict[str, Any]:
    """One language's cell: its language, its text in blocks (None where the text lacks the paragraph),
    its labels, and those of them the other reading lacks."""
    own = set(_only(readings(mine), readings(theirs))) if mine and theirs else set()
    if mine is not None:
        shown: tuple[Block, ...] | None = blocks(mine.paragraph, difference_marks(mine, theirs))
    else:  # not in this text, or a row this table no longer holds the labels of: the text as it is
        shown = (Block("", (Piece(text),)),) if text else None
    return {"language": language, "blocks": shown, "labels": list(labels), "own": own}


def difference_marks(mine: ParagraphLabels, theirs: ParagraphLabels | None) -> list[Mark]:
    """The words (``full_text`` offsets) behind each label ``mine`` has and ``theirs`` lacks: the verb,
    the theme's evidence, the addressee's name, the first place of each funding word."""
    if theirs is None:
        return []
    other, lead, text = readings(theirs), _lead(mine.paragraph), mine.paragraph.full_text
    missing = {d: [c for c in codes if c not in other[d]] for d, codes in readings(mine).items()}
    marks: list[Mark] = []
    hits = mine.verbs.hits
    if mine.verbs.verb and hits and missing["primary verb"]:
        marks.append(Mark(hits[0].start + lead, hits[0].end + lead, "differs", f"primary verb: {mine.verbs.verb}"))
    for dimension in ("theme", "subject theme"):
        marks += [
            Mark(h.start, h.end, "differs", f"{dimension}: {code}")
            for code in missing[dimension]
            for h in mine.themes.get(code, ())
        ]
    marks += [
        Mark(a.start + lead, a.end + lead, "differs", f"addressee: {a.code}")
        for a in mine.addressees
        if a.code in missing["addressee"]
    ]
    for kind in missing["funding kind"]:
        for word in mine.funding_kinds.get(kind, ()):
            at = text.find(word)
            if at >= 0 and word:
                marks.append(Mark(at, at + len(word), "differs", f"funding kind: {kind}"))
    return marks


SIDE_BY_SIDE_LANGUAGES = ("en", "zh")  # the two official texts side_by_side pairs


def side_by_side_table(first: Resolution, second: Resolution) -> SideBySide:
    """The English and Chinese texts of one resolution, paragraph by paragraph, with their labels and
    the labels one reading has and the other lacks (``differences``)."""
    by_language = {r.language: r for r in (first, second)}
    if set(by_language) != set(SIDE_BY_SIDE_LANGUAGES):
        raise ValueError(
            f"side by side needs the English and the Chinese text, not {first.language} and {second.language}"
        )
    if first.symbol != second.symbol:
        raise ValueError(f"side by side needs one resolution in two languages, not {first.symbol} and {second.symbol}")
    pairs = paired(classify_resolution(by_language["en"]), classify_resolution(by_language["zh"]))
    table = SideBySide([_row(p) for p in pairs], columns=SIDE_BY_SIDE_COLUMNS)
    table.pairs = tuple(pairs)
    return table


# -- a filter over a classification table ------------------------------------------------------------

FILTERS = {"theme": "themes", "verb": "verb", "addressee": "addressees"}  # the choice -> its column


def filter_table(
    table: pd.DataFrame, theme: str | None = None, verb: str | None = None, addressee: str | None = None
) -> pd.DataFrame:
    """The rows of a classification table (``analysis.classify``) with that theme among its themes, that
    primary verb and that addressee among its addressees; None (or "(any)") filters nothing."""
    wanted = {"theme": theme, "verb": verb, "addressee": addressee}
    keep = pd.Series(True, index=table.index)
    for name, column in FILTERS.items():
        value = wanted[name]
        if value is not None and value != ANY:
            keep &= table[column].map(lambda v, w=value: w in v if isinstance(v, (list, tuple)) else v == w)
    return table[keep]


def choices(table: pd.DataFrame, column: str) -> list[str]:
    """Every value of a column (every item of its lists, for a list column), sorted, after "(any)"."""
    found: set[str] = set()
    for value in table[column]:
        if isinstance(value, (list, tuple)):
            found.update(value)
        elif isinstance(value, str) and value:
            found.add(value)
    return [ANY, *sorted(found)]


def filter_view(
    table: pd.DataFrame,
    columns: Sequence[str] = ("symbol", "language", "paragraph", "verb", "themes", "addressees", "text"),
) -> ipywidgets.VBox:
    """A widget to filter a classification table by theme, primary verb and addressee (three drop-downs
    over the table shown below them). Needs the ``widgets`` extra."""
    try:
        import ipywidgets
    except ImportError:
        raise ImportError(f"filter_view needs ipywidgets, the widgets extra: {WIDGETS_EXTRA}") from None
    menus = {
        name: ipywidgets.Dropdown(options=choices(table, column), value=ANY, description=name)
        for name, column in FILTERS.items()
    }
    shown = [c for c in columns if c in table.columns]
    output = ipywidgets.HTML()

    def update(_: object = None) -> None:
        chosen = {name: menu.value for name, menu in menus.items()}
        rows = filter_table(table, **chosen)
        picked = [f"{name} {value}" for name, value in chosen.items() if value != ANY]
        output.value = (
            _templates()
            .get_template("filtered.html")
            .render(shown=len(rows), total=len(table), chosen=picked, table=Markup(rows[shown].to_html(index=False)))
        )

    for menu in menus.values():
        menu.observe(update, names="value")
    update()
    return ipywidgets.VBox([ipywidgets.HBox(list(menus.values())), output])
