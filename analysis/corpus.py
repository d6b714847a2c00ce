"""Corpus registry: every document we can analyse, by symbol and language, with provenance.

Two kinds of location:
- ``repo``: files inside this repository (the seed, ``data/raw/``);
- ``corpus``: files in extra corpus directories that may not be committed
  (``../shared/corpus`` in CI), named by the ``CRIMEPOL_CORPUS`` environment
  variable (``os.pathsep``-separated) or ``--corpus DIR`` on the command line.

``data/manifest.csv`` records symbol, language, format, title, adoption date,
path, SHA-256 and source for each document of the project's corpus; documents a
user fetches or adds are recorded beside them in ``data/raw/manifest.local.csv``
(not committed, like the files). ``verify`` checks the bytes of both.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import InputError
from .files import atomic_write_text
from .lexicon import REPO_ROOT, data_dir

MANIFEST_FIELDS = ["symbol", "language", "format", "title", "adopted", "root", "path", "sha256", "source"]
FILE_NAME = re.compile(r"^A_RES_(?P<session>S-\d+|\d+)_(?P<number>\d+)\.(?P<lang>[a-z]{2})\.(?P<ext>txt|pdf|xml)$")
FORMATS = {"txt": "text", "pdf": "pdf", "xml": "xml"}
SYMBOL = re.compile(r"^A/RES/(?P<session>S-\d{1,2}|\d{1,3})/(?P<number>\d{1,4})$")
CORPUS_ENV = "CRIMEPOL_CORPUS"


@dataclass(frozen=True)
class Document:
    symbol: str
    language: str
    format: str
    title: str
    adopted: str
    root: str  # "repo" or "corpus"
    path: str  # relative to the repository or to a corpus directory
    sha256: str
    source: str
    location: Path | None = None  # resolved file, None when not on this machine

    @property
    def available(self) -> bool:
        return self.location is not None and self.location.is_file()


def manifest_path() -> Path:
    return data_dir() / "manifest.csv"


def raw_dir() -> Path:
    return data_dir() / "raw"


def local_manifest_path() -> Path:
    return raw_dir() / "manifest.local.csv"


_LOCAL_MANIFEST_LOCK = threading.Lock()


def record_local(document: Document) -> None:
    """Add or replace a fetched or added document in the local manifest (atomic; one writer at a time)."""
    key = (document.symbol, document.language, document.format)
    with _LOCAL_MANIFEST_LOCK:
        rows = [d for d in read_manifest(local_manifest_path()) if (d.symbol, d.language, d.format) != key]
        write_manifest(rows + [replace(document, location=None)], local_manifest_path())


def corpus_dirs(extra: Iterable[str | Path] = ()) -> list[Path]:
    """Extra corpus directories: command-line ones first, then ``CRIMEPOL_CORPUS``."""
    env = [p for p in os.environ.get(CORPUS_ENV, "").split(os.pathsep) if p]
    return [Path(p).expanduser() for p in [*extra, *env]]


def default_corpus() -> Corpus:
    """The corpus the notebooks read: ``CRIMEPOL_CORPUS`` if set, else ``../shared/corpus`` beside the
    checkout when it exists (as in CI), else the bundled seed alone."""
    if os.environ.get(CORPUS_ENV):
        return Corpus()
    shared = REPO_ROOT.parent / "shared" / "corpus"
    return Corpus([shared] if shared.is_dir() else [])


def file_name(symbol: str, language: str, ext: str) -> str:
    """``A/RES/62/175`` + ``zh`` + ``txt`` -> ``A_RES_62_175.zh.txt``; validates first."""
    m = SYMBOL.match(symbol)
    if not m or language not in ("zh", "en", "fr", "es", "ru", "ar"):
        raise ValueError(f"not a General Assembly resolution symbol and language: {symbol!r} {language!r}")
    return f"A_RES_{m.group('session')}_{m.group('number')}.{language}.{ext}"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_manifest(path: Path | None = None) -> list[Document]:
    path = path or manifest_path()
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [Document(**{k: row.get(k, "") for k in MANIFEST_FIELDS}) for row in csv.DictReader(fh)]


def write_manifest(documents: Sequence[Document], path: Path | None = None) -> None:
    rows = sorted(documents, key=lambda d: (_sort_key(d.symbol), d.language, d.format))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, MANIFEST_FIELDS, lineterminator="\n")
    writer.writeheader()
    for d in rows:
        writer.writerow({k: getattr(d, k) for k in MANIFEST_FIELDS})
    atomic_write_text(path or manifest_path(), buffer.getvalue())


def _sort_key(symbol: str) -> tuple:
    m = SYMBOL.match(symbol)
    if not m:
        return (9999, 0, symbol)
    session = m.group("session")
    return (int(session.lstrip("S-")) if session[0] != "S" else 0, int(m.group("number")), symbol)


class Corpus:
    """All documents known here: the manifest, resolved against the repo and corpus directories."""

    def __init__(self, extra_dirs: Iterable[str | Path] = ()) -> None:
        self.dirs = corpus_dirs(extra_dirs)
        self.documents = self._resolve(read_manifest() + read_manifest(local_manifest_path()))

    def _resolve(self, documents: list[Document]) -> list[Document]:
        out: list[Document] = []
        known: set[tuple[str, str, str]] = set()
        for d in documents:
            out.append(replace(d, location=self._locate(d)))
            known.add((d.symbol, d.language, d.format))
        # files dropped into a corpus directory without a manifest row are still found
        for directory in self.dirs:
            for path in sorted(directory.rglob("A_RES_*")) if directory.is_dir() else []:
                m = FILE_NAME.match(path.name)
                if not m:
                    continue
                symbol = f"A/RES/{m.group('session')}/{m.group('number')}"
                key = (symbol, m.group("lang"), FORMATS[m.group("ext")])
                if key in known:
                    continue
                known.add(key)
                out.append(Document(symbol, key[1], key[2], "", "", "corpus",
                                    path.relative_to(directory).as_posix(), "", "unregistered local file",
                                    location=path))
        return out

    def _locate(self, d: Document) -> Path | None:
        if d.root == "repo":
            path = data_dir().parent / d.path  # "data/raw/…", relative to the checkout
            return path if path.is_file() else None
        for directory in self.dirs:
            path = directory / d.path
            if path.is_file():
                return path
        return None

    def find(self, symbol: str, language: str | None = None) -> list[Document]:
        return [d for d in self.documents if d.symbol == symbol and (language is None or d.language == language)]

    def has(self, symbol: str, language: str | None = None) -> bool:
        """Whether a file of this symbol (and language) is on this machine."""
        return any(d.available for d in self.find(symbol, language))

    def get(self, symbol: str, language: str) -> Document:
        """The best available file for a symbol and language: XML, then text, then PDF."""
        if not SYMBOL.match(symbol):
            raise InputError(symbol, "not a General Assembly resolution symbol (expected e.g. A/RES/62/175)")
        candidates = [d for d in self.find(symbol, language) if d.available]
        if not candidates:
            raise InputError(symbol, f"not in the corpus in language {language!r}; "
                             "see README 'Getting more documents' for how to add the official file")
        order = {"xml": 0, "text": 1, "pdf": 2}
        return min(candidates, key=lambda d: order.get(d.format, 9))

    def available(self) -> list[Document]:
        return [d for d in self.documents if d.available]

    def verify(self) -> list[str]:
        """Problems: files whose bytes differ from the manifest's SHA-256."""
        problems = []
        for d in self.available():
            if d.sha256 and sha256_of(d.location) != d.sha256:
                problems.append(f"{d.location}: SHA-256 differs from data/manifest.csv")
        return problems
