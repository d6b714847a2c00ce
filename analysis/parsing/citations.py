"""Citations: which resolutions, decisions and documents a paragraph refers to, and whose they are.

A bare ``46/152`` is a General Assembly resolution unless the text names
another organ: ``Economic and Social Council resolution 2007/12``,
``预防犯罪和刑事司法委员会…第16/1号决定``, ``resolution 10/4 … of the Conference
of the Parties``. Year-numbered ones (``2007/253``) default to the Economic
and Social Council, which numbers its resolutions and decisions by year.

Where the kind word and the organ stand is the language's grammar of citations, chosen by its profile
(``kind_follows_number``): a kind after the number (``第16/1号决定``) has its organ earlier in the same
clause; a kind before it (``resolution 10/4``) has its organ right before the kind word or after the
number (``of the Conference of the Parties``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from analysis import lexicon
from analysis.lang import profile
from analysis.model import Citation, Footnote, Paragraph

DOCUMENT = re.compile(r"(?<![A-Za-z0-9_/])[A-Z][A-Z0-9.]{0,30}(?:/[A-Za-z0-9.\-]{1,30})+")  # bounded: linear
NUMBER = re.compile(r"(?<![A-Za-z0-9_/.\-])((?:S-)?\d{1,4})/(\d{1,4})(?![A-Za-z0-9_/])")
DATE_EN = r"\d{1,2} [A-Z][a-z]+ \d{4}"
# What may stand between a kind word and a number in a list of citations.
LIST_GAP_EN = re.compile(
    rf"^(?:\s|,|\band\b|\bof\b|\d{{1,4}}/\d{{1,4}}|{DATE_EN}|\d{{1,2}} and \d{{1,2}} [A-Z][a-z]+ \d{{4}})*$"
)
LIST_GAP_ZH = re.compile(r"(?:\s|号|、|和|及|第|\d{1,4}/\d{1,4}|\d{4}年\d{1,2}月\d{1,2}日(?:和\d{1,2}日)?)*")
CLAUSE_BREAK_ZH = re.compile(r"[，；。：]")
# An organ named further back than this many characters no longer owns the number.
ZH_CUE_WINDOW = 30
ZH_LOOK_BACK = 400
# how far a number's kind word ("resolutions") and organ are looked for: a list of citations fits; an
# unbounded search from every number of a long run of numbers is quadratic
LIST_REACH = 1000
SYMBOL_FORMS = {
    ("GA", "resolution"): "A/RES/{}",
    ("GA", "decision"): "A/DEC/{}",
    ("ECOSOC", "resolution"): "E/RES/{}",
    ("ECOSOC", "decision"): "E/DEC/{}",
    ("HRC", "resolution"): "A/HRC/RES/{}",
    ("SC", "resolution"): "S/RES/{}",
}
DOCUMENT_ORGANS = (("A/HRC/", "HRC"), ("A/", "GA"), ("E/", "ECOSOC"), ("S/", "SC"))


def extract_citations(
    language: str, paragraphs: Iterable[Paragraph], footnotes: Iterable[Footnote] = ()
) -> tuple[Citation, ...]:
    """Every resolution, decision and document cited in the paragraphs and footnotes, with its organ."""
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
        masked[m.start() : m.end()] = " " * (m.end() - m.start())
        out.append((m.start(), _document_citation(symbol, where)))
    masked_text = "".join(masked)
    grammar = _grammar(language)
    for m in NUMBER.finditer(masked_text):
        kind = grammar.kind(language, masked_text, m)
        if not kind:
            continue
        number = m.group(0)
        organ = grammar.organ(language, masked_text, m)
        if _is_year(m.group(1)) and organ in ("", "GA"):
            organ = "ECOSOC"  # the Assembly never numbers by year; the Council does
        organ = organ or "GA"
        form = SYMBOL_FORMS.get((organ, kind))
        symbol = form.format(number) if form else f"{organ} {kind} {number}"
        out.append((m.start(), Citation(symbol, organ, kind, number, where)))
    return [c for _, c in sorted(out, key=lambda t: t[0])]


def _document_citation(symbol: str, where: str) -> Citation:
    parts = symbol.split("/")
    if (len(parts) >= 4 and parts[-3] == "RES") or (len(parts) >= 3 and parts[1] == "RES"):
        kind = "resolution"
    elif "DEC" in parts:
        kind = "decision"
    else:
        kind = "document"
    organ = next((o for prefix, o in DOCUMENT_ORGANS if symbol.startswith(prefix)), "")
    return Citation(symbol, organ, kind, symbol, where)


def _is_year(s: str) -> bool:
    return s.isdigit() and len(s) == 4 and 1946 <= int(s) <= 2100


def _kind_after_number(language: str, text: str, m: re.Match[str]) -> str:
    """The kind word after the number and the rest of its list (第46/152号决议, 第23/9号、第29/11号决定)."""
    gap = LIST_GAP_ZH.match(text, m.end(), m.end() + LIST_REACH)
    assert gap is not None, "LIST_GAP_ZH is a starred group: it matches, if only the empty string"
    words = lexicon.citation_kind_words(language)
    return next((kind for word, kind in words.items() if text.startswith(word, gap.end())), "")


def _kind_before_number(language: str, text: str, m: re.Match[str]) -> str:
    """The kind word nearest before the number, with nothing but a list between (resolutions 60/1 and 61/2)."""
    words = lexicon.citation_kind_words(language)
    before = text[max(0, m.start() - LIST_REACH) : m.start()]
    best = ""
    best_at = -1
    for word, kind in words.items():
        for k in re.finditer(rf"\b{word}\b", before, re.IGNORECASE):
            if k.end() > best_at:
                best, best_at = kind, k.end()
    if best_at < 0 or not LIST_GAP_EN.match(before[best_at:]):
        return ""
    return best


def _rules(language: str) -> dict[str, re.Pattern[str]]:
    return lexicon.citation_rules(language)


OTHER_BODY_EN = re.compile(
    r"((?:[A-Z][\w'-]* ){1,4}(?:Commission|Council|Conference|Committee|Board|Forum|Organization))$"
)
QUOTED_ZH = re.compile(r"“[^”]*”|关于[^，；。“”]{1,60}?的(?=[^的]{0,25}第)")  # a title: quoted, or 关于…的
# one item of an enumeration, at the end of the text (stripped one at a time: a repeated group anchored
# at the end backtracks exponentially on long runs)
LIST_TOKEN_ZH = re.compile(
    r"(?:\d{4}年\d{1,2}月\d{1,2}日(?:和\d{1,2}日)?|(?:S-)?\d{1,4}/\d{1,4}|号(?:决议|决定)?|[、和及第])$"
)


def _organ_in_clause(language: str, text: str, m: re.Match[str]) -> str:
    """Whose the number at ``m`` is, where the kind follows the number: the organ named nearest before it
    in its clause (or in the clause a list of citations continues), "" (the Assembly) when none."""
    clause, in_list = _clause_before(language, text, m.start())
    return _nearest_cue(clause, lexicon.organ_cues(language), in_list)


def _clause_before(language: str, text: str, at: int) -> tuple[str, bool]:
    """The clause that ends at ``at``, its quoted titles blanked, and whether it is a list that continues
    the clause before it (then that clause is returned with it)."""
    # a quoted title is one unit: its commas do not end the clause, its words are no organ
    # the look-back is bounded (a clause, a list and a title fit in it), so a long paragraph stays linear
    flat = QUOTED_ZH.sub(lambda q: "“" + "＿" * (len(q.group(0)) - 2) + "”", text[max(0, at - ZH_LOOK_BACK) : at])
    start = max((b.end() for b in CLAUSE_BREAK_ZH.finditer(flat)), default=0)
    if start and _rules(language)["list_continuation"].match(flat[start:]):
        # "人权理事会所有相关决议，包括…第23/9号、…第29/11号": the clause before the list names the organ
        start = max((b.end() for b in CLAUSE_BREAK_ZH.finditer(flat, 0, start - 1)), default=0)
        return flat[start:], True
    # the enumeration the number ends ("2014年9月25日第27/13号、2015年10月1日第") counts as one unit
    return _without_list_tail(flat[start:]), False


def _nearest_cue(clause: str, cues: tuple[tuple[str, str], ...], in_list: bool) -> str:
    """The organ of the cue that ends nearest the end of ``clause`` (the longer one on a tie): within
    ``ZH_CUE_WINDOW`` characters of it, quoted titles not counted, or anywhere in a list's clause."""
    best, best_end = "", -1
    for cue, organ in cues:
        at = clause.rfind(cue)
        if at < 0:
            continue
        end = at + len(cue)
        between = clause[end:]
        distance = len(between) - sum(len(q.group(0)) for q in QUOTED_ZH.finditer(between))
        if (distance <= ZH_CUE_WINDOW or in_list) and end > best_end:
            best, best_end = organ, end
    return best


def _organ_around_kind(language: str, text: str, m: re.Match[str]) -> str:
    """Whose the number at ``m`` is, where the kind precedes the number: the organ named after the number,
    or right before its kind word (or the kind word of the list it continues); "" (the Assembly) when
    nothing else claims it."""
    cues = lexicon.organ_cues(language)
    return _organ_named_after(text, m, cues) or _organ_named_before(language, text, m, cues)


def _organ_named_after(text: str, m: re.Match[str], cues: tuple[tuple[str, str], ...]) -> str:
    """The organ named after the number: "resolution 10/4 of 16 October 2020 of the Conference of the
    Parties to …", also after a list: "resolutions 10/6 and 11/3 of the Conference …"; "" for none."""
    gap = LIST_GAP_EN.pattern[1:-1]
    after = re.match(rf"(?:{gap})?\s*(?:of {DATE_EN},?\s*)?of the ", text[m.end() : m.end() + LIST_REACH])
    if not after:
        return ""
    rest = text[m.end() + after.end() :]
    return next((organ for cue, organ in cues if rest.startswith(cue)), "")


def _organ_named_before(language: str, text: str, m: re.Match[str], cues: tuple[tuple[str, str], ...]) -> str:
    """The organ named before the kind word of the number; through a list ("… Council resolutions,
    including resolutions 23/9"), the organ named before the list's first kind word."""
    words = "|".join(lexicon.citation_kind_words(language))
    before = text[max(0, m.start() - LIST_REACH) : m.start()]
    rules = _rules(language)
    for kind in reversed(list(re.finditer(rf"\b(?:{words})\b", before, re.IGNORECASE))):
        head = before[: kind.start()].rstrip()
        owner = _named_at_end(head, cues, rules)
        if owner is not None:
            return owner
        if not rules["list_continuation"].search(head):
            break
    return ""


def _named_at_end(head: str, cues: tuple[tuple[str, str], ...], rules: dict[str, re.Pattern[str]]) -> str | None:
    """The organ that ``head``, the text before a kind word, names at its end: a known organ ("Economic
    and Social Council resolutions 2007/12", "Commission resolution 31/1"), the owner of "its", or a
    body the organ list does not know ("Statistical Commission decision"); None when it names none."""
    for cue, organ in cues:
        if head.endswith(cue) and _whole_name(head, cue):
            if cue.startswith("its ") or head.endswith(f"its {cue}"):
                break
            return organ
    if head.endswith("its"):
        return _owner_of_its(head[:-3], cues, rules)
    other = OTHER_BODY_EN.search(head)
    return other.group(1) if other else None


def _without_list_tail(text: str) -> str:
    while (m := LIST_TOKEN_ZH.search(text)) is not None and m.start() < len(text):
        text = text[: m.start()]
    return text


def _whole_name(head: str, cue: str) -> bool:
    """``cue`` ends ``head`` as a whole name: a one-word cue ("Commission") only after "the", a lower-case
    word or nothing ("Statistical Commission" is another body's name)."""
    before = head[: len(head) - len(cue)]
    if before and before[-1].isalnum():
        return False  # a cue inside a word
    if " " in cue:
        return True
    previous = before.split()[-1:] if before.strip() else []
    return not previous or previous[0] == "the" or previous[0][:1].islower()


def _owner_of_its(head: str, cues: tuple[tuple[str, str], ...], rules: dict[str, re.Pattern[str]]) -> str:
    """Whose "its resolution": another organ's only when it is named right before, as the subject of
    "its" ("the Conference of the Parties, in its resolution 10/4"); otherwise the Assembly's."""
    for cue, organ in cues:
        if cue.startswith("its "):
            continue
        m = re.search(rf"{re.escape(cue)}\s*,?\s*(?:in|through|by|under|with)?\s*$", head)
        if m and _whole_name(head[: m.start() + len(cue)], cue) and organ != "GA":
            return organ
    return "GA"


@dataclass(frozen=True)
class _Grammar:
    """Where a language writes the kind word and the organ of a cited number: how each is found."""

    kind: Callable[[str, str, re.Match[str]], str]  # (language, text, number) -> "resolution", "decision" or ""
    organ: Callable[[str, str, re.Match[str]], str]  # (language, text, number) -> the organ, "" when none


KIND_AFTER_NUMBER = _Grammar(_kind_after_number, _organ_in_clause)  # 大会第46/152号决议
KIND_BEFORE_NUMBER = _Grammar(_kind_before_number, _organ_around_kind)  # General Assembly resolution 46/152


def _grammar(language: str) -> _Grammar:
    return KIND_AFTER_NUMBER if profile(language).kind_follows_number else KIND_BEFORE_NUMBER
