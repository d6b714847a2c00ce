"""Every test session (tests and notebooks under nbval) runs isolated from the user's own corpus and
cache: ``CRIMEPOL_HOME`` and ``CRIMEPOL_CACHE`` point at fresh temporary directories and
``CRIMEPOL_CORPUS`` is unset, so results depend on the bundled corpus alone and nothing is written
outside the session. Set here, at configuration, so that notebook kernels inherit it."""

from __future__ import annotations

import os
import shutil
import tempfile

_SESSION_DIRS: list[str] = []


def pytest_configure(config: object) -> None:
    """Point the corpus and cache at a fresh temporary directory for this session."""
    session_dir = tempfile.mkdtemp(prefix="crimepol-tests-")
    _SESSION_DIRS.append(session_dir)
    os.environ["CRIMEPOL_HOME"] = os.path.join(session_dir, "home")
    os.environ["CRIMEPOL_CACHE"] = os.path.join(session_dir, "cache")
    os.environ.pop("CRIMEPOL_CORPUS", None)


def pytest_unconfigure(config: object) -> None:
    """Remove the session's temporary directories."""
    for session_dir in _SESSION_DIRS:
        shutil.rmtree(session_dir, ignore_errors=True)
