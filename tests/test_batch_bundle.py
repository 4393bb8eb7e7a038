"""The --gabung bundle of seed 001 (issue 13.10): cover like 001:5-11, a Daftar Isi that is a real Word TOC
field with the right page numbers, the reports in the organisation's order; and errors across reports
keeping every report they name from coming out final (issue 13.2)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from lkj_xl.batch import runner
from lkj_xl.batch.job import DITOLAK, DRAF
from lkj_xl.batch.sampul import baris_sampul, halaman_awal, jumlah_halaman

from .conftest import CONTOH

SEED001 = sorted(CONTOH.glob("001_*.xlsx"))
ORDER = ["Camat Tempeh", "Sekretaris Kecamatan", "Kasi Pemerintahan", "Kasi Pemberdayaan Masyarakat",
         "Kasi Pelayanan Umum", "Kasubbag Keuangan", "Kasubbag Umum dan Kepegawaian"]   # 001:13, 249, 431, 595, 744, 876, 1087
BUNDLE = "2023_TW-III_Kecamatan-Tempeh_Gabungan"


def _copy_seed001(folder: Path, reverse_names: bool = False) -> None:
    folder.mkdir(parents=True)
    for k, p in enumerate(SEED001):
        # reversed file names: the order must come from the organisation, not from the file names
        name = f"{len(SEED001) - k:02}_{p.name}" if reverse_names else p.name
        shutil.copy2(p, folder / name)


def _instr(doc) -> list[str]:
    return [t.text.strip() for t in doc.element.body.iter(qn("w:instrText"))]


def test_cover_lines_as_in_seed_001():
    # 001:5-11: "LKJ", "LAPORAN KINERJA ESELON III dan IV", "TRIWULAN III", "TAHUN 2023", "KECAMATAN TEMPEH"
    assert baris_sampul(["III.a", "IV.b", "III.b", "IV.a"], 3, 2023, "Kecamatan  Tempeh") == [
        "LKJ", "LAPORAN KINERJA ESELON III dan IV", "TRIWULAN III", "TAHUN 2023", "KECAMATAN TEMPEH"]
    assert baris_sampul(["IV.a"], 1, 2024, "Bagian Organisasi")[1] == "LAPORAN KINERJA ESELON IV"


def test_first_pages_of_the_reports():
    # numbering starts at 1 on the first report and runs on: 13 + 11 pages -> the third starts at 25
    assert halaman_awal([13, 11, 10]) == [1, 14, 25]
    assert halaman_awal([13, None, 10]) == [1, 14, None]


@pytest.fixture(scope="module")
def paksa_gabung(tmp_path_factory):
    base = tmp_path_factory.mktemp("gabung")
    _copy_seed001(base / "masuk", reverse_names=True)
    hasil = runner.jalankan(base / "masuk", base / "hasil", jobs=2, gabung=True, paksa=True)
    return hasil


def test_bundle_front_and_order(paksa_gabung):
    hasil = paksa_gabung
    bundle = [g for g in hasil.gabungan if g.suffix == ".docx"]
    assert [g.name for g in bundle] == [f"{BUNDLE}.docx"]
    doc = Document(str(bundle[0]))
    paras = [p.text for p in doc.paragraphs]
    toc_at = paras.index("DAFTAR ISI")
    assert [t for t in paras[:toc_at] if t.strip()] == [
        "LKJ", "LAPORAN KINERJA ESELON III dan IV", "TRIWULAN III", "TAHUN 2023", "KECAMATAN TEMPEH"]
    # the Daftar Isi lists the seven reports in the organisation's order, although the file names
    # were numbered the other way round
    entries = [t for t in paras[toc_at + 1:toc_at + 8]]
    assert [e.split(". ", 1)[1].split(" – ")[0] for e in entries] == ORDER
    # the first report starts on page 1; the others' pages are unknown without their PDFs
    assert entries[0] == "1. Camat Tempeh – ABDILAH USYAD, S.STP (DRAF)\t1"
    assert entries[1] == "2. Sekretaris Kecamatan – MOHAMAD ZAKFAR SODIQ A.Md.Kep. (DRAF)\t"
    # a real TOC field built from one TC field per report, each entry a PAGEREF to a bookmark at its report
    instr = _instr(doc)
    assert instr[0] == "TOC \\f l \\l 1-1 \\h \\z"
    assert [i for i in instr if i.startswith("PAGEREF")] == [f"PAGEREF _LkjLaporan{k} \\h" for k in range(1, 8)]
    tcs = [i for i in instr if i.startswith("TC ")]
    assert len(tcs) == 7 and tcs[0] == 'TC "1. Camat Tempeh – ABDILAH USYAD, S.STP (DRAF)" \\f l \\l 1'
    marks = [b.get(qn("w:name")) for b in doc.element.body.iter(qn("w:bookmarkStart"))]
    assert all(f"_LkjLaporan{k}" in marks for k in range(1, 8))
    # the reports follow in the same order (each report's cover names its unit)
    body = "\n".join(paras[toc_at + 8:])
    positions = [body.find(f"\n{j}\n") for j in ("Kecamatan Tempeh Tahun 2023", "Sekretariat Kecamatan Tempeh Tahun 2023")]
    assert 0 <= positions[0] < positions[1]
    # without PDFs of the reports the page numbers are left to Word, which is told to update them
    assert doc.settings.element.find(qn("w:updateFields")) is not None


def test_every_report_named_by_a_cross_error_is_a_draft(paksa_gabung):
    status = {f.rel.split("_", 1)[1]: (f.status, f.docx.name if f.docx else None) for f in paksa_gabung.files}
    assert all(s == DRAF and name.endswith("_DRAF.docx") for s, name in status.values())
    sekcam = next(f for f in paksa_gabung.files if "sekcam" in f.rel)
    # its own workbook has no error: the DRAF comes from the two cross errors placed in it
    assert sekcam.kesalahan == 0
    assert "kesalahan lintas laporan" in sekcam.alasan and "nip-nama-berbeda" in sekcam.alasan


def test_without_paksa_the_named_reports_are_rejected(tmp_path):
    folder = tmp_path / "masuk"
    _copy_seed001(folder)
    # only the Sekretaris and a Kasi whose budget rolls up into the Sekretaris: the NIP error (in both,
    # against the Camat who is absent) is gone, the 7.01.01.2.03 roll-up error is absent too
    for p in list(folder.iterdir()):
        if not any(k in p.name for k in ("sekcam", "kasi_pelayanan")):
            p.unlink()
    hasil = runner.jalankan(folder, tmp_path / "hasil", jobs=1)
    assert [(f.status, f.docx is not None) for f in hasil.files] == [("Berhasil", True), ("Berhasil", True)]
    # now with the Camat: its own report is rejected for its own errors, and the two others are named
    # by nip-nama-berbeda (the Camat's "USYAD" vs their atasan "IRSYAD", 001:245 vs 001:419)
    shutil.copy2(SEED001[0], folder / SEED001[0].name)
    hasil = runner.jalankan(folder, tmp_path / "hasil2", jobs=1)
    by = {f.rel: f for f in hasil.files}
    assert all(f.status == DITOLAK and f.docx is None for f in hasil.files)
    sek = by["001_2_sekcam_tw3_2023.xlsx"]
    assert sek.kesalahan == 0 and "nip-nama-berbeda" in sek.alasan and "--paksa" in sek.alasan
    assert not list((tmp_path / "hasil2").glob("*.docx")) and not list((tmp_path / "hasil2").rglob(".~lkj-*"))
    assert hasil.kode_keluar == 1


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice atau pdftotext tidak terpasang")
def test_daftar_isi_page_numbers_in_the_pdf(tmp_path):
    folder = tmp_path / "masuk"
    _copy_seed001(folder)
    for p in list(folder.iterdir()):          # three reports keep the test short
        if not any(k in p.name for k in ("camat", "sekcam", "kasi_pemerintahan")):
            p.unlink()
    hasil = runner.jalankan(folder, tmp_path / "hasil", jobs=2, gabung=True, paksa=True, pdf=True)
    pdf = next(g for g in hasil.gabungan if g.suffix == ".pdf")
    order = sorted((f for f in hasil.files), key=lambda f: ORDER.index(f.jabatan))
    pages = [jumlah_halaman(f.pdf) for f in order]
    assert all(pages) and jumlah_halaman(pdf) == 2 + sum(pages)    # cover + Daftar Isi + the reports
    toc = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True,
                         text=True).stdout
    lines = [ln.strip() for ln in toc.splitlines() if ln.strip()]
    assert lines[0] == "DAFTAR ISI"
    numbers = [int(ln.rsplit(".", 1)[1].strip()) for ln in lines[1:4]]
    assert numbers == [1, 1 + pages[0], 1 + pages[0] + pages[1]]
    # and the printed page number of the second report's first page is that number
    first_of_second = 2 + pages[0] + 1
    text = subprocess.run(["pdftotext", "-f", str(first_of_second + 1), "-l", str(first_of_second + 1), str(pdf),
                           "-"], capture_output=True, text=True).stdout
    assert f"Halaman {numbers[1] + 1}" in text
    doc = Document(str(next(g for g in hasil.gabungan if g.suffix == ".docx")))
    assert doc.settings.element.find(qn("w:updateFields")) is None     # filled: nothing left to Word


def test_a_report_of_another_year_rejects_only_itself(tmp_path):
    # seed 000 (Lumajang, TW III 2023) beside the seed 004 annual workbook (Jember, 2024): 004 is named
    # by tahun-berbeda/periode-berbeda, seed 000 only as the example of the majority, and the two
    # budgets (both "Sekretariat Daerah", of two kabupaten and two years) are not rolled up together
    folder = tmp_path / "masuk"
    folder.mkdir()
    seed000 = CONTOH / "000_bagian_organisasi_tw3_2023.xlsx"
    seed004 = next(CONTOH.glob("004_*.xlsx"))
    shutil.copy2(seed000, folder / seed000.name)
    shutil.copy2(seed004, folder / seed004.name)
    hasil = runner.jalankan(folder, tmp_path / "hasil", jobs=1)
    by = {f.rel: f for f in hasil.files}
    assert by[seed000.name].status == "Berhasil" and by[seed000.name].docx is not None
    codes = {(p.file, p.code) for p in hasil.lintas}
    assert (seed004.name, "tahun-berbeda") in codes
    assert not any(code.startswith(("rincian-lintas", "kode-anggaran")) for _, code in codes)
    assert by[seed004.name].docx is None
