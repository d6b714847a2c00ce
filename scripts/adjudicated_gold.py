"""Merge two independent codings and the third reader's decisions into one gold file.

Where the two annotators agree on a dimension, their value is gold; where they disagree, the
adjudicator's ``final`` is (``adjudication.csv``: symbol, language, paragraph, dimension, final, reason).
The first annotator's lead, modifiers, evidence and note are kept; ``adjudicated`` lists the
dimensions the third reader decided.

    python scripts/adjudicated_gold.py OUT.csv FIRST.csv SECOND.csv ADJUDICATION.csv
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from analysis.lexicon import GOLD_DIMENSIONS

COMPARED = GOLD_DIMENSIONS  # the dimensions two codings are compared on (analysis.lexicon)
SET_VALUED = frozenset(COMPARED) - {"verb"}


def read(path: Path) -> dict[tuple[str, str, str], dict[str, str]]:
    """Rows of an annotation file by (symbol, language, paragraph)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {(r["symbol"], r["language"], r["paragraph"]): r for r in csv.DictReader(handle)}


def same(dimension: str, a: str, b: str) -> bool:
    """Two codings agree: the same label, or the same set of labels."""
    if dimension in SET_VALUED:
        return set(filter(None, a.split("|"))) == set(filter(None, b.split("|")))
    return a == b


def merge(first: Path, second: Path, adjudication: Path) -> list[dict[str, str]]:
    """The gold rows, in the first file's order."""
    a, b = read(first), read(second)
    decided: dict[tuple[str, str, str], dict[str, str]] = {}
    with adjudication.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["symbol"], row["language"], row["paragraph"])
            decided.setdefault(key, {})[row["dimension"]] = row["final"]
    if set(a) != set(b):
        raise SystemExit(f"{first} and {second} code different paragraphs")
    rows = []
    for key, row in a.items():
        gold = dict(row)
        adjudicated = []
        for dimension in COMPARED:
            if dimension in decided.get(key, {}):
                gold[dimension] = decided[key][dimension]
                adjudicated.append(dimension)
            elif not same(dimension, row[dimension], b[key][dimension]):
                raise SystemExit(f"{adjudication}: no decision for {dimension} of {' '.join(key)}")
        gold["adjudicated"] = "|".join(adjudicated)
        rows.append(gold)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    parser.add_argument("adjudication", type=Path)
    args = parser.parse_args()
    rows = merge(args.first, args.second, args.adjudication)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*rows[0]], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{args.out}: {len(rows)} rows, {sum(1 for r in rows if r['adjudicated'])} adjudicated")


if __name__ == "__main__":
    main()
