"""The format registry (analysis.io) and its one dispatch rule; a toy format, made up here and fed a
text generated from the bundled seed, is read through the public paths without touching any module."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import analysis
from analysis import io as formats
from analysis.cli import main
from analysis.comparison.series import reading
from analysis.corpus.registry import Corpus, match_file_name
from analysis.errors import InputError
from analysis.io.ingest import detect_format, read_source, sniff_format
from analysis.model import SourceText
from analysis.output.text_views import structure
from tests.conftest import SEED

AKN = b'<?xml version="1.0" encoding="UTF-8"?>\n<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'
PAGE = b"<!DOCTYPE html>\n<html><body><pre>The General Assembly,</pre></body></html>"


def test_the_package_formats_in_order():
    assert [f.name for f in formats.formats()] == ["xml", "text", "pdf", "html"]
    assert formats.readable_suffixes() == (".xml", ".txt", ".pdf", ".html", ".htm")
    assert sorted(["pdf", "html", "text", "xml"], key=formats.precedence) == ["xml", "text", "html", "pdf"]
    assert formats.precedence("docx") > formats.precedence("pdf")  # a format this installation lacks: last
    assert [formats.file_extension(n) for n in ("xml", "text", "pdf", "html")] == ["xml", "txt", "pdf", "html"]
    assert formats.display_name("pdf") == "PDF text layer" and formats.display_name("ocr") == "ocr"
    assert formats.for_suffix(".HTM") is formats.named("html")


@pytest.mark.parametrize("first", ["akn_xml", "html_page", "pdf"])
def test_a_format_module_imported_first_keeps_the_order(first):
    """In a fresh interpreter, importing one format's module before anything asked the registry (as
    ``pkgutil.walk_packages`` does) still lists the package's formats in their order."""
    import subprocess
    import sys

    code = f"import analysis.io.{first}; from analysis import io; print([f.name for f in io.formats()])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['xml', 'text', 'pdf', 'html']"


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"%PDF-1.7\n", "a.txt", "pdf"),  # a signature wins over the name
        (PAGE, "a.xml", "xml"),  # a name that decides
        (AKN, "a.html", "html"),
        (b"The General Assembly,", "a.htm", "html"),
        (PAGE, "a.txt", "html"),  # the name of plain text decides nothing: the bytes are sniffed
        (AKN, "a.txt", "xml"),
        (b"\xef\xbb\xbf" + AKN, "a", "xml"),
        (b"  \n" + PAGE.replace(b"<!DOCTYPE html>\n", b'<?xml version="1.0"?>\n'), "a.dat", "html"),  # XHTML
        (b"The General Assembly,", "a.md", "text"),  # nothing recognises it: the fallback
        ("\ufeff<!DOCTYPE html><html>".encode("utf-16-le"), "a.txt", "html"),  # UTF-16 is decoded to sniff
    ],
)
def test_one_rule_chooses_the_format(data, name, expected):
    assert detect_format(data, Path(name)).name == expected
    if Path(name).suffix in (".txt", ".md", ".dat", ""):  # names that decide nothing: the download's rule
        assert sniff_format(data) == expected


def test_a_file_named_for_a_signed_format_without_the_signature_is_refused():
    with pytest.raises(InputError, match=r"^a\.pdf: not a PDF \(no %PDF header\)$"):
        detect_format(b"The General Assembly,", Path("a.pdf"))


def test_a_format_that_clashes_is_refused():
    text = formats.named("text")
    assert text is not None
    with pytest.raises(ValueError, match="already taken"):
        formats.register(formats.Format("plain", (".txt",), "plain", 5, text.read, sniff=lambda head: False))
    with pytest.raises(ValueError, match="fallback"):
        formats.register(formats.Format("plain", (".plain",), "plain", 5, text.read))
    assert formats.named("plain") is None


# -- a toy format --------------------------------------------------------------------------------------
TOY_HEADER = b"CRIMEPOL-TOY 1\n"


def generated_toy(text: str) -> bytes:
    """A made-up format: a header line, then every line of the text behind a bar."""
    return TOY_HEADER + "".join(f"| {line}\n" for line in text.split("\n")).encode("utf-8")


def read_toy(path: Path, data: bytes) -> SourceText:
    lines = data.removeprefix(TOY_HEADER).decode("utf-8").split("\n")
    if not all(line.startswith("| ") for line in lines[:-1]):
        raise InputError(path, "not a toy file (a line without its bar)")
    return SourceText(path=str(path), format="toy", text="\n".join(line[2:] for line in lines[:-1]))


@pytest.fixture
def toy():
    fmt = formats.register(
        formats.Format(
            "toy", (".toy",), "toy file", 9, read_toy, sniff=lambda head: head.startswith(TOY_HEADER.strip())
        )
    )
    yield fmt
    formats.unregister("toy")


def test_a_registered_toy_format_is_read_through_the_public_paths(toy, tmp_path, capsys, seed):
    folder = tmp_path / "generated"
    folder.mkdir()
    path = folder / "generated_seed.toy"
    path.write_bytes(generated_toy(SEED.read_text(encoding="utf-8")))

    [loaded] = analysis.load([path])
    assert loaded.source_format == "toy" and reading(loaded) == "toy file"
    assert structure(loaded) == structure(seed)
    [scanned] = analysis.load([folder])  # a directory lists the registered format's files
    assert structure(scanned) == structure(seed)

    output = tmp_path / "out.json"
    assert main(["parse", str(path), "-o", str(output)]) == 0
    parsed = json.loads(output.read_text(encoding="utf-8"))
    assert (len(parsed["preamble"]), len(parsed["operative"])) == (len(seed.preamble), len(seed.operative))

    sniffed = path.rename(folder / "generated_seed.dat")  # a name that says nothing: the bytes are sniffed
    assert read_source(sniffed).format == "toy"


def test_a_toy_file_with_a_canonical_name_is_a_corpus_copy(toy, sandbox, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "A_RES_62_175.zh.toy").write_bytes(generated_toy(SEED.read_text(encoding="utf-8")))
    assert match_file_name("A_RES_62_175.zh.toy") is not None
    copies = [d for d in Corpus([folder]).copies if d.root != "bundled"]
    assert [(d.symbol, d.language, d.format) for d in copies] == [("A/RES/62/175", "zh", "toy")]


def test_without_the_toy_format_its_files_are_not_the_corpus():
    assert match_file_name("A_RES_62_175.zh.toy") is None
    assert match_file_name("A_RES_62_175.zh.htm") is None  # only a format's canonical extension names a copy
    assert match_file_name("A_RES_62_175.zh.html") is not None
