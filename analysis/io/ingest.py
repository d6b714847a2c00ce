"""Ingest: turn a file into a ``SourceText``, read by the format its bytes (and name) show.

Nothing here knows what a resolution looks like, nor any one format: the formats are the registry of
:mod:`analysis.io`, and :func:`detect_format` applies its one rule to choose among them. Every reader
decodes faithfully and refuses, with one clear reason, what it cannot decode.
"""

from __future__ import annotations

import stat
from pathlib import Path

from analysis.errors import InputError
from analysis.io import Format, for_suffix, formats
from analysis.io.cache import write_entry
from analysis.io.sniff import head_of
from analysis.model import SourceText

# A resolution, even a long one with annexes, is far below this; anything larger is refused unread.
MAX_INPUT_BYTES = 20 * 1024 * 1024


def read_source(path: str | Path) -> SourceText:
    """Read ``path`` and decode it by what its bytes are (and, where they do not tell, its name)."""
    path = Path(path)
    data = _read_bytes(path)
    if not data.strip():
        raise InputError(path, "empty file")
    return detect_format(data, path).read(path, data)


def detect_format(data: bytes, path: Path | None = None) -> Format:
    """The format of a file's bytes (the rule is :class:`analysis.io.Format`'s): a signature wins, then
    a name that decides, then a sniff of the text's start, then plain text."""
    registered = formats()
    signed = next((f for f in registered if f.signature and data.startswith(f.signature)), None)
    if signed is not None:
        return signed
    by_name = for_suffix(path.suffix) if path is not None else None
    if by_name is not None and by_name.signature:
        shown = by_name.signature.decode("ascii", errors="backslashreplace")
        raise InputError(path, f"not a {by_name.name.upper()} (no {shown} header)")
    if by_name is not None and by_name.sniff is not None:
        return by_name
    head = head_of(data)
    sniffed = next((f for f in registered if f.sniff is not None and f.sniff(head)), None)
    return sniffed or next(f for f in registered if f.fallback)


def sniff_format(data: bytes) -> str:
    """The format ``read_source`` reads these bytes as when their file's name says nothing (a download)."""
    return detect_format(data).name


def keep_in_cache(source: SourceText) -> None:
    """Keep what the reader of a source asked to cache (a PDF's extraction), once the text has parsed:
    a file that is refused leaves nothing behind."""
    if source.pending_cache is not None:
        write_entry(*source.pending_cache)


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
