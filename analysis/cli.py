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

from analysis.api import READABLE_SUFFIXES, Target, is_symbol, read_target, targets
from analysis.corpus.registry import Corpus, Document
from analysis.errors import InputError
from analysis.lang import languages
from analysis.model import THEME_MODELS, Resolution
from analysis.util.files import atomic_write_text
from analysis.util.locations import user_dir
from analysis.util.progress import ordered_map

if TYPE_CHECKING:
    from analysis.evaluation.run import Evaluation


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

    languages = [lang.strip() for lang in value.split(",")]
    if not value.strip() or not all(languages) or any(lang not in ODS_LANGUAGES for lang in languages):
        raise argparse.ArgumentTypeError(
            f"languages are UN codes separated by commas ({', '.join(ODS_LANGUAGES)}), not {value!r}"
        )
    return languages


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


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="crimepol", description=__doc__)
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
            help=f"one or more files, directories (their {', '.join(READABLE_SUFFIXES)} files) or symbols",
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

    p = sub.add_parser("classify", help="verbs and themes of every operative paragraph, with evidence")
    target_options(p, ["csv", "json", "jsonl"])
    p.add_argument(
        "--themes",
        choices=THEME_MODELS,
        default="lexicon",
        help="where the five required themes and money laundering come from: the lexicon (default, "
        "with evidence), the learned model trained on all the gold labels, or either; the README "
        "gives the model's held-out figures (trained on the development gold)",
    )
    p.set_defaults(run=_cmd_classify)

    p = sub.add_parser("evaluate", help="accuracy against gold labels, the UN markup and a learned baseline")
    p.add_argument("--no-baseline", action="store_true", help="skip the scikit-learn baseline (faster)")
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
    return parser


def _corpus(extra_dirs: list[str]) -> Corpus:
    """The corpus, with a warning for each second copy whose bytes differ from the copy used."""
    corpus = Corpus(extra_dirs)
    for warning in corpus.warnings:
        print(f"crimepol: warning: {warning}", file=sys.stderr)
    return corpus


DONE = {"parse": "parsed", "classify": "classified"}


def render(command: str, resolution: Resolution, fmt: str, themes: str = "lexicon") -> str:
    """One document's output: ``parse`` or ``classify`` in json, jsonl, csv or text, with themes from
    the ``themes`` model (classify). pandas is imported only for tables, so that ``crimepol parse``
    starts fast."""
    from analysis.serialize import to_csv, to_json, to_records

    if command == "parse":
        if fmt in ("json", "jsonl"):
            return to_json({**resolution.to_dict(), "source": resolution.source}, lines=fmt == "jsonl")
        if fmt == "csv":
            from analysis.api import paragraphs

            return to_csv(paragraphs(resolution))
        return format_text(resolution)
    from analysis.api import classify

    table = classify(resolution, themes=themes)
    if fmt == "csv":
        return to_csv(table)
    if fmt == "json":
        return to_json(table)
    document = {
        "symbol": resolution.symbol,
        "language": resolution.language,
        "source": resolution.source,
        "paragraphs": to_records(table),
    }
    return to_json(document, lines=True)


def _one(job: tuple[str, Target, str, str]) -> tuple[str, str | None, str | None, tuple[str, ...]]:
    """(file, output, problem, warnings) for one document of a batch: a bad file is a problem, not a crash.
    Plain strings only, so that results cross process boundaries."""
    command, target, fmt, themes = job
    path = str(target.path)
    try:
        # whatever it claims (symbol, --lang, recorded hash) is checked; nothing claimed, nothing to check
        resolution = read_target(target)
        return path, render(command, resolution, fmt, themes), None, resolution.warnings
    except InputError as exc:
        return path, None, exc.problem, ()
    except Exception as exc:  # noqa: BLE001 - one file's internal error must not end a batch
        return path, None, f"internal error ({type(exc).__name__}: {exc}); please report it", ()


def _run(command: str, args: argparse.Namespace) -> int:
    symbols = [t for t in args.targets if is_symbol(t)]
    if symbols and not args.lang:
        raise InputError(symbols[0], "a symbol needs --lang zh or --lang en")
    files = targets(args.targets, args.lang, _corpus(args.corpus) if symbols else None)
    themes = getattr(args, "themes", "lexicon")
    if len(files) == 1 and len(args.targets) == 1 and not Path(args.targets[0]).is_dir():
        path, output, problem, warnings = _one((command, files[0], args.format, themes))
        if problem:
            raise InputError(path, problem)
        _write(output or "", args.output)
        for warning in warnings:
            print(f"crimepol: warning: {path}: {warning}", file=sys.stderr)
        return 0
    if not files:
        raise InputError(" ".join(args.targets), f"no {', '.join(READABLE_SUFFIXES)} files to read")
    if args.output and Path(args.output).is_dir():
        raise InputError(args.output, "is a directory; name a file")
    fmt = "jsonl" if args.format == "json" else args.format
    jobs = [(command, f, fmt, themes) for f in files]
    pieces: list[str] = []
    failed = 0
    for path, output, problem, warnings in ordered_map(_one, jobs, args.jobs, command, progress=True):
        if problem:
            failed += 1
            print(f"crimepol: skipped {path}: {problem}", file=sys.stderr)
            continue
        if fmt == "csv" and pieces:
            output = output.split("\n", 1)[1] if output else ""  # one header for the whole table
        pieces.append(output or "")
        for warning in warnings:
            print(f"crimepol: warning: {path}: {warning}", file=sys.stderr)
    if pieces:  # when every file failed, nothing is written (an existing -o file is left as it was)
        _write("".join(pieces), args.output)
    print(
        f"crimepol: {len(jobs) - failed} of {len(jobs)} documents {DONE[command]}"
        + (f"; {failed} skipped" if failed else ""),
        file=sys.stderr,
    )
    return 0 if not failed else (2 if failed == len(jobs) else 1)


def _cmd_parse(args: argparse.Namespace) -> int:
    return _run("parse", args)


def _cmd_classify(args: argparse.Namespace) -> int:
    return _run("classify", args)


def _write(text: str, output: str | None) -> None:
    """Standard output, a regular file (written whole, then renamed into place), or a stream such as
    /dev/null or a pipe, which is written to as it is: renaming over it would replace the device."""
    if not output:
        sys.stdout.write(text)
        return
    target = Path(output)
    if target.is_dir():
        raise InputError(output, "is a directory; name a file")
    if not target.parent.is_dir():
        raise InputError(output, f"its directory {target.parent} does not exist")
    if target.exists() and not target.is_file():
        with target.open("w", encoding="utf-8") as stream:
            stream.write(text)
        return
    atomic_write_text(target, text)


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from analysis.evaluation.run import evaluate

    result = evaluate(_corpus(args.corpus), with_baseline=not args.no_baseline, progress=True)
    print(format_evaluation(result))
    return 0


def format_evaluation(result: Evaluation) -> str:
    """The evaluation as the plain-text report ``crimepol evaluate`` prints."""
    pd_opts = {"index": False, "float_format": lambda v: f"{v:.3f}"}
    out = ["Verbs against the gold labels (primary verb; all verbs)", result.verbs.to_string(**pd_opts), ""]
    themes = result.themes.pivot_table(index="theme", columns="set", values="f1", sort=False)
    support = result.themes.pivot_table(index="theme", columns="set", values="support", sort=False)
    table = themes.add_suffix(" f1").join(support.add_suffix(" n"))
    out += [
        "Themes against the gold labels (F1 and support per set)",
        table.to_string(float_format=lambda v: f"{v:.3f}"),
        "",
        "Micro-F1 over the five required themes: "
        + ", ".join(f"{k} {v:.3f}" for k, v in result.required_micro_f1.items()),
        "",
    ]
    if not result.required_themes.empty:
        table = result.required_themes[
            [
                "set",
                "theme",
                "support",
                "precision",
                "precision_low",
                "precision_high",
                "recall",
                "recall_low",
                "recall_high",
                "f1",
                "f1_low",
                "f1_high",
            ]
        ]
        out += [
            "The five required themes (micro = their micro average) and money laundering, per gold set, with "
            "95 % bootstrap intervals over paragraphs (1,000 rounds, seeded; a theme never missed gets [1, 1]: "
            "read it with its support, the true rate is only known to be above about 1 - 3/support)",
            table.to_string(**pd_opts),
            "",
        ]
        short = result.target_check()
        out += ["Held-out targets (labels/sets.toml): " + ("met" if not short else "NOT met: " + "; ".join(short)), ""]
    for name, confusion in result.confusions.items():
        out += [
            f"Corruption vs money laundering, gold (rows) by predicted (columns), {name}",
            confusion.to_string(),
            "",
        ]
    if result.missing:
        out += ["Gold documents not in the corpus (not scored): " + ", ".join(result.missing), ""]
    for language, agreement in result.markup.items():
        if agreement.paragraphs:
            out.append(
                f"Primary verb vs the UN's lead-verb markup ({language}): {agreement.agree}/{agreement.paragraphs}"
                f" = {agreement.rate:.2%}"
            )
            out += [
                f"  disagrees: {d['symbol']} op. {d['paragraph']}: marked {d['marked']!r} ({d['marked_label'] or '-'})"
                f", read {d['predicted'] or '-'}"
                for d in agreement.disagreements
            ]
    if not any(a.paragraphs for a in result.markup.values()):
        out.append("No AKN4UN XML in the corpus: the markup comparison needs the UN's XML files")
    if not result.languages.empty and result.languages["paragraphs"].sum():
        out += [
            "",
            "English vs Chinese text of the same resolutions (operative paragraphs aligned by number): what a "
            "comparison across languages is worth",
            result.languages.to_string(**pd_opts),
        ]
    if not result.verb_baseline.empty:
        out += [
            "",
            "Learned baseline, primary verb (5 folds by resolution over the marked corpus)",
            result.verb_baseline.to_string(**pd_opts),
        ]
    if not result.theme_baseline.empty:
        out += [
            "",
            "Learned baseline (character n-grams, logistic regression) vs the lexicon, themes every gold file "
            "labels: leave one resolution out over the development gold, then trained on it and scored on the "
            "held-out gold",
            result.theme_baseline.to_string(**pd_opts),
        ]
    return "\n".join(out)


def format_text(r: Resolution) -> str:
    """A reading view: metadata, then every paragraph with its reference."""
    lines = [
        f"{r.symbol} ({r.language}) {r.title}",
        f"adopted {r.adopted or '?'}; plenary meeting {r.plenary_meeting or '?'}; "
        f"{r.committee or 'no committee'} {r.report}".rstrip(),
        "",
    ]
    for p in r.preamble:
        lines.append(f"[{p.ref}] ({p.lead}) {p.text}")
    for p in r.operative:
        lines.append(f"[{p.ref}] {p.text}")
        lines += [f"    ({s.label}) {s.text}" for s in p.subparagraphs]
    for a in r.annexes:
        lines += ["", f"Adopted text: {a.heading[:200]}"]
        lines += [f"[{p.ref}] {p.text}" for p in a.paragraphs]
    lines.append("")
    lines += [f"footnote {f.marker} (cited in {', '.join(f.cited_in) or '-'}): {f.text}" for f in r.footnotes]
    return "\n".join(lines) + "\n"


def _cmd_fetch(args: argparse.Namespace) -> int:
    from analysis.corpus.acquire import Fetcher, fetch_all, fetch_locked

    fetcher = Fetcher(mirror=args.mirror, timeout=args.timeout, progress=True, jobs=args.jobs)
    missing: list[str] = []
    if args.locked and (args.symbols or args.url):
        raise InputError(
            "crimepol fetch", "--locked fetches exactly the lock's documents; give no symbols or --url with it"
        )
    if args.url:
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
    print(f"{len(fetched)} documents in {user_dir()}; {fetcher.network_calls} network requests")
    return 0


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
    from analysis.output.report import run_report, summary

    for directory in args.corpus:
        if not Path(directory).is_dir():
            print(f"crimepol: corpus directory {directory} not found; it is skipped", file=sys.stderr)
    corpus = _corpus(args.corpus)
    problems = corpus.verify()
    if problems:
        raise InputError(problems[0].split(":")[0], "SHA-256 differs from its manifest; refusing to report")
    result = run_report(corpus, Path(args.out) if args.out else None, jobs=max(1, args.jobs), progress=True)
    print(summary(result))
    for failure in result.failures:
        print(f"crimepol: skipped {failure}", file=sys.stderr)
    if result.missing:
        print("\nComparison documents not in the corpus:")
        for line in result.missing:
            print(f"- {line}")
    print("\nwrote " + ", ".join(str(p) for p in result.written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
