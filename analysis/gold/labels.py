"""Gold labels (data/labels/), made by annotators reading the text, joined with the paragraph texts
and the lexicon's labels that they are compared with.

``labels/sets.toml`` describes each gold file: its set (development or held-out), the themes and
dimensions a person labelled in it, its double-coded pairs (``annotations/``) and the third reader's
decisions. A gold file is checked when it is read: its columns, and every code against the lexicon's
vocabulary; one line names the file, the row and the problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.coding.labels import classification_table, classify_resolution
from analysis.coding.money import kind_names
from analysis.coding.themes import required_themes, theme_names
from analysis.coding.verbs import strengths
from analysis.corpus.documents import read_document
from analysis.corpus.registry import Corpus
from analysis.errors import InputError
from analysis.lang import languages
from analysis.lexicon import GOLD_DIMENSIONS, label_sets, read_toml
from analysis.serialize import read_csv
from analysis.util.locations import data_dir

SET_VALUED = GOLD_DIMENSIONS[1:]  # every coded dimension but `verb` is a list of codes
GOLD_LIST_COLUMNS = ("verbs", "modifiers", *SET_VALUED[1:], "adjudicated")  # "|"-joined in the CSV files
GOLD_COLUMNS = ("symbol", "language", "paragraph", "lead", "verb", "modifiers", *SET_VALUED, "evidence", "note")
KEY = ["symbol", "language", "paragraph"]
DEFAULT_KIND = "task"  # a mandate none of the lexicon's kinds describes (docs/codebook.md, "Mandates")
MANDATE = re.compile(r"(?P<body>[a-z_]+):(?P<kind>[a-z_]+)(?::(?:\d+|ccpcj\d+))?")
ADJUDICATION_COLUMNS = ("symbol", "language", "paragraph", "dimension", "final", "reason")


@dataclass(frozen=True)
class AgreementPair:
    """Two independent codings of the same paragraphs (files under labels/), for Cohen's kappa."""

    name: str
    set: str
    first: str
    second: str
    adjudication: str  # the third reader's decisions on this set's disagreements ("" when none)


@dataclass(frozen=True)
class GoldFile:
    """One gold file as labels/sets.toml describes it."""

    name: str
    set: str
    themes: tuple[str, ...]  # the themes labelled; () for the whole taxonomy
    dimensions: tuple[str, ...]  # the dimensions labelled
    adjudication: str
    agreement: tuple[AgreementPair, ...]


def scored_themes() -> tuple[str, ...]:
    """The themes scored with intervals (and learned): the required ones, then ``[scoring] extra_themes``
    of labels/sets.toml, shown next to them outside their micro average."""
    extra = label_sets()["scoring"]["extra_themes"]
    return required_themes() + tuple(t for t in extra if t not in required_themes())


def new_themes() -> tuple[str, ...]:
    """The themes codebook 2.0 added (``[scoring] new_themes``), which the ``new_theme_*`` targets apply to."""
    return tuple(label_sets()["scoring"]["new_themes"])


def confused_themes() -> tuple[str, str]:
    """The two themes whose confusion the evaluation tabulates (``[scoring] confusion`` of labels/sets.toml)."""
    first, second = label_sets()["scoring"]["confusion"]
    return first, second


def gold_targets() -> dict[str, float]:
    """What the held-out gold must show (``[targets]`` in labels/sets.toml)."""
    return dict(label_sets()["targets"])


def _labels(value: Iterable[str]) -> frozenset[str]:
    """A list cell (``["a", "b"]``) as a set: the order of labels in a cell carries no meaning."""
    return frozenset(value)


def theme_sets(values: pd.Series, themes: tuple[str, ...] | list[str] | None = None) -> list[frozenset[str]]:
    """List cells as label sets, limited to ``themes`` when given."""
    sets = values.map(_labels).tolist()
    return sets if themes is None else [s & frozenset(themes) for s in sets]


def labels_dir() -> Path:
    """Where the gold files, sets.toml and the annotations are."""
    return data_dir() / "labels"


def gold_files(sets: Iterable[str] | None = None) -> tuple[GoldFile, ...]:
    """The gold files labels/sets.toml describes (of ``sets`` only, when given); every ``gold_*.csv`` of
    the directory must be described."""
    labels = labels_dir()
    described: dict[str, Any] = label_sets(labels.parent)["files"]
    unlisted = sorted({p.name for p in labels.glob("gold_*.csv")} - set(described))
    if unlisted:
        raise InputError(
            labels / "sets.toml", f"does not describe {', '.join(unlisted)}; add it with its set and scope"
        )
    wanted = None if sets is None else set(sets)
    files = []
    for name, spec in described.items():
        if wanted is not None and spec["set"] not in wanted:
            continue
        adjudication = spec.get("adjudication", "")
        pairs = tuple(
            AgreementPair(p["name"], spec["set"], p["first"], p["second"], adjudication)
            for p in spec.get("agreement", [])
        )
        themes = () if spec["themes"] == "all" else tuple(spec["themes"])
        dimensions = GOLD_DIMENSIONS if spec["dimensions"] == "all" else tuple(spec["dimensions"])
        files.append(GoldFile(name, spec["set"], themes, dimensions, adjudication, pairs))
    return tuple(files)


def gold_sets() -> tuple[str, ...]:
    """The sets the gold files belong to, in the order sets.toml describes them."""
    return tuple(dict.fromkeys(f.set for f in gold_files()))


def _path(name: str) -> Path:
    """A file named in sets.toml (relative to labels/); refused with one line when it is absent."""
    path = labels_dir() / name
    if not path.is_file():
        raise InputError(labels_dir() / "sets.toml", f"names {name}, which is not in {labels_dir()}")
    return path


def load_gold(sets: Iterable[str] | None = None) -> pd.DataFrame:
    """The rows of every gold file that labels/sets.toml describes (of ``sets`` only, when given), each
    with its ``set``, the themes labelled (``scope``, empty for the whole taxonomy), the ``dimensions``
    labelled, ``has_verbs`` and its ``file``."""
    frames = []
    for spec in gold_files(sets):
        frame = read_gold_file(_path(spec.name))
        frame["set"] = spec.set
        frame["scope"] = [list(spec.themes)] * len(frame)
        frame["dimensions"] = [list(spec.dimensions)] * len(frame)
        frame["has_verbs"] = "verb" in spec.dimensions
        frame["file"] = spec.name
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=[*GOLD_COLUMNS, "set", "scope", "dimensions", "has_verbs", "file"])
    return pd.concat(frames, ignore_index=True)


# ---------------------------------------------------------------------------------------------------
# The checks of a gold file: its columns, then each code against the lexicon's vocabulary
# ---------------------------------------------------------------------------------------------------


def _vocabulary() -> dict[str, frozenset[str]]:
    """The codes each dimension may hold (the lexicon's; docs/codebook.md)."""
    themes = frozenset(theme_names())
    verbs = frozenset(strengths())
    return {
        "verb": verbs,
        "verbs": verbs,
        "themes": themes,
        "subject_themes": themes,
        "addressees": frozenset(read_toml("addressees.toml")["addressees"]),
        "funding_kind": frozenset(kind_names()),
    }


def _mandate_problem(code: str, addressees: frozenset[str], kinds: frozenset[str]) -> str:
    m = MANDATE.fullmatch(code)
    if not m:
        return f"'{code}' is not addressee:kind[:session]"
    if m["body"] not in addressees:
        return f"'{code}' names no addressee of the lexicon"
    return "" if m["kind"] in kinds else f"'{code}' has no kind of the lexicon ({', '.join(sorted(kinds))})"


def _row_problem(row: pd.Series, vocabulary: dict[str, frozenset[str]], kinds: frozenset[str]) -> str:
    """What is wrong with one gold row, as "<column>: <problem>", or ""."""
    if row["language"] not in languages():
        return f"language: '{row['language']}' is not a registered language"
    if not re.fullmatch(r"[1-9]\d*", row["paragraph"]):
        return f"paragraph: '{row['paragraph']}' is not a paragraph number"
    if row["verb"] and row["verb"] not in vocabulary["verb"]:
        return f"verb: '{row['verb']}' is not a verb label of the lexicon"
    for column in SET_VALUED:
        for code in row[column]:
            if column == "mandates":
                problem = _mandate_problem(code, vocabulary["addressees"], kinds)
            else:
                problem = "" if code in vocabulary[column] else f"'{code}' is not a code of the lexicon"
            if problem:
                return f"{column}: {problem}"
    return ""


def read_gold_file(path: Path) -> pd.DataFrame:
    """One gold or annotation file (codebook 2.0 columns), checked; ``paragraph`` as an integer.
    ``InputError`` with one line naming the file, the row and the problem."""
    try:
        frame = read_csv(path, list_columns=GOLD_LIST_COLUMNS)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise InputError(path, f"cannot be read as CSV: {exc}") from exc
    missing = [c for c in GOLD_COLUMNS if c not in frame]
    if missing:
        raise InputError(
            path, f"has no column {', '.join(missing)} (a gold file of codebook 2.0 has {', '.join(GOLD_COLUMNS)})"
        )
    vocabulary = _vocabulary()
    kinds = frozenset(read_toml("addressees.toml")["kinds"]) | {DEFAULT_KIND}
    for number, (_, row) in enumerate(frame.iterrows(), start=1):
        problem = _row_problem(row, vocabulary, kinds)
        if problem:
            where = f"row {number} ({row['symbol']} {row['language']} op. {row['paragraph']})"
            raise InputError(path, f"{where}, {problem}")
    repeated = frame[frame.duplicated(KEY)]
    if not repeated.empty:
        first = repeated.iloc[0]
        raise InputError(path, f"repeats {first['symbol']} {first['language']} op. {first['paragraph']}")
    frame["paragraph"] = frame["paragraph"].astype(int)
    return frame


# ---------------------------------------------------------------------------------------------------
# The double-coded pairs and the adjudication
# ---------------------------------------------------------------------------------------------------


def agreement_pairs(sets: Iterable[str] | None = None) -> tuple[AgreementPair, ...]:
    """The double-coded pairs of the gold files of ``sets`` (all when None)."""
    return tuple(pair for spec in gold_files(sets) for pair in spec.agreement)


def read_pair(pair: AgreementPair) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two codings of a pair, row for row (the same paragraphs in the same order): the rows of the
    first file that the second holds (the first may be a whole gold file); refused if the second codes
    a paragraph the first does not."""
    first, second = read_gold_file(_path(pair.first)), read_gold_file(_path(pair.second))
    keys = second[KEY]
    merged = keys.merge(first[KEY].assign(_row=range(len(first))), on=KEY, how="left")
    absent = merged[merged["_row"].isna()]
    if not absent.empty:
        row = absent.iloc[0]
        raise InputError(
            _path(pair.second),
            f"codes {row['symbol']} {row['language']} op. {row['paragraph']}, which {pair.first} does not",
        )
    first = first.iloc[merged["_row"].astype(int).tolist()].reset_index(drop=True)
    return first, second.reset_index(drop=True)


def read_adjudication(name: str) -> pd.DataFrame:
    """The third reader's decisions (symbol, language, paragraph, dimension, final, reason), one per
    disagreement decided."""
    path = _path(name)
    frame = read_csv(path)
    missing = [c for c in ADJUDICATION_COLUMNS if c not in frame]
    if missing:
        raise InputError(path, f"has no column {', '.join(missing)} (expected {', '.join(ADJUDICATION_COLUMNS)})")
    unknown = sorted(set(frame["dimension"]) - set(GOLD_DIMENSIONS))
    if unknown:
        raise InputError(path, f"decides '{unknown[0]}', which is not a dimension ({', '.join(GOLD_DIMENSIONS)})")
    frame["paragraph"] = frame["paragraph"].astype(int)
    return frame[list(ADJUDICATION_COLUMNS)]


# ---------------------------------------------------------------------------------------------------
# The classifier's labels for the gold paragraphs
# ---------------------------------------------------------------------------------------------------

PREDICTED_COLUMNS = ["symbol", "language", "paragraph", "verb", *SET_VALUED, "text"]


def predictions_for(gold: pd.DataFrame, corpus: Corpus) -> tuple[pd.DataFrame, list[str]]:
    """The lexicon's labels for every paragraph of each gold document in the corpus, and the documents
    (``symbol (language)``) the corpus does not hold."""
    tables, missing = [], []
    for (symbol, language), _ in gold.groupby(["symbol", "language"]):
        try:
            document = corpus.get(symbol, language)
        except InputError:
            missing.append(f"{symbol} ({language})")
            continue
        labels = classify_resolution(read_document(document))
        table = classification_table(labels)  # the classify table, read with sub-paragraphs as text
        table["text"] = [x.paragraph.full_text for x in labels]
        tables.append(table[PREDICTED_COLUMNS])
    predicted = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=PREDICTED_COLUMNS)
    predicted = predicted.drop_duplicates(KEY)  # a repeated number: the first
    return predicted, missing


def gold_with_texts(corpus: Corpus, language: str | None = None, sets: Iterable[str] | None = None) -> pd.DataFrame:
    """The gold rows (of one language, or all; of ``sets``, or all) joined with their paragraph text and
    the lexicon's labels (``<dimension>_gold``, ``<dimension>_pred``)."""
    gold = load_gold(sets)
    if language is not None:
        gold = gold[gold["language"] == language]
    predicted, _ = predictions_for(gold, corpus)
    return gold.merge(predicted, on=KEY, suffixes=("_gold", "_pred"))


def within_scope(merged: pd.DataFrame, dimension: str = "themes") -> list[frozenset[str]]:
    """Predicted codes of ``dimension`` limited to what the gold row's labeller was asked to label: a
    theme outside a file's ``scope`` is neither right nor wrong there."""
    predicted = merged[f"{dimension}_pred"].map(_labels)
    if dimension not in ("themes", "subject_themes"):
        return predicted.tolist()
    return [p if not scope else p & _labels(scope) for p, scope in zip(predicted, merged["scope"])]


def _within_scope(merged: pd.DataFrame) -> list[frozenset[str]]:
    """Predicted themes within the gold row's scope (:func:`within_scope` of ``themes``)."""
    return within_scope(merged, "themes")
