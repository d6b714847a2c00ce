"""The primary verb against the UN's own markup of lead phrases (AKN4UN spans), and the text
parser's verbs against the XML parser's."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.coding.verbs import label_of_phrase, read_verbs
from analysis.corpus.registry import Corpus
from analysis.errors import InputError
from analysis.io.ingest import read_source
from analysis.lang import languages, profile
from analysis.parsing.akn import NS, printed_number
from analysis.parsing.parse import parse_source
from analysis.util.progress import ordered_map, progress_bar

AKN = NS  # the AKN4UN namespace, as the XML reader spells it


@dataclass
class MarkupAgreement:
    """How often the primary verb matches the lead verb the UN's XML markup marks, in one language."""

    language: str
    paragraphs: int = 0
    agree: int = 0
    disagreements: list[dict] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Share of marked paragraphs whose primary verb agrees with the markup."""
        return self.agree / self.paragraphs if self.paragraphs else 0.0


def marked_leads(path: str | Path) -> tuple[str, list[tuple[int, str, str]]]:
    """(language, [(paragraph number, marked lead phrase, plain paragraph text)]) of one AKN4UN file."""
    source = read_source(path)
    resolution = parse_source(source)
    body = source.xml_root[0].find(AKN + "mainBody")
    # aligned by printed number (headings carry a <num> too: "I"), and by order among equal numbers
    # (parts that number their paragraphs from 1 again)
    by_number: dict[int, list] = {}
    for element in body.findall(AKN + "paragraph"):
        number = printed_number(element)
        if number is not None:
            by_number.setdefault(number, []).append(element)
    wanted = profile(resolution.language).lead_span_class
    out = []
    for paragraph in resolution.operative:
        if paragraph.number is None:
            continue
        elements = by_number.get(paragraph.number, [])
        if not elements:
            continue
        element = elements.pop(0)
        span = next((s for s in element.iter(AKN + "span") if s.get("class") == wanted), None)
        if span is not None:
            out.append((paragraph.number, " ".join("".join(span.itertext()).split()), paragraph.text))
    return resolution.language, out


def markup_corpus(corpus: Corpus, progress: bool = False) -> pd.DataFrame:
    """Every marked operative paragraph: its text, the marked lead phrase and that phrase's label.

    The answer key for the lexicon (``markup_agreement``) and the training data of the baseline.
    """
    rows = []
    marked = [(d, d.location) for d in corpus.available() if d.format == "xml" and d.location is not None]
    with progress_bar(len(marked), "reading the markup", progress) as bar:
        for document, location in marked:
            language, leads = marked_leads(location)
            rows += [
                {
                    "symbol": document.symbol,
                    "language": language,
                    "paragraph": n,
                    "marked": phrase,
                    "label": label_of_phrase(phrase, language),
                    "text": text,
                }
                for n, phrase, text in leads
            ]
            bar.update()
    return pd.DataFrame(rows, columns=["symbol", "language", "paragraph", "marked", "label", "text"])


def markup_agreement(corpus: Corpus, marked: pd.DataFrame | None = None) -> dict[str, MarkupAgreement]:
    """Primary verb read from plain text vs the lead verb the UN marked up, per language."""
    marked = markup_corpus(corpus) if marked is None else marked
    result = {lang: MarkupAgreement(lang) for lang in languages()}
    for row in marked.itertuples(index=False):
        got = read_verbs(row.text, row.language).verb
        agreement = result[row.language]
        agreement.paragraphs += 1
        if row.label == got:
            agreement.agree += 1
        else:
            agreement.disagreements.append(
                {
                    "symbol": row.symbol,
                    "paragraph": row.paragraph,
                    "marked": row.marked,
                    "marked_label": row.label,
                    "predicted": got,
                    "text": row.text[:60],
                }
            )
    return result


@dataclass(frozen=True)
class VerbAgreement:
    """Primary verbs read from the plain text of every marked operative paragraph of many AKN4UN files."""

    agree: dict[str, int]  # per language: read label = label of the marked phrase
    marked: dict[str, int]  # per language: paragraphs with a marked lead phrase
    unknown: dict[str, Counter]  # per language: marked phrases the lexicon does not know
    pairs: int  # the same paragraph (number, occurrence) in the files of a resolution in two languages
    same_pairs: int
    pair_disagreements: Counter  # (label in the first language, in the second), languages in registry order

    def rate(self, language: str) -> float:
        """Share of marked paragraphs in ``language`` whose primary verb agrees with the markup."""
        return self.agree[language] / self.marked[language] if self.marked[language] else 0.0

    @property
    def pair_rate(self) -> float:
        """Share of paragraph pairs (English/Chinese) read with the same primary verb."""
        return self.same_pairs / self.pairs if self.pairs else 0.0


def _file_verbs(path: str) -> tuple[str, str, list[tuple[tuple[int, int], str, str, str]]] | None:
    try:
        language, leads = marked_leads(path)
    except InputError:
        return None
    seen: Counter = Counter()
    rows = []
    for number, phrase, text in leads:
        rows.append(
            ((number, seen[number]), phrase, label_of_phrase(phrase, language), read_verbs(text, language).verb)
        )
        seen[number] += 1  # parts that number their paragraphs from 1 again
    return Path(path).name.rsplit(".", 2)[0], language, rows


def verb_agreement(paths: list[str], jobs: int = 1, progress: bool = False) -> VerbAgreement:
    """The primary verb against the UN's lead-verb markup, and English against Chinese, over ``paths``."""
    agree: Counter = Counter()
    marked: Counter = Counter()
    unknown: dict[str, Counter] = {lang: Counter() for lang in languages()}
    read: dict[tuple[str, str], dict[tuple[int, int], str]] = {}
    for result in ordered_map(_file_verbs, paths, jobs, "reading verbs", progress):
        if result is None:
            continue
        symbol, language, rows = result
        read[(symbol, language)] = {}
        for key, phrase, label, got in rows:
            marked[language] += 1
            agree[language] += bool(label) and label == got
            if not label:
                unknown.setdefault(language, Counter())[phrase] += 1
            read[(symbol, language)][key] = got
    pairs = same = 0
    differ: Counter = Counter()
    for first, second in _language_pairs(read):
        for key, label in first.items():
            if key in second:
                pairs += 1
                same += label == second[key]
                if label != second[key]:
                    differ[(label or "-", second[key] or "-")] += 1
    return VerbAgreement(dict(agree), dict(marked), unknown, pairs, same, differ)


def _language_pairs(read: dict[tuple[str, str], dict]) -> list[tuple[dict, dict]]:
    """The readings of one resolution in two languages, each pair once, in the order the files were read
    and, within a resolution, in the order the languages are registered (English before Chinese)."""
    order = languages()
    return [
        (labels, read[(symbol, other)])
        for (symbol, language), labels in read.items()
        if language in order
        for other in order[order.index(language) + 1 :]
        if (symbol, other) in read
    ]
