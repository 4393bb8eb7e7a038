"""The file and grid layer of reading: is this path a usable .xlsx, and its sheets as plain Grids.

A `Grid` is what both front doors hand to the sheet readers: openpyxl's read of a file here, an
xlwings used range in the add-in. Unusable files raise `LkjError` with one Bahasa Indonesia message.
"""
from __future__ import annotations

import io
import os
import re
import stat
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
from openpyxl.utils import column_index_from_string, coordinate_to_tuple
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import FORMULA_TAG, ROW_TAG, VALUE_TAG, WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS
from lxml import etree

from .parsing import RUMUS_TANPA_NILAI, TAK_HINGGA, Cacat, unescape_excel
from .problems import LkjError

# What a damaged or hostile XML part raises (defusedxml's errors are ValueErrors: entity bombs,
# external entities; expat's ParseError: undefined entities, raw control characters)
TEXT_TAG = f"{{{SHEET_MAIN_NS}}}t"
XML_ERRORS = (ParseError, DefusedXmlException, SyntaxError)


@dataclass
class Grid:
    """A rectangle of cell values starting at (top, left), 1-based, with optional number formats."""
    values: list[list[Any]]
    formats: list[list[str | None]] | None = None
    top: int = 1
    left: int = 1

    def get(self, row: int, col: int) -> Any:
        r, c = row - self.top, col - self.left
        if 0 <= r < len(self.values) and 0 <= c < len(self.values[r]):
            return self.values[r][c]
        return None

    def fmt(self, row: int, col: int) -> str:
        if self.formats is None:
            return ""
        r, c = row - self.top, col - self.left
        if 0 <= r < len(self.formats) and 0 <= c < len(self.formats[r]):
            return self.formats[r][c] or ""
        return ""

    @property
    def bottom(self) -> int:
        return self.top + len(self.values) - 1

    @property
    def right(self) -> int:
        return self.left + max((len(r) for r in self.values), default=0) - 1


# What one workbook may cost, each raisable with an environment variable (docs/keamanan.md)
LIMITS = {
    "LKJ_MAKS_UKURAN_MB": (200, "ukuran isi workbook setelah diekstrak (MB)"),
    "LKJ_MAKS_BARIS": (100_000, "nomor baris terakhir di satu sheet"),
    "LKJ_MAKS_SEL": (2_000_000, "jumlah sel yang dibaca dari seluruh workbook"),
}


def limit(name: str) -> int:
    """The limit `name` (see LIMITS), from the environment when set to a positive whole number."""
    default = LIMITS[name][0]
    try:
        value = int(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


def _over_limit(file: str, name: str, what: str) -> LkjError:
    value = limit(name)
    return LkjError(f"File '{file}' melebihi batas yang diizinkan: {what} (batas {LIMITS[name][1]}: "
                    f"{value:,}".replace(",", ".") + "). Bila workbook ini memang sebesar itu, naikkan batasnya "
                    f"dengan variabel lingkungan {name}, misalnya {name}={value * 2}.")


def check_file(path: Path) -> None:
    """Raise LkjError with a clear message when `path` cannot be an .xlsx workbook. Only a regular
    file is opened: a pipe would block and a device (a link to /dev/zero) never ends."""
    name = path.name
    try:
        st = path.stat()
    except FileNotFoundError:
        raise LkjError(f"File '{name}' tidak ditemukan. Periksa nama dan foldernya.") from None
    except OSError as exc:
        raise LkjError(f"File '{name}' tidak dapat dibuka ({exc.strerror or type(exc).__name__}). "
                       "Periksa izin akses file dan foldernya.") from None
    if stat.S_ISDIR(st.st_mode):
        raise LkjError(f"'{name}' adalah folder, bukan file Excel.")
    if not stat.S_ISREG(st.st_mode):
        raise LkjError(f"'{name}' bukan file biasa (misalnya pipa, perangkat, atau tautan ke perangkat), "
                       "sehingga tidak dibaca. Simpan workbook sebagai file .xlsx biasa lalu coba lagi.")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        import olefile
        try:
            with olefile.OleFileIO(str(path)) as ole:
                encrypted = ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage")
        except (OSError, ValueError):   # olefile raises either for a malformed compound file
            encrypted = False
        if encrypted:
            raise LkjError(f"File '{name}' dilindungi kata sandi. Buka di Excel, hapus kata sandinya "
                           "(File > Info > Protect Workbook > Encrypt with Password), simpan, lalu coba lagi.")
        raise LkjError(f"File '{name}' berformat Excel lama (.xls). Buka di Excel lalu simpan sebagai "
                       "'Excel Workbook (.xlsx)', kemudian coba lagi.")
    if not zipfile.is_zipfile(path):
        raise LkjError(f"File '{name}' bukan workbook Excel (.xlsx) atau sudah rusak. "
                       "Pastikan file dibuat dari template_lkj.xlsx dan disimpan sebagai .xlsx.")
    _check_package(path)


def _check_package(path: Path) -> None:
    """Refuse a package that would cost too much to unpack, or whose XML declares a DTD (Excel never
    writes one; entity bombs and external entities need one)."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            if total > limit("LKJ_MAKS_UKURAN_MB") * 1024 * 1024:
                raise _over_limit(path.name, "LKJ_MAKS_UKURAN_MB",
                                  f"isinya {total / 1024 / 1024:,.0f} MB setelah diekstrak".replace(",", "."))
            for info in infos:
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    with zf.open(info) as fh:
                        why = _prolog_problem(fh.read(PROLOG_BYTES))
                    if why:
                        raise _broken(path.name, info.filename, why)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError, zlib.error) as exc:
        raise LkjError(f"File '{path.name}' tidak dapat dibuka sebagai workbook Excel ({type(exc).__name__}). "
                       "File mungkin rusak; buka di Excel lalu simpan ulang sebagai .xlsx.") from exc


PROLOG_BYTES = 65536
_ROOT = re.compile(rb"<[A-Za-z_]")


def _prolog_problem(head: bytes) -> str:
    """Why the start of an XML part is refused ('' when it is fine): a DTD may only come before the
    root element, so everything up to the root is looked at."""
    root = _ROOT.search(head)
    prolog = head[:root.start()] if root else head
    if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
        return "berisi deklarasi DTD/entitas XML (tidak pernah ditulis oleh Excel)"
    if root is None and len(head) >= PROLOG_BYTES:
        return "tidak diawali elemen XML"
    return ""


def _broken(file: str, part: str, why: str, sheet: str = "") -> LkjError:
    where = f"bagian '{part}'" + (f" (sheet '{sheet}')" if sheet else "")
    return LkjError(f"File '{file}' rusak: {where} {why}. Buka file di Excel lalu simpan ulang sebagai .xlsx "
                    "(atau salin isinya ke workbook baru dari templat: lkj baru).")


# ---------------------------------------------------------------- sheets -> grids

class _SheetParser(WorkSheetParser):
    """openpyxl's worksheet parser, changed where the reader needs it: styled empty cells (the template
    pre-formats 300 rows) are skipped before openpyxl builds them; a formula without a stored value
    and a stored number that is not one become `Cacat` values the sheet reader reports."""

    stripped = False      # the styled empty cells were cut out of the XML before parsing (_sheet_source)

    def parse_row(self, row):
        number = row.get("r")
        numbered = bool(number) and number.isdigit() and number.isascii()
        if numbered and self.stripped:
            return self._plain_row(row, number)
        placed = all(el.get("r") for el in row)      # positions come from "r": empty cells can go
        if numbered and placed:
            return self._plain_row(row, number)
        if placed:
            for el in [el for el in row if not len(el)]:
                row.remove(el)
        elif self.stripped:             # a cell placed by counting: the cut-out cells counted too
            raise _ReadUnstripped
        return super().parse_row(row)   # a counted cell or an odd row number: openpyxl's path

    def _plain_row(self, row, number: str):
        """parse_row of a row with a plain number whose cells (in a stripped sheet: must) all have "r",
        in one pass over its cells."""
        self.row_counter, self.col_counter = int(number), 0       # what openpyxl's parse_row sets
        plain, general, cells = self._plain_cell, self.parse_cell, []
        for el in row:
            ref = el.get("r")
            if not ref:                 # a cell placed by counting: the cut-out cells counted too
                raise _ReadUnstripped
            if len(el):                 # an empty cell holds nothing (its position came from "r")
                cells.append(plain(el, number, ref) or general(el))
        return self.row_counter, cells

    def parse_cell(self, element) -> tuple:
        """(column, value, style id) of one cell, as openpyxl reads it (its dict's three fields)."""
        cell = self._plain_cell(element)
        if cell is not None:
            return cell
        try:
            cell = super().parse_cell(element)
        except (ValueError, OverflowError):          # int('NaN'), int('INF'): a stored "number" that is none
            col = coordinate_to_tuple(element.get("r"))[1] if element.get("r") else self.col_counter + 1
            self.col_counter = col
            raw = element.findtext(VALUE_TAG) or ""
            return col, Cacat(TAK_HINGGA, raw), 0
        value = cell["value"]
        if value is None and element.find(FORMULA_TAG) is not None:
            formula = element.findtext(FORMULA_TAG) or ""
            value = Cacat(RUMUS_TANPA_NILAI, "=" + formula if formula else "rumus")
        elif isinstance(value, str):
            value = unescape_excel(value)
        return cell["column"], value, cell["style_id"]

    def _plain_cell(self, element, row: str | None = None, ref: str | None = None) -> tuple | None:
        """The cells Excel writes most (a number, a shared string, plain inline text, each maybe with
        a formula and its stored value) read as openpyxl would, without its general path; None for
        anything else (dates, booleans, errors, rich text, unusual addresses), which openpyxl reads.
        `row`: the number of the row the cell is in, when known (a plain address ends with it); `ref`:
        the cell's "r", when already read."""
        ref = ref or element.get("r")
        if ref is None:
            return None
        if row is not None and row[0] != "0" and ref.endswith(row):
            col = _COLUMNS.get(ref[:-len(row)])          # 'E' of 'E12', without a regex per cell
        else:
            col = None
        if col is None:
            place = _place(ref)
            if place is None:
                return None
            col = place[1]
        style = element.get("s")
        if style is None:
            style_id = 0
        elif style.isdigit() and style.isascii() and len(style) <= 9:
            style_id = int(style)
        else:
            return None
        kind = element.get("t", "n")
        if kind == "inlineStr":
            if len(element) != 1 or len(element[0]) != 1 or element[0][0].tag != TEXT_TAG:
                return None
            value = unescape_excel(element[0][0].text or "")
        else:
            if len(element) == 1 and element[0].tag == VALUE_TAG:       # = findtext(v), 5x cheaper
                raw = element[0].text
            else:
                raw = next((child.text for child in element if child.tag == VALUE_TAG), None)
            if not raw:
                return None                  # empty, or a formula without a stored value
            if kind == "s" and raw.isdigit() and raw.isascii() and len(raw) <= 9:
                value = unescape_excel(self.shared_strings[int(raw)])
            elif kind == "n" and style_id not in self.date_formats:
                try:                         # openpyxl's own _cast_number
                    value = float(raw) if "." in raw or "E" in raw or "e" in raw else int(raw)
                except ValueError:
                    return None              # 'NaN', 'INF' …: openpyxl's path, which reports it
            else:
                return None
        self.col_counter = col
        return col, value, style_id


@lru_cache(maxsize=4096)
def _column(letters: str) -> int:
    return column_index_from_string(letters)


_ADDRESS = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")


def _place(ref: str) -> tuple[int, int] | None:
    """(row, column) of a plain cell address 'E12' (what coordinate_to_tuple gives); None otherwise."""
    m = _ADDRESS.fullmatch(ref)
    return (int(m.group(2)), _column(m.group(1))) if m else None


class _Columns(dict):
    """{'E': 5} for every column letters of a plain address, filled on first use; None otherwise."""

    def get(self, letters: str) -> int | None:
        col = dict.get(self, letters)
        if col is None:
            if not (0 < len(letters) <= 3 and letters.isascii() and letters.isalpha() and letters.isupper()):
                return None                          # [A-Z]{1,3}, as _ADDRESS
            col = self[letters] = _column(letters)
        return col


_COLUMNS = _Columns()


def _rows(parser: _SheetParser, source, max_rows: int):
    """(row number, cells) of every <row> that holds a cell with content. libxml2 walks the XML in C
    (the template's pre-formatted empty rows cost no Python), never reaching the network; openpyxl's
    parser only sees the rows. A row numbered past `max_rows`, even an empty
    one, stops the walk with _TooManyRows (writing the workbook back would load every one of them)."""
    counter = 0
    # resolve_entities: lxml's default 'internal' (no external entity is ever loaded); a DTD that could
    # declare any entity was refused by check_file already
    for _, element in etree.iterparse(source, events=("end",), tag=ROW_TAG, no_network=True, huge_tree=False):
        r = element.get("r")
        counter = int(r) if r and r.isdigit() else counter + 1
        if counter > max_rows:
            raise _TooManyRows(counter)
        if any(len(cell) for cell in element):
            yield parser.parse_row(element)
        element.clear()
        while element.getprevious() is not None:      # keep memory flat on long sheets
            del element.getparent()[0]


class _TooManyRows(Exception):
    def __init__(self, row: int):
        self.row = row


class _ReadUnstripped(Exception):
    """The sheet must be parsed again from its XML as stored (see _sheet_source)."""


# A styled cell with no content, as Excel (<c r="B7" s="3"/>) and openpyxl (<c r="B7" s="3" t="n"></c>)
# write it: the template pre-formats 300 rows of every sheet, ~95 % of its XML.
_EMPTY_CELL = re.compile(rb'<c r="[A-Z]{1,3}[0-9]{1,7}"(?: s="[0-9]{1,6}")?(?: t="[a-z]{1,9}")?(?:/>|></c>)')
_STRIP_MAX = 16 * 1024 * 1024       # larger sheets (~25.000 filled rows) are streamed as stored: flat memory


def _sheet_source(ws, strip: bool):
    """The sheet's XML for `_rows`: with the styled empty cells cut out when that cannot change what is
    read. Outside a CDATA section `<` only starts markup (it cannot sit in an attribute or text), so the
    pattern matches only real empty cells, or text in a comment; the one thing they still carry is
    position, for a cell without "r" after them in its row, which _SheetParser refuses while stripped."""
    archive = ws.parent._archive
    if not strip or archive.getinfo(ws._worksheet_path).file_size > _STRIP_MAX:
        return ws._get_source(), False
    data = archive.read(ws._worksheet_path)
    if b"<![CDATA[" in data:
        return io.BytesIO(data), False
    return io.BytesIO(_EMPTY_CELL.sub(b"", data)), True


def _number_formats(wb) -> dict[int, str]:
    """{style id: number format} of the workbook's cell styles (what ReadOnlyCell.number_format reads)."""
    out = {}
    for style_id, style in enumerate(wb._cell_styles):
        fid = style.numFmtId
        out[style_id] = (BUILTIN_FORMATS.get(fid, "General") if fid < BUILTIN_FORMATS_MAX_SIZE
                         else wb._number_formats[fid - BUILTIN_FORMATS_MAX_SIZE])
    return out


def _read_sheet(wb, ws, file: str, formats: dict[int, str], budget: list[int]) -> Grid:
    """One sheet as a Grid up to its last used row, whatever its <dimension> says; number formats are
    kept only for numeric cells (the only ones whose format changes the value: 0,9167 in a % cell)."""
    max_rows, spent = limit("LKJ_MAKS_BARIS"), budget[0]
    for strip in (True, False):
        parser = _SheetParser(None, ws._shared_strings, data_only=True, epoch=wb.epoch,
                              date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        rows: dict[int, tuple[list, list | None]] = {}
        budget[0] = spent
        source, parser.stripped = _sheet_source(ws, strip)
        with source:
            try:
                for idx, cells in _rows(parser, source, max_rows):
                    _keep_row(rows, idx, cells, formats, budget, file, ws.title)
                break
            except _ReadUnstripped:
                continue
            except _TooManyRows as exc:
                raise _over_limit(file, "LKJ_MAKS_BARIS", f"sheet '{ws.title}' memiliki baris {exc.row:,}"
                                  .replace(",", ".")) from None
    last = max(rows, default=0)
    if len(rows) < last:
        budget[0] -= last - len(rows)
        if budget[0] < 0:
            raise _over_limit(file, "LKJ_MAKS_SEL", f"sheet '{ws.title}' membuat jumlah sel melebihi batas")
    empty = ([], None)
    grid_rows = [rows.get(r, empty) for r in range(1, last + 1)]
    return Grid([v for v, _ in grid_rows], [f or [] for _, f in grid_rows])


def _keep_row(rows: dict, idx: int, cells: list[tuple], formats: dict[int, str], budget: list[int], file: str,
              title: str) -> None:
    """Put one parsed row, (column, value, style id) per cell, into `rows` {row: (values, formats or
    None)}, within the cell budget."""
    cells = [c for c in cells if c[1] is not None]
    if not cells:
        return
    width = max(c[0] for c in cells)
    budget[0] -= width
    if budget[0] < 0:
        raise _over_limit(file, "LKJ_MAKS_SEL", f"sheet '{title}' membuat jumlah sel melebihi batas")
    values, fmts = [None] * width, None
    for col, v, style_id in cells:
        values[col - 1] = v
        if style_id and isinstance(v, (int, float)) and not isinstance(v, bool):
            fmts = fmts or [None] * width
            fmts[col - 1] = formats.get(style_id)
    rows[idx] = (values, fmts)


class _Sheet(ReadOnlyWorksheet):
    """openpyxl's read-only sheet without the parse of its first 16 KB that its constructor does to find
    <dimension>, which the reader ignores (it can lie): 20 sheets, a third of the time to open a workbook."""

    def _get_size(self):
        pass


class _WorkbookReader(ExcelReader):
    """openpyxl's reader of the workbook parts (strings, styles, sheet list) that makes `_Sheet`s and leaves
    out chart sheets, which hold no data."""

    def read_worksheets(self):
        for sheet, rel in self.parser.find_sheets():
            if rel.target in self.valid_files and "chartsheet" not in rel.Type:
                ws = _Sheet(self.wb, sheet.name, rel.target, self.shared_strings)
                ws.sheet_state = sheet.state
                self.wb._sheets.append(ws)


def _open_workbook(path: Path):
    reader = _WorkbookReader(path, read_only=True, data_only=True)
    reader.read()
    return reader.wb


def load_grids(path: Path, sheets: tuple[str, ...] | None = None) -> dict[str, Grid]:
    """Read sheets of an .xlsx as Grids (values + number formats of numeric cells), through openpyxl."""
    path = Path(path)
    check_file(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")      # openpyxl's English warnings (unknown extensions...)
            wb = _open_workbook(path)
    except XML_ERRORS as exc:
        raise _broken(path.name, _failing_part(path), f"tidak dapat dibaca ({_why(exc)})") from exc
    except Exception as exc:  # openpyxl raises many kinds for damaged packages
        raise LkjError(f"File '{path.name}' tidak dapat dibuka sebagai workbook Excel ({type(exc).__name__}). "
                       "File mungkin rusak; buka di Excel lalu simpan ulang sebagai .xlsx.") from exc
    try:
        grids, formats, budget = {}, _number_formats(wb), [limit("LKJ_MAKS_SEL")]
        for ws in wb.worksheets:
            if sheets is not None and ws.title not in sheets:
                continue
            try:
                grids[ws.title] = _read_sheet(wb, ws, path.name, formats, budget)
            except XML_ERRORS as exc:
                raise _broken(path.name, ws._worksheet_path, f"tidak dapat dibaca ({_why(exc)})", ws.title) from exc
            except (ValueError, IndexError, KeyError, TypeError) as exc:   # a cell openpyxl cannot place or look up
                raise _broken(path.name, ws._worksheet_path, "berisi sel yang tidak sesuai format Excel "
                              f"(rincian teknis: {type(exc).__name__}: {exc})", ws.title) from exc
        return grids
    finally:
        wb.close()


def _why(exc: Exception) -> str:
    if isinstance(exc, DefusedXmlException):
        return "berisi entitas XML yang tidak diizinkan"
    return f"XML-nya tidak utuh; rincian teknis: {str(exc) or type(exc).__name__}"


def _failing_part(path: Path) -> str:
    """The first XML part of the package that does not parse (only called once opening failed)."""
    from defusedxml.ElementTree import parse
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.endswith((".xml", ".rels")):
                try:
                    with zf.open(name) as fh:
                        parse(fh)
                except XML_ERRORS:
                    return name
    return "?"
