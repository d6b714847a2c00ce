"""Write the examples section of docs/codebook.md from the corpus itself.

For every verb label and theme, the first paragraph (in corpus order) where the
classifier finds it, quoted as a short window around the evidence, with symbol
and paragraph. Quotations come from the official files by code, never typed.

Usage: python scripts/codebook_examples.py   (the bundled corpus)
"""

from __future__ import annotations

import re
from pathlib import Path

from analysis.coding.labels import classify_resolution
from analysis.coding.themes import theme_names
from analysis.corpus.loading import load_resolutions
from analysis.corpus.registry import Corpus

CODEBOOK = Path(__file__).resolve().parents[1] / "docs" / "codebook.md"

# Hard cases of the themes (codebook, "what counts"): a description, the theme, whether the
# paragraph gets it, the words that locate the case in a paragraph (a regular expression), and
# whether the theme must come from a short reference (its evidence reads "short→full").
HARD_CASES = [
    (
        "a short reference carries the theme of the full name",
        "corruption",
        True,
        r"[Tt]he Convention(?! (?:on|against|for))|《公约》",
        True,
    ),
    (
        '"the Institute" in a UNAFRI resolution is Africa',
        "africa",
        True,
        r"[Tt]he Institute(?! for)|(?<!所)研究所",
        True,
    ),
    (
        "a body devoted to the theme carries it (ICAT)",
        "trafficking",
        True,
        r"Inter-Agency Coordination Group against Trafficking|打击人口贩运机构间协调小组",
    ),
    ("a budget-neutral phrase is funding", "funding", True, r"within existing resources|现有资源范围内"),
    (
        "confiscation in a paragraph about corruption is asset recovery, not money laundering",
        "money_laundering",
        False,
        r"confiscat|没收",
    ),
    (
        "laundering tied to corruption is both",
        "money_laundering",
        True,
        r"laundering of (?:the )?proceeds of corruption|清洗腐败所得",
    ),
    ("SHERLOC's Resources are a name, not money", "funding", False, r"Sharing Electronic Resources"),
    ("the terrorists' financing is not funding", "funding", False, r"financing, planning|prevent the financing"),
]
START, END = "<!-- examples:start -->", "<!-- examples:end -->"
WINDOW = 30


def snippet(text: str, start: int, end: int) -> str:
    a, b = max(0, start - WINDOW), min(len(text), end + WINDOW)
    quote = (
        ("…" if a else "")
        + text[a:start]
        + "**"
        + text[start:end]
        + "**"
        + text[end:b]
        + ("…" if b < len(text) else "")
    )
    return quote.replace("|", "\\|")


def main() -> None:
    resolutions, _ = load_resolutions(Corpus(bundled_only=True))
    # the founding document first, then the series in order
    resolutions.sort(key=lambda r: (r.symbol != "A/RES/62/175",))
    verbs: dict[tuple[str, str], str] = {}
    themes: dict[tuple[str, str], str] = {}
    for r in resolutions:
        for x in classify_resolution(r):
            where = f"{r.symbol} op. {x.number}"
            for hit in x.verbs.hits:
                verbs.setdefault((hit.label, r.language), f"{snippet(x.paragraph.text, hit.start, hit.end)} ({where})")
            for name, hits in x.themes.items():
                h = hits[0]
                themes.setdefault((name, r.language), f"{snippet(x.paragraph.full_text, h.start, h.end)} ({where})")
    lines = [START, "", "### Verb examples", "", "| label | Chinese | English |", "|---|---|---|"]
    for label in sorted({k[0] for k in verbs}):
        lines.append(f"| `{label}` | {verbs.get((label, 'zh'), '—')} | {verbs.get((label, 'en'), '—')} |")
    lines += ["", "### Theme examples", "", "| theme | Chinese | English |", "|---|---|---|"]
    for name in theme_names():
        lines.append(f"| `{name}` | {themes.get((name, 'zh'), '—')} | {themes.get((name, 'en'), '—')} |")
    lines += [
        "",
        "### Hard cases of the themes",
        "",
        "The first paragraph (in corpus order) that shows each rule; the words that locate it in bold.",
        "",
        "| rule | theme | Chinese | English |",
        "|---|---|---|---|",
    ]
    for description, theme, applies, locate, *by_reference in HARD_CASES:
        found = {}
        pattern = re.compile(locate)
        for r in resolutions:
            for x in classify_resolution(r):
                m = pattern.search(x.paragraph.full_text)
                if (
                    m
                    and (theme in x.themes) == applies
                    and r.language not in found
                    and (not by_reference or any("→" in h.evidence for h in x.themes.get(theme, ())))
                ):
                    found[r.language] = (
                        f"{snippet(x.paragraph.full_text, m.start(), m.end())} ({r.symbol} op. {x.number})"
                    )
        mark = f"`{theme}`" if applies else f"not `{theme}`"
        lines.append(f"| {description} | {mark} | {found.get('zh', '—')} | {found.get('en', '—')} |")
    lines += ["", "Source: United Nations (the seed and the bundled AKN4UN files).", "", END]
    text = CODEBOOK.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    CODEBOOK.write_text(head + "\n".join(lines) + tail, encoding="utf-8")
    print(f"wrote {len(verbs)} verb and {len(themes)} theme examples to {CODEBOOK}")


if __name__ == "__main__":
    main()
