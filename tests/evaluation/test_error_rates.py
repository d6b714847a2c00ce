"""labels/error_rates.json: written by a held-out ``crimepol evaluate``, never by hand; it must belong to
the current gold (its digest) and its counts must add up."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.evaluation.error_rates import (
    ERROR_RATE_DIMENSIONS,
    confusion_counts,
    error_rates_path,
    sha256_of,
    write_error_rates,
)
from analysis.gold.labels import gold_files, labels_dir


def recorded() -> dict:
    return json.loads(error_rates_path().read_text(encoding="utf-8"))


def test_the_file_belongs_to_the_current_held_out_gold():
    document = recorded()
    (gold,) = gold_files(["held-out"])
    assert document["gold_file"] == gold.name
    assert document["gold_sha256"] == sha256_of(labels_dir() / gold.name), (
        "labels/error_rates.json is stale: run `crimepol evaluate --set held-out` (with 78/140 in the corpus)"
    )


def test_every_dimension_is_there_and_its_counts_add_up():
    document = recorded()
    assert set(document["dimensions"]) == set(ERROR_RATE_DIMENSIONS)
    assert document["paragraphs"] > 0
    for dimension, by_language in document["dimensions"].items():
        assert set(by_language) >= {"all", "en", "zh"}, dimension
        pooled = by_language["all"]
        assert pooled["paragraphs"] == document["paragraphs"], dimension
        assert sum(by_language[lang]["paragraphs"] for lang in by_language if lang != "all") == pooled["paragraphs"]
        for code, counts in pooled["codes"].items():
            assert set(counts) == {"tp", "fp", "fn", "tn"}
            assert sum(counts.values()) == pooled["paragraphs"], (dimension, code)
            per_language = [by_language[lang]["codes"][code] for lang in by_language if lang != "all"]
            assert {k: sum(c[k] for c in per_language) for k in counts} == counts, (dimension, code)


def test_the_file_is_written_with_sorted_keys_and_no_floats():
    text = error_rates_path().read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), sort_keys=True, indent=1, ensure_ascii=False) + "\n"

    def leaves(value):
        if isinstance(value, dict):
            for v in value.values():
                yield from leaves(v)
        else:
            yield value

    assert not any(isinstance(v, float) for v in leaves(json.loads(text)))  # counts only: no float formatting


def _merged() -> pd.DataFrame:
    """Four gold rows of one set, labelled on every dimension (synthetic codes, no text)."""
    dimensions = [list(ERROR_RATE_DIMENSIONS)] * 4
    frame = pd.DataFrame(
        {
            "set": ["held-out"] * 4,
            "language": ["en", "en", "zh", "zh"],
            "scope": [[]] * 4,
            "dimensions": dimensions,
        }
    )
    gold = [["a"], ["a", "b"], [], ["b"]]
    predicted = [["a"], ["b"], ["a"], ["b"]]
    for dimension in ERROR_RATE_DIMENSIONS:
        frame[f"{dimension}_gold"] = gold
        frame[f"{dimension}_pred"] = predicted
    return frame


def test_confusion_counts_by_hand():
    counts = confusion_counts(_merged(), lambda dimension, gold, predicted: ["a", "b"])
    themes = counts[counts["dimension"] == "themes"].set_index(["language", "code"])
    # a: gold rows 1, 2; predicted rows 1, 3 -> tp 1 (row 1), fn 1 (row 2), fp 1 (row 3), tn 1 (row 4)
    assert themes.loc[("all", "a"), ["tp", "fp", "fn", "tn"]].tolist() == [1, 1, 1, 1]
    # b: gold rows 2, 4; predicted rows 2, 4 -> tp 2, tn 2
    assert themes.loc[("all", "b"), ["tp", "fp", "fn", "tn"]].tolist() == [2, 0, 0, 2]
    assert themes.loc[("zh", "a"), ["tp", "fp", "fn", "tn"]].tolist() == [0, 1, 0, 1]


def test_a_theme_outside_a_file_s_scope_is_not_counted():
    merged = _merged()
    merged["scope"] = [["b"]] * 4
    counts = confusion_counts(merged, lambda dimension, gold, predicted: ["a", "b"])
    themes = counts[(counts["dimension"] == "themes") & (counts["language"] == "all")].set_index("code")
    assert themes.loc["a", ["tp", "fp", "fn", "tn"]].sum() == 0
    assert themes.loc["b", ["tp", "fp", "fn", "tn"]].sum() == 4


class _Result:
    def __init__(self, counts: pd.DataFrame, not_scored: pd.DataFrame) -> None:
        self.error_counts = counts
        self.not_scored = not_scored


def test_written_bytes_are_deterministic_and_a_partial_run_writes_nothing(tmp_path):
    counts = confusion_counts(_merged(), lambda dimension, gold, predicted: ["a", "b"])
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    assert "written" in write_error_rates(_Result(counts, pd.DataFrame()), first)
    write_error_rates(_Result(counts, pd.DataFrame()), second)
    assert first.read_bytes() == second.read_bytes()
    document = json.loads(first.read_text(encoding="utf-8"))
    assert document["paragraphs"] == 4
    assert document["gold_sha256"] == sha256_of(labels_dir() / document["gold_file"])

    partial = tmp_path / "partial.json"
    lost = pd.DataFrame([{"set": "held-out", "symbol": "x", "language": "en", "reason": "r", "rows": 3}])
    note = write_error_rates(_Result(counts, lost), partial)
    assert "not written" in note and "3 held-out gold rows" in note
    assert not partial.exists()


@pytest.mark.parametrize("counts", [pd.DataFrame(columns=["set"])])
def test_no_held_out_scores_no_file(tmp_path, counts):
    target = tmp_path / "x.json"
    assert "not scored" in write_error_rates(_Result(counts, pd.DataFrame()), target)
    assert not target.exists()
