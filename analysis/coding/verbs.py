"""Action verbs of operative paragraphs: the primary verb, every further verb, and modifiers.

The vocabulary is in ``data/lexicon/verbs.csv`` (phrase -> canonical label),
``verb_modifiers.csv`` (``Also``/``又``, ``with appreciation``/``赞赏地``) and
``verb_connectors.csv`` (``…，并请…``, ``…, and requests …``). Strength is a
separate ordinal in ``verb_strength.csv``. Classification reads plain text only.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from analysis.lang import LanguageProfile, profile
from analysis.lexicon import anatomy, read_csv, verb_particle


@dataclass(frozen=True)
class VerbHit:
    """One verb found in a paragraph: label, modifiers and the span of the words."""

    label: str
    modifiers: tuple[str, ...]
    start: int  # span of the whole verb phrase, modifiers included, in the paragraph text
    end: int
    evidence: str


@dataclass(frozen=True)
class VerbReading:
    """The verbs of one paragraph."""

    verb: str  # primary verb label, "" when none was found
    verbs: tuple[str, ...]  # every verb label, primary first, each once
    modifiers: tuple[str, ...]  # modifiers of the primary verb
    strength: int | None
    hits: tuple[VerbHit, ...]


@dataclass(frozen=True)
class _Entry:
    phrase: str
    label: str
    modifiers: tuple[str, ...]
    exclude_next: re.Pattern[str] | None
    opening_only: bool
    needs_strong_connector: bool  # 确认, 批准 … after a bare comma often render a participle or an infinitive


@functools.cache
def _entries(language: str) -> tuple[_Entry, ...]:
    rows = [r for r in read_csv("verbs.csv") if r["language"] == language]
    entries = [
        _Entry(
            r["phrase"],
            r["label"],
            tuple(m for m in r["modifiers"].split("|") if m),
            re.compile(_next_words(r["exclude_next"], profile(language))) if r["exclude_next"] else None,
            r["opening_only"] == "yes",
            r["needs_strong_connector"] == "yes",
        )
        for r in rows
    ]
    return tuple(sorted(entries, key=lambda e: -len(e.phrase)))


def _next_words(pattern: str, language: LanguageProfile) -> str:
    """``exclude_next``: what must not follow a phrase; where words are spaced, whole words after spaces."""
    return rf"\s*(?:{pattern})\b" if language.spaced else f"(?:{pattern})"


def _key(text: str, at: int, language: LanguageProfile) -> str:
    """Index key of the phrase that may start at ``at``: its first word where words are spaced (in lower
    case where the script has case), else its first character."""
    if not language.spaced:
        return text[at : at + 1]
    end = at
    while end < len(text) and text[end].isalpha():
        end += 1
    word = text[at:end]
    return word.lower() if language.cased else word


@functools.cache
def _entry_index(language: str) -> dict[str, tuple[_Entry, ...]]:
    """Entries by their key, longest phrase first: a lookup instead of a scan of the whole lexicon."""
    index: dict[str, list[_Entry]] = {}
    for entry in _entries(language):
        index.setdefault(_key(entry.phrase, 0, profile(language)), []).append(entry)
    return {k: tuple(v) for k, v in index.items()}


@functools.cache
def _modifiers(language: str, position: str) -> tuple[tuple[str, str], ...]:
    rows = [
        (r["surface"], r["modifier"])
        for r in read_csv("verb_modifiers.csv")
        if r["language"] == language and r["position"] == position
    ]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@functools.cache
def _prefix_index(language: str) -> dict[str, tuple[tuple[str, str], ...]]:
    """Prefix modifiers (``Also``, ``又``) by their key, longest first."""
    index: dict[str, list[tuple[str, str]]] = {}
    for surface, modifier in _modifiers(language, "prefix"):
        index.setdefault(_key(surface, 0, profile(language)), []).append((surface, modifier))
    return {k: tuple(v) for k, v in index.items()}


@functools.cache
def _connectors(language: str) -> tuple[re.Pattern[str], frozenset[str]]:
    """The pattern before a further verb, and the connectors that are weak (``同时``, none)."""
    rows = [r for r in read_csv("verb_connectors.csv") if r["language"] == language]
    words = sorted((r["connector"] for r in rows if r["connector"]), key=len, reverse=True)
    weak = frozenset(r["connector"] for r in rows if r["strength"] == "weak")
    alternation = "|".join(re.escape(w) for w in words)
    if profile(language).spaced:
        # ", notes …", "; and requests …", " and, in this regard, encourages …"
        return re.compile(rf"(?:[,;]\s+(?:(?P<conn>{alternation}),?\s+)?|\s(?:{alternation}),?\s+)"), weak
    # "…，并请…", "…；强调…": without spaces, the connector follows the clause mark
    bare = "?" if "" in weak else ""  # an empty connector: a verb may open any clause
    return re.compile(rf"(?<=[，；,;])(?P<conn>{alternation}){bare}"), weak


@functools.cache
def strengths() -> dict[str, int]:
    """How strongly each verb label asks (verb_strength.csv; see the codebook)."""
    return {r["label"]: int(r["strength"]) for r in read_csv("verb_strength.csv")}


def _same(text: str, at: int, phrase: str, language: LanguageProfile) -> bool:
    """``phrase`` stands at ``at``: in any case where the script has case, as a whole word where words
    are spaced."""
    piece = text[at : at + len(phrase)]
    if piece != phrase and not (language.cased and piece.lower() == phrase.lower()):
        return False
    return not language.spaced or not text[at + len(phrase) : at + len(phrase) + 1].isalpha()


def match_verb(text: str, at: int, language: str, opening: bool, weak: bool = False) -> VerbHit | None:
    """The verb phrase that starts at ``at`` (after optional modifiers), or None.

    ``opening``: at the start of the paragraph; ``weak``: after a weak connector,
    where verbs that often render a participle or an infinitive do not count.
    """
    mods, i = _prefixes(text, at, language)
    if mods and not opening and _opening_only_phrase(text, at, language):
        return None  # 继续鼓励 opens a paragraph; after a comma it is the requested action ("to continue to encourage")
    candidate, offset = text[i:], i
    listed = _listed_adverb(text, i, language)
    if listed is not None:
        modifier, candidate, offset = listed
        mods.append(modifier)
    entry = _entry_at(text, candidate, offset, language, opening, weak)
    if entry is None and listed is None:
        # an adverb the lexicon does not list ("Firmly condemns", "毫无保留地谴责"): a modifier
        adverb = anatomy(language).verb_adverb.match(text, offset)
        if adverb:
            mods.append(adverb.group(0).strip().lower())
            candidate, offset = text[adverb.end() :], adverb.end()
            entry = _entry_at(text, candidate, offset, language, opening, weak)
    if entry is None:
        return None
    end = offset + len(entry.phrase)
    found = mods + list(entry.modifiers)
    suffix = _suffix(text, end, language)
    if suffix is not None:
        found.append(suffix[0])
        end = suffix[1]
    return VerbHit(entry.label, tuple(found), at, end, text[at:end])


def _opening_only_phrase(text: str, at: int, language: str) -> bool:
    """A phrase of the lexicon that is opening only stands at ``at`` as a whole (with its modifier)."""
    entry = _entry_at(text, text[at:], at, language, opening=True, weak=False)
    return entry is not None and entry.opening_only


def _prefixes(text: str, at: int, language: str) -> tuple[list[str], int]:
    """The prefix modifiers from ``at`` (``Also``, ``又``, several in a row), and where they end."""
    mods: list[str] = []
    i = at
    while (prefix := _prefix_at(text, i, language)) is not None:
        surface, modifier = prefix
        mods.append(modifier)
        i += len(surface)
        i += len(text[i:]) - len(text[i:].lstrip(" "))
    return mods, i


def _prefix_at(text: str, at: int, language: str) -> tuple[str, str] | None:
    """The longest prefix modifier at ``at``, as (surface, modifier)."""
    lang = profile(language)
    for surface, modifier in _prefix_index(language).get(_key(text, at, lang), ()):
        if _same(text, at, surface, lang):
            return surface, modifier
    return None


def _listed_adverb(text: str, at: int, language: str) -> tuple[str, str, int] | None:
    """An adverb of the lexicon before the verb (``adverb`` in verb_modifiers.csv), after the particle
    if there is one (赞赏地注意到 / 表示赞赏地注意到): its modifier, and the verb phrase to look up
    without the adverb, as text and offset (the particle, if any, stays in front of the rest)."""
    particle = verb_particle(language)
    head = particle if text.startswith(particle, at) else ""
    for surface, modifier in _modifiers(language, "adverb"):
        if text.startswith(surface, at + len(head)):
            rest = at + len(head) + len(surface)
            return modifier, head + text[rest:], rest - len(head)
    return None


def _suffix(text: str, end: int, language: str) -> tuple[str, int] | None:
    """A modifier after the verb phrase that ends at ``end`` (``with appreciation``): the modifier and
    where it ends; where words are spaced, a whole word after a space ("with appreciations" is none)."""
    spaced = profile(language).spaced
    gap = " " if spaced else ""
    for surface, modifier in _modifiers(language, "suffix"):
        after = end + len(gap) + len(surface)
        if text.startswith(gap + surface, end) and not (spaced and text[after : after + 1].isalnum()):
            return modifier, after
    return None


def _entry_at(text: str, candidate: str, offset: int, language: str, opening: bool, weak: bool) -> _Entry | None:
    """The longest lexicon entry that opens ``candidate`` (``text`` from ``offset``) and may stand here."""
    lang = profile(language)
    for entry in _entry_index(language).get(_key(candidate, 0, lang), ()):
        if (entry.opening_only and not opening) or (entry.needs_strong_connector and weak):
            continue
        if not _same(candidate, 0, entry.phrase, lang):
            continue
        if entry.exclude_next is not None and entry.exclude_next.match(text, offset + len(entry.phrase)):
            continue
        return entry
    return None


def _circumfix_verb(text: str, language: str) -> VerbHit | None:
    """``对于…表示关切``: a paragraph opening with 对 has its verb after the 对 clause."""
    if not any(text.startswith(surface) for surface, _ in _modifiers(language, "circumfix")):
        return None
    starts = sorted(
        {
            m.start()
            for entry in _entries(language)
            if entry.phrase.startswith(verb_particle(language))
            for m in re.finditer(re.escape(entry.phrase), text)
        }
    )
    for at in starts:
        hit = match_verb(text, at, language, opening=False)
        if hit:
            return hit
    return None


def _verb_after_opening(text: str, language: str) -> VerbHit | None:
    """The verb after an adverbial opening: a listed one (``在这方面``, ``In this regard,``), or an
    opening clause of the anatomy's ``verb_opening_clause`` (``在审议…时，``). After a clause the verb
    is held to the rules of a later verb (``opening_only`` verbs do not count), since a wrongly
    found opening would otherwise hand the paragraph a verb of its second clause."""
    for surface, _ in _modifiers(language, "opening"):
        if text.startswith(surface):
            at = len(surface)
            at += len(text[at:]) - len(text[at:].lstrip(" ,，"))
            hit = match_verb(text, at, language, opening=True)
            if hit:
                return hit
    clause = anatomy(language).verb_opening_clause.match(text)
    return match_verb(text, clause.end(), language, opening=False, weak=True) if clause else None


def read_verbs(text: str, language: str) -> VerbReading:
    """Primary verb (the one that opens the paragraph) and every further verb."""
    text = text.strip()
    hits: list[VerbHit] = []
    primary = (
        match_verb(text, 0, language, opening=True)
        or _circumfix_verb(text, language)
        or _verb_after_opening(text, language)
    )
    if primary:
        hits.append(primary)
    pattern, weak_connectors = _connectors(language)
    cased = profile(language).cased
    for m in pattern.finditer(text):
        if primary and m.start() < primary.end:
            continue
        weak = (m.group("conn") or "") in weak_connectors
        hit = match_verb(text, m.end(), language, opening=False, weak=weak)
        if hit and (not cased or text[m.end()].islower()):  # with case, a capital opens a name, not a verb
            hits.append(hit)
    labels = tuple(dict.fromkeys(h.label for h in hits))
    verb = primary.label if primary else ""
    return VerbReading(verb, labels, primary.modifiers if primary else (), strengths().get(verb), tuple(hits))


def lead_end(text: str, hit: VerbHit, language: str) -> int:
    """Where the lead of a paragraph whose primary verb is ``hit`` ends: after the verb phrase and the
    preposition it takes, if one follows (position ``preposition`` in verb_modifiers.csv: "Takes note of")."""
    gap = " " if profile(language).spaced else ""
    for surface, _ in _modifiers(language, "preposition"):
        after = hit.end + len(gap) + len(surface)
        if text.startswith(gap + surface, hit.end) and not (gap and text[after : after + 1].isalnum()):
            return after
    return hit.end


def label_of_phrase(phrase: str, language: str) -> str:
    """Canonical label of a lead phrase as marked up by the UN (for evaluation only)."""
    hit = match_verb(" ".join(phrase.split()), 0, language, opening=True)
    return hit.label if hit else ""
