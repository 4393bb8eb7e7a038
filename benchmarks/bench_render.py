"""Rendering benchmark: time per report for the .docx alone and for .docx + PDF (LibreOffice).

    .venv/bin/python benchmarks/bench_render.py [--repeat 3] [--no-pdf]

Runs over the example workbooks in contoh/ (reading and validation excluded: they are measured by
bench_engine.py). Prints, per workbook, the median of `repeat` runs, and the mean over all workbooks and
per document (triwulan: the quarterly LKj; tahunan: the annual LKjIP, whose PDF also updates its Daftar Isi).
The PDF step starts a fresh LibreOffice with its own profile each time, as the batch workers do.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lkj_xl.core.engine import olah_file  # noqa: E402
from lkj_xl.report.pdf import cari_soffice  # noqa: E402
from lkj_xl.report.rendering import buat_docx, buat_pdf, jenis_laporan  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-pdf", action="store_true")
    args = ap.parse_args()
    books = sorted((ROOT / "contoh").glob("*.xlsx"))
    pdf = not args.no_pdf and cari_soffice() is not None
    if not args.no_pdf and not pdf:
        print("LibreOffice (soffice) tidak ditemukan: hanya .docx yang diukur.")
    tmp = Path(tempfile.mkdtemp(prefix="bench_render_"))
    docx_times, pdf_times = [], []
    per_jenis: dict[str, tuple[list, list]] = {}
    print(f"{'workbook':48} {'jenis':>8} {'indikator':>9} {'.docx (s)':>10} {'.docx+PDF (s)':>14}")
    try:
        for book in books:
            o = olah_file(book)
            d_runs, p_runs = [], []
            for i in range(args.repeat):
                t0 = time.perf_counter()
                out = buat_docx(o, tmp / f"{book.stem}_{i}.docx", draf=o.ada_kesalahan)
                t1 = time.perf_counter()
                d_runs.append(t1 - t0)
                if pdf:
                    buat_pdf(out, tmp)
                    p_runs.append(time.perf_counter() - t0)
            d, p = statistics.median(d_runs), (statistics.median(p_runs) if p_runs else None)
            docx_times.append(d)
            jenis = jenis_laporan(o)
            per_jenis.setdefault(jenis, ([], []))[0].append(d)
            if p is not None:
                pdf_times.append(p)
                per_jenis[jenis][1].append(p)
            print(f"{book.name:48} {jenis:>8} {len(o.hasil.indikator):>9} {d:>10.3f} "
                  f"{p if p is not None else float('nan'):>14.3f}")
        print(f"{'rata-rata per laporan':48} {'':>8} {'':>9} {statistics.mean(docx_times):>10.3f} "
              f"{statistics.mean(pdf_times) if pdf_times else float('nan'):>14.3f}")
        for jenis, (d_list, p_list) in sorted(per_jenis.items()):
            print(f"{'rata-rata per laporan ' + jenis:48} {'':>8} {'':>9} {statistics.mean(d_list):>10.3f} "
                  f"{statistics.mean(p_list) if p_list else float('nan'):>14.3f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
