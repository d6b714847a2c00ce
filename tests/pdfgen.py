"""Typeset a parsed resolution as a UN-style PDF, for round-trip tests (generated at test time).

The text comes from an official AKN4UN file (parsed by ``analysis.parsing.akn``); only the layout is
ours: A4, a header block, first-line indents, superscript footnote markers, footnotes at the foot of
the page under a rule (underscores, a line of spaces, a drawn line, or none), running headers and
page footers, page breaks inside paragraphs and (``split_notes``) inside footnote blocks. Nothing here is
a real document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from analysis.model import Resolution

PAGE_W, PAGE_H = 595.0, 842.0
LEFT, RIGHT, TOP, BOTTOM = 72.0, 72.0, 72.0, 72.0
INDENT = 36.0
FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass(frozen=True)
class Style:
    rule: str = "underscores"  # underscores | spaces | line | none
    embed_cjk: bool = False  # Chinese in an embedded TrueType font (CJK_FONT), so that a page can be rasterized
    numbering: str = "ascii"  # ascii "1." | fullwidth_stop "1．" | fullwidth "１．"
    leading: float = 1.25  # line height as a multiple of the font size
    footnote_indent: bool = False  # footnote continuation lines indented
    body_size: float = 10.0
    split_notes: bool = False  # a footnote block that does not fit continues on the next page
    footer: str = "page/pages"  # page/pages "2/5" | page "2" | job: the document's job number "07-47181 (C)"


@dataclass
class _Line:
    x: float
    runs: list[tuple[str, bool]]  # (text, superscript)
    size: float


@dataclass
class _Page:
    lines: list[_Line] = field(default_factory=list)
    notes: list[_Line] = field(default_factory=list)


# A CJK TrueType font from Debian's fonts-wqy-microhei (.ci/run installs it), for PDFs to rasterize.
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def _font(language: str, embed_cjk: bool = False) -> str:
    if language == "zh" and embed_cjk:
        from reportlab.pdfbase.ttfonts import TTFont

        pdfmetrics.registerFont(TTFont("WQYMicroHei", str(CJK_FONT), subfontIndex=0))
        return "WQYMicroHei"
    if language == "zh":
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        return "STSong-Light"
    return "Times-Roman"


def _label(number: int | None, label: str, style: Style) -> str:
    if number is None:
        return label
    if style.numbering == "fullwidth_stop":
        return f"{number}．"
    if style.numbering == "fullwidth":
        return f"{number}．".translate(FULLWIDTH_DIGITS)
    return f"{number}."


def _wrap(text: str, font: str, size: float, first_width: float, width: float, language: str) -> list[str]:
    """Greedy line breaking: by character in Chinese, by word in English."""
    units = list(text) if language == "zh" else text.split(" ")
    joiner = "" if language == "zh" else " "
    lines, current = [], ""
    for unit in units:
        trial = current + (joiner if current else "") + unit
        limit = first_width if not lines else width
        if current and pdfmetrics.stringWidth(trial, font, size) > limit:
            lines.append(current)
            current = unit
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def typeset(r: Resolution, path: Path, style: Style = Style()) -> Path:
    """Write ``r`` as a PDF at ``path`` (footnote markers after the paragraph that cites them)."""
    font = _font(r.language, style.embed_cjk)
    size, small = style.body_size, style.body_size * 0.8
    width = PAGE_W - LEFT - RIGHT
    notes = {f.marker: f.text for f in r.footnotes}
    blocks: list[tuple[str, bool, list[str]]] = []  # (text, indented first line, markers)
    for line in r.front_matter:
        blocks.append((line, False, []))

    def paragraphs(items) -> None:
        for p in items:
            label = _label(p.number, p.label, style) if p.number is not None else p.label
            markers = [m for m in p.footnote_markers if m in notes]
            blocks.append(((label + " " if label else "") + p.text, True, markers if not p.subparagraphs else []))
            for i, s in enumerate(p.subparagraphs):
                last = i == len(p.subparagraphs) - 1
                printed = s.label if s.label.endswith(".") else f"({s.label})"  # "1." agenda items as printed
                blocks.append((f"{printed} {s.text}" if s.label else s.text, True, markers if last else []))

    paragraphs(r.preamble + r.operative)
    inline = any(a.inline for a in r.annexes)
    closing = [(line, False, []) for line in r.closing]
    blocks += [] if inline else closing
    for annex in r.annexes:
        blocks += [(h, False, []) for h in annex.heading.split("\n") if h]
        paragraphs(annex.paragraphs)
    blocks += closing if inline else []
    pages = [_Page()]
    y_used = 0.0
    line_h = size * style.leading
    placed: set[str] = set()
    for text, indented, markers in blocks:
        rows = _wrap(text, font, size, width - (INDENT if indented else 0), width, r.language)
        for k, row in enumerate(rows):
            last = k == len(rows) - 1
            row_markers = markers if last else []  # a note cited again gets its marker again, its text once
            note_lines = []
            for m in (m for m in row_markers if m not in placed):
                body = _wrap(
                    notes[m], font, small, width - 12, width - (12 if style.footnote_indent else 0), r.language
                )
                note_lines.append(_Line(LEFT, [(m, True), (" " + body[0], False)], small))
                note_lines += [
                    _Line(LEFT + (12 if style.footnote_indent else 0), [(b, False)], small) for b in body[1:]
                ]
            page = pages[-1]
            available = PAGE_H - TOP - BOTTOM - 2 * size

            def notes_height(n: int) -> float:
                return n * small * 1.3 + (small * 2 if n else 0)

            carry: list[_Line] = []
            if y_used + line_h + notes_height(len(page.notes) + len(note_lines)) > available:
                fits = 0  # with split_notes, as many note lines as fit stay here, the rest go over the page
                while (
                    style.split_notes
                    and fits < len(note_lines)
                    and y_used + line_h + notes_height(len(page.notes) + fits + 1) <= available
                ):
                    fits += 1
                if style.split_notes and fits and y_used + line_h + notes_height(len(page.notes) + fits) <= available:
                    note_lines, carry = note_lines[:fits], note_lines[fits:]
                else:
                    pages.append(_Page())
                    page, y_used = pages[-1], 0.0
            x = LEFT + (INDENT if indented and k == 0 else 0)
            runs: list[tuple[str, bool]] = [(row, False)]
            for j, m in enumerate(row_markers):  # several markers: a space between them, as printed
                runs += ([(" ", False)] if j else []) + [(m, True)]
            page.lines.append(_Line(x, runs, size))
            page.notes += note_lines
            placed.update(row_markers)
            y_used += line_h
            if carry:  # a footnote block continued at the foot of the next page, without its marker
                pages.append(_Page(notes=carry))
                y_used = 0.0
    _draw(pages, path, font, r.symbol, style)
    return path


def _draw(pages: list[_Page], path: Path, font: str, symbol: str, style: Style) -> None:
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
    for number, page in enumerate(pages, 1):
        if number > 1:
            c.setFont("Times-Roman", 9)
            c.drawString(LEFT, PAGE_H - TOP + 24, symbol)  # running header
        y = PAGE_H - TOP
        for line in page.lines:
            _draw_line(c, line, y, font)
            y -= line.size * style.leading
        if page.notes:
            small = page.notes[0].size
            y_notes = BOTTOM + len(page.notes) * small * 1.3
            rule_y = y_notes + small * 1.2
            if style.rule == "underscores":
                c.setFont("Times-Roman", small)
                c.drawString(LEFT, rule_y, "_" * 20)
            elif style.rule == "spaces":
                c.setFont("Times-Roman", small)
                c.drawString(LEFT, rule_y, " " * 59)
            elif style.rule == "line":
                c.setLineWidth(0.5)
                c.line(LEFT, rule_y + 3, LEFT + 100, rule_y + 3)
            for line in page.notes:
                _draw_line(c, line, y_notes, font)
                y_notes -= small * 1.3
        c.setFont("Times-Roman", 8)
        footer = {"page/pages": f"{number}/{len(pages)}", "page": f"{number}", "job": "07-47181 (C)"}[style.footer]
        c.drawString(LEFT, BOTTOM - 30, footer)  # page footer
        c.showPage()
    c.save()


# Characters the built-in Chinese CID font has no glyph for; drawn in the Latin font instead.
LATIN_ONLY = set("·")
# Characters the built-in Latin font cannot encode, drawn as their nearest ASCII form; the round-trip
# comparison folds them the same way (a limit of the generator's fonts, not of the reader).
FOLDED = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2212": "-"})


def _draw_line(c: canvas.Canvas, line: _Line, y: float, font: str) -> None:
    x = line.x
    for text, superscript in line.runs:
        size = line.size * (0.6 if superscript else 1.0)
        pieces: list[tuple[str, str]] = []  # (font, text)
        for ch in text.translate(FOLDED) if font == "Times-Roman" else text:
            face = "Times-Roman" if ch in LATIN_ONLY else font
            if pieces and pieces[-1][0] == face:
                pieces[-1] = (face, pieces[-1][1] + ch)
            else:
                pieces.append((face, ch))
        for face, piece in pieces:
            c.setFont(face, size)
            c.drawString(x, y + (line.size * 0.35 if superscript else 0), piece)
            x += pdfmetrics.stringWidth(piece, face, size)
