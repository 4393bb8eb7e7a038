"""Validation: workbooks with planted errors of every kind -> exact (code, cell) lists."""
from __future__ import annotations

import datetime as dt

import pytest

from lkj_xl.core.engine import olah_file
from lkj_xl.core.validation import add_working_days, nip_reason

from .conftest import SEED000_XLSX

# The faithful seed 000 workbook carries exactly the cross-table slip of the real report (000:231 vs 000:85):
# the PK budget differs from the pagu on five lines without a recorded revision.
SEED_BASELINE = [("anggaran-pk-berbeda", f"Anggaran!E{r}") for r in (4, 6, 7, 8, 9)]


def found(path) -> list[tuple[str, str]]:
    return [(p.code, p.where) for p in olah_file(path).masalah]


def planted(path) -> list[tuple[str, str]]:
    return [x for x in found(path) if x not in SEED_BASELINE]


def test_seed000_has_only_the_pk_budget_warnings():
    o = olah_file(SEED000_XLSX)
    assert [(p.code, p.where) for p in o.masalah] == SEED_BASELINE
    assert not o.ada_kesalahan
    first = o.masalah[0]
    assert first.severity == "warning"
    assert first.message == ("Anggaran di PK untuk 1 (14.654.000) berbeda dari pagu berlaku (19.922.000) "
                             "tanpa keterangan perubahan.")
    assert "Keterangan Perubahan" in first.hint


def test_missing_required_values(make_book, seed_data):
    seed_data["identitas"]["nama"] = None
    seed_data["pk"][2]["indikator"] = None
    seed_data["anggaran"][1]["uraian"] = None
    assert planted(make_book(seed_data)) == [
        ("nilai-wajib-kosong", "Identitas!B10"),
        ("nilai-wajib-kosong", "PK!E6"),
        ("nilai-wajib-kosong", "Anggaran!C5"),
    ]


def test_wrong_types(make_book, seed_data):
    seed_data["capaian"][0]["real_tw3"] = "sudah"
    seed_data["anggaran"][2]["pagu"] = "empat puluh juta"
    seed_data["identitas"]["tahun"] = "dua ribu"
    got = planted(make_book(seed_data))
    assert ("bukan-angka", "Capaian!E4") in got
    assert ("bukan-angka", "Anggaran!F6") in got
    assert ("bukan-angka", "Identitas!B16") in got


def test_duplicate_codes(make_book, seed_data):
    seed_data["pk"][3]["kode"] = "IK2"
    seed_data["capaian"][3]["kode"] = "IK2"
    seed_data["anggaran"][4]["kode"] = "4"
    got = planted(make_book(seed_data))
    assert ("kode-ganda", "PK!D7") in got
    assert ("kode-ganda", "Capaian!A7") in got
    assert ("kode-ganda", "Anggaran!A8") in got


def test_unknown_references(make_book, seed_data):
    seed_data["capaian"].append({"kode": "IK9", "real_tw3": 50})
    seed_data["anggaran"][5]["kode_sasaran"] = "S9"
    seed_data["strategi"][0]["kode"] = "IK7"
    seed_data["rtl"][0]["kode"] = "IK8"
    got = planted(make_book(seed_data))
    assert ("indikator-tidak-dikenal", "Capaian!A10") in got
    assert ("sasaran-tidak-dikenal", "Anggaran!D9") in got
    assert ("indikator-tidak-dikenal", "Strategi!A4") in got
    assert ("indikator-tidak-dikenal", "RTL!B4") in got


def test_indicator_without_realisasi_for_period(make_book, seed_data):
    seed_data["capaian"][4]["real_tw3"] = None          # IK5 has no TW III value
    del seed_data["capaian"][5]                        # IK6 has no Capaian row at all
    got = planted(make_book(seed_data))
    assert ("realisasi-kosong", "Capaian!E8") in got
    assert ("indikator-tanpa-realisasi", "PK!D9") in got


def test_budget_amount_checks(make_book, seed_data):
    seed_data["anggaran"][1]["real_tw3"] = 45500000     # ten times the pagu (seed 002:771 kind)
    seed_data["anggaran"][2]["pagu"] = -41595800
    seed_data["anggaran"][3]["real_tw2"] = 80000000     # cumulative falls from TW II to TW III
    got = planted(make_book(seed_data))
    assert ("realisasi-melebihi-pagu", "Anggaran!K5") in got
    assert ("angka-negatif", "Anggaran!F6") in got
    assert ("realisasi-menurun", "Anggaran!K7") in got


def test_cumulative_realisasi_falls(make_book, seed_data):
    seed_data["capaian"][0]["real_tw2"] = 40            # 40 at TW II, 25 at TW III
    assert planted(make_book(seed_data)) == [("realisasi-menurun", "Capaian!E4")]


def test_parent_line_differs_from_children(make_book, seed_data):
    seed_data["anggaran"] = [
        {"kode": "4.01.01", "level": "Program", "uraian": "Program Penunjang", "kode_sasaran": "S1",
         "pagu": 1000, "real_tw3": 600},
        {"kode": "4.01.01.2.01", "level": "Kegiatan", "uraian": "A", "kode_sasaran": "S1", "pagu": 700, "real_tw3": 400},
        {"kode": "4.01.01.2.02", "level": "Kegiatan", "uraian": "B", "kode_sasaran": "S1", "pagu": 200, "real_tw3": 200},
    ]
    got = found(make_book(seed_data))
    assert got == [("induk-tidak-sama", "Anggaran!F4")]      # 1000 vs 900; realisasi 600 = 400 + 200
    o = olah_file(make_book(seed_data))
    assert o.masalah[0].message == "Pagu 4.01.01 (1.000) tidak sama dengan jumlah rinciannya (900)."


def test_unachieved_without_strategy(make_book, seed_data):
    seed_data["strategi"] = [s for s in seed_data["strategi"] if s["kode"] not in ("IK6", "IK2")]
    # IK2 is achieved (100 %), so only IK6 (78,33 %) needs a strategy for the rest of the year
    assert planted(make_book(seed_data)) == [("tanpa-strategi", "Capaian!J9")]


@pytest.mark.parametrize("nip, reason", [
    ("19870404 200701 1 002", ""),
    ("19870404 200701 1 02", "terdiri dari 17 digit, seharusnya 18"),
    ("19871304 200701 1 002", "tanggal lahir 19871304 tidak ada"),
    ("19870404 200713 1 002", "bulan pengangkatan 13 tidak ada"),
    ("19870404 199001 1 002", "tahun pengangkatan 1990 tidak masuk akal untuk kelahiran 1987"),
    ("19870404 200701 3 002", "digit jenis kelamin 3 seharusnya 1 atau 2"),
])
def test_nip_rules(nip, reason):
    assert nip_reason(nip.replace(" ", "")) == reason


def test_invalid_nip_in_workbook(make_book, seed_data):
    seed_data["identitas"]["nip_atasan"] = "19631116 199003 3 006"
    assert planted(make_book(seed_data)) == [("nip-tidak-valid", "Identitas!B15")]


def test_nip_stored_as_number(make_book):
    got = planted(make_book(edit=lambda wb: wb["Identitas"].cell(11, 2, 198704042007011002)))
    assert ("nip-angka", "Identitas!B11") in got


def test_report_dates(make_book, seed_data):
    # TW III ends Saturday 30 Sep 2023; 10 working days later is Friday 13 Oct 2023
    assert add_working_days(dt.date(2023, 9, 30), 10) == dt.date(2023, 10, 13)
    seed_data["identitas"]["tanggal"] = "2023-07-03"            # a TW III report dated 3 July (seed 001:1079)
    assert planted(make_book(seed_data)) == [("tanggal-sebelum-periode", "Identitas!B19")]
    seed_data["identitas"]["tanggal"] = "2023-10-13"
    assert planted(make_book(seed_data)) == []
    seed_data["identitas"]["tanggal"] = "2023-10-16"
    assert planted(make_book(seed_data)) == [("tanggal-lewat-batas", "Identitas!B19")]
    seed_data["identitas"]["tanggal"] = "2024-10-02"            # cover says 2024 for 2023 content (seed 002:9)
    seed_data["identitas"]["tahun"] = 2022
    assert planted(make_book(seed_data)) == [("tahun-tanggal-berbeda", "Identitas!B19")]


def test_percent_typed_on_wrong_scale(make_book, seed_data):
    seed_data["capaian"][3]["real_tw2"] = 90
    seed_data["capaian"][3]["real_tw3"] = 0.9            # 0,9 among 90s
    got = planted(make_book(seed_data))
    assert ("skala-persen-salah", "Capaian!E7") in got


def test_target_zero_and_text_target(make_book, seed_data):
    seed_data["pk"][0]["target"] = 0
    seed_data["pk"][1]["target"] = "sesuai kebutuhan"
    got = planted(make_book(seed_data))
    assert ("target-nol", "PK!H4") in got
    assert ("target-bukan-angka", "PK!H5") in got


def test_every_problem_names_a_cell_and_a_hint(make_book, seed_data):
    seed_data["identitas"]["nip"] = "123"
    seed_data["capaian"][0]["real_tw3"] = None
    o = olah_file(make_book(seed_data))
    for p in o.masalah:
        assert p.sheet and p.cell and p.message and p.hint, p
        assert p.file.endswith(".xlsx")


def test_same_sasaran_code_with_different_text(make_book, seed_data):
    # the seed 004 kind of slip: one sasaran written two ways
    seed_data["pk"][1]["sasaran"] = "Meningkatnya kualitas fasilitas operasional kantor"
    assert planted(make_book(seed_data)) == [("sasaran-berbeda", "PK!C5")]
