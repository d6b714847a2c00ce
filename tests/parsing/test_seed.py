"""The founding document, A/RES/62/175 (Chinese, text extracted from the UN PDF).

The facts pinned here were established by reading the seed file line by line:
14 preambular paragraphs, 16 operative paragraphs, 8 footnotes; a footnote block
(footnote 1) between preambular paragraphs 5 and 6, another (footnotes 2-7)
inside operative paragraph 2, and one (footnote 8) inside operative paragraph 10.
"""

from __future__ import annotations

import datetime as dt

from analysis.parsing.conservation import conservation_gaps

PREAMBLE_LEADS = [
    "回顾",
    "又回顾",
    "赞赏地注意到",
    "回顾",
    "又回顾",
    "重申",
    "又重申",
    "回顾",
    "欣见",
    "考虑到",
    "强调",
    "回顾",
    "认识到",
    "又认识到",
]


def test_metadata(seed):
    assert seed.symbol == "A/RES/62/175"
    assert seed.language == "zh"
    assert seed.session == 62
    assert seed.title == "加强联合国预防犯罪和刑事司法方案，特别是其技术合作能力"
    assert seed.adopted == dt.date(2007, 12, 18)
    assert seed.committee == "第三委员会"
    assert seed.report == "A/62/440"
    assert seed.plenary_meeting == 77


def test_paragraph_counts(seed):
    assert len(seed.preamble) == 14
    assert [p.number for p in seed.operative] == list(range(1, 17))
    assert [f.marker for f in seed.footnotes] == [str(i) for i in range(1, 9)]
    assert seed.warnings == ()


def test_preamble_leads(seed):
    assert [p.lead for p in seed.preamble] == PREAMBLE_LEADS
    assert all(p.text.startswith(p.lead) for p in seed.preamble)


def test_paragraph_10_reads_across_the_footnote_block(seed):
    p10 = seed.operative[9]
    assert "并敦促办事处在决定关闭和开设办事机构时，考虑各区域" in p10.text
    assert p10.text.endswith("以期继续有效支持各国和各区域在这些领域的努力；")


def test_paragraph_2_reads_across_the_footnote_block(seed):
    p2 = seed.operative[1]
    assert "联合国毒品和犯罪问题办事处的工作对于完成其预防犯罪和刑事司法任务" in p2.text
    assert p2.footnote_markers == ()


def test_no_footnote_text_or_marker_inside_paragraphs(seed):
    footnote_texts = [f.text for f in seed.footnotes]
    for p in seed.preamble + seed.operative:
        for text in footnote_texts:
            assert text not in p.text, (p.ref, text)
        assert "可查阅" not in p.text and "条约汇编" not in p.text and "A/62/126" not in p.text


def test_markers_are_removed_where_they_stood(seed):
    """Each marker sat between these words in the extraction; the words now meet."""
    joins = {
        "preamble 3": "2008-2011年期间的战略，除其他外旨在",
        "preamble 6": "及其议定书、《联合国反腐败公约》以及所有国际反恐公约",
        "preamble 7": "《联合国全球反恐战略》中作出的承诺，",
        "preamble 9": "以有效处理贩运人口问题，",
        "preamble 12": "曼谷宣言》，",
        "operative 1": "执行进度的报告；",
        "operative 3": "《2006-2010年行动纲领》，以减轻犯罪",
        "operative 8": "提请注意秘书长的报告所述新出现的政策问题",
        "operative 11": "及其议定书、《联合国反腐败公约》（《梅里达公约》）及有关恐怖主义",
    }
    by_ref = {p.ref: p.text for p in seed.preamble + seed.operative}
    for ref, words in joins.items():
        assert words in by_ref[ref], ref
    assert by_ref["preamble 9"].endswith("以有效处理贩运人口问题，")


def test_footnotes_and_where_they_are_cited(seed):
    cited = {f.marker: f.cited_in for f in seed.footnotes}
    assert cited == {
        "1": ("preamble 3",),
        "2": ("preamble 6", "operative 11"),
        "3": ("preamble 6", "operative 11"),
        "4": ("preamble 7",),
        "5": ("preamble 9",),
        "6": ("preamble 12",),
        "7": ("operative 1", "operative 8"),
        "8": ("operative 3",),
    }
    assert (
        seed.footnotes[4].text
        == "见《经济及社会理事会正式记录，2007年，补编第10号》（E/2007/30/Rev.1），第一部分，第一章，D节。"
    )
    assert seed.footnotes[7].text == "可查阅www.unodc.org/art/en/ppaa.html。"


def test_spaced_digits_and_fullwidth_numbers_are_normalized(seed):
    assert seed.front_matter[0].replace(" ", "") == "2007年12月18日大会决议"
    assert all(p.label == f"{p.number}." for p in seed.operative)  # "4．" printed full-width
    assert "1991年12月18日第46/152号决议" in seed.preamble[0].text


def test_citations_with_their_organs(seed):
    got = {(c.symbol, c.organ, c.kind, c.paragraph) for c in seed.citations}
    expected = {
        ("A/RES/46/152", "GA", "resolution", "preamble 1"),
        ("A/RES/61/181", "GA", "resolution", "preamble 1"),
        ("A/RES/60/1", "GA", "resolution", "preamble 2"),
        ("A/RES/61/252", "GA", "resolution", "preamble 4"),
        ("A/RES/61/209", "GA", "resolution", "preamble 5"),
        ("A/RES/61/180", "GA", "resolution", "preamble 8"),
        ("CCPCJ decision 16/1", "CCPCJ", "decision", "preamble 9"),
        *{(f"E/RES/2007/{n}", "ECOSOC", "resolution", "preamble 10") for n in (20, 21, 22, 23, 24)},
        ("A/RES/61/143", "GA", "resolution", "preamble 11"),
        ("A/RES/61/181", "GA", "resolution", "operative 1"),
        ("E/DEC/2007/253", "ECOSOC", "decision", "operative 7"),
        ("E/RES/2007/12", "ECOSOC", "resolution", "operative 8"),
        ("E/RES/2007/19", "ECOSOC", "resolution", "operative 8"),
        ("E/RES/2007/12", "ECOSOC", "resolution", "footnote 1"),
        ("E/RES/2007/19", "ECOSOC", "resolution", "footnote 1"),
        ("A/RES/60/288", "GA", "resolution", "footnote 4"),
        ("E/2007/30/Rev.1", "ECOSOC", "document", "footnote 5"),
        ("A/RES/60/177", "GA", "resolution", "footnote 6"),
        ("A/62/126", "GA", "document", "footnote 7"),
    }
    assert got == expected


def test_closing(seed):
    assert [c.replace(" ", "") for c in seed.closing] == ["2007年12月18日", "第77次全体会议"]


def test_conservation(seed, seed_text):
    lost, invented = conservation_gaps(seed_text, seed)
    assert not lost and not invented
    kinds = {a.kind for a in seed.artifacts}
    assert kinds == {"footnote_marker"}
    assert len([a for a in seed.artifacts if a.kind == "footnote_marker"]) == 11
