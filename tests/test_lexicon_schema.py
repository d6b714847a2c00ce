"""The lexicon files fit their schema (analysis/lexicon.py, SCHEMA), their labels are defined and
documented in docs/codebook.md, and a malformed copy is refused with one exact line."""

from __future__ import annotations

import csv
import re
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from analysis import lexicon
from analysis.coding import verbs
from analysis.errors import InputError, LexiconError
from analysis.lang import languages
from analysis.parsing import parse
from analysis.util.locations import data_dir

LEXICON = data_dir() / "lexicon"
CODEBOOK = Path(__file__).resolve().parents[1] / "docs" / "codebook.md"


def rows(name: str) -> list[dict[str, str]]:
    with (LEXICON / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def toml(name: str) -> dict:
    with (LEXICON / name).open("rb") as fh:
        return tomllib.load(fh)


def codebook_section(heading: str) -> str:
    """The text of one "## " section of the codebook (the generated examples are another section)."""
    text = CODEBOOK.read_text(encoding="utf-8")
    return text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def first_cell_names(section: str) -> set[str]:
    """Names in backticks in the first cell of each table row (`requests`, `endorses` / `approves`)."""
    return {
        name
        for line in section.splitlines()
        if line.startswith("| `")
        for name in re.findall(r"`([a-z_][a-z0-9_]*)`", line.split("|")[1])
    }


def test_every_lexicon_file_has_a_schema_and_loads() -> None:
    assert {p.name for p in LEXICON.iterdir() if p.suffix in (".csv", ".toml")} == set(lexicon.SCHEMA)
    lexicon.check_lexicon()
    for name in lexicon.SCHEMA:
        assert lexicon.check_file(name)
        assert lexicon.lexicon_path(name) == LEXICON / name


def test_csv_columns_and_languages() -> None:
    for name, spec in lexicon.SCHEMA.items():
        if name.endswith(".csv"):
            with (LEXICON / name).open(encoding="utf-8", newline="") as fh:
                assert next(csv.reader(fh)) == list(spec["columns"]), name
            if "language" in spec["columns"]:
                assert {r["language"] for r in rows(name)} == {"en", "zh"}, name


def test_every_verb_label_has_a_strength_in_the_documented_range() -> None:
    strength = {r["label"]: r["strength"] for r in rows("verb_strength.csv")}
    low, high = lexicon.STRENGTH_RANGE
    # codebook 2.0: procedural decisions are 0, below every other class
    assert (low, high) == (0, 9)  # docs/codebook.md, "Strength": "0–9"
    assert "(`data/lexicon/verb_strength.csv`, 0–9)" in codebook_section("Verbs")
    for label in {r["label"] for r in rows("verbs.csv")}:
        assert label in strength, label
        assert strength[label].isdigit() and low <= int(strength[label]) <= high, label


def test_every_verb_label_is_in_the_codebook() -> None:
    documented = first_cell_names(codebook_section("Verbs"))
    labels = {r["label"] for r in rows("verbs.csv")} | {r["label"] for r in rows("verb_strength.csv")}
    assert labels - documented == set()
    assert documented - labels == set()  # the codebook names no label the lexicon lacks


def test_every_theme_is_in_the_codebook_and_refers_to_defined_themes() -> None:
    table = toml("themes.toml")
    names = set(table["themes"])
    assert names == first_cell_names(codebook_section("Themes"))
    assert set(table["required"]) <= names
    for spec in table["themes"].values():
        assert spec.get("parent", "trafficking") in names
        assert spec.get("weak_unless", "trafficking") in names


def test_modifier_positions_and_connector_strengths_are_known() -> None:
    assert {r["position"] for r in rows("verb_modifiers.csv")} == set(lexicon.MODIFIER_POSITIONS)
    assert {r["strength"] for r in rows("verb_connectors.csv")} == {"strong", "weak"}


def test_month_names_and_the_particle_come_from_the_lexicon() -> None:
    assert lexicon.months() == {name: number for number, name in enumerate(toml("anatomy.toml")["en"]["months"], 1)}
    assert lexicon.months()["January"] == 1 and lexicon.months()["December"] == 12
    assert lexicon.verb_particle("zh") == "表示" and lexicon.verb_particle("en") == ""
    assert '"表示"' not in Path(verbs.__file__).read_text(encoding="utf-8")  # the verb reader keeps no such word
    m = lexicon.anatomy("en").closing_date.match("18 December 2007")
    assert m and parse._date(m).isoformat() == "2007-12-18"
    assert verbs.read_verbs("表示赞赏地注意到秘书长的报告；", "zh").modifiers == ("with appreciation",)
    assert verbs.read_verbs("对于非法作物种植表示关切；", "zh").verb == "expresses_concern"


# --- malformed copies: each is the bundled lexicon with one edit, refused with one exact line ---

REGEX_ERROR = "missing ), unterminated subpattern at position 2"
MALFORMED = [
    # (file, text replaced, replacement, the problem part of the message)
    (
        "verbs.csv",
        "zh,请,requests,",
        "zh,请,requestz,",
        "line 2, label: 'requestz' has no row in verb_strength.csv",
    ),
    (
        "verbs.csv",
        "zh,请,requests,,求|愿|柬,",
        "zh,请,requests,,求|(,",
        f"line 2, exclude_next: invalid regular expression '求|(': {REGEX_ERROR}",
    ),
    (
        "verbs.csv",
        "zh,请,requests,,求|愿|柬,,,",
        "zh,请,requests,,求|愿|柬,no,,",
        "line 2, opening_only: 'no' is not one of (empty), yes",
    ),
    (
        "verbs.csv",
        "needs_strong_connector,note\n",
        "needs_strong_connector,notes\n",
        "columns language, phrase, label, modifiers, exclude_next, opening_only, needs_strong_connector, notes; "
        "expected language, phrase, label, modifiers, exclude_next, opening_only, needs_strong_connector, note",
    ),
    (
        "verb_strength.csv",
        "decides,9,",
        "decides,10,",
        "line 2, strength: '10' is not an integer from 0 to 9",
    ),
    (
        "verb_strength.csv",
        "demands,8,",
        "decides,8,",
        "line 3: repeats line 2 (label 'decides')",
    ),
    (
        "verb_modifiers.csv",
        "en,Also,also,prefix,",
        "en,Also,also,infix,",
        "line 2, position: 'infix' is not one of prefix, suffix, adverb, circumfix, opening, particle, preposition",
    ),
    (
        "verb_connectors.csv",
        "zh,并,strong,",
        "zh,并,strong,extra,",
        "line 2: 5 fields, expected 4",
    ),
    (
        "organs.csv",
        "GA,en,General Assembly,",
        "GA,fr,General Assembly,",
        "line 2, language: 'fr' is not one of en, zh",
    ),
    (
        "citation_kinds.csv",
        "resolution,en,resolution\n",
        "report,en,resolution\n",
        "line 2, kind: 'report' is not one of resolution, decision",
    ),
    (
        "preamble_leads.csv",
        "en,Recalling,148",
        "en,Recalling,many",
        "line 2, count: 'many' is not an integer of at least 0",
    ),
    (
        "anatomy.toml",
        "# Structural vocabulary",
        "[zh\n# Structural vocabulary",
        "not valid TOML: Expected ']' at the end of a table declaration (at line 1, column 4)",
    ),
    (
        "anatomy.toml",
        "formula = '^大会[，,]?$'\n",
        "",
        "zh: missing required key 'formula'",
    ),
    (
        "anatomy.toml",
        "plenary = '^第(?P<meeting>\\d+)次全体会议",
        "plenary = '^第(?P<meeting\\d+)次全体会议",
        "zh.plenary: invalid regular expression '^第(?P<meeting\\d+)次全体会议(?:[(（]续会[)）])?$': "
        "missing >, unterminated name at position 6",
    ),
    (
        "anatomy.toml",
        '"November", "December"]',
        '"November"]',
        "en.months: expected twelve distinct month names, January first, found 11",
    ),
    (
        "themes.toml",
        'label = "Trafficking in persons"\nparent = "trafficking"',
        'label = "Trafficking in persons"\nparent = "traffiking"',
        "themes.trafficking_in_persons.parent: 'traffiking' is not a theme defined under [themes]",
    ),
    (
        "themes.toml",
        'required = ["trafficking",',
        'required = ["trafficing",',
        "required: 'trafficing' is not a theme defined under [themes]",
    ),
    (
        "themes.toml",
        'en = ["trafficking", "illicit traffic",',
        'en = ["trafficking", "illicit (traffic",',
        "themes.trafficking.en: invalid regular expression 'illicit (traffic': "
        "missing ), unterminated subpattern at position 8",
    ),
    (
        "themes.toml",
        'en = ["trafficking", "illicit traffic",',
        'en = ["trafficking\\\\Z", "illicit traffic",',
        "themes.trafficking.en: invalid regular expression 'trafficking\\Z' (matched lower-cased): "
        "bad escape \\z at position 11",
    ),
    (
        "themes.toml",
        '[themes.trafficking]\nlabel = "Trafficking (all)"',
        '[themes.trafficking]\nlabel = "Trafficking (all)"\nexlude_en = []',
        "themes.trafficking: unknown key 'exlude_en' (expected label, description, parent, en, zh, exclude_en, "
        "exclude_zh, weak_en, weak_zh, names_en, names_zh, weak_unless)",
    ),
    (
        "references.toml",
        'short = ["《议定书》", "该议定书"]',
        'short = ["《议定书》", "该议定书("]',
        "zh (table 2).short: invalid regular expression '该议定书(': missing ), unterminated subpattern at position 4",
    ),
    (
        "citations.toml",
        "[zh]\n",
        "[zh]\nassembly_verb = 3\n",
        "zh: unknown key 'assembly_verb' (expected list_continuation)",
    ),
]


def malformed_copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """The bundled lexicon copied to ``tmp_path`` with one edit of ``name`` (which must apply once)."""
    directory = tmp_path / "lexicon"
    shutil.copytree(LEXICON, directory)
    text = (directory / name).read_text(encoding="utf-8")
    assert text.count(old) == 1, (name, old)
    (directory / name).write_text(text.replace(old, new), encoding="utf-8")
    return directory


def assert_refused(
    check: Callable[[str, Path], object], name: str, directory: Path, problem: str, error: type[InputError]
) -> InputError:
    """``check(name, directory)`` refuses the file with ``error`` and one exact line: path, then problem."""
    with pytest.raises(error) as refused:
        check(name, directory)
    assert str(refused.value) == f"{directory / name}: {problem}"
    assert "\n" not in str(refused.value)
    return refused.value


@pytest.mark.parametrize(("name", "old", "new", "problem"), MALFORMED, ids=[f"{m[0]}:{m[3][:40]}" for m in MALFORMED])
def test_a_malformed_copy_is_refused_with_one_exact_line(
    tmp_path: Path, name: str, old: str, new: str, problem: str
) -> None:
    directory = malformed_copy(tmp_path, name, old, new)
    assert_refused(lexicon.check_file, name, directory, problem, LexiconError)
    with pytest.raises(LexiconError):  # and so is the whole lexicon
        lexicon.check_lexicon(directory)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    directory = tmp_path / "lexicon"
    shutil.copytree(LEXICON, directory)
    (directory / "verb_strength.csv").unlink()
    with pytest.raises(LexiconError) as refused:
        lexicon.check_file("verbs.csv", directory)  # verbs.csv needs the strengths to check its labels
    assert str(refused.value) == f"{directory / 'verb_strength.csv'}: cannot be read: No such file or directory"


def test_the_loader_refuses_a_malformed_package_lexicon(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading (not only the checking function) refuses: the package data pointed at a broken copy."""
    directory = malformed_copy(tmp_path, "verb_strength.csv", "decides,9,", "decides,nine,")
    monkeypatch.setattr(lexicon, "data_dir", lambda: tmp_path)
    expected = f"{directory / 'verb_strength.csv'}: line 2, strength: 'nine' is not an integer from 0 to 9"
    for load in (lambda: lexicon.read_csv("verb_strength.csv"), lambda: lexicon.lexicon_path("verbs.csv")):
        with pytest.raises(LexiconError) as refused:
            load()
        assert str(refused.value) == expected
        assert isinstance(refused.value, InputError)  # the command line prints it as one line, exit 2
        assert refused.value.path == str(directory / "verb_strength.csv")


def test_the_code_keeps_no_month_names_or_verb_particle():
    """Words live in the lexicon: no string literal the package uses (docstrings aside) spells a month
    or the particle 表示."""
    import ast

    from tests.conftest import REPO

    words = [*lexicon.months(), "表示"]
    for path in sorted((REPO / "analysis").glob("*.py")):
        if path.name == "lexicon.py":  # the loader: its schema messages describe the files ("January first")
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                assert not any(word in node.value for word in words), (path.name, node.lineno, node.value[:60])


# --- the schema follows the registered languages ---


def test_the_schema_is_generated_from_the_languages(
    tmp_path: Path, toy_language: Callable[[], object], fresh_caches: None
) -> None:
    """A language registered later gets its keys and its rows checked like English and Chinese, with no
    edit of the loader (a toy profile: no real language)."""
    assert set(lexicon.SCHEMA["anatomy.toml"]) == set(languages()) - {"xx"}
    toy_language()
    assert {"xx", "exclude_xx?", "weak_xx?"} <= set(lexicon.SCHEMA["themes.toml"]["themes"]["*"])
    assert lexicon.SCHEMA["themes.toml"]["themes"]["*"]["xx"] == "regexes"  # not cased: matched as written
    assert lexicon.SCHEMA["themes.toml"]["themes"]["*"]["en"] == "lower-case regexes"
    assert "xx?" in lexicon.SCHEMA["citations.toml"]  # no citation rules of its own: its table may be absent
    assert lexicon.SCHEMA["anatomy.toml"]["xx"]["months?"] == "month names"  # its dates are not in words
    directory = malformed_copy(tmp_path, "organs.csv", "GA,en,General Assembly,", "GA,xx,General Assembly,")
    assert lexicon.check_file("organs.csv", directory)  # a row of the new language is accepted
    with pytest.raises(LexiconError) as refused:
        lexicon.check_file("anatomy.toml", directory)
    assert str(refused.value) == f"{directory / 'anatomy.toml'}: missing required key 'xx'"


def test_the_loader_names_no_language():
    """The loader keeps no language of its own: every per-language key comes from the registry."""
    source = Path(lexicon.__file__).read_text(encoding="utf-8")
    for literal in ('"en"', '"zh"', "'en'", "'zh'", "LANGUAGES"):
        assert literal not in source, literal


# --- the other data files: comparisons.toml and labels/sets.toml ---

DATA_MALFORMED = [
    # (file, text replaced, replacement, the problem part of the message)
    ("comparisons.toml", 'language = "zh"', 'language = "fr"', "language: 'fr' is not one of en, zh"),
    ("comparisons.toml", "focus_year = 2007", 'focus_year = "2007"', "focus_year: expected an integer, found a string"),
    ("comparisons.toml", 'focus = "A/RES/62/175"\n', "", "missing required key 'focus'"),
    (
        "comparisons.toml",
        'symbol = "A/RES/46/152"\nyear = 1991',
        'symbol = "A/RES/46/152"\nyear = 1991\nyaer = 1991',
        "predecessors (table 2): unknown key 'yaer' (expected symbol, year)",
    ),
    ("labels/sets.toml", "micro_f1 = 0.97", "micro_f1 = 97", "targets.micro_f1: 97 is not a number from 0 to 1"),
    (
        "labels/sets.toml",
        "\nmin_support = 20",
        "\nmin_support = 2.5",
        "targets.min_support: expected an integer, found a float",
    ),
    (
        "labels/sets.toml",
        "funding_kind_min_support = 10",
        "funding_kind_min_support = -1",
        "targets.funding_kind_min_support: -1 is not an integer of at least 0",
    ),
    (
        "labels/sets.toml",
        "language_agreement = 0.97",
        "",
        "targets: missing required key 'language_agreement'",
    ),
    (
        "labels/sets.toml",
        'extra_themes = ["money_laundering"]',
        'extra_themes = ["money_laundring"]',
        "scoring.extra_themes: 'money_laundring' is not a theme of the lexicon (themes.toml)",
    ),
    (
        "labels/sets.toml",
        'confusion = ["corruption", "money_laundering"]',
        'confusion = ["corruption"]',
        "scoring.confusion: expected two theme names, found 1",
    ),
    (
        "labels/sets.toml",
        '"drugs", "crime_prevention",',
        '"drugz", "crime_prevention",',
        "scoring.new_themes: 'drugz' is not a theme of the lexicon (themes.toml)",
    ),
    (
        "labels/sets.toml",
        '[files."gold_development.csv"]\nset = "development"',
        '[files."gold_development.csv"]\nset = "training"',
        "files.gold_development.csv.set: 'training' is not one of development, held-out, earlier held-out",
    ),
    (
        "labels/sets.toml",
        '[files."gold_development.csv"]\nset = "development"\nthemes = "all"',
        '[files."gold_development.csv"]\nset = "development"\nthemes = "every"',
        "files.gold_development.csv.themes: 'every' is neither \"all\" nor an array of theme names",
    ),
    (
        "labels/sets.toml",
        '[files."gold_development.csv"]\nset = "development"\nthemes = "all"',
        '[files."gold_development.csv"]\nset = "development"\nthemes = ["trafficing"]',
        "files.gold_development.csv.themes: 'trafficing' is not a theme of the lexicon (themes.toml)",
    ),
    (
        "labels/sets.toml",
        'themes = "all"\ndimensions = "all"\nagreement',
        'themes = "all"\ndimensions = ["verb", "verbz"]\nagreement',
        "files.gold_development.csv.dimensions: 'verbz' is not one of verb, verbs, themes, subject_themes, "
        "addressees, mandates, funding_kind",
    ),
    (
        "labels/sets.toml",
        'themes = "all"\ndimensions = "all"\nagreement',
        'themes = "all"\ndimensions = "each"\nagreement',
        "files.gold_development.csv.dimensions: 'each' is neither \"all\" nor an array of names",
    ),
    (
        "labels/sets.toml",
        '[files."gold_development.csv"]\nset = "development"',
        '[files."gold_development.csv"]\nverbs = true\nset = "development"',
        "files.gold_development.csv: unknown key 'verbs' (expected set, themes, dimensions, adjudication, agreement)",
    ),
    (
        "labels/sets.toml",
        'second = "annotations/development_second.csv"',
        'second = "../development_second.csv"',
        "files.gold_development.csv.agreement (table 1).second: '../development_second.csv' is not a CSV file "
        "named relative to labels/",
    ),
    (
        "labels/sets.toml",
        'adjudication = "annotations/heldout_adjudication.csv"',
        "adjudication = 1",
        "files.gold_heldout.csv.adjudication: expected a string, found an integer",
    ),
]


def data_copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """The package data's ``name`` copied under ``tmp_path`` (same relative path) with one edit."""
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    text = (data_dir() / name).read_text(encoding="utf-8")
    assert text.count(old) == 1, (name, old)
    target.write_text(text.replace(old, new), encoding="utf-8")
    return tmp_path


def test_every_data_file_has_a_schema_and_loads() -> None:
    tables = {p.relative_to(data_dir()).as_posix() for p in data_dir().rglob("*.toml") if "lexicon" not in p.parts}
    assert tables == set(lexicon.DATA_SCHEMA)
    lexicon.check_data()
    assert lexicon.comparisons()["focus"] == "A/RES/62/175"
    assert set(lexicon.label_sets()) == {"targets", "scoring", "files"}
    lexicon.comparisons()["focus"] = "changed"  # a copy: the cached table stays as read
    assert lexicon.comparisons()["focus"] == "A/RES/62/175"


@pytest.mark.parametrize(
    ("name", "old", "new", "problem"), DATA_MALFORMED, ids=[f"{m[0]}:{m[3][:40]}" for m in DATA_MALFORMED]
)
def test_a_malformed_data_file_is_refused_with_one_exact_line(
    tmp_path: Path, name: str, old: str, new: str, problem: str
) -> None:
    directory = data_copy(tmp_path, name, old, new)
    refused = assert_refused(lexicon.check_data_file, name, directory, problem, InputError)
    assert not isinstance(refused, LexiconError)  # not a vocabulary file


def test_the_scored_themes_come_from_the_data() -> None:
    """The required themes (themes.toml), then labels/sets.toml's extra themes; documented beside the file."""
    from analysis.gold.labels import confused_themes, scored_themes

    sets = lexicon.label_sets()["scoring"]
    assert scored_themes() == tuple(toml("themes.toml")["required"]) + tuple(sets["extra_themes"])
    assert scored_themes()[-1] == "money_laundering"
    assert confused_themes() == ("corruption", "money_laundering")
    assert "extra_themes" in (data_dir() / "labels" / "README.md").read_text(encoding="utf-8")
    assert "extra_themes" in (data_dir() / "labels" / "sets.toml").read_text(encoding="utf-8").split("[scoring]")[0]


def test_no_data_file_is_read_when_the_package_is_imported() -> None:
    """Importing every module of the package opens no file of the package data (loaders read on first use)."""
    import subprocess
    import sys

    script = """
import importlib, pkgutil, sys
from analysis.util.locations import data_dir
data = str(data_dir())
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" and str(args[0]).startswith(data)
                 and not str(args[0]).endswith((".py", ".pyc")) else None)
import analysis
for module in pkgutil.walk_packages(analysis.__path__, "analysis."):
    if not module.name.startswith("analysis.data"):
        importlib.import_module(module.name)
print("\\n".join(opened))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
