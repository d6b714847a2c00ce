"""The stored notebooks: what a user opening them in JupyterLab sees before running anything."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
SHOWS_A_FIGURE = re.compile(r"^(figs\[|(analysis\.)?figures\.\w+\()", re.MULTILINE)


def _code_cells(path):
    return [c for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]


def test_there_are_notebooks():
    assert len(NOTEBOOKS) == 5


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_cell_has_its_image_stored(path):
    figure_cells = [c for c in _code_cells(path) if SHOWS_A_FIGURE.search("".join(c["source"]))]
    for cell in figure_cells:
        kinds = {kind for output in cell["outputs"] for kind in output.get("data", {})}
        assert "image/png" in kinds, "".join(cell["source"])
    # a notebook shows figures: as figure cells, or inline SVG inside an HTML view (the briefing's figure)
    inline_svg = any(
        "<svg" in "".join(o.get("data", {}).get("text/html", "")) for c in _code_cells(path) for o in c["outputs"]
    )
    assert path.name in ("01-reading-62-175.ipynb", "04-evaluation.ipynb") or figure_cells or inline_svg


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_import_only_the_public_api(path):
    for cell in _code_cells(path):
        for line in "".join(cell["source"]).splitlines():
            if re.match(r"\s*(from|import) ", line):
                assert re.match(r"\s*(import analysis$|import pandas as pd$)", line), line


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_call_only_public_names(path):
    """``analysis.X`` in a notebook is a name the package exports, never a submodule's private helper."""
    import analysis

    for cell in _code_cells(path):
        for name in re.findall(r"\banalysis\.(\w+)", "".join(cell["source"])):
            assert name in analysis.__all__, name
