"""Citations read from the text against the links the UN markup carries."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from analysis.errors import InputError
from analysis.lang import languages
from analysis.parsing.parse import parse_file


def markup_link() -> re.Pattern[str]:
    """A link of the UN markup to a document (symbol, linked text); its address may name a language
    (``…/en/A/RES/46/152``), one of the registered ones."""
    codes = "|".join(f"{re.escape(code)}/" for code in languages())
    return re.compile(rf'<a [^>]*href="[^"]*?/(?:{codes})?((?:A|E|S|CAC|CTOC)/[^"]+)"[^>]*>([^<]*)</a>')


LINKED_NUMBER = re.compile(r"(?:S-)?\d{1,4}/\d{1,4}")


@dataclass
class CitationAgreement:
    """The extractor's General Assembly resolutions against the UN markup's own links (``<a href>``)."""

    ga_with_link: int = 0  # GA resolutions the extractor found whose number the markup links
    ga_link_agrees: int = 0  # … and the link is an A/RES/ document
    wrong: list[tuple[str, str, str]] = field(default_factory=list)  # (file, number, linked symbol)
    ga_links: int = 0  # numbers the markup links only to A/RES/ documents
    ga_links_found: int = 0  # … that the extractor credits to the Assembly

    @property
    def precision(self) -> float:
        """Of the GA resolutions extracted whose number the markup links, the share linked to an A/RES/ document."""
        return self.ga_link_agrees / self.ga_with_link if self.ga_with_link else float("nan")

    @property
    def recall(self) -> float:
        """GA resolutions the markup links that the extractor also calls GA (none moved to another body)."""
        return self.ga_links_found / self.ga_links if self.ga_links else float("nan")


def citation_agreement(paths: list[str]) -> CitationAgreement:
    """How often a citation the extractor credits to the Assembly is linked by the markup to an Assembly
    resolution (matched by number within a document; unlinked numbers are not counted)."""
    result = CitationAgreement()
    link = markup_link()
    for path in paths:
        try:
            resolution = parse_file(path)
        except InputError:
            continue  # a file the reader refuses (no operative part) has no citations to compare
        linked: dict[str, set[str]] = {}
        for symbol, text in link.findall(Path(path).read_text(encoding="utf-8")):
            for number in LINKED_NUMBER.findall(text):
                linked.setdefault(number, set()).add(symbol.upper())
        credited = {c.number for c in resolution.citations if c.organ == "GA" and c.kind == "resolution"}
        for number, symbols in linked.items():
            if all(s.startswith("A/RES/") for s in symbols):
                result.ga_links += 1
                result.ga_links_found += number in credited
        for c in resolution.citations:
            if c.organ == "GA" and c.kind == "resolution" and c.number in linked:
                result.ga_with_link += 1
                if any(s.startswith("A/RES/") for s in linked[c.number]):
                    result.ga_link_agrees += 1
                else:
                    result.wrong.append((Path(path).name, c.number, sorted(linked[c.number])[0]))
    return result
