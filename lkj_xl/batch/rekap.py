"""The batch recap workbook: Ringkasan (one row per workbook) and Masalah (every problem).

Both sheets are real Excel tables (filters, banded rows), with frozen headers, widths, number
formats, colour for errors (conditional formatting, so it follows the user's own sorting and
filtering) and links to the reports. Rows arrive as plain dicts keyed by the `key` of the columns
below; pandas orders and types them. The file is written atomically.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

import pandas as pd
from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo

from ..core.formatting import nip as format_nip
from ..core.problems import ERROR, Problem
from ..workbook.writing import atomic_save
from .crosscheck import MasalahLintas

if TYPE_CHECKING:
    from .runner import HasilBatch

NAMA_FILE = "rekap.xlsx"


@dataclass(frozen=True)
class Kolom:
    key: str
    label: str
    width: int = 14
    fmt: str | None = None     # number format
    wrap: bool = False
    link: str | None = None    # key of the row value holding the link target


RINGKASAN = (
    Kolom("no", "No", 6, "0"),
    Kolom("file", "File Workbook", 42, link="file_link"),
    Kolom("unit", "Unit Kerja", 32),
    Kolom("jabatan", "Jabatan", 32),
    Kolom("eselon", "Eselon", 8),
    Kolom("nama", "Nama", 32),
    Kolom("nip", "NIP", 22),
    Kolom("periode", "Periode", 14),
    Kolom("indikator", "Jumlah Indikator", 11, "0"),
    Kolom("tercapai", "Indikator Tercapai", 11, "0"),
    Kolom("capaian", "Rata-rata Capaian (%)", 12, "0.00"),
    Kolom("serapan", "Serapan Anggaran (%)", 12, "0.00"),
    Kolom("efisiensi", "Efisiensi", 11, "0.00"),
    Kolom("kategori", "Kategori Efisiensi", 14),
    Kolom("predikat", "Predikat", 14),
    Kolom("kesalahan", "Kesalahan", 11, "0"),
    Kolom("peringatan", "Peringatan", 11, "0"),
    Kolom("lintas", "Masalah Lintas Laporan", 12, "0"),
    Kolom("lke", "Kualitas Laporan Tahunan (LKE 3.b)", 26, wrap=True),
    Kolom("status", "Status", 22),
    Kolom("keterangan", "Keterangan", 60, wrap=True),
    Kolom("laporan", "File Laporan", 48, link="laporan_link"),
    Kolom("pdf", "File PDF", 30, link="pdf_link"),
)

MASALAH = (
    Kolom("no", "No", 6, "0"),
    Kolom("file", "File Workbook", 42, link="file_link"),
    Kolom("jenis", "Jenis", 16),
    Kolom("tingkat", "Tingkat", 11),
    Kolom("kode", "Kode", 26),
    Kolom("sheet", "Sheet", 12),
    Kolom("sel", "Sel", 8),
    Kolom("pesan", "Pesan", 80, wrap=True),
    Kolom("saran", "Yang Perlu Dilakukan", 60, wrap=True),
    Kolom("lain", "Lokasi Lain", 50, wrap=True),
)

HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
RED_FILL = PatternFill("solid", fgColor="F8CBAD")
YELLOW_FILL = PatternFill("solid", fgColor="FFE699")
GREY_FILL = PatternFill("solid", fgColor="D9D9D9")
RED_FONT = Font(color="9C0006", bold=True)
HEADER_FONT, LINK_FONT = Font(bold=True, color="FFFFFF"), Font(color="0563C1", underline="single")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
TOP, TOP_WRAP = Alignment(vertical="top"), Alignment(wrap_text=True, vertical="top")


def _frame(rows: Iterable[dict[str, Any]], columns: tuple[Kolom, ...]) -> pd.DataFrame:
    keys = [c.key for c in columns] + [c.link for c in columns if c.link]
    df = pd.DataFrame(list(rows), columns=keys)
    df["no"] = range(1, len(df) + 1)
    return df


def _clean(value: Any) -> Any:
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item"):          # numpy scalar -> Python
        return value.item()
    return value


def _sheet(ws, df: pd.DataFrame, columns: tuple[Kolom, ...], table_name: str) -> None:
    for j, col in enumerate(columns, start=1):
        cell = ws.cell(1, j, col.label)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGN
        ws.column_dimensions[get_column_letter(j)].width = col.width
    ws.row_dimensions[1].height = 32
    records = df.to_dict("records")
    for i, rec in enumerate(records, start=2):
        for j, col in enumerate(columns, start=1):
            value = _clean(rec.get(col.key))
            cell = ws.cell(i, j, value)
            if col.fmt:
                cell.number_format = col.fmt
            if col.key == "nip":
                cell.number_format = "@"
            cell.alignment = TOP_WRAP if col.wrap else TOP
            target = _clean(rec.get(col.link)) if col.link else None
            if target and value:
                cell.hyperlink = str(target)
                cell.font = LINK_FONT
    last_row = max(2, len(records) + 1)     # an Excel table needs at least one body row
    ref = f"A1:{get_column_letter(len(columns))}{last_row}"
    table = Table(displayName=table_name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(table)
    ws.freeze_panes = "C2"


def _letter(columns: tuple[Kolom, ...], key: str) -> str:
    return get_column_letter(next(i for i, c in enumerate(columns, start=1) if c.key == key))


def _colour_ringkasan(ws, n: int) -> None:
    if n == 0:
        return
    area = f"A2:{get_column_letter(len(RINGKASAN))}{n + 1}"
    status, salah = _letter(RINGKASAN, "status"), _letter(RINGKASAN, "kesalahan")
    lintas = _letter(RINGKASAN, "lintas")
    ws.conditional_formatting.add(area, FormulaRule(formula=[f'LEFT(${status}2,5)="Gagal"'], fill=RED_FILL, font=RED_FONT,
                                                    stopIfTrue=True))
    ws.conditional_formatting.add(area, FormulaRule(formula=[f"${salah}2>0"], fill=RED_FILL, stopIfTrue=True))
    ws.conditional_formatting.add(f"{lintas}2:{lintas}{n + 1}", FormulaRule(formula=[f"${lintas}2>0"], fill=YELLOW_FILL))


def _colour_masalah(ws, n: int) -> None:
    if n == 0:
        return
    area = f"A2:{get_column_letter(len(MASALAH))}{n + 1}"
    tingkat = _letter(MASALAH, "tingkat")
    ws.conditional_formatting.add(area, FormulaRule(formula=[f'${tingkat}2="Kesalahan"'], fill=RED_FILL))
    ws.conditional_formatting.add(area, FormulaRule(formula=[f'${tingkat}2="Peringatan"'], fill=YELLOW_FILL))


def tulis_rekap(out: Path, ringkasan: list[dict[str, Any]], masalah: list[dict[str, Any]],
                info: list[tuple[str, Any]] | None = None) -> Path:
    """Write the recap workbook to `out` (atomically) and return its path."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Ringkasan"
    df_r = _frame(ringkasan, RINGKASAN)
    _sheet(ws, df_r, RINGKASAN, "tblRingkasan")
    _colour_ringkasan(ws, len(df_r))

    ws2 = wb.create_sheet("Masalah")
    df_m = _frame(masalah, MASALAH)
    _sheet(ws2, df_m, MASALAH, "tblMasalahBatch")
    _colour_masalah(ws2, len(df_m))

    ws3 = wb.create_sheet("Keterangan")
    ws3.column_dimensions["A"].width = 34
    ws3.column_dimensions["B"].width = 90
    rows = list(info or []) + [("Dibuat", dt.datetime.now().strftime("%Y-%m-%d %H:%M"))]
    for i, (label, value) in enumerate(rows, start=1):
        ws3.cell(i, 1, label).font = Font(bold=True)
        ws3.cell(i, 2, value).alignment = TOP_WRAP

    return atomic_save(wb.save, Path(out))


# ---------------------------------------------------------------- rows from a batch result

def _rel_link(target: Path | None, base: Path) -> str | None:
    if target is None:
        return None
    try:
        return Path(os.path.relpath(target, base)).as_posix()
    except ValueError:        # another drive on Windows
        return str(target)


def baris_rekap(hasil: "HasilBatch") -> tuple[list[dict], list[dict]]:
    out, folder = hasil.keluaran, hasil.folder
    ringkasan, masalah = [], []
    for hf in sorted(hasil.files, key=lambda f: f.nomor):
        ringkasan.append({
            "file": hf.rel, "file_link": _rel_link(folder / hf.rel, out),
            "unit": hf.unit or hf.perangkat_daerah, "jabatan": hf.jabatan, "eselon": hf.eselon, "nama": hf.nama,
            "nip": format_nip(hf.nip) if hf.nip else "",
            "periode": " ".join(str(x) for x in (hf.periode, hf.tahun or "") if x),
            "indikator": hf.indikator, "tercapai": hf.tercapai,
            "capaian": hf.capaian, "serapan": hf.serapan, "efisiensi": hf.efisiensi,
            "kategori": hf.kategori, "predikat": hf.predikat,
            "kesalahan": hf.kesalahan, "peringatan": hf.peringatan, "lintas": len(hf.masalah_lintas),
            "lke": ringkas_lke(hf.lke) if hf.lke else "",
            "status": hf.status, "keterangan": hf.alasan,
            "laporan": hf.docx.relative_to(out).as_posix() if hf.docx else "",
            "laporan_link": _rel_link(hf.docx, out),
            "pdf": hf.pdf.relative_to(out).as_posix() if hf.pdf else "", "pdf_link": _rel_link(hf.pdf, out),
        })
        link = _rel_link(folder / hf.rel, out)
        for p in hf.masalah:
            jenis = "File" if isinstance(p, MasalahLintas) else "Isi workbook"
            masalah.append(_baris_masalah(p, hf.rel, link, jenis))
        for p in hf.masalah_lintas:
            masalah.append(_baris_masalah(p, hf.rel, link, "Lintas laporan"))
        for k in hf.lke:          # the annual self-check, criteria not (yet) met
            if k.status != "Terpenuhi":
                masalah.append({"file": hf.rel, "file_link": link, "jenis": "LKE 3.b", "tingkat": k.status,
                                "kode": k.kode, "sheet": k.sheet, "sel": "", "pesan": f"{k.nama}: {k.alasan}",
                                "saran": k.saran, "lain": ""})
    for p in hasil.masalah_batch:
        masalah.append(_baris_masalah(p, p.file, None, "Batch"))
    return ringkasan, masalah


def ringkas_lke(kriteria: list) -> str:
    from ..core.lke import ringkas
    return ringkas(kriteria)


def _baris_masalah(p: Problem, file: str, link: str | None, jenis: str) -> dict:
    return {"file": file, "file_link": link, "jenis": jenis,
            "tingkat": "Kesalahan" if p.severity == ERROR else "Peringatan", "kode": p.code,
            "sheet": p.sheet, "sel": p.cell, "pesan": p.message, "saran": p.hint,
            "lain": p.lokasi_lain if isinstance(p, MasalahLintas) else ""}
