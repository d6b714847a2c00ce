"""Citations: which resolutions, decisions and documents a paragraph refers to, and whose they are.

A bare ``46/152`` is a General Assembly resolution unless the text names
another organ: ``Economic and Social Council resolution 2007/12``,
``预防犯罪和刑事司法委员会…第16/1号决定``, ``resolution 10/4 … of the Conference
of the Parties``. Year-numbered ones (``2007/253``) default to the Economic
and Social Council, which numbers its resolutions and decisions by year.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from . import lexicon
from .model import Citation, Footnote, Paragraph

DOCUMENT = re.compile(r"(?<![A-Za-z0-9_/])[A-Z][A-Z0-9.]*(?:/[A-Za-z0-9.\-]+)+")
NUMBER = re.compile(r"(?<![A-Za-z0-9_/.\-])((?:S-)?\d{1,4})/(\d{1,4})(?![A-Za-z0-9_/])")
DATE_EN = r"\d{1,2} [A-Z][a-z]+ \d{4}"
# What may stand between a kind word and a number in a list of citations.
LIST_GAP_EN = re.compile(rf"^(?:\s|,|\band\b|\bof\b|\d{{1,4}}/\d{{1,4}}|{DATE_EN}|\d{{1,2}} and \d{{1,2}} [A-Z][a-z]+ \d{{4}})*$")
LIST_GAP_ZH = re.compile(r"(?:\s|号|、|和|及|第|\d{1,4}/\d{1,4}|\d{4}年\d{1,2}月\d{1,2}日(?:和\d{1,2}日)?)*")
CLAUSE_BREAK_ZH = re.compile(r"[，；。：]")
# An organ named further back than this many characters no longer owns the number.
ZH_CUE_WINDOW = 30
SYMBOL_FORMS = {
    ("GA", "resolution"): "A/RES/{}",
    ("GA", "decision"): "A/DEC/{}",
    ("ECOSOC", "resolution"): "E/RES/{}",
    ("ECOSOC", "decision"): "E/DEC/{}",
    ("HRC", "resolution"): "A/HRC/RES/{}",
    ("SC", "resolution"): "S/RES/{}",
}
DOCUMENT_ORGANS = (("A/HRC/", "HRC"), ("A/", "GA"), ("E/", "ECOSOC"), ("S/", "SC"))


def extract_citations(language: str, paragraphs: Iterable[Paragraph], footnotes: Iterable[Footnote] = ()) -> tuple[Citation, ...]:
    found: list[Citation] = []
    for p in paragraphs:
        found.extend(cite_text(language, p.full_text, p.ref))
    for f in footnotes:
        found.extend(cite_text(language, f.text, f"footnote {f.marker}"))
    return tuple(dict.fromkeys(found))


def cite_text(language: str, text: str, where: str) -> list[Citation]:
    """Citations of one piece of text, in order of appearance."""
    out: list[tuple[int, Citation]] = []
    masked = list(text)
    for m in DOCUMENT.finditer(text):
        symbol = m.group(0).rstrip(".")
        if not re.search(r"\d", symbol) or "/" not in symbol:
            continue
        masked[m.start():m.end()] = " " * (m.end() - m.start())
        out.append((m.start(), _document_citation(symbol, where)))
    masked_text = "".join(masked)
    for m in NUMBER.finditer(masked_text):
        kind = _kind(language, masked_text, m)
        if not kind:
            continue
        number = m.group(0)
        organ = _organ(language, masked_text, m)
        if _is_year(m.group(1)) and organ in ("", "GA"):
            organ = "ECOSOC"  # the Assembly never numbers by year; the Council does
        organ = organ or "GA"
        form = SYMBOL_FORMS.get((organ, kind))
        symbol = form.format(number) if form else f"{organ} {kind} {number}"
        out.append((m.start(), Citation(symbol, organ, kind, number, where)))
    return [c for _, c in sorted(out, key=lambda t: t[0])]


def _document_citation(symbol: str, where: str) -> Citation:
    parts = symbol.split("/")
    if len(parts) >= 4 and parts[-3] == "RES" or (len(parts) >= 3 and parts[1] == "RES"):
        kind = "resolution"
    elif "DEC" in parts:
        kind = "decision"
    else:
        kind = "document"
    organ = next((o for prefix, o in DOCUMENT_ORGANS if symbol.startswith(prefix)), "")
    return Citation(symbol, organ, kind, symbol, where)


def _is_year(s: str) -> bool:
    return s.isdigit() and len(s) == 4 and 1946 <= int(s) <= 2100


def _kind(language: str, text: str, m: re.Match[str]) -> str:
    words = lexicon.citation_kind_words(language)
    if language == "zh":
        gap = LIST_GAP_ZH.match(text, m.end())
        after = text[gap.end():gap.end() + 2]
        return words.get(after, "")
    before = text[:m.start()]
    best = ""
    best_at = -1
    for word, kind in words.items():
        for k in re.finditer(rf"\b{word}\b", before, re.IGNORECASE):
            if k.end() > best_at:
                best, best_at = kind, k.end()
    if best_at < 0 or not LIST_GAP_EN.match(before[best_at:]):
        return ""
    return best


def _organ(language: str, text: str, m: re.Match[str]) -> str:
    cues = lexicon.organ_cues(language)
    if language == "zh":
        start = max((b.end() for b in CLAUSE_BREAK_ZH.finditer(text, 0, m.start())), default=0)
        clause = text[max(start, m.start() - ZH_CUE_WINDOW):m.start()]
        best, best_at = "", -1
        for cue, organ in cues:
            at = clause.rfind(cue)
            if at > best_at:
                best, best_at = organ, at
        return best
    # "resolution 10/4 of 16 October 2020 of the Conference of the Parties to …"
    after = re.match(rf"\s*(?:of {DATE_EN},?\s*)?of the ", text[m.end():])
    if after:
        rest = text[m.end() + after.end():]
        for cue, organ in cues:
            if rest.startswith(cue):
                return organ
    # "Economic and Social Council resolutions 2007/12 and 2007/19", "its resolution 73/183"
    words = "|".join(lexicon.citation_kind_words(language))
    before = text[:m.start()]
    kinds = list(re.finditer(rf"\b(?:{words})\b", before, re.IGNORECASE))
    if kinds:
        head = before[:kinds[-1].start()].rstrip()
        for cue, organ in cues:
            if head.endswith(cue):
                return organ
    return ""
