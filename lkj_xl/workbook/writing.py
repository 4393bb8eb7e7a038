"""Apply output blocks to an .xlsx with openpyxl, and save atomically.

Only the computed columns and the Hasil and Masalah sheets are written; every other cell, style,
validation, defined name and sheet stays as it was.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.styles import Font
from openpyxl.worksheet.hyperlink import Hyperlink

from ..core import layout as L
from ..core.engine import Olahan
from .outputs import HASIL_WIDTHS, Block, Link, computed_blocks, hasil_blocks, masalah_block
from ..core.problems import LkjError
from ..core.reading import check_file
from .template import _table_sheet, resize_table

TMP_PREFIX = ".~lkj-"        # temporary files next to their target (batch cleans these up on Ctrl-C)


def usual_permissions(path: Path) -> None:
    """mkstemp creates files readable by their owner only; outputs on a shared office folder
    should have the permissions any other new file gets (0666 less the umask)."""
    if os.name == "posix":
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(path, 0o666 & ~mask)


def atomic_save(save, out: Path) -> Path:
    """Call save(tmp_path) then move it over `out`, so a crash never leaves half a file."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=out.suffix, dir=out.parent)
    os.close(fd)
    try:
        save(tmp)
        usual_permissions(Path(tmp))
        try:
            os.replace(tmp, out)
        except PermissionError as exc:
            raise LkjError(f"File '{out}' tidak dapat ditulis; mungkin sedang dibuka di Excel atau Word. "
                           "Tutup file itu lalu ulangi.") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


def backup(path: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = path.with_name(f"{path.stem}.cadangan-{stamp}{path.suffix}")
    shutil.copy2(path, dest)
    return dest


def _apply(ws, block: Block) -> None:
    for i, row in enumerate(block.values):
        for j, value in enumerate(row):
            cell = ws.cell(block.row + i, block.col + j)
            if isinstance(value, Link):
                cell.value = value.text
                cell.hyperlink = Hyperlink(ref=cell.coordinate, location=value.location)
                cell.font = Font(color="0563C1", underline="single")
            else:
                cell.value = value
            if block.header and i == 0:
                cell.font = Font(bold=True)
            elif fmt := block.format_at(i, j):
                cell.number_format = fmt


def _reset_hasil(wb) -> None:
    if L.HASIL in wb.sheetnames:
        ws = wb[L.HASIL]
        for row in ws.iter_rows():
            for cell in row:
                cell.value = None
                cell.hyperlink = None
    else:
        ws = wb.create_sheet(L.HASIL)
    for col, width in zip("ABCDEFGHIJ", HASIL_WIDTHS):
        ws.column_dimensions[col].width = width


def _reset_masalah(wb, n_rows: int):
    spec = L.MASALAH
    if spec.name not in wb.sheetnames:
        _table_sheet(wb, spec)
    ws = wb[spec.name]
    for row in ws.iter_rows(min_row=spec.first_data_row):
        for cell in row[:len(spec.columns)]:
            cell.value = None
            cell.hyperlink = None
    if spec.table in ws.tables:
        resize_table(ws, spec, n_rows)
    return ws


def write_results(source: Path, out: Path, o: Olahan) -> Path:
    """Write computed columns, Hasil and Masalah of `o` into a copy of `source` saved at `out`."""
    check_file(source)
    keep_vba = source.suffix.lower() == ".xlsm"
    try:
        wb = load_workbook(source, keep_vba=keep_vba)
    except Exception as exc:
        raise LkjError(f"File '{source.name}' tidak dapat dibuka untuk ditulisi ({type(exc).__name__}).") from exc
    for block in computed_blocks(o):
        _apply(wb[block.sheet], block)
    _reset_hasil(wb)
    for block in hasil_blocks(o):
        _apply(wb[L.HASIL], block)
    masalah = masalah_block(o.masalah)
    _apply(_reset_masalah(wb, len(masalah.values)), masalah)
    return atomic_save(wb.save, out)
