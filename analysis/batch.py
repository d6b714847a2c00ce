"""Many documents at once, for ``crimepol parse`` and ``crimepol classify``: the files that the named
paths, directories and symbols stand for, read in order (in several processes if asked), each file
refused on reading skipped with one line, one output for all, and an exit code that says how it went
(0 all read, 1 some skipped, 2 none read or bad input)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from analysis.api import Target, is_symbol, read_target, targets
from analysis.corpus.registry import Corpus
from analysis.errors import InputError
from analysis.io import readable_suffixes
from analysis.output.document_output import format_document
from analysis.util.files import atomic_write_text
from analysis.util.progress import ordered_map

DONE = {"parse": "parsed", "classify": "classified"}


@dataclass(frozen=True)
class Batch:
    """What one ``parse`` or ``classify`` command asks for."""

    command: str  # "parse" or "classify"
    named: tuple[str, ...]  # files, directories and symbols, as the command names them
    language: str | None = None  # --lang: required for a symbol
    fmt: str = "json"
    output: str | None = None  # a file, or None for standard output
    jobs: int = 1
    themes: str = "lexicon"  # where classify's themes come from


@dataclass(frozen=True)
class Job:
    """One document of a batch, as sent to a worker process."""

    command: str
    target: Target
    fmt: str
    themes: str


@dataclass(frozen=True)
class Outcome:
    """What became of one document: its output, or the error that refused it (the exception itself, which
    crosses process boundaries), and the warnings of its parse."""

    path: str
    output: str = ""
    error: InputError | None = None
    warnings: tuple[str, ...] = ()


def read_one(job: Job) -> Outcome:
    """Read and write out one document of a batch: a bad file is an outcome, not a crash."""
    path = str(job.target.path)
    try:
        # whatever it claims (symbol, --lang, recorded hash) is checked; nothing claimed, nothing to check
        resolution = read_target(job.target)
        return Outcome(
            path, format_document(job.command, resolution, job.fmt, job.themes), warnings=resolution.warnings
        )
    except InputError as exc:
        return Outcome(path, error=exc)
    except Exception as exc:  # noqa: BLE001 - one file's internal error must not end a batch
        return Outcome(path, error=InputError(path, f"internal error ({type(exc).__name__}: {exc}); please report it"))


def run_batch(batch: Batch, open_corpus: Callable[[], Corpus]) -> int:
    """Run ``batch`` and return its exit code; ``open_corpus`` is called only when a symbol is named.

    One file named as such is written or refused (an InputError); anything more is a batch, in which a
    refused file is skipped with a line on standard error."""
    files = _files(batch, open_corpus)
    if len(files) == 1 and len(batch.named) == 1 and not Path(batch.named[0]).is_dir():
        return _run_one(batch, files[0])
    return _run_many(batch, files)


def _files(batch: Batch, open_corpus: Callable[[], Corpus]) -> list[Target]:
    symbols = [t for t in batch.named if is_symbol(t)]
    if symbols and not batch.language:
        raise InputError(symbols[0], "a symbol needs --lang zh or --lang en")
    return targets(batch.named, batch.language, open_corpus() if symbols else None)


def _run_one(batch: Batch, target: Target) -> int:
    outcome = read_one(Job(batch.command, target, batch.fmt, batch.themes))
    if outcome.error is not None:
        raise InputError(outcome.path, outcome.error.problem)
    write_output(outcome.output, batch.output)
    _warn(outcome)
    return 0


def _run_many(batch: Batch, files: list[Target]) -> int:
    if not files:
        raise InputError(" ".join(batch.named), f"no {', '.join(readable_suffixes())} files to read")
    if batch.output and Path(batch.output).is_dir():
        raise InputError(batch.output, "is a directory; name a file")
    fmt = "jsonl" if batch.fmt == "json" else batch.fmt  # several documents: one a line
    jobs = [Job(batch.command, f, fmt, batch.themes) for f in files]
    pieces: list[str] = []
    failed = 0
    for outcome in ordered_map(read_one, jobs, batch.jobs, batch.command, progress=True):
        if outcome.error is not None:
            failed += 1
            print(f"crimepol: skipped {outcome.path}: {outcome.error.problem}", file=sys.stderr)
            continue
        pieces.append(_without_header(outcome.output) if fmt == "csv" and pieces else outcome.output)
        _warn(outcome)
    if pieces:  # when every file failed, nothing is written (an existing -o file is left as it was)
        write_output("".join(pieces), batch.output)
    print(
        f"crimepol: {len(jobs) - failed} of {len(jobs)} documents {DONE[batch.command]}"
        + (f"; {failed} skipped" if failed else ""),
        file=sys.stderr,
    )
    return exit_code(failed, len(jobs))


def _without_header(csv_text: str) -> str:
    """A CSV table after the first: one header for the whole table."""
    return csv_text.split("\n", 1)[1] if csv_text else ""


def _warn(outcome: Outcome) -> None:
    for warning in outcome.warnings:
        print(f"crimepol: warning: {outcome.path}: {warning}", file=sys.stderr)


def exit_code(failed: int, total: int) -> int:
    """0 when every document was read, 2 when none was, 1 in between."""
    return 0 if not failed else (2 if failed == total else 1)


def write_output(text: str, output: str | None) -> None:
    """Standard output, a regular file (written whole, then renamed into place), or a stream such as
    /dev/null or a pipe, which is written to as it is: renaming over it would replace the device."""
    if not output:
        sys.stdout.write(text)
        return
    target = Path(output)
    if target.is_dir():
        raise InputError(output, "is a directory; name a file")
    if not target.parent.is_dir():
        raise InputError(output, f"its directory {target.parent} does not exist")
    if target.exists() and not target.is_file():
        with target.open("w", encoding="utf-8") as stream:
            stream.write(text)
        return
    atomic_write_text(target, text)
