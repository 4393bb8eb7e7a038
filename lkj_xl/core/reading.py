"""Workbook -> model. Two doors, one path: an openpyxl file and a plain grid of values (xlwings).

Three layers: `reading_files` (is the file usable; its sheets as Grids), `reading_table` (the reusable
`TableReader`: header finding, table rows, form fields, typed cells with their problems) and this
module, one reader per sheet that builds the model. Columns are found by their header labels, so users
may insert columns of their own. Unusable input (not an xlsx, an old .xls, a password-protected file, a
missing sheet or required column) raises `LkjError` with one message in Bahasa Indonesia; problems in
single cells become `Problem`s.
"""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Mapping

from . import layout as L
from .model import (BarisAnggaran, Foto, Identitas, Indikator, Laporan, Pengaturan, Realisasi, Rtl,
                    Strategi)
from .parsing import DI_LUAR_BATAS, nip_digits, parse_date, text, to_decimal
from .problems import LkjError
from .reading_files import Grid, check_file, load_grids
from .reading_table import MAX_PERSEN, TableReader, find_header
from .reading_tahunan import read_tahunan


# Whole-number form fields and the values that make sense for them (outside: a problem at the cell)
BOUNDS = {"tahun": (2000, 2100), "batas_hari_kerja": (0, 100), "desimal": (0, 4),
          "renstra_awal": (2000, 2100), "renstra_akhir": (2000, 2100)}


def read_workbook(path: str | Path) -> Laporan:
    path = Path(path)
    wanted = tuple(s for s in L.SHEET_ORDER if s not in L.OUTPUT_SHEETS and s != "Petunjuk")
    return read_grids(load_grids(path, wanted), source=path.name)


# ---------------------------------------------------------------- one reader per sheet

def read_identitas(t: TableReader) -> Identitas:
    values, cells = t.form(L.IDENTITAS)
    ident = Identitas(cells=cells)
    for f in L.IDENTITAS.fields:
        raw = values.get(f.key)
        if f.key in ("nip", "nip_atasan"):
            if isinstance(raw, (int, float)) and not isinstance(raw, bool):
                t.problem_at("nip-angka", cells[f.key], label=f.label)
            setattr(ident, f.key, nip_digits(raw) if text(raw) else "")
        elif f.kind == L.DATE:
            date = parse_date(raw)
            if text(raw) and date is None:
                t.problem_at("bukan-tanggal", cells[f.key], label=f.label, teks=text(raw))
            setattr(ident, f.key, date)
        elif f.key in BOUNDS:       # (a workbook from before the annual fields has no Renstra rows)
            number = t.number(cells[f.key], raw, f.label, BOUNDS[f.key], integer=True) if f.key in cells else None
            setattr(ident, f.key, int(number) if number is not None else f.default)
        elif f.key == "pk_perubahan":
            ident.pk_perubahan = text(raw).lower() in ("ya", "y", "yes", "true", "1")
        elif f.key == "periode":
            ident.periode = _periode(t, text(raw), cells[f.key])
        else:
            setattr(ident, f.key, text(raw))
    return ident


def _periode(t: TableReader, typed: str, cell: str) -> str:
    if typed and L.tw_index(typed) == 0:
        t.problem_at("periode-tidak-dikenal", cell, teks=typed)
        return typed
    if typed:
        return L.PERIODE[L.tw_index(typed) - 1] if not typed.lower().startswith("tahun") else "Tahunan"
    return typed


def read_indikator(t: TableReader) -> list[Indikator]:
    out = []
    last_kode_sasaran, names = "", {}
    for row, raw in t.rows(L.PK):
        kode_sasaran = t.text(raw, "kode_sasaran") or last_kode_sasaran
        sasaran = t.text(raw, "sasaran")
        if kode_sasaran and not sasaran:
            sasaran = names.get(kode_sasaran, "")     # a blank (or merged) sasaran: same as above
        if kode_sasaran and sasaran and kode_sasaran not in names:
            names[kode_sasaran] = sasaran
        last_kode_sasaran = kode_sasaran
        out.append(Indikator(
            kode=t.text(raw, "kode"),
            kode_sasaran=kode_sasaran,
            sasaran=sasaran,
            indikator=t.text(raw, "indikator"),
            satuan=t.text(raw, "satuan"),
            polaritas=t.choice(L.PK, row, raw, "polaritas", "Positif"),
            target=t.nilai(L.PK, row, raw, "target"),
            target_tw=[t.nilai(L.PK, row, raw, f"target_tw{i}") for i in range(1, 5)],
            tingkat=t.text(raw, "tingkat"),
            jenis=t.text(raw, "jenis"),
            formula=t.text(raw, "formula"),
            sumber_data=t.text(raw, "sumber_data"),
            row=row,
            cells=t.cells(L.PK, row),
            sasaran_diketik=t.text(raw, "sasaran"),
            penanggung_jawab=t.text(raw, "penanggung_jawab"),
            rumus_negatif=t.choice(L.PK, row, raw, "rumus_negatif"),
            target_atas=t.nilai(L.PK, row, raw, "target_atas"),
            aturan_sub=t.choice(L.PK, row, raw, "aturan_sub"),
        ))
    return out


def read_realisasi(t: TableReader) -> list[Realisasi]:
    """Every Capaian row in sheet order (duplicates included: validation reports them)."""
    return [Realisasi(
        kode=t.text(raw, "kode"),
        tw=[t.nilai(L.CAPAIAN, row, raw, f"real_tw{i}") for i in range(1, 5)],
        keterangan=t.text(raw, "keterangan"),
        row=row,
        cells=t.cells(L.CAPAIAN, row),
    ) for row, raw in t.rows(L.CAPAIAN)]


def _percent_bounds(t: TableReader, indikator: list[Indikator], realisasi: list[Realisasi]) -> None:
    """Values of a '%' indicator beyond 10.000% are typing slips: a problem at the cell, no number."""
    percent = {i.kode for i in indikator if i.satuan.strip() == "%"}
    cells = [(i.target, L.PK, "target", i.cells) for i in indikator if i.kode in percent]
    cells += [(n, L.PK, f"target_tw{k}", i.cells) for i in indikator if i.kode in percent
              for k, n in enumerate(i.target_tw, start=1)]
    cells += [(n, L.CAPAIAN, f"real_tw{k}", r.cells) for r in realisasi if r.kode in percent
              for k, n in enumerate(r.tw, start=1)]
    for nilai, spec, key, refs in cells:
        if nilai.angka is not None and abs(nilai.angka) > MAX_PERSEN and key in refs:
            t.problem_at(DI_LUAR_BATAS, refs[key], label=spec.column(key).label, teks=nilai.teks,
                         batas="paling banyak 10.000% untuk satuan %")
            nilai.angka = None


def read_anggaran(t: TableReader) -> list[BarisAnggaran]:
    out = []
    for row, raw in t.rows(L.ANGGARAN):
        out.append(BarisAnggaran(
            kode=t.text(raw, "kode"),
            level=t.choice(L.ANGGARAN, row, raw, "level"),
            uraian=t.text(raw, "uraian"),
            kode_sasaran=t.text(raw, "kode_sasaran"),
            kode_indikator=t.text(raw, "kode_indikator"),
            anggaran_pk=t.money(L.ANGGARAN, row, raw, "anggaran_pk"),
            pagu=t.money(L.ANGGARAN, row, raw, "pagu"),
            pagu_perubahan=t.money(L.ANGGARAN, row, raw, "pagu_perubahan"),
            keterangan_perubahan=t.text(raw, "keterangan_perubahan"),
            tw=[t.money(L.ANGGARAN, row, raw, f"real_tw{i}") for i in range(1, 5)],
            row=row,
            cells=t.cells(L.ANGGARAN, row),
        ))
    return out


def read_pengaturan(t: TableReader) -> Pengaturan:
    values, cells = t.form(L.PENGATURAN, optional=True)
    p = Pengaturan(cells=cells)
    for f in L.PENGATURAN.fields:
        raw = values.get(f.key)
        if text(raw) == "":
            continue
        if f.kind == L.NUMBER:
            number = t.number(cells[f.key], raw, f.label, BOUNDS.get(f.key), integer=True)
            if number is not None:
                setattr(p, f.key, int(number))
        elif f.key == "hari_libur":
            p.hari_libur = read_dates(t, raw, cells[f.key], f.label)
        elif f.choices:
            match = next((c for c in f.choices if c.lower() == text(raw).lower()), None)
            if match is None:
                t.problem_at("pilihan-tidak-dikenal", cells[f.key], label=f.label, teks=text(raw),
                             pilihan=", ".join(f.choices))
            else:
                setattr(p, f.key, match)
        else:
            setattr(p, f.key, text(raw))
    p.skala = read_skala(t)
    return p


def read_dates(t: TableReader, raw, ref: str, label: str) -> list:
    """A cell holding one date or several separated by ';' or line breaks (the unit's days off)."""
    one = parse_date(raw)
    if one is not None:
        return [one]
    out = []
    for part in re.split(r"[;\n]+", text(raw)):
        if part.strip():
            day = parse_date(part.strip())
            if day is None:
                t.problem_at("bukan-tanggal", ref, label=label, teks=part.strip())
            else:
                out.append(day)
    return out


def read_skala(t: TableReader) -> list[tuple[Decimal, str]]:
    """The predikat scale (highest lower bound first); the default scale when the table is absent."""
    scale = []
    if t.has(L.PREDIKAT.name):
        try:
            rows = t.rows(L.PREDIKAT)
        except LkjError:
            rows = []
        for row, raw in rows:
            reported = len(t.problems)
            bound = t.number(t.cells(L.PREDIKAT, row)["batas_bawah"], raw.get("batas_bawah"),
                             L.PREDIKAT.column("batas_bawah").label)
            name = t.text(raw, "predikat")
            if len(t.problems) > reported:
                continue                        # not a clear number: reported at its cell
            if bound is None or not name:
                t.problem_at("skala-predikat-salah", f"{L.PREDIKAT.name}!A{row}", alasan=f"baris {row} tidak lengkap")
                continue
            scale.append((bound, name))
    if not scale:
        scale = [(Decimal(b), n) for b, n in L.PREDIKAT_DEFAULT]
    scale.sort(key=lambda x: x[0], reverse=True)
    if scale[-1][0] > 0:
        t.problem_at("skala-predikat-salah", L.PREDIKAT.name, alasan="batas bawah terendah lebih dari 0")
    return scale


def read_simple(t: TableReader, spec: L.TableSheet, cls, keys: tuple[str, ...]) -> list:
    """A table of text columns into records of `cls` (Strategi, Rtl, Foto)."""
    out = []
    for row, raw in t.rows(spec, optional=True):
        kw = {k: t.text(raw, k) for k in keys}
        if spec is L.DOKUMENTASI:
            kw["tanggal"] = t.date(spec, row, raw, "tanggal")
        obj = cls(**kw, row=row)
        if hasattr(obj, "cells"):
            obj.cells = t.cells(spec, row)
        out.append(obj)
    return out


# ---------------------------------------------------------------- the whole report

def read_grids(grids: Mapping[str, Grid], source: str = "") -> Laporan:
    """Build the model from grids keyed by sheet name (the path shared by files and xlwings)."""
    t = TableReader(grids, source)
    identitas = read_identitas(t)
    indikator = read_indikator(t)
    realisasi_baris = read_realisasi(t)
    realisasi: dict = {}
    for rec in realisasi_baris:
        realisasi.setdefault(rec.kode, rec)
    _percent_bounds(t, indikator, realisasi_baris)
    anggaran = read_anggaran(t)
    return Laporan(
        identitas=identitas,
        indikator=indikator,
        realisasi=realisasi,
        anggaran=anggaran,
        strategi=read_simple(t, L.STRATEGI, Strategi, ("kode", "strategi", "bulan")),
        rtl=read_simple(t, L.RTL, Rtl, ("uraian", "kode", "waktu", "penanggung_jawab")),
        tugas=[t.text(raw, "uraian") for _, raw in t.rows(L.TUGAS, optional=True) if t.text(raw, "uraian")],
        dokumentasi=read_simple(t, L.DOKUMENTASI, Foto, ("kegiatan", "foto")),
        pengaturan=read_pengaturan(t),
        sumber=source,
        masalah_baca=t.problems,
        kolom=t.kolom,
        baris_header=t.baris_header,
        realisasi_baris=realisasi_baris,
        tahunan=read_tahunan(t),
    )


__all__ = ["Grid", "TableReader", "load_grids", "read_workbook", "read_grids", "check_file", "find_header",
           "to_decimal"]
