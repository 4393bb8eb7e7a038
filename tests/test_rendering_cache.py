"""Issue 12: per process the Word template is read and compiled once and reused; the output is identical,
and an edited template (other mtime or size) is read again."""
from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

from lkj_xl.core.engine import olah_file
from lkj_xl.report import untrusted
from lkj_xl.report.rendering import TEMPLATE_DIR, buat_docx

from .conftest import CONTOH, build, seed000


def parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")}


def clear() -> None:
    untrusted._FILES.clear()
    untrusted._PATCHED.clear()
    untrusted.sandbox()._compiled.clear()


def test_reused_template_gives_the_same_document_for_every_contoh(tmp_path):
    books = sorted(CONTOH.glob("*.xlsx"))
    fresh = {}
    for wb in books:                                   # each rendered from an empty cache …
        clear()
        o = olah_file(wb)
        fresh[wb.name] = parts(buat_docx(o, tmp_path / f"fresh_{wb.stem}.docx", draf=o.ada_kesalahan, folder_foto=CONTOH))
    clear()
    for wb in books:                                   # … and all in a row from one cache
        o = olah_file(wb)
        again = parts(buat_docx(o, tmp_path / f"again_{wb.stem}.docx", draf=o.ada_kesalahan, folder_foto=CONTOH))
        assert again == fresh[wb.name], wb.name
    read = [Path(k[0]) for k in untrusted._FILES]
    # each template file read once for all reports: the quarterly and the annual bundled template
    assert sorted(p.name for p in read) == ["lkj_triwulan.docx", "lkjip_tahunan.docx"]


def test_an_edited_template_is_read_again(tmp_path):
    shutil.copy(TEMPLATE_DIR / "lkj_triwulan.docx", tmp_path / "milik_saya.docx")
    data = seed000()
    data["pengaturan"] = {"templat": "milik_saya.docx"}
    book = build(data, tmp_path / "a.xlsx")
    o = olah_file(book)
    first = parts(buat_docx(o, tmp_path / "1.docx", folder_foto=tmp_path))

    from docx import Document
    doc = Document(str(tmp_path / "milik_saya.docx"))
    doc.add_paragraph("Catatan baru {{ unit }}")
    doc.save(str(tmp_path / "milik_saya.docx"))
    os.utime(tmp_path / "milik_saya.docx", ns=(1, 1))              # even with an older mtime: the size differs
    second = parts(buat_docx(o, tmp_path / "2.docx", folder_foto=tmp_path))
    assert b"Catatan baru Bagian Organisasi Setda" in second["word/document.xml"]
    assert b"Catatan baru" not in first["word/document.xml"]
