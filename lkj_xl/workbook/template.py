"""Generate `workbooks/template_lkj.xlsx` from `layout`, and fill workbooks made from it.

`python -m lkj_xl.workbook.template OUT.xlsx` regenerates the committed template; a test fails when the two
disagree. `new_workbook()` + `fill_form()` / `fill_table()` are what `lkj baru`, the examples in
`contoh/`, the tests and the benchmarks use to write workbooks.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any, Iterable

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

from ..core import layout as L

INPUT_HEAD = PatternFill("solid", fgColor="1F4E78")
COMPUTED_HEAD = PatternFill("solid", fgColor="7F7F7F")
INPUT_CELL = PatternFill("solid", fgColor="FFF2CC")
COMPUTED_CELL = PatternFill("solid", fgColor="E7E6E6")
TAHUNAN_TAB = "70AD47"        # green tabs: sheets for the annual report only
WHITE_BOLD = Font(bold=True, color="FFFFFF")
TITLE = Font(bold=True, size=14, color="1F4E78")
NOTE = Font(italic=True, size=9, color="595959")
THIN = Side(style="thin", color="BFBFBF")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FORMATTED_ROWS = 300          # rows below each header that carry validation and fills
NUMBER_FORMATS = {L.MONEY: "#,##0", L.DATE: "[$-421]d mmmm yyyy;@", L.CODE: "@", L.NUMBER: "General"}
AUTHOR = "lkj_xl"

PETUNJUK = [
    ("PETUNJUK PENGISIAN WORKBOOK LAPORAN KINERJA (LKj)", TITLE),
    ("Workbook ini dipakai sepanjang tahun. Isi data, lalu gunakan tombol pada tab LKj di Excel "
     "(Validasi, Hitung Capaian, Buat LKj) atau perintah lkj di komputer.", None),
    ("", None),
    ("Warna sel", Font(bold=True)),
    ("• Judul kolom biru tua dan sel kuning muda: diisi oleh Anda.", None),
    ("• Judul kolom abu-abu dan sel abu-abu: dihitung oleh lkj_xl. Jangan diketik; isinya akan ditimpa.", None),
    ("", None),
    ("Urutan pengisian", Font(bold=True)),
    ("1. Identitas: nama, NIP (ketik sebagai teks, 18 digit), jabatan, atasan, tahun, periode dan tanggal laporan.", None),
    ("2. Tugas: uraian tugas dan fungsi sesuai peraturan tentang kedudukan unit Anda, satu baris satu butir.", None),
    ("3. PK: sasaran dan indikator dari Perjanjian Kinerja. Setiap indikator punya Kode Indikator unik (IK1, IK2, ...). "
     "Indikator dari sasaran yang sama memakai Kode Sasaran yang sama; teks sasaran cukup ditulis sekali.", None),
    ("4. Capaian: realisasi KUMULATIF s.d. triwulan (s.d. TW III = hasil Januari s.d. September). "
     "Untuk satuan %, ketik 91,67 untuk 91,67% (bukan 0,9167).", None),
    ("5. Anggaran: kode rekening, pagu dan realisasi kumulatif. Baris kegiatan/sub kegiatan diawali kode induknya "
     "(4.01.01 lalu 4.01.01.2.01) agar jumlahnya dapat diperiksa.", None),
    ("6. Strategi: strategi per indikator. Laporan memisahkan indikator tercapai dan belum tercapai secara otomatis.", None),
    ("7. RTL: rencana tindak lanjut. Dokumentasi: foto kegiatan untuk Lampiran II (opsional).", None),
    ("8. Pengaturan: rumus indikator negatif, metode efisiensi, jumlah desimal, ukuran kertas dan skala predikat.", None),
    ("", None),
    ("Untuk laporan tahunan (LKjIP) saja — boleh dikosongkan untuk laporan triwulan", Font(bold=True)),
    ("Sheet bertab hijau: Renstra (target per tahun Renstra; isi juga Tahun Awal/Akhir Renstra di Identitas), "
     "Riwayat (realisasi tahun-tahun sebelumnya), Pembanding (data nasional/provinsi/kabupaten), Sub Indikator "
     "(indikator yang dihitung dari beberapa sub indikator; aturannya di kolom Aturan Sub Indikator sheet PK), "
     "Analisis (faktor pendukung, penghambat, upaya, rencana per indikator), Catatan (kendala, rekomendasi, "
     "penghargaan), SDM dan Sarana (opsional). Periode Laporan: pilih Tahunan. Panduan lengkap: docs/tahunan.md.", None),
    ("", None),
    ("Hasil dan Masalah", Font(bold=True)),
    ("Sheet Hasil dan Masalah diisi oleh lkj_xl. Setiap masalah menyebut sheet dan sel, misalnya Capaian!D7, "
     "beserta yang perlu dilakukan.", None),
    ("Rumus capaian: indikator positif = Realisasi / Target x 100; indikator negatif = (2 x Target - Realisasi) / Target x 100 "
     "(dapat diganti di Pengaturan). Serapan = Realisasi / Pagu x 100; total serapan = jumlah realisasi / jumlah pagu.", None),
]


def _header_cell(ws, row: int, col: int, label: str, computed: bool, note: str) -> None:
    cell = ws.cell(row, col, label)
    cell.fill = COMPUTED_HEAD if computed else INPUT_HEAD
    cell.font = WHITE_BOLD
    cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    cell.border = BOX
    text = ("Dihitung oleh lkj_xl; jangan diketik. " if computed else "") + note
    if text.strip():
        cell.comment = Comment(text.strip(), AUTHOR, width=300, height=80)


def _list_validation(ws, choices: Iterable[str], sqref: str, title: str) -> None:
    dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                        showErrorMessage=True, errorStyle="warning", errorTitle=title,
                        error="Pilih salah satu nilai dari daftar.")
    dv.add(sqref)
    ws.add_data_validation(dv)


def _table_sheet(wb: Workbook, spec: L.TableSheet, ws=None) -> None:
    ws = ws or wb.create_sheet(spec.name)
    if spec.header_row == 3:
        ws.cell(1, 1, spec.title).font = TITLE
        ws.cell(2, 1, L.TAHUNAN_NOTE if spec.tahunan else
                "Kolom biru diisi; kolom abu-abu dihitung oleh lkj_xl. Jangan mengubah judul kolom; "
                "kolom tambahan milik Anda boleh disisipkan di kanan.").font = NOTE
        if spec.tahunan:
            ws.sheet_properties.tabColor = TAHUNAN_TAB
    else:
        ws.cell(spec.header_row - 1, 1, spec.title).font = Font(bold=True, color="1F4E78")
    h = spec.header_row
    last = h + FORMATTED_ROWS
    for i, col in enumerate(spec.columns, start=1):
        _header_cell(ws, h, i, col.label, col.computed, col.note)
        letter = get_column_letter(i)
        if ws.column_dimensions[letter].width is None or ws.column_dimensions[letter].width < col.width:
            ws.column_dimensions[letter].width = col.width
        for r in range(h + 1, last + 1):
            cell = ws.cell(r, i)
            cell.fill = COMPUTED_CELL if col.computed else INPUT_CELL
            if col.kind in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[col.kind]
            if col.kind == L.TEXT:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        if col.choices:
            _list_validation(ws, col.choices, f"{letter}{h + 1}:{letter}{last}", col.label)
    ws.row_dimensions[h].height = 32
    table = Table(displayName=spec.table, ref=f"A{h}:{get_column_letter(len(spec.columns))}{h + 1}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=False)
    ws.add_table(table)
    if spec.header_row == 3:
        ws.freeze_panes = ws.cell(h + 1, 1)


def _form_sheet(ws, spec: L.FormSheet, values: dict[str, Any] | None = None) -> None:
    ws.cell(1, 1, spec.title).font = TITLE
    for i, label in enumerate(("Isian", "Nilai", "Keterangan"), start=1):
        _header_cell(ws, spec.first_row - 1, i, label, False, "")
    for f in spec.fields:
        r = spec.row_of(f.key)
        ws.cell(r, 1, f.label).font = Font(bold=f.required)
        ws.cell(r, 1).border = BOX
        cell = ws.cell(r, 2, (values or {}).get(f.key, f.default))
        cell.fill = INPUT_CELL
        cell.border = BOX
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        if f.kind in NUMBER_FORMATS:
            cell.number_format = NUMBER_FORMATS[f.kind]
        note = ("Wajib diisi. " if f.required else "") + f.note
        ws.cell(r, 3, note.strip() or None).font = NOTE
        if f.choices:
            _list_validation(ws, f.choices, f"B{r}", f.label)
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 60
    ws.freeze_panes = ws.cell(spec.first_row, 1)


def build_template() -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "Petunjuk"
    for r, (line, font) in enumerate(PETUNJUK, start=1):
        cell = ws.cell(r, 1, line or None)
        if font:
            cell.font = font
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 120

    _form_sheet(wb.create_sheet("Identitas"), L.IDENTITAS)
    for spec in (L.TUGAS, L.PK, L.CAPAIAN, L.ANGGARAN, L.STRATEGI, L.RTL, L.DOKUMENTASI, *L.TAHUNAN_SHEETS):
        _table_sheet(wb, spec)
    pengaturan = wb.create_sheet("Pengaturan")
    _form_sheet(pengaturan, L.PENGATURAN)
    _table_sheet(wb, L.PREDIKAT, pengaturan)
    fill_table(pengaturan, L.PREDIKAT, [{"batas_bawah": b, "predikat": n} for b, n in L.PREDIKAT_DEFAULT])
    pengaturan.cell(L.PREDIKAT.header_row, 4,
                    "Capaian >= batas bawah mendapat predikat itu (Permendagri 86/2017). "
                    "Batas terendah harus 0.").font = NOTE

    hasil = wb.create_sheet(L.HASIL)
    hasil.cell(1, 1, "HASIL PERHITUNGAN (diisi oleh lkj_xl: tombol Hitung Capaian atau perintah lkj hitung)").font = TITLE
    hasil.column_dimensions["A"].width = 40
    _table_sheet(wb, L.MASALAH)
    wb.properties.creator = AUTHOR
    wb.properties.created = dt.datetime(2024, 1, 1)
    wb.properties.modified = dt.datetime(2024, 1, 1)
    return wb


def fill_table(ws, spec: L.TableSheet, rows: list[dict[str, Any]]) -> None:
    """Write rows (dicts keyed by column key) under the header and stretch the Excel Table over them."""
    h = spec.header_row
    keys = [c.key for c in spec.columns]
    for i, row in enumerate(rows, start=h + 1):
        for j, key in enumerate(keys, start=1):
            if key in row and row[key] is not None:
                ws.cell(i, j, row[key])
    resize_table(ws, spec, len(rows))


def resize_table(ws, spec: L.TableSheet, n_rows: int) -> None:
    table = ws.tables[spec.table]
    ref = f"A{spec.header_row}:{get_column_letter(len(spec.columns))}{spec.header_row + max(n_rows, 1)}"
    table.ref = ref
    if table.autoFilter is not None:
        table.autoFilter.ref = ref


def fill_form(ws, spec: L.FormSheet, values: dict[str, Any]) -> None:
    for key, value in values.items():
        ws.cell(spec.row_of(key), 2, value)


def new_workbook(identitas: dict[str, Any] | None = None, **tables: list[dict[str, Any]]) -> Workbook:
    """A workbook from the template with identity values and table rows filled in.

    `tables` are keyed by `TableSheet.key` (sheet name in lower case, spaces as '_'): pk=[...], capaian=[...],
    anggaran=[...], strategi=[...], rtl=[...], tugas=[...], dokumentasi=[...], and for the annual report
    renstra, riwayat, pembanding, sub_indikator, analisis, catatan, sdm, sarana; `pengaturan={...}` sets settings.
    """
    wb = build_template()
    if identitas:
        fill_form(wb["Identitas"], L.IDENTITAS, identitas)
    settings = tables.pop("pengaturan", None)
    if settings:
        fill_form(wb["Pengaturan"], L.PENGATURAN, settings)
    specs = {s.key: s for s in L.DATA_SHEETS}
    for key, rows in tables.items():
        spec = specs[key]
        fill_table(wb[spec.name], spec, rows)
    return wb


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0] if argv else "workbooks/template_lkj.xlsx")
    out.parent.mkdir(parents=True, exist_ok=True)
    build_template().save(out)
    print(f"Templat ditulis: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
