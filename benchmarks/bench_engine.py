"""Engine benchmark: read, compute and validate time for workbooks of 10, 100 and 1,000 indicators.

    python benchmarks/bench_engine.py [--repeat 5]

Prints the best of `repeat` runs per stage and the cost per indicator, which should stay roughly
constant (linear growth).
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
from workbooks import make  # noqa: E402


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
    print(f"{'indikator':>9} {'baca (ms)':>10} {'hitung (ms)':>11} {'validasi (ms)':>13} {'total/ind (ms)':>15} {'file (KB)':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (10, 100, 1000):
            path = make(Path(tmp) / f"wb{n}.xlsx", n)
            t_read, lap = best(lambda: read_workbook(path), args.repeat)
            t_calc, hasil = best(lambda: hitung(lap), args.repeat)
            t_val, problems = best(lambda: validate(lap, hasil), args.repeat)
            assert len(hasil.indikator) == n
            total = t_read + t_calc + t_val
            print(f"{n:>9} {t_read * 1e3:>10.1f} {t_calc * 1e3:>11.2f} {t_val * 1e3:>13.2f} "
                  f"{total * 1e3 / n:>15.3f} {path.stat().st_size / 1024:>9.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
