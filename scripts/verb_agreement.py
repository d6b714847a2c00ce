"""Primary verbs on the development corpus: read from each operative paragraph's plain text, against the
UN's lead-verb markup, and English against Chinese on the same paragraph of the same resolution.

Usage: python scripts/verb_agreement.py [DIR] [--sessions 74,75,76,77] [--jobs N]
Default: ../shared/ga-74-78, sessions 74-77 (the development part; 78 is held out).
"""

from __future__ import annotations

from devcorpus import arguments

from analysis.evaluation.markup import verb_agreement


def main() -> None:
    args, paths = arguments(__doc__.splitlines()[0])
    result = verb_agreement(paths, jobs=args.jobs, progress=True)
    for language in ("en", "zh"):
        unknown = result.unknown[language]
        print(
            f"primary verb = markup ({language}): {result.agree.get(language, 0)}/{result.marked.get(language, 0)} = "
            f"{result.rate(language):.1%} (unknown marked phrases: {sum(unknown.values())}, most frequent "
            f"{unknown.most_common(5)})"
        )
    print(
        f"same label in English and Chinese: {result.same_pairs}/{result.pairs} = {result.pair_rate:.1%} "
        "of aligned paragraphs"
    )
    print("disagreements by pair (English label, Chinese label):", result.pair_disagreements.most_common(15))


if __name__ == "__main__":
    main()
