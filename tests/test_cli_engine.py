"""`lkj baru / validasi / hitung` end to end on real files, including the round-trip guarantee."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest
from openpyxl import load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName
from typer.testing import CliRunner

from lkj_xl.core import layout as L
from lkj_xl.cli import app

from .conftest import SEED000_XLSX
from .workbook_snapshot import snapshot

runner = CliRunner()


def run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    result.text = " ".join(result.output.split())      # rich wraps long lines; compare words
    return result


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_baru_creates_a_filled_workbook(tmp_path):
    out = tmp_path / "baru.xlsx"
    r = run("baru", out, "--unit", "Kecamatan Tempeh", "--jabatan", "Camat Tempeh", "--tahun", 2024,
            "--periode", "TW I", "--nip", "19870702 200602 1 002")
    assert r.exit_code == 0, r.output
    ws = load_workbook(out)["Identitas"]
    assert (ws["B5"].value, ws["B8"].value, ws["B11"].value, ws["B16"].value, ws["B17"].value) == \
           ("Kecamatan Tempeh", "Camat Tempeh", "19870702 200602 1 002", 2024, "TW I")
    again = run("baru", out)
    assert again.exit_code == 2 and "sudah ada" in again.text


def test_baru_rejects_unknown_period(tmp_path):
    r = run("baru", tmp_path / "x.xlsx", "--periode", "TW V")
    assert r.exit_code == 2 and "Periode 'TW V' tidak dikenal" in r.text


def test_validasi_exit_codes_and_json(make_book, seed_data):
    assert run("validasi", SEED000_XLSX).exit_code == 0          # warnings only
    seed_data["capaian"][0]["real_tw3"] = None
    bad = make_book(seed_data)
    r = run("validasi", bad)
    assert r.exit_code == 1 and "Capaian!E4" in r.output and "realisasi-kosong" in r.output
    r = run("validasi", bad, "--json")
    data = json.loads(r.output)
    assert r.exit_code == 1 and data["fatal"] is None
    assert {"code": "realisasi-kosong", "where": "Capaian!E4"}.items() <= \
           next(p for p in data["masalah"] if p["code"] == "realisasi-kosong").items()
    assert run("validasi").exit_code == 2                          # usage


def test_validasi_unusable_file_gives_one_message(tmp_path):
    p = tmp_path / "rusak.xlsx"
    p.write_bytes(b"PK\x03\x04 not really a zip")
    r = run("validasi", p)
    assert r.exit_code == 1
    assert "Traceback" not in r.output and "rusak.xlsx" in r.output
    data = json.loads(run("validasi", p, "--json").output)
    assert "rusak.xlsx" in data["fatal"]


def _decorate(path):
    """What a real user's workbook has beyond the template: an extra sheet, names, styles, widths."""
    wb = load_workbook(path)
    extra = wb.create_sheet("Catatan Saya")
    extra["A1"] = "jangan dihapus"
    extra["B2"] = "=SUM(1,2)"
    wb.defined_names["TotalPagu"] = DefinedName("TotalPagu", attr_text="Anggaran!$F$4:$F$9")
    wb["PK"]["E4"].font = Font(bold=True, color="FF0000")
    wb["Anggaran"]["C5"].fill = PatternFill("solid", fgColor="00FF00")
    wb["PK"].column_dimensions["E"].width = 77
    wb["Strategi"].merge_cells("C4:C5")
    wb.save(path)


def _computed_cell(sheet: str, row: int, col: int) -> bool:
    for spec in (L.CAPAIAN, L.ANGGARAN):
        if sheet == spec.name and row > spec.header_row:
            return col in [i + 1 for i, c in enumerate(spec.columns) if c.computed]
    return False


def test_hitung_writes_only_computed_columns_and_output_sheets(tmp_path):
    src = tmp_path / "laporan.xlsx"
    src.write_bytes(SEED000_XLSX.read_bytes())
    _decorate(src)
    before = sha(src)
    out = tmp_path / "hasil.xlsx"
    r = run("hitung", src, "-o", out)
    assert r.exit_code == 0, r.output
    assert "43,12%" in r.text and "81,74%" in r.text
    assert sha(src) == before                                      # the input is never touched
    skip = ("Hasil", "Masalah")
    assert snapshot(out, skip, _computed_cell) == snapshot(src, skip, _computed_cell)

    wb = load_workbook(out)
    cap = wb["Capaian"]
    assert [cap.cell(r, 10).value for r in range(4, 10)] == [25.0, 100.0, 100.0, 91.67, 95.46, 78.33]
    assert [cap.cell(r, 12).value for r in range(4, 10)] == ["Belum", "Ya", "Ya", "Belum", "Belum", "Belum"]
    ang = wb["Anggaran"]
    assert ang["O4"].value == pytest.approx(76.91496837666901)
    assert ang["P4"].value == 4599000
    hasil = {row[0]: row[1] for row in wb["Hasil"].iter_rows(min_row=5, max_row=17, min_col=2, max_col=3,
                                                               values_only=True)}
    assert hasil["Serapan anggaran (%) = total realisasi / total pagu"] == 43.12
    assert hasil["Total pagu (Rp)"] == 690440500
    masalah = wb["Masalah"]
    assert masalah["A4"].value == "anggaran-pk-berbeda"
    assert masalah["C4"].value == "Anggaran!E4"
    assert masalah["C4"].hyperlink.location == "'Anggaran'!E4"
    assert masalah.tables["tblMasalah"].ref == "A3:E8"


def test_hitung_twice_replaces_old_output(tmp_path, make_book, seed_data):
    src = tmp_path / "a.xlsx"
    src.write_bytes(SEED000_XLSX.read_bytes())
    assert run("hitung", src, "--di-tempat").exit_code == 0
    backups = list(tmp_path.glob("a.cadangan-*.xlsx"))
    assert len(backups) == 1 and sha(backups[0]) == sha(SEED000_XLSX)
    wb = load_workbook(src)
    wb["Capaian"]["E4"] = 50                                    # the user updates a value and recomputes
    wb.save(src)
    assert run("hitung", src, "--di-tempat").exit_code == 0
    wb = load_workbook(src)
    assert wb["Capaian"]["J4"].value == 50.0
    codes = [c.value for c in wb["Masalah"]["A"][3:] if c.value]
    assert codes == ["anggaran-pk-berbeda"] * 5                  # no rows left over from the first run


def test_console_script_runs(tmp_path):
    exe = __import__("pathlib").Path(sys.executable).with_name("lkj")
    r = subprocess.run([str(exe), "validasi", str(SEED000_XLSX)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "5 peringatan" in r.stdout
