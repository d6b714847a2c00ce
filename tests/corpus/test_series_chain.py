"""The programme series from its members' own citations (operative paragraph 1's report request), on the
bundled texts in both languages and on edited copies of them."""

from __future__ import annotations

import dataclasses
import itertools
import math

import pytest

from analysis import api, lexicon
from analysis.corpus.series_chain import (
    ChainLink,
    chain_gaps,
    check_against_config,
    configured_series,
    follow_chain,
    predecessor,
    session_year,
)
from analysis.model import Citation

SERIES = configured_series(lexicon.comparisons())  # the focus and its successors, from the data file


def _members(language: str):
    corpus = api.default_corpus()
    return [api.load(symbol, language)[0] for symbol in SERIES if corpus.has(symbol, language)]


@pytest.fixture(scope="module")
def zh_members():
    return _members("zh")


@pytest.fixture(scope="module")
def en_members():
    return _members("en")  # the seed has no English text in the package


def _edited_citations(resolution, cited: list[str]):
    """An edit of a bundled resolution: its op. 1 GA citations replaced by ``cited`` (test data only)."""
    others = tuple(c for c in resolution.citations if c.paragraph != "operative 1")
    new = tuple(Citation(s, "GA", "resolution", s.removeprefix("A/RES/"), "operative 1") for s in cited)
    return dataclasses.replace(resolution, citations=others + new)


def test_each_successor_cites_the_one_before_it(zh_members, en_members):
    """What op. 1 of each bundled member cites, read in either language, is the member before it."""
    for members in (zh_members, en_members):
        by_symbol = {r.symbol: r for r in members}
        successors = [s for s in SERIES if s in by_symbol and s != SERIES[0]]
        for earlier, later in itertools.pairwise(successors):
            assert predecessor(by_symbol[later]) == earlier
    assert predecessor(next(r for r in zh_members if r.symbol == "A/RES/74/177")) == "A/RES/73/186"


def test_predecessor_ties_and_absences(zh_members):
    latest = next(r for r in zh_members if r.symbol == SERIES[-1])
    assert predecessor(_edited_citations(latest, [])) is None
    # several earlier sessions: the latest one; two of that session: ambiguous
    assert predecessor(_edited_citations(latest, ["A/RES/70/1", "A/RES/78/1"])) == "A/RES/78/1"
    assert predecessor(_edited_citations(latest, ["A/RES/78/1", "A/RES/78/2", "A/RES/70/1"])) is None
    # itself or a later session is never its predecessor
    assert predecessor(_edited_citations(latest, [latest.symbol, "A/RES/90/1"])) is None


def test_the_chain_across_the_gap(zh_members):
    links = follow_chain(zh_members, SERIES[-1])
    assert all(isinstance(link, ChainLink) for link in links)
    present = [link.symbol for link in links if link.present]
    assert present == sorted(SERIES, key=lambda s: int(s.split("/")[2]), reverse=True)
    absent = [link for link in links if not link.present]
    assert [link.symbol for link in absent] == ["A/RES/73/186", "A/RES/61/181"]
    assert all(link.predecessor is None and link.year == session_year(link.symbol) for link in absent)
    years = {link.symbol: link.year for link in links}
    loaded = {r.symbol: r.adopted.year for r in zh_members}
    assert all(years[s] == loaded[s] for s in loaded)
    gaps = chain_gaps(links).set_index("to")
    assert list(chain_gaps(links).columns) == [
        "from",
        "to",
        "from_year",
        "to_year",
        "gap_years",
        "missing_members",
        "unknown_members",
    ]
    across = gaps.loc["A/RES/74/177"]
    assert across["from"] == SERIES[0] and across["missing_members"] == ["A/RES/73/186"]
    assert across["gap_years"] == 12 and across["unknown_members"] == 12 - 1 - 1  # 2008-2018 but 73/186
    biennial = gaps.loc[SERIES[-1]]  # 80/229 cites 78/229 directly: two years, nobody between
    assert biennial["gap_years"] == 2 and biennial["missing_members"] == [] and biennial["unknown_members"] == 0
    assert (gaps.drop(index=["A/RES/74/177"])["missing_members"].map(len) == 0).all()


def test_chain_stops_where_nothing_of_the_series_remains(zh_members):
    without_seed = [r for r in zh_members if r.symbol != SERIES[0]]
    links = follow_chain(without_seed, SERIES[-1])
    assert links[-1] == ChainLink("A/RES/73/186", session_year("A/RES/73/186"), None, False)
    # a resolution of another title is not taken for a member across a gap
    other = [dataclasses.replace(r, title=r.title + "（编辑）") if r.symbol == SERIES[0] else r for r in zh_members]
    assert SERIES[0] not in [link.symbol for link in follow_chain(other, SERIES[-1])]


def test_chain_gaps_with_an_unknown_year():
    links = [ChainLink("A/RES/80/1", 2025, "A/RES/79/1", True), ChainLink("A/RES/S-1/1", None, None, True)]
    row = chain_gaps(links).iloc[0]
    assert math.isnan(row["gap_years"]) and row["unknown_members"] == 0
    assert chain_gaps(links[:1]).empty


def test_check_against_the_configured_series(zh_members):
    links = follow_chain(zh_members, SERIES[-1])
    lines = check_against_config(links, SERIES)
    assert len(lines) == 1 and lines[0].startswith("A/RES/73/186: cited by A/RES/74/177 (operative 1)")
    # a member left out of the file, and a member the chain does not reach
    edited = [s for s in SERIES if s != SERIES[2]] + ["A/RES/62/1"]
    lines = check_against_config(links, edited)
    assert f"{SERIES[2]}: in the citation chain but not listed in data/comparisons.toml" in lines
    assert any(
        line.startswith("A/RES/62/1: listed in data/comparisons.toml but not in the citation chain") for line in lines
    )
