"""The series of the focus resolution (``data/comparisons.toml``): its predecessors and successors in
the corpus, compared on themes, verbs, strength and paragraph lineage."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import pandas as pd

from analysis import lexicon
from analysis.coding.labels import ParagraphLabels, classify_resolution
from analysis.coding.themes import required_themes
from analysis.comparison.lineage import lineage, lineage_summary
from analysis.comparison.shares import compare_two, js_distance, label_counts, strength_profile
from analysis.corpus.registry import Corpus, how_to_get
from analysis.model import Resolution

ANY_LANGUAGE = None  # the series' tables hold one language per symbol (the one read for it): no filter


@dataclass
class SeriesAnalysis:
    """62/175 with its predecessors and successors that are in the corpus: each in the series language
    when the corpus has it, else in another language (``languages``; compared on the canonical labels
    the languages share). ``summary`` is the table of the series, one row per member."""

    language: str
    series: list[tuple[str, int]]  # (symbol, year) in order
    resolutions: dict[str, Resolution]
    labels: list[ParagraphLabels]
    themes: pd.DataFrame  # label_counts(kind="theme")
    verbs: pd.DataFrame  # label_counts(kind="verb", primary only)
    strength: pd.DataFrame
    differences: pd.DataFrame  # required themes: focus vs every other member
    lineage: pd.DataFrame
    lineage_summary: pd.DataFrame
    summary: pd.DataFrame
    languages: dict[str, str] = field(default_factory=dict)  # symbol -> language of the text read

    @property
    def other_language(self) -> list[str]:
        """Members read in a language other than the series'."""
        return [s for s, lang in self.languages.items() if lang != self.language]


def symbol_tag(symbol: str) -> str:
    """``A/RES/62/175`` -> ``62_175``: a symbol as part of a column or file name."""
    return symbol.removeprefix("A/RES/").replace("/", "_")


def missing_comparisons(corpus: Corpus) -> list[str]:
    """Predecessors and successors that are not in the corpus, with how to get them."""
    table = lexicon.comparisons()
    lines = []
    for entry in table.get("predecessors", []) + table.get("successors", []):
        if not corpus.has(entry["symbol"]):
            symbol = entry["symbol"]
            lang = table["language"]
            lines.append(
                f"{symbol} ({entry['year']}) is not in the corpus. Its text must come from the official "
                f"source: {how_to_get(symbol, lang)}."
            )
    return lines


def analyse_series(resolutions: list[Resolution], labels: list[ParagraphLabels] | None = None) -> SeriesAnalysis | None:
    """Distributions, differences, strength, lineage for the series members present in the corpus.

    ``labels``: the classification of ``resolutions`` when the caller already has it.
    """
    table = lexicon.comparisons()
    focus = table["focus"]
    texts = _texts_by_symbol(resolutions, table["language"])
    if focus not in texts:
        return None
    members = _members(table, texts)
    chosen = {s: texts[s] for s, _ in members}
    labels = _member_labels(members, chosen, labels)
    themes = label_counts(labels, "theme")
    strength = strength_profile(labels)
    pairs = _lineage_pairs(members, chosen)
    return SeriesAnalysis(
        chosen[focus].language,  # the series language, unless the focus itself is only in another one
        members,
        chosen,
        labels,
        themes,
        label_counts(labels, "verb", primary_only=True),
        strength,
        _differences(themes, members, focus, table["focus_year"]),
        _lineage_frame(pairs),
        lineage_summary(pairs),
        _series_table(members, chosen, themes, strength, focus),
        {s: chosen[s].language for s, _ in members},
    )


def _texts_by_symbol(resolutions: list[Resolution], language: str) -> dict[str, Resolution]:
    """One text per symbol: in the series language when the corpus has it, else in another one."""
    by_symbol = {r.symbol: r for r in resolutions if r.language != language}
    by_symbol.update({r.symbol: r for r in resolutions if r.language == language})
    return by_symbol


def _members(table: dict, texts: dict[str, Resolution]) -> list[tuple[str, int]]:
    """(symbol, year) of the focus and of its predecessors and successors that have a text, by year."""
    members = [(e["symbol"], e["year"]) for e in table.get("predecessors", []) if e["symbol"] in texts]
    members.append((table["focus"], table["focus_year"]))
    members += [(e["symbol"], e["year"]) for e in table.get("successors", []) if e["symbol"] in texts]
    return sorted(members, key=lambda m: m[1])


def _member_labels(
    members: list[tuple[str, int]], chosen: dict[str, Resolution], labels: list[ParagraphLabels] | None
) -> list[ParagraphLabels]:
    """The labels of the members' texts, in series order: classified here or picked from ``labels``."""
    if labels is None:
        return [x for s, _ in members for x in classify_resolution(chosen[s])]
    by_key: dict[tuple[str, str], list[ParagraphLabels]] = {}
    for x in labels:
        by_key.setdefault((x.symbol, x.language), []).append(x)
    return [x for s, _ in members for x in by_key[(s, chosen[s].language)]]


def _differences(themes: pd.DataFrame, members: list[tuple[str, int]], focus: str, focus_year: int) -> pd.DataFrame:
    """The required themes of the focus against every other member (earlier one first)."""
    if len(members) == 1:
        return pd.DataFrame()
    return pd.concat(
        [
            compare_two(themes, focus, s, ANY_LANGUAGE, required_themes())
            if y > focus_year
            else compare_two(themes, s, focus, ANY_LANGUAGE, required_themes())
            for s, y in members
            if s != focus
        ],
        ignore_index=True,
    )


def _lineage_pairs(members: list[tuple[str, int]], chosen: dict[str, Resolution]) -> list[pd.DataFrame]:
    """Lineage of consecutive members; it aligns paragraph texts, so only two texts in the same language."""
    return [
        lineage(chosen[a], chosen[b])
        for (a, _), (b, _) in itertools.pairwise(members)
        if chosen[a].language == chosen[b].language
    ]


def _lineage_frame(pairs: list[pd.DataFrame]) -> pd.DataFrame:
    if pairs:
        return pd.concat(pairs, ignore_index=True)
    return pd.DataFrame(columns=["from", "to", "earlier", "later", "similarity", "status"])


def _series_table(
    members: list[tuple[str, int]],
    chosen: dict[str, Resolution],
    themes: pd.DataFrame,
    strength: pd.DataFrame,
    focus: str,
) -> pd.DataFrame:
    """One row per member: language and reading, operative paragraphs, required themes in %, mean
    strength and the Jensen-Shannon distance of its theme mix to the focus."""
    rows = []
    for s, year in members:
        row = {
            "symbol": s,
            "year": year,
            "language": chosen[s].language,
            "reading": reading(chosen[s]),
            "operative": len(chosen[s].operative),
        }
        for theme in required_themes():
            share = themes[(themes["symbol"] == s) & (themes["label"] == theme)]["share"].sum()
            row[theme] = round(float(share) * 100)
        row["mean_strength"] = round(float(strength.loc[strength["symbol"] == s, "mean_strength"].iloc[0]), 2)
        row[f"js_to_{symbol_tag(focus)}"] = round(js_distance(themes, focus, s, ANY_LANGUAGE), 3)
        rows.append(row)
    return pd.DataFrame(rows)


def reading(r: Resolution) -> str:
    """How the text of ``r`` was read: the display name of its format in the registry (the UN's XML, a
    text file, an HTML page, a PDF's text layer …) or by OCR (with its mean confidence)."""
    from analysis.io import display_name

    if r.source_format == "ocr":
        if r.ocr_confidence is None:
            return "OCR of a scanned PDF"
        return f"OCR of a scanned PDF (mean confidence {r.ocr_confidence:.2f})"
    return display_name(r.source_format)
