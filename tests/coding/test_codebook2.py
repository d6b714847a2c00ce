"""The cases of codebook 2.0 (docs/codebook.md; issue 21), each held by a rule: a bundled paragraph read as
it is printed, and the same paragraph edited so that the rule's condition no longer holds (the label goes
with it), or a generated clause. No paragraph is special-cased: the edits show that the words decide."""

from __future__ import annotations

import dataclasses
import functools

import pytest

from analysis.coding.labels import ParagraphLabels, classify_paragraph, classify_resolution
from analysis.coding.money import kind_names
from analysis.coding.themes import parents, read_themes, theme_names
from analysis.coding.verbs import read_verbs, strengths
from analysis.corpus.documents import read_document
from analysis.corpus.registry import Corpus
from analysis.model import Paragraph, Resolution


@functools.cache
def resolution(symbol: str, language: str) -> Resolution:
    return read_document(Corpus(bundled_only=True).get(symbol, language))


def paragraph(symbol: str, language: str, number: int) -> ParagraphLabels:
    """One operative paragraph as the classifier reads it in its resolution (short references resolved)."""
    return next(x for x in classify_resolution(resolution(symbol, language)) if x.number == number)


def edited(symbol: str, language: str, number: int, old: str, new: str) -> ParagraphLabels:
    """The same paragraph with ``old`` replaced by ``new`` (which must be there), read alone."""
    original = paragraph(symbol, language, number).paragraph
    assert old in original.text, old
    changed = dataclasses.replace(original, text=original.text.replace(old, new), subparagraphs=())
    return classify_paragraph(symbol, language, changed)


def generated(text: str, language: str) -> ParagraphLabels:
    """A generated operative paragraph, read alone."""
    return classify_paragraph("A/RES/0/0", language, Paragraph(part="operative", index=1, text=text, number=1))


def themes(text: str, language: str) -> set[str]:
    return set(read_themes(text, language))


# --- names and titles ----------------------------------------------------------------------------------


def test_an_english_title_is_masked_after_its_closing_quotation_mark():
    """80/229 op 9: a political declaration cited by its title; the title's words count once it is no
    longer a title (the English mask used to miss everything after the closing ”)."""
    cited = paragraph("A/RES/80/229", "en", 9)
    assert "entitled “" in cited.paragraph.text and not {"corruption", "international_cooperation"} & set(cited.themes)
    untitled = edited("A/RES/80/229", "en", 9, "entitled “", "on “")
    assert {"corruption", "international_cooperation"} <= set(untitled.themes)
    # the mask is whole words at both ends: the word after the closing mark is read again
    assert themes("the report entitled “Crime statistics” on corruption", "en") == {"corruption"}


def test_the_theme_of_a_debate_is_not_a_title():
    """80/229 op 22 (Chinese): 主题为“…” (on the theme “…”) names what the debate is about; 题为“…” is a title."""
    debate = paragraph("A/RES/80/229", "zh", 22)
    assert "主题为“" in debate.paragraph.text
    assert {"trafficking", "wildlife_forest_trafficking", "environmental_crime"} <= set(debate.themes)
    assert {"trafficking", "environmental_crime"} <= set(debate.subjects)
    titled = edited("A/RES/80/229", "zh", 22, "主题为“", "题为“")
    assert not {"trafficking", "environmental_crime"} & set(titled.themes)


def test_smuggling_of_commercial_goods_is_trafficking_in_both_languages():
    """80/229 op 52: "smuggling of commercial goods" and 商业货物走私 (走私 = smuggling)."""
    for language in ("en", "zh"):
        found = set(paragraph("A/RES/80/229", language, 52).themes)
        assert {"trafficking", "other_goods_trafficking"} <= found, language
    assert themes("打击走私活动", "zh") == {"trafficking"}


# --- vocabulary: traps of Chinese ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("加强这方面的司法协助", {"international_cooperation"}, set()),  # 司法协助 = mutual legal assistance
        ("加强这方面的司法互助", {"international_cooperation"}, set()),
        ("尽可能提高获得法律援助的机会", {"access_to_justice", "criminal_justice_reform"}, {"technical_assistance"}),
        ("向受害人提供援助", {"victims_witnesses"}, {"technical_assistance"}),  # bare 援助 is no technical sense
        ("建设执法能力", {"technical_assistance"}, set()),  # 建设…能力 within a short window
        ("建设区域和地方两级的打击跨国有组织犯罪的执法能力", {"organized_crime"}, {"technical_assistance"}),
    ],
)
def test_chinese_vocabulary(text, present, absent):
    found = themes(text, "zh")
    assert present <= found and not (absent & found), found


def test_legal_aid_is_not_technical_assistance_in_a_real_paragraph():
    """74/177 op 35 (Chinese) asks for legal aid and for technical assistance; without the second, only
    access to justice is left."""
    both = set(paragraph("A/RES/74/177", "zh", 35).themes)
    assert {"access_to_justice", "technical_assistance"} <= both
    legal_aid_only = edited("A/RES/74/177", "zh", 35, "提供这方面技术援助", "提供这方面的支持")
    assert "access_to_justice" in legal_aid_only.themes and "technical_assistance" not in legal_aid_only.themes


# --- verbs ----------------------------------------------------------------------------------------------


def test_bearing_in_mind_is_opening_only():
    """74/177 op 35 (Chinese): …，同时铭记… is *bearing in mind* inside the call, not a further verb."""
    reading = paragraph("A/RES/74/177", "zh", 35).verbs
    assert "铭记" in paragraph("A/RES/74/177", "zh", 35).paragraph.text
    assert "takes_into_account" not in reading.verbs
    assert read_verbs("铭记会员国的努力；", "zh").verb == "takes_into_account"


def test_a_half_width_comma_opens_a_further_verb_in_chinese():
    full, half = (read_verbs(f"注意到秘书长的报告{mark}并请办事处继续提供协助；", "zh") for mark in ("，", ","))
    assert full.verbs == half.verbs == ("notes", "requests")
    edit = edited("A/RES/62/175", "zh", 4, "，并请", ",并请")
    assert edit.verbs.verbs == paragraph("A/RES/62/175", "zh", 4).verbs.verbs == ("notes", "requests")


def test_demand_of_a_body_the_assembly_directs_is_a_request():
    """74/177 op 35 (Chinese): 此外要求联合国毒品和犯罪问题办公室继续… renders *requests the Office*; 要求
    addressed to anyone else is a demand."""
    asked = paragraph("A/RES/74/177", "zh", 35)
    assert asked.verbs.verbs == ("calls_upon", "requests") and "unodc" in asked.addressee_codes()
    assert "unodc:assistance" in [m.code for m in asked.mandates]
    of_parties = edited("A/RES/74/177", "zh", 35, "此外要求联合国毒品和犯罪问题办公室继续", "此外要求各方继续")
    assert of_parties.verbs.verbs == ("calls_upon", "demands") and not of_parties.mandates
    assert read_verbs("要求各方立即停止敌对行动；", "zh").verb == "demands"
    assert paragraph("A/RES/74/177", "en", 35).verbs.verbs == ("calls_upon", "requests")  # the English text


def test_a_recalled_invitation_is_not_reissued():
    """80/229 op 10: "Recalls its invitation" is recalls, with no addressee; "Reiterates its invitation" is
    the invitation again."""
    recalled = paragraph("A/RES/80/229", "en", 10)
    assert recalled.verbs.verbs == ("recalls",) and not recalled.addressees
    assert paragraph("A/RES/80/229", "zh", 10).verbs.verb == "recalls"
    reissued = edited("A/RES/80/229", "en", 10, "Recalls its invitation", "Reiterates its invitation")
    assert (reissued.verbs.verb, reissued.verbs.modifiers) == ("invites", ("again",))
    assert "other_bodies" in reissued.addressee_codes()


def test_a_decision_about_the_assemblys_agenda_is_procedural():
    """80/229 op 79: "Decides to consider the question … at its eighty-second session" records no policy:
    class procedural, strength 0, the Assembly's meeting at that session; a decision that gives work stays
    decides."""
    assert strengths()["procedural"] == 0 < min(v for k, v in strengths().items() if k != "procedural")
    for language in ("en", "zh"):
        decision = paragraph("A/RES/80/229", language, 79)
        assert (decision.verbs.verb, decision.verbs.strength) == ("procedural", 0), language
        assert [m.code for m in decision.mandates] == ["assembly:meeting:82"], language
    work = edited("A/RES/80/229", "en", 79, "Decides to consider the question of", "Decides to convene a meeting on")
    assert work.verbs.verb == "decides"


def test_notes_and_takes_note_are_one_class_and_the_lead_keeps_the_words():
    """The two English leads and the two Chinese forms of 2007 and today are notes; lead keeps the print."""
    for text, language in [
        ("Takes note with appreciation of the report;", "en"),
        ("Notes with appreciation the report;", "en"),
        ("赞赏地注意到秘书长的报告；", "zh"),
        ("表示赞赏地注意到秘书长的报告；", "zh"),
    ]:
        assert read_verbs(text, language).verb == "notes", text
    noted = paragraph("A/RES/80/229", "en", 20)
    assert (noted.verbs.verb, noted.lead) == ("notes", "Takes note of")


# --- money ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "kinds"),
    [
        (16, ["other_money"]),  # donors named in a coordination call
        (20, ["conditional"]),  # subject to the availability of extrabudgetary resources
        (22, ["budget_neutral"]),  # within existing resources
        (29, ["new_resources"]),  # adequate resources
        (30, ["voluntary"]),  # voluntary contributions
        (39, ["budget_neutral"]),  # within its mandate and existing resources
    ],
)
def test_each_funding_kind_in_both_languages(number, kinds):
    for language in ("en", "zh"):
        read = paragraph("A/RES/80/229", language, number)
        assert "funding" in read.themes and list(read.funding_kinds) == kinds, (language, read.funding_kinds)
    assert kind_names() == ["budget_neutral", "conditional", "voluntary", "new_resources", "other_money"]


def test_budget_neutral_money_is_a_mention_and_asking_for_money_a_subject():
    neutral = paragraph("A/RES/80/229", "en", 22)
    assert "funding" in neutral.themes and "funding" not in neutral.subjects
    asked = paragraph("A/RES/80/229", "en", 29)
    assert "funding" in asked.subjects
    without_money = edited("A/RES/80/229", "en", 22, "within existing resources and ", "")
    assert "funding" not in without_money.themes and not without_money.funding_kinds


# --- addressees and mandates ------------------------------------------------------------------------------


def test_addressees_and_mandates_with_their_session():
    report = paragraph("A/RES/80/229", "en", 78)  # Requests the Secretary-General to submit a report …
    assert report.addressee_codes() == ["secretary_general"]
    assert [m.code for m in report.mandates] == ["secretary_general:report:81"]
    assert [m.code for m in paragraph("A/RES/80/229", "zh", 78).mandates] == ["secretary_general:report:81"]
    urged = paragraph("A/RES/80/229", "en", 5)  # "urges Member States" exhorts: no mandate
    assert urged.addressee_codes() == ["member_states", "states_parties"] and not urged.mandates
    parties = paragraph("A/RES/80/229", "en", 52)  # "Urges States Parties", printed with a capital
    assert parties.addressee_codes() == ["states_parties"]
    assert paragraph("A/RES/80/229", "zh", 52).addressee_codes() == ["states_parties"]


def test_the_office_and_a_partner_named_aside():
    """ "the Office" (该办公室) is UNODC; a partner "in cooperation with" is no addressee."""
    office = generated("Requests the Office to continue to assist Member States;", "en")
    assert office.addressee_codes() == ["unodc"] and [m.code for m in office.mandates] == ["unodc:assistance"]
    partner = generated(
        "Urges Member States, in cooperation with the United Nations Office on Drugs and Crime, to act;", "en"
    )
    assert partner.addressee_codes() == ["member_states"]
    chinese = generated("请该办公室继续向会员国提供技术援助；", "zh")
    assert chinese.addressee_codes() == ["unodc"] and [m.code for m in chinese.mandates] == ["unodc:assistance"]
    report = generated("Requests the Commission to report to the General Assembly at its eighty-first session;", "en")
    assert [m.code for m in report.mandates] == ["commission:report:81"]


def test_a_commission_session_is_written_ccpcj():
    reading = generated("Requests the Secretary-General to report to the Commission at its thirty-fifth session;", "en")
    assert [m.code for m in reading.mandates] == ["secretary_general:report:ccpcj35"]


# --- themes: codes re-aggregate, never merged ---------------------------------------------------------------


def test_fraud_and_identity_theft_are_not_cybercrime():
    """62/175 op 8: 欺诈和盗用身份 (fraud and identity theft) is fraud_identity_crime under economic_crime."""
    found = set(paragraph("A/RES/62/175", "zh", 8).themes)
    assert {"fraud_identity_crime", "economic_crime"} <= found and "cybercrime" not in found
    assert themes("online fraud and cybercrime", "en") >= {"cybercrime", "fraud_identity_crime", "economic_crime"}
    assert "cybercrime_identity_fraud" not in theme_names()


def test_the_protocols_thereto_name_the_three_protocols():
    """80/229 op 5: ratifying "the Convention and the Protocols thereto" mentions the protocols' themes;
    offences "covered by the Convention and the Protocols thereto" are a definition (ruling 12)."""
    for language in ("en", "zh"):
        found = set(paragraph("A/RES/80/229", language, 5).themes)
        assert {"trafficking_in_persons", "smuggling_of_migrants", "arms_trafficking"} <= found, language
    assert not themes("offences covered by the Convention and the Protocols thereto", "en") & {"trafficking"}
    assert "trafficking" not in themes("《公约》及其各项议定书所涵盖的犯罪", "zh")


# --- mention and subject ------------------------------------------------------------------------------------


def test_an_omnibus_list_gives_mentions_and_its_umbrella_the_subject():
    """80/229 op 24: one list of crimes carries many themes; they are mentions, and the paragraph's subject
    is the programme's cooperation and assistance against organized crime, the umbrella the list illustrates."""
    for language in ("en", "zh"):
        read = paragraph("A/RES/80/229", language, 24)
        assert len(read.themes) >= 18, language
        assert {"technical_assistance", "international_cooperation"} <= set(read.subjects), language
        listed = {"corruption", "terrorism", "money_laundering", "kidnapping", "maritime_crime", "cybercrime"}
        assert listed <= set(read.themes) and not listed & set(read.subjects), language
    assert "organized_crime" in paragraph("A/RES/80/229", "zh", 24).subjects


def test_treaties_in_a_ratification_list_are_mentions():
    """80/229 ops 5 and 29: trafficking comes only from treaty names in a list of instruments."""
    for number in (5, 29):
        for language in ("en", "zh"):
            read = paragraph("A/RES/80/229", language, number)
            assert "trafficking" in read.themes and "trafficking" not in read.subjects, (number, language)


def test_a_risk_in_a_list_is_a_mention():
    """80/229 op 18: youth and sport, with terrorism among the risks youth face ("violence, terrorism and
    victimization": a list as printed, one item coded); named alone, the risk is the subject."""
    read = paragraph("A/RES/80/229", "en", 18)
    assert "terrorism" in read.themes and "terrorism" not in read.subjects
    assert {"children", "crime_prevention"} <= set(read.subjects)
    alone = generated("Urges Member States to protect youth from terrorism;", "en")
    assert "terrorism" in alone.subjects


def test_a_subject_sub_theme_brings_its_umbrella():
    umbrella = parents()
    for number in range(1, 80):
        read = paragraph("A/RES/80/229", "en", number)
        for name in read.subjects:
            assert not umbrella[name] or umbrella[name] in read.subjects, (number, name)
        assert set(read.subjects) <= set(read.themes)


# --- the new themes ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("theme", "english", "chinese"),
    [
        ("drugs", "to address the world drug problem", "应对世界毒品问题"),
        ("crime_prevention", "national crime prevention strategies", "国家预防犯罪战略"),
        ("victims_witnesses", "the protection of victims and witnesses", "保护受害人和证人"),
        ("human_rights", "with full respect for human rights", "充分尊重人权"),
        ("gender", "to mainstream a gender perspective", "将性别观点纳入主流"),
        ("migrants", "the rights of migrants and refugees", "移民和难民的权利"),
        ("maritime_crime", "piracy and armed robbery at sea", "海盗和海上武装抢劫"),
        ("economic_crime", "counterfeiting and tax evasion", "伪造和逃税"),
        ("fraud_identity_crime", "fraud and identity theft", "欺诈和盗用身份"),
        ("cybercrime", "to counter cybercrime", "打击网络犯罪"),
        ("rehabilitation", "to reduce reoffending through rehabilitation", "通过改造减少再次犯罪"),
        ("access_to_justice", "access to justice and legal aid", "诉诸司法和法律援助"),
        ("data_research", "to collect data and statistics", "收集数据和统计"),
        ("forensic_science", "forensic science laboratories", "法证实验室"),
        ("sdg_2030", "the 2030 Agenda for Sustainable Development", "《2030年可持续发展议程》"),
        ("congress_followup", "the Kyoto Declaration", "京都宣言"),
    ],
)
def test_each_new_theme_in_both_languages_with_its_umbrella(theme, english, chinese):
    umbrella = parents()[theme]
    for text, language in ((english, "en"), (chinese, "zh")):
        found = themes(text, language)
        assert theme in found and (not umbrella or umbrella in found), (language, found)


def test_the_names_of_offices_and_programmes_are_not_their_themes():
    """The Crime Prevention Commission, UNAFRI's name and the Congress do not make crime prevention."""
    assert "crime_prevention" not in themes("the Commission on Crime Prevention and Criminal Justice", "en")
    assert "crime_prevention" not in themes(
        "the United Nations African Institute for the Prevention of Crime and the Treatment of Offenders", "en"
    )
    assert "crime_prevention" not in themes("第十五届预防犯罪大会", "zh")
    assert "congress_followup" in themes("第十五届预防犯罪大会", "zh")
    # the field's name gives neither theme (ruling 1); its systems give both
    assert not {"crime_prevention", "criminal_justice_reform"} & themes(
        "international cooperation in the field of crime prevention and criminal justice", "en"
    )
    assert {"crime_prevention", "criminal_justice_reform"} <= themes(
        "crime prevention and criminal justice systems in Africa", "en"
    )
