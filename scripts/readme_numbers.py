"""The README's measured numbers, generated from what the code prints now.

Each block of the README between ``<!-- begin generated: NAME -->`` and ``<!-- end generated: NAME -->``
is written by the function of that name below from the package's own results (``crimepol evaluate``'s
tables, the bundled corpus and gold files, the citation check) or from the constants the tests and
tools hold (floors, targets, the modules mutated). ``--check`` exits 1 when the README differs (the test
suite runs it: ``tests/test_readme_numbers.py``); ``--write`` rewrites the blocks. Numbers that take
hours or depend on the machine (benchmarks, mutation scores, runs over all of ``../shared``) are not in
the README; it names the command that prints them, and the test refuses a decimal or a percentage
outside the blocks.

The held-out figures include A/RES/78/140, which is read from ``../shared/ga-74-78`` (through
``CRIMEPOL_CORPUS``); without it the held-out blocks (``SHARED_BLOCKS``) cannot be generated and
``--check`` says so.

    python scripts/readme_numbers.py --write
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SHARED = ROOT.parent / "shared" / "ga-74-78"
BLOCK = re.compile(
    r"(<!-- begin generated: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- end generated: (?P=name) -->)", re.S
)


def _name(code: str) -> str:
    """A code as the reader reads it: the theme's display name, else ``new_resources`` -> ``new resources``."""
    from analysis.coding.themes import display_names

    return display_names().get(code) or code.replace("_", " ")


def _ci(low: float, high: float, digits: int = 3) -> str:
    return f"[{low:.{digits}f}, {high:.{digits}f}]"


def _value(value: float, low: float | None = None, high: float | None = None, bold: bool = False) -> str:
    text = f"**{value:.3f}**" if bold else f"{value:.3f}"
    if low is None or high is None or pd.isna(low) or (low == value == high):
        return text
    return f"{text} {_ci(low, high)}"


@functools.cache
def _evaluation():  # -> analysis.evaluation.run.Evaluation
    """``crimepol evaluate`` (no baseline) on the bundled corpus plus 78/140 from ``../shared``."""
    import analysis
    from analysis.evaluation.run import evaluate

    extra = Path(tempfile.mkdtemp(prefix="readme-numbers-"))
    for path in sorted(SHARED.rglob("*78_140*.xml")):
        shutil.copy(path, extra / path.name)
    before = os.environ.get("CRIMEPOL_CORPUS")
    os.environ["CRIMEPOL_CORPUS"] = str(extra)
    try:
        return evaluate(analysis.default_corpus(), with_baseline=False)
    finally:
        if before is None:
            del os.environ["CRIMEPOL_CORPUS"]
        else:
            os.environ["CRIMEPOL_CORPUS"] = before
        shutil.rmtree(extra, ignore_errors=True)


def agreement() -> str:
    """Cohen's kappa of the two annotators, per dimension and double-coded set."""
    frame = _evaluation().agreement
    pooled = frame[frame["label"] == "all"]
    pairs = list(dict.fromkeys(pooled["pair"]))
    sizes = {p: int(pooled[pooled["pair"] == p]["paragraphs"].iloc[0]) for p in pairs}
    names = {"verb": "primary verb", "themes": "themes", "subject_themes": "subject themes", "addressees": "addressees"}
    lines = ["| dimension | " + " | ".join(f"{p} ({sizes[p]})" for p in pairs) + " |", "|---" * (len(pairs) + 1) + "|"]
    for dimension, name in [*names.items(), ("mandates", "mandates"), ("funding_kind", "funding kind")]:
        cells = []
        for p in pairs:
            row = pooled[(pooled["pair"] == p) & (pooled["dimension"] == dimension)].iloc[0]
            cells.append(_value(row["kappa"], row["kappa_low"], row["kappa_high"]))
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def held_out() -> str:
    """The classifier against the adjudicated held-out gold, with the targets."""
    result = _evaluation()
    scores = result.scores[result.scores["set"] == "held-out"].set_index(["dimension", "code"])
    verbs = result.verbs[(result.verbs["set"] == "held-out") & (result.verbs["symbol"] == "all")].iloc[0]
    targets = result.targets("held-out").set_index(["target", "code"])
    required = result.required_themes[result.required_themes["set"] == "held-out"].set_index("theme")
    rows, paragraphs = int(verbs["paragraphs"]), int(required.loc["micro", "paragraphs"])

    def micro(dimension: str, bold: bool = False) -> str:
        row = scores.loc[(dimension, "micro")]
        return _value(row["f1"], row["f1_low"], row["f1_high"], bold)

    def met(target: str, codes: list[str]) -> str:
        part = targets.loc[[(target, c) for c in codes]]
        applies = part[part["applies"]]
        missed = [c for c in applies.index.get_level_values("code") if not applies.loc[(target, c), "met"]]
        return "met" if not missed else "**not met: " + ", ".join(_name(c) for c in missed) + "**"

    def per_code(dimension: str, codes: list[str], target: str) -> str:
        cells = []
        for code in codes:
            f1, support = scores.loc[(dimension, code), "f1"], int(scores.loc[(dimension, code), "support"])
            bold = bool(targets.loc[(target, code), "applies"] and not targets.loc[(target, code), "met"])
            cells.append(f"{_value(f1, bold=bold)} ({support})")
        return " / ".join(cells)

    req = [c for c in required.index if c not in ("micro", "money_laundering")]

    def with_support(code: str) -> str:
        f1 = f"{required.loc[code, 'f1']:.3f}"
        if targets.loc[("F1, required theme", code), "applies"]:
            return f1
        return f"{f1} ({int(required.loc[code, 'paragraphs'])} paragraphs)"

    funding = list(targets.loc["F1, funding kind"].index)
    new = [c for c in targets.loc["F1, new theme"].index if targets.loc[("F1, new theme", c), "applies"]]
    at = {name: f"≥ {targets.loc[name]['threshold'].iloc[0]:.2f}" for name in targets.index.unique("target")}
    primary = _value(verbs["primary_accuracy"], verbs["primary_low"], verbs["primary_high"])
    micro_required = required.loc["micro"]
    names = {key: " / ".join(_name(c) for c in codes) for key, codes in (("req", req), ("fund", funding), ("new", new))}
    lines = [
        f"| dimension | held-out ({rows} rows, {paragraphs} paragraphs) | target |",
        "|---|---|---|",
        f"| primary verb (accuracy, Wilson interval) | {primary}; "
        f"all verbs exactly right {verbs['all_verbs_exact']:.3f} | |",
        f"| required themes ({', '.join(_name(c) for c in req)}), micro-F1 | "
        f"{_value(micro_required['f1'], micro_required['f1_low'], micro_required['f1_high'], True)} | "
        f"{at['micro-F1, required themes']}, {met('micro-F1, required themes', ['micro'])} |",
        f"| per required theme: {names['req']} | {' / '.join(with_support(c) for c in req)} | "
        f"{at['F1, required theme']} where enough paragraphs, {met('F1, required theme', req)} |",
        f"| every theme (mentions), micro-F1 | {micro('themes')} | |",
        f"| subject themes, micro-F1 | {micro('subject_themes')} | |",
        f"| addressees, micro-F1 over codes | {micro('addressees', True)} | {at['micro-F1, addressees']}, "
        f"{met('micro-F1, addressees', ['micro'])} |",
        f"| mandates (exact `addressee:kind[:session]`), micro-F1 | {micro('mandates')} | |",
        f"| funding kind: {names['fund']} | {per_code('funding_kind', funding, 'F1, funding kind')} | "
        f"{at['F1, funding kind']} where enough rows: {met('F1, funding kind', funding)} |",
        f"| new themes with enough rows: {names['new']} | {per_code('themes', new, 'F1, new theme')} | "
        f"{at['F1, new theme']}: {met('F1, new theme', new)} |",
    ]
    return "\n".join(lines)


def languages() -> str:
    """English against Chinese: the same resolution read in each language."""
    frame = _evaluation().languages.set_index("measure")

    def pct(measure: str, interval: bool = True) -> str:
        row = frame.loc[measure]
        text = f"{row['agreement'] * 100:.1f} %"
        return f"{text} [{row['agreement_low'] * 100:.1f}, {row['agreement_high'] * 100:.1f}]" if interval else text

    themes = [m for m in frame.index if m.startswith("theme: ")]
    names = {
        "primary verb": "primary verb",
        "all verbs": "all verbs (the exact set)",
        "addressees": "addressees (the exact set)",
        "funding_kind": "funding kind (the exact set)",
        "subject_themes": "subject themes (the exact set)",
    }
    first = frame.iloc[0]
    lines = [
        f"({int(first['resolutions'])} resolutions, {int(first['paragraphs']):,} operative paragraphs, "
        "aligned by number)",
        "",
        "| label | same in English and Chinese | kappa |",
        "|---|---|---|",
    ]
    for measure in ["primary verb", "all verbs"]:
        lines.append(f"| {names[measure]} | {pct(measure)} | {frame.loc[measure, 'kappa']:.3f} |")
    lines.append(
        f"| theme: {' / '.join(_name(m.removeprefix('theme: ')) for m in themes)} | "
        + " / ".join(pct(m, False) for m in themes)
        + " | "
        + " / ".join(f"{frame.loc[m, 'kappa']:.3f}" for m in themes)
        + " |"
    )
    for measure in ["addressees", "funding_kind", "subject_themes"]:
        lines.append(f"| {names[measure]} | {pct(measure)} | {frame.loc[measure, 'kappa']:.3f} |")
    targets = _evaluation().targets("held-out")
    targets = targets[targets["target"] == "English vs Chinese agreement"]
    verdict = "met" if targets["met"].all() else "not met for " + ", ".join(targets[~targets["met"]]["code"])
    lines += ["", f"Target: at least {targets['threshold'].iloc[0] * 100:.0f} % per required theme; {verdict}."]
    return "\n".join(lines)


# --- numbers of the package's own files and constants (fast; no ../shared) ---------------------------


def _constant(path: str, name: str):
    """The literal value of the module-level constant ``name`` in ``path`` (read, not imported)."""
    import ast

    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise LookupError(f"{path} has no constant {name}")


def _pct(share: float) -> str:
    return f"{share * 100:g} %"


def corpus() -> str:
    """What the bundled AKN4UN XML holds, from ``data/manifest.csv``."""
    manifest = pd.read_csv(ROOT / "data" / "manifest.csv")
    xml = manifest[manifest["format"] == "xml"]
    sessions = sorted({int(s.split("/")[2]) for s in xml["symbol"]})
    languages = {"en": "English", "zh": "Chinese"}
    spoken = " and ".join(languages.get(code, code) for code in sorted(xml["language"].unique()))
    return (
        f"- `data/raw/unxml/`: {len(xml)} AKN4UN XML files ({xml['symbol'].nunique()} resolutions of sessions "
        f"{sessions[0]}–{sessions[-1]}, {spoken}) with\n"
        "  the upstream record `MANIFEST.csv` (repository `UNxml/GAresolutions`, commit, path, SHA-256). These\n"
        "  are unofficial copies prepared by the United Nations from its official files, provided for\n"
        "  information without warranty; **Source: United Nations.**"
    )


def gold() -> str:
    """The held-out and development gold: rows, paragraphs, adjudicated disagreements."""
    labels = ROOT / "data" / "labels"
    heldout = pd.read_csv(labels / "gold_heldout.csv")
    development = pd.read_csv(labels / "gold_development.csv")
    second = pd.read_csv(labels / "annotations" / "development_second.csv")
    decided = pd.read_csv(labels / "annotations" / "heldout_adjudication.csv")
    names = {"en": "English", "zh": "Chinese"}
    both = [s for s, g in heldout.groupby("symbol") if g["language"].nunique() > 1]
    rest = heldout[~heldout["symbol"].isin(both)]
    by_language = [
        ", ".join(sorted(g["symbol"].unique(), key=lambda s: [int(x) for x in s.split("/")[2:]])).replace("A/RES/", "")
        + f" in {names[lang]}"
        for lang, g in rest.groupby("language")
    ]
    sessions = sorted({int(s.split("/")[2]) for s in rest["symbol"]})
    session = f"session-{sessions[0]}" if len(sessions) == 1 else "later"
    paragraphs = decided.groupby(["symbol", "language", "paragraph"]).ngroups
    return (
        "**The gold labels** ([`data/labels/`](data/labels/README.md)) were made by AI annotators, helper\n"
        "sessions that did not write the rules, each reading label-free packets of parsed paragraphs with the\n"
        f"codebook alone. The **held-out set** is {len(heldout):,} rows: {', '.join(both)} in English and "
        f"Chinese, and {len(rest):,} {session} paragraphs no earlier gold held ({'; '.join(by_language)}; "
        "78/140 is read from `../shared/ga-74-78`).\nEach language was coded by two annotators independently, "
        f"and a third decided the {len(decided):,} disagreements (on {paragraphs:,} paragraphs) with the rule\n"
        "as the reason. It was committed before any rule of codebook 2.0 reached the package and scored once,\n"
        "with the rules frozen (`data/labels/heldout_scored_once.txt`). The **development set** is the "
        f"{len(development):,} rows of the earlier gold files, coded once, with a random sample "
        f"({len(second):,} rows) coded again; the rules were tuned while it was visible."
    )


def citations() -> str:
    """The extractor's GA citations against the UN markup's links, on the bundled corpus."""
    from analysis.evaluation.citations import citation_agreement

    unxml = ROOT / "data" / "raw" / "unxml"
    results = {lang: citation_agreement([str(p) for p in sorted(unxml.glob(f"*.{lang}.xml"))]) for lang in ("en", "zh")}
    documents = len({p.name.split(".")[0] for p in unxml.glob("*.xml")})

    def cell(value: float, count: int) -> str:
        return f"{count:,} links, **{value * 100:.1f} %**"

    return "\n".join(
        [
            f"| bundled corpus ({documents} resolutions) | English | Chinese |",
            "|---|---|---|",
            "| extracted GA resolutions the markup links: share linked to an `A/RES/` document | "
            + " | ".join(cell(r.precision, r.ga_with_link) for r in results.values())
            + " |",
            "| numbers the markup links only to `A/RES/`: share the extractor calls GA | "
            + " | ".join(cell(r.recall, r.ga_links) for r in results.values())
            + " |",
        ]
    )


def structure() -> str:
    """The floor and the listed markup exceptions of ``tests/parsing/test_generalization.py``."""
    path = "tests/parsing/test_generalization.py"
    floor = _constant(path, "AGREEMENT_FLOOR")
    exceptions = pd.Series(_constant(path, "MARKUP_EXCEPTIONS"))
    counts = exceptions.value_counts()
    words = {
        "languages": "**the English and Chinese markup of one resolution disagree**: a paragraph marked preambular "
        "in one language and operative in the other, numbers typed into the text, a paragraph without its "
        "number, table captions counted as paragraphs",
        "no-operative-part": "**the operative part is missing from the markup**: the text parser refuses those, as "
        "it should",
        "no-title": "**the title line is missing from the markup**: refused too",
        "caption-as-item": "**a table caption marked as an item** labelled `A.`",
        "annex-numbers-lost": "**annexed list items whose numbers are missing from the markup**",
    }
    lines = [
        f"`tests/parsing/test_generalization.py` holds a floor of {_pct(floor)} of development documents in each "
        f"style, and lists each of the {len(exceptions)} development files that may differ in `MARKUP_EXCEPTIONS` "
        "with its reason, which the test checks against the XML itself (a listed document that starts to agree "
        "fails the test too). The reasons, with the number of files:"
    ]
    for reason, count in counts.items():
        files = ", ".join(
            n.removeprefix("A_RES_").removesuffix(".xml").replace("_", "/", 1).replace(".", " ")
            for n in exceptions[exceptions == reason].index
        )
        lines.append(f"- {words.get(reason, reason)} ({count}: {files});")
    lines[-1] = lines[-1].rstrip(";") + "."
    return "\n".join(lines)


def pdf_targets() -> str:
    """The round-trip targets of ``tests/io/test_pdf_roundtrip.py``."""
    path = "tests/io/test_pdf_roundtrip.py"
    paragraphs, notes = _constant(path, "PARAGRAPH_TARGET"), _constant(path, "FOOTNOTE_TARGET")
    return (
        f"The test requires at least {_pct(paragraphs)} of paragraphs identical (whitespace aside) and "
        f"{_pct(notes)} of footnotes with the right text and citing paragraphs, on the bundled corpus and, "
        "with `../shared`, on a sample of development documents; it prints what it measured when it fails."
    )


def ocr_floors() -> str:
    """The character-agreement floors of ``tests/io/test_ocr.py``."""
    floors = _constant("tests/io/test_ocr.py", "ACCURACY_FLOOR")
    names = {"zh": "Chinese", "en": "English"}
    return (
        "Character agreement with the text layer, whitespace aside, is held at "
        + " and ".join(f"{_pct(floors[k])} or more in {names.get(k, k)}" for k in floors)
        + " (`ACCURACY_FLOOR` in the test, which prints what it measured when it falls below)."
    )


def mutation_modules() -> str:
    """The modules mutmut mutates, from ``[tool.mutmut]`` in pyproject.toml."""
    import tomllib

    with (ROOT / "pyproject.toml").open("rb") as fh:
        modules = tomllib.load(fh)["tool"]["mutmut"]["only_mutate"]
    return "\n".join(f"- `{m}`" for m in modules)


BLOCKS: dict[str, Callable[[], str]] = {
    "agreement": agreement,
    "held-out": held_out,
    "languages": languages,
    "corpus": corpus,
    "gold": gold,
    "citations": citations,
    "structure": structure,
    "pdf-targets": pdf_targets,
    "ocr-floors": ocr_floors,
    "mutation-modules": mutation_modules,
}
# the blocks that need the held-out evaluation (78/140 from ../shared); the others need only the checkout
SHARED_BLOCKS = frozenset({"agreement", "held-out", "languages"})


def render(text: str, only: set[str] | None = None) -> str:
    """``text`` with every generated block (of ``only``, when given) written anew."""

    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in BLOCKS or (only is not None and name not in only):
            return match[0]
        return f"{match[1]}{BLOCKS[name]().rstrip()}\n{match[4]}"

    return BLOCK.sub(replace, text)


def block_names(text: str) -> list[str]:
    """The generated blocks ``text`` holds, in order."""
    return [m["name"] for m in BLOCK.finditer(text)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the blocks in README.md")
    parser.add_argument("--check", action="store_true", help="exit 1 when README.md differs")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"readme_numbers: {SHARED} is missing; the held-out figures need 78/140 from it", file=sys.stderr)
        return 2
    text = README.read_text(encoding="utf-8")
    unknown = [n for n in block_names(text) if n not in BLOCKS]
    if unknown:
        print(f"readme_numbers: {README}: unknown generated blocks {unknown}", file=sys.stderr)
        return 2
    new = render(text)
    if args.write and new != text:
        README.write_text(new, encoding="utf-8")
    if args.check and new != text:
        print(f"readme_numbers: {README} differs from what the code prints; run scripts/readme_numbers.py --write")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
