"""A year from quarterly workbooks: `lkj tahunan TW1.xlsx TW2.xlsx TW3.xlsx TW4.xlsx -o 2024.xlsx`.

A unit that kept one workbook per quarter gets one annual workbook: a copy of the TW IV workbook (so
its strategies, RTL, annual sheets and settings are kept) with Periode Laporan 'Tahunan' and, in
Capaian and Anggaran, the realisasi s.d. TW k taken from the TW k workbook itself (the cell as typed,
number format included). Before anything is written the files must agree on identity, PK and targets
and on their indicator and budget rows, and cumulative budget realisasi must never fall; each
disagreement is a Problem naming the file and the cell. Nothing is written while an error remains.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from ..core import layout as L
from ..core.formatting import angka, ribuan
from ..core.model import Laporan
from ..core.problems import LkjError, Problem, at, has_errors, make
from ..core.reading import read_grids
from ..core.reading_files import Grid, load_grids
from .writing import atomic_save

IDENTITAS_SAMA = ("pemerintah", "perangkat_daerah", "unit", "jabatan", "nama", "nip", "jabatan_atasan",
                  "nama_atasan", "nip_atasan", "tahun")
PK_SAMA = (("sasaran", "Sasaran"), ("indikator", "Indikator Kinerja"), ("satuan", "Satuan"),
           ("polaritas", "Polaritas"), ("target", "Target Tahunan"))
ROMAN = L.TW


@dataclass
class Triwulan:
    path: Path
    tw: int
    laporan: Laporan
    grids: dict[str, Grid]

    @property
    def name(self) -> str:
        return self.path.name


@dataclass
class Gabungan:
    triwulan: dict[int, Triwulan]            # by quarter 1..4 (TW IV always present when usable)
    masalah: list[Problem] = field(default_factory=list)

    @property
    def ada_kesalahan(self) -> bool:
        return has_errors(self.masalah)


def _read(path: Path) -> Triwulan:
    wanted = tuple(s for s in L.SHEET_ORDER if s not in L.OUTPUT_SHEETS and s != "Petunjuk")
    grids = load_grids(path, wanted)
    lap = read_grids(grids, source=path.name)
    return Triwulan(path, lap.identitas.tw if lap.identitas.periode != "Tahunan" else 0, lap, grids)


def _problem(q: Triwulan, code: str, ref: str, **kw) -> Problem:
    return at(code, ref, file=q.name, **kw)


def _quarters(files: list[Triwulan]) -> tuple[dict[int, Triwulan], list[Problem]]:
    out: dict[int, Triwulan] = {}
    problems = []
    for q in files:
        ref = q.laporan.identitas.cells.get("periode", "Identitas")
        periode = q.laporan.identitas.periode or "(kosong)"
        if not 1 <= q.tw <= 4:
            problems.append(_problem(q, "gabung-periode", ref, periode=periode, alasan="bukan satu triwulan"))
        elif q.tw in out:
            problems.append(_problem(q, "gabung-periode", ref, periode=periode,
                                     alasan=f"triwulan yang sama dengan file {out[q.tw].name}"))
        else:
            out[q.tw] = q
    if 4 not in out and not problems:
        q = files[-1]
        problems.append(_problem(q, "gabung-periode", q.laporan.identitas.cells.get("periode", "Identitas"),
                                 periode=q.laporan.identitas.periode, alasan="tidak ada file TW IV di antara masukan"))
    return out, problems


def _shown(value) -> str:
    if isinstance(value, Decimal):
        return angka(value)
    return str(value if value is not None else "")


def _same_identity(base: Triwulan, q: Triwulan) -> list[Problem]:
    out = []
    for f in L.IDENTITAS.fields:
        if f.key not in IDENTITAS_SAMA:
            continue
        mine, theirs = getattr(q.laporan.identitas, f.key), getattr(base.laporan.identitas, f.key)
        if mine != theirs:
            out.append(_problem(q, "gabung-berbeda", q.laporan.identitas.cells.get(f.key, "Identitas"), label=f.label,
                                nilai=_shown(mine), acuan=base.name, lain=_shown(theirs)))
    return out


def _target(ind) -> object:
    return ind.target.angka if ind.target.angka is not None else ind.target.teks


def _same_pk(base: Triwulan, q: Triwulan) -> list[Problem]:
    out = []
    theirs = {i.kode: i for i in base.laporan.indikator}
    mine = {i.kode: i for i in q.laporan.indikator}
    for kode, ind in mine.items():
        ref = theirs.get(kode)
        if ref is None:
            out.append(make("gabung-baris-hilang", "PK", "", file=base.name, apa="Indikator", kode=kode, acuan=q.name))
            continue
        for key, label in PK_SAMA:
            a, b = (_target(ind), _target(ref)) if key == "target" else (getattr(ind, key), getattr(ref, key))
            if a != b:
                if key == "target":          # as typed: '90' rather than '90,00'
                    a, b = ind.target.teks, ref.target.teks
                out.append(_problem(q, "gabung-berbeda", ind.cells.get(key, ind.cells["kode"]), label=f"{label} {kode}",
                                    nilai=_shown(a), acuan=base.name, lain=_shown(b)))
    for kode in theirs.keys() - mine.keys():
        out.append(make("gabung-baris-hilang", "PK", "", file=q.name, apa="Indikator", kode=kode, acuan=base.name))
    return out


def _same_rows(base: Triwulan, q: Triwulan) -> list[Problem]:
    """The same Capaian rows and budget lines in every file (pagu may change after a revision)."""
    out = []
    for sheet, apa, codes in (("Capaian", "Baris realisasi", lambda lap: {r.kode for r in lap.realisasi_baris}),
                              ("Anggaran", "Baris anggaran", lambda lap: {b.kode for b in lap.anggaran})):
        mine, theirs = codes(q.laporan), codes(base.laporan)
        for kode in sorted(theirs - mine):
            out.append(make("gabung-baris-hilang", sheet, "", file=q.name, apa=apa, kode=kode, acuan=base.name))
        for kode in sorted(mine - theirs):
            out.append(make("gabung-baris-hilang", sheet, "", file=base.name, apa=apa, kode=kode, acuan=q.name))
    return out


def _series(quarters: dict[int, Triwulan], kind: str) -> dict[str, list[tuple[Triwulan, Decimal | None, str]]]:
    """kode -> [(quarter file, its own realisasi s.d. that quarter, cell)] in quarter order."""
    out: dict[str, list] = {}
    for tw in sorted(quarters):
        q = quarters[tw]
        rows = q.laporan.realisasi.values() if kind == "Capaian" else q.laporan.anggaran
        for rec in rows:
            value = rec.tw[tw - 1].angka if kind == "Capaian" else rec.tw[tw - 1]
            out.setdefault(rec.kode, []).append((q, value, rec.cells.get(f"real_tw{tw}", rec.cells["kode"])))
    return out


def _cumulative(quarters: dict[int, Triwulan]) -> list[Problem]:
    out = []
    for kind, code, fmt in (("Capaian", "gabung-realisasi-menurun", angka), ("Anggaran", "gabung-anggaran-menurun", ribuan)):
        for kode, series in _series(quarters, kind).items():
            prev = None
            for q, value, cell in series:
                if value is None:
                    continue
                if prev is not None and value < prev[1]:
                    out.append(_problem(q, code, cell, kode=kode, tw=ROMAN[q.tw - 1], b=fmt(value),
                                        tw_a=ROMAN[prev[0].tw - 1], acuan=prev[0].name, a=fmt(prev[1])))
                prev = (q, value)
    return out


def _earlier_values(quarters: dict[int, Triwulan]) -> list[Problem]:
    """The TW IV file's own copy of an earlier quarter that differs from that quarter's file."""
    base, out = quarters[4], []
    for kind, spec in (("Capaian", L.CAPAIAN), ("Anggaran", L.ANGGARAN)):
        mine = {r.kode: r for r in (base.laporan.realisasi_baris if kind == "Capaian" else base.laporan.anggaran)}
        for tw, q in quarters.items():
            if tw == 4:
                continue
            for kode, series in _series({tw: q}, kind).items():
                rec = mine.get(kode)
                theirs = series[0][1]
                if rec is None or theirs is None:
                    continue
                value = rec.tw[tw - 1].angka if kind == "Capaian" else rec.tw[tw - 1]
                if value is not None and value != theirs:
                    key = f"real_tw{tw}"
                    out.append(_problem(base, "gabung-nilai-berbeda", rec.cells.get(key, rec.cells["kode"]),
                                        label=f"{spec.column(key).label}", kode=kode, nilai=_shown(value),
                                        acuan=q.name, lain=_shown(theirs)))
    return out


def gabung(paths: list[Path]) -> Gabungan:
    """Read and check the quarterly workbooks (LkjError when one cannot be read at all)."""
    if not 2 <= len(paths) <= 4:
        raise LkjError(f"Berikan dua sampai empat workbook triwulan (diberikan: {len(paths)}), misalnya "
                       "lkj tahunan TW1.xlsx TW2.xlsx TW3.xlsx TW4.xlsx -o 2024.xlsx")
    files = [_read(Path(p)) for p in paths]
    quarters, problems = _quarters(files)
    g = Gabungan(quarters, problems)
    if problems:
        return g
    base = quarters[4]
    for tw in sorted(quarters):
        if tw != 4:
            q = quarters[tw]
            g.masalah += _same_identity(base, q) + _same_pk(base, q) + _same_rows(base, q)
    g.masalah += _cumulative(quarters) + _earlier_values(quarters)
    return g


def _copy_column(ws, src: Grid, dst_lap: Laporan, src_lap: Laporan, spec: L.TableSheet, tw: int, rows) -> None:
    key = f"real_tw{tw}"
    col_src, col_dst = src_lap.kolom[spec.name].get(key), dst_lap.kolom[spec.name].get(key)
    if col_dst is None:
        raise LkjError(f"Sheet {spec.name} workbook TW IV tidak memiliki kolom '{spec.column(key).label}'.")
    for kode, dst_row, src_row in rows:
        cell = ws.cell(dst_row, col_dst)
        cell.value = src.get(src_row, col_src) if col_src else None
        fmt = src.fmt(src_row, col_src) if col_src else ""
        if fmt:
            cell.number_format = fmt


def _row_pairs(dst: Laporan, src: Laporan, kind: str) -> list[tuple[str, int, int]]:
    if kind == "Capaian":
        theirs = {r.kode: r.row for r in src.realisasi.values()}
        return [(r.kode, r.row, theirs[r.kode]) for r in dst.realisasi.values() if r.kode in theirs]
    theirs = {b.kode: b.row for b in src.anggaran}
    return [(b.kode, b.row, theirs[b.kode]) for b in dst.anggaran if b.kode in theirs]


def tulis_tahunan(g: Gabungan, out: Path) -> Path:
    """Write the annual workbook (after `gabung` found no error)."""
    if g.ada_kesalahan:
        raise LkjError("Workbook tahunan tidak ditulis karena masih ada kesalahan; perbaiki dulu.")
    base = g.triwulan[4]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            wb = load_workbook(base.path)
    except Exception as exc:
        raise LkjError(f"File '{base.name}' tidak dapat dibuka untuk disalin ({type(exc).__name__}).") from exc
    ident = base.laporan.identitas
    sheet, _, cell = ident.cells["periode"].partition("!")
    wb[sheet][cell] = "Tahunan"
    for tw, q in g.triwulan.items():
        for spec in (L.CAPAIAN, L.ANGGARAN):
            pairs = _row_pairs(base.laporan, q.laporan, spec.name)
            _copy_column(wb[spec.name], q.grids[spec.name], base.laporan, q.laporan, spec, tw, pairs)
    return atomic_save(wb.save, out)


__all__ = ["Gabungan", "gabung", "tulis_tahunan"]
