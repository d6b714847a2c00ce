"""Rebuild data/manifest.csv and data/corpus.lock.csv from the bundled corpus (data/raw/).

Titles and adoption dates are read from the files by the parser; hashes are computed from the
bytes and checked against data/raw/unxml/MANIFEST.csv (the upstream record that came with the XML
files) before anything is written.

Usage: python scripts/build_manifest.py
"""

from __future__ import annotations

import csv
import io
import urllib.parse
from pathlib import Path

from analysis.corpus.acquire import UNXML_BASE
from analysis.corpus.registry import Document, sha256_of, write_manifest
from analysis.parsing.parse import parse_file
from analysis.util.files import atomic_write_text

DATA = Path(__file__).resolve().parents[1] / "data"  # the checkout's data/, whatever is installed
SEED = "data/raw/A_RES_62_175.zh.txt"  # paths are relative to the repository root
SEED_SOURCE = (
    "United Nations, official Chinese PDF of A/RES/62/175, text as extracted "
    "(shared corpus A_RES_62_175.zh.txt, unedited)"
)


def main() -> None:
    root = DATA / "raw"
    documents: list[Document] = []
    lock = [["symbol", "language", "format", "file", "sha256", "source"]]
    seed = parse_file(DATA.parent / SEED)
    documents.append(
        Document(
            seed.symbol,
            seed.language,
            "text",
            seed.title,
            str(seed.adopted or ""),
            "bundled",
            SEED,
            sha256_of(DATA.parent / SEED),
            SEED_SOURCE,
        )
    )
    lock.append([seed.symbol, seed.language, "text", Path(SEED).name, sha256_of(DATA.parent / SEED), "bundled"])
    upstream = root / "unxml" / "MANIFEST.csv"
    with upstream.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            path = root / "unxml" / row["file"]
            digest = sha256_of(path)
            if digest != row["sha256"]:
                raise SystemExit(f"{path}: SHA-256 differs from {upstream}")
            parsed = parse_file(path)
            source = (
                f"United Nations AKN4UN XML (unofficial copy prepared by the UN from its official files), "
                f"{row['upstream_repository']}@{row['upstream_commit']}:{row['upstream_path']}"
            )
            documents.append(
                Document(
                    row["symbol"],
                    row["language"],
                    "xml",
                    parsed.title,
                    str(parsed.adopted or ""),
                    "bundled",
                    f"data/raw/unxml/{row['file']}",
                    digest,
                    source,
                )
            )
            lock.append([row["symbol"], row["language"], "xml", row["file"], digest, upstream_url(row)])
    write_manifest(documents, DATA / "manifest.csv")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(lock)
    atomic_write_text(DATA / "corpus.lock.csv", buffer.getvalue())
    print(f"wrote {len(documents)} documents to data/manifest.csv and {len(lock) - 1} to data/corpus.lock.csv")


def upstream_url(row: dict[str, str]) -> str:
    """The file at the pinned commit; a member of a zip archive is named after '#'."""
    path, _, member = row["upstream_path"].partition(":")
    url = f"{UNXML_BASE}/{row['upstream_commit']}/{urllib.parse.quote(path)}"
    return f"{url}#{member}" if member else url


if __name__ == "__main__":
    main()
