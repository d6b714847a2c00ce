"""Label shares with small-count uncertainty: counts per resolution, shares with Wilson score
intervals, differences of shares with Newcombe's hybrid score interval and Fisher's exact p, p-values
adjusted over a stated family (Holm unless told otherwise), the Jensen–Shannon distance and strength
profiles (median, quartiles and the share that press: the strength scale is ordinal, never averaged).

Counts in a resolution are small (16 operative paragraphs in 62/175), so differences carry an exact
test and a score interval (which stays honest at a count of 0), never a bare chi-square or a bootstrap
at the observed share."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
from scipy.spatial.distance import jensenshannon
from scipy.stats import binomtest, fisher_exact

from analysis.coding.labels import ParagraphLabels
from analysis.coding.verbs import strengths

SEED = 20071218  # fixed: the same figures on every run
CONFIDENCE = 0.95
PRESSING = 5  # strength of requests (data/lexicon/verb_strength.csv): a paragraph at or above it presses
DIFFERENCE_KEYS = ("difference", "low", "high", "p_fisher")
_COMPARE_COLUMNS = ["label", "earlier", "later", "earlier_count", "earlier_n", "later_count", "later_n"]
STRENGTH_COLUMNS = [
    "symbol",
    "language",
    "paragraphs",
    "median_strength",
    "strength_q1",
    "strength_q3",
    "pressing",
    "pressing_share",
    "pressing_low",
    "pressing_high",
]

# What a paragraph is counted under, by kind of label (docs/codebook.md): every theme it mentions, its
# subject themes, its addressees, its kinds of money; verbs are read in ``paragraph_labels``.
LABEL_READERS: dict[str, Callable[[ParagraphLabels], Iterable[str]]] = {
    "theme": lambda x: x.themes,
    "subject_theme": lambda x: x.subjects,
    "addressee": lambda x: x.addressee_codes(),
    "funding_kind": lambda x: x.funding_kinds,
}
KINDS = ("verb", *LABEL_READERS)


def paragraph_labels(x: ParagraphLabels, kind: str, primary_only: bool = False) -> list[str]:
    """The labels of ``kind`` one paragraph counts under, each once (the primary verb alone with
    ``primary_only``)."""
    if kind == "verb":
        names = [x.verbs.verb] if primary_only else list(x.verbs.verbs)
    elif kind in LABEL_READERS:
        names = list(LABEL_READERS[kind](x))
    else:
        raise ValueError(f"unknown kind of label {kind!r}; choose from {', '.join(KINDS)}")
    return [n for n in dict.fromkeys(names) if n]


def label_counts(labels: Iterable[ParagraphLabels], kind: str, primary_only: bool = False) -> pd.DataFrame:
    """Tidy counts: one row per (symbol, language, label) with the share of operative paragraphs.

    ``kind`` is one of :data:`KINDS` ("verb", "theme", "subject_theme", "addressee", "funding_kind");
    a paragraph counts once per label.
    """
    labels = list(labels)
    rows = []
    for x in labels:
        rows += [
            {"symbol": x.symbol, "language": x.language, "label": n, "paragraph": x.number}
            for n in paragraph_labels(x, kind, primary_only)
        ]
    totals = pd.DataFrame([{"symbol": x.symbol, "language": x.language} for x in labels]).value_counts()
    frame = pd.DataFrame(rows, columns=["symbol", "language", "label", "paragraph"])
    counts = frame.groupby(["symbol", "language", "label"]).size().rename("count").reset_index()
    counts["paragraphs"] = [int(totals[(s, lang)]) for s, lang in zip(counts["symbol"], counts["language"])]
    counts["share"] = counts["count"] / counts["paragraphs"]
    return counts


def share_grid(
    counts: pd.DataFrame, symbols: Sequence[str], labels: Sequence[str], paragraphs: Mapping[str, int]
) -> pd.DataFrame:
    """Every (symbol, label) pair, zero counts included, with its share and 95 % Wilson interval.

    ``paragraphs``: operative paragraphs per symbol (the denominators; a label absent from a
    resolution still has an interval, which is what a small count needs).
    """
    by = counts.set_index(["symbol", "label"])["count"] if not counts.empty else pd.Series(dtype=int)
    rows = []
    for symbol in symbols:
        n = int(paragraphs[symbol])
        for label in labels:
            k = int(by.get((symbol, label), 0))
            low, high = wilson_interval(k, n)
            rows.append(
                {
                    "symbol": symbol,
                    "label": label,
                    "count": k,
                    "paragraphs": n,
                    "share": k / n if n else float("nan"),
                    "low": low,
                    "high": high,
                }
            )
    return pd.DataFrame(rows)


def wilson_interval(count: int, n: int) -> tuple[float, float]:
    """95 % Wilson score interval of ``count`` of ``n`` (NaN for ``n`` = 0): honest at small counts."""
    if not n:
        return float("nan"), float("nan")
    interval = binomtest(count, n).proportion_ci(confidence_level=CONFIDENCE, method="wilson")
    return float(interval.low), float(interval.high)


def share_table(
    labels: Iterable[ParagraphLabels],
    kind: str,
    baseline: tuple[str, str] | None = None,
    label_order: Sequence[str] | None = None,
    method: str = "holm",
) -> pd.DataFrame:
    """Per document and label: count, share with its Wilson interval, and the difference from the
    ``baseline`` document (symbol, language) with its Newcombe interval, Fisher's p and that p adjusted
    (``method``, see :func:`adjust_p`) over the labels compared in one pair of documents.

    Every (document, label) pair is a row, zero counts included; ``kind`` (see :func:`label_counts`)
    "verb" counts primary verbs.
    The baseline is the first document when none is given; its own rows have no difference.
    """
    labels = list(labels)
    documents = list(dict.fromkeys((x.symbol, x.language) for x in labels))
    if not documents:
        raise ValueError("nothing to compare: no operative paragraphs")
    base = baseline if baseline is not None else documents[0]
    if base not in documents:
        raise KeyError(f"baseline {base[0]} ({base[1]}) is not among the documents compared")
    counts = label_counts(labels, kind, primary_only=kind == "verb")
    by = counts.set_index(["symbol", "language", "label"])["count"].to_dict()
    totals = {d: sum(1 for x in labels if (x.symbol, x.language) == d) for d in documents}
    order = list(label_order) if label_order is not None else sorted(counts["label"].unique())
    rows = []
    for document in documents:
        n = totals[document]
        for label in order:
            k = int(by.get((*document, label), 0))
            low, high = wilson_interval(k, n)
            if document == base:
                diff = dict.fromkeys(DIFFERENCE_KEYS, float("nan"))
            else:
                diff = share_difference(int(by.get((*base, label), 0)), totals[base], k, n)
            rows.append(
                {
                    "symbol": document[0],
                    "language": document[1],
                    "label": label,
                    "count": k,
                    "paragraphs": n,
                    "share": k / n,
                    "share_low": low,
                    "share_high": high,
                    "baseline": f"{base[0]} ({base[1]})",
                    "difference": diff["difference"],
                    "difference_low": diff["low"],
                    "difference_high": diff["high"],
                    "p_fisher": diff["p_fisher"],
                }
            )
    family = f"the {{m}} labels of {base[0]} ({base[1]}) vs {{symbol}} ({{language}})"
    return adjust_family(pd.DataFrame(rows), ["symbol", "language"], family, method)


def share_difference(a_count: int, a_n: int, b_count: int, b_n: int) -> dict[str, float]:
    """Difference of two shares (b − a), its 95 % Newcombe hybrid score interval (Newcombe 1998, method
    10: built from the two Wilson intervals; statsmodels) and Fisher's exact two-sided p (scipy).

    A share of no paragraphs is undefined, and so is everything here then (NaN, not an error).
    """
    from statsmodels.stats.proportion import confint_proportions_2indep  # type: ignore[import-untyped]

    if not a_n or not b_n:
        return dict.fromkeys(DIFFERENCE_KEYS, float("nan"))
    low, high = confint_proportions_2indep(
        b_count, b_n, a_count, a_n, method="newcomb", compare="diff", alpha=1 - CONFIDENCE
    )
    _, p = fisher_exact([[a_count, a_n - a_count], [b_count, b_n - b_count]])
    return {"difference": b_count / b_n - a_count / a_n, "low": float(low), "high": float(high), "p_fisher": float(p)}


def adjust_p(p_values: Iterable[float], method: str = "holm") -> np.ndarray:
    """P-values adjusted for multiplicity over one family (statsmodels ``multipletests``: "holm",
    "fdr_bh" for Benjamini–Hochberg, "bonferroni" …). A NaN (no test) stays NaN and is not counted in
    the family."""
    from statsmodels.stats.multitest import multipletests  # type: ignore[import-untyped]

    p = np.asarray(list(p_values), dtype=float)
    adjusted = np.full(p.shape, np.nan)
    tested = ~np.isnan(p)
    try:
        adjusted[tested] = multipletests(p[tested], method=method)[1]
    except ValueError:
        raise ValueError(f"unknown adjustment method {method!r}; see statsmodels' multipletests") from None
    return adjusted


def adjust_family(frame: pd.DataFrame, by: list[str], family: str, method: str = "holm") -> pd.DataFrame:
    """``frame`` with ``p_adjusted`` (its ``p_fisher`` adjusted within each group of ``by``, every row
    one family when ``by`` is empty) and ``adjustment``: the method and the family in words, e.g.
    "holm over the 30 tests of differences.csv".

    ``family`` may name the number of tests in the group as ``{m}`` and a column of ``by`` as
    ``{column}``; rows without a test (NaN p) get NaN and an empty ``adjustment``.
    """
    adjust_p([], method)  # an unknown method is named even when there is nothing to adjust
    p_all = frame["p_fisher"].to_numpy(dtype=float)
    adjusted = np.full(len(frame), np.nan)
    words = np.full(len(frame), "", dtype=object)
    positions = frame.reset_index(drop=True)
    groups = positions.groupby(by, sort=False, dropna=False) if by else [((), positions)]
    for key, part in groups:
        rows = part.index.to_numpy()
        adjusted[rows] = adjust_p(p_all[rows], method)
        tested = rows[~np.isnan(p_all[rows])]
        if len(tested):
            words[tested] = f"{method} over {family.format(m=len(tested), **dict(zip(by, key)))}"
    return frame.assign(p_adjusted=adjusted, adjustment=words)


def compare_two(
    counts: pd.DataFrame,
    earlier: str,
    later: str,
    language: str | None,
    labels: Sequence[str] | None = None,
    family: str | None = None,
    method: str = "holm",
) -> pd.DataFrame:
    """Per label: counts and shares in two resolutions, their difference (later − earlier) with its
    Newcombe interval, Fisher's p and that p adjusted (``method``) over the labels compared here.

    ``family``: words naming the family of tests for the ``adjustment`` column (``{m}`` the number of
    tests), instead of "the {m} labels of EARLIER vs LATER". ``language`` None: the table holds one
    language per symbol (a series read across languages, on the canonical labels the two languages
    share)."""
    part = counts if language is None else counts[counts["language"] == language]
    n = part.groupby("symbol")["paragraphs"].first()
    if earlier not in n or later not in n:
        missing = [s for s in (earlier, later) if s not in n]
        raise KeyError(f"not in the table: {', '.join(missing)} ({language})")
    by = part.set_index(["symbol", "label"])["count"]
    labels = list(labels) if labels is not None else sorted(part["label"].unique())
    rows = []
    for label in labels:
        a, b = int(by.get((earlier, label), 0)), int(by.get((later, label), 0))
        rows.append(
            {
                "label": label,
                "earlier": earlier,
                "later": later,
                "earlier_count": a,
                "earlier_n": int(n[earlier]),
                "later_count": b,
                "later_n": int(n[later]),
                **share_difference(a, int(n[earlier]), b, int(n[later])),
            }
        )
    table = pd.DataFrame(rows, columns=[*_COMPARE_COLUMNS, *DIFFERENCE_KEYS])
    words = family if family is not None else f"the {{m}} labels of {earlier} vs {later}"
    return adjust_family(table, [], words, method)


def js_distance(counts: pd.DataFrame, a: str, b: str, language: str | None) -> float:
    """Jensen–Shannon distance (base 2, 0 = same mix, 1 = disjoint) between two label distributions
    (``language`` None: one language per symbol, as in ``compare_two``).

    Alone it cannot be read: ``analysis.comparison.distances.distance_table`` sets it against random
    samples of the same size."""
    part = (counts if language is None else counts[counts["language"] == language]).pivot_table(
        index="label", columns="symbol", values="count", fill_value=0
    )
    if a not in part or b not in part:
        raise KeyError(f"{a} or {b} not in the table ({language})")
    return float(jensenshannon(part[a], part[b], base=2))


def _strengths(labels: Iterable[ParagraphLabels]) -> pd.DataFrame:
    """(symbol, language, strength) of every paragraph whose primary verb has a strength."""
    rows = [
        {"symbol": x.symbol, "language": x.language, "strength": x.verbs.strength}
        for x in labels
        if x.verbs.strength is not None
    ]
    return pd.DataFrame(rows, columns=["symbol", "language", "strength"])


def strength_profile(labels: Iterable[ParagraphLabels]) -> pd.DataFrame:
    """Per (symbol, language): the paragraphs whose primary verb has a strength, the median and
    quartiles of that strength, and how many press (strength ≥ 5) with the share's Wilson interval.

    The scale is ordinal (docs/codebook.md): no mean, and the median and quartiles are values on the
    scale (the lower one at a tie: numpy's "inverted_cdf"), never midpoints between two classes.
    """
    rows = []
    for (symbol, language), part in _strengths(labels).groupby(["symbol", "language"])["strength"]:
        values = part.to_numpy(dtype=int)
        q1, median, q3 = (int(v) for v in np.percentile(values, [25, 50, 75], method="inverted_cdf"))
        pressing = int((values >= PRESSING).sum())
        low, high = wilson_interval(pressing, len(values))
        rows.append(
            {
                "symbol": symbol,
                "language": language,
                "paragraphs": len(values),
                "median_strength": median,
                "strength_q1": q1,
                "strength_q3": q3,
                "pressing": pressing,
                "pressing_share": pressing / len(values),
                "pressing_low": low,
                "pressing_high": high,
            }
        )
    return pd.DataFrame(rows, columns=STRENGTH_COLUMNS)


def strength_distribution(labels: Iterable[ParagraphLabels]) -> pd.DataFrame:
    """Per (symbol, language) and every strength of the scale (``verb_strength.csv``, zeros
    included): how many paragraphs' primary verbs have it and their share (for a stacked figure)."""
    frame = _strengths(labels)
    scale = sorted(set(strengths().values()))
    rows = []
    for (symbol, language), part in frame.groupby(["symbol", "language"], sort=False)["strength"]:
        found = part.value_counts()
        rows += [
            {
                "symbol": symbol,
                "language": language,
                "strength": level,
                "count": int(found.get(level, 0)),
                "share": int(found.get(level, 0)) / len(part),
            }
            for level in scale
        ]
    return pd.DataFrame(rows, columns=["symbol", "language", "strength", "count", "share"])
