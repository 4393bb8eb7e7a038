"""Quarterly workbooks made before the annual sheets existed read, compute and validate as before.

`tests/data/sebelum/*.xlsx` are the contoh/ workbooks as built at commit 870e2e6 (no annual sheets, no new
PK/Anggaran columns); `ringkasan_870e2e6.json` is what that commit's code computed and reported for them
(every capaian, sasaran, budget line, total, and every problem with its message). Two differences are on
purpose (issue 10) and asserted exactly: the efficiency category names the edge cases, and repeated RTL
items are flagged.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from lkj_xl.core.engine import olah_file

from .tahunan_ringkas import ringkas

DATA = Path(__file__).parent / "data" / "sebelum"
BEFORE = json.loads((DATA / "ringkasan_870e2e6.json").read_text(encoding="utf-8"))

# sasaran whose efficiency category changed on purpose: (file, kode) -> new category
KATEGORI_BARU = {
    ("001_1_camat_tw3_2023.xlsx", "S1"): "Tidak dapat dihitung",   # no budget line: was ''
    ("001_1_camat_tw3_2023.xlsx", "S2"): "Tidak dapat dihitung",
    ("001_1_camat_tw3_2023.xlsx", "S6"): "Belum dilaksanakan",     # 0 % capaian, 0 % serapan: was 'Tidak Efisien'
    ("001_2_sekcam_tw3_2023.xlsx", "S5"): "Belum dilaksanakan",
    ("001_3_kasi_pemerintahan_tw3_2023.xlsx", "S1"): "Belum dilaksanakan",
    ("001_6_kasubbag_keuangan_tw3_2023.xlsx", "S3"): "Belum dilaksanakan",
    ("001_6_kasubbag_keuangan_tw3_2023.xlsx", "S5"): "Belum dilaksanakan",
    ("001_6_kasubbag_keuangan_tw3_2023.xlsx", "S11"): "Belum dilaksanakan",
    ("001_7_kasubbag_umum_kepegawaian_tw3_2023.xlsx", "S2"): "Belum dilaksanakan",
    ("001_7_kasubbag_umum_kepegawaian_tw3_2023.xlsx", "S5"): "Belum dilaksanakan",
    ("001_7_kasubbag_umum_kepegawaian_tw3_2023.xlsx", "S9"): "Belum dilaksanakan",
}
# the RTL items seed 001 repeats (four in all): file -> [(code, cell)] added at the end of the list
BUTIR_GANDA = {
    "001_1_camat_tw3_2023.xlsx": 1,
    "001_4_kasi_pemberdayaan_masyarakat_tw3_2023.xlsx": 1,
    "001_7_kasubbag_umum_kepegawaian_tw3_2023.xlsx": 2,
}


# the Camat signs without an atasan (issue 13.3): the three 'atasan belum diisi' errors are gone on purpose
ATASAN_OPSIONAL = {"001_1_camat_tw3_2023.xlsx": {"Identitas!B13", "Identitas!B14", "Identitas!B15"}}


@pytest.mark.parametrize("name", sorted(BEFORE))
def test_quarterly_workbook_computes_and_validates_as_before(name):
    now = ringkas(olah_file(DATA / name))
    before = BEFORE[name]
    assert now["tw"] == before["tw"]
    assert now["indikator"] == before["indikator"]
    assert now["anggaran"] == before["anggaran"]
    assert now["total"] == before["total"]
    expected_sasaran = [row[:7] + [KATEGORI_BARU.get((name, row[0]), row[7])] for row in before["sasaran"]]
    assert now["sasaran"] == expected_sasaran
    n_new = BUTIR_GANDA.get(name, 0)
    gone = ATASAN_OPSIONAL.get(name, set())
    expected = [p for p in before["masalah"] if not (p[0] == "nilai-wajib-kosong" and p[2] in gone)]
    assert len(before["masalah"]) - len(expected) == len(gone)
    assert now["masalah"][:len(now["masalah"]) - n_new] == expected
    added = now["masalah"][len(now["masalah"]) - n_new:]
    assert [(p[0], p[1], p[2].split("!")[0]) for p in added] == [("butir-ganda", "warning", "RTL")] * n_new


def test_the_four_repeated_rtl_items_of_seed_001():
    got = []
    for name in sorted(BUTIR_GANDA):
        got += [(name[:5], p.where, p.message) for p in olah_file(DATA / name).masalah if p.code == "butir-ganda"]
    # each second occurrence, pointing at the first (RTL rows start at 4)
    assert [(n, w) for n, w, _ in got] == [("001_1", "RTL!A33"), ("001_4", "RTL!A9"), ("001_7", "RTL!A7"),
                                           ("001_7", "RTL!A19")]
    assert got[2][2] == "Butir 'Melakukan laporan BMD' sudah ditulis di RTL!A5."
