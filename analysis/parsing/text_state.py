"""The text reader's state: what has been read so far, the line in hand, and the questions rules ask of them.

The rules (``text_rules``) read and change a :class:`ReaderState`; ``text_reader`` runs them line by line
and turns the final state into a result. Lines arrive normalized once (``Line.tidied``): nothing here
tidies a line again.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from analysis import lexicon
from analysis.lang import LanguageProfile, profile
from analysis.parsing.normalize import (
    ITEM_LABEL,
    TERMINATORS,
    Line,
    Marker,
    ends_paragraph,
    tidy_spaces,
    visible_end,
)

OPERATIVE_START = re.compile(r"^(\d{1,3})\s*\.(?!\d)\s*(?=\S)")  # "12. Requests", not "106.5 million"
SUBPARAGRAPH_START = ITEM_LABEL
# A preambular paragraph ends with a comma (or a semicolon); a last one may also close a sentence (。/.),
# so a new one may start after any of these. Only a comma or semicolon marks it as preambular.
PREAMBLE_CLAUSE_END = tuple(",，;；")
PREAMBLE_END = PREAMBLE_CLAUSE_END + tuple("。.")
COLONS = (":", "：")
CLOSING_MAX_LENGTH = 60  # longer than any closing line (date, plenary meeting), in characters


@dataclass
class Block:
    """A paragraph being assembled from lines."""

    part: str  # "preamble", "operative", "annex" or "sub"
    label: str = ""
    pieces: list[str] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    subs: list[Block] = field(default_factory=list)
    opening: str = ""  # the tidied first line of a preambular paragraph (where its lead is read)

    def last_text(self) -> str:
        """The last piece of text added, to the last item if there is one."""
        target = self.subs[-1] if self.subs else self
        return target.pieces[-1] if target.pieces else ""

    def add(self, text: str) -> None:
        """Add a line's text to the paragraph, or to its last item."""
        (self.subs[-1] if self.subs else self).pieces.append(text)


LATIN_WORD = re.compile(r"[A-Za-z]+")
WORD_WITH_HYPHENS = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
HEAD_OF_BROKEN_WORD = re.compile(r"[A-Za-z]{1,60}$")


def _hyphen_pairs(word: str) -> list[str]:
    """``"state-of-the-art"`` -> ``["state-of", "the-art"]``: the pairs ``[A-Za-z]+-[A-Za-z]+`` finds
    left to right without overlap (what the word set held before)."""
    parts = word.split("-")
    return [f"{parts[i]}-{parts[i + 1]}" for i in range(0, len(parts) - 1, 2)]


@dataclass
class Joiner:
    """Joins the lines of a paragraph as the language does: without a space (Chinese), or with one and a
    line-break hyphen removed where the document spells the word solid elsewhere."""

    language: str
    spaced: bool
    lines: list[str] = field(default_factory=list)  # the document's text lines, where its words are read
    removed_hyphens: int = 0

    @classmethod
    def of(cls, language: str, events: list[Line | Marker]) -> Joiner:
        """A joiner that knows the document's lines, to tell a line-break hyphen from a real one."""
        if not profile(language).spaced:
            return cls(language, spaced=False)
        return cls(language, spaced=True, lines=[e.text for e in events if isinstance(e, Line)])

    @functools.cached_property
    def solid_words(self) -> frozenset[str]:
        """The words as the document spells them (read at the first hyphen at a line's end: most texts have
        none)."""
        return frozenset(w.lower() for w in set(LATIN_WORD.findall("\n".join(self.lines))))

    @functools.cached_property
    def hyphenated_words(self) -> frozenset[str]:
        """Pairs of words joined by a hyphen in the document ("self-help")."""
        # words are taken whole (linear time): "[A-Za-z]+-[A-Za-z]+" retries from every letter of a long word
        words = set(WORD_WITH_HYPHENS.findall("\n".join(self.lines)))  # no word spans two lines
        return frozenset(w.lower() for word in words if "-" in word for w in _hyphen_pairs(word))

    def join(self, pieces: list[str]) -> str:
        """The paragraph's text from its pieces, tidied."""
        if not self.spaced:
            return tidy_spaces("".join(pieces), self.language)
        out = ""
        for piece in pieces:
            piece = piece.strip()
            if not out:
                out = piece
            elif out.endswith("-") and out[-2:-1].isascii() and out[-2:-1].isalpha() and piece[:1].islower():
                out = self._join_broken_word(out, piece)
            else:
                out += " " + piece
        return tidy_spaces(out, self.language)

    def _join_broken_word(self, out: str, piece: str) -> str:
        """``out`` ends with a letter and a hyphen, ``piece`` opens in lower case: drop the hyphen only when
        the document spells the word solid elsewhere."""
        # the word before the hyphen, from a bounded tail (a search anchored at the end of the growing
        # paragraph rescanned it for every line: quadratic)
        word = HEAD_OF_BROKEN_WORD.search(out[-61:-1])
        assert word is not None, "the character before the hyphen is an ASCII letter"
        head = word.group(0)
        tail = LATIN_WORD.match(piece)
        joined = (head + (tail.group(0) if tail else "")).lower()
        hyphenated = f"{head}-{tail.group(0) if tail else ''}".lower()
        if joined in self.solid_words and hyphenated not in self.hyphenated_words:
            self.removed_hyphens += 1
            return out[:-1] + piece
        return out + piece


@dataclass
class ReaderState:
    """Where the reader is (``phase``), the parts read so far, and the line in hand with its context."""

    language: LanguageProfile
    anatomy: lexicon.Anatomy
    leads: tuple[str, ...]  # the lexicon's preambular leads, longest first
    lead_words: frozenset[str]  # their first words (a cue for leads the lexicon lacks)
    events: list[Line | Marker]
    joiner: Joiner  # joins a paragraph's lines (and counts the hyphens it removes)
    # where the reader is: front, preamble, operative, sole (an unnumbered operative clause), closing, annex
    phase: str = "front"
    # how the body marks its paragraphs, set once the formula is read: "indent", "one-per-line" or "none"
    marking: str = "none"
    seen_title: bool = False
    has_preamble: bool = True  # the enacting formula ends with a comma, as it does before a preamble
    formula_line: int | None = None
    front: list[Line] = field(default_factory=list)
    closing: list[Line] = field(default_factory=list)
    preamble: list[Block] = field(default_factory=list)
    operative: list[Block] = field(default_factory=list)
    sole_clause: Block | None = None
    annex_heading: list[Line] = field(default_factory=list)
    annex: list[Block] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    current: Block | None = None  # the paragraph that lines are added to
    warnings: list[str] = field(default_factory=list)
    resolution_after_closing: list[int] = field(default_factory=list)  # lines after the closing that open one
    numbered_lines: list[int] = field(default_factory=list)  # numbers opening a line of the operative part
    seen_plenary: bool = False  # among the closing lines
    seen_date: bool = False
    # the line in hand: its place among the events, the text before it, and whether that text ended
    position: int = 0
    prev: str = ""
    ended: bool = True
    number: re.Match[str] | None = None  # OPERATIVE_START on the line in hand
    _numbered: dict[int, tuple[int, int]] = field(default_factory=dict)  # id(blocks) -> (counted, numbered)

    @classmethod
    def start(cls, language: str, events: list[Line | Marker]) -> ReaderState:
        """The state before the first line, with the language's patterns and leads."""
        return cls(
            language=profile(language),
            anatomy=lexicon.anatomy(language),
            leads=lexicon.preamble_leads(language),
            lead_words=lexicon.preamble_lead_words(language),
            events=events,
            joiner=Joiner.of(language, events),
        )

    def begin(self, position: int, line: Line) -> None:
        """Take the line at ``position`` in hand: what came before it, and the number it opens with."""
        self.position = position
        self.prev = self.current.last_text() if self.current else ""
        self.ended = not self.prev or visible_end(self.prev).endswith(TERMINATORS)
        self.number = OPERATIVE_START.match(line.text)

    @property
    def after_colon(self) -> bool:
        """The text before the line in hand ends with a colon."""
        return visible_end(self.prev).endswith(COLONS)

    def warn(self, message: str) -> None:
        """Keep a warning about the structure."""
        self.warnings.append(message)

    def next_texts(self) -> list[str]:
        """The next two text lines after the line in hand (among the next five events), for lookahead."""
        following = self.events[self.position + 1 : self.position + 6]
        return [e.text for e in following if isinstance(e, Line)][:2]

    def next_number(self) -> int:
        """The number the next numbered paragraph should carry (an unnumbered chapeau does not count).

        Counted incrementally (blocks are only appended, or the last one removed): recounting every
        block for every line made a long document quadratic."""
        blocks = self.annex if self.phase == "annex" else self.operative
        seen, count = self._numbered.get(id(blocks), (0, 0))
        if seen > len(blocks):
            seen, count = 0, 0
        count += sum(1 for b in blocks[seen:] if b.label)
        self._numbered[id(blocks)] = (len(blocks), count)
        return count + 1

    def opens_next(self, text: str) -> bool:
        """``text`` opens with the number the next numbered paragraph should carry."""
        m = OPERATIVE_START.match(text)
        return m is not None and int(m.group(1)) == self.next_number()

    def heading_follows(self) -> bool:
        """The next line opens the next numbered paragraph, or is one more heading line before it ("IV"
        then "International cooperation"); any other number is a wrapped reference ("18. of …")."""
        following = self.next_texts() + ["", ""]
        return self.opens_next(following[0]) or (not ends_paragraph(following[0]) and self.opens_next(following[1]))

    def is_closing(self, line: Line) -> bool:
        """A closing line: the plenary meeting or the date of adoption."""
        if len(line.text) > CLOSING_MAX_LENGTH:  # cheap to rule out
            return False
        return bool(self.anatomy.plenary.match(line.tidied) or self.anatomy.closing_date.match(line.tidied))

    def add_closing(self, line: Line) -> None:
        """Keep a closing line, noting whether it prints the meeting or the date."""
        self.closing.append(line)
        self.seen_plenary = self.seen_plenary or bool(self.anatomy.plenary.match(line.tidied))
        self.seen_date = self.seen_date or bool(self.anatomy.closing_date.match(line.tidied))

    @property
    def closing_complete(self) -> bool:
        """Both the plenary meeting and the date have been printed among the closing lines."""
        return self.seen_plenary and self.seen_date

    def lead_of(self, tidied: str) -> str:
        """The lexicon's lead phrase that ``tidied`` opens with (after a prefix such as 在这方面), or ""."""
        prefix = self.anatomy.lead_prefix.match(tidied)
        if prefix:  # "在这方面认识到": the lead after the prefix
            lead = self.lead_of(tidied[prefix.end() :].lstrip())
            return tidied[: prefix.end()] + lead if lead else ""
        for lead in self.leads:
            if tidied.startswith(lead) and (
                not self.language.spaced or len(tidied) == len(lead) or not tidied[len(lead)].isalpha()
            ):
                return lead
        return ""

    def has_lead(self, tidied: str) -> bool:
        """``tidied`` opens with a lead: the lexicon's, a circumfix one (对…深表关切), or a cue of one."""
        return (
            bool(self.lead_of(tidied))
            or bool(self.anatomy.circumfix_lead.match(tidied))
            or self.language.unseen_lead(tidied, self.lead_words)
        )

    def end_sole_clause(self, clause: Block, following: str) -> None:
        """After an unnumbered operative clause: "Resolves that:" and then "1." opens the resolution's own
        numbered paragraphs (the clause is their chapeau); anything else is the text the clause adopts."""
        clause.part = "operative"
        chapeau = visible_end(self.joiner.join(clause.pieces)).endswith(COLONS) and bool(
            (m := OPERATIVE_START.match(following)) and int(m.group(1)) == 1
        )
        self.sole_clause = None if chapeau else clause
        if chapeau:
            self.operative.append(clause)
        self.phase = "operative" if chapeau else "annex"
        self.current = None
