"""Safe, readable file names from cell text (unit, jabatan, period).

Cell text is user input: it may hold '/', '..', accents, Windows device names (CON, NUL, COM1 …),
or be very long. Every name built here is one path component made only of [A-Za-z0-9._-], never
hidden (no leading dot), never a reserved device name on Windows, and short enough for Windows
paths. `PemberiNama` resolves collisions case-insensitively (Windows and macOS file systems ignore
case) with a numeric suffix.
"""
from __future__ import annotations

import os
import re
import shutil
import unicodedata
from pathlib import Path

WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{i}" for i in range(10)} | {f"LPT{i}" for i in range(10)}
    | {f"COM{c}" for c in "¹²³"} | {f"LPT{c}" for c in "¹²³"})

MAX_BAGIAN = 60      # one part (unit, jabatan …)
MAX_STEM = 120       # whole stem, without suffix and extension


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text))
    return text.encode("ascii", "ignore").decode("ascii")


def bagian(text: object, max_len: int = MAX_BAGIAN) -> str:
    """One readable part: 'Kecamatan Tempeh' -> 'Kecamatan-Tempeh', '../etc/passwd' -> 'etc-passwd'."""
    t = _ascii("" if text is None else str(text))
    t = re.sub(r"[^A-Za-z0-9._-]+", "-", t)    # spaces, slashes, colons, quotes … -> '-'
    t = re.sub(r"\.{2,}", ".", t)               # no '..'
    t = re.sub(r"-{2,}", "-", t)
    t = re.sub(r"_{2,}", "_", t)
    t = t.strip("-._")
    if len(t) > max_len:
        t = t[:max_len].rstrip("-._")
    return t


def _not_reserved(stem: str) -> str:
    # Windows treats 'CON', 'con.txt' and 'CON.tar.gz' alike: the part before the first dot counts.
    head = stem.split(".", 1)[0].upper()
    return f"_{stem}" if head in WINDOWS_RESERVED else stem


def stem_aman(parts: list[object] | tuple[object, ...], cadangan: str = "laporan",
              max_len: int = MAX_STEM) -> str:
    """Join the non-empty safe parts with '_'; fall back to `cadangan` when nothing is left."""
    cleaned = [b for b in (bagian(p) for p in parts) if b]
    stem = "_".join(cleaned) or bagian(cadangan) or "laporan"
    if len(stem) > max_len:
        stem = stem[:max_len].rstrip("-._")
    return _not_reserved(stem)


def nama_laporan(tahun: object, periode: object, unit: object, jabatan: object, cadangan: str = "laporan") -> str:
    """'2023', 'TW III', 'Kecamatan Tempeh', 'Camat Tempeh' -> '2023_TW-III_Kecamatan-Tempeh_Camat-Tempeh'."""
    return stem_aman([tahun if tahun not in (None, "") else "", periode, unit, jabatan], cadangan)


class PemberiNama:
    """Hands out unique file names within one folder: 'x.docx', then 'x_2.docx', 'x_3.docx' …"""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def pesan(self, nama: str) -> None:
        """Reserve a name (e.g. one written by other means)."""
        self._taken.add(nama.lower())

    def ambil(self, stem: str, ext: str) -> str:
        name = f"{stem}{ext}"
        n = 2
        while name.lower() in self._taken:
            name = f"{stem}_{n}{ext}"
            n += 1
        self._taken.add(name.lower())
        return name


# ---------------------------------------------------------------- output names of a batch

def folder_keluaran(out: Path, rel: Path) -> Path:
    """The output folder of the workbook at `rel` (relative to the batch folder): its subfolders, made safe."""
    parts = [bagian(p) or "_" for p in rel.parent.parts]
    return out.joinpath(*parts) if parts else out


def beri_nama(files: list, namers: dict[Path, PemberiNama]) -> None:
    """Move the temporary outputs of `files` (HasilFile) to their final, unique names, in input order:
    names are deterministic whatever order the workers finished in."""
    from ..workbook.writing import usual_permissions

    for hf in sorted(files, key=lambda f: f.nomor):
        if not hf.tmp_docx:
            continue
        folder = Path(hf.folder_keluaran)
        namer = namers.setdefault(folder, PemberiNama())
        name = namer.ambil(hf.stem, ".docx")
        final = folder / name
        os.replace(hf.tmp_docx, final)
        usual_permissions(final)
        shutil.rmtree(Path(hf.tmp_docx).parent, ignore_errors=True)     # the job's own folder
        hf.docx, hf.tmp_docx = final, None
