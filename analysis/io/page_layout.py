"""Page layout shared by the two ways a PDF page is read (its text layer, OCR): where the footnotes are.

A page's footnote zone is what follows its last line in body type, when that block is set in small type
and opens with a number (or a rule, or continues the previous page's notes). Whatever the printed rule
is (underscores, a line of spaces, a drawn line, nothing), the reader writes FOOTNOTE_RULE before a zone
that has no underscore rule of its own, so that the normalizer sees the footnotes as such.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Sequence

FOOTNOTE_RULE = "_" * 20
BODY_SHARE = 0.3  # of a page's glyphs, at least, in its body type
PAGE_FOOTER = re.compile(r"\d{1,3}/\d{1,3}")


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
