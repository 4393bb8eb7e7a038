"""`lkj tahunan`: one annual workbook from the quarterly workbooks (logic in workbook.gabung_tahunan)."""
from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from .common import EXIT_PROBLEMS, EXIT_USAGE, check_output, console, fail, user_errors


def tahunan(
    files: list[Path] = typer.Argument(..., help="Workbook triwulan (.xlsx), satu per triwulan; TW IV wajib ada"),
    keluaran: Path = typer.Option(..., "-o", "--keluaran", help="Workbook tahunan yang dibuat (.xlsx)"),
    timpa: bool = typer.Option(False, "--timpa", help="Ganti file keluaran yang sudah ada"),
) -> None:
    """Gabungkan workbook triwulan (TW I–IV) menjadi satu workbook tahunan.

    Identitas, PK dan target semua file harus sama, dan realisasi anggaran kumulatif tidak boleh turun.
    Workbook tahunan adalah salinan workbook TW IV dengan Periode Laporan 'Tahunan' dan realisasi s.d.
    TW I, II, III dan IV diambil dari workbook triwulannya masing-masing. File masukan tidak diubah.

    Contoh: lkj tahunan TW1.xlsx TW2.xlsx TW3.xlsx TW4.xlsx -o 2024.xlsx
    """
    from ..workbook.gabung_tahunan import gabung, tulis_tahunan

    with user_errors():
        for source in files:
            check_output(keluaran, source, suffix=".xlsx", timpa=timpa)
        if len(files) < 2:
            fail("Berikan dua sampai empat workbook triwulan, misalnya: "
                 "lkj tahunan TW1.xlsx TW2.xlsx TW3.xlsx TW4.xlsx -o 2024.xlsx", EXIT_USAGE)
        g = gabung(files)
        for p in g.masalah:
            console.print(escape(f"{p.file}: {p.line()}"), highlight=False)
        if g.ada_kesalahan:
            fail(f"Workbook tahunan tidak dibuat: {sum(p.severity == 'error' for p in g.masalah)} kesalahan "
                 "di atas. Perbaiki workbook triwulannya, lalu ulangi.", EXIT_PROBLEMS)
        out = tulis_tahunan(g, keluaran)
        kuartal = ", ".join(f"TW {['I', 'II', 'III', 'IV'][tw - 1]} dari {q.name}" for tw, q in sorted(g.triwulan.items()))
        console.print(f"Ditulis: [bold]{out}[/] (Periode Tahunan; realisasi {kuartal}).", highlight=False)
        console.print(f"Lanjutkan dengan: lkj validasi {out}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("tahunan")(tahunan)
