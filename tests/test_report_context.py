"""The report's narrative comes from the same Hasil as the tables: counts, lists, edge cases."""
from __future__ import annotations

from decimal import Decimal

import pytest
from docx import Document

from lkj_xl.core.engine import olah_file
from lkj_xl.core.formatting import daftar, ke, nilai_satuan, periode_tw, romawi, urutan
from lkj_xl.report.rendering import buat_docx
from lkj_xl.report.context import konteks, teks

from .test_rendering import all_text, texts


def ctx_of(make_book, data):
    return konteks(olah_file(make_book(data)))


def test_formatting_helpers():
    assert [romawi(n) for n in (1, 2, 3, 4, 9, 14, 2023)] == ["I", "II", "III", "IV", "IX", "XIV", "MMXXIII"]
    assert [urutan(n) for n in (1, 2, 3, 4)] == ["pertama", "kedua", "ketiga", "keempat"]
    assert ke([2, 3]) == "ke-2 dan ke-3"
    assert ke([1, 4, 5, 6]) == "ke-1, ke-4, ke-5 dan ke-6"
    assert ke([5]) == "ke-5" and ke([]) == ""
    assert daftar(["a", "b", "c"], "atau") == "a, b atau c"
    assert periode_tw(1, 2024) == "1 Januari s.d 31 Maret 2024"
    assert periode_tw(3, 2023) == "1 Juli s.d 30 September 2023"
    assert periode_tw(4, 2023) == "1 Oktober s.d 31 Desember 2023"
    assert nilai_satuan(Decimal("100"), "%") == "100,00%"
    assert nilai_satuan(Decimal("91.666"), "%", 1) == "91,7%"
    assert nilai_satuan(Decimal("12"), "dokumen") == "12 dokumen"
    assert nilai_satuan(Decimal("10.1"), "nilai") == "10,10 nilai"
    assert nilai_satuan(None, "%") == "-"


def test_teks_keeps_text_literal_and_breaks_real():
    assert teks("a & <b> {{ c }}") == "a & <b> {{ c }}"
    assert teks("x\r\ny\rz") == "x\ny\nz"
    assert teks("a\x07b\x0bc\x00d") == "abcd"
    assert teks("  pinggir  ") == "pinggir"
    assert teks(None) == ""
    assert teks("{_{ x }_}").replace("\u2060", "") == "{_{ x }_}"


def test_none_achieved(seed_data, make_book):
    for row in seed_data["capaian"]:
        row["real_tw3"] = 50
    c = ctx_of(make_book, seed_data)
    assert "belum terdapat indikator yang tercapai 100%; 6 (enam) indikator belum tercapai yakni indikator " \
           "ke-1, ke-2, ke-3, ke-4, ke-5 dan ke-6" in c["kalimat_capaian"]
    assert c["ada_tercapai"] is False and c["strategi_tercapai"] == []
    assert c["kalimat_tercapai"] == "Pada triwulan III tahun 2023 belum terdapat target kinerja yang tercapai 100%."
    assert len(c["strategi_belum"]) == 6
    assert "belum terdapat target kinerja yang tercapai, dan 6 (enam)" in c["kalimat_penutup_capaian"]


def test_all_achieved(seed_data, make_book, tmp_path):
    for row in seed_data["capaian"]:
        row["real_tw3"] = 100
    book = make_book(seed_data)
    c = konteks(olah_file(book))
    assert "dari 6 (enam) indikator kinerja yang diperjanjikan tersebut seluruhnya tercapai 100% atau lebih, " \
           "yakni indikator ke-1, ke-2, ke-3, ke-4, ke-5 dan ke-6" in c["kalimat_capaian"]
    assert c["ada_belum"] is False and c["strategi_belum"] == []
    assert c["kalimat_belum"].startswith("Seluruh target kinerja telah tercapai")
    assert "seluruhnya telah tercapai." in c["kalimat_penutup_capaian"]
    d = Document(str(buat_docx(olah_file(book), tmp_path / "semua.docx")))
    text = all_text(d)
    assert "Tabel 2.4" in text and "Tabel 2.5" not in text and "Tabel 2.6" not in text


def test_capaian_not_computable_is_neither_achieved_nor_not(seed_data, make_book, tmp_path):
    seed_data["pk"][3]["target"] = 0                         # IK4: target 0
    seed_data["capaian"][4]["real_tw3"] = None               # IK5: realisasi kosong
    book = make_book(seed_data)
    o = olah_file(book)
    c = konteks(o)
    assert "terdapat 2 (dua) indikator yang tercapai 100% yakni indikator ke-2 dan ke-3, sedangkan 2 (dua) " \
           "indikator belum tercapai yakni indikator ke-1 dan ke-6, dan capaian 2 (dua) indikator yakni " \
           "indikator ke-4 dan ke-5 tidak dapat dihitung (indikator ke-4: target bernilai 0; indikator ke-5: " \
           "realisasi belum diisi)" in c["kalimat_capaian"]
    assert [g["nomor"] for g in c["strategi_tercapai"]] == ["2", "3"]
    assert [g["nomor"] for g in c["strategi_belum"]] == ["1", "6"]
    assert [g["nomor"] for g in c["strategi_tidak_terhitung"]] == ["4", "5"]
    # the mean capaian uses the computable indicators only: (25 + 100 + 100 + 78.33) / 4 = 75.8325
    assert c["total"]["kinerja"] == "75,83%"
    d = Document(str(buat_docx(o, tmp_path / "x.docx", draf=True)))
    rows = texts(next(t for t in d.tables if texts(t)[0][:3] == ["No", "Sasaran Kegiatan", "Indikator Kinerja"]
                      and len(texts(t)[0]) == 7))
    assert [r[5] for r in rows[2:]] == ["25,00%", "100,00%", "100,00%", "-", "-", "78,33%"]
    assert rows[5][6] == "Tidak dapat dihitung (target bernilai 0)"
    assert rows[6][6] == "Tidak dapat dihitung (realisasi belum diisi)"
    assert "Tabel 2.6" in all_text(d)


def test_indicator_without_strategy_gets_a_visible_placeholder(seed_data, make_book):
    seed_data["strategi"] = [s for s in seed_data["strategi"] if s["kode"] != "IK6"]
    c = ctx_of(make_book, seed_data)
    ik6 = next(g for g in c["strategi_belum"] if g["nomor"] == "6")
    assert ik6["strategi"] == [{"strategi": "(strategi belum diisi)", "bulan": "-"}]


def test_several_strategies_for_one_indicator(seed_data, make_book):
    seed_data["strategi"].append({"kode": "IK1", "strategi": "Strategi kedua", "bulan": "Oktober"})
    c = ctx_of(make_book, seed_data)
    ik1 = next(g for g in c["strategi_belum"] if g["nomor"] == "1")
    assert [s["strategi"] for s in ik1["strategi"]][1] == "Strategi kedua"


@pytest.mark.parametrize("periode, urut, teks_periode", [
    ("TW I", "pertama", "1 Januari s.d 31 Maret 2023"),
    ("TW IV", "keempat", "1 Oktober s.d 31 Desember 2023"),
])
def test_other_quarters(seed_data, make_book, periode, urut, teks_periode):
    seed_data["identitas"]["periode"] = periode
    n = {"TW I": 1, "TW IV": 4}[periode]
    for row in seed_data["capaian"]:
        row[f"real_tw{n}"] = row.pop("real_tw3")
    for row in seed_data["anggaran"]:
        row[f"real_tw{n}"] = row.pop("real_tw3")
    c = ctx_of(make_book, seed_data)
    assert c["kalimat_capaian"].startswith(f"Pada triwulan {urut} tahun 2023 (kurun waktu {teks_periode})")
    assert c["label_periode"] == f"TRIWULAN {romawi(n)}"
    if n == 4:
        assert "sisa tahun anggaran" not in c["kalimat_belum"]
        assert c["kalimat_sisa"].startswith("Sisa anggaran sampai dengan akhir tahun anggaran 2023")


def test_rasio_efisiensi(seed_data, make_book):
    seed_data["pengaturan"] = {"metode_efisiensi": "Rasio"}
    c = ctx_of(make_book, seed_data)
    assert c["kolom_efisiensi"] == "10=9/6"
    assert c["total"]["efisiensi"] == "1,90"               # 81.7433 / 43.1171 = 1.8958
    assert "dibagi serapan anggaran 43,12%" in c["kalimat_efisiensi"]
