"""Provenance: every corpus file matches the SHA-256 recorded in data/manifest.csv."""

from __future__ import annotations

import csv

import pytest

from analysis.corpus.acquire import add_file
from analysis.corpus.loading import load_resolutions
from analysis.corpus.registry import Corpus, file_name, read_manifest, record_user, sha256_of
from analysis.evaluation.markup import markup_corpus
from tests.conftest import PDF_FIXTURES, SEED, UNXML

SEED_SHA256 = "e92291074996d3c829f1d7f8d162adef50ec9527f78a6b3e297019c36c14f8ce"  # the README that came with the seed


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An empty user corpus for this test."""
    monkeypatch.setenv("CRIMEPOL_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_seed_is_the_official_extraction_byte_for_byte():
    assert sha256_of(SEED) == SEED_SHA256


def test_manifest_records_every_field():
    documents = read_manifest()
    assert len(documents) == 83
    for d in documents:
        assert d.symbol and d.language in ("zh", "en") and d.format in ("text", "xml", "pdf")
        assert d.title and d.adopted and d.path and len(d.sha256) == 64 and d.source
        assert d.root == "bundled"


def test_bundled_files_match_their_hashes(home):
    corpus = Corpus([])
    assert len(corpus.available()) == 83 and all(d.root == "bundled" for d in corpus.available())
    assert corpus.verify() == [] and corpus.warnings == []


def test_bundled_xml_match_the_upstream_manifest():
    corpus = Corpus([])
    with (UNXML / "MANIFEST.csv").open(encoding="utf-8") as fh:
        upstream = {(r["symbol"], r["language"]): r for r in csv.DictReader(fh)}
    assert len(upstream) == 82
    for d in corpus.documents:
        if d.format == "xml":
            row = upstream.pop((d.symbol, d.language))
            assert d.sha256 == row["sha256"] == sha256_of(d.location) and row["upstream_commit"] in d.source
    assert upstream == {}


def test_bundled_corpus_carries_the_attribution():
    readme = (UNXML.parent.parent / "README.md").read_text(encoding="utf-8")
    assert "Source: United Nations" in readme and "without warranty" in readme


def test_a_missing_bundled_file_is_a_problem(home, monkeypatch):
    from analysis.corpus import registry as corpus_module

    rows = corpus_module.read_manifest()
    ghost = corpus_module.replace(rows[1], path="data/raw/unxml/A_RES_99_1.en.xml")  # generated: a lost file
    monkeypatch.setattr(corpus_module, "read_manifest", lambda path=None: rows + [ghost] if path is None else [])
    problems = Corpus([]).verify()
    assert len(problems) == 1 and "A_RES_99_1.en.xml: missing from the installed package" in problems[0]


def test_a_changed_user_file_is_detected(home, tmp_path):
    fixture = tmp_path / "fixture_copy_of_the_seed.txt"
    fixture.write_bytes(SEED.read_bytes())
    document = add_file(fixture, "A/RES/62/175", "zh", source="a test fixture")
    document.location.write_bytes(SEED.read_bytes() + b"\n(edited after it was recorded)\n")  # generated edit
    problems = Corpus([]).verify()
    assert len(problems) == 1 and "SHA-256 differs" in problems[0] and str(document.location) in problems[0]
    record_user(document)  # recording the same row again does not make the edit pass
    assert len(Corpus([]).verify()) == 1


def test_unregistered_files_in_a_corpus_directory_are_found(home, tmp_path):
    (tmp_path / "A_RES_61_181.zh.txt").write_bytes(SEED.read_bytes())  # fixture: a copy of the seed
    docs = Corpus([tmp_path]).find("A/RES/61/181", "zh")
    assert len(docs) == 1 and docs[0].available and docs[0].root == "corpus"


# -- one document, one count ------------------------------------------------------------------------------


def test_an_identical_copy_is_counted_once(home, tmp_path):
    copy = tmp_path / "copy"
    copy.mkdir()
    for path in [SEED, *sorted(UNXML.glob("A_RES_78_229.*.xml"))]:
        (copy / path.name).write_bytes(path.read_bytes())
    corpus = Corpus([copy])
    assert len(corpus.available()) == 83 and corpus.warnings == []
    assert corpus.get("A/RES/78/229", "zh").root == "bundled"
    resolutions, _ = load_resolutions(corpus)
    assert len(resolutions) == 83


def test_marked_paragraphs_are_counted_once_with_a_second_copy_of_the_corpus(home, tmp_path):
    copy = tmp_path / "copy"
    copy.mkdir()
    for path in UNXML.glob("A_RES_*.xml"):
        (copy / path.name).write_bytes(path.read_bytes())
    once = markup_corpus(Corpus([]))
    assert len(once) == 3088  # 1,544 marked operative paragraphs in each language
    assert markup_corpus(Corpus([copy])).equals(once)


def test_a_differing_copy_is_reported_and_the_bundled_one_used(home, tmp_path):
    stray = tmp_path / "stray"
    stray.mkdir()
    # generated fixture: the seed with its last operative paragraph cut off
    text = SEED.read_text(encoding="utf-8")
    (stray / "A_RES_62_175.zh.txt").write_text(text[: text.rindex("\n 16. ")], encoding="utf-8")
    corpus = Corpus([stray])
    assert corpus.get("A/RES/62/175", "zh").location == SEED
    assert len(corpus.warnings) == 1 and "stray" in corpus.warnings[0] and "bundled" in corpus.warnings[0]
    resolutions, _ = load_resolutions(corpus)
    seed = [r for r in resolutions if r.symbol == "A/RES/62/175"]
    assert len(seed) == 1 and len(seed[0].operative) == 16


def test_within_one_place_xml_comes_before_text_before_pdf(home, tmp_path):
    extra = tmp_path / "extra"
    extra.mkdir()
    # generated fixtures: copies of real files under the name of a resolution that is not bundled
    # (the registry reads names, not contents, to decide which copy to use)
    (extra / "A_RES_61_181.zh.pdf").write_bytes((PDF_FIXTURES / "A_RES_73_6-EN.pdf").read_bytes())
    assert Corpus([extra]).get("A/RES/61/181", "zh").format == "pdf"
    (extra / "A_RES_61_181.zh.txt").write_bytes(SEED.read_bytes())
    assert Corpus([extra]).get("A/RES/61/181", "zh").format == "text"
    (extra / "A_RES_61_181.zh.xml").write_bytes((UNXML / "A_RES_78_229.zh.xml").read_bytes())
    corpus = Corpus([extra])
    assert corpus.get("A/RES/61/181", "zh").format == "xml" and corpus.warnings == []  # formats differ: no warning
    assert [d.symbol for d in corpus.available()].count("A/RES/61/181") == 1


def test_user_files_come_before_extra_directories(home, tmp_path):
    extra = tmp_path / "extra"
    extra.mkdir()
    pdf = PDF_FIXTURES / "A_RES_73_6-EN.pdf"
    (extra / "A_RES_73_6.en.pdf").write_bytes(pdf.read_bytes()[:-10] + b"%%EOF\n")  # generated: differs
    added = add_file(pdf, "A/RES/73/6", "en", source="a test fixture")
    corpus = Corpus([extra])
    assert corpus.get("A/RES/73/6", "en") == added
    assert len(corpus.warnings) == 1 and "extra" in corpus.warnings[0]
    assert [d.symbol for d in corpus.available()].count("A/RES/73/6") == 1


@pytest.mark.parametrize(
    "bad", ["../../etc/passwd", "A/RES/62/175/../../x", "A/RES/62", "A/RES/\x0062/175", "A/RES/" + "9" * 500 + "/1"]
)
def test_file_names_are_built_only_from_valid_symbols(bad):
    with pytest.raises(ValueError):
        file_name(bad, "zh", "txt")
    assert file_name("A/RES/62/175", "zh", "txt") == "A_RES_62_175.zh.txt"
