"""Annotator agreement: Cohen's kappa between two independent codings of the same paragraphs, per
dimension and per code, with the third reader's decisions where the two disagreed.

``verb`` is one nominal label per paragraph. Every other dimension is a set of codes, read as one yes/no
decision per code and paragraph: a code's kappa from its decisions, the dimension's from the decisions
of all its codes pooled (the codes either annotator used in the pair). Kappa, its standard error and
95 % interval are statsmodels' (``statsmodels.stats.inter_rater.cohens_kappa``: the asymptotic interval,
which treats the decisions as independent, kept within [-1, 1]).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Sequence
from statistics import NormalDist

import pandas as pd

from analysis.gold.labels import KEY, AgreementPair, _labels, read_adjudication, read_pair
from analysis.lexicon import GOLD_DIMENSIONS

AGREEMENT_COLUMNS = [
    "pair",
    "set",
    "dimension",
    "label",
    "paragraphs",
    "decisions",
    "yes_first",
    "yes_second",
    "observed",
    "kappa",
    "kappa_low",
    "kappa_high",
    "differ",
    "adjudicated",
]
POOLED = "all"  # the label of a dimension's pooled row


def kappa(first: Sequence[object], second: Sequence[object]) -> dict[str, float]:
    """Observed agreement and Cohen's kappa with its 95 % interval for two codings of the same items;
    kappa is undefined (NaN) when both codings use one and the same category throughout."""
    from statsmodels.stats.inter_rater import cohens_kappa  # type: ignore[import-untyped]

    n = len(first)
    observed = sum(a == b for a, b in zip(first, second)) / n if n else float("nan")
    categories = sorted({*map(str, first), *map(str, second)})
    nan = {"observed": observed, "kappa": float("nan"), "kappa_low": float("nan"), "kappa_high": float("nan")}
    if n == 0 or len(categories) < 2:
        return nan
    index = {c: i for i, c in enumerate(categories)}
    table = pd.crosstab(
        pd.Categorical([index[str(a)] for a in first], categories=range(len(categories))),
        pd.Categorical([index[str(b)] for b in second], categories=range(len(categories))),
        dropna=False,
    ).to_numpy()
    expected = (table.sum(axis=1) @ table.sum(axis=0)) / n**2
    if expected >= 1:  # both coders used one category each, the same: chance explains everything
        return nan
    with warnings.catch_warnings():  # the test against kappa = 0 divides by zero where agreement is perfect
        warnings.simplefilter("ignore", RuntimeWarning)
        result = cohens_kappa(table)
    # statsmodels' interval, kappa -/+ z * its standard error, with a variance that rounding made a hair
    # below zero (perfect agreement) read as zero, and the interval kept within kappa's range [-1, 1]
    value = float(result.kappa) + 0.0  # no -0.0
    if (table.sum(axis=0) == n).any() or (table.sum(axis=1) == n).any():  # one coder used one category only:
        return nan | {"kappa": value}  # kappa is 0 whatever the other did, and its standard error degenerates
    half = NormalDist().inv_cdf(0.975) * math.sqrt(max(float(result.var_kappa), 0.0))
    return {
        "observed": observed,
        "kappa": value,
        "kappa_low": max(value - half, -1.0),
        "kappa_high": min(value + half, 1.0),
    }


def _set_rows(dimension: str, first: list[frozenset[str]], second: list[frozenset[str]]) -> list[dict]:
    """The pooled row of a set-valued dimension, then one row per code either coder used."""
    codes = sorted(set().union(*first, *second))
    decisions = {code: ([code in a for a in first], [code in b for b in second]) for code in codes}
    pooled_first = [x for code in codes for x in decisions[code][0]]
    pooled_second = [x for code in codes for x in decisions[code][1]]
    rows = [
        {
            "dimension": dimension,
            "label": POOLED,
            "decisions": len(pooled_first),
            "yes_first": sum(pooled_first),
            "yes_second": sum(pooled_second),
            "differ": sum(a != b for a, b in zip(first, second)),
            **kappa(pooled_first, pooled_second),
        }
    ]
    for code in codes:
        a, b = decisions[code]
        rows.append(
            {
                "dimension": dimension,
                "label": code,
                "decisions": len(a),
                "yes_first": sum(a),
                "yes_second": sum(b),
                "differ": sum(x != y for x, y in zip(a, b)),
                **kappa(a, b),
            }
        )
    return rows


def pair_agreement(
    first: pd.DataFrame, second: pd.DataFrame, dimensions: Iterable[str] = GOLD_DIMENSIONS
) -> pd.DataFrame:
    """Kappa per dimension and code between two codings of the same paragraphs, row for row."""
    rows: list[dict] = []
    for dimension in dimensions:
        if dimension == "verb":
            a, b = first["verb"].tolist(), second["verb"].tolist()
            rows.append(
                {
                    "dimension": dimension,
                    "label": POOLED,
                    "decisions": len(a),
                    "differ": sum(x != y for x, y in zip(a, b)),
                    **kappa(a, b),
                }
            )
        else:
            rows += _set_rows(
                dimension, first[dimension].map(_labels).tolist(), second[dimension].map(_labels).tolist()
            )
    frame = pd.DataFrame(rows)
    frame["paragraphs"] = len(first)
    return frame.astype({"yes_first": "Int64", "yes_second": "Int64"})


def agreement(pairs: Iterable[AgreementPair]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Kappa for every pair (one table, ``pair`` naming it), and the third reader's decisions on the
    paragraphs of the pairs that have them (with the pair's name). ``adjudicated`` counts, on a
    dimension's pooled row, the disagreements the third reader decided."""
    tables, decisions = [], []
    for pair in pairs:
        first, second = read_pair(pair)
        table = pair_agreement(first, second).assign(pair=pair.name, set=pair.set)
        table["adjudicated"] = float("nan")
        if pair.adjudication:
            decided = read_adjudication(pair.adjudication).merge(second[KEY], on=KEY)
            counts = decided.groupby("dimension").size()
            pooled = table["label"] == POOLED
            table.loc[pooled, "adjudicated"] = table.loc[pooled, "dimension"].map(counts).fillna(0)
            decisions.append(decided.assign(pair=pair.name))
        tables.append(table)
    result = (
        pd.concat(tables, ignore_index=True)[AGREEMENT_COLUMNS] if tables else pd.DataFrame(columns=AGREEMENT_COLUMNS)
    )
    adjudication = pd.concat(decisions, ignore_index=True) if decisions else pd.DataFrame()
    return result, adjudication
