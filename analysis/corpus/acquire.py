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
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from analysis.corpus.registry import (
    ODS_FORMAT,
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
from analysis.io import file_extension
from analysis.io.ingest import detect_format, sniff_format
from analysis.model import Resolution
from analysis.util.files import atomic_write_bytes
from analysis.util.locations import data_dir, user_dir
from analysis.util.progress import progress_bar

UNXML_BASE = "https://raw.githubusercontent.com/UNxml/GAresolutions"
MAX_BYTES = 50 * 1024 * 1024
TIMEOUT = 10.0  # seconds per request
RETRIES = 3
BACKOFF = 0.5  # seconds, doubled after each failed attempt
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
        name = file_name(symbol, language, file_extension(fmt))
        if self.mirror:
            if _is_url(self.mirror):
                return [("mirror", urllib.parse.urljoin(self.mirror.rstrip("/") + "/", urllib.parse.quote(name)))]
            return [("mirror", str(Path(self.mirror) / name))]
        found = []
        pin = _pins().get((symbol, language, fmt))
        if pin and pin.source.startswith(UNXML_BASE):
            base = os.environ.get("CRIMEPOL_UNXML_BASE", UNXML_BASE)  # tests point it at a loopback server
            found.append(("UNxml", base + pin.source[len(UNXML_BASE) :]))
        if fmt == ODS_FORMAT and language in ODS_LANGUAGES:
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
                data = self._body(response, url, deadline)
        except (urllib.error.URLError, TimeoutError, ConnectionError, http.client.HTTPException, ValueError) as exc:
            raise self._failure(exc, url) from None
        if expected and len(data) != int(expected):
            raise Transient(f"truncated transfer ({len(data)} of {expected} bytes)")
        return data

    def _body(self, response: Any, url: str, deadline: float) -> bytes:
        """The response's bytes, read as they arrive until ``deadline``, at most ``max_bytes``."""
        chunks: list[bytes] = []
        size = 0
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise self._timed_out()
            _limit_wait(response, remaining)
            chunk = response.read1(1 << 16)  # what has arrived, so the deadline is checked between pieces
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > self.max_bytes:
                raise InputError(url, f"larger than {self.max_bytes} bytes; refused")
            chunks.append(chunk)

    def _timed_out(self) -> Transient:
        return Transient(f"timed out: the download took longer than {self.timeout:g} s")

    def _failure(self, exc: Exception, url: str) -> Exception:
        """What a failed attempt is: worth retrying (Transient), not there (NotFound), the network
        unreachable, or a refusal (InputError)."""
        if isinstance(exc, urllib.error.HTTPError):
            if exc.code in (404, 410):
                return NotFound(url)
            if exc.code >= 500 or exc.code == 429:
                return Transient(f"HTTP {exc.code}")
            return InputError(url, f"HTTP {exc.code}")
        if isinstance(exc, TimeoutError):
            return self._timed_out()
        if isinstance(exc, urllib.error.URLError):
            if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                return self._timed_out()
            host = urllib.parse.urlsplit(url).netloc
            return NetworkUnavailable(f"cannot reach {host}", "network unavailable; use --mirror DIR")
        if isinstance(exc, ConnectionError):
            return Transient(type(exc).__name__)
        if isinstance(exc, http.client.IncompleteRead):
            return Transient("truncated transfer")
        if isinstance(exc, http.client.HTTPException):  # a garbage status line, a broken header
            return Transient(f"not a valid HTTP answer ({type(exc).__name__})")
        return InputError(url, f"malformed URL ({exc})")  # a ValueError: a bad port, a bad host

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
                target = _user_file(symbol, language, fmt)
                return self._install(data, target, symbol, language, fmt, where, digest)
        detail = "; ".join(tried) if tried else "no source for this format and language"
        raise DocumentNotFound(symbol, f"not found ({detail})")

    def fetch_url(self, url: str, symbol: str, language: str) -> Document:
        """One official file from a URL the user names (PDF, HTML page, XML or text), checked like any
        fetched file: parsed, the symbol confirmed, written whole or not at all, recorded with its URL."""
        validate_symbol(symbol)
        _validate_language(language)
        if not _is_url(url):
            raise InputError(url, "not an http(s) URL")
        try:
            data = self.get(url)
        except NotFound:
            raise DocumentNotFound(url, "not found (HTTP 404)") from None
        fmt = sniff_format(data)
        target = _user_file(symbol, language, fmt)
        return self._install(data, target, symbol, language, fmt, url, hashlib.sha256(data).hexdigest())

    def _cached(self, symbol: str, language: str, formats: list[str]) -> Document | None:
        recorded = {(d.symbol, d.language, d.format): d for d in read_manifest(user_manifest_path())}
        for fmt in formats:
            target = _user_file(symbol, language, fmt)
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


def _user_file(symbol: str, language: str, fmt: str) -> Path:
    """Where a document of this format goes in the user corpus (its canonical name)."""
    return user_dir() / file_name(symbol, language, file_extension(fmt))


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


def _parsed(document: Document) -> Resolution:
    """The resolution of a fetched or bundled document, parsed from its file."""
    from analysis.parsing.parse import parse_file

    return parse_file(document.location or user_dir() / document.path, language=document.language)


def cited_resolutions(document: Document) -> list[str]:
    """GA resolutions a fetched document cites (to follow citations)."""
    resolution = _parsed(document)
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
    gathered = _Gathered()
    level = [(s, lang) for s in symbols for lang in languages]
    for depth in range(follow + 1):
        if corpus is not None:
            gathered.take_bundled(corpus, level, formats if not any_bundled_format else None)
        this_level = list(dict.fromkeys(level))
        gathered.fetch(fetcher, this_level, formats, required=depth == 0)
        if depth == follow:
            break
        level = gathered.cited(this_level)  # bundled documents cite too: from every document of this level
    return list(gathered.done.values()), gathered.missing


@dataclass
class _Gathered:
    """What ``fetch_all`` has so far: one document per (symbol, language), and the cited documents that
    no source has ("A/RES/61/181 (zh)")."""

    done: dict[tuple[str, str], Document] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    def take_bundled(self, corpus: Corpus, keys: list[tuple[str, str]], formats: list[str] | None) -> None:
        """The documents of ``keys`` that the package's corpus holds (in one of ``formats``, if given)."""
        for symbol, language in keys:
            bundled = [
                d
                for d in corpus.find(symbol, language)
                if d.root == "bundled" and d.available and (formats is None or d.format in formats)
            ]
            if bundled:
                self.done.setdefault((symbol, language), bundled[0])

    def fetch(
        self, fetcher: Fetcher, keys: list[tuple[str, str]], formats: list[str], required: bool, reasons: bool = False
    ) -> None:
        """Fetch the ``keys`` not yet had nor known missing; a ``required`` one must be found. A missing one
        is listed as "A/RES/61/181 (zh)", followed by the sources' answers if ``reasons``."""
        known = {line.split(":", 1)[0] for line in self.missing}
        todo = [key for key in keys if key not in self.done and _shown(key) not in known]
        for key, result in zip(todo, _fetch_many(fetcher, [(s, lang, formats) for s, lang in todo])):
            if not isinstance(result, InputError):
                self.done[key] = result
            elif required or not isinstance(result, DocumentNotFound):
                raise result  # a symbol asked for must be found; a cited one may be missing, nothing else may fail
            else:
                self.missing.append(f"{_shown(key)}: {result.problem}" if reasons else _shown(key))

    def cited(self, keys: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """The GA resolutions that the documents of ``keys`` cite, each in the language of its citer."""
        return [(cited, key[1]) for key in keys if key in self.done for cited in cited_resolutions(self.done[key])]


def _shown(key: tuple[str, str]) -> str:
    return f"{key[0]} ({key[1]})"


def _validate_language(language: str) -> str:
    if language not in ODS_LANGUAGES:
        raise InputError(repr(language[:10]), f"not a UN language code ({', '.join(ODS_LANGUAGES)})")
    return language


@dataclass(frozen=True)
class SeriesFetched:
    """What ``fetch_series`` got: the documents, newest member first; the copies of a member that no
    source has in one of the languages ("A/RES/62/175 (en): not found (…)"), and one line saying why the
    walk stopped."""

    documents: list[Document]
    missing: list[str]
    stopped: str


def fetch_series(
    fetcher: Fetcher,
    symbol: str,
    languages: list[str],
    formats: list[str],
    back_to: int | None = None,
    corpus: Corpus | None = None,
    any_bundled_format: bool = True,
) -> SeriesFetched:
    """Fetch a programme series through its members' own citations: ``symbol``, then the resolution its
    operative paragraph 1 cites as the report's mandate (:func:`analysis.corpus.series_chain.predecessor`),
    and so on, in each of ``languages``, until a member cannot be had in any of them, cites no single
    predecessor, or began before the year ``back_to`` (1945 + its session). ``symbol`` itself must be
    found. What ``corpus`` has in its bundled part is not fetched again (as in :func:`fetch_all`)."""
    from analysis.corpus.series_chain import session_year

    validate_symbol(symbol)
    languages = [_validate_language(lang) for lang in languages]
    gathered = _Gathered()
    documents: list[Document] = []
    current: str | None = symbol
    while current is not None:
        year = session_year(current)
        if back_to is not None and year is not None and year < back_to:
            return SeriesFetched(documents, gathered.missing, f"{current} ({year}) is before --back-to {back_to}")
        keys = [(current, lang) for lang in languages]
        if corpus is not None:
            gathered.take_bundled(corpus, keys, None if any_bundled_format else formats)
        before = len(gathered.missing)
        gathered.fetch(fetcher, keys, formats, required=current == symbol, reasons=True)
        had = [gathered.done[key] for key in keys if key in gathered.done]
        if not had:
            stopped = "; ".join([*gathered.missing[before:], "the series stops here"])
            return SeriesFetched(documents, gathered.missing[:before], stopped)
        documents += had
        current, stopped = _series_predecessor(current, had, {d.symbol for d in documents})
        if current is None:
            return SeriesFetched(documents, gathered.missing, stopped)
    raise AssertionError("unreachable")


def _series_predecessor(symbol: str, documents: list[Document], had: set[str]) -> tuple[str | None, str]:
    """The predecessor that the texts of ``symbol`` cite in operative paragraph 1, or None and why not."""
    from analysis.corpus.series_chain import predecessor

    cited = {d.language: predecessor(_parsed(d)) for d in documents}
    found = sorted({s for s in cited.values() if s is not None})
    if not found:
        return None, f"{symbol}: operative paragraph 1 cites no single earlier GA resolution; the series stops here"
    if len(found) > 1:
        shown = ", ".join(f"{s} ({lang})" for lang, s in sorted(cited.items()) if s)
        return None, f"{symbol}: its languages cite different predecessors ({shown}); the series stops here"
    if found[0] in had:
        return None, f"{symbol}: cites {found[0]}, already fetched; the series stops here"
    return found[0], ""


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
    data = path.read_bytes()
    fmt = detect_format(data, path).name  # the file's format (a scan read by OCR is kept as its PDF)
    pin = _pins().get((symbol, language, fmt))
    if pin is not None and hashlib.sha256(data).hexdigest() != pin.sha256:
        raise InputError(
            path,
            f"SHA-256 differs from the official {symbol} ({language}, {fmt}) pinned in "
            "corpus.lock.csv; refused (crimepol fetch --locked gets the pinned file)",
        )
    target = _user_file(symbol, language, fmt)
    atomic_write_bytes(target, data)
    source = source or f"added by the user from {path.name}"
    document = _user_document(resolution, symbol, language, fmt, target, hashlib.sha256(data).hexdigest(), source)
    record_user(document)
    return replace(document, location=target)
