"""Real UN PDFs (tests/fixtures/pdf). Counts read off the PDFs' text by hand."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from analysis import parse_file
from analysis.io.ingest import read_source
from analysis.parsing.conservation import conservation_gaps
from analysis.parsing.parse import parse_source
from tests.conftest import PDF_FIXTURES

PDF_SHA256 = {  # tests/fixtures/pdf/README.md
    "A_RES_73_3-EN.pdf": "80ca049d0dc8289ee58a2503e465ca0dee84d1c2c645b8161bf37b7dbb216fa7",
    "A_RES_73_6-EN.pdf": "e6907f1db51e2a88fa8937ed1195cbcd1644bf050463cc81edf988ac08f4a98c",
}


def test_the_fixtures_are_the_official_pdfs_byte_for_byte():
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in PDF_FIXTURES.glob("*.pdf")} == PDF_SHA256


@pytest.fixture(scope="module")
def res_73_6():
    return parse_file(PDF_FIXTURES / "A_RES_73_6-EN.pdf")


@pytest.fixture(scope="module")
def res_73_3():
    return parse_file(PDF_FIXTURES / "A_RES_73_3-EN.pdf")


def test_73_6_structure(res_73_6):
    r = res_73_6
    assert (r.symbol, r.language, r.session) == ("A/RES/73/6", "en", 73)
    assert r.adopted == dt.date(2018, 10, 26)
    assert r.plenary_meeting == 26
    assert r.agenda_item == "30"
    assert r.report == "A/73/L.6 A/73/L.6/Add.1"
    assert r.title.startswith("Fiftieth anniversary of the first United Nations Conference")
    assert len(r.preamble) == 25
    assert [p.number for p in r.operative] == list(range(1, 15))
    assert [f.marker for f in r.footnotes] == ["1", "2", "3", "4", "5", "6"]
    assert r.warnings == ()


def test_73_6_leads_and_markers(res_73_6):
    leads = [p.lead for p in res_73_6.preamble]
    assert leads[:4] == ["Recalling", "Recognizing", "Convinced", "Emphasizing"]
    assert "Noting with satisfaction" in leads and "Recognizing also" in leads
    # "Reaffirming, in that regard, General Assembly resolution 51/122 ... Taking into Particular
    # Account the Needs of Developing Countries" is one paragraph, though a line starts with "Taking".
    reaffirming = next(p for p in res_73_6.preamble if p.lead == "Reaffirming")
    assert "Taking into Particular Account the Needs of Developing Countries" in reaffirming.text
    p5 = res_73_6.preamble[4]
    assert "the 2030 Agenda for Sustainable Development, of the Sendai Framework" in p5.text
    assert p5.footnote_markers == ("2", "3", "4")


def test_73_6_footnote_continued_on_next_page(res_73_6):
    last = res_73_6.footnotes[-1]
    assert last.text.startswith("Related documents include A/AC.105/1129")
    assert last.text.endswith("A/AC.105/1180 and A/AC.105/1181.")
    assert last.cited_in == ("preamble 23",)


def test_73_6_headers_are_removed(res_73_6):
    for p in res_73_6.preamble + res_73_6.operative:
        assert "18-17962" not in p.text and "A/RES/73/6" not in p.text and "/5" not in p.text
    assert res_73_6.preamble[3].text.endswith(
        "to continue to shape the global governance of outer space activities to benefit people and the planet,"
    )
    headers = [a.text for a in res_73_6.artifacts if a.kind == "page_header"]
    assert "2/5 18-17962" in headers and "18-17962 (E) 021118" in headers and "*1817962*" in headers


def test_73_3_a_declaration_adopted_by_one_clause(res_73_3):
    """73/3: the sole clause adopts a declaration printed in the resolution, numbered 1-53."""
    r = res_73_3
    assert r.symbol == "A/RES/73/3" and r.adopted == dt.date(2018, 10, 10) and r.plenary_meeting == 18
    assert r.preamble == ()
    assert len(r.operative) == 1
    sole = r.operative[0]
    assert sole.number is None and sole.ref == "operative 1"
    assert sole.text.startswith("Adopts the following political declaration")
    assert sole.text.endswith("on 26 September 2018:")
    (declaration,) = r.annexes
    assert declaration.inline
    assert declaration.heading.startswith("Political declaration of the high-level meeting")
    assert declaration.heading.endswith("and we therefore:")
    assert [p.number for p in declaration.paragraphs] == list(range(1, 54))
    assert declaration.paragraphs[52].text.startswith("Also request the Secretary-General")
    assert [f.marker for f in r.footnotes] == [str(i) for i in range(1, 8)]
    assert r.warnings == ()


def test_73_3_running_title_header_removed(res_73_3):
    for p in res_73_3.annexes[0].paragraphs:
        assert "A/RES/73/3" not in p.text
        assert "Political declaration of the high-level meeting of the General Assembly" not in p.text
    citations = {(c.symbol, c.organ) for c in res_73_3.citations}
    assert ("A/HRC/RES/33/11", "HRC") in citations  # "Human Rights Council resolution 33/11"
    assert ("A/RES/71/3", "GA") in citations


def test_real_hyphens_are_kept(res_73_3):
    texts = " ".join(p.text for p in res_73_3.annexes[0].paragraphs)
    assert "drug-resistant forms" in res_73_3.annexes[0].heading
    assert "high-level meeting" in texts
    assert "drug- resistant" not in texts and "drug-\n" not in texts


@pytest.mark.parametrize("name", ["A_RES_73_6-EN.pdf", "A_RES_73_3-EN.pdf"])
def test_conservation(name):
    source = read_source(PDF_FIXTURES / name)
    r = parse_source(source)
    lost, invented = conservation_gaps(source.text, r)
    assert not lost and not invented
