"""The .docx -> PDF through LibreOffice (`soffice --headless --convert-to pdf`).

Each conversion gets its own temporary LibreOffice profile (-env:UserInstallation) so parallel
conversions from batch workers do not collide, and writes into a temporary folder next to the
target first, so a PDF appears complete or not at all.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..core.problems import LkjError
from . import pdf_indeks

TIMEOUT = 240  # seconds; a first start of LibreOffice with a fresh profile takes a few seconds

_CANDIDATES = {
    "win32": [r"C:\Program Files\LibreOffice\program\soffice.exe",
              r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"],
    "darwin": ["/Applications/LibreOffice.app/Contents/MacOS/soffice"],
}

PESAN_TIDAK_ADA = ("LibreOffice tidak ditemukan, sehingga PDF tidak dapat dibuat. Pasang LibreOffice "
                   "(https://www.libreoffice.org, di Linux: apt-get install libreoffice-writer-nogui) lalu ulangi, "
                   "atau buka file .docx di Word lalu simpan sebagai PDF.")


def cari_soffice() -> str | None:
    """Path of the LibreOffice executable, or None. LKJ_SOFFICE overrides the search."""
    env = os.environ.get("LKJ_SOFFICE")
    if env:
        return env if Path(env).is_file() else shutil.which(env)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for c in _CANDIDATES.get(sys.platform, []):
        if Path(c).is_file():
            return c
    return None


def buat_pdf(docx: Path, out_dir: Path | None = None) -> Path:
    """Convert `docx` to `<out_dir>/<stem>.pdf` (default: next to the .docx); return the PDF path.
    Raises LkjError (Bahasa Indonesia) when LibreOffice is missing, fails or times out."""
    docx = Path(docx).resolve()
    if not docx.is_file():
        raise LkjError(f"File Word '{docx}' tidak ditemukan, sehingga PDF tidak dapat dibuat.")
    soffice = cari_soffice()
    if not soffice:
        raise LkjError(PESAN_TIDAK_ADA)
    out_dir = Path(out_dir).resolve() if out_dir is not None else docx.parent
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{docx.stem}.pdf"
    profile = tempfile.mkdtemp(prefix="lkj_lo_profil_")
    work = tempfile.mkdtemp(prefix=".lkj_pdf_", dir=out_dir)
    try:
        cmd = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
               "--nologo", "--nolockcheck", "--convert-to", "pdf", "--outdir", work, str(docx)]
        try:
            proc = None
            if pdf_indeks.punya_daftar_isi(docx):     # fill the Daftar Isi (see pdf_indeks)
                proc = pdf_indeks.ekspor(soffice, Path(profile), docx, Path(work) / f"{docx.stem}.pdf", TIMEOUT)
            if proc is None or not (Path(work) / f"{docx.stem}.pdf").is_file():
                proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT,
                                      stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as exc:
            raise LkjError(f"LibreOffice tidak selesai mengubah '{docx.name}' ke PDF dalam {TIMEOUT} detik. "
                           "Tutup LibreOffice yang sedang terbuka lalu ulangi.") from exc
        except OSError as exc:
            raise LkjError(f"LibreOffice ({soffice}) tidak dapat dijalankan: {exc}. {PESAN_TIDAK_ADA}") from exc
        produced = Path(work) / f"{docx.stem}.pdf"
        if proc.returncode != 0 or not produced.is_file() or produced.stat().st_size == 0:
            detail = (proc.stderr or proc.stdout or "").strip().splitlines()
            raise LkjError(f"LibreOffice gagal mengubah '{docx.name}' ke PDF"
                           + (f": {detail[-1]}" if detail else "") + ".")
        try:
            os.replace(produced, target)
        except PermissionError as exc:
            raise LkjError(f"File '{target}' tidak dapat ditulis; mungkin sedang dibuka. Tutup lalu ulangi.") from exc
        return target
    finally:
        shutil.rmtree(work, ignore_errors=True)
        with contextlib.suppress(OSError):
            shutil.rmtree(profile, ignore_errors=True)
