"""What the annual report (LKjIP) computes beyond the quarterly figures (annual.md §4).

Per indicator: the Renstra targets (report year and end of period) and the capaian against the end
target; the previous years' realisasi, the change against last year in points and percent and its
direction word; the benchmarks. For the report: predikat counts per class, budget lines per indicator,
SDM totals. Decimal throughout; rounding happens only when presenting.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .model import Analisis, Laporan, Nilai, Pembanding, TargetRenstra
from .performance import HUNDRED, Hasil, HasilAnggaran, HasilIndikator, capaian, jumlah, ratio

NAIK, TURUN, TETAP = "naik", "turun", "tetap"


@dataclass
class HasilIndikatorTahunan:
    hasil: HasilIndikator
    renstra: TargetRenstra | None = None           # the row used: 'Perubahan' when given, else 'Awal'
    target_renstra: Nilai = field(default_factory=lambda: Nilai(None))   # Renstra target of the report year
    target_akhir: Nilai = field(default_factory=lambda: Nilai(None))
    capaian_renstra: Decimal | None = None         # realisasi vs target akhir Renstra, polarity-aware
    riwayat: list[tuple[int, Nilai]] = field(default_factory=list)      # (year, realisasi), oldest first
    lalu: Decimal | None = None                    # realisasi of the previous year
    selisih: Decimal | None = None                 # realisasi n − realisasi n-1 (points)
    perubahan: Decimal | None = None               # that change in percent of n-1
    arah: str = ""                                 # naik / turun / tetap ('' when there is no n-1)
    membaik: bool | None = None                    # the change is good for this indicator's polarity
    pembanding: list[Pembanding] = field(default_factory=list)
    analisis: Analisis | None = None
    anggaran: list[HasilAnggaran] = field(default_factory=list)          # lines linked to this indicator
    pagu: Decimal | None = None
    realisasi_anggaran: Decimal | None = None
    serapan: Decimal | None = None

    @property
    def kode(self) -> str:
        return self.hasil.indikator.kode


@dataclass
class HasilTahunan:
    tahun: int | None
    renstra_awal: int | None
    renstra_akhir: int | None
    indikator: list[HasilIndikatorTahunan]
    predikat: dict[str, int]                       # class -> number of indicators, in scale order
    tidak_terhitung: int                           # indicators without a capaian (not in any class)
    kendala: list[str]
    rekomendasi: list[str]                         # numbered in this order
    penghargaan: list[str]
    sdm_kebutuhan: int
    sdm_bezetting: int

    def by_kode(self) -> dict[str, HasilIndikatorTahunan]:
        return {x.kode: x for x in self.indikator}

    @property
    def ada_renstra(self) -> bool:
        return any(x.renstra for x in self.indikator)


def renstra_rows(lap: Laporan) -> dict[str, TargetRenstra]:
    """The Renstra row per indicator: the revised ('Perubahan') one when both versions are given."""
    out: dict[str, TargetRenstra] = {}
    for row in lap.tahunan.renstra:
        if row.kode and (row.kode not in out or row.versi == "Perubahan" and out[row.kode].versi != "Perubahan"):
            out[row.kode] = row
    return out


def target_akhir(row: TargetRenstra, awal: int | None, akhir: int | None) -> Nilai:
    """The typed end target, else the target of the period's last year."""
    if row.target_akhir.teks:
        return row.target_akhir
    last = row.target_tahun(akhir, awal)
    if last.teks:
        return last
    return next((t for t in reversed(row.target) if t.teks), Nilai(None))


def arah(selisih: Decimal | None) -> str:
    if selisih is None:
        return ""
    return NAIK if selisih > 0 else TURUN if selisih < 0 else TETAP


def _trend(x: HasilIndikatorTahunan, tahun: int | None) -> None:
    now = x.hasil.realisasi.angka
    lalu = next((n.angka for y, n in x.riwayat if tahun is not None and y == tahun - 1), None)
    x.lalu = lalu
    if now is None or lalu is None:
        return
    x.selisih = now - lalu
    x.perubahan = x.selisih / lalu * HUNDRED if lalu != 0 else None
    x.arah = arah(x.selisih)
    negatif = x.hasil.indikator.polaritas == "Negatif"
    x.membaik = None if x.selisih == 0 else (x.selisih < 0) if negatif else (x.selisih > 0)


def _per_indikator(lap: Laporan, hasil: Hasil) -> list[HasilIndikatorTahunan]:
    ident, t = lap.identitas, lap.tahunan
    rows = renstra_rows(lap)
    history: dict[str, list[tuple[int, Nilai]]] = {}
    for r in t.riwayat:
        if r.tahun is not None and (ident.tahun is None or r.tahun < ident.tahun):
            history.setdefault(r.kode, []).append((r.tahun, r.realisasi))
    bench: dict[str, list[Pembanding]] = {}
    for b in t.pembanding:
        bench.setdefault(b.kode, []).append(b)
    analisis = {a.kode: a for a in t.analisis}
    lines: dict[str, list[HasilAnggaran]] = {}
    for a in hasil.anggaran:
        if a.baris.kode_indikator:
            lines.setdefault(a.baris.kode_indikator, []).append(a)
    out = []
    for h in hasil.indikator:
        ind = h.indikator
        x = HasilIndikatorTahunan(h, riwayat=sorted(history.get(ind.kode, []), key=lambda p: p[0]),
                                  pembanding=bench.get(ind.kode, []), analisis=analisis.get(ind.kode),
                                  anggaran=lines.get(ind.kode, []))
        row = rows.get(ind.kode)
        if row is not None:
            x.renstra = row
            x.target_renstra = row.target_tahun(ident.tahun, ident.renstra_awal)
            x.target_akhir = target_akhir(row, ident.renstra_awal, ident.renstra_akhir)
            rumus = ind.rumus_negatif or lap.pengaturan.rumus_negatif
            x.capaian_renstra, _ = capaian(x.target_akhir.angka, h.realisasi.angka, ind.polaritas, rumus)
        _trend(x, ident.tahun)
        x.pagu, x.realisasi_anggaran = jumlah(x.anggaran)
        x.serapan = ratio(x.realisasi_anggaran, x.pagu)
        out.append(x)
    return out


def hitung_tahunan(lap: Laporan, hasil: Hasil) -> HasilTahunan:
    skala = lap.pengaturan.skala
    counts = {name: 0 for _, name in sorted(skala, key=lambda x: x[0], reverse=True)}
    for h in hasil.indikator:
        if h.predikat:
            counts[h.predikat] = counts.get(h.predikat, 0) + 1
    t, ident = lap.tahunan, lap.identitas
    return HasilTahunan(
        tahun=ident.tahun, renstra_awal=ident.renstra_awal, renstra_akhir=ident.renstra_akhir,
        indikator=_per_indikator(lap, hasil),
        predikat=counts,
        tidak_terhitung=sum(h.capaian is None for h in hasil.indikator),
        kendala=[c.uraian for c in t.catatan_jenis("Kendala")],
        rekomendasi=[c.uraian for c in t.catatan_jenis("Rekomendasi")],
        penghargaan=[c.uraian for c in t.catatan_jenis("Penghargaan")],
        sdm_kebutuhan=sum(r.jumlah_kebutuhan for r in t.sdm),
        sdm_bezetting=sum(r.jumlah_bezetting for r in t.sdm),
    )
