"""The root `lkj` command. Each submodule registers its own commands; all logic lives in the core.

A command's module is imported only when that command runs (`lkj validasi` loads no Word, chart or
batch code; `lkj --help` loads none of them): `LazyGroup` knows every command's name and one-line help.

Exit codes: 0 clean, 1 problems found or a file failed, 2 usage error.
"""
from __future__ import annotations

import importlib
import sys
import warnings

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup

try:                                    # typer >= 0.2x vendors click as typer._click
    from typer._click.exceptions import NoSuchOption, UsageError
except ImportError:                     # pragma: no cover - older typer uses click itself
    from click.exceptions import NoSuchOption, UsageError

# command -> (module in lkj_xl.cli, help shown by `lkj --help`: the first paragraph of its docstring)
COMMANDS = {
    "baru": ("engine_cmd", "Buat workbook baru dari templat, dengan identitas terisi."),
    "validasi": ("engine_cmd", "Periksa isi workbook dan tampilkan setiap masalah beserta selnya."),
    "hitung": ("engine_cmd", "Hitung capaian, serapan, efisiensi dan predikat; tulis kolom hasil serta sheet "
                             "Hasil dan Masalah."),
    "buat": ("report_cmd", "Buat Laporan Kinerja (Word, dan PDF bila diminta) dari workbook."),
    "batch": ("batch_cmd", "Buat laporan LKj untuk semua workbook dalam satu folder, sekaligus rekap.xlsx dan "
                           "pemeriksaan antar laporan (NIP dan nama, jumlah anggaran atasan dan bawahan, tahun dan "
                           "periode)."),
    "periksa": ("periksa_cmd", "Periksa laporan tahunan terhadap sembilan kriteria kualitas LKE (PermenPANRB 88/2021, komponen 3.b)."),
    "addin": ("addin_cmd", "Add-in Excel (tab pita LKj: Validasi, Hitung Capaian, Buat LKj)."),
    "tahunan": ("tahunan_cmd", "Gabungkan workbook triwulan (TW I–IV) menjadi satu workbook tahunan."),
}

DASH_HINT = ("Nama file yang diawali tanda minus ('-'): tulis -- sebelum nama file, misalnya "
             "lkj validasi -- -laporan.xlsx")


def _settings() -> dict:
    return dict(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode="rich")


def load_command(name: str) -> TyperCommand:
    """Import the module of `name` and build its click command, as typer would have."""
    module = importlib.import_module(f"{__package__}.{COMMANDS[name][0]}")
    holder = typer.Typer(**_settings())
    module.register(holder)
    return typer.main.get_group(holder).commands[name]


class LazyGroup(TyperGroup):
    """A typer group whose commands are imported on first use; help lists them from COMMANDS."""

    _listing = False

    def list_commands(self, ctx) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx, cmd_name: str):
        if cmd_name in self.commands or cmd_name not in COMMANDS:
            return self.commands.get(cmd_name)
        if self._listing:                       # `lkj --help`: the name and one line are enough
            short = COMMANDS[cmd_name][1]
            return TyperCommand(cmd_name, help=short, short_help=short)
        self.commands[cmd_name] = load_command(cmd_name)
        return self.commands[cmd_name]

    def format_help(self, ctx, formatter) -> None:
        self._listing = True
        try:
            return super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except NoSuchOption as exc:
            raise UsageError(f"Opsi '{exc.option_name}' tidak dikenal. {DASH_HINT}.", ctx=exc.ctx) from None


app = typer.Typer(
    name="lkj",
    cls=LazyGroup,
    help="lkj_xl: Laporan Kinerja (LKj) dari workbook Excel ke Word.\n\n"
         "Contoh: lkj validasi laporan.xlsx\n\n" + DASH_HINT + ".",
    no_args_is_help=True,
    **_settings(),
)


@app.callback()
def _start() -> None:
    # openpyxl warns in English about things that do not concern the user (sheet titles over 31 characters,
    # unsupported extensions); every message an official reads is Indonesian and about their data.
    warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl(\..*)?$")


def main() -> None:
    # typer >= 0.26 itself turns Ctrl-C into exit 130; older ones raise KeyboardInterrupt up to here.
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("Dibatalkan.", err=True)
        sys.exit(130)
