"""`FastDocxTemplate` writes byte-for-byte the same parts as docxtpl's own `DocxTemplate`: for the seed-000
report, for text with typed line breaks and tabs (docxtpl's listing pass), for photos (InlineImage
fragments with their own namespace declarations), and for a `{%tc %}` column loop (its table repair)."""
from __future__ import annotations

import functools
import re
import zipfile

import pytest
from docx import Document
from docxtpl import DocxTemplate
from PIL import Image

from lkj_xl.core.engine import olah_file
from lkj_xl.report import rendering
from lkj_xl.report.fast_template import FastDocxTemplate

from .conftest import SEED000_XLSX
from .test_rendering_hostile import BARIS


def _parts(path) -> dict[str, bytes]:
    """Every part's bytes; the document times in core.xml (the moment of writing) left out."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["docProps/core.xml"] = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"",
                                        parts["docProps/core.xml"])
    return parts


def _both(monkeypatch, olahan, tmp_path, folder=None) -> tuple[dict, dict]:
    assert issubclass(rendering._templat_class(), FastDocxTemplate)
    fast = _parts(rendering.buat_docx(olahan, tmp_path / "cepat.docx", folder_foto=folder))
    monkeypatch.setattr(rendering, "_templat_class", functools.partial(rendering._templat_class, False))
    slow = _parts(rendering.buat_docx(olahan, tmp_path / "docxtpl.docx", folder_foto=folder))
    return fast, slow


def test_seed000_report_is_identical(monkeypatch, tmp_path):
    fast, slow = _both(monkeypatch, olah_file(SEED000_XLSX), tmp_path)
    assert fast.keys() == slow.keys()
    assert [n for n in fast if fast[n] != slow[n]] == []
    assert b"<w:tbl>" in fast["word/document.xml"]


def test_line_breaks_tabs_and_photos_are_identical(seed_data, make_book, monkeypatch, tmp_path):
    seed_data["strategi"][0]["bulan"] = BARIS                  # newline, CRLF and tab typed in a cell
    seed_data["pk"][1]["indikator"] = "dua\nbaris"
    folder = tmp_path / "wb"
    (folder / "foto").mkdir(parents=True)
    Image.new("RGB", (400, 300), "steelblue").save(folder / "foto" / "rapat.png")
    seed_data["dokumentasi"] = [{"kegiatan": "Rapat", "tanggal": "2023-07-03", "foto": "foto/rapat.png"}]
    olahan = olah_file(make_book(seed_data))
    fast, slow = _both(monkeypatch, olahan, tmp_path, folder)
    assert [n for n in fast if fast[n] != slow[n]] == []
    xml = fast["word/document.xml"].decode()
    assert "<w:br/>" in xml and "<w:tab/>" in xml               # the listing pass did run
    assert xml.count("<pic:pic") == 3                            # two charts and the photo


def test_column_loop_table_repair_is_identical(tmp_path):
    doc = Document()
    table = doc.add_table(rows=2, cols=4)          # Kode | {%tc for %} | {{ k }} | {%tc endfor %}
    for r, first in enumerate(("Kode", "IK1")):
        for c, text in enumerate((first, "{%tc for k in kolom %}", "{{ k }}", "{%tc endfor %}")):
            table.cell(r, c).text = text
    doc.add_paragraph("akhir\tdengan tab")
    src = tmp_path / "kolom.docx"
    doc.save(src)
    out = {}
    for cls in (DocxTemplate, FastDocxTemplate):
        tpl = cls(str(src))
        tpl.render({"kolom": ["TW I", "TW II", "TW III", "TW IV", "Tahunan"]}, autoescape=True)
        tpl.save(tmp_path / f"{cls.__name__}.docx")
        out[cls] = _parts(tmp_path / f"{cls.__name__}.docx")["word/document.xml"]
    assert out[DocxTemplate] == out[FastDocxTemplate]
    assert out[FastDocxTemplate].count(b"<w:gridCol ") == 6    # the grid grew from 4 to 6 columns


@pytest.mark.parametrize("xml", [
    '<w:p><w:r><w:t>a\tb</w:t></w:r></w:p><w:p w:rsidR="1"><w:pPr/><w:r><w:t>c</w:t></w:r></w:p>',
    '<w:p>x<w:p>nested</w:p>t\nail</w:p><w:p>\n</w:p>',      # text box: a match ends at the inner </w:p>
    '<w:p>x<w:p>ne\nsted</w:p>tail</w:p>\t<w:p><w:r><w:t>\f</w:t></w:r></w:p>',
    '<w:pPr>not a start</w:pPr><w:p\n w:a="1">line\nbreak</w:p>',   # a newline inside the start tag
    '<w:p>closed\t</w:p><w:p>never closed\n',               # no </w:p> after the last start: no match
    '<w:p>\f</w:p></w:p><w:p >\a</w:p>\n',
    '<w:p><w:r><w:t>a\nb\tc</w:t></w:r><w:r><w:t>\a</w:t></w:r></w:p>',   # several in one paragraph
    'no paragraph\there', '',
])
def test_listing_pass_is_docxtpls(xml):
    """Only the paragraphs holding a special character go through docxtpl's listing pass, found from
    the character itself; the result is what docxtpl's own pass (docxtpl/template.py, resolve_listing,
    with its r"<w:p(?: [^>]*)?>.*?</w:p>" over the whole text) gives."""
    tpl = FastDocxTemplate.__new__(FastDocxTemplate)
    assert tpl.resolve_listing(xml) == DocxTemplate.resolve_listing(tpl, xml)
