"""The learned theme model as an option (``crimepol classify --themes learned|union``).

Trained once per language (and cached) on the development gold of the package only (the held-out
gold is never trained on, so that it stays a test), for the scored themes (the five required and money
laundering, labels/sets.toml); the other themes stay with the lexicon. Its figures are in
``crimepol evaluate``: leave one resolution out over the development gold, and, once the held-out set is
scored, trained on the development gold and scored on the held-out gold: the same model as this option's.
"""

from __future__ import annotations

import dataclasses
import functools

from analysis.coding.labels import ParagraphLabels, classify_resolution
from analysis.coding.themes import ThemeHit, parents
from analysis.learned.models import ThemeModel
from analysis.model import THEME_MODELS, Resolution

MODES = THEME_MODELS
EVIDENCE = "learned model"
TRAINING_SETS = ("development",)  # the gold the option's model learns from (labels/sets.toml sets)


@functools.cache
def theme_model(language: str) -> ThemeModel:
    """The model trained on the development gold of ``language`` (paragraph texts read from the bundled
    corpus); never on the held-out gold."""
    from analysis.corpus.registry import Corpus
    from analysis.gold.labels import gold_with_texts, scored_themes, theme_sets
    from analysis.learned.models import fit_themes

    merged = gold_with_texts(Corpus(bundled_only=True), language, sets=TRAINING_SETS)
    return fit_themes(
        merged["text"].tolist(), theme_sets(merged["themes_gold"], scored_themes()), language, scored_themes()
    )


def apply(labels: list[ParagraphLabels], language: str, mode: str) -> list[ParagraphLabels]:
    """The lexicon's labels with the model's themes instead (``learned``) or added (``union``).

    A sub-theme keeps its umbrella: in ``learned`` mode a lexicon sub-theme whose umbrella the model
    rejects is dropped; in ``union`` mode the umbrella is added with it.
    """
    if mode == "lexicon" or not labels:
        return labels
    if mode not in MODES:
        raise ValueError(f"unknown theme model {mode!r}; choose from {', '.join(MODES)}")
    model = theme_model(language)
    decided = frozenset(theme for theme, _ in model.models)
    predicted = model.predict([x.paragraph.full_text for x in labels])
    return [_relabelled(x, model_themes, decided, mode) for x, model_themes in zip(labels, predicted)]


def _relabelled(
    x: ParagraphLabels, model_themes: frozenset[str], decided: frozenset[str], mode: str
) -> ParagraphLabels:
    """One paragraph's labels with the model's themes: the lexicon's themes the model decides are
    replaced (``learned``) or kept beside the model's (``union``); the lexicon's order first."""
    kept = {t: hits for t, hits in x.themes.items() if t not in decided or mode == "union"}
    for theme in model_themes:
        kept.setdefault(theme, (ThemeHit(theme, 0, 0, EVIDENCE),))
    _keep_umbrellas(kept, mode)
    order = [t for t in x.themes if t in kept] + [t for t in kept if t not in x.themes]
    # the other dimensions stay the lexicon's; subjects and money only where their theme is kept
    return dataclasses.replace(
        x,
        themes={t: kept[t] for t in order},
        subjects=tuple(t for t in x.subjects if t in kept),
        funding_kinds=x.funding_kinds if "funding" in kept else {},
    )


def _keep_umbrellas(kept: dict[str, tuple[ThemeHit, ...]], mode: str) -> None:
    """A sub-theme without its umbrella: the umbrella is added (``union``) or the sub-theme dropped."""
    for child, parent in parents().items():
        if parent and child in kept and parent not in kept:
            if mode == "union":
                kept[parent] = kept[child]
            else:
                del kept[child]


def classify_with(resolution: Resolution, themes: str = "lexicon") -> list[ParagraphLabels]:
    """The labels of every operative paragraph, themes from the lexicon (``"lexicon"``), the learned
    model (``"learned"``) or both (``"union"``)."""
    labels = classify_resolution(resolution)
    return labels if themes == "lexicon" else apply(labels, resolution.language, themes)
