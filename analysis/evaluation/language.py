"""Language agreement: the labels of the texts of one resolution in two languages, paragraph by paragraph."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator

import pandas as pd

from analysis.coding.labels import ParagraphLabels, classify_resolution
from analysis.corpus.registry import Corpus
from analysis.evaluation.scores import wilson
from analysis.gold.labels import required_themes
from analysis.lang import languages
from analysis.model import Resolution


def _both_languages(corpus: Corpus, bundled_only: bool = False) -> list:
    """Every resolution of the corpus that it has in more than one language, parsed (of its bundled
    documents only, when ``bundled_only``)."""
    from analysis.corpus.loading import load_resolutions

    documents = [d for d in corpus.available() if d.root == "bundled" or not bundled_only]
    held: dict[str, set[str]] = {}
    for d in documents:
        held.setdefault(d.symbol, set()).add(d.language)
    resolutions, _ = load_resolutions(corpus, [d for d in documents if len(held[d.symbol]) > 1])
    return resolutions


SET_MEASURES = ("subject_themes", "addressees", "funding_kind")  # each compared as a whole set of codes


def language_measures() -> tuple[str, ...]:
    """The measures of :func:`language_agreement`: the verbs, each required theme, then the subject
    themes, the addressees and the funding kinds (each the same set of codes in both languages)."""
    return ("primary verb", "all verbs") + tuple(f"theme: {t}" for t in required_themes()) + SET_MEASURES


def language_pairs(resolutions: list[Resolution]) -> Iterator[tuple[Resolution, Resolution]]:
    """The texts of one resolution in two languages, each pair once: by symbol, then in the order the
    languages are registered (English before Chinese)."""
    order = {code: n for n, code in enumerate(languages())}
    texts = {(r.symbol, r.language): r for r in resolutions}  # one text per symbol and language
    by_symbol: dict[str, list[Resolution]] = {}
    for symbol, language in sorted(texts, key=lambda key: (key[0], order.get(key[1], len(order)))):
        by_symbol.setdefault(symbol, []).append(texts[(symbol, language)])
    for same_resolution in by_symbol.values():
        yield from itertools.combinations(same_resolution, 2)


def _labels_by_paragraph(resolution: Resolution) -> dict[tuple[int, int], ParagraphLabels]:
    """A resolution's labels by (printed number, occurrence among equal numbers)."""
    labels = {}
    seen: Counter = Counter()
    for x in classify_resolution(resolution):
        labels[(x.number, seen[x.number])] = x
        seen[x.number] += 1
    return labels


def _paired_values(a: ParagraphLabels, b: ParagraphLabels, themes: tuple[str, ...]) -> Iterator[tuple[object, object]]:
    """The two readings of one paragraph, measure by measure (in the order of :func:`language_measures`)."""
    yield a.verbs.verb, b.verbs.verb
    yield tuple(sorted(a.verbs.verbs)), tuple(sorted(b.verbs.verbs))
    for theme in themes:
        yield theme in a.themes, theme in b.themes
    yield frozenset(a.subjects), frozenset(b.subjects)
    yield frozenset(a.addressee_codes()), frozenset(b.addressee_codes())
    yield frozenset(a.funding_kinds), frozenset(b.funding_kinds)


def _agreement_row(measure: str, documents: int, a: list[object], b: list[object]) -> dict[str, object]:
    from sklearn.metrics import cohen_kappa_score

    same = sum(x == y for x, y in zip(a, b))
    as_text = [str(sorted(x)) if isinstance(x, frozenset) else str(x) for x in a]
    bs_text = [str(sorted(y)) if isinstance(y, frozenset) else str(y) for y in b]
    kappa = (
        float(cohen_kappa_score(as_text, bs_text))
        if a and len(set(as_text)) > 1 and len(set(bs_text)) > 1
        else float("nan")
    )
    low, high = wilson(same, len(a))
    return {
        "measure": measure,
        "resolutions": documents,
        "paragraphs": len(a),
        "same": same,
        "agreement": same / len(a) if a else float("nan"),
        "agreement_low": low,
        "agreement_high": high,
        "kappa": kappa,
    }


def language_agreement(resolutions: list[Resolution]) -> pd.DataFrame:
    """How far the labels of the texts of the same resolutions in two languages agree (English and Chinese),
    paragraph by paragraph (aligned by printed number): primary verb, the set of all verbs, each
    required theme (present in both or absent from both), and the sets of subject themes, addressees
    and funding kinds (the same set in both); the share that agrees with its 95 % Wilson interval, and
    Cohen's kappa where both readings vary (a set read as one category).

    This is what a comparison across languages is worth: a predecessor read only in English is compared
    with Chinese texts on these labels."""
    measures = language_measures()
    themes = required_themes()
    values: dict[str, tuple[list[object], list[object]]] = {m: ([], []) for m in measures}
    compared: set[str] = set()
    for first, second in language_pairs(resolutions):
        compared.add(first.symbol)
        other = _labels_by_paragraph(second)
        for key, a in _labels_by_paragraph(first).items():
            if key in other:
                for measure, (x, y) in zip(measures, _paired_values(a, other[key], themes)):
                    values[measure][0].append(x)
                    values[measure][1].append(y)
    return pd.DataFrame([_agreement_row(m, len(compared), a, b) for m, (a, b) in values.items()])
