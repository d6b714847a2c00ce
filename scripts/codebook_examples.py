"""Write the examples section of docs/codebook.md from the corpus itself.

For every verb label, theme, addressee, mandate kind and funding kind, the first
paragraph (in corpus order) where the classifier finds it, quoted as a short
window around the evidence, with symbol and paragraph. Quotations come from the official files by code, never typed.

Usage: python scripts/codebook_examples.py   (the bundled corpus)
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from analysis.coding.actors import addressee_codes, mandate_kinds
from analysis.coding.labels import ParagraphLabels, classify_resolution
from analysis.coding.money import kind_names
from analysis.coding.themes import theme_names
from analysis.corpus.loading import load_resolutions
from analysis.corpus.registry import Corpus
from analysis.model import Resolution

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
    (
        "a cited title is masked, up to its closing quotation mark",
        "corruption",
        False,
        r"entitled “[^”]*corrupt|题为“[^”]*腐败",
    ),
    ("the theme of a debate is not a title", "trafficking", True, r"on the theme “[^”]*trafficking|主题为“[^”]*贩运"),
    (
        "smuggling of goods is trafficking",
        "other_goods_trafficking",
        True,
        r"smuggling of commercial goods|商业货物走私",
    ),
    ("legal aid is access to justice", "access_to_justice", True, r"legal aid|法律援助"),
    ("司法协助 is mutual legal assistance", "international_cooperation", True, r"司法协助"),
    ("fraud and identity theft are not cybercrime", "cybercrime", False, r"identity theft|盗用身份"),
    (
        "the Protocols thereto are the three protocols",
        "trafficking_in_persons",
        True,
        r"Protocols thereto|及其各项议定书",
    ),
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


@functools.cache
def _labels(symbol: str, language: str, resolution: Resolution) -> list[ParagraphLabels]:
    return classify_resolution(resolution)


def labelled(resolution: Resolution) -> list[ParagraphLabels]:
    """The labels of a resolution, classified once."""
    return _labels(resolution.symbol, resolution.language, resolution)


def _located(text: str, words: str) -> str:
    """A snippet around the first place of ``words`` in ``text`` (the words in bold), or the words."""
    at = text.find(words)
    return snippet(text, at, at + len(words)) if at >= 0 else words.replace("|", "\\|")


def _dimension_examples(resolutions: list[Resolution]) -> list[str]:
    """The first paragraph where each addressee, mandate kind and funding kind is found."""
    found: dict[tuple[str, str, str], str] = {}
    for r in resolutions:
        for x in labelled(r):
            where = f"({r.symbol} op. {x.number})"
            text = x.paragraph.full_text
            for a in x.addressees:
                found.setdefault(
                    ("addressee", a.code, r.language), f"{snippet(x.paragraph.text, a.start, a.end)} {where}"
                )
            for m in x.mandates:
                found.setdefault(("mandate", m.kind, r.language), f"`{m.code}`: {_located(text, m.evidence)} {where}")
            for kind, words in x.funding_kinds.items():
                found.setdefault(("funding_kind", kind, r.language), f"{_located(text, words[0])} {where}")
    lines: list[str] = []
    for dimension, title, codes in (
        ("addressee", "Addressee examples", addressee_codes()),
        ("mandate", "Mandate examples (by kind)", mandate_kinds()),
        ("funding_kind", "Funding kind examples", kind_names()),
    ):
        lines += ["", f"### {title}", "", "| code | Chinese | English |", "|---|---|---|"]
        for code in codes:
            zh, en = (found.get((dimension, code, language), "—") for language in ("zh", "en"))
            lines.append(f"| `{code}` | {zh} | {en} |")
    return lines


def main() -> None:
    resolutions, _ = load_resolutions(Corpus(bundled_only=True))
    # the founding document first, then the series in order
    resolutions.sort(key=lambda r: (r.symbol != "A/RES/62/175",))
    verbs: dict[tuple[str, str], str] = {}
    themes: dict[tuple[str, str], str] = {}
    for r in resolutions:
        for x in labelled(r):
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
            for x in labelled(r):
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
    lines += _dimension_examples(resolutions)
    lines += ["", "Source: United Nations (the seed and the bundled AKN4UN files).", "", END]
    text = CODEBOOK.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    CODEBOOK.write_text(head + "\n".join(lines) + tail, encoding="utf-8")
    print(f"wrote {len(verbs)} verb and {len(themes)} theme examples to {CODEBOOK}")


if __name__ == "__main__":
    main()
