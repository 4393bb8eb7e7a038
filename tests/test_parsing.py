import datetime as dt
from decimal import Decimal as D

import pytest

from lkj_xl.core.parsing import nip_digits, parse_date, parse_number


@pytest.mark.parametrize("raw, money, expected", [
    ("91,67%", False, D("91.67")),
    ("94.87%", False, D("94.87")),          # decimal-point slip seen in seed 001/002
    ("1.234.567", True, D("1234567")),
    ("1.234.567", False, D("1234567")),
    ("Rp. 14.654.000,-", True, D("14654000")),
    ("Rp 551.096.760,00", True, D("551096760.00")),
    ("14.654", True, D("14654")),
    ("0.125", False, D("0.125")),
    ("1,5", False, D("1.5")),
    ("1,234,567.89", True, D("1234567.89")),
    ("Nilai 10,1", False, D("10.1")),
    ("4,51 (A-)", False, D("4.51")),
    ("12 orang/bulan", False, D("12")),
    (91.67, False, D("91.67")),
    (100, False, D("100")),
    ("-", False, None),
    ("", False, None),
    (None, False, None),
    ("belum ada", False, None),
])
def test_parse_number(raw, money, expected):
    assert parse_number(raw, money=money) == expected


@pytest.mark.parametrize("raw, expected", [
    ("2 Oktober 2023", dt.date(2023, 10, 2)),
    ("4 April 2023", dt.date(2023, 4, 4)),
    ("30 Agustus 2023", dt.date(2023, 8, 30)),
    ("1 Nopember 2023", dt.date(2023, 11, 1)),
    ("02/10/2023", dt.date(2023, 10, 2)),
    ("2023-10-02", dt.date(2023, 10, 2)),
    (dt.datetime(2023, 10, 2, 0, 0), dt.date(2023, 10, 2)),
    ("31 Februari 2023", None),
    ("besok", None),
])
def test_parse_date(raw, expected):
    assert parse_date(raw) == expected


def test_nip_digits():
    assert nip_digits("NIP. 19870404 200701 1 002") == "198704042007011002"


@pytest.mark.parametrize("raw, money, expected", [
    ("12.5.6", False, (None, "angka-ambigu")),            # dots that group nothing: was 1256
    ("1,2,3", False, (None, "angka-ambigu")),             # was 123
    ("1.2,3", True, (None, "angka-ambigu")),
    ("1e308", False, (None, "angka-ambigu")),             # was 1
    ("12 orang/9 bulan", False, (None, "dua-angka")),     # seed 001 line 943: was 12
    ("12 5", False, (None, "dua-angka")),
    ("02/10/2023", False, (None, "tanggal-di-kolom-angka")),
    (dt.datetime(2023, 10, 2), False, (None, "tanggal-di-kolom-angka")),   # was 2023
    ("#DIV/0!", False, (None, "galat-rumus")),            # was 0
    (float("nan"), False, (None, "nilai-tak-hingga")),
    ("INF", False, (None, "nilai-tak-hingga")),
    (True, False, (None, "bukan-angka")),
    ("belum ada", False, (None, "bukan-angka")),
    ("-", False, (None, "")),
    ("1 234 567", True, (D("1234567"), "")),
    ("1.234,5", False, (D("1234.5"), "")),
    ("12 orang/bulan", False, (D("12"), "")),
])
def test_read_number_says_why_a_cell_is_not_one_number(raw, money, expected):
    from lkj_xl.core.parsing import read_number
    assert read_number(raw, money=money) == expected


def test_excel_escapes():
    from lkj_xl.core.parsing import unescape_excel
    assert unescape_excel("Bagian_x0020_Organisasi_x000D_") == "Bagian Organisasi\r"
    assert unescape_excel("tanpa escape") == "tanpa escape"
