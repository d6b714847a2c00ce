"""Conservation: every printed character of the input is accounted for exactly once.

A parse may move characters (a footnote block out of a paragraph) and drop
whitespace, but never lose or duplicate a non-whitespace character: each one
is in a field of the ``Resolution`` or in its list of removed artifacts.
"""

from __future__ import annotations

from collections import Counter

from analysis.model import Paragraph, Resolution
from analysis.parsing.normalize import nonspace_counts, normalize_chars


def _paragraph_pieces(p: Paragraph) -> list[str]:
    return [p.label, p.text] + [f"({s.label}){s.text}" for s in p.subparagraphs]


def accounted_text(r: Resolution) -> list[str]:
    """Every piece of text the parse kept, in fields or as artifacts."""
    pieces: list[str] = list(r.front_matter) + list(r.closing)
    for p in r.preamble + r.operative:
        pieces += _paragraph_pieces(p)
    for a in r.annexes:
        pieces.append(a.heading)
        for p in a.paragraphs:
            pieces += _paragraph_pieces(p)
    pieces += [f.marker + f.text for f in r.footnotes]
    pieces += [a.text for a in r.artifacts]
    return pieces


def conservation_gaps(text: str, r: Resolution) -> tuple[Counter[str], Counter[str]]:
    """(lost, invented): characters of the input missing from the parse, and the reverse."""
    before = nonspace_counts(normalize_chars(text))
    after: Counter[str] = Counter()
    for piece in accounted_text(r):
        after.update(nonspace_counts(piece))
    return before - after, after - before
