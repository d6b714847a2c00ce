"""The classifier's error counts on the held-out gold as package data (``labels/error_rates.json``):
per dimension, language and code, the true and false positives and negatives over the held-out gold
rows, with the gold file's SHA-256, so that a file left behind by changed gold is seen to be stale.

``crimepol evaluate`` writes it whenever the held-out set is scored in full; nobody types it. The
comparison layer reads it (``analysis.comparison.uncertainty``) to carry classification error into
the shares of the series.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

import pandas as pd

from analysis.coding.labels import CODEBOOK_VERSION
from analysis.gold.labels import _labels, gold_files, labels_dir, within_scope
from analysis.util.files import atomic_write_text
from analysis.version import __version__

HELD_OUT = "held-out"
ERROR_RATES_FILE = "error_rates.json"
# the dimensions whose counts are recorded: every theme mentioned, the subject themes, the kinds of money
# and the addressees (the labels the series' shares are counted under)
ERROR_RATE_DIMENSIONS = ("themes", "subject_themes", "funding_kind", "addressees")
COUNT_COLUMNS = ["set", "dimension", "language", "code", "tp", "fp", "fn", "tn"]
ALL_LANGUAGES = "all"
CodesOf = Callable[[str, list[frozenset[str]], list[frozenset[str]]], list[str]]
UNIT = "gold row: one operative paragraph in one language (a paragraph's English and Chinese rows are two rows)"


class ScoredEvaluation(Protocol):
    """What :func:`write_error_rates` reads of an ``analysis.evaluation.run.Evaluation``."""

    error_counts: pd.DataFrame
    not_scored: pd.DataFrame


def error_rates_path() -> Path:
    """Where the error counts live: beside the gold, in the package data (``data/labels/`` of the source tree)."""
    return labels_dir() / ERROR_RATES_FILE


def confusion_counts(merged: pd.DataFrame, codes_of: CodesOf) -> pd.DataFrame:
    """Per set, dimension, language (``all``: pooled, then each language) and code: ``tp, fp, fn, tn``
    over the gold rows that label the dimension (a theme outside a file's scope is not counted there).

    ``merged``: gold rows with ``<dimension>_gold`` and ``<dimension>_pred`` (evaluate's join);
    ``codes_of(dimension, gold, predicted)``: the codes scored (evaluate's choice, from the gold and the
    prediction of one set).
    """
    rows: list[dict] = []
    for name, group in merged.groupby("set", sort=False):
        for dimension in ERROR_RATE_DIMENSIONS:
            labelled = group[group["dimensions"].map(lambda d, dim=dimension: dim in d)]
            if labelled.empty:
                continue
            gold = labelled[f"{dimension}_gold"].map(_labels).tolist()
            predicted = within_scope(labelled, dimension)
            scopes = [frozenset(s) for s in labelled["scope"]]
            language = labelled["language"].tolist()
            codes = codes_of(dimension, gold, predicted)
            for lang in (ALL_LANGUAGES, *sorted(set(language))):
                keep = [lang in (ALL_LANGUAGES, x) for x in language]
                for code in codes:
                    counts = _counts(code, _kept(gold, keep), _kept(predicted, keep), _kept(scopes, keep))
                    rows.append({"set": name, "dimension": dimension, "language": lang, "code": code, **counts})
    return pd.DataFrame(rows, columns=COUNT_COLUMNS)


def _kept(values: list, keep: list[bool]) -> list:
    return [v for v, k in zip(values, keep) if k]


def _counts(
    code: str, gold: Iterable[frozenset[str]], predicted: Iterable[frozenset[str]], scopes: Iterable[frozenset[str]]
) -> dict[str, int]:
    """The 2 × 2 table of one code over the rows whose scope holds it (an empty scope holds every code)."""
    out = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for g, p, scope in zip(gold, predicted, scopes):
        if scope and code not in scope:
            continue
        out[("t" if (code in g) == (code in p) else "f") + ("p" if code in p else "n")] += 1
    return out


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def error_rates_document(counts: pd.DataFrame) -> dict:
    """The JSON document of the held-out counts (``counts``: :func:`confusion_counts`)."""
    (gold,) = [f for f in gold_files([HELD_OUT])]
    table = counts[counts["set"] == HELD_OUT]
    dimensions: dict[str, dict] = {}
    for (dimension, language), group in table.groupby(["dimension", "language"], sort=True):
        codes = {
            row.code: {"tp": int(row.tp), "fp": int(row.fp), "fn": int(row.fn), "tn": int(row.tn)}
            for row in group.itertuples()
        }
        rows = {sum(c.values()) for c in codes.values()}
        entry = {"paragraphs": rows.pop() if len(rows) == 1 else None, "codes": codes}
        dimensions.setdefault(dimension, {})[language] = entry
    pooled = [d[ALL_LANGUAGES]["paragraphs"] for d in dimensions.values() if ALL_LANGUAGES in d]
    return {
        "codebook_version": CODEBOOK_VERSION,
        "package_version": __version__,
        "set": HELD_OUT,
        "gold_file": gold.name,
        "gold_sha256": sha256_of(labels_dir() / gold.name),
        "paragraphs": max((p for p in pooled if p is not None), default=0),
        "unit": UNIT,
        "dimensions": dimensions,
    }


def write_error_rates(evaluation_result: ScoredEvaluation, path: str | Path) -> str:
    """Write the held-out error counts of ``evaluation_result`` to ``path`` (atomically; sorted keys,
    so equal counts give equal bytes) and say what was done. Nothing is written when the held-out set
    was not scored in full (a document or paragraph missing), so a partial run never replaces the file."""
    counts = evaluation_result.error_counts
    if counts.empty or HELD_OUT not in set(counts["set"]):
        return f"error rates not written to {path}: the held-out set was not scored"
    lost = evaluation_result.not_scored
    lost = lost[lost["set"] == HELD_OUT] if not lost.empty else lost
    if not lost.empty:
        return (
            f"error rates not written to {path}: {int(lost['rows'].sum())} held-out gold rows not scored "
            "(documents missing from the corpus?)"
        )
    document = error_rates_document(counts)
    if {"site-packages", "dist-packages"} & set(Path(path).resolve().parts):
        return f"error rates not written to {path}: an installed package is never written into (a source checkout is)"
    atomic_write_text(path, json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False) + "\n")
    return f"Error rates of the held-out set ({document['paragraphs']} gold rows) written to {path}"
