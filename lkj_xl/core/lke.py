"""Self-check of an annual report against what the evaluators score: the nine criteria of LKE component
3.b "kualitas Laporan Kinerja" (PermenPANRB 88/2021; annual.md §1), before the report is signed.

Each criterion is Terpenuhi / Sebagian / Belum, with the reason in numbers ("2 dari 6 indikator tanpa
realisasi tahun lalu") and the sheet to fill. The judgement is made from the same model and results
the report is written from, so "Terpenuhi" means the document will carry that comparison with its
numbers and its sentence. Pure: no files, no Excel, no Word.
"""
from __future__ import annotations

from dataclasses import dataclass

from .formatting import jumlah_kata
from .model import Laporan
from .performance import TIDAK_DAPAT_DIHITUNG, Hasil

TERPENUHI, SEBAGIAN, BELUM = "Terpenuhi", "Sebagian", "Belum"
KOMPONEN = "LKE 3.b"


@dataclass(frozen=True)
class Kriteria:
    nomor: int
    nama: str
    status: str
    alasan: str
    sheet: str = ""            # where to act ('' when nothing is to be done)
    saran: str = ""

    @property
    def kode(self) -> str:
        return f"lke-3b-{self.nomor}"

    def baris(self) -> str:
        """'Perbandingan dengan tahun sebelumnya: Sebagian — 2 dari 6 indikator … — isi sheet Riwayat'."""
        s = f"{self.nama}: {self.status} — {self.alasan}"
        return s + (f" — {self.saran}" if self.saran else "")


def _bagian(n_ada: int, n: int) -> str:
    if n == 0 or n_ada == 0:
        return BELUM
    return TERPENUHI if n_ada == n else SEBAGIAN


def _daftar(kodes: list[str], batas: int = 6) -> str:
    kodes = list(dict.fromkeys(kodes))          # one indicator typed twice is named once
    shown = ", ".join(kodes[:batas])
    return shown + (f" dan {len(kodes) - batas} lainnya" if len(kodes) > batas else "")


def _per_indikator(nomor: int, nama: str, n: int, apa: str, tanpa: list[str], sheet: str,
                   saran: str) -> Kriteria:
    """A criterion counted over indicators: `tanpa` = the codes lacking `apa` ('realisasi tahun lalu')."""
    status = _bagian(n - len(tanpa), n)
    if status == TERPENUHI:
        return Kriteria(nomor, nama, status, f"{jumlah_kata(n)} indikator punya {apa}")
    return Kriteria(nomor, nama, status, f"{len(tanpa)} dari {n} indikator tanpa {apa} ({_daftar(tanpa)})",
                    sheet, saran)


def periksa(lap: Laporan, hasil: Hasil) -> list[Kriteria]:
    """The nine 3.b criteria, in the LKE's order."""
    ind = hasil.indikator
    n = len(ind)
    tah = hasil.tahunan
    per = tah.by_kode() if tah is not None else {}
    out: list[Kriteria] = []

    # 1. standard outline: the chapters are fixed; the parts that need data are named
    kosong = [(nama, sheet) for nama, sheet, ada in (
        ("tugas dan fungsi (BAB I)", "Tugas", bool(lap.tugas)),
        ("Rencana Strategis (BAB II A)", "Renstra", bool(lap.tahunan.renstra)),
        ("anggaran (BAB I F, BAB III F)", "Anggaran", bool(lap.anggaran)),
    ) if not ada]
    if not n:
        out.append(Kriteria(1, "Sistematika sesuai PermenPANRB 53/2014", BELUM,
                            "sheet PK belum berisi indikator", "PK", "isi Perjanjian Kinerja di sheet PK"))
    elif kosong:
        out.append(Kriteria(1, "Sistematika sesuai PermenPANRB 53/2014", SEBAGIAN,
                            "bagian tanpa data: " + "; ".join(k for k, _ in kosong), ", ".join(s for _, s in kosong),
                            "isi sheet " + ", ".join(s for _, s in kosong)))
    else:
        out.append(Kriteria(1, "Sistematika sesuai PermenPANRB 53/2014", TERPENUHI,
                            "BAB I–IV dan Ikhtisar Eksekutif lengkap dengan datanya"))

    # 2-3. all performance information; realisasi vs the annual target
    tanpa = [h.indikator.kode for h in ind if h.capaian is None]
    out.append(_per_indikator(2, "Informasi kinerja diungkap seluruhnya", n, "target, realisasi dan capaian",
                              tanpa, "Capaian", "isi target di sheet PK dan realisasi s.d. TW IV di sheet Capaian"))
    out.append(_per_indikator(3, "Perbandingan realisasi dengan target tahunan", n, "capaian terhadap target",
                              tanpa, "Capaian", "isi realisasi s.d. TW IV di sheet Capaian"))

    # 4. Renstra end target
    tanpa = [h.indikator.kode for h in ind if per.get(h.indikator.kode) is None
             or per[h.indikator.kode].capaian_renstra is None]
    out.append(_per_indikator(4, "Perbandingan dengan target jangka menengah (Renstra)", n, "target akhir Renstra",
                              tanpa, "Renstra", "isi sheet Renstra (target per tahun dan target akhir) dan Tahun "
                              "Awal/Akhir Renstra di sheet Identitas"))

    # 5. previous years
    tanpa = [h.indikator.kode for h in ind if per.get(h.indikator.kode) is None or per[h.indikator.kode].lalu is None]
    out.append(_per_indikator(5, "Perbandingan dengan tahun sebelumnya", n, "realisasi tahun lalu", tanpa,
                              "Riwayat", "isi sheet Riwayat"))

    # 6. benchmark: none at all is stated explicitly by the report, which evaluators count as partial
    ada = [h for h in ind if per.get(h.indikator.kode) is not None
           and any(b.nilai.angka is not None for b in per[h.indikator.kode].pembanding)]
    tanpa = [h.indikator.kode for h in ind if h not in ada]
    if n and not ada:
        out.append(Kriteria(6, "Perbandingan dengan pembanding nasional/provinsi/kabupaten", SEBAGIAN,
                            "tidak ada data pembanding; laporan menyatakan 'tidak ada data pembanding'", "Pembanding",
                            "isi sheet Pembanding bila ada data nasional, provinsi atau kabupaten"))
    else:
        out.append(_per_indikator(6, "Perbandingan dengan pembanding nasional/provinsi/kabupaten", n,
                                  "data pembanding", tanpa, "Pembanding",
                                  "isi sheet Pembanding (nilai, tingkat, tahun, sumber)"))

    # 7. causes of success/failure and the efforts: every indicator a cause; an unachieved one also an effort
    def lengkap(h) -> bool:
        x = per.get(h.indikator.kode)
        a = x.analisis if x is not None else None
        if a is None or not (a.pendukung.strip() or a.penghambat.strip()):
            return False
        return h.tercapai is not False or bool(a.upaya.strip() or a.rencana.strip())
    tanpa = [h.indikator.kode for h in ind if not lengkap(h)]
    out.append(_per_indikator(7, "Analisis penyebab keberhasilan/kegagalan dan upaya", n,
                              "analisis penyebab (dan upaya bila belum tercapai)", tanpa, "Analisis",
                              "isi Faktor Pendukung/Penghambat dan Upaya/Solusi di sheet Analisis"))

    # 8. efficiency per sasaran
    ns = len(hasil.sasaran)
    tanpa = [s.kode for s in hasil.sasaran if s.efisiensi is None and s.kategori in ("", TIDAK_DAPAT_DIHITUNG)]
    status = _bagian(ns - len(tanpa), ns)
    if status == TERPENUHI:
        out.append(Kriteria(8, "Efisiensi penggunaan sumber daya", status,
                            f"{jumlah_kata(ns)} sasaran punya capaian kinerja dan serapan anggaran"))
    else:
        out.append(Kriteria(8, "Efisiensi penggunaan sumber daya", status,
                            f"{len(tanpa)} dari {ns} sasaran tanpa serapan anggaran yang terhubung ({_daftar(tanpa)})",
                            "Anggaran", "isi Kode Sasaran (atau Kode Indikator) di sheet Anggaran"))

    # 9. recommendations
    rek = lap.tahunan.catatan_jenis("Rekomendasi")
    if rek:
        out.append(Kriteria(9, "Rekomendasi perbaikan", TERPENUHI, f"{jumlah_kata(len(rek))} rekomendasi bernomor"))
    else:
        out.append(Kriteria(9, "Rekomendasi perbaikan", BELUM, "belum ada rekomendasi", "Catatan",
                            "isi sheet Catatan dengan Jenis 'Rekomendasi'"))
    return out


def ringkas(kriteria: list[Kriteria]) -> str:
    """'7 Terpenuhi, 2 Sebagian, 0 Belum'."""
    return ", ".join(f"{sum(k.status == s for k in kriteria)} {s}" for s in (TERPENUHI, SEBAGIAN, BELUM))


def berlaku(lap: Laporan) -> bool:
    """The check is about the annual report: Periode Tahunan."""
    return lap.identitas.periode.lower().startswith("tahun")
