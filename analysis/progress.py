"""Progress bars for long commands: shown on a terminal, silent otherwise (pipes, logs, notebooks)."""
from __future__ import annotations

import sys
from typing import Any


def progress_bar(total: int, description: str, enabled: bool, unit: str = "doc") -> Any:
    """A tqdm bar on standard error; ``enabled`` asks for one, and tqdm still stays quiet off a terminal."""
    from tqdm import tqdm

    return tqdm(total=total, desc=description, unit=unit, file=sys.stderr, leave=False,
                disable=None if enabled else True)  # None: tqdm disables itself when stderr is not a TTY
