"""Generalization: the text parser on layouts and wordings it was not built on.

Fixtures here are generated in the test from bundled official texts (a lead phrase replaced by an
invented one, stray indents, an operative part cut to one unnumbered clause) and named as such.
The development corpus ../shared/ga-74-78 (sessions 74-77; session 78 is held out from tuning) is
read from there, never committed; those tests are skipped, with the reason, where it is absent.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from analysis import parse_file
from analysis.evaluation import structure_agreement
from analysis.parse import parse_text
from analysis.render import LAYOUTS, plain_text, structure

from .conftest import REPO, UNXML

DEV_CORPUS = REPO.parent / "shared" / "ga-74-78"
DEV_SESSIONS = ("74", "75", "76", "77")
needs_dev_corpus = pytest.mark.skipif(
    not DEV_CORPUS.is_dir(), reason=f"needs the development corpus {DEV_CORPUS} (not committed; not present here)")
INVENTED_LEAD = {"en": "Solemnly observing", "zh": "郑重察觉到"}  # generated: no such lead in the lexicon


def _with_first_lead_replaced(path: Path):
    r = parse_file(path)
    first = r.preamble[0]
    rest = first.text[len(first.lead):] if first.lead and first.text.startswith(first.lead) else first.text
    edited = dataclasses.replace(first, text=INVENTED_LEAD[r.language] + rest)
    return dataclasses.replace(r, preamble=(edited,) + r.preamble[1:])


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("name", ["A_RES_78_229.zh.xml", "A_RES_78_229.en.xml", "A_RES_74_177.zh.xml"])
def test_an_unknown_first_lead_phrase_changes_nothing(name, layout):
    r = _with_first_lead_replaced(UNXML / name)
    t = parse_text(plain_text(r, layout), language=r.language)
    assert structure(t) == structure(r)


def test_a_few_indented_lines_do_not_change_the_layout():
    r = parse_file(UNXML / "A_RES_78_229.en.xml")
    lines = plain_text(r, "lines").split("\n")
    body = [i for i, line in enumerate(lines) if line and i > len(r.front_matter)]
    for i in body[::8]:  # generated: one line in eight gets a stray indent
        lines[i] = " " + lines[i]
    assert structure(parse_text("\n".join(lines), language="en")) == structure(r)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_preamble_then_one_unnumbered_clause(layout):
    r = parse_file(UNXML / "A_RES_77_241.en.xml")
    # generated edit: the first operative paragraph alone, unnumbered, ending as a last paragraph does
    only = dataclasses.replace(r.operative[0], number=None, label="", subparagraphs=(),
                               text=r.operative[0].text.rstrip(";") + ".")
    r = dataclasses.replace(r, operative=(only,), annexes=())
    t = parse_text(plain_text(r, layout), language="en")
    assert structure(t) == structure(r) and t.operative[0].number is None


@needs_dev_corpus
def test_the_example_of_the_issue_74_11_keeps_its_structure():
    r = parse_file(DEV_CORPUS / "A_RES_74_11.en.xml")
    for layout in LAYOUTS:
        assert structure(parse_text(plain_text(r, layout), language="en")) == structure(r), layout


# Measured on sessions 74-77 when these floors were set: indent and lines 98.4 %, pdf 98.1 % of
# 2,381 documents. The issue's target is 99.5 %; these floors only stop a regression.
AGREEMENT_FLOOR = {"indent": 0.98, "lines": 0.98, "pdf": 0.978}


@needs_dev_corpus
def test_structure_agrees_with_the_markup_and_nothing_collapses_silently():
    paths = sorted(str(p) for s in DEV_SESSIONS for p in DEV_CORPUS.glob(f"A_RES_{s}_*.xml"))
    rows = structure_agreement(paths, jobs=2)
    checked = rows[rows["layout"] != ""]
    for layout, floor in AGREEMENT_FLOOR.items():
        group = checked[checked["layout"] == layout]
        rate = (group["status"] == "same").mean()
        assert rate >= floor, (layout, rate, group["status"].value_counts().to_dict())
    collapsed = checked[checked["status"] == "collapsed"]
    structural = "check the structure|numbering has a gap|is duplicated"  # warnings about the structure itself
    silent = collapsed[~collapsed["detail"].fillna("").str.contains(structural)]
    assert silent.empty, silent[["file", "layout"]].to_dict("records")
    refused = checked[checked["status"] == "refused"]
    unexplained = [name for name in sorted(set(refused["file"])) if not _markup_without_operative_part(name)]
    # 76/57 zh: its XML has no enacting formula in the preamble markup (kept as printed upstream)
    assert set(unexplained) <= {"A_RES_76_57.zh.xml"}, refused[["file", "detail"]].to_dict("records")


def _markup_without_operative_part(name: str) -> bool:
    """The XML's <mainBody> holds one unnumbered clause that ends with a comma, as a preambular paragraph
    does (75/211 zh, 77/118 en): the markup lost the operative part, so refusing the text is right."""
    r = parse_file(DEV_CORPUS / name)
    return len(r.operative) == 1 and r.operative[0].number is None and r.operative[0].text.rstrip().endswith((",", "，"))


def test_next_item_labels():
    from analysis.parse import next_item_labels

    assert next_item_labels("a") == {"b"} and next_item_labels("i") == {"ii", "j"}
    assert next_item_labels("iv") == {"v"} and next_item_labels("z") == {"aa"} and next_item_labels("一") == {"二"}


def test_a_heading_between_numbered_paragraphs_is_a_section():
    r = parse_file(UNXML / "A_RES_78_229.en.xml")
    lines = plain_text(r, "lines").split("\n")
    at = lines.index(next(line for line in lines if line.startswith("5. ")))
    lines[at:at] = ["Technical assistance and capacity-building", ""]  # generated: a heading inserted
    t = parse_text("\n".join(lines), language="en")
    assert structure(t) == structure(r) and t.sections == ("Technical assistance and capacity-building",)


def test_a_text_cut_off_after_its_preamble_is_refused_not_turned_into_a_clause():
    from analysis.errors import InputError

    r = parse_file(UNXML / "A_RES_77_241.en.xml")
    text = plain_text(dataclasses.replace(r, operative=(), annexes=()), "lines")  # generated: operative part cut
    cut = text[: text.rindex(",")] + " and"  # ... and the last preambular paragraph cut mid-sentence
    with pytest.raises(InputError, match="no operative paragraphs"):
        parse_text(cut, language="en")


def test_a_wrapped_reference_is_neither_a_heading_nor_a_paragraph_nor_an_item():
    r = parse_file(UNXML / "A_RES_78_229.en.xml")
    third = r.operative[2]
    # generated edit: paragraph 3 wrapped so that lines begin with "18." and "(b)" as references
    wrapped = dataclasses.replace(third, text=f"{third.text.rstrip(';')}, and calls upon Member States,\n"
                                              "to report on paragraphs 17 and\n18. of resolution 54/2 and on "
                                              "paragraph 3 (a),\n(b) and (c) of its annex;", subparagraphs=())
    r = dataclasses.replace(r, operative=r.operative[:2] + (wrapped,) + r.operative[3:])
    t = parse_text(plain_text(r, "indent"), language="en")
    assert structure(t) == structure(r) and t.sections == ()
    assert "18. of resolution 54/2" in t.operative[2].text and "(b) and (c) of its annex" in t.operative[2].text
