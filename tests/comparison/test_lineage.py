"""Paragraph lineage between two resolutions (TF-IDF cosine and a one-to-one assignment), on generated
successors of the seed and on bundled texts."""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter

import pandas as pd
import pytest

from analysis.comparison.lineage import MODIFIED_AT, RETAINED_AT, lineage, lineage_summary
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
    assert list(frame.columns) == ["from", "to", "earlier", "later", "similarity", "status"]
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
    assert summary.columns.tolist() == ["from", "to", "retained", "modified", "new", "dropped"]
    assert summary.iloc[0].tolist() == [seed.symbol, "GEN/SUCCESSOR", 13, 1, 1, 2]


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
    assert summary.iloc[0][["retained", "modified", "new", "dropped"]].tolist() == [14, 0, 1, 2]


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
        [frame("A", "B", ["retained", "new", "new", "dropped"]), frame("B", "C", ["modified", "modified"])]
    )
    assert summary.values.tolist() == [["A", "B", 1, 0, 2, 1], ["B", "C", 0, 2, 0, 0]]
    one = lineage_summary([frame("C", "D", ["new"])])  # a pair with a single row
    assert one.values.tolist() == [["C", "D", 0, 0, 1, 0]]
    assert lineage_summary([]).columns.tolist() == ["from", "to", "retained", "modified", "new", "dropped"]
