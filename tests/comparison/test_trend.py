"""The trend of a theme over the series: a logistic GEE clustered by resolution, Holm over the themes,
NaN with a stated reason where no estimate exists. Synthetic paragraphs are built in code (labels only,
no text); the bundled series is read from the package's corpus."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pytest
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.multitest import multipletests

from analysis.comparison.trend import TREND_COLUMNS, presence_frame, separated, theme_trend

YEARS = {"S/1": 2007, "S/2": 2019, "S/3": 2020, "S/4": 2021, "S/5": 2022, "S/6": 2023, "S/7": 2025}


@dataclass(frozen=True)
class FakeLabels:
    """What theme_trend reads of a ParagraphLabels: symbol, language, number and themes."""

    symbol: str
    language: str
    number: int
    themes: dict = field(default_factory=dict)


def synthetic(slopes: dict[str, float], per_resolution: int = 60, seed: int = 7, language: str = "en") -> list:
    """Paragraphs whose themes are drawn with log-odds -1.5 + slope × (year − 2020)."""
    rng = np.random.default_rng(seed)
    out = []
    for symbol, year in YEARS.items():
        for number in range(1, per_resolution + 1):
            themes = {
                t: () for t, slope in slopes.items() if rng.random() < 1 / (1 + np.exp(1.5 - slope * (year - 2020)))
            }
            out.append(FakeLabels(symbol, language, number, themes))
    return out


def test_columns_and_a_rising_theme():
    labels = synthetic({"rising": 0.15, "flat": 0.0})
    table = theme_trend(labels, YEARS, ["rising", "flat"])
    assert list(table.columns) == TREND_COLUMNS
    rising = table.set_index("label").loc["rising"]
    assert rising["resolutions"] == 7 and rising["paragraphs"] == 7 * 60
    assert rising["odds_ratio_per_year"] > 1 and rising["low"] < np.exp(0.15) < rising["high"]
    assert rising["low"] < rising["odds_ratio_per_year"] < rising["high"]
    assert "with 7 resolutions the interval is approximate" in rising["caveat"]
    assert "confounded" in rising["caveat"]
    assert "bias-reduced" in rising["method"] and "t with 5 df" in rising["method"]


def test_the_estimate_is_statsmodels_gee_with_the_stated_interval():
    labels = synthetic({"rising": 0.15})
    row = theme_trend(labels, YEARS, ["rising"]).iloc[0]
    frame = presence_frame(labels, YEARS, ["rising"])
    centred = frame["year"] - np.mean(sorted(set(YEARS.values())))
    structure = (
        sm.cov_struct.Exchangeable() if "exchangeable working" in row["method"] else sm.cov_struct.Independence()
    )
    fit = sm.GEE(
        frame["rising"],
        sm.add_constant(centred.to_numpy(dtype=float)),
        groups=frame["symbol"],
        family=sm.families.Binomial(),
        cov_struct=structure,
    ).fit(maxiter=200, cov_type="bias_reduced")
    slope, se = fit.params.iloc[1], fit.bse.iloc[1]
    assert row["odds_ratio_per_year"] == pytest.approx(np.exp(slope))
    q = stats.t.ppf(0.975, 5)
    assert row["low"] == pytest.approx(np.exp(slope - q * se))
    assert row["high"] == pytest.approx(np.exp(slope + q * se))
    assert row["p"] == pytest.approx(2 * stats.t.sf(abs(slope / se), 5))


def test_holm_over_the_themes_of_the_table():
    labels = synthetic({"a": 0.15, "b": 0.05, "c": 0.0})
    table = theme_trend(labels, YEARS, ["a", "b", "c"])
    expected = multipletests(table["p"], method="holm")[1]
    assert table["p_adjusted"].tolist() == pytest.approx(list(expected))
    assert set(table["adjustment"]) == {"holm over the 3 themes of the trend table"}


def test_a_theme_in_one_resolution_has_no_estimate_and_says_why():
    labels = synthetic({"a": 0.1})
    labels = [
        FakeLabels(x.symbol, x.language, x.number, x.themes | ({"lone": ()} if x.symbol == "S/3" else {}))
        for x in labels
    ]
    table = theme_trend(labels, YEARS, ["a", "lone", "never"]).set_index("label")
    for theme, why in (("lone", "in 1 of 7 resolutions"), ("never", "in 0 of 7 resolutions")):
        row = table.loc[theme]
        assert np.isnan(row["odds_ratio_per_year"]) and np.isnan(row["p"]) and np.isnan(row["p_adjusted"])
        assert row["caveat"].startswith("no estimate:") and why in row["caveat"]
    assert table.loc["a", "adjustment"] == (
        "holm over the 1 themes of the trend table with an estimate (2 without one are outside the family)"
    )


def test_separation_has_no_estimate_and_says_why():
    # present in every paragraph from 2021 on, in none before: a year threshold separates the two
    labels = [FakeLabels(s, "en", n, {"late": ()} if y >= 2021 else {}) for s, y in YEARS.items() for n in range(1, 11)]
    row = theme_trend(labels, YEARS, ["late"]).iloc[0]
    assert np.isnan(row["odds_ratio_per_year"])
    assert "separates" in row["caveat"]
    assert separated(np.array([1.0, 2, 3, 3]), np.array([0, 0, 1, 1]))
    assert not separated(np.array([1.0, 2, 3, 3]), np.array([0, 1, 0, 1]))


def test_a_fit_that_fails_is_a_stated_nan_not_a_crash(monkeypatch):
    import analysis.comparison.trend as trend

    def failing(*args, **kwargs):
        return None, "the fit did not converge: iteration limit reached prior to convergence"

    monkeypatch.setattr(trend, "_fit", failing)
    row = theme_trend(synthetic({"a": 0.1}), YEARS, ["a"]).iloc[0]
    assert np.isnan(row["odds_ratio_per_year"]) and "did not converge" in row["caveat"]


def test_one_reading_and_every_year_given():
    labels = synthetic({"a": 0.1}) + synthetic({"a": 0.1}, language="zh")
    with pytest.raises(ValueError, match="one reading"):
        theme_trend(labels, YEARS, ["a"])
    with pytest.raises(ValueError, match="no year given for S/7"):
        theme_trend(synthetic({"a": 0.1}), {k: v for k, v in YEARS.items() if k != "S/7"}, ["a"])


def test_the_same_table_every_run():
    labels = synthetic({"a": 0.1, "b": -0.05})
    assert theme_trend(labels, YEARS, ["a", "b"]).equals(theme_trend(labels, YEARS, ["a", "b"]))


def test_the_bundled_series_every_theme_an_estimate_or_a_reason():
    import analysis
    from analysis import lexicon
    from analysis.coding.labels import classify_resolution
    from analysis.coding.themes import theme_names

    table = lexicon.comparisons()
    years = {table["focus"]: table["focus_year"]} | {e["symbol"]: e["year"] for e in table["successors"]}
    labels = [x for r in analysis.load(list(years), lang="zh") for x in classify_resolution(r)]
    themes = list(theme_names())
    trend = theme_trend(labels, years, themes)
    assert len(trend) == len(themes) and set(trend["resolutions"]) == {7}
    assert set(trend["paragraphs"]) == {len(labels)}
    missing = trend["odds_ratio_per_year"].isna()
    assert trend.loc[missing, "caveat"].str.startswith("no estimate:").all()
    estimated = trend[~missing]
    assert not estimated.empty
    assert (
        (estimated["low"] <= estimated["odds_ratio_per_year"]) & (estimated["odds_ratio_per_year"] <= estimated["high"])
    ).all()
    assert (estimated["p_adjusted"] >= estimated["p"]).all()
    assert estimated["caveat"].str.contains("with 7 resolutions the interval is approximate").all()
