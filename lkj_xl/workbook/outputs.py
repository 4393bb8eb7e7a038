"""What the tool writes back into a workbook, as writer-agnostic blocks of values.

The openpyxl writer (`lkj hitung`) and the xlwings add-in both apply the same blocks: the computed
columns of Capaian and Anggaran, and the whole Hasil and Masalah sheets. Nothing else is ever written,
so a cell the user typed cannot be overwritten.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..core import layout as L
from ..core.engine import Olahan
from ..core.formatting import bulat
from ..core.problems import TINGKAT, Problem

PCT = "0.00"
MONEY = "#,##0"
TIDAK_TERHITUNG = "tidak terhitung"
TERCAPAI = {True: "Ya", False: "Belum", None: "-"}     # HasilIndikator.tercapai as shown in the sheets


@dataclass(frozen=True)
class Link:
    """A cell that shows `text` and jumps to `target` ('Capaian!F12')."""
    text: str
    target: str

    @property
    def location(self) -> str:
        """In-workbook location: "'Capaian'!F12" (a HYPERLINK formula prefixes it with '#')."""
        sheet, _, cell = self.target.partition("!")
        return f"'{sheet}'!{cell or 'A1'}"

    @property
    def address(self) -> str:
        """For a HYPERLINK formula: "#'Capaian'!F12"."""
        return "#" + self.location


@dataclass
class Block:
    sheet: str
    row: int                                  # top-left, 1-based
    col: int
    values: list[list[Any]]
    formats: list[str | None] = field(default_factory=list)   # per column, None = leave as is
    header: bool = False                      # first row is a header row (bold)
    row_formats: list[str | None] = field(default_factory=list)  # per row, for label | value blocks

    def format_at(self, i: int, j: int) -> str | None:
        if self.row_formats:
            return self.row_formats[i] if j > 0 and i < len(self.row_formats) else None
        return self.formats[j] if j < len(self.formats) else None

    @property
    def last_row(self) -> int:
        return self.row + len(self.values) - 1


def _num(value: Decimal | None, desimal: int | None = None) -> float | None:
    if value is None:
        return None
    return float(bulat(value, desimal) if desimal is not None else value)


def _column_runs(cols: dict[str, int], keys: list[str]) -> list[list[str]]:
    """Group computed column keys into runs of adjacent sheet columns (one write per run)."""
    present = sorted((cols[k], k) for k in keys if k in cols)
    runs: list[list[str]] = []
    for col, key in present:
        if runs and cols[runs[-1][-1]] == col - 1:
            runs[-1].append(key)
        else:
            runs.append([key])
    return runs


def _computed(sheet: L.TableSheet, cols: dict[str, int], first: int, rows: dict[int, dict[str, Any]],
              last: int) -> list[Block]:
    blocks = []
    keys = [c.key for c in L.computed_columns(sheet)]
    fmt = {c.key: (PCT if c.key in ("capaian", "serapan") else MONEY if c.kind == L.MONEY else None)
           for c in sheet.columns}
    for run in _column_runs(cols, keys):
        values = [[rows.get(r, {}).get(k) for k in run] for r in range(first, last + 1)]
        if values:
            blocks.append(Block(sheet.name, first, cols[run[0]], values, [fmt[k] for k in run]))
    return blocks


def computed_blocks(o: Olahan) -> list[Block]:
    lap, hasil = o.laporan, o.hasil
    blocks = []
    # Capaian: one row per record in the sheet (duplicates get the same numbers as the first).
    by_kode = hasil.by_kode()
    rows = {}
    for rec in lap.realisasi_baris:
        h = by_kode.get(rec.kode)
        if h is None:
            rows[rec.row] = {"capaian": TIDAK_TERHITUNG}
            continue
        rows[rec.row] = {
            "target_periode": _num(h.target.angka) if h.target.angka is not None else (h.target.teks or None),
            "realisasi_periode": _num(h.realisasi.angka),
            "capaian": _num(h.capaian) if h.capaian is not None else TIDAK_TERHITUNG,
            "predikat": h.predikat or None,
            "tercapai": TERCAPAI[h.tercapai],
        }
    if "Capaian" in lap.kolom and lap.realisasi_baris:
        first = lap.baris_header["Capaian"] + 1
        last = max(r.row for r in lap.realisasi_baris)
        blocks += _computed(L.CAPAIAN, lap.kolom["Capaian"], first, rows, last)
    rows = {}
    for a in hasil.anggaran:
        rows[a.baris.row] = {"pagu_berlaku": _num(a.pagu), "realisasi_periode": _num(a.realisasi),
                             "serapan": _num(a.serapan), "sisa": _num(a.sisa),
                             "keterkaitan": a.terhubung or None}
    if "Anggaran" in lap.kolom and hasil.anggaran:
        first = lap.baris_header["Anggaran"] + 1
        last = max(a.baris.row for a in hasil.anggaran)
        blocks += _computed(L.ANGGARAN, lap.kolom["Anggaran"], first, rows, last)
    return blocks


# Column widths of the Hasil sheet (A..J); the tables below are laid out to share them.
HASIL_WIDTHS = (18, 45, 50, 12, 16, 16, 14, 14, 16, 12)


def hasil_blocks(o: Olahan) -> list[Block]:
    """The Hasil sheet: summary, indicators, sasaran and budget, as plain values with formats."""
    lap, h = o.laporan, o.hasil
    ident = lap.identitas
    d = lap.pengaturan.desimal
    pct = "0." + "0" * d if d > 0 else "0"
    blocks = [Block(L.HASIL, 1, 1, [[f"HASIL PERHITUNGAN LKj {ident.jabatan} {ident.unit}".strip()],
                                    [f"Periode {ident.periode} {ident.tahun or ''} — dihitung oleh lkj_xl; "
                                     "sheet ini ditimpa setiap kali Hitung Capaian dijalankan."]])]
    ringkasan = [
        ["Ringkasan", "Nilai"],
        ["Jumlah indikator", len(h.indikator)],
        ["Indikator tercapai (capaian ≥ 100%)", len(h.tercapai)],
        ["Indikator belum tercapai", len(h.belum_tercapai)],
        ["Indikator tidak terhitung", len(h.tidak_terhitung)],
        ["Rata-rata capaian kinerja (%)", _num(h.kinerja, d)],
        ["Predikat", h.predikat],
        ["Total pagu (Rp)", _num(h.total_pagu)],
        ["Total realisasi anggaran (Rp)", _num(h.total_realisasi)],
        ["Serapan anggaran (%) = total realisasi / total pagu", _num(h.serapan, d)],
        [f"Efisiensi ({h.metode_efisiensi})", _num(h.efisiensi, d)],
        ["Kategori efisiensi", h.kategori_efisiensi],
        ["Jumlah kesalahan", o.jumlah_kesalahan],
        ["Jumlah peringatan", o.jumlah_peringatan],
    ]
    row_fmt = [None, "0", "0", "0", "0", pct, None, MONEY, MONEY, pct, pct, None, "0", "0"]
    blocks.append(Block(L.HASIL, 4, 2, ringkasan, header=True, row_formats=row_fmt))
    row = 4 + len(ringkasan) + 2
    ind_rows = [["No", "Sasaran", "Indikator Kinerja", "Kode", "Satuan", "Target", "Realisasi", "Capaian (%)",
                 "Predikat", "Tercapai"]]
    for x in h.indikator:
        i = x.indikator
        ind_rows.append([x.nomor, i.sasaran, i.indikator, i.kode, i.satuan,
                         _num(x.target.angka) if x.target.angka is not None else x.target.teks,
                         _num(x.realisasi.angka) if x.realisasi.angka is not None else x.realisasi.teks,
                         _num(x.capaian, d) if x.capaian is not None else TIDAK_TERHITUNG,
                         x.predikat, TERCAPAI[x.tercapai]])
    blocks.append(Block(L.HASIL, row, 1, ind_rows, [None] * 7 + [pct, None, None], header=True))
    row += len(ind_rows) + 2
    sas_rows = [["Kode", "Sasaran", "Predikat", "Capaian (%)", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)",
                 f"Efisiensi ({h.metode_efisiensi})", "Kategori"]]
    for s in h.sasaran:
        sas_rows.append([s.kode, s.sasaran, s.predikat, _num(s.capaian, d), _num(s.pagu), _num(s.realisasi),
                         _num(s.serapan, d), _num(s.efisiensi, d), s.kategori])
    blocks.append(Block(L.HASIL, row, 1, sas_rows, [None, None, None, pct, MONEY, MONEY, pct, pct, None], header=True))
    row += len(sas_rows) + 2
    ang_rows = [["Kode", "Uraian", "Level", "Serapan (%)", "Pagu Berlaku (Rp)", "Realisasi (Rp)", "Sisa (Rp)"]]
    for a in h.anggaran:
        ang_rows.append([a.baris.kode, a.baris.uraian, a.baris.level, _num(a.serapan, d), _num(a.pagu),
                         _num(a.realisasi), _num(a.sisa)])
    sisa = h.total_pagu - h.total_realisasi if h.total_pagu is not None and h.total_realisasi is not None else None
    ang_rows.append(["", "JUMLAH (baris teratas saja)", "", _num(h.serapan, d), _num(h.total_pagu),
                     _num(h.total_realisasi), _num(sisa)])
    blocks.append(Block(L.HASIL, row, 1, ang_rows, [None, None, None, pct, MONEY, MONEY, MONEY], header=True))
    return blocks


def masalah_rows(problems: list[Problem]) -> list[list[Any]]:
    return [[p.code, TINGKAT[p.severity], Link(p.where, p.where) if p.cell else p.where, p.message, p.hint]
            for p in problems]


def lke_rows(o: Olahan) -> list[list[Any]]:
    """The annual report's LKE 3.b self-check (core/lke.py), one row per criterion, under the problems;
    nothing for a quarterly workbook."""
    from ..core import lke
    if not lke.berlaku(o.laporan):
        return []
    return [[k.kode, f"{lke.KOMPONEN}: {k.status}", k.sheet, f"{k.nama}: {k.status} — {k.alasan}", k.saran]
            for k in lke.periksa(o.laporan, o.hasil)]


def masalah_block(problems: list[Problem], lke: list[list[Any]] | None = None) -> Block:
    """The Masalah sheet's table body (the header row is the template's); `lke` = lke_rows(o) below it."""
    rows = masalah_rows(problems) or [["tidak-ada-masalah", "", "", "Tidak ada masalah yang ditemukan.", ""]]
    return Block(L.MASALAH.name, L.MASALAH.first_data_row, 1, rows + list(lke or []))
