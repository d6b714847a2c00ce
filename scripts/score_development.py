"""The rules against the development gold (data/labels/gold_development.csv) only, per dimension.

Classifies every development gold paragraph (bundled corpus) and prints the primary verb's accuracy
and, for ``themes``, ``subject_themes``, ``addressees``, ``mandates`` and ``funding_kind``, each code's
precision, recall, F1 and support with the micro-F1 over codes; then the targets of the rules
(micro-F1 over the required themes, addressees micro-F1, funding kinds, the new themes with 20
paragraphs or more). ``--show CODE`` lists the paragraphs whose gold and rules disagree on one code
(a verb label, a theme, an addressee, a mandate or a funding kind; ``--dimension`` picks one where a
code is in several). The held-out gold is never read here.

Usage: python scripts/score_development.py [--language en|zh] [--show CODE] [--dimension DIM]
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

import pandas as pd
from sklearn.metrics import precision_recall_fscore_support
from sklearn.preprocessing import MultiLabelBinarizer

from analysis.coding.labels import classification_table, classify_resolution
from analysis.coding.themes import required_themes
from analysis.corpus.documents import read_document
from analysis.corpus.registry import Corpus
from analysis.serialize import read_csv
from analysis.util.locations import data_dir

SET_DIMENSIONS = ("themes", "subject_themes", "addressees", "mandates", "funding_kind")
DIMENSIONS = ("verb", "verbs", *SET_DIMENSIONS)
# the themes codebook 2.0 added (docs/codebook.md); each one with 20 development paragraphs or more
# has a target F1
NEW_THEMES = (
    "drugs",
    "crime_prevention",
    "victims_witnesses",
    "human_rights",
    "gender",
    "migrants",
    "maritime_crime",
    "economic_crime",
    "fraud_identity_crime",
    "cybercrime",
    "rehabilitation",
    "access_to_justice",
    "data_research",
    "forensic_science",
    "sdg_2030",
    "congress_followup",
)
TARGETS = {"required": 0.97, "addressees": 0.95, "funding_kind": 0.90, "new_theme": 0.90}
NEW_THEME_SUPPORT = 20
KEY = ["symbol", "language", "paragraph"]


@dataclass(frozen=True)
class CodeScore:
    code: str
    precision: float
    recall: float
    f1: float
    support: int
    predicted: int


def development_gold(language: str | None) -> pd.DataFrame:
    """The development gold file alone (never the held-out one)."""
    gold = read_csv(data_dir() / "labels" / "gold_development.csv", list_columns=("verbs", *SET_DIMENSIONS))
    gold["paragraph"] = gold["paragraph"].astype(int)
    return gold if language is None else gold[gold["language"] == language].reset_index(drop=True)


def predictions(gold: pd.DataFrame) -> pd.DataFrame:
    """The rules' labels (the ``crimepol classify`` table) for every paragraph of the gold's resolutions
    (bundled corpus), with the text of chapeau and sub-paragraphs."""
    corpus = Corpus(bundled_only=True)
    frames = []
    for symbol, language in sorted(set(zip(gold["symbol"], gold["language"]))):
        labels = classify_resolution(read_document(corpus.get(symbol, language)))
        frame = classification_table(labels)
        frame["text"] = [x.paragraph.full_text for x in labels]
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def code_scores(gold: list[list[str]], predicted: list[list[str]]) -> tuple[list[CodeScore], float]:
    """Each code's precision, recall, F1 and support, and the micro-F1 over all codes."""
    binarizer = MultiLabelBinarizer()
    binarizer.fit(gold + predicted)
    truth, guess = binarizer.transform(gold), binarizer.transform(predicted)
    p, r, f, s = precision_recall_fscore_support(truth, guess, average=None, zero_division=0)
    scores = [
        CodeScore(code, p[i], r[i], f[i], int(s[i]), int(guess[:, i].sum()))
        for i, code in enumerate(binarizer.classes_)
    ]
    micro = precision_recall_fscore_support(truth, guess, average="micro", zero_division=0)[2]
    return scores, float(micro)


def _limited(values: pd.Series, codes: tuple[str, ...]) -> list[list[str]]:
    return [[c for c in v if c in codes] for v in values]


def print_dimension(merged: pd.DataFrame, dimension: str) -> float:
    scores, micro = code_scores(list(merged[f"{dimension}_gold"]), list(merged[f"{dimension}_pred"]))
    print(f"\n{dimension}: micro-F1 {micro:.3f} over {sum(s.support for s in scores)} gold labels")
    print(f"  {'code':32} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}")
    for s in sorted(scores, key=lambda s: (-s.support, s.code)):
        print(f"  {s.code:32} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.support:5d} {s.predicted:5d}")
    return micro


def print_targets(merged: pd.DataFrame) -> None:
    required = required_themes()
    _, micro = code_scores(_limited(merged["themes_gold"], required), _limited(merged["themes_pred"], required))
    print("\ntargets (development):")
    print(f"  required themes micro-F1 {micro:.3f} (target {TARGETS['required']})")
    _, addressees = code_scores(list(merged["addressees_gold"]), list(merged["addressees_pred"]))
    print(f"  addressees micro-F1 {addressees:.3f} (target {TARGETS['addressees']})")
    funding, _ = code_scores(list(merged["funding_kind_gold"]), list(merged["funding_kind_pred"]))
    for s in funding:
        print(f"  funding_kind {s.code} F1 {s.f1:.3f} (n={s.support}, target {TARGETS['funding_kind']})")
    themes, _ = code_scores(list(merged["themes_gold"]), list(merged["themes_pred"]))
    for s in themes:
        if s.code in NEW_THEMES and s.support >= NEW_THEME_SUPPORT:
            print(f"  new theme {s.code} F1 {s.f1:.3f} (n={s.support}, target {TARGETS['new_theme']})")


def show(merged: pd.DataFrame, code: str, dimension: str | None) -> None:
    """The paragraphs whose gold and rules disagree on ``code``."""
    dimensions = [dimension] if dimension else [d for d in DIMENSIONS if d != "verbs"]
    for dim in dimensions:

        def has(value: object, dim: str = dim) -> bool:
            return value == code if isinstance(value, str) else code in value  # type: ignore[operator]

        rows = merged[[has(g) != has(p) for g, p in zip(merged[f"{dim}_gold"], merged[f"{dim}_pred"])]]
        if rows.empty:
            continue
        missed = sum(has(g) for g in rows[f"{dim}_gold"])
        print(f"\n{dim} {code}: {len(rows)} disagreements ({missed} missed, {len(rows) - missed} extra)")
        for _, row in rows.iterrows():
            side = "MISSED" if has(row[f"{dim}_gold"]) else "EXTRA"
            print(f"- {side} {row['symbol']} {row['language']} op {row['paragraph']}")
            print(f"  gold {row[f'{dim}_gold']} | rules {row[f'{dim}_pred']}")
            print(f"  gold evidence: {row['evidence_gold']}")
            print(f"  rules evidence: {' '.join(row['evidence_pred'])}")
            print(f"  text: {row['text']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=["en", "zh"])
    parser.add_argument("--show", metavar="CODE", help="list the paragraphs that disagree on one code")
    parser.add_argument("--dimension", choices=DIMENSIONS, help="with --show: the dimension of the code")
    args = parser.parse_args()
    gold = development_gold(args.language)
    predicted = predictions(gold)
    merged = gold.merge(predicted, on=KEY, how="left", suffixes=("_gold", "_pred"), indicator=True)
    unmatched = merged[merged["_merge"] != "both"]
    if not unmatched.empty:
        print(f"{len(unmatched)} gold rows without a classified paragraph:", unmatched[KEY].values.tolist())
    merged = merged[merged["_merge"] == "both"].reset_index(drop=True)
    if args.show:
        show(merged, args.show, args.dimension)
        return
    print(f"development gold: {len(merged)} paragraphs scored")
    accuracy = (merged["verb_gold"] == merged["verb_pred"]).mean()
    print(f"\nverb accuracy {accuracy:.3f} ({(merged['verb_gold'] == merged['verb_pred']).sum()}/{len(merged)})")
    for dimension in ("verbs", *SET_DIMENSIONS):
        print_dimension(merged, dimension)
    print_targets(merged)


if __name__ == "__main__":
    main()
