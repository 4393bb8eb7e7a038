"""`formatting.angka` builds its text with Python's grouping instead of Babel (cheaper); it must give
exactly Babel id_ID's text (`angka_babel`) for every value a workbook can hold."""
from __future__ import annotations

import random
from decimal import Decimal as D

import pytest

from lkj_xl.core.formatting import angka, angka_babel, persen, ribuan, rupiah

DESIMAL = range(0, 5)          # Pengaturan "Jumlah desimal" allows 0-4


def _random_values(n: int, seed: int) -> list[D]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        digits = rnd.randint(0, 15)                      # up to 10^15: a province's budget in rupiah
        places = rnd.randint(0, 8)
        raw = rnd.randrange(10 ** (digits + places) or 1)
        out.append(D(raw).scaleb(-places) * rnd.choice((1, -1)))
    return out


def _rounding_edges() -> list[D]:
    """x.xx5 for every number of decimals: half-up must go away from zero on both paths."""
    out = []
    for d in DESIMAL:
        half = D(5).scaleb(-(d + 1))
        for whole in ("0", "1", "2.67", "999", "999.99", "1234567.8", "99999999.9999"):
            base = D(whole).quantize(D(1).scaleb(-d), rounding="ROUND_DOWN")
            for v in (base + half, base + half - D("1e-12"), base - half):
                out += [v, -v]
    return out


SPECIAL = [D(0), D("-0"), D("0.000"), D("-0.0001"), D("0.0049"), D("-0.005"), D("999.995"), D("-999.995"),
           D("1E+3"), D("1.5E+10"), D("123456789012345678.125"), D("-123456789012345678.125"), D("91.6666"),
           D("14654000"), D("392742509"), D("56.875")]


@pytest.mark.parametrize("desimal", DESIMAL)
def test_fast_path_equals_babel(desimal):
    values = _random_values(3000, seed=desimal) + _rounding_edges() + SPECIAL + [0, 7, -12, 10 ** 12, -(10 ** 15)]
    differing = [(v, angka(v, desimal), angka_babel(v, desimal)) for v in values
                 if angka(v, desimal) != angka_babel(v, desimal)]
    assert not differing, differing[:10]


def test_known_texts():
    assert angka(D("91.6666")) == "91,67"                    # 000:69 shows 91,67%
    assert persen(D("78.333333")) == "78,33%"                # 000:83
    assert ribuan(D("19922000")) == "19.922.000"             # 000:85
    assert rupiah(D("392742509")) == "Rp. 392.742.509,-"     # the seed's rupiah style (test_rendering)
    assert angka(D("1.005"), 2) == "1,01"                    # half-up, not banker's rounding
    assert angka(D("-1.005"), 2) == "-1,01"
    assert angka(D("-0.001"), 2) == "-0,00"                  # as Babel: the sign of a negative stays
    assert angka(D("1234.5"), 0) == "1.235"
    assert angka(None) == "-"
