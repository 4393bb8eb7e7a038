"""Which files under a batch folder are workbooks to process, and which are skipped (and why)."""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path

EKSTENSI = (".xlsx", ".xlsm", ".xls")   # .xls is listed as failed, with how to convert it


def alasan_lewati(name: str) -> str:
    """Why a workbook-looking file is not a workbook to process ('' = process it)."""
    lower = name.lower()
    if name.startswith("~$"):
        return "file kunci Excel (workbook sedang dibuka)"
    if name.startswith((".", "~")):
        return "file sementara atau tersembunyi"
    if re.search(r"\.cadangan-[^.]*\.xls[xm]$", lower):
        return "cadangan dari 'lkj hitung --di-tempat'"
    if lower == "rekap.xlsx":
        return "rekap hasil 'lkj batch'"
    return ""


def di_dalam(path: Path, folder: Path) -> bool:
    """True when `path` is `folder` or lies under it."""
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


def cari_workbook(folder: Path, keluaran: Path | None = None) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Workbooks under `folder` (recursive, sorted), and the skipped ones with their reason.
    Hidden folders and the output folder are not entered."""
    folder = Path(folder).resolve()
    out = Path(keluaran).resolve() if keluaran else None
    found: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for root, dirs, files in os.walk(folder):
        rootp = Path(root)
        keep = []
        for d in dirs:
            if d.startswith("."):
                continue
            if out is not None and di_dalam((rootp / d).resolve(), out):
                continue
            keep.append(d)
        dirs[:] = sorted(keep, key=str.lower)
        for name in sorted(files, key=str.lower):
            if not name.lower().endswith(EKSTENSI):
                continue
            path = rootp / name
            reason = alasan_lewati(name)
            if reason:
                skipped.append((path, reason))
            else:
                found.append(path)
    return found, skipped


def jenis_bukan_file_biasa(path: Path) -> str:
    """What `path` is when it is not a regular file ('' when it is one, following links). A FIFO
    would hang whoever opens it and a link to /dev/zero never ends: such files are never opened."""
    try:
        st = os.stat(path)
    except OSError as exc:
        if os.path.islink(path):
            return "tautan ke file yang tidak ada"
        return f"tidak dapat dibaca: {exc.strerror or exc}"
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return ""
    link = " (lewat tautan)" if os.path.islink(path) else ""
    if stat.S_ISFIFO(mode):
        return "pipa/FIFO" + link
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "perangkat, misalnya /dev/zero" + link
    if stat.S_ISDIR(mode):
        return "folder" + link
    if stat.S_ISSOCK(mode):
        return "soket" + link
    return "jenis file khusus" + link
