"""The gold files of codebook 2.0 as labels/sets.toml describes them: loaded per set, checked when read,
refused with one line. Only the development gold is read here (the held-out gold is scored once)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.errors import InputError
from analysis.gold import labels as gold
from analysis.lexicon import GOLD_DIMENSIONS

DEVELOPMENT = gold.data_dir() / "labels" / "gold_development.csv"


def test_the_development_gold_loads_with_every_dimension():
    frame = gold.load_gold(["development"])
    assert len(frame) == 1014 and set(frame["set"]) == {"development"}
    assert set(frame["language"]) == {"en", "zh"} and frame["paragraph"].dtype.kind == "i"
    assert all(d == list(GOLD_DIMENSIONS) for d in frame["dimensions"]) and frame["has_verbs"].all()
    for column in gold.SET_VALUED:
        assert all(isinstance(v, list) for v in frame[column]), column
    # every subject theme is a theme of the same row (codebook: subject_themes is a subset of themes)
    assert all(set(s) <= set(t) for s, t in zip(frame["subject_themes"], frame["themes"]))


def test_a_set_is_read_alone(monkeypatch):
    read: list[str] = []
    original = gold.read_gold_file
    monkeypatch.setattr(gold, "read_gold_file", lambda path: read.append(Path(path).name) or original(path))
    gold.load_gold(["development"])
    assert read == ["gold_development.csv"]
    assert [f.name for f in gold.gold_files(["development"])] == ["gold_development.csv"]
    assert {f.set for f in gold.gold_files()} == {"development", "held-out"}


def test_sets_toml_describes_the_pairs_and_the_adjudication():
    [development] = gold.agreement_pairs(["development"])
    assert (development.first, development.second) == ("gold_development.csv", "annotations/development_second.csv")
    assert development.adjudication == ""
    held_out = gold.agreement_pairs(["held-out"])  # described only: no file of the held-out set is read here
    assert [p.name for p in held_out] == ["held-out, English", "held-out, Chinese"]
    assert {p.adjudication for p in held_out} == {"annotations/heldout_adjudication.csv"}


def test_the_development_pair_is_aligned_row_for_row():
    [pair] = gold.agreement_pairs(["development"])
    first, second = gold.read_pair(pair)
    assert len(first) == len(second) == 201
    assert first[gold.KEY].equals(second[gold.KEY])
    sample = gold.read_csv(gold.data_dir() / "labels" / "annotations" / "development_second_sample.csv")
    drawn = set(zip(sample["symbol"], sample["paragraph"].astype(int)))
    assert set(zip(first["symbol"], first["paragraph"])) <= drawn  # only paragraphs of the drawn sample


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    """The first rows of the development gold (a generated copy) with one edit."""
    lines = DEVELOPMENT.read_text(encoding="utf-8").splitlines(keepends=True)[:40]
    text = "".join(lines)
    assert text.count(old) >= 1, old
    path = tmp_path / "gold_edited.csv"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (",themes,", ",topics,", "has no column themes (a gold file of codebook 2.0 has "),
        (
            "reporting_procedure,reporting_procedure,",
            "reporting_procedure,reporting_procedur,",
            "subject_themes: 'reporting_procedur' is not a code of the lexicon",
        ),
        (
            ",unodc,unodc:assistance,",
            ",unodc,unodc-assistance,",
            "mandates: 'unodc-assistance' is not addressee:kind[:session]",
        ),
        (
            ",unodc,unodc:assistance,",
            ",unodc,office:assistance,",
            "mandates: 'office:assistance' names no addressee of the lexicon",
        ),
        (",unodc,unodc:assistance,", ",unodc,unodc:advice,", "mandates: 'unodc:advice' has no kind of the lexicon"),
        (",member_states,,,", ",member_state,,,", "addressees: 'member_state' is not a code of the lexicon"),
        ("A/RES/62/175,zh,1,", "A/RES/62/175,zz,1,", "language: 'zz' is not a registered language"),
        ("A/RES/62/175,zh,1,", "A/RES/62/175,zh,one,", "paragraph: 'one' is not a paragraph number"),
        (",notes,notes,", ",takes_note,notes,", "verb: 'takes_note' is not a verb label of the lexicon"),
        ("A/RES/62/175,zh,2,", "A/RES/62/175,zh,1,", "repeats A/RES/62/175 zh op. 1"),
    ],
)
def test_a_bad_gold_file_is_refused_with_one_line(tmp_path, old, new, problem):
    path = _edited(tmp_path, old, new)
    with pytest.raises(InputError) as refused:
        gold.read_gold_file(path)
    message = str(refused.value)
    assert message.startswith(f"{path}: ") and problem in message and "\n" not in message


def test_a_funding_kind_outside_the_lexicon_is_refused(tmp_path):
    text = DEVELOPMENT.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if ",new_resources," in line)
    path = tmp_path / "gold_one.csv"
    path.write_text(
        text.splitlines()[0] + "\n" + row.replace(",new_resources,", ",fresh_money,") + "\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"row 1 \(.*\), funding_kind: 'fresh_money' is not a code of the lexicon"):
        gold.read_gold_file(path)


@pytest.fixture
def labels_copy(tmp_path, monkeypatch, fresh_caches):
    """A copy of the development part of labels/ (sets.toml and the development files), read instead of the
    package's."""
    labels = tmp_path / "labels"
    (labels / "annotations").mkdir(parents=True)
    source = gold.data_dir() / "labels"
    for name in ("sets.toml", "gold_development.csv", "annotations/development_second.csv"):
        shutil.copy(source / name, labels / name)
    monkeypatch.setattr(gold, "data_dir", lambda: tmp_path)
    return labels


def test_a_file_sets_toml_names_but_the_directory_lacks_is_refused(labels_copy):
    (labels_copy / "annotations" / "development_second.csv").unlink()
    [pair] = gold.agreement_pairs(["development"])
    with pytest.raises(InputError, match=r"sets\.toml: names annotations/development_second\.csv, which is not in "):
        gold.read_pair(pair)


def test_a_second_coding_of_a_paragraph_the_first_lacks_is_refused(labels_copy):
    second = labels_copy / "annotations" / "development_second.csv"
    lines = second.read_text(encoding="utf-8").splitlines(keepends=True)
    second.write_text(lines[0] + lines[1].replace("A/RES/62/175,zh,6,", "A/RES/62/175,zh,99,", 1), encoding="utf-8")
    [pair] = gold.agreement_pairs(["development"])
    with pytest.raises(InputError, match=r"codes A/RES/62/175 zh op\. 99, which gold_development\.csv does not"):
        gold.read_pair(pair)


def test_every_gold_file_must_be_described(labels_copy):
    (labels_copy / "gold_unlisted.csv").write_text("symbol,language,paragraph,themes\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"does not describe gold_unlisted\.csv"):
        gold.load_gold(["development"])
