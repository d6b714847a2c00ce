"""Read a PDF without a text layer (a scan) by optical character recognition.

Optional: ``pip install "crime-policy-priorities[ocr]"`` installs RapidOCR with its ONNX models for
simplified Chinese and English inside the package, so it works offline. Pages are rasterized with
pypdfium2, recognized line by line, and laid out as the text extractor lays out a text layer (first-line
indents kept, the footnote zone under a rule), so the same normalizer and parser read them.
"""

from __future__ import annotations

import collections
import re
import statistics
from pathlib import Path

from analysis.errors import InputError
from analysis.io.page_layout import footnote_zone, lay_out
from analysis.model import SourceText

OCR_EXTRA = 'pip install "crime-policy-priorities[ocr]"'
OCR_SCALE = 2.0  # 144 dpi: small type (footnotes) stays legible, a page takes a few seconds
INDENT_SHARE = 0.02  # of the page width: a line starting further right than the margin is indented
SMALL_TYPE_RATIO = 0.85  # footnote lines are at most this share of the body line height
ENGINE = "RapidOCR"
# Part of the OCR cache key: change it with OCR_SCALE, the layout rules or the engine version.
OCR_VERSION = f"2-scale{OCR_SCALE}"
# English prose has about one space for every five letters; far fewer means OCR ran the words together.
OCR_MIN_SPACES_PER_LETTER = 0.08


def available() -> bool:
    """Whether the OCR extra is installed."""
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def read_scanned_pdf(path: Path) -> tuple[str, float]:
    """The text of every page (form feeds between pages) and the mean recognition confidence."""
    try:
        import numpy as np
        import pypdfium2 as pdfium
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        raise InputError(
            path, f"PDF has no text layer (a scanned image?); to read it by OCR, install the extra: {OCR_EXTRA}"
        ) from None
    engine = RapidOCR()
    pages, confidences = [], []
    document = pdfium.PdfDocument(str(path))
    try:
        for page in document:
            image = page.render(scale=OCR_SCALE).to_pil().convert("RGB")
            found, _ = engine(np.asarray(image)[:, :, ::-1])  # OpenCV's BGR order
            boxes = [(box, text, float(conf)) for box, text, conf in (found or []) if text.strip()]
            confidences += [conf for _, _, conf in boxes]
            pages.append(_page_text(boxes, image.width))
    finally:
        document.close()
    if not confidences:
        raise InputError(path, "PDF has no text layer, and OCR found no text on its pages")
    return "\f".join(pages), statistics.fmean(confidences)


def _page_text(boxes: list[tuple[list, str, float]], page_width: int) -> str:
    """Recognized boxes as printed lines: boxes whose vertical centres are close form a line, read left
    to right; indents and the footnote zone from the geometry, as for a text layer."""
    rows = [_row(line) for line in _lines(_items(boxes))]
    if not rows:
        return ""
    margin = collections.Counter(round(r["x0"] / 4) * 4 for r in rows).most_common(1)[0][0]
    texts = [r["text"] for r in rows]
    zone = footnote_zone([round(r["height"]) for r in rows], [len(t) for t in texts], texts, SMALL_TYPE_RATIO)
    return lay_out(
        texts, [r["x0"] - margin for r in rows], INDENT_SHARE * page_width, zone, lambda i, indent: [indent + texts[i]]
    )


def _items(boxes: list[tuple[list, str, float]]) -> list[dict]:
    """Each box's extent and text, in reading order (by vertical centre, then from the left)."""
    items = []
    for box, text, _ in boxes:
        ys = [p[1] for p in box]
        xs = [p[0] for p in box]
        items.append({"top": min(ys), "bottom": max(ys), "x0": min(xs), "text": text.strip()})
    items.sort(key=lambda b: (_centre(b), b["x0"]))
    return items


def _centre(item: dict) -> float:
    return (item["top"] + item["bottom"]) / 2


def _lines(items: list[dict]) -> list[list[dict]]:
    """Boxes grouped into lines: a box whose centre is within half a line height of the line so far joins it."""
    lines: list[list[dict]] = []
    for item in items:
        if lines:
            last = lines[-1]
            height = statistics.median(b["bottom"] - b["top"] for b in last)
            if abs(_centre(item) - statistics.median(_centre(b) for b in last)) < height / 2:
                last.append(item)
                continue
        lines.append([item])
    return lines


def _row(line: list[dict]) -> dict:
    """A line's left edge, its median box height (its type size) and its text, read left to right."""
    line.sort(key=lambda b: b["x0"])
    return {
        "x0": line[0]["x0"],
        "height": statistics.median(b["bottom"] - b["top"] for b in line),
        "text": " ".join(b["text"] for b in line),
    }


def ocr_source(path: Path, text: str, confidence: float) -> SourceText:
    """The source text of a scan read by OCR, with a note of its confidence, and a warning when the
    recognition lost the spaces between words (Latin script)."""
    notes: tuple[str, ...] = (
        f"read by OCR ({ENGINE}) from a PDF without a text layer; mean recognition confidence {confidence:.2f}",
    )
    letters, spaces = len(re.findall(r"[A-Za-z]", text)), len(re.findall(r"(?<=\S) (?=\S)", text))
    if letters > 200 and spaces < OCR_MIN_SPACES_PER_LETTER * letters:
        notes += (
            f"OCR lost most word spaces ({spaces} spaces for {letters} Latin letters): English lead "
            "phrases, verbs and themes will be missed (check the text)",
        )
    return SourceText(path=str(path), format="ocr", text=text, notes=notes, ocr_confidence=confidence)
