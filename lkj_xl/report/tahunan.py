"""Olahan -> the docxtpl context of the annual LKjIP (docx_templates/lkjip_tahunan.docx).

The outline is PermenPANRB 53/2014 as seed 004 follows it (annual.md §2). `konteks` assembles the
shared builders (`sections.py`, `narasi.py`) and the annual ones (`tahunan_bab3.py`: measurement,
comparisons, efficiency, predikat, budget). Two rules hold everywhere:

- a section whose data is absent gets no letter (`sek.x == ""`, the template leaves it out) and the
  letters and table numbers (`tab.x`) are counted over what is printed, so neither has gaps;
- every number is formatted once, in the row dict of its table, and the sentence about it reuses
  that string, so a sentence and its table cannot disagree, not even in rounding.

Legal-basis sentences come from the workbook (Identitas), never from a regional default.
"""
from __future__ import annotations

from string import ascii_uppercase

from ..core.engine import Olahan
from ..core.formatting import jumlah_kata, tanggal
from ..core.model import Laporan
from . import sections as sec
from . import tahunan_awal as awal, tahunan_bab3 as b3
from .sections import Fmt, teks


class Nomor:
    """Section letters per chapter and table/figure numbers per chapter, counted over what is printed."""

    def __init__(self) -> None:
        self.sek: dict[str, str] = {}
        self.tab: dict[str, str] = {}
        self.gbr: dict[str, str] = {}
        self._bab, self._s, self._t, self._g = 0, 0, 0, 0

    def bab(self, n: int) -> None:
        self._bab, self._s, self._t, self._g = n, 0, 0, 0

    def bagian(self, key: str, ada: bool = True) -> bool:
        if ada:
            self.sek[key] = ascii_uppercase[self._s]
            self._s += 1
        else:
            self.sek[key] = ""
        return ada

    def tabel(self, key: str, ada: bool = True) -> None:
        if ada:
            self._t += 1
            self.tab[key] = f"Tabel {self._bab}.{self._t}"
        else:
            self.tab[key] = ""

    def gambar(self, key: str, ada: bool = True) -> None:
        if ada:
            self._g += 1
            self.gbr[key] = f"Gambar {self._bab}.{self._g}"
        else:
            self.gbr[key] = ""


def butir(items: list[str]) -> list[dict]:
    return [{"no": f"{i}.", "uraian": teks(x)} for i, x in enumerate((x for x in items if teks(x)), start=1)]


def pengantar(lap: Laporan) -> list[str]:
    idn = lap.identitas
    unit, tahun = teks(idn.unit), str(idn.tahun or "")
    dasar = teks(idn.dasar_pelaporan)
    out = [f"Puji syukur ke hadirat Tuhan Yang Maha Esa, sehingga Laporan Kinerja {unit} Tahun {tahun} dapat "
           f"diselesaikan."]
    if dasar:
        out.append(f"Laporan Kinerja {unit} Tahun {tahun} disusun sesuai dengan amanat {dasar}.")
    out.append(f"Laporan ini merupakan wujud pertanggungjawaban {unit} atas pencapaian sasaran yang ditetapkan "
               f"dalam Perjanjian Kinerja Tahun {tahun}, sekaligus alat penilaian kinerja dan sarana transparansi "
               f"kepada masyarakat. Kinerja diukur atas dasar indikator kinerja yang diperjanjikan.")
    out.append(f"Kami menyampaikan terima kasih kepada semua pihak yang telah membantu penyusunan Laporan Kinerja "
               f"{unit} Tahun {tahun}. Semoga laporan ini bermanfaat bagi perbaikan kinerja pada tahun berikutnya.")
    return out


def latar_belakang(lap: Laporan) -> list[str]:
    idn = lap.identitas
    unit, tahun = teks(idn.unit), str(idn.tahun or "")
    out = [f"Laporan Kinerja merupakan bentuk akuntabilitas atas pelaksanaan tugas dan fungsi yang dipercayakan "
           f"kepada {unit}, serta alat penilaian kinerja, wujud transparansi dan pertanggungjawaban kepada "
           f"masyarakat, dan alat kendali untuk meningkatkan kinerja."]
    if teks(idn.dasar_pelaporan):
        out.append(f"Penyusunan laporan ini berpedoman pada {teks(idn.dasar_pelaporan)}.")
    out.append(f"Kinerja {unit} Tahun {tahun} diukur atas dasar indikator kinerja yang ditetapkan dalam "
               f"Perjanjian Kinerja Tahun {tahun}, dibandingkan dengan target tahunan, target jangka menengah "
               f"Rencana Strategis dan realisasi tahun-tahun sebelumnya.")
    return out


def ikhtisar(lap: Laporan, cap: dict, ang: dict, tahun: str, unit: str) -> dict:
    """Ikhtisar Eksekutif from the same strings as the tables of BAB III."""
    t = lap.tahunan
    sas = cap["sasaran"]
    pembuka = [f"Laporan Kinerja {unit} Tahun {tahun} menyajikan capaian {jumlah_kata(len(sas))} sasaran dengan "
               f"{jumlah_kata(cap['jumlah_indikator'])} indikator kinerja yang ditetapkan dalam Perjanjian Kinerja "
               f"Tahun {tahun}. Capaian per sasaran adalah sebagai berikut:"]
    return {
        "pembuka": pembuka,
        "sasaran": [{"no": f"{s['nomor']}.", "kalimat": s["kalimat_ikhtisar"]} for s in sas],
        "kalimat_capaian": cap["kalimat_pengukuran"],
        "kalimat_anggaran": ang["kalimat_ikhtisar"],
        "kendala": butir([c.uraian for c in t.catatan_jenis("Kendala")]),
        "keberhasilan": butir(list(dict.fromkeys(teks(a.pendukung) for a in t.analisis if teks(a.pendukung)))),
        "rekomendasi": butir([c.uraian for c in t.catatan_jenis("Rekomendasi")]),
        "penghargaan": butir([c.uraian for c in t.catatan_jenis("Penghargaan")]),
    }


def kesimpulan(cap: dict, ang: dict, tahun: str, unit: str) -> list[str]:
    return [f"Laporan Kinerja {unit} Tahun {tahun} menggambarkan tingkat pencapaian sasaran yang ditetapkan dalam "
            f"Perjanjian Kinerja Tahun {tahun}.", cap["kalimat_pengukuran"], ang["kalimat_predikat"],
            ang["kalimat_ikhtisar"]]


def reviu_page(lap: Laporan, tahun: str) -> dict:
    """The APIP's statement (PermenPANRB 53/2014 annex), with blank lines for the reviewer to sign."""
    unit = teks(lap.identitas.unit)
    return {
        "kalimat": (f"Kami telah mereviu Laporan Kinerja {unit} Tahun {tahun} sesuai Pedoman Reviu atas Laporan "
                    f"Kinerja. Substansi informasi yang dimuat dalam Laporan Kinerja menjadi tanggung jawab "
                    f"manajemen {unit}."),
        "kalimat_kedua": ("Reviu bertujuan untuk memberikan keyakinan terbatas bahwa Laporan Kinerja telah disajikan "
                          "secara akurat, andal dan valid. Berdasarkan reviu kami, tidak terdapat kondisi atau hal-hal "
                          "yang menimbulkan perbedaan dalam meyakini keandalan informasi yang disajikan di dalam "
                          "Laporan Kinerja ini."),
        "tempat_tanggal": f"{teks(lap.identitas.tempat)}, ……………………………",
        "jabatan": "Inspektur / APIP",
        "nama": "……………………………………",
        "nip": "……………………………",
    }


def _dokumen(olahan: Olahan, draf: bool) -> dict:
    n = olahan.jumlah_kesalahan
    tanda = ""
    if draf:
        tanda = f"DRAF – BELUM FINAL: masih ada {n} kesalahan data yang belum diperbaiki" if n else "DRAF – BELUM FINAL"
    kertas = "F4" if teks(olahan.laporan.pengaturan.kertas).upper() == "F4" else "A4"
    return {"draf": bool(draf), "tanda_draf": tanda, "kertas": kertas}


def konteks(olahan: Olahan, *, draf: bool = False, reviu: bool = False) -> dict:
    """The complete docxtpl context of the annual report except images (see rendering.buat_docx)."""
    lap, hasil = olahan.laporan, olahan.hasil
    fmt = Fmt.dari(lap.pengaturan)
    idn = lap.identitas
    tahun, unit = str(idn.tahun or ""), teks(idn.unit)
    judul_pk = sec.judul_pk(lap)
    no = Nomor()

    no.bab(1)
    for key in ("latar", "maksud", "tugas"):
        no.bagian(key)
    bab1 = awal.bab1(lap, hasil, fmt, no)
    no.bab(2)
    bab2 = awal.bab2(lap, hasil, fmt, no)
    no.bab(3)
    cap = b3.capaian(lap, hasil, fmt, no)
    ang = b3.anggaran(lap, hasil, fmt, no, cap)
    no.bagian("prestasi", bool(lap.tahunan.catatan_jenis("Penghargaan")))

    return _polos({
        **_dokumen(olahan, draf),
        "desimal": fmt.desimal,
        **sec.identitas(lap),
        **sec.penandatangan(lap),
        **sec.tugas(lap),
        "judul_pk": judul_pk,
        "judul_pk_kapital": judul_pk.upper(),
        "periode": "Tahunan",
        "pengantar": pengantar(lap),
        "latar_belakang": latar_belakang(lap),
        "ikhtisar": ikhtisar(lap, cap, ang, tahun, unit),
        **bab1,
        **bab2,
        **cap,
        **ang,
        "penghargaan": butir([c.uraian for c in lap.tahunan.catatan_jenis("Penghargaan")]),
        "kesimpulan": kesimpulan(cap, ang, tahun, unit),
        "rekomendasi": butir([c.uraian for c in lap.tahunan.catatan_jenis("Rekomendasi")]),
        "reviu": reviu_page(lap, tahun) if reviu else {},
        "tanggal_laporan": tanggal(idn.tanggal),
        "sek": dict(no.sek),
        "tab": dict(no.tab),
        "gbr": dict(no.gbr),
        # images: filled by rendering.buat_docx (InlineImage); empty here to keep this module pure
        "grafik_capaian_sasaran": "",
        "grafik_serapan": "",
    })


def _polos(value):
    """Drop the builders' private keys ('_hasil': the result objects they kept for later sentences),
    so the context is plain data."""
    if isinstance(value, dict):
        return {k: _polos(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, list):
        return [_polos(v) for v in value]
    return value
