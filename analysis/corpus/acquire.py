"""Acquisition: bring official resolution texts into the corpus with pinned provenance.

Sources, in this order (see README, "Getting more documents"):
1. ``--mirror DIR_OR_URL``: a local directory or HTTP base laid out like ``data/raw/unxml``
   (``A_RES_<session>_<number>.<lang>.<ext>``). When a mirror is given, nothing else is contacted.
2. The UN's AKN4UN XML repository (UNxml/GAresolutions on GitHub), pinned to a commit, for the
   documents whose upstream path the lock records (sessions 74-80).
3. The UN Official Document System (ODS), any symbol, as PDF:
   ``https://documents.un.org/api/symbol/access?s=A/RES/61/181&l=zh&t=pdf`` (languages ar, zh, en,
   fr, ru, es; the service answers with a redirect to the file, which is followed).

Every download is size-limited, has a timeout and a few retries with backoff, is verified against
the pinned SHA-256 when one exists, must parse as the resolution it claims to be, and is written to a
temporary file that is renamed into the user corpus (``CRIMEPOL_HOME`` or the user data directory; see
``analysis.corpus``) only when all of that holds. The bundled corpus is package data and never written.
"""

from __future__ import annotations

import csv
import hashlib
import http.client
import io
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from analysis.corpus.registry import (
    ODS_LANGUAGES,
    ODS_URL,
    SYMBOL,
    Corpus,
    Document,
    file_name,
    read_manifest,
    record_user,
    user_manifest_path,
)
from analysis.errors import DocumentNotFound, InputError
from analysis.model import Resolution
from analysis.util.files import atomic_write_bytes
from analysis.util.locations import data_dir, user_dir
from analysis.util.progress import progress_bar

UNXML_BASE = "https://raw.githubusercontent.com/UNxml/GAresolutions"
MAX_BYTES = 50 * 1024 * 1024
TIMEOUT = 10.0  # seconds per request
RETRIES = 3
BACKOFF = 0.5  # seconds, doubled after each failed attempt
EXTENSIONS = {"xml": "xml", "pdf": "pdf", "text": "txt", "html": "html"}
USER_AGENT = "crime-policy-priorities (research; +https://github.com)"


class NotFound(Exception):
    """The source answered that it does not have the document."""


class Transient(Exception):
    """A failure worth retrying: timeout, 5xx, truncated transfer."""


class NetworkUnavailable(InputError):
    """No route to the source at all: no point in retrying or trying the next network source."""


@dataclass(frozen=True)
class Pin:
    """One line of ``data/corpus.lock.csv``: a document the notebooks analyse, with its bytes pinned."""

    symbol: str
    language: str
    format: str
    file: str
    sha256: str
    source: str


def lock_path() -> Path:
    """The lock file: every fetchable document pinned with its source and SHA-256."""
    return data_dir() / "corpus.lock.csv"


def read_lock() -> list[Pin]:
    """The pins of the lock file (none when the package ships without it)."""
    if not lock_path().is_file():
        return []
    with lock_path().open(encoding="utf-8", newline="") as fh:
        return [Pin(**{k: row[k] for k in Pin.__dataclass_fields__}) for row in csv.DictReader(fh)]


def validate_symbol(symbol: str) -> str:
    """Refuse anything but a General Assembly resolution symbol, before any I/O."""
    if len(symbol) > 40 or not SYMBOL.fullmatch(symbol):
        shown = repr(symbol[:40] + ("…" if len(symbol) > 40 else ""))
        raise InputError(shown, "not a General Assembly resolution symbol (expected e.g. A/RES/61/181)")
    return symbol


@dataclass
class Fetcher:
    """Fetch documents into the user corpus (one instance per command; settings are explicit)."""

    mirror: str | None = None
    timeout: float = TIMEOUT
    max_bytes: int = MAX_BYTES
    retries: int = RETRIES
    progress: bool = False  # a progress bar on standard error when it is a terminal
    jobs: int = 1  # documents fetched at a time (threads: the work is waiting on the network)
    network_calls: int = 0

    # -- sources -------------------------------------------------------------
    def sources(self, symbol: str, language: str, fmt: str) -> list[tuple[str, str]]:
        """Where to look for one document: the mirror alone if one is given, else the UN XML repository
        (pinned documents) and ODS (PDFs)."""
        name = file_name(symbol, language, EXTENSIONS[fmt])
        if self.mirror:
            if _is_url(self.mirror):
                return [("mirror", urllib.parse.urljoin(self.mirror.rstrip("/") + "/", urllib.parse.quote(name)))]
            return [("mirror", str(Path(self.mirror) / name))]
        found = []
        pin = _pins().get((symbol, language, fmt))
        if pin and pin.source.startswith(UNXML_BASE):
            base = os.environ.get("CRIMEPOL_UNXML_BASE", UNXML_BASE)  # tests point it at a loopback server
            found.append(("UNxml", base + pin.source[len(UNXML_BASE) :]))
        if fmt == "pdf" and language in ODS_LANGUAGES:
            base = os.environ.get("CRIMEPOL_ODS_URL", ODS_URL)
            found.append(("ODS", base.format(symbol=urllib.parse.quote(symbol, safe="/"), lang=language)))
        return found

    # -- transfer ------------------------------------------------------------
    def get(self, where: str) -> bytes:
        """The bytes at a URL or a mirror path, retried on transient failures, bounded in size and time."""
        if not _is_url(where):
            path = Path(where)
            if not path.is_file():
                raise NotFound(where)
            if path.stat().st_size > self.max_bytes:
                raise InputError(where, f"larger than {self.max_bytes} bytes; refused")
            return path.read_bytes()
        url, _, member = where.partition("#")
        delay = BACKOFF
        for attempt in range(1, self.retries + 1):
            try:
                data = self._http(url)
                return _zip_member(url, data, member) if member else data
            except Transient as exc:
                if attempt == self.retries:
                    raise InputError(url, f"download failed after {attempt} attempts: {exc}") from None
                time.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")

    def _http(self, url: str) -> bytes:
        """One attempt, bounded by ``timeout`` as a whole: a server trickling bytes cannot keep it alive."""
        self.network_calls += 1
        deadline = time.monotonic() + self.timeout
        try:
            request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        except ValueError as exc:
            raise InputError(url, f"malformed URL ({exc})") from None
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                expected = response.headers.get("Content-Length")
                if expected and (not expected.isdigit() or int(expected) > self.max_bytes):
                    raise InputError(url, f"larger than {self.max_bytes} bytes or a malformed length; refused")
                chunks, size = [], 0
                while True:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise Transient(f"timed out: the download took longer than {self.timeout:g} s")
                    _limit_wait(response, remaining)
                    chunk = response.read1(1 << 16)  # what has arrived, so the deadline is checked between pieces
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise InputError(url, f"larger than {self.max_bytes} bytes; refused")
                    chunks.append(chunk)
        except urllib.error.HTTPError as exc:
            if exc.code in (404, 410):
                raise NotFound(url) from None
            if exc.code >= 500 or exc.code == 429:
                raise Transient(f"HTTP {exc.code}") from None
            raise InputError(url, f"HTTP {exc.code}") from None
        except TimeoutError:
            raise Transient(f"timed out: the download took longer than {self.timeout:g} s") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                raise Transient(f"timed out: the download took longer than {self.timeout:g} s") from None
            host = urllib.parse.urlsplit(url).netloc
            raise NetworkUnavailable(f"cannot reach {host}", "network unavailable; use --mirror DIR") from None
        except ConnectionError as exc:
            raise Transient(type(exc).__name__) from None
        except http.client.IncompleteRead:
            raise Transient("truncated transfer") from None
        except http.client.HTTPException as exc:  # a garbage status line, a broken header
            raise Transient(f"not a valid HTTP answer ({type(exc).__name__})") from None
        except ValueError as exc:  # a malformed URL (bad port, bad host)
            raise InputError(url, f"malformed URL ({exc})") from None
        data = b"".join(chunks)
        if expected and len(data) != int(expected):
            raise Transient(f"truncated transfer ({len(data)} of {expected} bytes)")
        return data

    # -- one document ----------------------------------------------------------
    def fetch(self, symbol: str, language: str, formats: Iterable[str]) -> Document:
        """One document into the user corpus, checked against its pin and parsed before it is kept."""
        validate_symbol(symbol)
        formats = list(formats)
        cached = self._cached(symbol, language, formats)
        if cached is not None:
            return cached
        tried = []
        for fmt in formats:
            for label, where in self.sources(symbol, language, fmt):
                try:
                    data = self.get(where)
                except NotFound:
                    tried.append(f"{label}: not found")
                    continue
                pin = _pins().get((symbol, language, fmt))
                digest = hashlib.sha256(data).hexdigest()
                if pin and digest != pin.sha256:
                    raise InputError(
                        where, f"SHA-256 {digest[:12]}… differs from the pinned {pin.sha256[:12]}…; refused"
                    )
                target = user_dir() / file_name(symbol, language, EXTENSIONS[fmt])
                return self._install(data, target, symbol, language, fmt, where, digest)
        detail = "; ".join(tried) if tried else "no source for this format and language"
        raise DocumentNotFound(symbol, f"not found ({detail})")

    def fetch_url(self, url: str, symbol: str, language: str) -> Document:
        """One official file from a URL the user names (PDF, HTML page, XML or text), checked like any
        fetched file: parsed, the symbol confirmed, written whole or not at all, recorded with its URL."""
        from analysis.io.ingest import sniff_format

        validate_symbol(symbol)
        _validate_language(language)
        if not _is_url(url):
            raise InputError(url, "not an http(s) URL")
        try:
            data = self.get(url)
        except NotFound:
            raise DocumentNotFound(url, "not found (HTTP 404)") from None
        fmt = sniff_format(data)
        target = user_dir() / file_name(symbol, language, EXTENSIONS[fmt])
        return self._install(data, target, symbol, language, fmt, url, hashlib.sha256(data).hexdigest())

    def _cached(self, symbol: str, language: str, formats: list[str]) -> Document | None:
        recorded = {(d.symbol, d.language, d.format): d for d in read_manifest(user_manifest_path())}
        for fmt in formats:
            target = user_dir() / file_name(symbol, language, EXTENSIONS[fmt])
            if not target.is_file():
                continue
            pin = _pins().get((symbol, language, fmt))
            row = recorded.get((symbol, language, fmt))
            expected = pin.sha256 if pin else (row.sha256 if row else "")
            if expected and hashlib.sha256(target.read_bytes()).hexdigest() == expected:
                if row is None:  # a pinned file put in place by hand: record it
                    assert pin is not None, "without a manifest row, the expected hash came from the lock"
                    row = Document(symbol, language, fmt, "", "", "user", target.name, expected, pin.source)
                    record_user(row)
                return replace(row, location=target)
        return None

    def _install(
        self, data: bytes, target: Path, symbol: str, language: str, fmt: str, where: str, digest: str
    ) -> Document:
        def check(tmp: Path) -> Resolution:
            from analysis.corpus.documents import read_claimed

            try:
                parsed = read_claimed(tmp, symbol, language)  # the symbol and the language the text is written in
            except InputError as exc:
                raise type(exc)(where, exc.problem) from None  # named by where it came from, of the same kind
            if parsed.symbol != symbol:
                raise InputError(where, f"is {parsed.symbol}, not {symbol}; refused")
            return parsed

        resolution = atomic_write_bytes(target, data, check)
        document = _user_document(resolution, symbol, language, fmt, target, digest, _describe(where))
        record_user(document)
        return replace(document, location=target)


def _limit_wait(response: Any, seconds: float) -> None:
    """Let the next read wait at most ``seconds`` (the socket of an http.client response; if the
    object has none, the per-read timeout set at connection still applies)."""
    sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
    if sock is not None:
        sock.settimeout(max(0.01, seconds))


def _describe(where: str) -> str:
    return where if _is_url(where) else f"mirror file {Path(where).name}"


def _is_url(where: str) -> bool:
    return urllib.parse.urlsplit(where).scheme in ("http", "https")


def _zip_member(url: str, data: bytes, member: str) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read(member)
    except (zipfile.BadZipFile, KeyError):
        raise InputError(url, f"no member {member!r} in the archive") from None


def _pins() -> dict[tuple[str, str, str], Pin]:
    return {(p.symbol, p.language, p.format): p for p in read_lock()}


def cited_resolutions(document: Document) -> list[str]:
    """GA resolutions a fetched document cites (to follow citations)."""
    from analysis.parsing.parse import parse_file

    path = document.location or user_dir() / document.path
    resolution = parse_file(path, language=document.language)
    return list(
        dict.fromkeys(
            c.symbol
            for c in resolution.citations
            if c.organ == "GA" and c.kind == "resolution" and SYMBOL.fullmatch(c.symbol)
        )
    )


def _fetch_many(fetcher: Fetcher, keys: list[tuple[str, str, list[str]]]) -> list[Document | InputError]:
    """Fetch (symbol, language, formats) items, ``fetcher.jobs`` at a time; results in input order.

    Once the network is found unreachable, the items not yet started fail at once with that error
    (offline, 82 locked documents made 82 attempts before one clear message)."""
    offline: list[NetworkUnavailable] = []

    def one(item: tuple[str, str, list[str]]) -> Document | InputError:
        symbol, language, formats = item
        try:
            if offline:
                return offline[0]
            return fetcher.fetch(symbol, language, formats)
        except NetworkUnavailable as exc:
            offline.append(exc)
            return exc
        except InputError as exc:
            return exc
        finally:
            bar.update()

    with progress_bar(len(keys), "fetching", fetcher.progress) as bar:
        if fetcher.jobs > 1 and len(keys) > 1:
            with ThreadPoolExecutor(max_workers=fetcher.jobs) as pool:
                return list(pool.map(one, keys))
        return [one(item) for item in keys]


def fetch_all(
    fetcher: Fetcher,
    symbols: list[str],
    languages: list[str],
    formats: list[str],
    follow: int = 0,
    corpus: Corpus | None = None,
    any_bundled_format: bool = True,
) -> tuple[list[Document], list[str]]:
    """Fetch every (symbol, language), then, ``follow`` levels deep, the GA resolutions they cite.

    A symbol named on the command line must be found; a cited one that no source has is reported
    in the second list and the rest goes on. What ``corpus`` already has in its bundled part is not
    fetched again (the seed and the series are in the package), in any format unless
    ``any_bundled_format`` is false (a format asked for explicitly is fetched if the package has another).
    """
    for symbol in symbols:
        validate_symbol(symbol)
    languages = [_validate_language(lang) for lang in languages]
    if follow < 0:
        raise InputError("--follow-citations", f"must be 0 or more, not {follow}")
    done: dict[tuple[str, str], Document] = {}
    missing: list[str] = []
    level = [(s, lang) for s in symbols for lang in languages]
    for depth in range(follow + 1):
        if corpus is not None:
            for symbol, language in level:
                bundled = [
                    d
                    for d in corpus.find(symbol, language)
                    if d.root == "bundled" and d.available and (any_bundled_format or d.format in formats)
                ]
                if bundled:
                    done.setdefault((symbol, language), bundled[0])
        this_level = list(dict.fromkeys(level))
        todo = [key for key in this_level if key not in done and f"{key[0]} ({key[1]})" not in missing]
        for (symbol, language), result in zip(todo, _fetch_many(fetcher, [(s, lang, formats) for s, lang in todo])):
            if isinstance(result, InputError):
                if depth == 0 or not isinstance(result, DocumentNotFound):
                    raise result  # a symbol asked for must be found; a cited one may be missing, nothing else may fail
                missing.append(f"{symbol} ({language})")
            else:
                done[(symbol, language)] = result
        if depth == follow:
            break
        # bundled documents cite too: the next level comes from every document of this one
        level = [
            (cited, lang)
            for (s, lang) in this_level
            if (s, lang) in done
            for cited in cited_resolutions(done[(s, lang)])
        ]
    return list(done.values()), missing


def _validate_language(language: str) -> str:
    if language not in ODS_LANGUAGES:
        raise InputError(repr(language[:10]), f"not a UN language code ({', '.join(ODS_LANGUAGES)})")
    return language


def fetch_locked(fetcher: Fetcher) -> list[Document]:
    """Materialise exactly the documents of the lock (the bundled seed is already in place)."""
    pins = [p for p in read_lock() if p.source != "bundled"]
    documents: list[Document] = []
    for result in _fetch_many(fetcher, [(p.symbol, p.language, [p.format]) for p in pins]):
        if isinstance(result, InputError):
            raise result
        documents.append(result)
    return documents


def _user_document(
    resolution: Resolution, symbol: str, language: str, fmt: str, target: Path, digest: str, source: str
) -> Document:
    """The manifest row of a file placed in the user corpus (fetched or added), titled from its text."""
    return Document(
        symbol, language, fmt, resolution.title, str(resolution.adopted or ""), "user", target.name, digest, source
    )


def add_file(path: str | Path, symbol: str, language: str, source: str = "") -> Document:
    """Register a file the user already has: parsed, checked, copied into the user corpus, hashed, recorded."""
    from analysis.corpus.documents import read_claimed

    validate_symbol(symbol)
    language = _validate_language(language)
    path = Path(path)
    resolution = read_claimed(path, symbol, language)  # the text must be this symbol, in this language
    if not resolution.symbol:
        raise InputError(path, f"the text does not say which resolution it is; cannot check that it is {symbol}")
    fmt = "pdf" if resolution.source_format == "ocr" else resolution.source_format  # a scan is kept as its PDF
    data = path.read_bytes()
    pin = _pins().get((symbol, language, fmt))
    if pin is not None and hashlib.sha256(data).hexdigest() != pin.sha256:
        raise InputError(
            path,
            f"SHA-256 differs from the official {symbol} ({language}, {fmt}) pinned in "
            "corpus.lock.csv; refused (crimepol fetch --locked gets the pinned file)",
        )
    target = user_dir() / file_name(symbol, language, EXTENSIONS[fmt])
    atomic_write_bytes(target, data)
    source = source or f"added by the user from {path.name}"
    document = _user_document(resolution, symbol, language, fmt, target, hashlib.sha256(data).hexdigest(), source)
    record_user(document)
    return replace(document, location=target)
