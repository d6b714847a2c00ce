"""The command line the development-corpus scripts share: the directory, the sessions, processes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "ga-74-78"
DEVELOPMENT = "74,75,76,77"  # session 78 is held out


def arguments(description: str, extra=None) -> tuple[argparse.Namespace, list[str]]:
    """Parse the shared options (and ``extra(parser)``'s); the AKN4UN files of the chosen sessions."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("directory", nargs="?", default=str(DEFAULT))
    parser.add_argument("--sessions", default=DEVELOPMENT)
    parser.add_argument("--jobs", type=int, default=2)
    if extra is not None:
        extra(parser)
    args = parser.parse_args()
    paths = sorted(str(p) for s in args.sessions.split(",") for p in Path(args.directory).glob(f"A_RES_{s}_*.xml"))
    if not paths:
        sys.exit(f"no A_RES_<session>_*.xml files for sessions {args.sessions} in {args.directory}")
    return args, paths
