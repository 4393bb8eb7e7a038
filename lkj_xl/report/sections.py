"""Section builders shared by every document (quarterly LKj, annual LKjIP).

Each builder goes from the model (`Laporan`, `Hasil`, their parts) and a `Fmt` (number formatting) to
plain dicts and lists of already-formatted strings, ready for docxtpl. None of them knows which document
it is for: period words ("triwulan III", "tahun 2023") come in as arguments. Every number and sentence
comes from the one `Hasil`, so the narrative cannot contradict the tables.

Nothing here touches files, Word or matplotlib. The keys are documented in docs/templat_word.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..core.formatting import angka, jumlah_kata, ke, nilai_satuan, nip, persen, ribuan, rupiah, tanggal
from ..core.model import Laporan, Pengaturan
from ..core.performance import (REALISASI_KOSONG, REALISASI_NOL, TARGET_BUKAN_ANGKA, TARGET_NOL, Hasil,
                                HasilAnggaran, HasilIndikator, ratio)

ALASAN = {
    TARGET_NOL: "target bernilai 0",
    TARGET_BUKAN_ANGKA: "target tidak berisi angka",
    REALISASI_KOSONG: "realisasi belum diisi",
    REALISASI_NOL: "realisasi bernilai 0 sedangkan rumusnya Target/Realisasi",
}
TANGGAPAN = ("Laporan sudah baik", "Laporan kurang baik", "Laporan segera diperbaiki",
             "Target dan realisasi diteliti ulang", "Capaian diteliti ulang", "Lain-lain")

# XML 1.0 forbids most control characters; docxtpl turns \a and \f into paragraph/page breaks.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# --- text and number helpers ---------------------------------------------------------------------

def teks(value) -> str:
    """User-typed text made safe to place literally: line breaks kept as '\\n' (docxtpl writes them
    as real line breaks), other control characters dropped, surrounding blanks trimmed."""
    if value is None:
        return ""
    s = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("_x000D_", "")
    s = _CONTROL.sub("", s)
    # docxtpl turns '{_{' '}_}' '{_%' '%_}' into '{{' '}}' '{%' '%}' after rendering; keep them literal.
    s = s.replace("{_", "{\u2060_").replace("_}", "_\u2060}")
    return s.strip()


def kapital(s) -> str:
    return teks(s).upper()


def pemerintah(s) -> str:
    """'Kabupaten Lumajang' -> 'Pemerintah Kabupaten Lumajang' (unchanged when already so)."""
    s = teks(s)
    return s if s.lower().startswith("pemerintah") else f"Pemerintah {s}".strip()


def eselon(value) -> str:
    """'III.a' -> 'III'."""
    return teks(value).split(".")[0].strip()


@dataclass(frozen=True)
class Fmt:
    """Number formatting of one document: `desimal` places for percentages and ratios."""
    desimal: int = 2

    @classmethod
    def dari(cls, p: Pengaturan) -> "Fmt":
        return cls(max(0, min(int(p.desimal if p.desimal is not None else 2), 6)))

    def pct(self, v: Decimal | None) -> str:
        return persen(v, self.desimal)

    def num(self, v: Decimal | None) -> str:
        return angka(v, self.desimal)


def nilai(v, satuan: str, fmt: Fmt) -> str:
    """Target/realisasi as typed when it carries words ('4,51 (A-)'), else number + unit."""
    raw = teks(v.teks)
    if v.angka is None:
        return raw or "-"
    if re.search(r"[A-Za-z(]", raw.replace("%", "")):
        return raw
    return nilai_satuan(v.angka, satuan, fmt.desimal)


def nomor(items: list[HasilIndikator]) -> list[int]:
    return [h.nomor for h in items]


def alasan_daftar(items: list[HasilIndikator]) -> str:
    return "; ".join(f"indikator ke-{h.nomor}: {ALASAN.get(h.alasan, h.alasan)}" for h in items)


def status(h: HasilIndikator) -> str:
    if h.tercapai is None:
        return f"Tidak dapat dihitung ({ALASAN.get(h.alasan, h.alasan or 'data tidak lengkap')})"
    return "Tercapai" if h.tercapai else "Belum tercapai"


def dengan_kategori(v: Decimal | None, kategori: str, fmt: Fmt) -> str:
    """'38,63\\n(Efisien)', or '-' when there is no value."""
    return f"{fmt.num(v)}\n({kategori})" if v is not None else "-"


# --- identity and signatures ----------------------------------------------------------------------

def identitas(lap: Laporan) -> dict:
    """Who reports: the organisation, unit and address (cover, Bab I, headers)."""
    idn = lap.identitas
    unit = teks(idn.unit)
    return {
        "pemerintah": teks(idn.pemerintah),
        "pemerintah_kapital": pemerintah(idn.pemerintah).upper(),
        "daerah_kapital": kapital(idn.pemerintah),
        "perangkat_daerah": teks(idn.perangkat_daerah),
        "perangkat_daerah_kapital": kapital(idn.perangkat_daerah),
        "unit": unit,
        "unit_kapital": unit.upper(),
        "alamat": teks(idn.alamat),
        "telepon": teks(idn.telepon),
        "tahun": str(idn.tahun or ""),
        "dasar_pelaporan": teks(idn.dasar_pelaporan) or "Peraturan yang berlaku",
    }


def penandatangan(lap: Laporan) -> dict:
    """The signing official and the atasan (closing signatures, Lampiran I), with the report's and
    the PK's place and date."""
    idn = lap.identitas
    jabatan = teks(idn.jabatan)
    es = eselon(idn.eselon)
    return {
        "jabatan": jabatan,
        "jabatan_kapital": jabatan.upper(),
        "eselon": es,
        "pejabat_eselon": f"pejabat eselon {es}" if es else "pejabat struktural",
        "nama": teks(idn.nama),
        "nip": nip(teks(idn.nip)),
        "pangkat": teks(idn.pangkat),
        "jabatan_atasan": teks(idn.jabatan_atasan),
        "jabatan_atasan_kapital": kapital(idn.jabatan_atasan),
        "nama_atasan": teks(idn.nama_atasan),
        "nip_atasan": nip(teks(idn.nip_atasan)),
        "tempat": teks(idn.tempat),
        "tanggal": tanggal(idn.tanggal),
        "tanggal_pk": tanggal(idn.tanggal_pk),
        "tempat_tanggal_pk": ", ".join(x for x in (teks(idn.tempat), tanggal(idn.tanggal_pk)) if x),
    }


def tugas(lap: Laporan) -> dict:
    """Bab I: the sentence on the unit's legal basis and the numbered list of its duties."""
    idn = lap.identitas
    unit, pd, dasar = teks(idn.unit), teks(idn.perangkat_daerah), teks(idn.dasar_tugas)
    pem = pemerintah(idn.pemerintah)
    if dasar:
        kalimat = (f"{unit} merupakan salah satu unit kerja pada {pd} {pem} sebagaimana amanat {dasar}. "
                   f"Berdasarkan ketentuan tersebut, tugas dan fungsi {unit} adalah sebagai berikut:")
    else:
        kalimat = (f"{unit} merupakan salah satu unit kerja pada {pd} {pem}. "
                   f"Tugas dan fungsi {unit} adalah sebagai berikut:")
    return {
        "kalimat_tugas": kalimat,
        "dasar_tugas": dasar,
        "tugas": [{"no": f"{i}.", "uraian": teks(t)} for i, t in enumerate(lap.tugas, start=1) if teks(t)],
    }


# --- performance: PK and capaian tables -----------------------------------------------------------

def baris_indikator(h: HasilIndikator, lap: Laporan, fmt: Fmt) -> dict:
    """One indicator row (Tabel 2.1/2.2, PK tables)."""
    ind = h.indikator
    return {
        "nomor": str(h.nomor),
        "kode": teks(ind.kode),
        "nama": teks(ind.indikator),
        "indikator": f"{h.nomor}. {teks(ind.indikator)}",
        "satuan": teks(ind.satuan),
        "polaritas": teks(ind.polaritas),
        "target": nilai(h.target, ind.satuan, fmt),
        "target_tahunan": nilai(ind.target, ind.satuan, fmt),
        "realisasi": nilai(h.realisasi, ind.satuan, fmt),
        "capaian": fmt.pct(h.capaian),
        "predikat": teks(h.predikat),
        "status": status(h),
        "tercapai": h.tercapai,
        "keterangan": teks(lap.realisasi[ind.kode].keterangan) if ind.kode in lap.realisasi else "",
    }


def sasaran_rows(hasil: Hasil, lap: Laporan, fmt: Fmt) -> list[dict]:
    """The sasaran with their indicators, budget and efficiency (Tabel 2.1, 2.2, 2.3)."""
    out = []
    for no, s in enumerate(hasil.sasaran, start=1):
        out.append({
            "no": f"{no}.",
            "kode": teks(s.kode),
            "nama": teks(s.sasaran),
            "nama_capaian": f"{teks(s.sasaran)}\n(rata-rata capaian kinerja {fmt.pct(s.capaian)})",
            "capaian": fmt.pct(s.capaian),
            "predikat": teks(s.predikat),
            "pagu": ribuan(s.pagu),
            "realisasi": ribuan(s.realisasi),
            "serapan": fmt.pct(s.serapan),
            "efisiensi": fmt.num(s.efisiensi),
            "kategori": s.kategori,
            "efisiensi_teks": dengan_kategori(s.efisiensi, s.kategori, fmt),
            "indikator": [baris_indikator(h, lap, fmt) for h in s.indikator],
        })
    return out


def label_sasaran(lap: Laporan) -> str:
    """'Sasaran Strategis', 'Sasaran Program', … from the indicators' Tingkat column."""
    tingkat = next((teks(i.tingkat) for i in lap.indikator if teks(i.tingkat)), "")
    if tingkat and tingkat != "Strategis":
        return f"Sasaran {tingkat}"
    return "Sasaran Strategis" if tingkat else "Sasaran"


def ringkasan_capaian(hasil: Hasil) -> dict:
    """How many indicators are achieved / not / not computable, as numbers, words and lists."""
    a, b, c = hasil.tercapai, hasil.belum_tercapai, hasil.tidak_terhitung
    n = len(hasil.indikator)
    return {
        "jumlah_indikator": str(n),
        "jumlah_indikator_kata": jumlah_kata(n),
        "jumlah_tercapai": str(len(a)),
        "jumlah_tercapai_kata": jumlah_kata(len(a)),
        "jumlah_belum_kata": jumlah_kata(len(b)),
        "jumlah_tidak_terhitung_kata": jumlah_kata(len(c)),
        "indikator_tercapai": ke(nomor(a)),
        "indikator_belum": ke(nomor(b)),
        "indikator_tidak_terhitung": ke(nomor(c)),
        "ada_tercapai": bool(a),
        "ada_belum": bool(b),
        "ada_tidak_terhitung": bool(c),
    }


def catatan_capaian(lap: Laporan) -> str:
    """The formula note under the capaian table (negative indicators only when there are any)."""
    s = "Capaian (6) = Realisasi (5) / Target (4) × 100%"
    if any(i.polaritas == "Negatif" for i in lap.indikator):
        s += ("; indikator negatif (makin rendah makin baik): " +
              ("Target / Realisasi × 100%" if lap.pengaturan.rumus_negatif == "T/R"
               else "(2 × Target − Realisasi) / Target × 100%"))
    return s + ". Indikator dinyatakan tercapai bila capaiannya 100% atau lebih."


# --- budget: cost per outcome, PK budget ----------------------------------------------------------

def label_anggaran(lines: list[HasilAnggaran]) -> str:
    levels = list(dict.fromkeys(teks(a.baris.level) for a in lines if teks(a.baris.level)))
    return levels[0] if len(levels) == 1 else "Program/Kegiatan"


def _depth(a: HasilAnggaran, by_code: dict[str, HasilAnggaran]) -> int:
    depth, seen = 0, set()
    while a.induk and a.induk in by_code and a.induk not in seen:
        seen.add(a.induk)
        a = by_code[a.induk]
        depth += 1
    return depth


def _uraian(x: HasilAnggaran, no: int, by_code: dict[str, HasilAnggaran]) -> str:
    """Indented name; short codes (1, 2, 1.1) read as row numbers, long ones (7.01.01.2.06.0001) go
    before the name."""
    kode, uraian = teks(x.baris.kode), teks(x.baris.uraian)
    indent = "\u00a0" * 4 * _depth(x, by_code)
    return indent + (uraian if kode == str(no) or not kode else f"{kode} {uraian}")


def anggaran_rows(hasil: Hasil, fmt: Fmt) -> list[dict]:
    """Program/kegiatan rows with pagu, realisasi, serapan and sisa (Tabel 2.3)."""
    by_code = {x.baris.kode: x for x in hasil.anggaran}
    return [{
        "no": str(no),
        "kode": teks(x.baris.kode),
        "level": teks(x.baris.level),
        "uraian": _uraian(x, no, by_code),
        "nama": teks(x.baris.uraian),
        "kode_sasaran": teks(x.baris.kode_sasaran),
        "pagu": ribuan(x.pagu),
        "realisasi": ribuan(x.realisasi),
        "serapan": fmt.pct(x.serapan),
        "sisa": ribuan(x.sisa),
    } for no, x in enumerate(hasil.anggaran, start=1)]


def anggaran_pk(hasil: Hasil, lap: Laporan) -> dict:
    """The budget as agreed in the PK (Lampiran I): the PK column when typed, else pagu berlaku for a
    Perubahan PK, else the pagu; the total sums top-level lines only."""
    by_code = {x.baris.kode: x for x in hasil.anggaran}
    rows, top = [], []
    for no, x in enumerate(hasil.anggaran, start=1):
        br = x.baris
        value = br.anggaran_pk if br.anggaran_pk is not None else (
            br.pagu_berlaku if lap.identitas.pk_perubahan else br.pagu)
        rows.append({"no": f"{no}.", "kode": teks(br.kode), "uraian": _uraian(x, no, by_code),
                     "anggaran": rupiah(value)})
        if x.induk not in by_code and value is not None:
            top.append(value)
    return {"anggaran_pk": rows, "jumlah_pk": rupiah(sum(top, Decimal(0)) if top else None)}


def sisa_anggaran(hasil: Hasil) -> Decimal | None:
    if hasil.total_pagu is None or hasil.total_realisasi is None:
        return None
    return hasil.total_pagu - hasil.total_realisasi


def total_row(hasil: Hasil, fmt: Fmt) -> dict:
    """The JUMLAH row of Tabel 2.3."""
    sisa = sisa_anggaran(hasil)
    return {
        "pagu": ribuan(hasil.total_pagu),
        "realisasi": ribuan(hasil.total_realisasi),
        "serapan": fmt.pct(hasil.serapan),
        "kinerja": fmt.pct(hasil.kinerja),
        "predikat": teks(hasil.predikat),
        "efisiensi": fmt.num(hasil.efisiensi),
        "kategori": hasil.kategori_efisiensi,
        "efisiensi_teks": dengan_kategori(hasil.efisiensi, hasil.kategori_efisiensi, fmt),
        "sisa": ribuan(sisa),
        "sisa_rupiah": rupiah(sisa),
        "sisa_persen": fmt.pct(ratio(sisa, hasil.total_pagu)),
    }


def efisiensi(hasil: Hasil, fmt: Fmt) -> dict:
    """The efficiency method, its column header, the formula note and the sentence under Tabel 2.3."""
    selisih = hasil.metode_efisiensi != "Rasio"
    rumus, kolom = ("(9) − (6)", "10=9−6") if selisih else ("(9) / (6)", "10=9/6")
    catatan = (
        "Capaian anggaran (6) = Realisasi (5) / Pagu (4) × 100%; untuk sasaran dan baris JUMLAH, pagu dan "
        "realisasi dijumlahkan lebih dahulu lalu dibagi (bukan rata-rata persentase). Capaian kinerja sasaran "
        "dan baris JUMLAH adalah rata-rata capaian (9) indikatornya. Efisiensi (10) = capaian kinerja "
        f"{'dikurangi' if selisih else 'dibagi'} capaian anggaran, {rumus}; efisien bila capaian kinerja "
        "lebih tinggi daripada capaian anggaran.")
    return {"metode_efisiensi": hasil.metode_efisiensi, "kolom_efisiensi": kolom, "catatan_anggaran": catatan,
            "kalimat_efisiensi": kalimat_efisiensi(hasil, fmt)}


def kalimat_efisiensi(hasil: Hasil, fmt: Fmt) -> str:
    if hasil.efisiensi is None:
        return ("Efisiensi capaian kinerja terhadap realisasi anggaran belum dapat dihitung karena "
                "rata-rata capaian kinerja atau serapan anggaran tidak tersedia.")
    selisih = hasil.metode_efisiensi != "Rasio"
    kin, ser = fmt.pct(hasil.kinerja), fmt.pct(hasil.serapan)
    lebih = "lebih tinggi daripada" if hasil.kinerja > hasil.serapan else "tidak lebih tinggi daripada"
    cara = (f"yaitu rata-rata capaian kinerja {kin} dikurangi serapan anggaran {ser}" if selisih else
            f"yaitu rata-rata capaian kinerja {kin} dibagi serapan anggaran {ser}")
    return (f"Efisiensi capaian kinerja terhadap realisasi anggaran adalah "
            f"{fmt.num(hasil.efisiensi)}{' poin' if selisih else ''}, {cara}. Karena capaian kinerja "
            f"{lebih} serapan anggaran, penggunaan anggaran dikategorikan "
            f"{hasil.kategori_efisiensi.lower()}.")
