"""Provenance: every corpus file matches the SHA-256 recorded in data/manifest.csv."""
from __future__ import annotations

import csv

import pytest

from analysis.corpus import Corpus, file_name, read_manifest, sha256_of

from .conftest import SEED, SHARED_CORPUS, UNXML, needs_shared

SEED_SHA256 = "e92291074996d3c829f1d7f8d162adef50ec9527f78a6b3e297019c36c14f8ce"  # ../shared/corpus/README.md


def test_seed_is_the_official_extraction_byte_for_byte():
    assert sha256_of(SEED) == SEED_SHA256


@needs_shared
def test_seed_equals_the_shared_copy():
    assert SEED.read_bytes() == (SHARED_CORPUS / "A_RES_62_175.zh.txt").read_bytes()


def test_manifest_records_every_field():
    documents = read_manifest()
    assert len(documents) == 83
    for d in documents:
        assert d.symbol and d.language in ("zh", "en") and d.format in ("text", "xml", "pdf")
        assert d.title and d.adopted and d.path and len(d.sha256) == 64 and d.source


def test_repo_files_match_their_hashes():
    corpus = Corpus([])
    repo = [d for d in corpus.documents if d.root == "repo"]
    assert repo and all(d.available for d in repo)
    assert corpus.verify() == []


@needs_shared
def test_shared_files_match_their_hashes_and_the_upstream_manifest():
    corpus = Corpus([SHARED_CORPUS])
    assert len(corpus.available()) == 83
    assert corpus.verify() == []
    with (UNXML / "MANIFEST.csv").open(encoding="utf-8") as fh:
        upstream = {(r["symbol"], r["language"]): r for r in csv.DictReader(fh)}
    for d in corpus.documents:
        if d.root == "corpus":
            row = upstream[(d.symbol, d.language)]
            assert d.sha256 == row["sha256"] and row["upstream_commit"] in d.source


def test_a_changed_file_is_detected(tmp_path):
    fixture_dir = tmp_path / "corpus"
    (fixture_dir / "unxml").mkdir(parents=True)
    (fixture_dir / "unxml" / "A_RES_78_229.zh.xml").write_bytes(b"<akomaNtoso/>")  # fixture, not the real file
    problems = Corpus([fixture_dir]).verify()
    assert len(problems) == 1 and "SHA-256 differs" in problems[0]


def test_unregistered_files_in_a_corpus_directory_are_found(tmp_path):
    (tmp_path / "A_RES_61_181.zh.txt").write_bytes(SEED.read_bytes())  # fixture: a copy of the seed
    docs = Corpus([tmp_path]).find("A/RES/61/181", "zh")
    assert len(docs) == 1 and docs[0].available and docs[0].source == "unregistered local file"


@pytest.mark.parametrize("bad", ["../../etc/passwd", "A/RES/62/175/../../x", "A/RES/62", "A/RES/\x0062/175",
                                 "A/RES/" + "9" * 500 + "/1"])
def test_file_names_are_built_only_from_valid_symbols(bad):
    with pytest.raises(ValueError):
        file_name(bad, "zh", "txt")
    assert file_name("A/RES/62/175", "zh", "txt") == "A_RES_62_175.zh.txt"
