"""Read UN General Assembly crime-prevention resolutions as data.

The public API is four calls that return resolutions or tidy pandas tables::

    import analysis
    rs = analysis.load(["A/RES/62/175", "A/RES/78/229"], lang="zh")
    analysis.paragraphs(rs); analysis.classify(rs); analysis.compare(rs, by="theme")

with the domain dataclasses (``Resolution``, ``Paragraph`` …), the corpus, the series analysis and the
evaluation. Every name is imported on first use, so ``crimepol parse`` does not pay for scipy,
scikit-learn or matplotlib, and the command line can catch Ctrl-C from its very start
(``analysis.entry``). See docs/architecture.md for the modules behind these names.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from analysis.model import HTML_VIEWS as _HTML_VIEWS
from analysis.version import __version__ as __version__  # re-exported: analysis.__version__

_LAZY = {
    # the four calls
    "load": "api",
    "side_by_side": "api",  # a resolution's English and Chinese side by side
    "paragraphs": "api",
    "classify": "api",
    "compare": "api",
    "brief": "api",  # what changed: brief.html and changes.html
    "MissingDocument": "errors",
    "SkippedDocument": "api",
    "how_to_get": "corpus.registry",
    # domain objects and errors
    "Annex": "model",
    "Artifact": "model",
    "Citation": "model",
    "Footnote": "model",
    "Paragraph": "model",
    "Resolution": "model",
    "SubParagraph": "model",
    "InputError": "errors",
    # the corpus
    "Corpus": "corpus.registry",
    "Document": "corpus.registry",
    "default_corpus": "corpus.registry",
    # single steps, for those who need them
    "parse_file": "parsing.parse",
    "parse_text": "parsing.parse",
    "citation_table": "output.tables",
    "conservation_gaps": "parsing.conservation",
    "theme_names": "coding.themes",
    "theme_scopes": "coding.themes",
    # the series of 62/175, the briefing figures and the evaluation
    "analyse_series": "comparison.series",
    "load_resolutions": "corpus.loading",
    "missing_comparisons": "comparison.series",
    "series_figures": "output.report",
    "evaluate": "evaluation.run",
    "error_rates": "comparison.uncertainty",
    "figures": "output.figures",  # the module itself
}

_MODULES = {"figures"}  # names that stand for a module, not for one of its attributes

__all__ = [
    "Annex",
    "Artifact",
    "Citation",
    "Corpus",
    "Document",
    "Footnote",
    "InputError",
    "MissingDocument",
    "Paragraph",
    "Resolution",
    "SkippedDocument",
    "SubParagraph",
    "analyse_series",
    "brief",
    "citation_table",
    "classify",
    "compare",
    "conservation_gaps",
    "default_corpus",
    "error_rates",
    "evaluate",
    "figures",
    "how_to_get",
    "load",
    "load_resolutions",
    "missing_comparisons",
    "paragraphs",
    "parse_file",
    "parse_text",
    "series_figures",
    "side_by_side",
    "theme_names",
    "theme_scopes",
]  # the names of _LAZY (test_api checks they agree)

if TYPE_CHECKING:
    from analysis.api import SkippedDocument, brief, classify, compare, load, paragraphs, side_by_side
    from analysis.coding.themes import theme_names, theme_scopes
    from analysis.comparison.series import analyse_series, missing_comparisons
    from analysis.comparison.uncertainty import error_rates
    from analysis.corpus.loading import load_resolutions
    from analysis.corpus.registry import Corpus, Document, default_corpus, how_to_get
    from analysis.errors import InputError, MissingDocument
    from analysis.evaluation.run import evaluate
    from analysis.model import Annex, Artifact, Citation, Footnote, Paragraph, Resolution, SubParagraph
    from analysis.output import figures
    from analysis.output.report import series_figures
    from analysis.output.tables import citation_table
    from analysis.parsing.conservation import conservation_gaps
    from analysis.parsing.parse import parse_file, parse_text


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    module = importlib.import_module(f".{_LAZY[name]}", __name__)
    return module if name in _MODULES else getattr(module, name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


def _resolution_html(resolution: Any) -> str:
    """A Resolution's notebook view, from the output floor, imported when one is first shown: the model
    (ground floor) only looks its view up in HTML_VIEWS, so no floor imports one above it."""
    from analysis.output.explorer import resolution_html

    return resolution_html(resolution)


_HTML_VIEWS.setdefault("Resolution", _resolution_html)
