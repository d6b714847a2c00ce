"""Parse: a ``SourceText`` becomes a ``Resolution`` with its true structure.

Plain text and PDF go through the normalizer and a line-driven reader;
AKN4UN XML is read from its own markup (``xmlparse``). Both hand their parts to
``assemble``, which makes the same ``Resolution`` of them (footnotes, citations, warnings).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypedDict

from analysis import lexicon
from analysis.errors import InputError
from analysis.io.ingest import read_source
from analysis.model import LANGUAGES, Annex, Artifact, Paragraph, Resolution, SourceText, SubParagraph
from analysis.parsing.assemble import assemble
from analysis.parsing.checks import numbering_warnings
from analysis.parsing.normalize import (
    CJK,
    ITEM_LABEL,
    TERMINATORS,
    TITLE_LINE,
    Line,
    Marker,
    ends_paragraph,
    normalize,
    tidy_spaces,
    visible_end,
)

OPERATIVE_START = re.compile(r"^(\d{1,3})\s*\.(?!\d)\s*(?=\S)")  # "12. Requests", not "106.5 million"
SUBPARAGRAPH_START = ITEM_LABEL
# A preambular paragraph ends with a comma (or a semicolon); a last one may also close a sentence (。/.),
# so a new one may start after any of these. Only a comma or semicolon marks it as preambular.
PREAMBLE_CLAUSE_END = tuple(",，;；")
PREAMBLE_END = PREAMBLE_CLAUSE_END + tuple("。.")
CLOSING_MAX_LENGTH = 60
# Layout inference (see _layout): share of body lines that end a paragraph for "one-per-line",
# and the least share of indented lines for "indent" (fewer are stray, not a layout).
ONE_PER_LINE_SHARE = 0.9
MIN_INDENT_SHARE = 0.05  # longer than any closing line (date, plenary meeting), in characters


def parse_file(path: str | Path, language: str | None = None) -> Resolution:
    """Read and parse one file (PDF, text or AKN4UN XML)."""
    return parse_source(read_source(path), language)


def parse_source(source: SourceText, language: str | None = None) -> Resolution:
    """The resolution of a decoded source; a PDF's extraction is cached only once it has parsed."""
    if source.format == "xml":
        from analysis.parsing.akn import parse_xml

        return parse_xml(source)
    resolution = parse_text(
        source.text, language=language, source=source.path, source_format=source.format, notes=source.notes
    )
    if source.ocr_confidence is not None:
        resolution = replace(resolution, ocr_confidence=source.ocr_confidence)
    from analysis.io.ingest import keep_in_cache

    keep_in_cache(source)
    return resolution


TRADITIONAL_LIMIT = 20  # traditional-only characters a simplified text never has this many of


def refuse_traditional(sample: str, where: str | Path) -> None:
    """Refuse Chinese written in traditional characters: the UN's official Chinese is simplified, and
    the lexicons would silently miss its words."""
    if len(lexicon.anatomy("zh").traditional_only.findall(sample)) > TRADITIONAL_LIMIT:
        raise InputError(
            where,
            "the text is in traditional Chinese characters; the UN's official Chinese is "
            "simplified (convert the file, e.g. with OpenCC t2s)",
        )


def detect_language(text: str) -> str:
    """Chinese if CJK characters are a fair share of the letters, else English."""
    cjk = len(re.findall(rf"[{CJK}]", text))
    letters = len(re.findall(r"[A-Za-z]", text))
    return "zh" if cjk > letters * 0.2 else "en"


@dataclass
class _Block:
    """A paragraph being assembled from lines."""

    part: str
    label: str = ""
    pieces: list[str] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    subs: list[_Block] = field(default_factory=list)

    def last_text(self) -> str:
        target = self.subs[-1] if self.subs else self
        return target.pieces[-1] if target.pieces else ""

    def add(self, text: str) -> None:
        (self.subs[-1] if self.subs else self).pieces.append(text)


def parse_text(
    text: str, language: str | None = None, source: str = "", source_format: str = "text", notes: tuple[str, ...] = ()
) -> Resolution:
    """Parse the text of a resolution as extracted from a PDF (or typed by the UN)."""
    language = language or detect_language(text)
    if language not in LANGUAGES:
        raise InputError(source or "<text>", f"unsupported language {language!r} (zh or en)")
    norm = normalize(text, language)
    reader = _TextReader(language, norm.events)
    reader.run()
    if reader.formula_line is None:
        refuse_traditional(text[:20000], source or "<text>")
        raise InputError(
            source or "<text>",
            "not a General Assembly resolution (no enacting formula such as 'The General Assembly,' / '大会，')",
        )
    reader.settle_final_clause()
    if not reader.operative and not reader.sole_clause:
        raise InputError(source or "<text>", "no operative paragraphs found (is this a resolution?)")
    warnings = list(notes) + norm.warnings + reader.warnings

    preamble = tuple(reader.finish(b, i) for i, b in enumerate(reader.preamble, 1))
    operative = tuple(reader.finish(b, i) for i, b in enumerate(reader.operative, 1))
    if reader.sole_clause is not None:
        operative = (reader.finish(reader.sole_clause, 1),)
    warnings += numbering_warnings([p.number for p in operative])
    warnings += _completeness_warnings(reader, operative)
    annexes: tuple[Annex, ...] = ()
    if reader.annex_heading or reader.annex:
        heading = reader.join(reader.annex_heading)
        annexes = (Annex(heading, tuple(reader.finish(b, i) for i, b in enumerate(reader.annex, 1)), inline=True),)
        if not reader.annex and not reader.anatomy.annex_heading.match(tidy_spaces(reader.annex_heading[0], language)):
            warnings.append(
                f"text after the closing lines ('{reader.annex_heading[0][:40]}') read as an annexed "
                "text without numbered paragraphs (check the structure)"
            )
        if reader.sole_clause is not None and reader.annex and not heading:
            warnings.append(
                "numbered paragraphs follow the sole unnumbered clause with no heading of an adopted text "
                "between them: they may be the resolution's own operative paragraphs (check the structure)"
            )
        warnings += numbering_warnings([p.number for p in annexes[0].paragraphs], "annex")

    hyphens = [Artifact("hyphen", "-", 0)] * reader.removed_hyphens  # counted while paragraphs were joined
    front = tuple(reader.front)
    closing = tuple(reader.closing)
    meta = _front_matter_facts(language, front, closing)
    symbol = norm.symbol_hint
    if not symbol:
        raise InputError(source or "<text>", "no resolution number and title line (such as '62/175. Title')")
    title = tidy_spaces(norm.title_hint, language)
    return assemble(
        symbol=symbol,
        language=language,
        title=title,
        session=int(symbol.split("/")[2]),
        adopted=meta["adopted"],
        committee=meta["committee"],
        report_text=meta["report_text"],
        plenary_meeting=meta["plenary"],
        agenda_item=meta["agenda_item"],
        preamble=preamble,
        operative=operative,
        annexes=annexes,
        notes=norm.footnotes,
        front_matter=front,
        closing=closing,
        sections=tuple(reader.sections),
        artifacts=tuple(norm.artifacts) + tuple(hyphens),
        warnings=warnings,
        source=source,
        source_format=source_format,
    )


WORD_WITH_HYPHENS = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def _hyphen_pairs(word: str) -> list[str]:
    """``"state-of-the-art"`` -> ``["state-of", "the-art"]``: the pairs ``[A-Za-z]+-[A-Za-z]+`` finds
    left to right without overlap (what the word set held before)."""
    parts = word.split("-")
    return [f"{parts[i]}-{parts[i + 1]}" for i in range(0, len(parts) - 1, 2)]


def _completeness_warnings(reader: _TextReader, operative: tuple[Paragraph, ...]) -> list[str]:
    """A text cut short, or with more after its end, still parses; these say so."""
    out = []
    if not reader.closing:
        out.append("no closing lines (plenary meeting and date): the text may be cut short")
    elif not reader._closing_complete():
        out.append("the closing lines lack the plenary meeting or the date: the text may be cut short")
    if operative and not visible_end(operative[-1].full_text).endswith(TERMINATORS):
        out.append(f"the last operative paragraph ({operative[-1].ref}) ends mid-sentence: the text may be cut short")
    numbers = [p.number for p in operative if p.number is not None]
    beyond = sorted({n for n in reader.numbered_lines if numbers and n > max(numbers)})
    if beyond:
        out.append(
            f"lines numbered {', '.join(map(str, beyond[:5]))} follow the last operative paragraph "
            f"({max(numbers)}) without being read as paragraphs: the numbering stops short"
        )
    if reader.resolution_after_closing:
        out.append(
            f"line {reader.resolution_after_closing[0]}: after the closing lines, text opens a resolution "
            "(a title line or the enacting formula): another resolution or a second copy follows, read "
            "here as an annex"
        )
    return out


class _TextReader:
    """A small state machine over normalized lines: front, preamble, operative, closing."""

    def __init__(self, language: str, events: list[Line | Marker]) -> None:
        self.language = language
        self.events = events
        self.anatomy = lexicon.anatomy(language)
        self.leads = lexicon.preamble_leads(language)
        self.lead_words = lexicon.preamble_lead_words(language)
        self.front: list[str] = []
        self.closing: list[str] = []
        self.preamble: list[_Block] = []
        self.operative: list[_Block] = []
        self.sole_clause: _Block | None = None
        self.annex_heading: list[str] = []
        self.annex: list[_Block] = []
        self.sections: list[str] = []
        self.next_texts: list[str] = []  # the next two text lines, for decisions that need lookahead
        self.formula_line: int | None = None
        self.warnings: list[str] = []
        self.resolution_after_closing: list[int] = []  # lines after the closing that open a resolution
        self.numbered_lines: list[int] = []  # numbers opening a line of the operative part, taken or not
        self._numbered: dict[int, tuple[int, int]] = {}  # id(block list) -> (blocks counted, numbered among them)
        self.removed_hyphens = 0
        # English words as the document spells them, to tell a line-break hyphen from a real one
        lines = [e.text for e in events if isinstance(e, Line)] if language == "en" else []
        self.solid_words = {w.lower() for text in lines for w in re.findall(r"[A-Za-z]+", text)}
        # words are taken whole (linear time): "[A-Za-z]+-[A-Za-z]+" retries from every letter of a long word
        self.hyphenated_words = {
            w.lower()
            for text in lines
            for word in WORD_WITH_HYPHENS.findall(text)
            if "-" in word
            for w in _hyphen_pairs(word)
        }
        self.current: _Block | None = None
        self.state = "front"
        self.has_preamble = True
        self.seen_title = False
        self.layout = "none"  # set when the formula is found: "indent", "one-per-line" or "none"

    # -- reading -------------------------------------------------------------
    def run(self) -> None:
        for position, event in enumerate(self.events):
            if isinstance(event, Marker):
                if self.current is not None:
                    self.current.markers.append(event.marker)
                continue
            self.next_texts = [e.text for e in self.events[position + 1 : position + 6] if isinstance(e, Line)][:2]
            self.line(event)
            if self.formula_line == event.number and self.state != "front":
                body = []
                for later in self.events[position + 1 :]:
                    if isinstance(later, Line) and self._is_closing(later.text):
                        break  # the closing block and any annex are laid out on their own
                    body.append(later)
                self.layout = _layout(body)

    def line(self, ln: Line) -> None:
        s = ln.text
        if self.state in ("closing", "annex") and (
            TITLE_LINE.match(s) or self.anatomy.formula.match(tidy_spaces(s, self.language))
        ):
            self.resolution_after_closing.append(ln.number)
        if self.state == "operative" and (m := OPERATIVE_START.match(s)):
            self.numbered_lines.append(int(m.group(1)))
        if self.state == "front":
            self.front.append(s)
            formula = tidy_spaces(s, self.language)
            if TITLE_LINE.match(s):
                self.seen_title = True
            # the formula follows the "62/175. Title" line; a cover page's "大会" is not it
            if self.seen_title and self.anatomy.formula.match(formula):
                self.formula_line = ln.number
                self.state = "preamble"
                # UN drafting: the formula takes a comma only when preambular paragraphs follow
                self.has_preamble = formula.endswith((",", "，"))
            return
        if self.state == "closing":
            # an annexed text follows the closing lines: an "Annex" heading, or any line once the
            # meeting and the date have both been printed (the annex may be headed by its title alone)
            if self.anatomy.annex_heading.match(tidy_spaces(s, self.language)) or (
                self._closing_complete() and not self._is_closing(s)
            ):
                self.state, self.current = "annex", None
                self.annex_heading.append(s)
                return
            self.closing.append(s)
            return
        prev = self.current.last_text() if self.current else ""
        ended = not prev or visible_end(prev).endswith(TERMINATORS)
        if self.state in ("preamble", "operative", "annex") and ended and self._is_closing(s):
            self.state = "closing"
            self.current = None
            self.closing.append(s)
            return
        if self.state == "preamble" and self.current is not None and self._adopts_what_follows(ln, prev):
            self._end_sole_clause(self.preamble.pop(), s)
        m = OPERATIVE_START.match(s)
        expected = self._next_number()
        if m and self.layout == "indent" and not ln.indent and int(m.group(1)) != expected:
            m = None  # in wrapped text a flush line starting "18." is a wrapped reference, not paragraph 18
        # a number starts a paragraph after a terminator, or when it is the next number on an
        # indented line (after a heading inside an annexed text)
        starts = ended or (
            m is not None and int(m.group(1)) == expected and (ln.indent or self.layout == "one-per-line")
        )
        if m and starts and self.state != "sole":
            self._start_numbered(int(m.group(1)), m.group(0).strip(), s[m.end() :])
            return
        if m and int(m.group(1)) == expected and self.state in ("operative", "sole"):
            where = "the sole unnumbered clause" if self.state == "sole" else "the paragraph before"
            self.warnings.append(
                f"line {ln.number}: '{m.group(0).strip()}' opens the line but was read as part of "
                f"{where} (check the structure)"
            )
        after_colon = visible_end(prev).endswith((":", "："))
        if (
            self.state == "operative"
            and ended
            and not ends_paragraph(s)
            and self._heading_follows()
            and not (after_colon and SUBPARAGRAPH_START.match(s))
        ):
            # between two numbered paragraphs, lines that do not end as a paragraph does: headings
            self.sections.append(s)
            self.current = None
            return
        sole = (
            self.state == "preamble"
            and self.current is None
            and not self._has_lead(s)
            and (not self.has_preamble or (self.layout == "one-per-line" and self.anatomy.sole_clause_end.search(s)))
        )
        if self.state == "preamble" and not sole and self._starts_preamble(ln, prev):
            self.current = _Block("preamble")
            self.preamble.append(self.current)
            self.current.add(s)
            return
        if self.state == "preamble" and self.current is None:
            # no lead and no number right after the formula: a sole operative clause (73/3, 76/7)
            self.state = "sole"
            self.sole_clause = self.current = _Block("operative")
            if self.has_preamble:
                self.warnings.append(
                    f"line {ln.number}: read as a sole clause adopting the text that follows, "
                    "although the enacting formula ends with a comma, as it does before a "
                    "preamble (check the structure)"
                )
        if self.state == "sole":
            clause = self.sole_clause
            assert clause is not None and clause is self.current, "in the sole state, lines go to the sole clause"
            clause.add(s)
            if self.anatomy.sole_clause_end.search(s):
                self._end_sole_clause(clause, self.next_texts[0] if self.next_texts else "")
            return
        if self.state == "annex" and self.current is None:
            self.annex_heading.append(s)
            return
        sub = SUBPARAGRAPH_START.match(s)
        if (
            sub
            and self.current is not None
            and (self.current.part != "preamble" or after_colon or self.current.subs)
            and (ln.indent or self.layout != "indent" or after_colon)
            and (  # flush in wrapped text: "(b) and (c) of …"
                visible_end(prev).endswith(tuple(":;：；"))
                or (self.current.subs and sub.group(1) in next_item_labels(self.current.subs[-1].label))
            )
        ):
            # an item after a colon or semicolon, or the next label of the list ("…，" / "…; and" before it)
            block = _Block("sub", label=sub.group(1))
            block.pieces.append(s[sub.end() :])
            self.current.subs.append(block)
            return
        if self.current is None:
            self.warnings.append(f"line {ln.number}: text outside any paragraph kept in the front matter")
            self.front.append(s)
            return
        if self.current.part == "preamble" and visible_end(prev).endswith(PREAMBLE_END) and self.lead_of(s):
            self.warnings.append(
                f"line {ln.number}: opens with the lead phrase '{self.lead_of(s)}' but was joined "
                "to the preambular paragraph before (check the structure)"
            )
        self.current.add(s)

    def settle_final_clause(self) -> None:
        """A preamble followed by one unnumbered operative clause ("Takes note of the report."): the last
        paragraph closes a sentence (. or 。), as no preambular paragraph does, so it is the operative
        part. A text cut off mid-paragraph ends otherwise and is still refused."""
        if self.operative or self.sole_clause is not None or not self.preamble:
            return
        text = self.join(self.preamble[-1].pieces)
        if visible_end(text).endswith(tuple(".。")):
            last = self.preamble.pop()
            self.sole_clause = _Block("operative", pieces=last.pieces, markers=last.markers, subs=last.subs)
            if self.lead_of(text):
                self.warnings.append(
                    f"the last paragraph, read as the sole operative clause, opens with the "
                    f"preambular lead '{self.lead_of(text)}' (check the structure)"
                )

    def _next_number(self) -> int:
        """The number the next numbered paragraph should carry (an unnumbered chapeau does not count).

        Counted incrementally (blocks are only appended, or the last one removed): recounting every
        block for every line made a long document quadratic."""
        blocks = self.annex if self.state == "annex" else self.operative
        seen, count = self._numbered.get(id(blocks), (0, 0))
        if seen > len(blocks):
            seen, count = 0, 0
        count += sum(1 for b in blocks[seen:] if b.label)
        self._numbered[id(blocks)] = (len(blocks), count)
        return count + 1

    def _closing_complete(self) -> bool:
        lines = [tidy_spaces(c, self.language) for c in self.closing]
        return any(self.anatomy.plenary.match(c) for c in lines) and any(
            self.anatomy.closing_date.match(c) for c in lines
        )

    def _adopts_what_follows(self, ln: Line, prev: str) -> bool:
        """The paragraph before ``ln`` is no preambular one but the operative clause: it opens with no
        lead and ends with a colon ("Adopts the following document:"), and ``ln`` is not an item of it."""
        return (
            visible_end(prev).endswith((":", "："))
            and not SUBPARAGRAPH_START.match(ln.text)
            and not self._has_lead(self.current.pieces[0] if self.current and self.current.pieces else "")
            # a title line follows, printed flush: not a quotation, nor the indented first line of one
            and not ends_paragraph(ln.text)
            and not (self.layout == "indent" and ln.indent)
        )

    def _end_sole_clause(self, clause: _Block, following: str) -> None:
        """After an unnumbered operative clause: "Resolves that:" and then "1." opens the resolution's own
        numbered paragraphs (the clause is their chapeau); anything else is the text the clause adopts."""
        clause.part = "operative"
        chapeau = visible_end(self.join(clause.pieces)).endswith((":", "：")) and bool(
            (m := OPERATIVE_START.match(following)) and int(m.group(1)) == 1
        )
        self.sole_clause = None if chapeau else clause
        if chapeau:
            self.operative.append(clause)
        self.state = "operative" if chapeau else "annex"
        self.current = None

    def _heading_follows(self) -> bool:
        """The next line opens the next numbered paragraph, or is one more heading line before it ("IV"
        then "International cooperation"); any other number is a wrapped reference ("18. of …")."""
        expected = self._next_number()

        def opens_next(text: str) -> bool:
            m = OPERATIVE_START.match(text)
            return m is not None and int(m.group(1)) == expected

        following = self.next_texts + ["", ""]
        return opens_next(following[0]) or (not ends_paragraph(following[0]) and opens_next(following[1]))

    def _start_numbered(self, number: int, label: str, rest: str) -> None:
        target = self.annex if self.state in ("annex",) else self.operative
        if self.state == "preamble":
            self.state = "operative"
        self.current = _Block("annex" if target is self.annex else "operative", label=label)
        self.current.add(rest)
        target.append(self.current)

    def _starts_preamble(self, ln: Line, prev: str) -> bool:
        """A new preambular paragraph: the last one ended with a comma and this line opens one.

        Where the layout keeps first-line indents (PDF text), an indented line starts one, after a page
        break or footnote block too (continuation lines are printed flush); without indents the lead
        phrase decides alone.
        """
        if SUBPARAGRAPH_START.match(ln.text):
            return False  # an item of the paragraph's list
        if self.anatomy.continuation_opening.match(ln.text):
            return False  # "and in the commitments …" / "并立足于…" continue a paragraph
        if self.current is not None and not visible_end(prev).endswith(PREAMBLE_END):
            # an indented line opening with a lead starts a paragraph even when the one before lost its end
            if (ln.indent or self.layout == "one-per-line") and self.layout != "none" and self.lead_of(ln.text):
                self.warnings.append(
                    f"line {ln.number}: the paragraph before '{self.lead_of(ln.text)}' does not "
                    "end with punctuation (check the text)"
                )
                return True
            return False
        if self.layout == "one-per-line":
            return True
        if self.layout == "none":
            return self._has_lead(ln.text)
        return ln.indent

    def _has_lead(self, text: str) -> bool:
        return bool(self.lead_of(text)) or self._looks_like_lead(text)

    def _looks_like_lead(self, text: str) -> bool:
        if self.language == "zh":
            # 对…深表关切: a circumfix lead, its verb at the end of the 对 clause
            return bool(self.anatomy.circumfix_lead.match(tidy_spaces(text, "zh")))
        first = text.split()[0].rstrip(",") if text.split() else ""
        return first in self.lead_words or bool(re.fullmatch(r"[A-Z][a-z]+(?:ing|ed)", first))

    def _is_closing(self, s: str) -> bool:
        if len(s) > CLOSING_MAX_LENGTH:  # a date or "77th plenary meeting": cheap to rule out
            return False
        s = tidy_spaces(s, self.language)
        return bool(self.anatomy.plenary.match(s) or self.anatomy.closing_date.match(s))

    # -- building -------------------------------------------------------------
    def lead_of(self, text: str) -> str:
        squeezed = tidy_spaces(text, self.language)
        prefix = self.anatomy.lead_prefix.match(squeezed)
        if prefix:  # "在这方面认识到": the lead after the prefix
            lead = self.lead_of(squeezed[prefix.end() :])
            return squeezed[: prefix.end()] + lead if lead else ""
        for lead in self.leads:
            if squeezed.startswith(lead) and (
                self.language == "zh" or len(squeezed) == len(lead) or not squeezed[len(lead)].isalpha()
            ):
                return lead
        return ""

    def join(self, pieces: list[str]) -> str:
        if self.language == "zh":
            return tidy_spaces("".join(pieces), "zh")
        out = ""
        for piece in pieces:
            piece = piece.strip()
            if not out:
                out = piece
            elif out.endswith("-") and out[-2:-1].isascii() and out[-2:-1].isalpha() and piece[:1].islower():
                # the word before the hyphen, from a bounded tail (a search anchored at the end of the growing
                # paragraph rescanned it for every line: quadratic)
                word = re.search(r"[A-Za-z]{1,60}$", out[-61:-1])
                assert word is not None, "the character before the hyphen is an ASCII letter"
                head = word.group(0)
                tail = re.match(r"[A-Za-z]+", piece)
                joined = (head + (tail.group(0) if tail else "")).lower()
                hyphenated = f"{head}-{tail.group(0) if tail else ''}".lower()
                # drop the hyphen only when the document spells the word solid elsewhere
                if joined in self.solid_words and hyphenated not in self.hyphenated_words:
                    out = out[:-1] + piece
                    self.removed_hyphens += 1
                else:
                    out += piece
            else:
                out += " " + piece
        return tidy_spaces(out, "en")

    def finish(self, block: _Block, index: int) -> Paragraph:
        text = self.join(block.pieces)
        number = int(block.label.rstrip(".")) if block.label else None
        subs = tuple(SubParagraph(s.label, self.join(s.pieces)) for s in block.subs)
        markers = tuple(dict.fromkeys(block.markers))
        lead = ""
        if block.part == "preamble":
            lead = self.lead_of(text)
            if self.language == "en":
                lead = english_lead(text, lead)
        return Paragraph(
            part=block.part,
            index=index,
            text=text,
            number=number,
            label=block.label,
            lead=lead,
            subparagraphs=subs,
            footnote_markers=markers,
        )


CHINESE_NUMERALS = "一二三四五六七八九十"
ROMAN = (
    "i",
    "ii",
    "iii",
    "iv",
    "v",
    "vi",
    "vii",
    "viii",
    "ix",
    "x",
    "xi",
    "xii",
    "xiii",
    "xiv",
    "xv",
    "xvi",
    "xvii",
    "xviii",
    "xix",
    "xx",
)


def next_item_labels(label: str) -> set[str]:
    """The labels that may follow ``label`` in a list: b after a, bb after aa, 二 after 一; after i both ii
    (a roman list) and j (a lettered one)."""
    following = set()
    if label in ROMAN[:-1]:
        following.add(ROMAN[ROMAN.index(label) + 1])
    if len(label) == 1 and label in CHINESE_NUMERALS[:-1]:
        following.add(CHINESE_NUMERALS[CHINESE_NUMERALS.index(label) + 1])
    if label.isascii() and label.isalpha() and len(set(label)) == 1:
        following.add("aa" if label == "z" else chr(ord(label[0]) + 1) * len(label) if label[0] != "z" else "")
    return following - {""}


def _layout(events: list[Line | Marker]) -> str:
    """How paragraphs are laid out after the formula, judged on the body as a whole so that a minority
    of odd lines cannot change it.

    "one-per-line": nearly every line ends as a paragraph ends (a terminator, or a short heading), so
    each line is a paragraph (typed text, renderings of the XML); "indent": first lines indented,
    continuation lines not (PDF text); "none": neither, so lead phrases decide.
    """
    lines = [e for e in events if isinstance(e, Line)]
    if not lines:
        return "none"
    ended = sum(1 for e in lines if visible_end(e.text).endswith(TERMINATORS))
    if ended >= ONE_PER_LINE_SHARE * len(lines):
        return "one-per-line"
    indented = sum(1 for e in lines if e.indent)
    if indented == len(lines):
        return "one-per-line"
    # indents mark first lines only where they are neither rare nor the rule
    return "indent" if MIN_INDENT_SHARE * len(lines) <= indented else "none"


ENGLISH_LEAD_TAIL = re.compile(
    r"(?: (?:also|further|again|in particular"
    r"|with (?:deep |grave |great |serious )?(?:appreciation|satisfaction|concern)))+\b"
)


def english_lead(text: str, known: str = "") -> str:
    """The opening participle or adjective of an English preambular paragraph, with its modifiers.

    ``known`` is a lexicon match to extend (``Noting`` -> ``Noting with satisfaction``).
    """
    if not known:
        m = re.match(r"(?:[A-Z][a-z]+ly )?[A-Z][a-z]+\b", text)
        known = m.group(0) if m else ""
    tail = ENGLISH_LEAD_TAIL.match(text, len(known)) if known else None
    return known + (tail.group(0) if tail else "")


class _FrontFacts(TypedDict):
    adopted: dt.date | None
    committee: str
    report_text: str  # the proponent line that names the report ("On the report of the Third Committee (A/62/435)")
    plenary: int | None
    agenda_item: str


def _front_matter_facts(language: str, front: tuple[str, ...], closing: tuple[str, ...]) -> _FrontFacts:
    anatomy = lexicon.anatomy(language)
    front_text = " ".join(tidy_spaces(s, language) for s in front)
    facts: _FrontFacts = {"adopted": None, "committee": "", "report_text": "", "plenary": None, "agenda_item": ""}
    for s in closing:
        s = tidy_spaces(s, language)
        if m := anatomy.plenary.match(s):
            facts["plenary"] = int(m.group("meeting"))
        elif m := anatomy.closing_date.match(s):
            facts["adopted"] = _date(m)
    if facts["adopted"] is None and (m := anatomy.adopted.search(front_text)):
        facts["adopted"] = _date(m)
    for s in front:
        s = tidy_spaces(s, language)
        if m := anatomy.proponent.match(s):
            body = m.group("body")
            if c := anatomy.committee.search(body):
                facts["committee"] = c.group("committee")
            facts["report_text"] = body
    if m := anatomy.agenda_item.search(front_text):
        facts["agenda_item"] = m.group("item")
    return facts


def _date(m: re.Match[str]) -> dt.date | None:
    groups = m.groupdict()
    month = int(groups["month"]) if groups.get("month") else lexicon.months().get(groups.get("month_name", ""), 0)
    try:
        return dt.date(int(groups["year"]), month, int(groups["day"]))
    except ValueError:
        return None
