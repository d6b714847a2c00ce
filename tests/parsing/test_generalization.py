"""Generalization: the text parser on styles and wordings it was not built on.

Fixtures here are generated in the test from bundled official texts (a lead phrase replaced by an
invented one, stray indents, an operative part cut to one unnumbered clause) and named as such.
The development corpus ../shared/ga-74-78 (sessions 74-77; session 78 is held out from tuning) is
read from there, never committed; those tests are skipped, with the reason, where it is absent.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from analysis import parse_file
from analysis.evaluation.structure import structure_agreement
from analysis.output.text_views import TEXT_STYLES, plain_text, structure
from analysis.parsing.parse import parse_text
from tests.conftest import DEV_CORPUS, UNXML

DEV_SESSIONS = ("74", "75", "76", "77")
needs_dev_corpus = pytest.mark.shared  # skipped, with the reason, when ../shared is absent (conftest.py)
INVENTED_LEAD = {"en": "Solemnly observing", "zh": "郑重察觉到"}  # generated: no such lead in the lexicon


def _with_first_lead_replaced(path: Path):
    r = parse_file(path)
    first = r.preamble[0]
    rest = first.text[len(first.lead) :] if first.lead and first.text.startswith(first.lead) else first.text
    edited = dataclasses.replace(first, text=INVENTED_LEAD[r.language] + rest)
    return dataclasses.replace(r, preamble=(edited,) + r.preamble[1:])


@pytest.mark.parametrize("style", TEXT_STYLES)
@pytest.mark.parametrize("name", ["A_RES_78_229.zh.xml", "A_RES_78_229.en.xml", "A_RES_74_177.zh.xml"])
def test_an_unknown_first_lead_phrase_changes_nothing(name, style):
    r = _with_first_lead_replaced(UNXML / name)
    t = parse_text(plain_text(r, style), language=r.language)
    assert structure(t) == structure(r)


def test_a_few_indented_lines_do_not_change_the_layout():
    r = parse_file(UNXML / "A_RES_78_229.en.xml")
    lines = plain_text(r, "lines").split("\n")
    body = [i for i, line in enumerate(lines) if line and i > len(r.front_matter)]
    for i in body[::8]:  # generated: one line in eight gets a stray indent
        lines[i] = " " + lines[i]
    assert structure(parse_text("\n".join(lines), language="en")) == structure(r)


@pytest.mark.parametrize("style", TEXT_STYLES)
def test_a_preamble_then_one_unnumbered_clause(style):
    r = parse_file(UNXML / "A_RES_77_241.en.xml")
    # generated edit: the first operative paragraph alone, unnumbered, ending as a last paragraph does
    only = dataclasses.replace(
        r.operative[0], number=None, label="", subparagraphs=(), text=r.operative[0].text.rstrip(";") + "."
    )
    r = dataclasses.replace(r, operative=(only,), annexes=())
    t = parse_text(plain_text(r, style), language="en")
    assert structure(t) == structure(r) and t.operative[0].number is None


@needs_dev_corpus
def test_the_example_of_the_issue_74_11_keeps_its_structure():
    r = parse_file(DEV_CORPUS / "A_RES_74_11.en.xml")
    for style in TEXT_STYLES:
        assert structure(parse_text(plain_text(r, style), language="en")) == structure(r), style


# Measured on sessions 74-77 when this floor was set: 99.1 % of 2,381 documents in each style, and every
# document that differs is one of MARKUP_EXCEPTIONS. The floor only stops a regression.
AGREEMENT_FLOOR = 0.99

# Every development document whose rendering does not read as its XML, with the markup problem that
# explains it; each reason is checked below, so the list cannot hide a parser failure.
MARKUP_EXCEPTIONS = {
    # the English and Chinese markup of the same resolution disagree on its structure
    "A_RES_74_266.zh.xml": "languages",  # 正式决定： marked as a preambular paragraph (operative in English)
    "A_RES_76_249.zh.xml": "languages",  # the same
    "A_RES_77_266.zh.xml": "languages",  # numbers typed as "(1.)" and the first items marked as paragraphs
    "A_RES_76_243.zh.xml": "languages",  # paragraphs 1-4 marked as preambular
    "A_RES_76_74.zh.xml": "languages",  # operative paragraphs 1-14 marked as preambular, number typed ("14鼓励")
    "A_RES_77_101.zh.xml": "languages",  # "1.表示赞赏…": numbers typed in preambular markup
    "A_RES_77_208.zh.xml": "languages",  # paragraph 1 marked as preambular
    "A_RES_76_256.en.xml": "languages",  # paragraph 1 has no number in the markup
    "A_RES_74_280.en.xml": "languages",  # table captions marked as annex paragraphs (2 in English, 1 in Chinese)
    "A_RES_74_280.zh.xml": "languages",
    # the operative part is missing from the markup: refusing the text is right
    "A_RES_75_211.zh.xml": "no-operative-part",
    "A_RES_75_234.zh.xml": "no-operative-part",
    "A_RES_77_100.zh.xml": "no-operative-part",
    "A_RES_77_118.en.xml": "no-operative-part",
    # no title line ("76/57. …") in the markup, so no formula after one: refusing the text is right
    "A_RES_76_57.zh.xml": "no-title",
    # a table's caption ("A. Pension Administration") marked as a sub-paragraph labelled "A."
    "A_RES_76_246.en.xml": "caption-as-item",
    "A_RES_76_246.zh.xml": "caption-as-item",
    "A_RES_77_258.en.xml": "caption-as-item",
    "A_RES_77_258.zh.xml": "caption-as-item",
    # annexed list items whose numbers are missing from the markup (". Raise awareness …")
    "A_RES_76_3.en.xml": "annex-numbers-lost",
    "A_RES_76_3.zh.xml": "annex-numbers-lost",
}


def _markup_problem(name: str) -> str:
    """The markup problem found in a development file, by the names used in MARKUP_EXCEPTIONS."""
    from analysis.errors import InputError
    from analysis.parsing.normalize import TITLE_LINE

    other = name.replace(".en.", ".zh.") if ".en." in name else name.replace(".zh.", ".en.")
    try:
        r = parse_file(DEV_CORPUS / name)
    except InputError:
        return ""
    if _markup_without_operative_part(r):
        return "no-operative-part"
    if not any(TITLE_LINE.match(line) for line in r.front_matter):
        return "no-title"
    if any(not s.label.islower() for p in r.operative for s in p.subparagraphs if s.label):
        return "caption-as-item"
    if any(p.text[:1] in ".。" for a in r.annexes for p in a.paragraphs):
        return "annex-numbers-lost"
    if (DEV_CORPUS / other).exists() and structure(parse_file(DEV_CORPUS / other)) != structure(r):
        return "languages"
    return ""


@needs_dev_corpus
def test_structure_agrees_with_the_markup_and_nothing_collapses_silently():
    paths = sorted(str(p) for s in DEV_SESSIONS for p in DEV_CORPUS.glob(f"A_RES_{s}_*.xml"))
    rows = structure_agreement(paths, jobs=2)
    checked = rows[rows["style"] != ""]
    for style, group in checked.groupby("style"):
        rate = (group["status"] == "same").mean()
        assert rate >= AGREEMENT_FLOOR, (style, rate, group["status"].value_counts().to_dict())
    differing = checked[checked["status"] != "same"]
    unexplained = sorted(set(differing["file"]) - set(MARKUP_EXCEPTIONS))
    assert not unexplained, differing[differing["file"].isin(unexplained)][["file", "style", "status"]].to_dict(
        "records"
    )
    stale = sorted(set(MARKUP_EXCEPTIONS) - set(differing["file"]))
    assert not stale, f"listed as exceptions but read as the XML now: {stale}"
    wrong = {
        name: (reason, _markup_problem(name))
        for name, reason in MARKUP_EXCEPTIONS.items()
        if _markup_problem(name) != reason
    }
    assert not wrong, wrong
    collapsed = checked[checked["status"] == "collapsed"]
    structural = "check the structure|numbering has a gap|is duplicated"  # warnings about the structure itself
    silent = collapsed[~collapsed["detail"].fillna("").str.contains(structural)]
    assert silent.empty, silent[["file", "style"]].to_dict("records")


def _markup_without_operative_part(r) -> bool:
    """The XML's <mainBody> holds one unnumbered clause that ends with a comma, as a preambular paragraph
    does (75/211 zh, 77/118 en): the markup lost the operative part, so refusing the text is right."""
    return (
        len(r.operative) == 1 and r.operative[0].number is None and r.operative[0].text.rstrip().endswith((",", "，"))
    )


def test_next_item_labels():
    from analysis.parsing.text_rules import next_item_labels

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
    wrapped = dataclasses.replace(
        third,
        text=f"{third.text.rstrip(';')}, and calls upon Member States,\n"
        "to report on paragraphs 17 and\n18. of resolution 54/2 and on "
        "paragraph 3 (a),\n(b) and (c) of its annex;",
        subparagraphs=(),
    )
    r = dataclasses.replace(r, operative=r.operative[:2] + (wrapped,) + r.operative[3:])
    t = parse_text(plain_text(r, "indent"), language="en")
    assert structure(t) == structure(r) and t.sections == ()
    assert "18. of resolution 54/2" in t.operative[2].text and "(b) and (c) of its annex" in t.operative[2].text


@pytest.mark.parametrize("style", TEXT_STYLES)
def test_an_annex_headed_by_its_title_alone_is_still_an_annex(style):
    r = parse_file(UNXML / "A_RES_76_181.en.xml")
    annex = r.annexes[0]
    # generated edit: the word "Annex" removed, the annexed declaration headed by its title alone
    titled = dataclasses.replace(annex, heading=annex.heading.split("\n", 1)[1])
    t = parse_text(plain_text(dataclasses.replace(r, annexes=(titled,)), style), language="en")
    assert structure(t) == structure(r) and t.closing == r.closing


@pytest.mark.parametrize("style", TEXT_STYLES)
@pytest.mark.parametrize("name", ["A_RES_77_241.en.xml", "A_RES_77_241.zh.xml"])
def test_an_unnumbered_chapeau_ending_with_a_colon_keeps_the_numbered_paragraphs_operative(name, style):
    r = parse_file(UNXML / name)
    # generated edit: no preamble; the first operative paragraph, unnumbered and ending with a colon,
    # stands before the numbered ones ("Resolves that:" then 1., 2., …)
    first = r.operative[0]
    chapeau = dataclasses.replace(
        first,
        number=None,
        label="",
        subparagraphs=(),
        text=first.text.rstrip(";；") + ("：" if r.language == "zh" else ":"),
    )
    renumbered = tuple(dataclasses.replace(p, number=i, label=f"{i}.") for i, p in enumerate(r.operative[1:], 1))
    r = dataclasses.replace(
        r,
        preamble=(),
        operative=(chapeau,) + renumbered,
        front_matter=r.front_matter[:-1] + (r.front_matter[-1].rstrip(",，"),),
    )
    t = parse_text(plain_text(r, style), language=r.language)
    assert structure(t) == structure(r) and t.operative[0].number is None and t.operative[1].number == 1


@pytest.mark.parametrize("style", TEXT_STYLES)
@pytest.mark.parametrize("name", ["A_RES_76_181.en.xml", "A_RES_76_181.zh.xml"])
def test_a_clause_adopting_the_text_that_follows_after_a_preamble(name, style):
    r = parse_file(UNXML / name)
    annex = r.annexes[0]
    # generated edit: the operative part cut to its clause adopting the annexed declaration, ending with
    # a colon, and the declaration printed right after it (its title as heading) and before the closing
    clause = dataclasses.replace(
        r.operative[0],
        number=None,
        label="",
        subparagraphs=(),
        text=r.operative[0].text.rstrip(";；.。") + ("：" if r.language == "zh" else ":"),
    )
    inline = dataclasses.replace(annex, heading=annex.heading.split("\n", 1)[1], inline=True)
    r = dataclasses.replace(r, operative=(clause,), annexes=(inline,))
    t = parse_text(plain_text(r, style), language=r.language)
    assert structure(t) == structure(r), (structure(t)[:2], structure(r)[:2])


@pytest.mark.parametrize("style", TEXT_STYLES)
def test_items_ending_with_a_question_mark(style):
    r = parse_file(UNXML / "A_RES_75_195.en.xml")
    with_items = next(p for p in r.operative if len(p.subparagraphs) >= 2)
    # generated edit: the items of a paragraph turned into questions, as when the Court is asked some
    questions = tuple(dataclasses.replace(s, text=s.text.rstrip(";,.") + "?") for s in with_items.subparagraphs)
    edited = dataclasses.replace(with_items, subparagraphs=questions)
    r = dataclasses.replace(r, operative=tuple(edited if p is with_items else p for p in r.operative))
    t = parse_text(plain_text(r, style), language="en")
    assert structure(t) == structure(r) and t.sections == ()


@pytest.mark.parametrize("style", TEXT_STYLES)
@pytest.mark.parametrize("name", ["A_RES_78_229.en.xml", "A_RES_78_229.zh.xml"])
def test_a_line_continuing_a_preambular_paragraph_after_its_list(name, style):
    r = parse_file(UNXML / name)
    second = r.preamble[1]
    # generated edit: the second preambular paragraph split after its first clause, the rest printed on a
    # line of its own opening with "and …" / "并…", as after a list of items
    cut = second.text.index("，" if r.language == "zh" else ",") + 1
    rest = second.text[cut:].strip()
    rest = ("并" + rest) if r.language == "zh" else ("and " + rest[0].lower() + rest[1:])
    from analysis.model import SubParagraph

    edited = dataclasses.replace(second, text=second.text[:cut], subparagraphs=(SubParagraph("", rest),))
    r = dataclasses.replace(r, preamble=(r.preamble[0], edited) + r.preamble[2:])
    t = parse_text(plain_text(r, style), language=r.language)
    assert structure(t) == structure(r)


@pytest.mark.parametrize("name", ["A_RES_78_229.en.xml", "A_RES_74_177.en.xml"])
def test_a_preambular_paragraph_that_lost_its_end_is_reported_not_merged(name):
    r = parse_file(UNXML / name)
    third = r.preamble[2]
    # generated edit: the third preambular paragraph cut before its final comma and last words
    cut = dataclasses.replace(third, text=third.text[: third.text.rindex(" ")])
    r = dataclasses.replace(r, preamble=r.preamble[:2] + (cut,) + r.preamble[3:])
    t = parse_text(plain_text(r, "indent"), language="en")
    assert structure(t) == structure(r)
    assert any("does not end with punctuation" in w for w in t.warnings)


@needs_dev_corpus
def test_primary_verbs_agree_with_the_markup_and_across_languages():
    from analysis.evaluation.markup import verb_agreement

    paths = sorted(str(p) for s in DEV_SESSIONS for p in DEV_CORPUS.glob(f"A_RES_{s}_*.xml"))
    result = verb_agreement(paths, jobs=2)
    # the issue's targets; measured on sessions 74-77: en 99.6 %, zh 99.5 %, pairs 98.4 %
    assert result.rate("en") >= 0.995 and result.rate("zh") >= 0.99, (result.rate("en"), result.rate("zh"))
    assert result.pair_rate >= 0.98, (result.pair_rate, result.pair_disagreements.most_common(10))


@pytest.mark.parametrize("style", TEXT_STYLES)
def test_a_preambular_paragraph_ending_with_a_colon_before_a_quotation_stays_preambular(style):
    r = parse_file(UNXML / "A_RES_77_241.en.xml")
    second = r.preamble[1]
    # generated edit: an unknown lead, a colon, and the quoted words on a line of their own
    quoting = dataclasses.replace(
        second,
        text="Cognizant of "
        + second.text[0].lower()
        + second.text[1:].rstrip(",")
        + ", in which it declared the following:",
    )
    from analysis.model import SubParagraph

    quoting = dataclasses.replace(
        quoting,
        subparagraphs=(SubParagraph("", "“The world drug problem remains a common and shared responsibility.”,"),),
    )
    r = dataclasses.replace(r, preamble=(r.preamble[0], quoting) + r.preamble[2:])
    t = parse_text(plain_text(r, style), language="en")
    assert structure(t) == structure(r)


@pytest.mark.parametrize("style", TEXT_STYLES)
@pytest.mark.parametrize("name", ["A_RES_77_241.en.xml", "A_RES_74_177.zh.xml"])
def test_an_older_header_without_a_distribution_block(name, style):
    r = parse_file(UNXML / name)
    # generated edit: the front matter of older resolutions: no symbol block, no distribution, no agenda
    # item; the adoption line says it was adopted without reference to a Main Committee
    adopted = "Resolution adopted by the General Assembly" if r.language == "en" else "大会决议"
    committee = "[without reference to a Main Committee]" if r.language == "en" else "[未经发交主要委员会]"
    title = next(line for line in r.front_matter if line.startswith(r.symbol.split("/", 2)[2] + "."))
    older = (adopted, committee, title, r.front_matter[-1])
    t = parse_text(plain_text(dataclasses.replace(r, front_matter=older), style), language=r.language)
    assert structure(t) == structure(r) and t.symbol == r.symbol


@pytest.mark.parametrize("style", TEXT_STYLES)
@pytest.mark.parametrize("name", ["A_RES_76_181.en.xml", "A_RES_76_181.zh.xml"])
def test_a_resumed_meeting_closes_the_resolution_before_its_annex(name, style):
    r = parse_file(UNXML / name)
    # generated edit: the meeting line as printed for a resumed meeting
    resumed = tuple(
        re.sub(r"^(\d+)(st|nd|rd|th) plenary meeting$", r"\1\2 (resumed) plenary meeting", line)
        if r.language == "en"
        else re.sub(r"^(第\d+次全体会议)$", r"\1(续会)", line)
        for line in r.closing
    )
    assert resumed != r.closing
    r = dataclasses.replace(r, closing=resumed)
    t = parse_text(plain_text(r, style), language=r.language)
    assert structure(t) == structure(r) and t.closing == resumed and t.plenary_meeting == r.plenary_meeting
