"""The public API: every name that ``analysis`` exports resolves, and the light ones stay light."""

from __future__ import annotations

import subprocess
import sys

import analysis


def test_every_exported_name_resolves():
    for name in analysis.__all__:
        assert getattr(analysis, name) is not None, name


def test_parsing_imports_no_plotting_statistics_tables_or_pdf_reader(tmp_path):
    code = (
        "import sys; from analysis.cli import main; main(['parse', 'A/RES/62/175', '--lang', 'zh', '-o', "
        "sys.argv[1]]); print(sorted(m for m in ('matplotlib', 'scipy', 'sklearn', 'pandas', 'pdfplumber') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "seed.json")], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]" and (tmp_path / "seed.json").stat().st_size > 1000
