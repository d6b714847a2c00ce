"""Record what the command line produces, as SHA-256 digests, to prove that a change alters no output.

    python scripts/snapshot.py WORKDIR SNAPSHOT_FILE [--crimepol PATH]

Runs, from the repository root, with ``CRIMEPOL_HOME`` and ``CRIMEPOL_CACHE`` at fixed paths under
WORKDIR (emptied first; WORKDIR itself is written ``$WORKDIR`` in the digested standard output and
error, so snapshots taken in different directories compare):

- ``crimepol report`` (one process, and ``--jobs 2``);
- ``crimepol parse data/raw --format jsonl`` and the same over ``tests/fixtures/pdf``;
- ``crimepol classify data/raw --format csv`` with ``--themes lexicon|learned|union``;
- ``crimepol evaluate``; ``crimepol corpus``.

and writes one line per output file and per command's standard output (with its exit code) and error
(``<sha256>  <name>``) to SNAPSHOT_FILE, which should lie outside the tree. Two snapshots taken
before and after a change, with the same kind of install (editable or wheel), should be equal
byte for byte: ``cmp before.txt after.txt``. ``--crimepol`` names the executable to run (for a
wheel installed in another virtual environment); by default the one next to this Python.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (name, arguments); outputs that are files are written under WORKDIR/out/<name>
COMMANDS: list[tuple[str, list[str]]] = [
    ("report", ["report", "--out", "{out}/report"]),
    ("report-jobs2", ["report", "--out", "{out}/report-jobs2", "--jobs", "2"]),
    ("parse-raw", ["parse", "data/raw", "--format", "jsonl", "-o", "{out}/parse-raw.jsonl"]),
    ("parse-pdf", ["parse", "tests/fixtures/pdf", "--format", "jsonl", "-o", "{out}/parse-pdf.jsonl"]),
    *[
        (
            f"classify-{themes}",
            ["classify", "data/raw", "--format", "csv", "--themes", themes, "-o", f"{{out}}/{themes}.csv"],
        )
        for themes in ("lexicon", "learned", "union")
    ],
    ("evaluate", ["evaluate"]),
    ("corpus", ["corpus"]),
]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def run(crimepol: str, work: Path, snapshot: Path) -> int:
    """Run every command and write the digests; returns the number of commands that failed."""
    if work.exists():
        shutil.rmtree(work)
    out = work / "out"
    out.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if k != "CRIMEPOL_CORPUS"}
    env |= {"CRIMEPOL_HOME": str(work / "home"), "CRIMEPOL_CACHE": str(work / "cache"), "PYTHONHASHSEED": "0"}
    lines: list[str] = []
    failed = 0
    for name, arguments in COMMANDS:
        argv = [crimepol, *(a.format(out=out) for a in arguments)]
        print(f"snapshot: {name}: {' '.join(argv[1:])}", file=sys.stderr, flush=True)
        done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, check=False)
        failed += done.returncode != 0
        stdout, stderr = (stream.replace(os.fsencode(work), b"$WORKDIR") for stream in (done.stdout, done.stderr))
        lines.append(f"{sha256(stdout)}  {name}/stdout (exit {done.returncode})")
        lines.append(f"{sha256(stderr)}  {name}/stderr")
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        lines.append(f"{sha256(path.read_bytes())}  {path.relative_to(out).as_posix()}")
    snapshot.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"snapshot: {len(lines)} digests written to {snapshot}", file=sys.stderr)
    return failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workdir", type=Path, help="scratch directory (emptied), outside the tree")
    parser.add_argument("snapshot", type=Path, help="where the digests go, outside the tree")
    parser.add_argument("--crimepol", default=str(Path(sys.executable).with_name("crimepol")))
    args = parser.parse_args()
    for path in (args.workdir, args.snapshot):
        if path.resolve().is_relative_to(ROOT):
            parser.error(f"{path} lies inside the repository; choose a path outside it")
    failed = run(args.crimepol, args.workdir.resolve(), args.snapshot.resolve())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
