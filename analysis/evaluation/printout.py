"""The evaluation as the plain-text report ``crimepol evaluate`` prints, one section after another."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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


def format_evaluation(result: Evaluation) -> str:
    """The evaluation as the plain-text report ``crimepol evaluate`` prints."""
    out = _gold_scores(result) + _confusions(result)
    if result.missing:
        out += ["Gold documents not in the corpus (not scored): " + ", ".join(result.missing), ""]
    out += _markup(result) + _languages(result) + _baselines(result)
    return "\n".join(out)


def _gold_scores(result: Evaluation) -> list[str]:
    out = ["Verbs against the gold labels (primary verb; all verbs)", result.verbs.to_string(**PD_OPTIONS), ""]
    themes = result.themes.pivot_table(index="theme", columns="set", values="f1", sort=False)
    support = result.themes.pivot_table(index="theme", columns="set", values="support", sort=False)
    table = themes.add_suffix(" f1").join(support.add_suffix(" n"))
    out += [
        "Themes against the gold labels (F1 and support per set)",
        table.to_string(float_format=lambda v: f"{v:.3f}"),
        "",
        "Micro-F1 over the five required themes: "
        + ", ".join(f"{k} {v:.3f}" for k, v in result.required_micro_f1.items()),
        "",
    ]
    if result.required_themes.empty:
        return out
    short = result.target_check()
    return out + [
        "The five required themes (micro = their micro average) and money laundering, per gold set, with "
        "95 % bootstrap intervals over paragraphs (1,000 rounds, seeded; a theme never missed gets [1, 1]: "
        "read it with its support, the true rate is only known to be above about 1 - 3/support)",
        result.required_themes[INTERVAL_COLUMNS].to_string(**PD_OPTIONS),
        "",
        "Held-out targets (labels/sets.toml): " + ("met" if not short else "NOT met: " + "; ".join(short)),
        "",
    ]


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
    return [
        "",
        "English vs Chinese text of the same resolutions (operative paragraphs aligned by number): what a "
        "comparison across languages is worth",
        result.languages.to_string(**PD_OPTIONS),
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
            "Learned baseline (character n-grams, logistic regression) vs the lexicon, themes every gold file "
            "labels: leave one resolution out over the development gold, then trained on it and scored on the "
            "held-out gold",
            result.theme_baseline.to_string(**PD_OPTIONS),
        ]
    return out
