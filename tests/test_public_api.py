"""The names at the package root are the stable API scripts use; internal paths may move behind them.
The README's "library in five lines" is run as written, so the documentation cannot drift from the API."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl

import lkj_xl

ROOT = Path(__file__).resolve().parent.parent
API = ["LkjError", "Olahan", "Problem", "buat_docx", "buat_pdf", "jalankan_batch", "olah_file", "olah_grids",
       "tulis_hasil", "workbook_baru"]


def test_the_public_names_are_exactly_these():
    assert sorted(n for n in lkj_xl.__all__ if n != "__version__") == API
    for name in API:
        assert callable(getattr(lkj_xl, name)), name


def test_unknown_names_raise_attribute_error():
    try:
        lkj_xl.konteks  # noqa: B018 - an internal name is not part of the API
    except AttributeError as exc:
        assert "konteks" in str(exc)
    else:
        raise AssertionError("lkj_xl.konteks should not be public")


def test_import_lkj_xl_loads_no_heavy_library():
    code = "import sys, lkj_xl; print(sorted(m for m in ('docx', 'docxtpl', 'matplotlib', 'openpyxl', 'xlwings') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def readme_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## The library in five lines"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_readme_example_runs_as_written(tmp_path, capsys):
    src = ROOT / "contoh" / "000_bagian_organisasi_tw3_2023.xlsx"
    cwd = os.getcwd()
    (tmp_path / "contoh").mkdir()
    (tmp_path / "contoh" / src.name).write_bytes(src.read_bytes())
    os.chdir(tmp_path)
    try:
        exec(compile(readme_example(), "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    printed = capsys.readouterr().out
    # Seed 000 line 91: total serapan 297.697.991 / 690.440.500 = 43,117...% (the seed printed 68,89 %).
    assert printed.startswith(str(Decimal(297697991) / Decimal(690440500) * 100)[:6])
    assert "anggaran-pk-berbeda" in printed
    assert "Hasil" in openpyxl.load_workbook(tmp_path / "hasil.xlsx", read_only=True).sheetnames
    text = "\n".join(p.text for p in docx.Document(tmp_path / "laporan.docx").paragraphs)
    assert "LAPORAN KINERJA" in text.upper()
