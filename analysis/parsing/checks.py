"""Checks on a parsed structure that are reported as warnings, never silently repaired."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from analysis.model import Footnote, Paragraph


def numbering_warnings(numbers: Sequence[int | None], part: str = "operative") -> list[str]:
    """Gaps, duplicates and out-of-order numbers, as printed (the numbers are kept as printed)."""
    warnings = []
    seen: set[int] = set()
    previous = 0
    for position, number in enumerate(numbers, 1):
        if number is None:
            continue
        if number in seen:
            warnings.append(f"{part} paragraph number {number} is duplicated")
        elif number != previous + 1:
            warnings.append(
                f"{part} paragraph {number} follows {previous} (position {position}): "
                "numbering has a gap or is out of order"
            )
        seen.add(number)
        previous = number
    return warnings


def link_footnotes(
    paragraphs: Iterable[Paragraph], notes: Iterable[tuple[str, str]]
) -> tuple[tuple[Footnote, ...], list[str]]:
    """Footnotes with the paragraphs that cite them; markers without a footnote are reported."""
    cited: dict[str, list[str]] = {}
    for p in paragraphs:
        for marker in p.footnote_markers:
            refs = cited.setdefault(marker, [])
            if p.ref not in refs:
                refs.append(p.ref)
    footnotes = tuple(Footnote(marker, text, tuple(cited.get(marker, ()))) for marker, text in notes)
    known = {f.marker for f in footnotes}
    return footnotes, [f"footnote marker {m} has no footnote text" for m in cited if m not in known]


def collapse_repeats(warnings: list[str]) -> tuple[str, ...]:
    """Each distinct warning once, in order of first appearance, with how often it came: a 19 MB file
    printed one warning 37,030 times."""
    counts: dict[str, int] = {}
    for warning in warnings:
        counts[warning] = counts.get(warning, 0) + 1
    return tuple(w if n == 1 else f"{w} ({n} times)" for w, n in counts.items())
