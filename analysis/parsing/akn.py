"""Parse AKN4UN XML by its own markup: containers, paragraphs, points, authorial notes.

The markup already says where each paragraph, sub-paragraph and footnote is;
this module reads that structure instead of flattening it to text. The lead
verb markup (``<span class="italic">``) is *not* used for classification.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.etree.ElementTree import Element  # the tree's type, and to regroup elements; defusedxml parses

from analysis import lexicon
from analysis.errors import InputError
from analysis.lang import from_xml_code
from analysis.model import Annex, Paragraph, Resolution, SourceText, SubParagraph
from analysis.parsing.assemble import assemble
from analysis.parsing.checks import numbering_warnings
from analysis.parsing.normalize import ITEM_LABEL, ends_paragraph, normalize_chars, tidy_spaces

NS = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"  # the AKN 3.0 namespace, as ElementTree prefixes tags
NUMBER_IN_TEXT = re.compile(r"^(\d{1,3})\s*[.．](?!\d)\s*(?=\S)")
POINT_LABEL = ITEM_LABEL


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _Reader:
    def __init__(self, language: str) -> None:
        self.language = language
        self.notes: dict[str, str] = {}

    def text(self, element: Element, markers: list[str] | None = None, skip: tuple[str, ...] = ()) -> str:
        """Text of ``element`` without its footnotes; the markers it cites go to ``markers``."""
        parts: list[str] = []

        def walk(e: Element) -> None:
            if e.text:
                parts.append(e.text)
            for child in e:
                tag = _local(child.tag)
                if tag == "authorialNote":
                    marker = child.get("marker") or "?"
                    self.notes.setdefault(marker, self.text(child))
                    if markers is not None:
                        markers.append(marker)
                elif tag == "sup" and (child.text or "").strip().isdigit() and len(child) == 0:
                    # a later reference to a footnote already printed: <sup>6</sup>
                    if markers is not None:
                        markers.append((child.text or "").strip())
                elif tag not in skip:
                    walk(child)
                if child.tail:
                    parts.append(child.tail)

        walk(element)
        return tidy_spaces(normalize_chars("".join(parts)), self.language)


def parse_xml(source: SourceText) -> Resolution:
    """A resolution from its AKN4UN XML, by the markup's own structure."""
    root: Element = source.xml_root
    doc = next(iter(root), None)
    if doc is None:
        raise InputError(source.path, "AKN4UN XML without a document element")
    language = _language(doc, source.path)
    reader = _Reader(language)
    parts = _parts(reader, doc, source.path)
    # the footnotes of the paragraphs: those read below, on the cover and in the closing lines, are not kept
    notes = tuple(reader.notes.items())
    proponent = _first_text(reader, doc, "coverPage", "docProponent")
    conclusions = doc.find(NS + "conclusions")
    return assemble(
        symbol=_first_text(reader, doc, "coverPage", "docNumber") or _symbol_from_name(source.path),
        language=language,
        title=_first_text(reader, doc, "preface", "docTitle"),
        session=_session(doc),
        adopted=_adopted(doc),
        committee=_committee(proponent, language),
        report_text=_report_text(reader, doc, proponent),
        plenary_meeting=_plenary(conclusions),
        agenda_item=_agenda_item(doc),
        preamble=parts.preamble,
        operative=parts.operative,
        annexes=parts.annexes,
        notes=notes,
        front_matter=_front_matter(reader, doc),
        closing=_closing(reader, conclusions),
        sections=parts.sections,
        warnings=parts.warnings(),
        source=source.path,
        source_format="xml",
    )


@dataclass(frozen=True)
class _Parts:
    """The paragraphs of a resolution as its markup places them."""

    preamble: tuple[Paragraph, ...]
    operative: tuple[Paragraph, ...]
    annexes: tuple[Annex, ...]
    sections: tuple[str, ...]  # the section headings of the operative part

    def warnings(self) -> list[str]:
        """Numbering gaps and duplicates of the operative part, then of each annex."""
        warnings = numbering_warnings([p.number for p in self.operative])
        for annex in self.annexes:
            warnings += numbering_warnings([p.number for p in annex.paragraphs], "annex")
        return warnings


def _parts(reader: _Reader, doc: Element, path: str) -> _Parts:
    """Preamble, operative part and annexes, in reading order (the reader keeps their footnotes)."""
    body = doc.find(NS + "mainBody")
    if body is None:
        raise InputError(path, "AKN4UN XML without a <mainBody> (no operative part)")
    preamble = _preamble(reader, doc.find(NS + "preamble"))
    adopted_text = _adopted_text(reader, body, lexicon.anatomy(reader.language))
    if adopted_text is not None:  # "Adopts the following declaration:" and the declaration itself
        body = adopted_text[0]
    operative, sections = _paragraphs(reader, body, "operative")
    if not operative:
        raise InputError(path, "no operative paragraphs in <mainBody>")
    preamble, operative = _last_preambular_in_body(preamble, operative)
    annexes = ((adopted_text[1],) if adopted_text else ()) + tuple(
        _annex(reader, a) for a in doc.iter(NS + "attachment")
    )
    return _Parts(preamble, operative, annexes, tuple(h for h in sections if h))


def _last_preambular_in_body(
    preamble: tuple[Paragraph, ...], operative: tuple[Paragraph, ...]
) -> tuple[tuple[Paragraph, ...], tuple[Paragraph, ...]]:
    """A comma-ended paragraph before the numbered ones is the last preambular paragraph, placed in
    <mainBody> by the markup (75/280, 77/63): read it where it was printed."""
    if (
        len(operative) > 1
        and operative[0].number is None
        and operative[0].text.rstrip().endswith((",", "，"))
        and operative[1].number is not None
    ):
        moved = replace(operative[0], part="preamble", index=len(preamble) + 1, number=None, label="")
        return preamble + (moved,), tuple(replace(p, index=i) for i, p in enumerate(operative[1:], 1))
    return preamble, operative


def _session(doc: Element) -> int | None:
    session = doc.find(f".//{NS}coverPage//{NS}session")
    value = (session.get("value") or "") if session is not None else ""
    return int(value) if value.isdigit() else None


def _committee(proponent: str, language: str) -> str:
    """The Main Committee whose report the resolution was adopted on, as the cover names it."""
    committee = lexicon.anatomy(language).committee.search(proponent)
    return committee.group("committee") if committee else ""


def _report_text(reader: _Reader, doc: Element, proponent: str) -> str:
    """Where the cover names the report: its originating document, or else its proponent."""
    report = doc.find(f".//{NS}coverPage//{NS}inline[@name='originating document']")
    return reader.text(report) if report is not None else proponent


def _agenda_item(doc: Element) -> str:
    agenda = doc.find(f".//{NS}coverPage//{NS}inline[@name='agenda item']")
    return (agenda.get("title") or "") if agenda is not None else ""


def _closing(reader: _Reader, conclusions: Element | None) -> tuple[str, ...]:
    """One closing line per marked-up item (meeting, date), as printed on separate lines."""
    if conclusions is None:
        return ()
    return tuple(t for el in conclusions.iter() if el.text and el.text.strip() for t in [reader.text(el)] if t)


def _front_matter(reader: _Reader, doc: Element) -> tuple[str, ...]:
    """The lines of the cover and the preface, then the formula that opens the preamble."""
    front = tuple(
        t
        for t in (
            reader.text(p)
            for part in ("coverPage", "preface")
            for el in doc.findall(NS + part)
            for p in el.iter(NS + "p")
        )
        if t
    )
    formula = doc.find(f"{NS}preamble/{NS}formula")
    return front + ((reader.text(formula),) if formula is not None else ())


def _language(doc: Element, path: str) -> str:
    """The document's language from its FRBR expression, else from the file name (``….zh.xml``)."""
    el = doc.find(f".//{NS}FRBRExpression/{NS}FRBRlanguage")
    code = el.get("language") if el is not None else ""
    suffixes = Path(path).suffixes
    in_name = suffixes[-2].lstrip(".") if len(suffixes) >= 2 else ""
    language = from_xml_code(code or "") or from_xml_code(in_name)
    if language is None:
        raise InputError(path, f"unknown document language {code!r}")
    return language


def _preamble(reader: _Reader, preamble: Element | None) -> tuple[Paragraph, ...]:
    """One paragraph per ``<container>``; a ``<blockList>`` with an introduction is a paragraph of its
    own, one without is the list of items of the paragraph before it (both occur)."""
    if preamble is None:
        return ()
    out: list[Paragraph] = []
    for element in preamble:
        tag = _local(element.tag)
        if tag not in ("container", "blockList"):
            continue
        markers: list[str] = []
        block = element if tag == "blockList" else element.find(NS + "blockList")
        subs: tuple[SubParagraph, ...] = ()
        if block is not None:
            intro = block.find(NS + "listIntroduction")
            subs = tuple(_item(reader, item, markers) for item in block.findall(NS + "item"))
            if intro is None and tag == "blockList" and out:
                previous = out[-1]
                out[-1] = replace(
                    previous,
                    subparagraphs=previous.subparagraphs + subs,
                    footnote_markers=tuple(dict.fromkeys(previous.footnote_markers + tuple(markers))),
                )
                continue
            text = reader.text(intro, markers) if intro is not None else ""
        else:
            text = reader.text(element, markers)
        lead_el = element.find(f".//{NS}span")
        lead = reader.text(lead_el) if lead_el is not None else " ".join((element.get("name") or "").split())
        out.append(
            Paragraph(
                "preamble",
                len(out) + 1,
                text,
                lead=lead,
                subparagraphs=subs,
                footnote_markers=tuple(dict.fromkeys(markers)),
            )
        )
    return tuple(out)


def _item(reader: _Reader, item: Element, markers: list[str]) -> SubParagraph:
    num = item.find(NS + "num")
    label = (num.text or "").strip().strip("()") if num is not None else ""
    return SubParagraph(label, reader.text(item, markers, skip=("num",)))


@dataclass
class _Draft:
    """A paragraph being read from the markup: later elements may add to its text, items and markers."""

    label: str
    text: str
    subs: list[SubParagraph] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)

    def add_item(self, item: SubParagraph, markers: list[str]) -> None:
        """An item (a sub-paragraph) of this paragraph, read from a later element."""
        self.subs.append(item)
        self.markers += markers

    def continue_with(self, text: str, markers: list[str]) -> None:
        """Text that continues this paragraph: its last item, or its text when it has none."""
        if self.subs:
            self.subs[-1] = SubParagraph(self.subs[-1].label, f"{self.subs[-1].text} {text}")
        else:
            self.text = f"{self.text} {text}"
        self.markers += markers


@dataclass
class _Reading:
    """The state of :func:`_paragraphs`: the paragraphs read so far and the headings found."""

    part: str  # "operative" or "annex"
    numbered: bool  # some <paragraph> of the body prints an arabic number
    drafts: list[_Draft] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)

    def last_number(self) -> int:
        """The number of the last numbered paragraph read, 0 before the first."""
        numbers = [n for n in (label_number(d.label) for d in self.drafts) if n is not None]
        return numbers[-1] if numbers else 0


def _draft(reader: _Reader, para: Element) -> _Draft:
    """One <paragraph> as marked up: its <num>, its text (or its list's intro) and its list's points."""
    num = para.find(NS + "num")
    label = (num.text or "").strip() if num is not None else ""
    markers: list[str] = []
    listing = para.find(NS + "list")
    if listing is None:
        return _Draft(label, reader.text(para, markers, skip=("num",)), [], markers)
    intro = listing.find(NS + "intro")
    text = reader.text(intro, markers) if intro is not None else ""
    return _Draft(label, text, [_item(reader, point, markers) for point in listing.findall(NS + "point")], markers)


def _number_typed_in_text(reading: _Reading, draft: _Draft) -> None:
    """ "19.…" or "232 ." typed without <num>: the label, when it is the next number of the operative part."""
    in_text = NUMBER_IN_TEXT.match(draft.text) if not draft.label else None
    if in_text and reading.part == "operative" and int(in_text.group(1)) == reading.last_number() + 1:
        draft.label, draft.text = f"{in_text.group(1)}.", draft.text[in_text.end() :]


# A rule reads one <paragraph> (its element and its draft) into the reading, or declines with False.
_Rule = Callable[[_Reading, Element, _Draft], bool]


def _continuation(reading: _Reading, para: Element, draft: _Draft) -> bool:
    """Once numbering has begun, an unnumbered paragraph that is neither a heading nor an item continues
    the one before ("and its request that …", "此外要求…", a note under a table)."""
    if (
        draft.label
        or reading.part != "operative"
        or not reading.numbered
        or not reading.last_number()
        or not ends_paragraph(draft.text)
        or POINT_LABEL.match(draft.text)
    ):
        return False
    reading.drafts[-1].continue_with(draft.text, draft.markers)
    return True


def _labelled_item(reading: _Reading, para: Element, draft: _Draft) -> bool:
    """<num>(a)</num>: an item of the paragraph before, however marked up."""
    point = POINT_LABEL.fullmatch(draft.label)
    if not point or not reading.drafts:
        return False
    reading.drafts[-1].add_item(SubParagraph(point.group(1), draft.text), draft.markers)
    return True


def _typed_item(reading: _Reading, para: Element, draft: _Draft) -> bool:
    """An unnumbered paragraph whose text opens with "(a)": an item of the paragraph before."""
    point = POINT_LABEL.match(draft.text)
    if draft.label or not point or not reading.drafts:
        return False
    reading.drafts[-1].add_item(SubParagraph(point.group(1), draft.text[point.end() :]), draft.markers)
    return True


def _title(reading: _Reading, para: Element, draft: _Draft) -> bool:
    """An unnumbered title (class HCh), or any unnumbered paragraph of an annexed text before its items:
    a heading."""
    if draft.label or not (para.get("class") == "HCh" or reading.part == "annex"):
        return False
    reading.headings.append(draft.text)
    return True


def _section_heading(reading: _Reading, para: Element, draft: _Draft) -> bool:
    """Among numbered paragraphs, one without an arabic number that does not end as a paragraph does: a
    section heading ("I Children without parental care", "International cooperation")."""
    if not reading.numbered or _arabic(para) or ends_paragraph(draft.text):
        return False
    reading.headings.append(f"{draft.label} {draft.text}".strip())
    return True


def _new_paragraph(reading: _Reading, para: Element, draft: _Draft) -> bool:
    """Anything else opens a paragraph: a numbered one, or a sole clause (76/7)."""
    reading.drafts.append(draft)
    return True


# In this order: the first rule that takes a <paragraph> reads it.
PARAGRAPH_RULES: tuple[_Rule, ...] = (
    _continuation,
    _labelled_item,
    _typed_item,
    _title,
    _section_heading,
    _new_paragraph,
)


def _paragraphs(reader: _Reader, body: Element, part: str) -> tuple[tuple[Paragraph, ...], list[str]]:
    """Numbered paragraphs, and the headings before them, read by ``PARAGRAPH_RULES``.

    Unnumbered ``(a)`` paragraphs are sub-paragraphs of the paragraph before;
    in an annex, unnumbered paragraphs before the first numbered one are its
    heading (title, "Annex"); in the resolution itself such a paragraph is a
    sole operative clause (76/7), unless numbered paragraphs exist and it does
    not end as a paragraph does: then it is a section heading ("International
    cooperation", "IV", or an empty heading element).
    """
    paragraphs = body.findall(NS + "paragraph")
    reading = _Reading(part, numbered=any(_arabic(p) for p in paragraphs))
    for para in paragraphs:
        draft = _draft(reader, para)
        _number_typed_in_text(reading, draft)
        for rule in PARAGRAPH_RULES:
            if rule(reading, para, draft):
                break
    return tuple(
        Paragraph(
            part,
            i,
            d.text,
            number=label_number(d.label),
            label=d.label,
            subparagraphs=tuple(d.subs),
            footnote_markers=tuple(dict.fromkeys(d.markers)),
        )
        for i, d in enumerate(reading.drafts, 1)
    ), reading.headings


def label_number(label: str) -> int | None:
    """The number of a printed label ("12." -> 12); None for a heading's "I", an item's "(a)" or none."""
    label = label.strip().rstrip(".").strip()
    return int(label) if label.isdigit() else None


def printed_number(para: Element) -> int | None:
    """The number a <paragraph> prints in its <num>: operative paragraphs have one, headings do not."""
    num = para.find(NS + "num")
    return label_number(num.text or "") if num is not None else None


def _arabic(para: Element) -> bool:
    return printed_number(para) is not None


def _adopted_text(reader: _Reader, body: Element, anatomy: lexicon.Anatomy) -> tuple[Element, Annex] | None:
    """A body that opens with one unnumbered clause adopting a text ("Adopts the following political
    declaration:") followed by that text's numbered paragraphs: the clause is the sole operative
    paragraph and the text an inline annex, as the text parser reads the printed resolution."""
    paragraphs = body.findall(NS + "paragraph")
    if len(paragraphs) < 2 or paragraphs[0].find(NS + "num") is not None:
        return None
    first = next((i for i, p in enumerate(paragraphs) if _arabic(p)), None)
    if first is None or first < 2:
        return None  # "Resolves that:" then "1.": the resolution's own paragraphs, not an adopted text with a title
    clause = tidy_spaces(reader.text(paragraphs[0]), reader.language)
    if not anatomy.sole_clause_end.search(clause) or not clause.endswith((":", "：")):
        return None
    head, rest = Element(body.tag), Element(body.tag)
    head.append(paragraphs[0])
    rest.extend(paragraphs[1:])
    return head, _annex_body(reader, rest, inline=True)


def _annex(reader: _Reader, attachment: Element) -> Annex:
    body = attachment.find(f".//{NS}mainBody")
    if body is None:
        return Annex("", (), inline=False)
    return _annex_body(reader, body, inline=False)


def _annex_body(reader: _Reader, body: Element, inline: bool) -> Annex:
    paragraphs, headings = _paragraphs(reader, body, "annex")
    first = next((p for p in body.findall(NS + "paragraph") if p.find(NS + "num") is not None), None)
    leading = 0
    for para in body.findall(NS + "paragraph"):
        if para is first:
            break
        leading += 1
    return Annex("\n".join(headings[:leading]), paragraphs, inline=inline, sections=tuple(headings[leading:]))


def _first_text(reader: _Reader, doc: Element, part: str, tag: str) -> str:
    el = doc.find(f".//{NS}{part}//{NS}{tag}")
    return reader.text(el).rstrip(".") if el is not None else ""


def _symbol_from_name(path: str) -> str:
    m = re.match(r"A_RES_(\d+)_(\d+)", Path(path).name)
    return f"A/RES/{m.group(1)}/{m.group(2)}" if m else ""


def _adopted(doc: Element) -> dt.date | None:
    for el in doc.iter(NS + "FRBRdate"):
        if el.get("name") == "adoption":
            try:
                return dt.date.fromisoformat(el.get("date", ""))
            except ValueError:
                return None
    return None


def _plenary(conclusions: Element | None) -> int | None:
    """The meeting number from the element the markup tags as the adoption meeting."""
    if conclusions is None:
        return None
    for el in conclusions.iter():
        if el.get("refersTo") == "#adoptionMeeting" or el.get("name") == "adoptionMeeting":
            m = re.search(r"\d+", el.get("title") or el.text or "")
            if m:
                return int(m.group(0))
    return None
