"""Shared CLI plumbing: one-line Bahasa Indonesia errors instead of tracebacks, problem tables."""
from __future__ import annotations

import contextlib
import os
import sys
import traceback
from pathlib import Path
from typing import Iterator

import typer
from rich.console import Console
from rich.table import Table

from ..core.problems import TINGKAT, LkjError, Problem

console = Console()
err_console = Console(stderr=True)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def debug_enabled() -> bool:
    return os.environ.get("LKJ_DEBUG", "") not in ("", "0")


def fail(message: str, code: int = EXIT_PROBLEMS) -> None:
    err_console.print(f"[bold red]Kesalahan:[/] {message}", highlight=False)
    raise typer.Exit(code)


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Turn LkjError and unexpected failures into one clear message (traceback only with LKJ_DEBUG=1)."""
    try:
        yield
    except typer.Exit:
        raise
    except LkjError as exc:
        fail(str(exc))
    except OSError as exc:
        if getattr(exc, "keluaran", None) is None:
            raise_unexpected(exc)
        from ..workbook.writing import output_error
        fail(str(output_error(exc.keluaran, exc)))
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # last resort: never show a traceback to an official
        raise_unexpected(exc)


def raise_unexpected(exc: BaseException) -> None:
    if debug_enabled():
        traceback.print_exception(exc)
    fail(f"Terjadi kesalahan tak terduga ({type(exc).__name__}: {exc}). "
         "Jalankan lagi dengan LKJ_DEBUG=1 untuk rinciannya dan laporkan ke admin.")


def same_file(a: Path, b: Path) -> bool:
    """The same file, through `..`, links or hard links (compared by path and by identity)."""
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_output(out: Path, source: Path, *, suffix: str, timpa: bool, why_suffix: str = "") -> None:
    """Refuse an output that would silently replace the input or an unrelated file, or has the wrong type."""
    if out.suffix.lower() != suffix:
        fail(f"Nama file hasil harus berakhiran {suffix} (diberikan: '{out.name}'){why_suffix}.", EXIT_USAGE)
    if same_file(out, source):
        fail(f"File hasil '{out}' adalah workbook masukan itu sendiri. Untuk menulis hasil ke workbook itu "
             "sendiri pakai --di-tempat (cadangannya dibuat lebih dulu); atau pilih nama lain dengan -o.", EXIT_USAGE)
    if out.exists() and not timpa:
        fail(f"File hasil '{out}' sudah ada. Pakai nama lain, atau tambahkan --timpa untuk menggantinya.",
             EXIT_USAGE)


def problem_table(problems: list[Problem], title: str = "") -> Table:
    table = Table(title=title or None, show_lines=False, header_style="bold")
    table.add_column("Tingkat")
    table.add_column("Sel", no_wrap=True)
    table.add_column("Kode", no_wrap=True)
    table.add_column("Pesan dan yang perlu dilakukan")
    for p in problems:
        style = "red" if p.severity == "error" else "yellow"
        table.add_row(f"[{style}]{TINGKAT[p.severity]}[/]", p.where, p.code, f"{p.message} {p.hint}".strip())
    return table


def print_problems(problems: list[Problem], title: str = "") -> None:
    if problems:
        console.print(problem_table(problems, title))
    errors = sum(p.severity == "error" for p in problems)
    console.print(f"{errors} kesalahan, {len(problems) - errors} peringatan.")


def stdout_is_tty() -> bool:
    return sys.stdout.isatty()


def output_path(file: Path, keluaran: Path | None, default_name: str) -> tuple[Path, bool]:
    """Where a command writes: `default_name` next to the workbook, inside a folder given with -o, or the
    -o path itself. The flag says whether it is the default name (which lkj replaces without --timpa)."""
    if keluaran is None:
        return file.with_name(default_name), True
    if keluaran.is_dir():
        return keluaran / default_name, True
    return keluaran, False
