"""Normalize extracted text: undo what PDF extraction does to a resolution.

The output is a stream of events in reading order -- text lines and footnote
markers -- plus the footnotes and every removed artifact (page headers and
footers, separators, markers), so that no printed character is lost
(see ``conservation``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from analysis.lang import profile
from analysis.model import Artifact

# Full-width punctuation is how official Chinese text is written: keep it.
# Full-width digits, Latin letters, "．" and "／" are layout variants: map them.
_KEEP_FULLWIDTH = {chr(c) for c in range(0xFF01, 0xFF5F)} - {
    chr(c) for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF0E, 0xFF0F]
}
_KEEP = _KEEP_FULLWIDTH | {"…", "‥"}

FOOTNOTE_MARKER_LINE = re.compile(r"^\s*(\d{1,3})\s*$")
FOOTNOTE_ENTRY_LINE = re.compile(r"^\s*(\d{1,3})\s+(\S.*)$")
SEPARATOR_RULE = re.compile(r"^\s*_{5,}\s*$")
# A separator rule that extraction rendered as a long run of spaces.
SEPARATOR_BLANK_WIDTH = 20
# Markers glued after punctuation: "activities,1 at a time", "宣言》，6". Not after an ASCII
# period, which glues numbers in symbols and abbreviations ("A/73/L.6", "No.5").
GLUED_MARKER = re.compile(r"(?<=[,;:\"”’)\]，；：。）》」])(\d{1,3})(?=\s|$)")
SPACED_DIGITS = re.compile(r"(?<![\d/.,])\d(?: \d)+(?![\d/])")
CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
# Longer than any running header or footer (symbol, page, job number, a line of the title).
HEADER_MAX_LENGTH = 160
TITLE_LINE = re.compile(r"^\s*(\d{1,3})/(\d{1,4})\.\s*(\S.*)$")
# Running header/footer tokens: page "2/5", job "18-17962", "(E)", "021118", barcode "*1817962*".
_PAGE = r"\d{1,3}/\d{1,3}"
_JOB = r"\d{2}-\d{5}"
_TOKEN = re.compile(rf"\*\d{{6,9}}\*|\b{_JOB}\b|\([A-Z]\)|(?<![\d/]){_PAGE}(?![\d/])|\b\d{{6}}\b")


@functools.cache
def _map_char(ch: str) -> str:
    if ch in _KEEP or ch.isspace():
        return " " if ch in "\u3000\u00a0" else ch
    mapped = unicodedata.normalize("NFKC", ch)
    return mapped if mapped.strip() else ch


def normalize_chars(text: str) -> str:
    """NFKC where it is safe: full-width digits and letters, ligatures; not CJK punctuation."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if text.isascii():
        return text
    # one translate call, with a table of the distinct non-ASCII characters of this text that change (none
    # in most texts: then no call, which would copy the text character by character)
    table = {ord(ch): mapped for ch in set(text) if ord(ch) > 0x7F and (mapped := _map_char(ch)) != ch}
    return text.translate(table) if table else text


def join_spaced_digits(line: str) -> str:
    """``2 0 0 7 年`` -> ``2007 年``: runs of single digits before CJK, or of four or more."""

    def fix(m: re.Match[str]) -> str:
        run = m.group(0)
        after = line[m.end() :].lstrip()
        digits = run.replace(" ", "")
        if len(digits) >= 4 or (after and re.match(rf"[{CJK}]", after[0])):
            return digits
        return run

    return SPACED_DIGITS.sub(fix, line)


# The label of an item of a paragraph's list: (a), (iv), and in Chinese also (一) or （二）.
ITEM_LABEL = re.compile(r"^[(（]([a-z]{1,2}|[ivxl]{1,6}|[一二三四五六七八九十]{1,3})[)）]\s*")
# What a paragraph (or the item before a new one) ends with; closing quotes may follow.
TERMINATORS = tuple(",;:.?!，；：。？！")  # a question ends an item as a full stop does


# Invisible format characters that the UN's files sometimes leave after the last printed one (U+200E).
INVISIBLE = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"


def visible_end(text: str) -> str:
    """``text`` without trailing white space and invisible format characters: what a reader sees last."""
    return text.rstrip().rstrip(INVISIBLE).rstrip()


def ends_paragraph(text: str) -> bool:
    """Whether ``text`` ends as a paragraph does; a heading ("International cooperation") does not."""
    return visible_end(text).rstrip("”’\"'»").endswith(TERMINATORS)


def tidy_spaces(text: str, language: str) -> str:
    """Collapse whitespace; a language written without spaces (Chinese) drops the spaces extraction puts
    beside its letters (around Latin words and digits)."""
    text = " ".join(text.split())
    written = profile(language)
    return text if written.spaced else _spaces_near(written.script).sub("", text)


@functools.cache
def _spaces_near(script: str) -> re.Pattern[str]:
    """Runs of spaces or tabs before or after a letter of ``script`` (a regular-expression class)."""
    return re.compile(rf"(?<=[{script}])[ \t]+|[ \t]+(?=[{script}])")


@dataclass(frozen=True)
class Line:
    """A line of body text kept for the parser."""

    number: int  # 1-based line of the input
    text: str  # stripped
    indent: bool  # printed with a leading indent
    after_break: bool  # a page break, header or footnote block came just before
    tidied: str  # ``text`` through ``tidy_spaces``, once: what patterns of the lexicon are matched against


@dataclass(frozen=True)
class Marker:
    """A footnote marker that stood alone on a line, with where it stood."""

    number: int
    marker: str


@dataclass
class Normalized:
    """What normalization hands to the parser: lines and markers in order, footnotes, artifacts."""

    events: list[Line | Marker] = field(default_factory=list)
    footnotes: list[tuple[str, str]] = field(default_factory=list)  # (marker, text)
    artifacts: list[Artifact] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    title_hint: str = ""
    symbol_hint: str = ""


def find_title(lines: list[str]) -> tuple[str, str]:
    """The resolution's symbol and title from its ``62/175. Title`` line (first 60 lines)."""
    for i, raw in enumerate(lines[:60]):
        m = TITLE_LINE.match(raw)
        if not m:
            continue
        parts = [m.group(3).strip()]
        for nxt in lines[i + 1 : i + 6]:
            if not nxt.strip() or nxt.startswith((" ", "\t")):
                break
            parts.append(nxt.strip())
        return f"A/RES/{m.group(1)}/{m.group(2)}", " ".join(parts)
    return "", ""


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s).lower()


class _HeaderRules:
    """Running headers and footers: layout tokens, the symbol, fragments of the title."""

    def __init__(self, symbol: str, title: str) -> None:
        self.symbol = symbol
        self.title = _squash(title)

    def strip_tokens(self, s: str) -> tuple[str, bool]:
        rest = s.replace(self.symbol, " ") if self.symbol else s
        rest = _TOKEN.sub(" ", rest)
        return rest.strip(), rest.strip() != s.strip()

    def is_header(self, s: str) -> bool:
        if len(s) > HEADER_MAX_LENGTH:  # running headers and footers are short lines
            return False
        rest, had_token = self.strip_tokens(s)
        if not had_token:
            return False
        if not rest:
            return True
        return len(rest) >= 10 and _squash(rest) in self.title

    def is_title_fragment(self, s: str) -> bool:
        return 15 <= len(s.strip()) <= 2 * len(self.title) + 20 and _squash(s) in self.title


Rows = list[tuple[int, str, bool]]  # (line number, raw line, first line of a page)


def normalize(text: str, language: str) -> Normalized:
    """Split ``text`` into reading-order events, footnotes and removed artifacts."""
    text = normalize_chars(text)
    out = Normalized()
    rows: Rows = []
    number = 0
    for page_no, page in enumerate(text.split("\f")):
        for j, raw in enumerate(page.split("\n")):
            number += 1
            rows.append((number, join_spaced_digits(raw.rstrip("\n")), page_no > 0 and j == 0))
    out.symbol_hint, out.title_hint = find_title([r[1] for r in rows])
    rules = _HeaderRules(out.symbol_hint, out.title_hint)
    kinds = _classify(rows, rules)
    _emit(rows, kinds, out, language)
    return out


def _last_on_page(rows: Rows, i: int) -> bool:
    """Whether row ``i`` is the last non-blank line of its page (a footnote marker line never is: its
    text follows it)."""
    for _, raw, page_start in rows[i + 1 :]:
        if page_start:
            return True
        if raw.strip():
            return False
    return True


def _page_top(rows: Rows, kinds: list[str], i: int) -> bool:
    """Whether row ``i`` belongs to the header lines at the top of its page (only headers or blanks
    between it and the page break)."""
    while i >= 0:
        if rows[i][2]:
            return True
        if kinds[i] not in ("header", "blank"):
            return False
        i -= 1
    return False


def _classify(rows: Rows, rules: _HeaderRules) -> list[str]:
    """Label each row: text, blank, header, separator, fn-marker, fn-entry, fn-text."""
    title_row = next((i for i, r in enumerate(rows) if TITLE_LINE.match(r[1])), 0)
    kinds = _mark_headers(rows, rules, title_row)
    _mark_running_titles(rows, rules, kinds, title_row)
    _mark_footnote_blocks(rows, kinds, title_row)
    return kinds


def _mark_headers(rows: Rows, rules: _HeaderRules, title_row: int) -> list[str]:
    """Blank rows, and running headers and footers (not in the front matter before the title line)."""
    kinds = ["text"] * len(rows)
    for i, (_, raw, _) in enumerate(rows):
        if not raw.strip():
            kinds[i] = "blank"
        elif i > title_row and rules.is_header(raw.strip()):
            kinds[i] = "header"
    return kinds


def _mark_running_titles(rows: Rows, rules: _HeaderRules, kinds: list[str], title_row: int) -> None:
    """A running title stands at the top of a page, after the other header lines: a body line that
    happens to repeat words of the title before a page footer is kept."""
    for i, (_, raw, page_start) in enumerate(rows):
        if kinds[i] == "text" and i > title_row + 3 and rules.is_title_fragment(raw):
            before = next((j for j in range(i - 1, max(-1, i - 4), -1) if kinds[j] != "blank"), None)
            if page_start or (before is not None and kinds[before] == "header" and _page_top(rows, kinds, before)):
                kinds[i] = "header"


def _mark_footnote_blocks(rows: Rows, kinds: list[str], title_row: int) -> None:
    """Footnote blocks: from a separator rule to the end of the page or an indented body line."""
    last_marker = 0  # footnotes are numbered through the document
    i = 0
    while i < len(rows):
        raw = rows[i][1]
        is_rule = SEPARATOR_RULE.match(raw) or (not raw.strip() and len(raw) >= SEPARATOR_BLANK_WIDTH)
        if kinds[i] not in ("text", "blank") or not is_rule or i <= title_row:
            i += 1
            continue
        kinds[i] = "separator"
        i, last_marker = _mark_footnote_block(rows, kinds, i + 1, last_marker)


def _mark_footnote_block(rows: Rows, kinds: list[str], i: int, last_marker: int) -> tuple[int, int]:
    """Label the rows of the footnote block that starts at row ``i``; returns the row after it (where
    the text resumes) and the last footnote number seen."""
    after_marker = False
    have_entry = False
    while i < len(rows):
        _, raw, page_start = rows[i]
        if page_start:
            break
        if kinds[i] == "header" or not raw.strip():
            i += 1
            continue
        kind, last_marker = _footnote_row(rows, i, last_marker, after_marker, have_entry)
        if kind is None:
            break
        kinds[i] = kind
        if kind != "header":
            after_marker, have_entry = kind == "fn-marker", True
        i += 1
    return i, last_marker


def _footnote_row(rows: Rows, i: int, last_marker: int, after_marker: bool, have_entry: bool) -> tuple[str | None, int]:
    """What row ``i`` of a footnote block is, and the last footnote number after it; None where the
    block ends before the row."""
    raw = rows[i][1]
    m = FOOTNOTE_MARKER_LINE.match(raw)
    if m and _last_on_page(rows, i):
        return "header", last_marker  # a bare number closing the page is its page number, not a marker
    if m and int(m.group(1)) > last_marker:
        return "fn-marker", int(m.group(1))
    e = FOOTNOTE_ENTRY_LINE.match(raw)
    indented = raw.startswith((" ", "\t"))
    if e and int(e.group(1)) == last_marker + 1 and not indented:
        return "fn-entry", int(e.group(1))
    if indented and not after_marker and have_entry:
        return None, last_marker  # an indented body line: the paragraph resumes
    if not have_entry and last_marker == 0:
        return None, last_marker  # no footnote yet: not a footnote block after all
    return "fn-text", last_marker


def _emit(rows: Rows, kinds: list[str], out: Normalized, language: str) -> None:
    """Fill ``out`` with the footnotes, the removed artifacts and the events of the body text."""
    known = _collect_footnotes(rows, kinds, out, language)
    after_break = False
    for (num, raw, page_start), kind in zip(rows, kinds):
        if page_start:
            after_break = True
        if kind in ("header", "separator") and raw.strip():
            out.artifacts.append(Artifact("page_header" if kind == "header" else "separator", raw.strip(), num))
        if kind in ("header", "separator") or kind.startswith("fn-"):
            after_break = True
        elif kind != "blank":
            after_break = _emit_text(num, raw, known, after_break, out, language)


def _collect_footnotes(rows: Rows, kinds: list[str], out: Normalized, language: str) -> set[str]:
    """Set ``out.footnotes`` from the rows labelled as footnotes; returns their markers."""
    footnotes: list[list[str]] = []  # [marker, text pieces...]
    for (num, raw, _), kind in zip(rows, kinds):
        if kind == "fn-marker":
            footnotes.append([raw.strip()])
        elif kind == "fn-entry":
            m = FOOTNOTE_ENTRY_LINE.match(raw)
            assert m is not None, "a line is classed fn-entry only where FOOTNOTE_ENTRY_LINE matches it"
            footnotes.append([m.group(1), m.group(2).strip()])
        elif kind == "fn-text":
            if footnotes:
                footnotes[-1].append(raw.strip())
            else:
                out.warnings.append(f"line {num}: footnote text without a marker")
                footnotes.append(["?", raw.strip()])
    out.footnotes = [(f[0], _join_footnote(f[1:], language)) for f in footnotes]
    return {f[0] for f in footnotes}


def _emit_text(num: int, raw: str, known: set[str], after_break: bool, out: Normalized, language: str) -> bool:
    """The events of one row of body text: lines, and the footnote markers on or glued into it.

    Returns whether the next line still follows a break (a marker alone on its row leaves it so)."""
    m = FOOTNOTE_MARKER_LINE.match(raw)
    if m and m.group(1) in known:
        out.events.append(Marker(num, m.group(1)))
        out.artifacts.append(Artifact("footnote_marker", m.group(1), num))
        return after_break
    indent = raw[:1].isspace()
    pos = 0
    stripped = raw.strip()
    for g in GLUED_MARKER.finditer(stripped):
        if g.group(1) not in known:
            continue
        before = stripped[pos : g.start()].strip()
        if before:
            out.events.append(Line(num, before, indent and pos == 0, after_break, tidy_spaces(before, language)))
            after_break = False
        out.events.append(Marker(num, g.group(1)))
        out.artifacts.append(Artifact("footnote_marker", g.group(1), num))
        pos = g.end()
    rest = stripped[pos:].strip()
    if rest:
        out.events.append(Line(num, rest, indent and pos == 0, after_break, tidy_spaces(rest, language)))
    return False


def _join_footnote(pieces: list[str], language: str) -> str:
    sep = " " if profile(language).spaced else ""
    return tidy_spaces(sep.join(pieces), language)


def nonspace_counts(text: str) -> Counter[str]:
    """Characters other than white space, counted (the conservation check compares these)."""
    return Counter(ch for ch in text if not ch.isspace())
