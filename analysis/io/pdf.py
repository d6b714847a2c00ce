"""PDF: the text layer of every page (pdfplumber), or OCR of a scan without one; extractions cached.

Superscript digits (footnote markers) are put on a line of their own and indented lines keep one
leading space (``analysis.io.page_layout``): the same shape the UN's own text extraction of Chinese PDFs
has, so one normalizer serves both. Extraction is slow (pdfminer), so its result is cached by the PDF's
SHA-256 (``analysis.io.cache``); a cached text is the same text.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from analysis.errors import InputError
from analysis.io import Format, register
from analysis.io.cache import entry_path, read_entry
from analysis.io.ocr import OCR_VERSION, ocr_source, read_scanned_pdf
from analysis.io.page_layout import page_text
from analysis.model import SourceText

# Bump when PDF extraction changes, so cached extractions are made again.
# 2: footnote zone from type size, whatever the rule; 3: continued notes; 4: layout.py;
# 5: cache entries carry their SHA-256
PDF_EXTRACTOR_VERSION = "5"


def read_pdf(path: Path, data: bytes) -> SourceText:
    """Text of every page, pages separated by form feeds: the text layer, else (a scan) OCR where the
    extra is installed; from the cache when it holds this PDF's extraction."""
    digest = hashlib.sha256(data).hexdigest()
    cache = entry_path(f"{digest}-v{PDF_EXTRACTOR_VERSION}.txt")
    ocr_cache = entry_path(f"{digest}-ocr-v{OCR_VERSION}.txt")
    if (cached := read_entry(cache)) is not None:
        return SourceText(path=str(path), format="pdf", text=cached)
    if (cached := read_entry(ocr_cache)) is not None:
        confidence, _, text = cached.partition("\n")
        try:
            return ocr_source(path, text, float(confidence))
        except ValueError:
            pass  # a damaged cache entry: read the scan again
    text = extract_text_layer(path)
    if not text.strip():  # no text layer: a scan, read by OCR where the extra is installed
        text, mean_confidence = read_scanned_pdf(path)
        source = ocr_source(path, text, mean_confidence)
        return replace(source, pending_cache=(str(ocr_cache), f"{mean_confidence:.4f}\n{text}"))
    return SourceText(path=str(path), format="pdf", text=text, pending_cache=(str(cache), text))


def extract_text_layer(path: Path) -> str:
    """The text layer of every page, form feeds between pages; "" when no page has any text."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError
    from pdfminer.pdfexceptions import PDFException
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(path) as pdf:
            pages, continued = [], False
            for page in pdf.pages:
                text, continued = page_text(page, continued)
                pages.append(text)
    except PDFEncryptionError:  # a password asked for (PDFPasswordIncorrect) or an encryption pdfminer lacks
        raise InputError(path, "encrypted PDF; cannot read its text") from None
    except (PdfminerException, PDFException, PSException, ValueError, KeyError, TypeError, EOFError) as exc:
        # pdfplumber raises PdfminerException(original) while handling pdfminer's exception: the original
        # is in the chain, and its type decides
        if any(isinstance(e, PDFEncryptionError) for e in _exception_chain(exc)):
            raise InputError(path, "encrypted PDF; cannot read its text") from None
        raise InputError(path, "damaged or truncated PDF; cannot read its text") from None
    if not any(p.strip() for p in pages):
        return ""
    return "\f".join(pages)


def _exception_chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and the exceptions it was raised from or while handling, innermost last."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


PDF = register(Format("pdf", (".pdf",), "PDF text layer", precedence=3, read=read_pdf, signature=b"%PDF"))
