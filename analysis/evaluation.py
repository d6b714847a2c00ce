"""Evaluation: the lexicon classifier against gold labels, against the UN's own lead-verb markup,
and against a learned baseline (scikit-learn) that never sees the paragraphs it is scored on.

The XML markup of lead verbs is read here, for scoring only; classification never reads it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import lexicon
from .classification import classify_resolution
from .corpus import Corpus
from .documents import read_document
from .errors import InputError
from .ingest import read_source
from .locations import data_dir
from .model import LANGUAGES
from .parse import parse_file, parse_source, parse_text
from .progress import ordered_map, progress_bar
from .render import LAYOUTS, plain_text, structure
from .serialize import read_csv
from .themes import required_themes, theme_names
from .verbs import label_of_phrase, read_verbs
from .xmlparse import NS, printed_number

GOLD_LIST_COLUMNS = ("verbs", "modifiers", "themes")  # "|"-joined in the gold CSV files
REQUIRED_THEMES = required_themes()
# scored with intervals next to the five: the theme split from corruption, so that a reader sees both sides
INTERVAL_THEMES = REQUIRED_THEMES + ("money_laundering",)
AKN = NS  # the AKN4UN namespace, as the XML reader spells it
LEAD_SPAN_CLASS = {"en": "italic", "zh": "bold"}


def _labels(value: Iterable[str]) -> frozenset[str]:
    """A list cell (``["a", "b"]``) as a set: the order of labels in a cell carries no meaning."""
    return frozenset(value)


def theme_sets(values: pd.Series, themes: tuple[str, ...] | list[str] | None = None) -> list[frozenset[str]]:
    """List cells as label sets, limited to ``themes`` when given."""
    sets = values.map(_labels).tolist()
    return sets if themes is None else [s & frozenset(themes) for s in sets]


def _sets() -> dict[str, Any]:
    import tomllib

    with (data_dir() / "labels" / "sets.toml").open("rb") as fh:
        return tomllib.load(fh)


def gold_targets() -> dict[str, float]:
    """The held-out targets of the five required themes (``[targets]`` in labels/sets.toml)."""
    return dict(_sets()["targets"])


def load_gold() -> pd.DataFrame:
    """Every gold file that ``labels/sets.toml`` describes, with its set (development or held-out),
    the themes a person labelled in it (``scope``, empty for the whole taxonomy) and whether it has verbs."""
    labels = data_dir() / "labels"
    described = _sets()["files"]
    unlisted = sorted({p.name for p in labels.glob("gold_*.csv")} - set(described))
    if unlisted:
        raise InputError(
            labels / "sets.toml", f"does not describe {', '.join(unlisted)}; add it with its set and scope"
        )
    frames = []
    for name, spec in described.items():
        unknown = set(spec["themes"]) - set(theme_names()) if spec["themes"] != "all" else set()
        if unknown:
            raise InputError(labels / "sets.toml", f"{name}: unknown themes {', '.join(sorted(unknown))}")
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


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def theme_scores(
    gold_sets: list[frozenset[str]], predicted_sets: list[frozenset[str]], themes: list[str] | tuple[str, ...]
) -> pd.DataFrame:
    """Per-theme precision, recall, F1 and support, plus micro averages."""
    rows, totals = [], [0, 0, 0]
    for theme in themes:
        tp = sum(theme in g and theme in p for g, p in zip(gold_sets, predicted_sets))
        fp = sum(theme not in g and theme in p for g, p in zip(gold_sets, predicted_sets))
        fn = sum(theme in g and theme not in p for g, p in zip(gold_sets, predicted_sets))
        totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
        scores = prf(tp, fp, fn) if tp + fp + fn else (float("nan"),) * 3  # never seen, never predicted
        rows.append((theme, *scores, tp + fn))
    frame = pd.DataFrame(rows, columns=["theme", "precision", "recall", "f1", "support"])
    micro = prf(*totals)
    return pd.concat(
        [frame, pd.DataFrame([("micro", *micro, totals[0] + totals[2])], columns=frame.columns)], ignore_index=True
    )


BOOTSTRAP_ROUNDS = 1000


def theme_intervals(
    gold_sets: list[frozenset[str]],
    predicted_sets: list[frozenset[str]],
    themes: list[str] | tuple[str, ...],
    rounds: int = BOOTSTRAP_ROUNDS,
    seed: int = 0,
    clusters: list | None = None,
) -> pd.DataFrame:
    """95 % intervals of per-theme precision, recall and F1, and of the micro average over ``themes``:
    percentiles of a bootstrap (seeded, so the same every run) that draws whole ``clusters`` (e.g. a
    paragraph with its English and Chinese rows, which are not independent); each row alone by default."""
    import numpy as np

    n = len(gold_sets)
    if not n:
        return pd.DataFrame(
            columns=["theme", "precision_low", "precision_high", "recall_low", "recall_high", "f1_low", "f1_high"]
        )
    keys = list(range(n)) if clusters is None else clusters
    index = {k: i for i, k in enumerate(dict.fromkeys(keys))}
    member = np.array([index[k] for k in keys])
    draws = np.random.default_rng(seed).integers(0, len(index), size=(rounds, len(index)))
    # how often each cluster is drawn in each round, then counts per cluster: a round's total is their product
    weight = np.zeros((rounds, len(index)))
    np.add.at(weight, (np.repeat(np.arange(rounds), len(index)), draws.ravel()), 1)

    def per_cluster(flags: np.ndarray) -> np.ndarray:
        out = np.zeros(len(index))
        np.add.at(out, member, flags)
        return out

    rows = []
    totals = np.zeros((3, rounds))
    for theme in list(themes) + ["micro"]:
        if theme == "micro":
            tp, fp, fn = totals
        else:
            g = np.array([theme in x for x in gold_sets])
            p = np.array([theme in x for x in predicted_sets])
            tp, fp, fn = (weight @ per_cluster(g & p), weight @ per_cluster(~g & p), weight @ per_cluster(g & ~p))
            totals += np.vstack([tp, fp, fn])
        with np.errstate(invalid="ignore", divide="ignore"):
            precision = np.where(tp + fp > 0, tp / (tp + fp), np.nan)
            recall = np.where(tp + fn > 0, tp / (tp + fn), np.nan)
            f1 = np.where(2 * tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), np.nan)
        row: dict[str, object] = {"theme": theme}
        for name, values in (("precision", precision), ("recall", recall), ("f1", f1)):
            finite = values[~np.isnan(values)]
            low, high = np.percentile(finite, [2.5, 97.5]) if finite.size else (np.nan, np.nan)
            row[f"{name}_low"], row[f"{name}_high"] = float(low), float(high)
        rows.append(row)
    return pd.DataFrame(rows)


def theme_confusion(
    gold_sets: list[frozenset[str]], predicted_sets: list[frozenset[str]], first: str, second: str
) -> pd.DataFrame:
    """How two themes are confused: paragraphs by their gold reading (rows) and the predicted one
    (columns), each one of: neither, only ``first``, only ``second``, both."""

    def reading(labels: frozenset[str]) -> str:
        return {
            (False, False): "neither",
            (True, False): f"only {first}",
            (False, True): f"only {second}",
            (True, True): "both",
        }[(first in labels, second in labels)]

    order = ["neither", f"only {first}", f"only {second}", "both"]
    frame = pd.crosstab(
        pd.Categorical([reading(g) for g in gold_sets], categories=order),
        pd.Categorical([reading(p) for p in predicted_sets], categories=order),
        dropna=False,
    )
    frame.index.name, frame.columns.name = "gold", "predicted"
    return frame


def verb_scores(merged: pd.DataFrame) -> dict[str, float]:
    """Primary-verb accuracy and all-verbs exactness, precision, recall and F1 of gold-vs-predicted rows."""
    primary = (merged["verb_gold"] == merged["verb_pred"]).mean()
    exact = (merged["verbs_gold"].map(_labels) == merged["verbs_pred"].map(_labels)).mean()
    tp = fp = fn = 0
    for g, p in zip(merged["verbs_gold"].map(_labels), merged["verbs_pred"].map(_labels)):
        tp, fp, fn = tp + len(g & p), fp + len(p - g), fn + len(g - p)
    precision, recall, f1 = prf(tp, fp, fn)
    return {
        "paragraphs": len(merged),
        "primary_accuracy": primary,
        "all_verbs_exact": exact,
        "all_verbs_precision": precision,
        "all_verbs_recall": recall,
        "all_verbs_f1": f1,
    }


@dataclass
class MarkupAgreement:
    """How often the primary verb matches the lead verb the UN's XML markup marks, in one language."""

    language: str
    paragraphs: int = 0
    agree: int = 0
    disagreements: list[dict] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Share of marked paragraphs whose primary verb agrees with the markup."""
        return self.agree / self.paragraphs if self.paragraphs else 0.0


def marked_leads(path: str | Path) -> tuple[str, list[tuple[int, str, str]]]:
    """(language, [(paragraph number, marked lead phrase, plain paragraph text)]) of one AKN4UN file."""
    source = read_source(path)
    resolution = parse_source(source)
    body = source.xml_root[0].find(AKN + "mainBody")
    # aligned by printed number (headings carry a <num> too: "I"), and by order among equal numbers
    # (parts that number their paragraphs from 1 again)
    by_number: dict[int, list] = {}
    for element in body.findall(AKN + "paragraph"):
        number = printed_number(element)
        if number is not None:
            by_number.setdefault(number, []).append(element)
    wanted = LEAD_SPAN_CLASS[resolution.language]
    out = []
    for paragraph in resolution.operative:
        if paragraph.number is None:
            continue
        elements = by_number.get(paragraph.number, [])
        if not elements:
            continue
        element = elements.pop(0)
        span = next((s for s in element.iter(AKN + "span") if s.get("class") == wanted), None)
        if span is not None:
            out.append((paragraph.number, " ".join("".join(span.itertext()).split()), paragraph.text))
    return resolution.language, out


def markup_corpus(corpus: Corpus, progress: bool = False) -> pd.DataFrame:
    """Every marked operative paragraph: its text, the marked lead phrase and that phrase's label.

    The answer key for the lexicon (``markup_agreement``) and the training data of the baseline.
    """
    rows = []
    marked = [(d, d.location) for d in corpus.available() if d.format == "xml" and d.location is not None]
    with progress_bar(len(marked), "reading the markup", progress) as bar:
        for document, location in marked:
            language, leads = marked_leads(location)
            rows += [
                {
                    "symbol": document.symbol,
                    "language": language,
                    "paragraph": n,
                    "marked": phrase,
                    "label": label_of_phrase(phrase, language),
                    "text": text,
                }
                for n, phrase, text in leads
            ]
            bar.update()
    return pd.DataFrame(rows, columns=["symbol", "language", "paragraph", "marked", "label", "text"])


def markup_agreement(corpus: Corpus, marked: pd.DataFrame | None = None) -> dict[str, MarkupAgreement]:
    """Primary verb read from plain text vs the lead verb the UN marked up, per language."""
    from .verbs import read_verbs

    marked = markup_corpus(corpus) if marked is None else marked
    result = {lang: MarkupAgreement(lang) for lang in LANGUAGES}
    for row in marked.itertuples(index=False):
        got = read_verbs(row.text, row.language).verb
        agreement = result[row.language]
        agreement.paragraphs += 1
        if row.label == got:
            agreement.agree += 1
        else:
            agreement.disagreements.append(
                {
                    "symbol": row.symbol,
                    "paragraph": row.paragraph,
                    "marked": row.marked,
                    "marked_label": row.label,
                    "predicted": got,
                    "text": row.text[:60],
                }
            )
    return result


@dataclass
class Evaluation:
    """All the evaluation tables ``crimepol evaluate`` prints and notebook 04 shows."""

    verbs: pd.DataFrame  # one row per (symbol, language) and overall
    themes: pd.DataFrame  # per set and theme: precision, recall, f1, support (lexicon vs gold)
    required_micro_f1: dict[str, float]  # per set: micro-F1 over the five required themes
    missing: list[str]
    markup: dict[str, MarkupAgreement]
    verb_baseline: pd.DataFrame
    theme_baseline: pd.DataFrame
    disagreements: pd.DataFrame  # gold vs predicted, paragraph by paragraph
    languages: pd.DataFrame = field(default_factory=pd.DataFrame)  # English vs Chinese (language_agreement)
    # the five required themes per gold set: precision, recall, F1 with 95 % bootstrap intervals
    required_themes: pd.DataFrame = field(default_factory=pd.DataFrame)
    # per gold set: corruption vs money laundering (once the taxonomy has that theme)
    confusions: dict[str, pd.DataFrame] = field(default_factory=dict)

    def target_check(self, set_name: str = "held-out") -> list[str]:
        """What the held-out gold falls short of (labels/sets.toml ``[targets]``); empty when all are met."""
        targets = gold_targets()
        frame = self.required_themes
        if frame.empty or set_name not in set(frame["set"]):
            return [f"no {set_name} gold scored"]
        rows = frame[frame["set"] == set_name].set_index("theme")
        short = []
        micro = rows["f1"].get("micro", float("nan"))
        if not micro >= targets["micro_f1"]:  # a missing or undefined score is not a met target
            short.append(f"micro-F1 {micro:.3f} < {targets['micro_f1']}")
        for theme in REQUIRED_THEMES:
            if theme not in rows.index:
                short.append(f"{theme} not scored")
            elif (
                rows.loc[theme, "paragraphs"] >= targets["min_support"]
                and not rows.loc[theme, "f1"] >= targets["theme_f1"]
            ):
                short.append(f"{theme} F1 {rows.loc[theme, 'f1']:.3f} < {targets['theme_f1']}")
        return short


def evaluate(corpus: Corpus, with_baseline: bool = True, progress: bool = False) -> Evaluation:
    """Gold, markup and baseline scores; ``progress`` shows a bar on a terminal."""
    from .baseline import verb_baseline

    gold = load_gold()
    predicted, missing = predictions_for(gold, corpus)
    merged = gold.merge(predicted, on=["symbol", "language", "paragraph"], suffixes=("_gold", "_pred"))
    with_verbs = merged[merged["has_verbs"]]
    verb_rows = [
        {"set": group["set"].iloc[0], "symbol": s, "language": lang, **verb_scores(group)}
        for (s, lang), group in with_verbs.groupby(["symbol", "language"])
    ]
    verb_rows += [
        {"set": name, "symbol": "all", "language": "", **verb_scores(group)}
        for name, group in with_verbs.groupby("set")
    ]
    merged["themes_pred"] = [sorted(p) for p in _within_scope(merged)]
    theme_frames, required_f1 = [], {}
    required_frames, confusions = [], {}
    for name, group in merged.groupby("set"):
        gold_sets = theme_sets(group["themes_gold"])
        predicted_sets = theme_sets(group["themes_pred"])
        theme_frames.append(theme_scores(gold_sets, predicted_sets, theme_names()).assign(set=name))
        required = theme_scores(gold_sets, predicted_sets, REQUIRED_THEMES)
        required_f1[name] = float(required.iloc[-1]["f1"])
        # a paragraph's English and Chinese rows are drawn together, and counted once as support
        clusters = list(zip(group["symbol"], group["paragraph"]))
        scored = required.merge(
            theme_intervals(gold_sets, predicted_sets, REQUIRED_THEMES, clusters=clusters), on="theme"
        )
        extra = [t for t in INTERVAL_THEMES if t not in REQUIRED_THEMES and t in theme_names()]
        if extra:  # shown next to the five, outside their micro average
            extra_rows = (
                theme_scores(gold_sets, predicted_sets, extra)
                .iloc[:-1]
                .merge(theme_intervals(gold_sets, predicted_sets, extra, clusters=clusters).iloc[:-1], on="theme")
            )
            scored = pd.concat([scored.iloc[:-1], extra_rows, scored.iloc[-1:]], ignore_index=True)
        scored["paragraphs"] = [
            len({c for c, g in zip(clusters, gold_sets) if t in g}) if t != "micro" else len(set(clusters))
            for t in scored["theme"]
        ]
        required_frames.append(scored.assign(set=name))
        if "money_laundering" in theme_names():
            confusions[name] = theme_confusion(gold_sets, predicted_sets, "corruption", "money_laundering")
    themes = pd.concat(theme_frames, ignore_index=True)
    verbs_differ = merged["has_verbs"] & (
        (merged["verb_gold"] != merged["verb_pred"])
        | (merged["verbs_gold"].map(_labels) != merged["verbs_pred"].map(_labels))
    )
    disagreements = merged[
        verbs_differ | (merged["themes_gold"].map(_labels) != merged["themes_pred"].map(_labels))
    ].copy()
    disagreements["themes_missed"] = [
        sorted(_labels(g) - _labels(p)) for g, p in zip(disagreements["themes_gold"], disagreements["themes_pred"])
    ]
    disagreements["themes_extra"] = [
        sorted(_labels(p) - _labels(g)) for g, p in zip(disagreements["themes_gold"], disagreements["themes_pred"])
    ]

    marked = markup_corpus(corpus, progress)
    markup = markup_agreement(corpus, marked)
    verb_base = pd.DataFrame()
    theme_base = pd.DataFrame()
    if with_baseline:
        verb_base = pd.DataFrame(
            [
                {"language": lang, **verb_baseline(marked, lang)}
                for lang in LANGUAGES
                if (marked["language"] == lang).sum() > 50
            ]
        )
        theme_base = _theme_baseline_table(merged)
    return Evaluation(
        pd.DataFrame(verb_rows),
        themes,
        required_f1,
        missing,
        markup,
        verb_base,
        theme_base,
        disagreements,
        language_agreement(_both_languages(corpus)),
        pd.concat(required_frames, ignore_index=True) if required_frames else pd.DataFrame(),
        confusions,
    )


def _both_languages(corpus: Corpus) -> list:
    """Every resolution of the corpus that it has in English and in Chinese, parsed."""
    from .report import load_resolutions

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


def _theme_baseline_table(merged: pd.DataFrame) -> pd.DataFrame:
    """Learned model vs lexicon on the themes every gold file labels, per language: leave one
    resolution out over the development gold, then trained on all of it and scored on the held-out gold."""
    from .baseline import fit_predict_themes, theme_baseline

    themes = [t for t in INTERVAL_THEMES if t in theme_names()]
    rows = []

    def row(
        language: str,
        evaluated: str,
        model: str,
        gold: list[frozenset[str]],
        predicted: list[frozenset[str]],
        resolutions: int,
    ) -> dict:
        scores = theme_scores(gold, predicted, themes).set_index("theme")
        required = theme_scores(gold, predicted, REQUIRED_THEMES).iloc[-1]
        return {
            "language": language,
            "evaluated on": evaluated,
            "model": model,
            "resolutions": resolutions,
            "paragraphs": len(gold),
            "micro_f1_required": required["f1"],
            **{f"f1_{t}": scores.loc[t, "f1"] for t in themes},
        }

    for language, group in merged.groupby("language"):
        development = group[group["set"] == "development"]
        held_out = group[group["set"] == "held-out"]
        if development["symbol"].nunique() < 2:
            continue
        texts, groups = development["text"].tolist(), development["symbol"].tolist()
        gold = theme_sets(development["themes_gold"], themes)
        lexicon = theme_sets(development["themes_pred"], themes)
        n = len(set(groups))
        rows.append(row(language, "development (leave one resolution out)", "lexicon", gold, lexicon, n))
        rows.append(
            row(
                language,
                "development (leave one resolution out)",
                "learned",
                gold,
                theme_baseline(texts, gold, groups, language, themes),
                n,
            )
        )
        if not held_out.empty:
            held_gold = theme_sets(held_out["themes_gold"], themes)
            held_lexicon = theme_sets(held_out["themes_pred"], themes)
            learned = fit_predict_themes(texts, gold, held_out["text"].tolist(), language, themes)
            m = held_out["symbol"].nunique()
            rows.append(row(language, "held-out (trained on development)", "lexicon", held_gold, held_lexicon, m))
            rows.append(row(language, "held-out (trained on development)", "learned", held_gold, learned, m))
    return pd.DataFrame(rows)


STRUCTURE_COLUMNS = ["file", "symbol", "language", "layout", "status", "expected", "got", "detail"]


def structure_check(path: str, layouts: tuple[str, ...] = LAYOUTS) -> list[dict]:
    """Parse one AKN4UN file by its markup, render it as plain text in each layout, parse that text,
    and compare the two structures (``render.structure``).

    Status per layout: ``same``, ``different``, ``refused`` (the text parser refused the rendering),
    ``collapsed`` (the text became one unnumbered clause although the XML has numbered paragraphs);
    and, once per file, ``no-body`` (the XML has no operative part, refused as it should be) or
    ``no-formula`` (no enacting formula to render).
    """
    name = Path(path).name
    try:
        r = parse_file(path)
    except InputError as exc:
        return [dict(zip(STRUCTURE_COLUMNS, (name, "", "", "", "no-body", "", "", exc.problem)))]
    row = {"file": name, "symbol": r.symbol, "language": r.language}
    if not any(lexicon.anatomy(r.language).formula.match(line) for line in r.front_matter):
        return [{**row, "layout": "", "status": "no-formula", "expected": "", "got": "", "detail": ""}]
    expected = structure(r)
    rows = []
    for layout in layouts:
        try:
            t = parse_text(plain_text(r, layout), language=r.language, source=name)
        except InputError as exc:
            rows.append(
                {
                    **row,
                    "layout": layout,
                    "status": "refused",
                    "expected": str(expected),
                    "got": "",
                    "detail": exc.problem,
                }
            )
            continue
        got = structure(t)
        status = (
            "same"
            if got == expected
            else (
                "collapsed"
                if len(t.operative) == 1 and t.operative[0].number is None and len(r.operative) > 1
                else "different"
            )
        )
        rows.append(
            {
                **row,
                "layout": layout,
                "status": status,
                "expected": str(expected),
                "got": str(got),
                "detail": "; ".join(t.warnings),
            }
        )
    return rows


def structure_agreement(
    paths: list[str], layouts: tuple[str, ...] = LAYOUTS, jobs: int = 1, progress: bool = False
) -> pd.DataFrame:
    """``structure_check`` over many files (``jobs`` processes), one row per file and layout."""
    import functools

    check = functools.partial(structure_check, layouts=layouts)
    rows = [row for result in ordered_map(check, paths, jobs, "checking structure", progress) for row in result]
    return pd.DataFrame(rows, columns=STRUCTURE_COLUMNS)


@dataclass(frozen=True)
class VerbAgreement:
    """Primary verbs read from the plain text of every marked operative paragraph of many AKN4UN files."""

    agree: dict[str, int]  # per language: read label = label of the marked phrase
    marked: dict[str, int]  # per language: paragraphs with a marked lead phrase
    unknown: dict[str, Counter]  # per language: marked phrases the lexicon does not know
    pairs: int  # the same paragraph (number, occurrence) in the English and Chinese file of a resolution
    same_pairs: int
    pair_disagreements: Counter  # (English label, Chinese label)

    def rate(self, language: str) -> float:
        """Share of marked paragraphs in ``language`` whose primary verb agrees with the markup."""
        return self.agree[language] / self.marked[language] if self.marked[language] else 0.0

    @property
    def pair_rate(self) -> float:
        """Share of English/Chinese paragraph pairs read with the same primary verb."""
        return self.same_pairs / self.pairs if self.pairs else 0.0


def _file_verbs(path: str) -> tuple[str, str, list[tuple[tuple[int, int], str, str, str]]] | None:
    try:
        language, leads = marked_leads(path)
    except InputError:
        return None
    seen: Counter = Counter()
    rows = []
    for number, phrase, text in leads:
        rows.append(
            ((number, seen[number]), phrase, label_of_phrase(phrase, language), read_verbs(text, language).verb)
        )
        seen[number] += 1  # parts that number their paragraphs from 1 again
    return Path(path).name.rsplit(".", 2)[0], language, rows


def verb_agreement(paths: list[str], jobs: int = 1, progress: bool = False) -> VerbAgreement:
    """The primary verb against the UN's lead-verb markup, and English against Chinese, over ``paths``."""
    agree: Counter = Counter()
    marked: Counter = Counter()
    unknown: dict[str, Counter] = {"en": Counter(), "zh": Counter()}
    read: dict[tuple[str, str], dict[tuple[int, int], str]] = {}
    for result in ordered_map(_file_verbs, paths, jobs, "reading verbs", progress):
        if result is None:
            continue
        symbol, language, rows = result
        read[(symbol, language)] = {}
        for key, phrase, label, got in rows:
            marked[language] += 1
            agree[language] += bool(label) and label == got
            if not label:
                unknown[language][phrase] += 1
            read[(symbol, language)][key] = got
    pairs = same = 0
    differ: Counter = Counter()
    for (symbol, language), labels in read.items():
        chinese = read.get((symbol, "zh")) if language == "en" else None
        if chinese is None:
            continue
        for key, english in labels.items():
            if key in chinese:
                pairs += 1
                same += english == chinese[key]
                if english != chinese[key]:
                    differ[(english or "-", chinese[key] or "-")] += 1
    return VerbAgreement(dict(agree), dict(marked), unknown, pairs, same, differ)


MARKUP_LINK = re.compile(r'<a [^>]*href="[^"]*?/(?:en/|zh/)?((?:A|E|S|CAC|CTOC)/[^"]+)"[^>]*>([^<]*)</a>')
LINKED_NUMBER = re.compile(r"(?:S-)?\d{1,4}/\d{1,4}")


@dataclass
class CitationAgreement:
    """The extractor's General Assembly resolutions against the UN markup's own links (``<a href>``)."""

    ga_with_link: int = 0  # GA resolutions the extractor found whose number the markup links
    ga_link_agrees: int = 0  # … and the link is an A/RES/ document
    wrong: list[tuple[str, str, str]] = field(default_factory=list)  # (file, number, linked symbol)
    ga_links: int = 0  # numbers the markup links only to A/RES/ documents
    ga_links_found: int = 0  # … that the extractor credits to the Assembly

    @property
    def precision(self) -> float:
        """Of the GA resolutions extracted whose number the markup links, the share linked to an A/RES/ document."""
        return self.ga_link_agrees / self.ga_with_link if self.ga_with_link else float("nan")

    @property
    def recall(self) -> float:
        """GA resolutions the markup links that the extractor also calls GA (none moved to another body)."""
        return self.ga_links_found / self.ga_links if self.ga_links else float("nan")


def citation_agreement(paths: list[str]) -> CitationAgreement:
    """How often a citation the extractor credits to the Assembly is linked by the markup to an Assembly
    resolution (matched by number within a document; unlinked numbers are not counted)."""
    result = CitationAgreement()
    for path in paths:
        try:
            resolution = parse_file(path)
        except InputError:
            continue  # a file the reader refuses (no operative part) has no citations to compare
        linked: dict[str, set[str]] = {}
        for symbol, text in MARKUP_LINK.findall(Path(path).read_text(encoding="utf-8")):
            for number in LINKED_NUMBER.findall(text):
                linked.setdefault(number, set()).add(symbol.upper())
        credited = {c.number for c in resolution.citations if c.organ == "GA" and c.kind == "resolution"}
        for number, symbols in linked.items():
            if all(s.startswith("A/RES/") for s in symbols):
                result.ga_links += 1
                result.ga_links_found += number in credited
        for c in resolution.citations:
            if c.organ == "GA" and c.kind == "resolution" and c.number in linked:
                result.ga_with_link += 1
                if any(s.startswith("A/RES/") for s in linked[c.number]):
                    result.ga_link_agrees += 1
                else:
                    result.wrong.append((Path(path).name, c.number, sorted(linked[c.number])[0]))
    return result
