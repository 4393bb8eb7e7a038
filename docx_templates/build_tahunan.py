"""Build docx_templates/lkjip_tahunan.docx (the docxtpl template of the annual LKjIP) with python-docx.

    .venv/bin/python docx_templates/build_tahunan.py          # writes lkjip_tahunan.docx next to this file
    .venv/bin/python docx_templates/build_tahunan.py OUT.docx

The outline is PermenPANRB 53/2014 as seed 004 follows it (../shared/design/annual.md §2). Styles and
building blocks are the quarterly template's (build_template.py), so both documents look alike. Every
optional section sits inside `{%p if sek.x %}`: the context gives its letter ("D") only when the
workbook has its data, and the table numbers (`tab.x`) are counted over the tables actually printed, so
a missing section leaves no gap in either. The Daftar Isi is a real TOC field (Word updates it on open,
`w:updateFields`; the PDF route asks LibreOffice to update it, see report/pdf.py).

tests/test_tahunan_docx.py fails when the committed .docx and this script disagree.
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

HERE = Path(__file__).resolve().parent
OUT = HERE / "lkjip_tahunan.docx"


def _quarterly():
    spec = importlib.util.spec_from_file_location("_lkj_build_template", HERE / "build_template.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


Q = _quarterly()
p, tag, table, row, tag_row, merge_row = Q.p, Q.tag, Q.table, Q.row, Q.tag_row, Q.merge_row
MID = WD_CELL_VERTICAL_ALIGNMENT.CENTER
K, I, N, T = "Kepala Tabel", "Isi Tabel", "Angka Tabel", "Tengah Tabel"


def h1(doc, text):
    return Q.heading(doc, 1, text)


def h2(doc, text):
    return Q.heading(doc, 2, text)


def judul_tabel(doc, key, title):
    p(doc, f"{{{{ tab.{key} }}}}", "Judul Tabel")
    p(doc, title, "Judul Tabel")


def bernomor(doc, listname, var="x"):
    """A numbered list from a context list of {no, uraian}."""
    tag(doc, f"{{%p for {var} in {listname} %}}")
    p(doc, f"{{{{ {var}.no }}}}\t{{{{ {var}.uraian }}}}", "Daftar Bernomor")
    tag(doc, "{%p endfor %}")


def paragraf(doc, listname, style="Paragraf Isi"):
    tag(doc, f"{{%p for par in {listname} %}}")
    p(doc, "{{ par }}", style)
    tag(doc, "{%p endfor %}")


def sumber(doc, text):
    p(doc, text, "Catatan")


def _run_field(paragraph, kind=None, instr=None, text=None):
    r = OxmlElement("w:r")
    if kind:
        fc = OxmlElement("w:fldChar")
        fc.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            fc.set(qn("w:dirty"), "true")
        r.append(fc)
    if instr is not None:
        it = OxmlElement("w:instrText")
        it.set(qn("xml:space"), "preserve")
        it.text = instr
        r.append(it)
    if text is not None:
        t = OxmlElement("w:t")
        t.text = text
        r.append(t)
    paragraph._p.append(r)


def toc_field(doc):
    """Daftar Isi: a TOC over Heading 1-2, marked dirty so Word rebuilds it when the file opens."""
    para = doc.add_paragraph(style="Normal")
    _run_field(para, "begin")
    _run_field(para, instr=' TOC \\o "1-2" \\h \\z \\u ')
    _run_field(para, "separate")
    _run_field(para, text="(Daftar isi diperbarui saat dokumen dibuka di Word: tekan F9 bila belum.)")
    _run_field(para, "end")
    settings = doc.settings.element
    upd = OxmlElement("w:updateFields")
    upd.set(qn("w:val"), "true")
    settings.append(upd)


# --- front matter ------------------------------------------------------------------------------

def cover(doc):
    for _ in range(3):
        p(doc, style="Sampul Kecil")
    p(doc, "{{ pemerintah_kapital }}", "Sampul")
    for _ in range(3):
        p(doc, style="Sampul Kecil")
    p(doc, "LAPORAN KINERJA", "Sampul Judul")
    p(doc, "INSTANSI PEMERINTAH", "Sampul")
    p(doc, "{{ unit_kapital }}", "Sampul")
    p(doc, style="Sampul Kecil")
    p(doc, "TAHUN {{ tahun }}", "Sampul")
    Q.cover_end(doc)


def signature(doc, top_lines):
    t = table(doc, [8.0, 8.0], grid=False)
    Q.no_borders(t)
    r = t.add_row()
    for c in r.cells:
        Q._set_width(c, 8.0)
    Q.signature_cell(r.cells[1], top_lines, "{{ nama }}", "NIP. {{ nip }}", extra="{{ pangkat }}")
    Q._no_split(r)


def kata_pengantar(doc):
    h1(doc, "KATA PENGANTAR")
    paragraf(doc, "pengantar")
    p(doc)
    signature(doc, ["{{ tempat }}, {{ tanggal }}", "{{ jabatan }}"])


def daftar_isi(doc):
    h1(doc, "DAFTAR ISI")
    toc_field(doc)


def ikhtisar(doc):
    h1(doc, "IKHTISAR EKSEKUTIF")
    paragraf(doc, "ikhtisar.pembuka")
    tag(doc, "{%p for s in ikhtisar.sasaran %}")
    p(doc, "{{ s.no }}\t{{ s.kalimat }}", "Daftar Bernomor")
    tag(doc, "{%p endfor %}")
    p(doc, "{{ ikhtisar.kalimat_capaian }}", "Paragraf Isi")
    p(doc, "{{ ikhtisar.kalimat_anggaran }}", "Paragraf Isi")
    for key, intro in (("kendala", "Kendala yang dihadapi pada tahun {{ tahun }} adalah:"),
                       ("keberhasilan", "Faktor pendukung keberhasilan pencapaian sasaran tahun {{ tahun }} adalah:"),
                       ("rekomendasi", "Rekomendasi untuk perbaikan kinerja ke depan adalah:"),
                       ("penghargaan", "Prestasi dan penghargaan yang diterima pada tahun {{ tahun }}:")):
        tag(doc, f"{{%p if ikhtisar.{key} %}}")
        p(doc, intro, "Paragraf Isi")
        bernomor(doc, f"ikhtisar.{key}")
        tag(doc, "{%p endif %}")


# --- BAB I -------------------------------------------------------------------------------------

def lebar(t, spec):
    """Mark a table with a column loop for report/tabel_lebar.py ('4.0,*,1.6': cm, '*' = looped columns)."""
    el = OxmlElement("w:tblDescription")
    el.set(qn("w:val"), f"lkj-lebar:{spec}")
    t._tbl.tblPr.append(el)


def generic_table(doc, key, first_cm):
    """A table whose columns come from the context: {{ key }}.kolom (header) and .baris (rows of cells);
    the first column is `first_cm` wide, the others share the rest."""
    t = table(doc, [first_cm, 1.0, 1.0, 1.0])
    lebar(t, f"{first_cm},*")
    r = t.add_row()
    for i, text in enumerate(["{{ " + key + ".kolom[0] }}", "{%tc for k in " + key + ".kolom[1:] %}", "{{ k }}",
                              "{%tc endfor %}"]):
        Q._set_width(r.cells[i], t._widths[i])
        r.cells[i].paragraphs[0].style = "Kepala Tabel Rapat"
        r.cells[i].paragraphs[0].add_run(text)
    Q._header_row(r)
    tag_row(t, "{%tr for b in " + key + ".baris %}")
    r = t.add_row()
    for i, text in enumerate(["{{ b[0] }}", "{%tc for c in b[1:] %}", "{{ c }}", "{%tc endfor %}"]):
        Q._set_width(r.cells[i], t._widths[i])
        r.cells[i].paragraphs[0].style = "Isi Tabel Rapat"
        r.cells[i].paragraphs[0].add_run(text)
    tag_row(t, "{%tr endfor %}")
    return t


def bab1(doc):
    h1(doc, "BAB I PENDAHULUAN")
    h2(doc, "{{ sek.latar }}. LATAR BELAKANG")
    paragraf(doc, "latar_belakang")
    h2(doc, "{{ sek.maksud }}. MAKSUD DAN TUJUAN")
    p(doc, "Penyusunan Laporan Kinerja {{ unit }} Tahun {{ tahun }} dimaksudkan untuk memberikan informasi kinerja "
           "yang terukur atas kinerja yang telah dan seharusnya dicapai dalam satu tahun anggaran. Tujuannya:",
      "Paragraf Isi")
    p(doc, "1.\tsebagai sarana pertanggungjawaban kinerja kepada pemangku kepentingan atas pelaksanaan tugas, "
           "fungsi dan pengelolaan sumber daya {{ unit }};", "Daftar Bernomor")
    p(doc, "2.\tsebagai bahan evaluasi dan upaya perbaikan berkesinambungan untuk meningkatkan kinerja.",
      "Daftar Bernomor")
    h2(doc, "{{ sek.tugas }}. KEDUDUKAN, TUGAS DAN FUNGSI")
    p(doc, "{{ kalimat_tugas }}", "Paragraf Isi")
    bernomor(doc, "tugas", "t")
    tag(doc, "{%p if sek.sdm %}")
    h2(doc, "{{ sek.sdm }}. SUMBER DAYA MANUSIA")
    p(doc, "{{ kalimat_sdm }}", "Paragraf Isi")
    judul_tabel(doc, "sdm", "Komposisi Pegawai {{ unit }} Tahun {{ tahun }}")
    generic_table(doc, "sdm", 3.2)
    sumber(doc, "K = kebutuhan menurut analisis jabatan, B = bezetting (pegawai yang ada), menurut pendidikan; "
                "L/P = laki-laki/perempuan.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if sek.sarpras %}")
    h2(doc, "{{ sek.sarpras }}. SARANA DAN PRASARANA")
    p(doc, "Sarana dan prasarana yang mendukung pelaksanaan tugas dan fungsi {{ unit }} adalah sebagai berikut:",
      "Paragraf Isi")
    judul_tabel(doc, "sarpras", "Sarana dan Prasarana {{ unit }} per 31 Desember {{ tahun }}")
    generic_table(doc, "sarpras", 6.0)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if sek.anggaran %}")
    h2(doc, "{{ sek.anggaran }}. ANGGARAN")
    p(doc, "{{ kalimat_anggaran_bab1 }}", "Paragraf Isi")
    judul_tabel(doc, "anggaran", "Anggaran {{ unit }} Tahun {{ tahun }}")
    t = table(doc, [1.6, 10.4, 4.0])
    row(t, ["No", "Program/ Kegiatan/ Sub Kegiatan", "Anggaran (Rp)"], K, header=True, valign=MID)
    tag_row(t, "{%tr for a in anggaran %}")
    row(t, ["{{ a.kode }}", "{{ a.nama_inden }}", "{{ a.pagu }}"], [T, I, N])
    tag_row(t, "{%tr endfor %}")
    r = row(t, ["JUMLAH", None, "{{ total.pagu }}"], [K, K, N])
    merge_row(r, 0, 1)
    r.cells[2].paragraphs[0].runs[0].bold = True
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if sek.isu %}")
    h2(doc, "{{ sek.isu }}. ISU STRATEGIS")
    bernomor(doc, "isu_strategis")
    tag(doc, "{%p endif %}")


# --- BAB II ------------------------------------------------------------------------------------

def tabel_pk(doc, nama="i.nama"):
    t = table(doc, [1.0, 6.0, 6.5, 2.5])
    row(t, ["No", "Sasaran Strategis", "Indikator Kinerja", "Target"], K, header=True, valign=MID)
    row(t, ["(1)", "(2)", "(3)", "(4)"], K, header=True)
    tag_row(t, "{%tr for s in sasaran %}")
    tag_row(t, "{%tr for i in s.indikator %}")
    row(t, ["{% vm %}{{ s.no }}", "{% vm %}{{ s.nama }}", "{{ " + nama + " }}", "{{ i.target }}"], [T, I, I, T])
    tag_row(t, "{%tr endfor %}")
    tag_row(t, "{%tr endfor %}")
    return t


def tabel_pk_kegiatan(doc):
    t = table(doc, [1.0, 11.0, 4.0])
    row(t, ["No", "{{ label_anggaran }}", "Anggaran"], K, header=True, valign=MID)
    tag_row(t, "{%tr for a in pk_kegiatan %}")
    row(t, ["{{ a.no }}", "{{ a.uraian }}", "{{ a.anggaran }}"], [T, I, N])
    tag_row(t, "{%tr endfor %}")
    r = row(t, ["JUMLAH", None, "{{ jumlah_pk }}"], [K, K, N])
    merge_row(r, 0, 1)
    r.cells[2].paragraphs[0].runs[0].bold = True


def renstra_table(doc):
    t = table(doc, [3.2, 3.6, 1.3, 1.0, 1.0, 1.0, 1.3])
    lebar(t, "3.2,3.6,1.3,*,1.3")
    Q.cell_margins(t, 0.05)
    k, i, n = "Kepala Tabel Rapat", "Isi Tabel Rapat", "Angka Tabel Rapat"
    hdr = row(t, ["Sasaran", "Indikator", "Kondisi Awal", "{%tc for y in renstra.tahun %}", "{{ y }}",
                  "{%tc endfor %}", "Target Akhir"], k, header=True, valign=MID)
    tag_row(t, "{%tr for g in renstra.kelompok %}")
    tag_row(t, "{%tr if g.judul %}")
    r = row(t, ["{{ g.judul }}"] + [None] * 6, k)
    merge_row(r, 0, 6)
    tag_row(t, "{%tr endif %}")
    tag_row(t, "{%tr for s in g.sasaran %}")
    tag_row(t, "{%tr for i in s.indikator %}")
    row(t, ["{% vm %}{{ s.nama }}", "{{ i.nama }}", "{{ i.kondisi_awal }}", "{%tc for v in i.target %}", "{{ v }}",
            "{%tc endfor %}", "{{ i.target_akhir }}"], [i, i, n, n, n, n, n])
    tag_row(t, "{%tr endfor %}")
    tag_row(t, "{%tr endfor %}")
    tag_row(t, "{%tr endfor %}")
    return hdr


def bab2(doc):
    h1(doc, "BAB II PERENCANAAN DAN PERJANJIAN KINERJA")
    tag(doc, "{%p if sek.renstra %}")
    h2(doc, "{{ sek.renstra }}. RENCANA STRATEGIS")
    p(doc, "{{ kalimat_renstra }}", "Paragraf Isi")
    judul_tabel(doc, "renstra", "Sasaran, Indikator dan Target Rencana Strategis {{ unit }} {{ periode_renstra }}")
    renstra_table(doc)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if sek.iku %}")
    h2(doc, "{{ sek.iku }}. INDIKATOR KINERJA UTAMA DAN INDIKATOR KINERJA PENDUKUNG")
    p(doc, "Indikator Kinerja Utama (IKU) merupakan ukuran keberhasilan dari pencapaian sasaran strategis. "
           "IKU dan indikator pendukung {{ unit }} Tahun {{ tahun }} adalah sebagai berikut:", "Paragraf Isi")
    judul_tabel(doc, "iku", "Indikator Kinerja Utama dan Indikator Kinerja Pendukung")
    t = table(doc, [3.2, 3.4, 1.6, 4.2, 1.8, 1.8])
    row(t, ["Sasaran", "Indikator", "Jenis", "Penjelasan / Formulasi", "Penanggung Jawab", "Sumber Data"], K,
        header=True, valign=MID)
    tag_row(t, "{%tr for s in sasaran %}")
    tag_row(t, "{%tr for i in s.indikator %}")
    row(t, ["{% vm %}{{ s.nama }}", "{{ i.nama }}", "{{ i.jenis }}", "{{ i.formula }}", "{{ i.penanggung_jawab }}",
            "{{ i.sumber_data }}"], [I, I, T, I, I, I])
    tag_row(t, "{%tr endfor %}")
    tag_row(t, "{%tr endfor %}")
    tag(doc, "{%p endif %}")
    h2(doc, "{{ sek.pk }}. PERJANJIAN KINERJA TAHUN {{ tahun }}")
    p(doc, "{{ judul_pk }} Tahun {{ tahun }} yang ditandatangani {{ jabatan }} dengan {{ jabatan_atasan }} memuat "
           "sasaran, indikator kinerja dan target sebagai berikut:", "Paragraf Isi")
    judul_tabel(doc, "pk", "{{ judul_pk }} {{ unit }} Tahun {{ tahun }}")
    tabel_pk(doc)
    tag(doc, "{%p if pk_kegiatan %}")
    p(doc)
    tabel_pk_kegiatan(doc)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if sek.alokasi %}")
    h2(doc, "{{ sek.alokasi }}. ALOKASI ANGGARAN PER SASARAN")
    p(doc, "Proporsi alokasi anggaran pada setiap sasaran adalah sebagai berikut:", "Paragraf Isi")
    judul_tabel(doc, "alokasi", "Alokasi Anggaran per Sasaran Tahun {{ tahun }}")
    t = table(doc, [1.0, 6.5, 4.5, 2.5, 1.5])
    row(t, ["No", "Sasaran", "Didukung oleh", "Anggaran (Rp)", "% dari Total"], K, header=True, valign=MID)
    tag_row(t, "{%tr for a in alokasi %}")
    row(t, ["{{ a.no }}", "{{ a.sasaran }}", "{{ a.uraian }}", "{{ a.pagu }}", "{{ a.persen }}"], [T, I, I, N, N])
    tag_row(t, "{%tr endfor %}")
    r = row(t, ["JUMLAH", None, None, "{{ total.pagu }}", "{{ alokasi_persen }}"], [K, K, K, N, N])
    merge_row(r, 0, 2)
    paragraf(doc, "kalimat_alokasi")
    tag(doc, "{%p endif %}")


# --- BAB III -----------------------------------------------------------------------------------

def pengukuran_table(doc, lengkap=False):
    widths = [0.8, 3.2, 3.8, 1.5, 1.5, 1.5, 1.5, 1.3, 1.5] if not lengkap else \
        [0.8, 3.0, 3.6, 1.5, 1.5, 1.5, 1.7, 1.3, 1.7]
    t = table(doc, widths)
    Q.cell_margins(t, 0.05)
    k, i, n = "Kepala Tabel Rapat", "Isi Tabel Rapat", "Angka Tabel Rapat"
    row(t, ["No", "Sasaran Strategis", "Indikator Kinerja", "Target {{ tahun }}", "Realisasi {{ tahun }}",
            "Capaian (%)", "Predikat", "Target Akhir Renstra {{ tahun_akhir_renstra }}", "Capaian thd Target Akhir (%)"],
        k, header=True, valign=MID)
    row(t, ["1", "2", "3", "4", "5", "6=5/4", "7", "8", "9=5/8"], k, header=True)
    tag_row(t, "{%tr for s in sasaran %}")
    tag_row(t, "{%tr for x in s." + ("baris_lampiran" if lengkap else "indikator") + " %}")
    row(t, ["{% vm %}{{ s.no }}", "{% vm %}{{ s.nama }}", "{{ x.nomor }} {{ x.nama }}", "{{ x.target }}",
            "{{ x.realisasi }}", "{{ x.capaian }}", "{{ x.predikat }}", "{{ x.target_akhir }}", "{{ x.capaian_renstra }}"],
        [k, i, i, n, n, n, k, n, n])
    Q._no_split(t.rows[-1])
    tag_row(t, "{%tr endfor %}")
    tag_row(t, "{%tr if s.rata %}")
    r = row(t, [None, "Rata-rata capaian sasaran {{ s.nomor }}", None, None, None, "{{ s.capaian }}",
                "{{ s.predikat }}", None, None], [k, k, k, n, n, n, k, n, n])
    merge_row(r, 1, 4)
    tag_row(t, "{%tr endif %}")
    tag_row(t, "{%tr endfor %}")
    return t


def komposit_tables(doc):
    """One table per indicator measured through sub-indicators, with the rule and the total."""
    tag(doc, "{%p for k in komposit %}")
    p(doc, "{{ k.tabel }}", "Judul Tabel")
    p(doc, "Sub Indikator {{ k.judul }}", "Judul Tabel")
    t = table(doc, [0.8, 7.4, 1.6, 2.0, 2.1, 2.1])
    row(t, ["No", "Sub Indikator", "Bobot", "Target", "Realisasi", "Capaian"], K, header=True, valign=MID)
    tag_row(t, "{%tr for u in k.baris %}")
    row(t, ["{{ u.no }}", "{{ u.nama }}", "{{ u.bobot }}", "{{ u.target }}", "{{ u.realisasi }}", "{{ u.capaian }}"],
        [T, I, T, N, N, N])
    tag_row(t, "{%tr endfor %}")
    r = row(t, ["{{ k.aturan }}", None, None, "{{ k.target }}", "{{ k.realisasi }}", "{{ k.capaian }}"], [K, K, K, N, N, N])
    merge_row(r, 0, 2)
    p(doc, "{{ k.kalimat }}", "Paragraf Isi")
    tag(doc, "{%p endfor %}")


def riwayat_table(doc):
    t = table(doc, [3.6, 4.6, 1.0, 1.0, 1.0, 3.0])
    lebar(t, "3.6,4.6,*,3.0")
    Q.cell_margins(t, 0.05)
    row(t, ["Sasaran", "Indikator", "{%tc for y in riwayat.tahun %}", "{{ y }}", "{%tc endfor %}", "Perubahan "
            "terhadap {{ tahun_lalu }}"], K, header=True, valign=MID)
    tag_row(t, "{%tr for s in sasaran %}")
    tag_row(t, "{%tr for x in s.indikator %}")
    row(t, ["{% vm %}{{ s.nama }}", "{{ x.nomor }} {{ x.nama }}", "{%tc for v in x.riwayat %}", "{{ v }}",
            "{%tc endfor %}", "{{ x.perubahan }}"], [I, I, T, T, T, I])
    tag_row(t, "{%tr endfor %}")
    tag_row(t, "{%tr endfor %}")


def pembanding_table(doc):
    t = table(doc, [0.8, 4.6, 1.7, 1.8, 3.9, 1.6, 1.6])
    row(t, ["No", "Indikator", "Realisasi {{ tahun }}", "Pembanding", "Tingkat, Tahun, Sumber", "Selisih",
            "Ket."], K, header=True, valign=MID)
    tag_row(t, "{%tr for b in pembanding %}")
    row(t, ["{{ b.no }}", "{{ b.indikator }}", "{{ b.realisasi }}", "{{ b.nilai }}", "{{ b.sumber }}",
            "{{ b.selisih }}", "{{ b.ket }}"], [T, I, T, T, I, T, I])
    tag_row(t, "{%tr endfor %}")


def bab3(doc):
    h1(doc, "BAB III AKUNTABILITAS KINERJA")
    h2(doc, "{{ sek.kerangka }}. KERANGKA PENGUKURAN KINERJA")
    p(doc, "Capaian kinerja diukur dengan membandingkan realisasi dengan target setiap indikator dalam "
           "{{ judul_pk }} Tahun {{ tahun }}. Predikat capaian memakai skala berikut{{ skala_sumber }}:",
      "Paragraf Isi")
    judul_tabel(doc, "skala", "Skala Nilai Peringkat Kinerja")
    t = table(doc, [1.0, 7.0, 8.0])
    row(t, ["No", "Interval Capaian", "Predikat"], K, header=True)
    tag_row(t, "{%tr for k in skala %}")
    row(t, ["{{ k.no }}", "{{ k.interval }}", "{{ k.predikat }}"], [T, T, I])
    tag_row(t, "{%tr endfor %}")
    p(doc, "Rumus yang dipakai dalam laporan ini:", "Paragraf Isi")
    bernomor(doc, "rumus")

    h2(doc, "{{ sek.capaian }}. CAPAIAN KINERJA")
    p(doc, "{{ kalimat_pengukuran }}", "Paragraf Isi")
    judul_tabel(doc, "pengukuran", "Pengukuran Kinerja {{ unit }} Tahun {{ tahun }}")
    pengukuran_table(doc)
    p(doc, "{{ catatan_pengukuran }}", "Catatan")
    komposit_tables(doc)
    tag(doc, "{%p if grafik_capaian_sasaran %}")
    p(doc, "{{ grafik_capaian_sasaran }}", "Gambar")
    p(doc, "{{ gbr.capaian }} Capaian Kinerja per Sasaran Tahun {{ tahun }}", "Judul Tabel")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for a in analisis %}")
    p(doc, "{{ a.judul }}", "Heading 3")
    tag(doc, "{%p for par in a.paragraf %}")
    p(doc, "{{ par }}", "Paragraf Isi")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if ada_riwayat %}")
    p(doc, "Perbandingan realisasi kinerja tahun {{ tahun }} dengan tahun-tahun sebelumnya disajikan pada tabel "
           "berikut:", "Paragraf Isi")
    judul_tabel(doc, "riwayat", "Perbandingan Realisasi Kinerja Tahun {{ tahun }} dengan Tahun Sebelumnya")
    riwayat_table(doc)
    paragraf(doc, "kalimat_riwayat")
    tag(doc, "{%p for g in grafik_tren %}")
    p(doc, "{{ g.gambar }}", "Gambar")
    p(doc, "{{ g.judul }}", "Judul Tabel")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if ada_pembanding %}")
    judul_tabel(doc, "pembanding", "Perbandingan Realisasi Kinerja dengan Pembanding Nasional/Provinsi/Kabupaten")
    pembanding_table(doc)
    tag(doc, "{%p endif %}")
    p(doc, "{{ kalimat_pembanding }}", "Paragraf Isi")

    tag(doc, "{%p if sek.program %}")
    h2(doc, "{{ sek.program }}. PROGRAM DAN KEGIATAN PENDUKUNG SASARAN")
    p(doc, "Program, kegiatan dan sub kegiatan yang mendukung setiap sasaran beserta serapan anggarannya:",
      "Paragraf Isi")
    judul_tabel(doc, "program", "Program/Kegiatan Pendukung Sasaran Tahun {{ tahun }}")
    t = table(doc, [3.6, 6.0, 2.4, 2.4, 1.6])
    row(t, ["Sasaran", "Program/ Kegiatan/ Sub Kegiatan", "Anggaran (Rp)", "Realisasi (Rp)", "% Serapan"], K,
        header=True, valign=MID)
    tag_row(t, "{%tr for s in program %}")
    tag_row(t, "{%tr for a in s.baris %}")
    row(t, ["{% vm %}{{ s.nama }}", "{{ a.nama_inden }}", "{{ a.pagu }}", "{{ a.realisasi }}", "{{ a.serapan }}"],
        [I, I, N, N, N])
    tag_row(t, "{%tr endfor %}")
    tag_row(t, "{%tr endfor %}")
    tag(doc, "{%p endif %}")

    tag(doc, "{%p if sek.efisiensi %}")
    h2(doc, "{{ sek.efisiensi }}. ANALISIS ATAS EFISIENSI SUMBER DAYA")
    p(doc, "{{ kalimat_efisiensi_pembuka }}", "Paragraf Isi")
    judul_tabel(doc, "efisiensi", "Efisiensi Penggunaan Sumber Daya")
    t = table(doc, [6.4, 2.2, 2.2, 2.2, 3.0])
    row(t, ["Sasaran", "% Capaian Kinerja", "% Serapan Anggaran", "Efisiensi ({{ metode_efisiensi }})",
            "Kategori Efisiensi"], K, header=True, valign=MID)
    tag_row(t, "{%tr for e in efisiensi %}")
    row(t, ["{{ e.no }} {{ e.nama }}", "{{ e.capaian }}", "{{ e.serapan }}", "{{ e.efisiensi }}", "{{ e.kategori }}"],
        [I, N, N, N, T])
    tag_row(t, "{%tr endfor %}")
    p(doc, "{{ catatan_efisiensi }}", "Catatan")
    tag(doc, "{%p for e in efisiensi %}")
    p(doc, "{{ e.kalimat }}", "Paragraf Isi")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")

    h2(doc, "{{ sek.predikat }}. REKAPITULASI PREDIKAT CAPAIAN KINERJA")
    p(doc, "{{ kalimat_predikat }}", "Paragraf Isi")
    judul_tabel(doc, "predikat", "Rekapitulasi Predikat Capaian Kinerja Tahun {{ tahun }}")
    t = table(doc, [9.5, 3.0, 3.5])
    row(t, ["Sasaran / Indikator", "% Capaian", "Predikat"], K, header=True, valign=MID)
    tag_row(t, "{%tr for s in sasaran %}")
    r = row(t, ["Sasaran {{ s.nomor }}: {{ s.nama }}", "{{ s.capaian }}", "{{ s.predikat }}"], [I, N, T])
    r.cells[0].paragraphs[0].runs[0].bold = True
    tag_row(t, "{%tr for x in s.indikator %}")
    row(t, ["\u00a0\u00a0\u00a0Indikator {{ x.nomor }}: {{ x.nama }}", "{{ x.capaian }}", "{{ x.predikat }}"], [I, N, T])
    tag_row(t, "{%tr endfor %}")
    tag_row(t, "{%tr endfor %}")
    p(doc)
    t = table(doc, [9.5, 3.0, 3.5])
    row(t, ["Predikat", "Interval", "Jumlah Indikator"], K, header=True)
    tag_row(t, "{%tr for k in predikat_jumlah %}")
    row(t, ["{{ k.predikat }}", "{{ k.interval }}", "{{ k.jumlah }}"], [I, T, T])
    tag_row(t, "{%tr endfor %}")

    tag(doc, "{%p if sek.realisasi %}")
    h2(doc, "{{ sek.realisasi }}. REALISASI ANGGARAN")
    paragraf(doc, "kalimat_realisasi")
    judul_tabel(doc, "realisasi", "Realisasi Anggaran {{ unit }} Tahun {{ tahun }}")
    t = table(doc, [1.6, 7.4, 2.6, 2.6, 1.8])
    row(t, ["No", "Program/ Kegiatan/ Sub Kegiatan", "Anggaran (Rp)", "Realisasi (Rp)", "% Realisasi"], K,
        header=True, valign=MID)
    tag_row(t, "{%tr for a in anggaran %}")
    row(t, ["{{ a.kode }}", "{{ a.nama_inden }}", "{{ a.pagu }}", "{{ a.realisasi }}", "{{ a.serapan }}"],
        [T, I, N, N, N])
    tag_row(t, "{%tr endfor %}")
    r = row(t, ["JUMLAH", None, "{{ total.pagu }}", "{{ total.realisasi }}", "{{ total.serapan }}"], [K, K, N, N, N])
    merge_row(r, 0, 1)
    p(doc, "{{ catatan_realisasi }}", "Catatan")
    tag(doc, "{%p if grafik_serapan %}")
    p(doc, "{{ grafik_serapan }}", "Gambar")
    p(doc, "{{ gbr.serapan }} Serapan Anggaran Tahun {{ tahun }}", "Judul Tabel")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")

    tag(doc, "{%p if sek.prestasi %}")
    h2(doc, "{{ sek.prestasi }}. PRESTASI DAN PENGHARGAAN")
    bernomor(doc, "penghargaan")
    tag(doc, "{%p endif %}")


def bab4(doc):
    h1(doc, "BAB IV PENUTUP")
    paragraf(doc, "kesimpulan")
    tag(doc, "{%p if rekomendasi %}")
    p(doc, "Rekomendasi untuk perbaikan kinerja ke depan:", "Paragraf Isi")
    bernomor(doc, "rekomendasi")
    tag(doc, "{%p endif %}")
    p(doc, "Demikian Laporan Kinerja {{ unit }} Tahun {{ tahun }} ini disusun sebagai bentuk pertanggungjawaban "
           "dan bahan perbaikan kinerja pada tahun berikutnya.", "Paragraf Isi")
    p(doc)
    signature(doc, ["{{ tempat }}, {{ tanggal }}", "{{ jabatan }}"])


def reviu(doc):
    tag(doc, "{%p if reviu %}")
    h1(doc, "PERNYATAAN TELAH DIREVIU")
    p(doc, "{{ reviu.kalimat }}", "Paragraf Isi")
    p(doc, "{{ reviu.kalimat_kedua }}", "Paragraf Isi")
    p(doc)
    t = table(doc, [8.0, 8.0], grid=False)
    Q.no_borders(t)
    r = t.add_row()
    for c in r.cells:
        Q._set_width(c, 8.0)
    Q.signature_cell(r.cells[1], ["{{ reviu.tempat_tanggal }}", "{{ reviu.jabatan }}"], "{{ reviu.nama }}",
                     "NIP. {{ reviu.nip }}")
    Q._no_split(r)
    tag(doc, "{%p endif %}")


def lampiran(doc):
    p(doc, "LAMPIRAN I", "Lampiran")
    p(doc, "{{ judul_pk_kapital }} TAHUN {{ tahun }}", "Judul Lampiran")
    p(doc, "{{ unit_kapital }}", "Judul Lampiran")
    p(doc)
    tabel_pk(doc)
    tag(doc, "{%p if pk_kegiatan %}")
    p(doc)
    tabel_pk_kegiatan(doc)
    tag(doc, "{%p endif %}")
    p(doc)
    Q.two_signatures(doc,
                     (["", "{{ jabatan_atasan }}"], "{{ nama_atasan }}", "NIP. {{ nip_atasan }}"),
                     (["{{ tempat_tanggal_pk }}", "{{ jabatan }}"], "{{ nama }}", "NIP. {{ nip }}"))
    p(doc, "LAMPIRAN II", "Lampiran")
    p(doc, "PENGUKURAN KINERJA TAHUN {{ tahun }}", "Judul Lampiran")
    p(doc, "{{ unit_kapital }}", "Judul Lampiran")
    p(doc)
    pengukuran_table(doc, lengkap=True)
    p(doc, "{{ catatan_pengukuran }}", "Catatan")


def styles(doc):
    Q.styles(doc)
    st = doc.styles["Heading 3"]
    Q._font(st, 11, bold=True)
    Q._para(st, Q.LEFT, before=9, after=6, keep_next=True)
    doc.styles["Heading 1"].paragraph_format.space_after = Q.Pt(18)


def build(path: Path = OUT) -> Path:
    doc = Document()
    styles(doc)
    Q.compat(doc)
    Q.header_footer(doc)
    body = doc.element.body
    for para in list(doc.paragraphs):
        body.remove(para._p)
    cover(doc)
    kata_pengantar(doc)
    daftar_isi(doc)
    ikhtisar(doc)
    bab1(doc)
    bab2(doc)
    bab3(doc)
    bab4(doc)
    reviu(doc)
    lampiran(doc)
    Q.schema_order(doc)
    props = doc.core_properties
    props.title = "Laporan Kinerja Instansi Pemerintah (Tahunan)"
    props.author = "lkj_xl"
    props.comments = "Templat docxtpl; lihat docs/templat_word.md"
    props.created = props.modified = dt.datetime(2024, 1, 1)
    doc.save(path)
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    print(build(out))
