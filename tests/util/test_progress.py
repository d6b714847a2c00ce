"""Progress bars show on a terminal only."""

from __future__ import annotations


def test_progress_bars_show_on_a_terminal_only(monkeypatch):
    import io

    from analysis.util.progress import progress_bar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for stream, shown in ((io.StringIO(), False), (Terminal(), True)):
        monkeypatch.setattr("sys.stderr", stream)
        with progress_bar(3, "testing", enabled=True) as bar:
            assert bool(bar.disable) is not shown  # tqdm sets disable on close, so look inside
            bar.update(3)
        assert ("testing" in stream.getvalue()) is shown
    with progress_bar(3, "testing", enabled=False) as bar:  # the API's default: never a bar
        assert bar.disable


def _refuse(name: str) -> str:
    from analysis.errors import MissingDocument

    if name == "bad":
        raise MissingDocument(name, "not in the corpus")
    return name.upper()


def test_an_error_raised_in_a_worker_process_reaches_the_caller_as_itself():
    import pytest

    from analysis.errors import MissingDocument
    from analysis.util.progress import ordered_map

    assert list(ordered_map(_refuse, ["a", "b"], 2, "testing", progress=False)) == ["A", "B"]
    with pytest.raises(MissingDocument, match=r"^bad: not in the corpus$") as raised:
        list(ordered_map(_refuse, ["a", "bad", "c"], 2, "testing", progress=False))
    assert raised.value.path == "bad" and raised.value.problem == "not in the corpus"
