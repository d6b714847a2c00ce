"""Structure of every AKN4UN resolution in a directory: the XML's own markup against the text parser
reading the same resolution rendered as plain text (layouts: indent, lines, pdf).

Usage: python scripts/structure_agreement.py [DIR] [--sessions 74,75,76,77] [--out FILE.csv]
Default: ../shared/ga-74-78, sessions 74-77 (the development part; 78 is held out).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.evaluation import structure_agreement


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default=str(Path(__file__).resolve().parents[2] / "shared" / "ga-74-78"))
    parser.add_argument("--sessions", default="74,75,76,77")
    parser.add_argument("--out", help="write every row (file, layout, status, expected, got) here")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    paths = sorted(str(p) for s in args.sessions.split(",") for p in Path(args.directory).glob(f"A_RES_{s}_*.xml"))
    if not paths:
        sys.exit(f"no A_RES_<session>_*.xml files for sessions {args.sessions} in {args.directory}")
    rows = structure_agreement(paths, jobs=args.jobs, progress=True)
    if args.out:
        rows.to_csv(args.out, index=False)
    checked = rows[rows["layout"] != ""]
    print(f"{len(paths)} files; {(rows['status'] == 'no-body').sum()} without an operative part (refused, as they "
          f"should be); {(rows['status'] == 'no-formula').sum()} without an enacting formula")
    print(checked.groupby(["layout", "status"]).size().unstack(fill_value=0).to_string())
    for layout, group in checked.groupby("layout"):
        print(f"{layout}: {(group['status'] == 'same').mean():.1%} of {len(group)} documents read as the XML")


if __name__ == "__main__":
    main()
