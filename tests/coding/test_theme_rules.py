"""Theme rules of issue 12: strict corruption, money laundering, names that are the subject, short
references, Africa and funding. The phrases are generated for the tests (clauses, not resolutions);
the short-reference tests also use bundled resolutions, read from their official files."""

from __future__ import annotations

import dataclasses

import pytest

from analysis import Corpus, parse_file
from analysis.coding.labels import classify_resolution
from analysis.coding.references import short_references
from analysis.coding.themes import parents, read_themes
from analysis.learned.option import classify_with
from analysis.model import Paragraph


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        # corruption is strict; money laundering is its own theme; both where the paragraph ties them
        ("to counter money-laundering and illicit financial flows", "en", {"money_laundering"}, {"corruption"}),
        ("打击洗钱和非法资金流动", "zh", {"money_laundering"}, {"corruption"}),
        ("the laundering of the proceeds of corruption", "en", {"corruption", "money_laundering"}, set()),
        ("to prevent bribery of foreign public officials", "en", {"corruption"}, {"money_laundering"}),
        ("the Global Judicial Integrity Network and judicial integrity", "en", {"corruption"}, set()),
        # confiscation is asset recovery where the paragraph is about corruption, money laundering elsewhere
        ("the confiscation of assets derived from corruption offences", "en", {"corruption"}, {"money_laundering"}),
        ("the confiscation of assets of organized criminal groups", "en", {"money_laundering"}, {"corruption"}),
        ("没收腐败所得资产", "zh", {"corruption"}, {"money_laundering"}),
        ("没收有组织犯罪集团的犯罪所得", "zh", {"money_laundering"}, {"corruption"}),
        # a name stops a theme only where it is incidental
        (
            "the meetings of the Inter-Agency Coordination Group against Trafficking in Persons",
            "en",
            {"trafficking"},
            set(),
        ),
        ("the Sharing Electronic Resources and Laws on Crime knowledge management portal", "en", set(), {"funding"}),
        ("Tools and Resources for Anti-Corruption Knowledge", "en", set(), {"funding"}),
        ("the Rule of Law Coordination and Resource Group", "en", set(), {"funding"}),
        # funding: budget-neutral phrases count; the terrorists' financing and look-alike words do not
        ("subject to the availability of extrabudgetary resources", "en", {"funding"}, set()),
        ("despite the resource constraints under which it operates", "en", {"funding"}, set()),
        ("a cost-sharing initiative", "en", {"funding"}, set()),
        ("the financial and technical support necessary to the Institute", "en", {"funding"}, set()),
        (
            "any person who participates in the financing, planning or perpetration of terrorist acts",
            "en",
            {"terrorism"},
            {"funding"},
        ),
        ("to prevent the financing and travel of foreign terrorist fighters", "en", {"terrorism"}, {"funding"}),
        ("包括提供资料说明遵守情况", "zh", set(), {"funding"}),
        ("向研究所提供必要的财政和技术支持", "zh", {"funding"}, set()),
        # terrorists, plural
        ("trafficking in cultural property by terrorists", "en", {"terrorism", "trafficking"}, set()),
        # Africa: countries, regions, institutions; not a venue, not Papua New Guinea
        ("thanks the Government of Uganda as host country of the Institute", "en", {"africa"}, set()),
        ("乌干达政府作为东道国", "zh", {"africa"}, set()),
        ("trafficking in persons in the Sahel and West Africa", "en", {"africa", "trafficking"}, set()),
        ("the conference held in Sharm el-Sheikh, Egypt, from 13 to 17 December", "en", set(), {"africa"}),
        ("在埃及沙姆沙伊赫举行的会议", "zh", set(), {"africa"}),
        ("cooperation with Papua New Guinea", "en", set(), {"africa"}),
        ("与巴布亚新几内亚合作", "zh", set(), {"africa"}),
        # traps found on resolutions outside the gold (a review of issue 12)
        ("近东和中东非法贩运毒品", "zh", {"trafficking"}, {"africa"}),
        ("在努尔苏丹举行的会议", "zh", set(), {"africa"}),
        ("拉斐尔·马里亚诺·格罗西先生", "zh", set(), {"africa"}),
        ("《突尼斯议程》和《毛里求斯战略》", "zh", set(), {"africa"}),
        ("the Tunis Agenda and the Mauritius Strategy", "en", set(), {"africa"}),
        ("a meeting held in Vienna in cooperation with the African Union", "en", {"africa"}, set()),
        ("discussions conducted in Marrakech, Morocco, from 7 to 18 November", "en", set(), {"africa"}),
        ("the session hosted by Egypt", "en", set(), {"africa"}),
        ("在非洲联盟的支持下举行的会议", "zh", {"africa"}, set()),
        ("族裔清洗", "zh", set(), {"money_laundering"}),
        ("the seizure and confiscation of firearms", "en", {"trafficking"}, {"money_laundering"}),
        ("没收非法枪支", "zh", set(), {"money_laundering"}),
        ("the confiscation of the proceeds of organized crime", "en", {"money_laundering"}, set()),
        ("the proceeds of crime in cases of corruption", "en", {"corruption"}, {"money_laundering"}),
        ("财政影响和财政空间", "zh", set(), {"funding"}),
        ("to ensure the stability of its financing", "en", {"funding"}, set()),
        ("to deprive criminals of the financial means", "en", set(), {"funding"}),
        ("trading in influence and illicit enrichment", "en", {"corruption"}, set()),
    ],
)
def test_issue_12_theme_rules(text, language, present, absent):
    found = set(read_themes(text, language))
    assert present <= found and not (absent & found), found


def _operative(resolution, number):
    return next(x for x in classify_resolution(resolution) if x.number == number)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_short_references_resolve_to_the_convention_the_resolution_names(language):
    """In the bundled corruption resolution every operative mention of "the Convention" / 《公约》 stands
    for the Convention against Corruption, which the title names: such paragraphs are corruption with
    both names as evidence."""
    resolution = parse_file(Corpus().get("A/RES/75/194", language).location, language=language)
    references = short_references(resolution)
    fulls = {r.full for refs in references.values() for r in refs}
    assert len(references) >= 40
    assert fulls <= {
        "United Nations Convention against Corruption",
        "《联合国反腐败公约》",
        "Mechanism for the Review of Implementation of the United Nations Convention against Corruption",
        "《联合国反腐败公约》执行情况审查机制",
    }
    labels = classify_resolution(resolution)
    by_reference_only = [
        x for x in labels if all("→" in h.evidence for h in x.themes.get("corruption", ())) and "corruption" in x.themes
    ]
    assert by_reference_only, "some paragraph is corruption only through its short reference"
    arrow = (
        "the Convention→United Nations Convention against Corruption"
        if language == "en"
        else "《公约》→《联合国反腐败公约》"
    )
    assert any(arrow in item for x in by_reference_only for item in x.evidence())


def test_a_short_reference_with_two_candidates_and_no_title_gives_no_theme():
    """Generated edit of a bundled resolution: its preamble gains a second convention and its title
    loses the first, so "the Convention" could be either and is left unresolved."""
    original = parse_file(Corpus().get("A/RES/75/194", "en").location, language="en")
    second = Paragraph(
        "preamble",
        len(original.preamble) + 1,
        "Recalling the United Nations Convention against Transnational Organized Crime,",
    )
    edited = dataclasses.replace(original, title="A generated title", preamble=original.preamble + (second,))

    def conventions(resolution):
        return [r for refs in short_references(resolution).values() for r in refs if r.short == "the Convention"]

    assert conventions(original)
    assert not conventions(edited)
    # the Mechanism is still the one mechanism the resolution names in full
    assert any(r.short == "the Mechanism" for refs in short_references(edited).values() for r in refs)


def test_the_institute_stands_for_unafri_in_its_resolution():
    for language in ("en", "zh"):
        resolution = parse_file(Corpus().get("A/RES/75/197", language).location, language=language)
        refs = [r for refs in short_references(resolution).values() for r in refs]
        assert refs and all("African" in r.full or "非洲" in r.full for r in refs)
        labels = classify_resolution(resolution)
        assert sum("africa" in x.themes for x in labels) >= 0.8 * len(labels)


def test_learned_and_union_theme_options_on_a_resolution_outside_the_gold():
    """The learned model is an option: its themes say where they come from; union keeps every lexicon label."""
    from analysis.learned.option import EVIDENCE

    resolution = parse_file(Corpus().get("A/RES/80/229", "en").location, language="en")
    lexicon = classify_resolution(resolution)
    learned = classify_with(resolution, themes="learned")
    union = classify_with(resolution, themes="union")
    six = {"trafficking", "corruption", "money_laundering", "terrorism", "africa", "funding"}
    assert len(lexicon) == len(learned) == len(union)
    assert any(x.themes for x in learned)
    for lex, model, both in zip(lexicon, learned, union):
        for theme, hits in model.themes.items():
            assert theme not in six or all(h.evidence == EVIDENCE for h in hits)
        # outside the six the lexicon decides in every mode (a sub-theme goes with its umbrella)
        parent = parents()
        assert {t for t in model.themes if t not in six} == {
            t for t in lex.themes if t not in six and (parent[t] not in six or parent[t] in model.themes)
        }
        assert set(lex.themes) <= set(both.themes)
        assert set(both.themes) == set(lex.themes) | set(model.themes)


def test_classify_command_takes_the_theme_model(tmp_path):
    from analysis.cli import main

    out = tmp_path / "learned.csv"
    assert (
        main(["classify", "A/RES/80/229", "--lang", "zh", "--themes", "learned", "--format", "csv", "-o", str(out)])
        == 0
    )
    assert "learned model" in out.read_text(encoding="utf-8")


def test_an_english_full_name_ends_before_the_next_instrument():
    from analysis.coding.references import _full_names, _kinds

    convention = next(k for k in _kinds("en") if k.name == "convention")
    text = (
        "Recalling the United Nations Convention against Transnational Organized Crime and the Protocols "
        "thereto and the United Nations Convention against Corruption, and the Convention to Combat "
        "Desertification in Those Countries Experiencing Serious Drought and/or Desertification, "
        "Particularly in Africa,"
    )
    names = [n for _, _, n in _full_names(convention, text)]
    assert names[:2] == [
        "United Nations Convention against Transnational Organized Crime",
        "United Nations Convention against Corruption",
    ]
    assert names[2].startswith("Convention to Combat Desertification")


def test_a_qualifier_of_the_instrument_gives_no_theme():
    """ "particularly in Africa" in a convention's name is not what a reference to it is about."""
    original = parse_file(Corpus().get("A/RES/75/194", "en").location, language="en")
    preamble = (
        Paragraph(
            "preamble",
            1,
            "Recalling the Convention to Combat Desertification in Those Countries "
            "Experiencing Serious Drought and/or Desertification, Particularly in Africa,",
        ),
    )
    operative = (Paragraph("operative", 1, "Calls upon States parties to implement the Convention;", number=1),)
    edited = dataclasses.replace(
        original, title="A generated title", preamble=preamble, operative=operative, annexes=()
    )
    [labels] = classify_resolution(edited)
    assert "africa" not in labels.themes
    assert next(r.full for refs in short_references(edited).values() for r in refs).startswith("Convention to Combat")


def test_chinese_mechanism_and_plan_references():
    """UN Chinese says 执行情况审查机制 / 该机制; 76/186 spells the Global Plan three ways (one plan)."""
    corruption = parse_file(Corpus().get("A/RES/75/194", "zh").location, language="zh")
    shorts = {r.short for refs in short_references(corruption).values() for r in refs}
    assert {"《公约》", "该机制"} <= shorts
    trafficking = parse_file(Corpus().get("A/RES/76/186", "zh").location, language="zh")
    refs = [r for v in short_references(trafficking).values() for r in v if "行动计划" in r.short]
    assert refs and all("全球行动计划" in r.full for r in refs)
    english = parse_file(Corpus().get("A/RES/76/186", "en").location, language="en")
    assert len(refs) == len([r for v in short_references(english).values() for r in v if "Plan" in r.short])


def test_learned_mode_keeps_sub_themes_under_their_umbrella():
    resolution = parse_file(Corpus().get("A/RES/78/229", "en").location, language="en")
    for mode in ("learned", "union"):
        for x in classify_with(resolution, themes=mode):
            for child, parent in parents().items():
                assert not (parent and child in x.themes and parent not in x.themes), (mode, x.number, child)
