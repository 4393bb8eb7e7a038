"""Hostile input to reading (issue 9 §3–§5): every case is built here from the seed 000 workbook
(`contoh/000_…xlsx`, transcribed from seed 000) or its JSON, and asserts the exact (code, cell) list
and, through the front doors, one Indonesian message, no traceback, the input unchanged, no leftovers.

Seed 000 cells used: Capaian!E4..E9 = realisasi s.d. TW III of IK1..IK6 (all satuan %), PK!H4 = target
of IK1 (100), Anggaran!F4 = pagu of the first line, Identitas!B16 = Tahun Anggaran, Pengaturan!B5 =
Jumlah Desimal. Sheet parts: sheet4.xml = PK, sheet5.xml = Capaian, xl/styles.xml.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tracemalloc
import zipfile
from decimal import Decimal as D
from pathlib import Path

import pytest

from lkj_xl.core.engine import olah_file
from lkj_xl.core.problems import CATALOG, LkjError
from lkj_xl.core.reading import load_grids, read_workbook

from .conftest import ROOT, SEED000_XLSX

READING_CODES = {"bukan-angka", "angka-ambigu", "dua-angka", "tanggal-di-kolom-angka", "galat-rumus",
                 "rumus-tanpa-nilai", "nilai-tak-hingga", "angka-di-luar-batas", "target-bukan-angka",
                 "target-nol", "realisasi-kosong"}
PK_PART, CAPAIAN_PART = "xl/worksheets/sheet4.xml", "xl/worksheets/sheet5.xml"


def found(o) -> list[tuple[str, str]]:
    """(code, cell) of the number-reading problems, in report order."""
    return [(p.code, p.where) for p in o.masalah if p.code in READING_CODES]


def capaian_of(o, kode: str):
    return next(h for h in o.hasil.indikator if h.indikator.kode == kode).capaian


def edit_part(src: Path, dst: Path, part: str, edit) -> Path:
    """Copy the .xlsx `src` to `dst` with one package part rewritten by `edit(xml text) -> text`."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == part:
                data = edit(data.decode("utf-8")).encode("utf-8")
            zout.writestr(info, data)
    return dst


def set_cell_xml(src: Path, dst: Path, part: str, ref: str, cell_xml: str) -> Path:
    """Replace the <c r="ref"> element of a sheet part by `cell_xml`."""
    def edit(xml: str) -> str:
        new, n = re.subn(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', cell_xml, xml, count=1)
        assert n == 1, ref
        return new
    return edit_part(src, dst, part, edit)


# ------------------------------------------------------------------ §3 never misread a number

@pytest.mark.parametrize("typed, code", [
    ("12.5.6", "angka-ambigu"),          # was read as 1256
    ("1,2,3", "angka-ambigu"),           # was read as 123
    ("12 orang/9 bulan", "dua-angka"),   # seed 001 line 943, was read as 12 -> 100 % instead of 75 %
    ("1e308", "angka-ambigu"),           # was read as 1
    ("2 Oktober 2023", "tanggal-di-kolom-angka"),
    ("#DIV/0!", "galat-rumus"),          # typed, or an error value from the add-in (err_to_str)
    ("NaN", "nilai-tak-hingga"),
])
def test_typed_realisasi_that_is_not_one_number(make_book, typed, code):
    o = olah_file(make_book(edit=lambda wb: wb["Capaian"].__setitem__("E4", typed)))
    assert found(o) == [(code, "Capaian!E4")]
    assert capaian_of(o, "IK1") is None                      # not computed from a guess
    assert next(p for p in o.masalah if p.code == code).message == \
        CATALOG[code][1].format(label="Realisasi s.d. TW III", teks=typed, batas="")


def test_target_typed_as_in_seed_001_is_two_numbers(make_book):
    """Seed 001 line 943: target '12 orang/12 bulan', realisasi '12 orang/9 bulan'."""
    def edit(wb):
        wb["PK"]["H4"] = "12 orang/12 bulan"
        wb["Capaian"]["E4"] = "12 orang/9 bulan"
    o = olah_file(make_book(edit=edit))
    assert found(o) == [("dua-angka", "PK!H4"), ("dua-angka", "Capaian!E4")]
    assert capaian_of(o, "IK1") is None and "IK1" not in {h.indikator.kode for h in o.hasil.tercapai}


def test_accepted_forms_still_read(make_book):
    def edit(wb):
        cap = wb["Capaian"]
        cap["E4"], cap["E5"], cap["E6"], cap["E7"] = "91,67%", "94.87%", "Nilai 10,1", "4,51 (A-)"
        cap["E8"] = 0.9546
        cap["E8"].number_format = "0.00%"
        wb["Anggaran"]["F4"], wb["Anggaran"]["K4"] = "Rp. 14.654.000,-", "1.234.567"
    lap = read_workbook(make_book(edit=edit))
    assert [lap.realisasi[k].tw[2].angka for k in ("IK1", "IK2", "IK3", "IK4", "IK5")] == \
           [D("91.67"), D("94.87"), D("10.1"), D("4.51"), D("95.46")]
    assert (lap.anggaran[0].pagu, lap.anggaran[0].tw[2]) == (D("14654000"), D("1234567"))
    assert lap.masalah_baca == []


def test_date_in_a_number_cell(make_book):
    def edit(wb):
        wb["Capaian"]["E4"] = dt.date(2023, 10, 2)
        wb["Capaian"]["E4"].number_format = "dd/mm/yyyy"
    o = olah_file(make_book(edit=edit))
    assert found(o) == [("tanggal-di-kolom-angka", "Capaian!E4")]   # was read as its year, 2023
    assert "2023-10-02" in next(p.message for p in o.masalah if p.code == "tanggal-di-kolom-angka")


def test_cached_formula_errors_in_capaian_and_pk(tmp_path):
    """Excel stores a formula's error as <c t="e"><f>…</f><v>#DIV/0!</v></c>."""
    step = set_cell_xml(SEED000_XLSX, tmp_path / "a.xlsx", CAPAIAN_PART, "E4",
                        '<c r="E4" t="e"><f>C4/0</f><v>#DIV/0!</v></c>')
    bad = set_cell_xml(step, tmp_path / "b.xlsx", PK_PART, "H5", '<c r="H5" t="e"><f>1/0</f><v>#DIV/0!</v></c>')
    o = olah_file(bad)
    assert found(o) == [("galat-rumus", "PK!H5"), ("galat-rumus", "Capaian!E4")]   # not "target bernilai 0"
    assert capaian_of(o, "IK1") is None and capaian_of(o, "IK2") is None
    assert capaian_of(o, "IK3") == D("100")                              # the others still computed


def test_formula_without_a_cached_value(make_book):
    """openpyxl (like many scripts) writes formulas with no cached value."""
    o = olah_file(make_book(edit=lambda wb: wb["Capaian"].__setitem__("E4", "=C4+D4")))
    assert found(o) == [("rumus-tanpa-nilai", "Capaian!E4")]         # was "belum diisi"
    assert "=C4+D4" in next(p.message for p in o.masalah if p.code == "rumus-tanpa-nilai")


@pytest.mark.parametrize("stored", ["NaN", "INF", "-INF", "1e999"])
def test_nan_and_infinity_stored_in_a_cell(tmp_path, stored):
    bad = set_cell_xml(SEED000_XLSX, tmp_path / "nan.xlsx", CAPAIAN_PART, "E4", f'<c r="E4"><v>{stored}</v></c>')
    o = olah_file(bad)
    assert found(o) == [("nilai-tak-hingga", "Capaian!E4")]


def test_absurd_values(make_book, seed_data):
    seed_data["identitas"]["tahun"] = 2300
    def edit(wb):
        wb["PK"]["H4"] = 5e-324                 # was: an average of 3,3e27 % with 0 errors
        wb["Capaian"]["E5"] = 2_000_000         # IK2 is a % indicator: 2.000.000 % is a slip
        wb["Anggaran"]["F4"] = 1e15
        wb["Anggaran"]["K4"] = "1.000.000.000.000.000"
        wb["Pengaturan"]["B5"] = 9
    o = olah_file(make_book(seed_data, edit=edit))
    assert [(p.code, p.where) for p in o.masalah if p.code == "angka-di-luar-batas"] == [
        ("angka-di-luar-batas", "Identitas!B16"), ("angka-di-luar-batas", "PK!H4"),
        ("angka-di-luar-batas", "Capaian!E5"), ("angka-di-luar-batas", "Anggaran!F4"),
        ("angka-di-luar-batas", "Anggaran!K4"), ("angka-di-luar-batas", "Pengaturan!B5")]
    assert capaian_of(o, "IK1") is None and capaian_of(o, "IK2") is None
    assert o.hasil.kinerja < 200
    assert o.laporan.pengaturan.desimal == 2 and o.laporan.identitas.tahun is None
    msg = {p.where: p.message for p in o.masalah}
    assert msg["Identitas!B16"] == "Tahun Anggaran bernilai 2300, di luar batas yang wajar (2000–2100)."
    assert msg["Pengaturan!B5"] == "Jumlah Desimal bernilai 9, di luar batas yang wajar (0–4)."


def test_excel_escapes_in_text_are_decoded(make_book, seed_data):
    seed_data["identitas"]["unit"] = "Bagian_x0020_Organisasi_x000D_"
    lap = read_workbook(make_book(seed_data))
    assert lap.identitas.unit == "Bagian Organisasi"


@pytest.mark.parametrize("dimension", ["A1:C3", "A1:T3000000"])
def test_stale_dimension_loses_no_rows_and_costs_nothing(tmp_path, dimension):
    """Some exporters write a wrong <dimension>: openpyxl's read-only mode trusted it (rows lost, or
    3.000.000 empty rows built: 3,5 GB). The reader walks the rows that are there."""
    def edit(xml):
        return re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>', xml)
    bad = edit_part(SEED000_XLSX, tmp_path / "dim.xlsx", PK_PART, edit)
    tracemalloc.start()
    lap = read_workbook(bad)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [i.kode for i in lap.indikator] == ["IK1", "IK2", "IK3", "IK4", "IK5", "IK6"]
    assert peak < 50 * 1024 * 1024
    assert load_grids(bad, ("PK",))["PK"].bottom == 9           # header row 3 + 6 indicators


# ------------------------------------------------------------------ §4, §5 unusable files: one message

BOMB = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]>')


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _link(path: Path, target: str) -> Path:
    path.symlink_to(target)
    return path


# case -> (file name, how to build it in a folder, words the one message must hold)
HOSTILE = {
    "entity-bomb": ("bom.xlsx", lambda p: edit_part(SEED000_XLSX, p, PK_PART,
                                                    lambda x: BOMB + x.replace("<v>100</v>", "<v>&lol3;</v>", 1)),
                    ["bom.xlsx", "rusak", PK_PART, "DTD"]),
    "entity-bomb-after-a-long-comment": ("komentar.xlsx", lambda p: edit_part(
        SEED000_XLSX, p, PK_PART, lambda x: '<?xml version="1.0"?><!--' + "x" * 70_000 + "-->"
        + BOMB[len('<?xml version="1.0"?>'):] + re.sub(r"^<\?xml[^>]*\?>", "", x).replace("<v>100</v>", "<v>&lol3;</v>", 1)),
        ["komentar.xlsx", "rusak", PK_PART, "tidak diawali elemen XML"]),
    "undefined-entity": ("entitas.xlsx", lambda p: edit_part(SEED000_XLSX, p, PK_PART,
                                                             lambda x: x.replace("<v>100</v>", "<v>&tidakada;</v>", 1)),
                         ["entitas.xlsx", "rusak", PK_PART, "sheet 'PK'", "XML-nya tidak utuh", "tidakada"]),
    "control-character": ("kendali.xlsx", lambda p: edit_part(SEED000_XLSX, p, CAPAIAN_PART,
                                                              lambda x: x.replace("<t>", "<t>\x01", 1)),
                          ["kendali.xlsx", "rusak", CAPAIAN_PART, "sheet 'Capaian'"]),
    "control-character-styles": ("gaya.xlsx", lambda p: edit_part(SEED000_XLSX, p, "xl/styles.xml",
                                                                  lambda x: x.replace("><", ">\x02<", 1)),
                                 ["gaya.xlsx", "rusak", "xl/styles.xml"]),
    "shared-string-out-of-range": ("teks.xlsx", lambda p: set_cell_xml(
        SEED000_XLSX, p, CAPAIAN_PART, "E4", '<c r="E4" t="s"><v>999</v></c>'),
        ["teks.xlsx", "rusak", CAPAIAN_PART, "sheet 'Capaian'", "tidak sesuai format Excel"]),
    "bad-cell-reference": ("ref.xlsx", lambda p: set_cell_xml(
        SEED000_XLSX, p, CAPAIAN_PART, "E4", '<c r="4E"><v>1</v></c>'),
        ["ref.xlsx", "rusak", CAPAIAN_PART, "sheet 'Capaian'", "tidak sesuai format Excel"]),
    "fifo": ("pipa.xlsx", _fifo, ["pipa.xlsx", "bukan file biasa"]),
    "link-to-dev-zero": ("nol.xlsx", lambda p: _link(p, "/dev/zero"), ["nol.xlsx", "bukan file biasa"]),
    "rows-over-limit": ("baris.xlsx", lambda p: set_cell_xml(
        SEED000_XLSX, p, PK_PART, "H4", '<c r="H4"><v>100</v></c></row><row r="3000000"><c r="A3000000"><v>1</v></c>'),
        ["baris.xlsx", "3.000.000", "LKJ_MAKS_BARIS", "naikkan"]),
    # the small workbook declaring 3.000.000 rows (here: empty <row/> elements after the PK table)
    "three-million-rows": ("juta.xlsx", lambda p: edit_part(SEED000_XLSX, p, PK_PART,
                                                            lambda x: x.replace("</sheetData>", "<row/>" * 3_000_000
                                                                                + "</sheetData>", 1)),
                           ["juta.xlsx", "100.001", "LKJ_MAKS_BARIS", "naikkan"]),
}


def hostile_file(folder: Path, case: str) -> tuple[Path, list[str]]:
    name, build_it, words = HOSTILE[case]
    return build_it(folder / name), words


@pytest.mark.parametrize("case", ["entity-bomb", "entity-bomb-after-a-long-comment", "undefined-entity",
                                  "control-character", "control-character-styles", "shared-string-out-of-range",
                                  "bad-cell-reference", "fifo", "link-to-dev-zero", "rows-over-limit",
                                  "three-million-rows"])
def test_unusable_file_is_one_message(tmp_path, case):
    path, words = hostile_file(tmp_path, case)
    tracemalloc.start()
    with pytest.raises(LkjError) as exc:
        read_workbook(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 100 * 1024 * 1024, peak          # was 3,5 GB for the three million rows
    for word in words:
        assert word in str(exc.value), (case, str(exc.value))


def test_limits_can_be_raised_with_the_environment(make_book, monkeypatch):
    path = make_book()
    monkeypatch.setenv("LKJ_MAKS_SEL", "100")
    with pytest.raises(LkjError) as exc:
        read_workbook(path)
    assert "LKJ_MAKS_SEL" in str(exc.value) and "batas jumlah sel yang dibaca dari seluruh workbook: 100" in str(exc.value)
    monkeypatch.setenv("LKJ_MAKS_UKURAN_MB", "1")
    big = path.with_name("besar.xlsx")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info))
        zout.writestr("xl/media/isi.bin", b"\0" * (2 * 1024 * 1024))
    with pytest.raises(LkjError) as exc:
        read_workbook(big)
    assert "besar.xlsx" in str(exc.value) and "LKJ_MAKS_UKURAN_MB" in str(exc.value)
    monkeypatch.setenv("LKJ_MAKS_SEL", "100000")
    monkeypatch.setenv("LKJ_MAKS_UKURAN_MB", "50")
    assert len(read_workbook(big).indikator) == 6


# ------------------------------------------------------------------ the front doors

def lkj(*args, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """`lkj …` in a fresh process (a FIFO would hang it: the timeout fails the test instead)."""
    env = dict(os.environ, COLUMNS="200", PYTHONPATH=str(ROOT))
    env.pop("LKJ_DEBUG", None)
    code = "import sys; from lkj_xl.cli import main; sys.argv[0] = 'lkj'; sys.exit(main())"
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


def digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def door_runs(path: Path, tmp: Path):
    """(door, completed process, outputs the run may legitimately leave)."""
    out_xlsx, out_docx = tmp / "keluar" / "hasil.xlsx", tmp / "keluar" / "laporan.docx"
    out_xlsx.parent.mkdir(exist_ok=True)
    yield "validasi", lkj("validasi", path, cwd=tmp), set()
    yield "validasi --json", lkj("validasi", path, "--json", cwd=tmp), set()
    yield "hitung", lkj("hitung", path, "-o", out_xlsx, cwd=tmp), {out_xlsx}
    yield "buat", lkj("buat", path, "-o", out_docx, cwd=tmp), set()


def assert_front_doors(path: Path, tmp: Path, words: list[str], fatal: bool):
    before = {p: digest(p) for p in tmp.rglob("*") if not p.is_symlink() and p.is_file()}
    for door, r, allowed in door_runs(path, tmp):
        text = r.stdout + r.stderr
        assert r.returncode == 1, (door, text)
        assert "Traceback" not in text and "tak terduga" not in text, (door, text)
        flat = " ".join(text.split())
        if door == "validasi --json":
            data = json.loads(r.stdout)                         # JSON in every case
            if fatal:
                assert data["masalah"] == [] and all(w in data["fatal"] for w in words), data
            else:
                assert data["fatal"] is None and all(w in json.dumps(data, ensure_ascii=False) for w in words)
        elif door == "hitung" and not fatal:                 # problems go to the output's Masalah sheet
            (out,) = allowed
            from openpyxl import load_workbook
            listed = " ".join(str(v) for row in load_workbook(out)["Masalah"].iter_rows(values_only=True)
                              for v in row if v is not None)
            assert "kesalahan" in flat and all(w in listed for w in words), (flat, listed)
        else:
            assert all(w in flat for w in words), (door, flat)
        after = {p for p in tmp.rglob("*") if not p.is_symlink() and p.is_file()}
        left = after - set(before) - (allowed if not fatal else set())
        assert left == set(), (door, left)                     # no temporary or partial file
        for p, d in before.items():
            assert digest(p) == d, (door, p)                   # input unchanged
        for p in allowed:
            p.unlink(missing_ok=True)


@pytest.mark.parametrize("case", ["entity-bomb", "undefined-entity", "control-character", "fifo",
                                  "link-to-dev-zero", "rows-over-limit", "three-million-rows"])
def test_front_doors_on_unusable_files(tmp_path, case):
    path, words = hostile_file(tmp_path, case)
    assert_front_doors(path, tmp_path, words, fatal=True)


def test_front_doors_on_misread_numbers(make_book, tmp_path):
    def edit(wb):
        wb["Capaian"]["E4"] = "12 orang/9 bulan"
        wb["Capaian"]["E5"] = "12.5.6"
        wb["Capaian"]["E6"] = "=C6+D6"
    path = make_book(edit=edit, name="angka.xlsx")
    o = olah_file(path)
    assert found(o) == [("dua-angka", "Capaian!E4"), ("angka-ambigu", "Capaian!E5"),
                        ("rumus-tanpa-nilai", "Capaian!E6")]
    assert_front_doors(path, tmp_path, ["Capaian!E4", "dua-angka", "Capaian!E5", "angka-ambigu",
                                        "Capaian!E6", "rumus-tanpa-nilai"], fatal=False)


# ------------------------------------------------------------------ the add-in reads errors as the CLI does

def test_addin_reads_a_div0_cell_as_the_cli_does(tmp_path):
    """xlwings turns error cells into None unless err_to_str: the ribbon then saw an empty cell
    ('belum diisi') where the CLI sees the error. Both must report galat-rumus at Capaian!E4."""
    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    import xlwings as xw
    from openpyxl import load_workbook
    from lkj_xl.addin import handlers
    from tests.test_addin_payload import payload

    wb = load_workbook(SEED000_XLSX)
    wb["Capaian"]["E4"] = "#DIV/0!"           # openpyxl stores an error value (t="e"), as Excel caches one
    path = tmp_path / "galat.xlsx"
    wb.save(path)
    p = payload(path)
    assert next(s for s in p["sheets"] if s["name"] == "Capaian")["values"][3][4] == "#DIV/0!"
    cli = found(olah_file(path))
    ribbon = found(handlers.validasi(xw.Book(json=p)).olahan)
    assert cli == ribbon == [("galat-rumus", "Capaian!E4")]
