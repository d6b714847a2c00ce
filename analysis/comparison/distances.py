"""The Jensen–Shannon distance between two label mixes, read against its reference distribution.

A distance alone says nothing: a random handful of a resolution's own paragraphs is already far from
the whole (16 paragraphs drawn from 80/229 are at a median 0.28 from 80/229). So the distance of the
focus from a member is set against the distances of random samples of the member's operative
paragraphs, as many as the focus has, drawn without replacement with a seed fixed per member."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy.spatial.distance import jensenshannon

from analysis.coding.labels import ParagraphLabels
from analysis.comparison.shares import SEED, paragraph_labels

Document = tuple[str, str]  # (symbol, language)

NULL_LOW, NULL_HIGH = 5, 95  # percentiles of the reference distribution shown beside a distance
FARTHER = "farther than 95 % of random samples"
CLOSER = "closer than 95 % of random samples"
WITHIN = "within the range of random samples of the member"
FOCUS = "the focus itself"
NO_LABELS = "no labels to compare"
TOO_SHORT = "fewer paragraphs than the focus: no samples of its size"
DISTANCE_COLUMNS = [
    "symbol",
    "language",
    "js_distance",
    "null_median",
    "null_low",
    "null_high",
    "p_null",
    "size",
    "reading",
]


def _indicators(labels: Sequence[ParagraphLabels], kind: str, document: Document) -> pd.DataFrame:
    """One row per operative paragraph of ``document``, one 0/1 column per label it counts under
    (as ``share_table`` counts: primary verbs for "verb")."""
    rows = [
        dict.fromkeys(paragraph_labels(x, kind, primary_only=kind == "verb"), 1)
        for x in labels
        if (x.symbol, x.language) == document
    ]
    if not rows:
        raise KeyError(f"{document[0]} ({document[1]}) has no operative paragraphs among the labels")
    return pd.DataFrame(rows, index=range(len(rows))).fillna(0).astype(int).sort_index(axis=1)


def _distances(whole: np.ndarray, parts: np.ndarray) -> np.ndarray:
    """Jensen–Shannon distance (base 2) of each row of ``parts`` from ``whole``; NaN for a row (or a
    whole) without any label, whose mix is undefined."""
    if not whole.size:
        return np.full(len(parts), np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(jensenshannon(np.broadcast_to(whole, parts.shape), parts, base=2, axis=1), dtype=float)


def js_reference(
    labels: Iterable[ParagraphLabels], kind: str, member: Document, size: int, reps: int = 1000, seed: int = SEED
) -> np.ndarray:
    """Jensen–Shannon distances between the label mix of ``member`` (symbol, language) and ``reps``
    random samples of ``size`` of its operative paragraphs (without replacement, seeded): what a
    distance is when nothing but sampling separates two mixes."""
    matrix = _indicators(list(labels), kind, member).to_numpy()
    n = len(matrix)
    if not 0 < size <= n:
        raise ValueError(f"cannot draw {size} of the {n} operative paragraphs of {member[0]} ({member[1]})")
    rng = np.random.default_rng(seed)
    drawn = rng.permuted(np.tile(np.arange(n), (reps, 1)), axis=1)[:, :size]
    return _distances(matrix.sum(axis=0), matrix[drawn].sum(axis=1))


def member_seed(member: Document) -> int:
    """The seed of ``member``'s reference samples: fixed, and different for every (symbol, language)."""
    return SEED + zlib.crc32(f"{member[0]} {member[1]}".encode())


def distance_table(
    labels: Iterable[ParagraphLabels], kind: str, focus: Document, members: Sequence[Document], reps: int = 1000
) -> pd.DataFrame:
    """One row per member: the Jensen–Shannon distance of its label mix from the focus's, beside the
    median and the 5th–95th percentiles of the distances of ``reps`` random samples of the member's
    paragraphs as many as the focus has (``size``), the share of those at least as far
    (``p_null`` = (1 + #null ≥ observed) / (reps + 1), samples without any label left out) and the
    reading in words. The focus's own row, and a member with fewer paragraphs than the focus, have no
    reference (NaN)."""
    labels = list(labels)
    focus_paragraphs = _indicators(labels, kind, focus)
    focus_counts, size = focus_paragraphs.sum(), len(focus_paragraphs)
    rows = []
    for member in members:
        paragraphs = _indicators(labels, kind, member)
        both = pd.concat([focus_counts, paragraphs.sum()], axis=1).fillna(0).to_numpy(dtype=float).T
        observed = float(_distances(both[0], both[1:])[0])
        row = {"symbol": member[0], "language": member[1], "js_distance": observed, "size": size}
        unread = FOCUS if member == focus else TOO_SHORT if len(paragraphs) < size else None
        null = np.array([]) if unread else js_reference(labels, kind, member, size, reps, member_seed(member))
        null = null[~np.isnan(null)]
        if not len(null):
            row |= dict.fromkeys(("null_median", "null_low", "null_high", "p_null"), float("nan"))
            rows.append(row | {"reading": unread or NO_LABELS})
            continue
        low, median, high = (float(v) for v in np.percentile(null, [NULL_LOW, 50, NULL_HIGH]))
        row |= {"null_median": median, "null_low": low, "null_high": high}
        row["p_null"] = (1 + int((null >= observed - 1e-12).sum())) / (len(null) + 1)
        row["reading"] = FARTHER if observed > high else CLOSER if observed < low else WITHIN
        rows.append(row)
    return pd.DataFrame(rows, columns=DISTANCE_COLUMNS)
