"""Section builders shared by every document (quarterly LKj, annual LKjIP): number and text helpers,
identity, signatures and the PK, the PK and capaian table rows. Budget tables are in `anggaran.py`,
sentences, strategies, RTL and photos in `narasi.py`.

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

from ..core.formatting import angka, bulat, jumlah_kata, ke, nilai_satuan, nip, persen, ribuan, tanggal
from ..core.model import Laporan, Pengaturan
from ..core.performance import (BELUM_DILAKSANAKAN, REALISASI_KOSONG, REALISASI_NOL, TARGET_BUKAN_ANGKA,
                                TARGET_NOL, Hasil, HasilIndikator)

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
    """Target/realisasi as typed: the text when it carries words ('4,51 (A-)'), else the number with
    the decimals it was typed with (at most `desimal`) and its unit: 100 -> '100%', 94.87 -> '94,87%'."""
    raw = teks(v.teks)
    if v.angka is None:
        return raw or "-"
    if re.search(r"[A-Za-z(]", raw.replace("%", "")):
        return raw
    typed = max(0, -Decimal(v.angka).normalize().as_tuple().exponent)
    places = min(typed, fmt.desimal)
    if (satuan or "").strip() == "%":
        return persen(v.angka, places)
    return nilai_satuan(v.angka, satuan, places) if places else nilai_satuan(v.angka, satuan, 0)


def nomor(items: list[HasilIndikator]) -> list[int]:
    return [h.nomor for h in items]


def alasan_daftar(items: list[HasilIndikator]) -> str:
    return "; ".join(f"indikator ke-{h.nomor}: {ALASAN.get(h.alasan, h.alasan)}" for h in items)


def status(h: HasilIndikator) -> str:
    if h.tercapai is None:
        return f"Tidak dapat dihitung ({ALASAN.get(h.alasan, h.alasan or 'data tidak lengkap')})"
    return "Tercapai" if h.tercapai else "Belum tercapai"


def efisiensi_tampil(kinerja: Decimal | None, serapan: Decimal | None, metode: str,
                     fmt: Fmt) -> Decimal | None:
    """Efficiency from the percentages as printed (rounded to `desimal`), so that '81,74% − 43,12%'
    reads 38,62 in the table and the sentence alike; None when it cannot be computed or when nothing
    was measured and nothing spent."""
    if kinerja is None or serapan is None:
        return None
    k, s = bulat(kinerja, fmt.desimal), bulat(serapan, fmt.desimal)
    if k == 0 and s == 0:
        return None
    if metode == "Rasio":
        return k / s if s else None
    return k - s


def dengan_kategori(v: Decimal | None, kategori: str, fmt: Fmt) -> str:
    """'38,62\\n(Efisien)', or '-' when there is no value."""
    return f"{fmt.num(v)}\n({kategori})" if v is not None else "-"


def efisiensi_sel(kinerja: Decimal | None, serapan: Decimal | None, metode: str, kategori: str,
                  fmt: Fmt) -> tuple[str, str]:
    """(value, value with category) of an efficiency cell. Nothing measured and nothing spent reads
    'Belum dilaksanakan' (core category), not '0,00 (Tidak Efisien)'."""
    if kategori == BELUM_DILAKSANAKAN:
        return "", kategori
    v = efisiensi_tampil(kinerja, serapan, metode, fmt)
    return fmt.num(v), dengan_kategori(v, kategori, fmt)


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
        # a Camat or Kepala OPD signs alone: no Mengetahui block, no pihak kedua, no atasan's response
        "ada_atasan": bool(teks(idn.jabatan_atasan) or teks(idn.nama_atasan)),
    }


def judul_pk(lap: Laporan) -> str:
    return "Perubahan Perjanjian Kinerja" if lap.identitas.pk_perubahan else "Perjanjian Kinerja"


def perjanjian(lap: Laporan, hasil: Hasil) -> dict:
    """The PK: its title, the sentence that introduces it and whether it is attached (Lampiran I:
    Pengaturan 'Lampiran Perjanjian Kinerja'; 'Otomatis' attaches it when the PK date is filled, so a
    final report never prints undated PK signatures)."""
    idn, judul = lap.identitas, judul_pk(lap)
    jabatan, atasan = teks(idn.jabatan), teks(idn.jabatan_atasan)
    tahun = str(idn.tahun or "")
    pihak = f"yang ditandatangani antara {jabatan} dengan {atasan}" if atasan else f"{jabatan}"
    pilihan = lap.pengaturan.lampiran_pk
    lampiran = bool(hasil.indikator) and (pilihan == "Ya" or (pilihan != "Tidak" and idn.tanggal_pk is not None))
    return {
        "judul_pk": judul,
        "judul_pk_kapital": judul.upper(),
        "kalimat_pk": f"{judul} Tahun {tahun} {pihak} adalah sebagai berikut:",
        "ada_lampiran_pk": lampiran,
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
            **dict(zip(("efisiensi", "efisiensi_teks"),
                       efisiensi_sel(s.capaian, s.serapan, hasil.metode_efisiensi, s.kategori, fmt))),
            "kategori": s.kategori,
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
