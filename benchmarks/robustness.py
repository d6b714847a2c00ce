"""Robustness measurements for issue 13: time per MB of generated long inputs (is the work linear?)
and a time-boxed fuzzing run with hypothesis over the text parser, the XML reader and the command
line's argument parser. Run by ``python -m benchmarks --fuzz-minutes N``; never in CI.

Inputs are generated here: long runs of characters, the bundled seed with one paragraph repeated,
and mutations (flips, cuts, insertions) of bundled official files. Nothing here is presented as a
real document.
"""

from __future__ import annotations

import contextlib
import io
import random
import statistics
import time
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from analysis.coding.labels import classify_resolution
from analysis.errors import InputError
from analysis.io.ingest import read_source
from analysis.parsing.parse import parse_source, parse_text
from analysis.util.locations import data_dir

SEED_TEXT = (data_dir() / "raw" / "A_RES_62_175.zh.txt").read_text(encoding="utf-8")
XML_FILES = sorted((data_dir() / "raw" / "unxml").glob("A_RES_*.xml"))


def _english_text() -> str:
    """Generated: a bundled English XML rendered as plain text (the text parser's English path)."""
    from analysis.output.text_views import plain_text
    from analysis.parsing.parse import parse_file

    return plain_text(parse_file(data_dir() / "raw" / "unxml" / "A_RES_78_229.en.xml"), "pdf")


ENGLISH_TEXT = _english_text()
UNITS = {
    "letters": "x",
    "Chinese": "汉",
    "Chinese citations": "第1/2号、",
    "English citations": "resolution 1/2, ",
    "bare numbers": "1/2 ",
    "hyphens": "a-",
    "words": "ab cd. ",
    "brackets": "(a) ",
    "Capitalized": "Aa ",
    "document symbols": "A.",
    "symbol-like": "A1.",
}


def _run_text(text: str, language: str) -> None:
    try:
        resolution = parse_text(text, language)
    except InputError:
        return
    classify_resolution(resolution)


def _seconds(text: str, language: str, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.process_time()
        _run_text(text, language)
        times.append(time.process_time() - start)
    return statistics.median(times)


def long_input_ratios(small: int = 250_000, large: int = 1_000_000) -> list[tuple[str, float, float]]:
    """(input, seconds per MB at the large size, large/small time ratio): about 4 when linear."""
    rows = []
    formula = SEED_TEXT.index("大会，") + 3
    english = ENGLISH_TEXT
    english_formula = english.index("The General Assembly,") + len("The General Assembly,")
    for name, unit in UNITS.items():
        for language, base, at in (("zh", SEED_TEXT, formula), ("en", english, english_formula)):

            def text(size: int, unit: str = unit, base: str = base, at: int = at) -> str:
                return base[:at] + "\n" + unit * (size // len(unit)) + "\n" + base[at:]

            small_s, large_s = _seconds(text(small), language), _seconds(text(large), language)
            rows.append(
                (f"one long line of {name!r} ({language})", large_s / (large / 1e6), large_s / max(small_s, 1e-6))
            )

    def wrapped(size: int) -> str:  # an English paragraph of many short lines (the line-joining path)
        lines = "\n".join(["the cooperation among States and the Office in this re-", "gard and"] * (size // 60))
        return english[:english_formula] + "\n1. Requests " + lines + ";\n" + english[english_formula:]

    small_s, large_s = _seconds(wrapped(small), "en"), _seconds(wrapped(large), "en")
    rows.append(("an English paragraph of many short lines", large_s / (large / 1e6), large_s / max(small_s, 1e-6)))
    paragraph = SEED_TEXT[SEED_TEXT.index("\n 2.") : SEED_TEXT.index("\n 3.")]

    def document(size: int) -> str:
        head, tail = SEED_TEXT[: SEED_TEXT.index("\n 3.")], SEED_TEXT[SEED_TEXT.index("\n 3.") :]
        return head + paragraph * (size // len(paragraph)) + tail

    small_s, large_s = _seconds(document(small), "zh"), _seconds(document(large), "zh")
    rows.append(("a long document (one paragraph repeated)", large_s / (large / 1e6), large_s / max(small_s, 1e-6)))
    return rows


# -- fuzzing ---------------------------------------------------------------------------------------

FRAGMENTS = [
    "大会，",
    "The General Assembly,",
    "\n 1. ",
    "\n1．",
    "；",
    ";",
    "\n(a) ",
    "第77次全体会议",
    "77th plenary meeting",
    "18 December 2007",
    "2007年12月18日",
    "62/175. Title",
    "\f",
    "  ",
    "\n\n",
    "resolution 61/181",
    "第61/181号决议",
    "《公约》",
    "the Convention",
    "“",
    "”",
    "A/62/440",
    "1",
    ".",
]


def _mutated(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        kind = rng.random()
        at = rng.randrange(len(data) + 1)
        if kind < 0.3 and data:
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif kind < 0.5:
            del data[at : at + rng.randint(1, 200)]
        elif kind < 0.8:
            data[at:at] = rng.choice(
                [
                    b"<",
                    b">",
                    b"&",
                    b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
                    b"\x00",
                    b"\xff\xfe",
                    "大会，".encode(),
                    b"<p>1.</p>",
                    b"]]>",
                    b"<![CDATA[",
                ]
            )
        else:
            data = data[:at]
    return bytes(data)


def fuzz(minutes: float, workdir: Path) -> dict[str, object]:
    """Run the three targets in turn, in batches, until the time is up; crashes are exceptions other
    than the refusals a bad input should get (InputError, argparse's SystemExit)."""
    from analysis.cli import _parser

    crashes: list[str] = []
    counts = {"text": 0, "xml": 0, "argv": 0}
    deadline = time.monotonic() + minutes * 60
    workdir.mkdir(parents=True, exist_ok=True)

    text_strategy = st.lists(
        st.one_of(
            st.sampled_from(FRAGMENTS),
            st.text(max_size=40),
            st.sampled_from([SEED_TEXT[i : i + 300] for i in range(0, len(SEED_TEXT), 300)]),
        ),
        max_size=30,
    ).map("".join)
    tokens = [
        "parse",
        "classify",
        "fetch",
        "add",
        "corpus",
        "report",
        "evaluate",
        "--lang",
        "zh",
        "en",
        "",
        "--format",
        "json",
        "csv",
        "text",
        "jsonl",
        "--jobs",
        "0",
        "-1",
        "2",
        "nan",
        "--timeout",
        "1e999",
        "--mirror",
        "http://[x",
        "http://h:99999/",
        "--follow-citations",
        "--locked",
        "--url",
        "--symbol",
        "A/RES/62/175",
        "A/RES/../1",
        "-o",
        "/proc/version",
        "--corpus",
        "--out",
        "--themes",
        "learned",
        "--help",
        "-",
        "\x00",
    ]
    argv_strategy = st.lists(st.one_of(st.sampled_from(tokens), st.text(max_size=12)), max_size=8)

    batch = 0
    while time.monotonic() < deadline:
        batch += 1
        common = settings(
            max_examples=200,
            deadline=None,
            database=None,
            phases=[Phase.generate, Phase.shrink],
            suppress_health_check=list(HealthCheck),
        )

        @seed(batch)
        @common
        @given(text=text_strategy, language=st.sampled_from(["zh", "en"]))
        def text_target(text: str, language: str) -> None:
            counts["text"] += 1
            _run_text(text, language)

        @seed(batch)
        @common
        @given(which=st.integers(0, len(XML_FILES) - 1), rng_seed=st.integers(0, 2**32 - 1))
        def xml_target(which: int, rng_seed: int) -> None:
            counts["xml"] += 1
            path = workdir / XML_FILES[which].name
            path.write_bytes(_mutated(XML_FILES[which].read_bytes(), random.Random(rng_seed)))
            try:
                parse_source(read_source(path))
            except InputError:
                pass

        @seed(batch)
        @common
        @given(argv=argv_strategy)
        def argv_target(argv: list[str]) -> None:
            counts["argv"] += 1
            try:
                with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
                    _parser().parse_args(argv)  # argparse's refusals and --help are expected output
            except SystemExit:
                pass

        for name, target in (("text", text_target), ("xml", xml_target), ("argv", argv_target)):
            if time.monotonic() >= deadline:
                break
            try:
                target()
            except Exception as exc:  # noqa: BLE001 - a crash found: recorded, the run goes on
                crashes.append(f"{name} (batch {batch}): {type(exc).__name__}: {str(exc)[:200]}")
    return {"minutes": minutes, "batches": batch, "examples": counts, "crashes": crashes}
