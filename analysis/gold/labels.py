"""Gold labels (data/labels/), made by annotators reading the text, joined with the paragraph texts
and the lexicon's labels that they are compared with."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from analysis.coding.labels import classify_resolution
from analysis.coding.themes import required_themes
from analysis.corpus.documents import read_document
from analysis.corpus.registry import Corpus
from analysis.errors import InputError
from analysis.lexicon import label_sets
from analysis.serialize import read_csv
from analysis.util.locations import data_dir

GOLD_LIST_COLUMNS = ("verbs", "modifiers", "themes")  # "|"-joined in the gold CSV files


def scored_themes() -> tuple[str, ...]:
    """The themes scored with intervals (and learned): the required ones, then ``[scoring] extra_themes``
    of labels/sets.toml, shown next to them outside their micro average."""
    extra = label_sets()["scoring"]["extra_themes"]
    return required_themes() + tuple(t for t in extra if t not in required_themes())


def confused_themes() -> tuple[str, str]:
    """The two themes whose confusion the evaluation tabulates (``[scoring] confusion`` of labels/sets.toml)."""
    first, second = label_sets()["scoring"]["confusion"]
    return first, second


def _labels(value: Iterable[str]) -> frozenset[str]:
    """A list cell (``["a", "b"]``) as a set: the order of labels in a cell carries no meaning."""
    return frozenset(value)


def theme_sets(values: pd.Series, themes: tuple[str, ...] | list[str] | None = None) -> list[frozenset[str]]:
    """List cells as label sets, limited to ``themes`` when given."""
    sets = values.map(_labels).tolist()
    return sets if themes is None else [s & frozenset(themes) for s in sets]


def gold_targets() -> dict[str, float]:
    """The held-out targets of the five required themes (``[targets]`` in labels/sets.toml)."""
    return dict(label_sets()["targets"])


def load_gold() -> pd.DataFrame:
    """Every gold file that ``labels/sets.toml`` describes, with its set (development or held-out),
    the themes a person labelled in it (``scope``, empty for the whole taxonomy) and whether it has verbs."""
    labels = data_dir() / "labels"
    described: dict[str, Any] = label_sets(labels.parent)["files"]
    unlisted = sorted({p.name for p in labels.glob("gold_*.csv")} - set(described))
    if unlisted:
        raise InputError(
            labels / "sets.toml", f"does not describe {', '.join(unlisted)}; add it with its set and scope"
        )
    frames = []
    for name, spec in described.items():  # every theme named is one of the lexicon's (checked by label_sets)
        frame = read_csv(labels / name, list_columns=GOLD_LIST_COLUMNS)
        frame["set"] = spec["set"]
        frame["scope"] = [[] if spec["themes"] == "all" else list(spec["themes"])] * len(frame)
        frame["has_verbs"] = bool(spec["verbs"])
        frame["file"] = name
        if "verb" not in frame:
            frame["verb"] = ""
        for column in ("verbs", "modifiers"):
            if column not in frame:
                frame[column] = [[] for _ in range(len(frame))]
        frames.append(frame)
    frame = pd.concat(frames, ignore_index=True)
    frame["paragraph"] = frame["paragraph"].astype(int)
    return frame


def _within_scope(merged: pd.DataFrame) -> list[frozenset[str]]:
    """Predicted themes, limited to what the gold row's labeller was asked to label: a theme outside
    a file's scope is neither right nor wrong there."""
    return [
        p if not scope else p & _labels(scope) for p, scope in zip(merged["themes_pred"].map(_labels), merged["scope"])
    ]


def gold_with_texts(corpus: Corpus, language: str | None = None) -> pd.DataFrame:
    """The gold rows (of one language, or all) joined with their paragraph text and the lexicon's labels."""
    gold = load_gold()
    if language is not None:
        gold = gold[gold["language"] == language]
    predicted, _ = predictions_for(gold, corpus)
    return gold.merge(predicted, on=["symbol", "language", "paragraph"], suffixes=("_gold", "_pred"))


def predictions_for(gold: pd.DataFrame, corpus: Corpus) -> tuple[pd.DataFrame, list[str]]:
    """Lexicon labels for every gold paragraph whose document is in the corpus."""
    rows, missing = [], []
    for (symbol, language), _ in gold.groupby(["symbol", "language"]):
        try:
            document = corpus.get(symbol, language)
        except InputError:
            missing.append(f"{symbol} ({language})")
            continue
        for x in classify_resolution(read_document(document)):
            rows.append(
                {
                    "symbol": symbol,
                    "language": language,
                    "paragraph": x.number,
                    "verb": x.verbs.verb,
                    "verbs": list(x.verbs.verbs),
                    "themes": list(x.themes),
                    "text": x.paragraph.full_text,
                }
            )
    return pd.DataFrame(rows, columns=["symbol", "language", "paragraph", "verb", "verbs", "themes", "text"]), missing
