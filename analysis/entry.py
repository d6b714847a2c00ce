"""The ``crimepol`` command: Ctrl-C at any moment, even while the package is still being imported,
ends with one line and exit code 130, never a traceback."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """The console script: import the command line, then run it, catching Ctrl-C throughout."""
    try:
        from analysis.cli import main as run

        return run(argv)
    except KeyboardInterrupt:
        print("crimepol: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
