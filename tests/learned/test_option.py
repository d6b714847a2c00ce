"""The learned theme model of ``--themes learned|union`` learns from the development gold only: the
held-out gold stays a test."""

from __future__ import annotations

import pandas as pd

from analysis.gold import labels as gold
from analysis.learned import option


def test_the_option_model_is_trained_on_the_development_gold_only(monkeypatch, fresh_caches):
    asked: list[tuple] = []

    def gold_with_texts(corpus, language=None, sets=None):
        asked.append((language, tuple(sets) if sets is not None else None))
        texts = ["提供技术援助", "打击腐败", "打击恐怖主义", "提供资源"] * 3
        themes = [["technical_assistance"], ["corruption"], ["terrorism"], ["funding"]] * 3
        return pd.DataFrame({"text": texts, "themes_gold": themes})

    monkeypatch.setattr(gold, "gold_with_texts", gold_with_texts)
    option.theme_model.cache_clear()
    try:
        model = option.theme_model("zh")
    finally:
        option.theme_model.cache_clear()
    assert asked == [("zh", ("development",))] and option.TRAINING_SETS == ("development",)
    assert {theme for theme, _ in model.models} == set(gold.scored_themes())


def test_the_development_gold_alone_has_every_scored_theme_in_both_languages():
    frame = gold.load_gold(option.TRAINING_SETS)
    for language, rows in frame.groupby("language"):
        seen = set().union(*rows["themes"].map(set))
        assert set(gold.scored_themes()) <= seen, language  # each theme has positives to learn from
