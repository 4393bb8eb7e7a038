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


_MACET_SAAT_MULAI = """#!/bin/sh
# stands in for LibreOffice: hangs while it fills a new profile, leaving a child behind (as soffice.bin)
case "$*" in
  *--terminate_after_init*) sleep 300 & echo $! > "$LKJ_UJI_PID/anak"; echo $$ > "$LKJ_UJI_PID/induk"; wait ;;
  *) echo "Error: konversi uji gagal" >&2; exit 1 ;;
esac
"""


def _dengan_daftar_isi(path):
    """A file that `pdf_indeks.punya_daftar_isi` takes for a document with a Daftar Isi (a TOC field)."""
    import zipfile
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", '<w:document><w:instrText>TOC \\o "1-3"</w:instrText></w:document>')
    return path


@pytest.mark.parametrize("stop", ["batas", "berhenti"])
def test_a_libreoffice_hanging_while_it_fills_its_profile_is_shut_down_with_its_children(tmp_path, monkeypatch, stop):
    """The start that fills the Daftar Isi profile is watched like a conversion: after `batas` seconds,
    or at once when the batch is stopped, it is shut down with every process it started."""
    import threading
    import time

    import psutil

    from lkj_xl.report.pdf import ubah_banyak

    fake = tmp_path / "soffice"
    fake.write_text(_MACET_SAAT_MULAI)
    fake.chmod(0o755)
    monkeypatch.setenv("LKJ_SOFFICE", str(fake))
    monkeypatch.setenv("LKJ_UJI_PID", str(tmp_path))
    docx = _dengan_daftar_isi(tmp_path / "laporan.docx")
    berhenti = threading.Event()
    if stop == "berhenti":
        threading.Timer(1.0, berhenti.set).start()
    t0 = time.monotonic()
    got = ubah_banyak([docx], tmp_path / "keluar", batas=3 if stop == "batas" else 120, berhenti=berhenti)
    assert time.monotonic() - t0 < 20
    assert isinstance(got[docx], str) and "laporan.docx" in got[docx]        # no PDF, and why
    for name in ("induk", "anak"):
        pid = int((tmp_path / name).read_text())
        assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE, name
