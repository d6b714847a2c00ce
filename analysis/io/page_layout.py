"""Page layout, for the two ways a PDF page is read (its text layer, OCR): where the footnotes are, which
lines are indented, and (text layer) which digits are superscript footnote markers.

A page's footnote zone is what follows its last line in body type, when that block is set in small type
and opens with a number (or a rule, or continues the previous page's notes). Whatever the printed rule
is (underscores, a line of spaces, a drawn line, nothing), the reader writes FOOTNOTE_RULE before a zone
that has no underscore rule of its own, so that the normalizer sees the footnotes as such.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pdfplumber.page import Page

FOOTNOTE_RULE = "_" * 20
BODY_SHARE = 0.3  # of a page's glyphs, at least, in its body type
PAGE_FOOTER = re.compile(r"\d{1,3}/\d{1,3}")
# A superscript is printed this much smaller than the glyph before it ...
SUPERSCRIPT_RATIO = 0.75
# ... and its baseline sits at least this many points above that glyph's.
SUPERSCRIPT_RAISE = 1.0
# A line of a text layer that starts this far right of the page's left margin is indented.
INDENT_POINTS = 12.0
# Footnotes are set in smaller type than the body: a line of a text layer whose glyphs are at most this
# share of the page's body size is small type.
SMALL_TYPE_RATIO = 0.92


def footnote_zone(
    sizes: Sequence[float], weights: Sequence[int], texts: Sequence[str], small_ratio: float, notes_before: bool = False
) -> int | None:
    """Index of the first line of the footnote zone, or None.

    ``sizes``: each line's type size (glyph size, or box height for OCR), rounded so that equal sizes
    compare equal; ``weights``: its number of glyphs; ``small_ratio``: a line is small type at most this
    share of the body size; ``notes_before``: the page before had footnotes.
    """
    glyphs: collections.Counter = collections.Counter()
    for size, weight in zip(sizes, weights):
        glyphs[size] += weight
    total = sum(glyphs.values())
    if not total:
        return None
    # the body type: the largest size that sets a good share of the page's glyphs (the commonest size
    # would be the footnotes' on a short last page with long notes)
    body = max((size for size, n in glyphs.items() if n >= BODY_SHARE * total), default=glyphs.most_common(1)[0][0])
    last_body = max((i for i, size in enumerate(sizes) if size > body * small_ratio), default=None)
    if last_body is None or last_body == len(sizes) - 1:
        return None
    start = last_body + 1
    first = texts[start].strip()
    if first.startswith("_"):
        return start  # a printed rule
    if PAGE_FOOTER.fullmatch(first):
        return None  # the page footer alone
    return start if first[:1].isdigit() or notes_before else None


def lay_out(
    texts: Sequence[str],
    offsets: Sequence[float],
    indent_beyond: float,
    zone: int | None,
    written: Callable[[int, str], list[str]],
) -> str:
    """A page's lines as text: FOOTNOTE_RULE before a footnote zone that prints none, and one leading
    space for a body line whose ``offsets`` (from the left margin) exceed ``indent_beyond``. Footnote
    lines are written flush, so that an indented continuation is not taken for the body. ``written``
    gives the printed lines of line ``i`` with its indent."""
    out: list[str] = []
    for i, text in enumerate(texts):
        if i == zone and not text.strip().startswith("_"):
            out.append(FOOTNOTE_RULE)
        indent = " " if offsets[i] > indent_beyond and (zone is None or i < zone) else ""
        out.extend(written(i, indent))
    return "\n".join(out)


def page_text(page: Page, notes_before: bool = False) -> tuple[str, bool]:
    """One page of a text layer as lines (superscript markers on lines of their own), and whether it
    has footnotes; the footnote zone is found by :func:`footnote_zone` from glyph sizes, whatever its rule
    (a line of spaces is dropped by extraction)."""
    lines = page.extract_text_lines(return_chars=True, strip=False)
    if not lines:
        return "", False
    margin = collections.Counter(round(line["x0"]) for line in lines).most_common(1)[0][0]
    zone = text_layer_footnote_zone(lines, notes_before)
    text = lay_out(
        [line["text"] for line in lines],
        [line["x0"] - margin for line in lines],
        INDENT_POINTS,
        zone,
        lambda i, indent: split_superscripts(lines[i]["text"], lines[i]["chars"], indent),
    )
    return text, zone is not None


def _line_size(line: dict) -> float:
    sizes = sorted(c["size"] for c in line["chars"] if c["text"].strip())
    return round(sizes[len(sizes) // 2], 1) if sizes else 0.0


def text_layer_footnote_zone(lines: list[dict], notes_before: bool = False) -> int | None:
    """:func:`footnote_zone` of pdfplumber's lines (glyph sizes)."""
    return footnote_zone(
        [_line_size(line) for line in lines],
        [sum(1 for c in line["chars"] if c["text"].strip()) for line in lines],
        [line["text"] for line in lines],
        SMALL_TYPE_RATIO,
        notes_before,
    )


def _superscript_flags(chars: list[dict]) -> list[bool]:
    """A digit is a superscript when it is clearly smaller than, and raised above,
    the nearest non-digit glyph before it (or after it, at the start of a line)."""
    flags = [False] * len(chars)
    for i, c in enumerate(chars):
        if not c["text"].isdigit():
            continue
        before = (chars[j] for j in range(i - 1, -1, -1))
        after = (chars[j] for j in range(i + 1, len(chars)))
        ref = next((g for g in before if g["text"].strip() and not g["text"].isdigit()), None)
        ref = ref or next((g for g in after if g["text"].strip() and not g["text"].isdigit()), None)
        if ref is not None:
            flags[i] = c["size"] < ref["size"] * SUPERSCRIPT_RATIO and c["bottom"] < ref["bottom"] - SUPERSCRIPT_RAISE
    return flags


def split_superscripts(text: str, chars: list[dict], indent: str) -> list[str]:
    """Rebuild one printed line; a run of superscript digits becomes a line of its own.

    pdfplumber's line text has the right word spacing; its chars say which
    glyphs are superscripts. Walk both together: a text character that is not
    the next glyph is a space pdfplumber inserted.
    """
    flags = _superscript_flags(chars)
    pieces: list[str] = []
    current, marker = indent, ""
    position = 0
    for ch in text:
        small = False
        if position < len(chars) and ch == chars[position]["text"]:
            small = flags[position]
            position += 1
        if small:
            if not marker and current.strip():
                pieces.append(current)
                current = ""
            marker += ch
            continue
        if marker:
            pieces.append(marker)
            marker, current = "", ""
            if ch == " ":
                continue
        current += ch
    if marker:
        pieces.append(marker)
    if current.strip():
        pieces.append(current.rstrip())
    return pieces
