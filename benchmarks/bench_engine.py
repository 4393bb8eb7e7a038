"""Engine benchmark: read, compute and validate time for workbooks of 10, 100 and 1,000 indicators.

    python benchmarks/bench_engine.py [--repeat 5] [--quick]

Prints the best of `repeat` runs per stage and the cost per indicator, which should stay roughly
constant (linear growth); then, for issue 12, the whole engine (`olah_file`: read, validate, compute)
at 1,000 indicators against an openpyxl read-only read of every cell of the same file (median of
alternating runs).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from lkj_xl.core.engine import olah_file  # noqa: E402
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
    ap.add_argument("--quick", action="store_true", help="2 runs instead of --repeat")
    args = ap.parse_args()
    if args.quick:
        args.repeat = 2
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
        engine_vs_read(path, args.repeat)
    return 0


def _read_every_cell(path: Path) -> None:
    from openpyxl import load_workbook
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        for ws in wb.worksheets:
            for _ in ws.iter_rows(values_only=True):
                pass
    finally:
        wb.close()


def engine_vs_read(path: Path, repeat: int) -> None:
    times: dict[str, list[float]] = {"engine": [], "read": []}
    for _ in range(repeat):
        for key, fn in (("engine", lambda: olah_file(path)), ("read", lambda: _read_every_cell(path))):
            t = time.perf_counter()
            fn()
            times[key].append(time.perf_counter() - t)
    e, r = statistics.median(times["engine"]), statistics.median(times["read"])
    print(f"\nmesin (olah_file), 1.000 indikator: {e * 1e3:.0f} ms; baca openpyxl setiap sel: {r * 1e3:.0f} ms "
          f"= {e / r:.2f}x (median {repeat}, beban {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    raise SystemExit(main())
