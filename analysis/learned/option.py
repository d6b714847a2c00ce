"""The learned theme model as an option (``crimepol classify --themes learned|union``).

Trained once per language (and cached) on every gold paragraph of the package, development and
held-out, for the themes every gold file labels (the five required and money laundering); the other
themes stay with the lexicon. Its figures, and why the lexicon stays the default, are in
``crimepol evaluate`` and the README: trained on the development gold only, it is scored on the
held-out gold, where it beats the lexicon on a few themes and loses overall. The option's model has
also seen the held-out gold, so it has no held-out figures of its own.
"""

from __future__ import annotations

import functools

from analysis.coding.labels import ParagraphLabels, classify_resolution
from analysis.coding.themes import ThemeHit, parents
from analysis.learned.models import ThemeModel
from analysis.model import THEME_MODELS, Resolution

MODES = THEME_MODELS
EVIDENCE = "learned model"


@functools.cache
def theme_model(language: str) -> ThemeModel:
    """The model trained on all the gold of ``language`` (paragraph texts read from the bundled corpus)."""
    from analysis.corpus.registry import Corpus
    from analysis.gold.labels import gold_with_texts, scored_themes, theme_sets
    from analysis.learned.models import fit_themes

    merged = gold_with_texts(Corpus(bundled_only=True), language)
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
    return ParagraphLabels(x.symbol, x.language, x.paragraph, x.verbs, {t: kept[t] for t in order})


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
