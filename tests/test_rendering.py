"""The Word LKj for seed 000, checked cell by cell against hand-computed values (not the seed's).

Hand computation (full precision, rounded half-up to 2 decimals only for display):
  capaian IK1..IK6 = 25/100, 100/100, 100/100, 91.67/100, 95.46/100, 78.33/100
  S1 capaian = (25 + 100 + 100 + 91.67 + 95.46) / 5 = 82.426 -> 82,43 %
  S1 pagu = 19.922.000 + 4.550.000 + 41.595.800 + 105.286.000 + 40.692.200 = 212.046.000
  S1 realisasi = 15.323.000 + 4.550.000 + 23.105.800 + 77.580.827 + 28.997.564 = 149.557.191 -> 70,53 %
  S2 = 148.140.800 / 478.394.500 = 30,97 %; capaian 78,33 %
  total 297.697.991 / 690.440.500 = 43.11711 % -> 43,12 %   (the seed printed 68,89 %, a mean of percentages)
  mean capaian = 490.46 / 6 = 81.74333 -> 81,74 %; efisiensi as printed: 81,74 - 43,12 = 38,62 (issue 13.7:
  the sentence "81,74 % dikurangi 43,12 %" must add up; the unrounded 38.62622 would print 38,63)
  targets and realisasi as typed (seed 000 lines 66-71): 100%, 25%, 91,67% (issue 13.7)
  line 1: 15.323.000 / 19.922.000 = 0.7691497 -> 76,91 % (the seed printed 81,30 %)
  PK JUMLAH = 14.654.000 + 4.550.000 + 36.876.400 + 77.825.297 + 37.653.402 + 428.757.329 = 600.316.428
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from lkj_xl.core.engine import olah_file
from lkj_xl.report.rendering import buat_docx

from .conftest import SEED000_XLSX

S1 = "Meningkatnya kualitas fasilitasi kebutuhan operasional perkantoran"
S2 = "Meningkatnya kualitas kelembagaan, ketatalaksanaan dan akuntabilitas kinerja"
IND = [
    "Persentase fasilitasi administrasi keuangan perangkat daerah",
    "Persentase fasilitasi Administrasi Kepegawaian Perangkat Daerah",
    "Persentase fasilitasi administrasi umum perangkat daerah",
    "Persentase fasilitasi penyediaan jasa penunjang operasional kantor",
    "Persentase fasilitasi pemeliharaan BMD",
    "Persentase OPD yang difasilitasi penataan kelembagaan, akuntabilitas kinerja dan tata laksana",
]
CAPAIAN = ["25,00%", "100,00%", "100,00%", "91,67%", "95,46%", "78,33%"]
REALISASI = ["25%", "100%", "100%", "91,67%", "95,46%", "78,33%"]
STATUS = ["Belum tercapai", "Tercapai", "Tercapai", "Belum tercapai", "Belum tercapai", "Belum tercapai"]


def texts(table) -> list[list[str]]:
    """Cell texts row by row; a horizontally merged cell appears once."""
    out = []
    for row in table.rows:
        cells, seen = [], set()
        for c in row.cells:
            if id(c._tc) in seen:
                continue
            seen.add(id(c._tc))
            cells.append(c.text.strip())
        out.append(cells)
    return out


def find_table(doc, *header: str):
    for t in doc.tables:
        first = texts(t)[0] if t.rows else []
        if first[: len(header)] == list(header):
            return t
    raise AssertionError(f"no table with header {header}")


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]

    def walk(tables):
        for t in tables:
            for row in t.rows:
                for c in row.cells:
                    parts.extend(p.text for p in c.paragraphs)
                    walk(c.tables)
    walk(doc.tables)
    for s in doc.sections:
        for part in (s.header, s.first_page_header, s.footer):
            parts.extend(p.text for p in part.paragraphs)
    return "\n".join(parts)


@pytest.fixture(scope="module")
def olahan():
    return olah_file(SEED000_XLSX)


@pytest.fixture(scope="module")
def doc(olahan, tmp_path_factory):
    out = tmp_path_factory.mktemp("lkj") / "000_LKj.docx"
    assert buat_docx(olahan, out) == out
    return Document(str(out))


@pytest.fixture(scope="module")
def text(doc) -> str:
    return all_text(doc)


def test_no_template_tags_left_and_no_seed_mistakes(text):
    assert "{{" not in text and "{%" not in text and "}}" not in text
    for wrong in ("68,89", "81,30", "12,85"):
        assert wrong not in text


def test_tabel_2_1_pk(doc):
    rows = texts(find_table(doc, "No", "Sasaran Kegiatan", "Indikator Kinerja", "Target"))
    assert rows[1] == ["1", "2", "3", "4"]
    body = rows[2:]
    assert len(body) == 6
    assert [r[0] for r in body] == ["1."] * 5 + ["2."]          # merged cells repeat the top cell's text
    assert [r[1] for r in body] == [S1] * 5 + [S2]
    assert [r[2] for r in body] == [f"{i}. {name}" for i, name in enumerate(IND, start=1)]
    assert [r[3] for r in body] == ["100%"] * 6


def test_sasaran_cells_are_merged_vertically(doc):
    t = find_table(doc, "No", "Sasaran Kegiatan", "Indikator Kinerja", "Target")
    marks = []
    for row in t.rows[2:]:
        tc = row._tr.tc_lst[1]
        vm = tc.tcPr.find(qn("w:vMerge"))
        marks.append(None if vm is None else vm.get(qn("w:val")))
    assert marks == ["restart", "continue", "continue", "continue", "continue", "restart"]


def test_tabel_2_2_capaian(doc):
    rows = texts(find_table(doc, "No", "Sasaran Kegiatan", "Indikator Kinerja", "Target", "Realisasi", "Capaian"))
    assert rows[1] == ["1", "2", "3", "4", "5", "6=5/4", "7"]
    body = rows[2:]
    assert [r[3] for r in body] == ["100%"] * 6
    assert [r[4] for r in body] == REALISASI
    assert [r[5] for r in body] == CAPAIAN
    assert [r[6] for r in body] == STATUS


def test_tabel_2_3_cost_per_outcome(doc):
    rows = texts(find_table(doc, "No", "Sasaran/ Kegiatan", "Indikator Kinerja", "Anggaran", "Kinerja", "Efisiensi"))
    assert rows[1][3:9] == ["Pagu", "Realisasi", "Capaian", "Target", "Realisasi", "%"]
    assert rows[2] == ["1", "2", "3", "4", "5", "6=5/4", "7", "8", "9=8/7", "10=9−6"]
    sasaran = rows[3:9]
    assert [r[1].split("\n")[0] for r in sasaran] == [S1] * 5 + [S2]
    assert "(rata-rata capaian kinerja 82,43%)" in sasaran[0][1]
    assert "(rata-rata capaian kinerja 78,33%)" in sasaran[5][1]
    assert [r[2] for r in sasaran] == [f"{i}. {name}" for i, name in enumerate(IND, start=1)]
    assert sasaran[0][3:6] == ["212.046.000", "149.557.191", "70,53%"]
    assert sasaran[5][3:6] == ["478.394.500", "148.140.800", "30,97%"]
    assert [r[6] for r in sasaran] == ["100%"] * 6
    assert [r[7] for r in sasaran] == REALISASI
    assert [r[8] for r in sasaran] == CAPAIAN
    assert sasaran[0][9] == "11,90\n(Efisien)"      # 82.426 - 70.5305 = 11.895
    assert sasaran[5][9] == "47,36\n(Efisien)"      # 78.33 - 30.9662 = 47.3638
    assert rows[9] == ["Kegiatan yang mendukung"]
    lines = rows[10:16]
    assert [r[:5] for r in lines] == [
        ["1", "Administrasi Keuangan Perangkat Daerah", "19.922.000", "15.323.000", "76,91%"],
        ["2", "Administrasi Kepegawaian Perangkat Daerah", "4.550.000", "4.550.000", "100,00%"],
        ["3", "Administrasi Umum Perangkat Daerah", "41.595.800", "23.105.800", "55,55%"],
        ["4", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", "105.286.000", "77.580.827", "73,69%"],
        ["5", "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah", "40.692.200",
         "28.997.564", "71,26%"],
        ["6", "Penataan Organisasi", "478.394.500", "148.140.800", "30,97%"],
    ]
    assert rows[16] == ["JUMLAH", "690.440.500", "297.697.991", "43,12%", "Rata-rata", "81,74%", "38,62\n(Efisien)"]
    assert len(rows) == 17


def test_line_1_serapan_is_the_true_ratio():
    value = Decimal(15_323_000) / Decimal(19_922_000) * 100
    assert Decimal("76.91") < value < Decimal("76.915")   # 76,91 %, neither the seed's 81,30 % nor 76,92 %


def test_tabel_2_4_and_2_5_split_by_computed_capaian(doc):
    t24, t25 = [t for t in doc.tables
                if texts(t)[0] == ["No", "Indikator Kinerja", "Strategi Yang Digunakan", "Pada Bulan"]]
    achieved = texts(t24)[1:]
    assert [r[1] for r in achieved] == [f"2. {IND[1]}", f"3. {IND[2]}"]
    assert achieved[0][2].startswith("Memastikan pelaksanaan belanja pakaian dinas")   # IK2 is achieved
    not_achieved = texts(t25)[1:]
    assert [r[1] for r in not_achieved] == [f"{i}. {IND[i - 1]}" for i in (1, 4, 5, 6)]
    assert not any("pakaian dinas" in r[2] for r in not_achieved)
    # a strategy typed with line breaks keeps them
    assert not_achieved[1][2].startswith("Memastikan pelaksanaan belanja :\na. jasa surat menyurat")


def test_narrative_matches_tables(text):
    assert ("Pada triwulan ketiga tahun 2023 (kurun waktu 1 Juli s.d 30 September 2023), dari 6 (enam) "
            "indikator kinerja yang diperjanjikan tersebut terdapat 2 (dua) indikator yang tercapai 100% yakni "
            "indikator ke-2 dan ke-3, sedangkan 4 (empat) indikator belum tercapai yakni indikator ke-1, ke-4, "
            "ke-5 dan ke-6") in text
    assert "Terhadap 2 (dua) target kinerja yang telah tercapai, yakni indikator kinerja ke-2 dan ke-3" in text
    assert "Terkait dengan 4 (empat) target kinerja yang belum tercapai, yakni pada indikator kinerja ke-1, ke-4, " \
           "ke-5 dan ke-6" in text
    assert "dari 6 (enam) target kinerja yang ditetapkan, terdapat 2 (dua) target kinerja yang telah tercapai" in text
    assert "adalah 38,62 poin, yaitu rata-rata capaian kinerja 81,74% dikurangi serapan anggaran 43,12%" in text
    assert "Sisa anggaran sebesar Rp. 392.742.509,- (56,88% dari pagu)" in text
    assert "10 (sepuluh) hari kerja" in text
    assert "triwulan III tahun anggaran 2023" in text


def test_cover_signature_and_duties(doc, text):
    paras = [p.text for p in doc.paragraphs]
    assert paras[:20].count("PEMERINTAH KABUPATEN LUMAJANG") == 1
    for line in ("LAPORAN KINERJA", "Bagian Organisasi Setda Tahun 2023", "TRIWULAN III", "SEKRETARIAT DAERAH",
                 "Jl. Alun - Alun Utara No. 7 Rogotrunan", "(0334) 883210"):
        assert line in paras[:25]
    assert "DRAF" not in text
    assert "NIP. 19870404 200701 1 002" in text and "NIP. 19631116 199003 1 006" in text
    assert "Lumajang, 2 Oktober 2023" in text
    assert "1.\tPelaksanaan penyediaan data, bahan dan / atau informasi" in text
    assert "7.\tPelaksanaan fungsi lain yang diberikan oleh Sekretaris Daerah" in text
    for item in ("Laporan sudah baik", "Laporan kurang baik", "Laporan segera diperbaiki",
                 "Target dan realisasi diteliti ulang", "Capaian diteliti ulang", "Lain-lain"):
        assert f"☐\t{item}" in text


def test_lampiran_1_pk_budget(doc, text):
    rows = texts(find_table(doc, "No", "Kegiatan", "Anggaran"))
    assert [r[2] for r in rows[1:7]] == ["Rp. 14.654.000,-", "Rp. 4.550.000,-", "Rp. 36.876.400,-",
                                         "Rp. 77.825.297,-", "Rp. 37.653.402,-", "Rp. 428.757.329,-"]
    assert rows[7] == ["JUMLAH", "Rp. 600.316.428,-"]
    pk = texts(find_table(doc, "No. (1)", "Sasaran Kegiatan (2)", "Indikator Kinerja (3)", "Target (4)"))
    assert [r[2] for r in pk[1:]] == IND
    assert "PERUBAHAN PERJANJIAN KINERJA TAHUN 2023" in text
    assert "Lumajang, 4 April 2023" in text


def test_lampiran_2_left_out_without_photos(text):
    # issue 13.1: seed 000's 14 Dokumentasi rows have no photo file; a final report prints no placeholder
    assert "LAMPIRAN II" not in text and "DOKUMENTASI KEGIATAN" not in text
    assert "foto belum dilampirkan" not in text


def test_lampiran_2_captions_in_a_draft(olahan, tmp_path):
    text = all_text(Document(str(buat_docx(olahan, tmp_path / "draf.docx", draf=True))))
    assert "LAMPIRAN II" in text
    assert "❖ Pembahasan rencana aksi IKU RB General pada tgl. 3 Juli 2023" in text
    assert text.count("(foto belum dilampirkan)") == 14


def test_charts_and_page_numbers(doc):
    body = doc.element.body.xml
    assert body.count("<pic:pic") == 2                     # capaian + serapan charts
    footer = doc.sections[0].footer._element.xml
    assert 'w:instr="PAGE"' in footer
    assert doc.sections[0].different_first_page_header_footer


def test_a4_default_and_f4(olahan, doc, tmp_path):
    def mm(sec):
        return round(sec.page_width.mm), round(sec.page_height.mm)
    assert mm(doc.sections[0]) == (210, 297)
    olahan.laporan.pengaturan.kertas = "F4"
    try:
        out = buat_docx(olahan, tmp_path / "f4.docx")
    finally:
        olahan.laporan.pengaturan.kertas = "A4"
    assert mm(Document(str(out)).sections[0]) == (215, 330)


def test_draf_is_visible(olahan, tmp_path):
    out = buat_docx(olahan, tmp_path / "draf.docx", draf=True)
    d = Document(str(out))
    assert "DRAF" in [p.text for p in d.paragraphs][:20]
    assert any("DRAF – BELUM FINAL" in p.text for p in d.sections[0].header.paragraphs)
    assert any("DRAF" in p.text for p in d.sections[0].first_page_header.paragraphs)


def test_atomic_write_leaves_no_temp_files(olahan, tmp_path):
    out = tmp_path / "a.docx"
    out.write_bytes(b"old")
    buat_docx(olahan, out)
    assert Document(str(out)).tables
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]


def test_decimals_setting(olahan, tmp_path):
    olahan.laporan.pengaturan.desimal = 1
    try:
        d = Document(str(buat_docx(olahan, tmp_path / "d1.docx")))
    finally:
        olahan.laporan.pengaturan.desimal = 2
    rows = texts(find_table(d, "No", "Sasaran Kegiatan", "Indikator Kinerja", "Target", "Realisasi", "Capaian"))
    assert [r[5] for r in rows[2:]] == ["25,0%", "100,0%", "100,0%", "91,7%", "95,5%", "78,3%"]
    assert "38,6 poin" in all_text(d)


def test_photos_relative_to_folder_and_missing_photo(seed_data, make_book, tmp_path):
    from PIL import Image
    folder = tmp_path / "foto"
    folder.mkdir()
    Image.new("RGB", (400, 300), "steelblue").save(folder / "rapat.png")
    Image.new("RGB", (300, 500), "orange").save(folder / "tegak.jpg")
    seed_data["dokumentasi"] = [
        {"kegiatan": "Rapat koordinasi", "tanggal": "2023-07-03", "foto": "foto/rapat.png"},
        {"kegiatan": "Foto tegak", "tanggal": "2023-07-04", "foto": "foto/tegak.jpg"},
        {"kegiatan": "Foto hilang", "foto": "foto/tidak_ada.jpg"},
    ]
    book = make_book(seed_data)
    out = buat_docx(olah_file(book), tmp_path / "foto.docx", folder_foto=tmp_path)
    d = Document(str(out))
    assert d.element.body.xml.count("<pic:pic") == 2 + 2
    t = all_text(d)
    assert "❖ Rapat koordinasi pada tgl. 3 Juli 2023" in t
    # issue 13.1: a final report prints no placeholder; the draft shows what is missing
    assert "Foto hilang" not in t and "foto tidak ditemukan" not in t
    t = all_text(Document(str(buat_docx(olah_file(book), tmp_path / "draf.docx", draf=True, folder_foto=tmp_path))))
    assert "❖ Foto hilang" in t and "(foto tidak ditemukan: foto/tidak_ada.jpg)" in t


def test_no_dokumentasi_means_no_lampiran_2(seed_data, make_book, tmp_path):
    seed_data["dokumentasi"] = []
    out = buat_docx(olah_file(make_book(seed_data)), tmp_path / "tanpa.docx")
    t = all_text(Document(str(out)))
    assert "LAMPIRAN II" not in t and "LAMPIRAN I" in t


def test_missing_template_is_a_clear_error(olahan, tmp_path):
    from lkj_xl.core.problems import LkjError
    olahan.laporan.pengaturan.templat = "tidak_ada"
    try:
        with pytest.raises(LkjError, match="Templat Word 'tidak_ada' tidak ditemukan"):
            buat_docx(olahan, tmp_path / "x.docx")
    finally:
        olahan.laporan.pengaturan.templat = "lkj_triwulan"
    assert not (tmp_path / "x.docx").exists()


def test_user_template_with_unknown_tag_is_a_clear_error(olahan, tmp_path):
    from docx import Document as New

    from lkj_xl.core.problems import LkjError
    d = New()
    d.add_paragraph("{{ nama }} {{ salah_ketik }}")
    d.save(tmp_path / "saya.docx")
    olahan.laporan.pengaturan.templat = "saya.docx"
    try:
        with pytest.raises(LkjError, match="salah_ketik"):
            buat_docx(olahan, tmp_path / "x.docx", folder_foto=tmp_path)
    finally:
        olahan.laporan.pengaturan.templat = "lkj_triwulan"


def test_all_example_workbooks_render(tmp_path):
    """Every example workbook (contoh/*.xlsx) renders, whatever its validation result."""
    books = sorted(Path(SEED000_XLSX).parent.glob("*.xlsx"))
    assert books
    for book in books:
        o = olah_file(book)
        out = buat_docx(o, tmp_path / f"{book.stem}.docx", draf=o.ada_kesalahan)
        assert "{{" not in all_text(Document(str(out)))
