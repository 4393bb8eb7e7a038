"""The annual examples (contoh/ seeds 004 and 002) read back as transcribed, and lkj_xl computes from them the
figures worked out by hand below. `004:N` / `002:N` = line N of /work/shared/seeds/004_… / 002_….

The seeds' own printed results are often wrong (004:972 prints 1.184.303.783, 004:959 prints 35 %); every
expected value here is recomputed by hand from the typed inputs, never copied from a printed result.
"""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from lkj_xl.core.engine import olah_file

from .conftest import CONTOH
from .workbook_snapshot import snapshot

D = Decimal
J004 = CONTOH / "sumber" / "004_bagian_organisasi_jember_2024.json"
J002 = CONTOH / "sumber" / "002_bkd_lumajang_2023.json"
X004 = CONTOH / "004_bagian_organisasi_jember_2024.xlsx"
X002 = CONTOH / "002_bkd_lumajang_2023.xlsx"


def near(value, expected, places=2) -> bool:
    return value is not None and abs(D(value) - D(expected)) < D(10) ** -places / 2


@pytest.fixture(scope="module")
def o004():
    return olah_file(X004)


@pytest.fixture(scope="module")
def o002():
    return olah_file(X002)


def _ind(o, kode, sasaran=None):
    return next(h for h in o.hasil.indikator
                if h.indikator.kode == kode and (sasaran is None or h.indikator.kode_sasaran == sasaran))


def _line(o, kode):
    return next(b for b in o.laporan.anggaran if b.kode == kode)


# ------------------------------------------------------------------ the committed xlsx are current

@pytest.mark.parametrize("source", sorted((CONTOH / "sumber").glob("*.json")), ids=lambda p: p.stem)
def test_contoh_xlsx_matches_its_json(source, tmp_path):
    """Every contoh/*.xlsx is exactly what contoh/buat_contoh.py makes from its JSON today."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("buat_contoh", CONTOH / "buat_contoh.py")
    buat = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(buat)
    fresh = buat.build(source, tmp_path)
    committed = CONTOH / fresh.name
    assert committed.exists(), f"{committed.name} belum dibuat: python contoh/buat_contoh.py"
    assert snapshot(committed) == snapshot(fresh), f"{committed.name} is stale: run python contoh/buat_contoh.py"


def test_every_note_key_is_a_note_and_every_row_cites_the_seed():
    for path in (J004, J002):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["_sumber"], path.name
        for key in ("pk", "anggaran", "sub_indikator"):
            for row in data[key]:
                assert "baris" in row.get("_sumber", ""), (path.name, key, row)


# ------------------------------------------------------------------ seed 004: inputs read back

def test_004_pk_targets(o004):
    lap = o004.laporan
    got = [(i.kode_sasaran, i.kode, i.target.angka) for i in lap.indikator]
    # 004:2078-2079 (lampiran PK) and Tabel 3.2 004:500-508; the second IK1.2 under S2 is BAB II Tabel 2.3 (004:398)
    assert got == [("S1", "IK1.1", D(100)), ("S1", "IK1.2", D(12)), ("S2", "IK2", D(100)), ("S2", "IK1.2", D(12)),
                   ("S3", "IK3", D(100)), ("S4", "IK4", D(100)), ("S5", "IK5", D(100))]
    ik11 = lap.indikator[0]
    assert ik11.jenis == "IKU" and ik11.aturan_sub == "Rata-rata"            # 004:2188, 004:359
    assert ik11.penanggung_jawab == "Kepala Bagian Organisasi"               # 004:2188
    assert lap.identitas.renstra_awal == 2021 and lap.identitas.renstra_akhir == 2026   # 004:300
    assert lap.identitas.periode == "Tahunan" and lap.identitas.tahun == 2024


def test_004_realisasi_and_sub_indicators(o004):
    lap = o004.laporan
    assert [lap.realisasi[k].tw[3].angka for k in ("IK1.2", "IK2", "IK3", "IK4", "IK5")] == \
           [D("10.54"), D(100), D(100), D(80), D(100)]                      # 004:501, 505-508
    subs = [(s.kode_induk, s.realisasi.angka) for s in lap.tahunan.sub_indikator]
    assert subs == [("IK1.1", D(100)), ("IK1.1", D(98)), ("IK1.1", D(100)), ("IK1.1", D(100))]   # 004:520-523


def test_004_renstra_rows(o004):
    rows = {(r.kode, r.versi): r for r in o004.laporan.tahunan.renstra}
    ik11 = rows[("IK1.1", "Perubahan")]                                       # 004:349 (2023-2026 = ke-3 .. ke-6)
    assert [t.angka for t in ik11.target] == [None, None, D(100), D(100), D(100), D(100)]
    assert ik11.target_akhir.angka == D(100)                                 # 004:500 kolom 7
    r1 = rows[("R1", "Awal")]                                                # 004:335 and 004:1546
    assert r1.kondisi_awal.angka == D(25)
    assert [t.angka for t in r1.target] == [D(40), D(50), D(75), D(75), D(75), D(75)]
    assert r1.target_akhir.angka == D(100)


def test_004_history_rows(o004):
    hist = {(r.kode, r.tahun): r.realisasi.angka for r in o004.laporan.tahunan.riwayat}
    assert [hist[("IK1.1", y)] for y in (2021, 2022, 2023)] == [D(70), D(96), D(96)]                 # 004:703
    assert [hist[("IK1.2", y)] for y in (2021, 2022, 2023)] == [D("10.37"), D("10.61"), D("10.37")]  # 004:704
    assert [hist[("IK4", y)] for y in (2021, 2022, 2023)] == [D(100)] * 3                            # 004:708


def test_004_budget_as_typed(o004):
    lap = o004.laporan
    prog = _line(o004, "4.01.01")
    assert (prog.pagu, prog.tw[3]) == (D(2636500000), D(1184303703))         # 004:955 (004:972 prints ...783)
    assert _line(o004, "4.01.01.2.02").tw[3] == D(297151800)             # 004:959
    assert _line(o004, "4.01.01.2.13.02").tw[3] == D(46192970)           # 004:970, the dropped digit (004:804)
    assert _line(o004, "4.01.01.2.06.04").tw[3] == D(32030500)           # 004:964 (Tabel 3.8, not 3.5)
    kegiatan = [b for b in lap.anggaran if b.level == "Kegiatan"]
    assert sum(b.pagu for b in kegiatan) == D(2636500000)                    # 004:264-277
    assert sum(b.tw[3] for b in kegiatan) == D(1184303703)


def test_004_sdm_and_catatan(o004):
    t = o004.hasil.tahunan
    assert (t.sdm_kebutuhan, t.sdm_bezetting) == (25, 12)                    # 004:218: 1+13+11 and 1+4+3+4
    assert len(t.kendala) == 4 and len(t.rekomendasi) == 4 and len(t.penghargaan) == 4   # 004:1037-1053, 985-1023


# ------------------------------------------------------------------ seed 004: computed by hand

def test_004_total_budget_is_a_ratio_of_sums(o004):
    h = o004.hasil
    assert (h.total_pagu, h.total_realisasi) == (D(2636500000), D(1184303703))
    assert near(h.serapan, "44.92")                   # 1.184.303.703 / 2.636.500.000 (printed 45 %, 004:972)


def test_004_adm_keuangan_serapan(o004):
    line = next(a for a in o004.hasil.anggaran if a.baris.kode == "4.01.01.2.02")
    assert near(line.serapan, "83.38")                # 297.151.800 / 356.391.000 (printed 35 %, 004:959)


def test_004_composite_and_sasaran_1(o004):
    ik11 = _ind(o004, "IK1.1")
    assert ik11.komposit is not None and ik11.komposit.aturan == "Rata-rata"
    assert ik11.realisasi.angka == D("99.5")          # (100 + 98 + 100 + 100) / 4, 004:520-525
    assert near(ik11.capaian, "99.50")
    sakip = _ind(o004, "IK1.2", "S1")
    assert near(sakip.capaian, "87.83")               # 10,54 / 12 (004:501, printed 87,8 %)
    s1 = next(s for s in o004.hasil.sasaran if s.kode == "S1")
    assert near(s1.capaian, "93.67")                  # (99,5 + 87,833) / 2; printed 93,65 from the rounded 87,8 (004:587)
    assert s1.predikat == "Sangat Tinggi"             # 93,67 >= 90 on the seed's scale (004:471)


def test_004_capaian_against_renstra_end_target(o004):
    by = o004.hasil.tahunan.by_kode()
    # realisasi 2024 / target akhir Renstra 2026 (004:500-508 kolom 7: 100 % each; SAKIP has none, '-')
    assert {k: by[k].capaian_renstra for k in ("IK1.1", "IK2", "IK3", "IK4", "IK5")} == \
           {"IK1.1": D("99.5"), "IK2": D(100), "IK3": D(100), "IK4": D(80), "IK5": D(100)}
    assert by["IK1.2"].capaian_renstra is None and by["IK1.2"].renstra is None


def test_004_change_against_last_year(o004):
    by = o004.hasil.tahunan.by_kode()
    assert (by["IK1.1"].selisih, by["IK1.1"].arah) == (D("3.5"), "naik")    # 99,5 - 96 (004:703)
    assert (by["IK1.2"].selisih, by["IK1.2"].arah) == (D("0.17"), "naik")   # 10,54 - 10,37 (004:704, 004:585)
    assert (by["IK4"].selisih, by["IK4"].arah, by["IK4"].membaik) == (D(-20), "turun", False)   # 80 - 100 (004:708)
    assert by["IK2"].arah == "tetap"


def test_004_validation_flags_exactly_the_kept_slips(o004):
    assert sorted((p.code, p.where) for p in o004.masalah) == sorted([
        ("induk-tidak-sama", "Anggaran!L15"),     # 820.648.019 vs 232.522.416 + 46.192.970 + 120.932.633 (004:968-971)
        ("kode-ganda", "PK!D7"),                  # IK1.2 typed again under S2, as BAB II Tabel 2.3 has it (004:398)
        ("indikator-dua-sasaran", "PK!E7"),       # ... while the PK lampiran puts it under S1 (004:2079)
    ])


def test_004_typed_composite_total_agrees(o004):
    """99,5 is typed as printed (004:500) and is what the sub indicators give: no komposit-berbeda."""
    assert o004.laporan.realisasi["IK1.1"].tw[3].angka == D("99.5")
    assert not [p for p in o004.masalah if p.code == "komposit-berbeda"]


# ------------------------------------------------------------------ seed 002

def test_002_inputs_read_back(o002):
    lap = o002.laporan
    assert [(i.kode, i.target.angka) for i in lap.indikator] == \
           [("IP", D("66.75")), ("IK1", D(13)), ("IK2", D("22.76")), ("IK3", D(26)), ("IK4", D("4.99"))]  # 002:312, 466-469
    assert lap.realisasi["IP"].tw[3].angka == D("66.90")                     # 002:489, 549: the typed total
    subs = lap.tahunan.sub_indikator
    assert [s.realisasi.angka for s in subs] == [D("12.38"), D("25.44"), D("4.99"), D("29.04")]     # 002:547
    assert [s.basis for s in subs] == [D(5508), D(5845), D(5508), D(5508)]  # 002:501, 511, 521, 535
    progs = {b.kode: (b.pagu, b.tw[3]) for b in lap.anggaran if b.level == "Program"}
    assert progs == {"A": (D(551096760), D(532945599)), "B": (D(704749750), D(658141086)),
                     "C": (D(5926358457), D(5898679150))}                    # 002:573-575
    assert lap.identitas.tanggal is None                                     # 'Januari 2024' (002:30) is no date


def test_002_composite_sum_from_its_parts(o002):
    ip = _ind(o002, "IP")
    assert ip.komposit is not None and ip.komposit.aturan == "Jumlah"
    assert ip.realisasi.angka == D("71.85")           # 12,38 + 25,44 + 4,99 + 29,04 (002:547), not the typed 66,90
    assert near(ip.capaian, "107.64")                 # 71,85 / 66,75 (002:312)
    assert near(_ind(o002, "IK2").capaian, "105.84")  # the PK indicator itself: 24,09 / 22,76 (002:493)


def test_002_total_budget(o002):
    h = o002.hasil
    assert (h.total_pagu, h.total_realisasi) == (D(7182204967), D(7089765835))   # 002:576 (002:771 says 67.089...)
    assert near(h.serapan, "98.71")


def test_002_budget_lines_roll_up(o002):
    """The kept slips of 002 are in its composite, not its budget: every typed parent equals its children."""
    assert not [p for p in o002.masalah if p.code == "induk-tidak-sama"]


def test_002_validation_flags_exactly_the_kept_slips(o002):
    assert sorted((p.code, p.where) for p in o002.masalah) == sorted([
        ("bukan-tanggal", "Identitas!B19"),       # 'Januari 2024' without a day (002:30, 890)
        ("nilai-wajib-kosong", "Identitas!B14"),  # the Bupati (atasan) is not named in 002 (002:570)
        ("nilai-wajib-kosong", "Identitas!B15"),  # ... nor his NIP
        ("basis-berbeda", "Sub Indikator!I5"),    # Jumlah ASN 5.845 (002:511) vs 5.508 (002:501, 521, 535)
        ("komposit-berbeda", "Capaian!F4"),       # typed 66,90 (002:489) vs 12,38 + 25,44 + 4,99 + 29,04 = 71,85 (002:547)
    ])
