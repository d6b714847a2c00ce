"""Annotator agreement: Cohen's kappa per dimension and code, checked against scikit-learn and by hand, on
generated codings and on the development sample; the third reader's decisions counted and shown on request."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

from analysis.evaluation.agreement import POOLED, agreement, kappa, pair_agreement
from analysis.gold import labels as gold


def _codings(seed: int, n: int = 120) -> tuple[list[str], list[str]]:
    """Two generated codings of ``n`` items that agree about four times in five."""
    rng = random.Random(seed)
    first = [rng.choice("abcd") for _ in range(n)]
    second = [x if rng.random() < 0.8 else rng.choice("abcd") for x in first]
    return first, second


@pytest.mark.parametrize("seed", range(5))
def test_kappa_is_cohens_by_another_route(seed):
    from sklearn.metrics import cohen_kappa_score
    from statsmodels.stats.inter_rater import cohens_kappa, to_table

    first, second = _codings(seed)
    result = kappa(first, second)
    assert result["kappa"] == pytest.approx(cohen_kappa_score(first, second))
    assert result["observed"] == pytest.approx(np.mean([a == b for a, b in zip(first, second)]))
    codes = {c: i for i, c in enumerate("abcd")}
    table, _ = to_table(np.array([[codes[a], codes[b]] for a, b in zip(first, second)]))
    reference = cohens_kappa(table)
    assert (result["kappa_low"], result["kappa_high"]) == pytest.approx((reference.kappa_low, reference.kappa_upp))
    assert result["kappa_low"] < result["kappa"] < result["kappa_high"]


def test_kappa_where_chance_explains_everything_is_undefined_or_zero():
    assert np.isnan(kappa([True] * 10, [True] * 10)["kappa"])  # both always yes: undefined, not perfect
    one_sided = kappa([False] * 10, [False] * 9 + [True])  # one coder never says yes: kappa 0, no interval
    assert one_sided["kappa"] == 0 and np.isnan(one_sided["kappa_low"]) and one_sided["observed"] == 0.9
    perfect = kappa(["a", "b", "a", "c"], ["a", "b", "a", "c"])
    assert (perfect["kappa"], perfect["kappa_low"], perfect["kappa_high"]) == (1, 1, 1)
    assert np.isnan(kappa([], [])["observed"])


def _frame(rows: list[dict]) -> pd.DataFrame:
    base = {
        "symbol": "A/RES/1/1",
        "language": "en",
        "verb": "requests",
        "verbs": [],
        "themes": [],
        "subject_themes": [],
    }
    base |= {"addressees": [], "mandates": [], "funding_kind": []}
    return pd.DataFrame([{**base, "paragraph": n, **row} for n, row in enumerate(rows, start=1)])


def test_a_set_valued_dimension_is_pooled_over_the_codes_either_coder_used():
    first = _frame([{"themes": ["funding", "africa"]}, {"themes": ["funding"]}, {"themes": []}, {"themes": ["africa"]}])
    second = _frame(
        [{"themes": ["funding"]}, {"themes": ["funding"]}, {"themes": ["terrorism"]}, {"themes": ["africa"]}]
    )
    table = pair_agreement(first, second, ["verb", "themes"]).set_index(["dimension", "label"])
    # three codes used (africa, funding, terrorism) x four paragraphs: twelve yes/no decisions
    pooled = table.loc[("themes", POOLED)]
    assert (pooled["decisions"], pooled["yes_first"], pooled["yes_second"], pooled["differ"]) == (12, 4, 4, 2)
    assert pooled["observed"] == pytest.approx(10 / 12)
    flat_first = [True, False, False, True] + [True, True, False, False] + [False] * 4
    flat_second = [False, False, False, True] + [True, True, False, False] + [False, False, True, False]
    assert pooled["kappa"] == pytest.approx(kappa(flat_first, flat_second)["kappa"])
    assert table.loc[("themes", "funding"), "kappa"] == 1 and table.loc[("themes", "terrorism"), "kappa"] == 0
    assert table.loc[("verb", POOLED), "kappa"] != table.loc[("verb", POOLED), "kappa"]  # one verb throughout: NaN
    assert (table["paragraphs"] == 4).all()


def test_the_development_sample_agreement():
    [pair] = gold.agreement_pairs(["development"])
    table, decisions = agreement([pair])
    assert decisions.empty and table["adjudicated"].isna().all()  # the development set was not adjudicated
    pooled = table[table["label"] == POOLED].set_index("dimension")
    assert list(pooled.index) == ["verb", "verbs", "themes", "subject_themes", "addressees", "mandates", "funding_kind"]
    assert (pooled["paragraphs"] == 201).all() and (pooled["pair"] == "development, 20 % sample").all()
    first, second = gold.read_pair(pair)
    differ = sum(set(a) != set(b) for a, b in zip(first["themes"], second["themes"]))
    assert pooled.loc["themes", "differ"] == differ
    assert pooled.loc["verb", "observed"] == pytest.approx(np.mean(first["verb"] == second["verb"]))
    assert ((pooled["kappa_low"] <= pooled["kappa"]) & (pooled["kappa"] <= pooled["kappa_high"])).all()


@pytest.fixture
def adjudicated_labels(tmp_path, monkeypatch, fresh_caches):
    """A generated labels/ directory: a gold file, its two codings (one paragraph coded differently for themes
    and addressees) and the third reader's decisions, with one decision about another set's paragraph."""
    labels = tmp_path / "labels"
    (labels / "annotations").mkdir(parents=True)
    source = gold.data_dir() / "labels" / "gold_development.csv"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)[:6]  # five rows of 62/175 (zh)
    (labels / "gold_made.csv").write_text("".join(lines), encoding="utf-8")
    (labels / "annotations" / "made_1.csv").write_text("".join(lines), encoding="utf-8")
    edited = (
        lines[5]
        .replace(",member_states,", ",member_states|civil_society_private,")
        .replace("trafficking|trafficking_in_persons,trafficking|trafficking_in_persons", "trafficking,trafficking")
    )
    assert edited != lines[5]
    (labels / "annotations" / "made_2.csv").write_text("".join(lines[:5]) + edited, encoding="utf-8")
    (labels / "annotations" / "decided.csv").write_text(
        "symbol,language,paragraph,dimension,final,reason\n"
        "A/RES/62/175,zh,5,themes,trafficking|trafficking_in_persons,人口贩运 is trafficking in persons\n"
        "A/RES/62/175,zh,5,addressees,member_states,the codebook: civil society is not asked here\n"
        "A/RES/62/175,en,5,themes,trafficking,a paragraph of another pair\n",
        encoding="utf-8",
    )
    (labels / "sets.toml").write_text(
        (gold.data_dir() / "labels" / "sets.toml").read_text(encoding="utf-8").split("[files.")[0]
        + '[files."gold_made.csv"]\nset = "held-out"\nthemes = "all"\ndimensions = "all"\n'
        'adjudication = "annotations/decided.csv"\n'
        'agreement = [{ name = "made", first = "annotations/made_1.csv", second = "annotations/made_2.csv" }]\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(gold, "data_dir", lambda: tmp_path)
    return labels


def test_the_third_readers_decisions_are_counted_and_shown_on_request(adjudicated_labels):
    from analysis.evaluation.printout import format_evaluation
    from analysis.evaluation.run import Evaluation

    table, decisions = agreement(gold.agreement_pairs())
    pooled = table[table["label"] == POOLED].set_index("dimension")
    assert pooled.loc["themes", "differ"] == 1 and pooled.loc["addressees", "differ"] == 1
    assert pooled.loc["themes", "adjudicated"] == 1 and pooled.loc["addressees", "adjudicated"] == 1
    assert pooled.loc["verb", "adjudicated"] == 0
    assert len(decisions) == 2 and set(decisions["pair"]) == {"made"}  # the other pair's decision is not counted
    empty = pd.DataFrame()
    result = Evaluation(empty, empty, {}, [], {}, empty, empty, empty, agreement=table, adjudication=decisions)
    brief = format_evaluation(result)
    assert "The third reader decided 2 disagreements (on 1 paragraph)" in brief
    assert "人口贩运 is trafficking in persons" not in brief and "--reasons" in brief
    assert "人口贩运 is trafficking in persons" in format_evaluation(result, show_reasons=True)
