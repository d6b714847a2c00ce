"""Formats: bytes of a file (text, PDF, HTML, AKN4UN XML; OCR for scans) to a decoded source text.

The formats are a registry (as languages are, in :mod:`analysis.lang`): each :class:`Format` says
how files of it are named (suffixes), how its bytes are recognised (a signature or a sniff of their
start), how it is read, how a text read from it is described, and which of two files of one document
is read. Every place that lists formats asks here (the dispatcher :func:`analysis.io.ingest.read_source`,
the corpus's file names and precedence, the directories the command line scans, the report's
"reading" column). A new format is one module that calls :func:`register`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from analysis.model import SourceText


@dataclass(frozen=True)
class Format:
    """A file format this package reads.

    How a file's format is chosen (``analysis.io.ingest.detect_format``): a format whose
    ``signature`` opens the bytes, whatever the file's name (a file named with the suffix of a format
    with a signature must have it); else the format the file's suffix names, if it has a ``sniff``
    (the name decides); else the first format whose ``sniff`` accepts the start of the text; else the
    fallback, the one format with neither (plain text), whose suffix decides nothing.
    """

    name: str  # in manifests and as ``Resolution.source_format`` ("pdf")
    suffixes: tuple[str, ...]  # lower case, with the dot; the first is the one of canonical file names
    display: str  # how a text read from it is described ("PDF text layer")
    precedence: int  # of two files of one document in one place, the one with the lower is read
    read: Callable[[Path, bytes], SourceText]  # the file's path and bytes to a decoded source
    signature: bytes = b""  # opens every file of the format (b"%PDF")
    # recognises the format from the start of the text (leading space stripped, UTF-16 decoded)
    sniff: Callable[[bytes], bool] | None = None

    @property
    def extension(self) -> str:
        """The extension of the format's canonical file names (``A_RES_62_175.zh.txt``): ``txt``."""
        return self.suffixes[0].removeprefix(".")

    @property
    def fallback(self) -> bool:
        """Read when no other format recognises the bytes (plain text)."""
        return not self.signature and self.sniff is None


_FORMATS: dict[str, Format] = {}
_BUILTIN_LOADED = False
# a format not in the registry (a manifest row of a format this installation lacks) ranks after all
UNKNOWN_PRECEDENCE = sys.maxsize


def _builtin() -> dict[str, Format]:
    """The registry, with the package's own formats registered first (each module registers itself;
    the order, XML, text, PDF, HTML, is the order their suffixes are listed in)."""
    global _BUILTIN_LOADED
    if not _BUILTIN_LOADED:
        _BUILTIN_LOADED = True
        # the order of registration is the order suffixes are listed in: not sorted
        # isort: off
        from analysis.io import akn_xml, text, pdf, html_page  # noqa: F401
        # isort: on
    return _FORMATS


def register(fmt: Format) -> Format:
    """Add a format (its module calls this when imported); returns it. A name, suffix or fallback
    role that another format already has is refused (ValueError)."""
    registered = _builtin()
    taken = {s for f in registered.values() for s in f.suffixes}
    if fmt.name in registered or taken.intersection(fmt.suffixes):
        raise ValueError(f"format {fmt.name!r}: its name or a suffix ({', '.join(fmt.suffixes)}) is already taken")
    if fmt.fallback and any(f.fallback for f in registered.values()):
        raise ValueError(f"format {fmt.name!r} has neither signature nor sniff, and there is a fallback already")
    if not fmt.suffixes or any(s != s.lower() or not s.startswith(".") for s in fmt.suffixes):
        raise ValueError(f"format {fmt.name!r}: suffixes are lower case and start with a dot")
    registered[fmt.name] = fmt
    return fmt


def unregister(name: str) -> None:
    """Remove a registered format (a test's own format, when the test ends)."""
    _builtin().pop(name, None)


BUILTIN_ORDER = ("xml", "text", "pdf", "html")  # the package's own formats, in the order their suffixes are listed


def formats() -> tuple[Format, ...]:
    """Every registered format: the package's own first, in their order (also when one of their modules
    was imported on its own before the registry), then the others in registration order."""
    registered = _builtin()
    own = [registered[name] for name in BUILTIN_ORDER if name in registered]
    return tuple(own + [f for f in registered.values() if f.name not in BUILTIN_ORDER])


def named(name: str) -> Format | None:
    """The format called ``name``, or None."""
    return _builtin().get(name)


def for_suffix(suffix: str) -> Format | None:
    """The format whose files are named with ``suffix`` (``.HTM`` -> html), or None."""
    return next((f for f in formats() if suffix.lower() in f.suffixes), None)


def readable_suffixes() -> tuple[str, ...]:
    """The suffixes of every format's files, the order of the registry (``.xml``, ``.txt`` …)."""
    return tuple(s for f in formats() for s in f.suffixes)


def file_extension(name: str) -> str:
    """The extension of canonical file names of the format ``name`` (``text`` -> ``txt``)."""
    fmt = named(name)
    if fmt is None:
        raise ValueError(f"not a format this package reads: {name!r}")
    return fmt.extension


def display_name(name: str) -> str:
    """How a text read from the format ``name`` is described ("PDF text layer"); the name itself for
    one the registry lacks."""
    fmt = named(name)
    return fmt.display if fmt is not None else name


def precedence(name: str) -> int:
    """Rank of the format ``name`` among two files of one document: the lower is read."""
    fmt = named(name)
    return fmt.precedence if fmt is not None else UNKNOWN_PRECEDENCE
