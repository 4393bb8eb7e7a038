"""Validation of the annual data: workbooks typed from seeds 004 and 002 with planted slips ->
exact (code, cell) lists. Column letters follow layout.py (PK: H = Target Tahunan, E = Indikator,
S = Aturan Sub Indikator; Renstra: F..K = Target Tahun ke-1..ke-6; Identitas: B16 tahun, B25/B26 Renstra)."""
from __future__ import annotations

from lkj_xl.core.engine import olah_file

from .tahunan_seed import build, seed002, seed004

ANALISIS = [dict(kode=k, penghambat="Keterbatasan SDM (004:904)", upaya="Pendampingan PD (004:907)")
            for k in ("IK1.1", "IK1.2", "IK4")]


def found(path) -> list[tuple[str, str]]:
    return [(p.code, p.where) for p in olah_file(path).masalah]


def clean004() -> dict:
    data = seed004()
    data["analisis"] = [dict(a) for a in ANALISIS]
    data["pembanding"] = [dict(kode="IK1.2", nilai=10.37, level="Kabupaten", tahun=2023,
                               sumber="LHE AKIP Kabupaten Jember 2023 (004:585)")]
    data["catatan"] = [dict(jenis="Rekomendasi", uraian="Meningkatkan koordinasi tim Kabupaten (004:914)")]
    return data


def test_clean_annual_workbook_has_no_problems(tmp_path):
    assert found(build(clean004(), tmp_path / "bersih.xlsx")) == []


def test_planted_annual_slips_of_004(tmp_path):
    data = clean004()
    # the SAKIP indicator also under sasaran 2, as in the PK of 004:396-397 (Tabel 3.2 has it under 1, 004:501)
    data["pk"].append(dict(kode_sasaran="S2", kode="IK2.2", indikator="Nilai Evaluasi SAKIP Aspek Pelaporan",
                           satuan="nilai", polaritas="Positif", target=12))               # PK row 10
    data["capaian"].append(dict(kode="IK2.2", real_tw4=10.54))
    data["analisis"].append(dict(kode="IK2.2", penghambat="-", upaya="-"))
    data["analisis"] = [a for a in data["analisis"] if a["kode"] != "IK4"]   # IK4 (80 %) without analysis
    del data["renstra"][1]["target_4"]          # IK2: 2024 missing between 2023 and 2025 -> Renstra!I5
    data["renstra"][2]["target_4"] = 95         # IK3: Renstra 95 vs PK 100 (like 003's 10,1 vs 10,01)
    data["riwayat"] = [r for r in data["riwayat"] if (r["kode"], r["tahun"]) != ("IK5", 2022)]  # gap
    data["pembanding"] = [dict(kode="IK1.2", nilai=10.1, level="Nasional")]   # no year, no source
    data["strategi"] = [dict(kode="IK4", strategi="Mitigasi risiko pengadaan barang", bulan="Januari"),
                        dict(kode="IK4", strategi="Mitigasi risiko pengadaan barang ", bulan="Februari")]
    data["rtl"] = [dict(uraian="Melakukan laporan BMD"), dict(uraian="Melakukan laporan BMD")]  # as 001:1252 and 001:1254
    assert found(build(data, tmp_path / "slip.xlsx")) == [
        ("rtl-ganda", "RTL!A5"),                          # the quarterly check (validation.check_rtl)
        ("renstra-tahun-kosong", "Renstra!I5"),
        ("target-renstra-berbeda", "PK!H7"),
        ("indikator-dua-sasaran", "PK!E10"),
        ("riwayat-tahun-kosong", "Riwayat!B20"),          # IK5 rows: 2021 (B19), 2023 (B20)
        ("pembanding-tanpa-sumber", "Pembanding!F4"),
        ("pembanding-tanpa-tahun", "Pembanding!E4"),
        ("tanpa-analisis", "Capaian!J7"),
        ("strategi-ganda", "Strategi!B5"),
    ]


def test_planted_composite_slips_of_002(tmp_path):
    # 002:547 adds 29,04 for the kompetensi index (table: 24,09) and still prints 66,90; 002:511 divides by
    # 5.845 ASN where its siblings use 5.508 (002:501, 002:521, 002:535)
    data = seed002(kompetensi=29.04, typed_total=66.90)
    o = olah_file(build(data, tmp_path / "002.xlsx"))
    assert [(p.code, p.where) for p in o.masalah] == [
        ("basis-berbeda", "Sub Indikator!I5"),
        ("komposit-berbeda", "Capaian!F4"),
    ]
    msg = {p.code: p.message for p in o.masalah}
    assert msg["komposit-berbeda"] == ("Realisasi indikator IK1 diketik 66,90, padahal menurut sub indikatornya "
                                       "(jumlah) 71,85.")
    assert msg["basis-berbeda"] == ("Basis sub indikator IP2 (5.845) berbeda dari sub indikator lain dari induk "
                                    "yang sama (5.508).")
    # the faithful parts (002:490-493) agree with the typed 66,90: no slip
    assert found(build(seed002(typed_total=66.90, basis_kinerja=5508), tmp_path / "ok.xlsx")) == []


def test_weights_must_add_to_100(tmp_path):
    data = seed002(basis_kinerja=5508)
    data["pk"][0]["aturan_sub"] = "Jumlah Berbobot"
    for s, w in zip(data["sub_indikator"], (25, 25, 25, 20)):
        s["bobot"] = w
    got = found(build(data, tmp_path / "bobot.xlsx"))
    assert ("bobot-tidak-100", "Sub Indikator!F7") in got
    data["pk"][0]["aturan_sub"] = None
    got = found(build(data, tmp_path / "aturan.xlsx"))
    assert got[:2] == [("indikator-tanpa-realisasi", "PK!D4"), ("aturan-sub-kosong", "PK!S4")]


def test_renstra_period_slips(tmp_path):
    data = clean004()
    data["identitas"] = dict(data["identitas"], renstra_awal=2026, renstra_akhir=2021)   # reversed
    assert found(build(data, tmp_path / "urut.xlsx")) == [("renstra-periode-salah", "Identitas!B26")]
    data["identitas"] = dict(data["identitas"], renstra_awal=2018, renstra_akhir=2023)   # 2024 is outside
    assert found(build(data, tmp_path / "luar.xlsx")) == [("tahun-di-luar-renstra", "Identitas!B16")]
    data["identitas"] = dict(data["identitas"], renstra_awal=None, renstra_akhir=2026)
    assert found(build(data, tmp_path / "kosong.xlsx")) == [("renstra-periode-salah", "Identitas!B25")]


def test_history_year_not_before_the_report_year(tmp_path):
    data = clean004()
    data["riwayat"].append(dict(kode="IK5", tahun=2024, realisasi=100))      # row 22: the report year itself
    data["riwayat"].append(dict(kode="IK5", tahun=2023, realisasi=100))      # row 23: twice
    data["riwayat"].append(dict(kode="IKX", tahun=2023, realisasi=1))        # row 24: unknown indicator
    assert found(build(data, tmp_path / "riwayat.xlsx")) == [
        ("riwayat-tahun-salah", "Riwayat!B22"), ("riwayat-tahun-salah", "Riwayat!B23"),
        ("indikator-tidak-dikenal", "Riwayat!A24")]
