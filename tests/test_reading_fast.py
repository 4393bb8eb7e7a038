"""Two shortcuts of the reader, each checked against the slow path on the same files.

The reader cuts the template's styled empty cells out of a sheet's XML before parsing it (issue 12:
they are ~95 % of a template sheet's XML, and reading was the largest cost of a report). That must never
change what is read: every contoh workbook gives the same grids with and without the cut, in openpyxl's
form of an empty cell and in Excel's, and the two cases where a cut could move or change a value fall
back to the XML as stored.

It also reads rows and the cells Excel writes most (numbers, shared strings, plain inline text)
without openpyxl's general row and cell path: every contoh workbook, a sheet of unusual cells and a
package as Excel writes it read the same as through openpyxl's own parser on the XML as stored.

Cells used (contoh/000, transcribed from seed 000): Capaian row 12 lies below the six indicators, so the
template's empty styled cells A12..J12 are all that is there; sheet5.xml = Capaian.
"""
from __future__ import annotations

import datetime as dt
import re
import zipfile

import pytest
from openpyxl.worksheet._reader import WorkSheetParser

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


def _openpyxl_cells(monkeypatch):
    """The reference: the sheet as stored, every row and cell through openpyxl's own parser (only the
    reader's reporting of unreadable numbers and formulas without a value stays, in parse_cell)."""
    _as_stored(monkeypatch)
    monkeypatch.setattr(reading_files._SheetParser, "parse_row", WorkSheetParser.parse_row)
    monkeypatch.setattr(reading_files._SheetParser, "_plain_cell", lambda self, element: None)


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.stem)
def test_every_contoh_workbook_reads_the_same_as_through_openpyxls_cell_path(path, monkeypatch):
    fast = _grids(path)
    _openpyxl_cells(monkeypatch)
    assert fast == _grids(path)


UNUSUAL = {   # Capaian row 12 (below the six indicators), column -> the <c> element written there
    "A12": '<c r="A12"><v>2.5e-3</v></c>',
    "B12": '<c r="B12"><v>1E+3</v></c>',                         # exponent: a float
    "C12": '<c r="C12" s="12"><v>-0.5</v></c>',
    "D12": '<c r="D12"><v>.5</v></c>',                           # no leading digit: openpyxl's path
    "E12": '<c r="E12"><f>SUM(1,2)</f><v>3</v></c>',             # a formula with its stored value
    "F12": '<c r="F12" t="str"><f>"a"</f><v>teks rumus</v></c>',
    "G12": '<c r="G12" t="b"><v>1</v></c>',
    "H12": '<c r="H12" t="e"><v>#N/A</v></c>',
    "I12": '<c r="I12"><v>007</v></c>',                          # leading zeros: int 7
    "J12": '<c r="J12" t="inlineStr"><is><r><t>kaya</t></r><r><t> teks</t></r></is></c>',   # runs
}


def _capaian_with(path, cells: dict[str, str]):
    """contoh/000 with Capaian's empty styled cells at `cells`' addresses replaced by the given <c>s."""
    def edit(xml: str) -> str:
        for ref, cell in cells.items():
            xml, n = re.subn(rf'<c r="{ref}" s="[0-9]+" t="n"></c>', cell, xml)
            assert n == 1, ref
        return xml
    return edit_part(SEED000_XLSX, path, CAPAIAN_PART, edit)


def _capaian_fast_and_slow(path, monkeypatch):
    """Capaian read by the reader, then through openpyxl's own row and cell path."""
    fast = load_grids(path, ("Capaian",))["Capaian"]
    _openpyxl_cells(monkeypatch)
    return fast, load_grids(path, ("Capaian",))["Capaian"]


def test_unusual_cells_read_the_same_as_through_openpyxls_cell_path(tmp_path, monkeypatch):
    fast, slow = _capaian_fast_and_slow(_capaian_with(tmp_path / "aneh.xlsx", UNUSUAL), monkeypatch)
    assert fast.values[11][:10] == [0.0025, 1000.0, -0.5, 0.5, 3, "teks rumus", True, "#N/A", 7, "kaya teks"]
    assert (fast.values, fast.formats) == (slow.values, slow.formats)


# A package as Excel writes it (openpyxl, and so the template, never writes shared strings): one sheet
# with shared strings, and a number in a date-formatted cell (style 1 = numFmtId 14).
_PACKAGE = {
    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.styles+xml"/></Types>',
    "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Capaian" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'styles" Target="styles.xml"/></Relationships>',
    "xl/sharedStrings.xml": '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<si><t>IK1</t></si><si><t>Bagian_x0020_Organisasi</t></si></sst>',
    "xl/styles.xml": '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/>'
    '</fill></fills><borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/>'
    '<xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="10" applyNumberFormat="1"/></cellXfs></styleSheet>',
    "xl/worksheets/sheet1.xml": '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" s="1"><v>45201</v>'
    '</c><c r="D1" s="2"><v>0.9167</v></c><c r="E1" s="1"/><c r="F1"><v>12</v></c></row></sheetData></worksheet>',
}


def test_excel_shared_strings_and_dates_read_the_same_as_through_openpyxls_cell_path(tmp_path, monkeypatch):
    path = tmp_path / "excel.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in _PACKAGE.items():
            z.writestr(name, xml)
    fast = load_grids(path)["Capaian"]
    assert fast.values == [["IK1", "Bagian Organisasi", dt.datetime(2023, 10, 2), 0.9167, None, 12]]
    assert fast.formats == [[None, None, None, "0.00%", None, None]]     # kept for numbers only
    _openpyxl_cells(monkeypatch)
    slow = load_grids(path)["Capaian"]
    assert (fast.values, fast.formats) == (slow.values, slow.formats)


@pytest.mark.parametrize("row_tag", ['<row>', '<row r="12.0">', '<row r="12" spans="1:10" ht="20" customHeight="1">'])
def test_unusual_rows_read_the_same_as_through_openpyxls_parser(tmp_path, monkeypatch, row_tag):
    """A row without "r" (numbered by counting from the last row read, as openpyxl numbers it), a row
    number written as a float, a row with height attributes: the reader's own row path gives way to
    openpyxl's where it must, and the grid is openpyxl's."""
    def edit(xml: str) -> str:
        xml, n = re.subn(r'<row r="12"[^>]*>', row_tag, xml)
        assert n == 1
        xml, n = re.subn(r'<c r="C12" s="12" t="n"></c>', '<c r="C12"><v>42</v></c>', xml)
        assert n == 1
        return xml
    path = edit_part(SEED000_XLSX, tmp_path / "baris.xlsx", CAPAIAN_PART, edit)
    fast = load_grids(path, ("Capaian",))["Capaian"]
    assert 42 in [v for row in fast.values for v in row]
    _openpyxl_cells(monkeypatch)
    slow = load_grids(path, ("Capaian",))["Capaian"]
    assert (fast.values, fast.formats) == (slow.values, slow.formats)


ODD_ADDRESSES = {   # Capaian row 12: addresses the row shortcut ('E' of 'E12' is what precedes "12") must not misread
    "A12": '<c r="B112"><v>1</v></c>',         # ends with the row's number, but its letters are "B1"
    "B12": '<c r="C2"><v>2</v></c>',           # another row's address
    "C12": '<c r="d12"><v>3</v></c>',          # lower case
    "D12": '<c r="E012"><v>4</v></c>',         # a leading zero
    "E12": '<c r="AA12"><v>5</v></c>',
}


def test_cell_addresses_that_do_not_match_their_row_read_as_openpyxl_reads_them(tmp_path, monkeypatch):
    fast, slow = _capaian_fast_and_slow(_capaian_with(tmp_path / "alamat.xlsx", ODD_ADDRESSES), monkeypatch)
    assert fast.values[11][1] == 1 and fast.values[11][2] == 2 and fast.values[11][26] == 5   # B, C, AA
    assert (fast.values, fast.formats) == (slow.values, slow.formats)
