"""`lkj buat`: the Word LKj (and PDF) from a workbook. All work is done by lkj_xl.report.rendering,
imported when the command runs (Word and matplotlib are not loaded by the other commands)."""
from __future__ import annotations

from pathlib import Path

import typer

from .common import check_output, console, fail, output_path, print_problems, user_errors


def buat(
    file: Path = typer.Argument(..., help="Workbook LKj (.xlsx) yang akan dibuat laporannya."),
    output: Path | None = typer.Option(None, "-o", "--keluaran", "--output",
                                       help="File .docx hasil (atau folder). Bawaan: <nama workbook>_LKj.docx "
                                            "di folder yang sama (diganti bila sudah ada)."),
    pdf: bool = typer.Option(False, "--pdf", help="Buat juga PDF-nya (memerlukan LibreOffice)."),
    paksa: bool = typer.Option(False, "--paksa",
                               help="Tetap buat laporan walau masih ada kesalahan data; dokumen ditandai DRAF."),
    timpa: bool = typer.Option(False, "--timpa", help="Ganti file hasil -o yang sudah ada."),
    jenis: str | None = typer.Option(None, "--jenis",
                                     help="triwulan atau tahunan (LKjIP). Bawaan: menurut Periode di sheet Identitas."),
    reviu: bool = typer.Option(False, "--reviu",
                               help="Laporan tahunan: tambahkan halaman Pernyataan Telah Direviu (APIP)."),
) -> None:
    """Buat Laporan Kinerja (Word, dan PDF bila diminta) dari workbook.

    Laporan tidak dibuat bila validasi menemukan kesalahan, kecuali dengan --paksa (hasilnya ditandai DRAF).

    Contoh: lkj buat laporan_tw3.xlsx --pdf
    """
    from ..core.engine import olah, olah_file
    from ..core.reading import read_workbook
    from ..report.rendering import buat_docx, buat_pdf

    with user_errors():
        if jenis is not None and jenis.strip().lower() not in ("triwulan", "tahunan"):
            fail(f"--jenis '{jenis}' tidak dikenal. Pilih triwulan atau tahunan.", 2)
        out, default = output_path(file, output, f"{file.stem}_LKj.docx")
        check_output(out, file, suffix=".docx", timpa=timpa or default)
        if pdf:
            check_output(out.with_suffix(".pdf"), file, suffix=".pdf", timpa=timpa or default)
        if jenis and jenis.strip().lower() == "tahunan":
            lap = read_workbook(file)          # the year: realisasi s.d. TW IV against the annual target
            lap.identitas.periode = "Tahunan"
            olahan = olah(lap)
        else:
            olahan = olah_file(file)
        draf = False
        if olahan.ada_kesalahan:
            print_problems(olahan.masalah, title=f"Masalah di {file.name}")
            if not paksa:
                fail(f"Laporan tidak dibuat karena masih ada {olahan.jumlah_kesalahan} kesalahan data. "
                     "Perbaiki sel yang disebut di atas lalu ulangi, atau pakai --paksa untuk membuat DRAF.")
            draf = True
        docx = buat_docx(olahan, out, draf=draf, folder_foto=file.resolve().parent, jenis=jenis, reviu=reviu)
        if not draf and olahan.jumlah_peringatan:       # said once the report exists (a refused template says why)
            console.print(f"[yellow]{olahan.jumlah_peringatan} peringatan[/] (laporan tetap dibuat; "
                          "lihat: lkj validasi).", highlight=False)
        console.print(f"Laporan Word: {docx}" + (" [bold red](DRAF)[/]" if draf else ""), highlight=False)
        if olahan.laporan.identitas.periode == "Tahunan":
            from ..core import lke
            console.print(f"Kualitas laporan tahunan ({lke.KOMPONEN}): "
                          f"{lke.ringkas(lke.periksa(olahan.laporan, olahan.hasil))} (rinciannya: lkj periksa "
                          f"{file.name}).", highlight=False)
        if pdf:
            hasil_pdf = buat_pdf(docx, docx.parent)
            console.print(f"Laporan PDF:  {hasil_pdf}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("buat")(buat)
