"""The evaluation as the plain-text report ``crimepol evaluate`` prints, one section after another."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from analysis.evaluation.run import Evaluation

PD_OPTIONS: dict[str, Any] = {"index": False, "float_format": lambda v: f"{v:.3f}"}
INTERVAL_COLUMNS = [
    "set",
    "theme",
    "support",
    "precision",
    "precision_low",
    "precision_high",
    "recall",
    "recall_low",
    "recall_high",
    "f1",
    "f1_low",
    "f1_high",
]
DIMENSION_TITLES = {
    "themes": "Every theme (mentions)",
    "subject_themes": "Subject themes",
    "addressees": "Addressees",
    "mandates": "Mandates (addressee:kind[:session], exact codes)",
    "funding_kind": "Funding kinds",
}


def format_evaluation(result: Evaluation, show_reasons: bool = False) -> str:
    """The evaluation as the plain-text report ``crimepol evaluate`` prints (``show_reasons``: with the
    third reader's decision and reason for every disagreement adjudicated)."""
    out = _scored(result) + _agreement(result, show_reasons) + _gold_scores(result) + _dimensions(result)
    out += _targets(result) + _confusions(result)
    out += _markup(result) + _languages(result) + _baselines(result)
    return "\n".join(out)


def _interval(frame: pd.DataFrame, name: str, value: str = "") -> pd.Series:
    """``0.982 [0.965, 0.996]``: a score (column ``value``, else ``name``) with its interval (``name_low``,
    ``name_high``), as one column."""
    values = frame[value or name]
    return pd.Series(
        [f"{v:.3f} [{lo:.3f}, {hi:.3f}]" for v, lo, hi in zip(values, frame[f"{name}_low"], frame[f"{name}_high"])],
        index=frame.index,
    )


def _scored(result: Evaluation) -> list[str]:
    out = ["Gold sets evaluated: " + (", ".join(result.sets) or "none"), ""]
    if result.missing:
        out += ["Gold documents not in the corpus (not scored): " + ", ".join(result.missing), ""]
    if not result.not_scored.empty:
        out += [
            "Gold rows not scored, per document and reason",
            result.not_scored.to_string(index=False),
            "",
        ]
    return out


def _agreement(result: Evaluation, show_reasons: bool) -> list[str]:
    table = result.agreement
    if table.empty:
        return []
    shown = table.assign(kappa_interval=_interval(table, "kappa"))
    pooled = shown[shown["label"] == "all"]
    columns = ["pair", "dimension", "paragraphs", "decisions", "observed", "kappa_interval", "differ", "adjudicated"]
    out = [
        "Annotator agreement: Cohen's kappa with its 95 % interval (statsmodels), two independent codings of the "
        "same paragraphs. verb: one label per paragraph; every other dimension: one yes/no decision per code "
        "and paragraph, pooled over the codes either annotator used. differ: paragraphs coded differently; "
        "adjudicated: the disagreements the third reader decided",
        pooled[columns].to_string(**PD_OPTIONS),
        "",
        "Annotator agreement per code (yes_first, yes_second: paragraphs each annotator gave the code)",
        shown[shown["label"] != "all"][
            ["pair", "dimension", "label", "yes_first", "yes_second", "observed", "kappa_interval"]
        ].to_string(**PD_OPTIONS),
        "",
    ]
    if not result.adjudication.empty:
        counts = result.adjudication.groupby(["pair", "dimension"]).size().rename("decisions").reset_index()
        paragraphs = len(result.adjudication[["symbol", "language", "paragraph"]].drop_duplicates())
        out += [
            f"The third reader decided {len(result.adjudication)} disagreements (on {paragraphs} "
            f"paragraph{'s' if paragraphs != 1 else ''})",
            counts.to_string(index=False),
            "",
        ]
        if show_reasons:
            reasons = result.adjudication[["pair", "symbol", "language", "paragraph", "dimension", "final", "reason"]]
            out += ["The third reader's decisions and reasons", reasons.to_string(index=False), ""]
        else:
            out += ["(crimepol evaluate --reasons shows each decision with its reason)", ""]
    return out


def _gold_scores(result: Evaluation) -> list[str]:
    verbs = result.verbs
    out: list[str] = []
    if not verbs.empty:
        overall = verbs[verbs["symbol"] == "all"]
        out += [
            "Primary verb against the gold labels, per set: accuracy with its 95 % Wilson interval; all verbs: "
            "exact set, precision, recall, F1",
            overall.assign(primary=_interval(overall, "primary", "primary_accuracy"))[
                [
                    "set",
                    "paragraphs",
                    "primary",
                    "all_verbs_exact",
                    "all_verbs_precision",
                    "all_verbs_recall",
                    "all_verbs_f1",
                ]
            ].to_string(**PD_OPTIONS),
            "",
            "Verbs per document",
            verbs[verbs["symbol"] != "all"].drop(columns=["primary_low", "primary_high"]).to_string(**PD_OPTIONS),
            "",
        ]
    if result.required_micro_f1:
        out += [
            "Micro-F1 over the five required themes: "
            + ", ".join(f"{k} {v:.3f}" for k, v in result.required_micro_f1.items()),
            "",
        ]
    if result.required_themes.empty:
        return out
    return out + [
        "The five required themes (micro = their micro average) and money laundering, per gold set, with "
        "95 % bootstrap intervals over paragraphs (1,000 rounds, seeded, a paragraph's English and Chinese rows "
        "drawn together; a theme never missed gets [1, 1]: read it with its support, the true rate is only known "
        "to be above about 1 - 3/support)",
        result.required_themes[[*INTERVAL_COLUMNS, "paragraphs"]].to_string(**PD_OPTIONS),
        "",
    ]


def _dimensions(result: Evaluation) -> list[str]:
    """Each set-valued dimension per set and code: support, paragraphs, precision, recall, F1 with intervals."""
    scores = result.scores
    if scores.empty:
        return []
    out: list[str] = []
    for (name, dimension), table in scores.groupby(["set", "dimension"], sort=False):
        shown = table.assign(
            precision=_interval(table, "precision"), recall=_interval(table, "recall"), f1=_interval(table, "f1")
        )
        out += [
            f"{DIMENSION_TITLES.get(dimension, dimension)} against the {name} gold: per code (support: gold rows, "
            "paragraphs: a paragraph's two languages once) with 95 % bootstrap intervals; micro over the codes last",
            shown[["code", "support", "paragraphs", "precision", "recall", "f1"]].to_string(index=False),
            "",
        ]
    return out


def _targets(result: Evaluation) -> list[str]:
    out: list[str] = []
    for name in result.sets:
        table = result.targets(name)
        short = result.target_check(name)
        applies = "the targets apply to the held-out set" if name != "held-out" else "scored once"
        out += [
            f"Targets (labels/sets.toml) on the {name} gold ({applies}). support: paragraphs for the required "
            "themes (a paragraph's two languages once), gold rows of both languages for the others, aligned "
            "paragraphs for English vs Chinese; applies: the support reaches the target's minimum",
            table.to_string(**PD_OPTIONS) if not table.empty else "(nothing scored)",
            f"Targets on the {name} gold: " + ("met" if not short else "NOT met: " + "; ".join(short)),
            "",
        ]
    return out


def _confusions(result: Evaluation) -> list[str]:
    out: list[str] = []
    for name, confusion in result.confusions.items():
        out += [
            f"Corruption vs money laundering, gold (rows) by predicted (columns), {name}",
            confusion.to_string(),
            "",
        ]
    return out


def _markup(result: Evaluation) -> list[str]:
    out: list[str] = []
    for language, agreement in result.markup.items():
        if agreement.paragraphs:
            out.append(
                f"Primary verb vs the UN's lead-verb markup ({language}): {agreement.agree}/{agreement.paragraphs}"
                f" = {agreement.rate:.2%}"
            )
            out += [
                f"  disagrees: {d['symbol']} op. {d['paragraph']}: marked {d['marked']!r} ({d['marked_label'] or '-'})"
                f", read {d['predicted'] or '-'}"
                for d in agreement.disagreements
            ]
    if not any(a.paragraphs for a in result.markup.values()):
        out.append("No AKN4UN XML in the corpus: the markup comparison needs the UN's XML files")
    return out


def _languages(result: Evaluation) -> list[str]:
    if result.languages.empty or not result.languages["paragraphs"].sum():
        return []
    table = result.languages
    return [
        "",
        "English vs Chinese text of the same resolutions (the bundled pairs, operative paragraphs aligned by "
        "number): the share of paragraphs with the same reading, with its 95 % Wilson interval; what a "
        "comparison across languages is worth",
        table.assign(agreement=_interval(table, "agreement"))[
            ["measure", "resolutions", "paragraphs", "same", "agreement", "kappa"]
        ].to_string(**PD_OPTIONS),
    ]


def _baselines(result: Evaluation) -> list[str]:
    out: list[str] = []
    if not result.verb_baseline.empty:
        out += [
            "",
            "Learned baseline, primary verb (5 folds by resolution over the marked corpus)",
            result.verb_baseline.to_string(**PD_OPTIONS),
        ]
    if not result.theme_baseline.empty:
        out += [
            "",
            "Learned baseline (character n-grams, logistic regression) vs the lexicon, the scored themes: leave "
            "one resolution out over the development gold, then trained on it and scored on the held-out gold "
            "(when that set is evaluated)",
            result.theme_baseline.to_string(**PD_OPTIONS),
        ]
    return out
