"""The PDFs of a batch: one LibreOffice per worker for the whole batch.

The reports are shared out over `n` LibreOffice processes run side by side (one per worker, each
over its share, `report.pdf.ubah_banyak`), once every .docx has its final name. Each input is linked
under a number into the worker's own temporary folder, so reports of two subfolders with the same
name never meet. Every PDF is moved next to its .docx (same name, .pdf) when it is complete.
A Ctrl-C stops every LibreOffice within a fraction of a second.
"""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path


def _link(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def _bagian(files: list[Path], work: Path, batas: float, berhenti: threading.Event,
            hasil: dict[Path, Path | str]) -> None:
    try:
        _ubah(files, work, batas, berhenti, hasil)
    except Exception as exc:        # a full disk, a vanished file …: these files get no PDF, the batch goes on
        for f in files:
            hasil.setdefault(f, f"{type(exc).__name__}: {exc}")


def _ubah(files: list[Path], work: Path, batas: float, berhenti: threading.Event,
          hasil: dict[Path, Path | str]) -> None:
    from ..report.pdf import ubah_banyak
    from ..workbook.writing import usual_permissions

    inputs = work / "masuk"
    inputs.mkdir(parents=True)
    linked = {}
    for k, f in enumerate(files):
        linked[inputs / f"{k:05}.docx"] = f
        _link(f, inputs / f"{k:05}.docx")
    made = ubah_banyak(list(linked), work / "keluar", batas, berhenti=berhenti)
    for tmp, f in linked.items():
        r = made.get(tmp, "dibatalkan")
        if isinstance(r, Path):
            final = f.with_suffix(".pdf")
            os.replace(r, final)
            usual_permissions(final)
            hasil[f] = final
        else:
            hasil[f] = r.replace(tmp.name, f.name)


def buat_pdf_semua(files: list[Path], n: int, folder_kerja: Path, batas: float) -> dict[Path, Path | str]:
    """A PDF next to every .docx of `files`; per input, the PDF's path or why it failed.
    `folder_kerja`: a temporary folder on the outputs' disk (removed here)."""
    hasil: dict[Path, Path | str] = {}
    shares = [files[k::n] for k in range(max(1, n)) if files[k::n]]
    berhenti = threading.Event()
    threads = [threading.Thread(target=_bagian, args=(share, folder_kerja / str(k), batas, berhenti, hasil),
                                daemon=True) for k, share in enumerate(shares)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            while t.is_alive():
                t.join(0.2)
    except BaseException:
        berhenti.set()          # every LibreOffice is shut down by its own thread
        for t in threads:
            t.join(15)
        raise
    finally:
        shutil.rmtree(folder_kerja, ignore_errors=True)
    return {f: hasil.get(f, "PDF tidak dibuat (proses terhenti).") for f in files}
