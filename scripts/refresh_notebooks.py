"""Re-execute the notebooks in place (after a change to the lexicon or the parser) and strip the
per-cell execution timestamps, so that the stored outputs are the ones nbval will reproduce.

Run it with the CI corpus beside the checkout (../shared/corpus) or after `crimepol fetch --locked`.
Usage: python scripts/refresh_notebooks.py
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))

for path in NOTEBOOKS:
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", "--inplace",
                    str(path)], check=True)
    book = nbformat.read(path, as_version=4)
    for cell in book.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(book, path)
    print(f"refreshed {path.name}")
