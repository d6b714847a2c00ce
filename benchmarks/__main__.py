"""Benchmarks of the pipeline, printed as ratios measured in one run.

    python -m benchmarks [--skip-nbval]

- throughput of ingest -> parse -> classify on the real corpus (the seed, the bundled XML rendered
  to text, the two PDF fixtures), single process, in documents/s and operative paragraphs/s;
- the floor on the same inputs: read, NFKC, split paragraphs with one regular expression;
- scaling: a fixed sample of the corpus replicated x1, x10, x100 with changed symbols, streamed
  (each document parsed, classified and dropped), each scale in a fresh process for its peak RSS;
- the theme matcher against one compiled alternation of the same patterns on the same texts;
- wall time of ``crimepol report`` and of the nbval run.

Timings of the pipeline, the floor, the matcher and the scaling runs are CPU time of this process
(``time.process_time``), the best of a few runs: on a shared virtual machine wall time varies by a
third from run to run. The report and nbval timings are wall time. The last line is machine-readable.
"""

from __future__ import annotations

import argparse
import multiprocessing
import re
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

from analysis.coding.labels import classify_resolution
from analysis.coding.themes import _table, mask_names, read_themes, taxonomy
from analysis.errors import InputError
from analysis.io.ingest import read_source
from analysis.io.pdf import extract_text_layer as _extract_pdf
from analysis.output.text_views import plain_text
from analysis.parsing.parse import parse_file, parse_source, parse_text
from analysis.util.locations import data_dir

from .scale import corpus_worker, scale_worker  # a module of its own: spawned workers import it

FLOOR_SPLIT = re.compile(r"\n\s*\n|\n(?=[ \t])")
SCALE_SAMPLE = 10  # documents replicated for the scaling runs
REPEATS = 5  # timings are the best (or the median ratio) of this many runs


REPO = Path(__file__).resolve().parents[1]


def corpus_inputs() -> list[tuple[str, str, str]]:
    """(name, language, text) for the seed and every bundled XML rendered to text.

    PDFs are read through ingest (their extraction is cached after the first run; the cold
    extraction is measured separately).
    """
    inputs = [("seed", "zh", (data_dir() / "raw" / "A_RES_62_175.zh.txt").read_text(encoding="utf-8"))]
    for path in sorted((data_dir() / "raw" / "unxml").glob("A_RES_*.xml")):
        r = parse_file(path)
        inputs.append((path.name, r.language, plain_text(r)))
    return inputs


def pdf_paths() -> list[Path]:
    return sorted((REPO / "tests" / "fixtures" / "pdf").glob("*.pdf"))


def pipeline(inputs, pdfs) -> tuple[float, int, int, int]:
    """Seconds, documents, operative paragraphs, refusals."""
    start = time.process_time()
    documents = paragraphs = refused = 0
    for _, language, text in inputs:
        try:
            paragraphs += len(classify_resolution(parse_text(text, language=language)))
            documents += 1
        except InputError:
            refused += 1
    for path in pdfs:
        paragraphs += len(classify_resolution(parse_source(read_source(path))))
        documents += 1
    return time.process_time() - start, documents, paragraphs, refused


def floor(inputs, pdfs) -> float:
    start = time.process_time()
    texts = [text for _, _, text in inputs] + [read_source(p).text for p in pdfs]
    for text in texts:
        FLOOR_SPLIT.split(unicodedata.normalize("NFKC", text))
    return time.process_time() - start


def scaling(inputs) -> dict[int, tuple[float, int, float]]:
    sample = [x for x in inputs if x[0] != "A_RES_78_225.en.xml"][:SCALE_SAMPLE]
    results = {}
    context = multiprocessing.get_context("spawn")
    for factor in (1, 10, 100):
        with context.Pool(1) as pool:  # a fresh process per scale: its peak RSS is its own
            results[factor] = pool.apply(scale_worker, ((sample, factor),))
    return results


def matcher_ratio(inputs) -> tuple[float, float]:
    """Our theme matcher vs one compiled alternation of the same patterns, on the same texts."""
    paragraphs = []
    for _, language, text in inputs:
        try:
            paragraphs += [(p.full_text, language) for p in parse_text(text, language=language).operative]
        except InputError:
            continue
    reference = {}
    for language in ("en", "zh"):
        patterns = [p for spec in _table()["themes"].values() for p in spec.get(language, [])]
        body = "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))
        reference[language] = re.compile(rf"\b(?:{body})\b", re.IGNORECASE) if language == "en" else re.compile(body)
    taxonomy("en"), taxonomy("zh")  # compile ours before timing too

    def timed(run) -> float:
        best = float("inf")
        for _ in range(REPEATS):
            start = time.process_time()
            run()
            best = min(best, time.process_time() - start)
        return best

    ours = timed(lambda: [read_themes(text, language) for text, language in paragraphs])
    theirs = timed(
        lambda: [list(reference[language].finditer(mask_names(text, language))) for text, language in paragraphs]
    )
    return ours, theirs


def corpus_scale(directory: Path, jobs: int = 2) -> dict[str, float]:
    """The whole development corpus (AKN4UN XML) through parse + classify: one process (CPU time), ``jobs``
    processes (wall time), and the floor (read + decode + NFKC + one regex split) over the same files."""
    paths = sorted(str(p) for p in directory.glob("A_RES_*.xml"))
    corpus_worker(paths[0])  # lexicons and patterns compiled before timing
    start = time.process_time()
    results = [corpus_worker(path) for path in paths]
    single = time.process_time() - start
    start = time.process_time()
    for path in paths:
        FLOOR_SPLIT.split(unicodedata.normalize("NFKC", Path(path).read_bytes().decode("utf-8")))
    floor_seconds = time.process_time() - start
    start = time.perf_counter()
    with multiprocessing.Pool(jobs) as pool:
        parallel = list(pool.imap(corpus_worker, paths, chunksize=16))
    wall_seconds = time.perf_counter() - start
    assert parallel == results  # the same documents and paragraphs either way
    documents, paragraphs = sum(r[0] for r in results), sum(r[1] for r in results)
    return {
        "files": len(paths),
        "documents": documents,
        "paragraphs": paragraphs,
        "single_s": single,
        "floor_s": floor_seconds,
        "jobs": jobs,
        "jobs_wall_s": wall_seconds,
    }


def wall(command: list[str], cwd: Path = REPO) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def robustness(fuzz_minutes: float) -> None:
    """Time per MB of long generated inputs (linear work gives a ratio near 4 for 4x the size), then fuzzing."""
    from .robustness import fuzz, long_input_ratios

    for name, per_mb, ratio in long_input_ratios():
        print(f"long input: {name}: {per_mb:.2f} s CPU per MB; 1 MB / 250 KB time ratio {ratio:.1f} (linear ~4)")
    if fuzz_minutes > 0:
        with tempfile.TemporaryDirectory() as workdir:
            result = fuzz(fuzz_minutes, Path(workdir))
        examples = result["examples"]
        print(
            f"fuzzing: {result['minutes']:g} min, {result['batches']} batches, examples {examples}; "
            f"{len(result['crashes'])} crashes"
        )
        for crash in result["crashes"]:
            print(f"  crash: {crash}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--skip-nbval", action="store_true", help="do not time the nbval run")
    parser.add_argument(
        "--dev-corpus",
        default=str(REPO.parent / "shared" / "ga-74-78"),
        help="the development corpus for the corpus-scale run (skipped when absent)",
    )
    parser.add_argument(
        "--fuzz-minutes",
        type=float,
        default=0,
        help="also fuzz the text parser, the XML reader and the argument parser for this long "
        "(issue 13 asks for at least 10); 0 skips it",
    )
    parser.add_argument("--robustness-only", action="store_true", help="only the long-input ratios and the fuzzing run")
    args = parser.parse_args()
    robustness(args.fuzz_minutes)
    if args.robustness_only:
        return
    inputs = corpus_inputs()
    pdfs = pdf_paths()

    cold = 0.0
    for path in pdfs:
        start = time.process_time()
        _extract_pdf(path)
        cold += time.process_time() - start
    pipeline(inputs, pdfs)  # warm caches (lexicons, PDF text cache)
    # pipeline and floor measured in turn, REPEATS times: the median of the paired ratios cancels the
    # drift of a shared machine's speed; the throughput is the best run
    runs, ratios = [], []
    for _ in range(REPEATS):
        run = pipeline(inputs, pdfs)
        floor_seconds = floor(inputs, pdfs)
        runs.append(run)
        ratios.append(run[0] / floor_seconds)
    seconds, documents, paragraphs, refused = min(runs)
    floor_ratio = statistics.median(ratios)
    docs_per_s, paras_per_s = documents / seconds, paragraphs / seconds
    print(
        f"corpus: {documents} documents ({len(inputs)} texts incl. {len(inputs) - 1} XML rendered to text, "
        f"{len(pdfs)} PDFs), {paragraphs} operative paragraphs; {refused} refused"
    )
    print(
        f"pipeline: {seconds:.2f} s -> {docs_per_s:.1f} documents/s, {paras_per_s:.0f} operative paragraphs/s "
        f"(PDF text from cache; cold PDF extraction {cold:.2f} s for {len(pdfs)} PDFs)"
    )
    print(
        f"floor (read + NFKC + one-regex split): {floor_seconds:.3f} s -> ratio {floor_ratio:.1f} "
        f"(median of {REPEATS} paired runs)"
    )

    scales = scaling(inputs)
    per_doc = {k: median for k, (_, _, median, _) in scales.items()}
    for factor, (s, n, median, rss) in scales.items():
        print(
            f"scale x{factor}: {n} documents in {s:.2f} s CPU, {median:.2f} ms/document (median pass), "
            f"peak RSS {rss:.0f} MB"
        )
    ours, theirs = matcher_ratio(inputs)
    print(f"theme matcher: {ours:.3f} s vs one compiled alternation {theirs:.3f} s -> ratio {ours / theirs:.2f}")

    with tempfile.TemporaryDirectory() as workspace:
        report_s = wall([sys.executable, "-m", "analysis.cli", "report", "--out", workspace])
    print(f"crimepol report: {report_s:.1f} s")
    seed = str(Path(__file__).resolve().parents[1] / "data" / "raw" / "A_RES_62_175.zh.txt")
    with tempfile.TemporaryDirectory() as out:
        parse_s = min(
            wall([sys.executable, "-m", "analysis.cli", "parse", seed, "-o", str(Path(out) / "seed.json")])
            for _ in range(5)
        )
    print(f"crimepol parse (the seed, best of 5): {parse_s:.2f} s wall (target <= 0.5 s)")
    if not args.skip_nbval:
        nbval_s = wall(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "--nbval",
                "--nbval-current-env",
                "--nbval-sanitize-with",
                "tests/nbval_sanitize.cfg",
                "notebooks",
            ]
        )
        print(f"nbval run: {nbval_s:.1f} s")
    dev = Path(args.dev_corpus)
    extra = ""
    if dev.is_dir():
        c = corpus_scale(dev)
        print(
            f"development corpus: {c['files']} files, {c['documents']} read, {c['paragraphs']} operative paragraphs; "
            f"one process {c['single_s']:.1f} s CPU -> {c['documents'] / c['single_s']:.0f} documents/s, "
            f"{c['paragraphs'] / c['single_s']:.0f} paragraphs/s; floor {c['floor_s']:.2f} s -> ratio "
            f"{c['single_s'] / c['floor_s']:.1f}; --jobs {c['jobs']}: {c['jobs_wall_s']:.1f} s wall"
        )
        extra = (
            f" dev_docs_per_s={c['documents'] / c['single_s']:.0f} dev_floor_ratio={c['single_s'] / c['floor_s']:.1f}"
            f" dev_jobs2_wall_s={c['jobs_wall_s']:.1f}"
        )
    else:
        print(f"development corpus: {dev} not present; corpus-scale run skipped")
    print(
        f"cli_parse_s={parse_s:.2f} docs_per_s={docs_per_s:.1f} paras_per_s={paras_per_s:.0f} "
        f"floor_ratio={floor_ratio:.1f} "
        f"scale100_ratio={per_doc[100] / per_doc[1]:.2f} peak_rss_mb={scales[100][3]:.0f} "
        f"matcher_ratio={ours / theirs:.2f}" + extra
    )


if __name__ == "__main__":
    main()
