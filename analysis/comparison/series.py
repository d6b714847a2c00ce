"""The series of the focus resolution (``data/comparisons.toml``): its predecessors and successors in
the corpus, compared on themes, verbs, strength and paragraph lineage, with the gaps between members
(found from the texts' own citations), the readings in both languages where the corpus has both, and
the sensitivity of every share to what is counted.

The unit of analysis is the operative paragraph of one resolution; the resolutions are few and
consecutive members share most of their paragraphs, so nothing here is a sample of the Assembly's
priorities: the intervals say how far a share of a handful of paragraphs can be read, not more."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import pandas as pd

from analysis import lexicon
from analysis.coding.labels import ParagraphLabels, classify_resolution
from analysis.coding.themes import required_themes
from analysis.comparison.distances import distance_table
from analysis.comparison.languages import discrepancy_summary, reading_discrepancies
from analysis.comparison.lineage import lineage, lineage_diffs, lineage_summary
from analysis.comparison.shares import (
    adjust_family,
    compare_two,
    label_counts,
    paragraph_labels,
    strength_distribution,
    strength_profile,
    wilson_interval,
)
from analysis.comparison.trend import theme_trend
from analysis.comparison.uncertainty import error_rates, shares_with_error
from analysis.corpus.registry import Corpus, how_to_get
from analysis.corpus.series_chain import chain_gaps, check_against_config, configured_series, follow_chain
from analysis.model import Resolution

ANY_LANGUAGE = None  # the series' tables hold one language per symbol (the one read for it): no filter
OMNIBUS_MENTIONS = 3  # a paragraph mentioning this many themes that are not its subject holds an omnibus list

# The ways a share is counted in series.csv: the main reading first, then its sensitivity rows.
MAIN = "all mentions"
OTHER_LANGUAGE = "all mentions, other language"
SUBJECTS = "subject themes only"
WITHOUT_OMNIBUS = "without omnibus paragraphs"
WITH_ERROR = "all mentions, classification error carried"
SHARE_COLUMNS = [
    "symbol",
    "year",
    "variant",
    "language",
    "label",
    "count",
    "paragraphs",
    "share",
    "low",
    "high",
    "interval",
]


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
    strength: pd.DataFrame  # strength_profile: median, quartiles, share pressing (≥ 5) with its interval
    differences: pd.DataFrame  # required themes: focus vs every other member, Holm over the table
    lineage: pd.DataFrame
    lineage_summary: pd.DataFrame
    summary: pd.DataFrame
    languages: dict[str, str] = field(default_factory=dict)  # symbol -> language of the text read
    shares: pd.DataFrame = field(default_factory=pd.DataFrame)  # series.csv: every variant, long
    strength_levels: pd.DataFrame = field(default_factory=pd.DataFrame)  # strength_distribution
    distances: pd.DataFrame = field(default_factory=pd.DataFrame)  # distance_table, with its null
    trend: pd.DataFrame = field(default_factory=pd.DataFrame)  # theme_trend over the members
    chain: pd.DataFrame = field(default_factory=pd.DataFrame)  # gaps between members, from citations
    chain_notes: list[str] = field(default_factory=list)  # the citations vs data/comparisons.toml
    changes: pd.DataFrame = field(default_factory=pd.DataFrame)  # word-level diff of modified pairs
    readings: pd.DataFrame = field(default_factory=pd.DataFrame)  # English vs Chinese, per paragraph
    readings_summary: pd.DataFrame = field(default_factory=pd.DataFrame)
    other_texts: dict[str, Resolution] = field(default_factory=dict)  # symbol -> the text in the other language
    other_labels: list[ParagraphLabels] = field(default_factory=list)  # the labels of other_texts

    @property
    def other_language(self) -> list[str]:
        """Members read in a language other than the series'."""
        return [s for s, lang in self.languages.items() if lang != self.language]

    def gap_note(self, symbol: str) -> str:
        """Words for the members missing before ``symbol`` ("" when none): "73/186 + 10 unknown"."""
        return _missing_words(self.chain, symbol)


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
    others = _other_texts(resolutions, chosen)
    classified = _Classified(labels)
    member_labels = [x for s, _ in members for x in classified.of(chosen[s])]
    themes = label_counts(member_labels, "theme")
    strength = strength_profile(member_labels)
    chain, chain_notes = _chain(members, chosen, configured_series(table))
    pairs = _lineage_pairs(members, chosen)
    language = chosen[focus].language  # the series language, unless the focus itself is only in another one
    distances = distance_table(member_labels, "theme", (focus, language), [(s, chosen[s].language) for s, _ in members])
    readings = [reading_discrepancies(classified.of(chosen[s]), classified.of(others[s])) for s in others]
    return SeriesAnalysis(
        language,
        members,
        chosen,
        member_labels,
        themes,
        label_counts(member_labels, "verb", primary_only=True),
        strength,
        _differences(themes, members, focus, table["focus_year"]),
        _lineage_frame(pairs, chain),
        _with_gaps(lineage_summary(pairs), chain),
        _series_table(members, chosen, themes, strength, distances, chain, focus),
        {s: chosen[s].language for s, _ in members},
        shares=_shares(members, chosen, others, classified),
        strength_levels=strength_distribution(member_labels),
        distances=distances,
        trend=theme_trend([x for x in member_labels if x.language == language], dict(members), list(required_themes())),
        chain=chain,
        chain_notes=chain_notes,
        changes=_changes(members, chosen, pairs),
        readings=pd.concat(readings, ignore_index=True) if readings else reading_discrepancies([], []),
        readings_summary=_readings_summary(others, chosen, classified),
        other_texts=others,
        other_labels=[x for r in others.values() for x in classified.of(r)],
    )


class _Classified:
    """Labels by text: taken from the caller's labels when given, else classified once here."""

    def __init__(self, labels: list[ParagraphLabels] | None) -> None:
        self._by_text: dict[tuple[str, str], list[ParagraphLabels]] = {}
        for x in labels or []:
            self._by_text.setdefault((x.symbol, x.language), []).append(x)

    def of(self, resolution: Resolution) -> list[ParagraphLabels]:
        key = (resolution.symbol, resolution.language)
        if key not in self._by_text:
            self._by_text[key] = classify_resolution(resolution)
        return self._by_text[key]


def _texts_by_symbol(resolutions: list[Resolution], language: str) -> dict[str, Resolution]:
    """One text per symbol: in the series language when the corpus has it, else in another one."""
    by_symbol = {r.symbol: r for r in resolutions if r.language != language}
    by_symbol.update({r.symbol: r for r in resolutions if r.language == language})
    return by_symbol


def _other_texts(resolutions: list[Resolution], chosen: dict[str, Resolution]) -> dict[str, Resolution]:
    """For each member, its text in another language than the one read, when the corpus has one."""
    return {
        r.symbol: r
        for r in resolutions
        if r.symbol in chosen and r.language != chosen[r.symbol].language and r.operative
    }


def _members(table: dict, texts: dict[str, Resolution]) -> list[tuple[str, int]]:
    """(symbol, year) of the focus and of its predecessors and successors that have a text, by year."""
    members = [(e["symbol"], e["year"]) for e in table.get("predecessors", []) if e["symbol"] in texts]
    members.append((table["focus"], table["focus_year"]))
    members += [(e["symbol"], e["year"]) for e in table.get("successors", []) if e["symbol"] in texts]
    return sorted(members, key=lambda m: m[1])


def _chain(
    members: list[tuple[str, int]], chosen: dict[str, Resolution], configured: list[str]
) -> tuple[pd.DataFrame, list[str]]:
    """Per member: the predecessor its operative paragraph 1 cites, the gap in years to the member before
    it in the corpus, the members in between known from citations and the count of unknown ones; and the
    lines where the citations and the configured series disagree."""
    latest = members[-1][0]
    links = follow_chain(list(chosen.values()), latest)
    gaps = chain_gaps(links)
    notes = check_against_config(links, configured)
    return gaps, notes


def _differences(themes: pd.DataFrame, members: list[tuple[str, int]], focus: str, focus_year: int) -> pd.DataFrame:
    """The required themes of the focus against every other member (earlier one first); one family, the
    whole table, Holm-adjusted: the comparisons share the focus and near-identical successors."""
    if len(members) == 1:
        return pd.DataFrame()
    frame = pd.concat(
        [
            compare_two(themes, focus, s, ANY_LANGUAGE, required_themes())
            if y > focus_year
            else compare_two(themes, s, focus, ANY_LANGUAGE, required_themes())
            for s, y in members
            if s != focus
        ],
        ignore_index=True,
    )
    family = (
        f"{{m}} tests of this table ({len(required_themes())} required themes x {len(members) - 1} members "
        f"against {focus}; one family, because the members overlap)"
    )
    return adjust_family(frame.drop(columns=["p_adjusted", "adjustment"], errors="ignore"), [], family)


def _lineage_pairs(members: list[tuple[str, int]], chosen: dict[str, Resolution]) -> list[pd.DataFrame]:
    """Lineage of consecutive members; it aligns paragraph texts, so only two texts in the same language."""
    return [
        lineage(chosen[a], chosen[b])
        for (a, _), (b, _) in itertools.pairwise(members)
        if chosen[a].language == chosen[b].language
    ]


def _lineage_frame(pairs: list[pd.DataFrame], chain: pd.DataFrame) -> pd.DataFrame:
    if pairs:
        return _with_gaps(pd.concat(pairs, ignore_index=True), chain)
    return pd.DataFrame(columns=["from", "to", "earlier", "later", "similarity", "status", "gap_years"])


def _with_gaps(frame: pd.DataFrame, chain: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (rows with ``to``) with the gap before ``to`` from the citation chain: ``gap_years``,
    ``missing_members`` (symbols the citations name, ``|``-joined) and ``unknown_members`` (a count)."""
    if frame.empty:
        return frame
    out = frame.copy()
    gaps = chain.set_index("to") if not chain.empty else pd.DataFrame(columns=["gap_years"])
    if "gap_years" not in out or out["gap_years"].isna().all():
        out["gap_years"] = [gaps["gap_years"].get(s, float("nan")) for s in out["to"]]
    out["missing_members"] = ["|".join(gaps["missing_members"].get(s, [])) if not gaps.empty else "" for s in out["to"]]
    out["unknown_members"] = [int(gaps["unknown_members"].get(s, 0)) if not gaps.empty else 0 for s in out["to"]]
    return out


def _changes(members: list[tuple[str, int]], chosen: dict[str, Resolution], pairs: list[pd.DataFrame]) -> pd.DataFrame:
    """The word-level diff (characters in Chinese) of every modified, merged or split pair."""
    frames = []
    for frame in pairs:
        earlier, later = chosen[frame["from"].iloc[0]], chosen[frame["to"].iloc[0]]
        frames.append(lineage_diffs(earlier, later, frame))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _omnibus(x: ParagraphLabels) -> bool:
    """The paragraph holds an omnibus list: it mentions ``OMNIBUS_MENTIONS`` or more themes that are not
    its subject (docs/codebook.md, "Mention and subject")."""
    return len(set(x.themes) - set(x.subjects)) >= OMNIBUS_MENTIONS


def _share_rows(labels: list[ParagraphLabels], symbol: str, year: int, variant: str, kind: str, n: int) -> list[dict]:
    rows = []
    for label in required_themes():
        count = sum(label in paragraph_labels(x, kind) for x in labels)
        low, high = wilson_interval(count, n)
        language = labels[0].language if labels else ""
        rows.append(
            {
                "symbol": symbol,
                "year": year,
                "variant": variant,
                "language": language,
                "label": label,
                "count": count,
                "paragraphs": n,
                "share": count / n if n else float("nan"),
                "low": low,
                "high": high,
                "interval": "Wilson 95 %",
            }
        )
    return rows


def _shares(
    members: list[tuple[str, int]],
    chosen: dict[str, Resolution],
    others: dict[str, Resolution],
    classified: _Classified,
) -> pd.DataFrame:
    """series.csv: the required themes' shares per member, counted the main way and the sensitivity
    ways (the other language's reading, subject themes only, omnibus paragraphs left out, and with the
    classifier's held-out error rates carried into the interval)."""
    rows: list[dict] = []
    for symbol, year in members:
        labels = classified.of(chosen[symbol])
        rows += _share_rows(labels, symbol, year, MAIN, "theme", len(labels))
        if symbol in others:
            other = classified.of(others[symbol])
            rows += _share_rows(other, symbol, year, OTHER_LANGUAGE, "theme", len(other))
        rows += _share_rows(labels, symbol, year, SUBJECTS, "subject_theme", len(labels))
        kept = [x for x in labels if not _omnibus(x)]
        rows += _share_rows(kept, symbol, year, WITHOUT_OMNIBUS, "theme", len(kept))
        language = chosen[symbol].language
        carried = shares_with_error(labels, "theme", [(symbol, language)], error_rates("themes", language))
        carried = carried.set_index("label")
        for label in required_themes():
            row = carried.loc[label]
            rows.append(
                {
                    "symbol": symbol,
                    "year": year,
                    "variant": WITH_ERROR,
                    "language": chosen[symbol].language,
                    "label": label,
                    "count": int(row["count"]),
                    "paragraphs": int(row["paragraphs"]),
                    "share": row["share"],
                    "low": row["low"],
                    "high": row["high"],
                    "interval": row["method"],
                }
            )
    return pd.DataFrame(rows, columns=SHARE_COLUMNS)


def _readings_summary(
    others: dict[str, Resolution], chosen: dict[str, Resolution], classified: _Classified
) -> pd.DataFrame:
    """Per member read in both languages: paragraphs whose readings differ, by dimension."""
    frames = []
    for symbol, other in others.items():
        mine = classified.of(chosen[symbol])
        table = discrepancy_summary(reading_discrepancies(mine, classified.of(other)), len(mine))
        table.insert(0, "symbol", symbol)
        frames.append(table)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _series_table(
    members: list[tuple[str, int]],
    chosen: dict[str, Resolution],
    themes: pd.DataFrame,
    strength: pd.DataFrame,
    distances: pd.DataFrame,
    chain: pd.DataFrame,
    focus: str,
) -> pd.DataFrame:
    """One row per member: the gap before it, language and reading, operative paragraphs, required themes
    in %, the median strength and the share of pressing verbs, and the Jensen-Shannon distance of its
    theme mix to the focus beside the range of random samples of the member as large as the focus."""
    gaps = chain.set_index("to")["gap_years"] if not chain.empty else pd.Series(dtype=float)
    by_member = distances.set_index("symbol")
    rows = []
    for s, year in members:
        row = {
            "symbol": s,
            "year": year,
            "gap_years": gaps.get(s, float("nan")),
            "missing_members": _missing_words(chain, s),
            "language": chosen[s].language,
            "reading": reading(chosen[s]),
            "operative": len(chosen[s].operative),
        }
        for theme in required_themes():
            share = themes[(themes["symbol"] == s) & (themes["label"] == theme)]["share"].sum()
            row[theme] = round(float(share) * 100)
        own = strength[strength["symbol"] == s].iloc[0]
        row["median_strength"] = own["median_strength"]
        row["pressing_%"] = round(float(own["pressing_share"]) * 100)
        distance = by_member.loc[s]
        row[f"js_to_{symbol_tag(focus)}"] = round(float(distance["js_distance"]), 3)
        row["random_samples_5_95"] = (
            "" if pd.isna(distance["null_low"]) else f"{distance['null_low']:.2f}-{distance['null_high']:.2f}"
        )
        rows.append(row)
    return pd.DataFrame(rows)


def _missing_words(chain: pd.DataFrame, symbol: str) -> str:
    """``73/186 + 10 unknown``: the members missing before ``symbol``, as known from the citations."""
    if chain.empty or symbol not in set(chain["to"]):
        return ""
    row = chain.set_index("to").loc[symbol]
    parts = [p.removeprefix("A/RES/") for p in row["missing_members"]]
    if int(row["unknown_members"]):
        parts.append(f"{int(row['unknown_members'])} unknown")
    return " + ".join(parts)


def reading(r: Resolution) -> str:
    """How the text of ``r`` was read: the display name of its format in the registry (the UN's XML, a
    text file, an HTML page, a PDF's text layer …) or by OCR (with its mean confidence)."""
    from analysis.io import display_name

    if r.source_format == "ocr":
        if r.ocr_confidence is None:
            return "OCR of a scanned PDF"
        return f"OCR of a scanned PDF (mean confidence {r.ocr_confidence:.2f})"
    return display_name(r.source_format)
