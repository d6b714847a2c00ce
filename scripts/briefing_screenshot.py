"""The README's picture of the briefing: writes the briefing of A/RES/80/229 against A/RES/78/229 and
photographs the top of brief.html with headless Chromium (Debian's ``chromium``), offline.

    python scripts/briefing_screenshot.py                     # -> docs/images/briefing.png
    python scripts/briefing_screenshot.py --lang both --out /tmp/briefing.png

Needs ``chromium`` on PATH (``apt-get install chromium``) and a CJK font (``fonts-wqy-microhei``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import analysis

REPO = Path(__file__).resolve().parents[1]
NEW, AGAINST = "A/RES/80/229", "A/RES/78/229"
WINDOW = (1000, 1300)  # CSS pixels: the width of a printed A4 page and a little more, its first screen


def screenshot(page: Path, png: Path, scratch: Path, window: tuple[int, int] = WINDOW) -> None:
    """Photograph ``page`` in a headless browser with every host name unresolvable and its profile,
    home and caches under ``scratch``."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("briefing_screenshot: no chromium on PATH (Debian: apt-get install chromium)")
    home = scratch / "home"
    home.mkdir(parents=True, exist_ok=True)
    command = [
        browser,
        "--headless",
        "--no-sandbox",  # as root (CI, containers) the sandbox refuses to start
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={scratch / 'profile'}",
        f"--window-size={window[0]},{window[1]}",
        f"--screenshot={png.resolve()}",
        page.resolve().as_uri(),
    ]
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home), "XDG_CACHE_HOME": str(home)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0 or not png.is_file():
        sys.exit(f"briefing_screenshot: chromium failed ({done.returncode}): {done.stderr.strip()[-500:]}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="zh", choices=["zh", "en", "both"])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "images" / "briefing.png")
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="crimepol-briefing-") as tmp:
        directory = Path(tmp) / "brief"
        directory.mkdir()
        analysis.brief(NEW, AGAINST, args.lang).save(directory)
        screenshot(directory / "brief.html", args.out, Path(tmp))
    print(args.out)


if __name__ == "__main__":
    main()
