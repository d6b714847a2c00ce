"""The learned theme model as an option (``crimepol classify --themes learned|union``).

Trained on every gold paragraph of the package (development and held-out, both languages separately)
for the themes every gold file labels (the five required and money laundering); the other themes stay
with the lexicon. Its figures, and why the lexicon stays the default, are in ``crimepol evaluate`` and
the README: trained on the development gold it is scored on the held-out gold, where it beats the
lexicon on a few themes and loses overall.
"""
from __future__ import annotations

import functools
from collections.abc import Callable

from .classify import ParagraphLabels
from .themes import ThemeHit

MODES = ("lexicon", "learned", "union")
EVIDENCE = "learned model"


@functools.cache
def _predictor(language: str) -> tuple[tuple[str, ...], Callable[[list[str]], list[frozenset[str]]]]:
    from .baseline import fit_predict_themes
    from .corpus import Corpus
    from .evaluation import INTERVAL_THEMES, _split, load_gold, predictions_for

    gold = load_gold()
    gold = gold[gold["language"] == language]
    texts, _ = predictions_for(gold, Corpus(bundled_only=True))
    merged = gold.merge(texts, on=["symbol", "language", "paragraph"], suffixes=("_gold", "_pred"))
    themes = tuple(INTERVAL_THEMES)
    train_texts = merged["text"].tolist()
    train_sets = [frozenset(s) & frozenset(themes) for s in merged["themes_gold"].map(_split)]
    return themes, lambda new: fit_predict_themes(train_texts, train_sets, new, language, themes)


def apply(labels: list[ParagraphLabels], language: str, mode: str) -> list[ParagraphLabels]:
    """The lexicon's labels with the model's themes instead (``learned``) or added (``union``)."""
    if mode == "lexicon" or not labels:
        return labels
    if mode not in MODES:
        raise ValueError(f"unknown theme model {mode!r}; choose from {', '.join(MODES)}")
    themes, predict = _predictor(language)
    predicted = predict([x.paragraph.full_text for x in labels])
    out = []
    for x, model_themes in zip(labels, predicted):
        kept = {t: hits for t, hits in x.themes.items() if t not in themes or mode == "union"}
        for theme in model_themes:
            kept.setdefault(theme, (ThemeHit(theme, 0, 0, EVIDENCE),))
        order = [t for t in x.themes if t in kept] + [t for t in kept if t not in x.themes]
        out.append(ParagraphLabels(x.symbol, x.language, x.paragraph, x.verbs, {t: kept[t] for t in order}))
    return out
