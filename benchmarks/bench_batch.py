"""Benchmark of `lkj batch` (issue 12's batch rows): --jobs 1 against the baseline over the same files,
--jobs 2 against --jobs 1, the PDF cost per report, the time to the first result, and peak memory.

    .venv/bin/python benchmarks/bench_batch.py            # 50 seed-000-size + 4 workbooks of 1,000 indicators,
                                                          # each variant 3 times (median), 10 PDFs
    .venv/bin/python benchmarks/bench_batch.py --quick    # 20 + 2, once each, and 4 PDFs
    .venv/bin/python benchmarks/bench_batch.py --pdf-awal # only: PDF per report (old way vs now) and first-result latency

Workbooks are generated in a temporary folder: the small ones are copies of contoh/000 (seed 000:
6 indicators) and the large ones of one 1,000-indicator workbook (benchmarks/workbooks.make), each
copy with its own unit name and NIP (patched in the shared strings), so names and cross checks behave
as in a real folder.

Each measured run is a fresh Python process, so its memory figures are its own:
- peak tree RSS: psutil samples the RSS of the process and all its descendants (pool workers,
  forkserver) every 20 ms and keeps the highest sum;
- maxrss: resource.getrusage, RUSAGE_SELF (parent) + RUSAGE_CHILDREN (largest single child that was
  waited for; pool workers started by the forkserver are its children, not ours, so for lkj runs the
  tree figure is the one that counts).
The 1-minute load average at the end of each run is printed: on a shared machine, figures taken under
load are slower than the code is.

Baseline (the "bare pipeline" of issue 12, unchanged since the issue measured it): what any tool has to
do at least: an openpyxl read-only read of every cell of the PK and Capaian sheets (and the unit's
name), and a docxtpl render of a minimal template with one table of the indicators, one .docx per
workbook.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

SEED000 = ROOT / "contoh" / "000_bagian_organisasi_tw3_2023.xlsx"


# ---------------------------------------------------------------- workbooks

def _patched_copy(src: Path, dst: Path, replacements: dict[str, str]) -> None:
    """Copy an .xlsx, replacing whole shared strings (<t>old</t> -> <t>new</t>)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/sharedStrings.xml":
                text = data.decode("utf-8")
                for old, new in replacements.items():
                    text = text.replace(f">{old}</t>", f">{new}</t>")
                data = text.encode("utf-8")
            zout.writestr(item, data)


def generate(folder: Path, n_small: int, n_large: int) -> tuple[Path, Path]:
    from workbooks import IDENTITAS, make

    small, large = folder / "kecil", folder / "besar"
    small.mkdir(parents=True)
    large.mkdir(parents=True)
    for i in range(1, n_small + 1):
        _patched_copy(SEED000, small / f"kecil_{i:04}.xlsx",
                      {"Bagian Organisasi Setda": f"Bagian Organisasi {i:04}",
                       "19870404 200701 1 002": f"19870404 200701 1 {i % 999 + 1:03}"})
    if n_large:
        proto = folder / "proto_1000.xlsx"
        make(proto, 1000)
        for i in range(1, n_large + 1):
            _patched_copy(proto, large / f"besar_{i:03}.xlsx",
                          {"Bagian Uji": f"Bagian Uji {i:03}", IDENTITAS["nip"]: f"19870404 200701 1 {i % 999 + 1:03}"})
        proto.unlink()
    return small, large


def subset(folder: Path, n: int, dest: Path) -> Path:
    dest.mkdir(parents=True)
    for p in sorted(folder.glob("*.xlsx"))[:n]:
        os.link(p, dest / p.name) if hasattr(os, "link") else shutil.copy2(p, dest / p.name)
    return dest


# ---------------------------------------------------------------- measured runs (in a child process)

class TreeRss:
    """Peak of RSS summed over this process and its descendants, sampled in a thread."""

    def __init__(self, every: float = 0.02):
        import psutil
        self.proc = psutil.Process()
        self.every = every
        self.peak = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil
        while not self._stop.is_set():
            total = 0
            for p in [self.proc] + self.proc.children(recursive=True):
                try:
                    total += p.memory_info().rss
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(self.every)

    def __enter__(self):
        self._t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._t.join()


def _baseline_template(path: Path) -> Path:
    from docx import Document
    doc = Document()
    doc.add_heading("{{ judul }}", 1)
    table = doc.add_table(rows=4, cols=4)
    for j, h in enumerate(("Kode", "Indikator", "Target", "Realisasi")):
        table.cell(0, j).text = h
    table.cell(1, 0).text = "{%tr for r in baris %}"
    for j, key in enumerate(("kode", "indikator", "target", "realisasi")):
        table.cell(2, j).text = "{{ r.%s }}" % key
    table.cell(3, 0).text = "{%tr endfor %}"
    doc.save(path)
    return path


def baseline_one(args: tuple[str, str, str]) -> None:
    src, template, out = args
    from docxtpl import DocxTemplate
    from openpyxl import load_workbook

    wb = load_workbook(src, read_only=True, data_only=True)
    try:
        pk = [r for r in wb["PK"].iter_rows(min_row=4, values_only=True) if r and r[3]]
        cap = {r[0]: r for r in wb["Capaian"].iter_rows(min_row=4, values_only=True) if r and r[0]}
        judul = next((r[1] for r in wb["Identitas"].iter_rows(min_row=5, max_row=5, values_only=True)), "")
    finally:
        wb.close()
    rows = [{"kode": r[3], "indikator": r[4], "target": r[7], "realisasi": (cap.get(r[3]) or [None] * 5)[4]}
            for r in pk]
    tpl = DocxTemplate(template)
    tpl.render({"judul": judul, "baris": rows}, autoescape=True)
    tpl.save(out)


def run_child(kind: str, folder: Path, out: Path, jobs: int) -> dict:
    t0 = time.perf_counter()
    first: list[float] = []
    with TreeRss() as tree:
        if kind in ("lkj", "lkj_pdf"):
            from lkj_xl.batch.runner import Pemantau, jalankan

            class First(Pemantau):
                def selesai(self, hf, jumlah_selesai, total):
                    if not first:
                        first.append(time.perf_counter() - t0)

            hasil = jalankan(folder, out, jobs=jobs, pdf=kind == "lkj_pdf", pemantau=First())
            n = sum(f.docx is not None for f in hasil.files)
            failed = len(hasil.files) - n
            reasons = sorted({f"{f.status}: {f.alasan[:160]}" for f in hasil.files if f.docx is None})
        else:
            out.mkdir(parents=True, exist_ok=True)
            template = _baseline_template(out / "_templat.docx")
            work = [(str(p), str(template), str(out / f"{p.stem}.docx")) for p in sorted(folder.glob("*.xlsx"))]
            if jobs == 1:
                for w in work:
                    baseline_one(w)
            else:
                with ProcessPoolExecutor(jobs) as ex:
                    list(ex.map(baseline_one, work, chunksize=4))
            n, failed, reasons = len(work), 0, []
    seconds = time.perf_counter() - t0
    kb = 1 if sys.platform != "darwin" else 1 / 1024       # ru_maxrss: KiB on Linux, bytes on macOS
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * kb / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * kb / 1024
    return {"reports": n, "failed": failed, "seconds": seconds, "per_s": n / seconds,
            "tree_peak_mb": tree.peak / 2**20, "maxrss_self_mb": self_mb, "maxrss_children_mb": child_mb,
            "reasons": reasons, "load": os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0,
            "first_s": first[0] if first else None}


def median_run(runs: list[dict]) -> dict:
    """The run with the median time (its own memory and load figures), with every time it took."""
    runs = sorted(runs, key=lambda r: r["seconds"])
    return {**runs[len(runs) // 2], "all_seconds": [r["seconds"] for r in runs]}


def measure(kind: str, folder: Path, jobs: int, scratch: Path) -> dict:
    out = Path(tempfile.mkdtemp(prefix=f"out_{kind}_", dir=scratch))
    cmd = [sys.executable, __file__, "--_child", kind, str(folder), str(out), str(jobs)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"run failed: {' '.join(cmd)}\n{proc.stderr}")
    shutil.rmtree(out, ignore_errors=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- PDF per report, first result

def _pdf_lama(docxs: list[Path], out: Path, jobs: int) -> float:
    """The conversion as it was before issue 12: one LibreOffice per file, each with a fresh profile,
    `jobs` at a time (one per batch worker)."""
    from lkj_xl.report.pdf import cari_soffice

    soffice = cari_soffice()

    def one(d: Path) -> None:
        profile = Path(tempfile.mkdtemp(prefix="lkj_lo_profil_"))
        try:
            subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                            "--nologo", "--nolockcheck", "--convert-to", "pdf", "--outdir", str(out / d.stem), str(d)],
                           capture_output=True, stdin=subprocess.DEVNULL, timeout=600)
        finally:
            shutil.rmtree(profile, ignore_errors=True)

    from concurrent.futures import ThreadPoolExecutor
    t0 = time.perf_counter()
    with ThreadPoolExecutor(jobs) as ex:
        list(ex.map(one, docxs))
    return time.perf_counter() - t0


def pdf_rows(small: Path, n: int, scratch: Path, jobs: int = 2) -> None:
    """PDF added per report, the way before (one LibreOffice per file) and now (one per worker),
    over the same .docx files in the same run; and the batch with and without --pdf."""
    from lkj_xl.batch.pdf import buat_pdf_semua
    from lkj_xl.batch.runner import jalankan
    from lkj_xl.report.pdf import cari_soffice

    if not cari_soffice():
        print("PDF: LibreOffice tidak ada, dilewati")
        return
    folder = subset(small, n, scratch / f"pdf_{n}")
    t0 = time.perf_counter()
    hasil = jalankan(folder, scratch / "pdf_docx", jobs=jobs)
    t_docx = time.perf_counter() - t0
    docxs = [f.docx for f in hasil.files if f.docx is not None]
    t_old = _pdf_lama(docxs, scratch / "pdf_lama", jobs)
    t0 = time.perf_counter()
    made = buat_pdf_semua(docxs, jobs, scratch / "pdf_kerja", 600)
    t_new = time.perf_counter() - t0
    assert all(isinstance(v, Path) for v in made.values()), made
    t0 = time.perf_counter()
    jalankan(folder, scratch / "pdf_batch", jobs=jobs, pdf=True)
    t_batch = time.perf_counter() - t0
    k = len(docxs)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(f"PDF, {k} laporan seukuran seed 000, {jobs} pekerja (beban {load:.1f}):")
    print(f"  cara lama, satu LibreOffice per file:     {t_old:6.1f} s = {t_old / k:5.2f} s per laporan")
    print(f"  sekarang, satu LibreOffice per pekerja:   {t_new:6.1f} s = {t_new / k:5.2f} s per laporan"
          f"   ({t_old / t_new:.1f}x lebih cepat)")
    print(f"  lkj batch --pdf vs tanpa --pdf: {t_batch:.1f} s vs {t_docx:.1f} s = "
          f"+{(t_batch - t_docx) / k:.2f} s per laporan\n")


def _first_result_child(folder: str, out: str, kind: str) -> None:
    """Seconds from the start to the first finished report: lkj's runner; the pool as it was before
    issue 12 (a ProcessPoolExecutor whose forkserver preloaded the engine and the renderer of then);
    or one report in one freshly spawned process (what each worker costs without a fork server)."""
    t0 = time.perf_counter()
    if kind == "lkj":
        from lkj_xl.batch.runner import Pemantau, jalankan

        class First(Pemantau):
            first = None

            def selesai(self, hf, jumlah_selesai, total):
                First.first = First.first or time.perf_counter() - t0
        jalankan(Path(folder), Path(out), jobs=2, pemantau=First())
        print(json.dumps({"first": First.first, "total": time.perf_counter() - t0}))
        return
    import multiprocessing as mp
    from concurrent.futures import FIRST_COMPLETED, wait

    from lkj_xl.batch.job import Pekerjaan, proses_file
    if kind == "lama":
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["lkj_xl.core.engine", "lkj_xl.report.rendering"])
    else:   # "satu": one report in one fresh process, the least any first result can cost
        ctx = mp.get_context("spawn")
    paths = sorted(Path(folder).glob("*.xlsx"))[: 1 if kind == "satu" else None]
    jobs = [Pekerjaan(k, str(p), p.name, out, ".~lkj-bench-") for k, p in enumerate(paths, 1)]
    with ProcessPoolExecutor(1 if kind == "satu" else 2, mp_context=ctx) as ex:
        futs = [ex.submit(proses_file, j) for j in jobs]
        wait(futs, return_when=FIRST_COMPLETED)
        first = time.perf_counter() - t0
    print(json.dumps({"first": first, "total": time.perf_counter() - t0}))


def start_rows(small: Path, scratch: Path, n: int = 8) -> None:
    folder = subset(small, n, scratch / f"awal_{n}")
    got = {}
    for kind in ("satu", "lama", "lkj"):
        out = Path(tempfile.mkdtemp(prefix=f"awal_{kind}_", dir=scratch))
        proc = subprocess.run([sys.executable, __file__, "--_awal", str(folder), str(out), kind],
                              capture_output=True, text=True, cwd=ROOT)
        if proc.returncode != 0:
            raise SystemExit(proc.stderr)
        got[kind] = json.loads(proc.stdout.strip().splitlines()[-1])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(f"Hasil pertama, --jobs 2, {n} workbook (beban {load:.1f}):")
    print(f"  satu laporan dalam satu proses spawn baru:          {got['satu']['first']:.2f} s")
    print(f"  pool lama (forkserver memuat engine+renderer dulu): {got['lama']['first']:.2f} s")
    print(f"  lkj batch sekarang (fork server memuat batch.siap): {got['lkj']['first']:.2f} s "
          f"= {got['lkj']['first'] / got['satu']['first']:.2f}x proses spawn baru\n")


# ---------------------------------------------------------------- report

def _row(label: str, r: dict) -> str:
    return (f"  {label:<30} {r['reports']:>4} laporan {r['seconds']:>7.1f} s {r['per_s']:>7.2f} lap/s   "
            f"puncak RSS pohon {r['tree_peak_mb']:>6.0f} MB   maxrss induk {r['maxrss_self_mb']:>5.0f} MB "
            f"+ anak {r['maxrss_children_mb']:>5.0f} MB   beban {r['load']:.1f}"
            + (f"   GAGAL {r['failed']}: {'; '.join(r['reasons'])}" if r["failed"] else ""))


def _ratio_rows(name: str, results: dict) -> None:
    lk1, bl1, lk2 = results[(name, "lkj", 1)], results[(name, "baseline", 1)], results[(name, "lkj", 2)]
    print(f"  lkj batch --jobs 1 vs baseline (1 proses), waktu: {lk1['seconds']:.1f} s vs {bl1['seconds']:.1f} s "
          f"= {lk1['seconds'] / bl1['seconds']:.2f}x")
    print(f"  --jobs 2 vs --jobs 1, laporan/detik: {lk2['per_s']:.2f} vs {lk1['per_s']:.2f} "
          f"= {lk2['per_s'] / lk1['per_s']:.2f}x")
    for jobs in (1, 2):
        r = results[(name, "lkj", jobs)]
        if r.get("first_s") is not None:
            print(f"  --jobs {jobs}: hasil pertama setelah {r['first_s']:.2f} s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="20 small + 2 large workbooks, 4 PDFs")
    ap.add_argument("--kecil", type=int, help="number of seed-000-size workbooks (default 50, quick 20)")
    ap.add_argument("--besar", type=int, help="number of 1,000-indicator workbooks (default 4, quick 2)")
    ap.add_argument("--pdf", type=int, help="workbooks converted with --pdf (default 10, quick 4; 0: skip)")
    ap.add_argument("--ulang", type=int, help="runs of each batch variant, median kept (default 3, quick 1)")
    ap.add_argument("--pdf-awal", action="store_true", help="only the PDF rows and the first-result latency")
    ap.add_argument("--pdf-laporan", type=int, default=10, help="reports converted in the PDF rows (default 10)")
    ap.add_argument("--_child", nargs=4, help=argparse.SUPPRESS)
    ap.add_argument("--_awal", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._awal:
        _first_result_child(*args._awal)
        return 0
    if args._child:
        kind, folder, out, jobs = args._child
        print(json.dumps(run_child(kind, Path(folder), Path(out), int(jobs))))
        return 0

    n_small = args.kecil or (20 if args.quick else 50)
    n_large = args.besar if args.besar is not None else (2 if args.quick else 4)
    n_pdf = args.pdf if args.pdf is not None else (4 if args.quick else 10)
    args.ulang = max(1, args.ulang or (1 if args.quick else 3))
    print(f"Mesin: {os.cpu_count()} inti, Python {sys.version.split()[0]}, {sys.platform}, "
          f"beban awal {os.getloadavg()[0]:.2f}")
    if args.pdf_awal:
        with tempfile.TemporaryDirectory(prefix="bench_batch_") as tmp:
            small, _ = generate(Path(tmp), max(args.pdf_laporan, 8), 0)
            start_rows(small, Path(tmp))
            pdf_rows(small, args.pdf_laporan, Path(tmp))
        return 0
    with tempfile.TemporaryDirectory(prefix="bench_batch_") as tmp:
        scratch = Path(tmp)
        t = time.perf_counter()
        small, large = generate(scratch, n_small, n_large)
        print(f"Membuat {n_small} workbook seukuran seed 000 (6 indikator) dan {n_large} workbook "
              f"1.000 indikator: {time.perf_counter() - t:.1f} s\n")
        results: dict[tuple[str, str, int], dict] = {}
        sets = [("kecil", small, n_small)] + ([("besar", large, n_large)] if n_large else [])
        variants = [(kind, jobs) for jobs in (1, 2) for kind in ("lkj", "baseline")]
        for name, folder, n in sets:
            print(f"{name}: {n} workbook, median {args.ulang} putaran (varian bergantian)")
            runs: dict = {v: [] for v in variants}
            for _ in range(args.ulang):          # alternating: a change of load hits every variant alike
                for kind, jobs in variants:
                    runs[(kind, jobs)].append(measure(kind, folder, jobs, scratch))
            for kind, jobs in variants:
                r = results[(name, kind, jobs)] = median_run(runs[(kind, jobs)])
                label = f"lkj batch --jobs {jobs}" if kind == "lkj" else f"baseline, {jobs} proses"
                print(_row(label, r) + "   [" + " ".join(f"{t:.2f}" for t in r["all_seconds"]) + " s]", flush=True)
            _ratio_rows(name, results)
            print()

        if n_pdf and shutil.which("soffice"):
            sub = subset(small, n_pdf, scratch / f"pdf_{n_pdf}")
            for jobs in (1, 2):          # 2 = the default on this machine (one worker per core)
                print(f"PDF: {n_pdf} workbook kecil, --jobs {jobs}")
                plain, with_pdf = measure("lkj", sub, jobs, scratch), measure("lkj_pdf", sub, jobs, scratch)
                print(_row("tanpa --pdf", plain))
                print(_row("dengan --pdf", with_pdf))
                print(f"  tambahan per laporan karena PDF (--jobs {jobs}): "
                      f"{(with_pdf['seconds'] - plain['seconds']) / n_pdf:+.2f} s")
                print()
        elif n_pdf:
            print("PDF: LibreOffice (soffice) tidak ada, baris PDF dilewati\n")

        n_flat = max(1, n_small // 4)
        sub = subset(small, n_flat, scratch / f"kecil_{n_flat}")
        print("Memori terhadap jumlah file (lkj batch --jobs 2, workbook kecil):")
        r_few, r_all = measure("lkj", sub, 2, scratch), results[("kecil", "lkj", 2)]
        print(_row(f"{n_flat} file", r_few))
        print(_row(f"{n_small} file", r_all))
        print(f"  puncak RSS pohon {n_small} vs {n_flat} file: "
              f"{r_all['tree_peak_mb'] / r_few['tree_peak_mb']:.2f}x (datar bila mendekati 1)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
