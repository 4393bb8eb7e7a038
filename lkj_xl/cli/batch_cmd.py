"""`lkj batch`: a folder of workbooks -> every report, rekap.xlsx, and checks across reports."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)
from rich.table import Table

from ..batch.job import BERHASIL, DITOLAK, DRAF, GAGAL, HasilFile
from ..batch.pool import BATAS_WAKTU
from ..batch.runner import Dihentikan, HasilBatch, Pemantau, jalankan
from ..core.problems import TINGKAT, LkjError
from .common import EXIT_USAGE, console, err_console, fail, stdout_is_tty, user_errors

MAKS_BARIS = 20
WARNA = {BERHASIL: "green", DRAF: "yellow", DITOLAK: "red", GAGAL: "bold red"}


class _Bar(Pemantau):
    """A rich progress bar with counts and time left (for a terminal)."""

    def __init__(self) -> None:
        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                 MofNCompleteColumn(), TextColumn("[red]{task.fields[gagal]} gagal/ditolak"),
                                 TimeElapsedColumn(), TextColumn("sisa"), TimeRemainingColumn(),
                                 console=console, transient=False)
        self.task = None
        self.gagal = 0

    def mulai(self, total: int, dilewati: int) -> None:
        self.progress.start()
        if dilewati:
            self.progress.console.print(f"{dilewati} file dilewati (file kunci Excel, cadangan atau rekap).")
        self.task = self.progress.add_task("Membuat laporan", total=total, gagal=0)

    def selesai(self, hf: HasilFile, jumlah_selesai: int, total: int) -> None:
        if hf.status in (GAGAL, DITOLAK):
            self.gagal += 1
        self.progress.update(self.task, completed=jumlah_selesai, gagal=self.gagal)

    def tahap(self, teks: str) -> None:
        self.progress.update(self.task, description=teks)

    def stop(self) -> None:
        self.progress.stop()


class _Lines(Pemantau):
    """Plain lines, one per workbook (for logs and pipes: no control characters)."""

    def mulai(self, total: int, dilewati: int) -> None:
        self.lebar = len(str(total))
        print(f"Memproses {total} workbook" + (f" ({dilewati} file dilewati)" if dilewati else "") + ".", flush=True)

    def selesai(self, hf: HasilFile, jumlah_selesai: int, total: int) -> None:
        line = f"[{jumlah_selesai:>{self.lebar}}/{total}] {hf.status}: {hf.rel}"
        if hf.status in (GAGAL, DITOLAK):
            line += f" - {hf.alasan}"
        print(line, flush=True)

    def tahap(self, teks: str) -> None:
        print(f"{teks}...", flush=True)

    def stop(self) -> None:
        pass


def _ringkasan_polos(h: HasilBatch) -> None:
    """Without a terminal: one line per item, nothing wrapped (logs, scheduled jobs)."""
    for f in h.files:
        if f.status in (GAGAL, DITOLAK, DRAF):
            print(f"{f.status}: {f.rel}: {f.alasan}")
    for p in list(h.lintas) + list(h.masalah_batch):
        print(f"{p.file}: {p.line()}")


def _ringkasan(h: HasilBatch) -> None:
    if not stdout_is_tty():
        _ringkasan_polos(h)
        _penutup(h)
        return
    bermasalah = [f for f in h.files if f.status in (GAGAL, DITOLAK, DRAF)]
    if bermasalah:
        t = Table(title="Workbook yang perlu perhatian", header_style="bold", show_lines=False)
        t.add_column("Status", no_wrap=True)
        t.add_column("Workbook")
        t.add_column("Keterangan")
        for f in bermasalah[:MAKS_BARIS]:
            t.add_row(f"[{WARNA[f.status]}]{f.status}[/]", f.rel, f.alasan)
        console.print(t)
        if len(bermasalah) > MAKS_BARIS:
            console.print(f"... dan {len(bermasalah) - MAKS_BARIS} lainnya (lihat sheet Ringkasan di rekap.xlsx).")
    lintas = list(h.lintas) + list(h.masalah_batch)
    if lintas:
        t = Table(title="Masalah lintas laporan", header_style="bold")
        t.add_column("Tingkat", no_wrap=True)
        t.add_column("Workbook dan sel")
        t.add_column("Kode", no_wrap=True)
        t.add_column("Pesan")
        for p in lintas[:MAKS_BARIS]:
            style = "red" if p.severity == "error" else "yellow"
            t.add_row(f"[{style}]{TINGKAT[p.severity]}[/]", f"{p.file} {p.where}".strip(), p.code,
                      f"{p.message} {p.hint}".strip())
        console.print(t)
        if len(lintas) > MAKS_BARIS:
            console.print(f"... dan {len(lintas) - MAKS_BARIS} lainnya (lihat sheet Masalah di rekap.xlsx).")
    _penutup(h)


def _penutup(h: HasilBatch) -> None:
    dibuat = h.jumlah(BERHASIL) + h.jumlah(DRAF)
    console.print(
        f"Selesai dalam {h.detik:.1f} detik: {len(h.files)} workbook, {h.jumlah(BERHASIL)} berhasil, "
        f"{h.jumlah(DRAF)} DRAF, {h.jumlah(DITOLAK)} ditolak, {h.jumlah(GAGAL)} gagal; "
        f"{len(h.lintas)} masalah lintas laporan.", highlight=False, soft_wrap=True)
    console.print(f"{dibuat} laporan di [bold]{h.keluaran}[/]", highlight=False, soft_wrap=True)
    for g in h.gabungan:
        console.print(f"Gabungan: [bold]{g}[/]", highlight=False, soft_wrap=True)
    console.print(f"Rekap: [bold]{h.rekap}[/]", highlight=False, soft_wrap=True)


def batch(
    folder: Path = typer.Argument(..., help="Folder berisi workbook LKj (.xlsx/.xlsm), termasuk subfoldernya"),
    keluaran: Optional[Path] = typer.Option(None, "-o", "--keluaran", help="Folder hasil (laporan Word dan rekap.xlsx)"),
    pdf: bool = typer.Option(False, "--pdf", help="Buat juga PDF setiap laporan (butuh LibreOffice)"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j",
                                       help="Jumlah proses paralel (bawaan: semua inti CPU; 1 = satu per satu)"),
    gabung: bool = typer.Option(False, "--gabung", help="Buat juga satu dokumen gabungan per folder, "
                                                        "urut Camat/Kepala, Sekretaris, Kasi, Kasubbag"),
    paksa: bool = typer.Option(False, "--paksa", help="Tetap buat laporan (sebagai DRAF) untuk workbook yang masih "
                                                      "ada kesalahan"),
    batas_waktu: float = typer.Option(BATAS_WAKTU, "--batas-waktu", min=1,
                                      help="Batas waktu (detik) untuk satu workbook dan untuk satu PDF; "
                                           "yang melewatinya dihentikan dan dicatat gagal, yang lain tetap diolah"),
) -> None:
    """Buat laporan LKj untuk semua workbook dalam satu folder, sekaligus rekap.xlsx dan pemeriksaan
    antar laporan (NIP dan nama, jumlah anggaran atasan dan bawahan, tahun dan periode).

    Workbook yang rusak, berkata sandi atau masih ada kesalahan tidak menghentikan proses; semuanya
    dicatat di rekap.xlsx. Workbook masukan tidak pernah diubah.

    Kode keluar: 0 semua berhasil, 1 ada yang gagal, ditolak atau ada kesalahan, 2 perintah salah,
    130 dibatalkan (Ctrl-C), 143 dihentikan (SIGTERM).

    Contoh: lkj batch masuk/ -o hasil/ --gabung --pdf
    """
    with user_errors():
        if keluaran is None:
            fail("Folder keluaran belum ditentukan. Contoh: lkj batch masuk/ -o hasil/", EXIT_USAGE)
        if jobs is not None and jobs < 1:
            fail(f"--jobs harus 1 atau lebih (diberikan: {jobs}).", EXIT_USAGE)
        if not folder.is_dir():
            fail(f"Folder '{folder}' tidak ditemukan atau bukan folder.", EXIT_USAGE)
        mon = _Bar() if stdout_is_tty() else _Lines()
        try:
            try:
                hasil = jalankan(folder, keluaran, pdf=pdf, jobs=jobs, gabung=gabung, paksa=paksa, pemantau=mon,
                                 batas_waktu=batas_waktu)
            finally:
                mon.stop()
        except KeyboardInterrupt as exc:
            stopped = isinstance(exc, Dihentikan)
            err_console.print(("Dihentikan" if stopped else "Dibatalkan")
                              + ". File yang sedang dibuat sudah dihapus; workbook masukan tidak diubah.")
            raise typer.Exit(128 + exc.signum if stopped else 130)
        except LkjError as exc:
            fail(str(exc), EXIT_USAGE)
        except OSError as exc:          # the output side: rekap.xlsx or a folder could not be written
            fail(_pesan_keluaran(exc, keluaran))
        _ringkasan(hasil)
        raise typer.Exit(hasil.kode_keluar)


def _pesan_keluaran(exc: OSError, keluaran: Path) -> str:
    import errno

    where = exc.filename or keluaran
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return (f"Disk penuh saat menulis ke folder keluaran ({where}). Ini bukan kesalahan workbook: kosongkan "
                "ruang di disk itu atau pilih folder keluaran lain (-o), lalu jalankan lagi.")
    return (f"Folder keluaran tidak dapat ditulis ({where}: {exc.strerror or exc}). Ini bukan kesalahan workbook: "
            "periksa izin folder itu atau pilih folder keluaran lain (-o), lalu jalankan lagi.")


def register(app: typer.Typer) -> None:
    app.command("batch")(batch)
