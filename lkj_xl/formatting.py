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


def angka(value: Decimal | int | None, desimal: int = 2, kosong: str = "-") -> str:
    """91.6666 -> '91,67' (always `desimal` decimals); 1234567 with desimal=0 -> '1.234.567'."""
    if value is None:
        return kosong
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
