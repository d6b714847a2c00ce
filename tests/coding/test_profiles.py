"""Languages are profiles: a third language written as English is (or as Chinese is), with the same
vocabulary under its own code, gets the same verbs, themes and references (see tests/coding/mirror.py)."""

from __future__ import annotations

import dataclasses

import pytest

from analysis import parse_file
from analysis.coding.labels import classify_resolution
from tests.coding.mirror import mirror_language
from tests.conftest import UNXML


@pytest.mark.parametrize("base", ["en", "zh"])
def test_a_language_written_alike_is_classified_alike(base):
    resolution = parse_file(UNXML / f"A_RES_78_229.{base}.xml")
    expected = classify_resolution(resolution)
    with mirror_language(base) as code:
        got = classify_resolution(dataclasses.replace(resolution, language=code))
    assert {x.language for x in got} == {code}
    assert [(x.verbs, x.themes) for x in got] == [(x.verbs, x.themes) for x in expected]
    assert sum(bool(x.verbs.verb) for x in got) > 80 and sum(bool(x.themes) for x in got) > 80


@pytest.mark.parametrize("base", ["en", "zh"])
def test_a_language_written_alike_is_printed_aligned_and_learned_alike(base):
    """The printed width and line breaking of text views, the n-grams of lineage and of the learned
    model: each from the profile."""
    from analysis.comparison.lineage import lineage
    from analysis.learned.models import _vectorizer
    from analysis.output.text_views import plain_text

    earlier, later = (parse_file(UNXML / f"A_RES_{n}.{base}.xml") for n in ("74_177", "78_229"))
    printed, aligned, vectorizer = plain_text(later, "pdf"), lineage(earlier, later), _vectorizer(base)
    with mirror_language(base) as code:
        earlier, later = (dataclasses.replace(r, language=code) for r in (earlier, later))
        assert plain_text(later, "pdf") == printed
        assert lineage(earlier, later).equals(aligned)
        assert _vectorizer(code).get_params() == vectorizer.get_params()
