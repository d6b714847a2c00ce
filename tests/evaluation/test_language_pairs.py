"""The evaluation compares the texts of one resolution in any two languages, in registry order: no
"other language" computed as "not Chinese", no table keyed by two languages only."""

from __future__ import annotations

import dataclasses

import analysis.lang as lang
from analysis.evaluation.language import language_agreement, language_pairs
from analysis.evaluation.markup import _language_pairs, marked_leads
from tests.conftest import xml_files


def test_every_pair_of_languages_once_in_registry_order(seed, toy_language):
    toy_language()
    texts = [dataclasses.replace(seed, language=code) for code in ("xx", "zh", "en")]
    other = dataclasses.replace(seed, symbol="A/RES/1/1", language="zh")  # alone in its language: no pair
    pairs = [(a.language, b.language) for a, b in language_pairs([*texts, other])]
    assert pairs == [("en", "zh"), ("en", "xx"), ("zh", "xx")]


def test_one_resolution_in_english_and_chinese_is_one_pair():
    from analysis import parse_file

    english, chinese = (parse_file(p) for p in xml_files() if p.name.startswith("A_RES_74_170."))
    table = language_agreement([chinese, english, english]).set_index("measure")  # a text given twice counts once
    assert (table["resolutions"] == 1).all()
    assert (table["paragraphs"] == len(english.operative)).all()
    assert table.loc["primary verb", "agreement"] >= 0.9


def test_verb_pairs_follow_the_registry(toy_language):
    toy_language()
    read = {("A", "xx"): {1: "x"}, ("A", "zh"): {1: "z"}, ("A", "en"): {1: "e"}, ("B", "en"): {1: "b"}}
    assert [(a[1], b[1]) for a, b in _language_pairs(read)] == [("z", "x"), ("e", "z"), ("e", "x")]


def test_the_lead_span_class_comes_from_the_profile():
    english = next(p for p in xml_files() if ".en." in p.name)
    language, leads = marked_leads(english)
    assert language == "en" and lang.profile("en").lead_span_class == "italic"
    assert leads
