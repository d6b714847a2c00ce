"""HTML pages of a resolution: generated here from bundled official XML (never committed), in the two
shapes UN pages have: the older fixed-width text inside <pre>, and a paragraph per <p>."""

from __future__ import annotations

import html
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from analysis import parse_file
from analysis.cli import main
from analysis.output.text_views import plain_text, structure
from tests.conftest import UNXML

NAMES = ["A_RES_77_241.en.xml", "A_RES_77_241.zh.xml", "A_RES_74_177.zh.xml", "A_RES_76_181.en.xml"]


def generated_page(name: str, shape: str) -> str:
    """An HTML page carrying the official text of ``name`` (generated; not a UN page)."""
    r = parse_file(UNXML / name)
    title = html.escape(f"{r.symbol} (generated test page)")
    if shape == "pre":
        body = f"<pre>{html.escape(plain_text(r, 'pdf'))}</pre>"
    else:
        body = "".join(f"<p>{html.escape(line)}</p>\n" for line in plain_text(r, "lines").split("\n") if line)
    return (
        f"<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>{title}</title>"
        f"<style>p {{margin: 0}}</style></head><body>\n<div class='nav'>Home</div>\n{body}\n"
        "<script>var x = '1. not text';</script></body></html>\n"
    )


@pytest.mark.parametrize("shape", ["pre", "p"])
@pytest.mark.parametrize("name", NAMES)
def test_an_html_page_reads_as_its_xml(tmp_path, name, shape):
    page = tmp_path / f"generated_{Path(name).stem}.html"
    page.write_text(generated_page(name, shape), encoding="utf-8")
    t = parse_file(page)
    assert t.source_format == "html"
    assert structure(t) == structure(parse_file(UNXML / name))


def test_add_and_fetch_an_html_page(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CRIMEPOL_HOME", str(tmp_path / "home"))
    page = tmp_path / "generated_page.html"
    page.write_text(generated_page("A_RES_77_241.en.xml", "pre"), encoding="utf-8")
    assert main(["add", str(page), "--symbol", "A/RES/77/241", "--lang", "en"]) == 0
    assert (tmp_path / "home" / "A_RES_77_241.en.html").is_file()

    body = generated_page("A_RES_77_241.zh.xml", "p").encode()

    class Page(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/page"
        assert main(["fetch", "--url", url, "--symbol", "A/RES/77/241", "--lang", "zh"]) == 0
        assert main(["fetch", "--url", url, "--symbol", "A/RES/77/240", "--lang", "zh"]) == 2  # wrong symbol
    finally:
        httpd.shutdown()
    assert (tmp_path / "home" / "A_RES_77_241.zh.html").is_file()
    assert not (tmp_path / "home" / "A_RES_77_240.zh.html").exists()
    assert "is A/RES/77/241, not A/RES/77/240" in capsys.readouterr().err


@pytest.mark.parametrize("variant", ["no </head>", "BOM", "GB18030", "XHTML prolog"])
def test_html_pages_of_other_shapes(tmp_path, variant):
    page = generated_page("A_RES_74_177.zh.xml", "pre")
    if variant == "no </head>":
        page = page.replace("</head>", "")
    if variant == "XHTML prolog":
        page = '<?xml version="1.0" encoding="utf-8"?>\n' + page
    data = page.encode("gb18030") if variant == "GB18030" else page.encode("utf-8")
    if variant == "BOM":
        data = b"\xef\xbb\xbf" + data
    path = tmp_path / "generated_page.html"
    path.write_bytes(data)
    assert structure(parse_file(path)) == structure(parse_file(UNXML / "A_RES_74_177.zh.xml"))
    from analysis.io.ingest import sniff_format

    assert sniff_format(data) == "html"


def test_a_page_that_is_not_a_resolution_is_refused(tmp_path):
    from analysis.errors import InputError

    path = tmp_path / "generated_page.html"
    path.write_text("<!DOCTYPE html><html><body><p>Press release</p><p>Nothing here.</p></body></html>")
    with pytest.raises(InputError, match="not a General Assembly resolution"):
        parse_file(path)
