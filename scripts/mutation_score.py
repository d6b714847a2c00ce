"""Mutation score of the comparison statistics and the verb and theme classifiers.

Runs mutmut 3 (configured in ``[tool.mutmut]`` of pyproject.toml: which modules, which fast tests)
and prints, per module, how many mutants the tests killed out of all mutants::

    pip install 'mutmut>=3.8'
    python scripts/mutation_score.py            # mutmut run --max-children 1, then the table
    python scripts/mutation_score.py --report   # the table of the last run only (mutants/*.meta)
    python scripts/mutation_score.py --survivors  # ... and the name of every surviving mutant

Score = killed / total, where killed counts mutants whose tests failed (a timeout is counted apart,
not as a kill) and total counts every mutant of the module, those that no selected test reaches
included. Mutants judged equivalent (they cannot change behaviour) are listed in EQUIVALENT below
with the reason; the table counts them and gives a second score with them taken out of the total.

The package data is read through the installed package (``analysis.data`` maps to ``data/`` in an
editable install, ``pip install -e .``), so run it from the repository's root in the dev virtualenv.
mutmut keeps its working copy and results in ``mutants/`` (ignored by git); delete that directory
for a run from scratch (a later run re-tests only mutants whose function or tests changed).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
with (ROOT / "pyproject.toml").open("rb") as _fh:
    MODULES = tuple(tomllib.load(_fh)["tool"]["mutmut"]["only_mutate"])  # one list: [tool.mutmut]

# mutmut's exit codes (mutmut/stats.py): 1 and 3 are kills, 0 a survivor, 5 and 33 "no tests".
KILLED = {1, 3}
SURVIVED = {0}
TIMEOUT = {36, -24, 24, 152, 255}
NO_TESTS = {5, 33}

# Mutants that cannot change behaviour: name -> (a piece of the mutated line, why). A name counts as
# equivalent only while its mutant still contains that piece (mutmut numbers the mutants of a function
# in order, so an edit of the function renumbers them; a stale entry is reported, not counted).
_DEAD_ZERO_N = "dead branch: a_n or b_n = 0 raises ZeroDivisionError in 'difference' all the same"
_DEAD_EMPTY = "dead branch: lineage() of a resolution without operative paragraphs fails in TfidfVectorizer first"
_UNREAD = "the 'paragraph' column of the intermediate frame is never read (counts are group sizes)"
_BY_POSITION = "value_counts() is looked up by (symbol, language) position, not by column name"
_NAN = 'float("NAN") is the same NaN'
_MISSING_KEY = "a key left out of a row is NaN, as None is, in the Int64 column"
_NONE_IS_FALSE = "opening/flag None is falsy like False: only `not x` / `if x` read it"
EQUIVALENT: dict[str, tuple[str, str]] = {
    "analysis.comparison.shares.x_label_counts__mutmut_22": ('"XXparagraphXX": x.number', _UNREAD),
    "analysis.comparison.shares.x_label_counts__mutmut_23": ('"PARAGRAPH": x.number', _UNREAD),
    "analysis.comparison.shares.x_label_counts__mutmut_41": ('"label", "XXparagraphXX"]', _UNREAD),
    "analysis.comparison.shares.x_label_counts__mutmut_42": ('"label", "PARAGRAPH"]', _UNREAD),
    "analysis.comparison.shares.x_label_counts__mutmut_26": ('{"XXsymbolXX": x.symbol', _BY_POSITION),
    "analysis.comparison.shares.x_label_counts__mutmut_27": ('{"SYMBOL": x.symbol', _BY_POSITION),
    "analysis.comparison.shares.x_label_counts__mutmut_28": ('"XXlanguageXX": x.language}', _BY_POSITION),
    "analysis.comparison.shares.x_label_counts__mutmut_29": ('"LANGUAGE": x.language}', _BY_POSITION),
    "analysis.comparison.lineage.x_lineage__mutmut_107": (
        "pd.DataFrame(rows, columns=None)",
        "rows is never empty (every earlier paragraph gives one) and its dicts have the columns' order",
    ),
    "analysis.comparison.lineage.x_lineage__mutmut_109": (
        "pd.DataFrame(rows, )",
        "rows is never empty (every earlier paragraph gives one) and its dicts have the columns' order",
    ),
    "analysis.comparison.lineage.x_lineage__mutmut_140": (
        '.sort_values(["later", "earlier"], )',
        "na_position='last' by default",
    ),
    "analysis.comparison.lineage.x_lineage__mutmut_73": ('"XXlaterXX": None', _MISSING_KEY),
    "analysis.comparison.lineage.x_lineage__mutmut_74": ('"LATER": None', _MISSING_KEY),
    "analysis.comparison.lineage.x_lineage__mutmut_89": ('{"XXearlierXX": None', _MISSING_KEY),
    "analysis.comparison.lineage.x_lineage__mutmut_90": ('{"EARLIER": None', _MISSING_KEY),
    "analysis.comparison.lineage.x_lineage__mutmut_78": ("if (b) or True else 0.0", _DEAD_EMPTY),
    "analysis.comparison.lineage.x_lineage__mutmut_80": ("if b else 1.0", _DEAD_EMPTY),
    "analysis.comparison.lineage.x_lineage__mutmut_96": ("if (a) or True else 0.0", _DEAD_EMPTY),
    "analysis.comparison.lineage.x_lineage__mutmut_98": ("if a else 1.0", _DEAD_EMPTY),
    "analysis.comparison.shares.x_share_difference__mutmut_5": ("if (a_n) or True else", _DEAD_ZERO_N),
    "analysis.comparison.shares.x_share_difference__mutmut_14": ("if a_n else np.zeros(None)", _DEAD_ZERO_N),
    "analysis.comparison.shares.x_share_difference__mutmut_17": ("if (b_n) or True else", _DEAD_ZERO_N),
    "analysis.comparison.shares.x_share_difference__mutmut_26": ("if b_n else np.zeros(None)", _DEAD_ZERO_N),
    "analysis.comparison.shares.x_share_grid__mutmut_12": (
        "pd.Series(dtype=None)",
        "the empty Series is only asked .get(key, 0), which answers 0 whatever its dtype",
    ),
    "analysis.comparison.shares.x_share_grid__mutmut_44": ('float("NAN")', _NAN),
    "analysis.comparison.shares.x_share_table__mutmut_96": ('"difference": float("NAN")', _NAN),
    "analysis.comparison.shares.x_share_table__mutmut_101": ('"difference_low": float("NAN")', _NAN),
    "analysis.comparison.shares.x_share_table__mutmut_106": ('"difference_high": float("NAN")', _NAN),
    "analysis.comparison.shares.x_share_table__mutmut_112": ('row["p_fisher"] = float("NAN")', _NAN),
    "analysis.comparison.shares.x_wilson_interval__mutmut_4": ('return float("NAN"), float("nan")', _NAN),
    "analysis.comparison.shares.x_wilson_interval__mutmut_7": ('return float("nan"), float("NAN")', _NAN),
    "analysis.comparison.shares.x_wilson_interval__mutmut_11": (
        'proportion_ci(method="wilson")',
        "confidence_level=0.95 is scipy's default",
    ),
    "analysis.coding.verbs.x__circumfix_verb__mutmut_24": (
        "match_verb(text, at, language, opening=None)",
        "no verb phrase that opens with the particle 表示 is opening_only in verbs.csv: opening changes nothing",
    ),
    "analysis.coding.verbs.x__circumfix_verb__mutmut_29": (
        "match_verb(text, at, language, opening=True)",
        "no verb phrase that opens with the particle 表示 is opening_only in verbs.csv: opening changes nothing",
    ),
    "analysis.coding.verbs.x__entry_at__mutmut_36": (
        "break",
        "only 请, Requests and Notes have exclude_next, and no other phrase shares their key: nothing follows them",
    ),
    "analysis.coding.verbs.x__key__mutmut_12": (
        "return text[at:end].upper()",
        "index and lookup both use _key, so upper case matches as lower case did (the phrases are ASCII)",
    ),
    "analysis.coding.verbs.x__verb_after_opening__mutmut_30": ("opening=None, weak=True", _NONE_IS_FALSE),
    "analysis.coding.verbs.x_read_verbs__mutmut_46": ("opening=None, weak=weak", _NONE_IS_FALSE),
    "analysis.coding.verbs.x_match_verb__mutmut_8": ("progressed = None", _NONE_IS_FALSE),
    "analysis.coding.verbs.x_match_verb__mutmut_38": ("listed_adverb = None", _NONE_IS_FALSE),
    "analysis.coding.themes.x_read_themes__mutmut_12": (
        "(len(lowered) == len(masked)) and False",
        "where lower-casing keeps the length, lower-casing character by character gives the same text"
        " (but for a Greek final sigma, which no English pattern holds)",
    ),
}


def run_mutmut(children: int) -> None:
    command = [sys.executable, "-m", "mutmut", "run", "--max-children", str(children)]
    # mutmut warns that `python -m mutmut` may import the code under test early; the console script
    # is preferred where it is installed next to this interpreter
    script = Path(sys.executable).with_name("mutmut")
    if script.exists():
        command = [str(script), "run", "--max-children", str(children)]
    completed = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, check=False)
    if completed.returncode != 0:
        sys.exit(f"mutmut run failed (exit {completed.returncode}); run `mutmut run --max-children 1` to see why")


def results(module: str) -> dict[str, int | None]:
    meta = ROOT / "mutants" / (module + ".meta")
    if not meta.exists():
        sys.exit(f"no results for {module}: run this script without --report first")
    return json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]


def mutant_source(module: str, name: str) -> str:
    """The source of one mutant's function, as mutmut wrote it into mutants/."""
    text = (ROOT / "mutants" / module).read_text(encoding="utf-8")
    start = text.find(f"\ndef {name.rsplit('.', 1)[1]}(")
    if start < 0:
        return ""
    end = text.find("\ndef ", start + 1)
    return text[start : end if end > 0 else len(text)]


def equivalent(module: str, codes: dict[str, int | None]) -> tuple[set[str], list[str]]:
    """The not-killed mutants of ``module`` listed in EQUIVALENT whose source still holds their piece,
    and the listed names that no longer fit (renumbered by an edit, or killed now)."""
    found, stale = set(), []
    prefix = module.removesuffix(".py").replace("/", ".") + "."
    for name, (piece, _) in EQUIVALENT.items():
        if not name.startswith(prefix):
            continue
        if name in codes and status(codes[name]) != "killed" and piece in mutant_source(module, name):
            found.add(name)
        else:
            stale.append(name)
    return found, stale


def status(code: int | None) -> str:
    if code in KILLED:
        return "killed"
    if code in SURVIVED:
        return "survived"
    if code in TIMEOUT:
        return "timeout"
    if code in NO_TESTS:
        return "no tests"
    return "not checked" if code is None else "other"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report", action="store_true", help="only print the table of the last run")
    parser.add_argument("--survivors", action="store_true", help="also list the surviving mutants")
    parser.add_argument("--max-children", type=int, default=1, help="parallel mutmut workers (default 1)")
    args = parser.parse_args(argv)
    if not args.report:
        run_mutmut(args.max_children)
    header = (
        f"{'module':<36}{'killed':>7}{'survived':>9}{'timeout':>8}{'no tests':>9}{'other':>6}{'total':>7}"
        f"{'score':>8}{'equivalent':>11}{'score excl. eq.':>16}"
    )
    print(header)
    survivors: list[str] = []
    stale_all: list[str] = []
    for module in MODULES:
        codes = results(module)
        counts = Counter(status(c) for c in codes.values())
        total = len(codes)
        killed = counts["killed"]
        listed, stale = equivalent(module, codes)
        stale_all += stale
        equivalent_count = len(listed)
        other = total - killed - counts["survived"] - counts["timeout"] - counts["no tests"]
        score = killed / total if total else float("nan")
        score_eq = killed / (total - equivalent_count) if total > equivalent_count else float("nan")
        print(
            f"{module:<36}{killed:>7}{counts['survived']:>9}{counts['timeout']:>8}{counts['no tests']:>9}{other:>6}"
            f"{total:>7}{score:>8.1%}{equivalent_count:>11}{score_eq:>16.1%}"
        )
        survivors += [
            f"{name}  ({status(code)}{', equivalent: ' + EQUIVALENT[name][1] if name in listed else ''})"
            for name, code in sorted(codes.items())
            if status(code) != "killed"
        ]
    if args.survivors:
        print()
        print("\n".join(survivors))
    if stale_all:
        print(f"\nnot counted as equivalent (killed now, or renumbered by an edit): {', '.join(stale_all)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
