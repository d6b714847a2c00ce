"""Label shares with small-count uncertainty: counts per resolution, shares with Wilson intervals,
differences with Fisher's exact p and a seeded bootstrap interval, the Jensen–Shannon distance and
strength profiles.

Counts in a resolution are small (16 operative paragraphs in 62/175), so differences carry an exact
test and an interval, never a bare chi-square."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
from scipy.spatial.distance import jensenshannon
from scipy.stats import binomtest, fisher_exact

from analysis.coding.labels import ParagraphLabels

BOOTSTRAP_REPS = 2000


SEED = 20071218  # fixed: the same figures on every run

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
    interval = binomtest(count, n).proportion_ci(confidence_level=0.95, method="wilson")
    return float(interval.low), float(interval.high)


def share_table(
    labels: Iterable[ParagraphLabels],
    kind: str,
    baseline: tuple[str, str] | None = None,
    label_order: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Per document and label: count, share with its Wilson interval, and the difference from the
    ``baseline`` document (symbol, language) with its bootstrap interval and Fisher p.

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
            row = {
                "symbol": document[0],
                "language": document[1],
                "label": label,
                "count": k,
                "paragraphs": n,
                "share": k / n,
                "share_low": low,
                "share_high": high,
                "baseline": f"{base[0]} ({base[1]})",
            }
            if document == base:
                row |= {"difference": float("nan"), "difference_low": float("nan"), "difference_high": float("nan")}
                row["p_fisher"] = float("nan")
            else:
                diff = share_difference(int(by.get((*base, label), 0)), totals[base], k, n)
                row |= {
                    "difference": diff["difference"],
                    "difference_low": diff["low"],
                    "difference_high": diff["high"],
                    "p_fisher": diff["p_fisher"],
                }
            rows.append(row)
    return pd.DataFrame(rows)


def share_difference(
    a_count: int, a_n: int, b_count: int, b_n: int, reps: int = BOOTSTRAP_REPS, seed: int = SEED
) -> dict[str, float]:
    """Difference of two shares (b − a), a 95 % bootstrap interval and Fisher's exact p-value.

    A share of no paragraphs is undefined, and so is everything here then (NaN, not an error).
    """
    if not a_n or not b_n:
        return {"difference": float("nan"), "low": float("nan"), "high": float("nan"), "p_fisher": float("nan")}
    rng = np.random.default_rng(seed)
    a = rng.binomial(a_n, a_count / a_n, reps) / a_n
    b = rng.binomial(b_n, b_count / b_n, reps) / b_n
    low, high = np.percentile(b - a, [2.5, 97.5])
    _, p = fisher_exact([[a_count, a_n - a_count], [b_count, b_n - b_count]])
    return {"difference": b_count / b_n - a_count / a_n, "low": float(low), "high": float(high), "p_fisher": float(p)}


def compare_two(
    counts: pd.DataFrame, earlier: str, later: str, language: str | None, labels: Sequence[str] | None = None
) -> pd.DataFrame:
    """Per label: counts and shares in two resolutions, their difference, interval and p-value.

    ``language`` None: the table holds one language per symbol (a series read across languages, on the
    canonical labels the two languages share)."""
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
    return pd.DataFrame(rows)


def js_distance(counts: pd.DataFrame, a: str, b: str, language: str | None) -> float:
    """Jensen–Shannon distance (base 2, 0 = same mix, 1 = disjoint) between two label distributions
    (``language`` None: one language per symbol, as in ``compare_two``)."""
    part = (counts if language is None else counts[counts["language"] == language]).pivot_table(
        index="label", columns="symbol", values="count", fill_value=0
    )
    if a not in part or b not in part:
        raise KeyError(f"{a} or {b} not in the table ({language})")
    return float(jensenshannon(part[a], part[b], base=2))


def strength_profile(labels: Iterable[ParagraphLabels]) -> pd.DataFrame:
    """Per resolution: mean and median strength of primary verbs, and the share that press (≥ 5)."""
    rows = [
        {"symbol": x.symbol, "language": x.language, "strength": x.verbs.strength}
        for x in labels
        if x.verbs.strength is not None
    ]
    frame = pd.DataFrame(rows, columns=["symbol", "language", "strength"])
    grouped = frame.groupby(["symbol", "language"])["strength"]
    out = pd.DataFrame(
        {
            "mean_strength": grouped.mean(),
            "median_strength": grouped.median(),
            "pressing_share": grouped.apply(lambda s: float((s >= 5).mean())),
            "paragraphs": grouped.size(),
        }
    ).reset_index()
    return out
