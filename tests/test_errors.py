"""Every kind of InputError survives pickle as itself, so a process pool passes the real exception."""

from __future__ import annotations

import pickle

import pytest

from analysis.errors import DocumentNotFound, InputError, LexiconError, MissingDocument


def _kinds(cls: type[InputError]) -> list[type[InputError]]:
    return [cls] + [kind for sub in cls.__subclasses__() for kind in _kinds(sub)]


def test_every_kind_is_found():
    import analysis.corpus.acquire  # noqa: F401  (defines NetworkUnavailable)

    names = {kind.__name__ for kind in _kinds(InputError)}
    assert {"InputError", "LexiconError", "MissingDocument", "DocumentNotFound", "NetworkUnavailable"} <= names


@pytest.mark.parametrize("kind", [InputError, LexiconError, MissingDocument, DocumentNotFound, "NetworkUnavailable"])
def test_each_error_type_survives_pickle(kind):
    if isinstance(kind, str):
        from analysis.corpus import acquire

        kind = getattr(acquire, kind)
    error = kind("data/raw/A_RES_62_175.zh.txt", "no operative paragraphs")
    error.note = "set after raising"  # an attribute added later travels too
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is kind and isinstance(copy, InputError)
    assert str(copy) == str(error) == "data/raw/A_RES_62_175.zh.txt: no operative paragraphs"
    assert (copy.path, copy.problem, copy.args, copy.note) == (error.path, error.problem, error.args, error.note)


def test_a_path_object_is_kept_as_its_text():
    from pathlib import Path

    copy = pickle.loads(pickle.dumps(InputError(Path("a") / "b.txt", "unreadable")))
    assert copy.path == str(Path("a") / "b.txt") and str(copy) == f"{Path('a') / 'b.txt'}: unreadable"
