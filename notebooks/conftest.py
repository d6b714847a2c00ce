"""The notebooks' stored outputs were made from the locked corpus (data/corpus.lock.csv: the seed plus
the shared XML), read from ../shared/corpus in CI or from data/raw after ``crimepol fetch --locked``.

Without that corpus the notebooks still run (they say which documents are missing), but their outputs
differ from the stored ones, so nbval is skipped here with that reason.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("CRIMEPOL_SHARED", Path(__file__).resolve().parents[2] / "shared"))
# CRIMEPOL_SHARED only names the place in the reason; the notebooks find the corpus themselves


def pytest_collection_modifyitems(config, items):
    from analysis.acquire import locked_corpus_available
    from analysis.corpus import default_corpus

    if locked_corpus_available(default_corpus()):
        return
    skip = pytest.mark.skip(reason=f"stored outputs need the locked corpus: ../shared/corpus at {SHARED}, "
                                   "or `crimepol fetch --locked` (not present)")
    for item in items:
        if str(item.fspath).endswith(".ipynb"):
            item.add_marker(skip)
