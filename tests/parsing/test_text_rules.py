"""The text reader's rules one by one, each on a few generated lines (not resolution text), and their order."""

from __future__ import annotations

import pytest

from analysis.parsing import text_rules as rules
from analysis.parsing.normalize import Line, Marker, tidy_spaces
from analysis.parsing.text_reader import infer_marking, read
from analysis.parsing.text_state import Block, Joiner, ReaderState


def line(text: str, number: int = 1, indent: bool = False, language: str = "en") -> Line:
    return Line(number, text, indent, False, tidy_spaces(text, language))


def state_at(phase: str, *following: str, marking: str = "none", language: str = "en") -> ReaderState:
    """A state in ``phase`` whose events are the line in hand (position 0) and then ``following``."""
    events: list[Line | Marker] = [line("", 0, language=language)]
    events += [line(text, n, language=language) for n, text in enumerate(following, 2)]
    state = ReaderState.start(language, events)
    state.phase, state.marking = phase, marking
    return state


def take(state: ReaderState, rule: rules.Rule, ln: Line) -> bool:
    state.begin(0, ln)
    return rule(state, ln)


def with_paragraph(state: ReaderState, part: str, *pieces: str, label: str = "") -> Block:
    block = Block(part, label=label, pieces=list(pieces), opening=tidy_spaces(pieces[0], "en") if pieces else "")
    {"preamble": state.preamble, "operative": state.operative, "annex": state.annex}[part].append(block)
    state.current = block
    return block


def test_the_rules_are_tried_in_this_order():
    assert [rule.__name__ for rule in rules.RULES] == [
        "resolution_after_closing",
        "numbered_line",
        "front_matter",
        "after_closing",
        "closing_line",
        "adopted_text",
        "numbered_paragraph",
        "misread_number",
        "section_heading",
        "preamble_paragraph",
        "sole_clause",
        "annex_heading",
        "sub_paragraph",
        "stray_text",
        "continuation",
    ]
    assert rules.RULES[-1] is rules.continuation  # the rule that takes any line comes last


def test_resolution_after_closing_is_noted_but_not_taken():
    state = state_at("closing")
    assert not take(state, rules.resolution_after_closing, line("12/34. Another title", 7))
    assert not take(state, rules.resolution_after_closing, line("Some words", 8))
    assert state.resolution_after_closing == [7]
    before = state_at("operative")
    assert not take(before, rules.resolution_after_closing, line("12/34. Another title", 7))
    assert before.resolution_after_closing == []


def test_numbered_line_notes_numbers_of_the_operative_part_only():
    state = state_at("operative")
    assert not take(state, rules.numbered_line, line("7. Words"))
    assert not take(state, rules.numbered_line, line("106.5 million"))
    state.phase = "preamble"
    assert not take(state, rules.numbered_line, line("8. Words"))
    assert state.numbered_lines == [7]


def test_front_matter_takes_the_formula_only_after_the_title_line():
    state = state_at("front")
    assert take(state, rules.front_matter, line("The General Assembly,", 1))
    assert state.phase == "front" and state.formula_line is None
    assert take(state, rules.front_matter, line("12/34. A title", 2))
    assert take(state, rules.front_matter, line("The   General Assembly", 3))
    assert (state.phase, state.formula_line, state.has_preamble) == ("preamble", 3, False)
    assert [ln.text for ln in state.front] == ["The General Assembly,", "12/34. A title", "The   General Assembly"]
    assert not take(state, rules.front_matter, line("Words"))


def test_after_closing_an_annex_opens_once_meeting_and_date_are_printed():
    state = state_at("closing")
    assert take(state, rules.after_closing, line("12th plenary meeting"))
    assert take(state, rules.after_closing, line("Some words"))  # the date is still missing
    assert take(state, rules.after_closing, line("3 May 2001"))
    assert state.closing_complete and state.phase == "closing"
    assert take(state, rules.after_closing, line("A declaration"))
    assert state.phase == "annex" and [ln.text for ln in state.annex_heading] == ["A declaration"]
    headed = state_at("closing")
    assert take(headed, rules.after_closing, line("Annex II"))
    assert headed.phase == "annex"
    assert not take(state_at("operative"), rules.after_closing, line("Annex"))


def test_closing_line_ends_the_body_after_a_paragraph_has_ended():
    state = state_at("operative")
    with_paragraph(state, "operative", "Decides to act,", label="1.")
    assert take(state, rules.closing_line, line("12th plenary meeting"))
    assert state.phase == "closing" and state.current is None and not state.closing_complete
    unended = state_at("operative")
    with_paragraph(unended, "operative", "Decides to act at the", label="1.")
    assert not take(unended, rules.closing_line, line("3 May 2001"))
    assert not take(state_at("sole"), rules.closing_line, line("3 May 2001"))


def test_adopted_text_ends_the_clause_and_lets_later_rules_read_the_line():
    state = state_at("preamble")
    with_paragraph(state, "preamble", "Adopts the following declaration:")
    assert not take(state, rules.adopted_text, line("A declaration of things"))
    assert state.phase == "annex" and state.preamble == [] and state.sole_clause is not None
    assert state.sole_clause.part == "operative"
    chapeau = state_at("preamble")
    with_paragraph(chapeau, "preamble", "Resolves that:")
    assert not take(chapeau, rules.adopted_text, line("1 Word"))  # not "1.": the text the clause adopts
    assert chapeau.phase == "annex"
    with_lead = state_at("preamble")
    with_paragraph(with_lead, "preamble", "Recalling the following:")
    assert not take(with_lead, rules.adopted_text, line("A declaration of things"))
    assert with_lead.phase == "preamble" and len(with_lead.preamble) == 1


def test_end_sole_clause_before_its_numbered_paragraphs_makes_it_their_chapeau():
    state = state_at("preamble")
    clause = Block("preamble", pieces=["Resolves that:"])
    state.end_sole_clause(clause, "1. Words")
    assert state.phase == "operative" and state.operative == [clause] and state.sole_clause is None


def test_numbered_paragraph_opens_after_an_ended_paragraph():
    state = state_at("preamble")
    with_paragraph(state, "preamble", "Recalling words,")
    assert take(state, rules.numbered_paragraph, line("1.  Decides to act"))
    assert state.phase == "operative" and state.operative[-1].label == "1."
    assert state.operative[-1].pieces == ["Decides to act"]
    assert state.next_number() == 2


def test_numbered_paragraph_in_wrapped_text_wants_the_next_number_or_an_ended_line():
    state = state_at("operative", marking="indent")
    with_paragraph(state, "operative", "Decides to act under paragraph", label="1.")
    assert not take(state, rules.numbered_paragraph, line("18. of the report"))  # a wrapped reference
    assert not take(state, rules.numbered_paragraph, line("2. Requests", indent=False))
    assert take(state, rules.numbered_paragraph, line("2. Requests", indent=True))
    annexed = state_at("annex")
    assert take(annexed, rules.numbered_paragraph, line("1. Words"))
    assert annexed.annex[-1].part == "annex" and annexed.operative == []
    assert not take(state_at("sole"), rules.numbered_paragraph, line("1. Words"))


def test_misread_number_warns_of_the_next_number_inside_a_paragraph():
    state = state_at("operative")
    with_paragraph(state, "operative", "Decides to act under", label="1.")
    assert not take(state, rules.misread_number, line("2. Words", 9))
    assert not take(state, rules.misread_number, line("5. Words", 10))
    assert state.warnings == [
        "line 9: '2.' opens the line but was read as part of the paragraph before (check the structure)"
    ]


def test_section_heading_between_numbered_paragraphs():
    state = state_at("operative", "2. Requests words,")
    with_paragraph(state, "operative", "Decides words,", label="1.")
    assert take(state, rules.section_heading, line("A heading of words"))
    assert state.sections == ["A heading of words"] and state.current is None
    two_lines = state_at("operative", "Of two lines", "2. Requests words,")
    with_paragraph(two_lines, "operative", "Decides words,", label="1.")
    assert take(two_lines, rules.section_heading, line("A heading"))
    reference = state_at("operative", "18. Requests words,")
    with_paragraph(reference, "operative", "Decides words,", label="1.")
    assert not take(reference, rules.section_heading, line("A heading"))
    listed = state_at("operative", "2. Requests words,")
    with_paragraph(listed, "operative", "Decides:", label="1.")
    assert not take(listed, rules.section_heading, line("(a) Words"))


def test_preamble_paragraph_by_lead_indent_or_one_line_each():
    state = state_at("preamble")
    assert take(state, rules.preamble_paragraph, line("Recalling its words,"))
    assert state.preamble[-1].opening == "Recalling its words,"
    assert not take(state, rules.preamble_paragraph, line("and more words,"))  # a continuation opening
    assert take(state, rules.preamble_paragraph, line("Welcoming words"))
    assert not take(state, rules.preamble_paragraph, line("Deciding words"))  # the one before did not end
    indented = state_at("preamble", marking="indent")
    with_paragraph(indented, "preamble", "Recalling words,")
    assert take(indented, rules.preamble_paragraph, line("Words", indent=True))
    assert not take(indented, rules.preamble_paragraph, line("Words", indent=False))


def test_preamble_paragraph_after_a_lost_comma_warns():
    state = state_at("preamble", marking="indent")
    with_paragraph(state, "preamble", "Recalling words")
    assert take(state, rules.preamble_paragraph, line("Noting words,", 5, indent=True))
    assert state.warnings == ["line 5: the paragraph before 'Noting' does not end with punctuation (check the text)"]


def test_sole_clause_takes_lines_until_it_ends():
    state = state_at("preamble", "A declaration")
    state.has_preamble = False
    assert not take(state, rules.preamble_paragraph, line("Adopts the text"))
    assert take(state, rules.sole_clause, line("Adopts the text"))
    assert state.phase == "sole" and state.warnings == []
    assert take(state, rules.sole_clause, line("that follows:"))
    assert state.phase == "annex" and state.sole_clause is not None
    assert state.sole_clause.pieces == ["Adopts the text", "that follows:"]
    announced = state_at("preamble")
    assert take(announced, rules.sole_clause, line("Adopts the text", 4))
    assert announced.warnings[0].startswith("line 4: read as a sole clause adopting the text that follows")
    assert not take(state_at("operative"), rules.sole_clause, line("Words"))


def test_annex_heading_before_the_first_paragraph_of_an_annex():
    state = state_at("annex")
    assert take(state, rules.annex_heading, line("A declaration"))
    with_paragraph(state, "annex", "Words", label="1.")
    assert not take(state, rules.annex_heading, line("More words"))
    assert [ln.text for ln in state.annex_heading] == ["A declaration"]


def test_sub_paragraph_after_a_colon_or_as_the_next_label():
    state = state_at("operative")
    block = with_paragraph(state, "operative", "Decides:", label="1.")
    assert take(state, rules.sub_paragraph, line("(a) To act,"))
    assert take(state, rules.sub_paragraph, line("(b) To act again."))  # b follows a
    assert not take(state, rules.sub_paragraph, line("(d) To act once more"))
    assert [(s.label, s.pieces) for s in block.subs] == [("a", ["To act,"]), ("b", ["To act again."])]
    preamble = state_at("preamble")
    with_paragraph(preamble, "preamble", "Recalling words;")
    assert not take(preamble, rules.sub_paragraph, line("(a) Words"))  # items of a preamble follow a colon
    wrapped = state_at("operative", marking="indent")
    with_paragraph(wrapped, "operative", "Recalls paragraphs (a);", label="1.")
    assert not take(wrapped, rules.sub_paragraph, line("(b) and (c) of words"))
    assert take(wrapped, rules.sub_paragraph, line("(b) Words", indent=True))


def test_stray_text_goes_to_the_front_matter_with_a_warning():
    state = state_at("operative")
    assert take(state, rules.stray_text, line("Words", 3))
    assert [ln.text for ln in state.front] == ["Words"]
    assert state.warnings == ["line 3: text outside any paragraph kept in the front matter"]
    with_paragraph(state, "operative", "Decides", label="1.")
    assert not take(state, rules.stray_text, line("Words"))


def test_continuation_joins_the_paragraph_and_warns_of_a_lead():
    state = state_at("preamble")
    block = with_paragraph(state, "preamble", "Recalling words,")
    assert take(state, rules.continuation, line("Noting words", 6))
    assert block.pieces == ["Recalling words,", "Noting words"]
    assert state.warnings == [
        "line 6: opens with the lead phrase 'Noting' but was joined to the preambular paragraph before "
        "(check the structure)"
    ]


def test_next_item_labels():
    assert rules.next_item_labels("xix") == {"xx"} and rules.next_item_labels("xx") == {"yy"}  # xx as in aa, bb
    assert rules.next_item_labels("九") == {"十"} and rules.next_item_labels("bb") == {"cc"}


@pytest.mark.parametrize(
    ("lines", "marking"),
    [
        ([], "none"),
        ([line("Words,"), line("More words.")], "one-per-line"),
        ([line("Words", indent=True), line("more words", indent=True)], "one-per-line"),
        ([line("Words", indent=True)] + [line("more words")] * 5, "indent"),
        ([line("Words", indent=True)] + [line("more words")] * 40, "none"),
    ],
)
def test_infer_marking(lines, marking):
    assert infer_marking(lines) == marking


def test_joiner_drops_a_hyphen_only_for_a_word_the_document_spells_solid():
    events: list[Line | Marker] = [line("a cooperation and self-help")]
    joiner = Joiner.of("en", events)
    assert joiner.join(["co-", "operation in  self-", "help"]) == "cooperation in self-help"
    assert joiner.removed_hyphens == 1
    assert Joiner.of("zh", events).join(["合 作", "与 A 自助"]) == "合作与A自助"


def test_read_returns_a_result_with_markers_and_lead():
    events: list[Line | Marker] = [
        line("12/34. A title", 1),
        line("The General Assembly,", 2),
        line("Recalling also words,", 3),
        Marker(3, "1"),
        line("1. Decides words.", 4),
        line("12th plenary meeting", 5),
        line("3 May 2001", 6),
    ]
    reading = read("en", events)
    assert reading.formula_found and not reading.sole_clause and reading.closing_complete
    assert [(p.part, p.text, p.lead, p.footnote_markers) for p in reading.preamble] == [
        ("preamble", "Recalling also words,", "Recalling also", ("1",))
    ]
    assert [(p.number, p.text) for p in reading.operative] == [(1, "Decides words.")]
    assert reading.annex is None and reading.warnings == ()
    assert read("en", events[2:]) == type(reading)(formula_found=False)
