"""Parsing of what people type in Indonesian workbooks: strict about numbers, tolerant about forms.

Numbers: `91,67%`, `1.234.567`, `Rp. 14.654.000,-`, the decimal-point slip `94.87%`, and one number
with words around it (`Nilai 10,1`, `4,51 (A-)`, `12 orang/bulan`). A cell is a number only when it
holds one unambiguous number: `read_number` says why not otherwise (`angka-ambigu` for '12.5.6',
`dua-angka` for '12 orang/9 bulan', `tanggal-di-kolom-angka`, `galat-rumus` for '#DIV/0!', ...), so
the reader reports the cell instead of computing from a guess. Dates: real dates or `2 Oktober 2023`.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel.dates import get_month_names

_NUMBER = re.compile(r"[-+]?\d[\d.,]*(?:[eE][-+]?\d+)?")
_GROUPED = {".": re.compile(r"\d{1,3}(?:\.\d{3})+"), ",": re.compile(r"\d{1,3}(?:,\d{3})+")}
_SPACED = re.compile(r"[-+]?\d{1,3}(?: \d{3})+(?:[.,]\d+)?")        # '1 234 567' (space as thousands)
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_MONTHS = {name.lower(): num for num, name in get_month_names("wide", locale="id").items()}
_MONTHS.update({name.lower(): num for num, name in get_month_names("abbreviated", locale="id").items()})
_MONTHS.update({"agustus": 8, "nopember": 11, "pebruari": 2})
EXCEL_ERRORS = frozenset({"#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!",
                          "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"})

# Problem codes of `read_number` (messages in problems.CATALOG)
BUKAN_ANGKA, AMBIGU, DUA_ANGKA, TANGGAL = "bukan-angka", "angka-ambigu", "dua-angka", "tanggal-di-kolom-angka"
GALAT_RUMUS, RUMUS_TANPA_NILAI, TAK_HINGGA = "galat-rumus", "rumus-tanpa-nilai", "nilai-tak-hingga"
DI_LUAR_BATAS = "angka-di-luar-batas"


@dataclass(frozen=True)
class Cacat:
    """A stored cell value that cannot be used as it is (a formula never calculated, a number the file
    stores as 'NaN'): the file reader puts this in the grid so the sheet reader reports the cell."""
    code: str
    teks: str

    def __str__(self) -> str:
        return self.teks


def to_decimal(value: float | int) -> Decimal:
    """A float from a cell -> the Decimal the user saw (repr is the shortest round-trip form)."""
    if isinstance(value, bool):
        raise TypeError("bool is not a number")
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _normalise(token: str, money: bool) -> str | None:
    """One numeric token with Indonesian or English separators -> a plain '1234.56' string, or None
    when the separators do not say one number (`12.5.6`, `1,2,3`, `1.2,3`)."""
    token = token.rstrip(".,")
    sign = token[:1] if token[:1] in "+-" else ""
    body = token[len(sign):]
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        decimal, group = ("," , ".") if body.rfind(",") > body.rfind(".") else (".", ",")
        whole, _, frac = body.rpartition(decimal)
        if decimal in whole or not _GROUPED[group].fullmatch(whole):
            return None
        return sign + whole.replace(group, "") + "." + frac
    sep, count = (",", commas) if commas else (".", dots)
    if count > 1:
        return sign + body.replace(sep, "") if _GROUPED[sep].fullmatch(body) else None
    if count == 1:
        whole, frac = body.split(sep)
        # Indonesian thousands ("14.654") vs decimal slip ("94.87"): three digits after a single dot
        # in money, or after a non-zero integer part, are thousands.
        if sep == "." and len(frac) == 3 and (money or whole not in ("", "0")):
            return sign + whole + frac
        return sign + whole + "." + frac
    return token


def _read_text(text: str, money: bool) -> tuple[Decimal | None, str]:
    """A typed text -> (number, '') or (None, problem code); (None, '') when it is empty or '-'."""
    text = text.replace("\u00a0", " ").strip()
    if not text or text in ("-", "–", "—"):
        return None, ""
    if text.upper() in EXCEL_ERRORS:
        return None, GALAT_RUMUS
    if text.lower() in ("nan", "inf", "-inf", "+inf", "infinity", "-infinity"):
        return None, TAK_HINGGA
    bare = re.sub(r"(?i)\brp\.?", "", text).replace(",-", "").strip()
    if _SPACED.fullmatch(bare.rstrip("% ")):
        bare = bare.replace(" ", "")
    date = parse_date(text)
    if date is not None and 1900 <= date.year <= 2200:
        return None, TANGGAL
    tokens = _NUMBER.findall(bare)
    if not tokens:
        return None, BUKAN_ANGKA
    if len(tokens) > 1:
        return None, DUA_ANGKA
    token = tokens[0]
    plain = None if re.search(r"[eE]", token) else _normalise(token, money)
    if plain is None:
        return None, AMBIGU
    try:
        number = Decimal(plain)
    except InvalidOperation:
        return None, AMBIGU
    if bare.startswith("(") and bare.endswith(")") and money:
        number = -number  # accounting negative
    return number, ""


def read_number(value, money: bool = False) -> tuple[Decimal | None, str]:
    """A cell value -> (number, '') when it holds one unambiguous number; (None, '') when empty;
    (None, code) otherwise, the code saying why (`bukan-angka` when it holds no number at all).

    `money=True` reads a single dot followed by three digits as a thousands separator."""
    if value is None:
        return None, ""
    if isinstance(value, Cacat):
        return None, value.code
    if isinstance(value, bool):
        return None, BUKAN_ANGKA
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):       # datetime is a date
        return None, TANGGAL
    if isinstance(value, float) and not math.isfinite(value):
        return None, TAK_HINGGA
    if isinstance(value, (int, float)):
        return to_decimal(value), ""
    if isinstance(value, Decimal):
        return (value, "") if value.is_finite() else (None, TAK_HINGGA)
    return _read_text(str(value), money)


def parse_number(value, money: bool = False) -> Decimal | None:
    """The number of a cell, or None when it holds none or not one unambiguous number."""
    return read_number(value, money)[0]


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


def unescape_excel(value: str) -> str:
    """Excel's `_xHHHH_` escapes in stored text (`_x000D_` for a carriage return) -> the character."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value) if "_x" in value else value


def text(value) -> str:
    """A cell as display text: None -> '', floats without a trailing .0, strings stripped."""
    if value.__class__ is str:          # most cells; a str subclass goes the general way below
        return value.strip()
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
