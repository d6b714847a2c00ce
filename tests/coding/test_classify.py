"""Verbs and themes: the seed against the gold labels, traps, and the UN markup of lead verbs."""

from __future__ import annotations

import pytest

from analysis.coding.labels import classification_table, classify_resolution
from analysis.coding.themes import read_themes, required_themes
from analysis.coding.verbs import read_verbs
from analysis.corpus.registry import Corpus
from analysis.errors import InputError
from analysis.evaluation.markup import markup_agreement
from analysis.evaluation.scores import theme_scores
from analysis.gold.labels import load_gold


def _split(value: list[str]) -> frozenset[str]:
    return frozenset(value)


@pytest.fixture(scope="module")
def seed_gold():
    gold = load_gold(["development"])
    return gold[gold["symbol"] == "A/RES/62/175"].set_index("paragraph")


@pytest.fixture(scope="module")
def seed_table(seed):
    return classification_table(classify_resolution(seed)).set_index("paragraph")


def test_seed_primary_verbs_all_16(seed_table, seed_gold):
    assert list(seed_table.index) == list(range(1, 17))
    assert (seed_table["verb"] == seed_gold["verb"]).all()


def test_seed_second_verbs(seed_table, seed_gold):
    for n in range(1, 17):
        assert _split(seed_table.loc[n, "verbs"]) == _split(seed_gold.loc[n, "verbs"]), n
    # the ones that carry a second verb, read by hand
    assert seed_table.loc[4, "verbs"] == ["notes", "requests"]
    assert seed_table.loc[7, "verbs"] == ["notes", "encourages"]
    assert seed_table.loc[8, "verbs"] == ["draws_attention", "requests"]
    assert seed_table.loc[10, "verbs"] == ["reaffirms", "urges"]
    assert seed_table.loc[11, "verbs"] == ["urges", "encourages"]


def test_seed_modifiers_and_strength(seed_table):
    assert seed_table.loc[1, "modifiers"] == ["with appreciation"]
    assert seed_table.loc[7, "modifiers"] == ["with satisfaction"]
    assert seed_table.loc[15, "modifiers"] == ["again"]
    assert seed_table.loc[6, "strength"] > seed_table.loc[16, "strength"] > seed_table.loc[5, "strength"]


def test_seed_required_themes_micro_f1(seed_table, seed_gold):
    gold = [_split(seed_gold.loc[n, "themes"]) for n in range(1, 17)]
    predicted = [_split(seed_table.loc[n, "themes"]) for n in range(1, 17)]
    micro = theme_scores(gold, predicted, required_themes()).iloc[-1]
    assert micro["f1"] >= 0.9


def test_evidence_is_shown(seed_table):
    assert "verb:requests=再次请" in seed_table.loc[15, "evidence"]
    assert "theme:africa=非洲" in seed_table.loc[3, "evidence"]


@pytest.mark.parametrize(
    ("text", "verb", "verbs", "modifiers"),
    [
        ("请秘书长提交报告；", "requests", ("requests",), ()),
        ("邀请会员国分享成果；", "invites", ("invites",), ()),
        ("提请注意秘书长的报告所述问题，并请办事处探讨；", "draws_attention", ("draws_attention", "requests"), ()),
        ("再次请秘书长提供资源；", "requests", ("requests",), ("again",)),
        ("又请秘书长提供资源；", "requests", ("requests",), ("also",)),
        # notes and takes note are one class since codebook 2.0; the lead keeps the printed words
        ("表示注意到秘书长的报告；", "notes", ("notes",), ()),
        ("表示赞赏地注意到秘书长的报告；", "notes", ("notes",), ("with appreciation",)),
        ("关切地注意到某种趋势；", "notes", ("notes",), ("with concern",)),
        ("强调指出某事；", "emphasizes", ("emphasizes",), ()),  # Stresses: one family with 强调 (codebook)
        ("强调某事；", "emphasizes", ("emphasizes",), ()),
        ("着重指出某事；", "emphasizes", ("emphasizes",), ()),
        ("Stresses the point;", "emphasizes", ("emphasizes",), ()),
        ("Reiterates the importance of cooperation;", "reaffirms", ("reaffirms",), ()),
        (
            "Reiterates its deep concern about the trend;",
            "expresses_concern",
            ("expresses_concern",),
            ("again", "deep"),
        ),
        ("Firmly condemns all acts of terrorism;", "condemns", ("condemns",), ("firmly",)),
        ("毫无保留地谴责一切恐怖主义行为；", "condemns", ("condemns",), ("毫无保留地",)),
        ("要求立即停止敌对行动；", "demands", ("demands",), ()),
        ("Recommits to the goals;", "undertakes", ("undertakes",), ("again",)),
        ("吁请会员国加强合作；", "calls_upon", ("calls_upon",), ()),
        ("呼吁加强合作；", "calls_for", ("calls_for",), ()),
        ("鼓励会员国加强合作，同时请办事处提供协助；", "encourages", ("encourages", "requests"), ()),
        ("鼓励会员国根据请求提供协助；", "encourages", ("encourages",), ()),  # 请求 is a noun
        ("建议会员国考虑，同时认识到青年面临风险；", "recommends", ("recommends",), ()),  # participle
        ("对于非法作物种植表示关切；", "expresses_concern", ("expresses_concern",), ()),
        ("Also requests the Secretary-General to report;", "requests", ("requests",), ("also",)),
        ("Takes note with appreciation of the report;", "notes", ("notes",), ("with appreciation",)),
        ("Reiterates its invitation to Member States;", "invites", ("invites",), ("again",)),
        (
            "Encourages States, and in this context notes the work of the Network;",
            "encourages",
            ("encourages", "notes"),
            (),
        ),
        ("Welcomes the reports and notes by the Secretary-General;", "welcomes", ("welcomes",), ()),  # a noun
    ],
)
def test_verb_rules(text, verb, verbs, modifiers):
    language = "en" if text[0].isascii() else "zh"
    reading = read_verbs(text, language)
    assert (reading.verb, reading.verbs, reading.modifiers) == (verb, verbs, modifiers)


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        ("请联合国毒品和犯罪问题办事处提供协助；", "zh", set(), {"drug_trafficking", "trafficking"}),
        ("Requests the United Nations Office on Drugs and Crime to assist;", "en", set(), {"drug_trafficking"}),
        (
            "林业产品（包括木材、野生动植物和其他森林生物资源）的国际贩运",
            "zh",
            {"trafficking", "wildlife_forest_trafficking", "environmental_crime"},
            {"funding"},
        ),
        ("a meeting held in Addis Ababa", "en", set(), {"africa"}),
        ("technical assistance to African States", "en", {"africa", "technical_assistance"}, set()),
        ("within existing resources", "en", {"funding"}, set()),
        ("natural resources", "en", set(), {"funding"}),
    ],
)
def test_theme_rules(text, language, present, absent):
    found = set(read_themes(text, language))
    assert present <= found and not (absent & found), found


def test_primary_verb_agrees_with_the_un_markup():
    """Classifying from plain text, never reading the markup (the markup is only the answer key)."""
    agreement = markup_agreement(Corpus())
    assert agreement["en"].paragraphs >= 1500 and agreement["zh"].paragraphs >= 1500
    assert agreement["en"].rate >= 0.98
    assert agreement["zh"].rate >= 0.97


def test_gold_for_74_177_both_languages():
    from analysis.evaluation.run import evaluate

    result = evaluate(Corpus(), with_baseline=False, sets=["development"])  # the held-out set is scored once
    assert not result.missing and result.not_scored.empty
    verbs = result.verbs.set_index(["symbol", "language"])
    assert verbs.loc[("A/RES/74/177", "en"), "primary_accuracy"] >= 0.97
    assert verbs.loc[("A/RES/74/177", "zh"), "primary_accuracy"] >= 0.97
    assert result.required_micro_f1["development"] >= 0.9


@pytest.mark.parametrize(
    ("text", "verb", "modifiers"),
    [
        ("紧急地呼吁各国加强合作；", "calls_for", ("urgently", "地")),
        ("表示赞赏地注意到秘书长的报告；", "notes", ("with appreciation",)),
        ("Italy welcomes the report;", "", ()),
    ],
)
def test_adverbs_before_a_verb(text, verb, modifiers):
    reading = read_verbs(text, "en" if text[0].isascii() else "zh")
    assert (reading.verb, reading.modifiers) == (verb, modifiers)


def test_theme_intervals_and_confusion():
    from analysis.evaluation.scores import theme_confusion, theme_intervals

    gold = [frozenset({"corruption"})] * 30 + [frozenset({"money_laundering"})] * 10 + [frozenset()] * 60
    predicted = [frozenset({"corruption"})] * 30 + [frozenset({"corruption"})] * 10 + [frozenset()] * 60
    intervals = theme_intervals(gold, predicted, ["corruption"]).set_index("theme")
    low, high = intervals.loc["corruption", ["precision_low", "precision_high"]]
    assert low < 0.75 < high and intervals.loc["corruption", "recall_low"] == 1.0  # precision 30/40, recall 1
    assert theme_intervals(gold, predicted, ["corruption"]).equals(intervals.reset_index())  # seeded
    confusion = theme_confusion(gold, predicted, "corruption", "money_laundering")
    assert confusion.loc["only money_laundering", "only corruption"] == 10
    assert confusion.loc["only corruption", "only corruption"] == 30 and confusion.values.sum() == 100


def test_intervals_draw_a_paragraph_and_its_translation_together():
    """Two rows per paragraph (English, Chinese) drawn as one cluster give the intervals of one row per
    paragraph: the second language adds no independent evidence."""
    from analysis.evaluation.scores import theme_intervals

    gold = [frozenset({"funding"}), frozenset(), frozenset({"funding"}), frozenset({"funding"}), frozenset()]
    predicted = [frozenset({"funding"}), frozenset({"funding"}), frozenset(), frozenset({"funding"}), frozenset()]
    single = theme_intervals(gold, predicted, ["funding"], rounds=200, seed=3)
    doubled = theme_intervals(gold * 2, predicted * 2, ["funding"], rounds=200, seed=3, clusters=list(range(5)) * 2)
    assert single.round(12).equals(doubled.round(12))
    rows = theme_intervals(gold * 2, predicted * 2, ["funding"], rounds=200, seed=3)  # rows drawn alone
    assert (rows["f1_high"] - rows["f1_low"]).iloc[0] < (single["f1_high"] - single["f1_low"]).iloc[0]


def test_targets_are_not_met_by_an_undefined_score():
    import pandas as pd

    from analysis.evaluation.run import Evaluation

    frame = pd.DataFrame(
        {
            "set": "held-out",
            "theme": ["trafficking", "corruption", "terrorism", "africa", "funding", "micro"],
            "f1": [1.0, float("nan"), 1.0, 0.90, 1.0, 0.99],
            "paragraphs": [30, 30, 30, 25, 10, 100],
        }
    )
    result = Evaluation(*[pd.DataFrame()] * 2, {}, [], {}, *[pd.DataFrame()] * 3, required_themes=frame)
    short = result.target_check()
    assert any(s.startswith("corruption F1 nan") for s in short) and any(s.startswith("africa") for s in short)
    assert not any(s.startswith("funding") for s in short)  # 10 paragraphs: below the support that counts


def test_scope_limits_what_a_partial_gold_file_scores():
    import pandas as pd

    from analysis.gold.labels import _within_scope

    merged = pd.DataFrame(
        {"themes_pred": [["funding", "children"], ["children"]], "scope": [["funding", "africa"], []]}
    )
    assert _within_scope(merged) == [frozenset({"funding"}), frozenset({"children"})]


def test_every_gold_file_is_described(tmp_path, monkeypatch):
    import shutil

    from analysis.gold import labels as gold

    labels = tmp_path / "labels"
    shutil.copytree(gold.data_dir() / "labels", labels)
    (labels / "gold_unlisted.csv").write_text("symbol,language,paragraph,themes\n", encoding="utf-8")
    monkeypatch.setattr(gold, "data_dir", lambda: tmp_path)
    with pytest.raises(InputError, match=r"does not describe gold_unlisted\.csv"):
        gold.load_gold()
