"""The public API: every name that ``analysis`` exports resolves, and the light ones stay light."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

import analysis


def test_every_exported_name_resolves():
    for name in analysis.__all__:
        assert getattr(analysis, name) is not None, name


def test_parsing_imports_no_plotting_statistics_tables_or_pdf_reader(tmp_path):
    code = (
        "import sys; from analysis.cli import main; main(['parse', 'A/RES/62/175', '--lang', 'zh', '-o', "
        "sys.argv[1]]); print(sorted(m for m in ('matplotlib', 'scipy', 'sklearn', 'pandas', 'pdfplumber') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "seed.json")], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]" and (tmp_path / "seed.json").stat().st_size > 1000


# -- the four calls -----------------------------------------------------------------------------------

LIST_COLUMNS = ("verbs", "modifiers", "themes", "subject_themes", "addressees", "mandates", "funding_kind", "evidence")
SEED_SYMBOL = "A/RES/62/175"
SUCCESSOR = "A/RES/78/229"  # bundled in English and Chinese
Z95 = 1.959963984540054  # the 97.5 % point of the standard normal


def _wilson(k: int, n: int) -> tuple[float, float]:
    """The Wilson score interval written out (an independent route to scipy's)."""
    p = k / n
    centre = p + Z95**2 / (2 * n)
    spread = Z95 * math.sqrt(p * (1 - p) / n + Z95**2 / (4 * n * n))
    return (centre - spread) / (1 + Z95**2 / n), (centre + spread) / (1 + Z95**2 / n)


def _fisher_two_sided(a: int, b: int, c: int, d: int) -> float:
    """Fisher's exact test on [[a, b], [c, d]]: the tables with the same margins that are at most as
    likely as the one observed (hypergeometric probabilities with math.comb)."""
    row1, col1, n = a + b, a + c, a + b + c + d

    def prob(x: int) -> float:
        return math.comb(col1, x) * math.comb(n - col1, row1 - x) / math.comb(n, row1)

    observed = prob(a)
    low, high = max(0, row1 + col1 - n), min(row1, col1)
    return min(1.0, sum(prob(x) for x in range(low, high + 1) if prob(x) <= observed * (1 + 1e-7)))


def test_the_package_names_are_the_api_functions_even_after_every_submodule_is_imported():
    import importlib
    import pkgutil

    for module in pkgutil.walk_packages(analysis.__path__, "analysis."):
        if module.name not in ("analysis.entry", "analysis.__main__") and not module.name.startswith("analysis.data"):
            importlib.import_module(module.name)
    from analysis import api

    for name in ("load", "paragraphs", "classify", "compare"):
        assert getattr(analysis, name) is getattr(api, name), name


def test_load_by_symbol_one_language_or_every_language_held(sandbox):
    [seed] = analysis.load(SEED_SYMBOL, lang="zh")
    assert (seed.symbol, seed.language, len(seed.operative)) == (SEED_SYMBOL, "zh", 16)
    both = analysis.load(SUCCESSOR)
    assert [(r.symbol, r.language) for r in both] == [(SUCCESSOR, "en"), (SUCCESSOR, "zh")]
    assert analysis.load([seed]) == [seed]  # a parsed resolution passes through


def test_load_by_path_and_directory(tmp_path, sandbox):
    from tests.conftest import SEED, UNXML

    [by_path] = analysis.load(SEED)
    assert by_path.symbol == SEED_SYMBOL
    folder = tmp_path / "two"
    folder.mkdir()
    for name in ("A_RES_78_229.en.xml", "A_RES_78_229.zh.xml"):
        (folder / name).write_bytes((UNXML / name).read_bytes())
    assert [r.language for r in analysis.load(folder)] == ["en", "zh"]


def test_a_missing_symbol_says_how_to_get_the_official_file(sandbox):
    with pytest.raises(analysis.MissingDocument) as caught:
        analysis.load("A/RES/61/181", lang="zh")
    assert str(caught.value) == (
        "A/RES/61/181: not in the corpus in language 'zh'; run `crimepol fetch A/RES/61/181 --lang zh`, or "
        "download https://documents.un.org/api/symbol/access?s=A/RES/61/181&l=zh&t=pdf and register it with "
        "`crimepol add FILE --symbol A/RES/61/181 --lang zh`"
    )
    assert isinstance(caught.value, analysis.InputError)  # the command line prints it as one line, exit 2
    with pytest.raises(analysis.InputError, match=r"^'fr': not a language this package reads \(en, zh\)$"):
        analysis.load(SEED_SYMBOL, lang="fr")


def test_paragraphs_and_classify_have_real_list_columns(seed):
    paragraphs = analysis.paragraphs(seed)
    assert len(paragraphs) == len(seed.preamble) + len(seed.operative)
    assert all(isinstance(v, list) for v in paragraphs["footnotes"])
    assert all(isinstance(v, list) for v in paragraphs["subparagraphs"])
    table = analysis.classify(seed)
    assert list(table["paragraph"]) == list(range(1, 17))
    for column in LIST_COLUMNS:
        assert all(isinstance(v, list) for v in table[column]), column
    assert table.set_index("paragraph").loc[4, "verbs"] == ["notes", "requests"]  # read by hand: 注意到…，并请
    assert (table["codebook_version"] == "2.0").all() and all(isinstance(v, str) for v in table["lead"])
    # subjects are a subset of the mentions, and every label of the new columns has its evidence
    for row in table.itertuples():
        assert set(row.subject_themes) <= set(row.themes)
        dimensions = {"addressee": row.addressees, "mandate": row.mandates, "funding_kind": row.funding_kind}
        for dimension, values in dimensions.items():
            assert [e.split("=")[0] for e in row.evidence if e.startswith(f"{dimension}:")] == [
                f"{dimension}:{v}" for v in values
            ], (row.paragraph, dimension)


def test_csv_joins_lists_and_reads_them_back(seed, tmp_path):
    from analysis.serialize import read_csv, to_csv, to_json

    table = analysis.classify(seed)
    path = tmp_path / "operative.csv"
    path.write_text(to_csv(table), encoding="utf-8")
    assert "notes|requests" in path.read_text(encoding="utf-8")
    back = read_csv(path)  # every list column the package writes, split back by default
    for column in LIST_COLUMNS:
        assert back[column].tolist() == table[column].tolist(), column
    assert back["lead"].tolist() == table["lead"].tolist() and (back["codebook_version"] == "2.0").all()
    assert read_csv(path, list_columns=())["verbs"].iloc[3] == "notes|requests"  # or none, if asked
    records = json.loads(to_json(table))
    assert records[3]["verbs"] == ["notes", "requests"] and records[0]["strength"] == table.loc[0, "strength"]
    for column in LIST_COLUMNS:
        assert [r[column] for r in records] == table[column].tolist(), column


def test_compare_against_counts_made_from_the_classification(sandbox):
    """Counts, shares, Wilson intervals and Fisher p of compare(), each recomputed by another route:
    counting the classification table's theme lists, the Wilson formula, Fisher by hypergeometric sums."""
    pair = analysis.load([SEED_SYMBOL, SUCCESSOR], lang="zh")
    result = analysis.compare(pair, by="theme")
    tables = {r.symbol: analysis.classify(r) for r in pair}
    assert set(result["symbol"]) == {SEED_SYMBOL, SUCCESSOR}
    assert (result["baseline"] == f"{SEED_SYMBOL} (zh)").all()
    _check_shares(result, tables, "themes")
    assert list(dict.fromkeys(result["label"])) == [
        t for t in analysis.theme_names() if t in set(result["label"])
    ]  # codebook order


def test_compare_by_verb_and_with_a_named_baseline(sandbox):
    pair = analysis.load([SEED_SYMBOL, SUCCESSOR], lang="zh")
    verbs = analysis.compare(pair, by="verb", baseline=SUCCESSOR)
    assert (verbs["baseline"] == f"{SUCCESSOR} (zh)").all()
    seed_table = analysis.classify(pair[0])
    requests = verbs[(verbs["symbol"] == SEED_SYMBOL) & (verbs["label"] == "requests")].iloc[0]
    assert requests["count"] == (seed_table["verb"] == "requests").sum()  # primary verbs only
    with pytest.raises(ValueError, match=r"^baseline A/RES/1/1 is not among the resolutions compared$"):
        analysis.compare(pair, baseline="A/RES/1/1")
    with pytest.raises(ValueError, match=r"^by must be 'theme', 'verb', 'addressee' or 'funding_kind', not 'topic'$"):
        analysis.compare(pair, by="topic")


@pytest.mark.parametrize(("by", "column"), [("addressee", "addressees"), ("funding_kind", "funding_kind")])
def test_compare_by_addressee_and_funding_kind_against_the_classification(by, column, sandbox):
    """The same counts, intervals and tests as for themes, recomputed from the classification table's
    lists; the labels in the codebook's order (the order of the lexicon file)."""
    from analysis.coding.money import kind_names
    from analysis.lexicon import read_toml

    pair = analysis.load([SEED_SYMBOL, SUCCESSOR], lang="zh")
    result = analysis.compare(pair, by=by)
    tables = {r.symbol: analysis.classify(r) for r in pair}
    vocabulary = {
        "addressee": list(read_toml("addressees.toml")["addressees"]),
        "funding_kind": kind_names(),
    }[by]
    found = {label for table in tables.values() for cell in table[column] for label in cell}
    assert list(dict.fromkeys(result["label"])) == [label for label in vocabulary if label in found]
    _check_shares(result, tables, column)


def _check_shares(result, tables, column: str, baseline: str = SEED_SYMBOL) -> None:
    """Each row's count, share, Wilson interval, difference and Fisher p from the lists in ``column``."""
    for row in result.itertuples():
        table, base = tables[row.symbol], tables[baseline]
        k = sum(row.label in cell for cell in table[column])
        assert (row.count, row.paragraphs, row.share) == (k, len(table), pytest.approx(k / len(table)))
        assert (row.share_low, row.share_high) == pytest.approx(_wilson(k, len(table)), abs=1e-9)
        if row.symbol == baseline:
            assert math.isnan(row.difference) and math.isnan(row.p_fisher)
            continue
        b = sum(row.label in cell for cell in base[column])
        assert row.difference == pytest.approx(k / len(table) - b / len(base))
        assert row.p_fisher == pytest.approx(_fisher_two_sided(b, len(base) - b, k, len(table) - k), rel=1e-9)
        assert row.difference_low <= row.difference <= row.difference_high


def test_compare_counts_subject_themes_or_every_mention(sandbox):
    pair = analysis.load([SEED_SYMBOL, SUCCESSOR], lang="zh")
    tables = {r.symbol: analysis.classify(r) for r in pair}
    subjects = analysis.compare(pair, themes="subject")
    mentions = analysis.compare(pair, themes="all")
    assert mentions.equals(analysis.compare(pair))  # every mention is the default
    _check_shares(subjects, tables, "subject_themes")
    by_label = mentions.set_index(["symbol", "label"])["count"]
    assert all(row.count <= by_label[(row.symbol, row.label)] for row in subjects.itertuples())
    assert (subjects["count"] < subjects.set_index(["symbol", "label"]).index.map(by_label)).any()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"themes": "subjects"}, "themes must be 'all' or 'subject', not 'subjects'"),
        (
            {"themes": "learned"},
            "themes must be 'all' or 'subject', not 'learned' (the theme model is model='learned')",
        ),
        ({"model": "neural"}, "model must be 'lexicon', 'learned' or 'union', not 'neural'"),
        (
            {"by": "verb", "themes": "subject"},
            "themes='subject' counts subject themes: it needs by='theme', not by='verb'",
        ),
        (
            {"themes": "subject", "model": "union"},
            "themes='subject' needs model='lexicon': the union model reads mentions, not subjects",
        ),
        (
            {"by": "addressee", "labels": ["unodc", "office"]},
            "unknown addressee label(s): office (see docs/codebook.md)",
        ),
        ({"by": "verb", "labels": ["takes_note"]}, "unknown verb label(s): takes_note (see docs/codebook.md)"),
    ],
)
def test_compare_refuses_a_bad_value_with_one_line(options, message, seed):
    with pytest.raises(ValueError) as refused:
        analysis.compare(seed, **options)
    assert str(refused.value) == message


def test_the_package_version_is_one_value_everywhere():
    """analysis.__version__, the installed metadata (pyproject.toml reads the version from the package)
    and the first release named in CHANGELOG.md."""
    import importlib.metadata
    import re
    import tomllib

    from tests.conftest import REPO

    assert analysis.__version__ == "0.2.0"
    assert importlib.metadata.version("crime-policy-priorities") == analysis.__version__
    with (REPO / "pyproject.toml").open("rb") as fh:
        project = tomllib.load(fh)
    assert "version" in project["project"]["dynamic"] and "version" not in project["project"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "analysis.version.__version__"}
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## (\S+): codebook (\S+)$", changelog, flags=re.MULTILINE)
    assert releases[0] == (analysis.__version__, "2.0") and releases[-1] == ("0.1.0", "1.0")


def test_all_lists_exactly_the_lazy_names():
    assert sorted(analysis.__all__) == sorted(analysis._LAZY) == analysis.__all__


def test_the_series_follows_the_configured_focus(monkeypatch, sandbox):
    """The distance column and the theme-by-verb figure are named after the focus of comparisons.toml,
    not after 62/175 (a generated configuration: 78/229 as focus, 62/175 before it, 80/229 after)."""
    from analysis import lexicon
    from analysis.output import report

    table = {
        "focus": "A/RES/78/229",
        "focus_year": 2023,
        "language": "zh",
        "predecessors": [{"symbol": "A/RES/62/175", "year": 2007}],
        "successors": [{"symbol": "A/RES/80/229", "year": 2025}],
    }
    monkeypatch.setattr(lexicon, "comparisons", lambda directory=None: table)
    series = analysis.analyse_series(analysis.load(["A/RES/62/175", "A/RES/78/229", "A/RES/80/229"], lang="zh"))
    assert "js_to_78_229" in series.summary and "js_to_62_175" not in series.summary
    focus_row = series.summary.set_index("symbol").loc["A/RES/78/229"]
    assert focus_row["js_to_78_229"] == 0
    assert set(series.differences["earlier"]) | set(series.differences["later"]) >= {"A/RES/78/229"}
    assert (series.differences[["earlier", "later"]] == "A/RES/78/229").any(axis=1).all()
    figures = analysis.series_figures(series)
    assert "theme_verb_78_229" in figures and "theme_verb_62_175" not in figures
    printed = report.report_text(report.ReportResult(resolutions=list(series.resolutions.values()), series=series))
    assert "The series of A/RES/78/229 in the corpus" in printed and "theme mix to 78/229" in printed
    assert "Labels of codebook 2.0 (docs/codebook.md; the codebook_version column of operative.csv), " in printed
    assert "62/175):" not in printed


# -- one contract for every reader ----------------------------------------------------------------------


def _input(kind: str, tmp_path):
    """A file of each format the package reads, with the symbol it holds (all official or generated
    from official XML; the HTML and text are renderings made here, named as generated)."""
    from analysis.output.text_views import plain_text
    from tests.conftest import PDF_FIXTURES, SEED, UNXML
    from tests.io.test_html import generated_page

    if kind == "text":
        return SEED, "A/RES/62/175"
    if kind == "xml":
        return UNXML / "A_RES_78_229.en.xml", "A/RES/78/229"
    if kind == "pdf":
        return PDF_FIXTURES / "A_RES_73_6-EN.pdf", "A/RES/73/6"
    if kind == "html":
        page = tmp_path / "generated_A_RES_77_241.en.html"
        page.write_text(generated_page("A_RES_77_241.en.xml", "p"), encoding="utf-8")
        return page, "A/RES/77/241"
    [xml] = analysis.load(UNXML / "A_RES_74_177.zh.xml")
    rendered = tmp_path / "generated_rendering_74_177.txt"
    rendered.write_text(plain_text(xml, "pdf"), encoding="utf-8")
    return rendered, "A/RES/74/177"


@pytest.mark.parametrize("kind", ["text", "xml", "pdf", "html", "rendered text"])
def test_every_reader_gives_the_same_kind_of_result(kind, tmp_path, sandbox):
    """Whatever the format: one Resolution with its symbol and structure, tables with the same columns,
    JSON that round-trips, and for the same file cut short an InputError (one line) or a warning."""
    from analysis.serialize import to_json

    path, symbol = _input(kind, tmp_path)
    [r] = analysis.load(path)
    assert r.symbol == symbol and r.language in ("en", "zh") and r.operative and r.source == str(path)
    assert r.source_format == {"rendered text": "text"}.get(kind, kind)
    assert list(analysis.paragraphs(r).columns) == list(analysis.paragraphs(analysis.load(SEED_SYMBOL, lang="zh")))
    table = analysis.classify(r)
    assert len(table) == len(r.operative) and table["verb"].ne("").mean() > 0.8
    assert json.loads(to_json(r.to_dict()))["symbol"] == symbol
    cut = tmp_path / f"generated_cut{path.suffix}"
    data = path.read_bytes()
    cut.write_bytes(data[: len(data) // 3] if kind != "pdf" else data[:2000])
    try:
        [partial] = analysis.load(cut)
    except analysis.InputError as refused:  # refused: one line naming the file
        assert "\n" not in str(refused) and str(refused).startswith(f"{cut}: ")
    else:  # or read, and said to be incomplete: never silently
        assert any("closing" in w or "mid-sentence" in w for w in partial.warnings), partial.warnings


def test_compare_refuses_what_would_make_its_intervals_wrong(seed, sandbox):
    """A document given twice would count its paragraphs twice and narrow every interval."""
    with pytest.raises(ValueError, match=r"^A/RES/62/175 \(zh\) is given more than once; compare each document once$"):
        analysis.compare([seed, seed])
    with pytest.raises(ValueError, match=r"^unknown theme label\(s\): smuggling \(see docs/codebook.md\)$"):
        analysis.compare(seed, labels=["smuggling"])


def test_a_baseline_in_two_languages_is_named_with_its_language(sandbox):
    both = analysis.load(SUCCESSOR)  # English and Chinese
    with pytest.raises(ValueError, match=r"compared in 2 languages; name one"):
        analysis.compare(both, baseline=SUCCESSOR)
    table = analysis.compare(both, baseline=(SUCCESSOR, "zh"))
    assert (table["baseline"] == f"{SUCCESSOR} (zh)").all()
    assert table[table["language"] == "zh"]["difference"].isna().all()
    assert table[table["language"] == "en"]["difference"].notna().all()
    assert analysis.compare(both, baseline=both[0])["baseline"].iloc[0] == f"{SUCCESSOR} (en)"


def test_a_directory_with_lang_reads_only_that_language(tmp_path, sandbox):
    from tests.conftest import UNXML

    for name in ("A_RES_78_229.en.xml", "A_RES_78_229.zh.xml"):
        (tmp_path / name).write_bytes((UNXML / name).read_bytes())
    assert [r.language for r in analysis.load(tmp_path, lang="en")] == ["en"]
    assert [r.language for r in analysis.load(tmp_path, lang="zh")] == ["zh"]


def test_a_symbol_in_no_language_says_so(sandbox):
    with pytest.raises(analysis.MissingDocument, match=r"^A/RES/61/181: not in the corpus on this machine in any"):
        analysis.load("A/RES/61/181")
