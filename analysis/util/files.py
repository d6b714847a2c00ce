"""Atomic writes: nothing half-written is ever left where a reader would find it."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar, overload

T = TypeVar("T")


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to a temporary file beside ``path``, then rename it into place."""
    atomic_write_bytes(path, text.encode("utf-8"))


@overload
def atomic_write_bytes(path: str | Path, data: bytes, check: None = None) -> None: ...


@overload
def atomic_write_bytes(path: str | Path, data: bytes, check: Callable[[Path], T]) -> T: ...


def atomic_write_bytes(path: str | Path, data: bytes, check: Callable[[Path], T] | None = None) -> T | None:
    """Write ``data`` beside ``path``, run ``check`` on the temporary file, and rename only if it passes.

    ``check`` raises to refuse the file (nothing is left behind); its result is returned.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~current_umask())  # mkstemp makes 0600; a new file normally respects the umask
        result = check(Path(tmp)) if check else None
        os.replace(tmp, path)
        return result
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_texts(files: Sequence[tuple[str | Path, str]]) -> None:
    """Write several files (UTF-8) as one: every temporary file is written before any is renamed into
    place, and when a rename fails those already renamed are put back as they were (the old file
    restored, a new one removed), so that no file is left newer than the others."""
    paths = [Path(path) for path, _ in files]
    temporary: list[Path] = []
    backups: dict[Path, Path | None] = {}
    renamed: list[Path] = []
    try:
        for path, (_, text) in zip(paths, files):
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=path.suffix)
            temporary.append(Path(tmp))
            with os.fdopen(fd, "wb") as fh:
                fh.write(text.encode("utf-8"))
            os.chmod(tmp, 0o666 & ~current_umask())
        backups = {path: _backup(path) for path in paths}
        for path, written in zip(paths, temporary):
            os.replace(written, path)
            renamed.append(path)
    except BaseException:
        for path in reversed(renamed):
            old = backups[path]
            if old is None:
                path.unlink(missing_ok=True)
            else:
                os.replace(old, path)
        raise
    finally:
        for leftover in [*temporary, *(b for b in backups.values() if b is not None)]:
            leftover.unlink(missing_ok=True)


def _backup(path: Path) -> Path | None:
    """A hard link to ``path`` beside it (a copy where links are not allowed); None if there is no file."""
    if not path.exists():
        return None
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".old")
    os.close(fd)
    backup = Path(name)
    backup.unlink()
    try:
        os.link(path, backup)
    except OSError:
        shutil.copy2(path, backup)
    return backup


def _umask_at_import() -> int:
    mask = os.umask(0o022)  # the only portable way to read it; done once, before any thread starts
    os.umask(mask)
    return mask


_UMASK_AT_IMPORT = _umask_at_import()


def current_umask() -> int:
    """The process umask: from /proc on Linux (no race with other threads), else as it was at import."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    return _UMASK_AT_IMPORT
