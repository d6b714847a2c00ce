"""The series of the focus resolution: which language each member is read in, and saying so."""

from __future__ import annotations

import dataclasses

import pytest


@pytest.mark.slow  # the whole bundled corpus
def test_a_member_in_the_other_language_is_read_in_that_language_and_said_so():
    from analysis import analyse_series, default_corpus, load_resolutions
    from analysis.output.report import series_figures

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


@pytest.mark.slow  # the whole bundled corpus
def test_a_series_whose_focus_is_only_in_english_is_read_in_english_and_said_so():
    from analysis import analyse_series, default_corpus, load_resolutions

    resolutions, _ = load_resolutions(default_corpus())
    english = [r for r in resolutions if r.language == "en"]  # the bundled English texts; 62/175 has none
    assert analyse_series(english) is None  # no focus, no series

    stand_in = next(r for r in english if r.symbol == "A/RES/77/241")
    # generated: an English text standing in for the focus under its symbol, as if 62/175 were only in English
    as_focus = dataclasses.replace(stand_in, symbol="A/RES/62/175")
    series = analyse_series([as_focus] + [r for r in english if r.symbol != "A/RES/77/241"])
    assert series.language == "en" and series.other_language == []
    assert not series.differences.empty and series.summary["js_to_62_175"].notna().all()
