"""Pure computation (domain.md §5): capaian, tercapai, sasaran capaian, serapan, efisiensi, predikat.

Full precision (Decimal) inside; rounding happens only when presenting (`formatting`). Totals are
always ratios of sums, never means of percentages. A value that cannot be computed is None with a
reason code, never silently 0 or 100.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .model import BarisAnggaran, Indikator, Laporan, Nilai, Pengaturan, SubIndikator

HUNDRED = Decimal(100)

# Why a capaian could not be computed (codes shared with validation's catalogue).
TARGET_NOL, TARGET_BUKAN_ANGKA, REALISASI_KOSONG, REALISASI_NOL = (
    "target-nol", "target-bukan-angka", "realisasi-kosong", "realisasi-nol")


def capaian(target: Decimal | None, realisasi: Decimal | None, polaritas: str = "Positif",
            rumus_negatif: str = "(2T-R)/T", atas: Decimal | None = None) -> tuple[Decimal | None, str]:
    """Capaian in percent and '' — or None and the reason it cannot be computed.

    A range target [target, atas] ("80–90 %") measures a realisasi above the range against the upper
    bound and one below it against the lower bound; inside the range the capaian is 100."""
    if target is None:
        return None, TARGET_BUKAN_ANGKA
    if realisasi is None:
        return None, REALISASI_KOSONG
    if atas is not None and atas >= target:
        target = min(max(realisasi, target), atas)
    if target == 0:
        return None, TARGET_NOL
    if polaritas == "Negatif":
        if rumus_negatif == "T/R":
            if realisasi == 0:
                return None, REALISASI_NOL
            return target / realisasi * HUNDRED, ""
        return (2 * target - realisasi) / target * HUNDRED, ""
    return realisasi / target * HUNDRED, ""


def predikat(value: Decimal | None, skala: list[tuple[Decimal, str]]) -> str:
    """The class whose lower bound is the highest one not above `value` (contiguous, no gaps)."""
    if value is None:
        return ""
    for bound, name in sorted(skala, key=lambda x: x[0], reverse=True):
        if value >= bound:
            return name
    return skala[-1][1] if skala else ""


def mean(values) -> Decimal | None:
    values = [v for v in values if v is not None]
    return sum(values, Decimal(0)) / len(values) if values else None


def ratio(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or whole is None or whole == 0:
        return None
    return part / whole * HUNDRED


BELUM_DILAKSANAKAN, TIDAK_DAPAT_DIHITUNG = "Belum dilaksanakan", "Tidak dapat dihitung"


def efisiensi(kinerja: Decimal | None, serapan: Decimal | None, metode: str) -> tuple[Decimal | None, str]:
    """(value, category). Selisih: kinerja − serapan (points); Rasio: kinerja / serapan.
    Category: 'Efisien' when % capaian kinerja > % serapan anggaran (domain.md §5); both 0 % is
    'Belum dilaksanakan' and a missing side 'Tidak dapat dihitung' (annual.md §4)."""
    if kinerja is None or serapan is None:
        return None, TIDAK_DAPAT_DIHITUNG
    kategori = "Efisien" if kinerja > serapan else "Tidak Efisien"
    if kinerja == 0 and serapan == 0:
        kategori = BELUM_DILAKSANAKAN
    if metode == "Rasio":
        return (kinerja / serapan if serapan else None), kategori
    return kinerja - serapan, kategori


@dataclass
class HasilIndikator:
    indikator: Indikator
    nomor: int                     # 1-based position in the PK: "indikator ke-2"
    target: Nilai                  # the target this period is measured against
    realisasi: Nilai               # realisasi s.d. the period
    capaian: Decimal | None
    alasan: str = ""               # why capaian is None
    predikat: str = ""
    komposit: "HasilKomposit | None" = None   # set when realisasi and capaian come from sub-indicators

    @property
    def tercapai(self) -> bool | None:
        return None if self.capaian is None else self.capaian >= HUNDRED


@dataclass
class HasilAnggaran:
    baris: BarisAnggaran
    pagu: Decimal | None
    realisasi: Decimal | None
    serapan: Decimal | None
    sisa: Decimal | None
    induk: str = ""                # code of the parent line in this workbook, '' for a root
    anak: list["HasilAnggaran"] = field(default_factory=list)
    terhubung: str = ""            # what the line supports: 'Sasaran S1', 'Indikator IK2', ... or TIDAK_TERHUBUNG


@dataclass
class HasilSasaran:
    kode: str
    sasaran: str
    indikator: list[HasilIndikator]
    capaian: Decimal | None
    predikat: str
    pagu: Decimal | None
    realisasi: Decimal | None
    serapan: Decimal | None
    efisiensi: Decimal | None
    kategori: str


@dataclass
class Hasil:
    tw: int
    indikator: list[HasilIndikator]
    sasaran: list[HasilSasaran]
    anggaran: list[HasilAnggaran]
    total_pagu: Decimal | None
    total_realisasi: Decimal | None
    serapan: Decimal | None
    kinerja: Decimal | None        # mean capaian of the computable indicators
    predikat: str
    efisiensi: Decimal | None
    kategori_efisiensi: str
    metode_efisiensi: str
    tahunan: "object | None" = None   # tahunan.HasilTahunan: Renstra, history, benchmark, predikat counts

    @property
    def tidak_terhubung(self) -> list[HasilAnggaran]:
        return [a for a in self.anggaran if a.terhubung == TIDAK_TERHUBUNG]

    @property
    def tercapai(self) -> list[HasilIndikator]:
        return [h for h in self.indikator if h.tercapai]

    @property
    def belum_tercapai(self) -> list[HasilIndikator]:
        return [h for h in self.indikator if h.tercapai is False]

    @property
    def tidak_terhitung(self) -> list[HasilIndikator]:
        return [h for h in self.indikator if h.tercapai is None]

    def by_kode(self) -> dict[str, HasilIndikator]:
        return {h.indikator.kode: h for h in self.indikator}


def target_periode(ind: Indikator, tw: int, tahunan: bool = False) -> Nilai:
    """A quarterly target when given for this quarter, otherwise (and always for the annual report,
    which sets realisasi s.d. TW IV against the annual target) the annual target."""
    if not tahunan and 1 <= tw <= 4 and ind.target_tw[tw - 1].teks:
        return ind.target_tw[tw - 1]
    return ind.target


def parent_code(code: str, codes: set[str]) -> str:
    """The longest other code that prefixes `code` at a '.' boundary ('4.01.01.2.01' -> '4.01.01')."""
    parts = code.split(".")
    for n in range(len(parts) - 1, 0, -1):
        candidate = ".".join(parts[:n])
        if candidate in codes and candidate != code:
            return candidate
    return ""


def hitung_anggaran(lines: list[BarisAnggaran], tw: int) -> list[HasilAnggaran]:
    codes = {b.kode for b in lines if b.kode}
    out = []
    for b in lines:
        real = b.tw[tw - 1] if 1 <= tw <= 4 else None
        pagu = b.pagu_berlaku
        sisa = pagu - real if pagu is not None and real is not None else pagu
        out.append(HasilAnggaran(b, pagu, real, ratio(real, pagu), sisa, parent_code(b.kode, codes)))
    by_code = {h.baris.kode: h for h in out}
    for h in out:
        if h.induk:
            by_code[h.induk].anak.append(h)
    return out


def _sum(values) -> Decimal | None:
    values = [v for v in values if v is not None]
    return sum(values, Decimal(0)) if values else None


def jumlah(lines: list[HasilAnggaran]) -> tuple[Decimal | None, Decimal | None]:
    """Sum pagu and realisasi over lines, counting each amount once: a line whose parent is
    also in `lines` is already inside its parent."""
    inside = {h.baris.kode for h in lines}
    tops = [h for h in lines if h.induk not in inside]
    return _sum(h.pagu for h in tops), _sum(h.realisasi for h in tops)


# ---------------------------------------------------------------- composite indicators (sub-indicators)

RATA_RATA, JUMLAH_BERBOBOT, JUMLAH = "Rata-rata", "Jumlah Berbobot", "Jumlah"
SUB_TIDAK_TERHITUNG = "sub-tidak-terhitung"
TIDAK_TERHUBUNG = "tidak terhubung"


@dataclass
class HasilSub:
    sub: SubIndikator
    capaian: Decimal | None
    alasan: str = ""


@dataclass
class HasilKomposit:
    aturan: str
    sub: list[HasilSub]
    realisasi: Decimal | None      # the composite value: mean, weighted sum or sum of the sub realisasi
    capaian: Decimal | None
    alasan: str = ""

    @property
    def jumlah_bobot(self) -> Decimal:
        return sum((h.sub.bobot or Decimal(0) for h in self.sub), Decimal(0))


def komposit(ind: Indikator, subs: list[SubIndikator], rumus_negatif: str) -> HasilKomposit:
    """An indicator measured through its sub-indicators, by the rule in PK's Aturan Sub Indikator.

    Rata-rata: capaian = mean of the sub capaian (004:587), realisasi = mean of the sub realisasi.
    Jumlah / Jumlah Berbobot: realisasi = Σ R or Σ bobot/100 × R (002:545), capaian against the PK target."""
    rumus = ind.rumus_negatif or rumus_negatif
    parts = [HasilSub(s, *capaian(s.target.angka, s.realisasi.angka, s.polaritas, rumus)) for s in subs]
    values = [s.realisasi.angka for s in subs]
    if any(v is None for v in values):
        return HasilKomposit(ind.aturan_sub, parts, None, None, REALISASI_KOSONG)
    if ind.aturan_sub == RATA_RATA:
        caps = [h.capaian for h in parts]
        real = sum(values, Decimal(0)) / len(values)
        if any(c is None for c in caps):
            return HasilKomposit(RATA_RATA, parts, real, None, SUB_TIDAK_TERHITUNG)
        return HasilKomposit(RATA_RATA, parts, real, sum(caps, Decimal(0)) / len(caps))
    if ind.aturan_sub == JUMLAH_BERBOBOT:
        real = sum(((s.bobot or Decimal(0)) * v / HUNDRED for s, v in zip(subs, values)), Decimal(0))
    else:
        real = sum(values, Decimal(0))
    value, why = capaian(ind.target.angka, real, ind.polaritas, rumus, ind.target_atas.angka)
    return HasilKomposit(ind.aturan_sub, parts, real, value, why)


def _keterkaitan(lines: list[HasilAnggaran]) -> None:
    """Each line's link: its own (indicator or sasaran), else its parent's, else through its children."""
    by_code = {h.baris.kode: h for h in lines}

    def own(h: HasilAnggaran) -> str:
        b = h.baris
        if b.kode_indikator:
            return f"Indikator {b.kode_indikator}"
        return f"Sasaran {b.kode_sasaran}" if b.kode_sasaran else ""

    def below(h: HasilAnggaran) -> bool:
        return bool(h.anak) and all(own(k) or below(k) for k in h.anak)

    for h in lines:
        link, up = own(h), h
        while not link and up.induk in by_code:
            up = by_code[up.induk]
            link = own(up)
        h.terhubung = link or ("melalui rincian" if below(h) else TIDAK_TERHUBUNG)


def _hasil_indikator(lap: Laporan, tw: int) -> list[HasilIndikator]:
    p, tahunan = lap.pengaturan, lap.identitas.periode == "Tahunan"
    subs: dict[str, list[SubIndikator]] = {}
    for s in lap.tahunan.sub_indikator:
        subs.setdefault(s.kode_induk, []).append(s)
    out = []
    for nomor, ind in enumerate(lap.indikator, start=1):
        t = target_periode(ind, tw, tahunan)
        rumus = ind.rumus_negatif or p.rumus_negatif
        if ind.aturan_sub in (RATA_RATA, JUMLAH_BERBOBOT, JUMLAH) and subs.get(ind.kode) and tw == 4:
            k = komposit(ind, subs[ind.kode], p.rumus_negatif)
            r = Nilai(k.realisasi, f"{k.realisasi.normalize():f}" if k.realisasi is not None else "")
            out.append(HasilIndikator(ind, nomor, t, r, k.capaian, k.alasan, predikat(k.capaian, p.skala), k))
            continue
        rec = lap.realisasi.get(ind.kode)
        r = rec.tw[tw - 1] if rec else Nilai(None)
        value, why = capaian(t.angka, r.angka, ind.polaritas, rumus, ind.target_atas.angka)
        out.append(HasilIndikator(ind, nomor, t, r, value, why, predikat(value, p.skala)))
    return out


def hitung(lap: Laporan) -> Hasil:
    tw = lap.identitas.tw or 4
    p: Pengaturan = lap.pengaturan
    hasil_ind = _hasil_indikator(lap, tw)
    anggaran = hitung_anggaran(lap.anggaran, tw)

    sasaran = []
    by_sasaran: dict[str, list[HasilIndikator]] = {}
    names: dict[str, str] = {}
    for h in hasil_ind:
        by_sasaran.setdefault(h.indikator.kode_sasaran, []).append(h)
        names.setdefault(h.indikator.kode_sasaran, h.indikator.sasaran)
    sasaran_of = {i.kode: i.kode_sasaran for i in lap.indikator}
    _keterkaitan(anggaran)
    lines_of: dict[str, list[HasilAnggaran]] = {}
    for a in anggaran:
        kode = a.baris.kode_sasaran or sasaran_of.get(a.baris.kode_indikator, "")
        lines_of.setdefault(kode, []).append(a)
    for kode, items in by_sasaran.items():
        cap = mean(h.capaian for h in items)
        pagu, real = jumlah(lines_of.get(kode, []))
        ser = ratio(real, pagu)
        eff, kat = efisiensi(cap, ser, p.metode_efisiensi)
        sasaran.append(HasilSasaran(kode, names[kode], items, cap, predikat(cap, p.skala), pagu, real, ser, eff, kat))

    total_pagu, total_real = jumlah(anggaran)
    serapan = ratio(total_real, total_pagu)
    kinerja = mean(h.capaian for h in hasil_ind)
    eff, kat = efisiensi(kinerja, serapan, p.metode_efisiensi)
    hasil = Hasil(tw, hasil_ind, sasaran, anggaran, total_pagu, total_real, serapan, kinerja,
                  predikat(kinerja, p.skala), eff, kat, p.metode_efisiensi)
    from .tahunan import hitung_tahunan   # the annual figures build on these results
    hasil.tahunan = hitung_tahunan(lap, hasil)
    return hasil
