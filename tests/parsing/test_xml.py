"""The UN's AKN4UN XML (bundled in data/raw/unxml): 41 resolutions in English and Chinese.

Hand counts were read off the raw files (containers in <preamble>, the last
<num> of <mainBody>, distinct authorialNote markers) before the tests were written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

import pytest

from analysis import parse_file
from analysis.errors import InputError
from analysis.io.ingest import read_source
from analysis.parsing.akn import NS
from tests.conftest import UNXML, xml_files


@pytest.fixture(scope="module")
def parsed():
    return {path.name: parse_file(path) for path in xml_files()}


def test_all_82_files_parse(parsed):
    assert len(parsed) == 82
    for name, r in parsed.items():
        assert r.operative, name
        assert r.symbol.startswith("A/RES/"), name
        assert r.adopted is not None and r.title, name


@pytest.mark.parametrize("language", ["en", "zh"])
def test_78_229_by_hand(parsed, language):
    r = parsed[f"A_RES_78_229.{language}.xml"]
    assert r.symbol == "A/RES/78/229" and r.session == 78
    assert r.adopted == dt.date(2023, 12, 19)
    assert r.report == "A/78/482"
    assert r.plenary_meeting == 50
    assert len(r.preamble) == 84
    assert [p.number for p in r.operative] == list(range(1, 94))
    assert len(r.footnotes) == 53
    first = r.operative[0]
    assert first.footnote_markers == ("48",)
    assert r.footnotes[47].cited_in == ("operative 1",)


def test_78_229_leads_and_text():
    r = parse_file(UNXML / "A_RES_78_229.zh.xml")
    assert r.title == "加强联合国预防犯罪和刑事司法方案，特别是其技术合作能力"
    assert r.preamble[0].lead == "重申" and r.preamble[1].lead == "又重申"
    # footnote text is not left inside the paragraph that cites it
    assert "条约汇编" not in r.preamble[1].text
    assert "《联合国反腐败公约》及所有国际反恐公约和议定书的各项决议，" in r.preamble[1].text


def test_75_195_unnumbered_points_are_subparagraphs(parsed):
    r = parsed["A_RES_75_195.en.xml"]
    assert [p.number for p in r.operative] == list(range(1, 18))
    assert [s.label for s in r.operative[2].subparagraphs] == list("abcdefghi")
    assert [s.label for s in r.operative[9].subparagraphs] == list("abcde")
    assert r.operative[2].subparagraphs[0].text.startswith("Strengthening legislative frameworks")


def test_77_236_list_points(parsed):
    r = parsed["A_RES_77_236.en.xml"]
    assert len(r.operative) == 22
    assert [s.label for s in r.operative[5].subparagraphs] == list("abcdefghijk")
    assert [s.label for s in r.operative[14].subparagraphs] == list("abcde")
    assert r.operative[5].footnote_markers == ("11",)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_76_7_declaration_annexed_to_one_clause(parsed, language):
    r = parsed[f"A_RES_76_7.{language}.xml"]
    assert r.preamble == ()
    assert len(r.operative) == 1 and r.operative[0].number is None
    (annex,) = r.annexes
    assert not annex.inline
    assert [p.number for p in annex.paragraphs] == list(range(1, 30))
    assert len(r.footnotes) == 12


def test_english_and_chinese_have_the_same_operative_paragraphs(parsed):
    pairs = defaultdict(dict)
    for r in parsed.values():
        pairs[r.symbol][r.language] = r
    assert len(pairs) == 41
    for symbol, both in pairs.items():
        en, zh = both["en"], both["zh"]
        assert len(en.operative) == len(zh.operative), symbol
        if not en.warnings and not zh.warnings:
            assert [p.number for p in en.operative] == [p.number for p in zh.operative], symbol
        assert [len(p.subparagraphs) for p in en.operative] == [len(p.subparagraphs) for p in zh.operative], symbol
        assert len(en.preamble) == len(zh.preamble), symbol
        assert len(en.footnotes) == len(zh.footnotes), symbol
        assert [len(a.paragraphs) for a in en.annexes] == [len(a.paragraphs) for a in zh.annexes], symbol


def test_a_misprinted_number_is_reported_not_renumbered(parsed):
    """The Chinese XML of 77/235 prints paragraph 15 as "154."; the English prints "15."."""
    zh = parsed["A_RES_77_235.zh.xml"]
    assert zh.operative[14].number == 154
    assert any("154 follows 14" in w for w in zh.warnings)
    assert parsed["A_RES_77_235.en.xml"].operative[14].number == 15
    others = [name for name, r in parsed.items() if r.warnings and name != "A_RES_77_235.zh.xml"]
    assert others == []


def _linked_symbols(path) -> set[str]:
    source = read_source(path)
    doc = source.xml_root[0]
    found = set()
    for part in ("preamble", "mainBody"):
        element = doc.find(NS + part)
        for a in element.iter(NS + "a") if element is not None else ():
            m = re.search(r"undocs\.org/(?:en|ch|zh)/(.+)$", a.get("href", ""))
            if m:
                found.add(m.group(1))
    return found


def test_citations_agree_with_the_markup_links(parsed):
    """The markup links cited documents; the extractor reads plain text and must find most of them.

    Misses are known: pre-1976 symbols with Roman session numbers (2200 A (XXI)), Security
    Council resolutions (1373 (2001)) and links whose href differs from the printed text.
    """
    linked = found = 0
    for path in xml_files():
        r = parsed[path.name]
        symbols = {c.symbol for c in r.citations}
        links = {s for s in _linked_symbols(path) if re.fullmatch(r"[AE]/(?:RES|DEC)/[\w-]+/\d+", s)}
        linked += len(links)
        found += len(links & symbols)
    assert linked > 1300
    assert found / linked >= 0.95


def test_no_economic_and_social_council_resolution_is_called_a_ga_one(parsed):
    for path in xml_files():
        r = parsed[path.name]
        ecosoc_links = {s.split("/", 2)[2] for s in _linked_symbols(path) if s.startswith("E/RES/")}
        for c in r.citations:
            if c.number in ecosoc_links:
                assert c.organ == "ECOSOC", (path.name, c)


def test_text_parser_agrees_with_the_xml_parser(parsed):
    """Render each XML resolution as plain text (one paragraph a line, no markup) and parse it with
    the text parser: same operative numbers, preambular count and annexed paragraphs.

    Files whose XML lacks the enacting formula ('The General Assembly,') cannot be rendered as a
    resolution and are counted separately; there must be very few.
    """
    from analysis.lexicon import anatomy
    from analysis.output.text_views import plain_text
    from analysis.parsing.parse import parse_text

    without_formula = []
    for name, r in parsed.items():
        if not any(anatomy(r.language).formula.match(line) for line in r.front_matter):
            without_formula.append(name)
            continue
        t = parse_text(plain_text(r), language=r.language, source=name)
        assert [p.number for p in t.operative] == [p.number for p in r.operative], name
        assert len(t.preamble) == len(r.preamble), name
        assert [len(a.paragraphs) for a in t.annexes] == [len(a.paragraphs) for a in r.annexes], name
    assert len(without_formula) <= 1, without_formula


def test_preamble_block_list_items_are_kept(parsed):
    """74/176: a <blockList> after a container holds the items of that preambular paragraph."""
    r = parsed["A_RES_74_176.en.xml"]
    assert len(r.preamble) == 40
    reaffirming = r.preamble[7]
    assert reaffirming.text.endswith("was developed:")
    assert [s.label for s in reaffirming.subparagraphs] == list("abcdef")


def test_annex_section_headings_are_not_paragraphs(parsed):
    annex = parsed["A_RES_76_181.en.xml"].annexes[0]
    assert [p.number for p in annex.paragraphs] == list(range(1, 98))
    assert "Advancing crime prevention" in annex.sections


GENERATED = """<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <statement name="resolution">
    <meta><identification source="#generated">
      <FRBRWork><FRBRdate date="2030-01-02" name="adoption"/></FRBRWork>
      <FRBRExpression><FRBRlanguage language="{code}"/></FRBRExpression>
    </identification></meta>
    <coverPage><p><docNumber>A/RES/99/1</docNumber></p></coverPage>
    <preface><p><docTitle>Generated title</docTitle></p></preface>
    <preamble>
      <container name="recalling"><p><span class="italic">Recalling</span> the generated text,</p></container>
    </preamble>
    <mainBody>
      <paragraph><content><p>Noting the generated report,</p></content></paragraph>
      <paragraph><num>1.</num><content><p>Decides to act on the generated matter;</p></content></paragraph>
      <paragraph><num>(a)</num><content><p>On the first generated item;</p></content></paragraph>
      <paragraph><content><p>(b) On the second generated item;</p></content></paragraph>
      <paragraph><content><p>and on a third, continued;</p></content></paragraph>
      <paragraph><num>I</num><content><p>Generated section</p></content></paragraph>
      <paragraph class="HCh"><content><p>A generated title</p></content></paragraph>
      <paragraph><content><p>2. Requests the generated body to report;</p></content></paragraph>
      <paragraph><content><p>A generated sentence that continues paragraph 2.</p></content></paragraph>
      <paragraph><num>3.</num><list><intro><p>Invites the generated bodies:</p></intro>
        <point><num>(a)</num><content><p>To act;</p></content></point>
        <point><num>(b)</num><content><p>To report.</p></content></point></list></paragraph>
    </mainBody>
  </statement>
</akomaNtoso>
"""


def test_each_paragraph_rule_on_generated_markup(tmp_path):
    """One <paragraph> for each rule of akn.PARAGRAPH_RULES, and the paragraph the markup put in
    <mainBody> although it ends the preamble."""
    path = tmp_path / "A_RES_99_1.en.xml"
    path.write_text(GENERATED.format(code="eng"), encoding="utf-8")
    r = parse_file(path)
    assert (r.symbol, r.language, r.adopted, r.title) == ("A/RES/99/1", "en", dt.date(2030, 1, 2), "Generated title")
    assert [p.text for p in r.preamble] == ["Recalling the generated text,", "Noting the generated report,"]
    assert [(p.number, p.label) for p in r.operative] == [(1, "1."), (2, "2."), (3, "3.")]
    first, second, third = r.operative
    # <num>(a)</num> and a typed "(b)" are items; an unnumbered paragraph ending as one does continues
    assert [(s.label, s.text) for s in first.subparagraphs] == [
        ("a", "On the first generated item;"),
        ("b", "On the second generated item; and on a third, continued;"),
    ]
    # a number typed in the text, and a paragraph that continues it
    assert second.text == "Requests the generated body to report; A generated sentence that continues paragraph 2."
    assert [(s.label, s.text) for s in third.subparagraphs] == [("a", "To act;"), ("b", "To report.")]
    # "I" is a section heading, the class HCh a title: headings, not paragraphs
    assert r.sections == ("I Generated section", "A generated title")
    assert r.warnings == ()


def test_the_language_comes_from_the_markup_else_from_the_file_name(tmp_path):
    path = tmp_path / "A_RES_99_1.zh.xml"
    path.write_text(GENERATED.format(code="zho"), encoding="utf-8")
    assert parse_file(path).language == "zh"
    path.write_text(GENERATED.format(code=""), encoding="utf-8")
    assert parse_file(path).language == "zh"
    unnamed = tmp_path / "generated.xml"
    unnamed.write_text(GENERATED.format(code="xyz"), encoding="utf-8")
    with pytest.raises(InputError, match="unknown document language 'xyz'"):
        parse_file(unnamed)
