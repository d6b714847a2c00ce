"""The one place a ``Resolution`` is put together, for the text parser and the XML parser alike.

Each parser finds the parts its own way (lines of text, or markup); what a resolution holds beyond
them is decided here, once: footnotes linked to the paragraphs that cite them (a marker without a
footnote is a warning), the citations of every paragraph and footnote, the report symbols named
on the cover, and each warning once with how often it came.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from analysis.model import Annex, Artifact, Paragraph, Resolution
from analysis.parsing.checks import collapse_repeats, link_footnotes
from analysis.parsing.citations import extract_citations

# The document symbol of a report or a draft the resolution was adopted on: "A/62/435", "A/78/481/Add.2", "A/62/L.47"
REPORT_SYMBOL = re.compile(r"\b[A-Z]{1,2}/\d+/(?:L\.)?[\w.]+(?:/[\w.]+)*")


def report_symbols(text: str) -> str:
    """The report and draft symbols ``text`` names, space-separated, in order ("" for none)."""
    return " ".join(REPORT_SYMBOL.findall(text))


def assemble(
    *,
    symbol: str,
    language: str,
    title: str,
    session: int | None,
    adopted: dt.date | None,
    committee: str,
    report_text: str,
    plenary_meeting: int | None,
    agenda_item: str,
    preamble: tuple[Paragraph, ...],
    operative: tuple[Paragraph, ...],
    annexes: tuple[Annex, ...],
    notes: Iterable[tuple[str, str]],
    front_matter: tuple[str, ...],
    closing: tuple[str, ...],
    sections: tuple[str, ...],
    warnings: list[str],
    source: str,
    source_format: str,
    artifacts: tuple[Artifact, ...] = (),
) -> Resolution:
    """The resolution of parsed parts.

    ``notes`` are the footnotes as (marker, text); ``report_text`` is where the cover names the report
    the resolution was adopted on (its symbols are kept); ``warnings`` are the parser's, in order:
    those about footnotes follow them.
    """
    everything = preamble + operative + tuple(p for a in annexes for p in a.paragraphs)
    footnotes, unmatched = link_footnotes(everything, notes)
    return Resolution(
        symbol=symbol,
        language=language,
        title=title,
        session=session,
        adopted=adopted,
        committee=committee,
        report=report_symbols(report_text),
        plenary_meeting=plenary_meeting,
        agenda_item=agenda_item,
        preamble=preamble,
        operative=operative,
        footnotes=footnotes,
        citations=extract_citations(language, everything, footnotes),
        annexes=annexes,
        front_matter=front_matter,
        closing=closing,
        sections=sections,
        artifacts=artifacts,
        warnings=collapse_repeats(warnings + unmatched),
        source=source,
        source_format=source_format,
    )
