"""One workbook of a batch, run in a worker: read -> compute -> validate -> render to temporary files.

`proses_file` never raises (except KeyboardInterrupt): every failure becomes a status and a Problem,
so one bad workbook never stops the batch. The outputs are temporary files in the output folder; the
parent gives them their final names (`naming.beri_nama`).
"""
from __future__ import annotations

import errno
import os
import shutil
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from ..core.problems import ERROR, WARNING, LkjError, Problem

if TYPE_CHECKING:
    from .crosscheck import MasalahLintas, Ringkas

BERHASIL, DRAF, DITOLAK, GAGAL = "Berhasil", "Berhasil (DRAF)", "Ditolak", "Gagal"


@dataclass
class Pekerjaan:
    nomor: int
    path: str             # absolute input path
    rel: str              # path relative to the batch folder (posix), as shown to users
    folder_keluaran: str  # absolute output folder for this workbook
    awalan_tmp: str       # temporary-file prefix of this run
    paksa: bool = False
    draf_lintas: str = ""  # set on a second pass: make a DRAF because of errors across reports (why)


@dataclass
class HasilFile:
    nomor: int
    rel: str
    folder_keluaran: str
    status: str = GAGAL
    alasan: str = ""
    unit: str = ""
    perangkat_daerah: str = ""
    jabatan: str = ""
    eselon: str = ""
    nama: str = ""
    nip: str = ""
    tahun: int | None = None
    periode: str = ""
    indikator: int | None = None
    tercapai: int | None = None
    capaian: float | None = None
    serapan: float | None = None
    efisiensi: float | None = None
    kategori: str = ""
    predikat: str = ""
    masalah: list[Problem] = field(default_factory=list)
    stem: str = ""
    tmp_docx: str | None = None   # inside a folder of its own (see _render)
    lintas: Ringkas | None = None
    detik: float = 0.0
    # set by the parent
    docx: Path | None = None
    pdf: Path | None = None
    masalah_lintas: list[MasalahLintas] = field(default_factory=list)
    lke: list = field(default_factory=list)          # core.lke.Kriteria of an annual workbook

    @property
    def dibuat(self) -> bool:
        return self.status in (BERHASIL, DRAF)

    @property
    def kesalahan(self) -> int:
        return sum(p.severity == ERROR for p in self.masalah)

    @property
    def peringatan(self) -> int:
        return sum(p.severity == WARNING for p in self.masalah)


def _float(value) -> float | None:
    return None if value is None else float(value)


def _isi(hf: HasilFile, olahan) -> None:
    from .crosscheck import Ringkas
    from .naming import nama_laporan

    i, h = olahan.laporan.identitas, olahan.hasil
    hf.unit, hf.perangkat_daerah, hf.jabatan, hf.eselon = i.unit, i.perangkat_daerah, i.jabatan, i.eselon
    hf.nama, hf.nip, hf.tahun, hf.periode = i.nama, i.nip, i.tahun, i.periode
    hf.indikator, hf.tercapai = len(h.indikator), len(h.tercapai)
    hf.capaian, hf.serapan, hf.efisiensi = _float(h.kinerja), _float(h.serapan), _float(h.efisiensi)
    hf.kategori, hf.predikat = h.kategori_efisiensi, h.predikat
    hf.masalah = [Problem(p.code, p.severity, p.sheet, p.cell, p.message, p.hint, hf.rel) for p in olahan.masalah]
    hf.stem = nama_laporan(i.tahun, i.periode, i.unit or i.perangkat_daerah, i.jabatan,
                           cadangan=Path(hf.rel).stem)
    hf.lintas = Ringkas.dari(hf.rel, olahan.laporan)
    from ..core import lke
    hf.lke = lke.periksa(olahan.laporan, h) if lke.berlaku(olahan.laporan) else []


def gagal(hf: HasilFile, code: str, **kw) -> HasilFile:
    from .crosscheck import buat

    hf.status = GAGAL
    p = buat(code, hf.rel, "", **kw)
    hf.alasan = f"{p.message} {p.hint}".strip()
    hf.masalah.append(p)
    return hf


def abaikan_sisa_os_error(unraisable) -> None:
    """sys.unraisablehook for batch processes: a file object that fails again in its __del__ after
    the error was already reported (ZipFile on a full disk) must not print a traceback."""
    if isinstance(unraisable.exc_value, OSError) and os.environ.get("LKJ_DEBUG", "") in ("", "0"):
        return
    sys.__unraisablehook__(unraisable)


def hapus(path: str | Path | None) -> None:
    if path:
        p = Path(path)
        if p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)


def _render(job: Pekerjaan, hf: HasilFile, olahan, draf: bool) -> None:
    from ..report.rendering import buat_docx   # imported late: the batch core works without it

    # A folder of this job's own: whatever a killed worker leaves in it (atomic_save's temporary
    # file too) carries the run's prefix, so the parent removes it.
    own = Path(job.folder_keluaran) / f"{job.awalan_tmp}{job.nomor}"
    own.mkdir(parents=True, exist_ok=True)
    tmp = own / "laporan.docx"
    try:
        made = buat_docx(olahan, tmp, draf=draf, folder_foto=Path(job.path).parent)
        hf.tmp_docx = str(made or tmp)
    except BaseException:
        hapus(own)
        raise


DISK_PENUH = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
TIDAK_BISA_TULIS = {errno.EACCES, errno.EPERM, errno.EROFS}


def _gagal_tak_terduga(hf: HasilFile, job: Pekerjaan, exc: BaseException) -> HasilFile:
    """An unexpected failure, with advice that fits its cause: the output side (disk full, folder not
    writable) is not the workbook's fault, and re-saving the workbook would not help."""
    if isinstance(exc, OSError) and exc.errno in DISK_PENUH:
        return gagal(hf, "disk-penuh", folder=job.folder_keluaran)
    if isinstance(exc, OSError) and exc.errno in TIDAK_BISA_TULIS and str(job.folder_keluaran) in str(exc):
        return gagal(hf, "keluaran-tidak-bisa-ditulis", folder=job.folder_keluaran, alasan=exc.strerror or str(exc))
    if isinstance(exc, MemoryError):
        return gagal(hf, "memori-habis")
    return gagal(hf, "proses-gagal", alasan=f"{type(exc).__name__}: {exc}")


def proses_file(job: Pekerjaan) -> HasilFile:
    """Read, compute, validate and render one workbook. Never raises (except KeyboardInterrupt)."""
    from ..core.engine import olah_file

    t0 = time.perf_counter()
    hf = HasilFile(job.nomor, job.rel, job.folder_keluaran)
    try:
        try:
            olahan = olah_file(job.path)
        except LkjError as exc:
            return gagal(hf, "file-tidak-terbaca", alasan=str(exc))
        _isi(hf, olahan)
        if olahan.ada_kesalahan and not job.paksa:
            hf.status = DITOLAK
            hf.alasan = (f"{olahan.jumlah_kesalahan} kesalahan di workbook (lihat sheet Masalah rekap); "
                         "laporan tidak dibuat. Perbaiki workbook, atau pakai --paksa untuk membuat DRAF.")
            return hf
        draf = olahan.ada_kesalahan or bool(job.draf_lintas)
        try:
            _render(job, hf, olahan, draf)
        except LkjError as exc:
            return gagal(hf, "laporan-gagal-dibuat", alasan=str(exc))
        hf.status = DRAF if draf else BERHASIL
        if draf:
            hf.stem += "_DRAF"
            sebab = [f"{olahan.jumlah_kesalahan} kesalahan di workbook"] if olahan.ada_kesalahan else []
            sebab += [job.draf_lintas] if job.draf_lintas else []
            hf.alasan = (f"Dibuat sebagai DRAF karena --paksa, walaupun ada {' dan '.join(sebab)}. "
                         + hf.alasan).strip()
        return hf
    except Exception as exc:    # a bug or an unexpected file: listed, never fatal for the batch
        if os.environ.get("LKJ_DEBUG", "") not in ("", "0"):
            traceback.print_exc()
        return _gagal_tak_terduga(hf, job, exc)
    finally:
        hf.detik = time.perf_counter() - t0
