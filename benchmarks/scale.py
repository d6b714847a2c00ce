"""The scaling worker, importable by a freshly spawned process."""
from __future__ import annotations

import resource
import time

from analysis.classify import classify_resolution
from analysis.normalize import TITLE_LINE
from analysis.parse import parse_text


def replicate(text: str, copy: int) -> str:
    """A copy of a document with another symbol: the session of its title line is changed."""
    return TITLE_LINE.sub(lambda m: m.group(0).replace(f"{m.group(1)}/", f"{900 + copy % 100}/", 1), text, count=1)


def scale_worker(args) -> tuple[float, int, float]:
    inputs, factor = args
    _, language, text = inputs[0]
    classify_resolution(parse_text(text, language=language))  # warm up: lexicons compiled before timing
    start = time.perf_counter()
    documents = 0
    for copy in range(factor):
        for _, language, text in inputs:
            resolution = parse_text(replicate(text, copy), language=language)
            classify_resolution(resolution)  # streamed: nothing kept
            documents += 1
    seconds = time.perf_counter() - start
    return seconds, documents, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


