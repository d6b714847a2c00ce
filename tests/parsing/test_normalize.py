"""The normalizer on its own, and conservation under perturbation (hypothesis)."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.parsing.conservation import conservation_gaps
from analysis.parsing.normalize import join_spaced_digits, normalize, normalize_chars, tidy_spaces
from analysis.parsing.parse import parse_text
from tests.conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_spaced_digits():
    assert join_spaced_digits(" 2 0 0 7 年 1 2 月 1 8 日大会决议") == " 2007 年 12 月 18 日大会决议"
    assert join_spaced_digits("paragraphs 1 2 and 3") == "paragraphs 1 2 and 3"
    assert join_spaced_digits("第 2225、2237 卷") == "第 2225、2237 卷"


def test_chinese_spacing():
    assert tidy_spaces("2006 年 12 月 20 日第 61/181 号决议， ", "zh") == "2006年12月20日第61/181号决议，"
    assert tidy_spaces("Recalling  its\tresolution ", "en") == "Recalling its resolution"


def test_safe_nfkc_keeps_chinese_punctuation():
    assert normalize_chars("４．注意到，（一）；：") == "4.注意到，（一）；："
    assert normalize_chars("ﬁnancing\u3000x") == "financing x"


def test_footnote_block_inside_a_paragraph_is_lifted_out():
    norm = normalize(SEED_TEXT, "zh")
    assert [m for m, _ in norm.footnotes] == [str(i) for i in range(1, 9)]
    lines = [e.text for e in norm.events if hasattr(e, "text")]
    assert not any("条约汇编" in line for line in lines)


def _rewrap(text: str, cuts: list[int]) -> str:
    """A fixture made from the seed: break body lines between two Chinese characters.

    Breaks fall at least 12 characters into a line, as a PDF's would: the first line of
    a paragraph is never shorter than its lead phrase.
    """
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        positions = [j for j in range(12, len(line)) if CJK.match(line[j - 1]) and CJK.match(line[j])]
        if positions and i > 10 and cuts:
            cut = positions[cuts[i % len(cuts)] % len(positions)]
            out += [line[:cut], line[cut:]]
        else:
            out.append(line)
    return "\n".join(out)


BASELINE = parse_text(SEED_TEXT, source="seed")


def assert_same_as_the_seed(fixture: str) -> None:
    """The fixture parses to the seed's paragraphs and footnotes, and every character is accounted for."""
    r = parse_text(fixture, source="fixture")
    assert [p.text for p in r.preamble] == [p.text for p in BASELINE.preamble]
    assert [p.text for p in r.operative] == [p.text for p in BASELINE.operative]
    assert [(f.marker, f.text) for f in r.footnotes] == [(f.marker, f.text) for f in BASELINE.footnotes]
    lost, invented = conservation_gaps(fixture, r)
    assert not lost and not invented


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cuts=st.lists(st.integers(min_value=0, max_value=200), min_size=1, max_size=8), blank=st.booleans())
def test_moved_line_breaks_lose_and_duplicate_nothing(cuts, blank):
    fixture = _rewrap(SEED_TEXT, cuts)
    if blank:
        fixture = fixture.replace("\n\n", "\n\n\n")
    assert_same_as_the_seed(fixture)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_normalize_chars_is_idempotent_and_keeps_nonspace_count_for_cjk_punctuation(text):
    once = normalize_chars(text)
    assert normalize_chars(once) == once
    for ch in "，；：（）《》。、":
        assert once.count(ch) >= text.count(ch)


@given(
    st.lists(st.sampled_from(["回顾", "2 0 0 7", " 年", "，", "\n", "1", "\n\n", " ", "A/62/126", "。"]), max_size=40)
)
def test_normalizer_never_loses_a_character(pieces):
    """Whatever lines it is fed, the normalizer keeps each printed character once."""
    text = "".join(pieces)
    norm = normalize(text, "zh")
    kept = [e.text if hasattr(e, "text") else e.marker for e in norm.events]
    kept += [m + t for m, t in norm.footnotes] + [a.text for a in norm.artifacts if a.kind != "footnote_marker"]
    before = sorted(ch for ch in normalize_chars(text) if not ch.isspace())
    after = sorted(ch for piece in kept for ch in piece if not ch.isspace())
    assert before == after


def _english_fixture(body: str) -> str:
    """A minimal English resolution skeleton for tests: front matter, formula, given lines, closing."""
    return (
        "Resolution adopted by the General Assembly on 1 January 2020\n"
        "99/1. Fixture title for tests\n"
        " The General Assembly,\n" + body + "\n1st plenary meeting\n1 January 2020\n"
    )


def test_line_break_hyphen_is_dropped_only_when_the_word_is_solid_elsewhere():
    fixture = _english_fixture(
        " Recalling the fixture programme and the pro-\ngramme budget, and the twenty-\nfirst session,\n"
        " 1. Notes the capacity-\nbuilding work and the capacity-building plan;"
    )
    r = parse_text(fixture, "en")
    assert "the programme budget" in r.preamble[0].text
    assert "twenty-first session" in r.preamble[0].text
    assert "capacity-building work" in r.operative[0].text
    assert [a.kind for a in r.artifacts] == ["hyphen"]
    lost, invented = conservation_gaps(fixture, r)
    assert not lost and not invented


def test_subparagraphs_in_text():
    fixture = _english_fixture(
        " Recalling the fixture,\n 1. Requests the fixture office:\n (a) to do the first thing;\n"
        " (b) to do the second\nthing;\n 2. Decides to end the fixture."
    )
    r = parse_text(fixture, "en")
    assert [p.number for p in r.operative] == [1, 2]
    assert [(s.label, s.text) for s in r.operative[0].subparagraphs] == [
        ("a", "to do the first thing;"),
        ("b", "to do the second thing;"),
    ]
    assert r.operative[0].text == "Requests the fixture office:"
    assert r.adopted is not None and r.plenary_meeting == 1
    lost, invented = conservation_gaps(fixture, r)
    assert not lost and not invented


BODY_LINES = sorted({e.number for e in normalize(SEED_TEXT, "zh").events if hasattr(e, "indent") and e.number > 7})


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    picks=st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=6),
    injected=st.sampled_from([["A/RES/62/175"], ["3/5", "07-47222"], ["07-47222 (C) 110108"], ["7"], ["2"]]),
)
def test_injected_headers_and_markers_lose_nothing(picks, injected):
    """A fixture made from the seed: page furniture or footnote markers injected after body lines."""
    lines = SEED_TEXT.split("\n")
    after = sorted({BODY_LINES[p % len(BODY_LINES)] for p in picks}, reverse=True)
    for number in after:  # line numbers are 1-based; insert after that line
        lines[number:number] = injected
    fixture = "\n".join(lines)
    assert_same_as_the_seed(fixture)


def test_a_footnote_block_ends_at_the_page_break_or_where_the_indented_body_resumes():
    """Generated page: a body line, a separator rule, a marker line and an entry, a continuation of the
    entry, then the indented body again; a second page after a form feed."""
    text = (
        "1/2. A generated title\n"
        " Body line one\n"
        "__________\n"
        "1\n"
        "First note\n"
        "2 Second note\n"
        "of two lines\n"
        " Body line two\n"
        "\fBody line three\n"
    )
    norm = normalize(text, "en")
    assert norm.footnotes == [("1", "First note"), ("2", "Second note of two lines")]
    lines = [(e.text, e.indent, e.after_break) for e in norm.events if hasattr(e, "text")]
    assert lines == [
        ("1/2. A generated title", False, False),
        ("Body line one", True, False),
        ("Body line two", True, True),
        ("Body line three", False, True),
    ]
    assert [a.kind for a in norm.artifacts] == ["separator"]


def test_a_rule_before_any_footnote_is_no_footnote_block():
    norm = normalize("1/2. A generated title\n__________\n Indented words\n", "en")
    assert norm.footnotes == [] and [e.text for e in norm.events] == ["1/2. A generated title", "Indented words"]
