"""AKN4UN XML, the UN's own markup of a resolution, read safely (defusedxml: no DTD, no entities)."""

from __future__ import annotations

import re
from pathlib import Path

from analysis.errors import InputError
from analysis.io import Format, register
from analysis.io.sniff import looks_xml
from analysis.model import SourceText

AKN_ROOT = "akomaNtoso"
XML_DECLARATION = re.compile(rb"^(\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"'][^>]*\?>")
EXPAT_ENCODINGS = {"utf-8", "utf8", "utf-16", "utf16", "iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"}


def read_xml(path: Path, data: bytes) -> SourceText:
    """The document's element tree; anything but an AKN4UN document is refused."""
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


XML = register(Format("xml", (".xml",), "UN XML markup", precedence=0, read=read_xml, sniff=looks_xml))
