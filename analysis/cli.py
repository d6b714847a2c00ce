"""``crimepol``: a thin command line over the ``analysis`` API."""

from __future__ import annotations

import argparse
import math
import os
import sys
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from analysis.batch import Batch, run_batch
from analysis.corpus.registry import Corpus, Document
from analysis.errors import InputError
from analysis.io import readable_suffixes
from analysis.lang import languages
from analysis.model import THEME_MODELS
from analysis.util.locations import user_dir
from analysis.version import __version__

if TYPE_CHECKING:
    from analysis.corpus.acquire import Fetcher


def main(argv: list[str] | None = None) -> int:
    """Run one ``crimepol`` command; bad input is one line on stderr and exit code 2, never a traceback."""
    try:
        parser = _parser()
        args = parser.parse_args(argv)
        return args.run(args)
    except InputError as exc:
        print(f"crimepol: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away (| head): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush at exit
        return 0
    except OSError as exc:  # a file or directory the system refuses (/proc, a full disk, no permission)
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"crimepol: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("crimepol: interrupted", file=sys.stderr)
        return 130


MAX_TIMEOUT = 86400  # a day; larger values overflow the socket layer


class _Parser(argparse.ArgumentParser):
    """argparse, with a bad option value reported on one line (exit 2), like every other bad input."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _positive_seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not math.isfinite(seconds) or seconds <= 0 or seconds > MAX_TIMEOUT:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds up to {MAX_TIMEOUT}, not {value!r}")
    return seconds


def _count(minimum: int) -> Callable[[str], int]:
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, not {number}")
        return number

    return parse


def _languages(value: str) -> list[str]:
    from analysis.corpus.acquire import ODS_LANGUAGES

    codes = [lang.strip() for lang in value.split(",")]
    if not value.strip() or not all(codes) or any(lang not in ODS_LANGUAGES for lang in codes):
        raise argparse.ArgumentTypeError(
            f"languages are UN codes separated by commas ({', '.join(ODS_LANGUAGES)}), not {value!r}"
        )
    return codes


def _mirror(value: str) -> str:
    if "://" in value:
        try:
            parts = urllib.parse.urlsplit(value)
            parts.port  # noqa: B018 - raises on a malformed port
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"malformed URL {value!r}: {exc}") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise argparse.ArgumentTypeError(f"a mirror URL is http(s)://host/…, not {value!r}")
    return value


class _Version(argparse.Action):
    """``--version``: the package and codebook versions (the codebook's is read only when asked, so
    that ``crimepol parse`` starts without pandas)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the package and codebook versions")

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from analysis.coding.labels import CODEBOOK_VERSION

        print(f"crimepol {__version__} (codebook {CODEBOOK_VERSION})")
        parser.exit(0)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="crimepol", description=__doc__)
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(required=True, metavar="COMMAND", parser_class=_Parser)

    def corpus_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--corpus",
            action="append",
            default=[],
            metavar="DIR",
            help="extra corpus directory (repeatable; also CRIMEPOL_CORPUS)",
        )

    def target_options(p: argparse.ArgumentParser, formats: list[str]) -> None:
        p.add_argument(
            "targets",
            nargs="+",
            metavar="PATH|DIR|SYMBOL",
            help=f"one or more files, directories (their {', '.join(readable_suffixes())} files) or symbols",
        )
        p.add_argument("--lang", choices=languages(), help="language (required for a symbol; detected for a file)")
        p.add_argument(
            "--format",
            choices=formats,
            default=formats[0],
            help="for several documents json is written as JSON Lines (one document a line)",
        )
        p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
        p.add_argument(
            "--jobs", type=_count(1), default=1, metavar="N", help="several documents in N processes (same output)"
        )
        corpus_option(p)

    p = sub.add_parser("parse", help="parse resolutions (files, directories or symbols) into their structure")
    target_options(p, ["json", "csv", "text", "jsonl"])
    p.set_defaults(run=_cmd_parse)

    p = sub.add_parser(
        "classify",
        help="verbs, themes, addressees, mandates and money of every operative paragraph, with evidence",
    )
    target_options(p, ["csv", "json", "jsonl"])
    p.add_argument(
        "--themes",
        choices=THEME_MODELS,
        default="lexicon",
        help="where the five required themes and money laundering come from: the lexicon (default, "
        "with evidence), the learned model trained on the development gold labels, or either; "
        "`crimepol evaluate` gives the model's figures",
    )
    p.set_defaults(run=_cmd_classify)

    p = sub.add_parser(
        "evaluate", help="annotator agreement, accuracy against gold labels, the UN markup and a learned baseline"
    )
    p.add_argument("--no-baseline", action="store_true", help="skip the scikit-learn baseline (faster)")
    p.add_argument(
        "--set",
        choices=["development", "held-out", "all"],
        default="all",
        help="which gold set to score (default all; the held-out set is scored once, after the rules are frozen)",
    )
    p.add_argument("--reasons", action="store_true", help="show the third reader's decision and reason for each")
    corpus_option(p)
    p.set_defaults(run=_cmd_evaluate)

    p = sub.add_parser("fetch", help="download official texts into your corpus, with pinned provenance")
    p.add_argument("symbols", nargs="*", metavar="SYMBOL")
    p.add_argument("--lang", type=_languages, default=["zh"], help="languages, comma-separated (default zh)")
    p.add_argument("--format", choices=["xml", "pdf"], help="only this format (default: XML, then PDF)")
    p.add_argument(
        "--mirror", type=_mirror, metavar="DIR_OR_URL", help="fetch only from this directory or HTTP base URL"
    )
    p.add_argument(
        "--follow-citations",
        type=_count(0),
        default=0,
        metavar="N",
        help="also fetch the GA resolutions the fetched ones cite, N levels deep",
    )
    p.add_argument(
        "--series",
        metavar="SYMBOL",
        help="fetch SYMBOL and, through the report each member's operative paragraph 1 cites, its predecessors",
    )
    p.add_argument(
        "--back-to",
        type=_count(1945),
        metavar="YEAR",
        help="with --series: stop at the first member whose session began before YEAR",
    )
    p.add_argument("--locked", action="store_true", help="fetch exactly the documents of data/corpus.lock.csv")
    p.add_argument(
        "--url",
        metavar="URL",
        help="fetch this one official file (PDF, HTML page, XML or text); give its --symbol and --lang",
    )
    p.add_argument("--symbol", help="the symbol of the file at --url")
    p.add_argument(
        "--timeout",
        type=_positive_seconds,
        default=10.0,
        metavar="SECONDS",
        help="for each download as a whole, connection included (default 10)",
    )
    p.add_argument("--jobs", type=_count(1), default=1, metavar="N", help="N downloads at a time (same result)")
    p.set_defaults(run=_cmd_fetch)

    p = sub.add_parser("add", help="register an official file you already have (PDF, HTML page, text or XML)")
    p.add_argument("path", metavar="PATH")
    p.add_argument("--symbol", required=True)
    p.add_argument("--lang", required=True, choices=languages())
    p.add_argument("--source", default="", help="where the file came from (recorded in the manifest)")
    p.set_defaults(run=_cmd_add)

    p = sub.add_parser("corpus", help="list the documents of the corpus and check their hashes")
    p.add_argument("--verify", action="store_true", help="exit 2 if any file differs from its manifest")
    corpus_option(p)
    p.set_defaults(run=_cmd_corpus)

    p = sub.add_parser("report", help="the main job: parse and classify the corpus, write tables and figures")
    p.add_argument(
        "--out",
        metavar="DIR",
        help="workspace: tables go to DIR/tables, figures to DIR/figures (default: the current directory)",
    )
    p.add_argument("--jobs", type=_count(1), default=1, metavar="N", help="parse in N processes (same output)")
    corpus_option(p)
    p.set_defaults(run=_cmd_report)

    p = sub.add_parser(
        "brief", help="what changed from the previous resolution: brief.html (two A4 pages) and changes.html"
    )
    p.add_argument("new", metavar="NEW", help="the symbol of the new resolution (e.g. A/RES/80/229)")
    p.add_argument(
        "--against",
        metavar="OLD",
        help="the resolution to compare with (default: the predecessor that NEW's operative paragraph 1 cites, "
        "or, when that one is not in the corpus, the latest earlier member of the series that is)",
    )
    p.add_argument(
        "--lang",
        choices=["zh", "en", "both"],
        default="zh",
        help="the reading (default zh, the seed's language); both: the English with the Chinese quotation beside it",
    )
    p.add_argument("--out", metavar="DIR", default=".", help="where to write the two files (default: here)")
    corpus_option(p)
    p.set_defaults(run=_cmd_brief)
    return parser


def _corpus(extra_dirs: list[str]) -> Corpus:
    """The corpus, with a warning for each second copy whose bytes differ from the copy used."""
    corpus = Corpus(extra_dirs)
    for warning in corpus.warnings:
        print(f"crimepol: warning: {warning}", file=sys.stderr)
    return corpus


def _run(command: str, args: argparse.Namespace) -> int:
    batch = Batch(
        command,
        tuple(args.targets),
        args.lang,
        args.format,
        args.output,
        args.jobs,
        getattr(args, "themes", "lexicon"),
    )
    return run_batch(batch, lambda: _corpus(args.corpus))


def _cmd_parse(args: argparse.Namespace) -> int:
    return _run("parse", args)


def _cmd_classify(args: argparse.Namespace) -> int:
    return _run("classify", args)


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from analysis.evaluation.printout import format_evaluation
    from analysis.evaluation.run import evaluate

    sets = None if args.set == "all" else [args.set]
    result = evaluate(_corpus(args.corpus), with_baseline=not args.no_baseline, progress=True, sets=sets)
    print(format_evaluation(result, show_reasons=args.reasons))
    if result.error_rates_note:  # a held-out run refreshes labels/error_rates.json
        print(result.error_rates_note)
    return 0


def _cmd_fetch(args: argparse.Namespace) -> int:
    from analysis.corpus.acquire import Fetcher, fetch_all, fetch_locked

    fetcher = Fetcher(mirror=args.mirror, timeout=args.timeout, progress=True, jobs=args.jobs)
    missing: list[str] = []
    if args.locked and (args.symbols or args.url):
        raise InputError(
            "crimepol fetch", "--locked fetches exactly the lock's documents; give no symbols or --url with it"
        )
    stopped = ""
    if args.series or args.back_to is not None:
        documents, missing, stopped = _fetch_series(fetcher, args)
    elif args.url:
        if not args.symbol or len(args.lang) != 1:
            raise InputError("crimepol fetch", "--url needs --symbol and one --lang")
        documents = [fetcher.fetch_url(args.url, args.symbol, args.lang[0])]
    elif args.locked:
        documents = fetch_locked(fetcher)
    elif args.symbols:
        formats = [args.format] if args.format else ["xml", "pdf"]
        # what the package already has is not downloaded again, unless a --mirror is named to fetch from
        documents, missing = fetch_all(
            fetcher,
            args.symbols,
            args.lang,
            formats,
            args.follow_citations,
            corpus=None if args.mirror else Corpus(),
            any_bundled_format=not args.format,
        )
    else:
        raise InputError("crimepol fetch", "name one or more symbols, or --locked")
    corpus = Corpus()
    fetched = [d for d in documents if d.root != "bundled"]
    for d in documents:
        if d.root == "bundled":
            print(
                f"{d.symbol:<14} {d.language} {d.format:<4} already in the package's corpus: not fetched ({d.location})"
            )
            continue
        print(f"{d.symbol:<14} {d.language} {d.format:<4} {d.sha256[:16]}  {d.location}  ({d.source})")
        _note_if_not_used(corpus, d)
    for item in missing:
        print(f"crimepol: cited but not found in any source: {item}", file=sys.stderr)
    if stopped:
        print(f"crimepol: series: {stopped}", file=sys.stderr)
    print(f"{len(fetched)} documents in {user_dir()}; {fetcher.network_calls} network requests")
    return 0


def _fetch_series(fetcher: Fetcher, args: argparse.Namespace) -> tuple[list[Document], list[str], str]:
    """``crimepol fetch --series SYMBOL [--back-to YEAR]``: the chain through operative paragraph 1's
    citations: the documents, the copies missing in one language, and the line saying where it stopped."""
    from analysis.corpus.acquire import fetch_series

    if not args.series:
        raise InputError("crimepol fetch", "--back-to needs --series SYMBOL")
    if args.symbols or args.url or args.locked or args.follow_citations:
        raise InputError(
            "crimepol fetch", "--series SYMBOL takes no other symbols, --url, --locked or --follow-citations"
        )
    fetched = fetch_series(
        fetcher,
        args.series,
        args.lang,
        [args.format] if args.format else ["xml", "pdf"],
        args.back_to,
        corpus=None if args.mirror else Corpus(),
        any_bundled_format=not args.format,
    )
    return fetched.documents, fetched.missing, fetched.stopped


def _cmd_add(args: argparse.Namespace) -> int:
    from analysis.corpus.acquire import add_file

    d = add_file(args.path, args.symbol, args.lang, args.source)
    print(f"added {d.symbol} ({d.language}, {d.format}) as {d.location}, SHA-256 {d.sha256}")
    _note_if_not_used(Corpus(), d)
    return 0


def _note_if_not_used(corpus: Corpus, document: Document) -> None:
    """Say so when a fetched or added file is not the copy the analysis reads (README, 'One document, one count')."""
    used = corpus.get(document.symbol, document.language)
    if used.location != document.location:
        print(
            f"crimepol: note: {document.symbol} ({document.language}) is also {used.root} as {used.location}, "
            "which the analysis keeps using",
            file=sys.stderr,
        )


def _cmd_corpus(args: argparse.Namespace) -> int:
    corpus = _corpus(args.corpus)
    for d in corpus.documents:
        state = d.root if d.available else "missing"
        print(f"{d.symbol:<14} {d.language} {d.format:<4} {state:<8} {d.title[:60]}")
    print(f"your corpus (fetch, add): {user_dir()}")
    problems = corpus.verify()
    for problem in problems:
        print(f"crimepol: {problem}", file=sys.stderr)
    unrecorded = corpus.unrecorded()
    checked = "hashes verified" if not problems else f"{len(problems)} hash mismatches"
    if unrecorded:
        checked += (
            f"; {len(unrecorded)} file{'s' if len(unrecorded) > 1 else ''} without a recorded hash "
            "(found in a corpus directory): not verified"
        )
    print(f"{len(corpus.available())} of {len(corpus.documents)} documents available; {checked}")
    return 2 if (problems and args.verify) else 0


def _cmd_report(args: argparse.Namespace) -> int:
    from analysis.output.report import report_text, run_report

    for directory in args.corpus:
        if not Path(directory).is_dir():
            print(f"crimepol: corpus directory {directory} not found; it is skipped", file=sys.stderr)
    corpus = _corpus(args.corpus)
    problems = corpus.verify()
    if problems:
        raise InputError(problems[0].split(":")[0], "SHA-256 differs from its manifest; refusing to report")
    result = run_report(corpus, Path(args.out) if args.out else None, jobs=max(1, args.jobs), progress=True)
    print(report_text(result))
    for failure in result.failures:
        print(f"crimepol: skipped {failure}", file=sys.stderr)
    if result.missing:
        print("\nComparison documents not in the corpus:")
        for line in result.missing:
            print(f"- {line}")
    print("\nwrote " + ", ".join(str(p) for p in result.written))
    return 0


def _cmd_brief(args: argparse.Namespace) -> int:
    from analysis.api import brief

    briefing = brief(args.new, args.against, args.lang, corpus=_corpus(args.corpus))
    pairing = briefing.pairing
    if pairing.reason == "latest present":
        gap = ", ".join(pairing.missing) + (f" and {pairing.unknown} unnamed members" if pairing.unknown else "")
        print(
            f"crimepol: {pairing.cited}, the predecessor {pairing.new} cites, is not in the corpus; compared with "
            f"{pairing.against}, the latest earlier member present (between them: {gap})",
            file=sys.stderr,
        )
    written = briefing.save(args.out)
    print(f"{pairing.new} against {pairing.against}: {len(briefing.changes)} changes ranked")
    print("wrote " + ", ".join(str(p) for p in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
