"""The file and grid layer of reading: is this path a usable .xlsx, and its sheets as plain Grids.

A `Grid` is what both front doors hand to the sheet readers: openpyxl's read of a file here, an
xlwings used range in the add-in. Unusable files raise `LkjError` with one Bahasa Indonesia message.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .problems import LkjError


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


def check_file(path: Path) -> None:
    """Raise LkjError with a clear message when `path` cannot be an .xlsx workbook."""
    name = path.name
    if not path.exists():
        raise LkjError(f"File '{name}' tidak ditemukan. Periksa nama dan foldernya.")
    if path.is_dir():
        raise LkjError(f"'{name}' adalah folder, bukan file Excel.")
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


def load_grids(path: Path, sheets: tuple[str, ...] | None = None) -> dict[str, Grid]:
    """Read sheets of an .xlsx as Grids (values + number formats), in openpyxl's fast read-only mode."""
    from openpyxl import load_workbook

    path = Path(path)
    check_file(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged packages
        raise LkjError(f"File '{path.name}' tidak dapat dibuka sebagai workbook Excel ({type(exc).__name__}). "
                       "File mungkin rusak; buka di Excel lalu simpan ulang sebagai .xlsx.") from exc
    try:
        grids = {}
        for ws in wb.worksheets:
            if sheets is not None and ws.title not in sheets:
                continue
            values, formats = [], []
            for row in ws.iter_rows():
                values.append([c.value for c in row])
                formats.append([getattr(c, "number_format", None) for c in row])
            grids[ws.title] = Grid(values, formats)
        return grids
    finally:
        wb.close()
