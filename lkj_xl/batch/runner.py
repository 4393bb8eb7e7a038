"""Batch: a folder of workbooks -> every report, a recap workbook, and checks across reports.

    hasil = jalankan(Path("masuk"), Path("keluaran"), jobs=4, gabung=True)
    hasil.kode_keluar   # 0 all fine, 1 something failed or has errors

Design:
- One worker call per workbook (`proses_file`): read -> compute -> validate -> render to a temporary
  file in the output folder. It never raises: every failure becomes a status and a Problem, so one
  bad workbook never stops the batch. A worker process that dies (segfault, out of memory) breaks
  the pool; the workbooks that were in flight are retried one by one in a fresh process and the
  culprit is listed as failed.
- Workers run in a process pool (forkserver on Linux, spawn elsewhere), with a bounded number of
  tasks in flight and recycled workers, so memory stays flat however many files there are.
  `jobs=1` runs everything in this process (for debugging).
- Final names are given in the parent, in input order, once everything is rendered: names are
  deterministic whatever order the workers finish in. Every file appears by os.replace of a
  complete temporary file in the same folder; an interrupted run deletes its temporary files.
- Inputs are opened read-only and never written.
"""
from __future__ import annotations

import importlib.util
import multiprocessing as mp
import os
import secrets
import signal
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from . import crosscheck
from ..core.problems import ERROR, LkjError
from ..workbook.writing import TMP_PREFIX, usual_permissions
from .bundle import gabung_per_folder, pdf_atomic
from .crosscheck import MasalahLintas
from .discovery import cari_workbook, di_dalam
from .job import BERHASIL, DITOLAK, DRAF, GAGAL, HasilFile, Pekerjaan, gagal, hapus, proses_file
from .naming import PemberiNama, beri_nama, folder_keluaran

MAX_TUGAS_PER_PROSES = 50        # recycle worker processes: keeps memory flat over long batches
SISA_TMP_LAMA = 6 * 3600         # temporary files of killed runs older than this are removed


# ---------------------------------------------------------------- running many

class Pemantau:
    """Progress callbacks; the CLI draws a progress bar from them. All methods are optional."""

    def mulai(self, total: int, dilewati: int) -> None: ...
    def selesai(self, hf: HasilFile, jumlah_selesai: int, total: int) -> None: ...
    def tahap(self, teks: str) -> None: ...


def _init_worker() -> None:
    # Ctrl-C goes to the whole process group: let the parent alone decide, and stop workers cleanly.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _context():
    methods = mp.get_all_start_methods()
    if "forkserver" in methods:
        ctx = mp.get_context("forkserver")
        preload = ["lkj_xl.batch", "lkj_xl.engine"]
        if importlib.util.find_spec("lkj_xl.rendering") is not None:
            preload.append("lkj_xl.rendering")
        ctx.set_forkserver_preload(preload)
        return ctx
    return mp.get_context("spawn")


def _pool(n: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=n, mp_context=_context(), initializer=_init_worker,
                               max_tasks_per_child=MAX_TUGAS_PER_PROSES)


def _stop(ex: ProcessPoolExecutor) -> None:
    """Stop a pool now: terminate its workers (they may be writing temporary files) and wait."""
    procs = list((getattr(ex, "_processes", None) or {}).values())
    for p in procs:
        try:
            p.terminate()
        except Exception:
            pass
    for p in procs:
        try:
            p.join(5)
        except Exception:
            pass
    ex.shutdown(wait=False, cancel_futures=True)


def _mati(job: Pekerjaan) -> HasilFile:
    hf = HasilFile(job.nomor, job.rel, job.folder_keluaran)
    return gagal(hf, "proses-gagal", alasan="proses pekerja berhenti tiba-tiba (kehabisan memori atau file "
                                            "membuat program macet)")


def _sendiri(job: Pekerjaan, fn: Callable[[Pekerjaan], HasilFile] = proses_file) -> HasilFile:
    """Run one job alone in a fresh process: a second crash marks it as the culprit."""
    ex = ProcessPoolExecutor(max_workers=1, mp_context=_context(), initializer=_init_worker)
    try:
        return ex.submit(fn, job).result()
    except BrokenProcessPool:
        return _mati(job)
    except KeyboardInterrupt:
        _stop(ex)
        raise
    finally:
        ex.shutdown(wait=True, cancel_futures=True)


def _paralel(jobs: list[Pekerjaan], n: int, done: Callable[[HasilFile], None],
             fn: Callable[[Pekerjaan], HasilFile] = proses_file) -> None:
    queue = deque(jobs)
    while queue:
        suspects: list[Pekerjaan] = []
        ex = _pool(n)
        inflight: dict[Future, Pekerjaan] = {}
        try:
            while queue or inflight:
                while queue and len(inflight) < 2 * n:
                    job = queue.popleft()
                    inflight[ex.submit(fn, job)] = job
                finished, _ = wait(inflight, return_when=FIRST_COMPLETED)
                broken = False
                for fut in finished:
                    job = inflight.pop(fut)
                    try:
                        done(fut.result())
                    except BrokenProcessPool:
                        suspects.append(job)
                        broken = True
                    except Exception as exc:     # pickling or other pool-level trouble for this job
                        hf = HasilFile(job.nomor, job.rel, job.folder_keluaran)
                        done(gagal(hf, "proses-gagal", alasan=f"{type(exc).__name__}: {exc}"))
                if broken:
                    suspects.extend(inflight.values())
                    inflight.clear()
                    break
        except KeyboardInterrupt:
            _stop(ex)
            raise
        finally:
            ex.shutdown(wait=True, cancel_futures=True)
        for job in sorted(suspects, key=lambda j: j.nomor):
            done(_sendiri(job, fn))


def _semua(jobs: list[Pekerjaan], n: int, done: Callable[[HasilFile], None]) -> None:
    if n == 1:
        for job in jobs:
            done(proses_file(job))
    else:
        _paralel(jobs, n, done)


# ---------------------------------------------------------------- results

@dataclass
class HasilBatch:
    folder: Path
    keluaran: Path
    files: list[HasilFile]
    lintas: list[MasalahLintas]
    dilewati: list[tuple[str, str]]
    gabungan: list[Path] = field(default_factory=list)
    masalah_batch: list[MasalahLintas] = field(default_factory=list)   # e.g. a failed --gabung
    rekap: Path | None = None
    detik: float = 0.0

    def jumlah(self, status: str) -> int:
        return sum(f.status == status for f in self.files)

    @property
    def kode_keluar(self) -> int:
        if any(f.status != BERHASIL for f in self.files):
            return 1
        every = [p for f in self.files for p in f.masalah] + list(self.lintas) + list(self.masalah_batch)
        return 1 if any(p.severity == ERROR for p in every) else 0


def _bersihkan(out: Path, prefix: str) -> None:
    """Remove every temporary file of this run (and stale ones of killed runs)."""
    if not out.exists():
        return
    now = time.time()
    for p in out.rglob(f"{TMP_PREFIX}*"):
        try:
            stale = now - p.stat().st_mtime > SISA_TMP_LAMA
        except OSError:
            continue
        if p.name.startswith(prefix) or stale:
            hapus(p)


# ---------------------------------------------------------------- entry point

def _periksa_folder(folder: Path, out: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The workbooks to process and the skipped files; LkjError for unusable folders."""
    if not folder.is_dir():
        raise LkjError(f"Folder '{folder}' tidak ditemukan atau bukan folder.")
    if out == folder or di_dalam(folder, out):
        raise LkjError("Folder keluaran tidak boleh sama dengan folder workbook atau berada di atasnya. "
                       "Pilih folder lain, misalnya: -o hasil_lkj")
    if out.exists() and not out.is_dir():
        raise LkjError(f"'{out}' sudah ada dan bukan folder. Pilih nama folder keluaran lain.")
    paths, skipped = cari_workbook(folder, out)
    if not paths:
        raise LkjError(f"Tidak ada workbook .xlsx/.xlsm di folder '{folder}'"
                       + (f" ({len(skipped)} file dilewati: file kunci, cadangan atau rekap)" if skipped else "")
                       + ".")
    return paths, skipped


def _lintas(results: list[HasilFile]) -> list[MasalahLintas]:
    """Checks across reports; each problem is also attached to the workbook it is placed at."""
    lintas = crosscheck.periksa([hf.lintas for hf in results if hf.lintas is not None])
    by_rel = {hf.rel: hf for hf in results}
    for p in lintas:
        if p.file in by_rel:
            by_rel[p.file].masalah_lintas.append(p)
    return lintas


def _kesalahan_lintas(results: list[HasilFile], lintas: list[MasalahLintas], work: dict[int, Pekerjaan],
                      paksa: bool) -> list[Pekerjaan]:
    """A Kesalahan across reports is a Kesalahan of every report it names (where it is placed and
    its other locations), handled like a workbook's own: without --paksa the report is not made
    (Ditolak), with --paksa it is made again as a DRAF. Returns the jobs to render again."""
    named: dict[str, list[MasalahLintas]] = {}
    for p in lintas:
        if p.severity == ERROR:
            for rel in {p.file, *(f for f, _ in p.lain)}:
                named.setdefault(rel, []).append(p)
    again = []
    for hf in results:
        errs = named.get(hf.rel)
        if not errs:
            continue
        codes = ", ".join(sorted({p.code for p in errs}))
        note = f"{len(errs)} kesalahan lintas laporan yang menyebut workbook ini ({codes}; lihat sheet Masalah rekap.xlsx)"
        if hf.status != BERHASIL:
            hf.alasan = f"{hf.alasan} Juga ada {note}.".strip()
            continue
        hapus(hf.tmp_docx)
        hapus(Path(hf.tmp_pdf).parent if hf.tmp_pdf else None)
        hf.tmp_docx = hf.tmp_pdf = None
        if paksa:
            again.append(replace(work[hf.nomor], draf_lintas=note))
        else:
            hf.status = DITOLAK
            hf.alasan = (f"Ada {note}; laporan tidak dibuat. Perbaiki workbook yang bersangkutan, "
                         "atau pakai --paksa untuk membuat DRAF.")
    return again


def _ganti(results: list[HasilFile], hf: HasilFile) -> None:
    """Put a job's second-pass result in place of its first, keeping the problems found across reports."""
    for k, old in enumerate(results):
        if old.nomor == hf.nomor:
            hf.masalah_lintas = old.masalah_lintas
            results[k] = hf
            return


def _tulis_rekap(hasil: HasilBatch) -> None:
    from .rekap import baris_rekap, tulis_rekap   # pandas: imported only once a batch is done

    ringkasan, masalah = baris_rekap(hasil)
    info = [("Folder workbook", str(hasil.folder)), ("Folder keluaran", str(hasil.keluaran)),
            ("Workbook diproses", len(hasil.files)), ("Dilewati", len(hasil.dilewati)),
            ("Berhasil", hasil.jumlah(BERHASIL)), ("Berhasil (DRAF)", hasil.jumlah(DRAF)),
            ("Ditolak", hasil.jumlah(DITOLAK)), ("Gagal", hasil.jumlah(GAGAL)),
            ("Masalah lintas laporan", len(hasil.lintas)), ("Waktu (detik)", round(hasil.detik, 1))]
    info += [(f"Dilewati: {rel}", reason) for rel, reason in hasil.dilewati]
    hasil.rekap = tulis_rekap(hasil.keluaran / "rekap.xlsx", ringkasan, masalah, info)
    usual_permissions(hasil.rekap)


def jalankan(folder: Path, keluaran: Path, *, pdf: bool = False, jobs: int | None = None, gabung: bool = False,
             paksa: bool = False, pemantau: Pemantau | None = None) -> HasilBatch:
    """Process every workbook under `folder` into `keluaran`. Raises LkjError for unusable arguments
    (missing folder, no workbooks, output folder inside the inputs' way); never for a bad workbook."""
    t0 = time.perf_counter()
    mon = pemantau or Pemantau()
    folder, out = Path(folder).resolve(), Path(keluaran).resolve()
    paths, skipped = _periksa_folder(folder, out)
    n = min(max(1, jobs if jobs else (os.cpu_count() or 1)), len(paths))
    out.mkdir(parents=True, exist_ok=True)
    prefix = f"{TMP_PREFIX}{os.getpid()}{secrets.token_hex(3)}-"
    work = []
    for k, path in enumerate(paths, start=1):
        rel = path.relative_to(folder)
        work.append(Pekerjaan(k, str(path), rel.as_posix(), str(folder_keluaran(out, rel)), prefix, pdf, paksa))

    results: list[HasilFile] = []
    mon.mulai(len(work), len(skipped))

    def done(hf: HasilFile) -> None:
        results.append(hf)
        mon.selesai(hf, len(results), len(work))

    try:
        _semua(work, n, done)
        results.sort(key=lambda f: f.nomor)

        mon.tahap("Memeriksa kecocokan antar laporan")
        lintas = _lintas(results)
        again = _kesalahan_lintas(results, lintas, {j.nomor: j for j in work}, paksa)
        if again:
            mon.tahap("Membuat ulang sebagai DRAF")
            _semua(again, n, lambda hf: _ganti(results, hf))
        namers: dict[Path, PemberiNama] = {Path(hf.folder_keluaran): PemberiNama() for hf in results}
        namers.setdefault(out, PemberiNama()).pesan("rekap.xlsx")
        beri_nama(results, namers)
        hasil = HasilBatch(folder, out, results, lintas, [(str(p.relative_to(folder).as_posix()), r) for p, r in skipped])
        if gabung:
            mon.tahap("Menggabungkan laporan per folder")
            hasil.gabungan, hasil.masalah_batch = gabung_per_folder(results, namers)
            if pdf:
                for g in list(hasil.gabungan):
                    try:
                        hasil.gabungan.append(pdf_atomic(g))
                    except LkjError as exc:
                        hasil.masalah_batch.append(crosscheck.buat("pdf-gagal-dibuat", g.name, "", alasan=str(exc)))
        mon.tahap("Menulis rekap.xlsx")
        hasil.detik = time.perf_counter() - t0
        _tulis_rekap(hasil)
        return hasil
    finally:
        _bersihkan(out, prefix)
