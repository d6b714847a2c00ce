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
