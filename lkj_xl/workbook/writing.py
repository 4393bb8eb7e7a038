"""Apply output blocks to an .xlsx with openpyxl, and save atomically.

Only the computed columns and the Hasil and Masalah sheets are written; every other cell, style,
validation, defined name and sheet stays as it was.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import gc
import os
import shutil
import sys
import tempfile
import traceback
import warnings
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.styles import Font
from openpyxl.worksheet.hyperlink import Hyperlink

from ..core import layout as L
from ..core.engine import Olahan
from .outputs import HASIL_WIDTHS, Block, Link, computed_blocks, hasil_blocks, lke_rows, masalah_block
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


DISK_PENUH = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def output_error(out: Path, exc: OSError) -> LkjError:
    """One message for a failure on the output side, saying that the workbook read is not the cause."""
    out = Path(out)
    sisi = "Ini masalah di tempat penyimpanan hasil, bukan di workbook masukan; tidak ada file yang diubah."
    if exc.errno in DISK_PENUH:
        return LkjError(f"Ruang disk tidak cukup untuk menulis file hasil '{out}'. {sisi} Kosongkan ruang disk "
                        "atau pilih folder hasil lain (-o), lalu ulangi.")
    if exc.errno == errno.EROFS or isinstance(exc, PermissionError):
        return LkjError(f"File hasil '{out}' tidak dapat ditulis: folder '{out.parent}' hanya-baca atau tanpa "
                        f"izin tulis (atau file itu sedang dibuka di Excel/Word). {sisi} Tutup file itu atau "
                        "pilih folder hasil lain (-o).")
    if isinstance(exc, IsADirectoryError) or out.is_dir():
        return LkjError(f"File hasil '{out}' adalah folder. {sisi} Tulis nama file hasilnya, misalnya "
                        f"-o {out / 'hasil'}{out.suffix or '.xlsx'}.")
    return LkjError(f"File hasil '{out}' tidak dapat ditulis ({exc.strerror or type(exc).__name__}). {sisi} "
                    "Pilih folder hasil lain (-o) lalu ulangi.")


@contextlib.contextmanager
def _quiet_finalizers():
    """A writer that failed mid-way (zipfile on a full disk) leaves an object whose __del__ fails again
    and prints 'Exception ignored in ZipFile.__del__'; finalize it now, silently."""
    hook = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: None
    try:
        yield
    finally:
        sys.unraisablehook = hook


def atomic_save(save, out: Path) -> Path:
    """Call save(tmp_path) then move it over `out`, so a crash never leaves half a file.
    A failure on the output side (full disk, read-only folder, a folder as output) leaves nothing behind and
    raises the OSError with `.keluaran = out`; `output_error` turns it into one message."""
    out = Path(out)
    tmp = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=out.suffix, dir=out.parent)
        os.close(fd)
        save(tmp)
        usual_permissions(Path(tmp))
        os.replace(tmp, out)
    except OSError as exc:
        _discard(tmp)
        with _quiet_finalizers():
            traceback.clear_frames(exc.__traceback__)
            gc.collect()
        exc.keluaran = out          # callers word it: output_error(exc.keluaran, exc) (CLI), or by errno (batch)
        raise
    except BaseException:
        _discard(tmp)
        raise
    return out


def _discard(tmp) -> None:
    if tmp is not None:
        with contextlib.suppress(OSError):
            Path(tmp).unlink(missing_ok=True)


def backup(path: Path) -> Path:
    """A copy of `path` next to it (`<stem>.cadangan-<time>.xlsx`), written atomically, never over
    an earlier backup."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = path.with_name(f"{path.stem}.cadangan-{stamp}{path.suffix}")
    n = 1
    while dest.exists():
        n += 1
        dest = path.with_name(f"{path.stem}.cadangan-{stamp}-{n}{path.suffix}")
    return atomic_save(lambda tmp: shutil.copyfile(path, tmp), dest)


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


def _refuse_merged(ws, block: Block) -> None:
    """Computed cells covered by merged cells cannot be written: name the range and say to unmerge."""
    top, bottom = block.row, block.last_row
    left, right = block.col, block.col + max((len(r) for r in block.values), default=1) - 1
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= bottom and rng.max_row >= top and rng.min_col <= right and rng.max_col >= left:
            raise LkjError(f"Sel {rng.coord} di sheet {ws.title} digabung (merge) dan menutupi kolom hasil "
                           "perhitungan, sehingga hasilnya tidak dapat ditulis. Pisahkan gabungan sel itu (Beranda > "
                           "Gabungkan & Tengahkan > Pisahkan Sel / Home > Merge & Center > Unmerge Cells), simpan, "
                           "lalu ulangi.")


def _unmerge_all(ws) -> None:
    """Hasil and Masalah belong to the tool: cells a user merged there are simply unmerged."""
    for rng in list(ws.merged_cells.ranges):
        ws.unmerge_cells(rng.coord)


def write_results(source: Path, out: Path, o: Olahan) -> Path:
    """Write computed columns, Hasil and Masalah of `o` into a copy of `source` saved at `out`."""
    check_file(source)
    keep_vba = source.suffix.lower() == ".xlsm"
    try:
        with warnings.catch_warnings():        # openpyxl's English warnings (long sheet titles …) are noise here
            warnings.simplefilter("ignore", UserWarning)
            wb = load_workbook(source, keep_vba=keep_vba)
    except Exception as exc:
        raise LkjError(f"File '{source.name}' tidak dapat dibuka untuk ditulisi ({type(exc).__name__}).") from exc
    blocks = computed_blocks(o)
    for block in blocks:
        _refuse_merged(wb[block.sheet], block)
    for name in (L.HASIL, L.MASALAH.name):
        if name in wb.sheetnames:
            _unmerge_all(wb[name])
    for block in blocks:
        _apply(wb[block.sheet], block)
    _reset_hasil(wb)
    for block in hasil_blocks(o):
        _apply(wb[L.HASIL], block)
    masalah = masalah_block(o.masalah, lke_rows(o))
    _apply(_reset_masalah(wb, len(masalah.values)), masalah)
    return atomic_save(wb.save, out)
