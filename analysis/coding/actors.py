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

CLAUSE_REACH = 160  # characters of a clause searched for the addressee that heads it
RELATIVE_REACH = 3  # characters between a relative clause's last word and its head (的非洲国家)


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


@dataclass(frozen=True)
class _ListWords:
    """How one language lists addressees (``[lists.<language>]`` of addressees.toml)."""

    skip: re.Pattern[str]  # qualifiers before an addressee ("all", "relevant", 所有)
    separator: re.Pattern[str]  # between two addressees
    action: re.Pattern[str] | None  # where the asked action begins ("to" + verb); None: read item by item
    aside: re.Pattern[str] | None  # partners and capacities inside the list ("in cooperation with …")
    relative: tuple[str, ...]  # words that close a relative clause before its head (…的会员国)
    clause: re.Pattern[str] | None  # a clause after the verb whose subject is asked ("decides that …")


@functools.cache
def _list_words(language: str) -> _ListWords:
    lists = _table()["lists"][language]
    spaced = profile(language).spaced
    skip = "|".join(re.escape(w) for w in sorted(lists["skip"], key=len, reverse=True))
    separators = "|".join(re.escape(w) for w in sorted(lists["separators"], key=len, reverse=True))
    skip_pattern = rf"(?:(?:{skip})\b\s*,?\s*)*" if spaced else f"(?:{skip})*"
    aside = lists.get("aside", [])
    return _ListWords(
        re.compile(skip_pattern, re.IGNORECASE if spaced else 0),
        re.compile(f"(?:{separators})"),
        re.compile(lists["action"]) if lists.get("action") else None,
        re.compile("|".join(f"(?:{p})" for p in aside)) if aside else None,
        tuple(lists.get("relative", [])),
        re.compile(lists["clause"]) if lists.get("clause") else None,
    )


def addressee_codes() -> list[str]:
    """Every addressee code, in codebook order."""
    return list(_table()["addressees"])


def mandate_kinds() -> list[str]:
    """Every mandate kind: ``task`` (work of no other kind), then the kinds of addressees.toml."""
    return ["task", *_table()["kinds"]]


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


def _word_start(text: str, at: int, language: str) -> bool:
    return at == 0 or not profile(language).spaced or not text[at - 1].isalnum()


def _first_in_clause(text: str, at: int, language: str) -> int | None:
    """Where the first addressee of the clause from ``at`` begins (a list opened by a relative clause):
    the head of the relative clause (after ``relative``, 的) if there is one, else the first addressee."""
    clause_end = re.search(r"[，；;:。]|\bto\b|$", text[at:])
    end = at + (clause_end.start() if clause_end else 0)
    window = range(at, min(end, at + CLAUSE_REACH))
    starts = [i for i in window if _word_start(text, i, language) and _addressee_at(text, i, language)]
    heads = [i for i in starts if _relative_head(text, i, language)]
    chosen = heads or starts
    return chosen[0] if chosen else None


def _relative_head(text: str, at: int, language: str) -> bool:
    """The addressee at ``at`` heads a relative clause: a ``relative`` word closes the clause at most
    a few characters before it (…的会员国, …的非洲国家)."""
    return any(word in text[max(0, at - RELATIVE_REACH - len(word)) : at] for word in _list_words(language).relative)


def _opening(text: str, at: int, language: str) -> tuple[int, tuple[str, int] | None]:
    """The first addressee of a list from ``at``: where it starts and (code, end); qualifiers are skipped
    unless they open an addressee's own name (各国)."""
    position = at + len(text[at:]) - len(text[at:].lstrip(" ,"))
    hit = _addressee_at(text, position, language)
    skipped = _list_words(language).skip.match(text, position)
    if skipped and skipped.end() > position:
        after = _addressee_at(text, skipped.end(), language)
        if after is not None and (hit is None or after[1] > hit[1]):
            return skipped.end(), after
    if hit is None and _list_words(language).relative:
        item = re.match(r"[^、，；。,;]*", text[position:])
        head = _first_in_clause(text[: position + (item.end() if item else 0)], position, language)
        if head is not None and _relative_head(text, head, language):
            return head, _addressee_at(text, head, language)
    return position, hit


def read_list(text: str, at: int, language: str, verb: str) -> list[Addressee]:
    """The addressees listed from ``at`` (just after a directive verb)."""
    words = _list_words(language)
    clause = words.clause.match(text, at) if words.clause else None
    if clause is not None:  # "decides that, in accordance with …, the Congress shall …": its subject
        return _read_to_action(text, clause.end(), None, language, verb)
    position, hit = _opening(text, at, language)
    if hit is None and words.relative:
        start = _first_in_clause(text, position, language)
        hit = _addressee_at(text, start, language) if start is not None else None
        position = start if start is not None else position
    if hit is None:
        return []
    if words.action is not None:
        return _read_to_action(text, position, hit, language, verb)
    return _read_items(text, position, hit, language, verb)


def _read_to_action(text: str, position: int, hit: tuple[str, int] | None, language: str, verb: str) -> list[Addressee]:
    """Every addressee named from the first one (``hit`` at ``position``, or the first found) to where
    the asked action begins, except those named aside (a partner "in cooperation with", a capacity "as
    coordinator of")."""
    words = _list_words(language)
    if words.action is None:
        return []
    action = words.action.search(text, hit[1] if hit else position)
    end = action.start() if action else len(text)
    aside = [m.span() for m in words.aside.finditer(text, position, end)] if words.aside else []
    found = [Addressee(hit[0], verb, position, hit[1], text[position : hit[1]])] if hit else []
    reached = hit[1] if hit else position
    for start, stop, code in _addressees_from(text, reached, end, language):
        if start >= reached and not any(a <= start < b for a, b in aside):
            found.append(Addressee(code, verb, start, stop, text[start:stop]))
            reached = stop
    return found


@functools.cache
def _searchers(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each addressee code with its phrases, to be searched for (at the start of a word)."""
    start = r"(?<!\w)" if profile(language).spaced else ""
    return tuple((code, re.compile(start + pattern.pattern)) for code, pattern in _phrases(language))


def _addressees_from(text: str, start: int, end: int, language: str) -> list[tuple[int, int, str]]:
    """Every addressee phrase that starts between ``start`` and ``end``: (start, end, code), in order,
    the longest first where two start together."""
    found = []
    for code, pattern in _searchers(language):
        for m in pattern.finditer(text, start, min(len(text), end + CLAUSE_REACH)):
            if m.start() >= end:
                break
            if m.end() > m.start():
                found.append((m.start(), m.end(), code))
    return sorted(found, key=lambda f: (f[0], -f[1]))


def _read_items(text: str, position: int, hit: tuple[str, int], language: str, verb: str) -> list[Addressee]:
    """The addressees of a list read item by item: an addressee, a separator, the next one."""
    words = _list_words(language)
    spaced = profile(language).spaced
    found: list[Addressee] = []
    while True:
        code, end = hit
        found.append(Addressee(code, verb, position, end, text[position:end]))
        more = words.separator.match(text, end + (1 if spaced and text[end : end + 1] == " " else 0))
        if more is None:
            more = words.separator.match(text, end)
        if more is None:
            return found
        after = more.end()
        aside = words.aside.match(text, after) if words.aside else None
        if aside is not None:  # 会员国，包括通过相关中央当局，以及…: a means, then the list goes on
            more = words.separator.match(text, aside.end())
            if more is None:
                return found
            after = more.end()
        position, next_hit = _opening(text, after, language)
        if next_hit is None:
            return found
        hit = next_hit


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
    if nearest == "b0":
        return f"ccpcj{number}"
    return "" if nearest and nearest not in ("b0", "b1") else str(number)


def read_mandates(
    text: str, language: str, verbs: VerbReading, addressees: tuple[Addressee, ...], procedural: str = "procedural"
) -> tuple[Mandate, ...]:
    """Work given by a mandate verb to a body the Assembly directs: one kind for each action asked
    ("to develop … and to provide technical assistance": a task and assistance), with its session."""
    hits = list(verbs.hits)
    found: dict[str, Mandate] = {}
    for index, hit in enumerate(hits):
        end = hits[index + 1].start if index + 1 < len(hits) else len(text)
        clause = text[hit.end : end]
        targets = _mandate_targets(hit, clause, [a for a in addressees if hit.start <= a.start < end], language)
        if not targets:
            continue
        for action in _actions(clause, language):
            # a procedural decision is the Assembly's own meeting, whatever the question it takes up
            kinds = [("meeting", hit.evidence)] if hit.label == procedural else _kind_list(action, language)
            kinds = kinds or [("task", hit.evidence)]
            session = _session(action, language)
            for body in targets:
                for kind, evidence in kinds:
                    mandate = Mandate(body, kind, session if kind in ("report", "meeting") else "", evidence)
                    found.setdefault(mandate.code, mandate)
    return tuple(found.values())


def _mandate_targets(hit: VerbHit, clause: str, asked: list[Addressee], language: str) -> list[str]:
    """The bodies a verb gives work to: those it asks, if it is a mandate verb; the Assembly itself for a
    procedural decision or a decision to hold a meeting that names no one."""
    if hit.label == "procedural" or (hit.label == "decides" and not asked):
        meeting = any(kind == "meeting" for kind, _ in _kind_list(clause, language))
        return ["assembly"] if hit.label == "procedural" or meeting else []
    if hit.label in frozenset(_table()["mandate_verbs"]):
        bodies = mandate_bodies()
        return list(dict.fromkeys(a.code for a in asked if a.code in bodies))
    return []


@functools.cache
def _action_words(language: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Where one asked action ends and the next begins, and a purpose clause (read as no action)."""
    spec = _table().get("actions", {})
    split, purpose = spec.get("split", {}).get(language), spec.get("purpose", {}).get(language)
    return (re.compile(split) if split else None), (re.compile(purpose) if purpose else None)


def _actions(clause: str, language: str) -> list[str]:
    """The actions of one request, each without its purpose clause ("in order to …", 以便…)."""
    split, purpose = _action_words(language)
    parts = split.split(clause) if split else [clause]
    return [purpose.split(part, maxsplit=1)[0] if purpose else part for part in parts if part.strip()] or [clause]


def _kind_list(clause: str, language: str) -> list[tuple[str, str]]:
    return [(kind, m.group(0)) for kind, pattern in _kinds(language) if (m := pattern.search(clause))]
