"""`crimepol fetch --series SYMBOL [--back-to YEAR]` on the loopback server of test_fetch.py: the bundled
XML as served by its mirror route, and documents generated as edits of bundled texts (a copy of 80/229
given another symbol, or its operative-1 citation changed), served by a route added to its handler.

Each test has its own empty user corpus (the ``sandbox`` fixture)."""

from __future__ import annotations

import functools
import hashlib
import threading
import urllib.parse
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from analysis import parse_file
from analysis.cli import main
from analysis.corpus.acquire import Fetcher, fetch_series
from analysis.corpus.registry import read_manifest
from analysis.corpus.series_chain import follow_chain, session_year
from analysis.errors import DocumentNotFound
from tests.conftest import UNXML
from tests.corpus.test_fetch import Handler, server  # noqa: F401  (the loopback server fixture)

START = "A/RES/80/229"  # the newest bundled member of the series (data/comparisons.toml)
LATEST_XML = UNXML / "A_RES_80_229.zh.xml"


@functools.cache
def _expected_chain(language: str) -> list[str]:
    """The members the bundled texts' own citations lead to from START, up to the first one not bundled."""
    links = follow_chain([parse_file(path) for path in sorted(UNXML.glob(f"A_RES_*.{language}.xml"))], START)
    chain = []
    for link in links:
        if not link.present:
            break
        chain.append(link.symbol)
    return chain


class EditedHandler(Handler):
    """test_fetch's handler plus /edited/<file>: a file of ``directory`` if there, else the bundled XML."""

    directory: Path = Path()

    def do_GET(self):
        parts = urllib.parse.urlsplit(self.path)
        route, _, rest = parts.path.lstrip("/").partition("/")
        rest = urllib.parse.unquote(rest)
        if route == "edited":
            for base in (EditedHandler.directory, UNXML):
                if (base / rest).is_file():
                    return self._send((base / rest).read_bytes())
            self.send_error(404)
            return None
        return super().do_GET()


@pytest.fixture
def edited_server(tmp_path):
    EditedHandler.directory = tmp_path / "edited"
    EditedHandler.directory.mkdir()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), EditedHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", EditedHandler.directory
    httpd.shutdown()


def _edit_of_latest(directory: Path, symbol: str, cites: str | None = "keep") -> bytes:
    """An edit of the bundled 80/229 (Chinese XML), written as ``symbol``'s file: its symbol replaced, and
    its operative-1 citation of 78/229 replaced by ``cites`` (None: the citation removed)."""
    text = LATEST_XML.read_text(encoding="utf-8")
    old_number, new_number = START.removeprefix("A/RES/"), symbol.removeprefix("A/RES/")
    text = text.replace(START, symbol).replace(
        f"<docNumber>{old_number}.</docNumber>", f"<docNumber>{new_number}.</docNumber>"
    )
    request = '依照第<a href="https://docs.un.org/zh/A/RES/78/229">78/229</a>号决议编写的报告'
    assert text.count(request) == 1
    if cites is None:
        text = text.replace(request, "编写的报告")
    elif cites != "keep":
        number = cites.removeprefix("A/RES/")
        text = text.replace(request, f'依照第<a href="https://docs.un.org/zh/{cites}">{number}</a>号决议编写的报告')
    data = text.encode("utf-8")
    (directory / f"{symbol.replace('/', '_')}.zh.xml").write_bytes(data)
    return data


def test_the_series_is_followed_through_op1_citations(sandbox, server, capsys):  # noqa: F811
    assert main(["fetch", "--series", START, "--lang", "zh,en", "--mirror", f"{server}/mirror/"]) == 0
    err = capsys.readouterr().err.splitlines()
    chain = _expected_chain("zh")
    assert chain == _expected_chain("en") and len(chain) == 6 and chain[0] == START
    rows = {(d.symbol, d.language): d for d in read_manifest(sandbox / "manifest.csv")}
    assert set(rows) == {(s, lang) for s in chain for lang in ("zh", "en")}
    for row in rows.values():  # provenance: where it came from, and its bytes
        assert row.source.startswith(f"{server}/mirror/")
        assert row.sha256 == hashlib.sha256((sandbox / row.path).read_bytes()).hexdigest()
    stops = [line for line in err if line.startswith("crimepol: series: ")]
    assert len(stops) == 1 and stops[0].endswith("the series stops here")
    absent = stops[0].removeprefix("crimepol: series: ").split(" ", 1)[0]
    assert absent not in chain and "(zh): not found" in stops[0] and "(en): not found" in stops[0]


def test_back_to_stops_at_the_year(sandbox, server, capsys):  # noqa: F811
    year = session_year(_expected_chain("zh")[3])
    assert main(["fetch", "--series", START, "--back-to", str(year), "--mirror", f"{server}/mirror/"]) == 0
    err = capsys.readouterr().err
    fetched = {d.symbol for d in read_manifest(sandbox / "manifest.csv")}
    assert fetched == {s for s in _expected_chain("zh") if session_year(s) >= year} and len(fetched) == 4
    before = _expected_chain("zh")[4]
    assert f"crimepol: series: {before} ({session_year(before)}) is before --back-to {year}\n" in err


def test_an_edited_newer_member_leads_into_the_bundled_chain(sandbox, edited_server):
    base, directory = edited_server
    edited = _edit_of_latest(directory, "A/RES/82/229")  # a fixture: an edit of 80/229, cites 78/229 as it does
    fetched = fetch_series(Fetcher(mirror=f"{base}/edited/"), "A/RES/82/229", ["zh"], ["xml"])
    symbols = [d.symbol for d in fetched.documents]
    assert symbols == ["A/RES/82/229", *_expected_chain("zh")[1:]]
    first = fetched.documents[0]
    assert first.sha256 == hashlib.sha256(edited).hexdigest() and first.source.startswith(f"{base}/edited/")
    assert fetched.missing == [] and fetched.stopped.endswith("the series stops here")


def test_a_cited_member_no_source_has_stops_the_series(sandbox, edited_server):
    base, directory = edited_server
    _edit_of_latest(directory, "A/RES/82/229", cites="A/RES/81/9")  # a fixture: op. 1 cites a member nobody has
    fetched = fetch_series(Fetcher(mirror=f"{base}/edited/"), "A/RES/82/229", ["zh"], ["xml"])
    assert [d.symbol for d in fetched.documents] == ["A/RES/82/229"]
    assert fetched.stopped.startswith("A/RES/81/9 (zh): not found") and "\n" not in fetched.stopped


def test_no_citation_in_op1_stops_the_series(sandbox, edited_server):
    base, directory = edited_server
    _edit_of_latest(directory, "A/RES/82/229", cites=None)  # a fixture: op. 1's citation removed
    fetched = fetch_series(Fetcher(mirror=f"{base}/edited/"), "A/RES/82/229", ["zh"], ["xml"])
    assert [d.symbol for d in fetched.documents] == ["A/RES/82/229"]
    assert fetched.stopped == (
        "A/RES/82/229: operative paragraph 1 cites no single earlier GA resolution; the series stops here"
    )


def test_the_start_must_be_found_and_the_options_fit(sandbox, server, capsys):  # noqa: F811
    with pytest.raises(DocumentNotFound):
        fetch_series(Fetcher(mirror=f"{server}/mirror/"), "A/RES/61/181", ["zh"], ["xml"])
    assert main(["fetch", "--series", "A/RES/61/181", "--mirror", f"{server}/mirror/"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert main(["fetch", "--back-to", "2020"]) == 2
    assert "--back-to needs --series SYMBOL" in capsys.readouterr().err
    assert main(["fetch", "--series", START, "A/RES/78/229"]) == 2
    assert "--series SYMBOL takes no other symbols" in capsys.readouterr().err
