"""Acquisition without the internet: a loopback HTTP server over the bundled XML and the PDF
fixtures, and hostile input.

Each test has its own empty user corpus (CRIMEPOL_HOME), so nothing lands anywhere else.
"""

from __future__ import annotations

import csv
import hashlib
import io
import socket
import threading
import time
import urllib.parse
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.corpus.acquire import Fetcher, add_file, fetch_all, fetch_locked, read_lock, validate_symbol
from analysis.corpus.registry import Corpus, read_manifest
from analysis.errors import DocumentNotFound, InputError
from tests.conftest import PDF_FIXTURES, SEED, UNXML


def _files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir()) if directory.is_dir() else []


def _upstream_files() -> dict[str, Path]:
    """Upstream path (at the pinned commit) -> the bundled copy of that file."""
    with (UNXML / "MANIFEST.csv").open(encoding="utf-8") as fh:
        return {row["upstream_path"]: UNXML / row["file"] for row in csv.DictReader(fh)}


class Handler(BaseHTTPRequestHandler):
    """/mirror/<file>, /unxml/<commit>/<path>, /ods?s=&l=&t=, /pdf/<file>, /truncated/<file>, /slow/<file>."""

    def log_message(self, *args):  # keep test output quiet
        pass

    def _send(self, body: bytes, length: int | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(length if length is not None else len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        parts = urllib.parse.urlsplit(self.path)
        route, _, rest = parts.path.lstrip("/").partition("/")
        rest = urllib.parse.unquote(rest)
        if route == "mirror" and (UNXML / rest).is_file():
            return self._send((UNXML / rest).read_bytes())
        if route == "truncated" and (UNXML / rest).is_file():
            body = (UNXML / rest).read_bytes()
            return self._send(body[: len(body) // 2], length=len(body))
        if route == "slow":
            time.sleep(1.5)
            return self._send(b"late")
        if route == "trickle":  # a whole file promised, one byte every 50 ms (20 s for all of it)
            body = (UNXML / "A_RES_77_241.en.xml").read_bytes()[:400]
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                for i in range(len(body)):
                    self.wfile.write(body[i : i + 1])
                    self.wfile.flush()
                    Handler.trickled = i + 1
                    time.sleep(0.05)
            except OSError:
                pass  # the client gave up: what the test expects
            return None
        if route == "garbage":  # not HTTP at all
            self.wfile.write(b"SSH-2.0-OpenSSH_9.6\r\n\r\n")
            self.close_connection = True
            return None
        if route == "wrong" and rest.endswith(".xml"):
            return self._send((UNXML / "A_RES_78_229.en.xml").read_bytes())
        if route == "unxml":
            _, _, upstream = rest.partition("/")
            files = _upstream_files()
            if upstream in files:
                return self._send(files[upstream].read_bytes())
            archive = next((p for p in files if p.startswith(upstream + ":")), None)
            if archive:
                buffer = io.BytesIO()
                with zipfile.ZipFile(buffer, "w") as z:
                    for path, local in files.items():
                        if path.startswith(upstream + ":"):
                            z.writestr(path.split(":", 1)[1], local.read_bytes())
                return self._send(buffer.getvalue())
        if route == "ods":
            query = urllib.parse.parse_qs(parts.query)
            symbol, lang = query["s"][0], query["l"][0]
            name = f"{symbol.replace('/', '_')}-{lang.upper()}.pdf"
            if (PDF_FIXTURES / name).is_file():
                self.send_response(302)
                self.send_header("Location", f"/pdf/{name}")
                self.end_headers()
                return None
        if route == "pdf" and (PDF_FIXTURES / rest).is_file():
            return self._send((PDF_FIXTURES / rest).read_bytes())
        self.send_error(404)
        return None


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(
    "symbol",
    [
        "../../etc/passwd",
        "A/RES/62/175/../../x",
        "A/RES/" + "1" * 5000 + "/1",
        "A/RES/62/\x00175",
        "A/RES/62/175\n",
        "a/res/62/175",
        "A_RES_62_175",
        "",
    ],
)
def test_hostile_symbols_are_refused_before_any_io(sandbox, symbol, capsys):
    with pytest.raises(InputError):
        validate_symbol(symbol)
    assert main(["fetch", symbol, "--mirror", "http://127.0.0.1:9/"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a General Assembly resolution symbol" in err and len(err) < 200
    assert _files(sandbox) == []


def test_fetch_from_a_loopback_mirror_then_classify(sandbox, server, capsys):
    assert main(["fetch", "A/RES/78/229", "--lang", "zh", "--mirror", f"{server}/mirror/"]) == 0
    fetched = sandbox / "A_RES_78_229.zh.xml"
    assert fetched.read_bytes() == (UNXML / "A_RES_78_229.zh.xml").read_bytes()
    row = next(d for d in read_manifest(sandbox / "manifest.csv") if d.symbol == "A/RES/78/229")
    assert row.sha256 == hashlib.sha256(fetched.read_bytes()).hexdigest() and row.source.startswith(server)
    assert "is also bundled" in capsys.readouterr().err  # the user is told which copy the analysis reads
    assert main(["classify", str(fetched)]) == 0
    assert capsys.readouterr().out.count("A/RES/78/229,zh,") == 93


def test_second_run_uses_the_cache(sandbox, server):
    first = Fetcher(mirror=f"{server}/mirror/")
    fetch_all(first, ["A/RES/77/241"], ["en"], ["xml"])
    assert first.network_calls == 1
    second = Fetcher(mirror=f"{server}/mirror/")
    fetch_all(second, ["A/RES/77/241"], ["en"], ["xml"])
    assert second.network_calls == 0


def test_pinned_upstream_xml_including_a_zip_member(sandbox, server, monkeypatch):
    monkeypatch.setenv("CRIMEPOL_UNXML_BASE", f"{server}/unxml")
    fetcher = Fetcher()
    documents, missing = fetch_all(fetcher, ["A/RES/74/170", "A/RES/80/229"], ["en"], ["xml"])
    assert not missing and [d.symbol for d in documents] == ["A/RES/74/170", "A/RES/80/229"]
    pins = {(p.symbol, p.language): p.sha256 for p in read_lock()}
    for d in documents:
        assert d.sha256 == pins[(d.symbol, "en")] and d.source.startswith(server)


def test_pdf_from_the_document_system_follows_the_redirect(sandbox, server, monkeypatch):
    monkeypatch.setenv("CRIMEPOL_ODS_URL", f"{server}/ods?s={{symbol}}&l={{lang}}&t=pdf")
    documents, _ = fetch_all(Fetcher(), ["A/RES/73/6"], ["en"], ["pdf"])
    assert documents[0].format == "pdf" and (sandbox / "A_RES_73_6.en.pdf").is_file()
    assert Corpus().has("A/RES/73/6", "en")


def test_hash_mismatch_is_refused_and_nothing_written(sandbox, server, capsys):
    assert main(["fetch", "A/RES/78/229", "--lang", "zh", "--mirror", f"{server}/wrong/"]) == 2
    err = capsys.readouterr().err
    assert "differs from the pinned" in err and err.count("\n") == 1
    assert not (sandbox / "A_RES_78_229.zh.xml").exists() and not (sandbox / "manifest.csv").exists()
    assert not [name for name in _files(sandbox) if name.startswith(".")]


def test_not_found(sandbox, server, capsys):
    assert main(["fetch", "A/RES/61/181", "--lang", "zh", "--mirror", f"{server}/mirror/"]) == 2
    assert "not found" in capsys.readouterr().err


def test_not_found_is_its_own_kind_of_input_error(sandbox, server):
    """Callers decide on the type, not on the words of the message."""
    with pytest.raises(DocumentNotFound, match="not found"):
        Fetcher(mirror=f"{server}/mirror/").fetch("A/RES/61/181", "zh", ["xml"])
    with pytest.raises(DocumentNotFound):  # a symbol named on the command line must be found
        fetch_all(Fetcher(mirror=f"{server}/mirror/"), ["A/RES/61/181"], ["zh"], ["xml"])
    with pytest.raises(DocumentNotFound, match="HTTP 404"):
        Fetcher().fetch_url(f"{server}/nothing-here.pdf", "A/RES/61/181", "zh")


def test_a_cited_document_that_fails_otherwise_is_fatal(sandbox, tmp_path):
    """Only a cited resolution that no source has is reported missing; one that is there but broken stops."""
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "A_RES_78_229.zh.xml").write_bytes((UNXML / "A_RES_78_229.zh.xml").read_bytes())
    (mirror / "A_RES_46_152.zh.xml").write_bytes(b"<akomaNtoso><doc>cut short")
    with pytest.raises(InputError, match="malformed or truncated XML") as caught:
        fetch_all(Fetcher(mirror=str(mirror)), ["A/RES/78/229"], ["zh"], ["xml"], follow=1)
    assert not isinstance(caught.value, DocumentNotFound)


def test_truncated_transfer_is_retried_then_refused(sandbox, server):
    fetcher = Fetcher(mirror=f"{server}/truncated/", retries=2)
    with pytest.raises(InputError, match="truncated"):
        fetch_all(fetcher, ["A/RES/78/229"], ["zh"], ["xml"])
    assert fetcher.network_calls == 2
    assert _files(sandbox) == []


def test_timeout(sandbox, server):
    fetcher = Fetcher(mirror=f"{server}/slow/", timeout=0.3, retries=2)
    start = time.monotonic()
    with pytest.raises(InputError, match="timed out"):
        fetch_all(fetcher, ["A/RES/78/229"], ["zh"], ["xml"])
    assert time.monotonic() - start < 10


def test_offline_fails_fast_with_one_line(sandbox, monkeypatch, capsys):
    monkeypatch.setenv("CRIMEPOL_ODS_URL", f"http://127.0.0.1:{_closed_port()}/ods?s={{symbol}}&l={{lang}}&t=pdf")
    start = time.monotonic()
    assert main(["fetch", "A/RES/61/181", "--lang", "zh"]) == 2
    assert time.monotonic() - start < 30
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "network unavailable; use --mirror DIR" in err and "Traceback" not in err
    assert _files(sandbox) == []


def test_follow_citations(sandbox, server):
    documents, missing = fetch_all(Fetcher(mirror=f"{server}/mirror/"), ["A/RES/78/229"], ["zh"], ["xml"], follow=1)
    symbols = {d.symbol for d in documents}
    assert {"A/RES/78/229", "A/RES/74/177", "A/RES/77/237", "A/RES/78/223"} <= symbols
    assert "A/RES/46/152 (zh)" in missing  # cited in its first paragraph, not in the mirror


def test_locked_corpus_from_a_local_mirror(sandbox):
    documents = fetch_locked(Fetcher(mirror=str(UNXML), jobs=2))
    assert len(documents) == 82 and all(d.location.parent == sandbox for d in documents)
    pins = {(p.symbol, p.language, p.format): p.sha256 for p in read_lock() if p.source != "bundled"}
    assert {(d.symbol, d.language, d.format): d.sha256 for d in documents} == pins
    assert {
        (d.symbol, d.language, d.format): hashlib.sha256(d.location.read_bytes()).hexdigest() for d in documents
    } == pins
    assert len(read_manifest(sandbox / "manifest.csv")) == 82  # no row lost to the parallel writers
    corpus = Corpus()
    assert corpus.verify() == [] and corpus.warnings == []  # identical copies: silent, counted once
    assert len(corpus.available()) == 83


def test_add_a_file(sandbox, tmp_path, capsys):
    fixture = tmp_path / "fixture_copy_of_the_seed.txt"
    fixture.write_bytes(SEED.read_bytes())
    assert main(["add", str(fixture), "--symbol", "A/RES/61/181", "--lang", "zh"]) == 2  # it is 62/175
    assert "is A/RES/62/175, not A/RES/61/181" in capsys.readouterr().err
    document = add_file(fixture, "A/RES/62/175", "zh", source="a test fixture")
    assert document.source == "a test fixture" and document.format == "text"
    assert Corpus().warnings == []  # the same bytes as the bundled seed: one document, no warning
    # an edited copy of a file the lock pins is not the official file: refused, the added copy kept
    edited = tmp_path / "fixture_edited_seed.txt"
    edited.write_text(SEED.read_text(encoding="utf-8").replace("大会，", "大会，\n", 1), encoding="utf-8")
    assert main(["add", str(edited), "--symbol", "A/RES/62/175", "--lang", "zh"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pinned in corpus.lock.csv" in err
    assert (sandbox / "A_RES_62_175.zh.txt").read_bytes() == SEED.read_bytes()
    corpus = Corpus()
    assert corpus.get("A/RES/62/175", "zh").location == SEED  # the bundled copy is never displaced
    assert corpus.warnings == []
    not_a_resolution = tmp_path / "fixture_report.txt"
    not_a_resolution.write_text("Report of the Secretary-General\n\nThe Office did its work.\n", encoding="utf-8")
    assert main(["add", str(not_a_resolution), "--symbol", "A/RES/61/181", "--lang", "en"]) == 2
    assert not (sandbox / "A_RES_61_181.en.txt").exists()


def test_the_timeout_bounds_the_whole_download(sandbox, server, capsys):
    """Item 8: a server trickling bytes kept a 2 s fetch alive for 47 s: --timeout now ends the whole
    download, after a few of the 400 bytes the server would send."""
    Handler.trickled = 0
    code = main(
        [
            "fetch",
            "A/RES/77/241",
            "--lang",
            "en",
            "--format",
            "xml",
            "--mirror",
            f"{server}/trickle/",
            "--timeout",
            "0.5",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "took longer than 0.5 s" in err
    assert 0 < Handler.trickled < 400
    assert _files(sandbox) == []


def test_a_garbage_answer_is_one_line(sandbox, server, capsys):
    """Item 7: a garbage HTTP status line gave a traceback."""
    code = main(
        ["fetch", "A/RES/77/241", "--lang", "en", "--format", "xml", "--mirror", f"{server}/garbage/", "--timeout", "2"]
    )
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "not a valid HTTP answer" in err and "Traceback" not in err


def test_offline_fetch_locked_stops_at_the_first_unreachable_network(sandbox, monkeypatch):
    """Item 10: offline, `fetch --locked` made 82 attempts before its one clear error."""
    monkeypatch.setenv("CRIMEPOL_UNXML_BASE", f"http://127.0.0.1:{_closed_port()}/")
    fetcher = Fetcher(timeout=2, retries=1)
    with pytest.raises(InputError, match="network unavailable"):
        fetch_locked(fetcher)
    assert fetcher.network_calls == 1
