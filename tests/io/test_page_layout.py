"""Page layout shared by the text layer and OCR: a page's lines, its indents and its footnote zone, from
generated geometry (boxes and sizes made up here, not read from a PDF)."""

from __future__ import annotations

from analysis.io import ocr
from analysis.io.page_layout import FOOTNOTE_RULE, lay_out


def test_lay_out_marks_the_footnote_zone_and_indents_only_body_lines():
    texts = ["The General Assembly,", "Recalling its resolution,", "1 Resolution 70/1.", "continued"]
    offsets = [0.0, 30.0, 0.0, 30.0]
    laid = lay_out(texts, offsets, 12.0, 2, lambda i, indent: [indent + texts[i]])
    assert laid.split("\n") == [texts[0], " " + texts[1], FOOTNOTE_RULE, texts[2], texts[3]]
    ruled = ["Body", "____", "1 Note."]  # a zone with a printed rule of its own gets no second one
    assert lay_out(ruled, [0.0] * 3, 12.0, 1, lambda i, indent: [ruled[i]]) == "Body\n____\n1 Note."


def _box(x: float, top: float, height: float, text: str) -> tuple[list, str, float]:
    return [[x, top], [x + 200, top], [x + 200, top + height], [x, top + height]], text, 0.9


def test_ocr_boxes_become_lines_read_left_to_right():
    boxes = [
        _box(300, 101, 20, "resolution 60/1,"),  # the same line as the next box, a little lower: read after it
        _box(50, 100, 20, "Recalling its"),
        _box(90, 140, 20, "Notes with appreciation"),  # indented
        _box(50, 180, 20, "The General Assembly,"),
        _box(50, 215, 12, "1 Resolution 70/1."),  # small type opening with a number: the footnote zone
    ]
    assert ocr._page_text(boxes, 1000).split("\n") == [
        "Recalling its resolution 60/1,",
        " Notes with appreciation",
        "The General Assembly,",
        FOOTNOTE_RULE,
        "1 Resolution 70/1.",
    ]
    assert ocr._page_text([], 1000) == ""
