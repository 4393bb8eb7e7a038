"""Reading: every tolerated form of input, and every unusable input, through real .xlsx files."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from lkj_xl.core.engine import olah_file
from lkj_xl.core.problems import LkjError
from lkj_xl.core.reading import Grid, read_grids, read_workbook

from .conftest import SEED000_XLSX


def test_seed000_reads_completely():
    lap = read_workbook(SEED000_XLSX)
    assert lap.identitas.nip == "198704042007011002"
    assert lap.identitas.tanggal == dt.date(2023, 10, 2)
    assert lap.identitas.tw == 3
    assert [i.kode for i in lap.indikator] == ["IK1", "IK2", "IK3", "IK4", "IK5", "IK6"]
    # blank sasaran cells below the first mean "same as above"
    assert [i.kode_sasaran for i in lap.indikator] == ["S1"] * 5 + ["S2"]
    assert lap.indikator[4].sasaran == "Meningkatnya kualitas fasilitasi kebutuhan operasional perkantoran"
    assert lap.realisasi["IK4"].tw[2].angka == D("91.67")
    assert len(lap.tugas) == 7 and len(lap.rtl) == 5 and len(lap.dokumentasi) == 14
    assert lap.indikator[0].cells["target"] == "PK!H4"
    assert lap.realisasi["IK1"].cells["real_tw3"] == "Capaian!E4"
    assert lap.masalah_baca == []


def test_indonesian_text_numbers_and_percent_formatted_cells(make_book):
    def edit(wb):
        cap = wb["Capaian"]
        cap["E4"] = "91,67%"                 # typed as Indonesian text
        cap["E5"] = 0.9546                   # a percent-formatted cell stores the fraction
        cap["E5"].number_format = "0.00%"
        cap["E6"] = "94.87%"                 # the decimal-point slip of seed 001
        ang = wb["Anggaran"]
        ang["F4"] = "Rp. 19.922.000,-"
        ang["K4"] = "15.323.000"
    lap = read_workbook(make_book(edit=edit))
    assert [lap.realisasi[k].tw[2].angka for k in ("IK1", "IK2", "IK3")] == [D("91.67"), D("95.46"), D("94.87")]
    assert lap.anggaran[0].pagu == D("19922000")
    assert lap.anggaran[0].tw[2] == D("15323000")
    assert lap.masalah_baca == []


def test_merged_sasaran_cells_extra_columns_and_trailing_rows(make_book):
    def edit(wb):
        pk = wb["PK"]
        for r in range(5, 9):
            pk.cell(r, 1).value = None       # kode sasaran typed once only
        pk.merge_cells("C4:C8")               # sasaran merged over its five indicators
        pk.insert_cols(3)                     # a column of the user's own, between known ones
        pk["C3"] = "Catatan Saya"
        pk["C4"] = "bebas"
        pk.cell(3, 20, "Kolom Tambahan")
        for r in range(10, 40):               # trailing rows with blanks and whitespace only
            pk.cell(r, 5, "  ")
        wb["Capaian"].cell(30, 1, None)
    lap = read_workbook(make_book(edit=edit))
    assert len(lap.indikator) == 6
    assert [i.kode_sasaran for i in lap.indikator] == ["S1"] * 5 + ["S2"]
    assert {i.sasaran for i in lap.indikator[:5]} == {"Meningkatnya kualitas fasilitasi kebutuhan operasional perkantoran"}
    assert lap.indikator[0].cells["indikator"] == "PK!F4"     # shifted right by the inserted column
    assert lap.indikator[5].target.angka == D(100)


def test_dates_as_dates_or_indonesian_text(make_book, seed_data):
    seed_data["identitas"]["tanggal"] = "2 Oktober 2023"
    lap = read_workbook(make_book(seed_data, edit=lambda wb: wb["Identitas"].cell(20, 2, "04/04/2023")))
    assert lap.identitas.tanggal == dt.date(2023, 10, 2)
    assert lap.identitas.tanggal_pk == dt.date(2023, 4, 4)


def test_unparseable_cells_become_problems_with_cells(make_book):
    def edit(wb):
        wb["Anggaran"]["F5"] = "empat juta"
        wb["Identitas"]["B19"] = "awal Oktober"
        wb["PK"]["G4"] = "Naik"
    o = olah_file(make_book(edit=edit))
    found = {(p.code, p.where) for p in o.masalah}
    assert ("bukan-angka", "Anggaran!F5") in found
    assert ("bukan-tanggal", "Identitas!B19") in found
    assert ("pilihan-tidak-dikenal", "PK!G4") in found


def test_grid_path_matches_file_path():
    """The add-in feeds plain grids (xlwings values, possibly not starting at A1) through the same reader."""
    wb = load_workbook(SEED000_XLSX, data_only=True)
    grids = {}
    for ws in wb.worksheets:
        values = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]  # used range starting at row 2
        grids[ws.title] = Grid(values, top=2, left=1)
    lap = read_grids(grids, "x.xlsx")
    ref = read_workbook(SEED000_XLSX)
    assert [(i.kode, i.target.angka, i.cells["target"]) for i in lap.indikator] == \
           [(i.kode, i.target.angka, i.cells["target"]) for i in ref.indikator]
    assert lap.identitas == ref.identitas


# ------------------------------------------------------------------ unusable input

def _message(path) -> str:
    with pytest.raises(LkjError) as exc:
        read_workbook(path)
    return str(exc.value)


def test_not_an_xlsx(tmp_path):
    p = tmp_path / "laporan.xlsx"
    p.write_text("ini bukan excel")
    assert "bukan workbook Excel (.xlsx)" in _message(p)


def test_missing_file(tmp_path):
    assert "tidak ditemukan" in _message(tmp_path / "tidak_ada.xlsx")


def test_damaged_zip(tmp_path):
    p = tmp_path / "rusak.xlsx"
    data = SEED000_XLSX.read_bytes()
    p.write_bytes(data[: len(data) // 2])
    msg = _message(p)
    assert "rusak" in msg and "rusak.xlsx" in msg


def test_password_protected(tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile
    p = tmp_path / "sandi.xlsx"
    with SEED000_XLSX.open("rb") as src, p.open("wb") as out:
        OOXMLFile(src).encrypt("rahasia", out)
    assert "dilindungi kata sandi" in _message(p)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) tidak terpasang")
def test_old_xls_written_by_libreoffice(tmp_path):
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "xls",
                    "--outdir", str(tmp_path), str(SEED000_XLSX)], check=True, capture_output=True, timeout=180)
    xls = tmp_path / (SEED000_XLSX.stem + ".xls")
    assert "Excel lama (.xls)" in _message(xls)


def test_missing_sheet(make_book):
    p = make_book(edit=lambda wb: wb.remove(wb["Anggaran"]))
    msg = _message(p)
    assert "Sheet 'Anggaran' tidak ditemukan" in msg and "lkj baru" in msg


def test_missing_required_column(make_book):
    def edit(wb):
        wb["PK"]["H3"] = "Sasaran Angka"
    msg = _message(make_book(edit=edit))
    assert "Sheet 'PK' tidak memiliki kolom 'Target Tahunan' (baris 3)" in msg


def test_missing_identitas_label(make_book):
    def edit(wb):
        wb["Identitas"]["A17"] = "Periode"
    assert "isian 'Periode Laporan'" in _message(make_book(edit=edit))


def test_malformed_old_format_file(tmp_path):
    """An OLE signature followed by garbage (olefile raises ValueError or OSError) is an old .xls."""
    p = tmp_path / "lama.xlsx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "Excel lama (.xls)" in _message(p)


def test_outputs_get_the_usual_permissions(tmp_path):
    import os
    from lkj_xl.workbook.writing import atomic_save
    out = atomic_save(lambda tmp: open(tmp, "w").write("x"), tmp_path / "hasil.xlsx")
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask
