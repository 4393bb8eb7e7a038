"""`lkj baru`, `lkj validasi`, `lkj hitung`: the engine from the command line."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from ..core import layout as L
from ..core.engine import olah_file
from ..core.formatting import persen
from ..core.problems import LkjError
from ..workbook.template import new_workbook
from ..workbook.writing import atomic_save, backup, write_results
from .common import EXIT_PROBLEMS, console, fail, print_problems, user_errors


def baru(
    keluaran: Path = typer.Argument(..., help="Nama file workbook baru, misalnya laporan_tw3.xlsx"),
    unit: str = typer.Option("", help="Unit kerja, misalnya 'Bagian Organisasi Setda'"),
    jabatan: str = typer.Option("", help="Jabatan pelapor"),
    nama: str = typer.Option("", help="Nama pelapor lengkap dengan gelar"),
    nip: str = typer.Option("", help="NIP pelapor (18 digit)"),
    tahun: Optional[int] = typer.Option(None, help="Tahun anggaran"),
    periode: str = typer.Option("", help="TW I, TW II, TW III, TW IV atau Tahunan"),
    pemerintah: str = typer.Option("", help="Misalnya 'Kabupaten Lumajang'"),
    timpa: bool = typer.Option(False, "--timpa", help="Timpa file yang sudah ada"),
) -> None:
    """Buat workbook baru dari templat, dengan identitas terisi.

    Contoh: lkj baru laporan_tw3.xlsx --unit "Bagian Organisasi Setda" --tahun 2023 --periode "TW III"
    """
    with user_errors():
        if keluaran.suffix.lower() not in (".xlsx",):
            fail(f"Nama file harus berakhiran .xlsx (diberikan: '{keluaran.name}').", 2)
        if keluaran.exists() and not timpa:
            fail(f"File '{keluaran}' sudah ada. Pakai nama lain atau tambahkan --timpa.", 2)
        if periode and L.tw_index(periode) == 0:
            fail(f"Periode '{periode}' tidak dikenal. Pilih TW I, TW II, TW III, TW IV atau Tahunan.", 2)
        values = {"unit": unit, "jabatan": jabatan, "nama": nama, "nip": nip, "tahun": tahun,
                  "periode": periode, "pemerintah": pemerintah}
        wb = new_workbook({k: v for k, v in values.items() if v})
        atomic_save(wb.save, keluaran)
        console.print(f"Workbook baru dibuat: [bold]{keluaran}[/]. Isi sheet Identitas, PK, Capaian dan Anggaran, "
                      f"lalu jalankan: lkj validasi {keluaran}")


def validasi(
    file: Path = typer.Argument(..., help="Workbook LKj (.xlsx)"),
    as_json: bool = typer.Option(False, "--json", help="Keluarkan daftar masalah sebagai JSON"),
) -> None:
    """Periksa isi workbook dan tampilkan setiap masalah beserta selnya.

    Kode keluar: 0 tanpa kesalahan (peringatan boleh ada), 1 ada kesalahan, 2 perintah salah.

    Contoh: lkj validasi laporan_tw3.xlsx --json
    """
    if as_json:
        try:
            o = olah_file(file)
        except LkjError as exc:
            typer.echo(json.dumps({"file": str(file), "fatal": str(exc), "masalah": []}, ensure_ascii=False, indent=2))
            raise typer.Exit(EXIT_PROBLEMS)
        typer.echo(json.dumps({"file": str(file), "fatal": None, "masalah": [p.to_dict() for p in o.masalah]},
                              ensure_ascii=False, indent=2))
        raise typer.Exit(EXIT_PROBLEMS if o.ada_kesalahan else 0)
    with user_errors():
        o = olah_file(file)
        print_problems(o.masalah, title=f"Masalah di {file.name}")
        if not o.masalah:
            console.print("[green]Tidak ada masalah. Workbook siap dihitung dan dibuat laporannya.[/]")
        if o.ada_kesalahan:
            raise typer.Exit(EXIT_PROBLEMS)


def hitung(
    file: Path = typer.Argument(..., help="Workbook LKj (.xlsx atau .xlsm)"),
    keluaran: Optional[Path] = typer.Option(None, "-o", "--keluaran", help="File hasil (bawaan: <nama>_hasil.xlsx)"),
    di_tempat: bool = typer.Option(False, "--di-tempat", help="Tulis ke workbook itu sendiri (cadangan dibuat dulu)"),
) -> None:
    """Hitung capaian, serapan, efisiensi dan predikat; tulis kolom hasil serta sheet Hasil dan Masalah.

    Bawaan: hasil ditulis ke salinan. Sel yang Anda ketik tidak pernah diubah.

    Contoh: lkj hitung laporan_tw3.xlsx -o laporan_tw3_hasil.xlsx
    """
    with user_errors():
        if di_tempat and keluaran:
            fail("Pilih salah satu: --di-tempat atau -o/--keluaran.", 2)
        o = olah_file(file)
        if di_tempat:
            cadangan = backup(file)
            out = write_results(file, file, o)
            console.print(f"Cadangan: {cadangan}")
        else:
            out = write_results(file, keluaran or file.with_name(f"{file.stem}_hasil{file.suffix}"), o)
        h, d = o.hasil, o.laporan.pengaturan.desimal
        console.print(f"Ditulis: [bold]{out}[/]")
        console.print(f"{len(h.indikator)} indikator, {len(h.tercapai)} tercapai; rata-rata capaian "
                      f"{persen(h.kinerja, d)}; serapan anggaran {persen(h.serapan, d)}; "
                      f"{o.jumlah_kesalahan} kesalahan, {o.jumlah_peringatan} peringatan (lihat sheet Masalah).")
        if o.ada_kesalahan:
            raise typer.Exit(EXIT_PROBLEMS)


def register(app: typer.Typer) -> None:
    app.command("baru")(baru)
    app.command("validasi")(validasi)
    app.command("hitung")(hitung)
