"""Excel traffic of the add-in: `BukuIo` (every range read and write of the handlers, counted) and the
colouring of problem cells.

Traffic is kept to whole ranges: one `used_range` value read per sheet, one write per block, one
formatting call per formatted column, and problem colouring in a number of calls that does not grow
with the number of cells (see `BukuIo.colour`). While a handler writes, screen updating is off and
calculation manual (`BukuIo.tenang`). Only the cells named by problems are coloured; the cells
coloured last time are listed on the hidden sheet `_lkj` and get the template's own fill back when
their problem is gone.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter

from ..core import layout as L
from ..core.engine import Olahan
from ..core.reading import Grid, find_header
from ..workbook.outputs import Block, Link

JUDUL = "LKj"
ERROR_FILL = "#FFC7CE"          # light red (Excel's "Bad")
WARNING_FILL = "#F8CBAD"        # light orange: the template's input cells are already light yellow
INPUT_FILL = "#FFF2CC"          # template.INPUT_CELL
COMPUTED_FILL = "#E7E6E6"       # template.COMPUTED_CELL
MARK_SHEET = "_lkj"             # hidden sheet: the cells this add-in coloured last time
MARK_HEADER = "Sel yang diwarnai lkj_xl (jangan diubah)"
MAX_COLOUR_SPAN = 10_000        # xlwings Range.set_colors limit per call
MAX_ADDRESS = 255               # Excel: longest address string Range() accepts
FORM_SHEETS = {L.IDENTITAS.name: L.IDENTITAS, L.PENGATURAN.name: L.PENGATURAN}
TABLE_SHEETS = {s.name: s for s in L.DATA_SHEETS}
# Number columns where a percent-formatted cell stores 0.9167 for 91,67% (see reading.Reader.nilai).
PERCENT_COLUMNS = {L.PK.name: (L.PK, ("target", "target_tw1", "target_tw2", "target_tw3", "target_tw4")),
                   L.CAPAIAN.name: (L.CAPAIAN, ("real_tw1", "real_tw2", "real_tw3", "real_tw4"))}
_CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


# ------------------------------------------------------------------ Excel traffic

@dataclass
class BukuIo:
    """Every range read and write of the handlers goes through here, and is counted."""
    book: Any
    reads: int = 0            # used_range value reads (one per sheet)
    meta_reads: int = 0       # used_range extent only, no values (to clear the old Masalah rows)
    format_reads: int = 0     # number-format reads (one per percent-capable column found)
    writes: int = 0           # value writes, clears, formats, colours, selection
    app_calls: int = 0        # screen updating and calculation mode, set and restored
    log: list[tuple[str, str]] = field(default_factory=list)

    def _note(self, kind: str, what: str) -> None:
        self.log.append((kind, what))

    def sheet(self, name: str):
        for sh in self.book.sheets:
            if sh.name.casefold() == name.casefold():
                return sh
        return None

    def read(self, name: str) -> Grid | None:
        """The sheet's used range as a Grid (values only), in one read; None when the sheet is missing."""
        sh = self.sheet(name)
        if sh is None:
            return None
        rng = sh.used_range
        # errors as their text ('#DIV/0!'), as openpyxl reads them: the CLI and the ribbon see one workbook
        values = rng.options(ndim=2, err_to_str=True).value
        self.reads += 1
        self._note("read", name)
        return Grid(values or [[]], None, rng.row, rng.column)

    def percent_formats(self, name: str, grid: Grid) -> None:
        """Mark percent-formatted number columns in `grid.formats` (one read per column; best effort).

        Excel returns one format for a uniformly formatted column (the template formats whole columns);
        a column with mixed formats, or an engine that cannot read formats (xlwings' remote engine),
        leaves the column unmarked and validation's percent-scale check has to catch it."""
        spec, keys = PERCENT_COLUMNS.get(name, (None, ()))
        if spec is None:
            return
        header_row, cols = find_header(grid, spec)
        if not header_row or grid.bottom <= header_row:
            return
        sh = self.sheet(name)
        formats: list[list[str | None]] | None = None
        for key in keys:
            col = cols.get(key)
            if col is None:
                continue
            try:
                fmt = sh.range((header_row + 1, col), (grid.bottom, col)).number_format
            except Exception:   # remote engine: NotImplementedError; anything else: no format info
                return
            finally:
                self.format_reads += 1
            if isinstance(fmt, str) and "%" in fmt:
                if formats is None:
                    formats = [[None] * len(r) for r in grid.values]
                for r in range(header_row + 1 - grid.top, len(grid.values)):
                    c = col - grid.left
                    if 0 <= c < len(formats[r]):
                        formats[r][c] = fmt
        if formats is not None:
            grid.formats = formats

    def ensure_sheet(self, name: str, hidden: bool = False):
        sh = self.sheet(name)
        if sh is None:
            active = self.book.sheets.active
            sh = self.book.sheets.add(name, after=self.book.sheets[len(self.book.sheets) - 1])
            self.writes += 1
            self._note("add-sheet", name)
            if hidden:
                sh.visible = False
                self.writes += 1
            active.activate()          # adding a sheet activates it: give the user their sheet back
        return sh

    def write(self, block: Block) -> None:
        """One value write for the block, then one number-format write per formatted column."""
        sh = self.ensure_sheet(block.sheet)
        width = max((len(r) for r in block.values), default=0)
        if not block.values or width == 0:
            return
        values = [[_excel_value(v) for v in row] + [None] * (width - len(row)) for row in block.values]
        sh.range((block.row, block.col), (block.row + len(values) - 1, block.col + width - 1)).value = values
        self.writes += 1
        self._note("write", f"{block.sheet}!{_a1(block.row, block.col)}")
        first = block.row + 1 if block.header else block.row
        if first <= block.last_row:
            for j, fmt in enumerate(block.formats):
                if fmt:
                    sh.range((first, block.col + j), (block.last_row, block.col + j)).number_format = fmt
                    self.writes += 1
        if block.header:
            sh.range((block.row, block.col), (block.row, block.col + width - 1)).font.bold = True
            self.writes += 1

    def clear_sheet(self, name: str) -> None:
        sh = self.sheet(name)
        if sh is not None:
            sh.clear()
            self.writes += 1
            self._note("clear", name)

    def clear_rows(self, name: str, first_row: int, ncols: int) -> None:
        """Clear the contents of columns 1..ncols from `first_row` down to the end of the used range."""
        sh = self.sheet(name)
        if sh is None:
            return
        used = sh.used_range
        self.meta_reads += 1
        last = used.row + used.shape[0] - 1
        if last >= first_row:
            sh.range((first_row, 1), (last, ncols)).clear_contents()
            self.writes += 1
            self._note("clear", f"{name}!A{first_row}:{get_column_letter(ncols)}{last}")

    def colour(self, name: str, cells: dict[tuple[int, int], str | None]) -> None:
        """Set the fill of the given (row, col) cells of one sheet (None: no fill); other cells keep theirs.

        Desktop Excel fills a multi-area range in one call, so cells go one colour at a time, as few
        addresses as fit Excel's 255 characters, consecutive rows of a column merged into one area
        (xlwings' per-cell `set_colors` would cost two COM calls per cell). The remote engine has no
        multi-area ranges: there one `set_colors` matrix per column span carries every colour."""
        sh = self.sheet(name)
        if sh is None or not cells:
            return
        if self._multi_area():
            by_colour: dict[str | None, list[tuple[int, int]]] = {}
            for rc, colour in cells.items():
                by_colour.setdefault(colour, []).append(rc)
            for colour, rcs in sorted(by_colour.items(), key=lambda kv: kv[0] or ""):
                for address in addresses(rcs):
                    sh.range(address).color = colour
                    self.writes += 1
                    self._note("colour", f"{name}!{address}")
            return
        per_column: dict[int, dict[int, str | None]] = {}
        for (row, col), colour in cells.items():
            per_column.setdefault(col, {})[row] = colour
        for col, rows in sorted(per_column.items()):
            self._colour_column(sh, name, col, rows)

    def _multi_area(self) -> bool:
        try:
            return self.book.app.engine.name != "remote"
        except Exception:          # not an xlwings book: the per-column matrix works everywhere
            return False

    def _colour_column(self, sh, name: str, col: int, rows: dict[int, str | None]) -> None:
        ordered = sorted(rows)
        start = 0
        while start < len(ordered):
            end = start
            while end + 1 < len(ordered) and ordered[end + 1] - ordered[start] < MAX_COLOUR_SPAN:
                end += 1
            top, bottom = ordered[start], ordered[end]
            matrix = [[rows[r] if r in rows else ...] for r in range(top, bottom + 1)]
            sh.range((top, col), (bottom, col)).set_colors(matrix)
            self.writes += 1
            self._note("colour", f"{name}!{_a1(top, col)}:{_a1(bottom, col)}")
            start = end + 1

    @contextmanager
    def tenang(self):
        """Screen updating off and calculation manual while the handler writes; both restored after.

        The remote engine cannot report the calculation mode of an older client: then it is left as
        it is (there is nothing to restore it to)."""
        app = self.book.app
        try:
            calculation = app.calculation
        except Exception:
            calculation = None
        app.screen_updating = False
        self.app_calls += 1
        if calculation not in (None, "manual"):
            app.calculation = "manual"
            self.app_calls += 1
        try:
            yield
        finally:
            if calculation not in (None, "manual"):
                app.calculation = calculation
                self.app_calls += 1
            app.screen_updating = True
            self.app_calls += 1

    def select(self, name: str, cell: str) -> None:
        sh = self.sheet(name)
        if sh is None:
            return
        sh.activate()
        sh.range(cell).select()
        self.writes += 1

    def alert(self, text: str, critical: bool = False) -> None:
        try:
            self.book.app.alert(text, title=JUDUL, mode="critical" if critical else "info")
        except Exception:       # no alert possible (e.g. Excel busy): at least leave it on stderr
            print(text, file=sys.stderr)


def _a1(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


def addresses(cells: list[tuple[int, int]], limit: int = MAX_ADDRESS) -> list[str]:
    """Comma-joined A1 addresses of the (row, col) cells, each at most `limit` characters; consecutive
    rows of a column become one area: [(5, 5), (6, 5), (7, 5), (9, 5)] -> ['E5:E7,E9']."""
    areas = []
    by_col: dict[int, list[int]] = {}
    for row, col in cells:
        by_col.setdefault(col, []).append(row)
    for col, rows in sorted(by_col.items()):
        rows = sorted(set(rows))
        first = prev = rows[0]
        for row in rows[1:] + [None]:
            if row is not None and row == prev + 1:
                prev = row
                continue
            areas.append(_a1(first, col) if first == prev else f"{_a1(first, col)}:{_a1(prev, col)}")
            if row is not None:
                first = prev = row
    out: list[str] = []
    for area in areas:
        if out and len(out[-1]) + 1 + len(area) <= limit:
            out[-1] += "," + area
        else:
            out.append(area)
    return out


def _parse_cell(cell: str) -> tuple[int, int] | None:
    m = _CELL.match(cell or "")
    return (int(m.group(2)), column_index_from_string(m.group(1).upper())) if m else None


def _excel_value(v: Any) -> Any:
    """A Block value as xlwings should write it: links become HYPERLINK formulas; text that Excel would
    parse as a formula is written as text."""
    if isinstance(v, Link):
        target = v.address.replace('"', '""')
        return f'=HYPERLINK("{target}","{v.text.replace(chr(34), chr(34) * 2)}")'
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") and len(v) > 1:
        return "'" + v
    if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
        return dt.datetime(v.year, v.month, v.day)
    return v


# ------------------------------------------------------------------ colouring

def _template_fill(o: Olahan, sheet: str, row: int, col: int) -> str | None:
    """The fill the template gives this cell (what a problem colour is replaced with when fixed)."""
    lap = o.laporan
    if sheet in TABLE_SHEETS and sheet in lap.kolom and row > lap.baris_header.get(sheet, 10**9):
        spec = TABLE_SHEETS[sheet]
        key = next((k for k, c in lap.kolom[sheet].items() if c == col), None)
        if key is not None:
            return COMPUTED_FILL if spec.column(key).computed else INPUT_FILL
    if sheet in FORM_SHEETS and col == 2:
        return INPUT_FILL
    return None


def warnai(io: BukuIo, o: Olahan) -> None:
    """Colour the cells named by problems; give cells coloured last time their template fill back."""
    marks = io.read(MARK_SHEET)
    previous: set[tuple[str, int, int]] = set()
    if marks is not None:
        for row in marks.values[1:] if marks.top == 1 else marks.values:
            sheet, _, cell = str(row[0] or "").partition("!") if row else ("", "", "")
            rc = _parse_cell(cell)
            if sheet and rc:
                previous.add((sheet, *rc))
    wanted: dict[tuple[str, int, int], str] = {}
    for p in o.masalah:
        rc = _parse_cell(p.cell)
        if rc is None or io.sheet(p.sheet) is None:
            continue
        key = (io.sheet(p.sheet).name, *rc)
        if p.severity == "error" or key not in wanted:
            wanted[key] = ERROR_FILL if p.severity == "error" else WARNING_FILL
    per_sheet: dict[str, dict[tuple[int, int], str | None]] = {}
    for (sheet, row, col), colour in wanted.items():
        per_sheet.setdefault(sheet, {})[(row, col)] = colour
    for (sheet, row, col) in previous - set(wanted):
        if io.sheet(sheet) is not None:
            per_sheet.setdefault(sheet, {})[(row, col)] = _template_fill(o, sheet, row, col)
    for sheet, cells in sorted(per_sheet.items()):
        io.colour(sheet, cells)
    if wanted or marks is not None:
        io.ensure_sheet(MARK_SHEET, hidden=True)
        if marks is not None:
            io.clear_sheet(MARK_SHEET)
        io.write(Block(MARK_SHEET, 1, 1, [[MARK_HEADER]] + [[f"{s}!{_a1(r, c)}"] for s, r, c in sorted(wanted)]))
