"""Ribbon handlers of the Excel add-in (tab "LKj"), over an xlwings `Book`.

The VBA callback of every ribbon button runs `lkj_xl.addin.jalankan('<tag>')` through xlwings'
RunPython; `jalankan` finds the workbook with `xw.Book.caller()` and calls `jalankan_pada(book, tag)`.
Handlers take the book as a parameter (so tests drive them through xlwings' remote engine) and hold no
logic of their own: they read grids, call the same engine, outputs and rendering as the CLI, and write
the blocks back.

All Excel traffic goes through `io.BukuIo` (whole ranges, counted; colouring of problem cells there
too); while a handler reads and writes, screen updating is off and calculation manual.

This is the only module that imports xlwings (and only inside `jalankan`).
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath, PurePosixPath
from typing import Any, Callable

from ..core import layout as L
from ..core.engine import Olahan, olah_grids
from ..core.formatting import persen
from ..core.problems import LkjError, Problem
from ..core.reading import Grid  # noqa: F401  (re-exported for callers of this module)
from ..workbook.outputs import Block, computed_blocks, hasil_blocks, lke_rows, masalah_block
from .io import (COMPUTED_FILL, ERROR_FILL, INPUT_FILL, MARK_HEADER, MARK_SHEET,  # noqa: F401
                 WARNING_FILL, BukuIo, _parse_cell, warnai)

ALERT_PROBLEMS = 5              # problems listed in an alert
INPUT_SHEETS = tuple(s for s in L.SHEET_ORDER if s not in L.OUTPUT_SHEETS and s != "Petunjuk")


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
    with io.tenang():
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
    with io.tenang():
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
    with io.tenang():
        o = _periksa(io)
        if o.ada_kesalahan:
            pilih_masalah_pertama(io, o)
    if o.ada_kesalahan:
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
