"""Classification error carried into shares: with perfect rates the interval is the sampling interval,
with poor rates it widens; labels without held-out support say so. Synthetic labels are built in code
(labels only, no text)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from scipy import stats

from analysis.coding.themes import theme_names
from analysis.comparison.shares import wilson_interval
from analysis.comparison.uncertainty import (
    NO_RATES,
    NO_SUPPORT,
    UNCERTAINTY_COLUMNS,
    Rates,
    error_interval,
    error_rates,
    error_rates_path,
    shares_with_error,
)
from analysis.errors import InputError
from tests.comparison.test_trend import FakeLabels

PERFECT = Rates(tp=10**7, fp=0, fn=0, tn=10**7)
POOR = Rates(tp=12, fp=6, fn=5, tn=120)


def document(symbol: str, n: int, with_a: int, with_b: int = 0) -> list[FakeLabels]:
    return [
        FakeLabels(symbol, "en", i, ({"a": ()} if i <= with_a else {}) | ({"b": ()} if i <= with_b else {}))
        for i in range(1, n + 1)
    ]


@pytest.mark.parametrize(("k", "n"), [(0, 16), (3, 16), (16, 16), (5, 80), (24, 80)])
def test_perfect_rates_reduce_to_the_sampling_interval(k, n):
    labels = document("S/1", n, k)
    row = shares_with_error(labels, "theme", [("S/1", "en")], {"a": PERFECT}, reps=100_000, seed=3).iloc[0]
    low, high = wilson_interval(k, n)  # the package's sampling interval (scipy's Wilson)
    assert row["low"] == pytest.approx(low, abs=0.006)
    assert row["high"] == pytest.approx(high, abs=0.006)
    assert row["share"] == k / n and row["note"] == ""


def test_poor_rates_widen_the_interval():
    labels = document("S/1", 60, 12)
    perfect = shares_with_error(labels, "theme", [("S/1", "en")], {"a": PERFECT}).iloc[0]
    poor = shares_with_error(labels, "theme", [("S/1", "en")], {"a": POOR}).iloc[0]
    assert poor["high"] - poor["low"] > 1.2 * (perfect["high"] - perfect["low"])
    assert "Beta(tp+1, fp+1)" in poor["method"] and "transfer" in poor["method"]


@pytest.mark.parametrize("n", [16, 80])
@pytest.mark.parametrize("p", [0.0, 0.05, 0.3])
def test_coverage_with_perfect_rates_is_nominal(n, p):
    """Exact coverage over every count 0..n (binomial weights), each interval from 2,000 replicates."""
    rng = np.random.default_rng(11)
    covered = 0.0
    for k in range(n + 1):
        _, low, high = error_interval(k, n, PERFECT, 2000, rng)
        covered += stats.binom.pmf(k, n, p) * (low <= p <= high)
    assert covered >= 0.93


def test_every_document_and_label_is_a_row_and_labels_without_support_say_so():
    labels = document("S/1", 16, 3, 1) + document("S/2", 20, 0, 4)
    rates = {"a": POOR, "never": Rates(0, 0, 0, 300)}
    table = shares_with_error(labels, "theme", [("S/2", "en"), ("S/1", "en")], rates, reps=500)
    assert list(table.columns) == UNCERTAINTY_COLUMNS
    assert list(zip(table["symbol"], table["label"])) == [
        (s, lab) for s in ("S/2", "S/1") for lab in ("a", "never", "b")
    ]
    indexed = table.set_index(["symbol", "label"])
    assert indexed.loc[("S/2", "a"), "count"] == 0 and indexed.loc[("S/2", "a"), "paragraphs"] == 20
    assert not np.isnan(indexed.loc[("S/2", "a"), "high"])
    assert np.isnan(indexed.loc[("S/1", "b"), "low"]) and indexed.loc[("S/1", "b"), "note"] == NO_RATES
    assert np.isnan(indexed.loc[("S/1", "never"), "high"]) and indexed.loc[("S/1", "never"), "note"] == NO_SUPPORT
    assert indexed.loc[("S/1", "b"), "share"] == 1 / 16  # the observed share is still given


def test_seeded_and_refusals():
    labels = document("S/1", 30, 6)
    first = shares_with_error(labels, "theme", [("S/1", "en")], {"a": POOR}, reps=300, seed=5)
    assert first.equals(shares_with_error(labels, "theme", [("S/1", "en")], {"a": POOR}, reps=300, seed=5))
    with pytest.raises(ValueError, match="S/9"):
        shares_with_error(labels, "theme", [("S/9", "en")], {"a": POOR})
    with pytest.raises(ValueError, match="verb"):
        shares_with_error(labels, "verb", [("S/1", "en")], {"a": POOR})


def test_error_rates_read_the_package_file():
    themes = error_rates("themes")
    assert set(themes) == set(theme_names())
    recorded = json.loads(error_rates_path().read_text(encoding="utf-8"))
    corruption = recorded["dimensions"]["themes"]["all"]["codes"]["corruption"]
    assert themes["corruption"] == Rates(**corruption)
    english, chinese = error_rates("themes", "en"), error_rates("themes", "zh")
    assert english["corruption"].tp + chinese["corruption"].tp == themes["corruption"].tp
    assert set(error_rates("funding_kind")) and set(error_rates("addressees")) and set(error_rates("subject_themes"))
    with pytest.raises(InputError, match="no dimension 'verbs'"):
        error_rates("verbs")


def test_rates_properties():
    rates = Rates(tp=8, fp=2, fn=1, tn=9)
    assert rates.positive_predictive_value == 0.8 and rates.false_omission_rate == 0.1 and rates.supported
    assert not Rates(0, 0, 0, 5).supported and np.isnan(Rates(0, 0, 0, 5).positive_predictive_value)
