"""Batch: a folder of workbooks -> every report, a recap workbook, and checks across reports.

    hasil = jalankan(Path("masuk"), Path("keluaran"), jobs=4, gabung=True)
    hasil.kode_keluar   # 0 all fine, 1 something failed or has errors

Phases, in this order:
1. every workbook in a worker (`job.proses_file`, `pool.jalankan_paralel`): read -> compute ->
   validate -> render to a temporary .docx in the output folder. One bad workbook never stops the
   batch: a failure, a hang over the time limit or a dying worker becomes that workbook's status.
   `jobs=1` runs everything in this process (for debugging: no time limit, no isolation).
2. checks across reports; a Kesalahan there rejects (or, with --paksa, drafts) every report it names.
3. final names, given here in input order: deterministic whatever order the workers finished in.
4. PDFs (one LibreOffice per worker over its share), the --gabung bundles and their PDFs, rekap.xlsx.
Every file appears by os.replace of a complete temporary file; an interrupted run (Ctrl-C, SIGTERM)
deletes its temporary files and stops every process it started. Inputs are never written.
"""
from __future__ import annotations

import os
import secrets
import shutil
import signal
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator

from typing import TYPE_CHECKING

from ..core.problems import ERROR, LkjError
from .discovery import cari_workbook, di_dalam, jenis_bukan_file_biasa
from .job import (BERHASIL, DITOLAK, DRAF, GAGAL, HasilFile, Pekerjaan, abaikan_sisa_os_error, gagal, hapus,
                  proses_file)
from .naming import PemberiNama, beri_nama, folder_keluaran
from .pool import BATAS_WAKTU, jalankan_paralel

if TYPE_CHECKING:
    from .crosscheck import MasalahLintas

# The parent imports only what it needs before the workers start: the checks across reports and
# the recap writer (openpyxl, pandas: ~0,5 s) are imported in a thread while the workers run, so that
# this time is not added after the last report (it was a third of a 50-file batch's serial part).
_TAHAP_AKHIR = ("lkj_xl.batch.crosscheck", "lkj_xl.batch.rekap", "lkj_xl.workbook.writing")


def _muat_tahap_akhir() -> None:
    import importlib

    for name in _TAHAP_AKHIR:
        try:
            importlib.import_module(name)
        except Exception:      # the phase that needs it imports it again and reports what is wrong
            return

TMP_PREFIX = ".~lkj-"            # = workbook.writing.TMP_PREFIX (a test keeps them equal)
SISA_TMP_LAMA = 6 * 3600         # temporary files of killed runs older than this are removed


class Dihentikan(KeyboardInterrupt):
    """The batch was stopped by a signal (SIGTERM); cleaned up like a Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class Pemantau:
    """Progress callbacks; the CLI draws a progress bar from them. All methods are optional."""

    def mulai(self, total: int, dilewati: int) -> None: ...
    def selesai(self, hf: HasilFile, jumlah_selesai: int, total: int) -> None: ...
    def tahap(self, teks: str) -> None: ...


def _paralel(jobs: list[Pekerjaan], n: int, done: Callable[[HasilFile], None],
             fn: Callable[[Pekerjaan], HasilFile] = proses_file, batas: float = BATAS_WAKTU) -> None:
    jalankan_paralel(jobs, n, done, fn, batas=batas, tmp=tempfile.gettempdir())


def _semua(jobs: list[Pekerjaan], n: int, done: Callable[[HasilFile], None], batas: float) -> None:
    """n == 0: in this process (`--jobs 1`, for debugging: no time limit); else n worker processes."""
    if n == 0:
        for job in jobs:
            done(proses_file(job))
    else:
        threading.Thread(target=_muat_tahap_akhir, name="lkj-impor", daemon=True).start()
        _paralel(jobs, n, done, batas=batas)


@contextmanager
def _terlindungi() -> Iterator[str]:
    """A temporary folder for everything this batch and its workers create (charts, LibreOffice
    profiles), removed at the end whatever happens; SIGTERM is turned into a clean stop."""
    tmp = tempfile.mkdtemp(prefix="lkj_batch_")
    old_dir = tempfile.tempdir
    main = threading.current_thread() is threading.main_thread()
    old_term = None
    if main:
        def stop(signum, frame):
            raise Dihentikan(signum)
        old_term = signal.signal(signal.SIGTERM, stop)
    tempfile.tempdir = tmp
    old_hook, sys.unraisablehook = sys.unraisablehook, abaikan_sisa_os_error
    try:
        yield tmp
    finally:
        sys.unraisablehook = old_hook
        tempfile.tempdir = old_dir
        if main:
            signal.signal(signal.SIGTERM, old_term)
        shutil.rmtree(tmp, ignore_errors=True)


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
    from . import crosscheck

    lintas = crosscheck.periksa([hf.lintas for hf in results if hf.lintas is not None])
    by_rel = {hf.rel: hf for hf in results}
    for p in lintas:
        if p.file in by_rel:
            by_rel[p.file].masalah_lintas.append(p)
    return lintas


def _kesalahan_lintas(results: list[HasilFile], lintas: list[MasalahLintas], work: dict[int, Pekerjaan],
                      paksa: bool) -> list[Pekerjaan]:
    """A Kesalahan across reports is a Kesalahan of every report it names (where it is placed and,
    but for a year or period unlike the others', its other locations), handled like a workbook's own: without --paksa the report is not made
    (Ditolak), with --paksa it is made again as a DRAF. Returns the jobs to render again."""
    from . import crosscheck

    named: dict[str, list[MasalahLintas]] = {}
    for p in lintas:
        if p.severity == ERROR:
            for rel in crosscheck.laporan_yang_disebut(p):
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
        hapus(Path(hf.tmp_docx).parent if hf.tmp_docx else None)      # the job's own folder
        hf.tmp_docx = None
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
    from ..workbook.writing import usual_permissions
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


def _pekerjaan(paths: list[Path], folder: Path, out: Path, prefix: str, paksa: bool) -> list[Pekerjaan]:
    return [Pekerjaan(k, str(path), path.relative_to(folder).as_posix(),
                      str(folder_keluaran(out, path.relative_to(folder))), prefix, paksa)
            for k, path in enumerate(paths, start=1)]


def _bukan_file_biasa(job: Pekerjaan) -> HasilFile | None:
    """A FIFO, a device, a link to /dev/zero …: reported without being opened."""
    jenis = jenis_bukan_file_biasa(Path(job.path))
    if not jenis:
        return None
    return gagal(HasilFile(job.nomor, job.rel, job.folder_keluaran), "bukan-file-biasa", jenis=jenis)


def _pdf(results: list[HasilFile], bundles: list[Path], n: int, out: Path, prefix: str,
         batas: float) -> tuple[list[Path], list[MasalahLintas]]:
    """PDFs of the reports, then of the bundles (whose Daftar Isi needs the reports' page counts
    first: the caller makes the bundles in between). Returns the bundles' PDFs and their problems."""
    from . import crosscheck
    from .pdf import buat_pdf_semua

    if not bundles:
        made = [hf for hf in results if hf.docx is not None]
        got = buat_pdf_semua([hf.docx for hf in made], n, out / f"{prefix}pdf", batas) if made else {}
        for hf in made:
            r = got[hf.docx]
            if isinstance(r, Path):
                hf.pdf = r
            else:
                hf.masalah.append(crosscheck.buat("pdf-gagal-dibuat", hf.rel, "", alasan=r))
                hf.alasan = f"{hf.alasan} PDF tidak dibuat: {r}".strip()
        return [], []
    got = buat_pdf_semua(bundles, n, out / f"{prefix}pdfg", batas)
    return ([r for r in got.values() if isinstance(r, Path)],
            [crosscheck.buat("pdf-gagal-dibuat", b.name, "", alasan=r) for b, r in got.items() if not isinstance(r, Path)])


def jalankan(folder: Path, keluaran: Path, *, pdf: bool = False, jobs: int | None = None, gabung: bool = False,
             paksa: bool = False, pemantau: Pemantau | None = None, batas_waktu: float = BATAS_WAKTU) -> HasilBatch:
    """Process every workbook under `folder` into `keluaran`. Raises LkjError for unusable arguments
    (missing folder, no workbooks, output folder inside the inputs' way); never for a bad workbook.
    `batas_waktu`: seconds one workbook (and one PDF) may take before it is stopped and reported."""
    t0 = time.perf_counter()
    mon = pemantau or Pemantau()
    folder, out = Path(folder).resolve(), Path(keluaran).resolve()
    paths, skipped = _periksa_folder(folder, out)
    out.mkdir(parents=True, exist_ok=True)
    prefix = f"{TMP_PREFIX}{os.getpid()}{secrets.token_hex(3)}-"      # the writer's, see workbook.writing
    work = _pekerjaan(paths, folder, out, prefix, paksa)
    results: list[HasilFile] = []
    mon.mulai(len(work), len(skipped))

    def done(hf: HasilFile) -> None:
        results.append(hf)
        mon.selesai(hf, len(results), len(work))

    try:
        with _terlindungi():
            todo = []
            for job in work:
                bad = _bukan_file_biasa(job)
                done(bad) if bad else todo.append(job)
            n = 0 if jobs == 1 else min(max(1, jobs or os.cpu_count() or 1), max(1, len(todo)))
            _semua(todo, n, done, batas_waktu)
            results.sort(key=lambda f: f.nomor)

            mon.tahap("Memeriksa kecocokan antar laporan")
            lintas = _lintas(results)
            again = _kesalahan_lintas(results, lintas, {j.nomor: j for j in work}, paksa)
            if again:
                mon.tahap("Membuat ulang sebagai DRAF")
                _semua(again, min(n, len(again)), lambda hf: _ganti(results, hf), batas_waktu)
            n = max(n, 1)
            namers: dict[Path, PemberiNama] = {Path(hf.folder_keluaran): PemberiNama() for hf in results}
            namers.setdefault(out, PemberiNama()).pesan("rekap.xlsx")
            beri_nama(results, namers)
            hasil = HasilBatch(folder, out, results, lintas,
                               [(str(p.relative_to(folder).as_posix()), r) for p, r in skipped])
            if pdf:
                mon.tahap("Membuat PDF")
                _pdf(results, [], n, out, prefix, batas_waktu)
            if gabung:
                from .bundle import gabung_per_folder
                mon.tahap("Menggabungkan laporan per folder")
                hasil.gabungan, hasil.masalah_batch = gabung_per_folder(results, namers)
                if pdf and hasil.gabungan:
                    made, problems = _pdf(results, list(hasil.gabungan), n, out, prefix, batas_waktu)
                    hasil.gabungan += made
                    hasil.masalah_batch += problems
            mon.tahap("Menulis rekap.xlsx")
            hasil.detik = time.perf_counter() - t0
            _tulis_rekap(hasil)
            return hasil
    finally:
        _bersihkan(out, prefix)
