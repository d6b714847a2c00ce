"""Render every briefing figure with its new options on the bundled corpus, for a look by eye.

    python scripts/look_at_figures.py /tmp/figs

The series is read as ``crimepol report`` reads it; the second reading is the English text of each
member; gap notes are computed from the members' years (no claim about the texts); the corpus digest
is the SHA-256 of the members' symbols, languages and paragraph texts (a stand-in for the caller's).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pandas as pd

from analysis import lexicon
from analysis.coding.labels import classification_table, classify_resolution
from analysis.coding.themes import required_themes, theme_names
from analysis.comparison.series import analyse_series
from analysis.comparison.shares import label_counts
from analysis.corpus.loading import load_resolutions
from analysis.corpus.registry import Corpus
from analysis.output import figures


def strength_distribution(labels: list) -> pd.DataFrame:
    """symbol, language, strength, count, share of primary verbs (paragraphs without one left out)."""
    frame = pd.DataFrame(
        [(x.symbol, x.language, x.verbs.strength) for x in labels if x.verbs.strength is not None],
        columns=["symbol", "language", "strength"],
    )
    counts = frame.groupby(["symbol", "language", "strength"], sort=False).size().rename("count").reset_index()
    counts["share"] = counts["count"] / counts.groupby(["symbol", "language"])["count"].transform("sum")
    return counts


def main(out: Path) -> None:
    resolutions, _ = load_resolutions(Corpus([]))
    series = analyse_series(resolutions)
    assert series is not None
    symbols = [s for s, _ in series.series]
    english = [r for r in resolutions if r.symbol in symbols and r.language == "en"]
    english_labels = [x for r in english for x in classify_resolution(r)]
    paragraphs = {s: len(series.resolutions[s].operative) for s in symbols}
    paragraphs_en = {r.symbol: len(r.operative) for r in english}
    digest = hashlib.sha256(
        "\n".join(f"{s} {r.language} {p.text}" for s, r in series.resolutions.items() for p in r.operative).encode()
    ).hexdigest()
    newest = max(r.adopted for r in series.resolutions.values() if r.adopted is not None)
    source = figures.source_line(symbols, "", newest, digest, series.language)
    gaps = {
        b: f"{yb - ya - 1} year{'s' if yb - ya > 2 else ''} without a member in the corpus"
        for (_, ya), (b, yb) in zip(series.series, series.series[1:])
        if yb - ya > 1
    }
    top = figures.top_level_themes(theme_names())
    focus = lexicon.comparisons()["focus"]
    summary = series.lineage_summary.copy()
    years = dict(series.series)
    summary["gap_years"] = [years[b] - years[a] for a, b in zip(summary["from"], summary["to"])]
    summary["missing_members"] = [max(0, g - 1) for g in summary["gap_years"]]  # a stand-in count
    both = strength_distribution([x for x in series.labels] + english_labels)
    drawn = {
        "theme_shares": figures.theme_share_heatmap(series.themes, paragraphs, top, "Theme shares", source),
        "theme_verb": figures.theme_verb_heatmap(
            classification_table([x for x in series.labels if x.symbol == focus]), top, "Theme by verb", source
        ),
        "series_required_themes": figures.share_dotplot(
            series.themes,
            series.series,
            paragraphs,
            list(required_themes()),
            "Required themes over time",
            source,
            "touching the theme",
            gaps=gaps,
            counts_other=label_counts(english_labels, "theme"),
            paragraphs_other=paragraphs_en,
            language_names=(series.language, "en"),
        ),
        "verb_shares": figures.share_dotplot(
            series.verbs, series.series, paragraphs, ["requests", "urges", "recognizes"], "Verbs", source, "opening"
        ),
        "lineage": figures.lineage_bars(summary, "Lineage", source),
        "strength": figures.strength_distribution_bars(both, "Strength of the primary verb", source),
    }
    for name, fig in drawn.items():
        figures.save(fig, name, out)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "figures_look"))
