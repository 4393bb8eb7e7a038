"""Seed 004 (LKjIP Bagian Organisasi Kabupaten Jember 2024) as an annual workbook, for the report tests
until contoh/ has its transcription. Every value cites its seed line (`004:587` = line 587 of
../shared/seeds/004_a97bfd98f469d2ca.txt). Where the seed contradicts itself the value is the one its
arithmetic supports, and the comment says which line it is taken from.
"""
from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from lkj_xl.core import layout as L
from lkj_xl.workbook.template import fill_table, new_workbook

IDENTITAS = {
    "pemerintah": "Kabupaten Jember",                                    # 004:5-7
    "perangkat_daerah": "Sekretariat Daerah",                            # 004:165
    "unit": "Bagian Organisasi",                                         # 004:7
    "alamat": "Jl. Sudarman No.1 Jember",                                # 004:226
    "telepon": "bag.organisasi@jemberkab.go.id",                         # 004:16
    "jabatan": "Kepala Bagian Organisasi",                               # 004:36
    "eselon": "III.a",
    "nama": "Agustin Eka Wahyuni, S.STP, M.Si",                          # 004:40
    "nip": "198408302002122002",                                         # 004:42
    "pangkat": "Penata Tingkat I",                                       # 004:41
    "jabatan_atasan": "Asisten Administrasi Umum",                       # 004:191
    "nama_atasan": "Nama Asisten Administrasi Umum",                     # not in the seed
    "nip_atasan": "197001011990031001",                                  # not in the seed
    "tahun": 2024,                                                       # 004:11
    "periode": "Tahunan",
    "tempat": "Jember",                                                  # 004:34
    "tanggal": dt.date(2025, 1, 6),                                      # 004:34
    "tanggal_pk": dt.date(2024, 1, 31),                                  # not in the seed
    "dasar_pelaporan": ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 "
                        "Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara "
                        "Reviu Atas Laporan Kinerja Instansi Pemerintah"),   # 004:28
    "dasar_tugas": ("Peraturan Bupati Jember Nomor 44 Tahun 2023 tentang Kedudukan Susunan Organisasi Tugas "
                    "Fungsi dan Tata Kerja Sekretariat Daerah Kabupaten Jember"),   # 004:165
    "renstra_awal": 2021, "renstra_akhir": 2026,                         # 004:330
    "dasar_renstra": ("Peraturan Bupati Jember Nomor 41 Tahun 2023 tentang Perubahan Atas Peraturan Bupati "
                      "Jember Nomor 99 Tahun 2021 tentang Rencana Strategis Perangkat Daerah Kabupaten Jember "
                      "Tahun 2021-2026"),                                # 004:300
}

TUGAS = [{"no": 1, "uraian": "Penyiapan bahan perumusan kebijakan daerah di bidang kelembagaan dan analisis jabatan, "
                             "pelayanan publik dan tata laksana serta kinerja dan reformasi birokrasi"},   # 004:195
         {"no": 2, "uraian": "Penyusunan laporan pertanggungjawaban atas pelaksanaan tugas"}]            # 004:200

S1 = "Peningkatan Kualitas Kinerja Organisasi Perangkat Daerah"                         # 004:500
S2 = "Peningkatan Kualitas Perencanaan, penganggaran dan Evaluasi Kinerja Pada Bagian Organisasi"  # 004:505
S3 = "Peningkatan Kualitas Administrasi Keuangan Pada Bagian Organisasi"                # 004:506
S4 = "Peningkatan Kualitas Administrasi Umum Pada Bagian Organisasi"                    # 004:507
S5 = "Peningkatan Kualitas Pemeliharaan BMD Pada Bagian Organisasi"                     # 004:508

# Tabel 3.2 (004:498-508): sasaran order, targets; IK1 is the IKU (004:359), the rest pendukung (004:369).
PK = [
    {"kode_sasaran": "S1", "tingkat": "Strategis", "sasaran": S1, "kode": "IK1",
     "indikator": "Persentase capaian penataan Kelembagaan, akuntabilitas kinerja, dan reformasi birokrasi yang "
                  "terfasilitasi", "satuan": "%", "polaritas": "Positif", "target": 100, "jenis": "IKU",
     "formula": "Rata-rata capaian kinerja penataan kelembagaan, akuntabilitas kinerja dan reformasi birokrasi",
     "sumber_data": "Data Bagian Organisasi", "penanggung_jawab": "Kepala Bagian Organisasi",
     "aturan_sub": "Rata-rata"},                                                         # 004:359, 518-525
    {"kode_sasaran": "S1", "sasaran": "", "kode": "IK2", "indikator": "Nilai Evaluasi SAKIP Aspek Pelaporan",
     "satuan": "nilai", "polaritas": "Positif", "target": 12, "jenis": "Pendukung"},     # 004:388, 501
    {"kode_sasaran": "S2", "sasaran": S2, "kode": "IK3",
     "indikator": "Persentase Dokumen Perencanaan, Penganggaran, dan Evaluasi yang Tersusun", "satuan": "%",
     "polaritas": "Positif", "target": 100, "jenis": "Pendukung",
     "formula": "Jumlah dokumen perencanaan yang tersusun / jumlah yang seharusnya tersusun × 100%",  # 004:373
     "sumber_data": "Data Keuangan Dan Perencanaan Bagian Organisasi", "penanggung_jawab": "KPA PPTK PPK-SKPD"},
    {"kode_sasaran": "S3", "sasaran": S3, "kode": "IK4", "indikator": "Persentase administrasi keuangan yang terkelola",
     "satuan": "%", "polaritas": "Positif", "target": 100, "jenis": "Pendukung"},        # 004:506
    {"kode_sasaran": "S4", "sasaran": S4, "kode": "IK5", "indikator": "Persentase administrasi umum yang terkelola",
     "satuan": "%", "polaritas": "Positif", "target": 100, "jenis": "Pendukung"},        # 004:507
    {"kode_sasaran": "S5", "sasaran": S5, "kode": "IK6", "indikator": "Persentase BMD yang terpelihara",
     "satuan": "%", "polaritas": "Positif", "target": 100, "jenis": "Pendukung"},        # 004:508
]

# Realisasi 2024 (004:500-508); IK1 comes from its four sub-indicators.
CAPAIAN = [{"kode": "IK1"}, {"kode": "IK2", "real_tw4": 10.54}, {"kode": "IK3", "real_tw4": 100},
           {"kode": "IK4", "real_tw4": 100}, {"kode": "IK5", "real_tw4": 80}, {"kode": "IK6", "real_tw4": 100}]

# 004:520-523 (realisasi); each is a percentage against 100 % (the seed averages them as capaian, 004:525).
SUB = [
    {"kode_induk": "IK1", "kode": "IK1.a", "uraian": "Persentase hasil monev kelembagaan yang ditindaklanjuti",
     "satuan": "%", "target": 100, "realisasi": 100},
    {"kode_induk": "IK1", "kode": "IK1.b", "uraian": "Persentase LKIP PD yang tersusun sesuai ketentuan",
     "satuan": "%", "target": 100, "realisasi": 98},
    {"kode_induk": "IK1", "kode": "IK1.c", "uraian": "Persentase ANJAB dan ABK PD sesuai pedoman",
     "satuan": "%", "target": 100, "realisasi": 100},
    {"kode_induk": "IK1", "kode": "IK1.d", "uraian": "Persentase PD yang menerapkan standar pelayanan sesuai pedoman",
     "satuan": "%", "target": 100, "realisasi": 100},
]


def _a(kode, level, uraian, pagu, real, sasaran=""):
    return {"kode": kode, "level": level, "uraian": uraian, "kode_sasaran": sasaran, "pagu": pagu, "real_tw4": real}


# Tabel 3.8 (004:955-971). Sub kegiatan 1.5.2 realised 467.192.970 (004:804; 004:970 drops a digit);
# the 32.030.500 is on Bahan Logistik as in Tabel 3.8 (004:964), Belanja Modal realised 0 (004:949).
ANGGARAN = [
    _a("1", "Program", "Program penunjang urusan pemerintahan Daerah Kabupaten / Kota", 2636500000, 1184303703),
    _a("1.1", "Kegiatan", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", 15548300, 5068000, "S2"),
    _a("1.1.1", "Sub Kegiatan", "Koordinasi dan Penyusunan Dokumen RKA-SKPD", 8384700, 2540000),
    _a("1.1.2", "Sub Kegiatan", "Koordinasi dan Penyusunan Dokumen Perubahan RKA-SKPD", 7163600, 2528000),
    _a("1.2", "Kegiatan", "Administrasi Keuangan Perangkat Daerah", 356391000, 297151800, "S3"),
    _a("1.2.1", "Sub Kegiatan", "Penyediaan Administrasi Pelaksanaan Tugas ASN", 356391000, 297151800),
    _a("1.3", "Kegiatan", "Administrasi Umum Perangkat Daerah", 285051600, 32030500, "S4"),
    _a("1.3.1", "Sub Kegiatan", "Penyediaan Bahan Logistik Kantor", 106132000, 32030500),
    _a("1.3.2", "Sub Kegiatan", "Penyediaan Peralatan dan Perlengkapan Kantor", 178919600, 0),
    _a("1.4", "Kegiatan", "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah", 30632900,
       29405384, "S5"),
    _a("1.4.1", "Sub Kegiatan", "Pemeliharaan Peralatan dan Mesin Lainnya", 30632900, 29405384),
    _a("1.5", "Kegiatan", "Penataan Organisasi", 1948876200, 820648019, "S1"),
    _a("1.5.1", "Sub Kegiatan", "Pengelolaan Kelembagaan dan Analisis Jabatan", 487277800, 232522416),
    _a("1.5.2", "Sub Kegiatan", "Fasilitasi Pelayanan Publik dan Tata Laksana", 953594400, 467192970),
    _a("1.5.3", "Sub Kegiatan", "Peningkatan Kinerja dan Reformasi Birokrasi", 508004000, 120932633),
]

# Tabel 3.3 (004:703-709): realisasi 2021, 2022, 2023.
RIWAYAT = [{"kode": k, "tahun": y, "realisasi": v}
           for k, values in (("IK1", (70, 96, 96)), ("IK2", (10.37, 10.61, 10.37)), ("IK3", (100, 100, 100)),
                             ("IK4", (100, 100, 100)), ("IK5", (100, 100, 100)), ("IK6", (100, 100, 100)))
           for y, v in zip((2021, 2022, 2023), values)]

# Tabel 2.1 "sesudah perubahan" (004:345-349): targets 2023-2026 = 100 %; SAKIP (IK2) is not in the Renstra (004:501).
RENSTRA = [{"kode": k, "versi": "Perubahan", "target_3": 100, "target_4": 100, "target_5": 100, "target_6": 100}
           for k in ("IK1", "IK3", "IK4", "IK5", "IK6")]

PENDUKUNG = ("kebijakan internal pembagian tugas melalui penerapan sistem kerja baru, dimana seluruh personil "
             "dilibatkan secara proporsional dalam penyelesaian target kinerja")                 # 004:904
ANALISIS = [
    {"kode": "IK1", "pendukung": PENDUKUNG,
     "penghambat": "kurang optimalnya data / pemetaan kualitas penataan organisasi",          # 004:908
     "upaya": "meningkatkan pendampingan penyusunan LKIP-PD dengan verifikasi dua tahap",     # 004:911
     "rencana": "meningkatkan koordinasi tim Kabupaten dan kompetensi SDM secara merata"},    # 004:915
    {"kode": "IK3", "pendukung": PENDUKUNG},                                                  # 004:921
    {"kode": "IK5", "penghambat": "kurang optimalnya pengendalian dalam perencanaan anggaran dan tingginya "
                                  "harga barang melebihi proyeksi",                              # 004:933
     "rencana": "mitigasi resiko dengan mengkoordinasikan kendala teknis pada saat penyusunan "
                "perencanaan anggaran"},                                                       # 004:934
]

CATATAN = [
    {"jenis": "Kendala", "uraian": "kurang optimalnya data / pemetaan kualitas penataan organisasi"},      # 004:1037
    {"jenis": "Kendala", "uraian": "kurangnya sinergi antar perangkat daerah terkait dalam mencapai kinerja "
                                   "strategis Kabupaten"},                                               # 004:1038
    {"jenis": "Rekomendasi", "uraian": "Memperbaiki pemantauan data kualitas penataan organisasi"},        # 004:1050
    {"jenis": "Rekomendasi", "uraian": "Meningkatkan koordinasi tim Kabupaten"},                           # 004:1051
    {"jenis": "Rekomendasi", "uraian": "Mengkoordinasikan penambahan personil melalui BKPSDM"},            # 004:1052
    {"jenis": "Rekomendasi", "uraian": "Melaksanakan mitigasi resiko terkait perencanaan anggaran dan "
                                       "pengadaan"},                                                     # 004:1053
    {"jenis": "Penghargaan", "uraian": "Indeks Pelayanan Publik 4,62 kategori A (Pelayanan Prima) dari "
                                       "Kementerian PANRB"},                                             # 004:134
    {"jenis": "Penghargaan", "uraian": "Nilai kepatuhan pelayanan publik 98,15 zona hijau dari Ombudsman RI"},  # 004:136
]

# Tabel 1.1 (004:211-218).
SDM = [
    {"jabatan": "Jabatan Administrasi"},
    {"jabatan": "Administrator", "kebutuhan_s1": 1, "bezetting_s2": 1, "perempuan": 1},
    {"jabatan": "Pelaksana", "kebutuhan_sd": 1, "kebutuhan_sma": 4, "kebutuhan_d3": 1, "kebutuhan_s1": 7,
     "bezetting_sma": 1, "bezetting_s1": 3, "laki": 2, "perempuan": 2},
    {"jabatan": "Jabatan Fungsional", "kebutuhan_s1": 11, "bezetting_s1": 2, "bezetting_s2": 1, "laki": 1,
     "perempuan": 2},
    {"jabatan": "Non ASN", "bezetting_sma": 1, "bezetting_s1": 3, "laki": 2, "perempuan": 2},
]

# Tabel 1.2 (004:237-249), the first rows.
SARANA = [{"uraian": "Mobil", "jumlah": 1, "satuan": "unit", "kondisi": "Baik"},
          {"uraian": "Sepeda Motor", "jumlah": 5, "satuan": "unit", "kondisi": "Baik: 4, Rusak Berat: 1"},
          {"uraian": "Komputer Notebook", "jumlah": 6, "satuan": "unit", "kondisi": "Baik"}]

TABLES = {"tugas": TUGAS, "pk": PK, "capaian": CAPAIAN, "anggaran": ANGGARAN, "sub_indikator": SUB,
          "riwayat": RIWAYAT, "renstra": RENSTRA, "analisis": ANALISIS, "catatan": CATATAN, "sdm": SDM,
          "sarana": SARANA}
SKALA_004 = [(90, "Sangat Tinggi"), (76, "Tinggi"), (66, "Sedang"), (51, "Rendah"), (0, "Sangat Rendah")]  # 004:471-475


def data() -> dict:
    return {"identitas": dict(IDENTITAS), **copy.deepcopy(TABLES)}


def tulis(path: Path, d: dict | None = None, edit=None) -> Path:
    d = d or data()
    wb = new_workbook(d.pop("identitas"), **d)
    fill_table(wb[L.PREDIKAT.name], L.PREDIKAT, [{"batas_bawah": b, "predikat": n} for b, n in SKALA_004])
    if edit:
        edit(wb)
    wb.save(path)
    return path
