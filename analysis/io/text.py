"""Plain text: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 Chinese; binary refused.

The fallback format: a file that no other format recognises is read as text.
"""

from __future__ import annotations

import re
from pathlib import Path

from analysis.errors import InputError
from analysis.io import Format, register
from analysis.io.sniff import UTF16_BOMS
from analysis.model import SourceText

# C0 controls other than tab, newline, form feed and carriage return; C1 controls in text.
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def decode_text(path: Path, data: bytes) -> tuple[str, tuple[str, ...]]:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; GB18030 Chinese is detected."""
    notes: tuple[str, ...] = ()
    if not data.startswith(UTF16_BOMS) and _looks_binary(data):
        raise InputError(path, "binary file, not text")
    if data.startswith(UTF16_BOMS):
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


def read_text(path: Path, data: bytes) -> SourceText:
    """A text file as it is, decoded."""
    text, notes = decode_text(path, data)
    return SourceText(path=str(path), format="text", text=text, notes=notes)


TEXT = register(Format("text", (".txt",), "text file", precedence=1, read=read_text))
