"""Re-execute the notebooks in place (after a change to the lexicon, the parser or the figures) and
strip the per-cell execution timestamps, so that the stored outputs are the ones nbval will reproduce.

The notebooks run as under the test suite (see conftest.py): on the bundled corpus alone, with an
empty user corpus and cache, and without CRIMEPOL_CORPUS.
Usage: python scripts/refresh_notebooks.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))

scratch = tempfile.mkdtemp(prefix="crimepol-notebooks-")
env = {**os.environ, "CRIMEPOL_HOME": os.path.join(scratch, "home"), "CRIMEPOL_CACHE": os.path.join(scratch, "cache")}
env.pop("CRIMEPOL_CORPUS", None)
for path in NOTEBOOKS:
    start = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", "--inplace", str(path)],
        check=True,
        env=env,
    )
    book = nbformat.read(path, as_version=4)
    for cell in book.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(book, path)
    print(f"refreshed {path.name} ({time.monotonic() - start:.0f} s)")
