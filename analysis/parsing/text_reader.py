"""The text reader: normalized lines in, the parts of a resolution out (a :class:`Reading`).

Each line goes through the ordered rules of ``text_rules`` over a ``ReaderState``; a footnote marker
that stood alone on its line attaches to the paragraph in hand. Once the enacting formula is read,
how the body marks its paragraphs is judged as a whole (:func:`infer_marking`), since some rules
depend on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.model import Annex, Paragraph, SubParagraph
from analysis.parsing.normalize import TERMINATORS, Line, Marker, visible_end
from analysis.parsing.text_rules import RULES
from analysis.parsing.text_state import Block, ReaderState

# How paragraphs are marked (see infer_marking): share of body lines that end a paragraph for
# "one-per-line", and the least share of indented lines for "indent" (fewer are stray, not a marking).
ONE_PER_LINE_SHARE = 0.9
MIN_INDENT_SHARE = 0.05
SENTENCE_END = tuple(".。")


@dataclass(frozen=True)
class Reading:
    """What the text reader found, for ``parse_text`` and its completeness checks."""

    formula_found: bool  # the enacting formula ("The General Assembly,") after the title line
    front: tuple[Line, ...] = ()  # front matter, and text outside any paragraph
    preamble: tuple[Paragraph, ...] = ()
    operative: tuple[Paragraph, ...] = ()  # the sole unnumbered clause alone, where there is one
    sole_clause: bool = False
    sections: tuple[str, ...] = ()  # headings between numbered paragraphs
    closing: tuple[Line, ...] = ()  # plenary meeting and date
    closing_complete: bool = False  # both the meeting and the date were printed
    annex_heading: tuple[Line, ...] = ()  # lines of an annexed text before its first paragraph
    annex: Annex | None = None  # a text printed after the closing lines, or adopted by the sole clause
    warnings: tuple[str, ...] = ()
    numbered_lines: tuple[int, ...] = ()  # numbers opening a line of the operative part, taken or not
    resolution_after_closing: tuple[int, ...] = ()  # lines after the closing that open a resolution
    removed_hyphens: int = 0  # line-break hyphens dropped while paragraphs were joined


def read(language: str, events: list[Line | Marker]) -> Reading:
    """Read the normalized events of a resolution's text."""
    state = ReaderState.start(language, events)
    for position, event in enumerate(events):
        if isinstance(event, Marker):
            if state.current is not None:
                state.current.markers.append(event.marker)
            continue
        state.begin(position, event)
        for rule in RULES:
            if rule(state, event):
                break
        if state.formula_line == event.number and state.phase != "front":
            state.marking = infer_marking(_body_after(state, position))
    if state.formula_line is None:
        return Reading(formula_found=False)
    settle_final_clause(state)
    return _reading(state)


def _body_after(state: ReaderState, position: int) -> list[Line]:
    """The lines after ``position`` up to the first closing line (the closing block and any annex are
    laid out on their own)."""
    body = []
    for later in state.events[position + 1 :]:
        if isinstance(later, Line):
            if state.is_closing(later):
                break
            body.append(later)
    return body


def infer_marking(lines: list[Line]) -> str:
    """How paragraphs are laid out after the formula, judged on the body as a whole so that a minority
    of odd lines cannot change it.

    "one-per-line": nearly every line ends as a paragraph ends (a terminator, or a short heading), so
    each line is a paragraph (typed text, renderings of the XML); "indent": first lines indented,
    continuation lines not (PDF text); "none": neither, so lead phrases decide.
    """
    if not lines:
        return "none"
    ended = sum(1 for e in lines if visible_end(e.text).endswith(TERMINATORS))
    if ended >= ONE_PER_LINE_SHARE * len(lines):
        return "one-per-line"
    indented = sum(1 for e in lines if e.indent)
    if indented == len(lines):
        return "one-per-line"
    # indents mark first lines only where they are neither rare nor the rule
    return "indent" if MIN_INDENT_SHARE * len(lines) <= indented else "none"


def settle_final_clause(state: ReaderState) -> None:
    """A preamble followed by one unnumbered operative clause ("Takes note of the report."): the last
    paragraph closes a sentence (. or 。), as no preambular paragraph does, so it is the operative
    part. A text cut off mid-paragraph ends otherwise and is still refused."""
    if state.operative or state.sole_clause is not None or not state.preamble:
        return
    text = state.joiner.join(state.preamble[-1].pieces)
    if visible_end(text).endswith(SENTENCE_END):
        last = state.preamble.pop()
        state.sole_clause = Block("operative", pieces=last.pieces, markers=last.markers, subs=last.subs)
        if lead := state.lead_of(text):
            state.warn(
                f"the last paragraph, read as the sole operative clause, opens with the "
                f"preambular lead '{lead}' (check the structure)"
            )


def _reading(state: ReaderState) -> Reading:
    """The result of a reading whose formula was found: its blocks made paragraphs."""
    preamble = _finish_all(state, state.preamble)
    operative = _finish_all(state, state.operative)
    if state.sole_clause is not None:
        operative = (_finish(state, state.sole_clause, 1),)
    annex = None
    if state.annex_heading or state.annex:
        heading = state.joiner.join([line.text for line in state.annex_heading])
        annex = Annex(heading, _finish_all(state, state.annex), inline=True)
    return Reading(
        formula_found=True,
        front=tuple(state.front),
        preamble=preamble,
        operative=operative,
        sole_clause=state.sole_clause is not None,
        sections=tuple(state.sections),
        closing=tuple(state.closing),
        closing_complete=state.closing_complete,
        annex_heading=tuple(state.annex_heading),
        annex=annex,
        warnings=tuple(state.warnings),
        numbered_lines=tuple(state.numbered_lines),
        resolution_after_closing=tuple(state.resolution_after_closing),
        removed_hyphens=state.joiner.removed_hyphens,
    )


def _finish_all(state: ReaderState, blocks: list[Block]) -> tuple[Paragraph, ...]:
    return tuple(_finish(state, block, index) for index, block in enumerate(blocks, 1))


def _finish(state: ReaderState, block: Block, index: int) -> Paragraph:
    """The paragraph of a block: its lines joined, its number, items, footnote markers and lead."""
    text = state.joiner.join(block.pieces)
    subs = tuple(SubParagraph(sub.label, state.joiner.join(sub.pieces)) for sub in block.subs)
    lead = state.language.extend_lead(text, state.lead_of(text)) if block.part == "preamble" else ""
    return Paragraph(
        part=block.part,
        index=index,
        text=text,
        number=int(block.label.rstrip(".")) if block.label else None,
        label=block.label,
        lead=lead,
        subparagraphs=subs,
        footnote_markers=tuple(dict.fromkeys(block.markers)),
    )
