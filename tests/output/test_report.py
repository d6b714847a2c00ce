"""The main job's report and figures on the bundled corpus: deterministic bytes, the series tables,
labels that never overlap."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from analysis.output.report import run_report


@pytest.mark.slow  # the whole bundled corpus
def test_report_figures_are_deterministic(tmp_path):
    from analysis.corpus.registry import Corpus

    first = run_report(Corpus([]), tmp_path)
    pictures = sorted(p for p in first.written if p.suffix in (".png", ".svg"))
    assert len(pictures) == 12 and {p.suffix for p in pictures} == {".png", ".svg"}
    digest = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in pictures}
    run_report(Corpus([]), tmp_path)
    assert digest == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in pictures}
    svg = (tmp_path / "figures" / "theme_shares.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and "Source: United Nations" in svg


@pytest.mark.slow  # the whole bundled corpus
def test_report_on_the_series(tmp_path):
    from analysis.corpus.registry import Corpus

    result = run_report(Corpus([]), tmp_path)
    series = result.series
    assert [s for s, _ in series.series] == [
        "A/RES/62/175",
        "A/RES/74/177",
        "A/RES/75/196",
        "A/RES/76/187",
        "A/RES/77/237",
        "A/RES/78/229",
        "A/RES/80/229",
    ]
    assert len(series.lineage_summary) == 6
    assert set(series.differences["label"]) == {"trafficking", "corruption", "terrorism", "africa", "funding"}
    # one stated family for the table, Holm-adjusted; never below the raw p
    assert (
        series.differences["adjustment"].nunique() == 1 and "holm over 30 tests" in series.differences["adjustment"][0]
    )
    assert (series.differences["p_adjusted"] >= series.differences["p_fisher"]).all()
    # the gap before 74/177 comes from its own citation, in the members table and in every lineage row
    gap = series.summary.set_index("symbol").loc["A/RES/74/177"]
    assert gap["gap_years"] == 12 and gap["missing_members"] == "73/186 + 10 unknown"
    across = series.lineage[series.lineage["to"] == "A/RES/74/177"]
    assert (across["missing_members"] == "A/RES/73/186").all() and (across["unknown_members"] == 10).all()
    assert any("A/RES/73/186" in note for note in series.chain_notes)
    # sensitivity rows: every member in both readings, subject-only, without omnibus lists, with error
    variants = series.shares.groupby("symbol")["variant"].unique().map(set)
    assert all(len(v) == 5 for v in variants[1:]) and "all mentions, other language" not in variants["A/RES/62/175"]
    assert not series.readings.empty and set(series.readings["only_in"]) == {"en", "zh"}
    # a distance beside its reference distribution, strength without a mean
    assert series.distances.loc[1:, "null_low"].notna().all() and "mean_strength" not in series.strength
    assert {"odds_ratio_per_year", "p_adjusted", "caveat"} <= set(series.trend.columns)
    for name in (
        "series",
        "series_members",
        "differences",
        "trend",
        "distances",
        "strength",
        "lineage",
        "changes",
        "readings",
    ):
        assert (tmp_path / "tables" / f"{name}.csv").stat().st_size > 0


@pytest.mark.parametrize("resolutions", [2, 7, 40])
def test_series_figure_labels_never_overlap(resolutions):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from analysis.output.figures import share_dotplot

    # generated counts for made-up symbols: only the layout is under test
    series = [(f"A/RES/{70 + i // 3}/{100 + i}", 2000 + i) for i in range(resolutions)]
    counts = pd.DataFrame(
        [
            {"symbol": s, "language": "zh", "label": label, "count": 3, "paragraphs": 40, "share": 3 / 40}
            for s, _ in series
            for label in ("funding", "africa")
        ]
    )
    fig = share_dotplot(counts, series, {s: 40 for s, _ in series}, ["funding", "africa"], "title", "source", "x")
    renderer = FigureCanvasAgg(fig).get_renderer()
    for ax in fig.axes:
        boxes = [t.get_window_extent(renderer) for t in ax.get_yticklabels() + ax.get_xticklabels() if t.get_text()]
        assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0] == "2000  70/100  (n=40)" and len(labels) == resolutions


def test_the_source_line_names_the_date_and_the_versions():
    """Every figure's footer: source and symbols, a note, the date of the latest text (a date of the
    texts, not of the run, so the bytes stay the same) and the versions that made the labels."""
    import datetime as dt

    import analysis
    from analysis.coding.labels import CODEBOOK_VERSION
    from analysis.output.figures import source_line

    line = source_line(["A/RES/62/175", "A/RES/80/229"], "A note.", dt.date(2025, 12, 18))
    assert line == (
        "Source: United Nations, A/RES/62/175, A/RES/80/229. A note. Latest text adopted 2025-12-18. "
        f"Labels: crime-policy-priorities {analysis.__version__}, codebook {CODEBOOK_VERSION}."
    )
    assert source_line(["A/RES/62/175"]) == (
        f"Source: United Nations, A/RES/62/175. Labels: crime-policy-priorities {analysis.__version__}, "
        f"codebook {CODEBOOK_VERSION}."
    )


@pytest.mark.parametrize("resolutions", [1, 7])
def test_heatmap_theme_labels_never_overlap_with_every_theme(resolutions):
    """The two heatmaps show every top-level theme of codebook 2.0 (28 rows): their height grows with
    the rows, so no two row labels overlap (generated counts; only the layout is under test)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from analysis.coding.themes import theme_names
    from analysis.output.figures import theme_share_heatmap, theme_verb_heatmap, top_level_themes

    themes = top_level_themes(theme_names())
    symbols = [f"A/RES/{70 + i}/100" for i in range(resolutions)]
    counts = pd.DataFrame(
        [
            {"symbol": s, "language": "zh", "label": t, "count": 1, "paragraphs": 9, "share": 1 / 9}
            for s in symbols
            for t in themes
        ]
    )
    table = pd.DataFrame({"themes": [themes, themes[:3]], "verb": ["requests", "urges"]})
    for fig in (
        theme_share_heatmap(counts, dict.fromkeys(symbols, 9), themes, "title", "source"),
        theme_verb_heatmap(table, themes, "title", "source"),
    ):
        renderer = FigureCanvasAgg(fig).get_renderer()
        ax = fig.axes[0]
        boxes = [t.get_window_extent(renderer) for t in ax.get_yticklabels() if t.get_text()]
        assert len(boxes) == len(themes)
        assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def test_members_read_in_other_languages_are_named_by_their_profiles(monkeypatch):
    """A series read partly in two other languages (a generated toy language among them): the figures'
    note names each language from its profile, never as 'the' other language."""
    import dataclasses

    from analysis import lang
    from analysis.comparison.series import SeriesAnalysis
    from analysis.output.report import _others_note

    toy = dataclasses.replace(lang.profile("en"), code="xx", name="Toy", xml_codes=("xxx",))
    monkeypatch.setitem(lang._PROFILES, "xx", toy)
    empty = pd.DataFrame()
    read_in = {"A/RES/1/1": "zh", "A/RES/2/2": "en", "A/RES/3/3": "xx", "A/RES/4/4": "en"}
    series = SeriesAnalysis("zh", [(s, 2000) for s in read_in], {}, [], *[empty] * 7, languages=read_in)
    assert series.other_language == ["A/RES/2/2", "A/RES/3/3", "A/RES/4/4"]
    assert _others_note(series) == (
        " (English for A/RES/2/2, A/RES/4/4; Toy for A/RES/3/3; canonical labels shared by these 3 languages)"
    )
    two = dataclasses.replace(series, languages={"A/RES/1/1": "zh", "A/RES/2/2": "en"})
    assert _others_note(two) == " (English for A/RES/2/2; canonical labels shared by both languages)"
    assert _others_note(dataclasses.replace(series, languages={"A/RES/1/1": "zh"})) == ""
