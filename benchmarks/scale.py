"""The scaling worker, importable by a freshly spawned process."""

from __future__ import annotations

import resource
import statistics
import time

from analysis.coding.labels import classify_resolution
from analysis.parsing.normalize import TITLE_LINE
from analysis.parsing.parse import parse_text


def replicate(text: str, copy: int) -> str:
    """A copy of a document with another symbol: the session of its title line is changed."""
    return TITLE_LINE.sub(lambda m: m.group(0).replace(f"{m.group(1)}/", f"{900 + copy % 100}/", 1), text, count=1)


def scale_worker(args) -> tuple[float, int, float, float]:
    """Stream ``factor`` copies of the sample: (CPU seconds, documents, CPU ms per document, peak RSS MB).

    The cost per document is the median time of one pass over the sample divided by its size:
    a pass holds the same documents at every scale, and the median resists a shared machine's noise.
    The x1 run makes five passes over the same copy so that it has a median too.
    """
    inputs, factor = args
    for _, language, text in inputs:  # warm up: every lexicon and pattern compiled before timing
        classify_resolution(parse_text(text, language=language))
    passes = []
    documents = 0
    start = time.process_time()
    for copy in range(max(factor, 5)) if factor == 1 else range(factor):
        t0 = time.process_time()
        for _, language, text in inputs:
            resolution = parse_text(replicate(text, copy if factor > 1 else 0), language=language)
            classify_resolution(resolution)  # streamed: nothing kept
            documents += 1
        passes.append(time.process_time() - t0)
    seconds = time.process_time() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return seconds, documents, 1000 * statistics.median(passes) / len(inputs), rss


def corpus_worker(path: str) -> tuple[int, int]:
    """(documents read, operative paragraphs classified) for one file of the development corpus."""
    from analysis.errors import InputError
    from analysis.parsing.parse import parse_file

    try:
        return 1, len(classify_resolution(parse_file(path)))
    except InputError:
        return 0, 0
