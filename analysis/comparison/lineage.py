"""Paragraph lineage between two resolutions: known renamings normalized, character n-gram TF-IDF cosine
and a one-to-one (Hungarian) assignment, then many-to-one merges and one-to-many splits by n-gram
containment; each pair retained, modified, merged, split, new or dropped; word-level diffs (characters
for an unspaced language) of the changed pairs."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from analysis.lang import profile
from analysis.lexicon import renamings
from analysis.model import Resolution

# Lineage: cosine similarity of character n-gram TF-IDF vectors of two paragraphs.
RETAINED_AT = 0.90  # at or above: the paragraph is carried over (wording at most lightly edited)


# At or above (and below RETAINED_AT): the same paragraph, rewritten. Set by reading the
# 62/175 -> 74/177 alignment: assigned pairs above 0.25 were one paragraph rewritten (62/175
# op. 2 -> 74/177 op. 22, op. 14 -> op. 16); unrelated pairs stay below 0.2.
MODIFIED_AT = 0.25

# Merges and splits: the share of a paragraph's n-grams (CONTAINMENT_NGRAM words of a spaced language,
# CONTAINMENT_CHARS characters of an unspaced one) found in a matched paragraph of the other resolution.
# At or above MERGED_AT, a paragraph the assignment left unmatched was merged into that paragraph (or split
# from it). Tuned on the bundled series, both languages, by reading: 78/229 -> 80/229 ops 23+24 -> 19,
# 43+44 -> 35 and 90+91 -> 77 are merges (containment 0.69-1.00); of the paragraphs left unmatched over
# every consecutive pair, the most contained is 77/237 op. 24 in 78/229 op. 28 (0.57 zh, 0.58 en): a
# second high-level debate written on the first one's template, a new paragraph, not a split.
MERGED_AT = 0.6
CONTAINMENT_NGRAM = 3
CONTAINMENT_CHARS = 4
SHORT_EQUAL = 2  # word_diff: an unchanged stretch this short between two changes joins them

STATUSES = ("retained", "modified", "merged", "split", "new", "dropped")
LINEAGE_COLUMNS = ["from", "to", "earlier", "later", "similarity", "status", "gap_years"]
SUMMARY_COLUMNS = ["from", "to", *STATUSES, "gap_years"]
DIFF_COLUMNS = ["from", "to", "earlier", "later", "status", "diff", "added", "removed"]
_WORD = re.compile(r"\s*(?:\w+|[^\w\s])|\s+$")  # a word or a mark with the space before it


def normalized(text: str, language: str) -> str:
    """The text with every known renaming (``renamings.toml``) replaced by the newer name."""
    for old, new in renamings(language):
        text = text.replace(old, new)
    return text


def lineage(earlier: Resolution, later: Resolution) -> pd.DataFrame:
    """Align the operative paragraphs of two resolutions in the same language.

    Known renamings are normalized first; then character n-gram TF-IDF cosine similarity and a
    one-to-one assignment that maximises total similarity (Hungarian algorithm). Each assigned pair is
    retained or modified by its similarity. An earlier paragraph left unmatched whose n-grams are at
    least ``MERGED_AT`` contained in a matched later paragraph is ``merged`` into it; a later one so
    contained in a matched earlier paragraph is ``split`` from it. The rest are new (in the later
    resolution) or dropped (from the earlier one). ``gap_years``: years between the adoption dates (NaN
    when either is unknown), the same on every row.
    """
    if earlier.language != later.language:
        raise ValueError("lineage compares two resolutions in the same language")
    language = earlier.language
    a = [normalized(p.full_text, language) for p in earlier.operative]
    b = [normalized(p.full_text, language) for p in later.operative]
    frame = pd.DataFrame(_aligned(a, b, language), columns=["earlier", "later", "similarity", "status"])
    numbers_a = [p.number for p in earlier.operative]
    numbers_b = [p.number for p in later.operative]
    frame["earlier"] = [None if pd.isna(i) else numbers_a[int(i)] for i in frame["earlier"]]
    frame["later"] = [None if pd.isna(j) else numbers_b[int(j)] for j in frame["later"]]
    frame["gap_years"] = gap_years(earlier, later)
    frame.insert(0, "to", later.symbol)
    frame.insert(0, "from", earlier.symbol)
    return (
        frame.astype({"earlier": "Int64", "later": "Int64", "gap_years": "float64"})
        .sort_values(["later", "earlier"], na_position="last")
        .reset_index(drop=True)[LINEAGE_COLUMNS]
    )


def _aligned(a: list[str], b: list[str], language: str) -> list[dict[str, object]]:
    """The rows of :func:`lineage` by paragraph position (0-based)."""
    similarity = _similarity(a, b, language)
    grams_a, grams_b = [_grams(t, language) for t in a], [_grams(t, language) for t in b]
    rows_a, rows_b = linear_sum_assignment(-similarity)
    pairs = {int(i): int(j) for i, j in zip(rows_a, rows_b) if similarity[i, j] >= MODIFIED_AT}
    pairs = _without_misassigned(pairs, similarity, grams_a, grams_b)
    later_matched = set(pairs.values())
    merged = _contained(_left(len(a), set(pairs)), grams_a, {j: grams_b[j] for j in later_matched})
    split = _contained(_left(len(b), later_matched), grams_b, {i: grams_a[i] for i in pairs})
    rows = [_row(i, j, similarity, _kept(float(similarity[i, j]))) for i, j in pairs.items()]
    rows += [_row(i, j, similarity, "merged") for i, j in merged.items()]
    rows += [_row(i, j, similarity, "split") for j, i in split.items()]
    rows += [_row(i, None, similarity, "dropped") for i in _left(len(a), set(pairs) | set(merged))]
    rows += [_row(None, j, similarity, "new") for j in _left(len(b), later_matched | set(split))]
    return rows


def _left(count: int, taken: set[int]) -> list[int]:
    """The positions of ``count`` paragraphs not in ``taken``."""
    return [k for k in range(count) if k not in taken]


def _kept(similarity: float) -> str:
    return "retained" if similarity >= RETAINED_AT else "modified"


def gap_years(earlier: Resolution, later: Resolution) -> float:
    """Years between the two adoption dates (difference of the years), NaN when either is unknown."""
    if earlier.adopted is None or later.adopted is None:
        return float("nan")
    return float(later.adopted.year - earlier.adopted.year)


def _similarity(a: list[str], b: list[str], language: str) -> np.ndarray:
    if not a or not b:
        return np.zeros((len(a), len(b)))
    analyzer, ngrams = profile(language).lineage_ngrams
    vectors = TfidfVectorizer(analyzer=analyzer, ngram_range=ngrams, sublinear_tf=True).fit(a + b)
    return np.asarray(cosine_similarity(vectors.transform(a), vectors.transform(b)))


def _row(i: int | None, j: int | None, similarity: np.ndarray, status: str) -> dict[str, object]:
    """One row by paragraph positions; an unmatched paragraph's similarity is its best match's."""
    if i is not None and j is not None:
        value = float(similarity[i, j])
    elif i is not None:
        value = float(similarity[i].max()) if similarity.shape[1] else 0.0
    else:
        value = float(similarity[:, j].max()) if similarity.shape[0] else 0.0
    return {"earlier": i, "later": j, "similarity": value, "status": status}


def _tokens(text: str, language: str) -> list[str]:
    """Words and punctuation marks of a spaced language, each with the whitespace before it (so that the
    tokens make the text again), characters otherwise."""
    return _WORD.findall(text) if profile(language).spaced else list(text)


def _grams(text: str, language: str) -> set[tuple[str, ...]]:
    spaced = profile(language).spaced
    tokens = [t.strip().lower() for t in _tokens(text, language) if not t.isspace()]
    n = CONTAINMENT_NGRAM if spaced else CONTAINMENT_CHARS
    return {tuple(tokens[k : k + n]) for k in range(len(tokens) - n + 1)}


def containment(part: str, whole: str, language: str) -> float:
    """The share of ``part``'s n-grams that occur in ``whole`` (0 for a text shorter than one n-gram)."""
    return _share(_grams(part, language), _grams(whole, language))


def _share(part: set[tuple[str, ...]], whole: set[tuple[str, ...]]) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _without_misassigned(
    pairs: dict[int, int],
    similarity: np.ndarray,
    grams_a: list[set[tuple[str, ...]]],
    grams_b: list[set[tuple[str, ...]]],
) -> dict[int, int]:
    """The assigned pairs less the modified ones that only fill in for a merge or a split: the earlier
    paragraph is contained (``MERGED_AT``) in another matched later paragraph but not in its partner, or
    the other way round (78/229 op. 44, merged into 80/229 op. 35, was assigned to op. 39 at 0.31 in
    English). Both paragraphs of such a pair are then read again as unmatched."""
    partners_a, partners_b = set(pairs), set(pairs.values())

    def elsewhere(part: set[tuple[str, ...]], own: set[tuple[str, ...]], others: list[set[tuple[str, ...]]]) -> bool:
        return _share(part, own) < MERGED_AT and any(_share(part, g) >= MERGED_AT for g in others)

    keep = {}
    for i, j in pairs.items():
        if similarity[i, j] < RETAINED_AT and (
            elsewhere(grams_a[i], grams_b[j], [grams_b[k] for k in partners_b - {j}])
            or elsewhere(grams_b[j], grams_a[i], [grams_a[k] for k in partners_a - {i}])
        ):
            continue
        keep[i] = j
    return keep


def _contained(
    unmatched: list[int], grams: list[set[tuple[str, ...]]], matched: dict[int, set[tuple[str, ...]]]
) -> dict[int, int]:
    """For each unmatched paragraph, the matched paragraph of the other side containing it the most, if
    at least ``MERGED_AT`` (ties: the first in order)."""
    found = {}
    for k in unmatched:
        scores = [(_share(grams[k], whole), -m, m) for m, whole in matched.items()]
        if scores:
            best, _, m = max(scores)
            if best >= MERGED_AT:
                found[k] = m
    return found


def word_diff(a: str, b: str, language: str) -> list[tuple[str, str]]:
    """How ``b`` differs from ``a``: ("equal" | "delete" | "insert", text) pieces in order, on words for
    a spaced language and on characters for an unspaced one (Chinese). The equal and
    deleted pieces make ``a``, the equal and inserted ones ``b``; within a change the deletion comes
    first. An equal stretch of at most ``SHORT_EQUAL`` words (characters) between two changes is part of
    the change, so that a rewritten clause reads as one change, not as words scattered around "the"."""
    left, right = _tokens(a, language), _tokens(b, language)
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    opcodes = matcher.get_opcodes()
    pieces: list[tuple[str, str]] = []
    removed: list[str] = []
    added: list[str] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        inside = 0 < k < len(opcodes) - 1
        short = sum(not t.isspace() for t in left[i1:i2]) <= SHORT_EQUAL
        if tag == "equal" and not (inside and short):
            _flush(pieces, removed, added)
            pieces.append(("equal", "".join(left[i1:i2])))
            continue
        removed += left[i1:i2]
        added += right[j1:j2]
    _flush(pieces, removed, added)
    return pieces


def _flush(pieces: list[tuple[str, str]], removed: list[str], added: list[str]) -> None:
    """Close a change: its deletion, then its insertion (each only if not empty)."""
    for tag, tokens in (("delete", removed), ("insert", added)):
        if tokens:
            pieces.append((tag, "".join(tokens)))
        tokens.clear()


def diff_text(a: str, b: str, language: str) -> str:
    """A readable one-line view of :func:`word_diff`: "[-removed-]{+added+}" inside the equal text."""
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    line = "".join(marks[tag].format(text) for tag, text in word_diff(a, b, language))
    return " ".join(line.split())


def lineage_diffs(earlier: Resolution, later: Resolution, frame: pd.DataFrame) -> pd.DataFrame:
    """The word-level change (characters for Chinese) of every modified, merged or split pair of a
    :func:`lineage` frame: ``diff`` as :func:`diff_text` shows it, ``added`` and ``removed`` the
    inserted and deleted pieces (lists, whitespace-only pieces left out). The texts are as written
    (renamings not normalized: a renaming shows here)."""
    texts_a = {p.number: p.full_text for p in earlier.operative}
    texts_b = {p.number: p.full_text for p in later.operative}
    rows = []
    for row in frame[frame["status"].isin(("modified", "merged", "split"))].itertuples(index=False):
        a, b = texts_a[int(row.earlier)], texts_b[int(row.later)]
        pieces = word_diff(a, b, earlier.language)
        rows.append(
            {
                "from": earlier.symbol,
                "to": later.symbol,
                "earlier": int(row.earlier),
                "later": int(row.later),
                "status": row.status,
                "diff": diff_text(a, b, earlier.language),
                "added": [t.strip() for tag, t in pieces if tag == "insert" and t.strip()],
                "removed": [t.strip() for tag, t in pieces if tag == "delete" and t.strip()],
            }
        )
    return pd.DataFrame(rows, columns=DIFF_COLUMNS).astype({"earlier": "Int64", "later": "Int64"})


def lineage_summary(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Counts of each status for each pair of resolutions, with the pair's ``gap_years`` (NaN if unknown)."""
    rows = []
    for frame in frames:
        counts = frame["status"].value_counts()
        gap = frame["gap_years"].iloc[0] if "gap_years" in frame else float("nan")
        rows.append(
            {
                "from": frame["from"].iloc[0],
                "to": frame["to"].iloc[0],
                **{k: int(counts.get(k, 0)) for k in STATUSES},
                "gap_years": float(gap),
            }
        )
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS).astype({"gap_years": "float64"})
