"""Presenting numbers, money, dates and counts in Indonesian (Babel id_ID, num2words lang='id').

The only place where rounding happens: half-up, to the workbook's number of decimals.
"""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal
from num2words import num2words

LOCALE = "id_ID"
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


def bulat(value: Decimal | None, desimal: int = 2) -> Decimal | None:
    if value is None:
        return None
    return Decimal(value).quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)


# Babel's id_ID number symbols swapped into Python's: '.' groups thousands, ',' marks decimals.
_ID_SYMBOLS = str.maketrans(",.", ".,")


def angka(value: Decimal | int | None, desimal: int = 2, kosong: str = "-") -> str:
    """91.6666 -> '91,67' (always `desimal` decimals); 1234567 with desimal=0 -> '1.234.567'.

    Babel id_ID (`angka_babel`) gives the text; a report formats thousands of numbers, so the same text
    is made with Python's own grouping (20x cheaper). tests/test_formatting.py compares both over many
    values."""
    if value is None:
        return kosong
    q = bulat(Decimal(value), desimal)
    if not q.is_finite():
        return angka_babel(q, desimal)
    return f"{q:,.{desimal}f}".translate(_ID_SYMBOLS)


def angka_babel(value: Decimal | int, desimal: int = 2) -> str:
    """The reference for `angka`: Babel's id_ID pattern '#,##0.00' on the half-up rounded value."""
    q = bulat(Decimal(value), desimal)
    pattern = "#,##0" + ("." + "0" * desimal if desimal > 0 else "")
    return format_decimal(q, format=pattern, locale=LOCALE, decimal_quantization=False)


def persen(value: Decimal | None, desimal: int = 2, kosong: str = "-") -> str:
    return kosong if value is None else angka(value, desimal) + "%"


def rupiah(value: Decimal | int | None, gaya: str = "Rp. {},-", kosong: str = "-") -> str:
    """14654000 -> 'Rp. 14.654.000,-' (the seeds' style)."""
    return kosong if value is None else gaya.format(angka(value, 0))


def ribuan(value: Decimal | int | None, kosong: str = "-") -> str:
    """Amounts in tables: '19.922.000'."""
    return angka(value, 0, kosong)


def tanggal(value: dt.date | None, kosong: str = "") -> str:
    """date(2023, 10, 2) -> '2 Oktober 2023'."""
    return kosong if value is None else format_date(value, format="d MMMM y", locale=LOCALE)


def terbilang(n: int) -> str:
    """6 -> 'enam'."""
    return num2words(int(n), lang="id")


def jumlah_kata(n: int) -> str:
    """6 -> '6 (enam)'."""
    return f"{n} ({terbilang(n)})"


def nip(digits: str) -> str:
    """'198704042007011002' -> '19870404 200701 1 002'; anything else unchanged."""
    if len(digits) == 18 and digits.isdigit():
        return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
    return digits


# --- Additions for the Word report (rendering) -------------------------------------------------

BULAN_TW = {1: ((1, 1), (3, 31)), 2: ((4, 1), (6, 30)), 3: ((7, 1), (9, 30)), 4: ((10, 1), (12, 31))}


def romawi(n: int) -> str:
    """3 -> 'III' (any positive integer up to 3999)."""
    n = int(n)
    if n <= 0:
        return str(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def urutan(n: int) -> str:
    """Ordinal word: 1 -> 'pertama', 3 -> 'ketiga', 4 -> 'keempat'."""
    return num2words(int(n), lang="id", to="ordinal")


def daftar(items: list[str], sambung: str = "dan") -> str:
    """['a'] -> 'a'; ['a', 'b'] -> 'a dan b'; ['a', 'b', 'c'] -> 'a, b dan c' (the seeds' style)."""
    items = [str(i) for i in items]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {sambung} " + items[-1]


def ke(nomor: list[int]) -> str:
    """[2, 3] -> 'ke-2 dan ke-3'; [1, 4, 5, 6] -> 'ke-1, ke-4, ke-5 dan ke-6'."""
    return daftar([f"ke-{n}" for n in nomor])


def periode_tw(tw: int, tahun: int) -> str:
    """(3, 2023) -> '1 Juli s.d 30 September 2023' (the seeds' spelling of 's.d')."""
    (m1, d1), (m2, d2) = BULAN_TW[tw]
    awal = format_date(dt.date(tahun, m1, d1), format="d MMMM", locale=LOCALE)
    return f"{awal} s.d {tanggal(dt.date(tahun, m2, d2))}"


def nilai_satuan(angka_: Decimal | None, satuan: str, desimal: int = 2, kosong: str = "-") -> str:
    """A target or realisasi with its unit: (100, '%') -> '100,00%'; (12, 'dokumen') -> '12 dokumen';
    (10.1, 'nilai') -> '10,10 nilai'. Percentages always carry `desimal` decimals; whole counts none."""
    if angka_ is None:
        return kosong
    satuan = (satuan or "").strip()
    if satuan == "%":
        return persen(angka_, desimal)
    d = Decimal(angka_)
    text = angka(d, 0) if d == d.to_integral_value() else angka(d, desimal)
    return f"{text} {satuan}".strip()
