"""Issue 13: the quarterly report ready to sign as it comes out, asserted on the eight real examples in
contoh/ (seed 000 and the seven reports of seed 001) rendered as the CLI does (DRAF only when the
workbook has a Kesalahan)."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from lkj_xl.core.engine import olah_file
from lkj_xl.core.validation import add_working_days
from lkj_xl.report.anggaran import label_grafik
from lkj_xl.report.rendering import buat_docx
from lkj_xl.report.triwulan import konteks, nomor_urut

from .conftest import CONTOH
from .test_rendering import all_text, texts

BOOKS = sorted([*CONTOH.glob("000_*.xlsx"), *CONTOH.glob("001_*.xlsx")])   # the quarterly examples
CAMAT = CONTOH / "001_1_camat_tw3_2023.xlsx"
SEED000 = CONTOH / "000_bagian_organisasi_tw3_2023.xlsx"
KASI_PM = CONTOH / "001_4_kasi_pemberdayaan_masyarakat_tw3_2023.xlsx"
KASI_PU = CONTOH / "001_5_kasi_pelayanan_umum_tw3_2023.xlsx"
UMUM = CONTOH / "001_7_kasubbag_umum_kepegawaian_tw3_2023.xlsx"


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, tuple]:
    """name -> (olahan, docx path, Document, all text, draf)."""
    out = tmp_path_factory.mktemp("contoh")
    got = {}
    for book in BOOKS:
        o = olah_file(book)
        path = buat_docx(o, out / f"{book.stem}.docx", draf=o.ada_kesalahan, folder_foto=book.parent)
        doc = Document(str(path))
        got[book.stem] = (o, path, doc, all_text(doc), o.ada_kesalahan)
    return got


def final(reports):
    return {k: v for k, v in reports.items() if not v[4]}


# --- 1. no placeholder and no undated or unnamed signature in a final report ------------------------

def test_every_example_renders_and_six_are_final(reports):
    assert len(reports) == 8
    # 001_6 is dated 3 July for TW III (seed 001:1079) and 001_7 has no NIP (seed 001:1318): real Kesalahan
    assert sorted(k for k, v in reports.items() if v[4]) == ["001_6_kasubbag_keuangan_tw3_2023",
                                                             "001_7_kasubbag_umum_kepegawaian_tw3_2023"]


def test_no_placeholder_or_undated_signature_in_a_final_report(reports):
    for name, (o, _, doc, text, _) in final(reports).items():
        assert "foto belum dilampirkan" not in text and "foto tidak ditemukan" not in text, name
        assert "belum diisi" not in text, name
        lines = [line.strip() for line in text.split("\n")]
        assert not [x for x in lines if re.fullmatch(r"Lumajang,?", x)], name        # a place without a date
        assert not [x for x in lines if re.fullmatch(r"NIP\.?", x)], name            # an empty NIP line
        assert "{{" not in text and "{%" not in text, name


def test_lampiran_pk_only_with_a_dated_pk(reports):
    # seed 000 has a PK dated 4 April 2023 (000:204); the seed-001 reports have none (their format has no
    # Lampiran I), so Pengaturan 'Otomatis' leaves it out and the photo lampiran is not numbered II
    assert "LAMPIRAN I\n" in reports["000_bagian_organisasi_tw3_2023"][3]
    assert "Lumajang, 4 April 2023" in reports["000_bagian_organisasi_tw3_2023"][3]
    for name, (_, _, _, text, _) in reports.items():
        if name.startswith("001"):
            assert "LAMPIRAN I" not in text and "Pihak Pertama" not in text, name


def test_lampiran_pk_asked_without_a_date_is_a_kesalahan(make_book, seed_data):
    seed_data["identitas"]["tanggal_pk"] = None
    seed_data["pengaturan"] = {"lampiran_pk": "Ya"}
    o = olah_file(make_book(seed_data))
    assert [(p.code, p.where, p.severity) for p in o.masalah if p.code == "tanggal-pk-kosong"] == [
        ("tanggal-pk-kosong", "Identitas!B20", "error")]
    seed_data["pengaturan"] = {"lampiran_pk": "Tidak"}
    o = olah_file(make_book(seed_data))
    assert not o.ada_kesalahan and not konteks(o)["ada_lampiran_pk"]


def test_photo_rows_without_a_file_are_one_warning_when_others_have_one(reports, make_book, seed_data):
    # seed 000 attaches no photo at all: no Lampiran II and nothing to warn about
    assert not [p for p in reports["000_bagian_organisasi_tw3_2023"][0].masalah if p.code == "foto-kosong"]
    seed_data["dokumentasi"][0]["foto"] = "rapat.jpg"            # one of the 14 rows names a photo
    fotos = [p for p in olah_file(make_book(seed_data)).masalah if p.code == "foto-kosong"]
    assert [(p.where, p.severity) for p in fotos] == [("Dokumentasi!C5", "warning")]
    assert fotos[0].message.startswith("13 kegiatan di sheet Dokumentasi (baris 5–17)")


# --- 3. an official without an atasan -----------------------------------------------------------------

def test_camat_report_is_final_without_mengetahui(reports):
    o, _, doc, text, draf = reports["001_1_camat_tw3_2023"]
    assert not draf and not o.ada_kesalahan
    assert "Perjanjian Kinerja Tahun 2023 Camat Tempeh adalah sebagai berikut:" in text
    assert "dengan adalah" not in text
    for absent in ("Mengetahui", "ATASAN LANGSUNG", "TANGGAPAN ATASAN", "pihak kedua"):
        assert absent not in text
    assert "Lumajang, 30 September 2023" in text and "NIP. 19870702 200602 1 002" in text


def test_an_atasan_half_typed_is_still_required(make_book, seed_data):
    seed_data["identitas"]["nama_atasan"] = ""
    seed_data["identitas"]["nip_atasan"] = ""
    o = olah_file(make_book(seed_data))
    assert [(p.code, p.where) for p in o.masalah if p.code == "nilai-wajib-kosong"] == [
        ("nilai-wajib-kosong", "Identitas!B14"), ("nilai-wajib-kosong", "Identitas!B15")]


# --- 4. pagination --------------------------------------------------------------------------------------

def test_every_table_row_is_kept_whole_and_every_table_has_space_after(reports):
    for name, (_, _, doc, _, _) in reports.items():
        body = doc.element.body
        rows = list(body.iter(qn("w:tr")))
        assert rows, name
        assert all(tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for tr in rows), name
        for tbl in body.iterchildren(qn("w:tbl")):
            nxt = tbl.getnext()
            style = nxt.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") if nxt is not None else None
            assert nxt.tag == qn("w:p") and style is not None and style.get(qn("w:val")) == "Jarak", name


def test_headings_and_the_closing_are_kept_with_what_follows(reports):
    doc = reports["001_1_camat_tw3_2023"][2]
    keep = {s.name for s in doc.styles if getattr(s, "paragraph_format", None) is not None
            and s.paragraph_format.keep_with_next}
    assert {"Heading 1", "Heading 2", "Judul Tabel", "Paragraf Pengantar", "Penutup Terikat",
            "Daftar Penutup"} <= keep
    paras = doc.paragraphs
    i = next(k for k, p in enumerate(paras) if p.text.startswith("3.\tAdapun strategi"))
    closing = paras[i:]
    end = next(k for k, p in enumerate(closing) if p.style.name not in ("Daftar Penutup", "Penutup Terikat"))
    assert end > 3 and all(p.style.name in ("Daftar Penutup", "Penutup Terikat") for p in closing[:end])
    # the paragraph right before the signature table keeps with it
    sig = next(t for t in doc.tables if "CAMAT TEMPEH" in t._tbl.xml)
    before = sig._tbl.getprevious()
    assert before.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) == "PenutupTerikat"   # style id


# --- 5. signature columns -----------------------------------------------------------------------------

def test_both_nips_on_the_same_line(reports):
    doc = reports["000_bagian_organisasi_tw3_2023"][2]
    sig = next(t for t in doc.tables if "Mengetahui," in t._tbl.xml)
    left, right = (c.paragraphs for c in sig.rows[0].cells)
    nip_left = next(i for i, p in enumerate(left) if p.text.startswith("NIP."))
    nip_right = next(i for i, p in enumerate(right) if p.text.startswith("NIP."))
    assert nip_left == nip_right
    assert left[nip_left].text == "NIP. 19631116 199003 1 006" and right[nip_right].text == "NIP. 19870404 200701 1 002"


# --- 6. table and figure numbers without gaps ---------------------------------------------------------

def test_table_numbers_do_not_skip(reports):
    # Kasi Pemberdayaan Masyarakat achieves none of its 2 indicators: its only strategy table is 2.4
    text = reports["001_4_kasi_pemberdayaan_masyarakat_tw3_2023"][3]
    assert "Tabel 2.4\nStrategi Yang Digunakan Dalam Mencapai Target Kinerja Yang Belum Tercapai" in text
    assert "Tabel 2.5" not in text
    # seed 000: 2 achieved and 4 not -> 2.4 and 2.5
    text = reports["000_bagian_organisasi_tw3_2023"][3]
    assert "Tabel 2.4\n" in text and "Tabel 2.5\n" in text and "Tabel 2.6" not in text
    assert nomor_urut("2.", 4, {"a": False, "b": True, "c": True}) == {"a": "", "b": "2.4", "c": "2.5"}


# --- 7. numbers as the reader expects -----------------------------------------------------------------

def test_targets_as_typed(reports):
    doc = reports["001_1_camat_tw3_2023"][2]
    rows = texts(next(t for t in doc.tables if len(texts(t)[0]) == 4 and texts(t)[0][2:] == ["Indikator Kinerja",
                                                                                            "Target"]))
    # seed 001:50-59 prints 97%, 94.87%, 100%, …, 87%, 100%, 85%
    assert [r[3] for r in rows[2:]] == ["97%", "94,87%", "100%", "100%", "100%", "87%", "100%", "100%", "85%",
                                        "100%"]
    assert "100,00%" not in reports["000_bagian_organisasi_tw3_2023"][3].split("Tabel 2.2")[1].split("Tabel 2.3")[0]


def test_efisiensi_sentence_adds_up_as_printed(reports):
    for name, (_, _, _, text, _) in reports.items():
        m = re.search(r"adalah (-?[\d.,]+) poin, yaitu rata-rata capaian kinerja ([\d,]+)% dikurangi serapan "
                      r"anggaran ([\d,]+)%", text)
        assert m, name
        e, k, s = (Decimal(x.replace(".", "").replace(",", ".")) for x in m.groups())
        assert e == k - s, name
    assert "adalah 38,62 poin, yaitu rata-rata capaian kinerja 81,74% dikurangi serapan anggaran 43,12%" in \
        reports["000_bagian_organisasi_tw3_2023"][3]


def test_nothing_spent_nothing_measured_is_belum_dilaksanakan_not_tidak_efisien(reports):
    # Camat, sasaran 6 (Koordinasi Ketenteraman): realisasi 0% (seed 001:79) and budget 5.000.000 / 0 (001:115)
    c = konteks(reports["001_1_camat_tw3_2023"][0])
    s6 = c["sasaran"][5]
    assert (s6["capaian"], s6["serapan"], s6["efisiensi"], s6["efisiensi_teks"]) == (
        "0,00%", "0,00%", "", "Belum dilaksanakan")
    assert "0,00\n(Tidak Efisien)" not in reports["001_1_camat_tw3_2023"][3]


def test_pk_budget_differs_from_pagu_one_sentence(reports):
    # seed 000: PK budget 600.316.428 (000:231-239) vs pagu berlaku 690.440.500 (000:85)
    text = reports["000_bagian_organisasi_tw3_2023"][3]
    assert text.count("berbeda dari pagu yang berlaku") == 1
    assert ("Anggaran dalam Perubahan Perjanjian Kinerja sebesar Rp. 600.316.428,- berbeda dari pagu yang "
            "berlaku sebesar Rp. 690.440.500,-") in text
    assert "berbeda dari pagu yang berlaku" not in reports["001_1_camat_tw3_2023"][3]


# --- 8. repetition ------------------------------------------------------------------------------------

def test_duplicate_rtl_warned_and_printed_once(reports):
    warned = {k: [p.where for p in v[0].masalah if p.code == "rtl-ganda" and p.where.startswith("RTL!")]
              for k, v in reports.items()}
    assert sum(len(w) for w in warned.values()) == 4                       # issue 13.8: seed 001 repeats four
    assert warned["001_1_camat_tw3_2023"] == ["RTL!A33"]
    o, _, _, text, _ = reports["001_1_camat_tw3_2023"]
    assert len(o.laporan.rtl) == 30 and len(konteks(o)["rtl"]) == 29
    items = konteks(o)["rtl"]
    assert len({i["uraian"] for i in items}) == 29 and [i["no"] for i in items][-1] == "29."


def test_closing_strategy_list_is_short(reports):
    o = reports["001_1_camat_tw3_2023"][0]
    c = konteks(o)
    # one line per indicator, the first item of each typed list; IK8-IK10 share one strategy -> 8
    assert [s["uraian"] for s in c["strategi_penutup"]][:2] == [
        "Merekap kegiatan fasilitasi dan koordinasi dari masing-masing kasi",
        "Menentukan tolak ukur Tepat waktu dalam Pelaporan Administrasi Desa"]
    assert len(c["strategi_penutup"]) == 8 and all("\n" not in s["uraian"] for s in c["strategi_penutup"])
    assert "Rincian strategi setiap indikator disajikan pada subbab 2.3." in reports["001_1_camat_tw3_2023"][3]


# --- 9. charts ----------------------------------------------------------------------------------------

def test_no_chart_below_three_bars(reports):
    pics = {k: v[2].element.body.xml.count("<pic:pic") for k, v in reports.items()}
    assert pics["001_5_kasi_pelayanan_umum_tw3_2023"] == 0          # 1 indicator, 1 budget line
    assert pics["001_4_kasi_pemberdayaan_masyarakat_tw3_2023"] == 0  # 2 and 2
    assert pics["000_bagian_organisasi_tw3_2023"] == 2               # 6 and 6
    assert "Gambar 2.1" not in reports["001_5_kasi_pelayanan_umum_tw3_2023"][3]


def test_chart_labels_are_short_names(reports):
    labels = label_grafik(reports["001_1_camat_tw3_2023"][0].hasil)
    assert labels[0].startswith("PROGRAM PENUNJANG URUSAN PEMERINTAHAN")
    assert all(not re.match(r"\d", x) and len(x) <= 48 for x in labels)


# --- 11. the file itself --------------------------------------------------------------------------------

def test_document_properties(reports):
    o, path, doc, _, _ = reports["000_bagian_organisasi_tw3_2023"]
    with zipfile.ZipFile(path) as z:
        settings = z.read("word/settings.xml").decode()
        app = z.read("docProps/app.xml").decode()
    assert 'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"' in settings
    assert "<Application>lkj_xl</Application>" in app and "Macintosh" not in app
    props = doc.core_properties
    now = dt.datetime.now(dt.timezone.utc)
    assert abs((now - props.created).total_seconds()) < 3600 and props.modified == props.created
    descr = [d.get("descr") for d in doc.element.body.iter(qn("wp:docPr"))]
    assert descr == ["Grafik capaian kinerja per indikator, Triwulan III tahun 2023",
                     "Grafik serapan anggaran per Kegiatan, Triwulan III tahun 2023"]


def test_logo_on_the_cover(make_book, seed_data, tmp_path):
    from PIL import Image
    Image.new("RGB", (200, 240), "navy").save(tmp_path / "logo.png")
    seed_data["pengaturan"] = {"logo": "logo.png"}
    book = make_book(seed_data)
    doc = Document(str(buat_docx(olah_file(book), tmp_path / "logo.docx", folder_foto=tmp_path)))
    first = doc.paragraphs[:6]
    assert any("<pic:pic" in p._p.xml for p in first)
    assert [d.get("descr") for d in doc.element.body.iter(qn("wp:docPr"))][0] == "Logo Kabupaten Lumajang"
    # no logo file: no picture and no placeholder on the cover
    seed_data["pengaturan"] = {"logo": "tidak_ada.png"}
    doc = Document(str(buat_docx(olah_file(make_book(seed_data)), tmp_path / "tanpa.docx", folder_foto=tmp_path)))
    assert not any("<pic:pic" in p._p.xml for p in doc.paragraphs[:6])


# --- 12. the deadline in working days -----------------------------------------------------------------

def test_deadline_tw1_2024_counts_idul_fitri_and_cuti_bersama():
    # TW I 2024 ends Sunday 31 March; 1-5 April count, 8-12 and 15 April are cuti bersama / Idul Fitri,
    # 16-19 and 22 April count: the 10th working day is Monday 22 April 2024
    assert add_working_days(dt.date(2024, 3, 31), 10) == dt.date(2024, 4, 22)
    assert add_working_days(dt.date(2024, 3, 31), 10, [dt.date(2024, 4, 16)]) == dt.date(2024, 4, 23)


def test_report_dated_within_the_real_deadline_is_not_late(make_book, seed_data):
    seed_data["identitas"].update({"tahun": 2024, "periode": "TW I", "tanggal": "2024-04-22"})
    late = lambda: [(p.code, p.message) for p in olah_file(make_book(seed_data)).masalah  # noqa: E731
                    if p.code == "tanggal-lewat-batas"]
    assert late() == []
    seed_data["identitas"]["tanggal"] = "2024-04-23"
    assert late() == [("tanggal-lewat-batas", "Tanggal laporan 23 April 2024 melewati batas 10 hari kerja "
                                              "setelah periode (22 April 2024).")]
    seed_data["pengaturan"] = {"hari_libur": "16/04/2024; 17/04/2024"}      # the unit's own days off
    assert late() == []
    seed_data["pengaturan"] = {"hari_libur": "16/04/2024; besok"}
    o = olah_file(make_book(seed_data))
    assert [(p.code, p.where) for p in o.masalah if p.code == "bukan-tanggal"] == [("bukan-tanggal", "Pengaturan!B10")]


# --- 4. pagination as laid out by LibreOffice ---------------------------------------------------------

@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) and pdftotext are needed to lay out pages")
@pytest.mark.parametrize("name", ["000_bagian_organisasi_tw3_2023", "001_1_camat_tw3_2023",
                                  "001_7_kasubbag_umum_kepegawaian_tw3_2023"])
def test_signature_block_never_alone_on_a_page(reports, name):
    # issue 13.4: the signatures stood alone on 000 p. 9 and Kasubbag Umum p. 12 and 15
    from lkj_xl.report.pdf import buat_pdf

    o, path, _, _, _ = reports[name]
    pdf = buat_pdf(path)
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split("\f")
    closing = [p for p in pages if "Adapun strategi yang dilakukan" in p]
    assert len(closing) == 1
    # the last closing line and the pelapor's signed name are on that one page
    assert "Rincian strategi setiap indikator disajikan pada subbab 2.3." in closing[0]
    assert o.laporan.identitas.nama in closing[0]
    assert f"{o.laporan.identitas.tempat}, {o.laporan.identitas.tanggal.day}" in closing[0]
