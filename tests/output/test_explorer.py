"""The notebook views (analysis.output.explorer): a resolution with its verbs and theme evidence marked,
the English and Chinese readings side by side with their differences, and the filter widget. Every
text is a bundled official text or an edit of one, named so."""

from __future__ import annotations

import dataclasses
import functools
import html
import re
import sys
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

import analysis
from analysis import model
from analysis.coding.labels import classify_resolution
from analysis.comparison.languages import reading_discrepancies
from analysis.output import explorer
from analysis.output.explorer import Mark, blocks, label_marks, marked

NEW = "A/RES/80/229"  # bundled in English and Chinese, no sub-paragraphs
WITH_SUBPARAGRAPHS = "A/RES/75/195"  # operative 3 and 10 have lettered sub-paragraphs


@functools.cache
def _load(symbol: str, language: str) -> analysis.Resolution:
    return analysis.load(symbol, lang=language)[0]


class _Marks(HTMLParser):
    """The text of the page without tags, and the text and title of every <mark>."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.marks: list[tuple[str, str, str]] = []  # (class, title, text)
        self._open: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            found = dict(attrs)
            self._open.append([found.get("class") or "", found.get("title") or "", ""])
        if tag == "style":
            self._open.append(["style", "", ""])

    def handle_endtag(self, tag):
        if tag in ("mark", "style") and self._open:
            kind, title, text = self._open.pop()
            if kind != "style":
                self.marks.append((kind, title, text))

    def handle_data(self, data):
        if self._open and self._open[-1][0] == "style":
            return
        self.text.append(data)
        for frame in self._open:
            frame[2] += data


def _parsed(page: str) -> _Marks:
    parser = _Marks()
    parser.feed(page)
    return parser


# -- the text cut at the marks -----------------------------------------------------------------------


@given(
    st.text(alphabet="ab 请，", max_size=30),
    st.lists(st.tuples(st.integers(-2, 32), st.integers(-2, 32), st.sampled_from(["verb", "theme"])), max_size=6),
)
def test_the_pieces_are_the_text_again_and_each_carries_the_marks_over_it(text, spans):
    marks = [Mark(a, b, kind, f"{kind} {a}-{b}") for a, b, kind in spans]
    pieces = marked(text, marks)
    assert "".join(p.text for p in pieces) == text
    position = 0
    for piece in pieces:
        end = position + len(piece.text)
        over = {m.note for m in marks if 0 <= m.start < m.end <= len(text) and m.start <= position and end <= m.end}
        assert set(piece.notes) == over
        position = end


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_verb_and_theme_mark_covers_the_words_it_was_read_from(language):
    for labels in classify_resolution(_load(NEW, language)):
        text = labels.paragraph.full_text
        hits = {m.note: m for m in label_marks(labels)}
        assert hits
        for mark in label_marks(labels):
            words = text[mark.start : mark.end]
            assert words.strip() == words and words, (labels.number, mark)
        for hit in labels.verbs.hits:
            lead = len(labels.paragraph.text) - len(labels.paragraph.text.lstrip())
            assert text[hit.start + lead : hit.end + lead] == hit.evidence


def test_sub_paragraphs_are_blocks_of_their_own_with_the_marks_that_fall_in_them():
    resolution = _load(WITH_SUBPARAGRAPHS, "en")
    for labels in classify_resolution(resolution):
        paragraph = labels.paragraph
        if not paragraph.subparagraphs:
            continue
        found = blocks(paragraph, label_marks(labels))
        assert [b.label for b in found] == [""] + [f"({s.label})" for s in paragraph.subparagraphs]
        assert ["".join(p.text for p in b.pieces) for b in found] == [paragraph.text] + [
            s.text for s in paragraph.subparagraphs
        ]
        shown = ["".join(p.text for p in b.pieces if "theme" in p.kinds) for b in found]
        expected = "".join(paragraph.full_text[m.start : m.end] for m in label_marks(labels) if m.kind == "theme")
        assert set("".join(shown)) <= set(expected)
        assert any(shown[1:]), "no theme evidence marked in the sub-paragraphs"


# -- a resolution in a notebook ------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_resolution_shows_every_operative_paragraph_numbered_with_its_words_marked(language):
    resolution = _load(NEW, language)
    page = resolution._repr_html_()
    assert page is not None and page == explorer.resolution_html(resolution)
    parsed = _parsed(page)
    shown = "".join(parsed.text)
    assert resolution.title in shown
    for paragraph in resolution.operative:
        assert paragraph.text in shown
        assert re.search(rf'<span class="cp-num">{paragraph.label or paragraph.number}</span>', page)
    labels = classify_resolution(resolution)
    verbs = [t for kind, title, t in parsed.marks if "cp-verb" in kind and title]  # the legend's has no title
    assert verbs[: len(labels[0].verbs.hits)] == [h.evidence for h in labels[0].verbs.hits]
    titles = {title for _, title, _ in parsed.marks}
    assert any(title.startswith("theme: ") for title in titles)
    assert not re.search(r"https?://", page)


def test_the_notebook_shows_the_view_through_ipython():
    from IPython.core.interactiveshell import InteractiveShell

    formatted, _ = InteractiveShell.instance().display_formatter.format(_load(NEW, "en"))
    assert "cp-verb" in formatted["text/html"]


def test_without_a_registered_view_a_resolution_has_none(monkeypatch):
    monkeypatch.setattr(model, "HTML_VIEWS", {})
    assert _load(NEW, "en")._repr_html_() is None


def test_text_that_looks_like_markup_is_escaped():
    original = _load(NEW, "en")
    first = original.operative[0]
    edited_with_markup = dataclasses.replace(
        original, operative=(dataclasses.replace(first, text="<script>x</script> & " + first.text),)
    )
    page = explorer.resolution_html(edited_with_markup)
    assert "<script>x</script>" not in page and html.escape("<script>x</script> & ") in page


# -- English and Chinese side by side ------------------------------------------------------------------


def test_side_by_side_pairs_every_paragraph_with_its_labels_and_differences():
    table = analysis.side_by_side(NEW)
    en, zh = _load(NEW, "en"), _load(NEW, "zh")
    assert list(table.columns) == explorer.SIDE_BY_SIDE_COLUMNS
    assert list(table["paragraph"]) == [p.number for p in en.operative]
    assert list(table["english"]) == [p.full_text for p in en.operative]
    assert list(table["chinese"]) == [p.full_text for p in zh.operative]
    assert all(isinstance(v, list) for column in ("english_labels", "differences") for v in table[column])
    discrepancies = reading_discrepancies(classify_resolution(en), classify_resolution(zh))
    expected = sorted(
        (row.paragraph, f"{row.dimension}: {row.label}, {'English' if row.only_in == 'en' else 'Chinese'} only")
        for row in discrepancies.itertuples()
    )
    listed = sorted((row.paragraph, d) for row in table.itertuples() for d in row.differences)
    assert listed == expected and listed


def test_a_funding_condition_in_the_chinese_only_is_marked_in_the_chinese_text():
    table = analysis.side_by_side(NEW)
    rows = table[table["differences"].map(lambda ds: "funding kind: conditional, Chinese only" in ds)]
    assert len(rows) >= 1
    marked_words = "".join(t for _, title, t in _parsed(rows.html()).marks if "funding kind: conditional" in title)
    assert "在预算外资源允许的情况下" in marked_words


def test_the_view_follows_the_rows_kept_and_falls_back_without_the_texts():
    table = analysis.side_by_side(NEW)
    differing = table[table["differences"].str.len() > 0]
    assert isinstance(differing, explorer.SideBySide) and 0 < len(differing) < len(table)
    page = differing._repr_html_()
    assert page.count('class="cp-row-differs"') == len(differing)
    assert f"{len(differing)} operative paragraphs, {len(differing)} with a label" in " ".join(page.split())
    assert "cp-differs" not in table[["paragraph", "differences"]]._repr_html_()


def test_a_paragraph_missing_from_the_chinese_is_said_so():
    en, zh = _load(NEW, "en"), _load(NEW, "zh")
    edited_without_last = dataclasses.replace(zh, operative=zh.operative[:-1])
    table = analysis.side_by_side((edited_without_last, en))
    last = table.iloc[-1]
    assert last["differences"] == ["paragraph: only in English"] and last["chinese"] == ""
    assert "not in this text" in table.iloc[[-1]].html()


def test_side_by_side_refuses_two_texts_that_are_not_one_resolution_in_two_languages():
    with pytest.raises(ValueError, match="English and the Chinese"):
        analysis.side_by_side((_load(NEW, "en"), _load(NEW, "en")))
    with pytest.raises(ValueError, match="one resolution in two languages"):
        analysis.side_by_side((_load(NEW, "en"), _load("A/RES/78/229", "zh")))


def test_the_views_are_the_same_on_every_run():
    assert analysis.side_by_side(NEW).html() == analysis.side_by_side(NEW).html()


# -- the filter over a classification table ------------------------------------------------------------


def test_filter_table_keeps_the_rows_with_that_theme_verb_and_addressee():
    table = analysis.classify(_load(NEW, "zh"))
    assert explorer.filter_table(table).equals(table)
    kept = explorer.filter_table(table, theme="technical_assistance", verb="requests", addressee="unodc")
    assert 0 < len(kept) < len(table)
    assert all("technical_assistance" in t and "unodc" in a for t, a in zip(kept["themes"], kept["addressees"]))
    assert set(kept["verb"]) == {"requests"}
    assert explorer.choices(table, "themes")[0] == explorer.ANY


def test_filter_view_redraws_the_table_when_a_choice_changes():
    pytest.importorskip("ipywidgets")
    table = analysis.classify(_load(NEW, "zh"))
    view = explorer.filter_view(table)
    menus, output = view.children[0].children, view.children[1]
    assert f"{len(table)} of {len(table)} paragraphs" in output.value
    menus[1].value = "requests"
    shown = len(explorer.filter_table(table, verb="requests"))
    assert f"{shown} of {len(table)} paragraphs (verb requests)" in output.value


def test_filter_view_without_ipywidgets_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)
    with pytest.raises(ImportError, match=r"crime-policy-priorities\[widgets\]"):
        explorer.filter_view(analysis.classify(_load(NEW, "zh")))


# -- the language of each text ---------------------------------------------------------------------------------

CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


class _Languages(HTMLParser):
    """The text of a page with the language its nearest ``lang`` attribute gives it."""

    VOID = frozenset({"br", "meta", "img", "hr", "input", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = [""]
        self.pieces: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(dict(attrs).get("lang") or self.stack[-1])

    def handle_endtag(self, tag):
        if tag not in self.VOID:
            self.stack.pop()

    def handle_data(self, data):
        self.pieces.append((self.stack[-1], data))


def _chinese_outside_zh(page: str) -> list[str]:
    parser = _Languages()
    parser.feed(page)
    return [text for language, text in parser.pieces if language != "zh" and CJK.search(text)]


def test_chinese_text_is_marked_as_chinese_in_every_view():
    zh = _load(NEW, "zh")
    side = analysis.side_by_side(NEW)
    for page in (explorer.resolution_html(zh), side.html()):
        assert CJK.search(page)
        assert _chinese_outside_zh(page) == []
    parser = _Languages()
    parser.feed(side.html())
    english = {p.full_text[:20] for p in _load(NEW, "en").operative}
    assert any(language == "en" and text[:20] in english for language, text in parser.pieces)
