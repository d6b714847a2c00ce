"""Rebuild data/manifest.csv from the seed and a shared corpus directory.

Titles and adoption dates are read from the files by the parser; hashes are
computed from the bytes and checked against the shared corpus's own
MANIFEST.csv (the upstream record) before anything is written.

Usage: python scripts/build_manifest.py ../shared/corpus
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import urllib.parse

from analysis.acquire import UNXML_BASE, lock_path
from analysis.corpus import Document, read_manifest, sha256_of, write_manifest
from analysis.files import atomic_write_text
from analysis.lexicon import REPO_ROOT
from analysis.parse import parse_file

SEED = "data/raw/A_RES_62_175.zh.txt"
SEED_SOURCE = ("United Nations, official Chinese PDF of A/RES/62/175, text as extracted "
               "(shared corpus A_RES_62_175.zh.txt, unedited)")


def main(corpus_root: str) -> None:
    root = Path(corpus_root)
    documents: list[Document] = []
    lock = [["symbol", "language", "format", "file", "sha256", "source"]]
    seed = parse_file(REPO_ROOT / SEED)
    documents.append(Document(seed.symbol, seed.language, "text", seed.title, str(seed.adopted or ""), "repo",
                              SEED, sha256_of(REPO_ROOT / SEED), SEED_SOURCE))
    lock.append([seed.symbol, seed.language, "text", Path(SEED).name, sha256_of(REPO_ROOT / SEED), "bundled"])
    upstream = root / "unxml" / "MANIFEST.csv"
    with upstream.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            path = root / "unxml" / row["file"]
            digest = sha256_of(path)
            if digest != row["sha256"]:
                raise SystemExit(f"{path}: SHA-256 differs from {upstream}")
            parsed = parse_file(path)
            source = (f"United Nations AKN4UN XML (unofficial copy prepared by the UN from its official files), "
                      f"{row['upstream_repository']}@{row['upstream_commit']}:{row['upstream_path']}")
            documents.append(Document(row["symbol"], row["language"], "xml", parsed.title,
                                      str(parsed.adopted or ""), "corpus", f"unxml/{row['file']}", digest, source))
            lock.append([row["symbol"], row["language"], "xml", row["file"], digest, upstream_url(row)])
    # keep rows for files added by users or fetched (not in this rebuild)
    rebuilt = {(d.symbol, d.language, d.format) for d in documents}
    documents += [d for d in read_manifest() if (d.symbol, d.language, d.format) not in rebuilt]
    write_manifest(documents)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(lock)
    atomic_write_text(lock_path(), buffer.getvalue())
    print(f"wrote {len(documents)} documents to data/manifest.csv and {len(lock) - 1} to {lock_path().name}")


def upstream_url(row: dict[str, str]) -> str:
    """The file at the pinned commit; a member of a zip archive is named after '#'."""
    path, _, member = row["upstream_path"].partition(":")
    url = f"{UNXML_BASE}/{row['upstream_commit']}/{urllib.parse.quote(path)}"
    return f"{url}#{member}" if member else url


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus")
