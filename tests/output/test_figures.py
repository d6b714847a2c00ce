"""The briefing figures' own promises (generated counts for made-up symbols; only the drawing is under
test): the footer, colour-blind-safe palettes, scales fitted to the data with colour bars and legible
digits, the year axis with its gaps, two readings side by side, lineage across a gap, strength as a
distribution, the same bytes on every run."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from analysis.output import figures

SYMBOLS = [f"A/RES/{60 + i}/{100 + i}" for i in range(5)]  # made up
YEARS = [2007, 2019, 2020, 2023, 2025]  # a long gap, a gap at scale, a biennial step


def _counts(symbols, labels, count, paragraphs, language="zh"):
    return pd.DataFrame(
        [
            {"symbol": s, "language": language, "label": label, "count": count, "paragraphs": paragraphs}
            for s in symbols
            for label in labels
        ]
    ).assign(share=lambda frame: frame["count"] / frame["paragraphs"])


def _contrast(first, second) -> float:
    light, dark = sorted((figures._luminance(first), figures._luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _cell_texts(ax, image):
    """(text, its colour, its cell's colour) of every annotation in a heatmap."""
    values = np.ma.getdata(image.get_array())
    for text in ax.texts:
        j, i = (round(c) for c in text.get_position())
        yield text, text.get_color(), image.cmap(image.norm(values[i, j]))


def test_the_footer_names_language_date_versions_and_corpus():
    import analysis
    from analysis.coding.labels import CODEBOOK_VERSION

    line = figures.source_line(
        ["A/RES/1/1", "A/RES/2/2"],
        "A note.",
        dt.date(2025, 12, 18),
        corpus_digest="0123456789abcdef" * 4,
        language="zh",
    )
    assert line == (
        "Source: United Nations, A/RES/1/1, A/RES/2/2. A note. Language read: Chinese. Latest text adopted "
        f"2025-12-18. Labels: crime-policy-priorities {analysis.__version__}, codebook {CODEBOOK_VERSION}. "
        "Corpus SHA-256 0123456789ab."
    )
    assert "Language read: Chinese (English for A/RES/2/2)." in figures.source_line(
        ["A/RES/1/1"], language="Chinese (English for A/RES/2/2)"
    )


def test_year_axis_keeps_missing_years_and_breaks_long_gaps():
    axis = figures.year_axis(YEARS)
    assert axis.positions == (0.0, figures.BREAK_ROWS, 3.0, 6.0, 8.0)
    assert axis.breaks == ((0.0, 2.0, 2007, 2019),)
    assert axis.missing == ((4.0, 2021), (5.0, 2022), (7.0, 2024))
    assert figures.year_axis([2000, 2000, 2001]).positions == (0.0, 1.0, 2.0)  # one year, two members


def _dotplot(**options):
    series = list(zip(SYMBOLS, YEARS))
    counts = _counts(SYMBOLS, ["funding", "africa"], 3, 40)
    return figures.share_dotplot(
        counts, series, dict.fromkeys(SYMBOLS, 40), ["funding", "africa"], "title", "source", "x", **options
    )


def test_dot_plot_places_resolutions_by_year_and_notes_the_gaps():
    fig = _dotplot(
        gaps={SYMBOLS[1]: "11 annual members not in the corpus", SYMBOLS[2]: "next year", SYMBOLS[4]: "biennial"}
    )
    ax = fig.axes[0]
    assert list(ax.get_yticks()) == [0.0, 2.0, 3.0, 6.0, 8.0]
    texts = [t.get_text() for t in fig.texts + ax.texts]
    assert "2008–2018 not shown: 11 annual members not in the corpus" in texts
    assert {"2024  biennial", "2021  none in the corpus", "2022  none in the corpus", "next year"} <= set(texts)
    renderer = FigureCanvasAgg(fig).get_renderer()
    labels = [t for t in ax.get_yticklabels() if t.get_text()] + list(ax.texts)
    boxes = [t.get_window_extent(renderer) for t in labels]
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def test_a_second_reading_is_drawn_beside_the_first_with_a_legend():
    english = _counts(SYMBOLS[1:], ["funding", "africa"], 5, 41, language="en")
    fig = _dotplot(counts_other=english, paragraphs_other=dict.fromkeys(SYMBOLS[1:], 41), language_names=("zh", "en"))
    (legend,) = fig.legends
    assert [t.get_text() for t in legend.get_texts()] == ["Read in Chinese", "Read in English"]
    ax = fig.axes[0]
    first, second = (line.get_ydata() for line in ax.lines[:2] if len(line.get_ydata()) > 1)
    assert list(first) == pytest.approx([p - figures.READING_OFFSET for p in (0, 2, 3, 6, 8)])
    assert list(second) == pytest.approx([p + figures.READING_OFFSET for p in (2, 3, 6, 8)])
    with pytest.raises(ValueError, match="language_names"):
        _dotplot(counts_other=english, paragraphs_other=dict.fromkeys(SYMBOLS[1:], 41))


def test_theme_share_heatmap_scale_runs_to_the_data_and_digits_contrast():
    counts = pd.concat([_counts(SYMBOLS[:1], ["funding"], 38, 100), _counts(SYMBOLS[1:2], ["africa"], 2, 100)])
    fig = figures.theme_share_heatmap(counts, dict.fromkeys(SYMBOLS[:2], 100), ["funding", "africa"], "t", "s")
    ax, bar = fig.axes
    (image,) = ax.get_images()
    assert image.norm.vmax == 40 and "0–40" in bar.get_ylabel()
    colors = {text.get_text(): color for text, color, _ in _cell_texts(ax, image)}
    assert colors["38"] == "white" and colors["2"] == "black"
    assert all(_contrast(color, cell) >= 4.5 for _, color, cell in _cell_texts(ax, image))


def test_theme_verb_heatmap_has_a_count_bar_and_legible_digits():
    table = pd.DataFrame({"themes": [["funding"]] * 5 + [["africa"]], "verb": ["urges"] * 5 + ["notes"]})
    fig = figures.theme_verb_heatmap(table, ["funding", "africa"], "t", "s")
    ax, bar = fig.axes
    (image,) = ax.get_images()
    assert bar.get_ylabel().startswith("Operative paragraphs")
    assert all(float(t).is_integer() for t in bar.get_yticks())
    cells = list(_cell_texts(ax, image))
    assert sorted(t.get_text() for t, _, _ in cells) == ["1", "5"]  # empty cells carry no digit
    assert all(_contrast(color, cell) >= 4.5 for _, color, cell in cells)


def test_palettes_are_colour_blind_safe():
    """Categories from Okabe–Ito, all different; ordered scales darken step by step."""
    assert set(figures.STATUS_COLORS.values()) <= set(figures.OKABE_ITO.values())
    assert len(set(figures.STATUS_COLORS.values())) == len(figures.STATUS_COLORS)
    assert {"retained", "modified", "merged", "split", "new", "dropped"} == set(figures.STATUS_COLORS)
    import matplotlib

    for name in (figures.SHARE_CMAP, figures.COUNT_CMAP):
        light = [figures._luminance(c) for c in matplotlib.colormaps[name](np.linspace(0, 1, 11))]
        assert all(a > b for a, b in itertools.pairwise(light))
    strength = matplotlib.colormaps[figures.STRENGTH_CMAP](np.linspace(0.95, 0.05, 10))
    light = [figures._luminance(c) for c in strength]
    assert all(a > b for a, b in itertools.pairwise(light))


def test_lineage_labels_pairs_across_a_gap_and_shows_merges():
    summary = pd.DataFrame(
        {
            "from": SYMBOLS[:3],
            "to": SYMBOLS[1:4],
            "retained": [0, 50, 40],
            "modified": [9, 7, 10],
            "merged": [0, 0, 2],
            "split": [0, 1, 0],
            "new": [56, 1, 5],
            "dropped": [7, 0, 3],
            "gap_years": [12, 1, 2],
            "missing_members": [11, 0, 0],
        }
    )
    fig = figures.lineage_bars(summary, "t", "s")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "60/100 → 61/101\n(12 years; 11 members missing)",
        "61/101 → 62/102",
        "62/102 → 63/103\n(2 years)",
    ]
    (legend,) = fig.legends
    assert [t.get_text() for t in legend.get_texts()] == ["Retained", "Modified", "Merged", "Split", "New", "Dropped"]
    old = figures.lineage_bars(summary.drop(columns=["merged", "split", "gap_years", "missing_members"]), "t", "s")
    assert [t.get_text() for t in old.legends[0].get_texts()] == ["Retained", "Modified", "New", "Dropped"]


@pytest.mark.parametrize(
    ("missing", "label"),
    [
        (None, "a → b"),
        ("", "a → b"),
        (3, "a → b\n(12 years; 3 members missing)"),
        ("A/RES/1/1; A/RES/2/2", "a → b\n(12 years; 2 members missing)"),
        (["x"], "a → b\n(12 years; 1 member missing)"),
    ],
)
def test_missing_members_are_counted_however_given(missing, label):
    expected = label if missing else "a → b\n(12 years)"
    assert figures.pair_label("a", "b", 12, missing) == expected


def _distribution():
    rows = []
    for symbol in SYMBOLS[:2]:
        for language, counts in (("zh", {1: 3, 5: 5, 7: 2}), ("en", {1: 2, 5: 6, 7: 2})):
            total = sum(counts.values())
            rows += [(symbol, language, level, n, n / total) for level, n in counts.items()]
    return pd.DataFrame(rows, columns=["symbol", "language", "strength", "count", "share"])


def test_strength_is_shown_as_a_distribution_per_reading():
    fig = figures.strength_distribution_bars(_distribution(), "t", "s")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "60/100  Chinese  (n=10)",
        "60/100  English  (n=10)",
        "61/101  Chinese  (n=10)",
        "61/101  English  (n=10)",
    ]
    ends = {round(p.get_x() + p.get_width(), 6) for p in ax.patches if p.get_width()}
    assert max(ends) == 100  # shares stacked to the whole, never a mean
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[0].startswith("0 ") and legend[-1].startswith("9 ") and len(legend) == 10


def test_new_figures_give_the_same_bytes_on_every_run(tmp_path):
    english = _counts(SYMBOLS, ["funding", "africa"], 5, 41, language="en")
    drawings = {
        "dots": lambda: _dotplot(
            gaps={SYMBOLS[1]: "a note"},
            counts_other=english,
            paragraphs_other=dict.fromkeys(SYMBOLS, 41),
            language_names=("zh", "en"),
        ),
        "strength": lambda: figures.strength_distribution_bars(_distribution(), "t", "s"),
    }
    for name, draw in drawings.items():
        digests = []
        for run in ("one", "two"):
            (tmp_path / run).mkdir(exist_ok=True)
            paths = figures.save(draw(), name, tmp_path / run)
            digests.append([hashlib.sha256(p.read_bytes()).hexdigest() for p in paths])
        assert digests[0] == digests[1]
