"""Scores of the lexicon classifier against the gold: precision, recall and F1 per code (a theme, an
addressee, a funding kind …) with bootstrap intervals, the confusion of two themes, verb accuracy with a
Wilson interval, and the learned baseline's table."""

from __future__ import annotations

import pandas as pd

from analysis.coding.themes import theme_names
from analysis.gold.labels import _labels, required_themes, scored_themes, theme_sets


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def wilson(count: int, n: int) -> tuple[float, float]:
    """The 95 % Wilson score interval of a proportion (statsmodels); NaN for no observation."""
    from statsmodels.stats.proportion import proportion_confint  # type: ignore[import-untyped]

    if not n:
        return float("nan"), float("nan")
    low, high = proportion_confint(count, n, alpha=0.05, method="wilson")
    return float(low), float(high)


def theme_scores(
    gold_sets: list[frozenset[str]], predicted_sets: list[frozenset[str]], themes: list[str] | tuple[str, ...]
) -> pd.DataFrame:
    """Per-code precision, recall, F1 and support (gold rows with the code), plus micro averages; the
    codes are themes or those of any set-valued dimension."""
    rows, totals = [], [0, 0, 0]
    for theme in themes:
        tp = sum(theme in g and theme in p for g, p in zip(gold_sets, predicted_sets))
        fp = sum(theme not in g and theme in p for g, p in zip(gold_sets, predicted_sets))
        fn = sum(theme in g and theme not in p for g, p in zip(gold_sets, predicted_sets))
        totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
        scores = prf(tp, fp, fn) if tp + fp + fn else (float("nan"),) * 3  # never seen, never predicted
        rows.append((theme, *scores, tp + fn))
    frame = pd.DataFrame(rows, columns=["theme", "precision", "recall", "f1", "support"])
    micro = prf(*totals)
    return pd.concat(
        [frame, pd.DataFrame([("micro", *micro, totals[0] + totals[2])], columns=frame.columns)], ignore_index=True
    )


BOOTSTRAP_ROUNDS = 1000


def theme_intervals(
    gold_sets: list[frozenset[str]],
    predicted_sets: list[frozenset[str]],
    themes: list[str] | tuple[str, ...],
    rounds: int = BOOTSTRAP_ROUNDS,
    seed: int = 0,
    clusters: list | None = None,
) -> pd.DataFrame:
    """95 % intervals of per-theme precision, recall and F1, and of the micro average over ``themes``:
    percentiles of a bootstrap (seeded, so the same every run) that draws whole ``clusters`` (e.g. a
    paragraph with its English and Chinese rows, which are not independent); each row alone by default."""
    import numpy as np

    n = len(gold_sets)
    if not n:
        return pd.DataFrame(
            columns=["theme", "precision_low", "precision_high", "recall_low", "recall_high", "f1_low", "f1_high"]
        )
    keys = list(range(n)) if clusters is None else clusters
    index = {k: i for i, k in enumerate(dict.fromkeys(keys))}
    member = np.array([index[k] for k in keys])
    draws = np.random.default_rng(seed).integers(0, len(index), size=(rounds, len(index)))
    # how often each cluster is drawn in each round, then counts per cluster: a round's total is their product
    weight = np.zeros((rounds, len(index)))
    np.add.at(weight, (np.repeat(np.arange(rounds), len(index)), draws.ravel()), 1)

    def per_cluster(flags: np.ndarray) -> np.ndarray:
        out = np.zeros(len(index))
        np.add.at(out, member, flags)
        return out

    rows = []
    totals = np.zeros((3, rounds))
    for theme in list(themes) + ["micro"]:
        if theme == "micro":
            tp, fp, fn = totals
        else:
            g = np.array([theme in x for x in gold_sets])
            p = np.array([theme in x for x in predicted_sets])
            tp, fp, fn = (weight @ per_cluster(g & p), weight @ per_cluster(~g & p), weight @ per_cluster(g & ~p))
            totals += np.vstack([tp, fp, fn])
        with np.errstate(invalid="ignore", divide="ignore"):
            precision = np.where(tp + fp > 0, tp / (tp + fp), np.nan)
            recall = np.where(tp + fn > 0, tp / (tp + fn), np.nan)
            f1 = np.where(2 * tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), np.nan)
        row: dict[str, object] = {"theme": theme}
        for name, values in (("precision", precision), ("recall", recall), ("f1", f1)):
            finite = values[~np.isnan(values)]
            low, high = np.percentile(finite, [2.5, 97.5]) if finite.size else (np.nan, np.nan)
            row[f"{name}_low"], row[f"{name}_high"] = float(low), float(high)
        rows.append(row)
    return pd.DataFrame(rows)


def code_table(
    gold_sets: list[frozenset[str]],
    predicted_sets: list[frozenset[str]],
    codes: list[str] | tuple[str, ...],
    clusters: list,
) -> pd.DataFrame:
    """Each code's precision, recall and F1 with 95 % bootstrap intervals (drawing whole ``clusters``:
    a paragraph's English and Chinese rows together), its ``support`` (gold rows with the code) and
    ``paragraphs`` (clusters with it); the micro average over ``codes`` last (code ``micro``, undefined
    where no code is in the gold or the prediction)."""
    scored = theme_scores(gold_sets, predicted_sets, codes).merge(
        theme_intervals(gold_sets, predicted_sets, codes, clusters=clusters), on="theme"
    )
    predicted_counts = [sum(t in p for p in predicted_sets) for t in codes]
    predicted_counts.append(sum(predicted_counts))  # the micro row
    # undefined is not zero: no prediction leaves precision undefined, no gold row recall, neither F1
    scored.loc[[n == 0 for n in predicted_counts], ["precision", "precision_low", "precision_high"]] = float("nan")
    scored.loc[scored["support"] == 0, ["recall", "recall_low", "recall_high"]] = float("nan")
    neither = [n == 0 and s == 0 for n, s in zip(predicted_counts, scored["support"])]
    scored.loc[neither, ["f1", "f1_low", "f1_high"]] = float("nan")
    scored["paragraphs"] = [
        len({c for c, g in zip(clusters, gold_sets) if t in g}) if t != "micro" else len(set(clusters))
        for t in scored["theme"]
    ]
    return scored.rename(columns={"theme": "code"})


def theme_confusion(
    gold_sets: list[frozenset[str]], predicted_sets: list[frozenset[str]], first: str, second: str
) -> pd.DataFrame:
    """How two themes are confused: paragraphs by their gold reading (rows) and the predicted one
    (columns), each one of: neither, only ``first``, only ``second``, both."""

    def reading(labels: frozenset[str]) -> str:
        return {
            (False, False): "neither",
            (True, False): f"only {first}",
            (False, True): f"only {second}",
            (True, True): "both",
        }[(first in labels, second in labels)]

    order = ["neither", f"only {first}", f"only {second}", "both"]
    frame = pd.crosstab(
        pd.Categorical([reading(g) for g in gold_sets], categories=order),
        pd.Categorical([reading(p) for p in predicted_sets], categories=order),
        dropna=False,
    )
    frame.index.name, frame.columns.name = "gold", "predicted"
    return frame


def verb_scores(merged: pd.DataFrame) -> dict[str, float]:
    """Primary-verb accuracy (with its 95 % Wilson interval) and all-verbs exactness, precision, recall
    and F1 of gold-vs-predicted rows."""
    right = int((merged["verb_gold"] == merged["verb_pred"]).sum())
    exact = (merged["verbs_gold"].map(_labels) == merged["verbs_pred"].map(_labels)).mean()
    tp = fp = fn = 0
    for g, p in zip(merged["verbs_gold"].map(_labels), merged["verbs_pred"].map(_labels)):
        tp, fp, fn = tp + len(g & p), fp + len(p - g), fn + len(g - p)
    precision, recall, f1 = prf(tp, fp, fn)
    low, high = wilson(right, len(merged))
    return {
        "paragraphs": len(merged),
        "primary_accuracy": right / len(merged) if len(merged) else float("nan"),
        "primary_low": low,
        "primary_high": high,
        "all_verbs_exact": exact,
        "all_verbs_precision": precision,
        "all_verbs_recall": recall,
        "all_verbs_f1": f1,
    }


def _theme_baseline_table(merged: pd.DataFrame) -> pd.DataFrame:
    """Learned model vs lexicon on the themes every gold file labels, per language: leave one
    resolution out over the development gold, then trained on all of it and scored on the held-out gold."""
    from analysis.learned.models import fit_predict_themes, theme_baseline

    themes = [t for t in scored_themes() if t in theme_names()]
    required_names = required_themes()
    rows = []

    def row(
        language: str,
        evaluated: str,
        model: str,
        gold: list[frozenset[str]],
        predicted: list[frozenset[str]],
        resolutions: int,
    ) -> dict:
        scores = theme_scores(gold, predicted, themes).set_index("theme")
        required = theme_scores(gold, predicted, required_names).iloc[-1]
        return {
            "language": language,
            "evaluated on": evaluated,
            "model": model,
            "resolutions": resolutions,
            "paragraphs": len(gold),
            "micro_f1_required": required["f1"],
            **{f"f1_{t}": scores.loc[t, "f1"] for t in themes},
        }

    for language, group in merged.groupby("language"):
        development = group[group["set"] == "development"]
        held_out = group[group["set"] == "held-out"]
        if development["symbol"].nunique() < 2:
            continue
        texts, groups = development["text"].tolist(), development["symbol"].tolist()
        gold = theme_sets(development["themes_gold"], themes)
        lexicon = theme_sets(development["themes_pred"], themes)
        n = len(set(groups))
        rows.append(row(language, "development (leave one resolution out)", "lexicon", gold, lexicon, n))
        rows.append(
            row(
                language,
                "development (leave one resolution out)",
                "learned",
                gold,
                theme_baseline(texts, gold, groups, language, themes),
                n,
            )
        )
        if not held_out.empty:
            held_gold = theme_sets(held_out["themes_gold"], themes)
            held_lexicon = theme_sets(held_out["themes_pred"], themes)
            learned = fit_predict_themes(texts, gold, held_out["text"].tolist(), language, themes)
            m = held_out["symbol"].nunique()
            rows.append(row(language, "held-out (trained on development)", "lexicon", held_gold, held_lexicon, m))
            rows.append(row(language, "held-out (trained on development)", "learned", held_gold, learned, m))
    return pd.DataFrame(rows)
