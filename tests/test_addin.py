"""The ribbon handlers, driven through xlwings' real remote engine (`xw.Book(json=payload)`).

Writes come back as `book.json()["actions"]`; the tests check what is written where, that nothing
lands in an input column, and that Excel traffic does not grow with the number of indicators.
"""
from __future__ import annotations

import os

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")   # before xlwings is imported

import datetime as dt  # noqa: E402
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
import xlwings as xw  # noqa: E402
from openpyxl import load_workbook  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402

from lkj_xl.addin import handlers as addin
from lkj_xl.core import layout as L  # noqa: E402
from lkj_xl.workbook.template import new_workbook  # noqa: E402
from tests.conftest import SEED000_XLSX, build, seed000  # noqa: E402
from tests.test_addin_payload import cells_of, payload, sheet_names_over_time  # noqa: E402

CAPAIAN_SEED000 = [25.0, 100.0, 100.0, 91.67, 95.46, 78.33]
OUTPUT_SHEETS = {L.HASIL, L.MASALAH.name, addin.MARK_SHEET}
RANGE_WRITES = {"setValues", "rangeClearContents", "rangeClear", "setNumberFormat", "setFontProperty", "setFormula"}


def run(wb_or_path, tag: str, **kw):
    """Run a handler on a remote-engine book; returns (result, payload, [(action, sheet name)])."""
    p = payload(wb_or_path)
    book = xw.Book(json=p)
    if kw:
        result = addin.HANDLERS[tag](book, **kw)
    else:
        result = addin.jalankan_pada(book, tag)
    return result, p, sheet_names_over_time(p, book.json()["actions"])


def header_columns(p: dict, sheet: str, spec: L.TableSheet) -> tuple[int, dict[int, L.Column]]:
    """Header row and {column number: layout Column} of a table sheet, from the payload's values."""
    values = next(s for s in p["sheets"] if s["name"] == sheet)["values"]
    by_label = {c.label: c for c in spec.columns}
    for r, row in enumerate(values[:15], start=1):
        found = {c: by_label[v] for c, v in enumerate(row, start=1) if v in by_label}
        if len(found) >= 3:
            return r, found
    raise AssertionError(f"no header in {sheet}")


def alerts(actions) -> list[str]:
    return [a["args"][0] for a, _ in actions if a["func"] == "alert"]


def writes_on(actions, sheet: str, func: str = "setValues"):
    return [a for a, name in actions if name == sheet and a["func"] == func]


def column_values(a: dict, col: int) -> dict[int, object]:
    """{row: value} of one sheet column inside a setValues action."""
    j = col - (a["start_column"] + 1)
    return {a["start_row"] + 1 + i: row[j] for i, row in enumerate(a["values"])} if 0 <= j < a["column_count"] else {}


def assert_only_tool_cells_touched(result, p, actions, previous: set[str] = frozenset()):
    """No action writes into an input column; colours and selection touch only problem cells
    (plus, for colours, cells the tool coloured last time)."""
    problem_cells = {p_.where for p_ in result.olahan.masalah if p_.cell}
    allowed_colour = problem_cells | set(previous)
    specs = {L.CAPAIAN.name: L.CAPAIAN, L.ANGGARAN.name: L.ANGGARAN}
    for a, sheet in actions:
        func = a["func"]
        if func in RANGE_WRITES:
            if sheet in OUTPUT_SHEETS:
                continue
            assert sheet in specs, f"{func} on input sheet {sheet}: {a}"
            header, cols = header_columns(p, sheet, specs[sheet])
            for row, col in cells_of(a):
                assert row > header and col in cols and cols[col].computed, \
                    f"{func} touches {sheet}!{col},{row} (not a computed cell)"
        elif func == "setRangeColors":
            matrix = a["args"][0]
            for (row, col), colour in zip(cells_of(a), (c[0] for c in matrix)):
                if colour != "keep":
                    ref = f"{sheet}!{get_column_letter(col)}{row}"
                    assert ref in allowed_colour, f"colour on {ref}, which names no problem"
        elif func == "rangeSelect":
            ref = f"{sheet}!{get_column_letter(a['start_column'] + 1)}{a['start_row'] + 1}"
            assert ref in problem_cells
        elif func in ("sheetClear", "sheetClearContents"):
            assert sheet in OUTPUT_SHEETS
        else:
            assert func in ("alert", "addSheet", "activateSheet", "setSheetVisibility",
                            "setScreenUpdating", "setCalculation"), func


# ------------------------------------------------------------------ Hitung Capaian

def test_hitung_writes_computed_columns_and_hasil():
    result, p, actions = run(SEED000_XLSX, "hitung")
    header, cols = header_columns(p, "Capaian", L.CAPAIAN)
    capaian_col = next(c for c, col in cols.items() if col.key == "capaian")
    written = {}
    for a in writes_on(actions, "Capaian"):
        written.update(column_values(a, capaian_col))
    assert [written[r] for r in range(header + 1, header + 7)] == pytest.approx(CAPAIAN_SEED000, abs=0.006)
    hasil_rows = [row for a in writes_on(actions, L.HASIL) for row in a["values"]]
    serapan = next(r for r in hasil_rows if str(r[0]).startswith("Serapan anggaran"))
    assert serapan[1] == pytest.approx(43.12)
    assert [a["func"] for a, s in actions if s == L.HASIL][0] == "sheetClear"      # cleared before writing
    msg = alerts(actions)[-1]
    assert "6 indikator" in msg and "43,12%" in msg and "Traceback" not in msg
    assert_only_tool_cells_touched(result, p, actions)


def test_hitung_reads_unsaved_state_and_creates_missing_output_sheets():
    """The handler works on what the book holds now (the payload), and adds Hasil/Masalah if deleted."""
    wb = load_workbook(SEED000_XLSX)
    del wb["Hasil"], wb["Masalah"]
    wb["Capaian"]["E4"] = 50            # an edit 'not saved yet': only in the open book
    result, p, actions = run(wb, "hitung")
    added = [a["args"][1] for a, _ in actions if a["func"] == "addSheet"]
    assert L.HASIL in added and L.MASALAH.name in added
    assert result.olahan.hasil.by_kode()["IK1"].capaian == 50
    assert_only_tool_cells_touched(result, p, actions)


def test_used_range_not_starting_at_a1_gives_same_numbers():
    wb = load_workbook(SEED000_XLSX)
    for ws in (wb["Capaian"], wb["PK"], wb["Anggaran"]):
        for cell in ("A1", "A2"):
            ws[cell] = None
    p = payload(wb)
    for s in p["sheets"]:
        if s["name"] in ("Capaian", "PK", "Anggaran"):
            assert s["used_range_address"].startswith("$A$3")
    book = xw.Book(json=p)
    result = addin.hitung(book)
    assert [float(h.capaian) for h in result.olahan.hasil.indikator] == pytest.approx(CAPAIAN_SEED000, abs=0.006)


# ------------------------------------------------------------------ Validasi and problem colouring

def _with_error(tmp_path) -> Path:
    data = seed000()
    data["capaian"][1]["real_tw3"] = "seratus"       # Capaian!E5: not a number
    data["anggaran"][2]["pagu"] = -5                # Anggaran!F6: negative
    return build(data, tmp_path / "salah.xlsx")


def test_validasi_colours_problem_cells_and_selects_the_first(tmp_path):
    result, p, actions = run(_with_error(tmp_path), "validasi")
    errors = [x for x in result.olahan.masalah if x.severity == "error"]
    assert errors
    colours = {}
    for a, sheet in actions:
        if a["func"] == "setRangeColors":
            for (row, col), c in zip(cells_of(a), (c[0] for c in a["args"][0])):
                if c != "keep":
                    colours[f"{sheet}!{get_column_letter(col)}{row}"] = c
    for e in errors:
        assert colours[e.where] == addin.ERROR_FILL.lower()
    warnings = {x.where for x in result.olahan.masalah if x.severity == "warning"} - {e.where for e in errors}
    assert all(colours[w] == addin.WARNING_FILL.lower() for w in warnings)
    first = next(x for x in result.olahan.masalah if x.cell)
    sel = [(a, s) for a, s in actions if a["func"] == "rangeSelect"]
    assert len(sel) == 1 and sel[0][1] == first.sheet
    masalah = writes_on(actions, L.MASALAH.name)[-1]
    assert masalah["start_row"] + 1 == L.MASALAH.first_data_row
    links = [row[2] for row in masalah["values"]]
    assert any(v.startswith('=HYPERLINK("#\'Capaian\'!') for v in links)
    msg = alerts(actions)[-1]
    assert "kesalahan" in msg and "sheet Masalah" in msg
    # the cells coloured are recorded on the hidden sheet for next time
    mark = writes_on(actions, addin.MARK_SHEET)[-1]
    assert {r[0] for r in mark["values"][1:]} == set(colours)
    assert any(a["func"] == "setSheetVisibility" for a, s in actions if s == addin.MARK_SHEET)
    assert_only_tool_cells_touched(result, p, actions)


def test_fixed_cells_get_the_template_fill_back():
    wb = load_workbook(SEED000_XLSX)
    mark = wb.create_sheet(addin.MARK_SHEET)
    mark["A1"], mark["A2"], mark["A3"] = addin.MARK_HEADER, "Capaian!E5", "Capaian!J6"
    mark.sheet_state = "hidden"
    result, p, actions = run(wb, "validasi")
    restored = {}
    for a, sheet in actions:
        if a["func"] == "setRangeColors":
            for (row, col), c in zip(cells_of(a), (c[0] for c in a["args"][0])):
                restored[(sheet, row, col)] = c
    assert restored[("Capaian", 5, 5)] == addin.INPUT_FILL.lower()      # input column: light yellow
    assert restored[("Capaian", 6, 10)] == addin.COMPUTED_FILL.lower()  # computed column: grey
    assert_only_tool_cells_touched(result, p, actions, previous={"Capaian!E5", "Capaian!J6"})


def test_clean_workbook_no_colours_no_mark_sheet(tmp_path):
    data = seed000()
    for row in data["anggaran"]:
        row["anggaran_pk"] = None           # removes the seed's 'anggaran-pk-berbeda' warnings
    result, p, actions = run(build(data, tmp_path / "bersih.xlsx"), "validasi")
    assert result.olahan.masalah == []
    assert not [a for a, _ in actions if a["func"] in ("setRangeColors", "rangeSelect", "addSheet")]
    assert "tidak ada masalah" in alerts(actions)[-1]
    assert writes_on(actions, L.MASALAH.name)[-1]["values"][0][0] == "tidak-ada-masalah"


# ------------------------------------------------------------------ Buat LKj / PDF

def test_buat_lkj_refuses_with_errors(tmp_path):
    result, p, actions = run(_with_error(tmp_path), "buat_lkj", out_dir=tmp_path / "LKj", buka=lambda _: None)
    assert result.berkas == []
    assert not (tmp_path / "LKj").exists() or not list((tmp_path / "LKj").iterdir())
    msg = alerts(actions)[-1]
    assert msg.startswith("LKj belum dapat dibuat") and "Capaian!E5" in msg
    assert_only_tool_cells_touched(result, p, actions)


def test_buat_lkj_unsaved_book_asks_to_save_first():
    _, _, actions = run(SEED000_XLSX, "buat_lkj")   # remote book: no folder on disk
    msg = alerts(actions)[-1]
    assert "Simpan workbook ini dulu" in msg and "Traceback" not in msg


def _rendering_ok() -> bool:
    try:
        from lkj_xl.report import rendering  # noqa: F401
        return hasattr(rendering, "buat_docx")
    except Exception:
        return False


@pytest.mark.skipif(not _rendering_ok(), reason="lkj_xl.report.rendering (Word report) not available yet")
def test_buat_lkj_makes_the_word_report(tmp_path):
    opened = []
    result, p, actions = run(SEED000_XLSX, "buat_lkj", out_dir=tmp_path / "LKj", buka=opened.append)
    docx = tmp_path / "LKj" / "laporan.docx"
    assert result.berkas == [docx] and docx.is_file() and opened == [docx]
    msg = alerts(actions)[-1]
    assert "selesai dibuat" in msg and str(docx) in msg and "5 peringatan" in msg
    assert_only_tool_cells_touched(result, p, actions)


@pytest.mark.skipif(not _rendering_ok() or not shutil.which("soffice"), reason="needs rendering and LibreOffice")
def test_buat_pdf(tmp_path):
    opened = []
    result, _, actions = run(SEED000_XLSX, "buat_pdf", out_dir=tmp_path / "LKj", buka=opened.append)
    pdf = tmp_path / "LKj" / "laporan.pdf"
    assert pdf.is_file() and opened == [pdf] and result.berkas[-1] == pdf
    assert pdf.read_bytes()[:4] == b"%PDF"


def _fake_docx(olahan, out, **kw):
    Path(out).write_bytes(b"docx")
    return Path(out)


def test_buat_pdf_without_libreoffice_is_a_clear_alert(tmp_path, monkeypatch):
    from lkj_xl.report import rendering
    from lkj_xl.core.problems import LkjError

    def no_soffice(*a, **k):
        raise LkjError("LibreOffice tidak ditemukan.")

    monkeypatch.setattr(rendering, "buat_docx", _fake_docx)
    monkeypatch.setattr(rendering, "buat_pdf", no_soffice, raising=False)
    monkeypatch.setattr(addin, "_folder_workbook", lambda book: tmp_path)
    monkeypatch.setattr(addin, "buka_berkas", lambda path: None)
    _, _, actions = run(SEED000_XLSX, "buat_pdf")
    assert alerts(actions)[-1] == "LibreOffice tidak ditemukan."
    assert (tmp_path / "LKj" / "laporan.docx").exists()


# ------------------------------------------------------------------ the rest of the ribbon

def test_workbook_baru(tmp_path):
    result, _, actions = run(SEED000_XLSX, "workbook_baru", folder=tmp_path)
    path = tmp_path / "LKj_baru.xlsx"
    assert result.berkas == [path]
    assert {"Identitas", "PK", "Capaian", "Anggaran"} <= set(load_workbook(path).sheetnames)
    assert str(path) in alerts(actions)[-1]
    result2, _, _ = run(SEED000_XLSX, "workbook_baru", folder=tmp_path)
    assert result2.berkas == [tmp_path / "LKj_baru (2).xlsx"]


def test_bantuan():
    _, _, actions = run(SEED000_XLSX, "bantuan")
    assert alerts(actions) == [addin.BANTUAN]
    assert [a["func"] for a, _ in actions] == ["alert"]


def test_unknown_tag_and_unexpected_failure_are_alerts(monkeypatch, tmp_path):
    _, _, actions = run(SEED000_XLSX, "tidak_ada")
    assert "tidak dikenal" in alerts(actions)[-1]

    def boom(book, io):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(addin.HANDLERS, "hitung", boom)
    monkeypatch.setattr(addin, "log_path", lambda: tmp_path / "addin.log")
    _, _, actions = run(SEED000_XLSX, "hitung")
    msg = alerts(actions)[-1]
    assert msg.startswith("Terjadi kesalahan tak terduga (ZeroDivisionError") and "Traceback" not in msg
    assert "Traceback" in (tmp_path / "addin.log").read_text()


def test_missing_sheet_is_a_clear_alert():
    wb = load_workbook(SEED000_XLSX)
    del wb["PK"]
    _, _, actions = run(wb, "validasi")
    msg = alerts(actions)[-1]
    assert "Sheet 'PK' tidak ditemukan" in msg


def test_jalankan_uses_book_caller(monkeypatch):
    """`jalankan` is the thin wrapper: xw.Book.caller() (not available on Linux) -> jalankan_pada."""
    book = xw.Book(json=payload(SEED000_XLSX))
    monkeypatch.setattr(xw.Book, "caller", classmethod(lambda cls: book))
    addin.jalankan("bantuan")
    assert [a["func"] for a in book.json()["actions"]] == ["alert"]


# ------------------------------------------------------------------ percent-formatted cells (real Excel path)

class _FakeRange:
    def __init__(self, fmt):
        self.number_format = fmt


class _FakeSheet:
    def __init__(self, name, formats):
        self.name, self.formats = name, formats

    def range(self, a, b):
        return _FakeRange(self.formats.get(a[1]))


class _FakeBook:
    def __init__(self, sheets):
        self.sheets = sheets


def test_percent_formatted_columns_are_marked_for_the_reader():
    """On desktop Excel a column formatted as % is read once and marked, so 0.9167 means 91,67."""
    grid = addin.Grid([["Kode Indikator", "Indikator Kinerja", "Realisasi s.d. TW I", "Realisasi s.d. TW II",
                        "Realisasi s.d. TW III"], ["IK1", "x", None, None, 0.9167]], top=3)
    io = addin.BukuIo(_FakeBook([_FakeSheet("Capaian", {5: "0.00%", 3: "General"})]))
    io.percent_formats("Capaian", grid)
    assert grid.fmt(4, 5) == "0.00%" and grid.fmt(4, 3) == "" and grid.fmt(3, 5) == ""
    assert io.format_reads == 3           # TW I, II, III columns present; TW IV absent


# ------------------------------------------------------------------ Excel traffic does not grow with the data

def _generated(n: int):
    pk, capaian, anggaran = [], [], []
    for i in range(1, n + 1):
        s = f"S{(i - 1) // 10 + 1}"
        pk.append({"kode_sasaran": s, "sasaran": f"Sasaran {s}", "kode": f"IK{i}", "indikator": f"Indikator {i}",
                   "satuan": "%", "polaritas": "Positif", "target": 100, "jenis": "IKU"})
        capaian.append({"kode": f"IK{i}", "indikator": f"Indikator {i}", "real_tw1": 20, "real_tw2": 45,
                        "real_tw3": 70 + i % 30})
        anggaran.append({"kode": str(i), "level": "Kegiatan", "uraian": f"Kegiatan {i}", "kode_sasaran": s,
                         "pagu": 1_000_000, "real_tw1": 200_000, "real_tw2": 400_000, "real_tw3": 600_000})
    strategi = [{"kode": f"IK{i}", "strategi": "Percepatan", "bulan": "Oktober"} for i in range(1, n + 1)]
    data = seed000()
    ident = {k: (dt.date.fromisoformat(v) if k in ("tanggal", "tanggal_pk") else v)
             for k, v in data["identitas"].items()}
    return new_workbook(ident, pk=pk, capaian=capaian, anggaran=anggaran, strategi=strategi)


@pytest.fixture(scope="module")
def traffic(tmp_path_factory):
    """(value reads, extent reads, format reads, writes, remote actions) per handler, 10 and 1,000 indicators.

    Reads are counted by addin.BukuIo (every Excel read of the handlers goes through it); writes both by
    BukuIo and as the actions the remote engine records (those also include alerts and sheet activation)."""
    from lkj_xl.report import rendering

    out = {}
    tmp = tmp_path_factory.mktemp("traffic")
    for n in (10, 1000):
        p = payload(_generated(n))
        for tag in ("validasi", "hitung", "buat_lkj"):
            book = xw.Book(json=p)
            kw = {}
            if tag == "buat_lkj":
                kw = {"out_dir": tmp / str(n), "buka": lambda _: None}
            orig = getattr(rendering, "buat_docx", None)
            rendering.buat_docx = _fake_docx
            try:
                result = addin.HANDLERS[tag](book, **kw)
            finally:
                if orig is not None:
                    rendering.buat_docx = orig
            assert result.olahan is not None and len(result.olahan.hasil.indikator) == n
            assert not result.olahan.ada_kesalahan, result.olahan.masalah[:3]
            io = result.io
            out[(tag, n)] = (io.reads, io.meta_reads, io.format_reads, io.writes, len(book.json()["actions"]))
    return out


@pytest.mark.parametrize("tag", ["validasi", "hitung", "buat_lkj"])
def test_excel_traffic_is_the_same_for_10_and_1000_indicators(traffic, tag):
    assert traffic[(tag, 10)] == traffic[(tag, 1000)], traffic
    reads, meta_reads, format_reads, writes, actions = traffic[(tag, 10)]
    assert reads == len(addin.INPUT_SHEETS)        # one used_range read per input sheet (no _lkj sheet yet)
    assert meta_reads == 1                         # extent of the old Masalah rows
    assert format_reads == 2                       # remote engine: first format read of PK and Capaian fails
    print(tag, traffic[(tag, 10)])


# ------------------------------------------------------------------ quiet Excel while writing, colouring per colour

def _with_problem_every_other_row(n: int):
    """_generated(n) with Realisasi s.d. TW III = -5 on every other indicator: one warning per such row,
    all in one column of Capaian."""
    wb = _generated(n)
    ws = wb[L.CAPAIAN.name]
    header = next(r for r in range(1, 15) if any(c.value == "Realisasi s.d. TW III" for c in ws[r]))
    col = next(c.column for c in ws[header] if c.value == "Realisasi s.d. TW III")
    for r in range(header + 1, header + 1 + n, 2):
        ws.cell(r, col).value = -5
    return wb


@pytest.mark.parametrize("tag", ["validasi", "hitung"])
def test_screen_updating_off_and_calculation_manual_while_writing(tag):
    p = payload(_with_problem_every_other_row(10))
    p["book"]["calculation"] = "Automatic"          # a client that sends its calculation mode
    book = xw.Book(json=p)
    result = addin.HANDLERS[tag](book)
    funcs = [(a["func"], a["args"][0] if a["args"] else None) for a in book.json()["actions"]]
    assert funcs[:2] == [("setScreenUpdating", False), ("setCalculation", "Manual")]
    assert funcs[-3:-1] == [("setCalculation", "Automatic"), ("setScreenUpdating", True)]
    assert funcs[-1][0] == "alert"                  # the message comes after Excel is restored
    assert result.io.app_calls == 4


def test_excel_state_is_restored_when_a_handler_fails():
    wb = _generated(3)
    for name in list(wb.sheetnames):
        if name != L.IDENTITAS.name:
            del wb[name]                            # no PK, Capaian, Anggaran: reading raises LkjError
    p = payload(wb)
    p["book"]["calculation"] = "Automatic"
    book = xw.Book(json=p)
    with pytest.raises(addin.LkjError, match="Sheet 'PK' tidak ditemukan"):
        addin.hitung(book)
    funcs = [(a["func"], a["args"][0]) for a in book.json()["actions"]]
    assert funcs == [("setScreenUpdating", False), ("setCalculation", "Manual"),
                     ("setCalculation", "Automatic"), ("setScreenUpdating", True)]


def test_calculation_left_alone_when_the_client_does_not_send_it():
    book = xw.Book(json=payload(_generated(10)))
    result = addin.validasi(book)
    funcs = [a["func"] for a in book.json()["actions"]]
    assert "setCalculation" not in funcs and funcs.count("setScreenUpdating") == 2
    assert result.io.app_calls == 2


def test_colouring_calls_do_not_grow_with_the_problem_cells():
    """5 and 500 warnings in one column: one setRangeColors call each (the remote engine's matrix)."""
    counts = {}
    for n in (10, 1000):
        book = xw.Book(json=payload(_with_problem_every_other_row(n)))
        result = addin.validasi(book)
        assert sum(p.severity == "warning" and p.sheet == L.CAPAIAN.name for p in result.olahan.masalah) == n // 2
        colours = [a for a in book.json()["actions"] if a["func"] == "setRangeColors"]
        matrix = [row[0] for row in colours[0]["args"][0]]
        assert matrix[0] == addin.WARNING_FILL.lower() and matrix[1] == "keep"       # every other row coloured
        counts[n] = len(colours)
    assert counts == {10: 1, 1000: 1}


class _Area:
    def __init__(self, log, address):
        self.log, self.address = log, address

    @property
    def color(self):
        raise AssertionError("colour is only written")

    @color.setter
    def color(self, value):
        self.log.append((self.address, value))


class _DesktopSheet:
    """Desktop Excel's multi-area ranges: sh.range('E5:E7,E9').color = ... is one call."""
    def __init__(self, name):
        self.name, self.log = name, []

    def range(self, address):
        assert isinstance(address, str) and len(address) <= 255
        return _Area(self.log, address)


class _DesktopBook:
    def __init__(self, sheet):
        self.sheets = [sheet]
        self.app = type("App", (), {"engine": type("Engine", (), {"name": "excel"})()})()


def test_desktop_colouring_is_one_call_per_colour_and_address():
    from lkj_xl.addin.io import addresses
    assert addresses([(5, 5), (6, 5), (7, 5), (9, 5), (4, 2)]) == ["B4,E5:E7,E9"]
    scattered = [(r, 5) for r in range(5, 2005, 2)]                 # 1,000 cells, none adjacent
    chunks = addresses(scattered)
    assert all(len(c) <= 255 for c in chunks) and sum(c.count(",") + 1 for c in chunks) == 1000
    # 3 areas of 2 characters (E5-E9), 45 of 3, 450 of 4, 502 of 5, plus commas: 5,450 characters,
    # so 22 addresses of at most 255 (the last partial): 22 calls for 1,000 scattered cells
    assert len(chunks) == 22 and len(",".join(chunks)) == 5450
    sheet = _DesktopSheet("Capaian")
    io = addin.BukuIo(_DesktopBook(sheet))
    cells = {(r, 5): addin.WARNING_FILL for r in range(5, 1005)}     # 1,000 adjacent warnings
    cells.update({(r, 7): addin.ERROR_FILL for r in range(5, 1005)})
    cells[(2000, 5)] = None                                          # a fixed cell: fill removed
    io.colour("Capaian", cells)
    assert sheet.log == [("E2000", None), ("E5:E1004", addin.WARNING_FILL), ("G5:G1004", addin.ERROR_FILL)]
    assert io.writes == 3
