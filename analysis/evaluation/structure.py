"""The text parser against the XML: each AKN4UN file parsed from its markup, printed as plain text in
each style, parsed again, and the two structures compared."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import lexicon
from analysis.errors import InputError
from analysis.output.text_views import TEXT_STYLES, plain_text, structure
from analysis.parsing.parse import parse_file, parse_text
from analysis.util.progress import ordered_map

STRUCTURE_COLUMNS = ["file", "symbol", "language", "style", "status", "expected", "got", "detail"]


def structure_check(path: str, styles: tuple[str, ...] = TEXT_STYLES) -> list[dict]:
    """Parse one AKN4UN file by its markup, render it as plain text in each style, parse that text,
    and compare the two structures (``output.text_views.structure``).

    Status per style: ``same``, ``different``, ``refused`` (the text parser refused the rendering),
    ``collapsed`` (the text became one unnumbered clause although the XML has numbered paragraphs);
    and, once per file, ``no-body`` (the XML has no operative part, refused as it should be) or
    ``no-formula`` (no enacting formula to render).
    """
    name = Path(path).name
    try:
        r = parse_file(path)
    except InputError as exc:
        return [dict(zip(STRUCTURE_COLUMNS, (name, "", "", "", "no-body", "", "", exc.problem)))]
    row = {"file": name, "symbol": r.symbol, "language": r.language}
    if not any(lexicon.anatomy(r.language).formula.match(line) for line in r.front_matter):
        return [{**row, "style": "", "status": "no-formula", "expected": "", "got": "", "detail": ""}]
    expected = structure(r)
    rows = []
    for style in styles:
        try:
            t = parse_text(plain_text(r, style), language=r.language, source=name)
        except InputError as exc:
            rows.append(
                {
                    **row,
                    "style": style,
                    "status": "refused",
                    "expected": str(expected),
                    "got": "",
                    "detail": exc.problem,
                }
            )
            continue
        got = structure(t)
        status = (
            "same"
            if got == expected
            else (
                "collapsed"
                if len(t.operative) == 1 and t.operative[0].number is None and len(r.operative) > 1
                else "different"
            )
        )
        rows.append(
            {
                **row,
                "style": style,
                "status": status,
                "expected": str(expected),
                "got": str(got),
                "detail": "; ".join(t.warnings),
            }
        )
    return rows


def structure_agreement(
    paths: list[str], styles: tuple[str, ...] = TEXT_STYLES, jobs: int = 1, progress: bool = False
) -> pd.DataFrame:
    """``structure_check`` over many files (``jobs`` processes), one row per file and style."""
    import functools

    check = functools.partial(structure_check, styles=styles)
    rows = [row for result in ordered_map(check, paths, jobs, "checking structure", progress) for row in result]
    return pd.DataFrame(rows, columns=STRUCTURE_COLUMNS)
