"""Read a PDF without a text layer (a scan) by optical character recognition.

Optional: ``pip install "crime-policy-priorities[ocr]"`` installs RapidOCR with its ONNX models for
simplified Chinese and English inside the package, so it works offline. Pages are rasterized with
pypdfium2, recognized line by line, and laid out as the text extractor lays out a text layer (first-line
indents kept, the footnote zone under a rule), so the same normalizer and parser read them.
"""

from __future__ import annotations

import collections
import statistics
from pathlib import Path

from analysis.errors import InputError
from analysis.io.page_layout import FOOTNOTE_RULE, footnote_zone

OCR_EXTRA = 'pip install "crime-policy-priorities[ocr]"'
OCR_SCALE = 2.0  # 144 dpi: small type (footnotes) stays legible, a page takes a few seconds
INDENT_SHARE = 0.02  # of the page width: a line starting further right than the margin is indented
SMALL_TYPE_RATIO = 0.85  # footnote lines are at most this share of the body line height
ENGINE = "RapidOCR"
# Part of the OCR cache key: change it with OCR_SCALE, the layout rules or the engine version.
OCR_VERSION = f"2-scale{OCR_SCALE}"


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
            pages.append(_layout(boxes, image.width))
    finally:
        document.close()
    if not confidences:
        raise InputError(path, "PDF has no text layer, and OCR found no text on its pages")
    return "\f".join(pages), statistics.fmean(confidences)


def _layout(boxes: list[tuple[list, str, float]], page_width: int) -> str:
    """Recognized boxes as printed lines: boxes whose vertical centres are close form a line, read left
    to right; indents and the footnote zone from the geometry, as for a text layer."""
    items = []
    for box, text, _ in boxes:
        ys = [p[1] for p in box]
        xs = [p[0] for p in box]
        items.append({"top": min(ys), "bottom": max(ys), "x0": min(xs), "text": text.strip()})
    items.sort(key=lambda b: ((b["top"] + b["bottom"]) / 2, b["x0"]))
    lines: list[list[dict]] = []
    for item in items:
        centre = (item["top"] + item["bottom"]) / 2
        if lines:
            last = lines[-1]
            height = statistics.median(b["bottom"] - b["top"] for b in last)
            if abs(centre - statistics.median((b["top"] + b["bottom"]) / 2 for b in last)) < height / 2:
                last.append(item)
                continue
        lines.append([item])
    if not lines:
        return ""
    rows = []
    for line in lines:
        line.sort(key=lambda b: b["x0"])
        rows.append(
            {
                "x0": line[0]["x0"],
                "height": statistics.median(b["bottom"] - b["top"] for b in line),
                "text": " ".join(b["text"] for b in line),
            }
        )
    margin = collections.Counter(round(r["x0"] / 4) * 4 for r in rows).most_common(1)[0][0]
    zone = footnote_zone(
        [round(r["height"]) for r in rows], [len(r["text"]) for r in rows], [r["text"] for r in rows], SMALL_TYPE_RATIO
    )
    out = []
    for i, row in enumerate(rows):
        if i == zone and not row["text"].startswith("_"):
            out.append(FOOTNOTE_RULE)
        indented = row["x0"] - margin > INDENT_SHARE * page_width and (zone is None or i < zone)
        out.append((" " if indented else "") + row["text"])
    return "\n".join(out)
