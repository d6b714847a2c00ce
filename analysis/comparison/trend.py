"""The series as a series: a logistic GEE of each theme's presence in a paragraph on the year,
paragraphs clustered by resolution, with a Holm adjustment over the themes of the table.

A paragraph is not an independent draw: paragraphs of one resolution were negotiated together, so
they form one cluster (exchangeable working correlation). The series has few members (7 in
``data/comparisons.toml``); with fewer than :data:`FEW_CLUSTERS` resolutions the covariance is the
bias-reduced sandwich of Mancl and DeRouen and the interval and p use a t distribution with k − 2
degrees of freedom (k resolutions), which is still approximate. The year stands for everything else
that changed between the members (the drafting team, the programme's mandate, the gap 2007 → 2019),
so the slope describes the series; it is not an effect of time.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from analysis.coding.labels import ParagraphLabels
from analysis.comparison.shares import adjust_p, paragraph_labels

FEW_CLUSTERS = 10  # below this many resolutions: bias-reduced covariance, t with k - 2 df
MAX_LINEAR_PREDICTOR = 15.0  # |log-odds| beyond this in a fitted paragraph: the fit separates
TREND_COLUMNS = [
    "label",
    "resolutions",
    "paragraphs",
    "present",
    "odds_ratio_per_year",
    "low",
    "high",
    "p",
    "p_adjusted",
    "adjustment",
    "caveat",
    "method",
]


@dataclass(frozen=True)
class TrendFit:
    """One theme's fitted slope on the year (log-odds per year) with its 95 % interval and p, or why not."""

    log_odds: float = float("nan")
    low: float = float("nan")
    high: float = float("nan")
    p: float = float("nan")
    problem: str = ""  # why there is no estimate ("" when there is one)
    method: str = ""


def presence_frame(
    labels: Iterable[ParagraphLabels], years: Mapping[str, int], themes: Sequence[str], kind: str = "theme"
) -> pd.DataFrame:
    """One row per paragraph: ``symbol``, ``year``, ``paragraph`` and a 0/1 column per theme (read with
    :func:`~analysis.comparison.shares.paragraph_labels` of ``kind``). One language only."""
    labels = list(labels)
    languages = sorted({x.language for x in labels})
    if len(languages) > 1:
        raise ValueError(f"a trend is fitted in one reading; the labels are in {', '.join(languages)}")
    unknown = sorted({x.symbol for x in labels} - set(years))
    if unknown:
        raise ValueError(f"no year given for {', '.join(unknown)}")
    rows = []
    for x in labels:
        found = set(paragraph_labels(x, kind))
        rows.append(
            {"symbol": x.symbol, "year": years[x.symbol], "paragraph": x.number} | {t: int(t in found) for t in themes}
        )
    return pd.DataFrame(rows, columns=["symbol", "year", "paragraph", *themes])


def separated(year: np.ndarray, present: np.ndarray) -> bool:
    """Whether a threshold on the year splits presence from absence (complete or quasi-complete
    separation of a logistic fit with one covariate): the maximum likelihood slope is then infinite."""
    yes, no = year[present == 1], year[present == 0]
    if not yes.size or not no.size:
        return True
    return bool(no.max() <= yes.min() or yes.max() <= no.min())


def fit_trend(frame: pd.DataFrame, theme: str) -> TrendFit:
    """The GEE of ``theme``'s presence on the centred year (``frame``: :func:`presence_frame`); NaN and
    the reason when the theme is in fewer than two resolutions, separates or the fit fails."""
    y = frame[theme].to_numpy(dtype=float)
    year = frame["year"].to_numpy(dtype=float)
    clusters = frame["symbol"].nunique()
    with_theme = frame.loc[frame[theme] == 1, "symbol"].nunique()
    if with_theme < 2:
        return TrendFit(problem=f"in {with_theme} of {clusters} resolutions: no trend can be estimated")
    if frame["year"].nunique() < 2:
        return TrendFit(problem="every resolution has the same year")
    if separated(year, y):
        return TrendFit(problem="a year threshold separates presence from absence: the slope is infinite")
    if clusters < 3:
        return TrendFit(problem=f"{clusters} resolutions: too few clusters for a clustered interval")
    return _gee(y, year - np.mean(sorted(set(year))), frame["symbol"].to_numpy(), clusters)


def _gee(y: np.ndarray, centred_year: np.ndarray, groups: np.ndarray, clusters: int) -> TrendFit:
    """Fit with an exchangeable working correlation; where that fails to converge (with long clusters
    and a within-resolution correlation near or below 0 it often diverges), with independence, whose
    sandwich covariance is still valid (the working correlation only changes efficiency): said in
    ``method``. Every numerical failure is a stated problem, never a crash."""
    import statsmodels.api as sm  # type: ignore[import-untyped]

    few = clusters < FEW_CLUSTERS
    design = sm.add_constant(centred_year)
    fitted, problem = _fit(y, design, groups, sm.cov_struct.Exchangeable(), few)
    working = "exchangeable working correlation"
    if fitted is None:
        fitted, fallback_problem = _fit(y, design, groups, sm.cov_struct.Independence(), few)
        working = f"independence working correlation (with the exchangeable one, {problem})"
        problem = fallback_problem
    if fitted is None:
        return TrendFit(problem=problem)
    slope, se = float(fitted.params[1]), float(fitted.bse[1])
    if few:
        df = clusters - 2
        quantile, p = float(stats.t.ppf(0.975, df)), float(2 * stats.t.sf(abs(slope / se), df))
        method = f"logistic GEE, {working}, bias-reduced (Mancl-DeRouen) covariance, t with {df} df"
    else:
        quantile, p = float(stats.norm.ppf(0.975)), float(fitted.pvalues[1])
        method = f"logistic GEE, {working}, robust sandwich covariance, normal"
    return TrendFit(slope, slope - quantile * se, slope + quantile * se, p, method=method)


def _fit(y: np.ndarray, design: np.ndarray, groups: np.ndarray, structure: object, few: bool) -> tuple[Any, str]:
    """One GEE fit and "" , or None and why it cannot be used (no convergence, no finite slope, separation)."""
    import statsmodels.api as sm
    from statsmodels.tools.sm_exceptions import ConvergenceWarning, IterationLimitWarning  # type: ignore[import-untyped]

    model = sm.GEE(y, design, groups=groups, family=sm.families.Binomial(), cov_struct=structure)
    try:
        with warnings.catch_warnings():
            for category in (ConvergenceWarning, IterationLimitWarning, RuntimeWarning):
                warnings.simplefilter("error", category)
            result = model.fit(maxiter=200, cov_type="bias_reduced" if few else "robust")
    except (ConvergenceWarning, IterationLimitWarning, RuntimeWarning) as warning:
        return None, f"the fit did not converge: {str(warning).rstrip('.').lower()}"
    except (np.linalg.LinAlgError, ValueError, FloatingPointError) as error:
        return None, f"the fit failed ({type(error).__name__}: {str(error)[:80]})"
    if result is None:
        return None, "the fit did not converge (no estimate)"
    slope, se = float(result.params[1]), float(result.bse[1])
    if not (np.isfinite(slope) and np.isfinite(se) and se > 0):
        return None, "the fit gave no finite slope and standard error"
    if np.max(np.abs(design @ np.asarray(result.params))) > MAX_LINEAR_PREDICTOR:
        return None, "fitted probabilities at 0 or 1: the fit (quasi-)separates"
    return result, ""


def _caveat(frame: pd.DataFrame, fit: TrendFit) -> str:
    """What the row cannot show: always the confounding, and the approximation with few resolutions."""
    k = frame["symbol"].nunique()
    first, last = int(frame["year"].min()), int(frame["year"].max())
    if fit.problem:
        return f"no estimate: {fit.problem}"
    approximate = f"with {k} resolutions the interval is approximate; " if k < FEW_CLUSTERS else ""
    return (
        f"{approximate}the year ({first}–{last}, unevenly spaced) is confounded with everything else that "
        "changed between the resolutions: a description of the series, not an effect of time"
    )


def theme_trend(
    labels: Iterable[ParagraphLabels], years: Mapping[str, int], themes: Sequence[str], kind: str = "theme"
) -> pd.DataFrame:
    """Per theme, the odds ratio per year of the theme's presence in a paragraph, from a logistic GEE
    clustered by resolution, with its 95 % interval, p and Holm's adjustment over the themes of the
    table (those with an estimate).

    ``labels``: the paragraphs of the series in one language; ``years``: each symbol's year; ``kind``:
    which labels a paragraph counts under ("theme" for every theme mentioned, "subject_theme", …).
    Columns :data:`TREND_COLUMNS`; a theme without an estimate has NaN and says why in ``caveat``.
    """
    frame = presence_frame(labels, years, themes, kind)
    fits = [fit_trend(frame, t) for t in themes]
    adjusted = adjust_p([f.p for f in fits]).tolist()
    tested = sum(np.isfinite(f.p) for f in fits)
    untested = len(fits) - tested
    adjustment = f"holm over the {tested} themes of the trend table" + (
        f" with an estimate ({untested} without one are outside the family)" if untested else ""
    )
    rows = []
    for theme, fit, p_adjusted in zip(themes, fits, adjusted):
        rows.append(
            {
                "label": theme,
                "resolutions": frame["symbol"].nunique(),
                "paragraphs": len(frame),
                "present": int(frame[theme].sum()),
                "odds_ratio_per_year": float(np.exp(fit.log_odds)),
                "low": float(np.exp(fit.low)),
                "high": float(np.exp(fit.high)),
                "p": fit.p,
                "p_adjusted": p_adjusted,
                "adjustment": adjustment if not fit.problem else "",
                "caveat": _caveat(frame, fit),
                "method": fit.method,
            }
        )
    return pd.DataFrame(rows, columns=TREND_COLUMNS)
