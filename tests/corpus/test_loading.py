"""Loading the corpus in several processes gives the same resolutions in the same order."""

from __future__ import annotations

import pytest


@pytest.mark.slow  # the whole bundled corpus
def test_parallel_parsing_gives_the_same_order():
    from analysis.corpus.loading import load_resolutions
    from analysis.corpus.registry import Corpus

    corpus = Corpus([])
    one, _ = load_resolutions(corpus)
    two, _ = load_resolutions(corpus, jobs=2)
    assert [(r.symbol, r.language, len(r.operative)) for r in one] == [
        (r.symbol, r.language, len(r.operative)) for r in two
    ]
