"""Shared test fixtures: where the seed and ../shared live, and how tests skip without it."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis.lexicon import REPO_ROOT

SEED = REPO_ROOT / "data" / "raw" / "A_RES_62_175.zh.txt"
SHARED = Path(os.environ.get("CRIMEPOL_SHARED", REPO_ROOT.parent / "shared"))
SHARED_CORPUS = SHARED / "corpus"
UNXML = SHARED_CORPUS / "unxml"
PDF_FIXTURES = SHARED / "fixtures" / "pdf"

needs_shared = pytest.mark.skipif(
    not UNXML.is_dir() or not PDF_FIXTURES.is_dir(),
    reason=f"needs the shared corpus and PDF fixtures at {SHARED} (not present on this machine)",
)


def xml_files() -> list[Path]:
    return sorted(UNXML.glob("A_RES_*.xml")) if UNXML.is_dir() else []


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed():
    from analysis import parse_file

    return parse_file(SEED)
