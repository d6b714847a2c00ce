"""Shares with classification error carried into their intervals: the classifier's held-out error
counts (``labels/error_rates.json``, written by ``crimepol evaluate``) are resampled together with the
sampling of paragraphs.

What this assumes: the error rates measured on the held-out resolutions transfer to the series. The
positive predictive value and the false omission rate depend on how common a label is, so where a
theme is much rarer or commoner in the series than in the held-out gold, the carried error is only
approximate; and the pooled counts (``language="all"``) count a paragraph's English and Chinese rows
as two, which makes the rates look surer than they are (pass one language's rates for one reading).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.coding.labels import ParagraphLabels
from analysis.comparison.shares import KINDS, label_counts
from analysis.errors import InputError
from analysis.gold.labels import labels_dir

ERROR_RATES_FILE = "error_rates.json"  # beside the gold; crimepol evaluate writes it
ERROR_REPS = 2000
ERROR_SEED = 20071218  # fixed: the same intervals on every run
# the dimension of error_rates.json that each kind of label is counted under
DIMENSION_OF_KIND = {
    "theme": "themes",
    "subject_theme": "subject_themes",
    "funding_kind": "funding_kind",
    "addressee": "addressees",
}
UNCERTAINTY_COLUMNS = "symbol language label count paragraphs share corrected low high method note".split()
NO_SUPPORT = (
    "no held-out support: the label is neither in the held-out gold nor predicted there, so its error rates are unknown"
)
NO_RATES = "no held-out support: error_rates.json has no counts for this label"


@dataclass(frozen=True)
class Rates:
    """One code's 2 × 2 table on the held-out gold (rows: one paragraph in one language)."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def supported(self) -> bool:
        """Whether the held-out gold says anything about the code's errors (seen or predicted there)."""
        return self.tp + self.fp + self.fn > 0

    @property
    def positive_predictive_value(self) -> float:
        """tp / (tp + fp): how often a predicted label is right (NaN when never predicted)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float("nan")

    @property
    def false_omission_rate(self) -> float:
        """fn / (fn + tn): how often a paragraph without the predicted label has it all the same."""
        return self.fn / (self.fn + self.tn) if self.fn + self.tn else float("nan")


def error_rates_path() -> Path:
    """``labels/error_rates.json`` of the package data."""
    return labels_dir() / ERROR_RATES_FILE


def error_rates(dimension: str = "themes", language: str = "all") -> dict[str, Rates]:
    """Per code of ``dimension`` (themes, subject_themes, funding_kind, addressees): its held-out counts,
    pooled over the languages (``all``) or of one language."""
    path = error_rates_path()
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, "not found; `crimepol evaluate --set held-out` writes it") from None
    except (OSError, ValueError) as error:
        raise InputError(path, f"cannot be read as JSON ({error})") from None
    dimensions = document.get("dimensions", {})
    if dimension not in dimensions:
        raise InputError(path, f"has no dimension {dimension!r}; it has {', '.join(sorted(dimensions))}")
    if language not in dimensions[dimension]:
        raise InputError(path, f"has no counts for language {language!r} in {dimension}")
    codes = dimensions[dimension][language]["codes"]
    return {code: Rates(int(c["tp"]), int(c["fp"]), int(c["fn"]), int(c["tn"])) for code, c in codes.items()}


def wilson_draws(true: np.ndarray, paragraphs: int, rng: np.random.Generator) -> np.ndarray:
    """Shares drawn from the Wilson score confidence distribution of ``true`` of ``paragraphs``: a standard
    normal z mapped to the Wilson bound at z (the lower bound for z < 0), so that the 2.5 and 97.5
    percentiles of draws at one count are its 95 % Wilson interval (0 of n: half the draws are 0)."""
    z = rng.standard_normal(true.shape)
    n = float(paragraphs)
    share = true / n
    centre = share + z**2 / (2 * n)
    spread = z * np.sqrt(share * (1 - share) / n + z**2 / (4 * n**2))
    return np.clip((centre + spread) / (1 + z**2 / n), 0.0, 1.0)


def corrected_share_draws(count: int, paragraphs: int, rates: Rates, reps: int, rng: np.random.Generator) -> np.ndarray:
    """Replicates of a label's true share among ``paragraphs`` when ``count`` of them were predicted to
    have it: the true positives among the predicted positives (PPV ~ Beta(tp+1, fp+1)) and among the
    predicted negatives (FOR ~ Beta(fn+1, tn+1)) drawn binomially, then the share given that true count
    drawn for sampling from its Wilson confidence distribution (:func:`wilson_draws`)."""
    ppv = rng.beta(rates.tp + 1, rates.fp + 1, size=reps)
    omission = rng.beta(rates.fn + 1, rates.tn + 1, size=reps)
    true = rng.binomial(count, ppv) + rng.binomial(paragraphs - count, omission)
    return wilson_draws(true, paragraphs, rng)


def error_interval(
    count: int, paragraphs: int, rates: Rates, reps: int, rng: np.random.Generator
) -> tuple[float, float, float]:
    """Median and 95 % percentile interval of :func:`corrected_share_draws`; with perfect rates, the
    Wilson interval of ``count`` of ``paragraphs``."""
    low, median, high = np.percentile(corrected_share_draws(count, paragraphs, rates, reps, rng), [2.5, 50, 97.5])
    return float(median), float(low), float(high)


def method_words(reps: int) -> str:
    """What the interval combines, in words (the ``method`` column)."""
    return (
        f"95 % interval of {reps} replicates (seeded): classification error from the held-out counts "
        "(PPV ~ Beta(tp+1, fp+1), false omission rate ~ Beta(fn+1, tn+1); true positives among the "
        "predicted positives and negatives drawn binomially), then sampling (the Wilson score confidence "
        "distribution of the true count); percentiles 2.5 / 97.5 (with perfect rates: the Wilson interval); "
        "assumes the held-out error rates transfer to these resolutions"
    )


def shares_with_error(
    labels: Iterable[ParagraphLabels],
    kind: str,
    documents: Sequence[tuple[str, str]],
    rates: Mapping[str, Rates],
    reps: int = ERROR_REPS,
    seed: int = ERROR_SEED,
) -> pd.DataFrame:
    """One row per (symbol, language, label) of ``documents`` (each a (symbol, language) of ``labels``)
    and every label of ``rates`` or seen: ``count`` (paragraphs predicted to have it), ``paragraphs``,
    ``share`` (count / paragraphs), ``corrected`` (the median replicate), ``low`` and ``high`` (95 %,
    sampling and classification error together), ``method`` and ``note``.

    ``kind``: "theme", "subject_theme", "funding_kind" or "addressee" (rates: :func:`error_rates` of
    the matching dimension, :data:`DIMENSION_OF_KIND`). A label without held-out support has NaN and
    says so in ``note``.
    """
    if kind not in KINDS or kind == "verb":
        raise ValueError(f"no error rates for kind {kind!r}; choose from {', '.join(DIMENSION_OF_KIND)}")
    labels = list(labels)
    totals = pd.Series([(x.symbol, x.language) for x in labels]).value_counts().to_dict()
    absent = [f"{s} ({lang})" for s, lang in documents if (s, lang) not in totals]
    if absent:
        raise ValueError(f"no paragraphs of {', '.join(absent)} among the labels")
    counts = label_counts(labels, kind)
    by = counts.set_index(["symbol", "language", "label"])["count"].to_dict()
    names = list(rates) + sorted(set(counts["label"]) - set(rates))
    rng = np.random.default_rng(seed)
    method = method_words(reps)
    rows = []
    for symbol, language in documents:
        n = int(totals[(symbol, language)])
        for name in names:
            k = int(by.get((symbol, language, name), 0))
            row = {"symbol": symbol, "language": language, "label": name, "count": k, "paragraphs": n, "share": k / n}
            code = rates.get(name)
            if code is None or not code.supported:
                nan = float("nan")
                note = NO_RATES if code is None else NO_SUPPORT
                rows.append(row | {"corrected": nan, "low": nan, "high": nan, "method": "", "note": note})
                continue
            corrected, low, high = error_interval(k, n, code, reps, rng)
            rows.append(row | {"corrected": corrected, "low": low, "high": high, "method": method, "note": ""})
    return pd.DataFrame(rows, columns=UNCERTAINTY_COLUMNS)
