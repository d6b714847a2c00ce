"""Write a reading packet for annotators: the parsed structure of resolutions, no labels.

A packet gives, per resolution, its title, its preambular paragraphs (context only) and its
operative paragraphs with their sub-paragraphs and footnotes, as the parser reads them. It holds
nothing the classifier decides (no verbs, themes, evidence or leads), so an annotator who reads it
and the codebook codes the text, not the package's output.

    python scripts/annotation_packets.py OUT.md --lang en A/RES/75/196 /path/to/A_RES_78_140.en.xml
    python scripts/annotation_packets.py OUT.md --paired A/RES/74/177      # English and Chinese together
    python scripts/annotation_packets.py OUT.md --paired --only keys.csv A/RES/74/177
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from analysis import api
from analysis.errors import MissingDocument
from analysis.model import Footnote, Paragraph, Resolution


def paragraph_text(paragraph: Paragraph, footnotes: tuple[Footnote, ...]) -> str:
    """The paragraph's chapeau, its sub-paragraphs on their own lines, then its footnotes."""
    lines = [paragraph.text]
    lines += [f"    {sub.label} {sub.text}" for sub in paragraph.subparagraphs]
    notes = {note.marker: note.text for note in footnotes}
    lines += [f"    [footnote {marker}] {notes[marker]}" for marker in paragraph.footnote_markers if marker in notes]
    return "\n".join(lines)


def resolution_header(resolution: Resolution) -> list[str]:
    """Title and preamble of one language version, as context."""
    lines = [f"## {resolution.symbol} ({resolution.language}): {resolution.title}", ""]
    lines.append("Preamble (context only, not coded):")
    lines.append("")
    lines += [f"> {p.text}" for p in resolution.preamble]
    lines.append("")
    return lines


def read_keys(path: Path | None) -> set[tuple[str, str]] | None:
    """(symbol, paragraph number) pairs to include, or None for every paragraph."""
    if path is None:
        return None
    with path.open(encoding="utf-8") as handle:
        return {(row["symbol"], row["paragraph"]) for row in csv.DictReader(handle)}


def write_packet(out: Path, sources: list[str], languages: list[str], keys: set[tuple[str, str]] | None) -> int:
    """Write the packet; return how many rows an annotator is asked to code."""
    lines = ["# Reading packet", "", "Code every paragraph marked `CODE` (one row per paragraph and language).", ""]
    rows = 0
    for source in sources:
        versions = {}
        for lang in languages:
            try:
                versions[lang] = api.load([source], lang)[0]
            except MissingDocument:  # a language the corpus does not hold: the packet has the others
                continue
        present = [lang for lang in languages if lang in versions]
        first = versions[present[0]]
        for lang in present:
            lines += resolution_header(versions[lang])
        for index, paragraph in enumerate(first.operative):
            if keys is not None and (first.symbol, str(paragraph.number)) not in keys:
                continue
            for lang in present:
                other = versions[lang].operative[index]
                lines.append(f"### CODE {first.symbol} | {lang} | {other.number}")
                lines.append("")
                lines.append(paragraph_text(other, versions[lang].footnotes))
                lines.append("")
                rows += 1
    out.write_text("\n".join(lines), encoding="utf-8")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("sources", nargs="+", help="symbols or files")
    parser.add_argument("--lang", choices=["en", "zh"], help="one language")
    parser.add_argument("--paired", action="store_true", help="English and Chinese of each paragraph together")
    parser.add_argument("--only", type=Path, help="CSV with symbol,paragraph: code only these")
    args = parser.parse_args()
    languages = ["en", "zh"] if args.paired else [args.lang or "en"]
    rows = write_packet(args.out, args.sources, languages, read_keys(args.only))
    print(f"{args.out}: {rows} rows to code")


if __name__ == "__main__":
    main()
