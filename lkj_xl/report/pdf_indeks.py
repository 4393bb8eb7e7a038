"""PDF of a document with a table of contents: LibreOffice's `--convert-to pdf` prints a TOC field as it
was saved (Word fills it only when the file is opened in Word), so the Daftar Isi would be empty. For
such documents the conversion runs a small LibreOffice Basic macro instead, which opens the file,
updates every index (the TOC, with the page numbers of this very layout) and exports the PDF.

The macro lives in the throw-away profile of one conversion (user/basic/Standard), never in the
user's own LibreOffice; the paths reach it through environment variables, so no quoting of file
names inside a macro URL is needed.
"""
from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path

MODUL = "LkjPdf"
_XBA = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="{MODUL}" script:language="StarBasic">
Sub Ekspor
  On Error GoTo Gagal
  Dim aLoad(0) As New com.sun.star.beans.PropertyValue
  aLoad(0).Name = &quot;Hidden&quot;
  aLoad(0).Value = True
  oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(Environ(&quot;LKJ_PDF_MASUK&quot;)), &quot;_blank&quot;, 0, aLoad())
  oIdx = oDoc.getDocumentIndexes()
  For i = 0 To oIdx.getCount() - 1
    oIdx.getByIndex(i).update()
  Next i
  Dim aSave(0) As New com.sun.star.beans.PropertyValue
  aSave(0).Name = &quot;FilterName&quot;
  aSave(0).Value = &quot;writer_pdf_Export&quot;
  oDoc.storeToURL(ConvertToURL(Environ(&quot;LKJ_PDF_KELUAR&quot;)), aSave())
  oDoc.close(True)
  Exit Sub
Gagal:
  If Not IsNull(oDoc) Then oDoc.close(True)
End Sub
</script:module>
"""


def punya_daftar_isi(docx: Path) -> bool:
    """True when the document body holds a TOC field."""
    try:
        with zipfile.ZipFile(docx) as z:
            xml = z.read("word/document.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return b"TOC \\o" in xml or b"TOC \\\\o" in xml


def _pasang_makro(profile: Path) -> bool:
    """Add the macro module to an initialised profile's Standard library; False when the profile has none."""
    lib = profile / "user" / "basic" / "Standard"
    index = lib / "script.xlb"
    if not index.is_file():
        return False
    (lib / f"{MODUL}.xba").write_text(_XBA, encoding="utf-8")
    text = index.read_text(encoding="utf-8")
    if f'library:name="{MODUL}"' not in text:
        text = text.replace("</library:library>", f' <library:element library:name="{MODUL}"/>\n</library:library>')
        index.write_text(text, encoding="utf-8")
    return True


def ekspor(soffice: str, profile: Path, docx: Path, pdf: Path, timeout: int) -> subprocess.CompletedProcess | None:
    """Run the macro conversion; None when the macro could not be installed (the caller converts the
    usual way). Raises subprocess.TimeoutExpired / OSError like subprocess.run."""
    base = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo",
            "--nolockcheck"]
    subprocess.run(base + ["--terminate_after_init"], capture_output=True, text=True, timeout=timeout,
                   stdin=subprocess.DEVNULL)
    if not _pasang_makro(profile):
        return None
    env = {**os.environ, "LKJ_PDF_MASUK": str(docx), "LKJ_PDF_KELUAR": str(pdf)}
    return subprocess.run(base + [f"macro:///Standard.{MODUL}.Ekspor"], capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL, env=env)
