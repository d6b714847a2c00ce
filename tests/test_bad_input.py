"""Bad input: one line on stderr naming the file and the problem, exit 2, nothing written.

Every input here is generated in the test (programmatic edits of the seed or of
the bundled files and PDF fixtures); none is committed.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from analysis.cli import main
from tests.conftest import PDF_FIXTURES, SEED, UNXML


def blank_pdf() -> bytes:
    """A valid one-page PDF with no text layer (what a scan without OCR looks like to us)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def _blank_pdf_problem() -> str:
    """With the OCR extra the page is read and found empty; without it, the message says how to get OCR."""
    import importlib.util

    from analysis.io.ocr import OCR_EXTRA

    if all(importlib.util.find_spec(m) for m in ("rapidocr_onnxruntime", "pypdfium2")):
        return "PDF has no text layer, and OCR found no text on its pages"
    return f"PDF has no text layer (a scanned image?); to read it by OCR, install the extra: {OCR_EXTRA}"


def run_refused(capsys, path: Path, tmp_path: Path, problem: str) -> None:
    """Exit code 2 and exactly one line, ``crimepol: FILE: PROBLEM``, on stderr; nothing written."""
    output = tmp_path / "out.json"
    code = main(["parse", str(path), "-o", str(output)])
    captured = capsys.readouterr()
    assert code == 2
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0] == f"crimepol: {path}: {problem}"
    assert "Traceback" not in captured.err
    assert not output.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.json")]


CASES = {
    "fixture_empty.txt": (b"", "empty file"),
    "fixture_whitespace.txt": (b"  \n\t\n   \n", "empty file"),
    "fixture_random.bin": (random.Random(7).randbytes(4096), "binary file, not text"),
    "fixture_png_named.pdf": (b"\x89PNG\r\n\x1a\n" + bytes(200), "not a PDF (no %PDF header)"),
    "fixture_blank_page.pdf": (blank_pdf(), "<blank PDF>"),  # the message depends on the OCR extra
    "fixture_report.txt": (
        b"Report of the Secretary-General\n\nSummary\n\nThe present report describes the work of the Office.\n",
        "not a General Assembly resolution (no enacting formula such as 'The General Assembly,' / '大会，')",
    ),
    "fixture_xxe.xml": (
        b'<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<akomaNtoso>&x;</akomaNtoso>',
        "XML declares a DTD or entities; refused (external entities are never resolved)",
    ),
    "fixture_other.xml": (b"<html><body>hello</body></html>", "XML is not an AKN4UN document (root element <html>)"),
    "fixture_broken.xml": (b"<akomaNtoso><statement><preamble>", "malformed or truncated XML (line 1)"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_refused(capsys, tmp_path, name):
    data, problem = CASES[name]
    problem = _blank_pdf_problem() if problem == "<blank PDF>" else problem
    path = tmp_path / name
    path.write_bytes(data)
    run_refused(capsys, path, tmp_path, problem)


def test_a_directory_without_resolution_files(capsys, tmp_path):
    target = tmp_path / "a_directory"  # a directory is read as a batch; this one has nothing to read
    target.mkdir()
    (target / "notes.md").write_text("not a resolution\n", encoding="utf-8")
    run_refused(capsys, target, tmp_path, "no .xml, .txt, .pdf, .html, .htm files to read")


def test_missing_file(capsys, tmp_path):
    run_refused(capsys, tmp_path / "fixture_missing.txt", tmp_path, "no such file")


def test_unreadable_file(capsys, tmp_path, monkeypatch):
    path = tmp_path / "fixture_unreadable.txt"
    path.write_bytes(SEED.read_bytes())
    if os.geteuid() != 0:
        path.chmod(0)
    else:  # root reads anything: make the read itself fail as it would for a normal user
        real = Path.open

        def deny(self, *args, **kwargs):
            if self == path:
                raise PermissionError(13, "Permission denied")
            return real(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", deny)
    run_refused(capsys, path, tmp_path, "cannot read the file: permission denied")


def test_seed_without_operative_part(capsys, tmp_path):
    text = SEED.read_text(encoding="utf-8")
    cut = text.index(" 1. 赞赏地注意到")
    path = tmp_path / "fixture_seed_preamble_only.txt"
    path.write_text(text[:cut], encoding="utf-8")
    run_refused(capsys, path, tmp_path, "no operative paragraphs found (is this a resolution?)")


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16"])
def test_seed_in_another_encoding_is_read(tmp_path, encoding, capsys):
    path = tmp_path / f"fixture_seed_{encoding}.txt"
    path.write_bytes(SEED.read_text(encoding="utf-8").encode(encoding))
    output = tmp_path / "out.json"
    assert main(["parse", str(path), "-o", str(output)]) == 0
    import json

    parsed = json.loads(output.read_text(encoding="utf-8"))
    assert len(parsed["operative"]) == 16 and len(parsed["preamble"]) == 14
    assert any("decoded as" in w for w in parsed["warnings"])


def test_latin1_english_is_refused(capsys, tmp_path):
    path = tmp_path / "fixture_latin1.txt"
    path.write_bytes("Résolution adoptée par l'Assemblée générale".encode("latin-1"))
    run_refused(capsys, path, tmp_path, "not UTF-8 text (it decodes as GB18030 but is not Chinese)")


def test_truncated_pdf(capsys, tmp_path):
    data = (PDF_FIXTURES / "A_RES_73_6-EN.pdf").read_bytes()
    path = tmp_path / "fixture_truncated.pdf"
    path.write_bytes(data[: int(len(data) * 0.3)])
    run_refused(capsys, path, tmp_path, "damaged or truncated PDF; cannot read its text")


def test_truncated_xml(capsys, tmp_path):
    data = (UNXML / "A_RES_74_177.zh.xml").read_bytes()
    path = tmp_path / "fixture_truncated.xml"
    path.write_bytes(data[: len(data) // 3])
    run_refused(capsys, path, tmp_path, "malformed or truncated XML (line 283)")


def encrypted_pdf() -> bytes:
    """A one-page PDF with a user password (generated here with pypdf)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_encrypted_pdf(capsys, tmp_path):
    path = tmp_path / "fixture_encrypted.pdf"
    path.write_bytes(encrypted_pdf())
    run_refused(capsys, path, tmp_path, "encrypted PDF; cannot read its text")


def test_a_50_mb_single_line_file_is_refused_unread(capsys, tmp_path):
    path = tmp_path / "fixture_50mb_one_line.txt"
    with path.open("wb") as fh:
        fh.write(b"x" * (50 * 1024 * 1024))
    run_refused(capsys, path, tmp_path, "too large for a resolution (more than 20 MB, the limit)")


def _seed_with(edit) -> str:
    return edit(SEED.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("name", "edit", "warning"),
    [
        ("duplicated", lambda t: t.replace(" 5． 邀请", " 4． 邀请"), "number 4 is duplicated"),
        (
            "missing",
            lambda t: (
                t.replace(" 5． 邀请", " 6． 邀请")
                .replace(" 6． 敦促", " 7． 敦促")
                .replace(" 7． 满意", " 8． 满意")
                .replace(" 8． 提请", " 9． 提请")
                .replace(" 9. 敦促", " 10. 敦促")
                .replace(" 10. 重申", " 11. 重申")
                .replace(" 11. 敦促", " 12. 敦促")
                .replace(" 12. 请", " 13. 请")
                .replace(" 13. 鼓励", " 14. 鼓励")
                .replace(" 14. 重申", " 15. 重申")
                .replace(" 15. 再次", " 16. 再次")
                .replace(" 16. 请", " 17. 请")
            ),
            "6 follows 4",
        ),
        ("shuffled", lambda t: t.replace(" 2. 重申", " 3. 重申").replace(" 3. 确认", " 2. 确认"), "3 follows 1"),
    ],
)
def test_bad_numbering_is_reported_not_renumbered(capsys, tmp_path, name, edit, warning):
    """Fixtures made from the seed by editing its operative numbers: parsed, with a warning."""
    path = tmp_path / f"fixture_seed_numbers_{name}.txt"
    path.write_text(_seed_with(edit), encoding="utf-8")
    output = tmp_path / "out.json"
    assert main(["parse", str(path), "-o", str(output)]) == 0
    err = capsys.readouterr().err
    assert warning in err and str(path) in err
    import json

    numbers = [p["number"] for p in json.loads(output.read_text(encoding="utf-8"))["operative"]]
    assert len(numbers) == 16 and numbers != list(range(1, 17))
