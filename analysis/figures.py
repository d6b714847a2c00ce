"""Briefing figures: English labels, caption-ready titles, a source line, PNG and SVG, same bytes
on every run (fixed ``svg.hashsalt``, no dates in the metadata)."""
from __future__ import annotations

import os
import tempfile
import textwrap
from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from .themes import display_names, parents  # noqa: E402

STYLE = {
    "svg.hashsalt": "crime-policy-priorities",
    "svg.fonttype": "none",
    "font.size": 12,
    "axes.titlesize": 15,
    "axes.titleweight": "bold",
    "axes.labelsize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 100,
}
SIZE = (11, 6.2)  # 16:9-ish, readable on a slide
PNG_DPI = 200
STATUS_COLORS = {"retained": "#1b7837", "modified": "#a6dba0", "new": "#2166ac", "dropped": "#b2182b"}


def pretty(label: str) -> str:
    """A theme's display name from the taxonomy; otherwise ``calls_upon`` -> ``Calls upon``."""
    return display_names().get(label) or label.replace("_", " ").capitalize()


def top_level_themes(names: Sequence[str]) -> list[str]:
    parent = parents()
    return [n for n in names if not parent.get(n)]


def _finish(fig: plt.Figure, title: str, source: str) -> plt.Figure:
    fig.suptitle(title, x=0.01, ha="left", fontsize=15, fontweight="bold")
    wrapped = textwrap.fill(source, width=150)
    fig.text(0.01, 0.01, wrapped, ha="left", va="bottom", fontsize=9, color="#444444")
    fig.tight_layout(rect=(0, 0.025 + 0.025 * wrapped.count("\n") + 0.02, 1, 0.95))
    return fig


def source_line(symbols: Sequence[str], note: str = "") -> str:
    return f"Source: United Nations, {', '.join(symbols)}." + (f" {note}" if note else "")


def theme_share_heatmap(counts: pd.DataFrame, symbols: Sequence[str], themes: Sequence[str], title: str,
                        source: str) -> plt.Figure:
    """Share of operative paragraphs that touch each theme, per resolution."""
    with plt.rc_context(STYLE):
        table = counts.pivot_table(index="label", columns="symbol", values="share", fill_value=0.0)
        table = table.reindex(index=list(themes), columns=list(symbols), fill_value=0.0)
        fig, ax = plt.subplots(figsize=SIZE)
        image = ax.imshow(table.to_numpy() * 100, cmap="Blues", vmin=0, vmax=100, aspect="auto")
        ax.set_xticks(range(len(symbols)), [s.replace("A/RES/", "") for s in symbols])
        ax.set_yticks(range(len(themes)), [pretty(t) for t in themes])
        for (i, j), value in np.ndenumerate(table.to_numpy() * 100):
            ax.text(j, i, f"{value:.0f}", ha="center", va="center", fontsize=9,
                    color="white" if value > 55 else "#222222")
        ax.set_xlabel("Resolution")
        fig.colorbar(image, ax=ax, label="% of operative paragraphs")
        return _finish(fig, title, source)


def verb_share_bars(counts: pd.DataFrame, symbols: Sequence[str], title: str, source: str, top: int = 8) -> plt.Figure:
    """Primary verbs as shares of operative paragraphs, stacked per resolution."""
    with plt.rc_context(STYLE):
        table = counts.pivot_table(index="symbol", columns="label", values="share", fill_value=0.0)
        table = table.reindex(index=list(symbols), fill_value=0.0)
        order = table.sum().sort_values(ascending=False).index
        keep = list(order[:top])
        shown = table[keep].copy()
        shown["other"] = table.drop(columns=keep).sum(axis=1)
        fig, ax = plt.subplots(figsize=SIZE)
        left = np.zeros(len(shown))
        colors = plt.get_cmap("tab10").colors
        for k, column in enumerate(shown.columns):
            values = shown[column].to_numpy() * 100
            ax.barh(range(len(shown)), values, left=left, color=colors[k % 10] if column != "other" else "#bbbbbb",
                    label=pretty(column))
            left += values
        ax.set_yticks(range(len(shown)), [s.replace("A/RES/", "") for s in shown.index])
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xlabel("% of operative paragraphs (primary verb)")
        ax.legend(ncol=5, loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False, fontsize=10)
        return _finish(fig, title, source)


def theme_verb_heatmap(labels_table: pd.DataFrame, themes: Sequence[str], title: str, source: str) -> plt.Figure:
    """Operative paragraphs by theme (rows) and primary verb (columns), one resolution."""
    with plt.rc_context(STYLE):
        rows = [(t, v) for t_list, v in zip(labels_table["themes"], labels_table["verb"])
                for t in t_list.split("|") if t in themes]
        frame = pd.DataFrame(rows, columns=["theme", "verb"])
        table = pd.crosstab(frame["theme"], frame["verb"]).reindex(index=list(themes), fill_value=0)
        table = table.loc[:, table.sum().sort_values(ascending=False).index]
        fig, ax = plt.subplots(figsize=SIZE)
        ax.imshow(table.to_numpy(), cmap="Oranges", aspect="auto")
        ax.set_xticks(range(table.shape[1]), [pretty(v) for v in table.columns], rotation=30, ha="right")
        ax.set_yticks(range(table.shape[0]), [pretty(t) for t in table.index])
        for (i, j), value in np.ndenumerate(table.to_numpy()):
            if value:
                ax.text(j, i, str(value), ha="center", va="center", fontsize=10)
        ax.set_xlabel("Primary verb")
        return _finish(fig, title, source)


def series_lines(counts: pd.DataFrame, series: Sequence[tuple[str, int]], themes: Sequence[str], title: str,
                 source: str) -> plt.Figure:
    """Share of operative paragraphs per theme across the series, by year of adoption."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=SIZE)
        years = [year for _, year in series]
        for theme in themes:
            shares = [float(counts[(counts["symbol"] == s) & (counts["label"] == theme)]["share"].sum()) * 100
                      for s, _ in series]
            ax.plot(years, shares, marker="o", linewidth=2, label=pretty(theme))
        ax.set_xticks(years, [f"{y}\n{s.replace('A/RES/', '')}" for s, y in series])
        ax.set_ylim(0, 100)
        ax.set_ylabel("% of operative paragraphs")
        ax.legend(frameon=False, ncol=3)
        return _finish(fig, title, source)


def lineage_bars(summary: pd.DataFrame, title: str, source: str) -> plt.Figure:
    """Retained / modified / new / dropped operative paragraphs between consecutive resolutions."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=SIZE)
        if summary.empty:
            ax.axis("off")
            ax.text(0.5, 0.5, "Only one resolution of the series is in the corpus:\nlineage needs two "
                    "(add the others with --corpus DIR).", ha="center", va="center", fontsize=14)
            return _finish(fig, title, source)
        names = [f"{a.replace('A/RES/', '')} → {b.replace('A/RES/', '')}" for a, b in zip(summary["from"], summary["to"])]
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


def save(fig: plt.Figure, name: str, out_dir: str | Path) -> list[Path]:
    """PNG and SVG, written to temporary files and renamed; deterministic bytes."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with plt.rc_context(STYLE):
        for ext, options in (("png", {"dpi": PNG_DPI, "metadata": {"Software": None}}),
                             ("svg", {"metadata": {"Date": None, "Creator": None}})):
            target = out_dir / f"{name}.{ext}"
            fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=f".{name}.", suffix=f".{ext}")
            os.close(fd)
            try:
                fig.savefig(tmp, format=ext, **options)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            written.append(target)
    plt.close(fig)
    return written
