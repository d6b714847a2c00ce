"""Theme rules, each on a short generated phrase whose reading follows from data/lexicon/themes.toml.

Written to kill the mutants of analysis/themes.py (scripts/mutation_score.py); every expectation is
reasoned from the patterns, exclusions, masks, weak patterns and parents named in the comments,
never copied from the classifier's output. The phrases are made up for the rule under test.
"""

from __future__ import annotations

import pytest

from analysis.coding import themes
from analysis.coding.themes import (
    MASK_CHAR,
    ThemeHit,
    display_names,
    mask_names,
    parents,
    read_themes,
    required_themes,
    theme_names,
)
from analysis.model import Reference
from tests.conftest import clear_caches


@pytest.fixture(autouse=True)
def _tables_built_afresh():
    """Each test builds the theme tables from the lexicon again (see conftest.clear_caches)."""
    clear_caches(themes)


def spans(text: str, language: str, references=()) -> dict[str, list[tuple[int, int, str]]]:
    return {
        name: [(h.start, h.end, h.evidence) for h in hits]
        for name, hits in read_themes(text, language, references).items()
    }


# --- the taxonomy's own tables -----------------------------------------------------------------


def test_required_themes_names_labels_and_parents():
    # themes.toml: required = ["trafficking", "corruption", "terrorism", "africa", "funding"]
    assert required_themes() == ("trafficking", "corruption", "terrorism", "africa", "funding")
    names = theme_names()
    assert names[:3] == ["trafficking", "trafficking_in_persons", "smuggling_of_migrants"]
    assert names[-1] == "congress_followup" and len(names) == 39  # codebook 2.0: sixteen themes more
    labels = display_names()
    assert labels["trafficking"] == "Trafficking (all)" and labels["funding"] == "Funding"
    assert set(labels) == set(names)
    family = parents()
    # sub-themes name their parent; the others have "" (no parent)
    assert family["wildlife_forest_trafficking"] == "trafficking" and family["drug_trafficking"] == "trafficking"
    assert family["corruption"] == "" and family["funding"] == ""
    assert {child for child, parent in family.items() if parent == "trafficking"} == {  # the sub-themes of trafficking
        "trafficking_in_persons",
        "smuggling_of_migrants",
        "drug_trafficking",
        "arms_trafficking",
        "wildlife_forest_trafficking",
        "cultural_property_trafficking",
        "other_goods_trafficking",
    }
    # codebook 2.0: three more umbrellas, each of its own sub-themes; cybercrime and fraud are two codes
    assert {child: parent for child, parent in family.items() if parent and parent != "trafficking"} == {
        "violence_against_women": "gender",
        "fraud_identity_crime": "economic_crime",
        "rehabilitation": "criminal_justice_reform",
        "access_to_justice": "criminal_justice_reform",
    }
    assert family["cybercrime"] == "" and "cybercrime_identity_fraud" not in names


# --- patterns: case, word boundaries, the longest pattern first --------------------------------


def test_english_patterns_ignore_case_and_keep_word_boundaries():
    # en "Africa", "African" are written with capitals in the lexicon and still match lower-case text
    assert spans("technical assistance to african states", "en")["africa"] == [(24, 31, "african")]
    assert spans("technical assistance to AFRICAN states", "en")["africa"] == [(24, 31, "AFRICAN")]
    # en "Mali" is a word: "malignant" is not Mali
    assert spans("a malignant generated trend", "en") == {}
    # "funds" is a word: "refunds" does not carry it
    assert "funding" not in spans("refunds of the generated fee", "en")


def test_chinese_patterns_match_inside_a_sentence():
    # zh patterns have no word boundaries: 贩运 inside a run of characters
    assert spans("打击生成的贩运问题", "zh") == {"trafficking": [(5, 7, "贩运")]}


def test_the_longest_pattern_of_a_theme_is_taken():
    # en africa lists both "Guinea-Bissau" and "Guinea": the longer one is the evidence
    assert spans("aid to Guinea-Bissau", "en") == {"africa": [(7, 20, "Guinea-Bissau")]}
    # zh money_laundering lists 非法资金流动 and 非法资金流: the longer one
    assert spans("生成的非法资金流动问题", "zh") == {"money_laundering": [(3, 9, "非法资金流动")]}
    # en funding lists "extrabudgetary" and "(?:voluntary|financial|extrabudgetary|…) contributions": the
    # longer pattern is tried first, so the evidence is the whole phrase (by the patterns' alphabetical
    # order "extrabudgetary" would come first and stop at one word)
    assert spans("extrabudgetary contributions to the generated programme", "en") == {
        "funding": [(0, 28, "extrabudgetary contributions")]
    }


# --- masks and exclusions ----------------------------------------------------------------------


def test_names_are_masked_with_their_capitals():
    # [mask] en "United Nations Children's Fund": "Children" inside the name is not the children theme
    name = "United Nations Children's Fund"
    assert mask_names(f"Invites the {name} to act", "en") == f"Invites the {MASK_CHAR * len(name)} to act"
    assert spans(f"Invites the {name} to act", "en") == {}
    # the mask is matched with its capitals: "children's fund" in lower case is no name
    assert "children" in spans("invites the united nations children's fund to act", "en")
    # zh mask 联合国儿童基金会 (儿童 would be children)
    assert mask_names("邀请联合国儿童基金会", "zh") == "邀请" + MASK_CHAR * 8
    assert spans("邀请联合国儿童基金会协助", "zh") == {}


def test_an_exclusion_covers_matches_inside_it_only():
    # funding zh 资金 with exclude_zh 资金流动: the first 资金 (at 2, inside 资金流动 at 2-6) is excluded,
    # the second (at 10) counts
    assert spans("打击资金流动，并提供资金", "zh") == {"funding": [(10, 12, "资金")]}
    # en funding "resources" inside the exclusion "natural resources"; "extrabudgetary" (14 letters from 22)
    # and the second "resources" count
    assert spans("natural resources and extrabudgetary resources", "en") == {
        "funding": [(22, 36, "extrabudgetary"), (37, 46, "resources")]
    }


# --- weak patterns, references, parents ----------------------------------------------------------


def test_weak_patterns_count_only_without_their_theme():
    # funding weak_en "financing", weak_unless "terrorism"
    assert spans("financing of the generated programme", "en") == {"funding": [(0, 9, "financing")]}
    assert spans("terrorism and its financing", "en") == {"terrorism": [(0, 9, "terrorism")]}
    # money_laundering weak_zh 犯罪所得, weak_unless corruption
    assert spans("追回生成的犯罪所得", "zh") == {"money_laundering": [(5, 9, "犯罪所得")]}
    assert spans("腐败的犯罪所得", "zh") == {"corruption": [(0, 2, "腐败")]}


def test_a_reference_carries_the_themes_of_its_full_name():
    text = "请生成的公约缔约方会议协助"
    reference = Reference(3, 6, "公约", "打击腐败的生成公约", "打击腐败的生成公约")
    found = read_themes(text, "zh", (reference,))
    assert found == {"corruption": (ThemeHit("corruption", 3, 6, "公约→打击腐败的生成公约"),)}
    # inside a masked name a short name is part of a title: no theme from it; a later reference still counts
    masked_text = "题为“生成公约”的报告，以及公约"
    inside = Reference(3, 7, "生成公约", "打击腐败的生成公约", "打击腐败的生成公约")
    outside = Reference(14, 16, "公约", "打击贩运的生成公约", "打击贩运的生成公约")
    assert spans(masked_text, "zh", (inside, outside)) == {"trafficking": [(14, 16, "公约→打击贩运的生成公约")]}


def test_a_parent_inherits_the_evidence_of_its_sub_theme():
    # wildlife_forest_trafficking "wildlife" (parent trafficking; also environmental_crime), in taxonomy order
    found = read_themes("protection of generated wildlife", "en")
    assert list(found) == ["trafficking", "wildlife_forest_trafficking", "environmental_crime"]
    assert found["trafficking"] == (ThemeHit("trafficking", 24, 32, "wildlife"),)
    assert found["wildlife_forest_trafficking"] == (ThemeHit("wildlife_forest_trafficking", 24, 32, "wildlife"),)
    # a parent found by its own pattern keeps its own evidence
    assert spans("trafficking in wildlife", "en")["trafficking"] == [(0, 11, "trafficking")]


def test_spans_index_the_original_text_when_lower_case_is_longer():
    # "İ" lower-cases to two characters; the other characters are still lower-cased one by one, so the
    # spans stay those of the original text
    assert spans("İ generated TRAFFICKING", "en") == {"trafficking": [(12, 23, "TRAFFICKING")]}


def test_a_theme_without_a_label_is_shown_by_its_name(monkeypatch):
    # display_names: "label" of each theme, else its name; parents: "parent", else ""
    made_up = {"generated_theme": {"description": "made up"}, "generated_child": {"parent": "generated_theme"}}
    table = {"themes": made_up}
    monkeypatch.setattr(themes, "_table", lambda: table)
    assert display_names() == {"generated_theme": "generated_theme", "generated_child": "generated_child"}
    assert parents() == {"generated_theme": "", "generated_child": "generated_theme"}
