"""Recognising a format from the start of a file's text (the sniffs of the formats that share ``<``)."""

from __future__ import annotations

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF8_BOM = b"\xef\xbb\xbf"
HEAD_BYTES = 512  # of the text, after leading space: enough for a prolog and a doctype


def head_of(data: bytes) -> bytes:
    """The start of the text, leading space stripped; UTF-16 text decoded first (as UTF-8)."""
    if data.startswith(UTF16_BOMS):
        return data[: 2 * HEAD_BYTES].decode("utf-16", errors="ignore").lstrip().encode("utf-8")
    return data.lstrip()[:HEAD_BYTES]


def looks_html(head: bytes) -> bool:
    """An HTML page: ``<!DOCTYPE html`` or ``<html``, after a byte-order mark or an XML prolog (XHTML)."""
    start = head.lstrip(UTF8_BOM).lstrip().lower()
    if start.startswith(b"<?xml"):  # XHTML: an XML prolog, then the page
        start = start[start.find(b"?>") + 2 :].lstrip()
    return start.startswith((b"<!doctype html", b"<html"))


def looks_xml(head: bytes) -> bool:
    """Markup that is not an HTML page: an opening ``<`` (after a byte-order mark)."""
    return head.startswith((b"<", UTF8_BOM + b"<")) and not looks_html(head)
