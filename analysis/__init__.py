"""Read UN General Assembly crime-prevention resolutions as data."""
from .corpus import Corpus, Document
from .errors import InputError
from .model import Annex, Artifact, Citation, Footnote, Paragraph, Resolution, SubParagraph
from .parse import parse_file, parse_text

__all__ = [
    "Annex", "Artifact", "Citation", "Corpus", "Document", "Footnote", "InputError", "Paragraph",
    "Resolution", "SubParagraph", "parse_file", "parse_text",
]
