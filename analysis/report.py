"""The main job: parse and classify every document in the corpus, compare the series that
62/175 belongs to, write tidy tables and briefing figures, and print a summary."""

from __future__ import annotations

import itertools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .classification import ParagraphLabels, classification_table, classify_resolution, theme_table, verb_table
from .comparison import compare_two, js_distance, label_counts, lineage, lineage_summary, strength_profile
from .corpus import Corpus, Document, how_to_get
from .documents import read_claimed
from .errors import InputError
from .files import atomic_write_text
from .locations import data_dir, workspace
from .model import LANGUAGE_NAMES, Resolution
from .progress import ordered_map, progress_bar
from .serialize import to_csv
from .tables import citation_table, document_table, paragraph_table
from .themes import required_themes, theme_names

VERB_PANELS = 6  # primary verbs shown in the verb figure (the rest are in verbs.csv)


@dataclass
class SeriesAnalysis:
    """62/175 with its predecessors and successors that are in the corpus: each in the series language
    when the corpus has it, else in the other language (``languages``; compared on the canonical labels
    the two languages share)."""

    language: str
    series: list[tuple[str, int]]  # (symbol, year) in order
    resolutions: dict[str, Resolution]
    labels: list[ParagraphLabels]
    themes: pd.DataFrame  # label_counts(kind="theme")
    verbs: pd.DataFrame  # label_counts(kind="verb", primary only)
    strength: pd.DataFrame
    differences: pd.DataFrame  # required themes: focus vs every other member
    lineage: pd.DataFrame
    lineage_summary: pd.DataFrame
    summary: pd.DataFrame
    languages: dict[str, str] = field(default_factory=dict)  # symbol -> language of the text read

    @property
    def other_language(self) -> list[str]:
        """Members read in the other language than the series'."""
        return [s for s, lang in self.languages.items() if lang != self.language]


@dataclass
class ReportResult:
    """What ``run_report`` read, could not read, found missing and wrote."""

    resolutions: list[Resolution] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    series: SeriesAnalysis | None = None


def comparison_symbols() -> dict:
    """The focus resolution, its predecessors and successors, and the series language (comparisons.toml)."""
    with (data_dir() / "comparisons.toml").open("rb") as fh:
        return tomllib.load(fh)


def _parse_one(job: tuple[str, str, str, str, str]) -> Resolution | str:
    path, language, symbol, sha256, root = job
    try:
        return read_claimed(path, symbol, language, sha256, f"the {root} manifest")
    except InputError as exc:
        return str(exc)


def load_resolutions(
    corpus: Corpus, documents: list[Document] | None = None, jobs: int = 1, progress: bool = False
) -> tuple[list[Resolution], list[str]]:
    """Parse each available document (the one the corpus resolves per symbol and language).

    ``jobs`` > 1 parses in that many processes; the order of the results is the same. ``progress``
    shows a progress bar on standard error when it is a terminal.
    """
    chosen: dict[tuple[str, str], Document] = {}
    for d in documents if documents is not None else corpus.available():  # the corpus gives one per key
        chosen.setdefault((d.symbol, d.language), d)
    work = [
        (str(d.location), d.language, d.symbol, d.sha256, d.root)
        for d in (chosen[key] for key in sorted(chosen, key=lambda k: (_order(k[0]), k[1])))
    ]
    results = list(ordered_map(_parse_one, work, jobs, "parsing", progress))
    resolutions = [r for r in results if not isinstance(r, str)]
    return resolutions, [r for r in results if isinstance(r, str)]


def _order(symbol: str) -> tuple[int, int]:
    parts = symbol.split("/")
    return (int(parts[2]) if parts[2].isdigit() else 0, int(parts[3]))


def symbol_tag(symbol: str) -> str:
    """``A/RES/62/175`` -> ``62_175``: a symbol as part of a column or file name."""
    return symbol.removeprefix("A/RES/").replace("/", "_")


def missing_comparisons(corpus: Corpus) -> list[str]:
    """Predecessors and successors that are not in the corpus, with how to get them."""
    table = comparison_symbols()
    lines = []
    for entry in table.get("predecessors", []) + table.get("successors", []):
        if not corpus.has(entry["symbol"]):
            symbol = entry["symbol"]
            lang = table["language"]
            lines.append(
                f"{symbol} ({entry['year']}) is not in the corpus. Its text must come from the official "
                f"source: {how_to_get(symbol, lang)}."
            )
    return lines


def analyse_series(resolutions: list[Resolution], labels: list[ParagraphLabels] | None = None) -> SeriesAnalysis | None:
    """Distributions, differences, strength, lineage for the series members present in the corpus.

    ``labels``: the classification of ``resolutions`` when the caller already has it.
    """
    table = comparison_symbols()
    language, focus = table["language"], table["focus"]
    by_symbol = {r.symbol: r for r in resolutions if r.language != language}  # the other language, if alone
    by_symbol.update({r.symbol: r for r in resolutions if r.language == language})
    if focus not in by_symbol:
        return None
    filter_language = None  # the tables hold one language per symbol: the one read for it
    members = [(e["symbol"], e["year"]) for e in table.get("predecessors", []) if e["symbol"] in by_symbol]
    members.append((focus, table["focus_year"]))
    members += [(e["symbol"], e["year"]) for e in table.get("successors", []) if e["symbol"] in by_symbol]
    members.sort(key=lambda m: m[1])
    chosen = {s: by_symbol[s] for s, _ in members}
    if labels is None:
        labels = [x for s, _ in members for x in classify_resolution(chosen[s])]
    else:
        by_key: dict[tuple[str, str], list[ParagraphLabels]] = {}
        for x in labels:
            by_key.setdefault((x.symbol, x.language), []).append(x)
        labels = [x for s, _ in members for x in by_key[(s, chosen[s].language)]]
    themes = label_counts(labels, "theme")
    verbs = label_counts(labels, "verb", primary_only=True)
    strength = strength_profile(labels)
    differences = (
        pd.concat(
            [
                compare_two(themes, focus, s, filter_language, required_themes())
                if y > table["focus_year"]
                else compare_two(themes, s, focus, filter_language, required_themes())
                for s, y in members
                if s != focus
            ],
            ignore_index=True,
        )
        if len(members) > 1
        else pd.DataFrame()
    )
    # lineage aligns paragraph texts, so only two texts in the same language
    pairs = [
        lineage(chosen[a], chosen[b])
        for (a, _), (b, _) in itertools.pairwise(members)
        if chosen[a].language == chosen[b].language
    ]
    lineage_frame = (
        pd.concat(pairs, ignore_index=True)
        if pairs
        else pd.DataFrame(columns=["from", "to", "earlier", "later", "similarity", "status"])
    )
    summary_rows = []
    for s, year in members:
        row = {
            "symbol": s,
            "year": year,
            "language": chosen[s].language,
            "reading": reading(chosen[s]),
            "operative": len(chosen[s].operative),
        }
        for theme in required_themes():
            share = themes[(themes["symbol"] == s) & (themes["label"] == theme)]["share"].sum()
            row[theme] = round(float(share) * 100)
        row["mean_strength"] = round(float(strength.loc[strength["symbol"] == s, "mean_strength"].iloc[0]), 2)
        row[f"js_to_{symbol_tag(focus)}"] = round(js_distance(themes, focus, s, filter_language), 3)
        summary_rows.append(row)
    read_in = chosen[focus].language  # the series language, unless the focus itself is only in the other one
    return SeriesAnalysis(
        read_in,
        members,
        chosen,
        labels,
        themes,
        verbs,
        strength,
        differences,
        lineage_frame,
        lineage_summary(pairs),
        pd.DataFrame(summary_rows),
        {s: chosen[s].language for s, _ in members},
    )


READINGS = {"xml": "UN XML markup", "text": "text file", "html": "HTML page", "pdf": "PDF text layer"}


def reading(r: Resolution) -> str:
    """How the text of ``r`` was read: from the UN's XML, a text file, an HTML page, a PDF's text layer or
    by OCR (with its mean confidence)."""
    if r.source_format == "ocr":
        if r.ocr_confidence is None:
            return "OCR of a scanned PDF"
        return f"OCR of a scanned PDF (mean confidence {r.ocr_confidence:.2f})"
    return READINGS.get(r.source_format, r.source_format)


def draw_figures(series: SeriesAnalysis, out_dir: Path) -> list[Path]:
    """The five briefing figures of the series, as PNG and SVG in ``out_dir``."""
    from . import figures

    written = []
    for name, fig in series_figures(series).items():
        written += figures.save(fig, name, out_dir)
    return written


def series_figures(series: SeriesAnalysis) -> dict:
    """The briefing figures of the series by file name (matplotlib ``Figure`` objects; a notebook shows them)."""
    from . import figures

    symbols = [s for s, _ in series.series]
    focus = comparison_symbols()["focus"]
    note = f"Operative paragraphs classified from the {LANGUAGE_NAMES[series.language]} texts"
    if series.other_language:
        other = next(name for code, name in LANGUAGE_NAMES.items() if code != series.language)
        note += f" ({other} for {', '.join(series.other_language)}; canonical labels shared by both languages)"
    note += "."
    source = figures.source_line(symbols, note)
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
            focus_labels, top, f"{focus}: themes by primary verb", figures.source_line([focus], note)
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


def summary(result: ReportResult) -> str:
    """The text ``crimepol report`` prints: documents read, warnings, the series table, what is missing."""
    docs = document_table(result.resolutions)
    if docs.empty:
        return "no documents parsed"
    lines = [f"{len(docs)} documents parsed ({docs['operative'].sum()} operative paragraphs)."]
    warned = [r for r in result.resolutions if r.warnings]
    if warned:
        lines += ["", f"{len(warned)} of them parsed with warnings (their structure may need a look):"]
        lines += [
            f"- {r.symbol} ({r.language}): {r.warnings[0]}"
            + (f" (+{len(r.warnings) - 1} more)" if len(r.warnings) > 1 else "")
            for r in warned
        ]
    if result.series is not None:
        focus = comparison_symbols()["focus"]
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
