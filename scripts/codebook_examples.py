"""Write the examples section of docs/codebook.md from the corpus itself.

For every verb label and theme, the first paragraph (in corpus order) where the
classifier finds it, quoted as a short window around the evidence, with symbol
and paragraph. Quotations come from the official files by code, never typed.

Usage: python scripts/codebook_examples.py   (the bundled corpus)
"""
from __future__ import annotations

from pathlib import Path

from analysis.classify import classify_resolution
from analysis.corpus import Corpus
from analysis.report import load_resolutions
from analysis.themes import theme_names

CODEBOOK = Path(__file__).resolve().parents[1] / "docs" / "codebook.md"
START, END = "<!-- examples:start -->", "<!-- examples:end -->"
WINDOW = 30


def snippet(text: str, start: int, end: int) -> str:
    a, b = max(0, start - WINDOW), min(len(text), end + WINDOW)
    quote = ("…" if a else "") + text[a:start] + "**" + text[start:end] + "**" + text[end:b] + ("…" if b < len(text) else "")
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
    lines += ["", "Source: United Nations (the seed and the bundled AKN4UN files).", "", END]
    text = CODEBOOK.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    CODEBOOK.write_text(head + "\n".join(lines) + tail, encoding="utf-8")
    print(f"wrote {len(verbs)} verb and {len(themes)} theme examples to {CODEBOOK}")


if __name__ == "__main__":
    main()
