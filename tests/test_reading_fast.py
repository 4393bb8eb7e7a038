"""The reader cuts the template's styled empty cells out of a sheet's XML before parsing it (issue 12:
they are ~95 % of a template sheet's XML, and reading was the largest cost of a report). That must never
change what is read: every contoh workbook gives the same grids with and without the cut, in openpyxl's
form of an empty cell and in Excel's, and the two cases where a cut could move or change a value fall
back to the XML as stored.

Cells used (contoh/000, transcribed from seed 000): Capaian row 12 lies below the six indicators, so the
template's empty styled cells A12..J12 are all that is there; sheet5.xml = Capaian.
"""
from __future__ import annotations

import re

import pytest

from lkj_xl.core import reading_files
from lkj_xl.core.reading_files import load_grids

from .conftest import CONTOH, SEED000_XLSX
from .test_hostile_reading import CAPAIAN_PART, edit_part

WORKBOOKS = sorted(CONTOH.glob("*.xlsx"))


def _as_stored(monkeypatch):
    """Make the reader parse every sheet as stored (no cut), the way it reads sheets over _STRIP_MAX."""
    monkeypatch.setattr(reading_files, "_STRIP_MAX", -1)


def _grids(path):
    return {name: (g.values, g.formats) for name, g in load_grids(path).items()}


def _cut_count(path) -> int:
    import zipfile
    with zipfile.ZipFile(path) as z:
        return sum(len(reading_files._EMPTY_CELL.findall(z.read(n))) for n in z.namelist()
                   if n.startswith("xl/worksheets/"))


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.stem)
def test_every_contoh_workbook_reads_the_same_with_the_cut(path, monkeypatch):
    assert _cut_count(path) > 1000          # the cut has work to do in every contoh workbook
    fast = _grids(path)
    _as_stored(monkeypatch)
    assert fast == _grids(path)


def test_excel_form_of_empty_cells_reads_the_same(tmp_path, monkeypatch):
    """Excel writes an empty styled cell as <c r="B7" s="3"/>; openpyxl (and so the template) as
    <c r="B7" s="3" t="n"></c>."""
    def excel_form(xml: str) -> str:
        return re.sub(r'(<c r="[A-Z]+[0-9]+" s="[0-9]+") t="n"></c>', r"\1/>", xml)
    path = SEED000_XLSX
    for part in (CAPAIAN_PART, "xl/worksheets/sheet4.xml"):
        path = edit_part(path, tmp_path / f"excel_{part[-5]}.xlsx", part, excel_form)
    assert '<c r="A12" s="14"/>' in _part(path, CAPAIAN_PART)
    fast = _grids(path)
    _as_stored(monkeypatch)
    assert fast == _grids(path)
    assert fast == _grids(SEED000_XLSX)


def _part(path, part) -> str:
    import zipfile
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode()


def test_a_cell_placed_by_counting_keeps_its_column(tmp_path):
    """A cell without "r" sits one column after the cell before it, so the empty cells before it count:
    with them cut out it would land in column A. The reader parses such a sheet again as stored."""
    def edit(xml: str) -> str:
        new, n = re.subn(r'<c r="C12" s="12" t="n"></c>',
                         '<c t="inlineStr"><is><t>tanpa alamat</t></is></c>', xml)
        assert n == 1
        return new
    path = edit_part(SEED000_XLSX, tmp_path / "tanpa_r.xlsx", CAPAIAN_PART, edit)
    capaian = load_grids(path, ("Capaian",))["Capaian"]
    assert capaian.get(12, 3) == "tanpa alamat"
    assert capaian.get(12, 1) is None


def test_text_in_a_cdata_section_is_kept_as_typed(tmp_path):
    """Inside CDATA, '<c r="A1" s="1"/>' is text, not a cell: such a sheet is not cut."""
    typed = '<c r="A1" s="1"/> dan <c r="B2" s="3" t="n"></c>'
    def edit(xml: str) -> str:
        new, n = re.subn(r'<c r="C12" s="12" t="n"></c>',
                         f'<c r="C12" t="inlineStr"><is><t><![CDATA[{typed}]]></t></is></c>', xml)
        assert n == 1
        return new
    path = edit_part(SEED000_XLSX, tmp_path / "cdata.xlsx", CAPAIAN_PART, edit)
    assert load_grids(path, ("Capaian",))["Capaian"].get(12, 3) == typed
