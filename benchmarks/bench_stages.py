"""Where the time of one report goes: each step of `olah_file` + `buat_docx` timed on its own.

    .venv/bin/python benchmarks/bench_stages.py            # a generated workbook of 1,000 indicators
    .venv/bin/python benchmarks/bench_stages.py --n 0      # contoh/000 (seed 000, 6 indicators)

Every step is wrapped with a timer (perf_counter) for the measured runs; one warm-up run first. The
steps nest (`_render` holds the Jinja rendering and docxtpl's passes; `buat_docx` holds all of
rendering), so the rows do not add up to the total. For finding what to make faster, not a benchmark
of record: `bench_report.py` gives the ratios.
"""
from __future__ import annotations

import argparse
import functools
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import jinja2.environment  # noqa: E402

import workbooks  # noqa: E402
from lkj_xl.core import engine, reading  # noqa: E402
from lkj_xl.report import charts, fast_template, rendering  # noqa: E402

SEED000 = ROOT / "contoh" / "000_bagian_organisasi_tw3_2023.xlsx"
STEPS = [(engine, "olah_file"), (reading, "read_grids"), (rendering, "konteks"), (rendering, "_open"),
         (charts, "grafik_capaian"), (charts, "grafik_serapan"), (rendering, "_render"),
         (jinja2.environment.Template, "render"), (fast_template.FastDocxTemplate, "resolve_listing"),
         (fast_template.FastDocxTemplate, "fix_tables"), (rendering, "_sort_tcpr"), (rendering, "atomic_save"),
         (rendering, "buat_docx")]


def _timed(owner, name: str, spent: dict[str, list[float]]) -> None:
    fn = getattr(owner, name)

    @functools.wraps(fn)
    def timed(*args, **kwargs):
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name].append(time.perf_counter() - t)
    setattr(owner, name, timed)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000, help="indicators (0: contoh/000)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    spent: dict[str, list[float]] = defaultdict(list)
    for owner, name in STEPS:
        _timed(owner, name, spent)
    with tempfile.TemporaryDirectory() as tmp:
        src = SEED000 if args.n == 0 else workbooks.make(Path(tmp) / "w.xlsx", args.n)

        def run() -> None:
            o = engine.olah_file(src)
            rendering.buat_docx(o, Path(tmp) / "laporan.docx", draf=o.ada_kesalahan, folder_foto=src.parent)
        run()
        spent.clear()
        t = time.perf_counter()
        for _ in range(args.repeat):
            run()
        total = (time.perf_counter() - t) / args.repeat
    print(f"{args.n or 'seed 000'} indikator: {total * 1e3:.0f} ms per laporan (rata-rata {args.repeat}, "
          f"beban {os.getloadavg()[0]:.2f})")
    for name, times in spent.items():
        print(f"  {name:<18} {sum(times) / args.repeat * 1e3:8.1f} ms  ({len(times) // args.repeat} kali)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
