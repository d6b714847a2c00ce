"""The main job, ``crimepol report``: the corpus parsed and classified, its tables and the series' figures
written into a workspace, and the text the command prints (:func:`report_text`)."""

from __future__ import annotations

import datetime as dt
import hashlib
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
from analysis.comparison.shares import label_counts
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
    """The briefing figures of the series, as PNG and SVG in ``out_dir``."""
    from analysis.output import figures

    written = []
    for name, fig in series_figures(series).items():
        written += figures.save(fig, name, out_dir)
    return written


def texts_digest(resolutions: Iterable[Resolution]) -> str:
    """SHA-256 of the texts read (symbol, language and every paragraph, in a fixed order): equal inputs,
    equal digest, whatever the machine or the run."""
    digest = hashlib.sha256()
    for r in sorted(resolutions, key=lambda r: (r.symbol, r.language)):
        digest.update(f"{r.symbol}\t{r.language}\n".encode())
        for p in (*r.preamble, *r.operative):
            digest.update(p.full_text.encode() + b"\n")
    return digest.hexdigest()


def series_figures(series: SeriesAnalysis) -> dict:
    """The briefing figures of the series by file name (matplotlib ``Figure`` objects; a notebook shows them)."""
    from analysis.output import figures

    symbols = [s for s, _ in series.series]
    focus = lexicon.comparisons()["focus"]
    members = [series.resolutions[s] for s in symbols]
    digest = texts_digest(members + list(series.other_texts.values()))
    language = profile(series.language).name + _others_note(series)
    note = "Operative paragraphs; themes as every mention (docs/codebook.md gives each theme's scope)."

    def source(shown: list[str], words: str = note, read: str = language) -> str:
        return figures.source_line(
            shown, words, _latest_adoption(series.resolutions[s] for s in shown), digest[:12], read
        )

    top = figures.top_level_themes(theme_names())
    focus_labels = classification_table([x for x in series.labels if x.symbol == focus])
    paragraphs = {s: len(series.resolutions[s].operative) for s in symbols}
    gaps = {s: f"not in the corpus: {series.gap_note(s)}" for s in symbols if series.gap_note(s)}
    both = _both_readings(series)
    return {
        "theme_shares": figures.theme_share_heatmap(
            series.themes, paragraphs, top, "Themes of the operative paragraphs, by resolution", source(symbols)
        ),
        "verb_shares": figures.share_dotplot(
            series.verbs,
            series.series,
            paragraphs,
            top_labels(series.verbs, VERB_PANELS),
            "What the Assembly does: the most frequent primary verbs",
            source(symbols),
            "opening with the verb",
            gaps=gaps,
        ),
        f"theme_verb_{symbol_tag(focus)}": figures.theme_verb_heatmap(
            focus_labels, top, f"{focus}: themes by primary verb", source([focus])
        ),
        "series_required_themes": figures.share_dotplot(
            series.themes,
            series.series,
            paragraphs,
            list(required_themes()),
            "The study's five required themes over time, in both readings",
            source(symbols, note, both["read"]),
            "touching the theme",
            gaps=gaps,
            **both["other"],
        ),
        "strength": figures.strength_distribution_bars(
            series.strength_levels[series.strength_levels["symbol"].isin(symbols)],
            "How strongly the Assembly asks: primary verbs by strength level (an ordinal scale)",
            source(symbols),
        ),
        "lineage": figures.lineage_bars(
            _lineage_for_figure(series),
            "Paragraph lineage between members of the series in the corpus (gaps marked)",
            source(symbols),
        ),
    }


def _both_readings(series: SeriesAnalysis) -> dict:
    """The other language's reading of the members that have one, for the dot plot, and the footer's words."""
    others = series.other_texts
    if not others:
        return {"read": profile(series.language).name + _others_note(series), "other": {}}
    other_language = next(iter(others.values())).language
    read = (
        f"{profile(series.language).name} (dots) and {profile(other_language).name} (squares, "
        f"{len(others)} of {len(series.series)} members)"
    )
    return {
        "read": read,
        "other": {
            "counts_other": label_counts(series.other_labels, "theme"),
            "paragraphs_other": {s: len(r.operative) for s, r in others.items()},
            "language_names": (series.language, other_language),
        },
    }


def _lineage_for_figure(series: SeriesAnalysis) -> pd.DataFrame:
    """The lineage summary with the number of members missing before each pair (known + unknown)."""
    summary = series.lineage_summary.copy()
    if summary.empty or "missing_members" not in summary:
        return summary
    summary["missing_members"] = [
        len([m for m in str(known).split("|") if m]) + int(unknown)
        for known, unknown in zip(summary["missing_members"], summary["unknown_members"])
    ]
    return summary


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
        tables |= series_tables(result.series)
    for name, frame in tables.items():
        path = out_dir / name
        atomic_write_text(path, to_csv(frame))
        result.written.append(path)
    if result.series is not None:
        result.written += draw_figures(result.series, figures_dir)
    return result


def series_tables(series: SeriesAnalysis) -> dict[str, pd.DataFrame]:
    """The series' tables by file name (README, "Using it", says what each holds)."""
    return {
        "series.csv": series.shares,
        "series_members.csv": series.summary,
        "differences.csv": series.differences,
        "trend.csv": series.trend,
        "distances.csv": series.distances,
        "strength.csv": series.strength,
        "lineage.csv": series.lineage,
        "changes.csv": series.changes,
        "readings.csv": series.readings,
    }


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
        lines += series_text(result.series)
    return "\n".join(lines)


def series_text(series: SeriesAnalysis) -> list[str]:
    """The series table as ``crimepol report`` prints it, with what it cannot show."""
    focus = lexicon.comparisons()["focus"]
    lines = []
    with pd.option_context("display.width", 160, "display.max_columns", 30):
        lines += [
            "",
            f"The series of {focus} in the corpus ({series.language}; required themes as % of operative "
            f"paragraphs; median verb strength (an ordinal scale, 0-9) and % of pressing verbs; Jensen-Shannon "
            f"distance of the theme mix to {focus.removeprefix('A/RES/')}, beside the 5-95 % range of random "
            "samples of the member as large as the focus):",
            series.summary.to_string(index=False),
        ]
    if (
        not series.chain.empty
        and (series.chain["unknown_members"].gt(0) | series.chain["missing_members"].str.len().gt(0)).any()
    ):
        lines.append(
            "Members missing between two members in the corpus (from the texts' own citations) are in the "
            "missing_members column; a comparison across such a gap is not one of consecutive resolutions."
        )
    lines += [f"Citations vs data/comparisons.toml: {note}" for note in series.chain_notes]
    if series.other_language:
        lines += [
            f"Read in the other language (no {series.language} text in the corpus): "
            f"{', '.join(series.other_language)}. They are compared on the canonical labels the "
            "two languages share; how far those agree between the English and Chinese texts of the same "
            "resolutions is measured by `crimepol evaluate` (README, 'Across languages')."
        ]
    if not series.readings_summary.empty:
        theme_rows = series.readings_summary[series.readings_summary["dimension"] == "theme"]
        differing = ", ".join(
            f"{s.removeprefix('A/RES/')} {d}/{n}"
            for s, d, n in zip(theme_rows["symbol"], theme_rows["paragraphs_differing"], theme_rows["paragraphs"])
        )
        lines.append(
            f"Paragraphs whose themes differ between the {series.language} reading and the other language's: "
            f"{differing} (readings.csv lists each label with the words that gave it)."
        )
    return lines
