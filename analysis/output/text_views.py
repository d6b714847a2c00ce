"""Render a parsed resolution back to plain text, laid out as extracted or typed text is.

Used to feed the text pipeline with the XML corpus (benchmarks) and to check that the text parser
and the XML parser agree on structure (tests), in several styles:

- ``indent``: one paragraph a line, first lines indented by one space (the UN's Chinese extractions);
- ``lines``: one paragraph a line, a blank line between paragraphs, no indent, no markup;
- ``pdf``: lines wrapped as on a printed page, first-line indents, and a page footer and running
  header (page number, symbol) inserted every so many lines, in the middle of paragraphs too.
"""

from __future__ import annotations

import textwrap
import zlib
from collections.abc import Iterator

from analysis.lang import profile
from analysis.model import Paragraph, Resolution

TEXT_STYLES = ("indent", "lines", "pdf")
PDF_PAGE_LINES = 40


def _paragraphs(r: Resolution) -> Iterator[str]:
    """Every paragraph and sub-paragraph after the front matter, as printed, in reading order."""
    for p in r.preamble + r.operative:
        yield from _paragraph_texts(p)
    if not any(a.inline for a in r.annexes):
        yield from (f"\x00{line}" for line in r.closing)  # \x00: a line kept as it is, never wrapped
    for annex in r.annexes:
        yield from (f"\x00{h}" for h in annex.heading.split("\n") if h) if annex.heading else ()
        for p in annex.paragraphs:  # section headings are left out: only their count differs
            yield from _paragraph_texts(p)
    if any(a.inline for a in r.annexes):
        yield from (f"\x00{line}" for line in r.closing)


def _paragraph_texts(p: Paragraph) -> list[str]:
    return [f"{p.label} {p.text}" if p.label else p.text] + [
        f"({s.label}) {s.text}" if s.label else s.text for s in p.subparagraphs
    ]


def plain_text(r: Resolution, style: str = "indent") -> str:
    """The resolution as plain text in one of ``TEXT_STYLES`` (footnotes left out: their markers are not
    in the paragraph texts either)."""
    if style not in TEXT_STYLES:
        raise ValueError(f"unknown style {style!r}; one of {', '.join(TEXT_STYLES)}")
    lines = list(r.front_matter)
    for text in _paragraphs(r):
        kept = text.startswith("\x00")
        text = text.lstrip("\x00")
        if style == "indent":
            lines.append(text if kept else f" {text}")
        elif style == "lines":
            lines += ["", text]
        else:
            lines += [text] if kept else _wrap(text, r)
    if style == "pdf":
        lines = _paginate(lines, len(r.front_matter), r.symbol)
    return "\n".join(lines) + "\n"


def _wrap(text: str, r: Resolution) -> list[str]:
    language = profile(r.language)
    low, high = language.printed_width  # characters per printed line, chosen per document
    width = low + zlib.crc32(r.symbol.encode()) % (high - low + 1)  # the same for a document every time
    if language.spaced:
        rows = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    else:  # a line breaks anywhere in a script without spaces
        rows = [text[i : i + width] for i in range(0, len(text), width)]
    return [f" {rows[0]}"] + rows[1:] if rows else []


def _paginate(lines: list[str], start: int, symbol: str) -> list[str]:
    """A footer (page number) and, on the next page, a running header (the symbol) every page."""
    body = lines[start:]
    pages = (len(body) + PDF_PAGE_LINES - 1) // PDF_PAGE_LINES or 1
    out = lines[:start]
    for page in range(pages):
        if page:
            out += [f"{page}/{pages}", f"\f{symbol}"]
        out += body[page * PDF_PAGE_LINES : (page + 1) * PDF_PAGE_LINES]
    return out


def structure(r: Resolution) -> tuple:
    """What a reading of the structure must get right: preambular count, operative numbers (None for
    an unnumbered clause), each paragraph's sub-paragraph labels, and annexed paragraph counts."""
    return (
        len(r.preamble),
        tuple(p.number for p in r.operative),
        tuple(tuple(s.label for s in p.subparagraphs) for p in r.operative),
        tuple(len(a.paragraphs) for a in r.annexes),
    )
