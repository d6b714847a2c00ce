"""Briefing figures: English labels, caption-ready titles, a source line, PNG and SVG, same bytes
on every run (fixed ``svg.hashsalt``, no dates in the metadata).

Figures are built with matplotlib's object API (``matplotlib.figure.Figure``), never with a global
backend switch: the same object is saved by ``save`` and shown inline by Jupyter.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.coding.labels import CODEBOOK_VERSION
from analysis.coding.themes import display_names, parents
from analysis.comparison.shares import share_grid
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
ROW_HEIGHT = 0.42  # inches per resolution in the dot plots, so labels never overlap
CELL_HEIGHT = 0.3  # inches per theme in the heatmaps (one row of 12-point text and its spacing)
HEATMAP_MARGIN = 3.4  # inches of a heatmap outside its rows: title, column labels, axis label, source line
PNG_DPI = 200
STATUS_COLORS = {"retained": "#1b7837", "modified": "#a6dba0", "new": "#2166ac", "dropped": "#b2182b"}
POINT_COLOR = "#2166ac"


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


def _new_figure(height: float = HEIGHT) -> Figure:
    return Figure(figsize=(WIDTH, height))


def _heatmap_figure(rows: int) -> Figure:
    """A figure tall enough for ``rows`` theme rows whose labels never overlap."""
    return _new_figure(max(HEIGHT, HEATMAP_MARGIN + CELL_HEIGHT * rows))


def _finish(fig: Figure, title: str, source: str, xlabel: str = "") -> Figure:
    """Title at the top left, the source line at the bottom, and an optional x label shared by all panels."""
    fig.suptitle(title, x=0.01, ha="left", fontsize=15, fontweight="bold")
    wrapped = textwrap.fill(source, width=150, break_on_hyphens=False)
    height = fig.get_figheight()
    fig.text(0.01, 0.08 / height, wrapped, ha="left", va="bottom", fontsize=9, color="#444444")
    bottom = 0.2 + 0.16 * (wrapped.count("\n") + 1)  # inches taken by the source line
    if xlabel:
        fig.text(0.5, bottom / height, xlabel, ha="center", va="bottom", fontsize=11)
        bottom += 0.3
    fig.tight_layout(rect=(0, bottom / height, 1, 1 - 0.3 / height))
    return fig


def source_line(symbols: Sequence[str], note: str = "", adopted: dt.date | None = None) -> str:
    """The credit line under every figure: "Source: United Nations", the symbols, a note, the date the
    latest of them was adopted (when given; a date of the texts, so the bytes stay the same on every
    run), and the package and codebook versions that made the labels."""
    parts = [f"Source: United Nations, {', '.join(symbols)}.", note]
    if adopted is not None:
        parts.append(f"Latest text adopted {adopted.isoformat()}.")
    parts.append(f"Labels: crime-policy-priorities {__version__}, codebook {CODEBOOK_VERSION}.")
    return " ".join(part for part in parts if part)


def theme_share_heatmap(
    counts: pd.DataFrame, paragraphs: Mapping[str, int], themes: Sequence[str], title: str, source: str
) -> Figure:
    """Share of operative paragraphs that touch each theme, per resolution (n under each symbol).

    ``paragraphs``: the operative paragraphs of each resolution shown, in order (the denominators).
    """
    symbols, n = list(paragraphs), paragraphs
    with matplotlib.rc_context(STYLE):
        table = counts.pivot_table(index="label", columns="symbol", values="share", fill_value=0.0)
        table = table.reindex(index=list(themes), columns=symbols, fill_value=0.0)
        fig = _heatmap_figure(len(themes))
        ax = fig.add_subplot()
        image = ax.imshow(table.to_numpy() * 100, cmap="Blues", vmin=0, vmax=100, aspect="auto")
        ax.set_xticks(
            range(len(symbols)),
            [f"{short(s)}\nn={n.get(s, 0)}" for s in symbols],
            fontsize=11 if len(symbols) <= 10 else 8,
        )
        ax.set_yticks(range(len(themes)), [pretty(t) for t in themes])
        for (i, j), value in np.ndenumerate(table.to_numpy() * 100):
            ax.text(
                j, i, f"{value:.0f}", ha="center", va="center", fontsize=9, color="white" if value > 55 else "#222222"
            )
        ax.set_xlabel("Resolution (n = operative paragraphs)")
        fig.colorbar(image, ax=ax, label="% of operative paragraphs")
        return _finish(fig, title, source)


def share_dotplot(
    counts: pd.DataFrame,
    series: Sequence[tuple[str, int]],
    paragraphs: Mapping[str, int],
    labels: Sequence[str],
    title: str,
    source: str,
    what: str,
) -> Figure:
    """One panel per label: its share of operative paragraphs in each resolution, with a 95 % Wilson
    interval. Resolutions are rows (year, symbol, n), so their labels never overlap however many.

    ``paragraphs``: operative paragraphs per symbol (the denominators, also for a label-less resolution).
    """
    symbols = [s for s, _ in series]
    grid = share_grid(counts, symbols, labels, paragraphs)
    with matplotlib.rc_context(STYLE):
        fig = _new_figure(max(HEIGHT, 2.2 + ROW_HEIGHT * len(symbols)))
        axes = fig.subplots(1, len(labels), sharey=True, squeeze=False)[0]
        rows = np.arange(len(symbols))
        right = min(100, 20 * math.ceil(grid["high"].max() * 100 / 20 + 1e-9)) if grid["high"].notna().any() else 100
        for ax, label in zip(axes, labels):
            part = grid[grid["label"] == label].set_index("symbol").loc[symbols]
            share = part["share"].to_numpy() * 100
            errors = np.vstack([share - part["low"].to_numpy() * 100, part["high"].to_numpy() * 100 - share])
            ax.errorbar(
                share,
                rows,
                xerr=errors,
                fmt="o",
                color=POINT_COLOR,
                ecolor="#9ecae1",
                elinewidth=3,
                capsize=0,
                markersize=6,
            )
            ax.set_title(pretty(label), fontsize=12)
            ax.set_xlim(-0.04 * right, right)  # one scale in every panel; a dot at 0 stays whole
            ax.set_xticks([0, right / 2, right], [f"{v:g}" for v in (0, right / 2, right)])
            ax.grid(axis="x", color="#dddddd", linewidth=0.8)
            ax.set_axisbelow(True)
        axes[0].set_yticks(rows, [f"{year}  {short(s)}  (n={paragraphs[s]})" for s, year in series])
        axes[0].invert_yaxis()
        return _finish(
            fig, title, source, xlabel=f"% of operative paragraphs {what} (dot), with its 95 % Wilson interval (bar)"
        )


def theme_verb_heatmap(labels_table: pd.DataFrame, themes: Sequence[str], title: str, source: str) -> Figure:
    """Operative paragraphs by theme (rows) and primary verb (columns), one resolution."""
    with matplotlib.rc_context(STYLE):
        rows = [
            (t, v)
            for theme_list, v in zip(labels_table["themes"], labels_table["verb"])
            for t in theme_list
            if t in themes
        ]
        frame = pd.DataFrame(rows, columns=["theme", "verb"])
        table = pd.crosstab(frame["theme"], frame["verb"]).reindex(index=list(themes), fill_value=0)
        table = table.loc[:, table.sum().sort_values(ascending=False).index]
        fig = _heatmap_figure(len(themes))
        ax = fig.add_subplot()
        ax.imshow(table.to_numpy(), cmap="Oranges", aspect="auto")
        ax.set_xticks(range(table.shape[1]), [pretty(v) for v in table.columns], rotation=30, ha="right")
        ax.set_yticks(range(table.shape[0]), [pretty(t) for t in table.index])
        for (i, j), value in np.ndenumerate(table.to_numpy()):
            if value:
                ax.text(j, i, str(value), ha="center", va="center", fontsize=10)
        ax.set_xlabel(f"Primary verb (n = {len(labels_table)} operative paragraphs)")
        return _finish(fig, title, source)


def lineage_bars(summary: pd.DataFrame, title: str, source: str) -> Figure:
    """Retained / modified / new / dropped operative paragraphs between consecutive resolutions."""
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
        names = [f"{short(a)} → {short(b)}" for a, b in zip(summary["from"], summary["to"])]
        left = np.zeros(len(summary))
        for status, color in STATUS_COLORS.items():
            values = summary[status].to_numpy(dtype=float)
            ax.barh(range(len(summary)), values, left=left, color=color, label=pretty(status))
            left += values
        ax.set_yticks(range(len(summary)), names)
        ax.invert_yaxis()
        ax.set_xlabel("Operative paragraphs")
        ax.legend(ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False)
        return _finish(fig, title, source)


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
