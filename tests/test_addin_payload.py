"""Turn an .xlsx (openpyxl) into the JSON payload of xlwings' remote engine, and read the actions back.

The payload is what an xlwings client (Office.js / Office Scripts / VBA) sends: `client`, `version`,
`book` (name, active sheet, selection), `names`, and per sheet `name`, `values` (anchored at A1, ""
for empty cells, dates as ISO strings ending in Z) plus `used_range_address`, which xlwings'
`Sheet.used_range` uses. `xw.Book(json=payload)` then behaves like a workbook for reads; writes
come back as `book.json()["actions"]`.
"""
from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")   # before xlwings is imported

from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import xlwings as xw  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402

from tests.conftest import SEED000_XLSX  # noqa: E402


def _cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.isoformat(timespec="milliseconds") + "Z"
    if isinstance(v, dt.date):
        return dt.datetime(v.year, v.month, v.day).isoformat(timespec="milliseconds") + "Z"
    if isinstance(v, dt.time):
        return v.isoformat()
    return v


def sheet_payload(ws, used: str | None = None) -> dict:
    """One sheet: values from A1 to the used range's bottom-right (Excel's UsedRange includes formatted
    cells, like openpyxl's max_row/max_column)."""
    rows, cols = ws.max_row, ws.max_column
    values = [[_cell(ws.cell(r, c).value) for c in range(1, cols + 1)] for r in range(1, rows + 1)]
    if used is None:
        top = min((c.row for row in ws.iter_rows() for c in row if c.value is not None), default=1)
        left = min((c.column for row in ws.iter_rows() for c in row if c.value is not None), default=1)
        used = f"${get_column_letter(left)}${top}:${get_column_letter(cols)}${rows}"
    return {"name": ws.title, "visibility": "Visible" if ws.sheet_state == "visible" else "Hidden",
            "values": values, "used_range_address": used, "pictures": [], "shapes": [], "charts": [],
            "notes": [], "tables": [], "print_area": None}


def payload(wb: Workbook | str | Path, name: str = "laporan.xlsx", active: str | None = None) -> dict:
    if not isinstance(wb, Workbook):
        wb = load_workbook(wb, data_only=True)
    sheets = [sheet_payload(ws) for ws in wb.worksheets]
    active_ix = next((i for i, s in enumerate(sheets) if s["name"] == active), 0)
    return {"client": "Microsoft Office Scripts", "version": xw.__version__,
            "book": {"name": name, "active_sheet_index": active_ix, "selection": "A1"},
            "names": [], "sheets": sheets}


def book_of(wb, name: str = "laporan.xlsx", active: str | None = None):
    return xw.Book(json=payload(wb, name, active))


def sheet_names_over_time(p: dict, actions: list[dict]) -> list[tuple[dict, str | None]]:
    """(action, name of the sheet it targets) with sheet positions resolved as sheets get added."""
    names = [s["name"] for s in p["sheets"]]
    out = []
    for a in actions:
        if a["func"] == "addSheet":
            names.insert(a["args"][0], a["args"][1])
            out.append((a, a["args"][1]))
            continue
        pos = a.get("sheet_position")
        out.append((a, names[pos] if pos is not None else None))
    return out


def cells_of(a: dict) -> list[tuple[int, int]]:
    """1-based (row, col) of every cell an action's range covers."""
    r0, c0 = a["start_row"] + 1, a["start_column"] + 1
    return [(r0 + i, c0 + j) for i in range(a["row_count"]) for j in range(a["column_count"])]


# ------------------------------------------------------------------ the helper itself

def test_payload_reads_like_the_workbook():
    book = book_of(SEED000_XLSX)
    cap = book.sheets["Capaian"]
    rng = cap.used_range
    assert (rng.row, rng.column) == (1, 1)
    values = rng.options(ndim=2).value
    assert values[2][:3] == ["Kode Indikator", "Indikator Kinerja", "Realisasi s.d. TW I"]
    assert values[3][0] == "IK1" and values[3][4] == 25
    ident = book.sheets["Identitas"].used_range.options(ndim=2).value
    tanggal = next(r[1] for r in ident if r[0] == "Tanggal Laporan")
    assert tanggal == dt.datetime(2023, 10, 2)


def test_used_range_not_at_a1():
    wb = Workbook()
    ws = wb.active
    ws["C5"], ws["D6"] = "x", 2
    book = book_of(wb)
    rng = book.sheets[0].used_range
    assert (rng.row, rng.column, rng.shape) == (5, 3, (2, 2))
    assert rng.options(ndim=2).value == [["x", None], [None, 2]]
