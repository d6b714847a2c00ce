"""Shared test fixtures: the bundled corpus and the PDF fixtures."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from analysis.lang import LanguageProfile
from analysis.util import caches
from analysis.util.locations import data_dir

REPO = Path(__file__).resolve().parents[1]
SEED = data_dir() / "raw" / "A_RES_62_175.zh.txt"
UNXML = data_dir() / "raw" / "unxml"  # the bundled AKN4UN XML (41 resolutions, English and Chinese)
PDF_FIXTURES = REPO / "tests" / "fixtures" / "pdf"  # two official English PDFs (see their README)
# every resolution of sessions 74-78 as AKN4UN XML, for development only: never committed
DEV_CORPUS = REPO.parent / "shared" / "ga-74-78"
# tests that take more than a few seconds, by file (nbval notebooks are slow too): `-m "not slow"` skips them
SLOW_FILES = {"test_pdf_roundtrip.py", "test_ocr.py", "test_generalization.py"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``shared`` tests are skipped, with the reason, where ../shared is absent; notebooks are ``slow``."""
    absent = pytest.mark.skip(reason=f"needs the development corpus {DEV_CORPUS} (not committed; absent here)")
    for item in items:
        if item.path.suffix == ".ipynb" or item.path.name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)
        if "shared" in item.keywords and not DEV_CORPUS.is_dir():
            item.add_marker(absent)


# Empty every cache of a module (of the whole package by default), so that a test builds its tables from
# the lexicon again: otherwise only the first test of a session runs the code that builds them, and a
# mutation test would hold just that one test against a mistake in it (see scripts/mutation_score.py).
clear_caches = caches.clear_caches


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    """Every cache of the package empty before the test and again after it (a test that changes what
    the loaders read leaves nothing behind)."""
    clear_caches()
    yield
    clear_caches()


@pytest.fixture
def toy_language(monkeypatch: pytest.MonkeyPatch) -> Callable[[], LanguageProfile]:
    """A function that registers a toy language ``xx`` (no real one: no lexicon rows, no texts) for the
    test only, after the built-in ones; returns its profile."""
    from analysis import lang

    def register() -> LanguageProfile:
        lang.languages()  # the built-in languages first
        toy = dataclasses.replace(  # English's settings but for these, so that later fields need no edit here
            lang.profile("en"),
            code="xx",
            name="Toy",
            xml_codes=("xxx",),
            cased=False,
            lineage_ngrams=("char", (2, 3)),
            model_ngrams=("char", (1, 3)),
            printed_width=(20, 40),
            lead_span_class="bold",
            dates_in_words=False,
            citation_rules=(),
        )
        monkeypatch.setitem(lang._PROFILES, toy.code, toy)
        return toy

    return register


def xml_files() -> list[Path]:
    return sorted(UNXML.glob("A_RES_*.xml"))


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed():
    from analysis import parse_file

    return parse_file(SEED)


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """An empty user corpus (where fetch and add write); returns its directory."""
    home = tmp_path / "home"
    monkeypatch.setenv("CRIMEPOL_HOME", str(home))
    monkeypatch.delenv("CRIMEPOL_CORPUS", raising=False)
    return home
