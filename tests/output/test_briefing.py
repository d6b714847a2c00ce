"""The briefing (crimepol brief, analysis.brief) read back with an HTML parser: both files written
whole, nothing on the network, every quotation and every diff piece cut from the official texts, the
merges of 78/229 -> 80/229 listed, the comparison found from the citations (and across a gap), the
figures of the methods box read from error_rates.json, the sources from the manifest.

The bundled texts are used as they are; the one fixture that changes a text
(``edited_80_229_urges_instead_of_encourages``) is made in code from the bundled 80/229."""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import analysis
from analysis.cli import main
from analysis.corpus.registry import Corpus, read_manifest
from analysis.errors import InputError
from analysis.model import Resolution
from analysis.output import briefing
from analysis.output.briefing import Group, Piece, build_briefing, lineage_groups

NEW, OLD = "A/RES/80/229", "A/RES/78/229"
# 78/229 -> 80/229: the merges lineage finds by reading (analysis/comparison/lineage.py, MERGED_AT)
MERGES = {(23, 24): 19, (43, 44): 35, (90, 91): 77}
NETWORK = re.compile(r"(?i)\b(?:https?|ftp|wss?):|^//|url\(\s*['\"]?\s*(?:https?:|//)|@import")


# -- a small DOM from the standard library's parser --------------------------------------------------------


@dataclasses.dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = dataclasses.field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag: str, **attrs: str) -> list[Node]:
        return [
            n
            for n in self.iter()
            if n.tag == tag and all(v in n.attrs.get(k.rstrip("_"), "").split() for k, v in attrs.items())
        ]

    def by_id(self, ident: str) -> Node:
        (found,) = [n for n in self.iter() if n.attrs.get("id") == ident]
        return found


VOID = {"meta", "br", "img", "link", "input", "hr", "col", "source", "wbr"}


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack[-1].tag != tag:  # the templates close every element they open
            raise AssertionError(f"</{tag}> closes <{self.stack[-1].tag}>")
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    assert builder.stack == [builder.root], "an element is left open"
    return builder.root


# -- the briefings under test ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """80/229 against 78/229 in Chinese (the default language), in English and in both languages, saved."""
    out = {}
    for lang in ("zh", "en", "both"):
        made = build_briefing(NEW, OLD, lang)
        directory = tmp_path_factory.mktemp(lang)
        paths = made.save(directory)
        out[lang] = (made, directory, paths)
    return out


@pytest.fixture(scope="module")
def texts():
    """(symbol, language) -> the resolution as parsed from its bundled official file."""
    return {(r.symbol, r.language): r for r in analysis.load([NEW, OLD])}


def pages(directory: Path) -> tuple[Node, Node]:
    return (
        parse((directory / "brief.html").read_text(encoding="utf-8")),
        parse((directory / "changes.html").read_text(encoding="utf-8")),
    )


# -- the files --------------------------------------------------------------------------------------------


def test_both_files_are_written_and_nothing_else(written):
    for _, directory, paths in written.values():
        assert [p.name for p in paths] == ["brief.html", "changes.html"]
        assert sorted(p.name for p in directory.iterdir()) == ["brief.html", "changes.html"]


def test_a_failure_while_rendering_writes_neither_file(written, tmp_path, monkeypatch):
    made, _, _ = written["zh"]
    (tmp_path / "brief.html").write_text("the old summary", encoding="utf-8")

    def broken(self):
        raise RuntimeError("rendering failed")

    monkeypatch.setattr(briefing.Briefing, "changes_html", broken)
    with pytest.raises(RuntimeError):
        made.save(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.html"]
    assert (tmp_path / "brief.html").read_text(encoding="utf-8") == "the old summary"


def test_a_failure_while_writing_leaves_no_partial_file(written, tmp_path, monkeypatch):
    made, _, _ = written["zh"]
    from analysis.util import files

    def no_rename(source, target):
        raise OSError(28, "No space left on device", str(target))

    monkeypatch.setattr(files.os, "replace", no_rename)
    with pytest.raises(OSError):
        made.save(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_second_rename_puts_the_first_file_back(written, tmp_path, monkeypatch):
    made, _, _ = written["zh"]
    from analysis.util import files

    for name in ("brief.html", "changes.html"):
        (tmp_path / name).write_text(f"the old {name}", encoding="utf-8")
    replace = files.os.replace

    def second_fails(source, target):
        if Path(target).name == "brief.html" and Path(source).suffix == ".html":
            raise OSError(28, "No space left on device", str(target))
        replace(source, target)

    monkeypatch.setattr(files.os, "replace", second_fails)
    with pytest.raises(OSError):
        made.save(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.html", "changes.html"]
    for name in ("brief.html", "changes.html"):
        assert (tmp_path / name).read_text(encoding="utf-8") == f"the old {name}"
    fresh = tmp_path / "fresh"
    with pytest.raises(OSError):
        made.save(fresh)
    assert list(fresh.iterdir()) == []  # the new changes.html is removed with nothing to put back


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "cannot be read as JSON"),
        ('{"dimensions": {"themes": {"zh": {"paragraphs": 3}}}}', "is not as `crimepol evaluate` writes it"),
        ('{"dimensions": []}', "is not as `crimepol evaluate` writes it"),
    ],
)
def test_a_malformed_error_rates_file_is_one_line(tmp_path, monkeypatch, capsys, content, problem):
    path = tmp_path / "error_rates.json"
    path.write_text(content, encoding="utf-8")
    monkeypatch.setattr(briefing, "error_rates_path", lambda: path)
    out = tmp_path / "out"
    assert main(["brief", NEW, "--against", OLD, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{path}: {problem}" in err and err.count("\n") == 1
    assert not out.exists()


def test_the_same_briefing_gives_the_same_bytes(written, texts):
    _, directory, _ = written["zh"]
    again = build_briefing(texts[(NEW, "zh")], texts[(OLD, "zh")], "zh")  # loaded resolutions, not symbols
    assert again.summary_html() == (directory / "brief.html").read_text(encoding="utf-8")
    assert again.changes_html() == (directory / "changes.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["zh", "both"])
def test_nothing_on_the_network_is_referenced(written, lang):
    _, directory, _ = written[lang]
    for name in ("brief.html", "changes.html"):
        html = (directory / name).read_text(encoding="utf-8")
        assert "http:" not in html and "https:" not in html, name
        root = parse(html)
        assert not root.find_all("script") and not root.find_all("link") and not root.find_all("img")
        assert not root.find_all("iframe") and not root.find_all("object")
        for node in root.iter():
            for key, value in node.attrs.items():
                assert not NETWORK.search(value), (name, node.tag, key, value)
        for style in root.find_all("style"):
            assert not NETWORK.search(style.text()), name


@pytest.mark.parametrize("lang", ["zh", "en", "both"])
def test_every_link_reaches_an_entry_of_changes_html(written, lang):
    _, directory, _ = written[lang]
    summary, changes = pages(directory)
    ids = {n.attrs["id"] for n in changes.iter() if "id" in n.attrs}
    links = [a.attrs["href"] for page in (summary, changes) for a in page.find_all("a")]
    fragments = [href.partition("#")[2] for href in links if "#" in href]
    assert len(fragments) > 10
    for href in links:
        page, _, fragment = href.partition("#")
        assert page in ("", "changes.html", "brief.html"), href
        if fragment or "#" in href:
            assert page != "brief.html" and fragment in ids, href


# -- the summary's structure -------------------------------------------------------------------------------


def test_the_summary_has_every_part_and_prints_on_a4(written):
    _, directory, _ = written["zh"]
    summary, _ = pages(directory)
    style = "".join(s.text() for s in summary.find_all("style"))
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", style)
    for ident in ("headline", "paragraphs", "changes", "asked", "shares", "methods", "sources", "share-figure"):
        summary.by_id(ident)
    figure = summary.by_id("share-figure")
    assert len(figure.find_all("svg")) == 1 and figure.find_all("text")  # inline SVG, words as text
    assert len(summary.find_all("svg")) == 1
    tables = summary.find_all("table")
    assert [t.attrs["class"] for t in tables] == ["changes", "asked", "shares theme", "shares primary-verb", "sources"]
    assert summary.find_all("html")[0].attrs["lang"] == "en"
    links = {a.attrs["href"].split("#")[0] for a in summary.find_all("a")}
    assert links == {"changes.html"}


def test_the_headline(written):
    made, directory, _ = written["zh"]
    summary, _ = pages(directory)
    headline = " ".join(summary.by_id("headline").text().split())
    assert "A/RES/80/229" in headline and "Adopted 18 December 2025" in headline
    assert "79 operative paragraphs" in headline and "read in Chinese" in headline
    assert (
        "Compared with A/RES/78/229 (adopted 19 December 2023, 93 operative paragraphs), 2 years earlier: "
        "the predecessor that operative paragraph 1 of 80/229 cites." in headline
    )
    (title,) = summary.by_id("headline").find_all("p", class_="title")
    assert title.attrs["lang"] == "zh" and title.text() == made.new.title


def test_80_229_against_78_229_lists_the_merges(written):
    for lang in ("zh", "both"):
        made, directory, _ = written[lang]
        summary, changes = pages(directory)
        merges = " ".join(summary.by_id("merges").text().split())
        for earlier, later in MERGES.items():
            assert f"78/229 {earlier[0]} + {earlier[1]} → 80/229 {later}" in merges, lang
            entry = changes.by_id(f"merged-{earlier[0]}-{earlier[1]}-to-{later}")
            assert "merged" in entry.attrs["class"].split()
            assert len(entry.find_all("div", class_="reading")) == len(made.readings)
        assert made.counts()["merged"] == len(MERGES)


def test_the_comparison_defaults_to_the_predecessor_op_1_cites():
    made = build_briefing(NEW)
    assert made.pairing == briefing.Pairing(NEW, OLD, "cited", OLD)
    assert made.against.symbol == OLD


def test_a_resolution_named_for_the_comparison_is_said_to_be_named(tmp_path):
    made = build_briefing(NEW, "A/RES/77/237", "en")
    made.save(tmp_path)
    summary, _ = pages(tmp_path)
    headline = " ".join(summary.by_id("headline").text().split())
    assert (
        "3 years earlier: named for this briefing (operative paragraph 1 cites A/RES/78/229 as the predecessor)."
        in headline
    )
    backwards = build_briefing(OLD, NEW, "en")
    assert "2 years later:" in " ".join(parse(backwards.summary_html()).by_id("headline").text().split())


def test_a_missing_predecessor_is_named_and_the_latest_earlier_member_compared(tmp_path):
    # 74/177's operative paragraph 1 cites 73/186, which is not bundled; 62/175 (Chinese) is
    made = build_briefing("A/RES/74/177")
    assert made.pairing == briefing.Pairing(
        "A/RES/74/177", "A/RES/62/175", "latest present", "A/RES/73/186", ("A/RES/73/186",), 10
    )
    made.save(tmp_path)
    summary, _ = pages(tmp_path)
    gap = " ".join(summary.by_id("gap").text().split())
    assert gap.startswith(
        "A/RES/73/186, which operative paragraph 1 of 74/177 cites as its predecessor, is not in the corpus"
    )
    assert "crimepol fetch A/RES/73/186 --lang zh" in gap and "10 more members" in gap
    assert "12 years earlier: the latest earlier member of the series in the corpus" in " ".join(
        summary.by_id("headline").text().split()
    )


def test_no_earlier_member_in_the_language_is_one_line_naming_the_gap():
    with pytest.raises(InputError, match=r"A/RES/73/186: cited by A/RES/74/177 \(operative 1\)"):
        build_briefing("A/RES/74/177", lang="en")  # 62/175 is bundled in Chinese only


# -- quotations and diffs are the official texts ----------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "both"])
def test_every_quotation_is_cut_from_the_official_text(written, texts, lang):
    made, directory, _ = written[lang]
    summary, changes = pages(directory)
    quotes = [q for page in (summary, changes) for q in page.find_all("q", class_="quote")]
    assert len(quotes) > 2 * len(made.changes) // 2
    symbol = {"before": OLD, "after": NEW}
    for q in quotes:
        paragraphs = [p.full_text for p in texts[(symbol[q.attrs["data-side"]], q.attrs["lang"])].operative]
        assert q.text() and any(q.text() in p for p in paragraphs), q.text()
    if lang == "both":
        assert {q.attrs["lang"] for q in quotes} == {"en", "zh"}
    titles = summary.by_id("headline").find_all("p", class_="title")
    assert [t.text() for t in titles] == [texts[(NEW, language)].title for language in made.languages]


@pytest.mark.parametrize("lang", ["zh", "both"])
def test_the_diffs_put_the_two_texts_back_together(written, texts, lang):
    """Equal and deleted pieces make the earlier paragraphs (one after the other), equal and inserted
    ones the later paragraphs; a merge marks where each earlier paragraph begins."""
    made, directory, _ = written[lang]
    _, changes = pages(directory)
    entries = [a for a in changes.find_all("article") if "entry" in a.attrs["class"].split()]
    assert len(entries) == len(made.entries) and len(entries) >= 20
    for article in entries:
        status, earlier, later = re.fullmatch(r"(\w+)-([\d-]+|none)-to-([\d-]+|none)", article.attrs["id"]).groups()
        before = [] if earlier == "none" else [int(n) for n in earlier.split("-")]
        after = [] if later == "none" else [int(n) for n in later.split("-")]
        for reading in article.find_all("div", class_="reading"):
            language = reading.attrs["lang"]
            old = {p.number: p.full_text for p in texts[(OLD, language)].operative}
            new = {p.number: p.full_text for p in texts[(NEW, language)].operative}
            (diff,) = reading.find_all("p", class_="diff")
            pieces = [c for c in diff.children if isinstance(c, Node)]
            kept = "".join(
                p.text() for p in pieces if p.tag in ("del", "span") and "boundary" not in p.attrs.get("class", "")
            )
            made_again = "".join(p.text() for p in pieces if p.tag in ("ins",) or p.attrs.get("class") == "eq")
            assert kept == " ".join(old[n] for n in before), article.attrs["id"]
            assert made_again == " ".join(new[n] for n in after), article.attrs["id"]
            marks = [p.text() for p in pieces if p.attrs.get("class") == "boundary"]
            assert marks == [f"78/229 {n}" for n in before[1:]], article.attrs["id"]
            assert status in briefing.STATUS_ORDER


@pytest.mark.parametrize("lang", ["zh", "en", "both"])
def test_every_paired_paragraph_whose_words_changed_has_its_diff(written, texts, lang):
    """A pair lineage retains but whose words differ is lightly edited, listed and diffed like a rewritten
    one; only pairs with the same words are left out of changes.html."""
    made, directory, _ = written[lang]
    summary, changes = pages(directory)
    ids = {n.attrs["id"] for n in changes.iter() if "id" in n.attrs}
    for reading in made.readings:
        old = {p.number: p.full_text for p in texts[(OLD, reading.language)].operative}
        new = {p.number: p.full_text for p in texts[(NEW, reading.language)].operative}
        for group in reading.groups:
            differ = [old[n] for n in group.earlier] != [new[n] for n in group.later]
            assert differ == (group.status != "retained"), group
            if differ:
                article = changes.by_id(group.anchor)
                (diff,) = [
                    d
                    for r in article.find_all("div", class_="reading")
                    if r.attrs["lang"] == reading.language
                    for d in r.find_all("p", class_="diff")
                ]
                assert diff.find_all("ins") or diff.find_all("del"), group.anchor
            else:
                assert group.anchor not in ids
    counts = made.counts()
    edited = changes.by_id("section-edited")
    listed = len(edited.find_all("article"))  # with two readings, the pairs either finds edited
    assert edited.find_all("h2")[0].text() == f"Lightly edited ({listed})"
    assert listed == counts["edited"] if len(made.readings) == 1 else listed >= counts["edited"]
    line = " ".join(summary.by_id("paragraphs").find_all("p")[0].text().split())
    assert f"{counts['retained']} kept word for word, {counts['edited']} lightly edited," in line


def test_31_of_the_54_pairs_lineage_retains_in_chinese_are_lightly_edited(written):
    made, _, _ = written["zh"]
    counts = made.counts()
    assert (counts["retained"] + counts["edited"], counts["edited"]) == (54, 31)


def test_changes_give_paragraph_numbers_in_both_resolutions(written, texts):
    made, directory, _ = written["zh"]
    _, changes = pages(directory)
    rows = changes.by_id("ranked").find_all("tr", class_="change")
    assert len(rows) == len(made.changes) == 50
    old = {p.number for p in texts[(OLD, "zh")].operative}
    new = {p.number for p in texts[(NEW, "zh")].operative}
    for row, change in zip(rows, made.changes):
        cells = row.find_all("td")
        assert cells[1].text() == change.what
        for cell, numbers, known in ((cells[2], change.earlier, old), (cells[3], change.later, new)):
            assert cell.text() == (", ".join(map(str, numbers)) or "—")
            assert set(numbers) <= known
        assert change.earlier or change.later
    kinds = [c.kind for c in made.changes]
    assert kinds == sorted(kinds, key=list(briefing.KINDS).index)  # ranked by kind first
    dropped = [c for c in made.changes if c.what == "Paragraph dropped"]
    assert sorted(c.earlier[0] for c in dropped) == [g.earlier[0] for g in made.groups("dropped")]


@pytest.mark.parametrize("lang", ["en", "both"])
def test_an_english_quotation_is_cut_where_a_word_ends(written, texts, lang):
    _, directory, _ = written[lang]
    summary, changes = pages(directory)
    symbol = {"before": OLD, "after": NEW}
    cut = 0
    for q in [q for page in (summary, changes) for q in page.find_all("q", class_="quote")]:
        if q.attrs["lang"] != "en":
            continue
        text = q.text()
        for paragraph in texts[(symbol[q.attrs["data-side"]], "en")].operative:
            at = paragraph.full_text.find(text)
            if at >= 0:
                after = paragraph.full_text[at + len(text) : at + len(text) + 1]
                assert not (after.isalnum() and text[-1:].isalnum()), (text, after)
                cut += bool(after)
                break
    assert cut > 5


def test_words_of_a_text_are_escaped_in_both_pages(texts):
    seed = texts[(NEW, "en")]
    paragraph = seed.operative[3]
    inserted = "<script>alert(1)</script> & "
    edited_80_229_with_markup_in_paragraph_4 = dataclasses.replace(
        seed,
        title=inserted + seed.title,
        operative=(
            *seed.operative[:3],
            dataclasses.replace(paragraph, text=inserted + paragraph.text),
            *seed.operative[4:],
        ),
    )
    made = build_briefing(edited_80_229_with_markup_in_paragraph_4, texts[(OLD, "en")], "en")
    for html in (made.summary_html(), made.changes_html(), made._repr_html_()):
        assert "<script" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; " in html
        root = parse(html)
        assert not root.find_all("script")


def test_a_stronger_verb_is_found_in_an_edited_text(texts):
    seed = texts[(NEW, "zh")]
    at = next(i for i, p in enumerate(seed.operative) if p.text.startswith("鼓励会员国") and p.number == 4)
    paragraph = seed.operative[at]
    edited_80_229_urges_instead_of_encourages = dataclasses.replace(
        seed,
        operative=(
            *seed.operative[:at],
            dataclasses.replace(paragraph, text="敦促" + paragraph.text.removeprefix("鼓励")),
            *seed.operative[at + 1 :],
        ),
    )
    made = build_briefing(edited_80_229_urges_instead_of_encourages, texts[(OLD, "zh")], "zh")
    ours = [c for c in made.changes if c.kind == "verb" and c.later == (4,)]
    assert [c.what for c in ours] == ["Stronger verb: encourages (3) → urges (7)"]
    assert [(q.side, q.text) for q in ours[0].quotes] == [("before", "鼓励"), ("after", "敦促")]


# -- the numbers in the summary -------------------------------------------------------------------------------


def test_shares_are_those_of_compare(written, texts):
    _, directory, _ = written["zh"]
    summary, _ = pages(directory)
    table = analysis.compare([texts[(OLD, "zh")], texts[(NEW, "zh")]], by="theme")
    (themes,) = summary.find_all("table", class_="theme")
    shown = {}
    for row in themes.find_all("tbody")[0].find_all("tr"):
        cells = [c.text() for c in row.find_all("td")]
        shown[cells[0]] = cells[1:]
    required = ["Trafficking (all)", "Corruption", "Terrorism", "Africa", "Funding"]
    assert list(shown)[:5] == required and len(shown) == briefing.SHOWN_THEMES
    new = table[(table["symbol"] == NEW) & (table["label"] == "trafficking")].iloc[0]
    expected = f"{100 * new['share']:.0f} ({100 * new['share_low']:.0f}–{100 * new['share_high']:.0f})"
    assert shown["Trafficking (all)"][1] == expected


def test_the_methods_box_reads_the_held_out_file(written):
    _, directory, _ = written["zh"]
    summary, _ = pages(directory)
    methods = " ".join(summary.by_id("methods").text().split())
    rates = json.loads((Path(briefing.error_rates_path())).read_text(encoding="utf-8"))
    codes = rates["dimensions"]["themes"]["zh"]["codes"].values()
    tp, fp, fn = (sum(c[k] for c in codes) for k in ("tp", "fp", "fn"))
    paragraphs = rates["dimensions"]["themes"]["zh"]["paragraphs"]
    assert (
        f"Chinese ({paragraphs} paragraphs): themes mentioned {100 * tp / (tp + fp):.0f} % right, "
        f"{100 * tp / (tp + fn):.0f} % found" in methods
    )
    assert "Language read: Chinese." in methods
    assert re.search(r"80/229: \d+ of 79 paragraphs", methods) and re.search(r"78/229: \d+ of 93 paragraphs", methods)


def test_the_methods_box_says_what_the_held_out_file_does_not_measure(written, tmp_path, monkeypatch):
    _, directory, _ = written["zh"]
    summary, _ = pages(directory)
    methods = " ".join(summary.by_id("methods").text().split())
    rates = json.loads((Path(briefing.error_rates_path())).read_text(encoding="utf-8"))
    held = set(rates["dimensions"])
    missing = [words for dimension, words in briefing.KIND_DIMENSIONS.values() if dimension not in held]
    assert missing and all(dimension in held for dimension in ("addressees", "funding_kind"))
    assert f"Not measured: that file has no held-out figures for {' or '.join(missing)}" in methods
    assert "the work given to bodies" in missing and "the primary verb and so its strength" in missing
    # a file that scores every kind the briefing ranks leaves nothing unmeasured
    whole = dict(rates, dimensions={**rates["dimensions"], "mandates": {}, "verb": {}})
    (tmp_path / "error_rates.json").write_text(json.dumps(whole), encoding="utf-8")
    monkeypatch.setattr(briefing, "error_rates_path", lambda: tmp_path / "error_rates.json")
    assert briefing.held_out_accuracy(["zh"])[2] == []


TEMPLATES = Path(briefing.__file__).parent / "templates"
NUMBERS_ALLOWED = ("operative paragraph 1", "SHA-256")  # the paragraph a predecessor is cited in; a name


def test_the_templates_type_no_number():
    for path in sorted(TEMPLATES.glob("*.j2")):
        text = re.sub(r"<style>.*?</style>", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", "", text, flags=re.DOTALL)
        text = re.sub(r"<[^>]*>", "", text)
        for allowed in NUMBERS_ALLOWED:
            text = text.replace(allowed, "")
        assert not re.search(r"\d", text), (path.name, re.findall(r".{0,30}\d.{0,30}", text))
        assert not re.search(r"(?i)\b(?:three|four|five|six|seven|eight|nine|ten|some)\b", text), path.name


def test_the_methods_box_gives_the_numbers_of_the_code(written, texts):
    from analysis.coding.themes import required_themes
    from analysis.coding.verbs import strengths
    from analysis.comparison import lineage, shares

    _, directory, _ = written["zh"]
    summary, _ = pages(directory)
    methods = " ".join(summary.by_id("methods").text().split())
    caption = " ".join(summary.by_id("share-figure").find_all("figcaption")[0].text().split())
    levels = strengths()
    assert (
        f"({min(levels.values())} to {max(levels.values())}: {levels['decides']} the Assembly decides, "
        f"{levels['requests']} it requests, {levels['invites']} it invites" in methods
    )
    assert f"({100 * shares.CONFIDENCE:.0f} %, Wilson)" in methods
    assert f"with {100 * shares.CONFIDENCE:.0f} % intervals" in caption
    assert f"The {len(required_themes())} required themes come first" in caption
    counts = (len(texts[(OLD, "zh")].operative), len(texts[(NEW, "zh")].operative))
    assert f"with {counts[0]} and {counts[1]} paragraphs they are wide" in methods
    assert f"at least {100 * lineage.RETAINED_AT:.0f} % similar is kept" in methods
    assert f"{100 * lineage.MERGED_AT:.0f} % or more of whose {lineage.CONTAINMENT_NGRAM}-word runs" in methods


def test_the_sources_are_the_manifest_s(written):
    _, directory, _ = written["both"]
    summary, _ = pages(directory)
    rows = [[c.text() for c in r.find_all("td")] for r in summary.by_id("sources").find_all("tbody")[0].find_all("tr")]
    manifest = {(d.symbol, d.language): d for d in read_manifest()}
    assert len(rows) == 4
    for symbol, language, file, sha256 in rows:
        code = {"English": "en", "Chinese": "zh"}[language]
        assert file == Path(manifest[(symbol, code)].path).name and sha256 == manifest[(symbol, code)].sha256
    note = summary.by_id("sources").text()
    assert f"crime-policy-priorities {analysis.__version__}, codebook 2.0" in note


# -- the pieces --------------------------------------------------------------------------------------------------


def test_lineage_rows_become_groups():
    import pandas as pd

    frame = pd.DataFrame(
        [
            (1, 1, "retained"),
            (2, 2, "modified"),
            (3, 2, "merged"),
            (4, 3, "modified"),
            (4, 4, "split"),
            (None, 5, "new"),
            (5, None, "dropped"),
        ],
        columns=["earlier", "later", "status"],
    ).astype({"earlier": "Int64", "later": "Int64"})
    assert lineage_groups(frame) == [
        Group("retained", (1,), (1,)),
        Group("merged", (2, 3), (2,)),
        Group("split", (4,), (3, 4)),
        Group("new", (), (5,)),
        Group("dropped", (5,), ()),
    ]


def test_a_piece_across_two_merged_paragraphs_is_cut_where_the_second_begins():
    pieces = [("equal", "ab cd"), ("delete", " ef"), ("insert", "X")]
    assert briefing._split_at(pieces, {3: 7}) == [
        Piece("equal", "ab "),
        Piece("boundary", "7"),
        Piece("equal", "cd"),
        Piece("delete", " ef"),
        Piece("insert", "X"),
    ]


# -- the command line and the API -----------------------------------------------------------------------------


def test_crimepol_brief_writes_both_files(tmp_path, capsys):
    assert main(["brief", NEW, "--against", OLD, "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert f"{NEW} against {OLD}: 50 changes ranked" in out
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["brief.html", "changes.html"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["brief", "A/RES/80"], "A/RES/80: not a General Assembly resolution symbol"),
        (["brief", "A/RES/99/1"], "A/RES/99/1: not in the corpus in language 'zh'"),
        (["brief", NEW, "--lang", "fr"], "invalid choice: 'fr'"),
    ],
)
def test_crimepol_brief_refuses_in_one_line(argv, message, tmp_path, capsys):
    try:
        code = main([*argv, "--out", str(tmp_path)])
    except SystemExit as exit:  # argparse refuses an option value by exiting
        code = exit.code
    assert code == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_analysis_brief_shows_inline_and_saves(written, tmp_path):
    made = analysis.brief(NEW, OLD)
    fragment = made._repr_html_()
    root = parse(fragment)
    assert not root.find_all("html") and not root.find_all("body")
    assert "crimepol-brief" in root.find_all("div")[0].attrs["class"].split()
    assert "@page" not in fragment and len(root.find_all("svg")) == 1
    assert made.save(tmp_path) == [tmp_path / "brief.html", tmp_path / "changes.html"]
    assert repr(made) == (
        "<Briefing A/RES/80/229 against A/RES/78/229 (zh): 50 changes ranked; "
        ".save(directory) writes brief.html and changes.html>"
    )
    with pytest.raises(ValueError, match="lang must be one of zh, en, both"):
        analysis.brief(NEW, OLD, lang="fr")


def test_a_resolution_in_the_other_language_stands_for_its_symbol(texts):
    made = analysis.brief(texts[(NEW, "en")], OLD, lang="zh", corpus=Corpus(bundled_only=True))
    assert made.new.language == "zh" and made.new.symbol == NEW
    assert isinstance(made.new, Resolution)
