"""`lkj` command line. Each submodule registers its own commands; all logic lives in the core.

Exit codes: 0 clean, 1 problems found or a file failed, 2 usage error.
"""
from __future__ import annotations

import sys

import typer

from . import addin_cmd, batch_cmd, engine_cmd, report_cmd

app = typer.Typer(
    name="lkj",
    help="lkj_xl: Laporan Kinerja (LKj) dari workbook Excel ke Word.\n\n"
         "Contoh: lkj validasi laporan.xlsx",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

for module in (engine_cmd, report_cmd, batch_cmd, addin_cmd):
    module.register(app)


def main() -> None:
    # typer >= 0.26 itself turns Ctrl-C into exit 130; older ones raise KeyboardInterrupt up to here.
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("Dibatalkan.", err=True)
        sys.exit(130)
