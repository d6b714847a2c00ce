"""The English and Chinese texts of one resolution get the same labels, paragraph by paragraph."""

from __future__ import annotations

import pytest


@pytest.mark.slow  # the whole bundled corpus
def test_english_and_chinese_labels_agree_on_the_same_resolutions():
    from analysis import default_corpus
    from analysis.evaluation.language import _both_languages, language_agreement

    table = language_agreement(_both_languages(default_corpus())).set_index("measure")
    assert table.loc["primary verb", "resolutions"] == 41
    assert table.loc["primary verb", "agreement"] >= 0.98  # measured 0.990
    assert (table.filter(like="theme:", axis=0)["agreement"] >= 0.95).all()  # measured 0.968-0.999
