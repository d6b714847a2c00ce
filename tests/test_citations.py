"""Citation rules on sentences written for the test (fixtures, not quotations of a resolution)."""
from __future__ import annotations

import pytest

from analysis.citations import cite_text

CASES = [
    ("en", "Recalling its resolutions 46/152 of 18 December 1991 and 60/1 of 16 September 2005,",
     [("A/RES/46/152", "GA"), ("A/RES/60/1", "GA")]),
    ("en", "Taking note of Economic and Social Council resolutions 2007/12 and 2007/19,",
     [("E/RES/2007/12", "ECOSOC"), ("E/RES/2007/19", "ECOSOC")]),
    ("en", "and Human Rights Council resolution 33/11 of 29 September 2016 on mortality,",
     [("A/HRC/RES/33/11", "HRC")]),
    ("en", "recalls resolution 10/4 of 16 October 2020 of the Conference of the Parties to the United Nations "
           "Convention against Transnational Organized Crime,", [("COP-UNTOC resolution 10/4", "COP-UNTOC")]),
    ("en", "in its decision 2007/253 the Council decided", [("E/DEC/2007/253", "ECOSOC")]),
    ("en", "Resolution 70/1.", [("A/RES/70/1", "GA")]),
    ("en", "See A/AC.105/1137.", [("A/AC.105/1137", "GA")]),
    ("en", "the Treaty Series, vol. 2225, No. 39574, and the period 2008-2011", []),
    ("zh", "回顾其2006年12月20日第61/181号决议，", [("A/RES/61/181", "GA")]),
    ("zh", "根据预防犯罪和刑事司法委员会2007年4月27日第16/1号决定，", [("CCPCJ decision 16/1", "CCPCJ")]),
    ("zh", "经济及社会理事会2007年7月26日第2007/20号、第2007/21号和第2007/24号决议",
     [("E/RES/2007/20", "ECOSOC"), ("E/RES/2007/21", "ECOSOC"), ("E/RES/2007/24", "ECOSOC")]),
    ("zh", "秘书长关于大会第61/181号决议执行进度的报告（A/62/126）",
     [("A/RES/61/181", "GA"), ("A/62/126", "GA")]),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_citation_rules(language, text, expected):
    got = [(c.symbol, c.organ) for c in cite_text(language, text, "operative 1")]
    assert got == expected
