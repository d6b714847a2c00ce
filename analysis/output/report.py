"""The main job, ``crimepol report``: the corpus parsed and classified, its tables and the series' figures
written into a workspace, and the text the command prints (:func:`report_text`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import lexicon
from analysis.coding.labels import (
    CODEBOOK_VERSION,
    classification_table,
    classify_resolution,
    theme_table,
    verb_table,
)
from analysis.coding.themes import required_themes, theme_names
from analysis.comparison.series import (
    SeriesAnalysis,
    analyse_series,
    missing_comparisons,
    symbol_tag,
)
from analysis.corpus.loading import load_resolutions
from analysis.corpus.registry import Corpus
from analysis.lang import profile
from analysis.model import Resolution
from analysis.output.tables import citation_table, document_table, paragraph_table
from analysis.serialize import to_csv
from analysis.util.files import atomic_write_text
from analysis.util.locations import workspace
from analysis.util.progress import progress_bar
from analysis.version import __version__

VERB_PANELS = 6  # primary verbs shown in the verb figure (the rest are in verbs.csv)


@dataclass
class ReportResult:
    """What ``run_report`` read, could not read, found missing and wrote."""

    resolutions: list[Resolution] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    series: SeriesAnalysis | None = None


def draw_figures(series: SeriesAnalysis, out_dir: Path) -> list[Path]:
    """The five briefing figures of the series, as PNG and SVG in ``out_dir``."""
    from analysis.output import figures

    written = []
    for name, fig in series_figures(series).items():
        written += figures.save(fig, name, out_dir)
    return written


def series_figures(series: SeriesAnalysis) -> dict:
    """The briefing figures of the series by file name (matplotlib ``Figure`` objects; a notebook shows them)."""
    from analysis.output import figures

    symbols = [s for s, _ in series.series]
    focus = lexicon.comparisons()["focus"]
    note = f"Operative paragraphs classified from the {profile(series.language).name} texts{_others_note(series)}."
    source = figures.source_line(symbols, note, _latest_adoption(series.resolutions[s] for s in symbols))
    top = figures.top_level_themes(theme_names())
    focus_labels = classification_table([x for x in series.labels if x.symbol == focus])
    paragraphs = {s: len(series.resolutions[s].operative) for s in symbols}
    return {
        "theme_shares": figures.theme_share_heatmap(
            series.themes, paragraphs, top, "Themes of the operative paragraphs, by resolution", source
        ),
        "verb_shares": figures.share_dotplot(
            series.verbs,
            series.series,
            paragraphs,
            top_labels(series.verbs, VERB_PANELS),
            "What the Assembly does: the most frequent primary verbs",
            source,
            "opening with the verb",
        ),
        f"theme_verb_{symbol_tag(focus)}": figures.theme_verb_heatmap(
            focus_labels,
            top,
            f"{focus}: themes by primary verb",
            figures.source_line([focus], note, series.resolutions[focus].adopted),
        ),
        "series_required_themes": figures.share_dotplot(
            series.themes,
            series.series,
            paragraphs,
            list(required_themes()),
            "The five priority themes over time",
            source,
            "touching the theme",
        ),
        "lineage": figures.lineage_bars(
            series.lineage_summary, "Paragraph lineage between consecutive resolutions in the corpus", source
        ),
    }


def _latest_adoption(resolutions: Iterable[Resolution]) -> dt.date | None:
    """The adoption date of the latest of ``resolutions`` (None when none has one)."""
    return max((r.adopted for r in resolutions if r.adopted is not None), default=None)


def _others_note(series: SeriesAnalysis) -> str:
    """`` (English for A/RES/75/196; …)``: the members read in a language other than the series', by language."""
    if not series.other_language:
        return ""
    by_language: dict[str, list[str]] = {}
    for symbol in series.other_language:
        by_language.setdefault(series.languages[symbol], []).append(symbol)
    read = "; ".join(f"{profile(code).name} for {', '.join(symbols)}" for code, symbols in by_language.items())
    shared = "both languages" if len(by_language) == 1 else f"these {len(by_language) + 1} languages"
    return f" ({read}; canonical labels shared by {shared})"


def top_labels(counts: pd.DataFrame, k: int) -> list[str]:
    """The ``k`` labels with the most paragraphs over all resolutions (ties by name, so the order is stable)."""
    totals = counts.groupby("label")["count"].sum()
    return sorted(totals.index, key=lambda label: (-totals[label], label))[:k]


def run_report(corpus: Corpus, out: Path | None = None, jobs: int = 1, progress: bool = False) -> ReportResult:
    """Tables go to ``out/tables/``, figures to ``out/figures/``; ``out`` is the current directory by default."""
    root = workspace(out)
    out_dir, figures_dir = root / "tables", root / "figures"
    result = ReportResult()
    result.resolutions, result.failures = load_resolutions(corpus, jobs=jobs, progress=progress)
    result.missing = missing_comparisons(corpus)
    labels = []
    with progress_bar(len(result.resolutions), "classifying", progress) as bar:
        for resolution in result.resolutions:
            labels += classify_resolution(resolution)
            bar.update()
    tables = {
        "documents.csv": document_table(result.resolutions),
        "paragraphs.csv": paragraph_table(result.resolutions),
        "citations.csv": citation_table(result.resolutions),
        "operative.csv": classification_table(labels),
        "verbs.csv": verb_table(labels),
        "themes.csv": theme_table(labels),
    }
    result.series = analyse_series(result.resolutions, labels)
    if result.series is not None:
        tables |= {
            "series.csv": result.series.summary,
            "differences.csv": result.series.differences,
            "lineage.csv": result.series.lineage,
        }
    for name, frame in tables.items():
        path = out_dir / name
        atomic_write_text(path, to_csv(frame))
        result.written.append(path)
    if result.series is not None:
        result.written += draw_figures(result.series, figures_dir)
    return result


def report_text(result: ReportResult) -> str:
    """The text ``crimepol report`` prints: documents read, warnings, the series table, what is missing."""
    docs = document_table(result.resolutions)
    if docs.empty:
        return "no documents parsed"
    lines = [
        f"{len(docs)} documents parsed ({docs['operative'].sum()} operative paragraphs).",
        f"Labels of codebook {CODEBOOK_VERSION} (docs/codebook.md; the codebook_version column of operative.csv), "
        f"crime-policy-priorities {__version__}.",
    ]
    warned = [r for r in result.resolutions if r.warnings]
    if warned:
        lines += ["", f"{len(warned)} of them parsed with warnings (their structure may need a look):"]
        lines += [
            f"- {r.symbol} ({r.language}): {r.warnings[0]}"
            + (f" (+{len(r.warnings) - 1} more)" if len(r.warnings) > 1 else "")
            for r in warned
        ]
    if result.series is not None:
        focus = lexicon.comparisons()["focus"]
        with pd.option_context("display.width", 140, "display.max_columns", 20):
            lines += [
                "",
                f"The series of {focus} in the corpus ({result.series.language}; themes as % of "
                f"operative paragraphs; mean verb strength; Jensen-Shannon distance of theme mix to "
                f"{focus.removeprefix('A/RES/')}):",
                result.series.summary.to_string(index=False),
            ]
        if result.series.other_language:
            lines += [
                f"Read in the other language (no {result.series.language} text in the corpus): "
                f"{', '.join(result.series.other_language)}. They are compared on the canonical labels the "
                "two languages share; how far those agree between the English and Chinese texts of the same "
                "resolutions is measured by `crimepol evaluate` (README, 'Across languages')."
            ]
    return "\n".join(lines)
