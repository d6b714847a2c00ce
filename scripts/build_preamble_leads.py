"""Rebuild data/lexicon/preamble_leads.csv from the lead phrases the UN marks up.

The AKN4UN files name each preambular paragraph by its lead phrase
(``<container name="Reaffirming also">``). Collecting those names gives a
lexicon of leads in both languages taken from official markup, not typed in.

Usage: python scripts/build_preamble_leads.py [XML_DIR]   (default: the bundled data/raw/unxml)
"""

from __future__ import annotations

import collections
import csv
import sys
from pathlib import Path

import defusedxml.ElementTree as ET

from analysis.parsing.akn import NS

OUT = Path(__file__).resolve().parents[1] / "data" / "lexicon" / "preamble_leads.csv"


def main(xml_dir: str) -> None:
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    for path in sorted(Path(xml_dir).glob("*.xml")):
        language = path.suffixes[-2].lstrip(".")
        for container in ET.parse(path).getroot().iter(NS + "container"):
            lead = " ".join((container.get("name") or "").split())
            # a trailing pronoun ("重申其") belongs to the object, not to the lead
            lead = lead.removesuffix("其")
            # one-character Chinese names ("对 … 表示") are circumfixes, not leads
            if len(lead) >= 2:
                counts[(language, lead)] += 1
    rows = sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1]))
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["language", "lead", "count"])
        for (language, lead), n in rows:
            writer.writerow([language, lead, n])
    print(f"wrote {len(rows)} leads to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(OUT.parents[1] / "raw" / "unxml"))
