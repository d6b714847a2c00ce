"""The available documents of a corpus parsed, in a fixed order and in several processes if asked; a
file refused on reading is a failure listed by the caller, not the end of the run."""

from __future__ import annotations

from analysis.corpus.documents import read_claimed
from analysis.corpus.registry import Corpus, Document
from analysis.errors import InputError
from analysis.model import Resolution
from analysis.util.progress import ordered_map


def _parse_one(job: tuple[str, str, str, str, str]) -> Resolution | InputError:
    """The resolution, or the error that refused it (the exception itself: it crosses processes)."""
    path, language, symbol, sha256, root = job
    try:
        return read_claimed(path, symbol, language, sha256, f"the {root} manifest")
    except InputError as exc:
        return exc


def load_resolutions(
    corpus: Corpus, documents: list[Document] | None = None, jobs: int = 1, progress: bool = False
) -> tuple[list[Resolution], list[str]]:
    """Parse each available document (the one the corpus resolves per symbol and language).

    ``jobs`` > 1 parses in that many processes; the order of the results is the same. ``progress``
    shows a progress bar on standard error when it is a terminal.
    """
    chosen: dict[tuple[str, str], Document] = {}
    for d in documents if documents is not None else corpus.available():  # the corpus gives one per key
        chosen.setdefault((d.symbol, d.language), d)
    work = [
        (str(d.location), d.language, d.symbol, d.sha256, d.root)
        for d in (chosen[key] for key in sorted(chosen, key=lambda k: (_order(k[0]), k[1])))
    ]
    results = list(ordered_map(_parse_one, work, jobs, "parsing", progress))
    resolutions = [r for r in results if isinstance(r, Resolution)]
    return resolutions, [str(r) for r in results if isinstance(r, InputError)]


def _order(symbol: str) -> tuple[int, int]:
    parts = symbol.split("/")
    return (int(parts[2]) if parts[2].isdigit() else 0, int(parts[3]))
