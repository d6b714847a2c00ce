"""The parser's language-dependent steps ask the language profiles: detection, tidying, joining, leads."""

from __future__ import annotations

import dataclasses

import pytest

from analysis import lang
from analysis.lang import profile
from analysis.parsing.normalize import normalize, tidy_spaces
from analysis.parsing.parse import detect_language, refuse_traditional
from analysis.parsing.text_state import Joiner


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> lang.LanguageProfile:
    """A generated third language, unspaced, written in Greek letters; unregistered after the test."""
    lang.languages()  # the built-in profiles first
    toy = dataclasses.replace(
        profile("zh"), code="xx", name="Toy", xml_codes=("xxx",), script="α-ω", detection_weight=1.0
    )
    monkeypatch.setitem(lang._PROFILES, "xx", toy)
    return toy


def test_detection_keeps_its_answers_for_chinese_and_english():
    for cjk in (0, 1, 2, 3, 5, 8):
        for latin in range(45):
            text = "大，" * (cjk // 2) + "会" * (cjk % 2) + " 1. " + "ab" * (latin // 2) + "c" * (latin % 2)
            assert detect_language(text) == ("zh" if cjk > latin * 0.2 else "en"), text  # a tie is English


def test_detection_examples():
    assert detect_language("") == "en" and detect_language("A/RES/62/175 2007") == "en"
    assert detect_language("大会 resolution") == "en"  # 2 CJK against 0.2 x 10 letters: a tie
    assert detect_language("大会 resolutio") == "zh"


def test_detection_and_tidying_know_a_third_language(toy):
    assert detect_language("αβγ δεζ and") == "xx"
    assert detect_language("大会大会 αβγ") == "zh"  # four Chinese characters outweigh three toy letters
    assert tidy_spaces("αβ  γ 12 δ", "xx") == "αβγ12δ"
    assert Joiner.of("xx", []).join(["αβ", "γδ"]) == "αβγδ"


def test_lines_carry_their_tidied_text():
    norm = normalize("1/2. 标题\n  2007 年 12 月\n", "zh")
    assert [(e.text, e.tidied) for e in norm.events] == [("1/2. 标题", "1/2.标题"), ("2007 年 12 月", "2007年12月")]


def test_traditional_characters_are_refused_by_the_profile_that_says_why():
    with pytest.raises(Exception, match="traditional Chinese characters"):
        refuse_traditional("會國與為決議關於對經" * 3, "t.txt")
    refuse_traditional("會國與為" * 2, "t.txt")  # a few are quoted names, not a traditional text


def test_the_english_profile_extends_and_guesses_leads():
    en = profile("en")
    assert en.extend_lead("Noting with deep concern the words,", "Noting") == "Noting with deep concern"
    assert en.extend_lead("Deeply Concerned by words,", "") == "Deeply Concerned"
    assert en.extend_lead("Mindful also of words,", "") == "Mindful also"
    assert en.unseen_lead("Reaffirming, words", frozenset()) and not en.unseen_lead("words", frozenset())
    assert profile("zh").extend_lead("注意到报告，", "注意到") == "注意到"
