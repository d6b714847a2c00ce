"""The text reader's rules, one per construct, tried in the order of :data:`RULES` on each line.

A rule looks at the line in hand and the :class:`ReaderState`; the first rule that returns True has
consumed the line. A few rules only note something or change the phase and return False, so that the
rules after them read the line in the new phase (as markdown-it-py's block rules do with their state).
"""

from __future__ import annotations

from collections.abc import Callable

from analysis.parsing.normalize import TITLE_LINE, Line, ends_paragraph, visible_end
from analysis.parsing.text_state import COLONS, PREAMBLE_END, SUBPARAGRAPH_START, Block, ReaderState

Rule = Callable[[ReaderState, Line], bool]

LIST_ITEM_BEFORE = tuple(":;：；")  # an item of a list follows a colon or the semicolon of the item before
CHINESE_NUMERALS = "一二三四五六七八九十"
ROMAN = tuple("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split())


def next_item_labels(label: str) -> set[str]:
    """The labels that may follow ``label`` in a list: b after a, bb after aa, 二 after 一; after i both ii
    (a roman list) and j (a lettered one)."""
    following = set()
    if label in ROMAN[:-1]:
        following.add(ROMAN[ROMAN.index(label) + 1])
    if len(label) == 1 and label in CHINESE_NUMERALS[:-1]:
        following.add(CHINESE_NUMERALS[CHINESE_NUMERALS.index(label) + 1])
    if label.isascii() and label.isalpha() and len(set(label)) == 1:
        following.add("aa" if label == "z" else chr(ord(label[0]) + 1) * len(label) if label[0] != "z" else "")
    return following - {""}


def resolution_after_closing(state: ReaderState, line: Line) -> bool:
    """Notes a line after the closing lines that opens a resolution (a title line or the formula)."""
    if state.phase in ("closing", "annex") and (
        TITLE_LINE.match(line.text) or state.anatomy.formula.match(line.tidied)
    ):
        state.resolution_after_closing.append(line.number)
    return False


def numbered_line(state: ReaderState, line: Line) -> bool:
    """Notes the number opening a line of the operative part, whether or not it opens a paragraph."""
    if state.phase == "operative" and state.number:
        state.numbered_lines.append(int(state.number.group(1)))
    return False


def front_matter(state: ReaderState, line: Line) -> bool:
    """Before the enacting formula: front matter. The formula follows the "62/175. Title" line (a cover
    page's "大会" is not it) and opens the preamble."""
    if state.phase != "front":
        return False
    state.front.append(line)
    if TITLE_LINE.match(line.text):
        state.seen_title = True
    if state.seen_title and state.anatomy.formula.match(line.tidied):
        state.formula_line = line.number
        state.phase = "preamble"
        # UN drafting: the formula takes a comma only when preambular paragraphs follow
        state.has_preamble = line.tidied.endswith((",", "，"))
    return True


def after_closing(state: ReaderState, line: Line) -> bool:
    """After a closing line: more closing lines, or an annexed text. An "Annex" heading opens one, and so
    does any line once the meeting and the date have both been printed (the annex may be headed by its
    title alone)."""
    if state.phase != "closing":
        return False
    if state.anatomy.annex_heading.match(line.tidied) or (state.closing_complete and not state.is_closing(line)):
        state.phase, state.current = "annex", None
        state.annex_heading.append(line)
        return True
    state.add_closing(line)
    return True


def closing_line(state: ReaderState, line: Line) -> bool:
    """The plenary meeting or the date, after a paragraph has ended, opens the closing lines."""
    if state.phase not in ("preamble", "operative", "annex") or not state.ended or not state.is_closing(line):
        return False
    state.phase = "closing"
    state.current = None
    state.add_closing(line)
    return True


def adopted_text(state: ReaderState, line: Line) -> bool:
    """The paragraph before the line is no preambular one but the operative clause, and the line opens the
    text it adopts: it opens with no lead and ends with a colon ("Adopts the following document:"), and
    the line is a title printed flush (not an item, a quotation, nor the indented first line of one).
    Ends that clause and returns False: the line is read in the phase that follows it."""
    current = state.current
    if (
        state.phase == "preamble"
        and current is not None
        and visible_end(state.prev).endswith(COLONS)
        and not SUBPARAGRAPH_START.match(line.text)
        and not state.has_lead(current.opening)
        and not ends_paragraph(line.text)
        and not (state.marking == "indent" and line.indent)
    ):
        state.end_sole_clause(state.preamble.pop(), line.text)
    return False


def numbered_paragraph(state: ReaderState, line: Line) -> bool:
    """A number opens a paragraph after a terminator, or when it is the next number on an indented line
    (after a heading inside an annexed text)."""
    m = state.number
    if m is None or state.phase == "sole":
        return False
    number, expected = int(m.group(1)), state.next_number()
    if state.marking == "indent" and not line.indent and number != expected:
        return False  # in wrapped text a flush line starting "18." is a wrapped reference, not paragraph 18
    if not (state.ended or (number == expected and (line.indent or state.marking == "one-per-line"))):
        return False
    target = state.annex if state.phase == "annex" else state.operative
    if state.phase == "preamble":
        state.phase = "operative"
    state.current = Block("annex" if target is state.annex else "operative", label=m.group(0).strip())
    state.current.add(line.text[m.end() :])
    target.append(state.current)
    return True


def misread_number(state: ReaderState, line: Line) -> bool:
    """Warns of the next paragraph's number opening a line that is read as part of another paragraph."""
    m = state.number
    if m and state.phase in ("operative", "sole") and int(m.group(1)) == state.next_number():
        where = "the sole unnumbered clause" if state.phase == "sole" else "the paragraph before"
        state.warn(
            f"line {line.number}: '{m.group(0).strip()}' opens the line but was read as part of "
            f"{where} (check the structure)"
        )
    return False


def section_heading(state: ReaderState, line: Line) -> bool:
    """Between two numbered paragraphs, lines that do not end as a paragraph does: headings."""
    if state.phase != "operative" or not state.ended or ends_paragraph(line.text) or not state.heading_follows():
        return False
    if state.after_colon and SUBPARAGRAPH_START.match(line.text):
        return False  # the first item of a list
    state.sections.append(line.text)
    state.current = None
    return True


def _opens_sole_clause(state: ReaderState, line: Line) -> bool:
    """Right after the formula, a line with no lead opens a sole operative clause: where no preamble is
    announced, or where each line is a paragraph and this one ends as such a clause does."""
    return (
        state.current is None
        and not state.has_lead(line.tidied)
        and (
            not state.has_preamble
            or (state.marking == "one-per-line" and bool(state.anatomy.sole_clause_end.search(line.text)))
        )
    )


def _starts_preamble(state: ReaderState, line: Line) -> bool:
    """A new preambular paragraph: the last one ended with a comma and this line opens one.

    Where the text keeps first-line indents (PDF text), an indented line starts one, after a page
    break or footnote block too (continuation lines are printed flush); without indents the lead
    phrase decides alone.
    """
    if SUBPARAGRAPH_START.match(line.text):
        return False  # an item of the paragraph's list
    if state.anatomy.continuation_opening.match(line.text):
        return False  # "and in the commitments …" / "并立足于…" continue a paragraph
    if state.current is not None and not visible_end(state.prev).endswith(PREAMBLE_END):
        # an indented line opening with a lead starts a paragraph even when the one before lost its end
        lead = state.lead_of(line.tidied)
        if (line.indent or state.marking == "one-per-line") and state.marking != "none" and lead:
            state.warn(
                f"line {line.number}: the paragraph before '{lead}' does not end with punctuation (check the text)"
            )
            return True
        return False
    if state.marking == "one-per-line":
        return True
    if state.marking == "none":
        return state.has_lead(line.tidied)
    return line.indent


def preamble_paragraph(state: ReaderState, line: Line) -> bool:
    """A line that opens a preambular paragraph (see ``_starts_preamble``)."""
    if state.phase != "preamble" or _opens_sole_clause(state, line) or not _starts_preamble(state, line):
        return False
    state.current = Block("preamble", opening=line.tidied)
    state.preamble.append(state.current)
    state.current.add(line.text)
    return True


def sole_clause(state: ReaderState, line: Line) -> bool:
    """No lead and no number right after the formula: a sole operative clause (73/3, 76/7), which takes
    lines until it ends as such a clause does; what follows is the text it adopts, or its numbered
    paragraphs."""
    if state.phase == "preamble" and state.current is None:
        state.phase = "sole"
        state.sole_clause = state.current = Block("operative")
        if state.has_preamble:
            state.warn(
                f"line {line.number}: read as a sole clause adopting the text that follows, "
                "although the enacting formula ends with a comma, as it does before a "
                "preamble (check the structure)"
            )
    if state.phase != "sole":
        return False
    clause = state.sole_clause
    assert clause is not None and clause is state.current, "in the sole phase, lines go to the sole clause"
    clause.add(line.text)
    if state.anatomy.sole_clause_end.search(line.text):
        following = state.next_texts()
        state.end_sole_clause(clause, following[0] if following else "")
    return True


def annex_heading(state: ReaderState, line: Line) -> bool:
    """In an annexed text, lines outside any paragraph: its heading."""
    if state.phase != "annex" or state.current is not None:
        return False
    state.annex_heading.append(line)
    return True


def sub_paragraph(state: ReaderState, line: Line) -> bool:
    """An item of a paragraph's list, (a) or （一）: after a colon or semicolon, or the next label of the
    list ("…，" / "…; and" before it). In wrapped text it is indented, unless a colon precedes it (a flush
    "(b) and (c) of …" is a reference); a preambular paragraph has items only after a colon."""
    sub = SUBPARAGRAPH_START.match(line.text)
    current = state.current
    if sub is None or current is None:
        return False
    if current.part == "preamble" and not state.after_colon and not current.subs:
        return False
    if not (line.indent or state.marking != "indent" or state.after_colon):
        return False
    listed = visible_end(state.prev).endswith(LIST_ITEM_BEFORE) or (
        current.subs and sub.group(1) in next_item_labels(current.subs[-1].label)
    )
    if not listed:
        return False
    current.subs.append(Block("sub", label=sub.group(1), pieces=[line.text[sub.end() :]]))
    return True


def stray_text(state: ReaderState, line: Line) -> bool:
    """Text outside any paragraph (before the first one can open): kept in the front matter."""
    if state.current is not None:
        return False
    state.warn(f"line {line.number}: text outside any paragraph kept in the front matter")
    state.front.append(line)
    return True


def continuation(state: ReaderState, line: Line) -> bool:
    """Any other line continues the paragraph in hand."""
    current = state.current
    assert current is not None, "stray_text takes a line when no paragraph is open"
    if current.part == "preamble" and visible_end(state.prev).endswith(PREAMBLE_END) and state.lead_of(line.tidied):
        state.warn(
            f"line {line.number}: opens with the lead phrase '{state.lead_of(line.tidied)}' but was joined "
            "to the preambular paragraph before (check the structure)"
        )
    current.add(line.text)
    return True


# The order in which the rules are tried: the first that returns True takes the line.
RULES: tuple[Rule, ...] = (
    resolution_after_closing,
    numbered_line,
    front_matter,
    after_closing,
    closing_line,
    adopted_text,
    numbered_paragraph,
    misread_number,
    section_heading,
    preamble_paragraph,
    sole_clause,
    annex_heading,
    sub_paragraph,
    stray_text,
    continuation,
)
