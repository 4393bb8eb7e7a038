"""Olahan -> the docxtpl context of the quarterly LKj: a pure dict of already-formatted strings.

Every number and every sentence in the report comes from the one `Hasil` object, so the narrative
cannot contradict the tables: the same lists (`hasil.tercapai`, `.belum_tercapai`,
`.tidak_terhitung`) feed the counts, the "indikator ke-2 dan ke-3" lists and Tabel 2.4/2.5/2.6.

Nothing here touches files, Word or matplotlib; `rendering.py` adds the images (charts, photos).
The keys are documented for template authors in docs/templat_word.md — keep both in step.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ..core.engine import Olahan
from ..core.formatting import (angka, jumlah_kata, ke, nilai_satuan, nip, periode_tw, persen, ribuan, romawi,
                         rupiah, tanggal, urutan)
from ..core.performance import (HUNDRED, REALISASI_KOSONG, REALISASI_NOL, TARGET_BUKAN_ANGKA, TARGET_NOL,
                          HasilAnggaran, HasilIndikator, ratio)

ALASAN = {
    TARGET_NOL: "target bernilai 0",
    TARGET_BUKAN_ANGKA: "target tidak berisi angka",
    REALISASI_KOSONG: "realisasi belum diisi",
    REALISASI_NOL: "realisasi bernilai 0 sedangkan rumusnya Target/Realisasi",
}
TANGGAPAN = ("Laporan sudah baik", "Laporan kurang baik", "Laporan segera diperbaiki",
             "Target dan realisasi diteliti ulang", "Capaian diteliti ulang", "Lain-lain")

# XML 1.0 forbids most control characters; docxtpl turns \a and \f into paragraph/page breaks.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def teks(value) -> str:
    """User-typed text made safe to place literally: line breaks kept as '\\n' (docxtpl writes them
    as real line breaks), other control characters dropped, surrounding blanks trimmed."""
    if value is None:
        return ""
    s = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("_x000D_", "")
    s = _CONTROL.sub("", s)
    # docxtpl turns '{_{' '}_}' '{_%' '%_}' into '{{' '}}' '{%' '%}' after rendering; keep them literal.
    s = s.replace("{_", "{\u2060_").replace("_}", "_\u2060}")
    return s.strip()


def _kapital(s: str) -> str:
    return teks(s).upper()


def _pemerintah(s: str) -> str:
    s = teks(s)
    return s if s.lower().startswith("pemerintah") else f"Pemerintah {s}".strip()


def _eselon(eselon: str) -> str:
    """'III.a' -> 'III'."""
    return teks(eselon).split(".")[0].strip()


def _nilai(nilai, satuan: str, desimal: int) -> str:
    """Target/realisasi as typed when it carries words ('4,51 (A-)'), else number + unit."""
    raw = teks(nilai.teks)
    if nilai.angka is None:
        return raw or "-"
    if re.search(r"[A-Za-z(]", raw.replace("%", "")):
        return raw
    return nilai_satuan(nilai.angka, satuan, desimal)


def _status(h: HasilIndikator) -> str:
    if h.tercapai is None:
        return f"Tidak dapat dihitung ({ALASAN.get(h.alasan, h.alasan or 'data tidak lengkap')})"
    return "Tercapai" if h.tercapai else "Belum tercapai"


def _nomor(items: list[HasilIndikator]) -> list[int]:
    return [h.nomor for h in items]


def _alasan_daftar(items: list[HasilIndikator]) -> str:
    return "; ".join(f"indikator ke-{h.nomor}: {ALASAN.get(h.alasan, h.alasan)}" for h in items)


def _label_level(lines: list[HasilAnggaran]) -> str:
    levels = list(dict.fromkeys(teks(a.baris.level) for a in lines if teks(a.baris.level)))
    return levels[0] if len(levels) == 1 else "Program/Kegiatan"


def _depth(a: HasilAnggaran, by_code: dict[str, HasilAnggaran]) -> int:
    depth, seen = 0, set()
    while a.induk and a.induk in by_code and a.induk not in seen:
        seen.add(a.induk)
        a = by_code[a.induk]
        depth += 1
    return depth


def kalimat_capaian(n: int, a: list, b: list, c: list, pembuka: str) -> str:
    """The 2.2 narrative. a/b/c = achieved / not achieved / not computable (HasilIndikator lists)."""
    if n == 0:
        return f"{pembuka}, belum ada indikator kinerja yang diperjanjikan."
    s = f"{pembuka}, dari {jumlah_kata(n)} indikator kinerja yang diperjanjikan tersebut "
    if len(a) == n:
        s += f"seluruhnya tercapai 100% atau lebih, yakni indikator {ke(_nomor(a))}"
    elif a:
        s += f"terdapat {jumlah_kata(len(a))} indikator yang tercapai 100% yakni indikator {ke(_nomor(a))}"
        if b:
            s += f", sedangkan {jumlah_kata(len(b))} indikator belum tercapai yakni indikator {ke(_nomor(b))}"
    else:
        s += "belum terdapat indikator yang tercapai 100%"
        if b:
            s += f"; {jumlah_kata(len(b))} indikator belum tercapai yakni indikator {ke(_nomor(b))}"
    if c:
        s += (f", dan capaian {jumlah_kata(len(c))} indikator yakni indikator {ke(_nomor(c))} tidak dapat "
              f"dihitung ({_alasan_daftar(c)}) sehingga tidak dinilai tercapai maupun belum tercapai")
    return s + ", sebagaimana tabel di bawah ini."


def _strategi_kelompok(items: list[HasilIndikator], strategi_by_kode: dict) -> list[dict]:
    out = []
    for no, h in enumerate(items, start=1):
        rows = [{"strategi": teks(s.strategi) or "-", "bulan": teks(s.bulan) or "-"}
                for s in strategi_by_kode.get(h.indikator.kode, [])]
        out.append({
            "no": f"{no}.",
            "nomor": str(h.nomor),
            "indikator": f"{h.nomor}. {teks(h.indikator.indikator)}",
            "capaian": persen(h.capaian) if h.capaian is not None else "-",
            "strategi": rows or [{"strategi": "(strategi belum diisi)", "bulan": "-"}],
        })
    return out


def konteks(olahan: Olahan, *, draf: bool = False) -> dict:
    """The complete docxtpl context except images (see rendering.buat_docx). Pure and formatted."""
    lap, hasil = olahan.laporan, olahan.hasil
    idn, p = lap.identitas, lap.pengaturan
    d = max(0, min(int(p.desimal if p.desimal is not None else 2), 6))

    def pct(v: Decimal | None) -> str:
        return persen(v, d)

    def num(v: Decimal | None) -> str:
        return angka(v, d)

    tw = hasil.tw or 4
    tahun = str(idn.tahun or "")
    tahunan = teks(idn.periode).lower().startswith("tahun")
    tw_rom = romawi(tw)
    periode = periode_tw(tw, idn.tahun) if idn.tahun else ""
    if tahunan:
        periode = f"1 Januari s.d 31 Desember {tahun}"
        pembuka = f"Pada tahun {tahun} (kurun waktu {periode})"
    else:
        pembuka = f"Pada triwulan {urutan(tw)} tahun {tahun} (kurun waktu {periode})"
    jabatan = teks(idn.jabatan)
    unit = teks(idn.unit)

    a, b, c = hasil.tercapai, hasil.belum_tercapai, hasil.tidak_terhitung
    n = len(hasil.indikator)

    # --- indicators, grouped by sasaran (Tabel 2.1, 2.2, 2.3) ---
    def ind_row(h: HasilIndikator) -> dict:
        ind = h.indikator
        return {
            "nomor": str(h.nomor),
            "kode": teks(ind.kode),
            "nama": teks(ind.indikator),
            "indikator": f"{h.nomor}. {teks(ind.indikator)}",
            "satuan": teks(ind.satuan),
            "polaritas": teks(ind.polaritas),
            "target": _nilai(h.target, ind.satuan, d),
            "target_tahunan": _nilai(ind.target, ind.satuan, d),
            "realisasi": _nilai(h.realisasi, ind.satuan, d),
            "capaian": pct(h.capaian),
            "predikat": teks(h.predikat),
            "status": _status(h),
            "tercapai": h.tercapai,
            "keterangan": teks(lap.realisasi[ind.kode].keterangan) if ind.kode in lap.realisasi else "",
        }

    sasaran = []
    for no, s in enumerate(hasil.sasaran, start=1):
        sasaran.append({
            "no": f"{no}.",
            "kode": teks(s.kode),
            "nama": teks(s.sasaran),
            "nama_capaian": f"{teks(s.sasaran)}\n(rata-rata capaian kinerja {pct(s.capaian)})",
            "capaian": pct(s.capaian),
            "predikat": teks(s.predikat),
            "pagu": ribuan(s.pagu),
            "realisasi": ribuan(s.realisasi),
            "serapan": pct(s.serapan),
            "efisiensi": num(s.efisiensi),
            "kategori": s.kategori,
            "efisiensi_teks": f"{num(s.efisiensi)}\n({s.kategori})" if s.efisiensi is not None else "-",
            "indikator": [ind_row(h) for h in s.indikator],
        })
    tingkat = next((teks(i.tingkat) for i in lap.indikator if teks(i.tingkat)), "")
    label_sasaran = f"Sasaran {tingkat}" if tingkat and tingkat != "Strategis" else (
        "Sasaran Strategis" if tingkat else "Sasaran")

    # --- budget lines (Tabel 2.3, Lampiran I) ---
    by_code = {x.baris.kode: x for x in hasil.anggaran}
    anggaran, anggaran_pk, pk_values = [], [], []
    inside = {x.baris.kode for x in hasil.anggaran}
    for no, x in enumerate(hasil.anggaran, start=1):
        br = x.baris
        indent = "\u00a0" * 4 * _depth(x, by_code)
        kode = teks(br.kode)
        # short codes (1, 2, 1.1) read as row numbers; long ones (7.01.01.2.06.0001) go before the name
        uraian_kode = teks(br.uraian) if kode == str(no) or not kode else f"{kode} {teks(br.uraian)}"
        anggaran.append({
            "no": str(no),
            "kode": kode,
            "level": teks(br.level),
            "uraian": indent + uraian_kode,
            "nama": teks(br.uraian),
            "kode_sasaran": teks(br.kode_sasaran),
            "pagu": ribuan(x.pagu),
            "realisasi": ribuan(x.realisasi),
            "serapan": pct(x.serapan),
            "sisa": ribuan(x.sisa),
        })
        pk_value = br.anggaran_pk if br.anggaran_pk is not None else (
            br.pagu_berlaku if idn.pk_perubahan else br.pagu)
        anggaran_pk.append({"no": f"{no}.", "kode": kode, "uraian": indent + uraian_kode,
                            "anggaran": rupiah(pk_value)})
        if x.induk not in inside and pk_value is not None:
            pk_values.append(pk_value)
    jumlah_pk = sum(pk_values, Decimal(0)) if pk_values else None

    sisa = (hasil.total_pagu - hasil.total_realisasi
            if hasil.total_pagu is not None and hasil.total_realisasi is not None else None)
    selisih = hasil.metode_efisiensi != "Rasio"
    total = {
        "pagu": ribuan(hasil.total_pagu),
        "realisasi": ribuan(hasil.total_realisasi),
        "serapan": pct(hasil.serapan),
        "kinerja": pct(hasil.kinerja),
        "predikat": teks(hasil.predikat),
        "efisiensi": num(hasil.efisiensi),
        "kategori": hasil.kategori_efisiensi,
        "efisiensi_teks": (f"{num(hasil.efisiensi)}\n({hasil.kategori_efisiensi})"
                           if hasil.efisiensi is not None else "-"),
        "sisa": ribuan(sisa),
        "sisa_rupiah": rupiah(sisa),
        "sisa_persen": pct(ratio(sisa, hasil.total_pagu)),
    }

    # --- sentences built from the same Hasil ---
    if hasil.efisiensi is None:
        kalimat_efisiensi = ("Efisiensi capaian kinerja terhadap realisasi anggaran belum dapat dihitung karena "
                             "rata-rata capaian kinerja atau serapan anggaran tidak tersedia.")
    else:
        lebih = "lebih tinggi daripada" if hasil.kinerja > hasil.serapan else "tidak lebih tinggi daripada"
        cara = (f"yaitu rata-rata capaian kinerja {pct(hasil.kinerja)} dikurangi serapan anggaran "
                f"{pct(hasil.serapan)}" if selisih else
                f"yaitu rata-rata capaian kinerja {pct(hasil.kinerja)} dibagi serapan anggaran {pct(hasil.serapan)}")
        kalimat_efisiensi = (f"Efisiensi capaian kinerja terhadap realisasi anggaran adalah "
                             f"{num(hasil.efisiensi)}{' poin' if selisih else ''}, {cara}. Karena capaian kinerja "
                             f"{lebih} serapan anggaran, penggunaan anggaran dikategorikan "
                             f"{hasil.kategori_efisiensi.lower()}.")
    if sisa is None:
        kalimat_sisa = ""
    elif tw < 4:
        kalimat_sisa = (f"Sisa anggaran sebesar {rupiah(sisa)} ({pct(ratio(sisa, hasil.total_pagu))} dari pagu) "
                        f"tidak berarti bahwa anggaran tersebut tidak akan terserap lagi di sisa tahun anggaran, "
                        f"karena proses penyerapan anggaran masih tetap berjalan hingga bulan Desember {tahun}. "
                        f"Oleh karena itu, hal-hal yang diungkapkan pada tabel 2.3 di atas sifatnya masih merupakan "
                        f"capaian penyerapan anggaran di triwulan {tw_rom} tahun anggaran {tahun}, bukan merupakan "
                        f"capaian realisasi akhir. Adapun realisasi capaian akhir akan disajikan di akhir tahun "
                        f"anggaran dalam laporan kinerja tahunan.")
    else:
        kalimat_sisa = (f"Sisa anggaran sampai dengan akhir tahun anggaran {tahun} adalah {rupiah(sisa)} "
                        f"({pct(ratio(sisa, hasil.total_pagu))} dari pagu).")

    sisa_tahun = " di sisa tahun anggaran" if tw < 4 else ""
    if a:
        kalimat_tercapai = (f"Terhadap {jumlah_kata(len(a))} target kinerja yang telah tercapai, yakni indikator "
                            f"kinerja {ke(_nomor(a))}, strategi yang digunakan adalah sebagai berikut:")
    else:
        kalimat_tercapai = (f"Pada triwulan {tw_rom} tahun {tahun} belum terdapat target kinerja yang tercapai 100%."
                            if n else "Belum ada target kinerja.")
    if b:
        kalimat_belum = (f"Terkait dengan {jumlah_kata(len(b))} target kinerja yang belum tercapai, yakni pada "
                         f"indikator kinerja {ke(_nomor(b))}, upaya yang akan dilakukan oleh {jabatan} untuk "
                         f"mewujudkan pencapaian target dimaksud{sisa_tahun} adalah sebagai berikut:")
    elif n and len(a) == n:
        kalimat_belum = "Seluruh target kinerja telah tercapai, sehingga tidak ada target kinerja yang belum tercapai."
    else:
        kalimat_belum = "Tidak ada target kinerja yang dinyatakan belum tercapai."
    kalimat_tidak_terhitung = (
        f"Capaian {jumlah_kata(len(c))} target kinerja, yakni indikator kinerja {ke(_nomor(c))}, belum dapat "
        f"dihitung ({_alasan_daftar(c)}), sehingga tidak dinilai tercapai maupun belum tercapai. "
        f"Strategi untuk indikator tersebut adalah sebagai berikut:") if c else ""

    penutup = f"Dalam pencapaian sasaran yang diperjanjikan, dari {jumlah_kata(n)} target kinerja yang ditetapkan, "
    if a and len(a) == n:
        penutup += "seluruhnya telah tercapai"
    else:
        penutup += (f"terdapat {jumlah_kata(len(a))} target kinerja yang telah tercapai, yakni indikator {ke(_nomor(a))}"
                    if a else "belum terdapat target kinerja yang tercapai")
        if b:
            penutup += (f", dan {jumlah_kata(len(b))} target kinerja yang belum tercapai, yakni indikator "
                        f"{ke(_nomor(b))}")
            if tw < 4:
                penutup += f", yang strategi pencapaiannya terus dilaksanakan sampai dengan triwulan IV tahun anggaran {tahun}"
    if c:
        penutup += (f"; capaian {jumlah_kata(len(c))} target kinerja (indikator {ke(_nomor(c))}) belum dapat "
                    f"dihitung")
    penutup += "."
    if hasil.kinerja is not None:
        penutup += (f" Rata-rata capaian kinerja adalah {pct(hasil.kinerja)} dengan serapan anggaran "
                    f"{pct(hasil.serapan)}.")

    negatif = any(i.polaritas == "Negatif" for i in lap.indikator)
    catatan_capaian = "Capaian (6) = Realisasi (5) / Target (4) × 100%"
    if negatif:
        catatan_capaian += ("; indikator negatif (makin rendah makin baik): " +
                            ("Target / Realisasi × 100%" if p.rumus_negatif == "T/R"
                             else "(2 × Target − Realisasi) / Target × 100%"))
    catatan_capaian += ". Indikator dinyatakan tercapai bila capaiannya 100% atau lebih."
    if selisih:
        rumus_efisiensi, kolom_efisiensi = "(9) − (6)", "10=9−6"
    else:
        rumus_efisiensi, kolom_efisiensi = "(9) / (6)", "10=9/6"
    catatan_anggaran = (
        "Capaian anggaran (6) = Realisasi (5) / Pagu (4) × 100%; untuk sasaran dan baris JUMLAH, pagu dan "
        "realisasi dijumlahkan lebih dahulu lalu dibagi (bukan rata-rata persentase). Capaian kinerja sasaran "
        "dan baris JUMLAH adalah rata-rata capaian (9) indikatornya. Efisiensi (10) = capaian kinerja "
        f"{'dikurangi' if selisih else 'dibagi'} capaian anggaran, {rumus_efisiensi}; efisien bila capaian kinerja "
        "lebih tinggi daripada capaian anggaran.")

    strategi_by_kode: dict[str, list] = {}
    for s in lap.strategi:
        strategi_by_kode.setdefault(s.kode, []).append(s)
    semua_strategi = list(dict.fromkeys(teks(s.strategi) for s in lap.strategi if teks(s.strategi)))

    dokumentasi = []
    for no, f in enumerate(lap.dokumentasi, start=1):
        ket = teks(f.kegiatan)
        if f.tanggal:
            ket += f" pada tgl. {tanggal(f.tanggal)}"
        dokumentasi.append({"no": str(no), "keterangan": ket, "file": teks(f.foto),
                            "gambar": "", "catatan": "" if teks(f.foto) else "(foto belum dilampirkan)"})
    dokumentasi_baris = [{"kiri": dokumentasi[i], "kanan": dokumentasi[i + 1] if i + 1 < len(dokumentasi)
                          else {"no": "", "keterangan": "", "file": "", "gambar": "", "catatan": ""}}
                         for i in range(0, len(dokumentasi), 2)]

    dasar_tugas = teks(idn.dasar_tugas)
    pemerintah = _pemerintah(idn.pemerintah)
    eselon = _eselon(idn.eselon)
    judul_pk = "Perubahan Perjanjian Kinerja" if idn.pk_perubahan else "Perjanjian Kinerja"
    jumlah_kesalahan = olahan.jumlah_kesalahan

    return {
        # document state
        "draf": bool(draf),
        "tanda_draf": (f"DRAF – BELUM FINAL: masih ada {jumlah_kesalahan} kesalahan data yang belum diperbaiki"
                       if draf and jumlah_kesalahan else "DRAF – BELUM FINAL") if draf else "",
        "kertas": "F4" if teks(p.kertas).upper() == "F4" else "A4",
        "desimal": d,
        # identity
        "pemerintah": teks(idn.pemerintah),
        "pemerintah_kapital": pemerintah.upper(),
        "daerah_kapital": _kapital(idn.pemerintah),
        "perangkat_daerah": teks(idn.perangkat_daerah),
        "perangkat_daerah_kapital": _kapital(idn.perangkat_daerah),
        "unit": unit,
        "unit_kapital": unit.upper(),
        "alamat": teks(idn.alamat),
        "telepon": teks(idn.telepon),
        "jabatan": jabatan,
        "jabatan_kapital": jabatan.upper(),
        "eselon": eselon,
        "pejabat_eselon": f"pejabat eselon {eselon}" if eselon else "pejabat struktural",
        "nama": teks(idn.nama),
        "nip": nip(teks(idn.nip)),
        "pangkat": teks(idn.pangkat),
        "jabatan_atasan": teks(idn.jabatan_atasan),
        "jabatan_atasan_kapital": _kapital(idn.jabatan_atasan),
        "nama_atasan": teks(idn.nama_atasan),
        "nip_atasan": nip(teks(idn.nip_atasan)),
        "tempat": teks(idn.tempat),
        "tanggal": tanggal(idn.tanggal),
        "tanggal_pk": tanggal(idn.tanggal_pk),
        "tempat_tanggal_pk": ", ".join(x for x in (teks(idn.tempat), tanggal(idn.tanggal_pk)) if x),
        "tahun": tahun,
        "tw": tw,
        "tw_romawi": tw_rom,
        "tw_urutan": urutan(tw),
        "periode": "Tahunan" if tahunan else f"Triwulan {tw_rom}",
        "periode_kecil": "tahun" if tahunan else f"triwulan {tw_rom}",
        "label_periode": "TAHUNAN" if tahunan else f"TRIWULAN {tw_rom}",
        "periode_teks": periode,
        "judul_pk": judul_pk,
        "judul_pk_kapital": judul_pk.upper(),
        "dasar_pelaporan": teks(idn.dasar_pelaporan) or "Peraturan yang berlaku",
        "batas_hari_kerja": jumlah_kata(int(idn.batas_hari_kerja or 10)),
        "kalimat_tugas": (f"{unit} merupakan salah satu unit kerja pada {teks(idn.perangkat_daerah)} "
                          f"{pemerintah} sebagaimana amanat {dasar_tugas}. Berdasarkan ketentuan tersebut, "
                          f"tugas dan fungsi {unit} adalah sebagai berikut:" if dasar_tugas else
                          f"{unit} merupakan salah satu unit kerja pada {teks(idn.perangkat_daerah)} {pemerintah}. "
                          f"Tugas dan fungsi {unit} adalah sebagai berikut:"),
        "dasar_tugas": dasar_tugas,
        "tugas": [{"no": f"{i}.", "uraian": teks(t)} for i, t in enumerate(lap.tugas, start=1) if teks(t)],
        # performance
        "label_sasaran": label_sasaran,
        "sasaran": sasaran,
        "indikator": [ind_row(h) for h in hasil.indikator],
        "jumlah_indikator": str(n),
        "jumlah_indikator_kata": jumlah_kata(n),
        "jumlah_tercapai": str(len(a)),
        "jumlah_tercapai_kata": jumlah_kata(len(a)),
        "jumlah_belum_kata": jumlah_kata(len(b)),
        "jumlah_tidak_terhitung_kata": jumlah_kata(len(c)),
        "indikator_tercapai": ke(_nomor(a)),
        "indikator_belum": ke(_nomor(b)),
        "indikator_tidak_terhitung": ke(_nomor(c)),
        "kalimat_capaian": kalimat_capaian(n, a, b, c, pembuka),
        "catatan_capaian": catatan_capaian,
        # budget
        "label_anggaran": _label_level(hasil.anggaran),
        "anggaran": anggaran,
        "ada_anggaran": bool(anggaran),
        "total": total,
        "metode_efisiensi": hasil.metode_efisiensi,
        "kolom_efisiensi": kolom_efisiensi,
        "catatan_anggaran": catatan_anggaran,
        "kalimat_efisiensi": kalimat_efisiensi,
        "kalimat_sisa": kalimat_sisa,
        # evaluation
        "ada_tercapai": bool(a),
        "ada_belum": bool(b),
        "ada_tidak_terhitung": bool(c),
        "kalimat_tercapai": kalimat_tercapai,
        "kalimat_belum": kalimat_belum,
        "kalimat_tidak_terhitung": kalimat_tidak_terhitung,
        "judul_tabel_belum": "Yang Belum Tercapai" + (" di Sisa Tahun Anggaran" if tw < 4 else ""),
        "strategi_tercapai": _strategi_kelompok(a, strategi_by_kode),
        "strategi_belum": _strategi_kelompok(b, strategi_by_kode),
        "strategi_tidak_terhitung": _strategi_kelompok(c, strategi_by_kode),
        "rtl": [{"no": f"{i}.", "uraian": teks(r.uraian),
                 "rincian": "; ".join(x for x in (f"waktu: {teks(r.waktu)}" if teks(r.waktu) else "",
                                                  f"penanggung jawab: {teks(r.penanggung_jawab)}"
                                                  if teks(r.penanggung_jawab) else "") if x)}
                for i, r in enumerate(lap.rtl, start=1) if teks(r.uraian)],
        "tanggapan": list(TANGGAPAN),
        # closing
        "kalimat_penutup_capaian": penutup,
        "strategi_penutup": [{"no": f"{i})", "uraian": s} for i, s in enumerate(semua_strategi, start=1)],
        # Lampiran I
        "anggaran_pk": anggaran_pk,
        "jumlah_pk": rupiah(jumlah_pk),
        # Lampiran II
        "ada_dokumentasi": bool(dokumentasi),
        "dokumentasi": dokumentasi,
        "dokumentasi_baris": dokumentasi_baris,
        # images: filled by rendering.buat_docx (InlineImage); empty here to keep this module pure
        "grafik_capaian": "",
        "grafik_serapan": "",
    }


__all__ = ["konteks", "teks", "kalimat_capaian", "HUNDRED"]
