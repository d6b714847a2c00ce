"""Parse: a ``SourceText`` becomes a ``Resolution`` with its true structure.

Plain text and PDF go through the normalizer and the text reader (``text_reader``: ordered rules over
a state, one per construct); AKN4UN XML is read from its own markup (``akn``). Both hand their parts to
``assemble``, which makes the same ``Resolution`` of them (footnotes, citations, warnings).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import replace
from pathlib import Path
from typing import TypedDict

from analysis import lexicon
from analysis.errors import InputError
from analysis.io.ingest import read_source
from analysis.lang import LanguageProfile, languages, profile
from analysis.model import Artifact, Resolution, SourceText
from analysis.parsing.assemble import assemble
from analysis.parsing.checks import numbering_warnings
from analysis.parsing.normalize import TERMINATORS, Line, Normalized, normalize, tidy_spaces, visible_end
from analysis.parsing.text_reader import Reading, read


def parse_file(path: str | Path, language: str | None = None) -> Resolution:
    """Read and parse one file (PDF, text or AKN4UN XML)."""
    return parse_source(read_source(path), language)


def parse_source(source: SourceText, language: str | None = None) -> Resolution:
    """The resolution of a decoded source; a PDF's extraction is cached only once it has parsed."""
    if source.format == "xml":
        from analysis.parsing.akn import parse_xml

        return parse_xml(source)
    resolution = parse_text(
        source.text, language=language, source=source.path, source_format=source.format, notes=source.notes
    )
    if source.ocr_confidence is not None:
        resolution = replace(resolution, ocr_confidence=source.ocr_confidence)
    from analysis.io.ingest import keep_in_cache

    keep_in_cache(source)
    return resolution


TRADITIONAL_LIMIT = 20  # traditional-only characters a simplified text never has this many of


def refuse_traditional(sample: str, where: str | Path) -> None:
    """Refuse a text in a script variant the lexicon does not read: Chinese written in traditional
    characters (the UN's official Chinese is simplified, and the lexicons would silently miss its words)."""
    for code in languages():
        refusal = profile(code).variant_refusal
        if refusal and len(lexicon.anatomy(code).traditional_only.findall(sample)) > TRADITIONAL_LIMIT:
            raise InputError(where, refusal)


def detect_language(text: str) -> str:
    """The language whose letters weigh most in ``text`` (its profile's ``script`` and ``detection_weight``):
    Chinese if CJK characters are a fair share of the letters, else English (the first registered wins
    a tie)."""
    return max(languages(), key=lambda code: _letter_weight(text, profile(code)))


def _letter_weight(text: str, language: LanguageProfile) -> float:
    return len(_letters(language.script).findall(text)) * language.detection_weight


@functools.cache
def _letters(script: str) -> re.Pattern[str]:
    return re.compile(f"[{script}]")


def parse_text(
    text: str, language: str | None = None, source: str = "", source_format: str = "text", notes: tuple[str, ...] = ()
) -> Resolution:
    """Parse the text of a resolution as extracted from a PDF (or typed by the UN)."""
    where = source or "<text>"
    language = language or detect_language(text)
    if language not in languages():
        raise InputError(where, f"unsupported language {language!r} ({' or '.join(languages())})")
    norm, reading = _read_resolution(text, language, where)
    warnings = [*notes, *norm.warnings, *reading.warnings]
    warnings += numbering_warnings([p.number for p in reading.operative])
    warnings += _completeness_warnings(reading)
    warnings += _annex_warnings(reading, language)
    meta = _front_matter_facts(language, reading.front, reading.closing)
    symbol = norm.symbol_hint
    if not symbol:
        raise InputError(where, "no resolution number and title line (such as '62/175. Title')")
    return assemble(
        symbol=symbol,
        language=language,
        title=tidy_spaces(norm.title_hint, language),
        session=int(symbol.split("/")[2]),
        adopted=meta["adopted"],
        committee=meta["committee"],
        report_text=meta["report_text"],
        plenary_meeting=meta["plenary"],
        agenda_item=meta["agenda_item"],
        preamble=reading.preamble,
        operative=reading.operative,
        annexes=(reading.annex,) if reading.annex else (),
        notes=norm.footnotes,
        front_matter=tuple(line.text for line in reading.front),
        closing=tuple(line.text for line in reading.closing),
        sections=reading.sections,
        # line-break hyphens, counted while paragraphs were joined
        artifacts=tuple(norm.artifacts) + (Artifact("hyphen", "-", 0),) * reading.removed_hyphens,
        warnings=warnings,
        source=source,
        source_format=source_format,
    )


def _read_resolution(text: str, language: str, where: str) -> tuple[Normalized, Reading]:
    """The normalized text and its reading; an InputError for a text that is no resolution."""
    norm = normalize(text, language)
    reading = read(language, norm.events)
    if not reading.formula_found:
        refuse_traditional(text[:20000], where)
        raise InputError(
            where, "not a General Assembly resolution (no enacting formula such as 'The General Assembly,' / '大会，')"
        )
    if not reading.operative:
        raise InputError(where, "no operative paragraphs found (is this a resolution?)")
    return norm, reading


def _completeness_warnings(reading: Reading) -> list[str]:
    """A text cut short, or with more after its end, still parses; these say so."""
    out = []
    operative = reading.operative
    if not reading.closing:
        out.append("no closing lines (plenary meeting and date): the text may be cut short")
    elif not reading.closing_complete:
        out.append("the closing lines lack the plenary meeting or the date: the text may be cut short")
    if operative and not visible_end(operative[-1].full_text).endswith(TERMINATORS):
        out.append(f"the last operative paragraph ({operative[-1].ref}) ends mid-sentence: the text may be cut short")
    numbers = [p.number for p in operative if p.number is not None]
    beyond = sorted({n for n in reading.numbered_lines if numbers and n > max(numbers)})
    if beyond:
        out.append(
            f"lines numbered {', '.join(map(str, beyond[:5]))} follow the last operative paragraph "
            f"({max(numbers)}) without being read as paragraphs: the numbering stops short"
        )
    if reading.resolution_after_closing:
        out.append(
            f"line {reading.resolution_after_closing[0]}: after the closing lines, text opens a resolution "
            "(a title line or the enacting formula): another resolution or a second copy follows, read "
            "here as an annex"
        )
    return out


def _annex_warnings(reading: Reading, language: str) -> list[str]:
    """An annexed text without numbered paragraphs or heading, and the numbering of its paragraphs."""
    annex = reading.annex
    if annex is None:
        return []
    out = []
    if not annex.paragraphs and not lexicon.anatomy(language).annex_heading.match(reading.annex_heading[0].tidied):
        out.append(
            f"text after the closing lines ('{reading.annex_heading[0].text[:40]}') read as an annexed "
            "text without numbered paragraphs (check the structure)"
        )
    if reading.sole_clause and annex.paragraphs and not annex.heading:
        out.append(
            "numbered paragraphs follow the sole unnumbered clause with no heading of an adopted text "
            "between them: they may be the resolution's own operative paragraphs (check the structure)"
        )
    return out + numbering_warnings([p.number for p in annex.paragraphs], "annex")


class _FrontFacts(TypedDict):
    adopted: dt.date | None
    committee: str
    report_text: str  # the proponent line that names the report ("On the report of the Third Committee (A/62/435)")
    plenary: int | None
    agenda_item: str


def _front_matter_facts(language: str, front: tuple[Line, ...], closing: tuple[Line, ...]) -> _FrontFacts:
    """The date of adoption, committee, report, plenary meeting and agenda item, from the front matter
    and the closing lines."""
    anatomy = lexicon.anatomy(language)
    front_text = " ".join(line.tidied for line in front)
    facts: _FrontFacts = {"adopted": None, "committee": "", "report_text": "", "plenary": None, "agenda_item": ""}
    for line in closing:
        s = line.tidied
        if m := anatomy.plenary.match(s):
            facts["plenary"] = int(m.group("meeting"))
        elif m := anatomy.closing_date.match(s):
            facts["adopted"] = _date(m)
    if facts["adopted"] is None and (m := anatomy.adopted.search(front_text)):
        facts["adopted"] = _date(m)
    for line in front:
        if m := anatomy.proponent.match(line.tidied):
            body = m.group("body")
            if c := anatomy.committee.search(body):
                facts["committee"] = c.group("committee")
            facts["report_text"] = body
    if m := anatomy.agenda_item.search(front_text):
        facts["agenda_item"] = m.group("item")
    return facts


def _date(m: re.Match[str]) -> dt.date | None:
    groups = m.groupdict()
    month = int(groups["month"]) if groups.get("month") else lexicon.months().get(groups.get("month_name", ""), 0)
    try:
        return dt.date(int(groups["year"]), month, int(groups["day"]))
    except ValueError:
        return None
