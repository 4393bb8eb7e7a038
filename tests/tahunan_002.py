"""Seed 002 (LKj Badan Kepegawaian Daerah Kabupaten Lumajang 2023) as an annual workbook: the Indeks
Profesionalitas ASN, a composite of four sub-indices (`002:489` = line 489 of
../shared/seeds/002_8058dbf33ab5a7d6.txt). Used until contoh/ has its transcription."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from lkj_xl.workbook.template import new_workbook

IDENTITAS = {
    "pemerintah": "Kabupaten Lumajang", "perangkat_daerah": "Badan Kepegawaian Daerah",      # 002:13-16
    "unit": "Badan Kepegawaian Daerah", "alamat": "Jl. Ahmad Yani No.25 Lumajang",          # 002:18
    "telepon": "(0334) 893193/ 881590",                                                     # 002:20
    "jabatan": "Kepala Badan Kepegawaian Daerah", "eselon": "II.b",                         # 002:32
    "nama": "AKHMAD TAUFIK HIDAYAT, S.H., M.Hum.", "nip": "196607101992031007",             # 002:36-37
    "jabatan_atasan": "Bupati Lumajang", "nama_atasan": "Bupati Lumajang",                  # 002:570
    "nip_atasan": "196001011980031001", "tahun": 2023, "periode": "Tahunan", "tempat": "Lumajang",           # 002:30
    "tanggal": dt.date(2024, 1, 15),                                                        # "Januari 2024", 002:30
    "renstra_awal": 2018, "renstra_akhir": 2023,                                            # 002:179
}
S = "Meningkatnya Profesionalitas ASN"                                                       # 002:489
PK = [{"kode_sasaran": "S1", "sasaran": S, "kode": "IP", "indikator": "Indeks Profesionalitas ASN",
       "satuan": "indeks", "polaritas": "Positif", "target": 66.75, "jenis": "IKU", "aturan_sub": "Jumlah",
       "formula": "IP = Σ IPi = IP1 + IP2 + IP3 + IP4"}]                                     # 002:489, 543-545
CAPAIAN = [{"kode": "IP"}]
# 002:490-493 (target, realisasi); the realisasi are the results of 002:501-537.
SUB = [{"kode_induk": "IP", "kode": f"IP{i}", "uraian": u, "satuan": "indeks", "target": t, "realisasi": r}
       for i, (u, t, r) in enumerate((("Indeks Kualifikasi Pendidikan ASN", 13.00, 12.38),
                                      ("Indeks Kinerja ASN", 26.00, 25.44),
                                      ("Indeks Disiplin ASN", 4.99, 4.99),
                                      ("Indeks Kompetensi ASN", 22.76, 24.09)), start=1)]
ANGGARAN = [   # 002:573-575
    {"kode": "1", "level": "Program", "uraian": "Program Badan Kepegawaian Daerah", "kode_sasaran": "S1",
     "pagu": 551096760, "real_tw4": 532945599},
    {"kode": "2", "level": "Program", "uraian": "Program Pengembangan Sumber Daya Manusia", "kode_sasaran": "S1",
     "pagu": 704749750, "real_tw4": 658141086},
    {"kode": "3", "level": "Program", "uraian": "Program Penunjang Urusan Pemerintah", "kode_sasaran": "S1",
     "pagu": 5926358457, "real_tw4": 5898679150},
]
CATATAN = [{"jenis": "Kendala", "uraian": "Kualifikasi pendidikan yang dimiliki ASN masih perlu ditingkatkan"},  # 002:555
           {"jenis": "Rekomendasi", "uraian": "Melaksanakan ujian dinas, tugas belajar dan izin belajar"}]      # 002:562


def tulis(path: Path) -> Path:
    wb = new_workbook(dict(IDENTITAS), pk=PK, capaian=CAPAIAN, sub_indikator=SUB, anggaran=ANGGARAN,
                      catatan=CATATAN, tugas=[{"no": 1, "uraian": "Melaksanakan manajemen ASN"}])
    wb.save(path)
    return path
