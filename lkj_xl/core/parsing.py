"""Tolerant parsing of what people type in Indonesian workbooks.

Numbers: `91,67%`, `1.234.567`, `Rp. 14.654.000,-`, the decimal-point slip `94.87%`, and numbers
with text around them (`Nilai 10,1`, `4,51 (A-)`, `12 orang/bulan`). Dates: real dates or
`2 Oktober 2023`. Everything returns None for "not usable" so the caller can report the cell.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from babel.dates import get_month_names

_NUMBER = re.compile(r"[-+]?\d[\d.,]*")
_MONTHS = {name.lower(): num for num, name in get_month_names("wide", locale="id").items()}
_MONTHS.update({name.lower(): num for num, name in get_month_names("abbreviated", locale="id").items()})
_MONTHS.update({"agustus": 8, "nopember": 11, "pebruari": 2})


def to_decimal(value: float | int) -> Decimal:
    """A float from a cell -> the Decimal the user saw (repr is the shortest round-trip form)."""
    if isinstance(value, bool):
        raise TypeError("bool is not a number")
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _normalise(token: str, money: bool) -> str:
    """One numeric token with Indonesian or English separators -> a plain '1234.56' string."""
    token = token.rstrip(".,")
    dots, commas = token.count("."), token.count(",")
    if dots and commas:
        # whichever comes last is the decimal separator
        if token.rfind(",") > token.rfind("."):
            return token.replace(".", "").replace(",", ".")
        return token.replace(",", "")
    if commas:
        if commas > 1:
            return token.replace(",", "")
        return token.replace(",", ".")
    if dots > 1:
        return token.replace(".", "")
    if dots == 1:
        whole, frac = token.split(".")
        # Indonesian thousands ("14.654") vs decimal slip ("94.87"): three digits after a single dot
        # in money, or after a non-zero integer part, are thousands.
        if len(frac) == 3 and (money or whole.lstrip("+-") not in ("", "0")):
            return whole + frac
    return token


def parse_number(value, money: bool = False) -> Decimal | None:
    """Parse a cell value to a Decimal, or None when it holds no number.

    `money=True` reads a single dot followed by three digits as a thousands separator.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return to_decimal(value)
    if isinstance(value, Decimal):
        return value
    text = str(value).strip()
    if not text or text in ("-", "–"):
        return None
    text = re.sub(r"(?i)\brp\.?", "", text).replace(",-", "").replace("\u00a0", " ")
    match = _NUMBER.search(text.replace(" ", "") if re.fullmatch(r"[\d\s.,]+", text) else text)
    if not match:
        return None
    try:
        number = Decimal(_normalise(match.group(), money))
    except InvalidOperation:
        return None
    if text.startswith("(") and text.endswith(")") and money:
        number = -number  # accounting negative
    return number


def is_pure_number(value) -> bool:
    """True when the cell is only a number (with % or Rp decoration), no words around it."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return True
    if not isinstance(value, str):
        return False
    text = re.sub(r"(?i)rp\.?|,-|%|\s", "", value)
    return bool(text) and re.fullmatch(r"[-+]?[\d.,]+", text) is not None


def parse_date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    m = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})", text)
    if m and m.group(2).lower() in _MONTHS:
        try:
            return dt.date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
        except ValueError:
            return None
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    return None


def text(value) -> str:
    """A cell as display text: None -> '', floats without a trailing .0, strings stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def nip_digits(value) -> str:
    """'19870404 200701 1 002' -> '198704042007011002' (spaces, dots and 'NIP.' removed)."""
    return re.sub(r"\D", "", re.sub(r"(?i)^\s*nip\.?", "", text(value)))
