"""`lkj periksa`: the annual report's self-check against the LKE 3.b criteria (core/lke.py)."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from .common import EXIT_PROBLEMS, console, user_errors

WARNA = {"Terpenuhi": "green", "Sebagian": "yellow", "Belum": "red"}


def periksa(
    file: Path = typer.Argument(..., help="Workbook LKj tahunan (.xlsx)"),
    as_json: bool = typer.Option(False, "--json", help="Keluarkan hasilnya sebagai JSON"),
) -> None:
    """Periksa laporan tahunan terhadap sembilan kriteria kualitas LKE (PermenPANRB 88/2021, komponen 3.b).

    Tiap kriteria: Terpenuhi, Sebagian atau Belum, dengan alasannya dan sheet yang perlu diisi. Kode keluar
    0 bila semua Terpenuhi, 1 bila ada yang Sebagian atau Belum.

    Contoh: lkj periksa laporan_2024.xlsx
    """
    from rich.table import Table

    from ..core import lke
    from ..core.engine import olah_file

    with user_errors():
        o = olah_file(file)
        hasil = lke.periksa(o.laporan, o.hasil)
        if as_json:
            typer.echo(json.dumps([{"kode": k.kode, "nomor": k.nomor, "kriteria": k.nama, "status": k.status,
                                    "alasan": k.alasan, "sheet": k.sheet, "saran": k.saran} for k in hasil],
                                  ensure_ascii=False, indent=2))
        else:
            if not lke.berlaku(o.laporan):
                console.print(f"[yellow]Catatan:[/] Periode di sheet Identitas adalah '{o.laporan.identitas.periode}'; "
                              "kriteria ini untuk laporan tahunan (Periode: Tahunan).", highlight=False)
            table = Table(title=f"Kualitas laporan tahunan ({lke.KOMPONEN}) — {file.name}", header_style="bold")
            for col in ("No", "Kriteria", "Status", "Alasan dan yang perlu dilakukan"):
                table.add_column(col)
            for k in hasil:
                saran = f" — {k.saran}" if k.saran else ""
                table.add_row(str(k.nomor), k.nama, f"[{WARNA[k.status]}]{k.status}[/]", f"{k.alasan}{saran}")
            console.print(table)
            console.print(lke.ringkas(hasil) + ".")
        if any(k.status != lke.TERPENUHI for k in hasil):
            raise typer.Exit(EXIT_PROBLEMS)


def register(app: typer.Typer) -> None:
    app.command("periksa")(periksa)
