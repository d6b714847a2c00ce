"""Scanned PDFs: generated PDFs (typeset from official XML at test time) rasterized into image-only PDFs
and read back by OCR. Needs the optional extra ``.[ocr]`` (RapidOCR, offline) and, for Chinese, a CJK
font to typeset with (Debian's fonts-wqy-microhei); ``.ci/run`` installs both."""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest

from analysis import parse_file
from analysis.errors import InputError
from analysis.io import ocr
from tests.conftest import UNXML
from tests.pdfgen import CJK_FONT, Style, typeset

ACCURACY_FLOOR = {"zh": 0.97, "en": 0.75}  # characters of the paragraphs, whitespace aside, vs the text layer
# .ci/run installs the extra and sets CRIMEPOL_REQUIRE_OCR=1: there a missing extra fails instead of skipping
REQUIRED = os.environ.get("CRIMEPOL_REQUIRE_OCR") == "1"
needs_ocr = pytest.mark.skipif(
    not ocr.available() and not REQUIRED, reason='needs the OCR extra: pip install -e ".[ocr]"'
)


def image_only(pdf: Path, out: Path, scale: float = 2.0) -> Path:
    """Every page of ``pdf`` rendered to an image, written as a PDF with no text layer (a generated scan)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    images = [page.render(scale=scale).to_pil().convert("RGB") for page in document]
    document.close()
    images[0].save(out, "PDF", resolution=72 * scale, save_all=True, append_images=images[1:])
    return out


def _text(r) -> str:
    return "".join(re.sub(r"\s+", "", p.text) for p in r.preamble + r.operative)


@needs_ocr
@pytest.mark.parametrize("name", ["A_RES_77_241.en.xml", "A_RES_77_241.zh.xml"])
def test_a_scanned_pdf_is_read_by_ocr(tmp_path, monkeypatch, name):
    monkeypatch.setenv("CRIMEPOL_CACHE", str(tmp_path / "cache"))  # OCR runs here, never from a cache
    if name.endswith(".zh.xml") and not CJK_FONT.is_file() and not REQUIRED:
        pytest.skip(f"needs the CJK font {CJK_FONT} (Debian fonts-wqy-microhei) to typeset the Chinese page")
    xml = parse_file(UNXML / name)
    layer = typeset(xml, tmp_path / "generated.pdf", Style(embed_cjk=True))
    scan = image_only(layer, tmp_path / "generated_scan.pdf")
    with_layer, by_ocr = parse_file(layer), parse_file(scan)
    assert by_ocr.source_format == "ocr"
    assert any(w.startswith("read by OCR") and "mean recognition confidence" in w for w in by_ocr.warnings)
    assert by_ocr.ocr_confidence is not None and 0.5 < by_ocr.ocr_confidence <= 1  # RapidOCR scores 0..1
    assert with_layer.ocr_confidence is None
    from analysis.comparison.series import reading

    assert reading(by_ocr) == f"OCR of a scanned PDF (mean confidence {by_ocr.ocr_confidence:.2f})"
    assert (len(by_ocr.preamble), [p.number for p in by_ocr.operative]) == (
        len(with_layer.preamble),
        [p.number for p in with_layer.operative],
    )
    accuracy = difflib.SequenceMatcher(None, _text(with_layer), _text(by_ocr), autojunk=False).ratio()
    # measured: Chinese 0.98; English 0.80, and the model runs English words together, which is said
    assert accuracy >= ACCURACY_FLOOR[xml.language], accuracy
    if xml.language == "en":
        assert any("OCR lost most word spaces" in w for w in by_ocr.warnings)


def test_without_the_extra_the_refusal_names_it(tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_rapidocr(name, *args, **kwargs):
        if name.startswith("rapidocr"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    xml = parse_file(UNXML / "A_RES_77_241.en.xml")
    scan = image_only(typeset(xml, tmp_path / "generated.pdf"), tmp_path / "generated_scan.pdf", scale=1.0)
    monkeypatch.setattr(builtins, "__import__", no_rapidocr)
    with pytest.raises(InputError, match=re.escape(ocr.OCR_EXTRA)):
        parse_file(scan)
