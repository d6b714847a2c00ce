"""Round trip: official AKN4UN texts typeset as UN-style PDFs at test time (``tests/pdfgen.py``), read
back by the PDF reader and parser, and compared with the XML's own parse.

The PDFs are generated here and never committed; they vary the footnote rule (underscores, a line of
spaces, a drawn line, none), operative numbering (1. / 1． / １． in Chinese), line spacing and
footnote indentation, and break pages inside paragraphs and footnote blocks.
"""

from __future__ import annotations

import itertools
import re
import tempfile
from pathlib import Path

import pytest

from analysis import parse_file
from analysis.errors import InputError
from analysis.util.progress import ordered_map
from tests.conftest import UNXML
from tests.parsing.test_generalization import DEV_CORPUS, DEV_SESSIONS, MARKUP_EXCEPTIONS, needs_dev_corpus
from tests.pdfgen import FOLDED, Style, typeset

RULES = ("underscores", "spaces", "line", "none")
NUMBERING = ("ascii", "fullwidth_stop", "fullwidth")
FOOTERS = ("page/pages", "page", "job", "page/pages", "job")
STYLES = [
    Style(rule=rule, numbering=numbering, footnote_indent=indent, leading=leading, footer=footer)
    for (rule, numbering, indent, leading, footer), _ in zip(
        zip(
            itertools.cycle(RULES),
            itertools.cycle(NUMBERING),
            itertools.cycle((False, True, False)),
            itertools.cycle((1.25, 1.5, 1.15, 1.35, 1.2)),
            itertools.cycle(FOOTERS),
        ),
        range(60),
    )
]
PARAGRAPH_TARGET = FOOTNOTE_TARGET = 0.99


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text).translate(FOLDED)


def _texts(r) -> list[str]:
    paragraphs = r.preamble + r.operative + tuple(p for a in r.annexes for p in a.paragraphs)
    return [_norm(p.text) for p in paragraphs] + [_norm(s.text) for p in paragraphs for s in p.subparagraphs]


def round_trip(job: tuple[str, int]) -> dict:
    """Typeset one XML file in style ``index`` and compare; a dict of counts (picklable, for processes)."""
    path, index = job
    r = parse_file(path)
    style = STYLES[index % len(STYLES)]
    if r.language == "en":
        style = Style(
            rule=style.rule, footnote_indent=style.footnote_indent, leading=style.leading, footer=style.footer
        )
    expected = _texts(r)
    notes = {f.marker: (_norm(f.text), f.cited_in) for f in r.footnotes if f.cited_in}  # printed where cited
    with tempfile.TemporaryDirectory() as tmp:
        try:
            t = parse_file(typeset(r, Path(tmp) / f"generated_{Path(path).stem}.pdf", style))
        except InputError as exc:
            return {
                "file": Path(path).name,
                "refused": exc.problem,
                "paragraphs": len(expected),
                "same": 0,
                "notes": len(notes),
                "same_notes": 0,
                "warnings": 1,
            }
    got = set(_texts(t))
    read = {f.marker: (_norm(f.text), f.cited_in) for f in t.footnotes}
    return {
        "file": Path(path).name,
        "refused": "",
        "paragraphs": len(expected),
        "same": sum(text in got for text in expected),
        "notes": len(notes),
        "same_notes": sum(read.get(m) == v for m, v in notes.items()),
        "warnings": len(t.warnings),
        "structure_same": (len(t.preamble), len(t.operative)) == (len(r.preamble), len(r.operative)),
    }


def _check(paths: list[str]) -> None:
    rows = list(ordered_map(round_trip, [(p, i) for i, p in enumerate(paths)], 2, "round trip", False))
    paragraphs = sum(r["paragraphs"] for r in rows)
    notes = sum(r["notes"] for r in rows)
    same = sum(r["same"] for r in rows) / paragraphs
    same_notes = sum(r["same_notes"] for r in rows) / notes
    report = [r for r in rows if r["same"] < r["paragraphs"] or r["same_notes"] < r["notes"]]
    assert same >= PARAGRAPH_TARGET and same_notes >= FOOTNOTE_TARGET, (same, same_notes, report)
    # never silent: a document read with another shape than its XML says so, or is refused
    silent = [r["file"] for r in rows if not r["refused"] and not r["structure_same"] and not r["warnings"]]
    assert not silent, silent


def test_round_trip_of_the_bundled_corpus():
    # 78/225 en: its XML has no enacting formula (reported in the README), so its PDF is refused
    paths = sorted(str(p) for p in UNXML.glob("*.xml") if p.name != "A_RES_78_225.en.xml")
    _check(paths)


@needs_dev_corpus
def test_round_trip_of_a_sample_of_the_development_corpus():
    # every 60th file; those whose markup is wrong (MARKUP_EXCEPTIONS, with their reasons) are left out
    paths = sorted(
        str(p) for s in DEV_SESSIONS for p in DEV_CORPUS.glob(f"A_RES_{s}_*.xml") if p.name not in MARKUP_EXCEPTIONS
    )[::60]
    readable = []
    for p in paths:
        try:
            parse_file(p)
            readable.append(p)
        except InputError:
            continue  # no operative part in the markup (listed in test_generalization)
    _check(readable)


@pytest.mark.parametrize("rule", RULES)
def test_footnotes_are_found_whatever_the_rule(rule):
    r = parse_file(UNXML / "A_RES_74_177.zh.xml")
    with tempfile.TemporaryDirectory() as tmp:
        t = parse_file(typeset(r, Path(tmp) / "generated.pdf", Style(rule=rule)))
    assert [(f.marker, _norm(f.text)) for f in t.footnotes] == [(f.marker, _norm(f.text)) for f in r.footnotes]
    assert not any(re.search(r"[，,]\d{1,2}[\u4e00-\u9fff]", p.text) for p in t.preamble + t.operative)


def _line(text: str, size: float) -> dict:
    return {"text": text, "chars": [{"text": ch, "size": size} for ch in text]}


def test_a_footnote_block_continued_on_the_next_page_is_still_atext_layer_footnote_zone():
    from analysis.io.page_layout import text_layer_footnote_zone

    body = [_line("Recalling its resolution of the same title and every earlier one on this matter,", 10.0)] * 6
    continued = [_line("of the Economic and Social Council, 2017, Supplement No. 10.", 8.0), _line("2/5", 8.0)]
    # generated page geometry: body lines, then small type opening without a number
    assert text_layer_footnote_zone(body + continued, notes_before=True) == 6
    assert text_layer_footnote_zone(body + continued, notes_before=False) is None  # no notes before: not a zone
    numbered = [_line("3 Resolution 70/1.", 8.0)]
    assert text_layer_footnote_zone(body + numbered, notes_before=False) == 6
    # a short last page with long notes: the body type is still the body's, not the commonest size
    long_notes = [
        _line("4 United Nations, Treaty Series, vol. 2225, No. 39574, and every later volume cited.", 8.0)
    ] * 9
    assert text_layer_footnote_zone(body + long_notes, notes_before=False) == 6
