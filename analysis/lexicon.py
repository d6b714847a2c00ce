"""Load the vocabulary files of the package data (``data/lexicon`` in the repository, installed as
``analysis.data``): the code keeps no words of its own."""

from __future__ import annotations

import csv
import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .locations import data_dir


def lexicon_path(name: str) -> Path:
    return data_dir() / "lexicon" / name


def read_csv(name: str) -> list[dict[str, str]]:
    with lexicon_path(name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


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


@functools.cache
def anatomy(language: str) -> Anatomy:
    with lexicon_path("anatomy.toml").open("rb") as fh:
        table = tomllib.load(fh)[language]
    return Anatomy(**{key: re.compile(value) for key, value in table.items()})


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
    return {r["word"]: r["kind"] for r in read_csv("citation_kinds.csv") if r["language"] == language}
