"""Reading the annual sheets: SDM, Sarana, Catatan, Analisis, Pembanding typed from seed 004, the new PK and
Anggaran columns, and cell problems in annual sheets."""
from __future__ import annotations

from decimal import Decimal as D

from openpyxl import load_workbook

from lkj_xl.core import layout as L
from lkj_xl.core.engine import olah_file

from .conftest import ROOT
from .tahunan_seed import build, seed004


def sdm004() -> list[dict]:
    """Tabel 1.1 Komposisi Pegawai (004:211-218); '-' cells left empty."""
    return [
        dict(jabatan="Jabatan Administrasi"),                                                         # 004:213
        dict(jabatan="1. Administrator", kebutuhan_s1=1, bezetting_s2=1, perempuan=1),                # 004:214
        dict(jabatan="3. Pelaksana", kebutuhan_sd=1, kebutuhan_sma=4, kebutuhan_d3=1, kebutuhan_s1=7,
             bezetting_sma=1, bezetting_s1=3, laki=2, perempuan=2),                                   # 004:216
        dict(jabatan="Jabatan Fungsional", kebutuhan_s1=11, bezetting_s1=2, bezetting_s2=1, laki=1, perempuan=2),  # 004:217
        dict(jabatan="Non ASN", bezetting_sma=1, bezetting_s1=3, laki=2, perempuan=2),                # 004:218
    ]


def test_sdm_sarana_catatan_of_004(tmp_path):
    data = seed004()
    data["sdm"] = sdm004()
    data["sarana"] = [dict(uraian="Mobil", jumlah=1, satuan="unit", kondisi="Baik"),              # 004:240
                      dict(uraian="Sepeda Motor", jumlah=5, satuan="unit", kondisi="Baik: 4 Rusak Berat: 1")]  # 004:241
    data["catatan"] = [
        dict(jenis="Kendala", uraian="Kurang optimalnya data / pemetaan kualitas penataan organisasi"),  # 004:906
        dict(jenis="Rekomendasi", uraian="Meningkatkan koordinasi tim Kabupaten"),                       # 004:914
        dict(jenis="Rekomendasi", uraian="Mengkoordinasikan penambahan personil melalui BKPSDM"),         # 004:914
        dict(jenis="Penghargaan", uraian="Nilai Kepatuhan Pelayanan Publik Ombudsman RI 98,15 (zona hijau)",
             keterangan="Keputusan Ombudsman RI Nomor 252 Tahun 2024"),                                  # 004:987
    ]
    data["analisis"] = [dict(kode="IK4", penghambat="Tingginya harga barang melebihi proyeksi",
                             upaya="Mitigasi risiko pada perencanaan anggaran n-1")]                     # 004:929-930
    data["pk"][0]["penanggung_jawab"] = "Kasubbag Perencanaan"
    o = olah_file(build(data, tmp_path / "004.xlsx"))
    t, ht = o.laporan.tahunan, o.hasil.tahunan
    # 004:218 Jumlah: kebutuhan 25, bezetting 12, L 5, P 7
    assert (ht.sdm_kebutuhan, ht.sdm_bezetting) == (25, 12)
    assert (sum(r.laki or 0 for r in t.sdm), sum(r.perempuan or 0 for r in t.sdm)) == (5, 7)
    assert [r.judul for r in t.sdm] == [True, False, False, False, False]
    assert t.sdm[2].kebutuhan == {"SD": 1, "SMP": None, "SMA": 4, "D3": 1, "S1": 7, "S2": None, "S3": None}
    assert [(s.uraian, s.jumlah) for s in t.sarana] == [("Mobil", D(1)), ("Sepeda Motor", D(5))]
    assert ht.rekomendasi == ["Meningkatkan koordinasi tim Kabupaten",
                              "Mengkoordinasikan penambahan personil melalui BKPSDM"]
    assert ht.kendala and ht.penghargaan == ["Nilai Kepatuhan Pelayanan Publik Ombudsman RI 98,15 (zona hijau)"]
    x = ht.by_kode()
    assert x["IK4"].analisis.upaya.startswith("Mitigasi") and x["IK2"].analisis is None
    assert x["IK1.1"].pembanding == []             # 004:743: no national/regional figure
    assert o.laporan.indikator[0].penanggung_jawab == "Kasubbag Perencanaan"
    assert o.laporan.indikator[0].aturan_sub == "Rata-rata"


def test_cells_in_annual_sheets_that_are_not_numbers(tmp_path):
    data = seed004()
    data["sdm"] = [dict(jabatan="Pelaksana", kebutuhan_s1="tujuh")]       # SDM!F4 (Kebutuhan S1)
    data["riwayat"][0]["tahun"] = "2O21"                                   # letter O: Riwayat!B4
    data["sub_indikator"][1]["basis"] = "5.508 orang"                      # Sub Indikator!I5
    data["analisis"] = [dict(kode=k, upaya="-") for k in ("IK1.1", "IK1.2", "IK4")]
    data["sub_indikator"][2]["basis"] = "5.508"                            # thousands dot: 5508
    o = olah_file(build(data, tmp_path / "x.xlsx"))
    assert [(p.code, p.where) for p in o.masalah] == [
        ("dua-angka", "Riwayat!B4"), ("bukan-angka", "Sub Indikator!I5"), ("bukan-angka", "SDM!F4")]
    assert o.laporan.tahunan.sub_indikator[2].basis == D(5508)


def test_budget_line_linked_to_an_indicator_and_unlinked_lines(tmp_path):
    data = seed004()
    data["analisis"] = [dict(kode=k, upaya="-") for k in ("IK1.1", "IK1.2", "IK4")]
    data["anggaran"][11]["kode_sasaran"] = None
    data["anggaran"][11]["kode_indikator"] = "IK1.1"          # 1.5 Penataan Organisasi supports IK1.1 (004:754)
    data["anggaran"][4]["kode_sasaran"] = None                # 1.2 Adm. Keuangan: linked to nothing
    path = build(data, tmp_path / "link.xlsx")
    o = olah_file(path)
    lines = {a.baris.kode: a for a in o.hasil.anggaran}
    assert lines["1.5"].terhubung == "Indikator IK1.1" and lines["1.5.2"].terhubung == "Indikator IK1.1"
    assert lines["1.2"].terhubung == "tidak terhubung" and lines["1"].terhubung == "tidak terhubung"
    assert [a.baris.kode for a in o.hasil.tidak_terhubung] == ["1", "1.2", "1.2.1"]
    s1 = next(s for s in o.hasil.sasaran if s.kode == "S1")   # the indicator's sasaran gets its budget
    assert (s1.pagu, s1.realisasi) == (D(1948876200), D(820648019))
    ik = o.hasil.tahunan.by_kode()["IK1.1"]
    assert (ik.pagu, ik.realisasi_anggaran) == (D(1948876200), D(820648019))
    # `lkj hitung` writes the link state into the computed column 'Terhubung ke'
    from lkj_xl.workbook.writing import write_results
    out = write_results(path, tmp_path / "hasil.xlsx", o)
    ws = load_workbook(out)["Anggaran"]
    col = [c.key for c in L.ANGGARAN.columns].index("keterkaitan") + 1
    assert [ws.cell(r, col).value for r in (4, 8, 15)] == ["tidak terhubung", "tidak terhubung", "Indikator IK1.1"]


def test_template_marks_the_annual_sheets():
    wb = load_workbook(ROOT / "workbooks" / "template_lkj.xlsx")
    for spec in L.TAHUNAN_SHEETS:
        ws = wb[spec.name]
        assert "UNTUK LAPORAN TAHUNAN" in ws["A1"].value
        assert ws["A2"].value.startswith("Sheet ini untuk laporan tahunan (LKjIP)")
        assert ws.sheet_properties.tabColor.rgb.endswith("70AD47")
    assert wb.sheetnames.index("Renstra") > wb.sheetnames.index("Dokumentasi")
    assert wb["Identitas"]["A25"].value == "Tahun Awal Renstra"
