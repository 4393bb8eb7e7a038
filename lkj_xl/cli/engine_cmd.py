"""`lkj baru`, `lkj validasi`, `lkj hitung`: the engine from the command line.

The engine and openpyxl are imported when a command runs, not when the CLI starts (`lkj --help`)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from .common import (EXIT_PROBLEMS, EXIT_USAGE, check_output, console, debug_enabled, fail, output_path,
                     print_problems, user_errors)


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
    from ..core import layout as L
    from ..workbook.template import new_workbook
    from ..workbook.writing import atomic_save

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
    from ..core.engine import olah_file

    if as_json:
        _validasi_json(file)
    with user_errors():
        o = olah_file(file)
        print_problems(o.masalah, title=f"Masalah di {file.name}")
        if not o.masalah:
            console.print("[green]Tidak ada masalah. Workbook siap dihitung dan dibuat laporannya.[/]")
        if o.ada_kesalahan:
            raise typer.Exit(EXIT_PROBLEMS)


def _validasi_json(file: Path) -> None:
    """`validasi --json`: JSON on stdout in every case; a fatal error is its `fatal` field."""
    from ..core.engine import olah_file
    from ..core.problems import LkjError

    def emit(fatal: str | None, masalah: list, code: int) -> None:
        typer.echo(json.dumps({"file": str(file), "fatal": fatal, "masalah": masalah}, ensure_ascii=False, indent=2))
        raise typer.Exit(code)

    try:
        o = olah_file(file)
    except LkjError as exc:
        emit(str(exc), [], EXIT_PROBLEMS)
    except Exception as exc:     # last resort, as user_errors(): never a traceback instead of JSON
        if debug_enabled():
            import traceback
            traceback.print_exc()
        emit(f"Terjadi kesalahan tak terduga saat membaca '{file.name}' ({type(exc).__name__}). Jalankan lagi "
             "dengan LKJ_DEBUG=1 untuk rinciannya dan laporkan ke admin.", [], EXIT_PROBLEMS)
    emit(None, [p.to_dict() for p in o.masalah], EXIT_PROBLEMS if o.ada_kesalahan else 0)


def hitung(
    file: Path = typer.Argument(..., help="Workbook LKj (.xlsx atau .xlsm)"),
    keluaran: Optional[Path] = typer.Option(None, "-o", "--keluaran",
                                            help="File hasil .xlsx (.xlsm untuk workbook bermakro) atau folder. "
                                                 "Bawaan: <nama>_hasil.xlsx di folder yang sama (diganti bila ada)."),
    di_tempat: bool = typer.Option(False, "--di-tempat", help="Tulis ke workbook itu sendiri (cadangan dibuat dulu)"),
    timpa: bool = typer.Option(False, "--timpa", help="Ganti file hasil -o yang sudah ada"),
) -> None:
    """Hitung capaian, serapan, efisiensi dan predikat; tulis kolom hasil serta sheet Hasil dan Masalah.

    Bawaan: hasil ditulis ke salinan. Sel yang Anda ketik tidak pernah diubah.

    Contoh: lkj hitung laporan_tw3.xlsx -o laporan_tw3_hasil.xlsx
    """
    from ..core.engine import olah_file
    from ..core.formatting import persen
    from ..workbook.writing import backup, write_results

    with user_errors():
        if di_tempat and keluaran:
            fail("Pilih salah satu: --di-tempat atau -o/--keluaran.", EXIT_USAGE)
        if di_tempat:
            out = file
        else:
            macro = file.suffix.lower() == ".xlsm"
            suffix = ".xlsm" if macro else ".xlsx"                 # a macro workbook stays .xlsm
            out, default = output_path(file, keluaran, f"{file.stem}_hasil{suffix}")
            check_output(out, file, suffix=suffix, timpa=timpa or default,
                         why_suffix="; workbook bermakro (.xlsm) tetap .xlsm, karena Excel menolak membuka "
                                    "workbook bermakro yang bernama .xlsx" if macro else "")
        o = olah_file(file)
        if di_tempat:
            cadangan = backup(file)
            write_results(file, file, o)
            console.print(f"Cadangan: {cadangan}", highlight=False)
        else:
            write_results(file, out, o)
        h, d = o.hasil, o.laporan.pengaturan.desimal
        console.print(f"Ditulis: [bold]{out}[/]", highlight=False)
        console.print(f"{len(h.indikator)} indikator, {len(h.tercapai)} tercapai; rata-rata capaian "
                      f"{persen(h.kinerja, d)}; serapan anggaran {persen(h.serapan, d)}; "
                      f"{o.jumlah_kesalahan} kesalahan, {o.jumlah_peringatan} peringatan (lihat sheet Masalah).")
        if o.ada_kesalahan:
            raise typer.Exit(EXIT_PROBLEMS)


def register(app: typer.Typer) -> None:
    app.command("baru")(baru)
    app.command("validasi")(validasi)
    app.command("hitung")(hitung)
