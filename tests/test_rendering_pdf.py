"""PDF through LibreOffice: the example report converts; a missing LibreOffice is a clear LkjError."""
from __future__ import annotations

import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from lkj_xl.core.engine import olah_file
from lkj_xl.report.pdf import PESAN_TIDAK_ADA
from lkj_xl.core.problems import LkjError
from lkj_xl.report.rendering import buat_docx, buat_pdf

from .conftest import SEED000_XLSX

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) tidak terpasang; CI memasang libreoffice-writer-nogui")


@needs_soffice
def test_example_report_converts_to_pdf(tmp_path):
    docx = buat_docx(olah_file(SEED000_XLSX), tmp_path / "000_LKj.docx")
    pdf = buat_pdf(docx)
    assert pdf == tmp_path / "000_LKj.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["000_LKj.docx", "000_LKj.pdf"]   # no leftovers
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
        assert 8 <= pages <= 20
        assert "(A4)" in info
    if shutil.which("pdftotext"):
        text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
        assert "1 Juli s.d 30 September 2023" in text
        assert "43,12%" in text and "600.316.428" in text


@needs_soffice
def test_parallel_conversions_do_not_collide(tmp_path):
    o = olah_file(SEED000_XLSX)
    docs = [buat_docx(o, tmp_path / f"r{i}.docx") for i in range(3)]
    out = tmp_path / "pdf"
    with ThreadPoolExecutor(3) as pool:
        pdfs = list(pool.map(lambda d: buat_pdf(d, out), docs))
    assert [p.name for p in pdfs] == ["r0.pdf", "r1.pdf", "r2.pdf"]
    assert all(p.stat().st_size > 10_000 for p in pdfs)


def test_missing_libreoffice_is_a_clear_error(tmp_path, monkeypatch):
    docx = buat_docx(olah_file(SEED000_XLSX), tmp_path / "a.docx")
    monkeypatch.setenv("LKJ_SOFFICE", str(tmp_path / "tidak-ada-soffice"))
    with pytest.raises(LkjError) as exc:
        buat_pdf(docx)
    assert str(exc.value) == PESAN_TIDAK_ADA
    assert "LibreOffice tidak ditemukan" in str(exc.value)


def test_failed_conversion_is_a_clear_error(tmp_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    fake.chmod(0o755)
    bad = tmp_path / "rusak.docx"
    bad.write_bytes(b"bukan docx")
    monkeypatch.setenv("LKJ_SOFFICE", str(fake))
    with pytest.raises(LkjError, match="LibreOffice gagal mengubah 'rusak.docx' ke PDF: Error: source file"):
        buat_pdf(bad)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rusak.docx", "soffice"]
