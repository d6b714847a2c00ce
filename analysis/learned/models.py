"""A learned baseline (scikit-learn) to compare the lexicon with, scored only on unseen resolutions.

Character n-gram TF-IDF (no word segmenter, so Chinese and English alike) with logistic
regression, one-vs-rest for the multi-label themes. Folds are whole resolutions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, LeaveOneGroupOut
from sklearn.pipeline import make_pipeline

from analysis.coding.verbs import read_verbs
from analysis.lang import profile

# The verb opens the paragraph: the learned model sees the same opening the lexicon reads.
VERB_WINDOW = 40


def _vectorizer(language: str) -> TfidfVectorizer:
    analyzer, ngram_range = profile(language).model_ngrams
    return TfidfVectorizer(analyzer=analyzer, ngram_range=ngram_range, sublinear_tf=True, min_df=2)


def verb_baseline(marked: pd.DataFrame, language: str, folds: int = 5) -> dict[str, float]:
    """Accuracy of the lexicon and of the learned model on the same held-out resolutions."""
    data = marked[(marked["language"] == language) & (marked["label"] != "")].reset_index(drop=True)
    texts = data["text"].str.slice(0, VERB_WINDOW).tolist()
    labels = data["label"].to_numpy()
    predicted = np.empty(len(data), dtype=object)
    for train, test in GroupKFold(n_splits=folds).split(texts, labels, groups=data["symbol"]):
        model = make_pipeline(_vectorizer(language), LogisticRegression(max_iter=2000))
        model.fit([texts[i] for i in train], labels[train])
        predicted[test] = model.predict([texts[i] for i in test])
    lexicon = np.array([read_verbs(t, language).verb for t in data["text"]], dtype=object)
    return {
        "paragraphs": len(data),
        "resolutions": data["symbol"].nunique(),
        "lexicon_accuracy": float((lexicon == labels).mean()),
        "learned_accuracy": float((predicted == labels).mean()),
    }


@dataclass(frozen=True)
class ThemeModel:
    """One fitted classifier per theme over character n-grams; a theme never (or always) seen in
    training is predicted never (or always)."""

    language: str
    vectorizer: TfidfVectorizer
    models: tuple[tuple[str, LogisticRegression | bool], ...]

    def predict(self, texts: list[str]) -> list[frozenset[str]]:
        """The themes of each text, one set per text."""
        x = self.vectorizer.transform(texts)
        chosen: list[set[str]] = [set() for _ in texts]
        for theme, model in self.models:
            positive = np.full(len(texts), model) if isinstance(model, bool) else model.predict(x)
            for i, flag in enumerate(positive):
                if flag:
                    chosen[i].add(theme)
        return [frozenset(c) for c in chosen]


def fit_themes(
    texts: list[str], label_sets: list[frozenset[str]], language: str, themes: list[str] | tuple[str, ...]
) -> ThemeModel:
    """Train the theme model on labelled paragraphs."""
    vectorizer = _vectorizer(language)
    x = vectorizer.fit_transform(texts)
    models: list[tuple[str, LogisticRegression | bool]] = []
    for theme in themes:
        y = np.array([theme in labels for labels in label_sets])
        if y.all() or not y.any():
            models.append((theme, bool(y.all())))
        else:
            models.append((theme, LogisticRegression(max_iter=2000, class_weight="balanced").fit(x, y)))
    return ThemeModel(language, vectorizer, tuple(models))


def fit_predict_themes(
    train_texts: list[str],
    train_sets: list[frozenset[str]],
    test_texts: list[str],
    language: str,
    themes: list[str] | tuple[str, ...],
) -> list[frozenset[str]]:
    """Train on labelled paragraphs; predict the themes of others."""
    return fit_themes(train_texts, train_sets, language, themes).predict(test_texts)


def theme_baseline(
    texts: list[str],
    gold_sets: list[frozenset[str]],
    groups: list[str],
    language: str,
    themes: list[str] | tuple[str, ...],
) -> list[frozenset[str]]:
    """Leave-one-resolution-out predictions of the learned model, per paragraph (it never sees the
    resolution it labels)."""
    learned: list[frozenset[str]] = [frozenset()] * len(texts)
    for train, test in LeaveOneGroupOut().split(texts, groups=groups):
        predicted = fit_predict_themes(
            [texts[i] for i in train], [gold_sets[i] for i in train], [texts[i] for i in test], language, themes
        )
        for i, labels in zip(test, predicted):
            learned[i] = labels
    return learned
