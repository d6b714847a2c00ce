"""An HTML page of a resolution: the fixed-width text inside its ``<pre>`` when it has one (the UN's
older pages print the resolution so), else the page's text with a line per block."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from analysis.errors import InputError
from analysis.io import Format, register
from analysis.io.sniff import looks_html
from analysis.io.text import decode_text
from analysis.model import SourceText


class _PageText(HTMLParser):
    """Collects a page's text, and apart from it the text inside ``<pre>``; scripts, styles and the
    title are left out, and a block element starts a line."""

    BLOCKS: ClassVar[frozenset[str]] = frozenset(
        {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "title"}
    )
    HIDDEN: ClassVar[tuple[str, ...]] = ("script", "style", "title")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.all: list[str] = []
        self.pre: list[str] = []
        self.depth_pre = 0
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.skip += 1
        elif tag == "pre":
            self.depth_pre += 1
        elif tag in self.BLOCKS:
            self.all.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.skip = max(0, self.skip - 1)
        elif tag == "pre":
            self.depth_pre = max(0, self.depth_pre - 1)
            self.pre.append("\n")
        elif tag in self.BLOCKS:
            self.all.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        self.all.append(data)
        if self.depth_pre:
            self.pre.append(data)


def read_html(path: Path, data: bytes) -> SourceText:
    """The text of the page (see the module docstring), blank lines at most two in a row."""
    text, notes = decode_text(path, data)
    collector = _PageText()
    collector.feed(text)
    collector.close()
    body = "".join(collector.pre) if "".join(collector.pre).strip() else "".join(collector.all)
    lines = [line.rstrip() for line in body.replace("\r\n", "\n").split("\n")]
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"
    if not body.strip():
        raise InputError(path, "HTML page without text")
    return SourceText(path=str(path), format="html", text=body, notes=notes)


HTML = register(Format("html", (".html", ".htm"), "HTML page", precedence=2, read=read_html, sniff=looks_html))
