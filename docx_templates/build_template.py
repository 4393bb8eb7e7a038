"""Build docx_templates/lkj_triwulan.docx (the docxtpl template of the quarterly LKj) with python-docx.

    .venv/bin/python docx_templates/build_template.py          # writes lkj_triwulan.docx next to this file
    .venv/bin/python docx_templates/build_template.py OUT.docx

The generated file is committed; tests/test_rendering_template.py fails when it and this script
disagree (it compares the XML text of the parts, not the zip bytes). Users may restyle the .docx in
Word instead; the tags they may use are documented in docs/templat_word.md.

One script of several hundred lines on purpose: it reads top to bottom like the document it builds
(cover, BAB I–III, Lampiran), each part a function of its own.

Rules kept here so docxtpl can read the template: every tag sits in ONE run; row tags `{%tr ... %}`
and paragraph tags `{%p ... %}` sit alone in their row/paragraph; `{% vm %}` (vertical merge inside
a loop) sits in the same run as the value it precedes.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
OUT = HERE / "lkj_triwulan.docx"
FONT = "Arial"
HITAM = RGBColor(0, 0, 0)
MERAH = RGBColor(0xC0, 0x00, 0x00)
CENTER, LEFT, RIGHT, JUSTIFY = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT,
                                WD_ALIGN_PARAGRAPH.JUSTIFY)
TEXT_WIDTH = 16.0  # cm: A4 21 cm minus margins 3 + 2


# --- styles -----------------------------------------------------------------------------------

def _lang(style, lang="id-ID"):
    rpr = style.element.get_or_add_rPr()
    el = OxmlElement("w:lang")
    el.set(qn("w:val"), lang)
    rpr.append(el)


def _font(style, size=None, bold=None, italic=None, color=None, name=FONT):
    f = style.font
    f.name = name
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if rfonts.get(qn(theme)) is not None:
            del rfonts.attrib[qn(theme)]
    if size:
        f.size = Pt(size)
    if bold is not None:
        f.bold = bold
    if italic is not None:
        f.italic = italic
    f.color.rgb = color or HITAM


def _para(style, align=None, before=0, after=6, line=1.15, keep_next=False, indent=None, first=None,
          page_break=False):
    pf = style.paragraph_format
    if align is not None:
        pf.alignment = align
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.line_spacing = line
    pf.keep_with_next = keep_next
    if indent is not None:
        pf.left_indent = Cm(indent)
    if first is not None:
        pf.first_line_indent = Cm(first)
    pf.page_break_before = page_break


def _new(doc, name, base="Normal"):
    st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    st.base_style = doc.styles[base]
    st.quick_style = True
    return st


def styles(doc):
    normal = doc.styles["Normal"]
    _font(normal, 11)
    _lang(normal)
    _para(normal, JUSTIFY, after=6)

    for name, size, align, brk in (("Heading 1", 12, CENTER, True), ("Heading 2", 11, LEFT, False)):
        st = doc.styles[name]
        _font(st, size, bold=True)
        _para(st, align, before=12 if name == "Heading 2" else 0, after=12, keep_next=True, page_break=brk)

    st = _new(doc, "Paragraf Isi")
    _para(st, JUSTIFY, after=6, first=1.0)

    st = _new(doc, "Paragraf Pengantar", "Paragraf Isi")     # "... sebagai berikut:" kept with its table
    st.paragraph_format.keep_with_next = True

    st = _new(doc, "Jarak")                                   # the space after a table
    _font(st, 6)
    _para(st, LEFT, after=0, line=1.0)

    st = _new(doc, "Daftar Bernomor")
    _para(st, JUSTIFY, after=3, indent=0.75, first=-0.75)
    st.paragraph_format.tab_stops.add_tab_stop(Cm(0.75))

    st = _new(doc, "Daftar Bertingkat")
    _para(st, JUSTIFY, after=3, indent=1.5, first=-0.75)
    st.paragraph_format.tab_stops.add_tab_stop(Cm(1.5))

    # the closing of BAB III: its last paragraphs stay on the page of the signatures
    st = _new(doc, "Penutup Terikat", "Daftar Bernomor")
    st.paragraph_format.keep_with_next = True
    st = _new(doc, "Daftar Penutup", "Daftar Bertingkat")
    st.paragraph_format.keep_with_next = True

    for name, size, bold in (("Sampul Judul", 18, True), ("Sampul", 14, True), ("Sampul Kecil", 11, False)):
        st = _new(doc, name)
        _font(st, size, bold=bold)
        _para(st, CENTER, after=6, line=1.0)

    st = _new(doc, "Tanda Draf")
    _font(st, 10, bold=True, color=MERAH)
    _para(st, CENTER, after=0, line=1.0)

    st = _new(doc, "Sampul Draf")
    _font(st, 40, bold=True, color=MERAH)
    _para(st, CENTER, before=12, after=12, line=1.0)

    st = _new(doc, "Judul Tabel")
    _font(st, 10, bold=True)
    _para(st, CENTER, before=6, after=6, line=1.0, keep_next=True)

    st = _new(doc, "Judul Lampiran")
    _font(st, 11, bold=True)
    _para(st, CENTER, after=6, line=1.0, keep_next=True)

    st = _new(doc, "Lampiran")
    _font(st, 11, bold=True)
    _para(st, LEFT, after=0, line=1.0, keep_next=True, page_break=True)

    table_styles(doc)


def table_styles(doc):
    """Table text (9 pt, 7,5 pt for the wide Tabel 2.3), notes, pictures, signatures."""
    st = _new(doc, "Isi Tabel")
    _font(st, 9)
    _para(st, LEFT, after=0, line=1.0)
    st = _new(doc, "Kepala Tabel", "Isi Tabel")
    _font(st, 9, bold=True)
    _para(st, CENTER, after=0, line=1.0)
    st = _new(doc, "Angka Tabel", "Isi Tabel")
    _para(st, RIGHT, after=0, line=1.0)
    st = _new(doc, "Tengah Tabel", "Isi Tabel")
    _para(st, CENTER, after=0, line=1.0)
    st = _new(doc, "Isi Tabel Rapat", "Isi Tabel")
    _font(st, 7.5)
    st = _new(doc, "Angka Tabel Rapat", "Isi Tabel Rapat")
    _para(st, RIGHT, after=0, line=1.0)
    st = _new(doc, "Kepala Tabel Rapat", "Isi Tabel Rapat")
    _font(st, 7.5, bold=True)
    _para(st, CENTER, after=0, line=1.0)

    st = _new(doc, "Catatan")
    _font(st, 8, italic=True)
    _para(st, JUSTIFY, before=3, after=6, line=1.0)

    st = _new(doc, "Gambar")
    _para(st, CENTER, before=6, after=0, line=1.0, keep_next=True)

    st = _new(doc, "Tanda Tangan")
    _para(st, CENTER, after=0, line=1.0)
    st = _new(doc, "Nama Penanda Tangan", "Tanda Tangan")
    _font(st, 11, bold=True)
    st.font.underline = True

    footer = doc.styles["Footer"]
    _font(footer, 9)


# --- building blocks --------------------------------------------------------------------------

def p(doc_or_cell, text="", style=None, bold=None, italic=None):
    para = doc_or_cell.add_paragraph(style=style)
    if text:
        run = para.add_run(text)
        if bold is not None:
            run.bold = bold
        if italic is not None:
            run.italic = italic
    return para


def heading(doc, level, *lines):
    para = doc.add_paragraph(style=f"Heading {level}")
    for i, line in enumerate(lines):
        if i:
            para.add_run().add_break()
        para.add_run(line)
    return para


def tag(doc, text):
    """A paragraph holding only a {%p ... %} tag (docxtpl removes it)."""
    return doc.add_paragraph(text)


def _set_width(cell, cm):
    cell.width = Cm(cm)


def _header_row(row):
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    trpr.append(el)


def _no_split(row):
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    trpr.append(el)


def table(doc, widths, grid=True):
    t = doc.add_table(rows=0, cols=len(widths))
    if grid:
        t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False                       # <w:tblLayout w:type="fixed"/>
    for col, w in zip(t.columns, widths):
        col.width = Cm(w)
    t._widths = widths
    doc.add_paragraph(style="Jarak")        # space after the table (added now, so it follows it)
    return t


def row(t, texts, styles_=None, header=False, valign=None):
    """Add a row; `texts` item None leaves the cell empty. Returns the row."""
    r = t.add_row()
    for i, (c, text) in enumerate(zip(r.cells, texts)):
        _set_width(c, t._widths[i])
        para = c.paragraphs[0]
        st = styles_[i] if isinstance(styles_, (list, tuple)) else (styles_ or "Isi Tabel")
        para.style = st
        if text:
            para.add_run(text)
        if valign:
            c.vertical_alignment = valign
    if header:
        _header_row(r)
    _no_split(r)
    return r


def tag_row(t, text):
    """A row holding a {%tr ... %} tag in its first cell (docxtpl replaces the whole row)."""
    r = t.add_row()
    for i, c in enumerate(r.cells):
        _set_width(c, t._widths[i])
    r.cells[0].paragraphs[0].add_run(text)
    return r


def merge_row(r, start, end, text=None, style=None):
    c = r.cells[start].merge(r.cells[end])
    if text is not None:
        for para in c.paragraphs[1:]:
            para._p.getparent().remove(para._p)
        para = c.paragraphs[0]
        for run in list(para.runs):
            run._r.getparent().remove(run._r)
        para.add_run(text)
        if style:
            para.style = style
    return c


def cell_margins(t, cm):
    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(int(cm * 567)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    t._tbl.tblPr.append(mar)


def compat(doc):
    """Justified paragraphs do not stretch a line that ends with a manual line break (a line break
    typed in an Excel cell), in Word and in LibreOffice."""
    settings = doc.settings.element
    c = settings.find(qn("w:compat"))
    if c is None:
        c = OxmlElement("w:compat")
        settings.append(c)
    c.insert(0, OxmlElement("w:doNotExpandShiftReturn"))
    for setting in c.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")      # 14 opens in Compatibility Mode in Word 2013+


def no_borders(t):
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    t._tbl.tblPr.append(borders)


def page_field(paragraph):
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    paragraph._p.append(fld)


def signature_cell(cell, lines_top, name, nip_line, extra=None, closing=None):
    cell.paragraphs[0].style = "Tanda Tangan"
    first = True
    for line in lines_top:
        para = cell.paragraphs[0] if first else cell.add_paragraph(style="Tanda Tangan")
        first = False
        if line:
            para.add_run(line)
    for _ in range(3):
        cell.add_paragraph(style="Tanda Tangan")
    cell.add_paragraph(style="Nama Penanda Tangan").add_run(name)
    if extra is not None:       # '' keeps an empty line, so both NIPs sit on the same line
        para = cell.add_paragraph(style="Tanda Tangan")
        if extra:
            para.add_run(extra)
    cell.add_paragraph(style="Tanda Tangan").add_run(nip_line)
    if closing:                 # the {%p endif %} of a block opened in lines_top
        cell.add_paragraph(closing)
        cell.add_paragraph(style="Tanda Tangan")   # a cell must keep one paragraph when the block is out


# --- the document -----------------------------------------------------------------------------

def cover(doc):
    for _ in range(3):
        p(doc, style="Sampul Kecil")
    tag(doc, "{%p if ada_logo %}")
    p(doc, "{{ logo }}", "Sampul")
    tag(doc, "{%p endif %}")
    p(doc, "{{ pemerintah_kapital }}", "Sampul")
    for _ in range(4):
        p(doc, style="Sampul Kecil")
    p(doc, "LAPORAN KINERJA", "Sampul Judul")
    p(doc, "{{ unit }} Tahun {{ tahun }}", "Sampul")
    p(doc, style="Sampul Kecil")
    p(doc, "{{ label_periode }}", "Sampul")
    cover_end(doc)


def cover_end(doc):
    """The lower part of every cover (quarterly and annual): the draft mark, then the office and its address."""
    tag(doc, "{%p if draf %}")
    p(doc, "DRAF", "Sampul Draf")
    p(doc, "{{ tanda_draf }}", "Tanda Draf")
    tag(doc, "{%p endif %}")
    for _ in range(6):
        p(doc, style="Sampul Kecil")
    p(doc, "{{ perangkat_daerah_kapital }}", "Sampul")
    p(doc, "{{ alamat }}", "Sampul Kecil")
    p(doc, "{{ telepon }}", "Sampul Kecil")


def bab1(doc):
    heading(doc, 1, "BAB I", "PENDAHULUAN")
    p(doc, "{{ dasar_pelaporan }} telah mengamanatkan bahwa {{ pejabat_eselon }} berkewajiban untuk membuat "
           "laporan kinerja triwulanan kepada atasan langsungnya. Adapun batasan pelaporan kinerja dimaksud adalah "
           "paling lambat {{ batas_hari_kerja }} hari kerja sejak berakhirnya periode triwulanan. Oleh karena itu, "
           "{{ jabatan }} juga berkewajiban dalam penyusunan laporan kinerja dimaksud.", "Paragraf Isi")
    p(doc, "Pelaporan kinerja triwulanan sebagaimana dimaksud di atas merupakan perwujudan sikap akuntabilitas "
           "{{ unit }} dalam mengidentifikasi hal-hal yang telah dicapai maupun hal-hal yang belum dapat dicapai "
           "dalam kurun waktu {{ periode_kecil }} tahun anggaran {{ tahun }}. Di samping itu, pelaporan kinerja "
           "dimaksud juga bertujuan untuk memberikan gambaran mengenai efisiensi dan efektivitas antara "
           "perencanaan kegiatan dan perencanaan anggaran dengan pelaksanaan kegiatan dan pelaksanaan anggaran.",
      "Paragraf Isi")
    p(doc, "{{ kalimat_tugas }}", "Paragraf Isi")
    tag(doc, "{%p for t in tugas %}")
    p(doc, "{{ t.no }}\t{{ t.uraian }}", "Daftar Bernomor")
    tag(doc, "{%p endfor %}")


def tabel_pk(doc, with_number=True):
    t = table(doc, [1.0, 5.5, 7.0, 2.5])
    if with_number:
        row(t, ["No", "{{ label_sasaran }}", "Indikator Kinerja", "Target"], "Kepala Tabel", header=True,
            valign=WD_CELL_VERTICAL_ALIGNMENT.CENTER)
        row(t, ["1", "2", "3", "4"], "Kepala Tabel", header=True)
    else:
        row(t, ["No. (1)", "{{ label_sasaran }} (2)", "Indikator Kinerja (3)", "Target (4)"], "Kepala Tabel",
            header=True, valign=WD_CELL_VERTICAL_ALIGNMENT.CENTER)
    tag_row(t, "{%tr for s in sasaran %}")
    tag_row(t, "{%tr for i in s.indikator %}")
    ind = "{{ i.indikator }}" if with_number else "{{ i.nama }}"
    target = "{{ i.target }}" if with_number else "{{ i.target_tahunan }}"
    row(t, ["{% vm %}{{ s.no }}", "{% vm %}{{ s.nama }}", ind, target],
        ["Tengah Tabel", "Isi Tabel", "Isi Tabel", "Tengah Tabel"])
    tag_row(t, "{%tr endfor %}")
    tag_row(t, "{%tr endfor %}")
    return t


def bab2(doc):
    heading(doc, 1, "BAB II", "AKUNTABILITAS KINERJA")
    heading(doc, 2, "2.1. PERJANJIAN KINERJA")
    p(doc, "{{ kalimat_pk }}", "Paragraf Pengantar")
    p(doc, "Tabel 2.1", "Judul Tabel")
    p(doc, "Lembar Dokumen Perjanjian Kinerja {{ jabatan }}", "Judul Tabel")
    tabel_pk(doc)

    heading(doc, 2, "2.2. CAPAIAN KINERJA")
    p(doc, "{{ kalimat_capaian }}", "Paragraf Pengantar")
    p(doc, "Tabel 2.2", "Judul Tabel")
    p(doc, "Capaian Kinerja {{ jabatan }} {{ periode }} Tahun {{ tahun }}", "Judul Tabel")
    t = table(doc, [0.9, 3.5, 4.3, 1.7, 1.8, 1.8, 2.0])
    row(t, ["No", "{{ label_sasaran }}", "Indikator Kinerja", "Target", "Realisasi", "Capaian", "Ket"],
        "Kepala Tabel", header=True, valign=WD_CELL_VERTICAL_ALIGNMENT.CENTER)
    row(t, ["1", "2", "3", "4", "5", "6=5/4", "7"], "Kepala Tabel", header=True)
    tag_row(t, "{%tr for s in sasaran %}")
    tag_row(t, "{%tr for i in s.indikator %}")
    row(t, ["{% vm %}{{ s.no }}", "{% vm %}{{ s.nama }}", "{{ i.indikator }}", "{{ i.target }}",
            "{{ i.realisasi }}", "{{ i.capaian }}", "{{ i.status }}"],
        ["Tengah Tabel", "Isi Tabel", "Isi Tabel", "Tengah Tabel", "Tengah Tabel", "Tengah Tabel", "Isi Tabel"])
    tag_row(t, "{%tr endfor %}")
    tag_row(t, "{%tr endfor %}")
    p(doc, "{{ catatan_capaian }}", "Catatan")
    tag(doc, "{%p if ada_grafik_capaian %}")
    p(doc, "{{ grafik_capaian }}", "Gambar")
    p(doc, "Gambar {{ gambar_capaian }} Capaian Kinerja per Indikator {{ periode }} Tahun {{ tahun }}", "Judul Tabel")
    tag(doc, "{%p endif %}")

    p(doc, "Untuk mewujudkan pencapaian atas target kinerja sebagaimana tertuang pada tabel 2.2 di atas tentunya "
           "dibutuhkan anggaran. Oleh karena itu, pada tabel 2.3 di bawah ini diuraikan mengenai program/kegiatan "
           "yang mendukung ketercapaian target kinerja, termasuk pagu anggaran dan realisasi anggarannya.",
      "Paragraf Pengantar")
    p(doc, "Tabel 2.3", "Judul Tabel")
    p(doc, "Cost per outcome {{ jabatan }} Tahun {{ tahun }} – {{ periode }}", "Judul Tabel")
    cost_table(doc)
    p(doc, "{{ catatan_anggaran }}", "Catatan")
    tag(doc, "{%p if kalimat_anggaran_pk %}")
    p(doc, "{{ kalimat_anggaran_pk }}", "Paragraf Isi")
    tag(doc, "{%p endif %}")
    p(doc, "{{ kalimat_efisiensi }}", "Paragraf Isi")
    p(doc, "{{ kalimat_sisa }}", "Paragraf Isi")
    tag(doc, "{%p if ada_grafik_serapan %}")
    p(doc, "{{ grafik_serapan }}", "Gambar")
    p(doc, "Gambar {{ gambar_serapan }} Serapan Anggaran per {{ label_anggaran }} {{ periode }} Tahun {{ tahun }}",
      "Judul Tabel")
    tag(doc, "{%p endif %}")

    bab2_evaluasi(doc)


def bab2_evaluasi(doc):
    """2.3 evaluation with the strategy tables, 2.4 RTL, 2.5 the atasan's response."""
    heading(doc, 2, "2.3. EVALUASI DAN ANALISIS KINERJA")
    p(doc, "Berdasarkan pelaksanaan anggaran selama {{ periode_kecil }} tahun anggaran {{ tahun }}, maka evaluasi "
           "dan analisis atas kinerja {{ jabatan }} terhadap upaya pencapaian {{ jumlah_indikator_kata }} target "
           "kinerja adalah sebagai berikut:", "Paragraf Isi")
    p(doc, "{{ kalimat_tercapai }}", "Paragraf Pengantar")
    tag(doc, "{%p if ada_tercapai %}")
    p(doc, "Tabel {{ tabel_tercapai }}", "Judul Tabel")
    p(doc, "Strategi Yang Digunakan Dalam Mencapai Target Kinerja", "Judul Tabel")
    strategy_table(doc, "strategi_tercapai")
    tag(doc, "{%p endif %}")
    p(doc, "{{ kalimat_belum }}", "Paragraf Pengantar")
    tag(doc, "{%p if ada_belum %}")
    p(doc, "Tabel {{ tabel_belum }}", "Judul Tabel")
    p(doc, "Strategi Yang Digunakan Dalam Mencapai Target Kinerja {{ judul_tabel_belum }}", "Judul Tabel")
    strategy_table(doc, "strategi_belum")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if ada_tidak_terhitung %}")
    p(doc, "{{ kalimat_tidak_terhitung }}", "Paragraf Pengantar")
    p(doc, "Tabel {{ tabel_tidak_terhitung }}", "Judul Tabel")
    p(doc, "Strategi untuk Target Kinerja yang Capaiannya Belum Dapat Dihitung", "Judul Tabel")
    strategy_table(doc, "strategi_tidak_terhitung")
    tag(doc, "{%p endif %}")

    heading(doc, 2, "2.4. RENCANA TINDAK LANJUT")
    p(doc, "Untuk mewujudkan pencapaian target kinerja sebagaimana yang tertuang dalam {{ judul_pk }} tahun "
           "{{ tahun }}, tentunya terdapat upaya-upaya yang secara terus menerus dan berkelanjutan, sebagai berikut:",
      "Paragraf Isi")
    tag(doc, "{%p for r in rtl %}")
    p(doc, "{{ r.no }}\t{{ r.uraian }}{% if r.rincian %} ({{ r.rincian }}){% endif %}", "Daftar Bernomor")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if not rtl %}")
    p(doc, "(Rencana tindak lanjut belum diisi.)", "Paragraf Isi")
    tag(doc, "{%p endif %}")

    tag(doc, "{%p if ada_atasan %}")
    heading(doc, 2, "2.5. TANGGAPAN ATASAN LANGSUNG")
    # one borderless row that never splits: Word and LibreOffice both keep the six boxes together
    # (LibreOffice does not honour a chain of keep-with-next paragraphs)
    t = table(doc, [TEXT_WIDTH], grid=False)
    no_borders(t)
    r = t.add_row()
    _set_width(r.cells[0], TEXT_WIDTH)
    _no_split(r)
    cell = r.cells[0]
    cell.paragraphs[0].add_run("{%p for t in tanggapan %}")
    cell.add_paragraph(style="Daftar Bernomor").add_run(
        "☐\t{{ t }}{% if loop.last %}: ……………………………………………………{% endif %}")
    cell.add_paragraph("{%p endfor %}")
    cell.add_paragraph(style="Jarak")
    tag(doc, "{%p endif %}")


def cost_table(doc):
    widths = [0.6, 2.3, 2.9, 1.85, 1.85, 1.3, 1.3, 1.3, 1.3, 1.3]
    t = table(doc, widths)
    cell_margins(t, 0.05)
    k, n, i = "Kepala Tabel Rapat", "Angka Tabel Rapat", "Isi Tabel Rapat"
    mid = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    r1 = row(t, ["No", "Sasaran/ Kegiatan", "Indikator Kinerja", "Anggaran", None, None, "Kinerja", None, None,
                 "Efisiensi"], k, header=True, valign=mid)
    r2 = row(t, [None, None, None, "Pagu", "Realisasi", "Capaian", "Target", "Realisasi", "%", None], k,
             header=True, valign=mid)
    merge_row(r1, 3, 5)
    merge_row(r1, 6, 8)
    for col in (0, 1, 2, 9):
        r1.cells[col].merge(r2.cells[col])
    row(t, ["1", "2", "3", "4", "5", "6=5/4", "7", "8", "9=8/7", "{{ kolom_efisiensi }}"], k, header=True)
    tag_row(t, "{%tr for s in sasaran %}")
    tag_row(t, "{%tr for i in s.indikator %}")
    row(t, ["{% vm %}{{ s.no }}", "{% vm %}{{ s.nama_capaian }}", "{{ i.indikator }}", "{% vm %}{{ s.pagu }}",
            "{% vm %}{{ s.realisasi }}", "{% vm %}{{ s.serapan }}", "{{ i.target }}", "{{ i.realisasi }}",
            "{{ i.capaian }}", "{% vm %}{{ s.efisiensi_teks }}"],
        [k, i, i, n, n, n, n, n, n, n])
    tag_row(t, "{%tr endfor %}")
    tag_row(t, "{%tr endfor %}")
    tag_row(t, "{%tr if ada_anggaran %}")
    r = row(t, ["{{ label_anggaran }} yang mendukung"] + [None] * 9, i)
    merge_row(r, 0, 9)
    r.cells[0].paragraphs[0].runs[0].bold = True
    tag_row(t, "{%tr for a in anggaran %}")
    r = row(t, ["{{ a.no }}", "{{ a.uraian }}", None, "{{ a.pagu }}", "{{ a.realisasi }}", "{{ a.serapan }}",
                None, None, None, None], [k, i, i, n, n, n, n, n, n, n])
    merge_row(r, 1, 2)
    merge_row(r, 6, 9)
    tag_row(t, "{%tr endfor %}")
    tag_row(t, "{%tr endif %}")
    r = row(t, ["JUMLAH", None, None, "{{ total.pagu }}", "{{ total.realisasi }}", "{{ total.serapan }}",
                "Rata-rata", None, "{{ total.kinerja }}", "{{ total.efisiensi_teks }}"], [k, k, k, n, n, n, k, k, n, n])
    merge_row(r, 0, 2)
    merge_row(r, 6, 7)
    for c in r.cells:
        for para in c.paragraphs:
            for run in para.runs:
                run.bold = True
    return t


def strategy_table(doc, key):
    t = table(doc, [0.9, 4.3, 7.3, 3.5])
    row(t, ["No", "Indikator Kinerja", "Strategi Yang Digunakan", "Pada Bulan"], "Kepala Tabel", header=True,
        valign=WD_CELL_VERTICAL_ALIGNMENT.CENTER)
    tag_row(t, f"{{%tr for g in {key} %}}")
    tag_row(t, "{%tr for st in g.strategi %}")
    row(t, ["{% vm %}{{ g.no }}", "{% vm %}{{ g.indikator }}", "{{ st.strategi }}", "{{ st.bulan }}"],
        ["Tengah Tabel", "Isi Tabel", "Isi Tabel", "Isi Tabel"])
    tag_row(t, "{%tr endfor %}")
    tag_row(t, "{%tr endfor %}")
    return t


def bab3(doc):
    heading(doc, 1, "BAB III", "PENUTUP")
    p(doc, "Laporan Kinerja {{ periode }} Tahun {{ tahun }} dapat disimpulkan secara ringkas sebagai berikut:",
      "Paragraf Isi")
    p(doc, "1.\tSecara umum pelaksanaan tugas pokok dan fungsi {{ jabatan }}{% if dasar_tugas %} berdasarkan "
           "{{ dasar_tugas }}{% endif %} telah dapat dilaksanakan sebagaimana mestinya.", "Daftar Bernomor")
    p(doc, "2.\t{{ kalimat_penutup_capaian }}", "Daftar Bernomor")
    tag(doc, "{%p if strategi_penutup %}")
    p(doc, "3.\tAdapun strategi yang dilakukan untuk pencapaian {{ jumlah_indikator_kata }} target adalah "
           "melalui:", "Penutup Terikat")
    tag(doc, "{%p for s in strategi_penutup %}")
    p(doc, "{{ s.no }}\t{{ s.uraian }}", "Daftar Penutup")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if strategi_penutup_lainnya %}")
    p(doc, "Rincian strategi setiap indikator disajikan pada subbab 2.3.", "Daftar Penutup")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")
    p(doc, style="Penutup Terikat")
    t = table(doc, [8.0, 8.0], grid=False)
    no_borders(t)
    r = t.add_row()
    for c in r.cells:
        _set_width(c, 8.0)
    signature_cell(r.cells[0], ["{%p if ada_atasan %}", "Mengetahui,", "ATASAN LANGSUNG",
                                "{{ jabatan_atasan_kapital }}"],
                   "{{ nama_atasan }}", "NIP. {{ nip_atasan }}", extra="", closing="{%p endif %}")
    signature_cell(r.cells[1], ["{{ tempat }}, {{ tanggal }}", "", "{{ jabatan_kapital }}"],
                   "{{ nama }}", "NIP. {{ nip }}", extra="{{ pangkat }}")
    _no_split(r)


def identity_table(doc, nama, jabatan):
    t = table(doc, [2.5, 0.5, 13.0], grid=False)
    no_borders(t)
    row(t, ["Nama", ":", nama], "Isi Tabel")
    row(t, ["Jabatan", ":", jabatan], "Isi Tabel")
    for r in t.rows:
        for c in r.cells:
            for run in c.paragraphs[0].runs:
                run.font.size = Pt(11)


def two_signatures(doc, left, right):
    """Pihak kedua (left, only when there is an atasan) and pihak pertama (right)."""
    t = table(doc, [8.0, 8.0], grid=False)
    no_borders(t)
    r = t.add_row()
    for c in r.cells:
        _set_width(c, 8.0)
    signature_cell(r.cells[0], ["{%p if ada_atasan %}", *left[0]], left[1], left[2], closing="{%p endif %}")
    signature_cell(r.cells[1], right[0], right[1], right[2])
    _no_split(r)


def lampiran1(doc):
    tag(doc, "{%p if ada_lampiran_pk %}")
    p(doc, "LAMPIRAN I", "Lampiran")
    p(doc, "PERJANJIAN KINERJA", "Judul Lampiran")
    p(doc)
    p(doc, "{{ judul_pk_kapital }} TAHUN {{ tahun }}", "Judul Lampiran")
    p(doc, "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan, dan akuntabel serta "
           "berorientasi pada hasil, kami yang bertanda tangan di bawah ini:", "Paragraf Isi")
    identity_table(doc, "{{ nama }}", "{{ jabatan }}")
    p(doc, "Selanjutnya disebut pihak pertama.")
    tag(doc, "{%p if ada_atasan %}")
    identity_table(doc, "{{ nama_atasan }}", "{{ jabatan_atasan }}")
    p(doc, "Selaku atasan langsung pihak pertama, selanjutnya disebut pihak kedua.")
    tag(doc, "{%p endif %}")
    p(doc, "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini, "
           "dalam rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen "
           "perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab kami.",
      "Paragraf Isi")
    tag(doc, "{%p if ada_atasan %}")
    p(doc, "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap capaian "
           "kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian penghargaan "
           "dan sanksi.", "Paragraf Isi")
    tag(doc, "{%p endif %}")
    two_signatures(doc,
                   (["", "Pihak Kedua,"], "{{ nama_atasan }}", "NIP. {{ nip_atasan }}"),
                   (["{{ tempat_tanggal_pk }}", "Pihak Pertama,"], "{{ nama }}", "NIP. {{ nip }}"))

    p(doc, "LAMPIRAN {{ judul_pk_kapital }} TAHUN {{ tahun }}", "Lampiran")
    p(doc, "{{ unit_kapital }} {{ daerah_kapital }}", "Judul Lampiran")
    p(doc)
    tabel_pk(doc, with_number=False)
    p(doc)
    t = table(doc, [1.0, 11.0, 4.0])
    row(t, ["No", "{{ label_anggaran }}", "Anggaran"], "Kepala Tabel", header=True)
    tag_row(t, "{%tr for a in anggaran_pk %}")
    row(t, ["{{ a.no }}", "{{ a.uraian }}", "{{ a.anggaran }}"], ["Tengah Tabel", "Isi Tabel", "Angka Tabel"])
    tag_row(t, "{%tr endfor %}")
    r = row(t, ["JUMLAH", None, "{{ jumlah_pk }}"], ["Kepala Tabel", "Kepala Tabel", "Angka Tabel"])
    merge_row(r, 0, 1)
    r.cells[2].paragraphs[0].runs[0].bold = True
    p(doc)
    two_signatures(doc,
                   (["", "{{ jabatan_atasan_kapital }}"], "{{ nama_atasan }}", "NIP. {{ nip_atasan }}"),
                   (["{{ tempat_tanggal_pk }}", "{{ jabatan_kapital }}"], "{{ nama }}", "NIP. {{ nip }}"))
    tag(doc, "{%p endif %}")


def lampiran2(doc):
    tag(doc, "{%p if ada_dokumentasi %}")
    p(doc, "LAMPIRAN {{ lampiran_dokumentasi }}", "Lampiran")
    p(doc, "DOKUMENTASI KEGIATAN", "Judul Lampiran")
    p(doc, "{{ label_periode }}", "Judul Lampiran")
    p(doc)
    t = table(doc, [8.0, 8.0], grid=False)
    no_borders(t)
    tag_row(t, "{%tr for b in dokumentasi_baris %}")
    r = t.add_row()
    _no_split(r)
    for c, side in zip(r.cells, ("kiri", "kanan")):
        _set_width(c, 8.0)
        c.paragraphs[0].style = "Gambar"
        c.paragraphs[0].add_run(f"{{{{ b.{side}.gambar }}}}")
        c.add_paragraph(style="Tengah Tabel").add_run(
            f"{{% if b.{side}.keterangan %}}❖ {{% endif %}}{{{{ b.{side}.keterangan }}}}")
        note = c.add_paragraph(style="Tengah Tabel").add_run(f"{{{{ b.{side}.catatan }}}}")
        note.italic = True
        c.add_paragraph(style="Isi Tabel")
    tag_row(t, "{%tr endfor %}")
    tag(doc, "{%p endif %}")
    p(doc)


def header_footer(doc):
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin, sec.right_margin = Cm(3.0), Cm(2.0)
    sec.top_margin, sec.bottom_margin = Cm(2.5), Cm(2.5)
    sec.header_distance, sec.footer_distance = Cm(1.2), Cm(1.2)
    sec.different_first_page_header_footer = True
    for hdr in (sec.header, sec.first_page_header):
        hp = hdr.paragraphs[0]
        hp.add_run("{%p if draf %}")
        hdr.add_paragraph("{{ tanda_draf }}", style="Tanda Draf")
        hdr.add_paragraph("{%p endif %}")
    fp = sec.footer.paragraphs[0]
    fp.style = "Footer"
    fp.alignment = CENTER
    fp.add_run("Halaman ")
    page_field(fp)
    sec.first_page_footer.paragraphs[0].style = "Footer"


_TBLPR_ORDER = ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
                "tblCaption", "tblDescription"]


def schema_order(doc):
    """Word is strict about the order of <w:tblPr> children; put the ones appended above in place."""
    rank = {qn(f"w:{n}"): i for i, n in enumerate(_TBLPR_ORDER)}
    for tblpr in doc.element.body.iter(qn("w:tblPr")):
        children = list(tblpr)
        for el in children:
            tblpr.remove(el)
        for el in sorted(children, key=lambda el: rank.get(el.tag, len(rank))):
            tblpr.append(el)


APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           '<Template>Normal.dotm</Template><Application>lkj_xl</Application><DocSecurity>0</DocSecurity>'
           '<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>'
           '<HyperlinksChanged>false</HyperlinksChanged></Properties>')


def app_properties(doc):
    """python-docx's default package says it was written by 'Microsoft Macintosh Word' 14; say who did."""
    for part in doc.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = APP_XML.encode("utf-8")


def build(path: Path = OUT) -> Path:
    doc = Document()
    styles(doc)
    compat(doc)
    header_footer(doc)
    # Document() starts with one empty paragraph in the body; use it for the cover.
    body = doc.element.body
    for para in list(doc.paragraphs):
        body.remove(para._p)
    cover(doc)
    bab1(doc)
    bab2(doc)
    bab3(doc)
    lampiran1(doc)
    lampiran2(doc)
    schema_order(doc)
    props = doc.core_properties
    props.title = "Laporan Kinerja Triwulan"
    props.author = "lkj_xl"
    props.comments = "Templat docxtpl; lihat docs/templat_word.md"
    fixed = dt.datetime(2024, 1, 1)
    props.created = props.modified = fixed
    app_properties(doc)
    doc.save(path)
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    print(build(out))
