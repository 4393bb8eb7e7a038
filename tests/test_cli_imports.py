"""Issue 12: the CLI imports a command's module only when it runs; `lkj validasi` and `lkj --help` load no
Word, chart, batch or add-in code (structure, not time: which modules end up in sys.modules)."""
from __future__ import annotations

import inspect
import json
import subprocess
import sys

import pytest

from lkj_xl import cli

from .conftest import SEED000_XLSX
from .sonde_pekerja import laporan_dan_modul

PROBE = """
import json, sys
from lkj_xl.cli import app
try:
    app(sys.argv[1:])
except SystemExit:
    pass
print("MODULES=" + json.dumps(sorted(sys.modules)))
"""
HEAVY = {"matplotlib", "docx", "docxtpl", "docxcompose", "jinja2", "pandas", "xlwings"}
OTHER_LAYERS = ("lkj_xl.report", "lkj_xl.batch", "lkj_xl.addin", "lkj_xl.cli.report_cmd", "lkj_xl.cli.batch_cmd",
                "lkj_xl.cli.addin_cmd")


def loaded(*args) -> set[str]:
    r = subprocess.run([sys.executable, "-c", PROBE, *map(str, args)], capture_output=True, text=True, timeout=120)
    line = next(x for x in r.stdout.splitlines() if x.startswith("MODULES="))
    return set(json.loads(line[len("MODULES="):]))


def test_validasi_loads_the_engine_and_no_word_chart_batch_or_addin_code():
    mods = loaded("validasi", SEED000_XLSX)
    assert {"lkj_xl.core.engine", "lkj_xl.core.validation", "openpyxl"} <= mods   # the probe sees real work
    assert not {m.split(".")[0] for m in mods} & HEAVY
    assert not [m for m in mods if m.startswith(OTHER_LAYERS)]


def test_an_on_time_report_needs_no_holiday_calendar(make_book, seed_data):
    """Seed 000 is dated 2 Oktober 2023 (seed 000's signature), the 2nd working day after TW III: on time
    even without national holidays, which only move the deadline later, so `holidays` (every country's
    calendar, ~0,1 s) is not imported. A date after that bound still uses it
    (test_report_triwulan.test_report_dated_within_the_real_deadline_is_not_late)."""
    assert "holidays" not in loaded("validasi", SEED000_XLSX)
    seed_data["identitas"]["tanggal"] = "2023-10-16"      # 11 weekdays after 30 September 2023
    assert "holidays" in loaded("validasi", make_book(seed_data))


def test_help_loads_no_command_module():
    mods = loaded("--help")
    assert not [m for m in mods if m.startswith(("lkj_xl.core", "lkj_xl.workbook") + OTHER_LAYERS)]
    assert "lkj_xl.cli.engine_cmd" not in mods and "openpyxl" not in mods


def test_buat_loads_word_when_it_runs(tmp_path):
    mods = loaded("buat", SEED000_XLSX, "-o", tmp_path / "l.docx")
    assert (tmp_path / "l.docx").is_file()
    assert {"docxtpl", "lkj_xl.report.rendering", "lkj_xl.cli.report_cmd"} <= mods


@pytest.mark.parametrize("name", list(cli.COMMANDS))
def test_the_help_listed_without_importing_is_the_commands_own(name):
    command = cli.load_command(name)
    own = inspect.getdoc(command.callback) if command.callback else command.help
    assert cli.COMMANDS[name][1] == " ".join(own.split("\n\n")[0].split())


def test_the_lkj_script_imports_no_typer_until_main_runs():
    """`lkj batch` spawns its workers, and spawn runs the `lkj` script again in each of them: that
    script does `from lkj_xl.cli import main` and nothing more, so the package itself loads no typer."""
    r = subprocess.run([sys.executable, "-c", "import sys; from lkj_xl.cli import main; "
                        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich', 'click')))"],
                       capture_output=True, text=True, timeout=120)
    assert r.stdout.strip() == "[]", r.stderr


def test_a_batch_worker_makes_its_report_without_numpy_or_the_pdf_code(tmp_path):
    """The report is made (seed 000) in a real worker of the batch pool, which keeps numpy out
    (openpyxl's optional import) and has no PDF code: PDFs are made by the parent."""
    from lkj_xl.batch.job import BERHASIL, Pekerjaan
    from lkj_xl.batch.pool import jalankan_paralel

    got: list = []
    job = Pekerjaan(1, str(SEED000_XLSX), "000.xlsx", str(tmp_path), ".~lkj-uji-")
    jalankan_paralel([job], 1, got.append, laporan_dan_modul, tmp=str(tmp_path))
    [(status, mods)] = got
    assert status == BERHASIL
    tops = {m.split(".")[0] for m in mods}
    assert {"openpyxl", "docxtpl", "lkj_xl"} <= tops        # the probe sees real work
    assert not tops & {"numpy", "pandas", "ssl", "matplotlib"}
    assert "lkj_xl.report.pdf" not in mods and "urllib.request" not in mods


def test_a_ctrl_c_while_the_commands_load_is_a_plain_cancel():
    """main() loads typer and the commands (~0,1 s); a Ctrl-C then ends with exit 130 and the usual
    word, no traceback (a finder stands in for the keypress, arriving exactly there)."""
    code = ("import sys\n"
            "class CtrlC:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name == 'lkj_xl.cli.root':\n"
            "            raise KeyboardInterrupt\n"
            "sys.meta_path.insert(0, CtrlC())\n"
            "from lkj_xl.cli import main\n"
            "main()\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert (r.returncode, r.stderr) == (130, "Dibatalkan.\n")
