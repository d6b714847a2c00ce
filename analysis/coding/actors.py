"""Who the Assembly asks to act (addressees) and the work it gives to the bodies it directs (mandates).

The vocabulary is ``data/lexicon/addressees.toml`` (docs/codebook.md, "Addressees", "Mandates"). After
each directive verb the addressee list is read as a small state machine: skip qualifiers ("all",
"relevant", 所有, 相关), match an addressee phrase, and after a separator read the next one. Where the
list does not open with an addressee (a Chinese relative clause: 尚未批准《公约》的国家), the first
addressee in the clause is taken.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from analysis.coding.verbs import VerbHit, VerbReading
from analysis.lang import profile
from analysis.lexicon import read_toml


@dataclass(frozen=True)
class Addressee:
    """One actor asked to act: its code, the verb that asks it and the words that name it."""

    code: str
    verb: str
    start: int
    end: int
    evidence: str


@dataclass(frozen=True)
class Mandate:
    """Work given to a body: ``unodc:report:81`` with the words that decided the kind."""

    body: str
    kind: str
    session: str
    evidence: str

    @property
    def code(self) -> str:
        """``addressee:kind[:session]``."""
        return ":".join(part for part in (self.body, self.kind, self.session) if part)


@functools.cache
def _table() -> dict:
    return read_toml("addressees.toml")


def _alternation(patterns: list[str], spaced: bool) -> str:
    body = "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))
    return rf"(?:{body})\b" if spaced else f"(?:{body})"


@functools.cache
def _phrases(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each addressee code with its phrases, anchored (matched at a position)."""
    spaced = profile(language).spaced
    return tuple(
        (code, re.compile(_alternation(spec.get(language, []), spaced)))
        for code, spec in _table()["addressees"].items()
        if spec.get(language)
    )


@functools.cache
def _list_words(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Qualifiers to skip before an addressee, and separators between two addressees."""
    lists = _table()["lists"][language]
    spaced = profile(language).spaced
    skip = "|".join(re.escape(w) for w in sorted(lists["skip"], key=len, reverse=True))
    separators = "|".join(re.escape(w) for w in sorted(lists["separators"], key=len, reverse=True))
    skip_pattern = rf"(?:(?:{skip})\b\s*,?\s*)*" if spaced else f"(?:{skip})*"
    return re.compile(skip_pattern, re.IGNORECASE if spaced else 0), re.compile(f"(?:{separators})")


def directive_verbs() -> frozenset[str]:
    """Verb labels that ask someone to act."""
    return frozenset(_table()["directive"])


def mandate_bodies() -> frozenset[str]:
    """Addressees that can hold a mandate (and for which 要求 is a request)."""
    return frozenset(_table()["mandate_bodies"])


def _addressee_at(text: str, at: int, language: str) -> tuple[str, int] | None:
    """The longest addressee phrase that starts at ``at``: (code, end)."""
    best: tuple[str, int] | None = None
    for code, pattern in _phrases(language):
        m = pattern.match(text, at)
        if m and m.end() > at and (best is None or m.end() > best[1]):
            best = (code, m.end())
    return best


def _first_in_clause(text: str, at: int, language: str) -> int | None:
    """Where the first addressee of the clause from ``at`` begins (a list opened by a relative clause)."""
    clause_end = re.search(r"[，；;:。]|\bto\b|$", text[at:])
    end = at + (clause_end.start() if clause_end else 0)
    for i in range(at, min(end, at + 80)):
        if _addressee_at(text, i, language) and (i == at or not text[i - 1].isalnum() or not profile(language).spaced):
            return i
    return None


def read_list(text: str, at: int, language: str, verb: str) -> list[Addressee]:
    """The addressees listed from ``at`` (just after a directive verb)."""
    skip, separator = _list_words(language)
    spaced = profile(language).spaced
    found: list[Addressee] = []
    position = at
    while True:
        position += len(text[position:]) - len(text[position:].lstrip(" ,"))
        skipped = skip.match(text, position)
        position = skipped.end() if skipped else position
        hit = _addressee_at(text, position, language)
        if hit is None and not found:
            start = _first_in_clause(text, position, language)
            hit = _addressee_at(text, start, language) if start is not None else None
            position = start if start is not None else position
        if hit is None:
            return found
        code, end = hit
        found.append(Addressee(code, verb, position, end, text[position:end]))
        more = separator.match(text, end + (1 if spaced and text[end : end + 1] == " " else 0))
        if more is None:
            more = separator.match(text, end)
        if more is None:
            return found
        position = more.end()


def read_addressees(text: str, language: str, verbs: VerbReading) -> tuple[Addressee, ...]:
    """Every addressee of the paragraph's directive verbs, in order (a code may come more than once)."""
    directive = directive_verbs()
    found: list[Addressee] = []
    for hit in verbs.hits:
        if hit.label in directive:
            found += read_list(text, hit.end, language, hit.label)
    return tuple(found)


def demand_as_request(hit: VerbHit, text: str, language: str) -> bool:
    """要求 renders both *Demands* and *Requests*: a demand whose first addressee is a body the
    Assembly directs is a request (docs/codebook.md)."""
    if hit.label != "demands":
        return False
    asked = read_list(text, hit.end, language, hit.label)
    return bool(asked) and asked[0].code in mandate_bodies()


@functools.cache
def _procedural(language: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _table()["procedural"][language]))


def procedural_decision(hit: VerbHit, text: str, language: str) -> bool:
    """A decision about the Assembly's own calendar or agenda (``Decides to consider … at its … session``)."""
    at = hit.end + len(text[hit.end :]) - len(text[hit.end :].lstrip())
    return _procedural(language).match(text, at) is not None


@functools.cache
def _kinds(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    spaced = profile(language).spaced
    flags = re.IGNORECASE if profile(language).cased else 0
    return tuple(
        (
            kind,
            re.compile(
                rf"\b{_alternation(spec[language], spaced)}" if spaced else _alternation(spec[language], False), flags
            ),
        )
        for kind, spec in _table()["kinds"].items()
        if spec.get(language)
    )


@functools.cache
def _sessions(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    spec = _table()["sessions"]
    body = spec["body"][language]
    return (
        re.compile("|".join(spec[language])),
        re.compile("|".join(f"(?P<b{i}>{p})" for i, p in enumerate(body))),
    )


def _session(clause: str, language: str) -> str:
    """``81`` for the Assembly's eighty-first session, ``ccpcj34`` for the Commission's, or ``""``."""
    pattern, bodies = _sessions(language)
    m = pattern.search(clause)
    if not m:
        return ""
    number = profile(language).ordinal(m.group("number"))
    if number is None:
        return ""
    before = list(bodies.finditer(clause[: m.start()]))
    nearest = before[-1].lastgroup if before else ""
    return f"ccpcj{number}" if nearest == "b0" else str(number)


def read_mandates(
    text: str, language: str, verbs: VerbReading, addressees: tuple[Addressee, ...], procedural: str = "procedural"
) -> tuple[Mandate, ...]:
    """Work given by a mandate verb to a body the Assembly directs, with its kinds and session."""
    mandate_verbs = frozenset(_table()["mandate_verbs"])
    bodies = mandate_bodies()
    hits = list(verbs.hits)
    found: dict[str, Mandate] = {}
    for index, hit in enumerate(hits):
        end = hits[index + 1].start if index + 1 < len(hits) else len(text)
        clause = text[hit.end : end]
        asked = [a for a in addressees if hit.start <= a.start < end]
        if hit.label == procedural or (hit.label == "decides" and not asked):
            meeting = any(kind == "meeting" for kind, _ in _kind_list(clause, language))
            targets = ["assembly"] if hit.label == procedural or meeting else []
        elif hit.label in mandate_verbs:
            targets = list(dict.fromkeys(a.code for a in asked if a.code in bodies))
        else:
            targets = []
        if not targets:
            continue
        kinds = _kind_list(clause, language) or [("meeting" if hit.label == procedural else "task", hit.evidence)]
        session = _session(clause, language)
        for body in targets:
            for kind, evidence in kinds:
                mandate = Mandate(body, kind, session if kind in ("report", "meeting") else "", evidence)
                found.setdefault(mandate.code, mandate)
    return tuple(found.values())


def _kind_list(clause: str, language: str) -> list[tuple[str, str]]:
    return [(kind, m.group(0)) for kind, pattern in _kinds(language) if (m := pattern.search(clause))]
