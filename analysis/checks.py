"""Checks on a parsed structure that are reported as warnings, never silently repaired."""
from __future__ import annotations

from collections.abc import Sequence


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
            warnings.append(f"{part} paragraph {number} follows {previous} (position {position}): "
                            "numbering has a gap or is out of order")
        seen.add(number)
        previous = number
    return warnings
