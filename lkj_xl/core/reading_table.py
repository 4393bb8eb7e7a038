"""A small reusable reader of the two sheet shapes of the workbook contract (`layout`).

    t = TableReader(grids, source="lkj.xlsx")
    for row, raw in t.rows(L.PK):                 # table sheet: columns found by header label
        target = t.nilai(L.PK, row, raw, "target")   # Nilai(angka, teks); cell problems recorded
        pagu = t.money(L.ANGGARAN, row, raw, "pagu")  # Decimal | None
        level = t.choice(L.ANGGARAN, row, raw, "level")
        kode = t.text(raw, "kode")
        refs = t.cells(L.PK, row)                 # {key: "PK!H4"} for the model's cells
    values, refs = t.form(L.IDENTITAS)            # form sheet: label in column A..D, value right of it
    tahun = t.number(refs["tahun"], values["tahun"], "Tahun Anggaran", bounds=(2000, 2100), integer=True)
    t.problem("bukan-angka", "PK", row, col, label=..., teks=...)   # or t.problem_at(code, "PK!H4", ...)

Everything a sheet reader finds wrong with one cell goes to `t.problems` (codes from `problems.CATALOG`);
a sheet or required column that is missing raises `LkjError`. `t.kolom` / `t.baris_header` remember
where each table sheet's columns and header row were found (the writer needs them).
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from openpyxl.utils import get_column_letter

from . import layout as L
from .model import Nilai
from .parsing import BUKAN_ANGKA, DI_LUAR_BATAS, is_pure_number, parse_date, read_number, text
from .problems import LkjError, Problem, at, make
from .reading_files import Grid

HEADER_SCAN_ROWS = 15
MAX_ABS = Decimal("1e15")          # no amount or indicator value in a regional report comes near this
MIN_ABS = Decimal("1e-6")          # a non-zero value this small is a stray float, not a typed number
MAX_PERSEN = Decimal(10_000)       # 100 times the whole: a percentage beyond this is a typing slip
Row = tuple[int, dict[str, Any]]     # (sheet row number, {column key: raw value, "_fmt": {key: number format}})


_NO_FORMATS: Mapping[str, str] = MappingProxyType({})


class Sel(Mapping):
    """{column key: 'Sheet!A1'} of one table row, each address made when it is asked for: a table of
    1.000 rows × 20 columns would otherwise make 20.000 strings, of which a problem names a few."""

    __slots__ = ("_prefixes", "_row")

    def __init__(self, prefixes: dict[str, str], row: int) -> None:
        self._prefixes, self._row = prefixes, row

    def __getitem__(self, key: str) -> str:
        return f"{self._prefixes[key]}{self._row}"

    def __iter__(self):
        return iter(self._prefixes)

    def __len__(self) -> int:
        return len(self._prefixes)

    def __repr__(self) -> str:
        return repr(dict(self))

    def __reduce__(self):
        return Sel, (self._prefixes, self._row)


def _norm(label: Any) -> str:
    return re.sub(r"\s+", " ", str(label or "")).strip().lower().rstrip(":")


def find_header(grid: Grid, spec: L.TableSheet) -> tuple[int, dict[str, int]]:
    """The header row of a table sheet and {column key: column}, matched on header labels: the row
    among the first HEADER_SCAN_ROWS that holds the most known labels."""
    labels = {}
    for col in spec.columns:
        for lab in (col.label, *col.aliases):
            labels[_norm(lab)] = col.key
    best_row, best, right = 0, {}, grid.right        # Grid.right looks at every row: once
    for r in range(grid.top, min(grid.bottom, grid.top + HEADER_SCAN_ROWS) + 1):
        found = {}
        for c in range(grid.left, right + 1):
            key = labels.get(_norm(grid.get(r, c)))
            if key and key not in found:
                found[key] = c
        if len(found) > len(best):
            best_row, best = r, found
    return best_row, best


def out_of_range(number: Decimal, money: bool = False, percent: bool = False) -> tuple[str, str]:
    """('angka-di-luar-batas', the limit in words) for an implausible value, else ('', '')."""
    if abs(number) >= MAX_ABS:
        return DI_LUAR_BATAS, "kurang dari 1.000.000.000.000.000"
    if not money and number and abs(number) < MIN_ABS:
        return DI_LUAR_BATAS, "nol atau paling sedikit 0,000001"
    if percent and abs(number) > MAX_PERSEN:
        return DI_LUAR_BATAS, "paling banyak 10.000%"
    return "", ""


class TableReader:
    """Rows of table sheets and fields of form sheets, with typed cell readers that record problems."""

    def __init__(self, grids: Mapping[str, Grid], source: str):
        self.grids = grids
        self.source = source
        self.problems: list[Problem] = []
        self.kolom: dict[str, dict[str, int]] = {}
        self.baris_header: dict[str, int] = {}
        self._prefixes: dict[str, dict[str, str]] = {}

    # -- problems
    def problem(self, code: str, sheet: str, row: int, col: int, **kw) -> None:
        """Record a problem at (row, col) of `sheet`; `kw` fills the catalogue message."""
        self.problems.append(make(code, sheet, f"{get_column_letter(col)}{row}", file=self.source, **kw))

    def problem_at(self, code: str, ref: str, **kw) -> None:
        """Record a problem at a reference like 'Identitas!B16' (or a bare sheet name)."""
        self.problems.append(at(code, ref, file=self.source, **kw))

    # -- sheets
    def has(self, name: str) -> bool:
        return name in self.grids

    def sheet(self, name: str) -> Grid:
        grid = self.grids.get(name)
        if grid is None:
            missing = [s for s in L.REQUIRED_SHEETS if s not in self.grids]
            raise LkjError(f"Sheet '{name}' tidak ditemukan di workbook '{self.source}'"
                           + (f" (yang tidak ada: {', '.join(missing)})" if len(missing) > 1 else "")
                           + ". Gunakan workbook yang dibuat dari template_lkj.xlsx (perintah: lkj baru).")
        return grid

    # -- table sheets
    def rows(self, spec: L.TableSheet, optional: bool = False) -> list[Row]:
        """Rows of a table sheet as (row number, {key: raw value}); columns found by label, blank rows
        skipped. A missing sheet raises LkjError unless `optional` (then: no rows)."""
        if spec.name not in self.grids and optional:
            return []
        grid = self.sheet(spec.name)
        best_row, best = find_header(grid, spec)
        missing = [c.label for c in spec.columns if c.required and not c.computed and c.key not in best]
        if missing:
            where = f"baris {best_row}" if best else "baris judul"
            raise LkjError(f"Sheet '{spec.name}' tidak memiliki kolom {', '.join(repr(m) for m in missing)} "
                           f"({where}). Jangan mengubah atau menghapus judul kolom templat; "
                           "kolom tambahan milik Anda boleh disisipkan.")
        self.kolom[spec.name] = best
        self._prefixes.pop(spec.name, None)
        self.baris_header[spec.name] = best_row
        inputs = [c.key for c in spec.columns if not c.computed and c.key in best]
        index = [(k, c - grid.left) for k, c in best.items()]      # Grid.get/fmt inlined: 20.000+ cells
        formats = grid.formats or []
        rows = []
        for r in range(best_row + 1, grid.bottom + 1):
            values = grid.values[r - grid.top]
            raw = {k: values[i] if 0 <= i < len(values) else None for k, i in index}
            if all(raw[k] is None or text(raw[k]) == "" for k in inputs):
                continue  # blank or trailing empty row
            fmts = formats[r - grid.top] if r - grid.top < len(formats) else None
            # only numeric cells keep a format (Grid): most rows have none, and share one empty mapping
            raw["_fmt"] = ({k: fmts[i] for k, i in index if 0 <= i < len(fmts) and fmts[i]} if fmts
                           else _NO_FORMATS)
            rows.append((r, raw))
        return rows

    def cells(self, spec: L.TableSheet, row: int) -> Sel:
        """{column key: 'Sheet!A1'} of one table row (after `rows(spec)`)."""
        prefixes = self._prefixes.get(spec.name)
        if prefixes is None:           # 'PK!H' per column, once per sheet (1.000 rows × 20 columns)
            prefixes = self._prefixes[spec.name] = {k: f"{spec.name}!{get_column_letter(c)}"
                                                    for k, c in self.kolom[spec.name].items()}
        return Sel(prefixes, row)

    @staticmethod
    def text(raw: dict, key: str) -> str:
        """A cell as display text ('' when empty)."""
        return text(raw.get(key))

    def date(self, spec: L.TableSheet, row: int, raw: dict, key: str) -> dt.date | None:
        return parse_date(raw.get(key))

    def nilai(self, spec: L.TableSheet, row: int, raw: dict, key: str) -> Nilai:
        """An indicator quantity: number (percent-formatted cells scaled to 0..100) + display text.

        Text without any number stays Nilai(None, text) (validation says what is missing there); a cell
        that does not hold one clear, plausible number is a problem here and gives no number."""
        value = raw.get(key)
        shown = text(value)
        number, code = read_number(value)
        batas = ""
        if number is not None and isinstance(value, (int, float)) and "%" in raw["_fmt"].get(key, ""):
            number = number * 100  # a percent-formatted cell stores 0.9167 for 91,67%
            shown = f"{number.normalize():f}%"
        if number is not None:
            code, batas = out_of_range(number, percent=shown.endswith("%"))
        if code and code != BUKAN_ANGKA:
            self.problem(code, spec.name, row, self.kolom[spec.name][key], label=spec.column(key).label,
                         teks=shown, batas=batas)
            return Nilai(None, shown)
        return Nilai(number, shown)

    def money(self, spec: L.TableSheet, row: int, raw: dict, key: str) -> Decimal | None:
        """An amount in rupiah, or None (empty, or not a number: then a problem at the cell)."""
        value = raw.get(key)
        if text(value) == "":
            return None
        number, code = read_number(value, money=True)
        batas = ""
        if number is None or (isinstance(value, str) and not is_pure_number(value)):
            code = code or BUKAN_ANGKA
        else:
            code, batas = out_of_range(number, money=True)
        if code:
            self.problem(code, spec.name, row, self.kolom[spec.name][key], label=spec.column(key).label,
                         teks=text(value), batas=batas)
            return None
        return number

    def number(self, ref: str, value: Any, label: str, bounds: tuple[int, int] | None = None,
               integer: bool = False) -> Decimal | None:
        """A number of a form field at `ref` ('Identitas!B16'): None when empty, or when it is not one
        clear number (an integer when `integer`) within `bounds` (then a problem at the cell)."""
        number, code = read_number(value)
        batas = ""
        if number is not None and integer and number != number.to_integral_value():
            code = BUKAN_ANGKA
        elif number is not None and bounds and not bounds[0] <= number <= bounds[1]:
            code, batas = DI_LUAR_BATAS, f"{bounds[0]}–{bounds[1]}"
        if code:
            self.problem_at(code, ref, label=label, teks=text(value), batas=batas)
            return None
        return number

    def choice(self, spec: L.TableSheet, row: int, raw: dict, key: str, default: str = "") -> str:
        """One of the column's choices (case-insensitive), `default` when empty; else a problem."""
        value = text(raw.get(key))
        col = spec.column(key)
        if not value:
            return default
        for choice in col.choices:
            if value.lower() == choice.lower():
                return choice
        self.problem("pilihan-tidak-dikenal", spec.name, row, self.kolom[spec.name][key],
                     label=col.label, teks=value, pilihan=", ".join(col.choices))
        return value

    # -- form sheets
    def form(self, spec: L.FormSheet, optional: bool = False) -> tuple[dict[str, Any], dict[str, str]]:
        """({field key: raw value}, {field key: 'Sheet!B5'}) of a form sheet: each field's label is found
        in columns A..D and its value is the cell right of it."""
        if spec.name not in self.grids and optional:
            return {}, {}
        grid = self.sheet(spec.name)
        by_label = {_norm(f.label): f for f in spec.fields}
        values, cells, last = {}, {}, min(grid.right, grid.left + 3)
        for r in range(grid.top, grid.bottom + 1):
            for c in range(grid.left, last + 1):
                f = by_label.get(_norm(grid.get(r, c)))
                if f and f.key not in values:
                    values[f.key] = grid.get(r, c + 1)
                    cells[f.key] = f"{spec.name}!{get_column_letter(c + 1)}{r}"
        missing = [f.label for f in spec.fields if f.required and f.key not in cells]
        if missing:
            raise LkjError(f"Sheet '{spec.name}' tidak memiliki isian {', '.join(repr(m) for m in missing)} "
                           "di kolom A. Jangan mengubah label isian templat.")
        return values, cells
