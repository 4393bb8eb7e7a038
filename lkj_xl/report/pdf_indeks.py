"""PDF of documents with a table of contents: LibreOffice's `--convert-to pdf` prints a TOC field as it
was saved (Word fills it only when the file is opened in Word), so the Daftar Isi would be empty. When
a list to convert holds such a document, the one LibreOffice of `pdf._satu_proses` runs a small Basic
macro instead of `--convert-to`: it opens each file, updates every index (the TOC, with the page
numbers of this very layout) and exports the PDF to the same place `--convert-to` would.

The macro lives in the throw-away profile of that conversion (user/basic/Standard), never in the
user's own LibreOffice; the file names are written into it as Basic string literals.
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from html import escape   # & < > as xml.sax.saxutils.escape, without its urllib/ssl imports (~50 ms)

MODUL = "LkjPdf"
_KEPALA = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="{MODUL}" script:language="StarBasic">
"""
_SATU = """
Sub SatuFile(sIn As String, sOut As String)
  Dim oDoc As Object
  On Error GoTo Gagal
  Dim aLoad(0) As New com.sun.star.beans.PropertyValue
  aLoad(0).Name = "Hidden"
  aLoad(0).Value = True
  oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(sIn), "_blank", 0, aLoad())
  oIdx = oDoc.getDocumentIndexes()
  For i = 0 To oIdx.getCount() - 1
    oIdx.getByIndex(i).update()
  Next i
  Dim aSave(0) As New com.sun.star.beans.PropertyValue
  aSave(0).Name = "FilterName"
  aSave(0).Value = "writer_pdf_Export"
  oDoc.storeToURL(ConvertToURL(sOut), aSave())
  oDoc.close(True)
  Exit Sub
Gagal:
  On Error Resume Next
  If Not IsNull(oDoc) Then oDoc.close(True)
End Sub
"""


def punya_daftar_isi(docx: Path) -> bool:
    """True when the document body holds a TOC field."""
    try:
        with zipfile.ZipFile(docx) as z:
            xml = z.read("word/document.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return b"TOC \\o" in xml


def _basic(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def makro(files: list[Path], out: Path) -> str:
    """The module text: one SatuFile call per document, into `out/<stem>.pdf`, in order."""
    calls = "\n".join(f"  SatuFile {_basic(str(f))}, {_basic(str(out / (f.stem + '.pdf')))}" for f in files)
    return _KEPALA + escape(f"Sub Ekspor\n{calls}\nEnd Sub\n{_SATU}", quote=False) + "</script:module>\n"


def pasang_makro(base: list[str], profile: Path, files: list[Path], out: Path) -> list[str] | None:
    """Install the macro into `profile`, which one LibreOffice start has filled (`pdf._mulai_profil`);
    the command that runs it (`base`: LibreOffice with that profile), or None when the profile has no
    Basic library (the caller converts the usual way)."""
    lib = profile / "user" / "basic" / "Standard"
    index = lib / "script.xlb"
    if not index.is_file():
        return None
    (lib / f"{MODUL}.xba").write_text(makro(files, out), encoding="utf-8")
    text = index.read_text(encoding="utf-8")
    if f'library:name="{MODUL}"' not in text:
        index.write_text(text.replace("</library:library>",
                                      f' <library:element library:name="{MODUL}"/>\n</library:library>'),
                         encoding="utf-8")
    return base + [f"macro:///Standard.{MODUL}.Ekspor"]
