"""Every test session (tests and notebooks under nbval) runs isolated from the user's own corpus and
cache: ``CRIMEPOL_HOME`` and ``CRIMEPOL_CACHE`` point at fresh temporary directories and
``CRIMEPOL_CORPUS`` is unset, so results depend on the bundled corpus alone and nothing is written
outside the session. Set here, at configuration, so that notebook kernels inherit it."""
from __future__ import annotations

import os
import tempfile


def pytest_configure(config):
    session_dir = tempfile.mkdtemp(prefix="crimepol-tests-")
    os.environ["CRIMEPOL_HOME"] = os.path.join(session_dir, "home")
    os.environ["CRIMEPOL_CACHE"] = os.path.join(session_dir, "cache")
    os.environ.pop("CRIMEPOL_CORPUS", None)
