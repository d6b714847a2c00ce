"""The public API in four calls, for notebooks and scripts; the command line is a layer over it.

    import analysis
    seed = analysis.load("A/RES/62/175", lang="zh")        # -> list of Resolution
    analysis.paragraphs(seed)                               # one row per paragraph
    table = analysis.classify(analysis.load(["A/RES/62/175", "A/RES/78/229"], lang="zh"))
    analysis.compare(analysis.load(["A/RES/62/175", "A/RES/78/229"], lang="zh"), by="theme")

Tables are pandas DataFrames with real list columns (``themes``, ``verbs``, ``addressees``, ``footnotes`` …);
:mod:`analysis.serialize` joins them only when a table is written to CSV.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

from analysis.corpus.documents import read_claimed
from analysis.corpus.registry import SYMBOL, Corpus, default_corpus, how_to_get, match_file_name
from analysis.errors import MissingDocument
from analysis.io import readable_suffixes
from analysis.lang import profile
from analysis.model import Resolution

if TYPE_CHECKING:
    import pandas as pd

    from analysis.output.briefing import Briefing

Sources = str | Path | Resolution | Iterable[str | Path | Resolution]


class SkippedDocument(UserWarning):
    """A corpus document that could not be read when the whole corpus was loaded."""


@dataclass(frozen=True)
class Target:
    """A file to read and what it claims to be: the symbol and language of its corpus entry or of
    its canonical name (``A_RES_62_175.zh.txt``), and the SHA-256 its manifest recorded."""

    path: Path
    symbol: str = ""
    language: str | None = None
    sha256: str = ""
    recorded_in: str = ""


def _claimed(path: Path, language: str | None) -> Target:
    m = match_file_name(path.name)
    if not m:
        return Target(path, language=language)
    return Target(path, f"A/RES/{m.group('session')}/{m.group('number')}", language or m.group("lang"))


def is_symbol(item: object) -> TypeGuard[str]:
    """A resolution symbol to look up in the corpus (not a file that happens to be named like one)."""
    return isinstance(item, str) and bool(SYMBOL.match(item)) and not Path(item).exists()


def targets(items: Iterable[str | Path], language: str | None, corpus: Corpus | None = None) -> list[Target]:
    """What to read, in order: a symbol gives its corpus file(s) (one language, or each it has), a
    directory its resolution files (recursively, sorted), a file itself."""
    found: list[Target] = []
    for item in items:
        if is_symbol(item):
            corpus = corpus if corpus is not None else default_corpus()
            found += [_from_corpus(corpus, item, lang) for lang in _languages_of(corpus, item, language)]
            continue
        path = Path(item)
        if path.is_dir():  # its files named in another language than ``language`` are left out
            named = [
                _claimed(p, None)
                for p in sorted(path.rglob("*"))
                if p.suffix.lower() in readable_suffixes() and p.is_file()
            ]
            found += [
                Target(t.path, t.symbol, t.language or language)
                for t in named
                if language is None or t.language in (None, language)
            ]
        else:
            found.append(_claimed(path, language))
    return found


def _languages_of(corpus: Corpus, symbol: str, language: str | None) -> list[str]:
    if language is not None:
        return [language]
    held = sorted({d.language for d in corpus.find(symbol) if d.available})
    if not held:
        raise MissingDocument(
            symbol,
            f"not in the corpus on this machine in any language; for the Chinese text, {how_to_get(symbol, 'zh')} "
            "(with en for the English)",
        )
    return held


def _from_corpus(corpus: Corpus, symbol: str, language: str) -> Target:
    document = corpus.get(symbol, language)  # MissingDocument, with how to get it, when absent
    assert document.location is not None  # corpus.get returns available documents only
    return Target(
        document.location, document.symbol, document.language, document.sha256, f"the {document.root} manifest"
    )


def read_target(target: Target) -> Resolution:
    """Parse one target after checking what it claims (recorded hash, symbol, language)."""
    return read_claimed(target.path, target.symbol, target.language or "", target.sha256, target.recorded_in)


def load(
    sources: Sources | None = None,
    lang: str | None = None,
    *,
    corpus: Corpus | None = None,
    jobs: int = 1,
    progress: bool = False,
) -> list[Resolution]:
    """Resolutions from symbols (read from the corpus), files or directories; all of the corpus if
    ``sources`` is None.

    ``lang`` picks one language for symbols ("zh" or "en"); without it a symbol gives every language
    the corpus holds. A symbol the corpus lacks raises :class:`MissingDocument` saying how to get it.
    Loading the whole corpus skips an unreadable document with a :class:`SkippedDocument` warning;
    ``jobs`` (processes) and ``progress`` (a bar on a terminal) apply to that case only.
    """
    if lang is not None:
        profile(lang)  # an InputError for a language this package does not read
    if sources is None:
        from analysis.corpus.loading import load_resolutions

        corpus = corpus if corpus is not None else default_corpus()
        documents = [d for d in corpus.available() if lang is None or d.language == lang]
        resolutions, failures = load_resolutions(corpus, documents, jobs=jobs, progress=progress)
        for failure in failures:
            warnings.warn(failure, SkippedDocument, stacklevel=2)
        return resolutions
    items = [sources] if isinstance(sources, (str, Path, Resolution)) else list(sources)
    loaded: list[Resolution] = []
    for item in items:
        if isinstance(item, Resolution):
            loaded.append(item)
            continue
        if corpus is None and is_symbol(item):
            corpus = default_corpus()  # scanned once for every symbol of the call
        loaded += [read_target(t) for t in targets([item], lang, corpus)]
    return loaded


def _as_list(resolutions: Resolution | Iterable[Resolution]) -> list[Resolution]:
    return [resolutions] if isinstance(resolutions, Resolution) else list(resolutions)


def paragraphs(resolutions: Resolution | Iterable[Resolution]) -> pd.DataFrame:
    """One row per preambular, operative and annexed paragraph (``subparagraphs``, ``footnotes``: lists)."""
    from analysis.output.tables import paragraph_table

    return paragraph_table(_as_list(resolutions))


def classify(resolutions: Resolution | Iterable[Resolution], themes: str = "lexicon") -> pd.DataFrame:
    """One row per operative paragraph: the lead as printed, primary verb, all verbs, modifiers, strength,
    themes (every mention) and subject themes, addressees, mandates, funding kinds, the evidence of each
    label and the codebook version (docs/codebook.md). List columns are lists.

    ``themes``: "lexicon" (the default, patterns in the codebook), "learned" or "union" (see
    :mod:`analysis.learned.option`).
    """
    from analysis.coding.labels import classification_table
    from analysis.learned.option import classify_with

    return classification_table(x for r in _as_list(resolutions) for x in classify_with(r, themes))


def side_by_side(source: str | tuple[Resolution, Resolution], *, corpus: Corpus | None = None) -> pd.DataFrame:
    """One resolution's English and Chinese texts, operative paragraph by paragraph: ``paragraph``,
    ``english``, ``chinese``, ``english_labels``, ``chinese_labels`` and ``differences`` (the labels one
    reading has and the other lacks; list columns are lists). In a notebook it shows both texts with
    the words behind each difference marked.

    ``source``: a symbol (both texts read from the corpus) or the two loaded readings, in either order.
    """
    from analysis.output.explorer import side_by_side_table

    if isinstance(source, str):
        corpus = corpus if corpus is not None else default_corpus()
        english, chinese = (load(source, lang=language, corpus=corpus)[0] for language in ("en", "zh"))
        return side_by_side_table(english, chinese)
    first, second = source
    return side_by_side_table(first, second)


COMPARE_BY = ("theme", "verb", "addressee", "funding_kind")
THEME_LEVELS = ("all", "subject")  # every theme a paragraph mentions, or only its subject themes


def compare(
    resolutions: Resolution | Iterable[Resolution],
    by: str = "theme",
    baseline: str | tuple[str, str] | Resolution | None = None,
    labels: Sequence[str] | None = None,
    themes: str = "all",
    model: str = "lexicon",
) -> pd.DataFrame:
    """Label shares per resolution with 95 % Wilson intervals, and each one's difference from the
    ``baseline`` with a Newcombe score interval, Fisher's exact p and its Holm adjustment over the labels of the pair.

    ``by``: "theme", "verb" (primary verbs), "addressee" (who is asked to act) or "funding_kind" (what
    money the paragraph speaks of); a paragraph counts once per label. ``themes`` (with by="theme"):
    "all" counts every theme a paragraph mentions, "subject" only its subject themes
    (docs/codebook.md, "Mention and subject"). ``model``: where themes come from, "lexicon" (the
    default), "learned" or "union" (see :mod:`analysis.learned.option`).
    ``baseline``: a symbol, a (symbol, language) pair or a resolution; the first resolution by default.
    ``labels``: the labels to report (zero counts included); by default every label found, themes,
    addressees and funding kinds in codebook order. Counts are small (16 paragraphs in 62/175), which
    is why every share carries its interval; a document given twice would halve them, so it is refused.
    """
    from analysis.comparison.shares import paragraph_labels, share_table
    from analysis.learned.option import classify_with

    _check_compare_options(by, themes, model)
    chosen = _as_list(resolutions)
    keys = _document_keys(chosen)
    known = _vocabulary(by)
    unknown = [label for label in labels or () if label not in known]
    if unknown:
        raise ValueError(f"unknown {by} label(s): {', '.join(unknown)} (see docs/codebook.md)")
    base = _baseline(keys, baseline)
    # the theme model changes themes only (and with them nothing else the other kinds count)
    labelled = [x for r in chosen for x in classify_with(r, model if by == "theme" else "lexicon")]
    kind = "subject_theme" if themes == "subject" else by
    if labels is None and by != "verb":
        seen = {name for x in labelled for name in paragraph_labels(x, kind)}
        labels = [name for name in known if name in seen]
    return share_table(labelled, kind, base, labels)


def _document_keys(chosen: list[Resolution]) -> list[tuple[str, str]]:
    """(symbol, language) of each resolution; a document given twice would count its paragraphs twice."""
    keys = [(r.symbol, r.language) for r in chosen]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise ValueError(f"{repeated[0][0]} ({repeated[0][1]}) is given more than once; compare each document once")
    return keys


def _check_compare_options(by: str, themes: str, model: str) -> None:
    """One line for a value :func:`compare` does not take, or two that do not go together."""
    from analysis.model import THEME_MODELS

    if by not in COMPARE_BY:
        raise ValueError(f"by must be {_choices(COMPARE_BY)}, not {by!r}")
    if themes not in THEME_LEVELS:
        hint = f" (the theme model is model={themes!r})" if themes in THEME_MODELS else ""
        raise ValueError(f"themes must be {_choices(THEME_LEVELS)}, not {themes!r}{hint}")
    if model not in THEME_MODELS:
        raise ValueError(f"model must be {_choices(THEME_MODELS)}, not {model!r}")
    if themes == "subject" and by != "theme":
        raise ValueError(f"themes='subject' counts subject themes: it needs by='theme', not by={by!r}")
    if themes == "subject" and model != "lexicon":
        raise ValueError(f"themes='subject' needs model='lexicon': the {model} model reads mentions, not subjects")


def _choices(values: Sequence[str]) -> str:
    """``'a', 'b' or 'c'``."""
    quoted = [repr(v) for v in values]
    return f"{', '.join(quoted[:-1])} or {quoted[-1]}" if len(quoted) > 1 else quoted[0]


def _vocabulary(by: str) -> list[str]:
    """Every label of ``by`` in codebook order (verbs in the order of their strength table)."""
    from analysis.coding.money import kind_names
    from analysis.coding.themes import theme_names
    from analysis.coding.verbs import strengths
    from analysis.lexicon import read_toml

    if by == "theme":
        return theme_names()
    if by == "verb":
        return list(strengths())
    if by == "addressee":
        return list(read_toml("addressees.toml")["addressees"])
    return kind_names()


def _baseline(
    keys: list[tuple[str, str]], baseline: str | tuple[str, str] | Resolution | None
) -> tuple[str, str] | None:
    """The (symbol, language) the baseline names among ``keys``; a bare symbol must name one document."""
    if baseline is None:
        return None
    if isinstance(baseline, Resolution):
        baseline = (baseline.symbol, baseline.language)
    if isinstance(baseline, tuple):
        if baseline not in keys:
            raise ValueError(f"baseline {baseline[0]} ({baseline[1]}) is not among the resolutions compared")
        return baseline
    matches = [k for k in keys if k[0] == baseline]
    if not matches:
        raise ValueError(f"baseline {baseline} is not among the resolutions compared")
    if len(matches) > 1:
        raise ValueError(
            f"baseline {baseline} is compared in {len(matches)} languages; name one: baseline=({baseline!r}, 'zh')"
        )
    return matches[0]


def brief(
    new: str | Resolution,
    against: str | Resolution | None = None,
    lang: str = "zh",
    *,
    corpus: Corpus | None = None,
) -> Briefing:
    """What changed in ``new`` from ``against`` (symbols or loaded resolutions; by default the predecessor
    that ``new``'s operative paragraph 1 cites, or the latest earlier member of its series in the corpus
    when that one is not, which the briefing says), read in ``lang``: "zh" (the default), "en" or "both"
    (the English with the Chinese quotation beside it).

    The result shows its summary inline in Jupyter; ``.save(directory)`` writes ``brief.html`` (two A4
    pages) and ``changes.html`` (every changed paragraph with its word-level diff and labels). A
    resolution given in another language than the one read stands for its symbol, read from the corpus.
    """
    from analysis.output.briefing import build_briefing

    return build_briefing(new, against, lang, corpus)
