"""Render a parsed resolution back to plain text, laid out as extracted text is.

Used to feed the text pipeline with the XML corpus (benchmarks) and to check that the
text parser and the XML parser agree on structure (tests).
"""
from __future__ import annotations

from .model import Paragraph, Resolution


def _paragraph_lines(p: Paragraph) -> list[str]:
    head = f" {p.label} {p.text}" if p.label else f" {p.text}"
    return [head] + [f" ({s.label}) {s.text}" for s in p.subparagraphs]


def plain_text(r: Resolution) -> str:
    """Front matter, preamble, operative part, annexed texts and closing, one paragraph a line.

    A paragraph starts with a one-space indent, as in the UN's PDF extractions; footnotes are
    left out (their markers are not in the paragraph texts either).
    """
    lines = list(r.front_matter)
    for p in r.preamble + r.operative:
        lines += _paragraph_lines(p)
    if not any(a.inline for a in r.annexes):
        lines += list(r.closing)  # an annex is printed after the closing lines
    for annex in r.annexes:
        lines += [h for h in annex.heading.split("\n") if h] if annex.heading else []
        for p in annex.paragraphs:  # section headings are left out: only their count differs
            lines += _paragraph_lines(p)
    if any(a.inline for a in r.annexes):
        lines += list(r.closing)
    return "\n".join(lines) + "\n"
