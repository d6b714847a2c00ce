"""One exception for bad input (and its kinds), so the CLI can print one line and exit 2.

Every kind survives ``pickle`` as itself, so a process pool hands the parent the real exception."""

from __future__ import annotations


class InputError(Exception):
    """A file that cannot be read as a resolution; the message names file and problem."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str], dict[str, object]]:
        """Rebuilt from (path, problem), the arguments every kind takes, and any attributes set since."""
        return type(self), (self.path, self.problem), dict(self.__dict__)


class LexiconError(InputError):
    """A vocabulary file of the package data that does not fit its schema: refused when it is loaded,
    since a misspelt label or a broken pattern would otherwise misclassify without a word."""


class MissingDocument(InputError):
    """A symbol the corpus on this machine does not hold in that language; the message says how to get
    the official file (``crimepol fetch`` / ``crimepol add``), never where to find a copy of its text."""


class DocumentNotFound(InputError):
    """No source has the document asked for (every source answered that it does not have it, or none
    serves that format and language): a cited resolution missing this way is reported, not fatal."""
