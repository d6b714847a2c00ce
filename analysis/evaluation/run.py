"""The whole evaluation (``crimepol evaluate``): annotator agreement on the double-coded gold, the
classifier against the adjudicated gold (development and held-out) dimension by dimension, against the
UN markup and against a learned baseline, and the two languages against each other."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from analysis.coding.money import kind_names
from analysis.coding.themes import theme_names
from analysis.corpus.registry import Corpus
from analysis.evaluation.agreement import agreement
from analysis.evaluation.error_rates import HELD_OUT, confusion_counts, error_rates_path, write_error_rates
from analysis.evaluation.language import _both_languages, language_agreement
from analysis.evaluation.markup import MarkupAgreement, markup_agreement, markup_corpus
from analysis.evaluation.scores import (
    _theme_baseline_table,
    code_table,
    theme_confusion,
    verb_scores,
)
from analysis.gold.labels import (
    KEY,
    SET_VALUED,
    _labels,
    agreement_pairs,
    confused_themes,
    gold_sets,
    gold_targets,
    load_gold,
    new_themes,
    predictions_for,
    required_themes,
    scored_themes,
    within_scope,
)
from analysis.lang import languages
from analysis.lexicon import read_toml

SCORED_DIMENSIONS = SET_VALUED[1:]  # themes, subject_themes, addressees, mandates, funding_kind
NOT_IN_CORPUS = "document not in the corpus"
NOT_PARSED = "paragraph not in the parsed text"


@dataclass
class Evaluation:
    """All the evaluation tables ``crimepol evaluate`` prints and notebook 04 shows."""

    verbs: pd.DataFrame  # per set, and per (symbol, language): primary-verb accuracy (Wilson), all verbs
    themes: pd.DataFrame  # per set and theme (every theme): precision, recall, F1 with intervals, support
    required_micro_f1: dict[str, float]  # per set: micro-F1 over the five required themes
    missing: list[str]  # gold documents the corpus does not hold: "symbol (language)"
    markup: dict[str, MarkupAgreement]
    verb_baseline: pd.DataFrame
    theme_baseline: pd.DataFrame
    disagreements: pd.DataFrame  # gold vs predicted, paragraph by paragraph
    languages: pd.DataFrame = field(default_factory=pd.DataFrame)  # English vs Chinese (language_agreement)
    # the five required themes per gold set: precision, recall, F1 with 95 % bootstrap intervals
    required_themes: pd.DataFrame = field(default_factory=pd.DataFrame)
    # per gold set: corruption vs money laundering (once the taxonomy has that theme)
    confusions: dict[str, pd.DataFrame] = field(default_factory=dict)
    # per set, dimension (themes, subject_themes, addressees, mandates, funding_kind) and code, micro last
    scores: pd.DataFrame = field(default_factory=pd.DataFrame)
    # Cohen's kappa per double-coded pair, dimension and code (label "all": the dimension pooled)
    agreement: pd.DataFrame = field(default_factory=pd.DataFrame)
    adjudication: pd.DataFrame = field(default_factory=pd.DataFrame)  # the third reader's decisions, with reasons
    not_scored: pd.DataFrame = field(default_factory=pd.DataFrame)  # gold rows not scored, per document and why
    sets: tuple[str, ...] = ()  # the gold sets evaluated
    # per set, dimension, language ("all" pooled) and code: tp, fp, fn, tn (labels/error_rates.json)
    error_counts: pd.DataFrame = field(default_factory=pd.DataFrame)
    error_rates_note: str = ""  # whether the held-out error counts were written, and where

    def targets(self, set_name: str = "held-out") -> pd.DataFrame:
        """Every target of labels/sets.toml ``[targets]`` for one gold set: the figure, the threshold, the
        support it rests on, whether the target applies (enough support) and whether it is met."""
        return pd.DataFrame(_target_rows(self, set_name), columns=TARGET_COLUMNS).astype({"support": "Int64"})

    def target_check(self, set_name: str = "held-out") -> list[str]:
        """What a gold set falls short of (labels/sets.toml ``[targets]``); empty when all are met. A
        target that cannot be checked (nothing scored) is not met."""
        frame = self.required_themes
        if frame.empty or set_name not in set(frame["set"]):
            return [f"no {set_name} gold scored"]
        table = self.targets(set_name)
        short = [_shortfall(row) for _, row in table[table["applies"] & ~table["met"]].iterrows()]
        return short + _unscored(self, set_name)


TARGET_COLUMNS = ["target", "code", "value", "threshold", "support", "applies", "met"]
# how a target that is not met is said (target_check), by target
SHORTFALL = {
    "micro-F1, required themes": "micro-F1",
    "F1, required theme": "{code} F1",
    "micro-F1, addressees": "addressees micro-F1",
    "F1, funding kind": "{code} (funding kind) F1",
    "F1, new theme": "{code} (new theme) F1",
    "English vs Chinese agreement": "English vs Chinese agreement on {code}",
}


def _target(name: str, code: str, value: float, threshold: float, support: float, applies: bool) -> dict:
    met = bool(applies and value >= threshold)  # a missing or undefined score is not a met target
    return dict(zip(TARGET_COLUMNS, (name, code, value, threshold, support, bool(applies), met)))


def _shortfall(row: pd.Series) -> str:
    return f"{SHORTFALL[row['target']].format(code=row['code'])} {row['value']:.3f} < {row['threshold']}"


def _target_rows(result: Evaluation, set_name: str) -> list[dict]:
    targets = gold_targets()
    rows: list[dict] = []
    required = result.required_themes
    if not required.empty and set_name in set(required["set"]):
        table = required[required["set"] == set_name].set_index("theme")
        micro = float(table["f1"].get("micro", float("nan")))
        rows.append(
            _target(
                "micro-F1, required themes",
                "micro",
                micro,
                targets["micro_f1"],
                table["paragraphs"].get("micro", 0),
                True,
            )
        )
        for theme in required_themes():
            if theme in table.index:
                n = table.loc[theme, "paragraphs"]
                f1 = float(table.loc[theme, "f1"])
                rows.append(
                    _target("F1, required theme", theme, f1, targets["theme_f1"], n, n >= targets["min_support"])
                )
    rows += _dimension_targets(result.scores, set_name, targets)
    if not result.languages.empty:
        table = result.languages.set_index("measure")
        for theme in required_themes():
            if f"theme: {theme}" in table.index:
                row = table.loc[f"theme: {theme}"]
                agree, n = float(row["agreement"]), row["paragraphs"]
                rows.append(
                    _target("English vs Chinese agreement", theme, agree, targets["language_agreement"], n, True)
                )
    return rows


def _dimension_targets(scores: pd.DataFrame, set_name: str, targets: dict[str, float]) -> list[dict]:
    """The targets on addressees, funding kinds and the new themes (support: gold rows, both languages)."""
    if scores.empty or set_name not in set(scores["set"]):
        return []
    rows = []
    table = scores[scores["set"] == set_name]
    addressees = table[(table["dimension"] == "addressees") & (table["code"] == "micro")]
    if not addressees.empty:
        row = addressees.iloc[0]
        rows.append(
            _target(
                "micro-F1, addressees", "micro", float(row["f1"]), targets["addressees_micro_f1"], row["support"], True
            )
        )
    for dimension, codes, threshold, support, name in (
        ("funding_kind", kind_names(), "funding_kind_f1", "funding_kind_min_support", "F1, funding kind"),
        ("themes", new_themes(), "new_theme_f1", "new_theme_min_support", "F1, new theme"),
    ):
        by_code = table[table["dimension"] == dimension].set_index("code")
        for code in codes:
            if code in by_code.index:
                n = by_code.loc[code, "support"]
                f1 = float(by_code.loc[code, "f1"])
                rows.append(_target(name, code, f1, targets[threshold], n, n >= targets[support]))
    return rows


def _unscored(result: Evaluation, set_name: str) -> list[str]:
    """Targets that nothing was scored for (each starts with "no")."""
    scores = result.scores
    scored = set() if scores.empty else set(scores.loc[scores["set"] == set_name, "dimension"])
    missing = [f"no {d} scores" for d in ("addressees", "funding_kind", "themes") if d not in scored]
    if result.languages.empty:
        missing.append("no English vs Chinese agreement")
    return missing


def evaluate(
    corpus: Corpus, with_baseline: bool = True, progress: bool = False, sets: Iterable[str] | None = None
) -> Evaluation:
    """Agreement, gold, markup and baseline scores for the gold ``sets`` (every set labels/sets.toml
    describes when None; the held-out set is scored once, after the rules are frozen); ``progress``
    shows a bar on a terminal."""
    from analysis.learned.models import verb_baseline

    chosen = tuple(sets) if sets is not None else gold_sets()
    gold = load_gold(chosen)
    predicted, missing = predictions_for(gold, corpus)
    merged, not_scored = _matched(gold, predicted)
    scores, required, confusions = _set_scores(merged)
    kappas, adjudication = agreement(agreement_pairs(chosen))

    marked = markup_corpus(corpus, progress)
    markup = markup_agreement(corpus, marked)
    verb_base = pd.DataFrame()
    theme_base = pd.DataFrame()
    if with_baseline:
        verb_base = pd.DataFrame(
            [
                {"language": lang, **verb_baseline(marked, lang)}
                for lang in languages()
                if (marked["language"] == lang).sum() > 50
            ]
        )
        theme_base = _theme_baseline_table(merged)
    themes = scores[scores["dimension"] == "themes"].drop(columns="dimension").rename(columns={"code": "theme"})
    result = Evaluation(
        verbs=_verb_table(merged),
        themes=themes.reset_index(drop=True),
        required_micro_f1={name: float(group.iloc[-1]["f1"]) for name, group in required.groupby("set", sort=False)}
        if not required.empty
        else {},
        missing=missing,
        markup=markup,
        verb_baseline=verb_base,
        theme_baseline=theme_base,
        disagreements=_disagreements(merged),
        languages=language_agreement(_both_languages(corpus, bundled_only=True)),
        required_themes=required,
        confusions=confusions,
        scores=scores,
        agreement=kappas,
        adjudication=adjudication,
        not_scored=not_scored,
        sets=chosen,
        error_counts=confusion_counts(merged, _codes),
    )
    _record_error_rates(result)
    return result


def _record_error_rates(result: Evaluation) -> None:
    """A held-out run refreshes labels/error_rates.json (when the whole held-out set was scored)."""
    if HELD_OUT in result.sets:
        result.error_rates_note = write_error_rates(result, error_rates_path())


def _matched(gold: pd.DataFrame, predicted: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The gold rows with the lexicon's labels (``<dimension>_gold``, ``<dimension>_pred``), and the
    rows that could not be scored, counted per document with the reason: never dropped in silence."""
    joined = gold.merge(predicted, on=KEY, how="left", suffixes=("_gold", "_pred"), indicator=True)
    held = set(zip(predicted["symbol"], predicted["language"]))
    lost = joined[joined["_merge"] == "left_only"]
    reasons = [NOT_PARSED if key in held else NOT_IN_CORPUS for key in zip(lost["symbol"], lost["language"])]
    not_scored = (
        lost.assign(reason=reasons)
        .groupby(["set", "symbol", "language", "reason"], sort=False)
        .size()
        .rename("rows")
        .reset_index()
    )
    merged = joined[joined["_merge"] == "both"].drop(columns="_merge").reset_index(drop=True)
    return merged, not_scored


def _codes(dimension: str, gold: list[frozenset[str]], predicted: list[frozenset[str]]) -> list[str]:
    """The codes a dimension is scored on: the whole taxonomy for themes, the vocabulary's codes seen in
    the gold or the prediction for the others (vocabulary order, then any other code in sorted order)."""
    if dimension in ("themes", "subject_themes"):
        return theme_names()
    seen = set().union(*gold, *predicted)
    vocabulary = {
        "addressees": list(read_toml("addressees.toml")["addressees"]),
        "funding_kind": kind_names(),
    }.get(dimension, [])
    return [c for c in vocabulary if c in seen] + sorted(seen - set(vocabulary))


def _set_scores(merged: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, pd.DataFrame]]:
    """Per set: every dimension's codes with intervals (one long table), the required themes with money
    laundering beside them, and the confusion of the two confused themes."""
    frames, required_frames, confusions = [], [], {}
    confused = confused_themes()
    for name, group in merged.groupby("set", sort=False):
        clusters = list(zip(group["symbol"], group["paragraph"]))  # a paragraph's two languages: one draw
        for dimension in SCORED_DIMENSIONS:
            labelled = group["dimensions"].map(lambda d, dim=dimension: dim in d).to_numpy()
            if not labelled.any():
                continue
            rows = group[labelled]
            gold = rows[f"{dimension}_gold"].map(_labels).tolist()
            predicted = within_scope(rows, dimension)
            kept = [c for c, keep in zip(clusters, labelled) if keep]
            table = code_table(gold, predicted, _codes(dimension, gold, predicted), kept)
            frames.append(table.assign(set=name, dimension=dimension))
            if dimension == "themes":
                required_frames.append(_required_table(gold, predicted, kept).assign(set=name))
                if all(t in theme_names() for t in confused):
                    confusions[name] = theme_confusion(gold, predicted, *confused)
    columns = ["set", "dimension", "code"]
    scores = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    scores = scores[columns + [c for c in scores.columns if c not in columns]]
    required = pd.concat(required_frames, ignore_index=True) if required_frames else pd.DataFrame()
    return scores, required, confusions


def _required_table(gold: list[frozenset[str]], predicted: list[frozenset[str]], clusters: list) -> pd.DataFrame:
    """The required themes and their micro average with 95 % intervals, and the other scored themes
    (labels/sets.toml ``extra_themes``) shown next to them outside the average."""
    required = code_table(gold, predicted, required_themes(), clusters)
    extra = [t for t in scored_themes() if t not in required_themes() and t in theme_names()]
    if extra:
        extra_rows = code_table(gold, predicted, extra, clusters).iloc[:-1]
        required = pd.concat([required.iloc[:-1], extra_rows, required.iloc[-1:]], ignore_index=True)
    return required.rename(columns={"code": "theme"})


def _verb_table(merged: pd.DataFrame) -> pd.DataFrame:
    """Verb scores per document and per set (``symbol`` "all"), for the rows whose file labels verbs."""
    with_verbs = merged[merged["has_verbs"]]
    rows = [
        {"set": group["set"].iloc[0], "symbol": s, "language": lang, **verb_scores(group)}
        for (s, lang), group in with_verbs.groupby(["symbol", "language"])
    ]
    rows += [
        {"set": name, "symbol": "all", "language": "", **verb_scores(group)}
        for name, group in with_verbs.groupby("set", sort=False)
    ]
    return pd.DataFrame(rows)


def _disagreements(merged: pd.DataFrame) -> pd.DataFrame:
    """The gold rows where a labelled dimension differs from the prediction (``differ`` names them), with
    the themes missed and the themes added."""
    differ = []
    for _, row in merged.iterrows():
        names = [
            d
            for d in ("verb", *SET_VALUED)
            if d in row["dimensions"]
            and (
                row[f"{d}_gold"] != row[f"{d}_pred"]
                if d == "verb"
                else _labels(row[f"{d}_gold"]) != _labels(row[f"{d}_pred"])
            )
        ]
        differ.append(names)
    disagreements = merged.assign(differ=differ)
    disagreements = disagreements[disagreements["differ"].map(bool)].copy()
    disagreements["themes_missed"] = [
        sorted(_labels(g) - _labels(p)) for g, p in zip(disagreements["themes_gold"], disagreements["themes_pred"])
    ]
    disagreements["themes_extra"] = [
        sorted(_labels(p) - _labels(g)) for g, p in zip(disagreements["themes_gold"], disagreements["themes_pred"])
    ]
    return disagreements.reset_index(drop=True)
