"""Read UN General Assembly crime-prevention resolutions as data.

The names below are the public API that the command line and the notebooks use. Every one is
imported on first use, so ``crimepol parse`` does not pay for scipy, scikit-learn or matplotlib,
and the command line can catch Ctrl-C from its very start (``analysis.entry``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_LAZY = {
    "Corpus": "corpus",
    "Document": "corpus",
    "default_corpus": "corpus",
    "InputError": "errors",
    "Annex": "model",
    "Artifact": "model",
    "Citation": "model",
    "Footnote": "model",
    "Paragraph": "model",
    "Resolution": "model",
    "SubParagraph": "model",
    "parse_file": "parse",
    "parse_text": "parse",
    "conservation_gaps": "conservation",
    "paragraph_table": "tables",
    "citation_table": "tables",
    "classify_resolution": "classify",
    "classification_table": "classify",
    "theme_names": "themes",
    "label_counts": "compare",
    "load_resolutions": "report",
    "missing_comparisons": "report",
    "analyse_series": "report",
    "series_figures": "report",
    "evaluate": "evaluation",
    "figures": None,
}

__all__ = [
    "Annex",
    "Artifact",
    "Citation",
    "Corpus",
    "Document",
    "Footnote",
    "InputError",
    "Paragraph",
    "Resolution",
    "SubParagraph",
    # imported on first use (_LAZY)
    "analyse_series",
    "citation_table",
    "classification_table",
    "classify_resolution",
    "conservation_gaps",
    "default_corpus",
    "evaluate",
    "figures",
    "label_counts",
    "load_resolutions",
    "missing_comparisons",
    "paragraph_table",
    "parse_file",
    "parse_text",
    "series_figures",
    "theme_names",
]

if TYPE_CHECKING:
    from . import figures
    from .classify import classification_table, classify_resolution
    from .compare import label_counts
    from .conservation import conservation_gaps
    from .corpus import Corpus, Document, default_corpus
    from .errors import InputError
    from .evaluation import evaluate
    from .model import Annex, Artifact, Citation, Footnote, Paragraph, Resolution, SubParagraph
    from .parse import parse_file, parse_text
    from .report import analyse_series, load_resolutions, missing_comparisons, series_figures
    from .tables import citation_table, paragraph_table
    from .themes import theme_names


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    module = importlib.import_module(f".{_LAZY[name] or name}", __name__)
    return module if _LAZY[name] is None else getattr(module, name)
