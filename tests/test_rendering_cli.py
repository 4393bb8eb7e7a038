"""`lkj buat`: default output name, refusal on validation errors, --paksa DRAF, --pdf, clear errors."""
from __future__ import annotations

import shutil

import pytest
from docx import Document
from typer.testing import CliRunner

from lkj_xl.cli import app

from .conftest import SEED000_XLSX

runner = CliRunner()


def run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    result.text = " ".join(result.output.split())
    return result


@pytest.fixture
def book(tmp_path):
    target = tmp_path / SEED000_XLSX.name
    shutil.copy(SEED000_XLSX, target)
    return target


def test_buat_writes_docx_next_to_workbook(book):
    r = run("buat", book)
    assert r.exit_code == 0, r.output
    out = book.with_name(f"{book.stem}_LKj.docx")
    assert out.is_file() and "Laporan Word:" in r.text
    assert "DRAF" not in "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "peringatan" in r.text                           # seed 000 has PK-budget warnings


def test_buat_output_option_and_folder(book, tmp_path):
    r = run("buat", book, "-o", tmp_path / "hasil.docx")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "hasil.docx").is_file()
    sub = tmp_path / "keluar"
    sub.mkdir()
    assert run("buat", book, "-o", sub).exit_code == 0
    assert (sub / f"{book.stem}_LKj.docx").is_file()
    r = run("buat", book, "-o", tmp_path / "hasil.pdf")
    assert r.exit_code == 2 and "harus berakhiran .docx" in r.text


def test_buat_refuses_with_errors_unless_paksa(seed_data, make_book):
    seed_data["capaian"][0]["real_tw3"] = None              # realisasi kosong -> error
    wb = make_book(seed_data, name="salah.xlsx")
    r = run("buat", wb)
    assert r.exit_code == 1
    assert "realisasi-kosong" in r.text and "Laporan tidak dibuat karena masih ada" in r.text
    assert "--paksa" in r.text and "Traceback" not in r.output
    assert not wb.with_name("salah_LKj.docx").exists()

    r = run("buat", wb, "--paksa")
    assert r.exit_code == 0, r.output
    doc = Document(str(wb.with_name("salah_LKj.docx")))
    assert "DRAF" in [p.text for p in doc.paragraphs]
    assert any("DRAF" in p.text for p in doc.sections[0].header.paragraphs)


def test_buat_missing_or_broken_file_is_one_clear_message(tmp_path):
    r = run("buat", tmp_path / "tidak_ada.xlsx")
    assert r.exit_code == 1 and "Kesalahan:" in r.text and "Traceback" not in r.output
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"bukan excel")
    r = run("buat", bad)
    assert r.exit_code == 1 and "Kesalahan:" in r.text and "Traceback" not in r.output


def test_buat_pdf_without_libreoffice(book, monkeypatch, tmp_path):
    monkeypatch.setenv("LKJ_SOFFICE", str(tmp_path / "tidak-ada"))
    r = run("buat", book, "--pdf")
    assert r.exit_code == 1
    assert "LibreOffice tidak ditemukan" in r.text and "Traceback" not in r.output
    assert book.with_name(f"{book.stem}_LKj.docx").is_file()     # the .docx is still there


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) tidak terpasang")
def test_buat_pdf(book):
    r = run("buat", book, "--pdf")
    assert r.exit_code == 0, r.output
    assert book.with_name(f"{book.stem}_LKj.pdf").read_bytes()[:5] == b"%PDF-"


def test_help_has_an_example():
    r = run("buat", "--help")
    assert r.exit_code == 0 and "Contoh: lkj buat" in r.text
