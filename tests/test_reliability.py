"""Issue 13: nothing silently wrong, nothing lost, nothing hangs. Each test reproduces a reported
failure with a file generated here (edits of bundled official texts, named as generated)."""
from __future__ import annotations

import pytest

from analysis import Corpus
from analysis.cli import main
from analysis.report import load_resolutions

from .conftest import SEED, UNXML


def _truncated_seed() -> str:
    text = SEED.read_text(encoding="utf-8")
    return text[: text.index("\n10．") if "\n10．" in text else len(text) // 2]


def test_a_file_whose_text_is_another_resolution_is_refused_not_counted(sandbox, tmp_path):
    """Item 1: a truncated seed named A_RES_62_176.zh.txt (and a second copy) in an extra corpus
    directory must not replace 62/175 in the series or duplicate its rows."""
    extra = tmp_path / "extra"
    (extra / "a").mkdir(parents=True)
    for name in ("A_RES_62_176.zh.txt", "a/A_RES_62_177.zh.txt"):
        (extra / name).write_text(_truncated_seed(), encoding="utf-8")  # generated: the seed, cut
    corpus = Corpus([extra])
    resolutions, failures = load_resolutions(corpus, [d for d in corpus.available() if d.symbol.startswith("A/RES/62/")])
    assert [(r.symbol, len(r.operative)) for r in resolutions] == [("A/RES/62/175", 16)]
    assert len(failures) == 2
    assert all("the text is A/RES/62/175, not A/RES/62/17" in f for f in failures)


def test_unrecorded_files_are_not_called_verified(sandbox, tmp_path, capsys):
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "A_RES_62_176.zh.txt").write_text(_truncated_seed(), encoding="utf-8")
    assert main(["corpus", "--corpus", str(extra)]) == 0
    out = capsys.readouterr().out
    assert "1 file without a recorded hash (found in a corpus directory): not verified" in out.splitlines()[-1]


def test_add_refuses_a_text_in_another_language(sandbox, capsys):
    """Item 5: the English XML of 78/229 added with --lang zh."""
    english = UNXML / "A_RES_78_229.en.xml"
    assert main(["add", str(english), "--symbol", "A/RES/78/229", "--lang", "zh"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the text is English, not Chinese" in err
    assert not sandbox.exists() or list(sandbox.iterdir()) == []


def test_add_refuses_an_edited_copy_of_a_pinned_file(sandbox, tmp_path, capsys):
    """Item 5: the lock pins the bytes of 78/229 (zh, xml); an edited copy is not that file."""
    edited = tmp_path / "generated_edited_A_RES_78_229.zh.xml"
    original = (UNXML / "A_RES_78_229.zh.xml").read_text(encoding="utf-8")
    edited.write_text(original.replace("欢迎", "欣见", 1), encoding="utf-8")
    assert main(["add", str(edited), "--symbol", "A/RES/78/229", "--lang", "zh"]) == 2
    assert "pinned in corpus.lock.csv" in capsys.readouterr().err
    assert not (sandbox / "A_RES_78_229.zh.xml").exists()


@pytest.mark.parametrize(("lang", "said"), [("en", "the text is Chinese, not English")])
def test_the_language_flag_is_checked_against_the_text(lang, said, capsys):
    """Item 10: --lang en on Chinese text said 'no enacting formula'."""
    assert main(["parse", str(SEED), "--lang", lang]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and said in err


def test_a_recorded_file_changed_afterwards_is_refused_by_every_reader(sandbox, tmp_path, capsys):
    """Item 10: parse, classify and evaluate read a tampered corpus file without a word."""
    fixture = tmp_path / "copy_of_the_bundled_A_RES_77_241.en.xml"
    fixture.write_bytes((UNXML / "A_RES_77_241.en.xml").read_bytes())
    assert main(["add", str(fixture), "--symbol", "A/RES/77/241", "--lang", "en"]) == 0
    added = sandbox / "A_RES_77_241.en.xml"
    added.write_text(added.read_text(encoding="utf-8").replace("Police", "Polis", 1), encoding="utf-8")
    capsys.readouterr()
    from analysis.documents import read_document

    user_copy = next(d for d in Corpus().copies if d.root == "user")
    with pytest.raises(Exception, match="SHA-256 differs"):
        read_document(user_copy)
