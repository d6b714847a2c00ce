"""Structure of every AKN4UN resolution in a directory: the XML's own markup against the text parser
reading the same resolution rendered as plain text (styles: indent, lines, pdf).

Usage: python scripts/structure_agreement.py [DIR] [--sessions 74,75,76,77] [--out FILE.csv]
Default: ../shared/ga-74-78, sessions 74-77 (the development part; 78 is held out).
"""

from __future__ import annotations

from devcorpus import arguments

from analysis.evaluation.structure import structure_agreement


def main() -> None:
    args, paths = arguments(
        __doc__.splitlines()[0],
        lambda p: p.add_argument("--out", help="write every row (file, style, status, expected, got) here"),
    )
    rows = structure_agreement(paths, jobs=args.jobs, progress=True)
    if args.out:
        rows.to_csv(args.out, index=False)
    checked = rows[rows["style"] != ""]
    print(
        f"{len(paths)} files; {(rows['status'] == 'no-body').sum()} without an operative part (refused, as they "
        f"should be); {(rows['status'] == 'no-formula').sum()} without an enacting formula"
    )
    print(checked.groupby(["style", "status"]).size().unstack(fill_value=0).to_string())
    for style, group in checked.groupby("style"):
        print(f"{style}: {(group['status'] == 'same').mean():.1%} of {len(group)} documents read as the XML")


if __name__ == "__main__":
    main()
