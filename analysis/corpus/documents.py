"""Reading a corpus document: it must be the file that was recorded, and the resolution and language
its name or manifest claims, before anything is counted.

A file named ``A_RES_62_176.zh.txt`` that holds 62/175 would otherwise replace 62/175 in the series;
an English file added with ``--lang zh`` would be read as Chinese. Every command that reads a
document by symbol (report, classify, parse, evaluate, add) goes through here.
"""

from __future__ import annotations

import re
from pathlib import Path

from analysis.corpus.registry import Document, file_digest
from analysis.errors import InputError
from analysis.io.ingest import read_source
from analysis.lang import languages, profile
from analysis.model import Resolution, SourceText
from analysis.parsing.parse import detect_language, parse_source, refuse_traditional

SYMBOL_IN_TEXT = re.compile(r"A/RES/(?:S-|ES-)?\d{1,3}/\d{1,4}")


def verify_hash(path: Path, recorded: str, where: str) -> None:
    """Refuse a file whose bytes are not the ones its manifest (or lock) recorded."""
    if recorded and file_digest(path) != recorded:
        raise InputError(
            path,
            f"SHA-256 differs from the one recorded in {where}; the file was changed or replaced "
            "after it was recorded (fetch or add it again)",
        )


def _sample(source: SourceText, resolution: Resolution | None) -> str:
    """Enough of the text to tell its language: the first paragraphs of an XML, the start of a text."""
    if source.xml_root is not None and resolution is not None:
        return " ".join(p.text for p in resolution.paragraphs[:20]) or resolution.title
    return source.text[:20000]


def source_language(source: SourceText, resolution: Resolution | None = None) -> str:
    """The language the text is written in (not the one it is called): Chinese if CJK characters
    are a fair share of its letters."""
    return detect_language(_sample(source, resolution))


def _check_language(path: Path | str, written_in: str, claimed: str) -> None:
    known = languages()
    if claimed in known and written_in in known and written_in != claimed:
        raise InputError(
            path, f"the text is {profile(written_in).name}, not {profile(claimed).name} as its name or --lang says"
        )


def check_identity(
    resolution: Resolution, symbol: str, language: str, path: Path | str, text_language: str | None = None
) -> None:
    """Refuse a text that states another symbol, or is written in another language, than claimed."""
    _check_language(path, text_language or resolution.language, language)
    stated = SYMBOL_IN_TEXT.search(resolution.symbol)  # "A/RES/75/258 A-B": the parts of one resolution
    if stated and symbol and stated.group(0) != symbol:
        raise InputError(path, f"the text is {resolution.symbol}, not {symbol} as its name or manifest says")


def read_claimed(
    path: Path | str, symbol: str, language: str, recorded_sha256: str = "", recorded_in: str = "its manifest"
) -> Resolution:
    """Parse ``path`` as resolution ``symbol`` in ``language``, after checking that it is."""
    path = Path(path)
    verify_hash(path, recorded_sha256, recorded_in)
    source = read_source(path)
    if source.xml_root is None:
        # a text, before parsing: a Chinese reading of English text fails with a misleading structural message
        _check_language(path, source_language(source), language)
    resolution = parse_source(source, language)
    sample = _sample(source, resolution)
    if profile(resolution.language).variant_refusal:
        refuse_traditional(sample, path)  # the text parser refuses it only where the formula is missing
    check_identity(resolution, symbol, language, path, detect_language(sample))
    return resolution


def read_document(document: Document) -> Resolution:
    """The resolution of a corpus document (see the module docstring for what is checked)."""
    if document.location is None or not document.available:
        raise InputError(document.symbol, f"not on this machine in language {document.language!r}")
    return read_claimed(
        document.location, document.symbol, document.language, document.sha256, f"the {document.root} manifest"
    )
