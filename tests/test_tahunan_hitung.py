"""The annual engine on workbooks typed from seeds 004 and 002 (inputs and their seed lines: tahunan_seed.py).

Expected values are computed by hand from the seed inputs; the seed's own printed figures are quoted
where they differ (the slips the tool exists to remove).
"""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from lkj_xl.core.engine import olah_file
from lkj_xl.core.formatting import bulat
from lkj_xl.core.model import Indikator, Nilai, SubIndikator
from lkj_xl.core.performance import (BELUM_DILAKSANAKAN, TIDAK_DAPAT_DIHITUNG, capaian, efisiensi, komposit)

from .tahunan_seed import build, seed002, seed004


@pytest.fixture(scope="module")
def o004(tmp_path_factory):
    return olah_file(build(seed004(), tmp_path_factory.mktemp("s004") / "004.xlsx"))


@pytest.fixture(scope="module")
def o002(tmp_path_factory):
    return olah_file(build(seed002(), tmp_path_factory.mktemp("s002") / "002.xlsx"))


def r2(value):
    return bulat(value, 2)


def test_004_budget_totals_are_ratios_of_sums(o004):
    h = o004.hasil
    # 004:955 — 1.184.303.703 of 2.636.500.000 (the seed's total row 004:972 prints …783 and 45 %)
    assert (h.total_pagu, h.total_realisasi) == (D(2636500000), D(1184303703))
    assert r2(h.serapan) == D("44.92")
    lines = {a.baris.kode: a for a in h.anggaran}
    # 004:959 Adm. Keuangan 297.151.800 / 356.391.000 = 83,38 % (printed 35 %)
    assert r2(lines["1.2"].serapan) == D("83.38")
    # 004:968 Penataan Organisasi 820.648.019 / 1.948.876.200 = 42,11 % (Tabel 3.6 sasaran 1: 42 %)
    assert r2(lines["1.5"].serapan) == D("42.11")


def test_004_composite_indicator_and_sasaran_mean(o004):
    by = o004.hasil.by_kode()
    ik11 = by["IK1.1"]
    # 004:520-523: mean of 100, 98, 100, 100 = 99,5 %
    assert ik11.komposit is not None and ik11.komposit.aturan == "Rata-rata"
    assert [h.capaian for h in ik11.komposit.sub] == [D(100), D(98), D(100), D(100)]
    assert ik11.capaian == D("99.5") and ik11.realisasi.angka == D("99.5")
    # 004:501 SAKIP pelaporan 10,54 / 12 = 87,83 % (printed 87,8 %)
    assert r2(by["IK1.2"].capaian) == D("87.83")
    s1 = next(s for s in o004.hasil.sasaran if s.kode == "S1")
    # sasaran 1 = (99,5 + 87,833…) / 2 = 93,67 % (004:587 prints 93,65 from the rounded 87,8)
    assert r2(s1.capaian) == D("93.67")
    # the mean over six indicators is 94,56 % (004:512 prints 94,3 %)
    assert r2(o004.hasil.kinerja) == D("94.56")


def test_004_capaian_against_renstra_end_target(o004):
    t = o004.hasil.tahunan.by_kode()
    # Renstra sesudah perubahan (004:345-349): 100 % in 2026; realisasi 2024 from 004:500-508
    assert {k: (x.target_akhir.angka, x.capaian_renstra) for k, x in t.items()} == {
        "IK1.1": (D(100), D("99.5")), "IK1.2": (None, None), "IK2": (D(100), D(100)),
        "IK3": (D(100), D(100)), "IK4": (D(100), D(80)), "IK5": (D(100), D(100))}
    assert t["IK2"].target_renstra.angka == D(100)          # the 2024 column (Target Tahun ke-4)
    assert t["IK1.2"].renstra is None                       # no Renstra row: "-" in 004:501


def test_004_change_against_last_year(o004):
    t = o004.hasil.tahunan.by_kode()
    # Tabel 3.3 (004:703-708): 2023 → 2024
    assert (t["IK1.1"].lalu, t["IK1.1"].selisih, t["IK1.1"].arah) == (D(96), D("3.5"), "naik")
    assert r2(t["IK1.1"].perubahan) == D("3.65")             # 3,5 / 96
    assert (t["IK1.2"].selisih, t["IK1.2"].arah) == (D("0.17"), "naik")   # 10,54 − 10,37
    assert (t["IK4"].selisih, t["IK4"].perubahan, t["IK4"].arah, t["IK4"].membaik) == (D(-20), D(-20), "turun", False)
    assert (t["IK2"].selisih, t["IK2"].arah, t["IK2"].membaik) == (D(0), "tetap", None)
    assert [y for y, _ in t["IK1.1"].riwayat] == [2021, 2022, 2023]


def test_004_predikat_counts_and_efficiency(o004):
    h = o004.hasil
    # 99,5 / 100 / 100 / 100 Sangat Tinggi; 87,83 and 80 Tinggi (004:931 calls 80 % "sangat tinggi")
    assert h.tahunan.predikat == {"Sangat Tinggi": 4, "Tinggi": 2, "Sedang": 0, "Rendah": 0, "Sangat Rendah": 0}
    assert h.tahunan.tidak_terhitung == 0
    assert [(s.kode, s.kategori) for s in h.sasaran] == [(k, "Efisien") for k in ("S1", "S2", "S3", "S4", "S5")]
    lines = {a.baris.kode: a.terhubung for a in h.anggaran}
    assert lines["1"] == "melalui rincian" and lines["1.2"] == "Sasaran S3" and lines["1.2.1"] == "Sasaran S3"
    assert h.tidak_terhubung == []


def test_002_composite_is_the_sum_of_its_four_parts(o002):
    ik1 = o002.hasil.by_kode()["IK1"]
    # 002:490-493: 12,38 + 25,44 + 4,99 + 24,09 = 66,90; against the target 66,75 (002:489) = 100,22 %
    assert ik1.komposit.aturan == "Jumlah"
    assert ik1.realisasi.angka == D("66.90")
    assert r2(ik1.capaian) == D("100.22")
    assert [r2(h.capaian) for h in ik1.komposit.sub] == [D("95.23"), D("97.85"), D("100.00"), D("105.84")]  # 002:490-493


def test_weighted_sum_and_range_targets():
    # Jumlah Berbobot: 40 % × 80 + 60 % × 90 = 86, against the target 85 → 101,18 %
    ind = Indikator("K", "S", "s", "komposit", target=Nilai(D(85), "85"), aturan_sub="Jumlah Berbobot")
    subs = [SubIndikator("K", "K.a", "a", bobot=D(40), target=Nilai(D(80)), realisasi=Nilai(D(80))),
            SubIndikator("K", "K.b", "b", bobot=D(60), target=Nilai(D(90)), realisasi=Nilai(D(90)))]
    k = komposit(ind, subs, "(2T-R)/T")
    assert k.realisasi == D(86) and r2(k.capaian) == D("101.18") and k.jumlah_bobot == D(100)
    # range 80–90: inside = 100; above uses 90; below uses 80
    assert capaian(D(80), D(85), atas=D(90)) == (D(100), "")
    assert r2(capaian(D(80), D(95), atas=D(90))[0]) == D("105.56")
    assert capaian(D(80), D(60), atas=D(90))[0] == D(75)
    # negative range: below the range is better than 100
    assert capaian(D(80), D(60), "Negatif", atas=D(90))[0] == D(125)


def test_efficiency_categories():
    assert efisiensi(D(0), D(0), "Selisih") == (D(0), BELUM_DILAKSANAKAN)
    assert efisiensi(None, D(10), "Selisih") == (None, TIDAK_DAPAT_DIHITUNG)
    assert efisiensi(D(10), None, "Rasio") == (None, TIDAK_DAPAT_DIHITUNG)
    assert efisiensi(D(93), D(42), "Selisih") == (D(51), "Efisien")


def test_annual_period_uses_the_annual_target(tmp_path):
    data = seed004()
    data["pk"][2]["target_tw4"] = 50          # a TW IV target must not replace the annual target
    o = olah_file(build(data, tmp_path / "t.xlsx"))
    ik2 = o.hasil.by_kode()["IK2"]
    assert (ik2.target.angka, ik2.capaian) == (D(100), D(100))
    data["identitas"] = dict(data["identitas"], periode="TW IV")
    o = olah_file(build(data, tmp_path / "t4.xlsx"))
    assert o.hasil.by_kode()["IK2"].capaian == D(200)


def test_per_indicator_formula_and_range_target_from_the_workbook(tmp_path):
    data = seed004()
    # IK4 read as a negative indicator measured T/R although Pengaturan says (2T-R)/T: 100 / 80 = 125 %
    data["pk"][4].update(polaritas="Negatif", rumus_negatif="T/R")
    # IK3 with a range target 80–90 and realisasi 100 (004:506): measured against the upper bound 90
    data["pk"][3].update(target=80, target_atas=90)
    data["analisis"] = [dict(kode=k, upaya="-") for k in ("IK1.1", "IK1.2")]
    o = olah_file(build(data, tmp_path / "rumus.xlsx"))
    by = o.hasil.by_kode()
    assert by["IK4"].capaian == D(125)
    assert r2(by["IK3"].capaian) == D("111.11")
    assert o.laporan.pengaturan.rumus_negatif == "(2T-R)/T"
    data["pk"][4]["rumus_negatif"] = None                     # the Pengaturan default: (2·100 − 80) / 100
    assert olah_file(build(data, tmp_path / "bawaan.xlsx")).hasil.by_kode()["IK4"].capaian == D(120)
