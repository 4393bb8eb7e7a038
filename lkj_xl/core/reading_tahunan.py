"""The annual-report sheets (Renstra, Riwayat, Pembanding, Sub Indikator, Analisis, Catatan, SDM, Sarana).

Every sheet is optional: a quarterly workbook without them reads exactly as before. Columns are found
by their labels through the same table reader as the quarterly sheets; a cell that cannot be parsed
becomes a Problem with its cell, never an exception.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from openpyxl.utils import get_column_letter

from . import layout as L
from .model import (Analisis, BarisSdm, Catatan, Pembanding, RealisasiLalu, Sarana, SubIndikator, Tahunan,
                    TargetRenstra)
from .parsing import BUKAN_ANGKA, is_pure_number, read_number, text
from .reading_table import TableReader


YEARS = (1990, 2100)


def _ref(r: TableReader, spec: L.TableSheet, row: int, key: str) -> str:
    return f"{spec.name}!{get_column_letter(r.kolom[spec.name][key])}{row}"


def _whole(r: TableReader, spec: L.TableSheet, row: int, raw: dict[str, Any], key: str,
           bounds: tuple[int, int] | None = None) -> int | None:
    """A count or a year: an integer, or None (with a problem at the cell when something else was typed)."""
    if text(raw.get(key)) == "":
        return None
    number = r.number(_ref(r, spec, row, key), raw.get(key), spec.column(key).label, bounds, integer=True)
    return int(number) if number is not None else None


def _number(r: TableReader, spec: L.TableSheet, row: int, raw: dict[str, Any], key: str,
            count: bool = False) -> Decimal | None:
    """A plain number (weight, base, quantity), with a problem at the cell when it is not one. A `count`
    (a base such as Jumlah ASN, a quantity) reads '5.508' as five thousand five hundred and eight."""
    value = raw.get(key)
    if text(value) == "":
        return None
    number, code = read_number(value, money=count)
    if number is not None and isinstance(value, str) and not is_pure_number(value):
        number, code = None, BUKAN_ANGKA          # words around the number belong in Keterangan
    if code:
        r.problem_at(code, _ref(r, spec, row, key), label=spec.column(key).label, teks=text(value), batas="")
    return number


def _renstra(r: TableReader) -> list[TargetRenstra]:
    spec, out = L.RENSTRA, []
    for row, raw in r.rows(spec, optional=True):
        out.append(TargetRenstra(
            kode=text(raw.get("kode")),
            indikator=text(raw.get("indikator")),
            sasaran=text(raw.get("sasaran")),
            versi=r.choice(spec, row, raw, "versi", "Awal"),
            kondisi_awal=r.nilai(spec, row, raw, "kondisi_awal"),
            target=[r.nilai(spec, row, raw, f"target_{i}") for i in range(1, L.RENSTRA_TAHUN + 1)],
            target_akhir=r.nilai(spec, row, raw, "target_akhir"),
            row=row, cells=r.cells(spec, row)))
    return out


def _riwayat(r: TableReader) -> list[RealisasiLalu]:
    spec = L.RIWAYAT
    return [RealisasiLalu(kode=text(raw.get("kode")), tahun=_whole(r, spec, row, raw, "tahun", YEARS),
                          realisasi=r.nilai(spec, row, raw, "realisasi"), keterangan=text(raw.get("keterangan")),
                          row=row, cells=r.cells(spec, row))
            for row, raw in r.rows(spec, optional=True)]


def _pembanding(r: TableReader) -> list[Pembanding]:
    spec = L.PEMBANDING
    return [Pembanding(kode=text(raw.get("kode")), nilai=r.nilai(spec, row, raw, "nilai"),
                       level=r.choice(spec, row, raw, "level"), wilayah=text(raw.get("wilayah")),
                       tahun=_whole(r, spec, row, raw, "tahun", YEARS), sumber=text(raw.get("sumber")),
                       row=row, cells=r.cells(spec, row))
            for row, raw in r.rows(spec, optional=True)]


def _sub(r: TableReader) -> list[SubIndikator]:
    spec = L.SUB_INDIKATOR
    return [SubIndikator(kode_induk=text(raw.get("kode_induk")), kode=text(raw.get("kode")),
                         uraian=text(raw.get("uraian")), satuan=text(raw.get("satuan")),
                         polaritas=r.choice(spec, row, raw, "polaritas", "Positif"),
                         bobot=_number(r, spec, row, raw, "bobot"),
                         target=r.nilai(spec, row, raw, "target"), realisasi=r.nilai(spec, row, raw, "realisasi"),
                         basis=_number(r, spec, row, raw, "basis", count=True), keterangan=text(raw.get("keterangan")),
                         row=row, cells=r.cells(spec, row))
            for row, raw in r.rows(spec, optional=True)]


def _sdm(r: TableReader) -> list[BarisSdm]:
    spec, out = L.SDM, []
    for row, raw in r.rows(spec, optional=True):
        out.append(BarisSdm(
            jabatan=text(raw.get("jabatan")),
            kebutuhan={p: _whole(r, spec, row, raw, f"kebutuhan_{p.lower()}") for p in L.PENDIDIKAN},
            bezetting={p: _whole(r, spec, row, raw, f"bezetting_{p.lower()}") for p in L.PENDIDIKAN},
            laki=_whole(r, spec, row, raw, "laki"), perempuan=_whole(r, spec, row, raw, "perempuan"),
            row=row, cells=r.cells(spec, row)))
    return out


def read_tahunan(r: TableReader) -> Tahunan:
    """`r` is the workbook's reader (shared problems, columns and header rows)."""
    return Tahunan(
        renstra=_renstra(r),
        riwayat=_riwayat(r),
        pembanding=_pembanding(r),
        sub_indikator=_sub(r),
        analisis=[Analisis(row=row, cells=r.cells(L.ANALISIS, row),
                           **{k: text(raw.get(k)) for k in ("kode", "pendukung", "penghambat", "upaya", "rencana")})
                  for row, raw in r.rows(L.ANALISIS, optional=True)],
        catatan=[Catatan(jenis=r.choice(L.CATATAN, row, raw, "jenis"), uraian=text(raw.get("uraian")),
                         keterangan=text(raw.get("keterangan")), row=row, cells=r.cells(L.CATATAN, row))
                 for row, raw in r.rows(L.CATATAN, optional=True)],
        sdm=_sdm(r),
        sarana=[Sarana(uraian=text(raw.get("uraian")), jumlah=_number(r, L.SARANA, row, raw, "jumlah", count=True),
                       satuan=text(raw.get("satuan")), kondisi=text(raw.get("kondisi")),
                       keterangan=text(raw.get("keterangan")), row=row)
                for row, raw in r.rows(L.SARANA, optional=True)],
    )
