"""Engine benchmark: read, compute and validate time for workbooks of 10, 100 and 1,000 indicators.

    python benchmarks/bench_engine.py [--repeat 5]

Prints the best of `repeat` runs per stage and the cost per indicator, which should stay roughly
constant (linear growth). The second table is the annual case (issue 10): every indicator also has a
Renstra row, five years of history, four sub-indicators, a benchmark and an analysis row.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from lkj_xl.core.performance import hitung  # noqa: E402
from lkj_xl.core.reading import read_workbook  # noqa: E402
from lkj_xl.core.validation import validate  # noqa: E402
from workbooks import IDENTITAS, make  # noqa: E402

from lkj_xl.workbook.template import new_workbook  # noqa: E402


def make_tahunan(path: Path, n: int) -> Path:
    """An annual workbook (periode Tahunan, Renstra 2021-2026) with every annual sheet filled."""
    import datetime as dt
    t: dict[str, list] = {k: [] for k in ("pk", "capaian", "anggaran", "renstra", "riwayat", "sub_indikator",
                                          "pembanding", "analisis")}
    for i in range(1, n + 1):
        k, s = f"IK{i}", (i - 1) // 5 + 1
        t["pk"].append({"kode_sasaran": f"S{s}", "sasaran": f"Sasaran nomor {s}", "kode": k, "satuan": "%",
                        "indikator": f"Persentase fasilitasi kegiatan nomor {i}", "polaritas": "Positif",
                        "target": 100, "aturan_sub": "Rata-rata"})
        t["capaian"].append({"kode": k, **{f"real_tw{q}": 20 * q + i % 10 for q in range(1, 4)}})
        t["anggaran"].append({"kode": f"{s}.{i}", "level": "Kegiatan", "uraian": f"Kegiatan nomor {i}",
                              "kode_indikator": k, "pagu": 10_000_000 + i, "real_tw4": 9_000_000 + i})
        t["renstra"].append({"kode": k, "kondisi_awal": 50, **{f"target_{y}": 100 for y in range(1, 7)}})
        t["riwayat"] += [{"kode": k, "tahun": 2019 + y, "realisasi": 60 + y + i % 5} for y in range(5)]
        t["sub_indikator"] += [{"kode_induk": k, "kode": f"{k}.{c}", "uraian": f"Sub indikator {c}", "target": 100,
                                "realisasi": 90 + (i + ord(c)) % 11, "basis": 5508} for c in "abcd"]
        t["pembanding"].append({"kode": k, "nilai": 80, "level": "Provinsi", "tahun": 2023, "sumber": "BPS"})
        t["analisis"].append({"kode": k, "penghambat": "Keterbatasan SDM", "upaya": "Pendampingan"})
    ident = dict(IDENTITAS, tahun=2024, periode="Tahunan", tanggal=dt.date(2025, 2, 20),
                 renstra_awal=2021, renstra_akhir=2026)
    new_workbook(ident, **t).save(path)
    return path


def best(fn, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    for title, maker in (("triwulan", make), ("tahunan", make_tahunan)):
        table(title, maker, args.repeat)
    return 0


def table(title: str, maker, repeat: int) -> None:
    print(f"{title}:")
    print(f"{'indikator':>9} {'baca (ms)':>10} {'hitung (ms)':>11} {'validasi (ms)':>13} {'total/ind (ms)':>15} {'file (KB)':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (10, 100, 1000):
            path = maker(Path(tmp) / f"wb{n}.xlsx", n)
            t_read, lap = best(lambda: read_workbook(path), repeat)
            t_calc, hasil = best(lambda: hitung(lap), repeat)
            t_val, problems = best(lambda: validate(lap, hasil), repeat)
            assert len(hasil.indikator) == n
            total = t_read + t_calc + t_val
            print(f"{n:>9} {t_read * 1e3:>10.1f} {t_calc * 1e3:>11.2f} {t_val * 1e3:>13.2f} "
                  f"{total * 1e3 / n:>15.3f} {path.stat().st_size / 1024:>9.0f}")


if __name__ == "__main__":
    raise SystemExit(main())
