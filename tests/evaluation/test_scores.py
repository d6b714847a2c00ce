"""The classifier against the gold, dimension by dimension: codes with intervals, verb accuracy with a
Wilson interval, rows that cannot be scored, the targets of labels/sets.toml, and ``crimepol evaluate``'s
``--set``. Scored on generated labels and on the development gold only."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.evaluation import run
from analysis.evaluation.scores import code_table, verb_scores, wilson
from analysis.gold import labels as gold
from analysis.gold.labels import new_themes, required_themes


def test_wilson_is_the_score_interval():
    count, n, z = 45, 50, 1.959963984540054
    p = count / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    assert wilson(count, n) == pytest.approx((centre - half, centre + half))
    assert wilson(50, 50)[1] == pytest.approx(1.0) and wilson(50, 50)[0] < 1  # never [1, 1]
    assert all(np.isnan(wilson(0, 0)))


def test_verb_accuracy_carries_its_wilson_interval():
    merged = pd.DataFrame(
        {
            "verb_gold": ["requests"] * 9 + ["urges"],
            "verb_pred": ["requests"] * 10,
            "verbs_gold": [["requests"]] * 10,
            "verbs_pred": [["requests"]] * 10,
        }
    )
    scores = verb_scores(merged)
    assert scores["primary_accuracy"] == 0.9 and (scores["primary_low"], scores["primary_high"]) == wilson(9, 10)


def test_codes_never_seen_are_undefined_and_a_paragraphs_languages_count_once():
    gold_sets = [frozenset({"unodc"}), frozenset({"unodc"}), frozenset(), frozenset()]
    predicted = [frozenset({"unodc"}), frozenset({"unodc", "donors"}), frozenset(), frozenset()]
    clusters = [("A", 1), ("A", 1), ("A", 2), ("A", 2)]  # one paragraph's two languages, twice
    table = code_table(gold_sets, predicted, ["unodc", "donors", "congress"], clusters).set_index("code")
    assert (table.loc["unodc", "support"], table.loc["unodc", "paragraphs"], table.loc["unodc", "f1"]) == (2, 1, 1.0)
    assert table.loc["donors", "precision"] == 0 and np.isnan(table.loc["donors", "recall"])  # no gold row
    assert table.loc["donors", "f1"] == 0  # predicted where the gold has none: wrong, not undefined
    assert table.loc["congress", ["precision", "recall", "f1"]].isna().all()  # neither: undefined
    assert table.loc["micro", "paragraphs"] == 2 and table.loc["micro", "f1"] == pytest.approx(0.8)
    nothing = code_table([frozenset()] * 2, [frozenset()] * 2, [], [1, 2]).set_index("code")
    assert nothing.loc["micro", ["precision", "recall", "f1"]].isna().all()


def test_rows_that_cannot_be_scored_are_reported_with_the_reason():
    def row(symbol: str, language: str, paragraph: int) -> dict:
        return {"symbol": symbol, "language": language, "paragraph": paragraph, "set": "development", "verb": "notes"}

    gold_rows = pd.DataFrame([row("A/RES/1/1", "en", 1), row("A/RES/1/1", "en", 2), row("A/RES/2/2", "zh", 1)])
    predicted = pd.DataFrame([{**row("A/RES/1/1", "en", 1), "text": "…"}]).drop(columns="set")
    merged, not_scored = run._matched(gold_rows, predicted)
    assert len(merged) == 1 and set(merged.columns) >= {"verb_gold", "verb_pred"}
    reasons = {(r.symbol, r.reason): r.rows for r in not_scored.itertuples()}
    assert reasons == {("A/RES/1/1", run.NOT_PARSED): 1, ("A/RES/2/2", run.NOT_IN_CORPUS): 1}


def _generated_result(f1: float, support: int) -> run.Evaluation:
    """An evaluation of one made-up set ``held-out`` whose every score is ``f1`` on ``support`` rows."""
    required = pd.DataFrame(
        {"set": "held-out", "theme": [*required_themes(), "micro"], "f1": f1, "paragraphs": support}
    )
    codes = [
        ("addressees", "micro"),
        *(("funding_kind", k) for k in ("voluntary", "other_money")),
        *(("themes", t) for t in new_themes()[:2]),
    ]
    scores = pd.DataFrame(
        [{"set": "held-out", "dimension": d, "code": c, "f1": f1, "support": support} for d, c in codes]
    )
    languages = pd.DataFrame(
        {"measure": [f"theme: {t}" for t in required_themes()], "agreement": f1, "paragraphs": 1544}
    )
    empty = pd.DataFrame()
    return run.Evaluation(
        empty, empty, {}, [], {}, empty, empty, empty, languages=languages, required_themes=required, scores=scores
    )


def test_every_target_is_reported_met_or_not():
    targets = gold.gold_targets()
    good = _generated_result(0.99, 100)
    table = good.targets()
    assert table["met"].all() and good.target_check() == []
    assert set(table["target"]) == set(run.SHORTFALL)
    assert (table.loc[table["target"] == "F1, new theme", "code"] == list(new_themes()[:2])).all()
    poor = _generated_result(0.5, 15)  # below the new themes' minimum support, above the funding kinds'
    short = poor.target_check()
    applies = poor.targets().set_index(["target", "code"])["applies"]
    assert not applies[("F1, new theme", new_themes()[0])] and applies[("F1, funding kind", "voluntary")]
    assert 15 < targets["new_theme_min_support"] and 15 >= targets["funding_kind_min_support"]
    assert "voluntary (funding kind) F1 0.500 < 0.9" in short and "addressees micro-F1 0.500 < 0.95" in short
    assert not any("(new theme)" in s for s in short)
    assert f"English vs Chinese agreement on {required_themes()[0]} 0.500 < 0.97" in short
    assert not any(s.startswith(t) for s in short for t in required_themes())  # 15 paragraphs: below min_support
    assert "micro-F1 0.500 < 0.97" in short
    assert good.target_check("development") == ["no development gold scored"]


def test_a_target_nothing_was_scored_for_is_not_met():
    result = _generated_result(0.99, 100)
    result.scores = pd.DataFrame()
    result.languages = pd.DataFrame()
    assert result.target_check() == [
        "no addressees scores",
        "no funding_kind scores",
        "no themes scores",
        "no English vs Chinese agreement",
    ]


@pytest.fixture(scope="module")
def development(tmp_path_factory):
    """The evaluation of the development gold, recording every gold file it reads."""
    from analysis.corpus.registry import Corpus

    read: list[str] = []
    original = gold.read_gold_file
    patch = pytest.MonkeyPatch()
    patch.setattr(gold, "read_gold_file", lambda path: read.append(Path(path).name) or original(path))
    try:
        result = run.evaluate(Corpus(bundled_only=True), with_baseline=False, sets=["development"])
    finally:
        patch.undo()
    return result, read


def test_the_development_evaluation_reads_no_held_out_file(development):
    result, read = development
    assert set(read) == {"gold_development.csv", "development_second.csv"}
    assert result.sets == ("development",) and set(result.scores["set"]) == {"development"}
    assert set(result.agreement["pair"]) == {"development, 20 % sample"} and result.adjudication.empty


def test_the_development_evaluation_scores_every_dimension(development):
    result, _ = development
    assert result.not_scored.empty and not result.missing
    assert list(result.scores["dimension"].unique()) == [
        "themes",
        "subject_themes",
        "addressees",
        "mandates",
        "funding_kind",
    ]
    for name, table in result.scores.groupby("dimension"):
        assert table.iloc[-1]["code"] == "micro", name
        defined = table.dropna(subset=["f1", "f1_low", "f1_high"])
        assert ((defined["f1_low"] <= defined["f1"] + 1e-12) & (defined["f1"] <= defined["f1_high"] + 1e-12)).all(), (
            name
        )
    themes = result.scores[result.scores["dimension"] == "themes"]
    assert len(themes) == len(result.themes) and themes["support"].sum() > 0
    overall = result.verbs[result.verbs["symbol"] == "all"].iloc[0]
    assert (
        overall["paragraphs"] == 1014
        and overall["primary_low"] <= overall["primary_accuracy"] <= overall["primary_high"]
    )
    assert set(result.targets("development")["target"]) == set(run.SHORTFALL)
    measures = set(result.languages["measure"])
    assert {"addressees", "funding_kind", "subject_themes"} <= measures
    assert (result.languages["agreement_low"] <= result.languages["agreement"]).all()


def test_the_printout_says_what_each_section_is(development):
    from analysis.evaluation.printout import format_evaluation

    out = format_evaluation(development[0])
    for heading in (
        "Gold sets evaluated: development",
        "Annotator agreement: Cohen's kappa",
        "Primary verb against the gold labels, per set",
        "Subject themes against the development gold",
        "Addressees against the development gold",
        "Mandates (addressee:kind[:session], exact codes) against the development gold",
        "Funding kinds against the development gold",
        "Targets on the development gold: ",
        "English vs Chinese text of the same resolutions",
    ):
        assert heading in out, heading
    assert "The third reader decided" not in out  # the development set was not adjudicated


def test_an_unknown_set_is_refused_by_the_command_line(capsys):
    from analysis.cli import main

    with pytest.raises(SystemExit) as refused:
        main(["evaluate", "--set", "heldout"])
    assert refused.value.code == 2 and "invalid choice: 'heldout'" in capsys.readouterr().err
