"""Annual workbooks typed from the seeds, for the annual-engine tests (each input cites its seed line).

Seed 004 = Bagian Organisasi Setda Jember, LKjIP 2024; seed 002 = BKD Lumajang, LKjIP 2023.
Only inputs are typed; every figure the tests assert is computed by lkj_xl.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from lkj_xl.workbook.template import new_workbook

IDENTITAS = dict(pemerintah="Kabupaten Jember", perangkat_daerah="Sekretariat Daerah", unit="Bagian Organisasi",
                 jabatan="Kepala Bagian Organisasi", nama="NAMA KEPALA BAGIAN", nip="197001012000031001",
                 jabatan_atasan="Sekretaris Daerah", nama_atasan="NAMA SEKDA", nip_atasan="196801011990031002",
                 tahun=2024, periode="Tahunan", tempat="Jember", tanggal=dt.date(2025, 2, 20),
                 renstra_awal=2021, renstra_akhir=2026)     # 004:326-333 Renstra 2021-2026

S1 = "Peningkatan Kualitas Kinerja Organisasi Perangkat Daerah"
S2 = "Peningkatan Kualitas Perencanaan, penganggaran dan Evaluasi Kinerja Pada Bagian Organisasi"
S3 = "Peningkatan Kualitas Administrasi Keuangan Pada Bagian Organisasi"
S4 = "Peningkatan Kualitas Administrasi Umum Pada Bagian Organisasi"
S5 = "Peningkatan Kualitas Pemeliharaan BMD Pada Bagian Organisasi"


def _pk(kode_sasaran, sasaran, kode, indikator, satuan, target, **kw):
    return dict(kode_sasaran=kode_sasaran, sasaran=sasaran, kode=kode, indikator=indikator, satuan=satuan,
                polaritas="Positif", target=target, **kw)


def seed004() -> dict:
    """Tabel 3.2 (004:498-508): sasaran, indicators, target 2024 and realisasi 2024."""
    pk = [
        _pk("S1", S1, "IK1.1", "Persentase capaian penataan Kelembagaan, akuntabilitas kinerja, dan reformasi "
            "birokrasi yang terfasilitasi", "%", 100, jenis="IKU", aturan_sub="Rata-rata"),    # 004:500
        _pk("S1", None, "IK1.2", "Nilai Evaluasi SAKIP Aspek Pelaporan", "nilai", 12, jenis="Pendukung"),  # 004:501
        _pk("S2", S2, "IK2", "Persentase Dokumen Perencanaan, Penganggaran, dan Evaluasi yang Tersusun", "%", 100),  # 004:505
        _pk("S3", S3, "IK3", "Persentase administrasi keuangan yang terkelola", "%", 100),       # 004:506
        _pk("S4", S4, "IK4", "Persentase administrasi umum yang terkelola", "%", 100),           # 004:507
        _pk("S5", S5, "IK5", "Persentase BMD yang terpelihara", "%", 100),                       # 004:508
    ]
    capaian = [  # realisasi 2024 = s.d. TW IV (004:500-508); IK1.1 comes from its sub-indicators
        dict(kode="IK1.2", real_tw4=10.54), dict(kode="IK2", real_tw4=100), dict(kode="IK3", real_tw4=100),
        dict(kode="IK4", real_tw4=80), dict(kode="IK5", real_tw4=100)]
    sub = [  # 004:520-523, each against the indicator's 100 % (004:500)
        dict(kode_induk="IK1.1", kode="IK1.1.a", uraian="Persentase hasil monev kelembagaan yang ditindaklanjuti",
             satuan="%", target=100, realisasi=100),
        dict(kode_induk="IK1.1", kode="IK1.1.b", uraian="Persentase LKIP PD yang tersusun sesuai ketentuan",
             satuan="%", target=100, realisasi=98),
        dict(kode_induk="IK1.1", kode="IK1.1.c", uraian="Persentase ANJAB dan ABK PD sesuai pedoman",
             satuan="%", target=100, realisasi=100),
        dict(kode_induk="IK1.1", kode="IK1.1.d", uraian="Persentase PD yang menerapkan standar pelayanan sesuai "
             "pedoman", satuan="%", target=100, realisasi=100),
    ]
    # Renstra "sesudah perubahan" (004:345-349): 100 % for 2023..2026 = Target Tahun ke-3..ke-6
    renstra = [dict(kode=k, versi="Perubahan", target_3=100, target_4=100, target_5=100, target_6=100)
               for k in ("IK1.1", "IK2", "IK3", "IK4", "IK5")]
    riwayat = []  # Tabel 3.3 (004:703-709), 2021..2023
    for kode, values in (("IK1.1", (70, 96, 96)), ("IK1.2", (10.37, 10.61, 10.37)), ("IK2", (100, 100, 100)),
                         ("IK3", (100, 100, 100)), ("IK4", (100, 100, 100)), ("IK5", (100, 100, 100))):
        riwayat += [dict(kode=kode, tahun=2021 + i, realisasi=v) for i, v in enumerate(values)]
    return dict(identitas=IDENTITAS, pk=pk, capaian=capaian, sub_indikator=sub, renstra=renstra, riwayat=riwayat,
                anggaran=anggaran004())


def _line(kode, level, uraian, pagu, real, **kw):
    return dict(kode=kode, level=level, uraian=uraian, pagu=pagu, real_tw4=real, **kw)


def anggaran004() -> list[dict]:
    """Tabel 3.8 (004:955-971), with the sub kegiatan 1.5.2 realisasi 467.192.970: the seed's 46.192.970
    (004:970) drops a digit — its kegiatan 820.648.019 (004:968) is the sum only with 467.192.970."""
    return [
        _line("1", "Program", "Program penunjang urusan pemerintahan Daerah Kabupaten / Kota",
              2636500000, 1184303703),                                                           # 004:955
        _line("1.1", "Kegiatan", "Perencanaan Penganggaran dan Evaluasi Kinerja Perangkat daerah",
              15548300, 5068000, kode_sasaran="S2"),                                             # 004:956
        _line("1.1.1", "Sub Kegiatan", "Koordinasi dan Penyusunan Dokumen RKA-SKPD", 8384700, 2540000),          # 004:957
        _line("1.1.2", "Sub Kegiatan", "Koordinasi dan Penyusunan Dokumen Perubahan RKA-SKPD", 7163600, 2528000),  # 004:958
        _line("1.2", "Kegiatan", "Administrasi Keuangan Perangkat daerah", 356391000, 297151800,
              kode_sasaran="S3"),                                                                # 004:959
        _line("1.2.1", "Sub Kegiatan", "Penyediaan Administrasi Pelaksanaan Tugas ASN", 356391000, 297151800),   # 004:960
        _line("1.3", "Kegiatan", "Administrasi Umum Perangkat daerah", 285051600, 32030500, kode_sasaran="S4"),  # 004:963
        _line("1.3.1", "Sub Kegiatan", "Penyediaan Bahan Logistik Kantor", 106132000, 32030500),                 # 004:964
        _line("1.3.2", "Sub Kegiatan", "Penyediaan Peralatan dan Perlengkapan Kantor", 178919600, 0),            # 004:965
        _line("1.4", "Kegiatan", "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
              30632900, 29405384, kode_sasaran="S5"),                                            # 004:966
        _line("1.4.1", "Sub Kegiatan", "Pemeliharaan Peralatan dan Mesin Lainnya", 30632900, 29405384),          # 004:967
        _line("1.5", "Kegiatan", "Penataan Organisasi", 1948876200, 820648019, kode_sasaran="S1"),             # 004:968, 004:754
        _line("1.5.1", "Sub Kegiatan", "Pengelolaan Kelembagaan dan Analisis Jabatan", 487277800, 232522416),    # 004:969
        _line("1.5.2", "Sub Kegiatan", "Fasilitasi Pelayanan Publik dan Tata Laksana", 953594400, 467192970),    # 004:970 (corrected)
        _line("1.5.3", "Sub Kegiatan", "Peningkatan Kinerja dan Reformasi Birokrasi", 508004000, 120932633),     # 004:971
    ]


def seed002(kompetensi=24.09, typed_total=None, basis_kinerja=5845) -> dict:
    """Indeks Profesionalitas ASN = the sum of four sub-indices (002:489-493, 002:543-545)."""
    ident = dict(IDENTITAS, pemerintah="Kabupaten Lumajang", perangkat_daerah="Badan Kepegawaian Daerah",
                 unit="Badan Kepegawaian Daerah", jabatan="Kepala Badan Kepegawaian Daerah", tahun=2023,
                 tanggal=dt.date(2024, 2, 20), tempat="Lumajang", renstra_awal=2018, renstra_akhir=2023)
    pk = [_pk("S1", "Meningkatnya Profesionalitas ASN", "IK1", "Indeks Profesionalitas ASN", "indeks", 66.75,
              jenis="IKU", aturan_sub="Jumlah")]                                                  # 002:489
    sub = [
        dict(kode_induk="IK1", kode="IP1", uraian="Indeks kualifikasi pendidikan ASN", target=13.00,
             realisasi=12.38, basis=5508),                                                       # 002:490, 002:501-503
        dict(kode_induk="IK1", kode="IP2", uraian="Indeks Kinerja ASN", target=26.00, realisasi=25.44,
             basis=basis_kinerja),                                                               # 002:491, 002:511-513
        dict(kode_induk="IK1", kode="IP3", uraian="Indeks Disiplin ASN", target=4.99, realisasi=4.99,
             basis=5508),                                                                        # 002:492, 002:521-523
        dict(kode_induk="IK1", kode="IP4", uraian="Indeks Kompetensi ASN", target=22.76, realisasi=kompetensi,
             basis=5508),                                                                        # 002:493, 002:535-537
    ]
    capaian = [dict(kode="IK1", real_tw4=typed_total)] if typed_total is not None else []
    return dict(identitas=ident, pk=pk, sub_indikator=sub, capaian=capaian,
                anggaran=[_line("1", "Program", "PROGRAM KEPEGAWAIAN DAERAH", 551096760, 532945599,
                                kode_sasaran="S1")])                                              # 002:567


def build(data: dict, path: Path) -> Path:
    data = dict(data)
    wb = new_workbook(data.pop("identitas"), **data)
    wb.save(path)
    return path
