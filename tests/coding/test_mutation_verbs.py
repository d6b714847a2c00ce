"""Verb rules, each on a short generated phrase whose reading follows from the lexicon
(data/lexicon/verbs.csv, verb_modifiers.csv, verb_connectors.csv, verb_strength.csv, anatomy.toml).

Written to kill the mutants of analysis/verbs.py (scripts/mutation_score.py); every expectation is
reasoned from the lexicon rows named in the comments, never copied from the classifier's output.
The phrases are made up for the rule under test; none is quoted from a resolution.
"""

from __future__ import annotations

import pytest

from analysis.coding import verbs
from analysis.coding.verbs import VerbHit, label_of_phrase, match_verb, read_verbs, strengths
from tests.conftest import clear_caches


@pytest.fixture(autouse=True)
def _tables_built_afresh():
    """Each test builds the verb tables from the lexicon again (see conftest.clear_caches)."""
    clear_caches(verbs)


def read(text: str):
    return read_verbs(text, "en" if text.strip()[0].isascii() else "zh")


def triple(text: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    reading = read(text)
    return reading.verb, reading.verbs, reading.modifiers


# --- the lexicon lookup: case, word boundaries, longest phrase first ---------------------------


def test_a_hit_records_its_span_and_evidence():
    # en,Requests,requests: the phrase is the first 8 characters; strength of requests is 5
    reading = read("Requests the generated body to act;")
    assert reading.verb == "requests" and reading.verbs == ("requests",) and reading.strength == 5
    assert reading.hits == (VerbHit("requests", (), 0, 8, "Requests"),)
    # zh,决定,decides (strength 9), after the text is stripped of surrounding spaces
    reading = read("  决定采取生成的行动；")
    assert reading.hits == (VerbHit("decides", (), 0, 2, "决定"),) and reading.strength == 9


def test_english_phrases_ignore_case_and_need_a_word_boundary():
    assert triple("REQUESTS the generated body to act;") == ("requests", ("requests",), ())
    assert triple("requests the generated body to act;") == ("requests", ("requests",), ())
    # "Calls on" (calls_upon) is followed by a letter: "Calls onward" is no verb
    assert triple("Calls onward the generated body;") == ("", (), ())
    # "Takes note" followed by "s" (one letter, then a space) is not Takes note
    assert triple("Takes notes of the generated list;") == ("", (), ())
    # a paragraph that is one word: the word runs to the end of the text
    assert triple("Decides") == ("decides", ("decides",), ())


def test_the_longest_phrase_wins():
    # en,Reiterates its request,requests,again is longer than en,Reiterates,reaffirms
    assert triple("Reiterates its request to the generated body;") == ("requests", ("requests",), ("again",))
    assert triple("Reiterates the generated point;") == ("reaffirms", ("reaffirms",), ())
    # zh,表示注意到 against the shorter zh,注意到 (another key, another phrase; one class, notes, since
    # codebook 2.0): the hit spans the longer phrase
    reading = read("表示注意到生成的报告；")
    assert (reading.verbs, reading.hits[0].evidence) == (("notes",), "表示注意到")


def test_exclude_next_keeps_nouns_out():
    # en,Requests … exclude_next for|from|by|of|made|received: "Requests for" is a noun
    assert triple("Requests for generated assistance have grown;") == ("", (), ())
    # en,Notes … exclude_next by|of|verbales|on|to
    assert triple("Notes by the generated body are attached;") == ("", (), ())
    # zh,请 … exclude_next 求|愿|柬: 请求 is a noun, 请 alone the verb
    assert triple("请求生成的援助；") == ("", (), ())
    assert triple("请生成的机构提供援助；") == ("requests", ("requests",), ())


def test_opening_only_verbs_count_only_where_the_paragraph_opens():
    # en,Adopts,…,opening_only yes
    assert triple("Adopts the generated text;") == ("adopts", ("adopts",), ())
    assert triple("Decides to act, and adopts the generated text;") == ("decides", ("decides",), ())
    assert triple("Decides to act, and requests the generated body to report;") == (
        "decides",
        ("decides", "requests"),
        (),
    )
    # zh,注意,notes,,,yes: opens a paragraph, but is not a further verb after 并
    assert triple("注意生成机构的意见；") == ("notes", ("notes",), ())
    assert triple("决定采取行动，并注意生成机构的意见；") == ("decides", ("decides",), ())
    # an unlisted adverb before an opening-only verb: the verb still opens the paragraph
    assert triple("Firmly adopts the generated text;") == ("adopts", ("adopts",), ("firmly",))


def test_weak_connectors_do_not_carry_verbs_that_need_a_strong_one():
    # zh,谴责,…,needs_strong_connector yes; zh connectors: 并 strong, 同时 weak, "" (a bare clause) weak
    assert triple("决定采取行动，并谴责生成的暴力；") == ("decides", ("decides", "condemns"), ())
    assert triple("决定采取行动，同时谴责生成的暴力；") == ("decides", ("decides",), ())
    assert triple("决定采取行动，谴责生成的暴力；") == ("decides", ("decides",), ())
    # zh,认识到 needs a strong connector, zh,认可 (endorses) does not: after 同时 the first is passed
    # over and the next phrase of the same key is still tried
    assert triple("决定采取行动，同时认可生成的计划；") == ("decides", ("decides", "endorses"), ())
    # an unlisted adverb after a weak connector: 谴责 still needs a strong one
    assert triple("决定采取行动，同时毫无保留地谴责生成的暴力；") == ("decides", ("decides",), ())
    assert triple("决定采取行动，并毫无保留地谴责生成的暴力；") == ("decides", ("decides", "condemns"), ())


def test_english_further_verbs_are_lower_case_and_each_counted_once():
    # after a comma a capitalised word is a name or title, not a further verb
    assert triple("Decides to keep the item; Requests Unit is its generated name;") == ("decides", ("decides",), ())
    # the same verb twice is one label
    assert triple("Requests the generated body, and requests the generated board;") == (
        "requests",
        ("requests",),
        (),
    )
    # the connector right after the primary verb still opens a further verb
    assert triple("Decides, and requests the generated body to report;") == ("decides", ("decides", "requests"), ())
    # no primary verb, a further one all the same
    assert triple("The generated body, and requests the board to act;") == ("", ("requests",), ())


def test_strengths_come_from_the_strength_table():
    table = strengths()
    # verb_strength.csv rows: decides 9, urges 7, requests 5, notes 1
    assert (table["decides"], table["urges"], table["requests"], table["notes"]) == (9, 7, 5, 1)
    assert read("Urges the generated body to act;").strength == 7
    assert read("Notes the generated list;").strength == 1
    assert read("The generated body acts;").strength is None  # no verb, no strength


# --- modifiers ----------------------------------------------------------------------------------


def test_prefix_modifiers_stack_and_skip_spaces():
    # verb_modifiers.csv: en Also -> also, Further -> further (prefix), case-insensitive like the verbs
    assert triple("Also requests the generated body;") == ("requests", ("requests",), ("also",))
    assert triple("also requests the generated body;") == ("requests", ("requests",), ("also",))
    assert triple("Also further requests the generated body;") == ("requests", ("requests",), ("also", "further"))
    # zh 又 -> also, 再次 -> again, both prefixes, one after the other
    assert triple("又再次请生成的机构提供援助；") == ("requests", ("requests",), ("also", "again"))
    # zh 仍然 (still) before the shorter 仍 (still): the longer prefix is taken, then 深为关切 (deep)
    assert triple("仍然深为关切生成的趋势；") == ("expresses_concern", ("expresses_concern",), ("still", "deep"))
    # a prefix before a further verb: the position moves on from where the verb was looked for
    reading = read("Decides to act, and also requests the generated body;")
    assert reading.verbs == ("decides", "requests")
    assert reading.hits[1] == VerbHit("requests", ("also",), 20, 33, "also requests")


def test_english_suffix_modifiers_extend_the_phrase():
    # en "with appreciation" (suffix): the hit runs to the end of the suffix
    reading = read("Takes note with appreciation of the generated report;")
    assert reading.modifiers == ("with appreciation",)
    assert reading.hits[0] == VerbHit("notes", ("with appreciation",), 0, 28, "Takes note with appreciation")
    # the longest suffix: "with deep concern" rather than "with concern"
    assert triple("Notes with deep concern the generated trend;") == ("notes", ("notes",), ("with deep concern",))
    # a suffix followed by a comma still counts
    assert triple("Notes with concern, in particular, the generated trend;") == (
        "notes",
        ("notes",),
        ("with concern",),
    )


def test_chinese_adverbs_and_the_particle():
    # 赞赏地 (with appreciation) is an adverb; 表示 (the particle) may stand before it and joins the verb:
    # 表示 + 注意到 is zh,表示注意到 (notes: takes note and notes are one class since codebook 2.0)
    reading = read("表示赞赏地注意到生成的报告；")
    assert reading.hits == (VerbHit("notes", ("with appreciation",), 0, 8, "表示赞赏地注意到"),)
    reading = read("赞赏地注意到生成的报告；")
    assert reading.hits == (VerbHit("notes", ("with appreciation",), 0, 6, "赞赏地注意到"),)
    # after a prefix (又, also) the particle is looked for where the prefix ends
    assert triple("又表示赞赏地注意到生成的报告；") == ("notes", ("notes",), ("also", "with appreciation"))
    # a verb found without an adverb is not re-read as one: 注意到各地 ends in 地, but 注意到 is the verb
    assert triple("注意到各地的生成努力；") == ("notes", ("notes",), ())


def test_unlisted_adverbs_become_modifiers():
    # anatomy.toml en verb_adverb: a word in -ly before the verb, lower-cased
    reading = read("Firmly requests the generated body to act;")
    assert reading.hits == (VerbHit("requests", ("firmly",), 0, 15, "Firmly requests"),)
    # the verb after the adverb still has its exclusions: "Requests for" is a noun
    assert triple("Firmly requests for the generated body;") == ("", (), ())
    # zh verb_adverb: up to five characters and 地
    assert triple("毫无保留地谴责生成的暴力；") == ("condemns", ("condemns",), ("毫无保留地",))
    # zh 请 after an unlisted adverb keeps its exclusion (请求 is a noun)
    assert triple("紧急地请生成的机构提供援助；") == ("requests", ("requests",), ("urgently", "地"))
    assert triple("毫无保留地请求生成的援助；") == ("", (), ())


# --- where the verb is: after 对…, after an opening, after an opening clause ----------------------


def test_a_verb_after_a_dui_clause():
    # zh circumfix 对于 / 对: the verb is the first 表示… phrase after the clause
    assert triple("对于生成的趋势表示关切；") == ("expresses_concern", ("expresses_concern",), ())
    assert triple("对生成的趋势表示深为关切；") == ("expresses_concern", ("expresses_concern",), ("deep",))
    # other verbs inside the 对 clause are not the verb: only phrases that open with the particle 表示
    assert triple("对于生成机构决定的计划表示关切；") == ("expresses_concern", ("expresses_concern",), ())
    # without 对 a 表示 phrase inside the paragraph is no primary verb
    assert triple("生成的机构表示关切；") == ("", (), ())


def test_a_verb_after_a_listed_opening():
    # verb_modifiers.csv openings: zh 在这方面, en "In this regard"; the verb follows, spaces and commas skipped
    assert read("在这方面欢迎生成机构的努力；").hits == (VerbHit("welcomes", (), 4, 6, "欢迎"),)
    assert read("在这方面，欢迎生成机构的努力；").hits == (VerbHit("welcomes", (), 5, 7, "欢迎"),)
    reading = read("In this regard, welcomes the generated plan;")
    assert reading.hits == (VerbHit("welcomes", (), 16, 24, "welcomes"),)
    # after a listed opening the verb opens the paragraph: the opening-only 注意 counts
    assert triple("在这方面注意生成机构的意见；") == ("notes", ("notes",), ())
    # a connector inside the opening does not stop the later verbs being read
    assert triple("In this regard, welcomes the generated plan, and requests the body to report;") == (
        "welcomes",
        ("welcomes", "requests"),
        (),
    )


def test_a_verb_after_an_opening_clause():
    # anatomy.toml zh verb_opening_clause '^在[^，。；]{1,40}时，'
    reading = read("在审议生成项目时，决定采取行动；")
    assert reading.hits == (VerbHit("decides", (), 9, 11, "决定"),)  # the clause is 9 characters
    # after such a clause the verb is held to the rules of a later verb: not opening-only,
    # not one that needs a strong connector
    assert triple("在审议生成项目时，注意生成机构的意见；") == ("", (), ())
    assert triple("在审议生成项目时，谴责生成的暴力；") == ("", (), ())
    # and the verbs after it are read as usual
    assert triple("在审议生成项目时，决定采取行动，并请秘书长报告；") == ("decides", ("decides", "requests"), ())


# --- the lead phrase of the UN markup -------------------------------------------------------------


def test_label_of_phrase():
    # whitespace inside the phrase is normalized before the lookup
    assert label_of_phrase("Takes  note\nwith appreciation", "en") == "notes"
    assert label_of_phrase("Requests", "en") == "requests"
    assert label_of_phrase("表示注意到", "zh") == "notes"
    # a lead phrase opens its paragraph: opening-only verbs count
    assert label_of_phrase("注意", "zh") == "notes"
    assert label_of_phrase("Adopts", "en") == "adopts"
    assert label_of_phrase("Generated words", "en") == ""


@pytest.mark.parametrize(
    ("text", "at", "opening", "weak", "label"),
    [
        ("决定采取行动，并谴责生成的暴力", 8, False, False, "condemns"),
        ("决定采取行动，同时谴责生成的暴力", 9, False, True, None),
        ("决定采取行动，并注意生成的意见", 8, False, False, None),
        ("决定采取行动，并注意生成的意见", 8, True, False, "notes"),
    ],
)
def test_match_verb_at_a_position(text, at, opening, weak, label):
    hit = match_verb(text, at, "zh", opening=opening, weak=weak)
    assert (hit.label if hit else None) == label
    if hit:
        assert hit.start == at


def test_a_suffix_modifier_is_a_whole_word():
    """'Takes note with appreciation of' carries the modifier; 'with appreciations' (generated) does not."""
    assert read_verbs("Takes note with appreciation of the report;", "en").modifiers == ("with appreciation",)
    assert "with appreciation" not in read_verbs("Takes note with appreciations of the report;", "en").modifiers
