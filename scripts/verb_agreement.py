"""Primary verbs on the development corpus: read from each operative paragraph's plain text, against the
UN's lead-verb markup, and English against Chinese on the same paragraph of the same resolution.

Usage: python scripts/verb_agreement.py [DIR] [--sessions 74,75,76,77]
Default: ../shared/ga-74-78, sessions 74-77 (the development part; 78 is held out).
"""
from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

from analysis.errors import InputError
from analysis.evaluation import marked_leads
from analysis.verbs import label_of_phrase, read_verbs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default=str(Path(__file__).resolve().parents[2] / "shared" / "ga-74-78"))
    parser.add_argument("--sessions", default="74,75,76,77")
    args = parser.parse_args()
    paths = sorted(p for s in args.sessions.split(",") for p in Path(args.directory).glob(f"A_RES_{s}_*.xml"))
    if not paths:
        sys.exit(f"no A_RES_<session>_*.xml files for sessions {args.sessions} in {args.directory}")
    read: dict[tuple[str, str], dict[int, str]] = {}
    agree, total = collections.Counter(), collections.Counter()
    unknown: dict[str, collections.Counter] = {"en": collections.Counter(), "zh": collections.Counter()}
    for path in paths:
        try:
            language, leads = marked_leads(path)
        except InputError:
            continue
        symbol = path.name.rsplit(".", 2)[0]
        read[(symbol, language)] = {}
        for number, phrase, text in leads:
            label, got = label_of_phrase(phrase, language), read_verbs(text, language).verb
            total[language] += 1
            agree[language] += label == got and bool(label)
            if not label:
                unknown[language][phrase] += 1
            read[(symbol, language)][number] = got
    for language in ("en", "zh"):
        print(f"primary verb = markup ({language}): {agree[language]}/{total[language]} = "
              f"{agree[language] / max(1, total[language]):.1%} (unknown marked phrases: "
              f"{sum(unknown[language].values())}, most frequent {unknown[language].most_common(5)})")
    pairs, same, differ = 0, 0, collections.Counter()
    for (symbol, language), labels in read.items():
        if language != "en" or (symbol, "zh") not in read:
            continue
        chinese = read[(symbol, "zh")]
        for number, english in labels.items():
            if number in chinese:
                pairs += 1
                same += english == chinese[number]
                if english != chinese[number]:
                    differ[(english or "-", chinese[number] or "-")] += 1
    print(f"same label in English and Chinese: {same}/{pairs} = {same / max(1, pairs):.1%} of aligned paragraphs")
    print("most frequent disagreements (English label, Chinese label):", differ.most_common(12))


if __name__ == "__main__":
    main()
