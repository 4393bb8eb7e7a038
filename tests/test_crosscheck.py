"""Checks across reports, on small hand-made Ringkas records (no files needed)."""
from __future__ import annotations

from decimal import Decimal as D

from lkj_xl.batch.crosscheck import CATALOG, MasalahLintas, Ringkas, pecah_nama, periksa
from lkj_xl.core.model import BarisAnggaran, Identitas


def ident(**kw) -> Identitas:
    cells = {k: f"Identitas!B{n}" for n, k in enumerate(
        ["pemerintah", "perangkat_daerah", "unit", "alamat", "telepon", "jabatan", "eselon", "nama", "nip", "pangkat",
         "jabatan_atasan", "nama_atasan", "nip_atasan", "tahun", "periode"], start=3)}
    base = dict(perangkat_daerah="Kecamatan Tempeh", tahun=2023, periode="TW III", cells=cells)
    base.update(kw)
    return Identitas(**base)


def line(kode, pagu, real, row, level="Kegiatan", perubahan=None) -> BarisAnggaran:
    b = BarisAnggaran(kode, level, f"uraian {kode}", pagu=D(pagu), pagu_perubahan=None if perubahan is None else D(perubahan))
    b.tw = [None, None, None if real is None else D(real), None]
    b.cells = {"pagu": f"Anggaran!F{row}", "pagu_perubahan": f"Anggaran!G{row}", "real_tw3": f"Anggaran!K{row}"}
    return b


def rep(file, anggaran=(), **kw) -> Ringkas:
    return Ringkas(file, ident(**kw), list(anggaran), 3)


def where(problems) -> set[tuple]:
    return {(p.code, p.file, p.where, p.lain) for p in problems}


def test_same_nip_two_spellings_points_at_the_persons_own_report():
    camat = rep("camat.xlsx", jabatan="Camat", nama="ABDILAH USYAD, S.STP", nip="198707022006021002")
    kasi = rep("kasi.xlsx", jabatan="Kasi", nama="HERRY", nip="196609051989031009", jabatan_atasan="Camat",
               nama_atasan="ABDILAH IRSYAD, S.STP", nip_atasan="198707022006021002")
    got = periksa([camat, kasi])
    assert where(got) == {("nip-nama-berbeda", "kasi.xlsx", "Identitas!B14", (("camat.xlsx", "Identitas!B10"),))}
    p = got[0]
    assert isinstance(p, MasalahLintas) and p.severity == "error"
    assert "ABDILAH IRSYAD" in p.message and "ABDILAH USYAD" in p.message and "camat.xlsx" in p.message


def test_without_the_persons_own_report_the_majority_spelling_is_the_reference():
    reps = [rep(f"k{n}.xlsx", nama=f"STAF {'ABC'[n]}", nip=f"19900101201001100{n}", jabatan_atasan="Camat",
                nama_atasan=name, nip_atasan="198707022006021002")
            for n, name in enumerate(["ABDILAH IRSYAD", "ABDILAH IRSYAD", "ABDILAH USYAD"])]
    assert where(periksa(reps)) == {("nip-nama-berbeda", "k2.xlsx", "Identitas!B14", (("k0.xlsx", "Identitas!B14"),))}


def test_degrees_and_punctuation_are_not_a_different_name():
    assert pecah_nama("Dra. SUHARIYANTI")[0] == pecah_nama("SUHARIYANTI, M.Si")[0] == "SUHARIYANTI"
    assert pecah_nama("MOHAMAD ZAKFAR SODIQ A.Md.Kep.") == ("MOHAMAD ZAKFAR SODIQ", "AMDKEP")
    assert pecah_nama("M. ALI")[0] == "M ALI"           # a leading initial is part of the name
    a = rep("a.xlsx", nama="Dra. SUHARIYANTI", nip="196606052006042017")
    b = rep("b.xlsx", nama="X", nip="199001012010011001", nama_atasan="SUHARIYANTI", nip_atasan="196606052006042017")
    assert periksa([a, b]) == []                        # one side without degrees: fine
    c = rep("c.xlsx", nama="Y", nip="199001012010011002", nama_atasan="Dra. SUHARIYANTI, M.Si", nip_atasan="196606052006042017")
    assert [p.code for p in periksa([a, c])] == ["nip-gelar-berbeda"]


def test_atasan_nip_differs_from_the_superiors_own_report():
    camat = rep("camat.xlsx", jabatan="Camat Tempeh", nama="ABDILAH USYAD", nip="198707022006021002")
    kasi = rep("kasi.xlsx", jabatan="Kasi", nama="HERRY", nip="196609051989031009", jabatan_atasan="camat  tempeh",
               nama_atasan="ABDILAH USYAD", nip_atasan="198707022006021003")
    assert where(periksa([camat, kasi])) == {
        ("atasan-tidak-sesuai", "kasi.xlsx", "Identitas!B15", (("camat.xlsx", "Identitas!B11"),))}


def test_one_name_under_two_nips_is_a_warning():
    a = rep("a.xlsx", nama="BUDI SANTOSO", nip="198001012005011001")
    b = rep("b.xlsx", nama="X", nip="199001012010011001", nama_atasan="BUDI SANTOSO, S.E.", nip_atasan="198001012005011002")
    got = periksa([a, b])
    assert where(got) == {("nama-nip-berbeda", "b.xlsx", "Identitas!B15", (("a.xlsx", "Identitas!B11"),))}
    assert got[0].severity == "warning"


def test_program_equals_sum_of_kegiatan_in_other_reports():
    camat = rep("camat.xlsx", [line("7.01.01", 1000, 400, 4, "Program"), line("7.01.04", 5000, 0, 5, "Program")],
                nama="C", nip="198707022006021002")
    sek = rep("sek.xlsx", [line("7.01.01.2.01", 600, 300, 4), line("7.01.01.2.02", 400, 150, 5)], nama="S", nip="197005071992031009")
    kasi = rep("kasi.xlsx", [line("7.01.04.2.01", 8320, 0, 4)], nama="K", nip="196609051989031009")
    got = periksa([camat, sek, kasi])
    assert where(got) == {
        # realisasi 400 vs 300 + 150
        ("rincian-lintas-tidak-sama", "camat.xlsx", "Anggaran!K4", (("sek.xlsx", "Anggaran!K4"), ("sek.xlsx", "Anggaran!K5"))),
        ("rincian-lintas-tidak-sama", "camat.xlsx", "Anggaran!F5", (("kasi.xlsx", "Anggaran!F4"),)),
    }
    msg = {p.where: p.message for p in got}
    assert msg["Anggaran!F5"].startswith("Pagu berlaku 7.01.04 (5.000) tidak sama dengan jumlah rinciannya")
    assert "kasi.xlsx: 7.01.04.2.01 (F4) 8.320" in msg["Anggaran!F5"]
    assert msg["Anggaran!K4"].startswith("Realisasi s.d. TW III 7.01.01 (400)")


def test_pagu_perubahan_is_the_pagu_that_counts_and_its_cell_is_named():
    sek = rep("sek.xlsx", [line("7.01.01.2.03", 750, 97, 6, perubahan=600)], nama="S", nip="197005071992031009")
    sub = rep("sub.xlsx", [line("7.01.01.2.03.0001", 300, 97, 4, "Sub Kegiatan"),
                           line("7.01.01.2.03.0005", 300, 0, 5, "Sub Kegiatan")], nama="U", nip="198205012014062008")
    assert periksa([sek, sub]) == []
    sek.anggaran[0].pagu_perubahan = D(650)
    assert where(periksa([sek, sub])) == {
        ("rincian-lintas-tidak-sama", "sek.xlsx", "Anggaran!G6", (("sub.xlsx", "Anggaran!F4"), ("sub.xlsx", "Anggaran!F5")))}


def test_roll_up_skips_children_only_in_the_same_workbook_and_other_units():
    own = rep("a.xlsx", [line("1", 10, 0, 4), line("1.1", 7, 0, 5)], nama="A", nip="198001012005011001")
    assert periksa([own]) == []      # in-workbook roll-up is validation's job
    other_unit = rep("b.xlsx", [line("1.2", 99, 0, 4)], nama="B", nip="198001012005011002", perangkat_daerah="Kecamatan Lain")
    assert periksa([own, other_unit]) == []


def test_nearest_descendants_stand_in_for_a_missing_level():
    camat = rep("camat.xlsx", [line("7.01.01", 600, 0, 4, "Program")], nama="C", nip="198707022006021002")
    sub = rep("sub.xlsx", [line("7.01.01.2.03.0001", 300, 0, 4, "Sub Kegiatan"),
                           line("7.01.01.2.03.0005", 300, 0, 5, "Sub Kegiatan")], nama="U", nip="198205012014062008")
    assert periksa([camat, sub]) == []


def test_same_code_in_two_reports_must_match():
    a = rep("a.xlsx", [line("7.01.02.2.01", 4110, 1080, 4)], nama="A", nip="198001012005011001")
    b = rep("b.xlsx", [line("7.01.02.2.01", 4110, 1800, 7)], nama="B", nip="198001012005011002")
    assert where(periksa([a, b])) == {("kode-anggaran-berbeda", "b.xlsx", "Anggaran!K7", (("a.xlsx", "Anggaran!K4"),))}


def test_one_year_and_one_period_per_folder():
    reps = [rep("a.xlsx", nama="A", nip="198001012005011001"), rep("b.xlsx", nama="B", nip="198001012005011002"),
            rep("c.xlsx", nama="C", nip="198001012005011003", tahun=2024, periode="TW II")]
    assert where(periksa(reps)) == {
        ("tahun-berbeda", "c.xlsx", "Identitas!B16", (("a.xlsx", "Identitas!B16"),)),
        ("periode-berbeda", "c.xlsx", "Identitas!B17", (("a.xlsx", "Identitas!B17"),)),
    }


def test_same_official_and_period_twice():
    a = rep("a.xlsx", nama="A", nip="198001012005011001")
    b = rep("sub/a_hasil.xlsx", nama="A", nip="198001012005011001")
    assert where(periksa([a, b])) == {("laporan-ganda", "sub/a_hasil.xlsx", "Identitas!B11", (("a.xlsx", "Identitas!B11"),))}


def test_catalogue_is_complete_indonesian_text():
    for code, (severity, message, hint) in CATALOG.items():
        assert severity in ("error", "warning")
        assert code == code.lower() and " " not in code
        assert message
