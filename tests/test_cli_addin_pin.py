"""Issue 9 §6: the add-in calls Range.set_colors (xlwings 0.37.5); the pin and the build message say so."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import xlwings

from lkj_xl.addin import build
from lkj_xl.core.problems import LkjError

ROOT = Path(__file__).resolve().parent.parent


def test_pyproject_pins_the_xlwings_the_code_needs():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert [d for d in deps if d.startswith("xlwings")] == [f"xlwings>={build.XLWINGS_MIN}"]
    assert build.XLWINGS_MIN == "0.37.5"
    assert "set_colors" in (ROOT / "lkj_xl" / "addin" / "handlers.py").read_text(encoding="utf-8")
    assert hasattr(xlwings.main.Range, "set_colors")          # the installed xlwings has it


def test_build_message_names_the_needed_version(tmp_path):
    with pytest.raises(LkjError) as info:
        build.xlwings_module(tmp_path)                        # a folder without xlwings' .bas
    assert 'Pasang xlwings versi 0.37.5 atau lebih baru: pip install "xlwings>=0.37.5".' in str(info.value)
