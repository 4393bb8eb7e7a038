"""Olahan -> the docxtpl context of the quarterly LKj: a pure dict of already-formatted strings.

`konteks` assembles the shared section builders (`sections.py`, `narasi.py`) and adds what only the
quarterly document says: the period words, the "sisa anggaran" caveat before the year's end and the
document state (DRAF, paper). Nothing here touches files, Word or matplotlib; `rendering.py` adds the
images (charts, photos). The keys are documented in docs/templat_word.md — keep both in step.
"""
from __future__ import annotations

from ..core.engine import Olahan
from ..core.formatting import jumlah_kata, periode_tw, romawi, rupiah, urutan
from ..core.model import Laporan
from ..core.performance import Hasil, ratio
from . import anggaran as ang, narasi, sections as sec
from .sections import Fmt, teks


def periode(lap: Laporan, tw: int) -> dict:
    """The period words of a quarterly report (or of a yearly one, when Identitas says 'Tahunan')."""
    idn = lap.identitas
    tahun = str(idn.tahun or "")
    tahunan = teks(idn.periode).lower().startswith("tahun")
    rom = romawi(tw)
    teks_periode = periode_tw(tw, idn.tahun) if idn.tahun else ""
    if tahunan:
        teks_periode = f"1 Januari s.d 31 Desember {tahun}"
    return {
        "tw": tw,
        "tw_romawi": rom,
        "tw_urutan": urutan(tw),
        "periode": "Tahunan" if tahunan else f"Triwulan {rom}",
        "periode_kecil": "tahun" if tahunan else f"triwulan {rom}",
        "label_periode": "TAHUNAN" if tahunan else f"TRIWULAN {rom}",
        "periode_teks": teks_periode,
        "batas_hari_kerja": jumlah_kata(int(idn.batas_hari_kerja or 10)),
        "_pembuka": (f"Pada tahun {tahun} (kurun waktu {teks_periode})" if tahunan else
                     f"Pada triwulan {urutan(tw)} tahun {tahun} (kurun waktu {teks_periode})"),
    }


def kalimat_sisa(hasil: Hasil, fmt: Fmt, tw: int, tahun: str) -> str:
    """Before the year's end the remaining budget is only a snapshot; say so."""
    sisa = ang.sisa_anggaran(hasil)
    if sisa is None or tw >= 4:
        return narasi.kalimat_sisa_akhir(hasil, fmt, tahun)
    return (f"Sisa anggaran sebesar {rupiah(sisa)} ({fmt.pct(ratio(sisa, hasil.total_pagu))} dari pagu) "
            f"tidak berarti bahwa anggaran tersebut tidak akan terserap lagi di sisa tahun anggaran, "
            f"karena proses penyerapan anggaran masih tetap berjalan hingga bulan Desember {tahun}. "
            f"Oleh karena itu, hal-hal yang diungkapkan pada tabel 2.3 di atas sifatnya masih merupakan "
            f"capaian penyerapan anggaran di triwulan {romawi(tw)} tahun anggaran {tahun}, bukan merupakan "
            f"capaian realisasi akhir. Adapun realisasi capaian akhir akan disajikan di akhir tahun "
            f"anggaran dalam laporan kinerja tahunan.")


def _dokumen(olahan: Olahan, draf: bool) -> dict:
    p, n = olahan.laporan.pengaturan, olahan.jumlah_kesalahan
    tanda = ""
    if draf:
        tanda = (f"DRAF – BELUM FINAL: masih ada {n} kesalahan data yang belum diperbaiki" if n
                 else "DRAF – BELUM FINAL")
    return {"draf": bool(draf), "tanda_draf": tanda, "kertas": "F4" if teks(p.kertas).upper() == "F4" else "A4",
            # the cover logo: rendering puts the image into `logo` when `file_logo` can be read
            "ada_logo": False, "logo": "", "file_logo": teks(p.logo)}


MIN_BATANG = 3   # a chart of one or two bars says nothing the table does not


def nomor_urut(prefix: str, first: int, flags: dict[str, bool]) -> dict[str, str]:
    """Numbers of the tables/figures that are present, without gaps: {'tabel_belum': '2.4', …}."""
    out, n = {}, first
    for key, present in flags.items():
        out[key] = f"{prefix}{n}" if present else ""
        n += bool(present)
    return out


def _nomor(hasil: Hasil) -> dict:
    grafik = {"ada_grafik_capaian": len(hasil.indikator) >= MIN_BATANG,
              "ada_grafik_serapan": len(hasil.anggaran) >= MIN_BATANG}
    tabel = nomor_urut("2.", 4, {"tabel_tercapai": bool(hasil.tercapai), "tabel_belum": bool(hasil.belum_tercapai),
                                 "tabel_tidak_terhitung": bool(hasil.tidak_terhitung)})
    gambar = nomor_urut("2.", 1, {"gambar_capaian": grafik["ada_grafik_capaian"],
                                  "gambar_serapan": grafik["ada_grafik_serapan"]})
    return {**grafik, **tabel, **gambar}


def _evaluasi(hasil: Hasil, lap: Laporan, tw: int, tahun: str) -> dict:
    sisa_tahun = " di sisa tahun anggaran" if tw < 4 else ""
    return {
        **narasi.kalimat_strategi(hasil, jabatan=teks(lap.identitas.jabatan),
                                  periode=f"Pada triwulan {romawi(tw)} tahun {tahun}", sisa_tahun=sisa_tahun),
        "judul_tabel_belum": "Yang Belum Tercapai" + (" di Sisa Tahun Anggaran" if tw < 4 else ""),
        **narasi.strategi(hasil, lap),
        "rtl": narasi.rtl_rows(lap),
        "tanggapan": list(sec.TANGGAPAN),
    }


def konteks(olahan: Olahan, *, draf: bool = False) -> dict:
    """The complete docxtpl context except images (see rendering.buat_docx). Pure and formatted."""
    lap, hasil = olahan.laporan, olahan.hasil
    fmt = Fmt.dari(lap.pengaturan)
    tw = hasil.tw or 4
    tahun = str(lap.identitas.tahun or "")
    per = periode(lap, tw)
    pembuka = per.pop("_pembuka")
    lanjutan = (f", yang strategi pencapaiannya terus dilaksanakan sampai dengan triwulan IV tahun anggaran "
                f"{tahun}" if tw < 4 else "")
    return {
        **_dokumen(olahan, draf),
        "desimal": fmt.desimal,
        **sec.identitas(lap),
        **sec.penandatangan(lap),
        **sec.perjanjian(lap, hasil),
        **per,
        **_nomor(hasil),
        **sec.tugas(lap),
        # performance
        "label_sasaran": sec.label_sasaran(lap),
        "sasaran": sec.sasaran_rows(hasil, lap, fmt),
        "indikator": [sec.baris_indikator(h, lap, fmt) for h in hasil.indikator],
        **sec.ringkasan_capaian(hasil),
        "kalimat_capaian": narasi.kalimat_capaian(len(hasil.indikator), hasil.tercapai, hasil.belum_tercapai,
                                                  hasil.tidak_terhitung, pembuka),
        "catatan_capaian": sec.catatan_capaian(lap),
        # budget
        "label_anggaran": ang.label_anggaran(hasil.anggaran),
        "anggaran": ang.anggaran_rows(hasil, fmt),
        "ada_anggaran": bool(hasil.anggaran),
        "total": ang.total_row(hasil, fmt),
        **ang.efisiensi(hasil, fmt),
        "kalimat_anggaran_pk": ang.kalimat_anggaran_pk(hasil, lap),
        "kalimat_sisa": kalimat_sisa(hasil, fmt, tw, tahun),
        # evaluation and closing
        **_evaluasi(hasil, lap, tw, tahun),
        "kalimat_penutup_capaian": narasi.kalimat_penutup(hasil, fmt, lanjutan=lanjutan),
        # Lampiran I, II
        **ang.anggaran_pk(hasil, lap),
        **narasi.dokumentasi(lap, draf=draf),
        "lampiran_dokumentasi": "II" if sec.perjanjian(lap, hasil)["ada_lampiran_pk"] else "I",
        # images: filled by rendering.buat_docx (InlineImage); empty here to keep this module pure
        "grafik_capaian": "",
        "grafik_serapan": "",
    }
