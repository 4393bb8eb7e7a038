"""The committed template is exactly what the generator makes, and has what staff need."""
from __future__ import annotations

import zipfile

from openpyxl import load_workbook

from lkj_xl.core import layout as L
from lkj_xl.workbook.template import build_template

from .conftest import ROOT
from .workbook_snapshot import snapshot

TEMPLATE = ROOT / "workbooks" / "template_lkj.xlsx"


def test_committed_template_matches_generator(tmp_path):
    fresh = tmp_path / "fresh.xlsx"
    build_template().save(fresh)
    assert snapshot(TEMPLATE) == snapshot(fresh), \
        "workbooks/template_lkj.xlsx is stale: run `make template` and commit it"


def test_template_sheets_tables_and_dropdowns():
    wb = load_workbook(TEMPLATE)
    for name in ("Petunjuk", "Identitas", "PK", "Capaian", "Anggaran", "Strategi", "RTL", "Pengaturan",
                 "Hasil", "Masalah"):
        assert name in wb.sheetnames
    for spec in L.DATA_SHEETS + (L.MASALAH,):
        ws = wb[spec.name]
        assert spec.table in ws.tables
        assert [ws.cell(spec.header_row, i + 1).value for i in range(len(spec.columns))] == \
               [c.label for c in spec.columns]
        assert ws.freeze_panes == f"A{spec.first_data_row}"
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in wb["PK"].data_validations.dataValidation}
    assert lists["G4"] == '"Positif,Negatif"'
    assert '"TW I,TW II,TW III,TW IV,Tahunan"' in [dv.formula1 for dv in wb["Identitas"].data_validations.dataValidation]
    # the Permendagri 86/2017 scale is prefilled
    pengaturan = wb["Pengaturan"]
    assert [(pengaturan.cell(r, 1).value, pengaturan.cell(r, 2).value) for r in range(15, 20)] == \
           [(91, "Sangat Tinggi"), (76, "Tinggi"), (66, "Sedang"), (51, "Rendah"), (0, "Sangat Rendah")]


def test_inputs_and_computed_columns_look_different():
    ws = load_workbook(TEMPLATE)["Capaian"]
    head = {ws.cell(3, i + 1).value: ws.cell(3, i + 1).fill.fgColor.rgb for i in range(len(L.CAPAIAN.columns))}
    assert head["Realisasi s.d. TW III"] != head["Capaian (%)"]
    assert ws["E4"].fill.fgColor.rgb != ws["J4"].fill.fgColor.rgb
    assert "Dihitung oleh lkj_xl" in ws["J3"].comment.text


def test_template_has_no_macros():
    names = zipfile.ZipFile(TEMPLATE).namelist()
    assert not any("vbaProject" in n for n in names)


def test_problem_catalogue_doc_is_current():
    from lkj_xl.core.catalog_doc import render
    doc = (ROOT / "docs" / "katalog_masalah.md").read_text(encoding="utf-8")
    assert doc == render(), "docs/katalog_masalah.md is stale: python -m lkj_xl.core.catalog_doc docs/katalog_masalah.md"
