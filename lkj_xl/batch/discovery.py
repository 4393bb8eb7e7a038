"""Which files under a batch folder are workbooks to process, and which are skipped (and why)."""
from __future__ import annotations

import os
import re
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
