"""Benchmark of one report and of start-up (issue 12's first and sixth rows), as ratios from one run.

    .venv/bin/python benchmarks/bench_report.py            # 7 runs (seed 000) and 3 runs (1,000 indicators)
    .venv/bin/python benchmarks/bench_report.py --quick    # 3 and 1

One report, in one process: `olah_file` + `buat_docx` (reading, validation, calculation, charts, Word)
against the bare pipeline of bench_batch.py (an openpyxl read of every cell of PK and Capaian and a
one-table docxtpl render), for contoh/000 (seed 000, 6 indicators) and a generated workbook of 1,000
indicators. Both are warmed up once (imports, font and template caches), then run alternately; the
medians are compared.

Start-up: `lkj --help` and `lkj validasi contoh/000...xlsx` as fresh processes against `python -c pass`
(medians of alternating runs), and which heavy libraries `lkj validasi` loads.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_batch import SEED000, _baseline_template, baseline_one  # noqa: E402

HEAVY = ("matplotlib", "docx", "docxtpl", "jinja2", "PIL", "xlwings", "pandas", "numpy")


def _report(src: Path, out: Path) -> None:
    from lkj_xl.core.engine import olah_file
    from lkj_xl.report.rendering import buat_docx
    o = olah_file(src)
    buat_docx(o, out, draf=o.ada_kesalahan, folder_foto=src.parent)


def _alternate(fns: dict[str, callable], repeat: int) -> dict[str, float]:
    for fn in fns.values():         # warm-up
        fn()
    times: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(repeat):
        for k, fn in fns.items():
            t = time.perf_counter()
            fn()
            times[k].append(time.perf_counter() - t)
    return {k: statistics.median(v) for k, v in times.items()}


def one_report(label: str, src: Path, tmp: Path, repeat: int) -> None:
    template = _baseline_template(tmp / "_templat.docx")
    m = _alternate({"lkj": lambda: _report(src, tmp / "lkj.docx"),
                    "bare": lambda: baseline_one((str(src), str(template), str(tmp / "bare.docx")))}, repeat)
    print(f"  {label:<34} laporan {m['lkj'] * 1e3:7.0f} ms   pipa dasar {m['bare'] * 1e3:6.0f} ms   "
          f"= {m['lkj'] / m['bare']:.2f}x   (median {repeat}, beban {os.getloadavg()[0]:.2f})", flush=True)


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from lkj_xl.cli import main; sys.exit(main())", *args]


def startup(repeat: int) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmds = {"python -c pass": [sys.executable, "-c", "pass"],
            "lkj --help": _cli("--help"),
            "lkj validasi (seed 000)": _cli("validasi", str(SEED000))}
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(repeat + 1):
        for k, cmd in cmds.items():
            t = time.perf_counter()
            subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[k].append(time.perf_counter() - t)
    med = {k: statistics.median(v[1:]) for k, v in times.items()}        # first round: disk cache warm-up
    base = med["python -c pass"]
    for k, v in med.items():
        print(f"  {k:<34} {v * 1e3:7.0f} ms   = {v / base:5.1f}x python -c pass")
    probe = ("import atexit, sys\n"
             f"atexit.register(lambda: print(','.join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr))\n"
             "sys.argv = ['lkj', 'validasi', sys.argv[1]]\n"
             "from lkj_xl.cli import main\nmain()\n")
    r = subprocess.run([sys.executable, "-c", probe, str(SEED000)], env=env, capture_output=True, text=True)
    loaded = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ""
    print(f"  pustaka berat yang dimuat 'lkj validasi': {loaded or '(tidak ada)'}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    from workbooks import make

    print(f"Mesin: {os.cpu_count()} inti, Python {sys.version.split()[0]}, beban awal {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="bench_report_") as tmp:
        tmp = Path(tmp)
        big = make(tmp / "besar_1000.xlsx", 1000)
        print("Satu laporan vs pipa dasar, dalam satu proses:")
        one_report("seed 000 (6 indikator)", SEED000, tmp, 3 if args.quick else 7)
        one_report("1.000 indikator", big, tmp, 1 if args.quick else 3)
    print("Waktu mulai (proses baru):")
    startup(3 if args.quick else 5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
