"""Progress bars for long commands: shown on a terminal, silent otherwise (pipes, logs, notebooks)."""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def progress_bar(total: int, description: str, enabled: bool, unit: str = "doc") -> Any:
    """A tqdm bar on standard error; ``enabled`` asks for one, and tqdm still stays quiet off a terminal."""
    from tqdm import tqdm

    return tqdm(
        total=total, desc=description, unit=unit, file=sys.stderr, leave=False, disable=None if enabled else True
    )  # None: tqdm disables itself when stderr is not a TTY


def ordered_map(func: Callable[[T], R], items: Sequence[T], jobs: int, description: str, progress: bool) -> Iterator[R]:
    """``func`` over ``items``, results in input order, in ``jobs`` processes when there is more than one
    item, with a progress bar (see ``progress_bar``). ``func`` must be importable by a child process; an
    exception it raises there reaches the caller as itself when it pickles (as every ``InputError`` does),
    which is why a batch that goes on past a bad item returns the error as a result instead."""
    with progress_bar(len(items), description, progress) as bar:
        if jobs > 1 and len(items) > 1:
            with multiprocessing.Pool(jobs) as pool:
                for result in pool.imap(func, items, chunksize=max(1, len(items) // (4 * jobs))):
                    bar.update()
                    yield result
        else:
            for item in items:
                result = func(item)
                bar.update()
                yield result
