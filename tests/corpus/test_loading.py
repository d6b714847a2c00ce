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


def test_a_refused_file_comes_back_from_a_worker_process_as_its_error(tmp_path):
    from analysis.corpus.loading import _parse_one
    from analysis.errors import InputError
    from analysis.util.progress import ordered_map

    bad = tmp_path / "A_RES_62_175.zh.txt"
    bad.write_text("Report of the Secretary-General\n", encoding="utf-8")  # generated: no resolution in it
    job = (str(bad), "zh", "A/RES/62/175", "", "user")
    one = _parse_one(job)
    results = list(ordered_map(_parse_one, [job, job], 2, "parsing", progress=False))
    assert isinstance(one, InputError) and str(one).startswith(f"{bad}: ")
    assert [(type(r), str(r)) for r in results] == [(type(one), str(one))] * 2
