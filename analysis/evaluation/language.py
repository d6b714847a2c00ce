"""evaluation.language: from the former evaluation.py."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from analysis.coding.labels import classify_resolution
from analysis.corpus.registry import Corpus
from analysis.gold.labels import REQUIRED_THEMES


def _both_languages(corpus: Corpus) -> list:
    """Every resolution of the corpus that it has in English and in Chinese, parsed."""
    from analysis.corpus.loading import load_resolutions

    documents = corpus.available()
    languages: dict[str, set[str]] = {}
    for d in documents:
        languages.setdefault(d.symbol, set()).add(d.language)
    resolutions, _ = load_resolutions(corpus, [d for d in documents if languages[d.symbol] >= {"en", "zh"}])
    return resolutions


LANGUAGE_MEASURES = ("primary verb", "all verbs") + tuple(f"theme: {t}" for t in REQUIRED_THEMES)


def language_agreement(resolutions: list) -> pd.DataFrame:
    """How far the labels of the English and the Chinese text of the same resolutions agree, paragraph by
    paragraph (aligned by printed number): primary verb, the set of all verbs, and each required theme
    (present in both or absent from both; Cohen's kappa where both readings vary).

    This is what a comparison across languages is worth: a predecessor read only in English is compared
    with Chinese texts on these labels."""
    from sklearn.metrics import cohen_kappa_score

    by_key = {(r.symbol, r.language): r for r in resolutions}
    values: dict[str, tuple[list[object], list[object]]] = {m: ([], []) for m in LANGUAGE_MEASURES}
    documents = 0
    for (symbol, language), english in sorted(by_key.items()):
        chinese = by_key.get((symbol, "zh")) if language == "en" else None
        if chinese is None:
            continue
        documents += 1
        labels = {}
        for r in (english, chinese):
            seen: Counter = Counter()
            for x in classify_resolution(r):
                labels[(r.language, x.number, seen[x.number])] = x
                seen[x.number] += 1
        for (lang, number, k), en in labels.items():
            zh = labels.get(("zh", number, k)) if lang == "en" else None
            if zh is None:
                continue
            pairs: dict[str, tuple[object, object]] = {
                "primary verb": (en.verbs.verb, zh.verbs.verb),
                "all verbs": (tuple(sorted(en.verbs.verbs)), tuple(sorted(zh.verbs.verbs))),
            }
            for theme in REQUIRED_THEMES:
                pairs[f"theme: {theme}"] = (theme in en.themes, theme in zh.themes)
            for measure, (a, b) in pairs.items():
                values[measure][0].append(a)
                values[measure][1].append(b)
    rows = []
    for measure, (a, b) in values.items():
        same = sum(x == y for x, y in zip(a, b))
        kappa = (
            float(cohen_kappa_score([str(x) for x in a], [str(y) for y in b]))
            if a and len(set(map(str, a))) > 1 and len(set(map(str, b))) > 1
            else float("nan")
        )
        rows.append(
            {
                "measure": measure,
                "resolutions": documents,
                "paragraphs": len(a),
                "same": same,
                "agreement": same / len(a) if a else float("nan"),
                "kappa": kappa,
            }
        )
    return pd.DataFrame(rows)
