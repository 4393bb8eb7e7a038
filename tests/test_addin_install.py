"""lkj addin install / uninstall: platform logic against a fake home directory."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lkj_xl.addin import install as I
from lkj_xl.core.problems import LkjError

PY_WIN = r"C:\Users\siti\lkj\.venv\Scripts\python.exe"
PY_MAC = "/Users/siti/lkj/.venv/bin/python"


@pytest.fixture
def xlam(tmp_path) -> Path:
    p = tmp_path / "build" / "lkj_xl.xlam"
    p.parent.mkdir()
    p.write_bytes(b"PK fake add-in")
    return p


def test_platforms():
    assert I.sistem_dari("win32") == "windows"
    assert I.sistem_dari("darwin") == "macos"
    assert I.sistem_dari("linux") == "lain"


def test_locations_windows(tmp_path):
    env = {"APPDATA": str(tmp_path / "AppData" / "Roaming"), "USERPROFILE": str(tmp_path)}
    loc = I.lokasi("windows", tmp_path, env)
    assert loc.addin == tmp_path / "AppData" / "Roaming" / "Microsoft" / "Excel" / "XLSTART" / "lkj_xl.xlam"
    assert loc.conf == tmp_path / ".lkj" / "lkj.conf"          # xlwings: %USERPROFILE%\.<PROJECT_NAME>\<...>.conf
    assert loc.kunci == "INTERPRETER_WIN"


def test_locations_macos(tmp_path):
    loc = I.lokasi("macos", tmp_path)
    assert loc.addin == tmp_path.joinpath(*I.MAC_STARTUP) / "lkj_xl.xlam"
    assert loc.conf == tmp_path / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / "lkj.conf"
    assert loc.kunci == "INTERPRETER_MAC"


def test_no_excel_platform_is_refused(tmp_path, xlam):
    with pytest.raises(LkjError, match="hanya dapat dipasang pada Microsoft Excel untuk Windows atau macOS"):
        I.pasang(xlam, sistem="lain", home=tmp_path, python=sys.executable)


def test_missing_excel_is_refused(tmp_path, xlam):
    with pytest.raises(LkjError, match="Microsoft Excel tidak ditemukan"):
        I.pasang(xlam, sistem="macos", home=tmp_path / "home", python=PY_MAC)   # no Excel.app in the fake home


def test_install_and_uninstall_windows(tmp_path, xlam):
    home = tmp_path / "home"
    env = {"APPDATA": str(home / "AppData" / "Roaming"), "USERPROFILE": str(home)}
    done = I.pasang(xlam, sistem="windows", home=home, env=env, python=PY_WIN, cek_excel=False)
    loc = I.lokasi("windows", home, env)
    assert loc.addin.read_bytes() == xlam.read_bytes()
    assert loc.conf.read_bytes() == f'"INTERPRETER_WIN","{PY_WIN}"\r\n'.encode()
    assert any("XLSTART" in line for line in done)
    # a second install replaces, not duplicates, the interpreter
    I.pasang(xlam, sistem="windows", home=home, env=env, python=PY_WIN + "x", cek_excel=False)
    assert I.baca_conf(loc.conf) == [("INTERPRETER_WIN", PY_WIN + "x")]
    done = I.lepas(sistem="windows", home=home, env=env)
    assert not loc.addin.exists() and not loc.conf.exists() and not (home / ".lkj").exists()
    assert len(done) == 2
    assert loc.addin.parent.exists()               # Excel's XLSTART folder itself stays
    assert I.lepas(sistem="windows", home=home, env=env) == []


def test_uninstall_keeps_settings_that_were_not_ours(tmp_path, xlam):
    home = tmp_path / "home"
    env = {"APPDATA": str(home / "AppData"), "USERPROFILE": str(home)}
    loc = I.lokasi("windows", home, env)
    I.tulis_conf(loc.conf, [("PYTHONPATH", r"D:\kode")])
    I.pasang(xlam, sistem="windows", home=home, env=env, python=PY_WIN, cek_excel=False)
    assert I.baca_conf(loc.conf) == [("PYTHONPATH", r"D:\kode"), ("INTERPRETER_WIN", PY_WIN)]
    I.lepas(sistem="windows", home=home, env=env)
    assert I.baca_conf(loc.conf) == [("PYTHONPATH", r"D:\kode")]


def test_install_and_uninstall_macos(tmp_path, xlam):
    home = tmp_path / "home"
    script = tmp_path / "xlwings-0.37.8.applescript"
    script.write_text("on VbaHandler(...)")
    done = I.pasang(xlam, sistem="macos", home=home, python=PY_MAC, applescript=script, cek_excel=False)
    loc = I.lokasi("macos", home)
    assert loc.addin.is_file()
    assert I.baca_conf(loc.conf) == [("INTERPRETER_MAC", PY_MAC)]
    assert (loc.folder_skrip / script.name).read_text() == "on VbaHandler(...)"
    assert len(done) == 3
    I.lepas(sistem="macos", home=home)
    assert not loc.addin.exists() and not loc.conf.exists() and not (loc.folder_skrip / script.name).exists()


def test_macos_keeps_an_applescript_it_did_not_install(tmp_path, xlam):
    home = tmp_path / "home"
    script = tmp_path / "xlwings-0.37.8.applescript"
    script.write_text("x")
    loc = I.lokasi("macos", home)
    loc.folder_skrip.mkdir(parents=True)
    (loc.folder_skrip / script.name).write_text("from xlwings runpython install")
    I.pasang(xlam, sistem="macos", home=home, python=PY_MAC, applescript=script, cek_excel=False)
    I.lepas(sistem="macos", home=home)
    assert (loc.folder_skrip / script.name).read_text() == "from xlwings runpython install"


def test_missing_xlam(tmp_path):
    with pytest.raises(LkjError, match="lkj addin build"):
        I.pasang(tmp_path / "tidak_ada.xlam", sistem="windows", home=tmp_path, python=PY_WIN, cek_excel=False)


@pytest.mark.skipif(sys.platform.startswith("win") or sys.platform == "darwin", reason="checks the no-Excel path")
def test_cli_install_without_excel_exits_1_in_indonesian():
    from lkj_xl.cli import app

    for cmd in ("install", "uninstall"):
        result = CliRunner().invoke(app, ["addin", cmd])
        assert result.exit_code == 1
        assert "Excel desktop tidak tersedia di sistem ini" in result.output
