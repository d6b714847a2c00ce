"""The briefing in a real browser: Debian's headless Chromium prints brief.html (80/229 against 78/229)
to PDF, and the PDF is read back with pdfplumber: at most two A4 pages, every heading, table and figure
of the summary on them, no character outside the margins its @page rule sets, Chinese set in a CJK
font with no missing glyph; neither file references anything on the network.

Skipped, with the reason, where Chromium is absent; CRIMEPOL_REQUIRE_BROWSER=1 (set by .ci/run) turns
that skip into a failure."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pdfplumber
import pytest

import analysis

NEW, AGAINST = "A/RES/80/229", "A/RES/78/229"
REQUIRE = "CRIMEPOL_REQUIRE_BROWSER"  # "1": a missing browser fails the test instead of skipping it
BROWSERS = ("chromium", "chromium-browser")  # Debian's package, and the name some systems give it
A4 = (595.28, 841.89)  # points
MAX_PAGES = 2
SIZE_TOLERANCE = 1.0  # points: Chromium rounds the page size to whole device pixels
MARGIN_TOLERANCE = 2.0  # points: a glyph's box (the font's ascent and descent) may pass its line's box
POINTS = {"mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "pt": 1.0, "px": 0.75, "pc": 12.0}
# Chinese characters: the unified ideographs, extension A, compatibility ideographs and CJK punctuation
HAN = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
SCHEME = re.compile(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)|@import", re.IGNORECASE)
# attributes whose value a browser loads or follows
REFERENCES = {"src", "srcset", "href", "xlink:href", "data", "poster", "action", "formaction", "background", "manifest"}
EMBEDDING = {"iframe", "object", "embed", "frame", "portal"}


def _unavailable(reason: str) -> None:
    if os.environ.get(REQUIRE) == "1":
        pytest.fail(f"{reason} ({REQUIRE}=1: the browser test must run here)")
    pytest.skip(reason)


def _browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    _unavailable(f"no headless Chromium ({' or '.join(BROWSERS)}) on PATH; Debian: apt-get install chromium")
    raise AssertionError("unreachable")


def print_to_pdf(page: Path, pdf: Path, scratch: Path) -> None:
    """Print ``page`` as a browser would, without header and footer, with every host name unresolvable
    and the browser's profile, home and caches under ``scratch``."""
    home = scratch / "home"
    home.mkdir(parents=True, exist_ok=True)
    command = [
        _browser(),
        "--headless",
        "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--no-pdf-header-footer",
        "--print-to-pdf-no-header",  # the same, as older Chromium spells it
        f"--user-data-dir={scratch / 'profile'}",
        f"--print-to-pdf={pdf}",
        page.resolve().as_uri(),
    ]
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home), "XDG_CACHE_HOME": str(home)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0 and pdf.is_file(), f"chromium failed ({done.returncode}): {done.stderr[-2000:]}"


# -- what the HTML says ------------------------------------------------------------------------------


class Page(HTMLParser):
    """What a page shows and references: its headings, table captions and header cells, figure
    captions, tables and top-level <svg> figures, the references it makes, its CSS."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.captions: list[str] = []  # <caption> and <figcaption>
        self.header_cells: list[str] = []
        self.figure_texts: list[str] = []  # the <text> of the <svg> figures: titles, axis and tick labels
        self.tables = 0
        self.figures = 0  # <svg> elements not inside another
        self.references: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.embedded: list[str] = []
        self.css: list[str] = []  # <style> and <script> contents, style attributes
        self._collecting: list[tuple[str, list[str]]] = []
        self._svg_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.references += [(tag, name, value) for name, value in values.items() if name in REFERENCES]
        if values.get("style"):
            self.css.append(values["style"])
        if tag in EMBEDDING:
            self.embedded.append(tag)
        self.tables += tag == "table"
        if tag == "svg":
            self.figures += self._svg_depth == 0
            self._svg_depth += 1
        collected = {"h1": self.headings, "h2": self.headings, "h3": self.headings, "h4": self.headings}
        collected |= {"caption": self.captions, "figcaption": self.captions, "th": self.header_cells}
        collected |= {"style": self.css, "script": self.css}
        if self._svg_depth:
            collected["text"] = self.figure_texts  # scripts are searched for url() and imports too
        if tag in collected:
            self._collecting.append((tag, collected[tag]))
            collected[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._svg_depth = max(0, self._svg_depth - 1)
        if self._collecting and self._collecting[-1][0] == tag:
            self._collecting.pop()

    def handle_data(self, data: str) -> None:
        for _, into in self._collecting:
            into[-1] += data


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def network_references(path: Path) -> list[str]:
    """Everything in the file a browser would fetch from elsewhere or follow off the page: a reference
    with a scheme (other than data:) or to another host, a file other than the briefing's own two
    (only links may name changes.html or brief.html), a frame or object, a CSS import or url()."""
    page = read_page(path)
    found = [f"<{tag}> embeds another document" for tag in page.embedded]
    for tag, name, value in page.references:
        for one in value.split(",") if name == "srcset" else [value]:
            target = one.strip().split(" ")[0]
            if target.startswith(("data:", "#")) or not target:
                continue
            local_link = (
                tag == "a" and not SCHEME.match(target) and target.split("#")[0] in ("changes.html", "brief.html")
            )
            if not local_link:
                found.append(f"<{tag} {name}={target!r}>")
    for css in page.css:
        for match in CSS_URL.finditer(css):
            target = match.group(1)
            if target is None:
                found.append("a CSS @import")
            elif not target.strip().startswith(("data:", "#")):
                found.append(f"CSS url({target!r})")
    return found


def page_margins(path: Path) -> tuple[float, float, float, float]:
    """The @page rule's margins (top, right, bottom, left) in points; the rule must set them, and the
    size A4, for the printed page to be the briefing's and not the browser's choice."""
    css = "\n".join(read_page(path).css)
    rules = re.findall(r"@page\s*(?::[a-z]+\s*)?\{([^}]*)\}", css)
    assert rules, f"{path.name} has no @page rule: its paper and margins would be the browser's"
    declarations = dict(
        (name.strip().lower(), value.strip())
        for rule in rules
        for name, value in re.findall(r"([a-z-]+)\s*:\s*([^;]+)", rule)
    )
    assert re.search(r"\bA4\b", declarations.get("size", ""), re.IGNORECASE), f"{path.name}: @page size is not A4"
    assert "margin" in declarations or any(k.startswith("margin-") for k in declarations), (
        f"{path.name}: no @page margin"
    )
    sides = _box(declarations.get("margin", "0"))
    for i, side in enumerate(("top", "right", "bottom", "left")):
        if f"margin-{side}" in declarations:
            sides[i] = _length(declarations[f"margin-{side}"])
    return sides[0], sides[1], sides[2], sides[3]


def _box(shorthand: str) -> list[float]:
    """CSS's one to four values: top, right, bottom, left."""
    v = [_length(value) for value in shorthand.split()]
    return {1: v * 4, 2: v * 2, 3: [*v, v[1]]}.get(len(v), v[:4])


def _length(value: str) -> float:
    match = re.fullmatch(r"(-?[\d.]+)\s*(mm|cm|in|pt|px|pc)?", value.strip().removesuffix("!important").strip())
    assert match, f"a margin the test cannot measure: {value!r} (give it in mm, cm, in, pt or px)"
    number, unit = float(match.group(1)), match.group(2) or "px"
    assert number == 0 or match.group(2), f"a margin without a unit: {value!r}"
    return number * POINTS[unit]


def squeezed(text: str) -> str:
    """Text without whitespace, soft hyphens and hyphens: as it may wrap on a printed line."""
    return re.sub(r"[\s\u00ad\-\u2010]+", "", text)


def is_printed(item: str, text: str) -> bool:
    """Whether ``item`` is in the printed ``text`` (squeezed): whole, or word by word where it wrapped
    in a table cell (the PDF's text runs row by row across the cells of a table, so the lines of one
    wrapped cell are apart)."""
    return squeezed(item) in text or all(squeezed(word) in text for word in item.split())


def cjk_fonts() -> set[str] | None:
    """PostScript names of the installed fonts that cover Chinese (fontconfig); None without fc-list."""
    if not shutil.which("fc-list"):
        return None
    listed = subprocess.run(["fc-list", ":lang=zh", "postscriptname"], capture_output=True, text=True, check=True)
    return {line.split("=", 1)[1].strip() for line in listed.stdout.splitlines() if "=" in line}


# -- the briefing, written and printed once per language ---------------------------------------------


@dataclass(frozen=True)
class Printed:
    lang: str
    directory: Path
    pdf: Path


IN_BROWSER = (pytest.mark.browser, pytest.mark.slow)


@pytest.fixture(scope="module", params=[pytest.param(lang, marks=IN_BROWSER) for lang in ("zh", "en", "both")])
def printed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Printed:
    browser_scratch = tmp_path_factory.mktemp("chromium")
    _browser()  # skip (or fail) before writing anything
    out = tmp_path_factory.mktemp(f"brief-{request.param}")
    analysis.brief(NEW, AGAINST, request.param).save(out)
    pdf = browser_scratch / "brief.pdf"
    print_to_pdf(out / "brief.html", pdf, browser_scratch)
    return Printed(request.param, out, pdf)


def test_both_files_are_written_and_the_summary_links_the_changes(printed: Printed):
    brief, changes = printed.directory / "brief.html", printed.directory / "changes.html"
    assert brief.is_file() and changes.is_file()
    assert any(tag == "a" and value.split("#")[0] == "changes.html" for tag, _, value in read_page(brief).references)


def test_the_files_reference_nothing_on_the_network(printed: Printed):
    for name in ("brief.html", "changes.html"):
        assert network_references(printed.directory / name) == [], name


def test_the_summary_prints_on_at_most_two_a4_pages(printed: Printed):
    with pdfplumber.open(printed.pdf) as pdf:
        assert 1 <= len(pdf.pages) <= MAX_PAGES, f"{len(pdf.pages)} pages"
        for page in pdf.pages:
            assert abs(page.width - A4[0]) <= SIZE_TOLERANCE and abs(page.height - A4[1]) <= SIZE_TOLERANCE, (
                page.width,
                page.height,
            )


def test_every_heading_table_and_figure_of_the_summary_is_printed(printed: Printed):
    page = read_page(printed.directory / "brief.html")
    assert page.tables >= 1 and page.figures >= 1, (page.tables, page.figures)
    with pdfplumber.open(printed.pdf) as pdf:
        text = squeezed("".join(p.extract_text() or "" for p in pdf.pages))
        drawn = sum(len(p.rects) + len(p.curves) + len(p.lines) for p in pdf.pages)
    missing = [t for t in page.headings + page.captions + page.header_cells if not is_printed(t, text)]
    assert not missing, missing
    figure = [t for t in page.figure_texts if t.strip()]
    assert len(figure) > 2 and [t for t in figure if not is_printed(t, text)] == []
    assert all(s in text for s in (squeezed(NEW.removeprefix("A/RES/")), squeezed(AGAINST.removeprefix("A/RES/"))))
    assert drawn > 0, "the figures drew nothing"


def test_no_character_lies_outside_the_page_margins(printed: Printed):
    top, right, bottom, left = page_margins(printed.directory / "brief.html")
    outside = []
    with pdfplumber.open(printed.pdf) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            for c in page.chars:
                if c["text"].isspace():
                    continue
                inside = (
                    c["x0"] >= left - MARGIN_TOLERANCE
                    and c["x1"] <= page.width - right + MARGIN_TOLERANCE
                    and c["top"] >= top - MARGIN_TOLERANCE
                    and c["bottom"] <= page.height - bottom + MARGIN_TOLERANCE
                )
                if not inside:
                    outside.append(f"page {number}: {c['text']!r} at ({c['x0']:.1f}, {c['top']:.1f})")
    assert not outside, outside[:20]


def test_chinese_is_set_in_a_cjk_font_with_no_missing_glyph(printed: Printed):
    with pdfplumber.open(printed.pdf) as pdf:
        chars = [c for p in pdf.pages for c in p.chars]
    missing = [c["text"] for c in chars if c["text"].startswith("(cid:")]  # a glyph with no character: tofu
    assert not missing, f"{len(missing)} characters printed without a glyph (a font lacks them)"
    han = [c for c in chars if HAN.match(c["text"])]
    if printed.lang == "en":
        return  # an English briefing may hold no Chinese at all
    assert han, "no Chinese character in the printed briefing"
    fonts = {c["fontname"].split("+", 1)[-1] for c in han}
    capable = cjk_fonts()
    if capable is not None:
        assert fonts <= capable, f"Chinese set in {sorted(fonts - capable)}, not among the CJK fonts {sorted(capable)}"


# -- the checks themselves, on pages written here (no browser needed) --------------------------------


def test_the_network_check_finds_what_a_browser_would_fetch_or_follow(tmp_path):
    page = tmp_path / "brief.html"
    page.write_text(
        '<style>@import "x.css"; b { background: url(https://example.org/b.png) }</style>'
        '<img src="data:image/png;base64,AAAA"><a href="changes.html#p3">changes</a><a href="#top">top</a>'
        '<img src="figure.png"><script src="//cdn.example.org/x.js"></script><a href="https://undocs.org/">un</a>'
        '<svg><image href="http://example.org/i.svg"/><use href="#m"/></svg><iframe></iframe>',
        encoding="utf-8",
    )
    assert network_references(page) == [
        "<iframe> embeds another document",
        "<img src='figure.png'>",
        "<script src='//cdn.example.org/x.js'>",
        "<a href='https://undocs.org/'>",
        "<image href='http://example.org/i.svg'>",
        "a CSS @import",
        "CSS url('https://example.org/b.png')",
    ]


def test_the_page_margins_are_read_from_the_at_page_rule(tmp_path):
    page = tmp_path / "brief.html"
    page.write_text("<style>@page { size: A4 portrait; margin: 15mm 0.5in; margin-bottom: 20pt }</style>")
    top, right, bottom, left = page_margins(page)
    assert (round(top, 2), right, bottom, left) == (42.52, 36.0, 20.0, 36.0)
    page.write_text("<style>@page { margin: 1cm }</style>")
    with pytest.raises(AssertionError, match="not A4"):
        page_margins(page)


def test_a_missing_browser_skips_and_fails_where_the_browser_is_required(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.delenv(REQUIRE, raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        _browser()
    monkeypatch.setenv(REQUIRE, "1")
    with pytest.raises(pytest.fail.Exception, match=f"{REQUIRE}=1"):
        _browser()
