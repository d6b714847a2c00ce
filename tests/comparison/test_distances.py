"""The Jensen–Shannon distance beside its reference distribution: random same-size samples of the
member's own paragraphs, by hand on generated label tables and on the bundled texts."""

from __future__ import annotations

import math

import numpy as np
import pytest

from analysis.coding.labels import ParagraphLabels
from analysis.coding.verbs import VerbReading
from analysis.comparison.distances import (
    CLOSER,
    FARTHER,
    FOCUS,
    TOO_SHORT,
    WITHIN,
    distance_table,
    js_reference,
    member_seed,
)
from analysis.comparison.shares import SEED, js_distance, label_counts
from analysis.model import Paragraph

MEMBER, FOCAL = ("GEN/MEMBER", "zh"), ("GEN/FOCUS", "en")  # generated symbols: the tables are made up


def _paragraph(document: tuple[str, str], number: int, themes: tuple[str, ...]) -> ParagraphLabels:
    paragraph = Paragraph("operative", number, f"generated paragraph {number}", number=number)
    return ParagraphLabels(*document, paragraph, VerbReading("", (), (), None, ()), {t: () for t in themes})


def _document(document: tuple[str, str], themes: list[tuple[str, ...]]) -> list[ParagraphLabels]:
    return [_paragraph(document, i + 1, t) for i, t in enumerate(themes)]


def _js_by_hand(p: list[float], q: list[float]) -> float:
    """JS distance, base 2: √(½·KL(P‖M) + ½·KL(Q‖M)), M = (P + Q)/2."""
    m = [(x + y) / 2 for x, y in zip(p, q)]
    kl_p = sum(x * math.log2(x / z) for x, z in zip(p, m) if x > 0)
    kl_q = sum(y * math.log2(y / z) for y, z in zip(q, m) if y > 0)
    return math.sqrt((kl_p + kl_q) / 2)


# four paragraphs: x, x, y, x and y; the mix is x 3, y 2 → (0.6, 0.4)
MEMBER_TABLE = _document(MEMBER, [("x",), ("x",), ("y",), ("x", "y")])


def test_js_reference_of_single_paragraphs_by_hand():
    null = js_reference(MEMBER_TABLE, "theme", MEMBER, size=1, reps=400, seed=7)
    assert null.shape == (400,)
    # one paragraph: x alone (paragraphs 1, 2), y alone (3) or both halves (4)
    values = {
        "x": _js_by_hand([0.6, 0.4], [1, 0]),
        "y": _js_by_hand([0.6, 0.4], [0, 1]),
        "both": _js_by_hand([0.6, 0.4], [0.5, 0.5]),
    }
    found = {round(v, 12) for v in null}
    assert found == {round(v, 12) for v in values.values()}
    # each paragraph equally likely: x alone in about half the draws
    assert np.isclose(null, values["x"]).mean() == pytest.approx(0.5, abs=0.08)
    assert np.isclose(null, values["y"]).mean() == pytest.approx(0.25, abs=0.08)


def test_js_reference_draws_without_replacement_and_is_seeded():
    # every paragraph drawn once: the sample is the whole, distance 0 (with replacement it would not be)
    assert (js_reference(MEMBER_TABLE, "theme", MEMBER, size=4, reps=50) == 0).all()
    first = js_reference(MEMBER_TABLE, "theme", MEMBER, size=2, reps=200)
    assert np.array_equal(first, js_reference(MEMBER_TABLE, "theme", MEMBER, size=2, reps=200, seed=SEED))
    assert not np.array_equal(first, js_reference(MEMBER_TABLE, "theme", MEMBER, size=2, reps=200, seed=1))
    # two of x, x, y, xy: {x, x} → (1, 0); {x, y} → (½, ½); {x, xy} → (⅔, ⅓); {y, xy} → (⅓, ⅔)
    expected = {round(_js_by_hand([0.6, 0.4], q), 12) for q in ([1, 0], [0.5, 0.5], [2 / 3, 1 / 3], [1 / 3, 2 / 3])}
    assert {round(v, 12) for v in first} == expected
    with pytest.raises(ValueError, match=r"^cannot draw 5 of the 4 operative paragraphs of GEN/MEMBER \(zh\)$"):
        js_reference(MEMBER_TABLE, "theme", MEMBER, size=5)
    with pytest.raises(ValueError, match=r"^cannot draw 0 of the 4"):
        js_reference(MEMBER_TABLE, "theme", MEMBER, size=0)
    with pytest.raises(KeyError, match=r"GEN/FOCUS \(en\) has no operative paragraphs among the labels"):
        js_reference(MEMBER_TABLE, "theme", FOCAL, size=1)


def test_a_sample_without_labels_has_no_mix():
    table = _document(MEMBER, [("x",), ()])  # the second paragraph counts, but carries no label
    null = js_reference(table, "theme", MEMBER, size=1, reps=100, seed=3)
    assert set(np.round(null[~np.isnan(null)], 12)) == {0.0}  # the first paragraph alone is the whole mix
    assert np.isnan(null).any()


def _table(focus_themes: list[tuple[str, ...]], member_themes: list[tuple[str, ...]]) -> list[ParagraphLabels]:
    return _document(FOCAL, focus_themes) + _document(MEMBER, member_themes)


def test_distance_table_by_its_parts():
    member_themes = [("x",), ("y",), ("z",), ("x", "y"), ("x",), ("y", "z"), ("x",), ()] * 3
    labels = _table([("x",), ("y",), ("x",)], member_themes)
    table = distance_table(labels, "theme", FOCAL, [FOCAL, MEMBER], reps=300)
    null_columns = ["null_median", "null_low", "null_high", "p_null"]
    assert list(table.columns) == ["symbol", "language", "js_distance", *null_columns, "size", "reading"]
    focus, member = table.iloc[0], table.iloc[1]
    # the focus against itself: distance 0, no reference
    assert (focus["symbol"], focus["language"], focus["js_distance"], focus["reading"]) == (*FOCAL, 0.0, FOCUS)
    assert focus[null_columns].isna().all()
    assert (table["size"] == 3).all()  # the focus has three paragraphs
    # observed: the distance of the two label mixes (one language each, as a series is read)
    counts = label_counts(labels, "theme")
    assert member["js_distance"] == pytest.approx(js_distance(counts, FOCAL[0], MEMBER[0], None), abs=1e-12)
    # the reference: samples of 3 of the member's 24 paragraphs, with the member's own seed
    null = js_reference(labels, "theme", MEMBER, 3, 300, member_seed(MEMBER))
    null = null[~np.isnan(null)]
    assert (member["null_low"], member["null_median"], member["null_high"]) == pytest.approx(
        tuple(np.percentile(null, [5, 50, 95])), abs=1e-12
    )
    at_least = sum(v >= member["js_distance"] - 1e-12 for v in null)
    assert member["p_null"] == pytest.approx((1 + at_least) / (len(null) + 1))
    assert member["reading"] == (
        FARTHER
        if member["js_distance"] > member["null_high"]
        else CLOSER
        if member["js_distance"] < member["null_low"]
        else WITHIN
    )
    # the same table on every run
    assert table.equals(distance_table(labels, "theme", FOCAL, [FOCAL, MEMBER], reps=300))
    assert member_seed(MEMBER) != member_seed(FOCAL) and member_seed(MEMBER) == member_seed(("GEN/MEMBER", "zh"))


def test_distance_table_reads_far_and_near():
    member_themes = [("x",), ("y",), ("x",), ("y",), ("x", "y"), ("x",)] * 4
    # a focus on a theme the member never has: distance 1, farther than every sample
    far = distance_table(_table([("w",), ("w",), ("w",)], member_themes), "theme", FOCAL, [MEMBER], reps=200)
    assert far.loc[0, "js_distance"] == pytest.approx(1.0)
    assert far.loc[0, "reading"] == FARTHER and far.loc[0, "p_null"] == pytest.approx(1 / 201)
    # a focus with the member's exact mix: distance 0, closer than samples of 4 would be
    near = distance_table(_table(member_themes[:6], member_themes), "theme", FOCAL, [MEMBER], reps=200)
    assert near.loc[0, "js_distance"] == pytest.approx(0.0, abs=1e-12)
    assert near.loc[0, "reading"] in (CLOSER, WITHIN) and near.loc[0, "p_null"] == pytest.approx(1.0)
    # a member shorter than the focus cannot give samples of the focus's size: no reference, said so
    short = distance_table(_table(member_themes, member_themes[:6]), "theme", FOCAL, [MEMBER], reps=200)
    assert short.loc[0, "js_distance"] == pytest.approx(0.0, abs=1e-12) and short.loc[0, "size"] == 24
    assert short.loc[0, "reading"] == TOO_SHORT and short.iloc[0][["null_median", "p_null"]].isna().all()


def test_distance_table_on_the_bundled_series(sandbox):
    """62/175 (16 paragraphs) against 80/229 in Chinese: the distance beside samples of 16 of 80/229's
    own paragraphs."""
    import analysis
    from analysis.coding.labels import classify_resolution

    documents = [("A/RES/62/175", "zh"), ("A/RES/80/229", "zh")]
    resolutions = analysis.load([s for s, _ in documents], lang="zh")
    labels = [x for r in resolutions for x in classify_resolution(r)]
    table = distance_table(labels, "theme", documents[0], documents, reps=500)
    assert table["symbol"].tolist() == [s for s, _ in documents] and (table["size"] == 16).all()
    row = table.iloc[1]
    themes = label_counts(labels, "theme")
    assert row["js_distance"] == pytest.approx(js_distance(themes, *[s for s, _ in documents], "zh"), abs=1e-12)
    assert 0 < row["null_low"] <= row["null_median"] <= row["null_high"] < 1
    assert 1 / 501 <= row["p_null"] <= 1
    assert row["reading"] in (FARTHER, WITHIN, CLOSER)
    assert table.equals(distance_table(labels, "theme", documents[0], documents, reps=500))
