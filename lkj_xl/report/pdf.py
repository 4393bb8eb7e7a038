"""The .docx -> PDF through LibreOffice (`soffice --headless --convert-to pdf`).

One LibreOffice process converts a whole list of files (`ubah_banyak`): it starts once (a start
costs more than a conversion), in its own temporary profile (-env:UserInstallation) so parallel
instances never collide, and in its own process group, so it is always shut down with everything it
started, whatever happens (a hang, Ctrl-C, an error). A file on which LibreOffice makes no progress
for `batas` seconds is reported, LibreOffice is killed and a fresh one goes on with the next files.
Every PDF is written in a temporary folder first, so it appears complete or not at all.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..core.problems import LkjError
from . import pdf_indeks

TIMEOUT = 240  # seconds per file without progress; a first start with a fresh profile takes a few seconds

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


def _matikan(proc: subprocess.Popen) -> None:
    """Stop LibreOffice and every process it started (its own process group / job tree)."""
    if os.name == "posix":
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    else:
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True)
    try:
        proc.kill()
    except OSError:
        pass
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        pass


def _popen(cmd: list[str], log, tmp: str) -> subprocess.Popen:
    # LibreOffice's own temporary files (lu*.tmp) go into `tmp`, removed with the profile: a killed
    # LibreOffice leaves nothing in the system's temporary folder
    env = {**os.environ, "TMPDIR": tmp, "TMP": tmp, "TEMP": tmp}
    kw: dict = {"stdin": subprocess.DEVNULL, "stdout": log, "stderr": log, "env": env}
    if os.name == "posix":
        kw["start_new_session"] = True
    else:
        kw["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
    return subprocess.Popen(cmd, **kw)


def _satu_proses(soffice: str, files: list[Path], out: Path, batas: float, berhenti=None) -> tuple[int, str]:
    """Convert `files` in order into `out` with one LibreOffice. Returns (how many files are done, the
    error text when it stopped early). Always leaves LibreOffice shut down."""
    profile = tempfile.mkdtemp(prefix="lkj_lo_profil_")
    base = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
            "--nologo", "--nolockcheck"]
    cmd = base + ["--convert-to", "pdf", "--outdir", str(out)] + [str(f) for f in files]
    proc = None
    log = open(Path(profile) / "keluaran.txt", "w+b")
    try:
        if any(pdf_indeks.punya_daftar_isi(f) for f in files):     # fill the Daftar Isi (see pdf_indeks)
            if _mulai_profil(base, profile, batas, berhenti):
                cmd = pdf_indeks.pasang_makro(base, Path(profile), files, out) or cmd
        try:
            proc = _popen(cmd, log, profile)
        except OSError as exc:
            raise LkjError(f"LibreOffice ({soffice}) tidak dapat dijalankan: {exc}. {PESAN_TIDAK_ADA}") from exc
        done, last = 0, time.monotonic()
        while True:
            finished = proc.poll() is not None
            while done < len(files) and (out / f"{files[done].stem}.pdf").is_file() and (
                    finished or (done + 1 < len(files) and (out / f"{files[done + 1].stem}.pdf").exists())
                    or _stable(out / f"{files[done].stem}.pdf")):
                done, last = done + 1, time.monotonic()
            if finished:
                log.seek(0)
                err = [ln for ln in log.read().decode("utf-8", "replace").splitlines()
                       if ln.strip() and not ln.startswith("convert ")]
                return done, (err[-1].strip() if err else "")
            if berhenti is not None and berhenti.is_set():
                return done, "dibatalkan"
            if time.monotonic() - last > batas:
                return done, (f"LibreOffice tidak selesai dalam {batas:g} detik dan dihentikan. Buka file Word itu, "
                              "periksa isinya, lalu buat PDF-nya dari Word")
            time.sleep(0.1)
    finally:
        if proc is not None:
            _matikan(proc)
        log.close()
        shutil.rmtree(profile, ignore_errors=True)


def _mulai_profil(base: list[str], profile: str, batas: float, berhenti=None) -> bool:
    """Fill the fresh profile with one LibreOffice start that ends at once (--terminate_after_init),
    watched as a conversion is: in its own process group, shut down whatever happens, after `batas`
    seconds or when `berhenti` is set. True when it ended by itself."""
    try:
        proc = _popen(base + ["--terminate_after_init"], subprocess.DEVNULL, profile)
    except OSError:
        return False                    # the conversion's own start reports what is wrong
    try:
        deadline = time.monotonic() + batas
        while proc.poll() is None:
            if time.monotonic() > deadline or (berhenti is not None and berhenti.is_set()):
                return False
            time.sleep(0.02)
        return True                     # whether the profile is usable, pdf_indeks.pasang_makro checks
    finally:
        _matikan(proc)


def _stable(pdf: Path) -> bool:
    """A PDF LibreOffice has finished writing ends with %%EOF."""
    try:
        with pdf.open("rb") as fh:
            fh.seek(max(0, pdf.stat().st_size - 1024))
            return b"%%EOF" in fh.read()
    except OSError:
        return False


def ubah_banyak(files: list[Path], out_dir: Path, batas: float = TIMEOUT,
                berhenti=None) -> dict[Path, Path | str]:
    """Convert every .docx of `files` (distinct names) to `<out_dir>/<stem>.pdf`, with as few
    LibreOffice starts as possible. Returns, per input, the PDF's path or why it failed (Indonesian).
    `berhenti` (a threading.Event): when set, LibreOffice is shut down and the rest is left undone."""
    soffice = cari_soffice()
    if not soffice:
        return {f: PESAN_TIDAK_ADA for f in files}
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    result: dict[Path, Path | str] = {}
    todo = list(files)
    while todo and not (berhenti is not None and berhenti.is_set()):
        work = Path(tempfile.mkdtemp(prefix=".lkj_pdf_", dir=out_dir))
        try:
            try:
                done, error = _satu_proses(soffice, todo, work, batas, berhenti)
            except LkjError as exc:
                return {**result, **{f: str(exc) for f in todo}}
            for f in todo[:done]:
                produced = work / f"{f.stem}.pdf"
                if produced.stat().st_size > 0:
                    os.replace(produced, out_dir / produced.name)
                    result[f] = out_dir / produced.name
                else:
                    result[f] = f"LibreOffice gagal mengubah '{f.name}' ke PDF."
        finally:
            shutil.rmtree(work, ignore_errors=True)
        if done < len(todo):
            bad = todo[done]
            result[bad] = (f"LibreOffice gagal mengubah '{bad.name}' ke PDF"
                           + (f": {error}" if error else "") + ".")
            done += 1
        todo = todo[done:]
    return result


def buat_pdf(docx: Path, out_dir: Path | None = None, batas: float = TIMEOUT) -> Path:
    """Convert `docx` to `<out_dir>/<stem>.pdf` (default: next to the .docx); return the PDF path.
    Raises LkjError (Bahasa Indonesia) when LibreOffice is missing, fails or times out."""
    docx = Path(docx).resolve()
    if not docx.is_file():
        raise LkjError(f"File Word '{docx}' tidak ditemukan, sehingga PDF tidak dapat dibuat.")
    if not cari_soffice():
        raise LkjError(PESAN_TIDAK_ADA)
    out_dir = Path(out_dir).resolve() if out_dir is not None else docx.parent
    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".lkj_pdf_", dir=out_dir))
    try:
        made = ubah_banyak([docx], work, batas)[docx]
        if isinstance(made, str):
            raise LkjError(made)
        target = out_dir / made.name
        try:
            os.replace(made, target)
        except PermissionError as exc:
            raise LkjError(f"File '{target}' tidak dapat ditulis; mungkin sedang dibuka. Tutup lalu ulangi.") from exc
        return target
    finally:
        shutil.rmtree(work, ignore_errors=True)
