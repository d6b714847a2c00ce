"""Load the vocabulary files of the package data (``data/lexicon`` in the repository, installed as
``analysis.data``): the code keeps no words of its own.

Every file is checked against ``SCHEMA`` the first time it is loaded (once per process): a file that
does not parse, lacks a column or a key, holds a pattern that does not compile or a label that is not
defined is refused with a one-line ``LexiconError`` naming the file, the place and the problem.
"""

from __future__ import annotations

import csv
import functools
import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, TextIO

from analysis.errors import LexiconError
from analysis.model import LANGUAGES
from analysis.util.locations import data_dir


@dataclass(frozen=True)
class Anatomy:
    """Compiled structural patterns of one language (see anatomy.toml)."""

    formula: re.Pattern[str]
    closing_date: re.Pattern[str]
    plenary: re.Pattern[str]
    adopted: re.Pattern[str]
    proponent: re.Pattern[str]
    committee: re.Pattern[str]
    agenda_item: re.Pattern[str]
    sole_clause_end: re.Pattern[str]
    lead_prefix: re.Pattern[str]
    circumfix_lead: re.Pattern[str]
    annex_heading: re.Pattern[str]
    verb_opening_clause: re.Pattern[str]
    continuation_opening: re.Pattern[str]
    verb_adverb: re.Pattern[str]
    traditional_only: re.Pattern[str]


# ---------------------------------------------------------------------------------------------------
# The schema of every lexicon file, in this one place (docs/codebook.md, "The lexicon files").
#
# A CSV file: its columns, in file order, each with the kind of its values, and the columns whose
# values together must be unique. A TOML file: its keys, each with a kind or a nested table; a key
# ending in "?" may be left out, any other key is refused; {"*": spec} is a table of tables of any
# names; [spec] is an array of tables.
# Kinds: "text" (a non-empty string), "any" (any string), "language" (en or zh), "regex" (a Python
# regular expression), "regex or empty", "regexes" (an array of them), "lower-case regexes" (an array
# of regexes matched lower-cased: English theme patterns), "month names" (twelve distinct strings,
# January first), "theme" / "themes" (a name, an array of names, defined under [themes] of the same
# file), ("one of", values), ("integer", lowest, highest), ("row of", file, column) (a value of that
# column of that lexicon file).
# ---------------------------------------------------------------------------------------------------
STRENGTH_RANGE = (1, 9)  # verb_strength.csv, documented in docs/codebook.md ("Strength")
MODIFIER_POSITIONS = ("prefix", "suffix", "adverb", "circumfix", "opening", "particle")
CITATION_KINDS = ("resolution", "decision")

_ANATOMY = {f.name: "regex" for f in fields(Anatomy)}
_THEME = {
    "label": "text",
    "description": "text",
    "parent?": "theme",
    "zh": "regexes",
    "en": "lower-case regexes",
    "exclude_zh?": "regexes",
    "exclude_en?": "lower-case regexes",
    "weak_zh?": "regexes",
    "weak_en?": "lower-case regexes",
    "weak_unless?": "theme",
}
_REFERENCE_KIND = {"kind": "text", "full": "regexes", "short": "regexes"}
_BY_LANGUAGE = {f"{language}?": "regexes" for language in LANGUAGES}

SCHEMA: dict[str, dict[str, Any]] = {
    "anatomy.toml": {"en": _ANATOMY | {"months": "month names"}, "zh": _ANATOMY | {"months?": "month names"}},
    "citations.toml": {
        "en": {"list_continuation": "regex", "assembly_verb": "regex"},
        "zh": {"list_continuation": "regex"},
    },
    "references.toml": {"qualifiers?": _BY_LANGUAGE, "en": [_REFERENCE_KIND], "zh": [_REFERENCE_KIND]},
    "themes.toml": {"required": "themes", "mask?": _BY_LANGUAGE, "themes": {"*": _THEME}},
    "citation_kinds.csv": {
        "columns": {"kind": ("one of", CITATION_KINDS), "language": "language", "word": "regex"},
        "unique": ("language", "word"),
    },
    "organs.csv": {
        "columns": {"organ": "text", "language": "language", "cue": "text", "meaning": "any"},
        "unique": ("language", "cue"),
    },
    "preamble_leads.csv": {
        "columns": {"language": "language", "lead": "text", "count": ("integer", 0, None)},
        "unique": ("language", "lead"),
    },
    "verb_connectors.csv": {
        "columns": {
            "language": "language",
            "connector": "any",
            "strength": ("one of", ("strong", "weak")),
            "note": "any",
        },
        "unique": ("language", "connector"),
    },
    "verb_modifiers.csv": {
        "columns": {
            "language": "language",
            "surface": "text",
            "modifier": "any",
            "position": ("one of", MODIFIER_POSITIONS),
            "note": "any",
        },
        "unique": ("language", "surface", "position"),
    },
    "verb_strength.csv": {
        "columns": {"label": "text", "strength": ("integer", *STRENGTH_RANGE), "rationale": "any"},
        "unique": ("label",),
    },
    "verbs.csv": {
        "columns": {
            "language": "language",
            "phrase": "text",
            "label": ("row of", "verb_strength.csv", "label"),
            "modifiers": "any",
            "exclude_next": "regex or empty",
            "opening_only": ("one of", ("", "yes")),
            "needs_strong_connector": ("one of", ("", "yes")),
            "note": "any",
        },
        "unique": ("language", "phrase"),
    },
}


def lexicon_dir() -> Path:
    """The package's lexicon directory, the one place every loader and the check read from."""
    return data_dir() / "lexicon"


def lexicon_path(name: str) -> Path:
    """The path of a lexicon file, checked against its schema first (once per process)."""
    check_file(name)
    return lexicon_dir() / name


def check_file(name: str, directory: Path | None = None) -> Any:
    """Parse one lexicon file and check it against ``SCHEMA``: the rows of a CSV file, the table of a
    TOML file; ``LexiconError`` if it does not fit, so that a broken vocabulary stops the run instead
    of misclassifying. ``directory`` is the package's lexicon by default (another one: for tests)."""
    return _checked(name, Path(directory) if directory is not None else lexicon_dir())


def check_lexicon(directory: Path | None = None) -> None:
    """Check every lexicon file, so that a broken one is found before a run needs it."""
    for name in SCHEMA:
        check_file(name, directory)


@functools.cache
def _checked(name: str, directory: Path) -> Any:
    if name not in SCHEMA:
        raise ValueError(f"no schema for the lexicon file {name!r}")
    path = directory / name
    try:
        if name.endswith(".toml"):
            with path.open("rb") as fh:
                table = tomllib.load(fh)
        else:
            with path.open(encoding="utf-8", newline="") as fh:
                return _check_csv(path, fh, SCHEMA[name], directory)
    except OSError as exc:
        raise LexiconError(path, f"cannot be read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise LexiconError(path, f"not UTF-8 text: {exc.reason} at byte {exc.start}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(path, f"not valid TOML: {exc}") from exc
    except csv.Error as exc:
        raise LexiconError(path, f"not valid CSV: {exc}") from exc
    themes = set(table.get("themes", {})) if isinstance(table.get("themes"), dict) else set()
    problem = _check_table(table, SCHEMA[name], "", _Context(directory, themes))
    if problem:
        raise LexiconError(path, problem)
    return table


@dataclass(frozen=True)
class _Context:
    directory: Path
    themes: set[str]  # the names defined under [themes] of the file being checked


def _check_csv(path: Path, fh: TextIO, spec: dict[str, Any], directory: Path) -> list[dict[str, str]]:
    columns: dict[str, Any] = spec["columns"]
    reader = csv.DictReader(fh)
    header = reader.fieldnames or []
    if len(header) != len(columns) or set(header) != set(columns):
        raise LexiconError(path, f"columns {', '.join(header) or '(none)'}; expected {', '.join(columns)}")
    context = _Context(directory, set())
    rows: list[dict[str, str]] = []
    seen: dict[tuple[str, ...], int] = {}
    for row in reader:
        line = reader.line_num
        if None in row or None in row.values():  # DictReader's marks of too many and too few fields
            count = sum(v is not None for k, v in row.items() if k is not None) + len(row.get(None) or [])
            raise LexiconError(path, f"line {line}: {count} fields, expected {len(columns)}")
        for column, kind in columns.items():
            problem = _problem(kind, row[column], context)
            if problem:
                raise LexiconError(path, f"line {line}, {column}: {problem}")
        key = tuple(row[c] for c in spec["unique"])
        if key in seen:
            values = ", ".join(f"{c} '{v}'" for c, v in zip(spec["unique"], key))
            raise LexiconError(path, f"line {line}: repeats line {seen[key]} ({values})")
        seen[key] = line
        rows.append(row)
    return rows


def _check_table(table: dict[str, Any], spec: dict[str, Any], where: str, context: _Context) -> str:
    """The first problem of a TOML table against its spec, as "<where>: <problem>", or ""."""
    at = f"{where}: " if where else ""
    if "*" in spec:
        for name, value in table.items():
            problem = _check_value(value, spec["*"], f"{where}.{name}" if where else name, context)
            if problem:
                return problem
        return ""
    allowed = {key.rstrip("?"): kind for key, kind in spec.items()}
    for key in spec:
        if not key.endswith("?") and key not in table:
            return f"{at}missing required key '{key}'"
    for key, value in table.items():
        if key not in allowed:
            return f"{at}unknown key '{key}' (expected {', '.join(allowed)})"
        problem = _check_value(value, allowed[key], f"{where}.{key}" if where else key, context)
        if problem:
            return problem
    return ""


def _check_value(value: Any, kind: Any, where: str, context: _Context) -> str:
    if isinstance(kind, dict):
        if not isinstance(value, dict):
            return f"{where}: expected a table, found {_toml_type(value)}"
        return _check_table(value, kind, where, context)
    if isinstance(kind, list):
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            return f"{where}: expected an array of tables, found {_toml_type(value)}"
        for number, item in enumerate(value, start=1):
            problem = _check_table(item, kind[0], f"{where} (table {number})", context)
            if problem:
                return problem
        return ""
    problem = _problem(kind, value, context)
    return f"{where}: {problem}" if problem else ""


def _problem(kind: Any, value: Any, context: _Context) -> str:
    """What is wrong with one value of the given kind, or ""."""
    if kind in ("regexes", "lower-case regexes", "themes", "month names"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"expected an array of strings, found {_toml_type(value)}"
        if kind == "month names":
            if len(value) != 12:
                return f"expected twelve distinct month names, January first, found {len(value)}"
            return "" if len(set(value)) == 12 and all(value) else "a month name is empty or repeated"
        item_kind = "theme" if kind == "themes" else "regex"
        for item in value:
            problem = _problem(item_kind, item, context)
            if not problem and kind == "lower-case regexes":
                problem = _regex_problem(item.lower(), shown=item, note=" (matched lower-cased)")
            if problem:
                return problem
        return ""
    if not isinstance(value, str):
        return f"expected a string, found {_toml_type(value)}"
    if kind == "language":
        kind = ("one of", LANGUAGES)
    if kind == "any":
        return ""
    if isinstance(kind, tuple) and kind[0] == "one of":
        return "" if value in kind[1] else f"'{value}' is not one of {', '.join(v or '(empty)' for v in kind[1])}"
    if kind == "regex or empty":
        return _regex_problem(value) if value else ""
    if not value:
        return "empty"
    if kind == "text":
        return ""
    if kind == "regex":
        return _regex_problem(value)
    if kind == "theme":
        return "" if value in context.themes else f"'{value}' is not a theme defined under [themes]"
    if kind[0] == "integer":
        low, high = kind[1], kind[2]
        number = int(value) if re.fullmatch(r"-?\d+", value) else None
        if number is None or number < low or (high is not None and number > high):
            wanted = f"from {low} to {high}" if high is not None else f"of at least {low}"
            return f"'{value}' is not an integer {wanted}"
        return ""
    if kind[0] == "row of":
        return "" if value in _column(kind[1], kind[2], context.directory) else f"'{value}' has no row in {kind[1]}"
    raise ValueError(f"unknown kind in the lexicon schema: {kind!r}")


@functools.cache
def _column(name: str, column: str, directory: Path) -> frozenset[str]:
    return frozenset(row[column] for row in _checked(name, directory))


def _regex_problem(pattern: str, shown: str | None = None, note: str = "") -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        quoted = (shown if shown is not None else pattern).replace("\n", "\\n")
        return f"invalid regular expression '{quoted}'{note}: {exc}"
    return ""


def _toml_type(value: Any) -> str:
    names = {str: "a string", list: "an array", dict: "a table", bool: "a boolean", int: "an integer"}
    return names.get(type(value), f"a {type(value).__name__}")


# ---------------------------------------------------------------------------------------------------
# Loaders
# ---------------------------------------------------------------------------------------------------


def read_csv(name: str) -> list[dict[str, str]]:
    """The checked rows of a lexicon CSV file, copies, so that a caller cannot change the cached ones."""
    return [dict(row) for row in check_file(name)]


@functools.cache
def anatomy(language: str) -> Anatomy:
    """The structural patterns of one language, compiled once."""
    table = check_file("anatomy.toml")[language]
    return Anatomy(**{f.name: re.compile(table[f.name]) for f in fields(Anatomy)})


@functools.cache
def months() -> dict[str, int]:
    """Month names as printed in dates ("18 December 2007") -> 1-12, from ``months`` in anatomy.toml
    (only English writes its months in words), so that the parser keeps no words of its own."""
    table = check_file("anatomy.toml")
    return {name: number for spec in table.values() for number, name in enumerate(spec.get("months", []), start=1)}


@functools.cache
def verb_particle(language: str) -> str:
    """The particle that may open a verb phrase before its adverb (表示 in 表示赞赏地注意到) and opens
    the verb that closes a 对… clause; position ``particle`` in verb_modifiers.csv, "" when none."""
    rows = check_file("verb_modifiers.csv")
    return next((r["surface"] for r in rows if r["language"] == language and r["position"] == "particle"), "")


@functools.cache
def preamble_leads(language: str) -> tuple[str, ...]:
    """Lead phrases, longest first so that a prefix match takes the longest."""
    leads = {row["lead"] for row in read_csv("preamble_leads.csv") if row["language"] == language}
    return tuple(sorted(leads, key=lambda s: (-len(s), s)))


@functools.cache
def preamble_lead_words(language: str) -> frozenset[str]:
    """First words of English leads (``Mindful``, ``Deeply``): a cue for unseen leads."""
    return frozenset(lead.split()[0] for lead in preamble_leads(language) if " " in lead or lead.isalpha())


@functools.cache
def organ_cues(language: str) -> tuple[tuple[str, str], ...]:
    """(cue, organ) pairs, longest cue first."""
    rows = [(r["cue"], r["organ"]) for r in read_csv("organs.csv") if r["language"] == language]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@functools.cache
def citation_kind_words(language: str) -> dict[str, str]:
    """Words that name a kind of citation (resolution, decision), as regex -> kind."""
    return {r["word"]: r["kind"] for r in read_csv("citation_kinds.csv") if r["language"] == language}
