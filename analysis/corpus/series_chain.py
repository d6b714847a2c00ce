"""A programme series found from its members' own citations: each member's operative paragraph 1 takes
note of the Secretary-General's report prepared pursuant to (zh 依照) its predecessor, so the chain is
walked back from the newest member without any symbol typed by hand."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.corpus.registry import SYMBOL
from analysis.model import Resolution

REPORT_PARAGRAPH = "operative 1"  # where a member's report request names its predecessor
FIRST_SESSION_YEAR = 1945  # session S of the General Assembly began in year 1945 + S
GAP_COLUMNS = ["from", "to", "from_year", "to_year", "gap_years", "missing_members", "unknown_members"]


@dataclass(frozen=True)
class ChainLink:
    """One member of the chain: its year, the predecessor its op. 1 cites, and whether its text was given."""

    symbol: str
    year: int | None
    predecessor: str | None
    present: bool


def session_of(symbol: str) -> int | None:
    """The session of a regular-session GA resolution symbol (None for a special session or another symbol)."""
    match = SYMBOL.fullmatch(symbol)
    return int(match["session"]) if match and match["session"].isdigit() else None


def session_year(symbol: str) -> int | None:
    """The year a regular session began (1945 + session): the year of a member known only by its symbol."""
    session = session_of(symbol)
    return None if session is None else FIRST_SESSION_YEAR + session


def predecessor(resolution: Resolution) -> str | None:
    """The GA resolution that operative paragraph 1 cites (the report request's "pursuant to resolution X").

    Only GA resolutions of an earlier session than the resolution's own are candidates (when the
    session is known). One candidate: it. Several: the one of the latest session, since a report
    request names the most recent member; a tie in that session, or none at all, gives None.
    """
    own = session_of(resolution.symbol)
    cited = {
        c.symbol
        for c in resolution.citations
        if c.paragraph == REPORT_PARAGRAPH and c.organ == "GA" and c.kind == "resolution" and session_of(c.symbol)
    }
    candidates = [s for s in cited if s != resolution.symbol and (own is None or (session_of(s) or 0) < own)]
    if not candidates:
        return None
    latest = max(session_of(s) or 0 for s in candidates)
    newest = [s for s in candidates if session_of(s) == latest]
    return newest[0] if len(newest) == 1 else None


def follow_chain(resolutions: Iterable[Resolution], start: str) -> list[ChainLink]:
    """The chain from ``start`` back through the predecessors its members cite, newest first.

    A member among ``resolutions`` is present (its year the adoption date's, else its session's); a
    cited member not among them is absent (year from its session, predecessor unknown). After an absent
    member the walk resumes at the given resolution of the latest earlier session whose title is that
    of the last present member (the series' own name), so a series with a gap in the corpus is one chain
    (62/175 after 74/177 → 73/186); it stops when no such resolution remains. Pass the members of one
    language (the first text of a symbol is used).
    """
    given: dict[str, Resolution] = {}
    for resolution in resolutions:
        given.setdefault(resolution.symbol, resolution)
    links: list[ChainLink] = []
    seen: set[str] = set()
    current: str | None = start
    title = given[start].title if start in given else ""
    while current is not None and current not in seen:
        seen.add(current)
        member = given.get(current)
        if member is not None:
            title = member.title
            year = member.adopted.year if member.adopted else session_year(current)
            links.append(ChainLink(current, year, predecessor(member), True))
            current = links[-1].predecessor
            continue
        links.append(ChainLink(current, session_year(current), None, False))
        current = _resume_after(current, title, given, seen)
    return links


def _resume_after(absent: str, title: str, given: dict[str, Resolution], seen: set[str]) -> str | None:
    """The given resolution titled ``title`` of the latest session before the absent member's, if any."""
    before = session_of(absent)
    earlier = [
        r
        for r in given.values()
        if r.symbol not in seen
        and title
        and r.title == title
        and (session_of(r.symbol) or 0) < (before if before is not None else 0)
    ]
    return max(earlier, key=lambda r: session_of(r.symbol) or 0).symbol if earlier else None


def chain_gaps(links: list[ChainLink]) -> pd.DataFrame:
    """For each pair of consecutive present members (``from`` the earlier, ``to`` the later): the years
    between their adoptions (``gap_years``), the absent members the citations name between them
    (``missing_members``, a list, newest first) and ``unknown_members``, members that must exist but no
    text names.

    Assumption: where the later member cites the earlier one directly, nothing is between them, whatever
    the years (the series became biennial with 78/229: 78/229 → 80/229 is 2 years and no gap). Where
    the citations break off at an absent member, the series is taken as annual between the two present
    members, so ``unknown_members`` = years strictly between them − the known absent members (at least
    0). A year unknown on either side gives NaN and a count of 0.
    """
    rows = []
    present = [i for i, link in enumerate(links) if link.present]
    for newer, older in itertools.pairwise(present):
        later, earlier = links[newer], links[older]
        missing = [link.symbol for link in links[newer + 1 : older]]
        gap = None if later.year is None or earlier.year is None else later.year - earlier.year
        unknown = 0
        if missing and gap is not None:
            unknown = max(0, gap - 1 - len(missing))
        rows.append(
            {
                "from": earlier.symbol,
                "to": later.symbol,
                "from_year": earlier.year,
                "to_year": later.year,
                "gap_years": float("nan") if gap is None else float(gap),
                "missing_members": missing,
                "unknown_members": unknown,
            }
        )
    frame = pd.DataFrame(rows, columns=GAP_COLUMNS)
    return frame.astype({"from_year": "Int64", "to_year": "Int64", "gap_years": "float64", "unknown_members": "int64"})


def configured_series(table: dict[str, Any]) -> list[str]:
    """The members that ``comparisons.toml`` (as :func:`analysis.lexicon.comparisons` returns it) lists as
    the series: the focus and its successors, in file order."""
    return [str(table["focus"]), *(str(member["symbol"]) for member in table.get("successors", []))]


def check_against_config(links: list[ChainLink], configured: list[str]) -> list[str]:
    """Lines naming each disagreement between the citation chain and the configured series
    (``data/comparisons.toml``): a configured member the chain does not reach, a present member the file
    does not list, a cited member absent from the corpus that the file skips (between two present members),
    and a different order."""
    chained = [link.symbol for link in links]
    lines = []
    for symbol in configured:
        if symbol not in chained:
            lines.append(f"{symbol}: listed in data/comparisons.toml but not in the citation chain from {chained[0]}")
    last_present = max((i for i, link in enumerate(links) if link.present), default=-1)
    for i, link in enumerate(links):
        if link.symbol in configured or (not link.present and i > last_present):
            continue  # an absent member after the last present one ends the chain: nothing is skipped
        if link.present:
            lines.append(f"{link.symbol}: in the citation chain but not listed in data/comparisons.toml")
        else:
            cited_by = next((other.symbol for other in links if other.predecessor == link.symbol), "?")
            lines.append(
                f"{link.symbol}: cited by {cited_by} (operative 1) as its predecessor, not in the corpus "
                "and not listed in data/comparisons.toml: the pair across it is not consecutive"
            )
    order = [s for s in chained if s in configured]
    listed = [s for s in sorted(configured, key=lambda s: session_of(s) or 0, reverse=True) if s in chained]
    if order != listed:
        lines.append(f"data/comparisons.toml orders the series {listed}, the citations {order}")
    return lines
