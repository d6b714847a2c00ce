"""Languages as profiles, one module each (``zh``, ``en``), the way spaCy keeps ``lang/<code>``.

A :class:`LanguageProfile` holds everything that differs between languages in code: the script and
how words are separated, case, the XML language codes, the n-gram settings of the statistical
steps, how a text is recognised as written in the language. Vocabulary stays in the lexicon
(package data); a stage that needs to know something about a language asks its profile
(``profile(language).spaced``), never ``language == "zh"``. A new language is one new module that
calls :func:`register`, plus its rows in the lexicon files.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from analysis.errors import InputError
from analysis.util.caches import clear_caches


@dataclass(frozen=True)
class LanguageProfile:
    """What the package needs to know about one language, beyond its vocabulary."""

    code: str  # the code used throughout the package and in the lexicon files ("zh")
    name: str  # in English, for reader-facing text ("Chinese")
    xml_codes: tuple[str, ...]  # codes that AKN4UN files and file names use for it ("zho", "chi", "zh")
    spaced: bool  # words separated by spaces (joining two broken lines inserts one)
    cased: bool  # has upper and lower case (a paragraph's lead verb is capitalised)
    lineage_ngrams: tuple[str, tuple[int, int]]  # scikit-learn analyzer and n-gram range for lineage
    model_ngrams: tuple[str, tuple[int, int]]  # the same for the learned theme model
    printed_width: tuple[int, int]  # characters per printed line (narrowest, widest) in text views
    lead_span_class: str  # the AKN4UN class of the span that marks an operative paragraph's lead verb
    # citations: the kind word follows the number (第46/152号决议), or comes before it (resolution 46/152)
    kind_follows_number: bool
    dates_in_words: bool  # dates name their month ("18 December 2007"): anatomy.toml lists the months
    citation_rules: tuple[str, ...]  # the keys of its table in citations.toml (context rules of citations)
    script: str  # a regular-expression class of the letters the language is written in
    # how much one letter of the script weighs when a text's language is recognised (the heaviest wins)
    detection_weight: float
    # a cue that a line opens with a preambular lead the lexicon lacks: (tidied line, first words of known leads)
    unseen_lead: Callable[[str, frozenset[str]], bool]
    # a preambular paragraph's lead as recorded: (paragraph text, the lexicon's lead or "") -> lead
    extend_lead: Callable[[str, str], str]
    # why a text is refused when the lexicon's traditional_only characters abound ("": never refused; the
    # UN's official Chinese is simplified, and a text in traditional characters would be misread silently)
    variant_refusal: str
    # the number an ordinal written out in the language stands for ("eighty-first" -> 81, 八十一 -> 81)
    ordinal: Callable[[str], int | None] = lambda words: None


_PROFILES: dict[str, LanguageProfile] = {}


def register(language: LanguageProfile) -> LanguageProfile:
    """Add a language (its module calls this when imported); returns it. The built-in languages come
    first, whoever registers first; a code registered already is refused. The package's caches are
    cleared, since the lexicon's schema and compiled vocabularies are built per registered language."""
    if language.code in _builtin():
        raise ValueError(f"the language {language.code!r} is registered already")
    _PROFILES[language.code] = language
    clear_caches()
    return language


BUILT_IN = ("en", "zh")  # the modules of this package's own languages, in the registry's order


def _builtin() -> dict[str, LanguageProfile]:
    if not _PROFILES:
        for name in BUILT_IN:
            module = importlib.import_module(f"{__name__}.{name}")
            _PROFILES[module.PROFILE.code] = module.PROFILE
    return _PROFILES


def languages() -> tuple[str, ...]:
    """The codes of every registered language, in registration order (English, Chinese, then others)."""
    return tuple(_builtin())


def profile(code: str) -> LanguageProfile:
    """The profile of ``code``; an InputError for a language this package does not read."""
    profiles = _builtin()
    if code not in profiles:
        raise InputError(repr(code), f"not a language this package reads ({', '.join(profiles)})")
    return profiles[code]


def from_xml_code(code: str) -> str | None:
    """The package's code for an XML or file-name language code (``zho`` -> ``zh``), or None."""
    return next((p.code for p in _builtin().values() if code in p.xml_codes), None)
