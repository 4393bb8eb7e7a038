"""The front of a --gabung bundle: a cover like seed 001's and a Daftar Isi.

Seed 001's bundle opens with "LKJ / LAPORAN KINERJA ESELON III dan IV / TRIWULAN III / TAHUN 2023 /
KECAMATAN TEMPEH" (001:5-11). The Daftar Isi is a real Word TOC field built from TC fields (one per
report, placed with a bookmark at the report's first paragraph), so Word can refresh it (F9). Its
shown result is written here too, because LibreOffice prints a TOC field's stored result as it is:
each entry links to its report and holds a PAGEREF field whose stored value is the report's first
page, counted from the reports' own PDFs when they exist (`--pdf`). Without them the numbers are
left empty and Word is asked to update the fields when it opens the file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..core.formatting import ROMAWI
from ..core.layout import ESELON

TC_ID = "l"          # the TC fields of the bundle's Daftar Isi (TOC \f l)


@dataclass
class Entri:
    teks: str                 # what the Daftar Isi shows for one report
    bookmark: str             # where its link and page number point
    halaman: int | None = None


def baris_sampul(eselon: list[str], tw: int, tahun: object, organisasi: str) -> list[str]:
    """The cover lines of a bundle, as in 001:5-11."""
    order = {e.split(".")[0]: n for n, e in enumerate(ESELON)}
    roman = sorted({e.strip().split(".")[0].upper() for e in eselon if e and e.strip()},
                   key=lambda r: order.get(r, len(order)))
    judul = "LAPORAN KINERJA" + (f" ESELON {' dan '.join(roman)}" if roman else "")
    lines = ["LKJ", judul]
    if tw:
        lines.append(f"TRIWULAN {ROMAWI.get(tw, tw)}")
    if tahun:
        lines.append(f"TAHUN {tahun}")
    if organisasi.strip():
        lines.append(re.sub(r"\s+", " ", organisasi).strip().upper())
    return lines


def jumlah_halaman(pdf: Path | None) -> int | None:
    """Page count of a PDF written by LibreOffice (its page tree root's /Count), or None."""
    if pdf is None or not Path(pdf).is_file():
        return None
    counts = re.findall(rb"/Type\s*/Pages\b.*?/Count\s+(\d+)", Path(pdf).read_bytes(), re.S)
    return max((int(c) for c in counts), default=None)


def halaman_awal(jumlah: list[int | None]) -> list[int | None]:
    """First page of each report when numbering starts at 1 on the first report and runs on."""
    out, page = [], 1
    for n in jumlah:
        out.append(page)
        if n is None:
            return out + [None] * (len(jumlah) - len(out))
        page += n
    return out


# ---------------------------------------------------------------- WordprocessingML pieces

def _el(tag: str, **attrs):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(k.replace("_", ":", 1)), v)
    return el


def _run(*children):
    r = _el("w:r")
    for c in children:
        r.append(c)
    return r


def _text(text: str):
    t = _el("w:t", xml_space="preserve")
    t.text = text
    return t


def _fld(kind: str):
    return _run(_el("w:fldChar", w_fldCharType=kind))


def _instr(text: str):
    it = _el("w:instrText", xml_space="preserve")
    it.text = text
    return _run(it)


def tandai_awal(doc, entri: Entri, nomor: int) -> None:
    """Put the report's bookmark and TC field at the start of its first paragraph."""
    from docx.oxml.ns import qn

    first = doc.element.body.find(qn("w:p"))
    if first is None:
        first = doc.add_paragraph()._p
    ppr = first.find(qn("w:pPr"))
    at = 0 if ppr is None else list(first).index(ppr) + 1
    teks = entri.teks.replace('"', "'")
    items = [_el("w:bookmarkStart", w_id=str(9000 + nomor), w_name=entri.bookmark),
             _fld("begin"), _instr(f' TC "{teks}" \\f {TC_ID} \\l 1 '), _fld("end"),
             _el("w:bookmarkEnd", w_id=str(9000 + nomor))]
    for k, item in enumerate(items):
        first.insert(at + k, item)


def _paragraph(doc, text: str, style: str):
    p = doc.add_paragraph(text)
    if style in [s.name for s in doc.styles]:
        p.style = doc.styles[style]
    return p


def buat_depan(first_report: Path, baris: list[str], entri: list[Entri]):
    """A one-section document holding the cover and the Daftar Isi, with the first report's styles
    and page setup (it is the bundle's master document), and no header or footer."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document(str(first_report))
    body = doc.element.body
    sect = body.find(qn("w:sectPr"))
    for child in list(body):
        if child is not sect:
            body.remove(child)
    for tag in ("w:headerReference", "w:footerReference", "w:titlePg", "w:pgNumType"):
        for el in sect.findall(qn(tag)):
            sect.remove(el)
    for _ in range(6):
        _paragraph(doc, "", "Sampul Kecil")
    for k, line in enumerate(baris):
        p = _paragraph(doc, line, "Sampul Judul" if k == 0 else "Sampul")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in p.runs:
            run.bold = True
            run.font.size = Pt(36 if k == 0 else 18)
    _paragraph(doc, "", "Sampul Kecil").add_run().add_break(WD_BREAK.PAGE)
    heading = _paragraph(doc, "DAFTAR ISI", "TOC Heading")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    section = doc.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    for k, e in enumerate(entri):
        _entry(doc, e, width, first=k == 0, last=k == len(entri) - 1)
    if any(e.halaman is None for e in entri):
        _update_on_open(doc)
    return doc


def _entry(doc, e: Entri, width: int, *, first: bool, last: bool) -> None:
    """One Daftar Isi line: link, dotted leader, page number (a PAGEREF with its stored value)."""
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.paragraph_format.space_after = Pt(6)
    ppr = p._p.get_or_add_pPr()
    tabs = _el("w:tabs")
    tabs.append(_el("w:tab", w_val="right", w_leader="dot", w_pos=str(int(width / 635))))   # EMU -> twips
    ppr.append(tabs)
    if first:
        for item in (_fld("begin"), _instr(f' TOC \\f {TC_ID} \\l 1-1 \\h \\z '), _fld("separate")):
            p._p.append(item)
    link = _el("w:hyperlink", w_anchor=e.bookmark, w_history="1")
    for item in (_run(_text(e.teks)), _run(_el("w:tab")), _fld("begin"), _instr(f" PAGEREF {e.bookmark} \\h "),
                 _fld("separate"), _run(_text("" if e.halaman is None else str(e.halaman))), _fld("end")):
        link.append(item)
    p._p.append(link)
    if last:
        p._p.append(_fld("end"))


def _update_on_open(doc) -> None:
    from docx.oxml.ns import qn

    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    el = _el("w:updateFields", w_val="true")
    # schema order: updateFields comes before these
    for tag in ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
                "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping", "w:decimalSymbol"):
        anchor = settings.find(qn(tag))
        if anchor is not None:
            anchor.addprevious(el)
            return
    settings.append(el)

