"""Briefing figures: English labels, caption-ready titles, a source line, PNG and SVG, same bytes
on every run (fixed ``svg.hashsalt``, no dates in the metadata).

Colours are colour-blind safe: categories take the Okabe–Ito palette (Okabe & Ito, *Color Universal
Design*, 2008), ordered scales a single-hue ramp of lightness (ColorBrewer), so order survives
grey-scale printing and every kind of colour vision. Heatmap scales run to the data's maximum, each
with a colour bar; annotations are black or white, whichever contrasts more with their cell.

Figures are built with matplotlib's object API (``matplotlib.figure.Figure``), never with a global
backend switch: the same object is saved by ``save`` and shown inline by Jupyter.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import math
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import blended_transform_factory

from analysis.coding.labels import CODEBOOK_VERSION
from analysis.coding.themes import display_names, parents
from analysis.coding.verbs import strengths
from analysis.comparison.shares import share_grid
from analysis.errors import InputError
from analysis.lang import profile
from analysis.util.files import atomic_write_bytes
from analysis.version import __version__

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType  # matplotlib >= 3.10; for the type checker only

STYLE: dict[RcKeyType, Any] = {
    "svg.hashsalt": "crime-policy-priorities",
    "svg.fonttype": "none",
    "font.size": 12,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.labelsize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 100,
}
WIDTH = 11  # inches; with the heights below, 16:9-ish and readable on a slide
HEIGHT = 6.2
ROW_HEIGHT = 0.42  # inches per year (or resolution) in the dot plots, so labels never overlap
CELL_HEIGHT = 0.3  # inches per theme in the heatmaps (one row of 12-point text and its spacing)
HEATMAP_MARGIN = 3.4  # inches of a heatmap outside its rows: title, column labels, axis label, source line
PNG_DPI = 200
DIGEST_CHARS = 12  # characters of the corpus's SHA-256 shown in a footer

# Okabe & Ito, Color Universal Design (2008): told apart under every common colour-vision deficiency.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}
STATUS_COLORS = {
    "retained": OKABE_ITO["blue"],
    "modified": OKABE_ITO["sky_blue"],
    "merged": OKABE_ITO["bluish_green"],
    "split": OKABE_ITO["yellow"],
    "new": OKABE_ITO["orange"],
    "dropped": OKABE_ITO["vermillion"],
}
STATUS_HATCHES = {"dropped": "//"}  # a second cue beside colour for the two warm statuses
POINT_COLOR = OKABE_ITO["blue"]
# the first reading (the series' language) and a second one, told apart by colour and by marker
READING_STYLES = (
    {"color": OKABE_ITO["blue"], "marker": "o"},
    {"color": OKABE_ITO["vermillion"], "marker": "s"},
)
READING_OFFSET = 0.2  # rows between the two readings of one resolution
SHARE_CMAP = "Blues"  # single-hue ramps of lightness (ColorBrewer): order readable in any colour vision
COUNT_CMAP = "Oranges"
STRENGTH_CMAP = "viridis"  # ten ordered levels: lightness and hue both ordered, safe for colour-vision deficiency
LONGEST_GAP_AT_SCALE = 3  # years; a longer gap between members is drawn as a break of BREAK_ROWS
BREAK_ROWS = 2.0
GAP_LABEL_WIDTH = 36  # characters per line of a note beside the axis
BREAK_COLOR = "#eeeeee"


def pretty(label: str) -> str:
    """A theme's display name from the taxonomy; otherwise ``calls_upon`` -> ``Calls upon``."""
    return display_names().get(label) or label.replace("_", " ").capitalize()


def short(symbol: str) -> str:
    """``A/RES/62/175`` -> ``62/175``: symbols as axis labels."""
    return symbol.replace("A/RES/", "")


def top_level_themes(names: Sequence[str]) -> list[str]:
    """Themes without a parent: sub-themes would count a paragraph twice in one figure."""
    parent = parents()
    return [n for n in names if not parent.get(n)]


def language_name(language: str) -> str:
    """``zh`` -> ``Chinese`` for a language this package reads; any other text as given."""
    try:
        return profile(language).name
    except InputError:
        return language


def _luminance(color: Any) -> float:
    """WCAG relative luminance of a matplotlib colour."""
    channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(color)]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def text_color(background: Any) -> str:
    """Black or white, whichever contrasts more (WCAG contrast ratio) with ``background``."""
    light = _luminance(background)
    return "white" if (1.05 / (light + 0.05)) > ((light + 0.05) / 0.05) else "black"


def _tint(color: str, amount: float) -> tuple[float, float, float]:
    """``color`` mixed with ``amount`` of white (error bars lighter than their dots)."""
    r, g, b = to_rgb(color)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


def _new_figure(height: float = HEIGHT) -> Figure:
    return Figure(figsize=(WIDTH, height))


def _heatmap_figure(rows: int) -> Figure:
    """A figure tall enough for ``rows`` theme rows whose labels never overlap."""
    return _new_figure(max(HEIGHT, HEATMAP_MARGIN + CELL_HEIGHT * rows))


Legend = list[tuple[Any, str]]  # (handle, label) pairs shown under the panels


def _finish(fig: Figure, title: str, source: str, xlabel: str = "", legend: Legend | None = None) -> Figure:
    """Title at the top left, the source line at the bottom, then (upwards) an optional legend and an
    optional x label shared by all panels."""
    fig.suptitle(title, x=0.01, ha="left", fontsize=15, fontweight="bold")
    wrapped = textwrap.fill(source, width=150, break_on_hyphens=False)
    height = fig.get_figheight()
    fig.text(0.01, 0.08 / height, wrapped, ha="left", va="bottom", fontsize=9, color="#444444")
    bottom = 0.2 + 0.16 * (wrapped.count("\n") + 1)  # inches taken by the source line
    if legend:
        lines = math.ceil(len(legend) / 6)
        columns = math.ceil(len(legend) / lines)
        # matplotlib fills a legend column by column: reorder so that it reads across, line by line
        order = [i * columns + j for j in range(columns) for i in range(lines) if i * columns + j < len(legend)]
        fig.legend(
            [legend[i][0] for i in order],
            [legend[i][1] for i in order],
            loc="lower center",
            bbox_to_anchor=(0.5, bottom / height),
            ncol=columns,
            frameon=False,
            fontsize=11,
        )
        bottom += 0.35 * lines + 0.05
    if xlabel:
        fig.text(0.5, bottom / height, xlabel, ha="center", va="bottom", fontsize=11)
        bottom += 0.3
    fig.tight_layout(rect=(0, bottom / height, 1, 1 - 0.3 / height))
    return fig


def source_line(
    symbols: Sequence[str],
    note: str = "",
    newest: dt.date | None = None,
    corpus_digest: str = "",
    language: str = "",
) -> str:
    """The credit line under every figure: "Source: United Nations", the symbols, a note, the language
    the labels were read in (a code such as ``zh`` or any text), the adoption date of the newest
    document (a date of the texts, not of the run, so equal inputs give equal bytes), the package and
    codebook versions that made the labels, and the first characters of the corpus's SHA-256."""
    parts = [f"Source: United Nations, {', '.join(symbols)}.", note]
    if language:
        parts.append(f"Language read: {language_name(language)}.")
    if newest is not None:
        parts.append(f"Latest text adopted {newest.isoformat()}.")
    parts.append(f"Labels: crime-policy-priorities {__version__}, codebook {CODEBOOK_VERSION}.")
    if corpus_digest:
        parts.append(f"Corpus SHA-256 {corpus_digest[:DIGEST_CHARS]}.")
    return " ".join(part for part in parts if part)


def _annotate_cells(ax: Any, image: Any, values: np.ndarray, fmt: str, fontsize: int, skip_zero: bool) -> None:
    """Each cell's value, in black or white by the luminance of the cell's colour."""
    for (i, j), value in np.ndenumerate(values):
        if skip_zero and not value:
            continue
        color = text_color(image.cmap(image.norm(value)))
        ax.text(j, i, format(value, fmt), ha="center", va="center", fontsize=fontsize, color=color)


def theme_share_heatmap(
    counts: pd.DataFrame, paragraphs: Mapping[str, int], themes: Sequence[str], title: str, source: str
) -> Figure:
    """Share of operative paragraphs that touch each theme, per resolution (n under each symbol); the
    colour scale runs from 0 to the largest share rounded up to ten.

    ``paragraphs``: the operative paragraphs of each resolution shown, in order (the denominators).
    """
    symbols, n = list(paragraphs), paragraphs
    with matplotlib.rc_context(STYLE):
        table = counts.pivot_table(index="label", columns="symbol", values="share", fill_value=0.0)
        table = table.reindex(index=list(themes), columns=symbols, fill_value=0.0)
        values = table.to_numpy() * 100
        top = min(100, 10 * max(1, math.ceil(float(values.max(initial=0.0)) / 10 - 1e-9)))
        fig = _heatmap_figure(len(themes))
        ax = fig.add_subplot()
        image = ax.imshow(values, cmap=SHARE_CMAP, vmin=0, vmax=top, aspect="auto")
        ax.set_xticks(
            range(len(symbols)),
            [f"{short(s)}\nn={n.get(s, 0)}" for s in symbols],
            fontsize=11 if len(symbols) <= 10 else 8,
        )
        ax.set_yticks(range(len(themes)), [pretty(t) for t in themes])
        _annotate_cells(ax, image, values, ".0f", 10, skip_zero=False)
        ax.set_xlabel("Resolution (n = operative paragraphs)")
        fig.colorbar(image, ax=ax, label=f"% of operative paragraphs (scale 0–{top})")
        return _finish(fig, title, source)


@dataclass(frozen=True)
class YearAxis:
    """Where each member of a series sits on a year axis: a year is one row, a gap longer than
    ``LONGEST_GAP_AT_SCALE`` years is a break of ``BREAK_ROWS`` rows."""

    positions: tuple[float, ...]
    breaks: tuple[tuple[float, float, int, int], ...]  # (from row, to row, from year, to year)
    missing: tuple[tuple[float, int], ...]  # (row, year) of each year drawn at scale without a member

    @property
    def span(self) -> float:
        """The row of the last member."""
        return self.positions[-1] if self.positions else 0.0


def year_axis(years: Sequence[int]) -> YearAxis:
    """The rows of ``years`` (in series order): missing years at scale, long gaps broken."""
    positions, breaks, missing = [0.0] if years else [], [], []
    for before, after in itertools.pairwise(years):
        here, step = positions[-1], after - before
        if step > LONGEST_GAP_AT_SCALE:
            breaks.append((here, here + BREAK_ROWS, before, after))
            positions.append(here + BREAK_ROWS)
            continue
        missing += [(here + k, before + k) for k in range(1, step)]
        positions.append(here + max(step, 1))  # two members of one year: one row apart
    return YearAxis(tuple(positions), tuple(breaks), tuple(missing))


def _gap_notes(series: Sequence[tuple[str, int]], axis: YearAxis, gaps: Mapping[str, str]) -> dict[float, str]:
    """Row -> the text shown in each gap: across a break, the years it leaves out and the caller's note
    for the later member; in a gap drawn at scale, its first missing year and that note (or "none in
    the corpus"); between members of consecutive years, the note alone, half-way."""
    broken = {(a, b): (first + last) / 2 for first, last, a, b in axis.breaks}
    missing_rows = {year: row for row, year in axis.missing}
    notes = {row: f"{year}  none in the corpus" for row, year in axis.missing}
    for ((_, before), (symbol, after)), (row_a, row_b) in zip(
        itertools.pairwise(series), itertools.pairwise(axis.positions), strict=True
    ):
        note = gaps.get(symbol, "")
        if (before, after) in broken:
            left_out = f"{before + 1}–{after - 1}" if after - before > 2 else f"{before + 1}"
            notes[broken[(before, after)]] = f"{left_out} not shown: {note or 'no member in the corpus'}"
        elif note and before + 1 in missing_rows:
            notes[missing_rows[before + 1]] = textwrap.fill(f"{before + 1}  {note}", GAP_LABEL_WIDTH)
        elif note:
            notes[(row_a + row_b) / 2] = textwrap.fill(note, GAP_LABEL_WIDTH)
    return notes


def _break_marks(ax: Any, first: float, last: float) -> None:
    """A grey band over a break and two slashes across the panel's axis line, above and below its note."""
    ax.axhspan(first + 0.55, last - 0.55, color=BREAK_COLOR, zorder=0, linewidth=0)
    marks = blended_transform_factory(ax.transAxes, ax.transData)
    middle = (first + last) / 2
    for y in (middle - 0.3, middle + 0.3):
        ax.plot([-0.025, 0.025], [y + 0.08, y - 0.08], transform=marks, color="black", lw=1, clip_on=False)


def _draw_year_axis(fig: Figure, axes: Sequence[Any], axis: YearAxis, notes: Mapping[float, str]) -> None:
    """Breaks marked in every panel; each note of a break written across the panels on the band's grey,
    each other note (a year without a member) as a grey label beside the axis."""
    for ax in axes:
        for first, last, _, _ in axis.breaks:
            _break_marks(ax, first, last)
    first_panel = blended_transform_factory(axes[0].transAxes, axes[0].transData)
    breaks = {(first + last) / 2 for first, last, _, _ in axis.breaks}
    for row, text in notes.items():
        if row in breaks:
            banner = fig.text(
                0.06,
                row,
                text,
                transform=first_panel,
                ha="left",
                va="center",
                fontsize=10,
                style="italic",
                color="#333333",
                bbox={"facecolor": BREAK_COLOR, "edgecolor": "none", "pad": 1},
            )
            banner.set_in_layout(False)
            continue
        axes[0].annotate(
            text,
            xy=(0, row),
            xycoords=first_panel,
            xytext=(-7, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            fontsize=10,
            color="#666666",
            style="italic",
        )


def _draw_shares(ax: Any, grid: pd.DataFrame, label: str, rows: Mapping[str, float], style: Mapping[str, str]) -> None:
    """One reading's dots and Wilson intervals in one panel (``rows``: symbol -> row)."""
    part = grid[grid["label"] == label].set_index("symbol").loc[list(rows)]
    share = part["share"].to_numpy() * 100
    errors = np.vstack([share - part["low"].to_numpy() * 100, part["high"].to_numpy() * 100 - share])
    ax.errorbar(
        share,
        list(rows.values()),
        xerr=errors,
        fmt=style["marker"],
        color=style["color"],
        ecolor=_tint(style["color"], 0.55),
        elinewidth=3,
        capsize=0,
        markersize=6,
    )


def _readings(
    counts: pd.DataFrame,
    symbols: Sequence[str],
    labels: Sequence[str],
    paragraphs: Mapping[str, int],
    counts_other: pd.DataFrame | None,
    paragraphs_other: Mapping[str, int] | None,
) -> list[pd.DataFrame]:
    """The share grid of the series' reading, and of the second reading where it exists."""
    grids = [share_grid(counts, symbols, labels, paragraphs)]
    if counts_other is not None and paragraphs_other:
        others = [s for s in symbols if s in paragraphs_other]
        grids.append(share_grid(counts_other, others, labels, paragraphs_other))
    return grids


def share_dotplot(
    counts: pd.DataFrame,
    series: Sequence[tuple[str, int]],
    paragraphs: Mapping[str, int],
    labels: Sequence[str],
    title: str,
    source: str,
    what: str,
    *,
    gaps: Mapping[str, str] | None = None,
    counts_other: pd.DataFrame | None = None,
    paragraphs_other: Mapping[str, int] | None = None,
    language_names: Sequence[str] = (),
) -> Figure:
    """One panel per label: its share of operative paragraphs in each resolution, with a 95 % Wilson
    interval. Resolutions sit on a year axis (one row a year, so missing years and biennial spacing
    show; a gap longer than ``LONGEST_GAP_AT_SCALE`` years is a marked break).

    ``paragraphs``: operative paragraphs per symbol (the denominators, also for a label-less resolution).
    ``gaps``: symbol -> a note shown in the gap before that member ("11 annual members not in the corpus").
    ``counts_other``, ``paragraphs_other``: a second reading (another language) drawn beside the first,
    with ``language_names`` naming the two readings in the legend.
    """
    symbols = [s for s, _ in series]
    grids = _readings(counts, symbols, labels, paragraphs, counts_other, paragraphs_other)
    if len(grids) == 2 and len(language_names) != 2:
        raise ValueError("share_dotplot: a second reading needs language_names for both readings")
    axis = year_axis([year for _, year in series])
    row_of = dict(zip(symbols, axis.positions))
    offsets = (0.0,) if len(grids) == 1 else (-READING_OFFSET, READING_OFFSET)
    highs = pd.concat([g["high"] for g in grids]).dropna()
    right = min(100, 20 * math.ceil(highs.max() * 100 / 20 + 1e-9)) if not highs.empty else 100
    with matplotlib.rc_context(STYLE):
        fig = _new_figure(max(HEIGHT, 2.6 + ROW_HEIGHT * (axis.span + 1)))
        axes = fig.subplots(1, len(labels), sharey=True, squeeze=False)[0]
        for ax, label in zip(axes, labels):
            for grid, offset, style in zip(grids, offsets, READING_STYLES):
                shown = {s: row_of[s] + offset for s in symbols if s in set(grid["symbol"])}
                _draw_shares(ax, grid, label, shown, style)
            ax.set_title(pretty(label), fontsize=12)
            ax.set_xlim(-0.04 * right, right)  # one scale in every panel; a dot at 0 stays whole
            ax.set_xticks([0, right / 2, right], [f"{v:g}" for v in (0, right / 2, right)])
            ax.grid(axis="x", color="#dddddd", linewidth=0.8)
            ax.set_axisbelow(True)
        axes[0].set_yticks(axis.positions, [f"{year}  {short(s)}  (n={paragraphs[s]})" for s, year in series])
        axes[0].set_ylim(axis.span + 0.6, -0.6)  # the first year at the top
        _draw_year_axis(fig, axes, axis, _gap_notes(series, axis, gaps or {}))
        legend = None
        if len(grids) == 2:
            legend = [
                (
                    Line2D([], [], linestyle="none", markersize=7, color=style["color"], marker=style["marker"]),
                    f"Read in {language_name(name)}",
                )
                for style, name in zip(READING_STYLES, language_names)
            ]
        return _finish(
            fig,
            title,
            source,
            xlabel=f"% of operative paragraphs {what} (dot), with its 95 % Wilson interval (bar)",
            legend=legend,
        )


def theme_verb_heatmap(labels_table: pd.DataFrame, themes: Sequence[str], title: str, source: str) -> Figure:
    """Operative paragraphs by theme (rows) and primary verb (columns), one resolution; empty cells
    are white, the colour bar counts paragraphs."""
    with matplotlib.rc_context(STYLE):
        rows = [
            (t, v)
            for theme_list, v in zip(labels_table["themes"], labels_table["verb"])
            for t in theme_list
            if t in themes
        ]
        frame = pd.DataFrame(rows, columns=["theme", "verb"])
        table = pd.crosstab(frame["theme"], frame["verb"]).reindex(index=list(themes), fill_value=0)
        table = table.loc[:, table.sum().sort_values(ascending=False, kind="stable").index]
        values = table.to_numpy()
        fig = _heatmap_figure(len(themes))
        ax = fig.add_subplot()
        cmap = matplotlib.colormaps[COUNT_CMAP].with_extremes(bad="white")
        top = max(1, int(values.max(initial=0)))
        image = ax.imshow(np.ma.masked_equal(values, 0), cmap=cmap, vmin=0, vmax=top, aspect="auto")
        ax.set_xticks(range(table.shape[1]), [pretty(v) for v in table.columns], rotation=30, ha="right")
        ax.set_yticks(range(table.shape[0]), [pretty(t) for t in table.index])
        _annotate_cells(ax, image, values, "d", 11, skip_zero=True)
        ax.set_xlabel(f"Primary verb (n = {len(labels_table)} operative paragraphs)")
        bar = fig.colorbar(image, ax=ax, label="Operative paragraphs (white: none)")
        bar.locator = MaxNLocator(integer=True)
        bar.update_ticks()
        return _finish(fig, title, source)


def _member_count(value: Any) -> int:
    """Missing members as a count: a number, symbols separated by ``;``, ``,`` or spaces, or a list."""
    if isinstance(value, (list, tuple, set)):
        return len(value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return 0
    if isinstance(value, (int, float, np.integer, np.floating)):
        return int(value)
    text = str(value).strip()
    if text.isdigit():
        return int(text)
    return len([part for part in re.split(r"[;,\s]+", text) if part])


def pair_label(before: str, after: str, gap_years: Any = None, missing_members: Any = None) -> str:
    """``62/175 → 74/177`` and, for a pair across a gap, a second line ``(12 years; 11 members missing)``."""
    name = f"{short(before)} → {short(after)}"
    years = 0 if gap_years is None or pd.isna(gap_years) else int(gap_years)
    missing = _member_count(missing_members)
    parts = [f"{years} years"] if years > 1 else []
    if missing:
        parts.append(f"{missing} member{'' if missing == 1 else 's'} missing")
    return f"{name}\n({'; '.join(parts)})" if parts else name


def _segment_labels(ax: Any, rows: np.ndarray, left: np.ndarray, values: np.ndarray, color: str, least: float) -> None:
    """The count inside each segment at least ``least`` wide, in black or white by the segment's colour."""
    for row, start, value in zip(rows, left, values):
        if value >= least:
            ax.text(
                start + value / 2, row, f"{value:.0f}", ha="center", va="center", fontsize=10, color=text_color(color)
            )


def lineage_bars(summary: pd.DataFrame, title: str, source: str) -> Figure:
    """Retained / modified / merged / split / new / dropped operative paragraphs between consecutive
    resolutions (the statuses ``summary`` has columns for); optional ``gap_years`` and
    ``missing_members`` columns mark a pair across a gap in its label."""
    with matplotlib.rc_context(STYLE):
        fig = _new_figure()
        ax = fig.add_subplot()
        if summary.empty:
            ax.axis("off")
            ax.text(
                0.5,
                0.5,
                "Only one resolution of the series is in the corpus:\nlineage needs two "
                "(add the others with crimepol fetch or crimepol add).",
                ha="center",
                va="center",
                fontsize=14,
            )
            return _finish(fig, title, source)
        names = [
            pair_label(row["from"], row["to"], row.get("gap_years"), row.get("missing_members"))
            for _, row in summary.iterrows()
        ]
        statuses = [s for s in STATUS_COLORS if s in summary.columns]
        rows, left = np.arange(len(summary)), np.zeros(len(summary))
        least = 0.03 * float(summary[statuses].to_numpy(dtype=float).sum(axis=1).max())
        legend: Legend = []
        for status in statuses:
            values = summary[status].to_numpy(dtype=float)
            color, hatch = STATUS_COLORS[status], STATUS_HATCHES.get(status)
            ax.barh(rows, values, left=left, color=color, hatch=hatch, edgecolor="white", linewidth=0.5)
            _segment_labels(ax, rows, left, values, color, max(least, 1))
            legend.append((Patch(facecolor=color, hatch=hatch, edgecolor="white"), pretty(status)))
            left += values
        ax.set_yticks(rows, names)
        ax.invert_yaxis()
        return _finish(fig, title, source, xlabel="Operative paragraphs", legend=legend)


def _strength_examples() -> dict[int, str]:
    """Each strength level named by its first verb in ``verb_strength.csv`` (``…`` when it has more)."""
    by_level: dict[int, list[str]] = {}
    for verb, level in strengths().items():
        by_level.setdefault(level, []).append(verb)
    return {level: pretty(verbs[0]) + (" …" if len(verbs) > 1 else "") for level, verbs in by_level.items()}


def strength_distribution_bars(distribution: pd.DataFrame, title: str, source: str) -> Figure:
    """Per resolution (and language), the shares of operative paragraphs whose primary verb has each
    strength level, stacked from the weakest to the strongest: an ordinal scale shown as a
    distribution, never averaged.

    ``distribution``: columns symbol, language, strength, count, share; resolutions in the order of
    their first row, each with its readings side by side.
    """
    symbols = list(dict.fromkeys(distribution["symbol"]))
    languages = list(dict.fromkeys(distribution["language"]))
    keys = sorted(
        dict.fromkeys(zip(distribution["symbol"], distribution["language"])),
        key=lambda key: (symbols.index(key[0]), languages.index(key[1])),
    )  # each resolution's readings side by side
    several_languages = len(languages) > 1
    levels = sorted(set(strengths().values()))
    colors = matplotlib.colormaps[STRENGTH_CMAP](np.linspace(0.95, 0.05, len(levels)))
    examples = _strength_examples()
    with matplotlib.rc_context(STYLE):
        fig = _new_figure(max(HEIGHT, 3.6 + ROW_HEIGHT * len(keys)))
        ax = fig.add_subplot()
        table = distribution.pivot_table(
            index=["symbol", "language"], columns="strength", values="share", aggfunc="sum", fill_value=0.0
        ).reindex(index=pd.MultiIndex.from_tuples(keys), columns=levels, fill_value=0.0)
        totals = distribution.groupby(["symbol", "language"])["count"].sum()
        rows, left = np.arange(len(keys)), np.zeros(len(keys))
        legend: Legend = []
        for level, color in zip(levels, colors):
            values = table[level].to_numpy(dtype=float) * 100
            ax.barh(rows, values, left=left, color=color, edgecolor="white", linewidth=0.5)
            _segment_labels(ax, rows, left, values, color, 6)
            legend.append((Patch(facecolor=color), f"{level} {examples.get(level, '')}".strip()))
            left += values
        names = [
            f"{short(s)}  {language_name(lang)}  (n={totals[(s, lang)]})"
            if several_languages
            else f"{short(s)}  (n={totals[(s, lang)]})"
            for s, lang in keys
        ]
        ax.set_yticks(rows, names)
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        return _finish(
            fig,
            title,
            source,
            xlabel="% of operative paragraphs by the strength of their primary verb "
            "(0 weakest to 9 strongest: a ranking, not a quantity)",
            legend=legend,
        )


def save(fig: Figure, name: str, out_dir: str | Path) -> list[Path]:
    """PNG and SVG, each written whole to a temporary file and renamed; deterministic bytes."""
    written = []
    with matplotlib.rc_context(STYLE):
        for ext, options in (
            ("png", {"dpi": PNG_DPI, "metadata": {"Software": None}}),
            ("svg", {"metadata": {"Date": None, "Creator": None}}),
        ):
            buffer = io.BytesIO()
            fig.savefig(buffer, format=ext, **options)
            target = Path(out_dir) / f"{name}.{ext}"
            atomic_write_bytes(target, buffer.getvalue())
            written.append(target)
    return written
