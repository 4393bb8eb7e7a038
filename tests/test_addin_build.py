"""The built lkj_xl.xlam: read back independently (olevba, olefile, LibreOffice) and compared with
xlwings' own known-good quickstart_addin_ribbon.xlam."""
from __future__ import annotations

import random
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import olefile
import pytest
from oletools.olevba import VBA_Parser, decompress_stream
from typer.testing import CliRunner

from lkj_xl.addin import build as B
from lkj_xl.core.problems import LkjError

XLWINGS = B.xlwings_dir()
QUICKSTART = XLWINGS / "quickstart_addin_ribbon.xlam"
OUR_MODULES = {"ThisWorkbook", "Sheet1", "Dictionary", "LkjRibbon", "xlwings"}


@pytest.fixture(scope="module")
def xlam(tmp_path_factory) -> Path:
    start = time.perf_counter()
    path = B.build_xlam(tmp_path_factory.mktemp("addin") / "lkj_xl.xlam")
    print(f"build time {time.perf_counter() - start:.2f}s")
    return path


def _vba_bin(path: Path, tmp: Path) -> Path:
    out = tmp / f"{path.stem}_vbaProject.bin"
    with zipfile.ZipFile(path) as zf:
        out.write_bytes(zf.read("xl/vbaProject.bin"))
    return out


def _macros(bin_path: Path) -> dict[str, str]:
    parser = VBA_Parser(str(bin_path))
    try:
        return {Path(name).stem: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def _norm(code: str) -> str:
    return code.replace("\r\n", "\n").rstrip("\n")


def _body(code: str) -> str:
    """Module text without its Attribute lines."""
    return "\n".join(l for l in _norm(code).split("\n") if not l.startswith("Attribute VB_"))


# ------------------------------------------------------------------ the VBA project

def test_olevba_extracts_exactly_our_vba_and_xlwings(xlam, tmp_path):
    macros = _macros(_vba_bin(xlam, tmp_path))
    assert set(macros) == OUR_MODULES
    assert all(isinstance(c, str) for c in macros.values())
    ours = (B.source_dir() / "LkjRibbon.bas").read_text(encoding="utf-8")
    assert _norm(macros["LkjRibbon"]) == _norm(ours)
    shipped = (XLWINGS / "xlwings_custom_addin.bas").read_text(encoding="cp1252")
    expected = shipped.replace('PROJECT_NAME As String = "myaddin"', f'PROJECT_NAME As String = "{B.PROJECT_NAME}"')
    assert expected != shipped
    assert _norm(macros["xlwings"]) == _norm(expected)            # all 45 KB, not truncated
    cls = (XLWINGS / "addin" / "Dictionary.cls").read_text(encoding="cp1252")
    assert _body(macros["Dictionary"]) == _body(cls.split("\n", 4)[4])
    assert 'Attribute VB_Base = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"' in macros["Dictionary"]


def test_vba_project_mirrors_xlwings_quickstart_addin(xlam, tmp_path):
    """Same streams, same kinds of modules, same attribute headers, same _VBA_PROJECT (no p-code)."""
    ours, theirs = olefile.OleFileIO(str(_vba_bin(xlam, tmp_path))), olefile.OleFileIO(str(_vba_bin(QUICKSTART, tmp_path)))
    try:
        names = lambda ole: {"/".join(e) for e in ole.listdir()}  # noqa: E731
        rename = {"VBA/RibbonMyAddin": "VBA/LkjRibbon", "VBA/Sheet2": "VBA/Sheet1"}
        assert names(ours) == {rename.get(n, n) for n in names(theirs)}
        assert ours.openstream("VBA/_VBA_PROJECT").read() == theirs.openstream("VBA/_VBA_PROJECT").read()

        def kinds(ole):
            text = ole.openstream("PROJECT").read().decode("latin-1")
            return sorted(re.findall(r"^(Document|Class|Module)=(\w+)", text, re.M))
        assert kinds(ours) == sorted([("Class", "Dictionary"), ("Document", "Sheet1"), ("Document", "ThisWorkbook"),
                                      ("Module", "LkjRibbon"), ("Module", "xlwings")])
        assert [k for k, _ in kinds(theirs)] == [k for k, _ in kinds(ours)]
        assert ours.openstream("PROJECTwm").read().startswith(b"ThisWorkbook\x00")
    finally:
        ours.close()
        theirs.close()
    mine, qs = _macros(_vba_bin(xlam, tmp_path)), _macros(_vba_bin(QUICKSTART, tmp_path))
    attrs = lambda code: [l for l in _norm(code).split("\n") if l.startswith("Attribute VB_")]  # noqa: E731
    assert attrs(mine["ThisWorkbook"]) == attrs(qs["ThisWorkbook"])
    assert attrs(mine["Sheet1"]) == [a.replace("Sheet2", "Sheet1") for a in attrs(qs["Sheet2"])]
    assert attrs(mine["Dictionary"]) == attrs(qs["Dictionary"])


def test_ovba_compression_round_trips():
    """ms-ovba-compression 1.0.1 truncates inputs over ~1 KB; our compressor must not."""
    rnd = random.Random(5)
    text = (XLWINGS / "xlwings_custom_addin.bas").read_bytes()
    noise = bytes(rnd.randrange(256) for _ in range(8192))
    for data in (b"", b"a", b"abc" * 3000, text[:4095], text[:4096], text[:4097], text, noise, noise[:4096] + text):
        assert bytes(decompress_stream(bytearray(B.ovba_compress(data)))) == data


# ------------------------------------------------------------------ the package and the ribbon

def test_package_layout(xlam):
    with zipfile.ZipFile(xlam) as zf:
        names = set(zf.namelist())
        assert {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                "xl/vbaProject.bin", "xl/worksheets/sheet1.xml", "customUI/customUI14.xml"} <= names
        types = ET.fromstring(zf.read("[Content_Types].xml"))
        overrides = {o.get("PartName"): o.get("ContentType") for o in types}
        assert overrides["/xl/workbook.xml"] == "application/vnd.ms-excel.addin.macroEnabled.main+xml"
        rels = {r.get("Target"): r.get("Type") for r in ET.fromstring(zf.read("_rels/.rels"))}
        assert rels["customUI/customUI14.xml"] == B.CUSTOMUI_REL
        wrels = {r.get("Target"): r.get("Type") for r in ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))}
        assert wrels["vbaProject.bin"].endswith("/vbaProject")
        wb = zf.read("xl/workbook.xml").decode()
        assert 'codeName="ThisWorkbook"' in wb and f'name="{B.CONF_SHEET}"' in wb
        assert 'codeName="Sheet1"' in zf.read("xl/worksheets/sheet1.xml").decode()
        assert zf.read("customUI/customUI14.xml") == (B.source_dir() / "customUI14.xml").read_bytes()


def test_ribbon_buttons_call_a_callback_that_exists(xlam, tmp_path):
    with zipfile.ZipFile(xlam) as zf:
        xml = zf.read("customUI/customUI14.xml").decode("utf-8")
    root = ET.fromstring(xml.encode())
    assert root.tag == f"{{{B.CUSTOMUI_NS}}}customUI"
    ns = {"c": B.CUSTOMUI_NS}
    tab = root.find(".//c:tab", ns)
    assert tab.get("label") == "LKj"
    buttons = root.findall(".//c:button", ns)
    labels = [b.get("label") for b in buttons]
    assert labels == ["Validasi", "Hitung Capaian", "Buat LKj (Word)", "Buat PDF", "Workbook Baru", "Bantuan"]
    assert all(b.get("imageMso") and b.get("screentip") and b.get("supertip") for b in buttons)
    macros = _macros(_vba_bin(xlam, tmp_path))
    subs = set().union(*(B.vba_subs(code) for code in macros.values()))
    for button_id, action in B.ribbon_callbacks(xml):
        assert action in subs, (button_id, action)
    from lkj_xl.addin.handlers import HANDLERS
    assert {b.get("tag") for b in buttons} == set(HANDLERS)
    assert f"lkj_xl.addin.jalankan('\" & tag & \"')" in macros["LkjRibbon"]


def test_a_ribbon_button_without_callback_fails_the_build(tmp_path):
    src = tmp_path / "xl_addin"
    shutil.copytree(B.source_dir(), src)
    xml = (src / "customUI14.xml").read_text(encoding="utf-8").replace('onAction="LkjTombol" screentip="Bantuan',
                                                                        'onAction="TidakAda" screentip="Bantuan')
    (src / "customUI14.xml").write_text(xml, encoding="utf-8")
    with pytest.raises(LkjError, match="TidakAda"):
        B.build_xlam(tmp_path / "x.xlam", src=src)


def test_project_name_must_be_found_once(tmp_path):
    fake = tmp_path / "xlwings"
    (fake / "addin").mkdir(parents=True)
    shutil.copy(XLWINGS / "addin" / "Dictionary.cls", fake / "addin")
    (fake / "xlwings_custom_addin.bas").write_text('Attribute VB_Name = "xlwings"\r\nSub X()\r\nEnd Sub\r\n')
    with pytest.raises(LkjError, match="PROJECT_NAME"):
        B.build_xlam(tmp_path / "x.xlam", xlwings=fake)


def test_build_is_reproducible(xlam, tmp_path):
    again = B.build_xlam(tmp_path / "lagi.xlam")
    assert again.read_bytes() == xlam.read_bytes()


# ------------------------------------------------------------------ LibreOffice opens it

@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_addin_and_reads_its_vba(xlam, tmp_path):
    """LibreOffice 7.4 does not recognise the .xlam extension by itself (xlwings' own quickstart add-in
    fails the same way), so the filter is named. Converting to .ods makes LibreOffice import the VBA
    project: each module it could parse becomes Basic/<library>/<module>.xml."""
    out = tmp_path / "out"
    cmd = ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path / 'profil'}",
           "--infilter=Calc MS Excel 2007 VBA XML"]
    for fmt in ("xlsx", "ods"):
        subprocess.run(cmd + ["--convert-to", fmt, "--outdir", str(out), str(xlam)], capture_output=True, timeout=180)
        assert (out / f"lkj_xl.{fmt}").is_file(), f"LibreOffice could not convert the add-in to {fmt}"
    from openpyxl import load_workbook
    conf = load_workbook(out / "lkj_xl.xlsx").active
    assert conf.title == B.CONF_SHEET and conf["A1"].value == "Interpreter_Win"
    with zipfile.ZipFile(out / "lkj_xl.ods") as zf:
        basic = {Path(n).stem: zf.read(n).decode("utf-8") for n in zf.namelist()
                 if n.startswith("Basic/VBAProject/") and not n.endswith("script-lb.xml")}
    assert set(basic) == OUR_MODULES
    assert "LkjTombol" in basic["LkjRibbon"] and "Function RunPython" in basic["xlwings"]


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_rejects_a_broken_file(tmp_path):
    """The check above means something: a damaged file produces no output."""
    bad = tmp_path / "rusak.xlam"
    bad.write_bytes(b"PK\x03\x04" + bytes(200))
    out = tmp_path / "out"
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path / 'profil'}",
                    "--infilter=Calc MS Excel 2007 VBA XML", "--convert-to", "xlsx", "--outdir", str(out), str(bad)],
                   capture_output=True, timeout=180)
    assert not (out / "rusak.xlsx").exists()


# ------------------------------------------------------------------ lkj addin build

def test_cli_build(tmp_path):
    from lkj_xl.cli import app

    result = CliRunner().invoke(app, ["addin", "build", "-o", str(tmp_path / "a.xlam")])
    assert result.exit_code == 0, result.output
    assert "Add-in dibuat" in result.output and (tmp_path / "a.xlam").is_file()
    result = CliRunner().invoke(app, ["addin", "build", "-o", str(tmp_path / "a.xlsx")])
    assert result.exit_code == 1 and "harus berakhiran .xlam" in result.output
