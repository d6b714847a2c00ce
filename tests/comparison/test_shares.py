"""Label counts, shares with Wilson intervals, differences with Fisher's p and Newcombe's hybrid
score interval, p-values adjusted over a family, Jensen-Shannon distance and strength profiles, each
pinned to an independent route (by hand, by formula, or by statsmodels and Newcombe's published
values)."""

from __future__ import annotations

import dataclasses
import math
import statistics

import numpy as np
import pandas as pd
import pytest

from analysis.coding.labels import ParagraphLabels, classify_resolution
from analysis.coding.verbs import VerbReading
from analysis.comparison.shares import (
    adjust_family,
    adjust_p,
    compare_two,
    js_distance,
    label_counts,
    share_difference,
    strength_distribution,
    strength_profile,
)
from analysis.model import Paragraph


def _fisher_two_sided(a_count: int, a_n: int, b_count: int, b_n: int) -> float:
    """Fisher's exact two-sided p of [[a, a_n - a], [b, b_n - b]]: the hypergeometric probability of
    every table with the same margins that is no more likely than the observed one, summed."""
    k, total = a_count + b_count, a_n + b_n

    def probability(x: int) -> float:
        return math.comb(a_n, x) * math.comb(b_n, k - x) / math.comb(total, k)

    observed = probability(a_count)
    tables = range(max(0, k - b_n), min(a_n, k) + 1)
    return min(1.0, sum(probability(x) for x in tables if probability(x) <= observed * (1 + 1e-7)))


def _wilson(k: int, n: int) -> tuple[float, float]:
    """95 % Wilson score interval (no continuity correction), from its formula."""
    z = statistics.NormalDist().inv_cdf(0.975)
    centre = (k + z * z / 2) / (n + z * z)
    half = z / (n + z * z) * math.sqrt(k * (n - k) / n + z * z / 4)
    return centre - half, centre + half


def _newcombe(a_count: int, a_n: int, b_count: int, b_n: int) -> tuple[float, float]:
    """Newcombe's hybrid score interval of b − a (1998, method 10) from its formula: the difference
    minus (plus) the root of the squared distances from each share to the Wilson bound on the side
    that makes the difference smaller (larger)."""
    p_a, p_b = a_count / a_n, b_count / b_n
    (l_a, u_a), (l_b, u_b) = _wilson(a_count, a_n), _wilson(b_count, b_n)
    d = p_b - p_a
    return d - math.sqrt((p_b - l_b) ** 2 + (u_a - p_a) ** 2), d + math.sqrt((u_b - p_b) ** 2 + (p_a - l_a) ** 2)


def _statsmodels_newcombe(a_count: int, a_n: int, b_count: int, b_n: int) -> tuple[float, float]:
    from statsmodels.stats.proportion import confint_proportions_2indep

    low, high = confint_proportions_2indep(b_count, b_n, a_count, a_n, method="newcomb", compare="diff")
    return float(low), float(high)


def test_share_difference_small_counts_by_hand():
    result = share_difference(1, 16, 0, 79)
    assert result["difference"] == pytest.approx(-1 / 16, abs=1e-15)
    # Fisher: margins 1 success in 95 paragraphs; the success falls in the first row with probability
    # C(16,1)·C(79,0)/C(95,1) = 16/95, in the second with 79/95; only the observed table is no more
    # likely than itself, so p = 16/95.
    assert result["p_fisher"] == pytest.approx(16 / 95, rel=1e-12)
    # Newcombe: the later share is 0 = its Wilson lower bound, so the lower end is −1/16 − (u − 1/16) = −u,
    # u the Wilson upper bound of 1/16; the upper end reaches past 0 by the root of the later share's
    # Wilson upper bound squared plus (1/16 − l)² minus 1/16: no degenerate [−3/16, 0] as the bootstrap gave
    assert result["low"] == pytest.approx(-_wilson(1, 16)[1], abs=1e-12)
    upper = -1 / 16 + math.sqrt(_wilson(0, 79)[1] ** 2 + (1 / 16 - _wilson(1, 16)[0]) ** 2)
    assert result["high"] == pytest.approx(upper, abs=1e-12)
    assert result["high"] > 0  # a zero count still has room above it
    assert (round(result["low"], 3), round(result["high"], 3)) == (-0.283, 0.007)


def test_share_difference_reproduces_newcombe_1998():
    """Newcombe (1998), Statistics in Medicine 17:873-890, table II, method 10 (the hybrid score
    interval), examples (a) 56/70 − 48/80 and (b) 9/10 − 3/10, as printed (4 decimals)."""
    a = share_difference(48, 80, 56, 70)
    assert a["difference"] == pytest.approx(0.2, abs=1e-12)
    assert (round(a["low"], 4), round(a["high"], 4)) == (0.0524, 0.3339)
    b = share_difference(3, 10, 9, 10)
    assert b["difference"] == pytest.approx(0.6, abs=1e-12)
    assert (round(b["low"], 4), round(b["high"], 4)) == (0.1705, 0.8090)


@pytest.mark.parametrize(
    ("a_count", "a_n", "b_count", "b_n"),
    [(5, 20, 12, 30), (3, 5, 1, 4), (7, 16, 7, 16), (0, 12, 9, 10), (16, 16, 40, 79), (0, 16, 0, 80), (1, 16, 0, 79)],
)
def test_share_difference_against_an_independent_route(a_count, a_n, b_count, b_n):
    result = share_difference(a_count, a_n, b_count, b_n)
    assert set(result) == {"difference", "low", "high", "p_fisher"}
    assert result["difference"] == pytest.approx(b_count / b_n - a_count / a_n, abs=1e-15)
    assert result["p_fisher"] == pytest.approx(_fisher_two_sided(a_count, a_n, b_count, b_n), rel=1e-9)
    for low, high in (_newcombe(a_count, a_n, b_count, b_n), _statsmodels_newcombe(a_count, a_n, b_count, b_n)):
        assert result["low"] == pytest.approx(low, abs=1e-12)
        assert result["high"] == pytest.approx(high, abs=1e-12)
    assert -1 <= result["low"] <= result["difference"] <= result["high"] <= 1
    assert all(type(v) is float for v in result.values())
    # reversed, the interval mirrors: b − a becomes a − b
    back = share_difference(b_count, b_n, a_count, a_n)
    assert (back["low"], back["high"]) == pytest.approx((-result["high"], -result["low"]), abs=1e-12)


def test_share_difference_literals():
    # [[3, 2], [1, 3]]: 4 successes among 9; C(9,4) = 126 tables weighted C(5,x)·C(4,4−x) for
    # x = 0..4: 1, 20, 60, 40, 5. Observed x = 3 (40); no more likely: 1 + 20 + 40 + 5 = 66 → p = 66/126
    result = share_difference(3, 5, 1, 4)
    assert result["difference"] == pytest.approx(1 / 4 - 3 / 5)
    assert result["p_fisher"] == pytest.approx(66 / 126, rel=1e-12)
    # the same shares: the observed table is the most likely one, p = 1, difference 0 inside a symmetric interval
    same = share_difference(7, 16, 7, 16)
    assert same["difference"] == 0 and same["p_fisher"] == pytest.approx(1.0)
    assert same["low"] == pytest.approx(-same["high"], abs=1e-12) and same["low"] < 0
    # every later paragraph and no earlier one: [[0, 12], [10, 0]]: 10 successes of 22, tables x = 0..10
    # weighted C(12,x)·C(10,10−x) of C(22,10) = 646646; the observed x = 0 has weight 1 and every other
    # table more (x = 10: C(12,10) = 66), so p = 1/646646
    extreme = share_difference(0, 12, 10, 10)
    assert extreme["difference"] == 1.0
    assert extreme["p_fisher"] == pytest.approx(1 / 646646, rel=1e-9)
    # the later share 1 is its Wilson upper bound and the earlier 0 its lower one, so the upper end is 1;
    # the lower end is 1 − √((1 − l)² + u²), l the Wilson lower bound of 10/10, u the upper of 0/12
    low = 1 - math.sqrt((1 - _wilson(10, 10)[0]) ** 2 + _wilson(0, 12)[1] ** 2)
    assert (extreme["low"], extreme["high"]) == pytest.approx((low, 1.0), abs=1e-12)
    # no bootstrap, so no seed or number of draws to pass
    with pytest.raises(TypeError):
        share_difference(16, 40, 40, 79, reps=2000)  # type: ignore[call-arg]


def test_adjust_p_by_hand_and_against_statsmodels():
    from statsmodels.stats.multitest import multipletests

    p = [0.01, float("nan"), 0.04, 0.03]
    # Holm over the 3 tests (the NaN is no test): sorted 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → 0.06
    # (never below the one before)
    assert adjust_p(p).tolist()[::2] == pytest.approx([0.03, 0.06])
    assert adjust_p(p)[3] == pytest.approx(0.06) and math.isnan(adjust_p(p)[1])
    # Benjamini–Hochberg: 0.01·3/1 = 0.03, 0.03·3/2 = 0.045, 0.04·3/3 = 0.04 → the smallest from the top: 0.04
    assert adjust_p(p, "fdr_bh")[[0, 2, 3]].tolist() == pytest.approx([0.03, 0.04, 0.04])
    for method in ("holm", "fdr_bh", "bonferroni"):
        expected = multipletests([0.01, 0.04, 0.03], method=method)[1]
        assert adjust_p(p, method)[[0, 2, 3]].tolist() == pytest.approx(expected.tolist(), abs=1e-15)
    assert adjust_p([0.5, 1.0]).tolist() == [1.0, 1.0]  # capped at 1
    assert adjust_p([]).size == 0 and np.isnan(adjust_p([float("nan")])).all()
    with pytest.raises(ValueError, match=r"^unknown adjustment method 'holmes'; see statsmodels' multipletests$"):
        adjust_p([0.1], "holmes")


def test_adjust_family_within_groups_and_in_words():
    frame = pd.DataFrame(
        {
            "pair": ["x", "x", "y", "y", "y", "x"],
            "label": ["a", "b", "a", "b", "c", "c"],
            "p_fisher": [0.01, 0.02, 0.04, float("nan"), 0.01, 0.5],
        },
        index=[7, 7, 3, 3, 3, 1],  # a concatenation's index: labels repeat
    )
    out = adjust_family(frame, ["pair"], "the {m} themes of pair {pair}")
    assert out.index.tolist() == [7, 7, 3, 3, 3, 1] and out["p_fisher"].equals(frame["p_fisher"])
    # pair x: 0.01·3 = 0.03, 0.02·2 = 0.04, 0.5·1 = 0.5; pair y (2 tests): 0.01·2 = 0.02, 0.04·1 = 0.04
    assert out["p_adjusted"].tolist()[:3] == pytest.approx([0.03, 0.04, 0.04])
    assert math.isnan(out["p_adjusted"].iloc[3])
    assert out["p_adjusted"].tolist()[4:] == pytest.approx([0.02, 0.5])
    assert out["adjustment"].tolist() == [
        "holm over the 3 themes of pair x",
        "holm over the 3 themes of pair x",
        "holm over the 2 themes of pair y",
        "",
        "holm over the 2 themes of pair y",
        "holm over the 3 themes of pair x",
    ]
    # no groups: one family of every test in the table
    whole = adjust_family(frame, [], "the {m} tests of the table", "bonferroni")
    assert set(whole["adjustment"]) == {"bonferroni over the 5 tests of the table", ""}
    assert whole["p_adjusted"].iloc[0] == pytest.approx(0.05)
    with pytest.raises(ValueError, match=r"^unknown adjustment method 'none'"):
        adjust_family(frame.iloc[0:0], [], "nothing", "none")


EARLIER, LATER = "GEN/EARLIER", "GEN/LATER"  # generated symbols: the table is made up
ORDINAL = ["paragraphs", "median_strength", "strength_q1", "strength_q3", "pressing"]  # strength_profile


def _labels(symbol: str, language: str, number: int, verbs: tuple[str, ...], strength, themes) -> ParagraphLabels:
    paragraph = Paragraph("operative", number, f"generated paragraph {number}", number=number)
    reading = VerbReading(verbs[0] if verbs else "", verbs, (), strength, ())
    return ParagraphLabels(symbol, language, paragraph, reading, {t: () for t in themes})


def _hand_table() -> list[ParagraphLabels]:
    """Two made-up resolutions in Chinese, plus an English reading of the earlier one that the
    language filter must leave out. Strengths are those of verb_strength.csv."""
    return [
        _labels(EARLIER, "zh", 1, ("requests", "urges"), 5, ("funding", "africa")),
        _labels(EARLIER, "zh", 2, ("urges",), 7, ("funding",)),
        _labels(EARLIER, "zh", 3, ("notes",), 1, ()),
        _labels(EARLIER, "zh", 4, (), None, ("terrorism",)),  # no verb found
        _labels(EARLIER, "zh", 5, ("requests",), 5, ("funding",)),
        _labels(LATER, "zh", 1, ("decides",), 9, ("terrorism",)),
        _labels(LATER, "zh", 2, ("requests", "encourages"), 5, ("africa",)),
        _labels(LATER, "zh", 3, ("encourages",), 3, ("children",)),
        _labels(LATER, "zh", 4, ("welcomes", "requests"), 2, ("terrorism", "funding")),
        _labels(EARLIER, "en", 1, ("decides",), 9, ("funding", "corruption")),
        _labels(EARLIER, "en", 2, ("decides",), 9, ()),
    ]


def _rows(counts: pd.DataFrame) -> set[tuple]:
    return {(r.symbol, r.language, r.label, r.count, r.paragraphs, round(r.share, 12)) for r in counts.itertuples()}


def test_label_counts_of_two_resolutions_by_hand():
    themes = label_counts(_hand_table(), "theme")
    assert list(themes.columns) == ["symbol", "language", "label", "count", "paragraphs", "share"]
    # earlier (5 paragraphs): funding in 1, 2, 5; africa in 1; terrorism in 4
    # later (4 paragraphs): terrorism in 1, 4; africa in 2; children in 3; funding in 4
    # English earlier (2 paragraphs): funding and corruption in 1
    assert _rows(themes) == {
        (EARLIER, "zh", "africa", 1, 5, 0.2),
        (EARLIER, "zh", "funding", 3, 5, 0.6),
        (EARLIER, "zh", "terrorism", 1, 5, 0.2),
        (LATER, "zh", "africa", 1, 4, 0.25),
        (LATER, "zh", "children", 1, 4, 0.25),
        (LATER, "zh", "funding", 1, 4, 0.25),
        (LATER, "zh", "terrorism", 2, 4, 0.5),
        (EARLIER, "en", "corruption", 1, 2, 0.5),
        (EARLIER, "en", "funding", 1, 2, 0.5),
    }
    # every verb of a paragraph counts once; the paragraph without a verb counts in the denominator only
    verbs = label_counts(_hand_table(), "verb")
    assert _rows(verbs) == {
        (EARLIER, "zh", "notes", 1, 5, 0.2),
        (EARLIER, "zh", "requests", 2, 5, 0.4),
        (EARLIER, "zh", "urges", 2, 5, 0.4),
        (LATER, "zh", "decides", 1, 4, 0.25),
        (LATER, "zh", "encourages", 2, 4, 0.5),
        (LATER, "zh", "requests", 2, 4, 0.5),
        (LATER, "zh", "welcomes", 1, 4, 0.25),
        (EARLIER, "en", "decides", 2, 2, 1.0),
    }
    # primary verbs only: the first of each paragraph; "" (no verb) is no label
    primary = label_counts(_hand_table(), "verb", primary_only=True)
    assert _rows(primary) == {
        (EARLIER, "zh", "notes", 1, 5, 0.2),
        (EARLIER, "zh", "requests", 2, 5, 0.4),
        (EARLIER, "zh", "urges", 1, 5, 0.2),
        (LATER, "zh", "decides", 1, 4, 0.25),
        (LATER, "zh", "encourages", 1, 4, 0.25),
        (LATER, "zh", "requests", 1, 4, 0.25),
        (LATER, "zh", "welcomes", 1, 4, 0.25),
        (EARLIER, "en", "decides", 2, 2, 1.0),
    }


def _actors(symbol: str, number: int, subjects, addressees, money, themes=("funding", "terrorism")) -> ParagraphLabels:
    """A generated paragraph with subject themes, addressees (in the order a paragraph names them,
    one repeated) and kinds of money."""
    from analysis.coding.actors import Addressee

    x = _labels(symbol, "en", number, ("requests",), 5, themes)
    return dataclasses.replace(
        x,
        subjects=tuple(subjects),
        addressees=tuple(Addressee(code, "requests", 0, 0, code) for code in addressees),
        funding_kinds={kind: (kind,) for kind in money},
    )


def test_label_counts_of_subjects_addressees_and_money_by_hand():
    table = [
        _actors(EARLIER, 1, ("funding",), ("unodc", "member_states", "unodc"), ("new_resources",)),
        _actors(EARLIER, 2, (), ("member_states",), ("budget_neutral", "conditional")),
        _actors(EARLIER, 3, ("terrorism", "funding"), (), ("voluntary", "budget_neutral")),
        _actors(EARLIER, 4, (), (), (), themes=()),
    ]
    # every mention: funding and terrorism in paragraphs 1-3; subjects: funding in 1 and 3, terrorism in 3
    assert _rows(label_counts(table, "theme")) == {
        (EARLIER, "en", "funding", 3, 4, 0.75),
        (EARLIER, "en", "terrorism", 3, 4, 0.75),
    }
    assert _rows(label_counts(table, "subject_theme")) == {
        (EARLIER, "en", "funding", 2, 4, 0.5),
        (EARLIER, "en", "terrorism", 1, 4, 0.25),
    }
    # an addressee named twice in one paragraph counts once
    assert _rows(label_counts(table, "addressee")) == {
        (EARLIER, "en", "member_states", 2, 4, 0.5),
        (EARLIER, "en", "unodc", 1, 4, 0.25),
    }
    assert _rows(label_counts(table, "funding_kind")) == {
        (EARLIER, "en", "new_resources", 1, 4, 0.25),
        (EARLIER, "en", "budget_neutral", 2, 4, 0.5),
        (EARLIER, "en", "conditional", 1, 4, 0.25),
        (EARLIER, "en", "voluntary", 1, 4, 0.25),
    }
    with pytest.raises(ValueError, match=r"^unknown kind of label 'topic'; choose from verb, theme, subject_theme"):
        label_counts(table, "topic")


def test_notes_and_takes_note_are_one_verb_class_in_the_counts():
    """Codebook 2.0: the two English leads (and the Chinese forms that render them) are one class,
    counted once, and the lead column keeps the printed words; procedural is a class of its own."""
    from analysis.coding.labels import classification_table, classify_paragraph

    texts = [
        "Takes note with appreciation of the report of the Secretary-General;",
        "Notes with appreciation the progress made;",
        "Takes note of the work of the Commission;",
        "Decides to include in the provisional agenda of its eighty-first session the item;",
    ]
    labels = [
        classify_paragraph("GEN/NOTES", "en", Paragraph("operative", i, text, number=i + 1))
        for i, text in enumerate(texts)
    ]
    verbs = label_counts(labels, "verb", primary_only=True)
    assert _rows(verbs) == {("GEN/NOTES", "en", "notes", 3, 4, 0.75), ("GEN/NOTES", "en", "procedural", 1, 4, 0.25)}
    leads = classification_table(labels)["lead"].tolist()
    assert [lead.split(" with ")[0].removesuffix(" of") for lead in leads[:3]] == ["Takes note", "Notes", "Takes note"]


def test_counts_and_profiles_of_paragraphs_without_labels():
    # two paragraphs with no verb and no theme: no rows, but the columns of the table
    bare = [_labels("GEN/BARE", "zh", 1, (), None, ()), _labels("GEN/BARE", "zh", 2, (), None, ())]
    for kind in ("theme", "verb", "subject_theme", "addressee", "funding_kind"):
        counts = label_counts(bare, kind)
        assert counts.empty and list(counts.columns) == ["symbol", "language", "label", "count", "paragraphs", "share"]
    profile = strength_profile(bare)
    assert profile.empty
    assert list(profile.columns) == ["symbol", "language", *ORDINAL, "pressing_share", "pressing_low", "pressing_high"]
    distribution = strength_distribution(bare)
    assert distribution.empty and list(distribution.columns) == ["symbol", "language", "strength", "count", "share"]


def test_compare_two_on_two_resolutions_by_hand():
    themes = label_counts(_hand_table(), "theme")
    table = compare_two(themes, EARLIER, LATER, "zh")
    # labels: every label of the Chinese part, sorted; corruption is only in the English reading
    assert table["label"].tolist() == ["africa", "children", "funding", "terrorism"]
    assert set(table["earlier"]) == {EARLIER} and set(table["later"]) == {LATER}
    assert (table["earlier_n"] == 5).all() and (table["later_n"] == 4).all()
    assert table["earlier_count"].tolist() == [1, 0, 3, 1]
    assert table["later_count"].tolist() == [1, 1, 1, 2]
    assert table["difference"].tolist() == pytest.approx([1 / 4 - 1 / 5, 1 / 4, 1 / 4 - 3 / 5, 2 / 4 - 1 / 5])
    # Fisher by hand, margins (5, 4) paragraphs:
    #   africa [[1,4],[1,3]]: 2 successes, C(9,2) = 36, weights x=0..2: 6, 20, 10; observed 20 → 36/36 = 1
    #   children [[0,5],[1,3]]: 1 success, C(9,1) = 9, weights 4, 5; observed 4 → 4/9
    #   funding [[3,2],[1,3]]: 66/126 (see test_share_difference_literals)
    #   terrorism [[1,4],[2,2]]: 3 successes, C(9,3) = 84, weights 4, 30, 40, 10; observed 30 → 44/84
    assert table["p_fisher"].tolist() == pytest.approx([1.0, 4 / 9, 66 / 126, 44 / 84], rel=1e-12)
    for row in table.itertuples():
        assert (row.low, row.high) == pytest.approx(_newcombe(row.earlier_count, 5, row.later_count, 4), abs=1e-12)
    # Holm over the 4 labels: sorted 4/9·4 ≥ 1, so every adjusted p is 1
    assert table["p_adjusted"].tolist() == [1.0, 1.0, 1.0, 1.0]
    assert set(table["adjustment"]) == {"holm over the 4 labels of GEN/EARLIER vs GEN/LATER"}
    assert list(table.columns)[-4:] == ["high", "p_fisher", "p_adjusted", "adjustment"]
    # a family named by the caller, another method
    named = compare_two(themes, EARLIER, LATER, "zh", family="the {m} themes of the table", method="bonferroni")
    assert set(named["adjustment"]) == {"bonferroni over the 4 themes of the table"}
    assert named["p_adjusted"].tolist() == pytest.approx([min(1, 4 * p) for p in table["p_fisher"]])
    # a chosen label list keeps its order and gives zeros for a label neither resolution has
    chosen = compare_two(themes, EARLIER, LATER, "zh", ["terrorism", "kidnapping"])
    assert chosen["label"].tolist() == ["terrorism", "kidnapping"]
    assert chosen[["earlier_count", "later_count"]].values.tolist() == [[1, 2], [0, 0]]
    assert chosen.loc[1, "p_fisher"] == pytest.approx(1.0) and chosen.loc[1, "difference"] == 0
    # reversed, the difference changes sign and the p-value does not
    back = compare_two(themes, LATER, EARLIER, "zh")
    assert back["difference"].tolist() == pytest.approx((-table["difference"]).tolist())
    assert back["p_fisher"].tolist() == pytest.approx(table["p_fisher"].tolist())
    # a symbol missing from the table is named, whichever of the two it is
    with pytest.raises(KeyError, match=r"not in the table: GEN/MISSING \(zh\)"):
        compare_two(themes, EARLIER, "GEN/MISSING", "zh")
    with pytest.raises(KeyError, match=r"not in the table: GEN/MISSING \(zh\)"):
        compare_two(themes, "GEN/MISSING", LATER, "zh")
    with pytest.raises(KeyError, match=r"not in the table: GEN/LATER \(en\)"):
        compare_two(themes, EARLIER, LATER, "en")  # the later resolution has no English reading
    with pytest.raises(KeyError, match=r"not in the table: GEN/M1, GEN/M2 \(zh\)"):
        compare_two(themes, "GEN/M1", "GEN/M2", "zh")  # both missing: both named


def test_compare_two_across_languages():
    # language None: one language per symbol, as a series read across languages
    labels = [x for x in _hand_table() if x.symbol == LATER or x.language == "en"]
    themes = label_counts(labels, "theme")
    table = compare_two(themes, EARLIER, LATER, None, ["funding", "corruption"]).set_index("label")
    assert table.loc["funding", ["earlier_count", "earlier_n", "later_count", "later_n"]].tolist() == [1, 2, 1, 4]
    assert table.loc["funding", "difference"] == pytest.approx(1 / 4 - 1 / 2)
    # [[1,1],[1,3]]: 2 successes of 6, C(6,2) = 15, weights C(2,x)·C(4,2−x): 6, 8, 1; observed 8 → 15/15
    assert table.loc["funding", "p_fisher"] == pytest.approx(1.0)
    # [[1,1],[0,4]]: 1 success, weights 4, 2 (x = 0, 1) of 6; observed 2 → 2/6
    assert table.loc["corruption", "p_fisher"] == pytest.approx(2 / 6)


def test_share_grid_on_the_hand_table():
    from analysis.comparison.shares import share_grid

    themes = label_counts(_hand_table(), "theme")
    zh = themes[themes["language"] == "zh"]
    grid = share_grid(
        zh, [EARLIER, LATER, "GEN/EMPTY"], ["funding", "children"], {EARLIER: 5, LATER: 4, "GEN/EMPTY": 0}
    )
    assert list(grid.columns) == ["symbol", "label", "count", "paragraphs", "share", "low", "high"]
    assert grid[["symbol", "label", "count", "paragraphs"]].values.tolist() == [
        [EARLIER, "funding", 3, 5],
        [EARLIER, "children", 0, 5],
        [LATER, "funding", 1, 4],
        [LATER, "children", 1, 4],
        ["GEN/EMPTY", "funding", 0, 0],
        ["GEN/EMPTY", "children", 0, 0],
    ]
    for row in grid.iloc[:4].itertuples():
        assert row.share == pytest.approx(row.count / row.paragraphs)
        assert (row.low, row.high) == pytest.approx(_wilson(row.count, row.paragraphs), abs=1e-12)
    # 3 of 5 by hand: z = 1.96, centre (3 + 1.92)/(5 + 3.84) = 0.5566, half 1.96/8.84·√(1.2 + 0.96) = 0.3258
    assert (round(grid.loc[0, "low"], 3), round(grid.loc[0, "high"], 3)) == (0.231, 0.882)
    assert grid.loc[1, "low"] == pytest.approx(0, abs=1e-12)  # a zero count: the interval starts at 0
    assert grid.iloc[4:][["share", "low", "high"]].isna().all().all()  # no paragraphs: no share, no interval
    # an empty table, with or without its columns: every pair counted as zero
    for empty_table in (zh.iloc[0:0], pd.DataFrame()):
        empty = share_grid(empty_table, [LATER], ["funding"], {LATER: 4})
        assert empty[["count", "paragraphs", "share"]].values.tolist() == [[0, 4, 0.0]]
        assert (empty.loc[0, "low"], empty.loc[0, "high"]) == pytest.approx(_wilson(0, 4), abs=1e-12)


def test_share_grid_gives_wilson_intervals_and_zero_counts():
    from analysis.comparison.shares import share_grid

    counts = pd.DataFrame(
        [{"symbol": "A", "language": "zh", "label": "funding", "count": 3, "paragraphs": 16, "share": 3 / 16}]
    )
    grid = share_grid(counts, ["A", "B"], ["funding", "africa"], {"A": 16, "B": 65}).set_index(["symbol", "label"])
    funding = grid.loc[("A", "funding")]
    assert funding["count"] == 3 and round(funding["low"], 3) == 0.066 and round(funding["high"], 3) == 0.430
    assert funding["share"] == 3 / 16 and funding["paragraphs"] == 16
    assert (funding["low"], funding["high"]) == pytest.approx(_wilson(3, 16), abs=1e-12)
    absent = grid.loc[("B", "africa")]  # never seen: share 0, but with 65 paragraphs up to 5.6 % is plausible
    assert absent["count"] == 0 and absent["low"] == 0 and round(absent["high"], 3) == 0.056
    assert absent["share"] == 0 and absent["paragraphs"] == 65
    assert absent["high"] == pytest.approx(_wilson(0, 65)[1], abs=1e-12)
    assert grid.loc[("A", "africa"), "count"] == 0 and grid.loc[("B", "funding"), "count"] == 0
    assert len(grid) == 4


def test_share_table_against_the_first_document():
    from analysis.comparison.shares import share_table

    table = share_table(_hand_table(), "theme")
    assert list(table.columns) == [
        "symbol",
        "language",
        "label",
        "count",
        "paragraphs",
        "share",
        "share_low",
        "share_high",
        "baseline",
        "difference",
        "difference_low",
        "difference_high",
        "p_fisher",
        "p_adjusted",
        "adjustment",
    ]
    # documents in the order first met, every label of any document (sorted) for each, zeros included
    labels = ["africa", "children", "corruption", "funding", "terrorism"]
    assert table[["symbol", "language"]].drop_duplicates().values.tolist() == [
        [EARLIER, "zh"],
        [LATER, "zh"],
        [EARLIER, "en"],
    ]
    assert table["label"].tolist() == labels * 3
    counts = {  # by hand from _hand_table
        (EARLIER, "zh"): ([1, 0, 0, 3, 1], 5),
        (LATER, "zh"): ([1, 1, 0, 1, 2], 4),
        (EARLIER, "en"): ([0, 0, 1, 1, 0], 2),
    }
    for (symbol, language), (expected, n) in counts.items():
        part = table[(table["symbol"] == symbol) & (table["language"] == language)]
        assert part["count"].tolist() == expected and (part["paragraphs"] == n).all()
        assert part["share"].tolist() == pytest.approx([k / n for k in expected])
        for k, low, high in zip(expected, part["share_low"], part["share_high"]):
            assert (low, high) == pytest.approx(_wilson(k, n), abs=1e-12)
    assert set(table["baseline"]) == {"GEN/EARLIER (zh)"}
    # the baseline's own rows have no difference
    own = table.iloc[:5]
    assert own[["difference", "difference_low", "difference_high", "p_fisher"]].isna().all().all()
    # the others: against the baseline's count of 5 paragraphs, by the independent routes
    base = counts[(EARLIER, "zh")][0]
    for (symbol, language), (expected, n) in list(counts.items())[1:]:
        part = table[(table["symbol"] == symbol) & (table["language"] == language)]
        for a, k, row in zip(base, expected, part.itertuples()):
            assert row.difference == pytest.approx(k / n - a / 5, abs=1e-15)
            assert row.p_fisher == pytest.approx(_fisher_two_sided(a, 5, k, n), rel=1e-9)
            assert (row.difference_low, row.difference_high) == pytest.approx(_newcombe(a, 5, k, n), abs=1e-12)
        # one family per pair of documents: the 5 labels of the baseline vs this document
        assert part["p_adjusted"].tolist() == pytest.approx(adjust_p(part["p_fisher"]).tolist())
        assert set(part["adjustment"]) == {f"holm over the 5 labels of GEN/EARLIER (zh) vs {symbol} ({language})"}
    assert own["p_adjusted"].isna().all() and (own["adjustment"] == "").all()
    english = table[table["language"] == "en"].set_index("label")
    # corruption: [[0,5],[1,1]], 1 success of 7: weights C(5,x)·C(2,1−x) = 2 (x = 0), 5 (x = 1); observed 2 → 2/7
    assert english.loc["corruption", "p_fisher"] == pytest.approx(2 / 7)
    assert english.loc["corruption", "difference"] == pytest.approx(0.5)


def test_share_table_with_a_baseline_an_order_and_primary_verbs():
    from analysis.comparison.shares import share_table

    table = share_table(_hand_table(), "verb", baseline=(LATER, "zh"), label_order=["requests", "urges", "adopts"])
    assert table["label"].tolist() == ["requests", "urges", "adopts"] * 3
    assert set(table["baseline"]) == {"GEN/LATER (zh)"}
    # primary verbs only: earlier requests in paragraphs 1 and 5 (2 of 5), urges in 2 (paragraph 1's urges
    # is its second verb); later requests as the primary of paragraph 2 only (paragraph 4 opens with welcomes)
    assert table["count"].tolist() == [2, 1, 0, 1, 0, 0, 0, 0, 0]
    later = table[table["symbol"] == LATER]
    assert later["p_fisher"].isna().all() and later["difference"].isna().all()
    earlier = table[(table["symbol"] == EARLIER) & (table["language"] == "zh")].set_index("label")
    assert earlier.loc["requests", "difference"] == pytest.approx(2 / 5 - 1 / 4)
    assert earlier.loc["requests", "p_fisher"] == pytest.approx(_fisher_two_sided(1, 4, 2, 5), rel=1e-9)
    assert earlier.loc["adopts", "p_fisher"] == pytest.approx(1.0) and earlier.loc["adopts", "difference"] == 0
    with pytest.raises(KeyError, match=r"baseline GEN/LATER \(en\) is not among the documents compared"):
        share_table(_hand_table(), "theme", baseline=(LATER, "en"))
    with pytest.raises(ValueError, match=r"^nothing to compare: no operative paragraphs$"):
        share_table([], "theme")
    # one document alone: its own baseline, with no difference (numeric NaN, not None)
    alone = share_table([x for x in _hand_table() if x.language == "en"], "theme")
    assert alone["count"].tolist() == [1, 1] and alone["label"].tolist() == ["corruption", "funding"]
    for column in ("difference", "difference_low", "difference_high", "p_fisher"):
        assert alone[column].dtype == float and alone[column].isna().all()


def _js_by_hand(p: list[float], q: list[float]) -> float:
    """JS distance, base 2: √(½·KL(P‖M) + ½·KL(Q‖M)), M = (P + Q)/2, KL(P‖M) = Σ p·log2(p/m) over p > 0."""
    m = [(x + y) / 2 for x, y in zip(p, q)]
    kl_p = sum(x * math.log2(x / z) for x, z in zip(p, m) if x > 0)
    kl_q = sum(y * math.log2(y / z) for y, z in zip(q, m) if y > 0)
    return math.sqrt((kl_p + kl_q) / 2)


def test_js_distance_by_hand():
    themes = label_counts(_hand_table(), "theme")
    # labels africa, children, funding, terrorism; earlier counts 1, 0, 3, 1 (of 5 labels), later 1, 1, 1, 2
    p, q = [0.2, 0.0, 0.6, 0.2], [0.2, 0.2, 0.2, 0.4]
    # M = (0.2, 0.1, 0.4, 0.3); KL(P‖M) = 0.6·log2(1.5) + 0.2·log2(2/3) = 0.4·log2(1.5);
    # KL(Q‖M) = 0.2·log2(2) + 0.2·log2(0.5) + 0.4·log2(4/3) = 0.4·log2(4/3); their mean is
    # 0.2·log2(1.5 · 4/3) = 0.2·log2(2) = 0.2, so the distance is √0.2
    assert _js_by_hand(p, q) == pytest.approx(math.sqrt(0.2), rel=1e-12)
    assert js_distance(themes, EARLIER, LATER, "zh") == pytest.approx(math.sqrt(0.2), rel=1e-9)
    assert js_distance(themes, LATER, EARLIER, "zh") == pytest.approx(math.sqrt(0.2), rel=1e-9)  # symmetric
    # across languages (one language per symbol): earlier in English has funding 1, corruption 1;
    # later: africa 1, children 1, funding 1, terrorism 2 → over (africa, children, corruption, funding, terrorism)
    across = label_counts([x for x in _hand_table() if x.symbol == LATER or x.language == "en"], "theme")
    expected = _js_by_hand([0, 0, 0.5, 0.5, 0], [0.2, 0.2, 0, 0.2, 0.4])
    assert js_distance(across, EARLIER, LATER, None) == pytest.approx(expected, rel=1e-9)
    with pytest.raises(KeyError, match=r"GEN/EARLIER or GEN/MISSING not in the table \(zh\)"):
        js_distance(themes, EARLIER, "GEN/MISSING", "zh")
    with pytest.raises(KeyError, match=r"GEN/MISSING or GEN/EARLIER not in the table \(zh\)"):
        js_distance(themes, "GEN/MISSING", EARLIER, "zh")
    with pytest.raises(KeyError, match=r"GEN/LATER or GEN/EARLIER not in the table \(en\)"):
        js_distance(themes, LATER, EARLIER, "en")


def test_js_distance_identical_and_disjoint():
    def table(rows):
        return pd.DataFrame([{"symbol": s, "language": "zh", "label": label, "count": c} for s, label, c in rows])

    # the same mix at different sizes is distance 0: only the proportions count
    same = table([("A", "x", 1), ("A", "y", 2), ("B", "x", 2), ("B", "y", 4)])
    assert js_distance(same, "A", "B", "zh") == pytest.approx(0.0, abs=1e-12)
    # no label in common: distance 1 (base 2)
    disjoint = table([("A", "x", 2), ("B", "y", 3), ("B", "z", 1)])
    assert js_distance(disjoint, "A", "B", "zh") == pytest.approx(1.0, abs=1e-12)
    # half of each in common: P = (½, ½, 0), Q = (0, ½, ½), M = (¼, ½, ¼): KL = ½·log2(2) = ½ each, √½
    half = table([("A", "x", 1), ("A", "y", 1), ("B", "y", 1), ("B", "z", 1)])
    assert js_distance(half, "A", "B", "zh") == pytest.approx(math.sqrt(0.5), rel=1e-12)


def test_strength_profile_by_hand():
    """Median and quartiles are classes of the ordinal scale (the lower one at a tie), never a mean or
    a midpoint between two classes; pressing (≥ 5) with its Wilson interval."""
    profile = strength_profile(_hand_table()).set_index(["symbol", "language"])
    assert "mean_strength" not in profile.columns
    # earlier zh: 5, 7, 1, 5 (paragraph 4 has no verb, so no strength): sorted 1 5 5 7; the first value
    # whose cumulative share reaches ¼ is 1, ½ is 5, ¾ is 5; pressing: 5, 7, 5 → 3 of 4
    earlier = profile.loc[(EARLIER, "zh")]
    assert earlier[ORDINAL].tolist() == [4, 5, 1, 5, 3]
    assert earlier["pressing_share"] == 0.75
    assert (earlier["pressing_low"], earlier["pressing_high"]) == pytest.approx(_wilson(3, 4), abs=1e-12)
    # later zh: 9, 5, 3, 2: sorted 2 3 5 9; ¼ → 2, ½ → 3 (the lower middle class, not 4: no strength
    # lies between 3 and 5 here, and averaging them is what the codebook forbids), ¾ → 5; pressing 9, 5
    later = profile.loc[(LATER, "zh")]
    assert later[ORDINAL].tolist() == [4, 3, 2, 5, 2]
    assert later["pressing_share"] == 0.5
    assert (later["pressing_low"], later["pressing_high"]) == pytest.approx(_wilson(2, 4), abs=1e-12)
    # earlier en: 9, 9
    english = profile.loc[(EARLIER, "en")]
    assert english[ORDINAL].tolist() == [2, 9, 9, 9, 2]
    assert english["pressing_low"] == pytest.approx(_wilson(2, 2)[0]) and english["pressing_high"] == pytest.approx(1)
    assert len(profile) == 3
    assert str(profile["median_strength"].dtype).startswith("int")


def test_strength_distribution_by_hand():
    from analysis.coding.verbs import strengths

    table = strength_distribution(_hand_table())
    assert list(table.columns) == ["symbol", "language", "strength", "count", "share"]
    scale = sorted(set(strengths().values()))  # every class of verb_strength.csv, zeros included
    assert table[["symbol", "language"]].drop_duplicates().values.tolist() == [
        [EARLIER, "zh"],
        [LATER, "zh"],
        [EARLIER, "en"],
    ]
    for (symbol, language), expected in {
        (EARLIER, "zh"): {1: 1, 5: 2, 7: 1},
        (LATER, "zh"): {2: 1, 3: 1, 5: 1, 9: 1},
        (EARLIER, "en"): {9: 2},
    }.items():
        part = table[(table["symbol"] == symbol) & (table["language"] == language)]
        assert part["strength"].tolist() == scale
        total = sum(expected.values())
        assert part["count"].tolist() == [expected.get(level, 0) for level in scale]
        assert part["share"].tolist() == pytest.approx([expected.get(level, 0) / total for level in scale])


def test_counts_distance_and_strength_on_the_seed(seed):
    labels = classify_resolution(seed)
    themes = label_counts(labels, "theme")
    row = themes[themes["label"] == "africa"].iloc[0]
    assert (row["count"], row["paragraphs"]) == (1, 16)
    # a resolution compared with itself: distance 0, no difference, p = 1
    assert js_distance(themes, seed.symbol, seed.symbol, "zh") == 0.0
    diff = compare_two(themes, seed.symbol, seed.symbol, "zh", ["funding"])
    assert diff.loc[0, "difference"] == 0 and diff.loc[0, "p_fisher"] == 1.0
    profile = strength_profile(labels)
    # the seed's strength profile from the verbs a person read in it (gold) and the strength table
    from analysis.coding.verbs import strengths
    from analysis.gold.labels import load_gold

    gold = load_gold(["development"])
    gold = gold[(gold["symbol"] == seed.symbol) & (gold["language"] == "zh") & gold["has_verbs"]]
    by_hand = [strengths()[verb] for verb in gold.sort_values("paragraph")["verb"]]
    assert len(by_hand) == 16
    assert profile.loc[0, "paragraphs"] == 16
    assert profile.loc[0, "median_strength"] == statistics.median_low(by_hand)
    ordered = sorted(by_hand)  # 16 values: the 4th, 8th and 12th are the first to reach ¼, ½, ¾
    assert (profile.loc[0, "strength_q1"], profile.loc[0, "strength_q3"]) == (ordered[3], ordered[11])
    assert profile.loc[0, "pressing"] == sum(s >= 5 for s in by_hand)
    assert profile.loc[0, "pressing_share"] == pytest.approx(sum(s >= 5 for s in by_hand) / 16)


def test_a_share_of_no_paragraphs_is_undefined_not_an_error():
    for args in ((0, 0, 1, 4), (1, 4, 0, 0), (0, 0, 0, 0)):
        result = share_difference(*args)
        assert list(result) == ["difference", "low", "high", "p_fisher"], result
        assert all(math.isnan(v) for v in result.values()), result
