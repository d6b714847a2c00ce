"""Where things are: the package data (read-only), the user corpus, the cache, and the workspace.

Nothing is ever written into an installed package: ``crimepol fetch`` and ``crimepol add`` write
to the user corpus, the PDF text cache lives in the user cache directory, and tables and figures
go to a workspace (the current directory, or ``--out DIR``). The one file written into the package
data is ``labels/error_rates.json``, by ``crimepol evaluate`` in a source checkout only.
"""

from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path

HOME_ENV = "CRIMEPOL_HOME"
CACHE_ENV = "CRIMEPOL_CACHE"


@functools.cache
def data_dir() -> Path:
    """The package data directory (``data/`` in the repository, installed as ``analysis.data``).

    Installed packages are unpacked on disk, so this is a real directory, which the corpus needs
    (pdfplumber and the parsers read files by path).
    """
    return Path(str(resources.files("analysis.data")))


def user_dir() -> Path:
    """Where fetched and added documents go: ``CRIMEPOL_HOME``, else the user data directory."""
    from platformdirs import user_data_dir

    return Path(os.environ.get(HOME_ENV) or user_data_dir("crimepol", appauthor=False)).expanduser()


def cache_dir() -> Path:
    """Caches (PDF text extractions): ``CRIMEPOL_CACHE``, else the user cache directory."""
    from platformdirs import user_cache_dir

    return Path(os.environ.get(CACHE_ENV) or user_cache_dir("crimepol", appauthor=False)).expanduser()


def workspace(out: str | Path | None = None) -> Path:
    """Where the main job writes ``tables/`` and ``figures/``: ``out``, else the current directory."""
    return Path(out) if out is not None else Path.cwd()
