"""The English and Chinese readings of one resolution side by side (analysis.comparison.languages)."""

import analysis
from analysis.coding.labels import classify_resolution
from analysis.comparison.languages import DIMENSIONS, discrepancy_summary, reading_discrepancies


def _both(symbol):
    en = classify_resolution(analysis.load([symbol], lang="en")[0])
    zh = classify_resolution(analysis.load([symbol], lang="zh")[0])
    return en, zh


def test_every_discrepancy_quotes_the_text_it_was_read_in():
    en, zh = _both("A/RES/80/229")
    table = reading_discrepancies(en, zh)
    texts = {(x.language, x.number): x.paragraph.text for x in en + zh}
    assert not table.empty
    for _, row in table[table["dimension"].isin(["theme", "funding kind", "addressee"])].iterrows():
        for words in row["evidence"].split(" / "):
            assert words in texts[(row["only_in"], row["paragraph"])], row.to_dict()


def test_a_funding_condition_kept_in_one_language_only_is_listed():
    # the example: the 2025 Chinese keeps a condition on extrabudgetary resources the English dropped
    en, zh = _both("A/RES/80/229")
    table = reading_discrepancies(en, zh)
    money = table[(table["dimension"] == "funding kind") & (table["label"] == "conditional")]
    assert set(money["only_in"]) == {"zh"}
    assert "预算外资源" in money["evidence"].iloc[0]


def test_the_same_readings_give_no_discrepancy_and_the_summary_counts_paragraphs():
    en, _ = _both("A/RES/78/229")
    assert reading_discrepancies(en, en).empty
    summary = discrepancy_summary(reading_discrepancies(en, en), len(en))
    assert list(summary["dimension"]) == ["paragraph", *DIMENSIONS]
    assert (summary["paragraphs"] == len(en)).all() and (summary["labels_differing"] == 0).all()


def test_a_paragraph_missing_from_one_text_is_one_row():
    en, zh = _both("A/RES/78/229")
    table = reading_discrepancies(en, zh[:-1])
    rows = table[table["dimension"] == "paragraph"]
    assert list(rows["paragraph"]) == [en[-1].number] and list(rows["only_in"]) == ["en"]
