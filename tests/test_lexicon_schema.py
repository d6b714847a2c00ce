"""The lexicon files fit their schema (analysis/lexicon.py, SCHEMA), their labels are defined and
documented in docs/codebook.md, and a malformed copy is refused with one exact line."""

from __future__ import annotations

import csv
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from analysis import lexicon
from analysis.coding import verbs
from analysis.errors import InputError, LexiconError
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
        for name in re.findall(r"`([a-z_]+)`", line.split("|")[1])
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
    assert (low, high) == (1, 9)  # docs/codebook.md, "Strength": "1–9"
    assert "(`data/lexicon/verb_strength.csv`, 1–9)" in codebook_section("Verbs")
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
        "line 2, strength: '10' is not an integer from 1 to 9",
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
        "line 2, position: 'infix' is not one of prefix, suffix, adverb, circumfix, opening, particle",
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
        "themes.trafficking: unknown key 'exlude_en' (expected label, description, parent, zh, en, exclude_zh, "
        "exclude_en, weak_zh, weak_en, weak_unless)",
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


@pytest.mark.parametrize(("name", "old", "new", "problem"), MALFORMED, ids=[f"{m[0]}:{m[3][:40]}" for m in MALFORMED])
def test_a_malformed_copy_is_refused_with_one_exact_line(
    tmp_path: Path, name: str, old: str, new: str, problem: str
) -> None:
    directory = malformed_copy(tmp_path, name, old, new)
    with pytest.raises(LexiconError) as refused:
        lexicon.check_file(name, directory)
    assert str(refused.value) == f"{directory / name}: {problem}"
    assert "\n" not in str(refused.value)
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
    expected = f"{directory / 'verb_strength.csv'}: line 2, strength: 'nine' is not an integer from 1 to 9"
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
