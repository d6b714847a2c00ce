"""Ingest: turn a file (PDF, plain text or AKN4UN XML) into a ``SourceText``.

Nothing here knows what a resolution looks like; it only decodes faithfully
and refuses, with one clear reason, what it cannot decode.
"""

from __future__ import annotations

import collections
import hashlib
import re
import stat
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from analysis.errors import InputError
from analysis.io.page_layout import FOOTNOTE_RULE, footnote_zone
from analysis.model import SourceText
from analysis.util.files import atomic_write_text
from analysis.util.locations import cache_dir

if TYPE_CHECKING:
    from pdfplumber.page import Page

AKN_ROOT = "akomaNtoso"
# A resolution, even a long one with annexes, is far below this; anything larger is refused unread.
MAX_INPUT_BYTES = 20 * 1024 * 1024
# Bump when PDF extraction changes, so cached extractions are made again.
# 2: footnote zone from type size, whatever the rule; 3: continued notes; 4: layout.py;
# 5: cache entries carry their SHA-256
PDF_EXTRACTOR_VERSION = "5"
# C0 controls other than tab, newline, form feed and carriage return; C1 controls in text.
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# A superscript is printed this much smaller than the glyph before it ...
SUPERSCRIPT_RATIO = 0.75
# ... and its baseline sits at least this many points above that glyph's.
SUPERSCRIPT_RAISE = 1.0
# A line that starts this far right of the page's left margin is indented.
INDENT_POINTS = 12.0
# Footnotes are set in smaller type than the body: a line whose glyphs are at most this share of the
# page's body size is small type.
SMALL_TYPE_RATIO = 0.92
# English prose has about one space for every five letters; far fewer means OCR ran the words together.
OCR_MIN_SPACES_PER_LETTER = 0.08


def read_source(path: str | Path) -> SourceText:
    """Read ``path`` and decode it by what its bytes are, not by its name."""
    path = Path(path)
    data = _read_bytes(path)
    if not data.strip():
        raise InputError(path, "empty file")
    head = data.lstrip()[:512]
    if data.startswith(b"%PDF"):
        return _read_pdf(path, data)
    if path.suffix.lower() == ".pdf":
        raise InputError(path, "not a PDF (no %PDF header)")
    if path.suffix.lower() != ".xml" and (_looks_html(head) or path.suffix.lower() in (".html", ".htm")):
        return _read_html(path, data)
    if head.startswith((b"<", b"\xef\xbb\xbf<")) or path.suffix.lower() == ".xml":
        return _read_xml(path, data)
    text, notes = decode_text(path, data)
    return SourceText(path=str(path), format="text", text=text, notes=notes)


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing what is not a regular file (a device or pipe never ends: /dev/zero) and
    reading at most the size limit plus one byte, so that a file growing while read cannot exhaust memory."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise InputError(path, "is a directory, not a file")
        if not stat.S_ISREG(mode):
            raise InputError(path, "is not a regular file (a device, pipe or socket); save the document to a file")
        with path.open("rb") as fh:
            data = fh.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "cannot read the file: permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            path, f"too large for a resolution (more than {MAX_INPUT_BYTES // 1024 // 1024} MB, the limit)"
        )
    return data


def decode_text(path: Path, data: bytes) -> tuple[str, tuple[str, ...]]:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; GB18030 Chinese is detected."""
    notes: tuple[str, ...] = ()
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")) and _looks_binary(data):
        raise InputError(path, "binary file, not text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, notes = data.decode("utf-16"), ("decoded as UTF-16",)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_gb18030(path, data)
            notes = ("decoded as GB18030 (not UTF-8)",)
    controls = len(CONTROL_CHARACTERS.findall(text))
    if controls > max(2, len(text) // 100):
        raise InputError(path, "binary file, not text")
    return text, notes


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many C0 control bytes (other than tab, newline, carriage return, form feed)."""
    sample = data[:65536]
    controls = len(CONTROL_BYTES.findall(sample))
    return b"\x00" in sample or controls > max(2, len(sample) // 100)


def _decode_gb18030(path: Path, data: bytes) -> str:
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text, and not GB18030/GBK Chinese either") from None
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    if cjk < len(text.strip()) * 0.2:
        raise InputError(path, "not UTF-8 text (it decodes as GB18030 but is not Chinese)")
    return text


def _read_xml(path: Path, data: bytes) -> SourceText:
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    data = _as_utf8_xml(path, data)
    try:
        root = SafeET.fromstring(data)
    except DefusedXmlException:
        raise InputError(
            path, "XML declares a DTD or entities; refused (external entities are never resolved)"
        ) from None
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else "?"
        raise InputError(path, f"malformed or truncated XML (line {line})") from None
    if not root.tag.endswith(AKN_ROOT):
        raise InputError(path, f"XML is not an AKN4UN document (root element <{root.tag.split('}')[-1]}>)")
    return SourceText(path=str(path), format="xml", xml_root=root)


XML_DECLARATION = re.compile(rb"^(\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"'][^>]*\?>")
EXPAT_ENCODINGS = {"utf-8", "utf8", "utf-16", "utf16", "iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"}


def _as_utf8_xml(path: Path, data: bytes) -> bytes:
    """XML in an encoding the XML reader lacks (GBK, GB18030, Big5 …) decoded by Python's codecs and
    handed on as UTF-8 with its declaration changed to say so."""
    m = XML_DECLARATION.match(data)
    if not m or m.group(2).decode("ascii").lower() in EXPAT_ENCODINGS:
        return data
    encoding = m.group(2).decode("ascii")
    try:
        text = data[m.end() :].decode(encoding)
    except LookupError:
        raise InputError(path, f"XML declares the unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        raise InputError(path, f"XML declares {encoding} but byte {exc.start} is not {encoding}") from None
    except (UnicodeError, TypeError):  # a codec that is no text encoding (punycode, rot13, base64 …)
        raise InputError(path, f"XML declares {encoding!r}, which is not a text encoding") from None
    return b'<?xml version="1.0" encoding="UTF-8"?>' + text.encode("utf-8")


def _read_pdf(path: Path, data: bytes) -> SourceText:
    """Text of every page, pages separated by form feeds.

    Superscript digits (footnote markers) are put on a line of their own and
    indented lines keep one leading space: the same shape the UN's own text
    extraction of Chinese PDFs has, so one normalizer serves both. Extraction is
    slow (pdfminer), so its result is cached by the PDF's SHA-256 in the user cache
    directory (``CRIMEPOL_CACHE``); a cached text is the same text.
    """
    digest = hashlib.sha256(data).hexdigest()
    cache = cache_dir() / "pdf-text" / f"{digest}-v{PDF_EXTRACTOR_VERSION}.txt"
    from analysis.io.ocr import OCR_VERSION

    ocr_cache = cache_dir() / "pdf-text" / f"{digest}-ocr-v{OCR_VERSION}.txt"
    if (cached := _cache_read(cache)) is not None:
        return SourceText(path=str(path), format="pdf", text=cached)
    if (cached := _cache_read(ocr_cache)) is not None:
        confidence, _, text = cached.partition("\n")
        try:
            return _ocr_source(path, text, float(confidence))
        except ValueError:
            pass  # a damaged cache entry: read the scan again
    text = _extract_pdf(path)
    if not text.strip():  # no text layer: a scan, read by OCR where the extra is installed
        from analysis.io.ocr import read_scanned_pdf

        text, mean_confidence = read_scanned_pdf(path)
        source = _ocr_source(path, text, mean_confidence)
        return replace(source, pending_cache=(str(ocr_cache), f"{mean_confidence:.4f}\n{text}"))
    return SourceText(path=str(path), format="pdf", text=text, pending_cache=(str(cache), text))


CACHE_HEADER = "crimepol cached extraction sha256="


def keep_in_cache(source: SourceText) -> None:
    """Write a parsed PDF's extraction to the cache, with the SHA-256 of its content as its first line."""
    if source.pending_cache is None:
        return
    path, content = source.pending_cache
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    try:
        atomic_write_text(path, f"{CACHE_HEADER}{digest}\n{content}")
    except OSError:
        pass  # an unwritable cache still parses; it only extracts again next time


def _cache_read(path: Path) -> str | None:
    """A cached extraction whose content still has the SHA-256 it was written with; else None (extract again)."""
    try:
        header, _, content = path.read_text(encoding="utf-8").partition("\n")
    except (OSError, UnicodeDecodeError):
        return None
    if not header.startswith(CACHE_HEADER):
        return None
    if hashlib.sha256(content.encode("utf-8")).hexdigest() != header[len(CACHE_HEADER) :]:
        return None
    return content


def _ocr_source(path: Path, text: str, confidence: float) -> SourceText:
    from analysis.io.ocr import ENGINE

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


def _extract_pdf(path: Path) -> str:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError
    from pdfminer.pdfexceptions import PDFException
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(path) as pdf:
            pages, continued = [], False
            for page in pdf.pages:
                text, continued = _page_text(page, continued)
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


def _page_text(page: Page, notes_before: bool = False) -> tuple[str, bool]:
    """One page as lines, with the footnote zone found from the page's geometry.

    The footnote zone is found by ``layout.footnote_zone`` from glyph sizes, whatever its rule (a line
    of spaces is dropped by extraction). Footnote lines are written flush, so that an indented
    continuation is not taken for the body.
    """
    lines = page.extract_text_lines(return_chars=True, strip=False)
    if not lines:
        return "", False
    lefts = collections.Counter(round(line["x0"]) for line in lines)
    margin = lefts.most_common(1)[0][0]
    zone = _footnote_zone(lines, notes_before)
    out: list[str] = []
    for i, line in enumerate(lines):
        if i == zone and not line["text"].strip().startswith("_"):
            out.append(FOOTNOTE_RULE)
        indent = " " if line["x0"] - margin > INDENT_POINTS and (zone is None or i < zone) else ""
        out.extend(_split_superscripts(line["text"], line["chars"], indent))
    return "\n".join(out), zone is not None


def _line_size(line: dict) -> float:
    sizes = sorted(c["size"] for c in line["chars"] if c["text"].strip())
    return round(sizes[len(sizes) // 2], 1) if sizes else 0.0


def _footnote_zone(lines: list[dict], notes_before: bool = False) -> int | None:
    """``layout.footnote_zone`` of pdfplumber's lines (glyph sizes)."""
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


def _split_superscripts(text: str, chars: list[dict], indent: str) -> list[str]:
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


def sniff_format(data: bytes) -> str:
    """The format ``read_source`` will read these bytes as: pdf, html, xml or text."""
    head = data.lstrip()[:512]
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: look at the decoded start
        head = data[:1024].decode("utf-16", errors="ignore").lstrip().encode("utf-8")
    if _looks_html(head):
        return "html"
    return "xml" if head.startswith((b"<", b"\xef\xbb\xbf<")) else "text"


def _looks_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf").lstrip().lower()
    if start.startswith(b"<?xml"):  # XHTML: an XML prolog, then the page
        start = start[start.find(b"?>") + 2 :].lstrip()
    return start.startswith((b"<!doctype html", b"<html"))


def _read_html(path: Path, data: bytes) -> SourceText:
    """The text of an HTML page of a resolution: the fixed-width text inside its <pre> when it has one
    (the UN's older pages print the resolution so), else the page's text with a line per block."""
    from html.parser import HTMLParser

    text, notes = decode_text(path, data)

    class Collector(HTMLParser):
        BLOCKS: ClassVar[frozenset[str]] = frozenset(
            {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "title"}
        )

        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.all: list[str] = []
            self.pre: list[str] = []
            self.depth_pre = 0
            self.skip = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in ("script", "style", "title"):
                self.skip += 1
            elif tag == "pre":
                self.depth_pre += 1
            elif tag in self.BLOCKS:
                self.all.append("\n")

        def handle_endtag(self, tag: str) -> None:
            if tag in ("script", "style", "title"):
                self.skip = max(0, self.skip - 1)
            elif tag == "pre":
                self.depth_pre = max(0, self.depth_pre - 1)
                self.pre.append("\n")
            elif tag in self.BLOCKS:
                self.all.append("\n")

        def handle_data(self, chunk: str) -> None:
            if self.skip:
                return
            self.all.append(chunk)
            if self.depth_pre:
                self.pre.append(chunk)

    collector = Collector()
    collector.feed(text)
    collector.close()
    body = "".join(collector.pre) if "".join(collector.pre).strip() else "".join(collector.all)
    lines = [line.rstrip() for line in body.replace("\r\n", "\n").split("\n")]
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"
    if not body.strip():
        raise InputError(path, "HTML page without text")
    return SourceText(path=str(path), format="html", text=body, notes=notes)
