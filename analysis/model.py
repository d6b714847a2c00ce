"""Domain objects: small frozen dataclasses that every later stage reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

THEME_MODELS = ("lexicon", "learned", "union")  # where themes come from: patterns, the learned model, both

# How a value shows itself in a notebook (``_repr_html_``), by class name. The views live on the output
# floor, which this floor must not import: the package fills this table when it is imported
# (analysis/__init__.py), and ``_repr_html_`` returns None (IPython then prints the repr) while it is empty.
HTML_VIEWS: dict[str, Callable[[Any], str]] = {}


@dataclass(frozen=True)
class SubParagraph:
    """A lettered sub-paragraph such as ``(a)`` inside an operative paragraph."""

    label: str
    text: str


@dataclass(frozen=True)
class Paragraph:
    """One preambular, operative or annexed paragraph.

    ``text`` holds the words of the paragraph without its number label and
    without footnote markers; ``lead`` is the opening phrase of a preambular
    paragraph (``回顾``, ``Recalling also``).
    """

    part: str  # "preamble", "operative" or "annex"
    index: int  # 1-based position within its part
    text: str
    number: int | None = None  # the printed number; None when unnumbered
    label: str = ""  # the number label as printed ("4."), "" when unnumbered
    lead: str = ""
    subparagraphs: tuple[SubParagraph, ...] = ()
    footnote_markers: tuple[str, ...] = ()

    @property
    def ref(self) -> str:
        """Stable reference used by citations and footnotes: ``operative 3``."""
        return f"{self.part} {self.number if self.number is not None else self.index}"

    @property
    def full_text(self) -> str:
        """Chapeau and sub-paragraphs, for searching and classification."""
        parts = [self.text] + [f"({s.label}) {s.text}" for s in self.subparagraphs]
        return " ".join(p for p in parts if p)


@dataclass(frozen=True)
class Footnote:
    """A footnote: its marker, its text and the paragraphs that cite it."""

    marker: str
    text: str
    cited_in: tuple[str, ...] = ()


@dataclass(frozen=True)
class Citation:
    """A reference to another document found in a paragraph or footnote."""

    symbol: str  # "A/RES/46/152", "E/RES/2007/12", "CCPCJ decision 16/1", "A/62/126"
    organ: str  # "GA", "ECOSOC", "HRC", "CCPCJ", ... or "" for plain documents
    kind: str  # "resolution", "decision" or "document"
    number: str  # as written: "46/152", "2007/253", "A/62/126"
    paragraph: str  # "preamble 1", "operative 8", "footnote 5"


@dataclass(frozen=True)
class Artifact:
    """Text removed from the flow: page headers, footnote markers, separators."""

    kind: str
    text: str
    line: int  # 1-based line of the ingested text (0 for XML)


@dataclass(frozen=True)
class Annex:
    """A text the resolution adopts or annexes (a declaration, a plan of action)."""

    heading: str
    paragraphs: tuple[Paragraph, ...]
    inline: bool  # True when printed inside the resolution (73/3), False for an annex
    sections: tuple[str, ...] = ()  # headings between its numbered paragraphs, in order


@dataclass(frozen=True)
class Resolution:
    """A parsed resolution: front matter, paragraphs, footnotes, citations, annexes, provenance and warnings."""

    symbol: str
    language: str
    title: str
    session: int | None
    adopted: dt.date | None
    committee: str
    report: str
    plenary_meeting: int | None
    agenda_item: str
    preamble: tuple[Paragraph, ...]
    operative: tuple[Paragraph, ...]
    footnotes: tuple[Footnote, ...]
    citations: tuple[Citation, ...]
    annexes: tuple[Annex, ...] = ()
    front_matter: tuple[str, ...] = ()
    closing: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()  # headings between operative paragraphs ("International cooperation")
    artifacts: tuple[Artifact, ...] = ()
    warnings: tuple[str, ...] = ()
    source: str = ""
    source_format: str = ""
    ocr_confidence: float | None = None  # mean recognition confidence, for a scan read by OCR

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Preambular then operative paragraphs, in order."""
        return self.preamble + self.operative

    def _repr_html_(self) -> str | None:
        """The notebook view: numbered paragraphs with their verbs and theme evidence marked (HTML_VIEWS)."""
        view = HTML_VIEWS.get("Resolution")
        return view(self) if view is not None else None

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``crimepol parse``."""
        return {
            "symbol": self.symbol,
            "language": self.language,
            "title": self.title,
            "session": self.session,
            "adopted": self.adopted.isoformat() if self.adopted else None,
            "committee": self.committee,
            "report": self.report,
            "plenary_meeting": self.plenary_meeting,
            "agenda_item": self.agenda_item,
            "preamble": [
                {"index": p.index, "lead": p.lead, "text": p.text, "footnotes": list(p.footnote_markers)}
                for p in self.preamble
            ],
            "operative": [_operative_dict(p) for p in self.operative],
            "sections": list(self.sections),
            "annexes": [
                {
                    "heading": a.heading,
                    "inline": a.inline,
                    "sections": list(a.sections),
                    "paragraphs": [_operative_dict(p) for p in a.paragraphs],
                }
                for a in self.annexes
            ],
            "footnotes": [{"marker": f.marker, "text": f.text, "cited_in": list(f.cited_in)} for f in self.footnotes],
            "citations": [asdict(c) for c in self.citations],
            "front_matter": list(self.front_matter),
            "closing": list(self.closing),
            "artifacts": [asdict(a) for a in self.artifacts],
            "warnings": list(self.warnings),
            "source": self.source,
            "source_format": self.source_format,
            "ocr_confidence": self.ocr_confidence,
        }


def _operative_dict(p: Paragraph) -> dict[str, Any]:
    return {
        "number": p.number,
        "index": p.index,
        "text": p.text,
        "subparagraphs": [{"label": s.label, "text": s.text} for s in p.subparagraphs],
        "footnotes": list(p.footnote_markers),
    }


@dataclass(frozen=True)
class SourceText:
    """What ingest hands to the parser: decoded text or an XML tree, never both."""

    path: str
    format: str  # "text", "pdf", "ocr" (a scan read by OCR), "html" or "xml"
    text: str = ""
    xml_root: Any = None
    notes: tuple[str, ...] = field(default=())
    ocr_confidence: float | None = None  # format "ocr": the mean recognition confidence
    # a PDF's extraction to keep in the cache (path, content) once the text has parsed: a file that is
    # refused leaves nothing behind
    pending_cache: tuple[str, str] | None = None


@dataclass(frozen=True)
class Reference:
    """A short name at ``start:end`` of a paragraph's full text, and the full name it stands for.

    ``reading`` is the full name with any short name inside it resolved in turn (what themes are read from).
    """

    start: int
    end: int
    short: str
    full: str
    reading: str
