"""Load the package data files (``data/`` in the repository, installed as ``analysis.data``): the
vocabulary of ``data/lexicon``, the series of ``comparisons.toml`` and the gold sets of
``labels/sets.toml``. The code keeps no words of its own, and no other module opens these files.

Every file is checked against its schema the first time it is loaded (once per process, until
:func:`analysis.util.caches.clear_caches`): a file that does not parse, lacks a column or a key, holds
a pattern that does not compile or a label that is not defined is refused with one line naming the
file, the place and the problem: a ``LexiconError`` for a lexicon file, an ``InputError`` for another.
"""

from __future__ import annotations

import copy
import csv
import functools
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, TextIO

from analysis.errors import InputError, LexiconError
from analysis.lang import LanguageProfile, languages, profile
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
# The schema of every data file, in this one place (docs/codebook.md, "The lexicon files"; data/README.md).
#
# A CSV file: its columns, in file order, each with the kind of its values, and the columns whose
# values together must be unique. A TOML file: its keys, each with a kind or a nested table; a key
# ending in "?" may be left out, any other key is refused; {"*": spec} is a table of tables of any
# names; [spec] is an array of tables. What differs between languages is generated from the registered
# languages (analysis.lang): one key per language, shaped by its profile.
# Kinds of strings: "text" (not empty), "any", "language" (a registered language's code), "regex" (a
# Python regular expression), "regex or empty", "theme" (defined under [themes] of the same file),
# "lexicon theme" (defined in the lexicon's themes.toml), ("one of", values), ("integer", lowest,
# highest) (written as a string: a CSV cell), ("row of", file, column) (a value of that column of that
# lexicon file). Arrays of strings: "regexes", "lower-case regexes" (matched lower-cased: the patterns
# of a cased language), "themes", "lexicon themes", "all or lexicon themes" (or the string "all"),
# "month names" (twelve distinct strings, January first), ("all or each of", values) (the string "all" or
# an array of those values), "label file" (a CSV file named relative to labels/). TOML values: "boolean",
# ("number", lowest, highest), ("whole number", lowest, highest) (None: no bound).
# ---------------------------------------------------------------------------------------------------
STRENGTH_RANGE = (0, 9)  # verb_strength.csv, documented in docs/codebook.md ("Strength")
MODIFIER_POSITIONS = ("prefix", "suffix", "adverb", "circumfix", "opening", "particle", "preposition")
CITATION_KINDS = ("resolution", "decision")
GOLD_SETS = ("development", "held-out", "earlier held-out")  # labels/sets.toml, see labels/README.md
# The coded dimensions of a gold file (docs/codebook.md, "What one coded paragraph records"): `verb` one
# label, the others lists; labels/sets.toml names the ones a file labels.
GOLD_DIMENSIONS = ("verb", "verbs", "themes", "subject_themes", "addressees", "mandates", "funding_kind")

_ANATOMY = {f.name: "regex" for f in fields(Anatomy)}
_REFERENCE_KIND = {"kind": "text", "full": "regexes", "short": "regexes"}


def _per_language(spec: Callable[[LanguageProfile], Any], key: str = "{}", optional: bool = False) -> dict[str, Any]:
    """One entry per registered language, its key ``key`` with the code filled in, its kind ``spec(profile)``."""
    mark = "?" if optional else ""
    return {key.format(code) + mark: spec(profile(code)) for code in languages()}


def _patterns(language: LanguageProfile) -> str:
    """The kind of a language's theme patterns: a cased language's are matched lower-cased."""
    return "lower-case regexes" if language.cased else "regexes"


def _theme() -> dict[str, Any]:
    return {
        "label": "text",
        "description": "text",
        "parent?": "theme",
        **_per_language(_patterns),
        **_per_language(_patterns, "exclude_{}", optional=True),
        **_per_language(_patterns, "weak_{}", optional=True),
        **_per_language(_patterns, "names_{}", optional=True),
        "weak_unless?": "theme",
    }


def _anatomy(language: LanguageProfile) -> dict[str, Any]:
    return _ANATOMY | {"months" if language.dates_in_words else "months?": "month names"}


def _lexicon_schema() -> dict[str, dict[str, Any]]:
    """The schema of every lexicon file, generated from the languages registered now."""
    return {
        "anatomy.toml": _per_language(_anatomy),
        "citations.toml": {
            code + ("" if profile(code).citation_rules else "?"): dict.fromkeys(profile(code).citation_rules, "regex")
            for code in languages()
        },
        "references.toml": {
            "qualifiers?": _per_language(lambda _: "regexes", optional=True),
            **_per_language(lambda _: [_REFERENCE_KIND]),
        },
        "themes.toml": {
            "required": "themes",
            "omnibus": _per_language(lambda _: {"separator": "regex", "stop": "regex", "aside": "regex"}),
            "mask?": _per_language(lambda _: "regexes", optional=True),
            "themes": {"*": _theme()},
        },
        "addressees.toml": {
            "directive": "verb labels",
            "mandate_verbs": "verb labels",
            "mandate_bodies": "texts",
            "lists": _per_language(
                lambda _: {
                    "skip": "texts",
                    "separators": "texts",
                    "action?": "regex",
                    "aside?": "regexes",
                    "relative?": "texts",
                    "clause?": "regex",
                }
            ),
            "addressees": {"*": {"label": "text", **_per_language(lambda _: "regexes", optional=True)}},
            "kinds": {"*": _per_language(lambda _: "regexes", optional=True)},
            "actions?": {
                "split": _per_language(lambda _: "regex", optional=True),
                "purpose": _per_language(lambda _: "regex", optional=True),
            },
            "procedural": _per_language(lambda _: "regexes"),
            "sessions": {**_per_language(lambda _: "regexes"), "body": _per_language(lambda _: "texts")},
        },
        "funding_kinds.toml": {
            "kinds": {"*": {"label": "text", **_per_language(lambda _: "regexes", optional=True)}},
        },
        "renamings.toml": _per_language(lambda _: [{"old": "text", "new": "text", "evidence": "text"}], optional=True),
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


class _GeneratedSchema(Mapping[str, dict[str, Any]]):
    """The lexicon files' schemas by file name, generated when read: a language registered later is
    checked like the others."""

    def __getitem__(self, name: str) -> dict[str, Any]:
        return _lexicon_schema()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(_lexicon_schema())

    def __len__(self) -> int:
        return len(_lexicon_schema())


SCHEMA: Mapping[str, dict[str, Any]] = _GeneratedSchema()

_MEMBER = {"symbol": "text", "year": ("whole number", 1945, None)}
# The other data files, by path under the package data (documented in data/README.md and labels/README.md).
DATA_SCHEMA: dict[str, dict[str, Any]] = {
    "comparisons.toml": {
        "focus": "text",
        "focus_year": ("whole number", 1945, None),
        "language": "language",
        "predecessors?": [_MEMBER],
        "successors?": [_MEMBER],
    },
    "labels/sets.toml": {
        "targets": {
            **dict.fromkeys(
                (
                    "micro_f1",
                    "theme_f1",
                    "addressees_micro_f1",
                    "funding_kind_f1",
                    "new_theme_f1",
                    "language_agreement",
                ),
                ("number", 0, 1),
            ),
            **dict.fromkeys(
                ("min_support", "funding_kind_min_support", "new_theme_min_support"), ("whole number", 0, None)
            ),
        },
        "scoring": {
            "extra_themes": "lexicon themes",
            "confusion": "two lexicon themes",
            "new_themes": "lexicon themes",
        },
        "files": {
            "*": {
                "set": ("one of", GOLD_SETS),
                "themes": "all or lexicon themes",
                "dimensions": ("all or each of", GOLD_DIMENSIONS),
                "adjudication?": "label file",
                "agreement?": [{"name": "text", "first": "label file", "second": "label file"}],
            }
        },
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
    if name not in SCHEMA:
        raise ValueError(f"no schema for the lexicon file {name!r}")
    return _checked(name, Path(directory) if directory is not None else lexicon_dir())


def check_data_file(name: str, directory: Path | None = None) -> Any:
    """Parse one data file outside the lexicon (``DATA_SCHEMA``: a path under the package data, such as
    ``labels/sets.toml``) and check it; ``InputError`` if it does not fit. ``directory`` stands for the
    package data (another one: for tests)."""
    if name not in DATA_SCHEMA:
        raise ValueError(f"no schema for the data file {name!r}")
    return _checked(name, Path(directory) if directory is not None else data_dir())


def check_lexicon(directory: Path | None = None) -> None:
    """Check every lexicon file, so that a broken one is found before a run needs it."""
    for name in SCHEMA:
        check_file(name, directory)


def check_data(directory: Path | None = None) -> None:
    """Check every data file, the lexicon's and the others (``directory``: the package data by default)."""
    check_lexicon(Path(directory) / "lexicon" if directory is not None else None)
    for name in DATA_SCHEMA:
        check_data_file(name, directory)


@functools.cache
def _checked(name: str, directory: Path) -> Any:
    spec = SCHEMA[name] if name in SCHEMA else DATA_SCHEMA[name]
    refuse = LexiconError if name in SCHEMA else InputError
    path = directory / name
    try:
        if name.endswith(".toml"):
            with path.open("rb") as fh:
                table = tomllib.load(fh)
        else:
            with path.open(encoding="utf-8", newline="") as fh:
                return _check_csv(path, fh, spec, directory)
    except OSError as exc:
        raise refuse(path, f"cannot be read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise refuse(path, f"not UTF-8 text: {exc.reason} at byte {exc.start}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise refuse(path, f"not valid TOML: {exc}") from exc
    except csv.Error as exc:
        raise refuse(path, f"not valid CSV: {exc}") from exc
    themes = frozenset(table["themes"]) if isinstance(table.get("themes"), dict) else frozenset()
    problem = _check_table(table, spec, "", _Context(directory, themes))
    if problem:
        raise refuse(path, problem)
    return table


@dataclass(frozen=True)
class _Context:
    directory: Path  # where the files named by ("row of", file, column) are
    themes: frozenset[str]  # the names defined under [themes] of the file being checked


def _check_csv(path: Path, fh: TextIO, spec: dict[str, Any], directory: Path) -> list[dict[str, str]]:
    columns: dict[str, Any] = spec["columns"]
    reader = csv.DictReader(fh)
    header = reader.fieldnames or []
    if len(header) != len(columns) or set(header) != set(columns):
        raise LexiconError(path, f"columns {', '.join(header) or '(none)'}; expected {', '.join(columns)}")
    context = _Context(directory, frozenset())
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


# ---------------------------------------------------------------------------------------------------
# Kinds: each a small check of one value, "" when it fits, else what is wrong (without the place)
# ---------------------------------------------------------------------------------------------------
_Check = Callable[..., str]  # (value, context, *the kind's arguments) -> problem
_KINDS: dict[str, _Check] = {}


def _kind(name: str, strings: bool = False, empty: bool = False) -> Callable[[_Check], _Check]:
    """Register the check of a kind; ``strings``: the value must be a string (``empty``: it may be "")."""

    def register(check: _Check) -> _Check:
        def checked(value: Any, context: _Context, *args: Any) -> str:
            if not isinstance(value, str):
                return f"expected a string, found {_toml_type(value)}"
            if not value and not empty:
                return "empty"
            return check(value, context, *args)

        _KINDS[name] = checked if strings else check
        return check

    return register


def _problem(kind: Any, value: Any, context: _Context) -> str:
    """What is wrong with one value of the given kind, or ""."""
    name, args = (kind[0], kind[1:]) if isinstance(kind, tuple) else (kind, ())
    if name not in _KINDS:
        raise ValueError(f"unknown kind in the data schema: {kind!r}")
    return _KINDS[name](value, context, *args)


@_kind("any", strings=True, empty=True)
@_kind("text", strings=True)
def _any_text(value: str, context: _Context) -> str:
    return ""


@_kind("one of", strings=True, empty=True)
def _one_of(value: str, context: _Context, values: tuple[str, ...]) -> str:
    return "" if value in values else f"'{value}' is not one of {', '.join(v or '(empty)' for v in values)}"


@_kind("language", strings=True, empty=True)
def _language(value: str, context: _Context) -> str:
    return _one_of(value, context, languages())


@_kind("regex", strings=True)
def _regex(value: str, context: _Context) -> str:
    return _regex_problem(value)


@_kind("regex or empty", strings=True, empty=True)
def _regex_or_empty(value: str, context: _Context) -> str:
    return _regex_problem(value) if value else ""


@_kind("theme", strings=True)
def _theme_name(value: str, context: _Context) -> str:
    return "" if value in context.themes else f"'{value}' is not a theme defined under [themes]"


@_kind("lexicon theme", strings=True)
def _lexicon_theme(value: str, context: _Context) -> str:
    defined = check_file("themes.toml")["themes"]
    return "" if value in defined else f"'{value}' is not a theme of the lexicon (themes.toml)"


@_kind("integer", strings=True)
def _integer_text(value: str, context: _Context, low: int, high: int | None) -> str:
    number = int(value) if re.fullmatch(r"-?\d+", value) else None
    if number is None or number < low or (high is not None and number > high):
        return f"'{value}' is not an integer {_bounds(low, high)}"
    return ""


@_kind("row of", strings=True)
def _row_of(value: str, context: _Context, name: str, column: str) -> str:
    return "" if value in _column(name, column, context.directory) else f"'{value}' has no row in {name}"


def _strings(value: Any) -> str:
    """No problem ("") for an array of strings, else what the value is instead."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ""
    return f"expected an array of strings, found {_toml_type(value)}"


def _each(item_kind: str, lowered: bool = False) -> _Check:
    """The check of an array of strings, each of ``item_kind`` (``lowered``: regexes that must also
    compile lower-cased)."""

    def check(value: Any, context: _Context) -> str:
        if _strings(value):
            return _strings(value)
        for item in value:
            problem = _problem(item_kind, item, context)
            if not problem and lowered:
                problem = _regex_problem(item.lower(), shown=item, note=" (matched lower-cased)")
            if problem:
                return problem
        return ""

    return check


_KINDS["regexes"] = _each("regex")
_KINDS["lower-case regexes"] = _each("regex", lowered=True)
_KINDS["themes"] = _each("theme")
_KINDS["texts"] = _each("text")
_KINDS["verb labels"] = _each(("row of", "verb_strength.csv", "label"))  # type: ignore[arg-type]
_KINDS["lexicon themes"] = _each("lexicon theme")


@_kind("two lexicon themes")
def _theme_pair(value: Any, context: _Context) -> str:
    if isinstance(value, list) and len(value) != 2:
        return f"expected two theme names, found {len(value)}"
    return _KINDS["lexicon themes"](value, context)


@_kind("all or lexicon themes")
def _all_or_themes(value: Any, context: _Context) -> str:
    if isinstance(value, str):
        return "" if value == "all" else f"'{value}' is neither \"all\" nor an array of theme names"
    return _KINDS["lexicon themes"](value, context)


@_kind("all or each of")
def _all_or_each(value: Any, context: _Context, values: tuple[str, ...]) -> str:
    if isinstance(value, str):
        return "" if value == "all" else f"'{value}' is neither \"all\" nor an array of names"
    return _strings(value) or next((_one_of(v, context, values) for v in value if v not in values), "")


@_kind("label file", strings=True)
def _label_file(value: str, context: _Context) -> str:
    """A CSV file under labels/, named relative to it (existence is checked where it is read)."""
    path = Path(value)
    if path.is_absolute() or ".." in path.parts or path.suffix != ".csv":
        return f"'{value}' is not a CSV file named relative to labels/"
    return ""


@_kind("month names")
def _month_names(value: Any, context: _Context) -> str:
    problem = _strings(value)
    if problem:
        return problem
    if len(value) != 12:
        return f"expected twelve distinct month names, January first, found {len(value)}"
    return "" if len(set(value)) == 12 and all(value) else "a month name is empty or repeated"


@_kind("boolean")
def _boolean(value: Any, context: _Context) -> str:
    return "" if isinstance(value, bool) else f"expected true or false, found {_toml_type(value)}"


@_kind("number")
def _number(value: Any, context: _Context, low: float, high: float | None) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"expected a number, found {_toml_type(value)}"
    return "" if low <= value and (high is None or value <= high) else f"{value} is not a number {_bounds(low, high)}"


@_kind("whole number")
def _whole_number(value: Any, context: _Context, low: int, high: int | None) -> str:
    if isinstance(value, bool) or not isinstance(value, int):
        return f"expected an integer, found {_toml_type(value)}"
    return "" if low <= value and (high is None or value <= high) else f"{value} is not an integer {_bounds(low, high)}"


def _bounds(low: float, high: float | None) -> str:
    return f"from {low} to {high}" if high is not None else f"of at least {low}"


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
# Loaders: one per data file (the CSV files share read_csv, the lexicon's TOML tables read_toml)
# ---------------------------------------------------------------------------------------------------


def read_csv(name: str) -> list[dict[str, str]]:
    """The checked rows of a lexicon CSV file, copies, so that a caller cannot change the cached ones."""
    return [dict(row) for row in check_file(name)]


def read_toml(name: str) -> dict[str, Any]:
    """The checked table of a lexicon TOML file (themes.toml, references.toml), a copy."""
    return copy.deepcopy(check_file(name))


def comparisons(directory: Path | None = None) -> dict[str, Any]:
    """Which resolutions the series compares (``comparisons.toml``): ``focus``, ``focus_year``, the series
    ``language``, ``predecessors`` and ``successors`` (each a ``symbol`` and a ``year``), a copy."""
    return copy.deepcopy(check_data_file("comparisons.toml", directory))


def label_sets(directory: Path | None = None) -> dict[str, Any]:
    """What each gold file is and what the gold must show (``labels/sets.toml``): ``targets``, ``scoring``
    and ``files`` (each with its ``set``, ``themes`` and ``verbs``), a copy."""
    return copy.deepcopy(check_data_file("labels/sets.toml", directory))


@functools.cache
def renamings(language: str) -> tuple[tuple[str, str], ...]:
    """Names the series writes differently over the years (renamings.toml): (old, new) pairs of one
    language, which lineage normalizes to the new name before comparing paragraphs."""
    return tuple((pair["old"], pair["new"]) for pair in check_file("renamings.toml").get(language, []))


@functools.cache
def anatomy(language: str) -> Anatomy:
    """The structural patterns of one language, compiled once."""
    table = check_file("anatomy.toml")[language]
    return Anatomy(**{f.name: re.compile(table[f.name]) for f in fields(Anatomy)})


@functools.cache
def months() -> dict[str, int]:
    """Month names as printed in dates ("18 December 2007") -> 1-12, from ``months`` in anatomy.toml
    (a language whose profile says ``dates_in_words``), so that the parser keeps no words of its own."""
    table = check_file("anatomy.toml")
    return {name: number for spec in table.values() for number, name in enumerate(spec.get("months", []), start=1)}


@functools.cache
def citation_rules(language: str) -> dict[str, re.Pattern[str]]:
    """The context rules of citations in one language (citations.toml; its keys: the profile's
    ``citation_rules``), compiled once."""
    return {key: re.compile(value) for key, value in check_file("citations.toml").get(language, {}).items()}


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
