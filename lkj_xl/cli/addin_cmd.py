"""`lkj addin build | install | uninstall`: the Excel ribbon add-in (logic in addin_build / addin_install)."""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

import typer

from ..addin import build as addin_build
from ..addin import install as addin_install
from .common import console, fail, user_errors

addin_app = typer.Typer(
    name="addin",
    help="Add-in Excel (tab pita LKj: Validasi, Hitung Capaian, Buat LKj).\n\nContoh: lkj addin install",
    no_args_is_help=True,
    add_completion=False,
)


@addin_app.command("build")
def build(
    output: Path = typer.Option(Path("build") / addin_build.XLAM_NAME, "-o", "--keluaran", "--output",
                                help="Berkas .xlam yang dibuat (atau folder untuknya)."),
) -> None:
    """Membuat berkas add-in lkj_xl.xlam dari teks di xl_addin/ dan VBA milik xlwings.

    Contoh: lkj addin build -o build/lkj_xl.xlam
    """
    with user_errors():
        start = time.perf_counter()
        path = addin_build.build_xlam(output)
        console.print(f"Add-in dibuat: {path} ({time.perf_counter() - start:.1f} detik)", highlight=False)


def _applescript() -> Path | None:
    try:
        folder = addin_build.xlwings_dir()
    except Exception:
        return None
    found = sorted(folder.glob("xlwings-*.applescript"))
    return found[-1] if found else None


@addin_app.command("install")
def install(
    xlam: Optional[Path] = typer.Option(None, "--xlam", help="Pasang berkas .xlam ini (bawaan: dibuat sekarang)."),
) -> None:
    """Memasang add-in ke Excel (Windows/macOS) dan mencatat Python yang menjalankan lkj.

    Contoh: lkj addin install
    """
    with user_errors():
        sistem = addin_install.sistem_dari(sys.platform)
        if sistem == "lain":
            fail("Microsoft Excel desktop tidak tersedia di sistem ini (hanya Windows dan macOS). "
                 "Add-in tidak dipasang. Di sini gunakan perintah lkj (misalnya: lkj validasi laporan.xlsx), "
                 "atau buat berkasnya saja dengan: lkj addin build")

        with tempfile.TemporaryDirectory(prefix="lkj_addin_") as tmp:
            path = xlam or addin_build.build_xlam(Path(tmp) / addin_build.XLAM_NAME)
            done = addin_install.pasang(path, sistem=sistem, home=Path.home(), python=sys.executable,
                                        env=os.environ, applescript=_applescript() if sistem == "macos" else None)
        for line in done:
            console.print(f"- {line}", highlight=False)
        console.print("Selesai. Tutup lalu buka kembali Excel: tab [bold]LKj[/] akan muncul di pita.")


@addin_app.command("uninstall")
def uninstall() -> None:
    """Menghapus add-in dan pengaturan yang dipasang oleh lkj addin install.

    Contoh: lkj addin uninstall
    """
    with user_errors():
        sistem = addin_install.sistem_dari(sys.platform)
        if sistem == "lain":
            fail("Microsoft Excel desktop tidak tersedia di sistem ini (hanya Windows dan macOS); "
                 "tidak ada add-in yang perlu dihapus.")

        done = addin_install.lepas(sistem=sistem, home=Path.home(), env=os.environ)
        for line in done:
            console.print(f"- {line}", highlight=False)
        console.print("Add-in LKj sudah dihapus. Tutup lalu buka kembali Excel." if done
                      else "Add-in LKj tidak terpasang; tidak ada yang dihapus.")


def register(app: typer.Typer) -> None:
    app.add_typer(addin_app, name="addin")
