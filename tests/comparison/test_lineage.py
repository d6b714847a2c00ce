"""Paragraph lineage between two resolutions (TF-IDF cosine and a one-to-one assignment), on generated
successors of the seed and on bundled texts."""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter

import pandas as pd
import pytest

from analysis import api, lexicon
from analysis.comparison.lineage import (
    MODIFIED_AT,
    RETAINED_AT,
    diff_text,
    lineage,
    lineage_diffs,
    lineage_summary,
    word_diff,
)
from analysis.model import Paragraph
from analysis.parsing.parse import parse_text


def _tfidf_cosine(a: list[str], b: list[str], analyzer: str, ngrams: tuple[int, int]) -> list[list[float]]:
    """Cosine similarity of TF-IDF vectors (sublinear tf, smoothed idf, unit length) of character
    n-grams, fitted on both lists, written out from the definitions. ``char``: every n-gram of the
    text; ``char_wb``: n-grams inside each word padded with one space each side."""

    def grams(text: str) -> list[str]:
        text = re.sub(r"\s\s+", " ", text.lower())
        pieces = [text] if analyzer == "char" else [f" {w} " for w in text.split()]
        out = []
        for piece in pieces:
            for n in range(ngrams[0], ngrams[1] + 1):
                out += [piece[i : i + n] for i in range(len(piece) - n + 1)]
        return out

    documents = [Counter(grams(t)) for t in a + b]
    df = Counter(g for d in documents for g in d)
    idf = {g: math.log((1 + len(documents)) / (1 + c)) + 1 for g, c in df.items()}
    vectors = []
    for d in documents:
        v = {g: (1 + math.log(c)) * idf[g] for g, c in d.items()}
        norm = math.sqrt(sum(x * x for x in v.values()))
        vectors.append({g: x / norm for g, x in v.items()})
    left, right = vectors[: len(a)], vectors[len(a) :]
    return [[sum(x * v.get(g, 0.0) for g, x in u.items()) for v in right] for u in left]


SUMMARY = ["from", "to", "retained", "modified", "merged", "split", "new", "dropped", "gap_years"]

PLACEHOLDER = (
    "决定测试夹具段落内容甲乙丙丁戊己庚辛壬癸；"  # generated: beyond its verb, nothing in common with the seed
)


def _operative(texts_or_paragraphs) -> tuple[Paragraph, ...]:
    out = []
    for k, item in enumerate(texts_or_paragraphs, start=1):
        if isinstance(item, Paragraph):
            out.append(dataclasses.replace(item, index=k, number=k, label=f"{k}."))
        else:
            out.append(Paragraph("operative", k, item, number=k, label=f"{k}."))
    return tuple(out)


def _generated_successor(seed):
    """A successor generated in code from the seed (never a real text):
    seed 1, 2, 4 and 7-15 kept verbatim; seed 3 with one phrase cut (a light edit); seed 5 replaced by a
    placeholder sentence (new) and so dropped; seed 6 cut to its first half and finished by a
    placeholder (modified); seed 16 removed (dropped). Renumbered 1-15."""
    old = {p.number: p for p in seed.operative}
    assert "已经取得进展，" in old[3].full_text and not old[3].subparagraphs and not old[6].subparagraphs
    lightly = old[3].text.replace("已经取得进展，", "取得进展，")
    half = old[6].text[: len(old[6].text) // 2] + "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥。"
    later = [old[1], old[2], lightly, old[4], PLACEHOLDER, half] + [old[n] for n in range(7, 16)]
    return dataclasses.replace(seed, symbol="GEN/SUCCESSOR", operative=_operative(later))


# (earlier, later) -> status, for the generated successor
EXPECTED_LINEAGE = {
    **{(n, n): "retained" for n in (1, 2, 3, 4, *range(7, 16))},
    (6, 6): "modified",
    (None, 5): "new",
    (5, None): "dropped",
    (16, None): "dropped",
}


def _statuses(frame: pd.DataFrame) -> dict:
    return {
        (None if pd.isna(e) else int(e), None if pd.isna(later) else int(later)): s
        for e, later, s in zip(frame["earlier"], frame["later"], frame["status"])
    }


def test_lineage_on_a_generated_successor(seed):
    later = _generated_successor(seed)
    frame = lineage(seed, later)
    assert list(frame.columns) == ["from", "to", "earlier", "later", "similarity", "status", "gap_years"]
    assert (frame["gap_years"] == 0).all()  # the generated successor keeps the seed's adoption date
    assert set(frame["from"]) == {seed.symbol} and set(frame["to"]) == {"GEN/SUCCESSOR"}
    assert _statuses(frame) == EXPECTED_LINEAGE
    # ordered by the later paragraph, then the dropped ones by their earlier number
    assert [(None if pd.isna(e) else int(e)) for e in frame["earlier"]] == [1, 2, 3, 4, None, 6, *range(7, 16), 5, 16]
    assert str(frame["earlier"].dtype) == "Int64" and str(frame["later"].dtype) == "Int64"
    # similarities against the TF-IDF written out in this test (character 2-3-grams for Chinese)
    sim = _tfidf_cosine([p.full_text for p in seed.operative], [p.full_text for p in later.operative], "char", (2, 3))
    for e, lat, s in zip(frame["earlier"], frame["later"], frame["similarity"]):
        if pd.isna(lat):
            expected = max(sim[int(e) - 1])  # dropped: its best match among the later paragraphs
        elif pd.isna(e):
            expected = max(row[int(lat) - 1] for row in sim)  # new: its best match among the earlier ones
        else:
            expected = sim[int(e) - 1][int(lat) - 1]
        assert s == pytest.approx(expected, abs=1e-9)
    by_pair = frame.set_index(["earlier", "later"])["similarity"]
    # verbatim copies are identical; the light edit stays above RETAINED_AT, the half rewrite between
    # the thresholds, and the placeholder below MODIFIED_AT against everything
    assert by_pair[(1, 1)] == pytest.approx(1.0)
    assert RETAINED_AT <= by_pair[(3, 3)] < 0.999
    assert MODIFIED_AT + 0.1 < by_pair[(6, 6)] < RETAINED_AT - 0.1
    assert frame[frame["status"] == "new"]["similarity"].max() < MODIFIED_AT
    summary = lineage_summary([frame])
    assert summary.columns.tolist() == SUMMARY
    assert summary.iloc[0].tolist() == [seed.symbol, "GEN/SUCCESSOR", 13, 1, 0, 0, 1, 2, 0.0]


def test_lineage_thresholds_are_at_or_above(seed, monkeypatch):
    """The "modified" status exists, and RETAINED_AT / MODIFIED_AT are lower bounds applied in that
    order: ≥ RETAINED_AT retained, ≥ MODIFIED_AT modified, below it unmatched."""
    import analysis.comparison.lineage as compare

    assert 0 < MODIFIED_AT < RETAINED_AT < 1
    later = _generated_successor(seed)
    s = float(lineage(seed, later).set_index(["earlier", "later"])["similarity"][(6, 6)])
    monkeypatch.setattr(compare, "RETAINED_AT", s)  # exactly at the bound: retained
    assert _statuses(lineage(seed, later))[(6, 6)] == "retained"
    monkeypatch.setattr(compare, "RETAINED_AT", math.nextafter(s, 1))  # just above it: modified
    assert _statuses(lineage(seed, later))[(6, 6)] == "modified"
    monkeypatch.setattr(compare, "MODIFIED_AT", s)  # exactly at the lower bound: still modified
    assert _statuses(lineage(seed, later))[(6, 6)] == "modified"
    monkeypatch.setattr(compare, "MODIFIED_AT", math.nextafter(s, 1))  # just above: no longer a pair
    statuses = _statuses(lineage(seed, later))
    assert (6, 6) not in statuses and statuses[(6, None)] == "dropped" and statuses[(None, 6)] == "new"


def _fixture_successor(seed_text: str) -> str:
    """A fixture made from the seed: operative paragraph 16 removed, paragraph 5 replaced by a
    placeholder sentence, and the paragraphs after it renumbered."""
    text = seed_text.replace(" 16. 请秘书长向大会第六十三届会议提交报告，说明联合国预防犯罪和刑事", " ")
    text = text.replace("司法方案任务执行情况，并阐述新出现的政策问题和可能的应对办法。", "")
    start = text.index(" 5． 邀请会员国")
    end = text.index(" 6． 敦促")
    return text[:start] + " 5． 决定测试夹具段落内容甲乙丙丁戊己庚辛壬癸；\n\n" + text[end:]


def test_lineage_on_itself_and_on_a_fixture(seed, seed_text):
    same = lineage(seed, seed)
    assert set(same["status"]) == {"retained"} and len(same) == 16
    assert same["similarity"].tolist() == pytest.approx([1.0] * 16)
    assert same["earlier"].tolist() == same["later"].tolist() == list(range(1, 17))
    successor = parse_text(_fixture_successor(seed_text), source="fixture")
    frame = lineage(seed, successor)
    statuses = frame.set_index("earlier")["status"].dropna()
    assert statuses[16] == "dropped"
    assert statuses[5] == "dropped"
    assert (frame["status"] == "new").sum() == 1
    assert (frame["status"] == "retained").sum() == 14
    summary = lineage_summary([frame])
    assert summary.iloc[0][["retained", "modified", "merged", "split", "new", "dropped"]].tolist() == [
        14,
        0,
        0,
        0,
        1,
        2,
    ]


def test_lineage_in_english_and_across_languages(seed):
    # generated placeholder sentences (English lineage uses word-bounded character 3-5-grams)
    earlier_texts = [
        "Requests the placeholder office to prepare generated item alpha for the fixture;",
        "Encourages placeholder members to share generated item beta with the fixture;",
        "Decides to keep generated item gamma under review;",
    ]
    later_texts = [
        earlier_texts[0],
        "Encourages placeholder members to share generated item beta widely and quickly;",
        "Zyx wvu qpo.",
    ]
    earlier = dataclasses.replace(seed, language="en", symbol="GEN/EN1", operative=_operative(earlier_texts))
    later = dataclasses.replace(seed, language="en", symbol="GEN/EN2", operative=_operative(later_texts))
    frame = lineage(earlier, later)
    sim = _tfidf_cosine(earlier_texts, later_texts, "char_wb", (3, 5))
    assert MODIFIED_AT < sim[1][1] < RETAINED_AT and max(row[2] for row in sim) < MODIFIED_AT
    assert _statuses(frame) == {(1, 1): "retained", (2, 2): "modified", (None, 3): "new", (3, None): "dropped"}
    pairs = frame.set_index(["earlier", "later"])["similarity"]
    assert pairs[(2, 2)] == pytest.approx(sim[1][1], abs=1e-9)
    dropped = frame[frame["status"] == "dropped"]["similarity"].iloc[0]
    assert dropped == pytest.approx(max(sim[2]), abs=1e-9)
    with pytest.raises(ValueError, match=r"^lineage compares two resolutions in the same language$"):
        lineage(seed, later)


def test_lineage_summary_counts_each_pair():
    def frame(source, target, statuses):
        return pd.DataFrame({"from": source, "to": target, "status": statuses})

    summary = lineage_summary(
        [
            frame("A", "B", ["retained", "new", "new", "dropped"]).assign(gap_years=12.0),
            frame("B", "C", ["modified", "modified", "merged", "split"]).assign(gap_years=2.0),
        ]
    )
    assert summary.values.tolist() == [["A", "B", 1, 0, 0, 0, 2, 1, 12.0], ["B", "C", 0, 2, 1, 1, 0, 0, 2.0]]
    one = lineage_summary([frame("C", "D", ["new"])])  # a pair with a single row, without gap_years
    assert one.iloc[0].tolist()[:-1] == ["C", "D", 0, 0, 0, 0, 1, 0] and math.isnan(one["gap_years"].iloc[0])
    assert lineage_summary([]).columns.tolist() == SUMMARY


def _merged_and_split_successor(seed):
    """A successor generated in code from the seed (never a real text): seed 3 and 4 joined into one
    paragraph (a merge), seed 6 cut into its two halves (a split), every other paragraph kept."""
    old = {p.number: p for p in seed.operative}
    assert not any(old[n].subparagraphs for n in (3, 4, 6))
    six = old[6].text
    cut = six.index("，", len(six) // 2) + 1  # after a comma near the middle
    later = [old[1], old[2], old[3].text.rstrip("；") + "，" + old[4].text, old[5], six[:cut], six[cut:]]
    return dataclasses.replace(seed, symbol="GEN/MERGED", operative=_operative(later + [old[n] for n in range(7, 17)]))


def test_merges_and_splits_on_a_generated_successor(seed):
    later = _merged_and_split_successor(seed)
    frame = lineage(seed, later)
    statuses = _statuses(frame)
    merged = [pair for pair, status in statuses.items() if status == "merged"]
    split = [pair for pair, status in statuses.items() if status == "split"]
    assert len(merged) == 1 and merged[0][0] in (3, 4) and merged[0][1] == 3
    assert {statuses[(n, 3)] for n in (3, 4)} == {"merged", "modified"}  # the other one is its assigned pair
    assert len(split) == 1 and split[0][0] == 6 and split[0][1] in (5, 6)
    assert {statuses[(6, n)] for n in (5, 6)} == {"split", "modified"}
    assert "new" not in statuses.values() and "dropped" not in statuses.values()
    summary = lineage_summary([frame]).iloc[0]
    assert (summary["merged"], summary["split"], summary["new"], summary["dropped"]) == (1, 1, 0, 0)
    diffs = lineage_diffs(seed, later, frame)
    assert list(diffs.columns) == ["from", "to", "earlier", "later", "status", "diff", "added", "removed"]
    assert sorted(diffs["status"]) == ["merged", "modified", "modified", "split"]
    for row in diffs.itertuples():
        assert "\n" not in row.diff and all(isinstance(x, list) for x in (row.added, row.removed))


def test_a_paragraph_not_contained_is_not_merged(seed, monkeypatch):
    """MERGED_AT is a lower bound: above the containment of the generated merge, the paragraph is dropped."""
    import analysis.comparison.lineage as compare

    later = _merged_and_split_successor(seed)
    monkeypatch.setattr(compare, "MERGED_AT", 1.01)
    statuses = set(_statuses(lineage(seed, later)).values())
    assert "merged" not in statuses and "split" not in statuses and {"new", "dropped"} <= statuses


@pytest.mark.parametrize(
    ("language", "merges"), [("zh", {(24, 19), (44, 35), (91, 77)}), ("en", {(24, 19), (44, 35), (90, 77)})]
)
def test_merges_between_the_bundled_78_229_and_80_229(language, merges):
    """Read in the texts: 78/229 ops 23+24 -> 80/229 op 19, 43+44 -> 35, 90+91 -> 77 (each merge's other
    paragraph is its assigned pair); nothing is split. The series became biennial: two years between."""
    earlier, later = (api.load(s, language)[0] for s in ("A/RES/78/229", "A/RES/80/229"))
    frame = lineage(earlier, later)
    statuses = _statuses(frame)
    assert {pair for pair, status in statuses.items() if status == "merged"} == merges
    assert not [pair for pair, status in statuses.items() if status == "split"]
    for source, target in merges:
        partner = next(e for (e, lat), s in statuses.items() if lat == target and s in ("retained", "modified"))
        assert {partner, source} <= {source - 1, source, source + 1}
    assert (frame["gap_years"] == 2).all()
    diffs = lineage_diffs(earlier, later, frame)
    assert len(diffs) == int(frame["status"].isin(["modified", "merged", "split"]).sum())


def test_known_renamings_are_normalized_before_similarity(seed, monkeypatch):
    """A copy of the seed with the Office's old name written as the new one (renamings.toml) is the seed."""
    import analysis.comparison.lineage as compare

    (old, new), *_ = lexicon.renamings("zh")
    renamed_ops = [p for p in seed.operative if old in p.full_text]
    assert renamed_ops
    renamed = dataclasses.replace(
        seed,
        symbol="GEN/RENAMED",
        operative=_operative([p.text.replace(old, new) if not p.subparagraphs else p for p in seed.operative]),
    )
    changed = [p.number for p in seed.operative if not p.subparagraphs and old in p.text]
    frame = lineage(seed, renamed)
    assert set(frame["status"]) == {"retained"} and frame["similarity"].tolist() == pytest.approx([1.0] * 16)
    diffs = lineage_diffs(seed, renamed, frame)
    assert diffs.empty  # retained pairs have no diff row
    # the renaming still shows in the diff of the texts as written
    one = next(p.text for p in seed.operative if p.number == changed[0])
    assert ("delete", "事处") in word_diff(one, one.replace(old, new), "zh")
    monkeypatch.setattr(compare, "renamings", lambda language: ())  # without the entry: lower similarity
    unnormalized = lineage(seed, renamed).set_index("later")["similarity"]
    assert all(unnormalized[n] < 1.0 - 1e-9 for n in changed)


def test_word_diff_on_words_and_characters():
    a = "Requests the generated Office to continue, subject to placeholder resources, its relevant efforts;"
    b = "Requests the generated Office to continue its relevant efforts and to report;"
    pieces = word_diff(a, b, "en")
    assert "".join(t for tag, t in pieces if tag != "insert") == a
    assert "".join(t for tag, t in pieces if tag != "delete") == b
    assert ("delete", ", subject to placeholder resources,") in pieces
    assert diff_text(a, b, "en") == (
        "Requests the generated Office to continue[-, subject to placeholder resources,-] its relevant "
        "efforts{+ and to report+};"
    )
    # generated characters: one replaced, one added
    zh = word_diff("甲乙丙丁戊己庚", "甲乙辛丁戊己庚壬", "zh")
    assert zh == [("equal", "甲乙"), ("delete", "丙"), ("insert", "辛"), ("equal", "丁戊己庚"), ("insert", "壬")]
    # an unchanged stretch of at most SHORT_EQUAL characters between two changes joins them
    assert word_diff("甲乙丙丁戊己庚", "甲乙辛丁戊壬", "zh") == [
        ("equal", "甲乙"),
        ("delete", "丙丁戊己庚"),
        ("insert", "辛丁戊壬"),
    ]
    assert diff_text("甲乙", "甲乙", "zh") == "甲乙" and word_diff("", "", "zh") == []


def test_gap_years_from_the_adoption_dates(seed):
    undated = dataclasses.replace(seed, symbol="GEN/UNDATED", adopted=None)
    assert lineage(seed, undated)["gap_years"].isna().all()
    later = dataclasses.replace(seed, symbol="GEN/LATER", adopted=seed.adopted.replace(year=seed.adopted.year + 12))
    assert (lineage(seed, later)["gap_years"] == 12).all()
