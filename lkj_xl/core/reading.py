"""Workbook -> model. Two doors, one path: an openpyxl file and a plain grid of values (xlwings).

Columns are found by their header labels, so users may insert columns of their own. Unusable input
(not an xlsx, an old .xls, a password-protected file, a missing sheet or required column) raises
`LkjError` with one message in Bahasa Indonesia; problems in single cells become `Problem`s.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping

from openpyxl.utils import get_column_letter

from . import layout as L
from .model import (BarisAnggaran, Foto, Identitas, Indikator, Laporan, Nilai, Pengaturan, Realisasi,
                    Rtl, Strategi)
from .parsing import is_pure_number, nip_digits, parse_date, parse_number, text, to_decimal
from .problems import LkjError, Problem, at, make

HEADER_SCAN_ROWS = 15


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


def _norm(label: Any) -> str:
    return re.sub(r"\s+", " ", str(label or "")).strip().lower().rstrip(":")


# ---------------------------------------------------------------- files

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


def read_workbook(path: str | Path) -> Laporan:
    path = Path(path)
    wanted = tuple(s for s in L.SHEET_ORDER if s not in L.OUTPUT_SHEETS and s != "Petunjuk")
    return read_grids(load_grids(path, wanted), source=path.name)


# ---------------------------------------------------------------- grids -> model

def find_header(grid: Grid, spec: L.TableSheet) -> tuple[int, dict[str, int]]:
    """The header row of a table sheet and {column key: column}, matched on header labels: the row
    among the first HEADER_SCAN_ROWS that holds the most known labels."""
    labels = {}
    for col in spec.columns:
        for lab in (col.label, *col.aliases):
            labels[_norm(lab)] = col.key
    best_row, best = 0, {}
    for r in range(grid.top, min(grid.bottom, grid.top + HEADER_SCAN_ROWS) + 1):
        found = {}
        for c in range(grid.left, grid.right + 1):
            key = labels.get(_norm(grid.get(r, c)))
            if key and key not in found:
                found[key] = c
        if len(found) > len(best):
            best_row, best = r, found
    return best_row, best


class _Reader:
    def __init__(self, grids: Mapping[str, Grid], source: str):
        self.grids = grids
        self.source = source
        self.problems: list[Problem] = []
        self.kolom: dict[str, dict[str, int]] = {}
        self.baris_header: dict[str, int] = {}

    def problem(self, code: str, sheet: str, row: int, col: int, **kw) -> None:
        self.problems.append(make(code, sheet, f"{get_column_letter(col)}{row}", file=self.source, **kw))

    def sheet(self, name: str) -> Grid:
        grid = self.grids.get(name)
        if grid is None:
            missing = [s for s in L.REQUIRED_SHEETS if s not in self.grids]
            raise LkjError(f"Sheet '{name}' tidak ditemukan di workbook '{self.source}'"
                           + (f" (yang tidak ada: {', '.join(missing)})" if len(missing) > 1 else "")
                           + ". Gunakan workbook yang dibuat dari template_lkj.xlsx (perintah: lkj baru).")
        return grid

    # -- table sheets
    def table(self, spec: L.TableSheet, optional: bool = False) -> list[tuple[int, dict[str, Any]]]:
        """Rows of a table sheet as (row number, {key: raw value}); columns found by label."""
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
        self.baris_header[spec.name] = best_row
        inputs = [c.key for c in spec.columns if not c.computed and c.key in best]
        rows = []
        for r in range(best_row + 1, grid.bottom + 1):
            raw = {k: grid.get(r, c) for k, c in best.items()}
            fmts = {k: grid.fmt(r, c) for k, c in best.items()}
            if all(text(raw[k]) == "" for k in inputs):
                continue  # blank or trailing empty row
            raw["_fmt"] = fmts
            rows.append((r, raw))
        return rows

    def nilai(self, spec: L.TableSheet, row: int, raw: dict, key: str) -> Nilai:
        """An indicator quantity: number (percent-formatted cells scaled to 0..100) + display text."""
        value = raw.get(key)
        shown = text(value)
        number = parse_number(value)
        if number is not None and isinstance(value, (int, float)) and "%" in raw["_fmt"].get(key, ""):
            number = number * 100  # a percent-formatted cell stores 0.9167 for 91,67%
            shown = f"{number.normalize():f}%"
        return Nilai(number, shown)

    def money(self, spec: L.TableSheet, row: int, raw: dict, key: str) -> Decimal | None:
        value = raw.get(key)
        if text(value) == "":
            return None
        number = parse_number(value, money=True)
        if number is None or (isinstance(value, str) and not is_pure_number(value)):
            self.problem("bukan-angka", spec.name, row, self.kolom[spec.name][key],
                         label=spec.column(key).label, teks=text(value))
            return None
        return number

    def choice(self, spec: L.TableSheet, row: int, raw: dict, key: str, default: str = "") -> str:
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

    def cells(self, spec: L.TableSheet, row: int) -> dict[str, str]:
        return {k: f"{spec.name}!{get_column_letter(c)}{row}" for k, c in self.kolom[spec.name].items()}

    # -- form sheets
    def form(self, spec: L.FormSheet, optional: bool = False) -> tuple[dict[str, Any], dict[str, str]]:
        if spec.name not in self.grids and optional:
            return {}, {}
        grid = self.sheet(spec.name)
        by_label = {_norm(f.label): f for f in spec.fields}
        values, cells = {}, {}
        for r in range(grid.top, grid.bottom + 1):
            for c in range(grid.left, min(grid.right, grid.left + 3) + 1):
                f = by_label.get(_norm(grid.get(r, c)))
                if f and f.key not in values:
                    values[f.key] = grid.get(r, c + 1)
                    cells[f.key] = f"{spec.name}!{get_column_letter(c + 1)}{r}"
        missing = [f.label for f in spec.fields if f.required and f.key not in cells]
        if missing:
            raise LkjError(f"Sheet '{spec.name}' tidak memiliki isian {', '.join(repr(m) for m in missing)} "
                           "di kolom A. Jangan mengubah label isian templat.")
        return values, cells

    # -- the whole report
    def identitas(self) -> Identitas:
        values, cells = self.form(L.IDENTITAS)
        ident = Identitas(cells=cells)
        for f in L.IDENTITAS.fields:
            raw = values.get(f.key)
            if f.key in ("nip", "nip_atasan"):
                if isinstance(raw, (int, float)) and not isinstance(raw, bool):
                    self.problems.append(at("nip-angka", cells[f.key], file=self.source, label=f.label))
                setattr(ident, f.key, nip_digits(raw) if text(raw) else "")
            elif f.kind == L.DATE:
                date = parse_date(raw)
                if text(raw) and date is None:
                    self.problems.append(at("bukan-tanggal", cells[f.key], file=self.source, label=f.label, teks=text(raw)))
                setattr(ident, f.key, date)
            elif f.key in ("tahun", "renstra_awal", "renstra_akhir"):
                number = parse_number(raw)
                if text(raw) and (number is None or number != int(number)):
                    self.problems.append(at("bukan-angka", cells[f.key], file=self.source, label=f.label, teks=text(raw)))
                    number = None
                setattr(ident, f.key, int(number) if number is not None else None)
            elif f.key == "batas_hari_kerja":
                number = parse_number(raw)
                ident.batas_hari_kerja = int(number) if number is not None else 10
            elif f.key == "pk_perubahan":
                ident.pk_perubahan = text(raw).lower() in ("ya", "y", "yes", "true", "1")
            elif f.key == "periode":
                ident.periode = text(raw)
                if ident.periode and L.tw_index(ident.periode) == 0:
                    self.problems.append(at("periode-tidak-dikenal", cells[f.key], file=self.source, teks=ident.periode))
                elif ident.periode:
                    ident.periode = L.PERIODE[L.tw_index(ident.periode) - 1] if not ident.periode.lower().startswith("tahun") else "Tahunan"
            else:
                setattr(ident, f.key, text(raw))
        return ident

    def indikator(self) -> list[Indikator]:
        out = []
        last_kode_sasaran, names = "", {}
        for row, raw in self.table(L.PK):
            kode_sasaran = text(raw.get("kode_sasaran")) or last_kode_sasaran
            sasaran = text(raw.get("sasaran"))
            if kode_sasaran and not sasaran:
                sasaran = names.get(kode_sasaran, "")
            if kode_sasaran and sasaran and kode_sasaran not in names:
                names[kode_sasaran] = sasaran
            last_kode_sasaran = kode_sasaran
            ind = Indikator(
                kode=text(raw.get("kode")),
                kode_sasaran=kode_sasaran,
                sasaran=sasaran,
                indikator=text(raw.get("indikator")),
                satuan=text(raw.get("satuan")),
                polaritas=self.choice(L.PK, row, raw, "polaritas", "Positif"),
                target=self.nilai(L.PK, row, raw, "target"),
                target_tw=[self.nilai(L.PK, row, raw, f"target_tw{i}") for i in range(1, 5)],
                tingkat=text(raw.get("tingkat")),
                jenis=text(raw.get("jenis")),
                formula=text(raw.get("formula")),
                sumber_data=text(raw.get("sumber_data")),
                row=row,
                cells=self.cells(L.PK, row),
                sasaran_diketik=text(raw.get("sasaran")),
                penanggung_jawab=text(raw.get("penanggung_jawab")),
                rumus_negatif=self.choice(L.PK, row, raw, "rumus_negatif") if "rumus_negatif" in raw else "",
                target_atas=self.nilai(L.PK, row, raw, "target_atas"),
                aturan_sub=self.choice(L.PK, row, raw, "aturan_sub") if "aturan_sub" in raw else "",
            )
            out.append(ind)
        return out

    def realisasi(self) -> dict[str, Realisasi]:
        out: dict[str, Realisasi] = {}
        self._realisasi_rows = []
        for row, raw in self.table(L.CAPAIAN):
            rec = Realisasi(
                kode=text(raw.get("kode")),
                tw=[self.nilai(L.CAPAIAN, row, raw, f"real_tw{i}") for i in range(1, 5)],
                keterangan=text(raw.get("keterangan")),
                row=row,
                cells=self.cells(L.CAPAIAN, row),
            )
            self._realisasi_rows.append(rec)
            out.setdefault(rec.kode, rec)
        return out

    def anggaran(self) -> list[BarisAnggaran]:
        out = []
        for row, raw in self.table(L.ANGGARAN):
            out.append(BarisAnggaran(
                kode=text(raw.get("kode")),
                level=self.choice(L.ANGGARAN, row, raw, "level"),
                uraian=text(raw.get("uraian")),
                kode_sasaran=text(raw.get("kode_sasaran")),
                kode_indikator=text(raw.get("kode_indikator")),
                anggaran_pk=self.money(L.ANGGARAN, row, raw, "anggaran_pk"),
                pagu=self.money(L.ANGGARAN, row, raw, "pagu"),
                pagu_perubahan=self.money(L.ANGGARAN, row, raw, "pagu_perubahan"),
                keterangan_perubahan=text(raw.get("keterangan_perubahan")),
                tw=[self.money(L.ANGGARAN, row, raw, f"real_tw{i}") for i in range(1, 5)],
                row=row,
                cells=self.cells(L.ANGGARAN, row),
            ))
        return out

    def pengaturan(self) -> Pengaturan:
        values, cells = self.form(L.PENGATURAN, optional=True)
        p = Pengaturan(cells=cells)
        for f in L.PENGATURAN.fields:
            raw = values.get(f.key)
            if text(raw) == "":
                continue
            if f.kind == L.NUMBER:
                number = parse_number(raw)
                if number is not None:
                    setattr(p, f.key, int(number))
            elif f.choices:
                match = next((c for c in f.choices if c.lower() == text(raw).lower()), None)
                if match is None:
                    self.problems.append(at("pilihan-tidak-dikenal", cells[f.key], file=self.source, label=f.label,
                                             teks=text(raw), pilihan=", ".join(f.choices)))
                else:
                    setattr(p, f.key, match)
            else:
                setattr(p, f.key, text(raw))
        scale = []
        if L.PREDIKAT.name in self.grids:
            try:
                rows = self.table(L.PREDIKAT)
            except LkjError:
                rows = []
            for row, raw in rows:
                bound = parse_number(raw.get("batas_bawah"))
                name = text(raw.get("predikat"))
                if bound is None or not name:
                    self.problems.append(make("skala-predikat-salah", L.PREDIKAT.name,
                                              f"A{row}", file=self.source, alasan=f"baris {row} tidak lengkap"))
                    continue
                scale.append((bound, name))
        if not scale:
            scale = [(Decimal(b), n) for b, n in L.PREDIKAT_DEFAULT]
        scale.sort(key=lambda x: x[0], reverse=True)
        if scale[-1][0] > 0:
            self.problems.append(make("skala-predikat-salah", L.PREDIKAT.name, "", file=self.source,
                                      alasan="batas bawah terendah lebih dari 0"))
        p.skala = scale
        return p

    def simple(self, spec: L.TableSheet, cls, keys: tuple[str, ...]) -> list:
        out = []
        for row, raw in self.table(spec, optional=True):
            kw = {k: text(raw.get(k)) for k in keys}
            if spec is L.DOKUMENTASI:
                kw["tanggal"] = parse_date(raw.get("tanggal"))
            obj = cls(**kw, row=row)
            if hasattr(obj, "cells"):
                obj.cells = self.cells(spec, row)
            out.append(obj)
        return out


def read_grids(grids: Mapping[str, Grid], source: str = "") -> Laporan:
    """Build the model from grids keyed by sheet name (the path shared by files and xlwings)."""
    r = _Reader(grids, source)
    identitas = r.identitas()
    indikator = r.indikator()
    realisasi = r.realisasi()
    anggaran = r.anggaran()
    lap = Laporan(
        identitas=identitas,
        indikator=indikator,
        realisasi=realisasi,
        anggaran=anggaran,
        strategi=r.simple(L.STRATEGI, Strategi, ("kode", "strategi", "bulan")),
        rtl=r.simple(L.RTL, Rtl, ("uraian", "kode", "waktu", "penanggung_jawab")),
        tugas=[text(raw.get("uraian")) for _, raw in r.table(L.TUGAS, optional=True) if text(raw.get("uraian"))],
        dokumentasi=r.simple(L.DOKUMENTASI, Foto, ("kegiatan", "foto")),
        pengaturan=r.pengaturan(),
        sumber=source,
        masalah_baca=r.problems,
        kolom=r.kolom,
        baris_header=r.baris_header,
        realisasi_baris=r._realisasi_rows,
    )
    from .reading_tahunan import read_tahunan   # the annual sheets build on this reader
    lap.tahunan = read_tahunan(r)
    return lap


__all__ = ["Grid", "load_grids", "read_workbook", "read_grids", "check_file", "find_header", "to_decimal"]
