"""Corpus registry: every document we can analyse, by symbol and language, with provenance.

Three places hold documents, in this order of precedence:

1. ``bundled``: the project's corpus, shipped with the package (``data/raw/`` in the repository,
   installed as ``analysis.data``): the seed and the AKN4UN XML of the programme series, each
   recorded in ``data/manifest.csv`` with its source and SHA-256.
2. ``user``: files that ``crimepol fetch`` downloaded or ``crimepol add`` registered, in the user
   corpus directory (``CRIMEPOL_HOME``, else the user data directory of the operating system), each
   recorded in its ``manifest.csv`` with source and SHA-256.
3. ``corpus``: extra directories named by ``--corpus DIR`` or ``CRIMEPOL_CORPUS`` (``os.pathsep``-
   separated), scanned for files named ``A_RES_<session>_<number>.<lang>.<ext>``, ``ext`` that of a
   format of the registry (``analysis.io``: ``xml``, ``txt``, ``pdf``, ``html``).

Each (symbol, language) resolves to **one** document: the first place that has it wins, and within a
place the format of highest precedence in the registry (XML before text before HTML before PDF). The
bundled corpus comes first because its bytes are pinned and tested, so the published tables and notebooks
reproduce; every copy in another place, or of the same format, that is not byte-identical to the one used
is reported in :attr:`Corpus.warnings`, never counted twice (the formats of one place, such as a fetched
XML and PDF, are one set). A file is read only as the resolution and language its name or manifest claims
(``analysis.corpus.documents``).
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from analysis.errors import InputError, MissingDocument
from analysis.io import for_suffix, formats, precedence
from analysis.util.files import atomic_write_text
from analysis.util.locations import data_dir, user_dir

MANIFEST_FIELDS = ["symbol", "language", "format", "title", "adopted", "root", "path", "sha256", "source"]
# a canonical file name, whose extension must also be a registered format's (``match_file_name``)
CANONICAL_NAME = re.compile(r"^A_RES_(?P<session>S-\d+|\d+)_(?P<number>\d+)\.(?P<lang>[a-z]{2})\.(?P<ext>[^.]+)$")
SYMBOL = re.compile(r"^A/RES/(?P<session>S-\d{1,2}|\d{1,3})/(?P<number>\d{1,4})$")
CORPUS_ENV = "CRIMEPOL_CORPUS"
ROOT_PRECEDENCE = ("bundled", "user", "corpus")
MANIFEST_LOCK_SECONDS = 60  # another process holding the user manifest longer than this has hung


@dataclass(frozen=True)
class Document:
    """One file of the corpus: symbol, language, format, provenance and where it is on this machine."""

    symbol: str
    language: str
    format: str
    title: str
    adopted: str
    root: str  # "bundled", "user" or "corpus" (see the module docstring)
    path: str  # bundled: "data/raw/…" (the repository's layout, which the installed package keeps as
    # analysis/data/raw/…); user: relative to the user corpus; corpus: relative to its directory
    sha256: str
    source: str
    location: Path | None = None  # resolved file, None when not on this machine

    @property
    def available(self) -> bool:
        """Whether the file is on this machine."""
        return self.location is not None and self.location.is_file()


def manifest_path() -> Path:
    """The manifest of the bundled corpus (package data)."""
    return data_dir() / "manifest.csv"


def user_manifest_path() -> Path:
    """The manifest of what fetch and add brought in (the user corpus)."""
    return user_dir() / "manifest.csv"


def record_user(document: Document) -> None:
    """Add or replace a fetched or added document in the user manifest: read, changed and written
    back under a lock file that other processes respect too (concurrent fetches lost rows)."""
    from filelock import FileLock

    key = (document.symbol, document.language, document.format)
    manifest = user_manifest_path()
    manifest.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(manifest.with_name(".manifest.csv.lock")), timeout=MANIFEST_LOCK_SECONDS):
        rows = [d for d in read_manifest(manifest) if (d.symbol, d.language, d.format) != key]
        write_manifest(rows + [replace(document, location=None)], manifest)


def corpus_dirs(extra: Iterable[str | Path] = ()) -> list[Path]:
    """Extra corpus directories: command-line ones first, then ``CRIMEPOL_CORPUS``."""
    env = [p for p in os.environ.get(CORPUS_ENV, "").split(os.pathsep) if p]
    return [Path(p).expanduser() for p in [*extra, *env]]


def default_corpus() -> Corpus:
    """The corpus the notebooks read: the bundled corpus, the user's fetched and added files, and
    any ``CRIMEPOL_CORPUS`` directories."""
    return Corpus()


ODS_URL = "https://documents.un.org/api/symbol/access?s={symbol}&l={lang}&t=pdf"
ODS_FORMAT = "pdf"  # the format ODS serves (t=pdf in ODS_URL)
ODS_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")  # the UN's six official languages


def how_to_get(symbol: str, language: str) -> str:
    """The commands that bring an official text into the corpus (never a copy typed by hand)."""
    return (
        f"run `crimepol fetch {symbol} --lang {language}`, or download "
        f"{ODS_URL.format(symbol=symbol, lang=language)} and register it with "
        f"`crimepol add FILE --symbol {symbol} --lang {language}`"
    )


def match_file_name(name: str) -> re.Match[str] | None:
    """``A_RES_62_175.zh.txt`` -> its session, number, language and extension (one of a registered
    format's canonical file names); None for any other name."""
    m = CANONICAL_NAME.match(name)
    return m if m and any(f.extension == m.group("ext") for f in formats()) else None


def file_name(symbol: str, language: str, ext: str) -> str:
    """``A/RES/62/175`` + ``zh`` + ``txt`` -> ``A_RES_62_175.zh.txt``; validates first."""
    m = SYMBOL.match(symbol)
    if not m or language not in ODS_LANGUAGES:
        raise ValueError(f"not a General Assembly resolution symbol and language: {symbol!r} {language!r}")
    return f"A_RES_{m.group('session')}_{m.group('number')}.{language}.{ext}"


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_manifest(path: Path | None = None) -> list[Document]:
    """The documents a manifest records (none if it does not exist)."""
    path = path or manifest_path()
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [_manifest_document(row) for row in csv.DictReader(fh)]


def _manifest_document(row: dict[str, str]) -> Document:
    """A manifest row (the columns of ``MANIFEST_FIELDS``; one it lacks is empty), not yet located."""
    symbol, language, fmt, title, adopted, root, path, sha256, source = (row.get(k, "") for k in MANIFEST_FIELDS)
    return Document(symbol, language, fmt, title, adopted, root, path, sha256, source)


def write_manifest(documents: Sequence[Document], path: Path) -> None:
    """A manifest, sorted by symbol, written whole or not at all."""
    rows = sorted(documents, key=lambda d: (_sort_key(d.symbol), d.language, d.format))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, MANIFEST_FIELDS, lineterminator="\n")
    writer.writeheader()
    for d in rows:
        writer.writerow({k: getattr(d, k) for k in MANIFEST_FIELDS})
    atomic_write_text(path, buffer.getvalue())


def _sort_key(symbol: str) -> tuple:
    m = SYMBOL.match(symbol)
    if not m:
        return (9999, 0, symbol)
    session = m.group("session")
    return (int(session.lstrip("S-")) if session[0] != "S" else 0, int(m.group("number")), symbol)


def _scanned(name: re.Match[str], directory: Path, path: Path) -> Document:
    """The document of a file found by scanning a corpus directory, from its canonical name."""
    symbol = f"A/RES/{name.group('session')}/{name.group('number')}"
    fmt = for_suffix(f".{name.group('ext')}")
    assert fmt is not None, "a canonical name has the extension of a registered format"
    relative = path.relative_to(directory).as_posix()
    source = f"file in corpus directory {directory}"
    return Document(symbol, name.group("lang"), fmt.name, "", "", "corpus", relative, "", source, location=path)


def _precedence(d: Document) -> tuple[int, int]:
    return (
        ROOT_PRECEDENCE.index(d.root) if d.root in ROOT_PRECEDENCE else len(ROOT_PRECEDENCE),
        precedence(d.format),
    )


@functools.cache
def _file_digest(path: Path, size: int, mtime_ns: int) -> str:
    return sha256_of(path)


def file_digest(path: Path) -> str:
    """The SHA-256 of a file, computed once per version of it (size and modification time)."""
    stat = path.stat()
    return _file_digest(path, stat.st_size, stat.st_mtime_ns)


def digest_of(d: Document) -> str:
    """The SHA-256 of a document's file: recorded, or computed (once per file version) for scanned files."""
    if d.sha256:
        return d.sha256
    assert d.location is not None
    return file_digest(d.location)


class Corpus:
    """All documents known here, resolved to one file per (symbol, language)."""

    def __init__(self, extra_dirs: Iterable[str | Path] = (), *, bundled_only: bool = False) -> None:
        """``bundled_only``: the package's corpus alone (no user corpus, no directories), as the scripts
        that regenerate committed files need."""
        self.dirs = [] if bundled_only else corpus_dirs(extra_dirs)
        known = [replace(d, root="bundled", location=data_dir().parent / d.path) for d in read_manifest()]
        if not bundled_only:
            known += [
                replace(d, root="user", location=user_dir() / d.path) for d in read_manifest(user_manifest_path())
            ]
        known += self._scan()
        #: every copy known, on this machine or not
        self.copies: list[Document] = known
        #: one document per (symbol, language), the one the analysis reads
        self.documents: list[Document] = []
        #: copies that differ from the document used for their (symbol, language)
        self.warnings: list[str] = []
        self._resolve()

    def _scan(self) -> list[Document]:
        """The files with canonical names in the extra directories (recursively, sorted)."""
        found = []
        for directory in self.dirs:
            for path in sorted(directory.rglob("A_RES_*")) if directory.is_dir() else []:
                m = match_file_name(path.name)
                if m and path.is_file():
                    found.append(_scanned(m, directory, path))
        return found

    def _resolve(self) -> None:
        groups: dict[tuple[str, str], list[Document]] = {}
        for d in self.copies:
            groups.setdefault((d.symbol, d.language), []).append(d)
        for copies in groups.values():
            present = sorted((d for d in copies if d.available), key=_precedence)
            if not present:
                self.documents.append(copies[0])
                continue
            used = present[0]
            self.documents.append(used)
            for other in present[1:]:
                # formats of one place are one set (a fetch may bring the XML and the PDF); anything else
                # that is not byte-identical is a clash, resolved by precedence and reported
                if (other.root != used.root or other.format == used.format) and (
                    other.format != used.format or digest_of(other) != digest_of(used)
                ):
                    self.warnings.append(
                        f"{used.symbol} ({used.language}): {other.location} ({other.root}) is "
                        f"another copy; {used.location} ({used.root}) is the one used"
                    )

    def find(self, symbol: str, language: str | None = None) -> list[Document]:
        """Every document of a symbol (in one language), available or not."""
        return [d for d in self.documents if d.symbol == symbol and (language is None or d.language == language)]

    def has(self, symbol: str, language: str | None = None) -> bool:
        """Whether a file of this symbol (and language) is on this machine."""
        return any(d.available for d in self.find(symbol, language))

    def get(self, symbol: str, language: str) -> Document:
        """The document used for a symbol and language (see the module docstring for which)."""
        if not SYMBOL.match(symbol):
            raise InputError(symbol, "not a General Assembly resolution symbol (expected e.g. A/RES/62/175)")
        candidates = [d for d in self.find(symbol, language) if d.available]
        if not candidates:
            raise MissingDocument(symbol, f"not in the corpus in language {language!r}; {how_to_get(symbol, language)}")
        return candidates[0]

    def available(self) -> list[Document]:
        """One document per (symbol, language) on this machine."""
        return [d for d in self.documents if d.available]

    def verify(self) -> list[str]:
        """Problems: recorded files (bundled or user) whose bytes differ from their manifest's SHA-256, and
        bundled files that are missing (an installation that lost part of its package data)."""
        problems = [
            f"{d.location}: missing from the installed package"
            for d in self.copies
            if d.root == "bundled" and not d.available
        ]
        return problems + [
            f"{d.location}: SHA-256 differs from its manifest ({d.root} corpus)"
            for d in self.copies
            if d.location is not None and d.available and d.sha256 and sha256_of(d.location) != d.sha256
        ]

    def unrecorded(self) -> list[Document]:
        """Files found by scanning a directory: they have no recorded hash, so nothing can verify them."""
        return [d for d in self.copies if d.available and not d.sha256]
