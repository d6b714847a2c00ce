"""Paragraph lineage between two resolutions: character n-gram TF-IDF cosine and a one-to-one
(Hungarian) assignment, each pair retained, modified, new or dropped."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from scipy.optimize import linear_sum_assignment
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from analysis.lang import profile
from analysis.model import Resolution

# Lineage: cosine similarity of character n-gram TF-IDF vectors of two paragraphs.
RETAINED_AT = 0.90  # at or above: the paragraph is carried over (wording at most lightly edited)


# At or above (and below RETAINED_AT): the same paragraph, rewritten. Set by reading the
# 62/175 -> 74/177 alignment: assigned pairs above 0.25 were one paragraph rewritten (62/175
# op. 2 -> 74/177 op. 22, op. 14 -> op. 16); unrelated pairs stay below 0.2.
MODIFIED_AT = 0.25


def lineage(earlier: Resolution, later: Resolution) -> pd.DataFrame:
    """Align the operative paragraphs of two resolutions in the same language.

    Character n-gram TF-IDF cosine similarity, then a one-to-one assignment that
    maximises total similarity (Hungarian algorithm). Each pair is retained or
    modified by its similarity; unmatched or dissimilar paragraphs are new (in the
    later resolution) or dropped (from the earlier one).
    """
    if earlier.language != later.language:
        raise ValueError("lineage compares two resolutions in the same language")
    a = [p.full_text for p in earlier.operative]
    b = [p.full_text for p in later.operative]
    analyzer, ngrams = profile(earlier.language).lineage_ngrams
    vectors = TfidfVectorizer(analyzer=analyzer, ngram_range=ngrams, sublinear_tf=True).fit(a + b)
    similarity = cosine_similarity(vectors.transform(a), vectors.transform(b))
    rows_a, rows_b = linear_sum_assignment(-similarity)
    rows = []
    matched_a, matched_b = set(), set()
    for i, j in zip(rows_a, rows_b):
        s = float(similarity[i, j])
        if s < MODIFIED_AT:
            continue
        matched_a.add(i)
        matched_b.add(j)
        rows.append(
            {
                "earlier": earlier.operative[i].number,
                "later": later.operative[j].number,
                "similarity": s,
                "status": "retained" if s >= RETAINED_AT else "modified",
            }
        )
    rows += [
        {
            "earlier": p.number,
            "later": None,
            "similarity": float(similarity[i].max()) if b else 0.0,
            "status": "dropped",
        }
        for i, p in enumerate(earlier.operative)
        if i not in matched_a
    ]
    rows += [
        {"earlier": None, "later": p.number, "similarity": float(similarity[:, j].max()) if a else 0.0, "status": "new"}
        for j, p in enumerate(later.operative)
        if j not in matched_b
    ]
    frame = pd.DataFrame(rows, columns=["earlier", "later", "similarity", "status"])
    frame.insert(0, "to", later.symbol)
    frame.insert(0, "from", earlier.symbol)
    return (
        frame.astype({"earlier": "Int64", "later": "Int64"})
        .sort_values(["later", "earlier"], na_position="last")
        .reset_index(drop=True)
    )


def lineage_summary(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Counts of retained / modified / new / dropped for each pair of resolutions."""
    rows = []
    for frame in frames:
        counts = frame["status"].value_counts()
        rows.append(
            {
                "from": frame["from"].iloc[0],
                "to": frame["to"].iloc[0],
                **{k: int(counts.get(k, 0)) for k in ("retained", "modified", "new", "dropped")},
            }
        )
    return pd.DataFrame(rows, columns=["from", "to", "retained", "modified", "new", "dropped"])
