"""`lkj tahunan`: four quarterly workbooks -> one annual workbook, with its checks.

The four files are seed 000's workbook (Bagian Organisasi Lumajang 2023) as it would be kept per quarter:
the TW III values are the seed's (000:81, 000:85 via contoh/sumber/000_*.json); TW I, II and IV values are
constructed here (the seed is one quarter) and rise monotonically up to the year-end figures.
"""
from __future__ import annotations

from decimal import Decimal as D

from openpyxl import load_workbook
from typer.testing import CliRunner

from lkj_xl.cli import app
from lkj_xl.core.engine import olah_file
from lkj_xl.workbook.gabung_tahunan import gabung

from .conftest import build, seed000

runner = CliRunner()
TW = ("TW I", "TW II", "TW III", "TW IV")
# realisasi s.d. TW k of IK1..IK6; TW III = seed 000 (25, 100, 100, 91,67, 95,46, 78,33)
IND = {1: (5, 25, 25, 20, 30, 20), 2: (15, 50, 50, 60, 60, 50), 3: (25, 100, 100, 91.67, 95.46, 78.33),
       4: (100, 100, 100, 100, 100, 100)}
# budget realisasi s.d. TW k of lines 1..6; TW III = seed 000's
BUD = {1: (5000000, 1000000, 8000000, 20000000, 9000000, 40000000),
       2: (10000000, 3000000, 15000000, 50000000, 19000000, 90000000),
       3: (15323000, 4550000, 23105800, 77580827, 28997564, 148140800),
       4: (19000000, 4550000, 40000000, 100000000, 40000000, 450000000)}


def quarter(tw: int, edit=None) -> dict:
    data = seed000()
    data["identitas"]["periode"] = TW[tw - 1]
    data["identitas"]["tanggal"] = {1: "2023-04-05", 2: "2023-07-05", 3: "2023-10-02", 4: "2024-01-05"}[tw]
    for rec, value in zip(data["capaian"], IND[tw]):
        rec.pop("real_tw3", None)
        rec[f"real_tw{tw}"] = value
    for line, value in zip(data["anggaran"], BUD[tw]):
        line.pop("real_tw3", None)
        line[f"real_tw{tw}"] = value
    if edit:
        edit(data)
    return data


def files(tmp_path, edits=None):
    edits = edits or {}
    return [build(quarter(tw, edits.get(tw)), tmp_path / f"TW{tw}.xlsx") for tw in (1, 2, 3, 4)]


def run(*args):
    return runner.invoke(app, ["tahunan", *[str(a) for a in args]])


def test_four_quarters_make_one_annual_workbook(tmp_path):
    paths = files(tmp_path)
    before = [p.read_bytes() for p in paths]
    out = tmp_path / "2023.xlsx"
    result = run(*paths, "-o", out)
    assert result.exit_code == 0, result.output
    assert "Ditulis:" in result.output and "TW IV dari TW4.xlsx" in result.output
    assert [p.read_bytes() for p in paths] == before            # inputs untouched
    ws = load_workbook(out)["Capaian"]
    assert [[ws.cell(r, c).value for c in range(3, 7)] for r in (4, 7)] == [[5, 15, 25, 100], [20, 60, 91.67, 100]]
    o = olah_file(out)
    assert o.laporan.identitas.periode == "Tahunan"
    assert [r.tw[2].angka for r in o.laporan.realisasi_baris] == [D(25), D(100), D(100), D("91.67"), D("95.46"),
                                                                 D("78.33")]
    assert [a.realisasi for a in o.hasil.anggaran] == [D(v) for v in BUD[4]]
    assert o.hasil.total_realisasi == D(653550000)     # 19.000.000 + 4.550.000 + ... + 450.000.000
    assert not [p for p in o.masalah if p.code == "realisasi-menurun"]
    # never overwrite without --timpa; with it, the file is replaced
    again = run(*paths, "-o", out)
    assert again.exit_code == 2 and "sudah ada" in " ".join(again.output.split())
    assert run(*paths, "-o", out, "--timpa").exit_code == 0


def test_disagreements_are_named_with_file_and_cell(tmp_path):
    def other_target(d):
        d["pk"][2]["target"] = 90                        # IK3 in TW II: 90 instead of 100 (PK row 6)

    def other_unit(d):
        d["identitas"]["unit"] = "Bagian Organisasi"     # TW I

    def budget_falls(d):
        d["anggaran"][0]["real_tw3"] = 9000000           # line 1 s.d. TW III below s.d. TW II (10.000.000)

    paths = files(tmp_path, {1: other_unit, 2: other_target, 3: budget_falls})
    g = gabung(paths)
    assert [(p.file, p.code, p.where) for p in g.masalah] == [
        ("TW1.xlsx", "gabung-berbeda", "Identitas!B5"),
        ("TW2.xlsx", "gabung-berbeda", "PK!H6"),
        ("TW3.xlsx", "gabung-anggaran-menurun", "Anggaran!K4"),
    ]
    assert g.masalah[1].message == "Target Tahunan IK3 di file ini ('90') berbeda dari file TW4.xlsx ('100')."
    out = tmp_path / "2023.xlsx"
    result = run(*paths, "-o", out)
    assert result.exit_code == 1 and not out.exists()
    assert "TW3.xlsx: Kesalahan [gabung-anggaran-menurun] Anggaran!K4" in " ".join(result.output.split())


def test_quarters_must_be_distinct_and_include_tw_iv(tmp_path):
    a = build(quarter(3), tmp_path / "a.xlsx")
    b = build(quarter(3), tmp_path / "b.xlsx")
    g = gabung([a, b])
    assert [(p.file, p.code, p.where) for p in g.masalah] == [("b.xlsx", "gabung-periode", "Identitas!B17")]
    assert "triwulan yang sama dengan file a.xlsx" in g.masalah[0].message
    g = gabung([build(quarter(1), tmp_path / "c.xlsx"), a])
    assert [(p.code, p.message) for p in g.masalah] == [
        ("gabung-periode", "Periode Laporan file ini 'TW III': tidak ada file TW IV di antara masukan.")]


def test_missing_indicator_and_earlier_value_differs(tmp_path):
    def drop_ik6(d):
        d["pk"] = d["pk"][:5]
        d["capaian"] = d["capaian"][:5]

    def own_copy(d):
        d["capaian"][0]["real_tw1"] = 6                  # TW IV file also typed s.d. TW I, differently (5)

    g = gabung(files(tmp_path, {2: drop_ik6, 4: own_copy}))
    assert [(p.file, p.code, p.where) for p in g.masalah] == [
        ("TW2.xlsx", "gabung-baris-hilang", "PK"),
        ("TW2.xlsx", "gabung-baris-hilang", "Capaian"),
        ("TW4.xlsx", "gabung-nilai-berbeda", "Capaian!C4"),
    ]
    assert g.masalah[0].message == "Indikator 'IK6' ada di file TW4.xlsx tetapi tidak ada di file ini."
