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
