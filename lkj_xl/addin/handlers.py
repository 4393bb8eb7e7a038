"""Ribbon handlers of the Excel add-in (tab "LKj"), over an xlwings `Book`.

The VBA callback of every ribbon button runs `lkj_xl.addin.jalankan('<tag>')` through xlwings'
RunPython; `jalankan` finds the workbook with `xw.Book.caller()` and calls `jalankan_pada(book, tag)`.
Handlers take the book as a parameter (so tests drive them through xlwings' remote engine) and hold no
logic of their own: they read grids, call the same engine, outputs and rendering as the CLI, and write
the blocks back.

Excel traffic is kept to whole ranges: one `used_range` value read per sheet, one write per block,
one formatting call per formatted column, and one colouring call per (sheet, column) that has problem
cells. All of it goes through `BukuIo`, which counts the calls. Only the cells named by problems are
coloured; the cells coloured last time are listed on the hidden sheet `_lkj` and get the template's
own fill back when their problem is gone.

This is the only module that imports xlwings (and only inside `jalankan`).
"""
from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath, PurePosixPath
from typing import Any, Callable

from openpyxl.utils import column_index_from_string, get_column_letter

from ..core import layout as L
from ..core.engine import Olahan, olah_grids
from ..core.formatting import persen
from ..workbook.outputs import Block, Link, computed_blocks, hasil_blocks, lke_rows, masalah_block
from ..core.problems import LkjError, Problem
from ..core.reading import Grid, find_header

JUDUL = "LKj"
ERROR_FILL = "#FFC7CE"          # light red (Excel's "Bad")
WARNING_FILL = "#F8CBAD"        # light orange: the template's input cells are already light yellow
INPUT_FILL = "#FFF2CC"          # template.INPUT_CELL
COMPUTED_FILL = "#E7E6E6"       # template.COMPUTED_CELL
MARK_SHEET = "_lkj"             # hidden sheet: the cells this add-in coloured last time
MARK_HEADER = "Sel yang diwarnai lkj_xl (jangan diubah)"
MAX_COLOUR_SPAN = 10_000        # xlwings Range.set_colors limit per call
ALERT_PROBLEMS = 5              # problems listed in an alert
INPUT_SHEETS = tuple(s for s in L.SHEET_ORDER if s not in L.OUTPUT_SHEETS and s != "Petunjuk")
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

    def colour(self, name: str, col: int, rows: dict[int, str | None]) -> None:
        """Set the fill of the given rows of one column; cells in between keep theirs (`...`)."""
        sh = self.sheet(name)
        if sh is None or not rows:
            return
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


# ------------------------------------------------------------------ shared steps

def baca(io: BukuIo) -> Olahan:
    """Read every input sheet once and run reading, validation and calculation (the CLI's path)."""
    grids = {}
    for name in INPUT_SHEETS:
        grid = io.read(name)
        if grid is not None:
            io.percent_formats(name, grid)
            grids[name] = grid
    return olah_grids(grids, source=io.book.name)


def tulis_masalah(io: BukuIo, o: Olahan) -> None:
    if io.sheet(L.MASALAH.name) is None:
        io.ensure_sheet(L.MASALAH.name)
        io.write(Block(L.MASALAH.name, 1, 1, [[L.MASALAH.title]]))
        io.write(Block(L.MASALAH.name, L.MASALAH.header_row, 1, [[c.label for c in L.MASALAH.columns]],
                       header=True))
    io.clear_rows(L.MASALAH.name, L.MASALAH.first_data_row, len(L.MASALAH.columns))
    io.write(masalah_block(o.masalah, lke_rows(o)))


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
    per_column: dict[tuple[str, int], dict[int, str | None]] = {}
    for (sheet, row, col), colour in wanted.items():
        per_column.setdefault((sheet, col), {})[row] = colour
    for (sheet, row, col) in previous - set(wanted):
        if io.sheet(sheet) is not None:
            per_column.setdefault((sheet, col), {})[row] = _template_fill(o, sheet, row, col)
    for (sheet, col), rows in sorted(per_column.items()):
        io.colour(sheet, col, rows)
    if wanted or marks is not None:
        io.ensure_sheet(MARK_SHEET, hidden=True)
        if marks is not None:
            io.clear_sheet(MARK_SHEET)
        io.write(Block(MARK_SHEET, 1, 1, [[MARK_HEADER]] + [[f"{s}!{_a1(r, c)}"] for s, r, c in sorted(wanted)]))


def pilih_masalah_pertama(io: BukuIo, o: Olahan) -> None:
    for p in o.masalah:
        if _parse_cell(p.cell) and io.sheet(p.sheet) is not None:
            io.select(io.sheet(p.sheet).name, p.cell)
            return


def _daftar(problems: list[Problem], n: int = ALERT_PROBLEMS) -> str:
    lines = []
    for p in problems[:n]:
        text = f"- {p.where}: {p.message}"
        lines.append(text if len(text) <= 160 else text[:157] + "...")
    if len(problems) > n:
        lines.append(f"- ... dan {len(problems) - n} lainnya (lihat sheet Masalah).")
    return "\n".join(lines)


def _ringkasan_masalah(o: Olahan) -> str:
    if not o.masalah:
        return "Tidak ada masalah yang ditemukan."
    e, w = o.jumlah_kesalahan, o.jumlah_peringatan
    urut = sorted(o.masalah, key=lambda p: p.severity != "error")
    jumlah = " dan ".join(x for x in (f"{e} kesalahan" if e else "", f"{w} peringatan" if w else "") if x)
    return (f"Ditemukan {jumlah}. Sel yang bermasalah diwarnai "
            "(merah: kesalahan, oranye: peringatan); daftar lengkapnya ada di sheet Masalah.\n\n"
            + _daftar(urut))


def _periksa(io: BukuIo) -> Olahan:
    o = baca(io)
    tulis_masalah(io, o)
    warnai(io, o)
    return o


# ------------------------------------------------------------------ handlers

@dataclass
class Hasil:
    """What a handler did (the alert text, and the files it made) — for tests and callers."""
    pesan: str
    olahan: Olahan | None = None
    berkas: list[Path] = field(default_factory=list)
    io: BukuIo | None = None


def validasi(book, io: BukuIo | None = None) -> Hasil:
    io = io or BukuIo(book)
    o = _periksa(io)
    pilih_masalah_pertama(io, o)
    if not o.masalah:
        pesan = "Validasi selesai: tidak ada masalah. Workbook siap dihitung dan dibuat laporannya."
    else:
        pesan = "Validasi selesai. " + _ringkasan_masalah(o)
    io.alert(pesan, critical=o.ada_kesalahan)
    return Hasil(pesan, o, io=io)


def hitung(book, io: BukuIo | None = None) -> Hasil:
    io = io or BukuIo(book)
    o = _periksa(io)
    for block in computed_blocks(o):
        io.write(block)
    io.ensure_sheet(L.HASIL)
    io.clear_sheet(L.HASIL)
    for block in hasil_blocks(o):
        io.write(block)
    pilih_masalah_pertama(io, o)
    h, d = o.hasil, o.laporan.pengaturan.desimal
    pesan = (f"Capaian dihitung untuk {len(h.indikator)} indikator: rata-rata capaian kinerja "
             f"{persen(h.kinerja, d)}" + (f" ({h.predikat})" if h.predikat else "")
             + f", serapan anggaran {persen(h.serapan, d)}. Kolom abu-abu di sheet Capaian dan Anggaran "
             "serta sheet Hasil sudah diperbarui.")
    if o.masalah:
        pesan += "\n\n" + _ringkasan_masalah(o)
    io.alert(pesan, critical=o.ada_kesalahan)
    return Hasil(pesan, o, io=io)


def _folder_workbook(book) -> Path | None:
    """The folder of the saved workbook, or None when it was never saved (or lives online only)."""
    full = str(book.fullname or "")
    if "://" in full:
        return None
    path = PureWindowsPath(full) if "\\" in full else PurePosixPath(full)
    if len(path.parts) < 2:
        return None
    return Path(str(path.parent))


def buka_berkas(path: Path) -> None:
    """Open a file with its default application (Word, PDF viewer); nothing on Linux."""
    if sys.platform.startswith("win"):
        os.startfile(str(path))  # type: ignore[attr-defined]
    elif sys.platform == "darwin":
        subprocess.run(["open", str(path)], check=False)


def buat_lkj(book, io: BukuIo | None = None, *, pdf: bool = False, out_dir: Path | None = None,
             buka: Callable[[Path], None] | None = None) -> Hasil:
    """Make the LKj (.docx, and .pdf when asked) in `LKj/` next to the workbook, then open it."""
    from ..report import rendering

    io = io or BukuIo(book)
    o = _periksa(io)
    if o.ada_kesalahan:
        pilih_masalah_pertama(io, o)
        urut = [p for p in o.masalah if p.severity == "error"]
        pesan = (f"LKj belum dapat dibuat: masih ada {len(urut)} kesalahan. Perbaiki dulu sel yang berwarna "
                 "merah (daftar lengkap di sheet Masalah), lalu klik Buat LKj lagi.\n\n" + _daftar(urut))
        io.alert(pesan, critical=True)
        return Hasil(pesan, o, io=io)
    folder = _folder_workbook(book)
    if out_dir is None:
        if folder is None:
            raise LkjError("Simpan workbook ini dulu (File > Simpan) di folder komputer Anda, "
                           "lalu klik Buat LKj lagi. Laporan disimpan di folder LKj di samping workbook.")
        out_dir = folder / "LKj"
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    docx = out_dir / f"{Path(str(book.name)).stem}.docx"
    try:
        made = rendering.buat_docx(o, docx, folder_foto=folder)
    except PermissionError as exc:
        raise LkjError(f"File '{docx.name}' sedang terbuka di Word. Tutup dokumen itu, lalu klik Buat LKj lagi.") \
            from exc
    berkas = [Path(made)]
    if pdf:
        buat_pdf = getattr(rendering, "buat_pdf", None)
        if buat_pdf is None:
            from ..report.pdf import buat_pdf
        berkas.append(Path(buat_pdf(Path(made), out_dir)))
    (buka or buka_berkas)(berkas[-1])
    jenis = "PDF" if pdf else "Word"
    pesan = f"LKj ({jenis}) selesai dibuat:\n{berkas[-1]}"
    if o.jumlah_peringatan:
        pesan += (f"\n\nCatatan: ada {o.jumlah_peringatan} peringatan (sel berwarna oranye, lihat sheet Masalah). "
                  "Periksa sebelum laporan ditandatangani.")
    io.alert(pesan)
    return Hasil(pesan, o, berkas, io=io)


def buat_pdf(book, io: BukuIo | None = None, **kw) -> Hasil:
    return buat_lkj(book, io, pdf=True, **kw)


def buka_workbook(book, path: Path) -> None:
    book.app.books.open(str(path))


def workbook_baru(book, io: BukuIo | None = None, *, folder: Path | None = None,
                  buka: Callable[[Any, Path], None] | None = None) -> Hasil:
    """Save a new workbook from the template (next to the current one, else in Documents) and open it."""
    from ..workbook.template import new_workbook

    io = io or BukuIo(book)
    folder = folder or _folder_workbook(book)
    if folder is None:
        docs = Path.home() / "Documents"
        folder = docs if docs.is_dir() else Path.home()
    path = folder / "LKj_baru.xlsx"
    n = 2
    while path.exists():
        path = folder / f"LKj_baru ({n}).xlsx"
        n += 1
    new_workbook().save(path)
    try:
        (buka or buka_workbook)(book, path)
        pesan = (f"Workbook LKj baru dibuat dan dibuka:\n{path}\n\n"
                 "Mulailah dari sheet Petunjuk, lalu isi Identitas, PK, Capaian dan Anggaran.")
    except Exception:
        pesan = f"Workbook LKj baru disimpan di:\n{path}\n\nBuka file itu di Excel untuk mulai mengisi."
    io.alert(pesan)
    return Hasil(pesan, None, [path], io=io)


BANTUAN = (
    "Tab LKj membantu menyusun Laporan Kinerja dari workbook ini.\n\n"
    "1. Validasi: memeriksa isian. Sel bermasalah diwarnai (merah: kesalahan, oranye: peringatan) dan "
    "didaftar di sheet Masalah; klik alamat selnya untuk melompat ke sana.\n"
    "2. Hitung Capaian: mengisi kolom abu-abu di sheet Capaian dan Anggaran serta sheet Hasil. "
    "Kolom yang Anda ketik tidak pernah diubah.\n"
    "3. Buat LKj (Word) / Buat PDF: membuat laporan di folder LKj di samping workbook "
    "(simpan workbook dulu). Ditolak bila masih ada kesalahan.\n"
    "4. Workbook Baru: membuat workbook kosong dari templat.\n\n"
    "Perubahan yang belum disimpan ikut diperiksa. Bila tombol tidak bekerja, lihat panduan "
    "pemasangan add-in (docs/addin.md) atau hubungi admin."
)


def bantuan(book, io: BukuIo | None = None) -> Hasil:
    io = io or BukuIo(book)
    io.alert(BANTUAN)
    return Hasil(BANTUAN, io=io)


HANDLERS: dict[str, Callable[..., Hasil]] = {
    "validasi": validasi,
    "hitung": hitung,
    "buat_lkj": buat_lkj,
    "buat_pdf": buat_pdf,
    "workbook_baru": workbook_baru,
    "bantuan": bantuan,
}


def log_path() -> Path:
    return Path(tempfile.gettempdir()) / "lkj_xl_addin.log"


def jalankan_pada(book, tag: str) -> Hasil | None:
    """Run the handler of a ribbon tag on `book`; every failure becomes an alert, never a traceback."""
    io = BukuIo(book)
    handler = HANDLERS.get(tag)
    if handler is None:
        io.alert(f"Tombol '{tag}' tidak dikenal oleh lkj_xl versi ini. Perbarui paket lkj_xl "
                 "(pip install -U lkj_xl) lalu pasang ulang add-in (lkj addin install).", critical=True)
        return None
    try:
        return handler(book, io)
    except LkjError as exc:
        io.alert(str(exc), critical=True)
    except Exception as exc:  # last resort: an official never sees a Python traceback
        try:
            with log_path().open("a", encoding="utf-8") as fh:
                fh.write(f"--- {dt.datetime.now():%Y-%m-%d %H:%M:%S} tombol={tag} buku={getattr(book, 'name', '?')}\n")
                fh.write(traceback.format_exc())
            where = f" Rincian teknis dicatat di {log_path()}; kirimkan file itu kepada admin."
        except OSError:
            where = ""
        io.alert(f"Terjadi kesalahan tak terduga ({type(exc).__name__}: {exc}).{where}", critical=True)
    return None


def jalankan(tag: str) -> None:
    """Entry point of the ribbon (VBA: RunPython "import lkj_xl.addin; lkj_xl.addin.jalankan('tag')")."""
    import xlwings as xw

    jalankan_pada(xw.Book.caller(), tag)
