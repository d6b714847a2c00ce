"""The cache of slow extractions (a PDF's text layer, OCR of a scan), in the user cache directory
(``CRIMEPOL_CACHE``), keyed by the file's SHA-256 and the extractor's version.

An entry is written only once its text has parsed (``SourceText.pending_cache``, kept by
``analysis.io.ingest.keep_in_cache``), whole or not at all, with the SHA-256 of its content on its first
line: a damaged entry is not trusted, the file is extracted again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from analysis.util.files import atomic_write_text
from analysis.util.locations import cache_dir

CACHE_HEADER = "crimepol cached extraction sha256="
EXTRACTIONS = "pdf-text"  # the cache's subdirectory of extracted texts


def entry_path(name: str) -> Path:
    """Where the extraction called ``name`` (``<sha256>-v5.txt``) is kept."""
    return cache_dir() / EXTRACTIONS / name


def read_entry(path: Path) -> str | None:
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


def write_entry(path: str | Path, content: str) -> None:
    """Keep an extraction, with the SHA-256 of its content as its first line; an unwritable cache is no
    error (the file is only extracted again next time)."""
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    try:
        atomic_write_text(path, f"{CACHE_HEADER}{digest}\n{content}")
    except OSError:
        pass
