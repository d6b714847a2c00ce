"""Comparison statistics and figures."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from analysis.classify import classify_resolution
from analysis.compare import (
    MODIFIED_AT,
    compare_two,
    js_distance,
    label_counts,
    lineage,
    lineage_summary,
    share_difference,
    strength_profile,
)
from analysis.parse import parse_text
from analysis.report import run_report


def test_share_difference_small_counts():
    result = share_difference(1, 16, 0, 79)
    assert result["difference"] == pytest.approx(-1 / 16)
    assert result["low"] <= result["difference"] <= result["high"]
    assert 0 < result["p_fisher"] <= 1
    assert share_difference(1, 16, 0, 79) == result  # fixed seed: the same interval every run


def test_counts_distance_and_strength(seed):
    labels = classify_resolution(seed)
    themes = label_counts(labels, "theme")
    row = themes[themes["label"] == "africa"].iloc[0]
    assert (row["count"], row["paragraphs"]) == (1, 16)
    assert js_distance(themes, seed.symbol, seed.symbol, "zh") == 0.0
    diff = compare_two(themes, seed.symbol, seed.symbol, "zh", ["funding"])
    assert diff.loc[0, "difference"] == 0 and diff.loc[0, "p_fisher"] == 1.0
    profile = strength_profile(labels)
    assert profile.loc[0, "paragraphs"] == 16 and 1 <= profile.loc[0, "mean_strength"] <= 9


def _fixture_successor(seed_text: str) -> str:
    """A fixture made from the seed: operative paragraph 16 removed, paragraph 5 replaced by a
    placeholder sentence, and the paragraphs after it renumbered."""
    text = seed_text.replace(" 16. 请秘书长向大会第六十三届会议提交报告，说明联合国预防犯罪和刑事", " ")
    text = text.replace("司法方案任务执行情况，并阐述新出现的政策问题和可能的应对办法。", "")
    start = text.index(" 5． 邀请会员国")
    end = text.index(" 6． 敦促")
    return text[:start] + " 5． 决定测试夹具段落内容甲乙丙丁戊己庚辛壬癸；\n\n" + text[end:]


def test_lineage_on_itself_and_on_a_fixture(seed, seed_text):
    same = lineage(seed, seed)
    assert set(same["status"]) == {"retained"} and len(same) == 16
    successor = parse_text(_fixture_successor(seed_text), source="fixture")
    frame = lineage(seed, successor)
    statuses = frame.set_index("earlier")["status"].dropna()
    assert statuses[16] == "dropped"
    assert statuses[5] == "dropped"
    assert (frame["status"] == "new").sum() == 1
    assert (frame["status"] == "retained").sum() == 14
    summary = lineage_summary([frame])
    assert summary.iloc[0][["retained", "modified", "new", "dropped"]].tolist() == [14, 0, 1, 2]
    assert 0 < MODIFIED_AT < 1


def test_report_figures_are_deterministic(tmp_path):
    from analysis.corpus import Corpus

    first = run_report(Corpus([]), tmp_path)
    pictures = sorted(p for p in first.written if p.suffix in (".png", ".svg"))
    assert len(pictures) == 10 and {p.suffix for p in pictures} == {".png", ".svg"}
    digest = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in pictures}
    run_report(Corpus([]), tmp_path)
    assert digest == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in pictures}
    svg = (tmp_path / "figures" / "theme_shares.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and "Source: United Nations" in svg


def test_report_on_the_series(tmp_path):
    from analysis.corpus import Corpus

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


def test_parallel_parsing_gives_the_same_order():
    from analysis.corpus import Corpus
    from analysis.report import load_resolutions

    corpus = Corpus([])
    one, _ = load_resolutions(corpus)
    two, _ = load_resolutions(corpus, jobs=2)
    assert [(r.symbol, r.language, len(r.operative)) for r in one] == [
        (r.symbol, r.language, len(r.operative)) for r in two
    ]


def test_share_grid_gives_wilson_intervals_and_zero_counts():
    from analysis.compare import share_grid

    counts = pd.DataFrame(
        [{"symbol": "A", "language": "zh", "label": "funding", "count": 3, "paragraphs": 16, "share": 3 / 16}]
    )
    grid = share_grid(counts, ["A", "B"], ["funding", "africa"], {"A": 16, "B": 65}).set_index(["symbol", "label"])
    funding = grid.loc[("A", "funding")]
    assert funding["count"] == 3 and round(funding["low"], 3) == 0.066 and round(funding["high"], 3) == 0.430
    absent = grid.loc[("B", "africa")]  # never seen: share 0, but with 65 paragraphs up to 5.6 % is plausible
    assert absent["count"] == 0 and absent["low"] == 0 and round(absent["high"], 3) == 0.056
    assert len(grid) == 4


def test_progress_bars_show_on_a_terminal_only(monkeypatch):
    import io

    from analysis.progress import progress_bar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for stream, shown in ((io.StringIO(), False), (Terminal(), True)):
        monkeypatch.setattr("sys.stderr", stream)
        with progress_bar(3, "testing", enabled=True) as bar:
            assert bool(bar.disable) is not shown  # tqdm sets disable on close, so look inside
            bar.update(3)
        assert ("testing" in stream.getvalue()) is shown
    with progress_bar(3, "testing", enabled=False) as bar:  # the API's default: never a bar
        assert bar.disable


@pytest.mark.parametrize("resolutions", [2, 7, 40])
def test_series_figure_labels_never_overlap(resolutions):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from analysis.figures import share_dotplot

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


def test_a_member_in_the_other_language_is_read_in_that_language_and_said_so():
    from analysis import analyse_series, default_corpus, load_resolutions
    from analysis.report import series_figures

    resolutions, _ = load_resolutions(default_corpus())
    # the corpus as if it had 75/196 only in English
    only_english = [r for r in resolutions if not (r.symbol == "A/RES/75/196" and r.language == "zh")]
    series = analyse_series(only_english)
    row = series.summary.set_index("symbol").loc["A/RES/75/196"]
    assert row["language"] == "en" and row["reading"] == "UN XML markup"
    assert series.other_language == ["A/RES/75/196"]
    assert set(series.summary["language"]) == {"zh", "en"}
    assert not series.differences.empty and "A/RES/75/196" in set(series.differences["later"])
    assert set(series.lineage["from"]) & {"A/RES/75/196"} == set()  # lineage needs one language
    series_figures(series)  # the figures are drawn, with the note naming the English member


def test_english_and_chinese_labels_agree_on_the_same_resolutions():
    from analysis import default_corpus
    from analysis.evaluation import _both_languages, language_agreement

    table = language_agreement(_both_languages(default_corpus())).set_index("measure")
    assert table.loc["primary verb", "resolutions"] == 41
    assert table.loc["primary verb", "agreement"] >= 0.98  # measured 0.990
    assert (table.filter(like="theme:", axis=0)["agreement"] >= 0.95).all()  # measured 0.968-0.999


def test_a_series_whose_focus_is_only_in_english_is_read_in_english_and_said_so():
    from analysis import analyse_series, default_corpus, load_resolutions

    resolutions, _ = load_resolutions(default_corpus())
    english = [r for r in resolutions if r.language == "en"]  # the bundled English texts; 62/175 has none
    assert analyse_series(english) is None  # no focus, no series
    import dataclasses

    stand_in = next(r for r in english if r.symbol == "A/RES/77/241")
    # generated: an English text standing in for the focus under its symbol, as if 62/175 were only in English
    as_focus = dataclasses.replace(stand_in, symbol="A/RES/62/175")
    series = analyse_series([as_focus] + [r for r in english if r.symbol != "A/RES/77/241"])
    assert series.language == "en" and series.other_language == []
    assert not series.differences.empty and series.summary["js_to_62_175"].notna().all()
