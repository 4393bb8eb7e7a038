"""Text a user typed appears literally: markup characters, template syntax, quotes, long text, line breaks."""
from __future__ import annotations

import zipfile

from docx import Document

from lkj_xl.core.engine import olah_file
from lkj_xl.report.rendering import buat_docx

from .test_rendering import all_text

SASARAN = 'Sasaran A & B <c> "kutip" \'tunggal\' {{ x }} {% if %} 50% & > 3'
INDIKATOR = "Indikator {% for i in x %} <b>tebal</b> & {{ nama }} {#komentar#} {_{ aneh }_}"
NAMA = "BUDI & <ANI>, S.H. {{ nama }}"
PANJANG = ("Strategi panjang & <rinci> " * 200)[:5000]
BARIS = "baris pertama\nbaris kedua & <ketiga>\r\nbaris keempat\tdengan tab"


def test_hostile_text_appears_literally(seed_data, make_book, tmp_path):
    seed_data["pk"][0]["sasaran"] = SASARAN
    seed_data["pk"][0]["indikator"] = INDIKATOR
    seed_data["identitas"]["nama"] = NAMA
    seed_data["strategi"][0]["strategi"] = PANJANG
    seed_data["strategi"][0]["bulan"] = BARIS
    seed_data["tugas"][0]["uraian"] = "Tugas {{ 7*7 }} & <b>"
    seed_data["rtl"][0]["uraian"] = "RTL {% raw %} & ''"
    olahan = olah_file(make_book(seed_data))
    out = buat_docx(olahan, tmp_path / "hostile.docx", draf=olahan.ada_kesalahan)

    with zipfile.ZipFile(out) as z:                    # well-formed XML: python-docx parses every part
        assert z.testzip() is None
    doc = Document(str(out))
    text = all_text(doc).replace("\u2060", "")    # word joiner that keeps '{_{' from docxtpl's unescaping
    assert SASARAN in text
    assert f"1. {INDIKATOR}" in text
    assert NAMA in text
    assert PANJANG.strip() in text and len(PANJANG) == 5000
    assert "Tugas {{ 7*7 }} & <b>" in text and "49" not in text.split("Tugas")[1][:20]
    assert "RTL {% raw %} & ''" in text
    # typed line breaks become real breaks; control characters are dropped
    assert "baris pertama\nbaris kedua & <ketiga>\nbaris keempat\tdengan tab" in text


def test_hostile_text_in_the_pdf(seed_data, make_book, tmp_path):
    import shutil
    import subprocess

    import pytest
    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice (soffice) atau pdftotext tidak terpasang")
    from lkj_xl.report.rendering import buat_pdf
    seed_data["pk"][0]["sasaran"] = "Sasaran A & B <c> {{ x }}"
    out = buat_docx(olah_file(make_book(seed_data)), tmp_path / "h.docx")
    pdf = buat_pdf(out)
    txt = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Sasaran A & B <c> {{ x }}" in " ".join(txt.split())
