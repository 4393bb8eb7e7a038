"""The LKE 3.b self-check (core/lke.py) on seed-004 workbooks (tests/tahunan_004.py) where each criterion is
met, partly met and missing; `lkj periksa`; the same list on the Masalah sheet and in the batch rekap; the
batch, --gabung and PDF with an annual workbook."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

from lkj_xl.batch import runner as B
from lkj_xl.cli import app
from lkj_xl.core import lke
from lkj_xl.core.engine import olah_file

from . import tahunan_004 as T
from .conftest import SEED000_XLSX

cli = CliRunner()
IND = ("IK1", "IK2", "IK3", "IK4", "IK5", "IK6")


def _check(tmp_path, d, name="w.xlsx"):
    o = olah_file(T.tulis(tmp_path / name, d))
    return {k.nomor: k for k in lke.periksa(o.laporan, o.hasil)}


def _lengkap() -> dict:
    """Seed 004 completed where the seed itself has no data: an analysis for every indicator, a benchmark
    for every indicator, and the SAKIP indicator in the Renstra (values invented for the test)."""
    d = T.data()
    d["analisis"] = [{"kode": k, "pendukung": "pembagian tugas yang jelas", "upaya": "pendampingan"} for k in IND]
    d["pembanding"] = [{"kode": k, "nilai": 90, "level": "Provinsi", "wilayah": "Jawa Timur", "tahun": 2024,
                        "sumber": "Laporan Provinsi"} for k in IND]
    d["renstra"] = d["renstra"] + [{"kode": "IK2", "versi": "Perubahan", "target_3": 12, "target_4": 12,
                                    "target_5": 12, "target_6": 12}]
    return d


def test_every_criterion_met(tmp_path):
    ks = _check(tmp_path, _lengkap())
    assert [k.status for k in ks.values()] == [lke.TERPENUHI] * 9
    assert ks[5].alasan == "6 (enam) indikator punya realisasi tahun lalu"
    assert ks[8].alasan == "5 (lima) sasaran punya capaian kinerja dan serapan anggaran"
    assert ks[9].alasan == "4 (empat) rekomendasi bernomor"          # 004:1050-1053


def test_seed_004_as_typed_is_partly_met(tmp_path):
    ks = _check(tmp_path, T.data())
    assert {n: k.status for n, k in ks.items()} == {
        1: "Terpenuhi", 2: "Terpenuhi", 3: "Terpenuhi", 4: "Sebagian", 5: "Terpenuhi", 6: "Sebagian",
        7: "Sebagian", 8: "Terpenuhi", 9: "Terpenuhi"}
    assert ks[4].baris() == ("Perbandingan dengan target jangka menengah (Renstra): Sebagian — 1 dari 6 indikator "
                             "tanpa target akhir Renstra (IK2) — isi sheet Renstra (target per tahun dan target "
                             "akhir) dan Tahun Awal/Akhir Renstra di sheet Identitas")        # SAKIP: 004:501 '-'
    assert ks[6].sheet == "Pembanding" and "tidak ada data pembanding" in ks[6].alasan       # 004:743
    assert ks[7].alasan.startswith("3 dari 6 indikator tanpa analisis") and "(IK2, IK4, IK6)" in ks[7].alasan


def test_each_criterion_partly_met(tmp_path):
    d = _lengkap()
    d["riwayat"] = [r for r in d["riwayat"] if r["kode"] not in ("IK5", "IK6")]
    d["capaian"] = [c for c in d["capaian"] if c["kode"] != "IK6"] + [{"kode": "IK6"}]      # no realisasi
    d["pembanding"] = d["pembanding"][:1]
    d["anggaran"] = [dict(a, kode_sasaran="") if a["kode"] == "1.4" else a for a in d["anggaran"]]
    d["renstra"] = [r for r in d["renstra"] if r["kode"] != "IK3"]
    d["analisis"] = d["analisis"][:3]
    ks = _check(tmp_path, d)
    assert ks[5].baris() == ("Perbandingan dengan tahun sebelumnya: Sebagian — 2 dari 6 indikator tanpa realisasi "
                             "tahun lalu (IK5, IK6) — isi sheet Riwayat")
    assert ks[2].status == ks[3].status == lke.SEBAGIAN and "(IK6)" in ks[2].alasan and ks[2].sheet == "Capaian"
    assert ks[4].status == lke.SEBAGIAN and "(IK3, IK6)" in ks[4].alasan      # IK6: no realisasi, no capaian
    assert ks[6].status == lke.SEBAGIAN and ks[6].alasan.startswith("5 dari 6 indikator tanpa data pembanding")
    assert ks[7].status == lke.SEBAGIAN and "(IK4, IK5, IK6)" in ks[7].alasan
    assert ks[8].status == lke.SEBAGIAN and ks[8].alasan.startswith("1 dari 5 sasaran") and "(S5)" in ks[8].alasan
    assert ks[8].sheet == "Anggaran"


def test_each_criterion_missing(tmp_path):
    d = T.data()
    for key in ("riwayat", "renstra", "analisis", "catatan", "tugas"):
        d[key] = []
    d["capaian"] = [{"kode": k} for k in IND]
    d["sub_indikator"] = [dict(s, realisasi=None) for s in d["sub_indikator"]]
    d["anggaran"] = [dict(a, kode_sasaran="") for a in d["anggaran"]]
    ks = _check(tmp_path, d)
    assert {n: k.status for n, k in ks.items()} == {
        1: "Sebagian", 2: "Belum", 3: "Belum", 4: "Belum", 5: "Belum", 6: "Sebagian", 7: "Belum", 8: "Belum",
        9: "Belum"}
    assert ks[1].sheet == "Tugas, Renstra" and "Rencana Strategis (BAB II A)" in ks[1].alasan
    assert ks[9].baris() == ("Rekomendasi perbaikan: Belum — belum ada rekomendasi — isi sheet Catatan dengan "
                             "Jenis 'Rekomendasi'")
    assert lke.ringkas(list(ks.values())) == "0 Terpenuhi, 2 Sebagian, 7 Belum"


def test_lkj_periksa(tmp_path):
    path = T.tulis(tmp_path / "004.xlsx")
    result = cli.invoke(app, ["periksa", str(path)])
    assert result.exit_code == 1, result.output
    assert "6 Terpenuhi, 3 Sebagian, 0 Belum." in result.output
    out = json.loads(cli.invoke(app, ["periksa", str(path), "--json"]).output)
    assert [k["status"] for k in out][3:7] == ["Sebagian", "Terpenuhi", "Sebagian", "Sebagian"]
    full = T.tulis(tmp_path / "lengkap.xlsx", _lengkap())
    assert cli.invoke(app, ["periksa", str(full)]).exit_code == 0


def test_masalah_sheet_lists_the_criteria(tmp_path):
    path = T.tulis(tmp_path / "004.xlsx")
    out = tmp_path / "hasil.xlsx"
    assert cli.invoke(app, ["hitung", str(path), "-o", str(out)]).exit_code == 0
    rows = [r for r in load_workbook(out)["Masalah"].iter_rows(min_row=4, values_only=True) if r[0]]
    lke_rows = [r for r in rows if str(r[0]).startswith("lke-3b-")]
    assert [r[0] for r in lke_rows] == [f"lke-3b-{n}" for n in range(1, 10)]
    assert lke_rows[4][1:4] == ("LKE 3.b: Terpenuhi", None, "Perbandingan dengan tahun sebelumnya: Terpenuhi — "
                                                            "6 (enam) indikator punya realisasi tahun lalu")
    assert lke_rows[6][1:3] == ("LKE 3.b: Sebagian", "Analisis")
    # a quarterly workbook gets no LKE rows
    q = tmp_path / "q.xlsx"
    assert cli.invoke(app, ["hitung", str(SEED000_XLSX), "-o", str(q)]).exit_code in (0, 1)
    assert not any(str(r[0]).startswith("lke-") for r in load_workbook(q)["Masalah"].iter_rows(values_only=True))


def _rows(path, sheet):
    ws = load_workbook(path)[sheet]
    head = [c.value for c in ws[1]]
    return [dict(zip(head, r)) for r in ws.iter_rows(min_row=2, values_only=True) if r[0] is not None]


def _unit_kedua() -> dict:
    """Seed 004 as if typed by a second unit of the same Setda (other people, other budget codes)."""
    d = T.data()
    d["identitas"].update(unit="Bagian Hukum", jabatan="Kepala Bagian Hukum", nama="Nama Kepala Bagian Hukum",
                          nip="198001012005011001")
    d["anggaran"] = [dict(a, kode="2" + a["kode"][1:]) for a in d["anggaran"]]
    return d


def test_batch_and_gabung_with_annual_workbooks(tmp_path):
    folder = tmp_path / "masuk"
    folder.mkdir()
    T.tulis(folder / "organisasi.xlsx")
    T.tulis(folder / "hukum.xlsx", _unit_kedua())
    hasil = B.jalankan(folder, tmp_path / "keluar", jobs=1, gabung=True)
    by = {f.rel: f for f in hasil.files}
    assert {f.status for f in hasil.files} == {"Berhasil"}, [f.alasan for f in hasil.files]
    annual = Document(str(by["organisasi.xlsx"].docx))
    assert [p.text for p in annual.paragraphs if p.style.name == "Heading 1"][:4] == [
        "KATA PENGANTAR", "DAFTAR ISI", "IKHTISAR EKSEKUTIF", "BAB I PENDAHULUAN"]
    assert by["organisasi.xlsx"].docx.name.startswith("2024_Tahunan")
    ring = {r["File Workbook"]: r for r in _rows(hasil.rekap, "Ringkasan")}
    assert ring["organisasi.xlsx"]["Kualitas Laporan Tahunan (LKE 3.b)"] == "6 Terpenuhi, 3 Sebagian, 0 Belum"
    mas = [r for r in _rows(hasil.rekap, "Masalah") if r["Jenis"] == "LKE 3.b" and r["File Workbook"] == "hukum.xlsx"]
    assert [(r["Kode"], r["Tingkat"], r["Sheet"]) for r in mas] == [
        ("lke-3b-4", "Sebagian", "Renstra"), ("lke-3b-6", "Sebagian", "Pembanding"), ("lke-3b-7", "Sebagian", "Analisis")]
    assert len(hasil.gabungan) == 1
    text = "\n".join(p.text for p in Document(str(hasil.gabungan[0])).paragraphs)
    assert text.count("IKHTISAR EKSEKUTIF") >= 2 and "triwulan" not in text.lower()


def test_quarterly_batch_rekap_has_no_lke(tmp_path):
    folder = tmp_path / "masuk"
    folder.mkdir()
    shutil.copy2(SEED000_XLSX, folder / SEED000_XLSX.name)
    hasil = B.jalankan(folder, tmp_path / "keluar", jobs=1)
    assert _rows(hasil.rekap, "Ringkasan")[0]["Kualitas Laporan Tahunan (LKE 3.b)"] is None
    assert not [r for r in _rows(hasil.rekap, "Masalah") if r["Jenis"] == "LKE 3.b"]


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice/pdftotext tidak terpasang")
def test_batch_pdf_of_an_annual_workbook_has_its_daftar_isi(tmp_path):
    folder = tmp_path / "masuk"
    folder.mkdir()
    T.tulis(folder / "004_tahunan.xlsx")
    hasil = B.jalankan(folder, tmp_path / "keluar", jobs=1, pdf=True)
    assert hasil.files[0].status == "Berhasil", hasil.files[0].alasan
    pdf = hasil.files[0].pdf
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    toc = text.split("DAFTAR ISI", 1)[1][:3000]
    assert "BAB III AKUNTABILITAS KINERJA" in toc and ".........." in toc


def test_addin_buat_lkj_and_hitung_on_an_annual_workbook(tmp_path):
    from tests.test_addin import run, writes_on          # xlwings' real remote engine
    path = T.tulis(tmp_path / "004.xlsx")
    result, _, _ = run(path, "buat_lkj", out_dir=tmp_path / "LKj", buka=lambda _: None)
    doc = Document(str(result.berkas[0]))
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"][:3] == [
        "KATA PENGANTAR", "DAFTAR ISI", "IKHTISAR EKSEKUTIF"]
    _, _, actions = run(path, "hitung")
    rows = writes_on(actions, "Masalah")[-1]["values"]
    lke_rows = [r for r in rows if str(r[0]).startswith("lke-3b-")]
    assert [r[0] for r in lke_rows] == [f"lke-3b-{n}" for n in range(1, 10)]
    assert lke_rows[6][1] == "LKE 3.b: Sebagian" and lke_rows[6][2] == "Analisis"
