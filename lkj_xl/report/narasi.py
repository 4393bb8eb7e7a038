"""Narrative sections shared by every document: the sentences built from the one `Hasil` (capaian,
strategies, closing), the strategy groups, the RTL and the photo documentation.

Like `sections.py`, builders are pure and take the period words as arguments ('triwulan III tahun
2023', 'tahun 2023'), so the quarterly and the annual document phrase them each their own way.
"""
from __future__ import annotations

import re

from ..core.formatting import jumlah_kata, ke, rupiah, tanggal
from ..core.model import Laporan
from ..core.performance import Hasil, HasilIndikator, ratio
from ..core.validation import same_text
from .anggaran import sisa_anggaran
from .sections import Fmt, alasan_daftar, nomor, teks


def kalimat_capaian(n: int, a: list, b: list, c: list, pembuka: str) -> str:
    """The capaian narrative. a/b/c = achieved / not achieved / not computable (HasilIndikator lists);
    `pembuka` opens it ('Pada triwulan ketiga tahun 2023 (kurun waktu …)')."""
    if n == 0:
        return f"{pembuka}, belum ada indikator kinerja yang diperjanjikan."
    s = f"{pembuka}, dari {jumlah_kata(n)} indikator kinerja yang diperjanjikan tersebut "
    if len(a) == n:
        s += f"seluruhnya tercapai 100% atau lebih, yakni indikator {ke(nomor(a))}"
    elif a:
        s += f"terdapat {jumlah_kata(len(a))} indikator yang tercapai 100% yakni indikator {ke(nomor(a))}"
        if b:
            s += f", sedangkan {jumlah_kata(len(b))} indikator belum tercapai yakni indikator {ke(nomor(b))}"
    else:
        s += "belum terdapat indikator yang tercapai 100%"
        if b:
            s += f"; {jumlah_kata(len(b))} indikator belum tercapai yakni indikator {ke(nomor(b))}"
    if c:
        s += (f", dan capaian {jumlah_kata(len(c))} indikator yakni indikator {ke(nomor(c))} tidak dapat "
              f"dihitung ({alasan_daftar(c)}) sehingga tidak dinilai tercapai maupun belum tercapai")
    return s + ", sebagaimana tabel di bawah ini."


def kalimat_strategi(hasil: Hasil, *, jabatan: str, periode: str, sisa_tahun: str = "") -> dict:
    """The sentences that open the strategy tables. `periode` names the period when nothing is
    achieved ('Pada triwulan III tahun 2023'); `sisa_tahun` is appended to the upaya sentence
    (' di sisa tahun anggaran' before the year's end)."""
    a, b, c = hasil.tercapai, hasil.belum_tercapai, hasil.tidak_terhitung
    n = len(hasil.indikator)
    if a:
        tercapai = (f"Terhadap {jumlah_kata(len(a))} target kinerja yang telah tercapai, yakni indikator "
                    f"kinerja {ke(nomor(a))}, strategi yang digunakan adalah sebagai berikut:")
    else:
        tercapai = f"{periode} belum terdapat target kinerja yang tercapai 100%." if n else "Belum ada target kinerja."
    if b:
        belum = (f"Terkait dengan {jumlah_kata(len(b))} target kinerja yang belum tercapai, yakni pada "
                 f"indikator kinerja {ke(nomor(b))}, upaya yang akan dilakukan oleh {jabatan} untuk "
                 f"mewujudkan pencapaian target dimaksud{sisa_tahun} adalah sebagai berikut:")
    elif n and len(a) == n:
        belum = "Seluruh target kinerja telah tercapai, sehingga tidak ada target kinerja yang belum tercapai."
    else:
        belum = "Tidak ada target kinerja yang dinyatakan belum tercapai."
    tidak = (f"Capaian {jumlah_kata(len(c))} target kinerja, yakni indikator kinerja {ke(nomor(c))}, belum dapat "
             f"dihitung ({alasan_daftar(c)}), sehingga tidak dinilai tercapai maupun belum tercapai. "
             f"Strategi untuk indikator tersebut adalah sebagai berikut:") if c else ""
    return {"kalimat_tercapai": tercapai, "kalimat_belum": belum, "kalimat_tidak_terhitung": tidak}


def kalimat_penutup(hasil: Hasil, fmt: Fmt, *, lanjutan: str = "") -> str:
    """The closing summary of achievement. `lanjutan` follows the not-achieved list (', yang strategi
    pencapaiannya terus dilaksanakan sampai dengan triwulan IV …')."""
    a, b, c = hasil.tercapai, hasil.belum_tercapai, hasil.tidak_terhitung
    n = len(hasil.indikator)
    s = f"Dalam pencapaian sasaran yang diperjanjikan, dari {jumlah_kata(n)} target kinerja yang ditetapkan, "
    if a and len(a) == n:
        s += "seluruhnya telah tercapai"
    else:
        s += (f"terdapat {jumlah_kata(len(a))} target kinerja yang telah tercapai, yakni indikator {ke(nomor(a))}"
              if a else "belum terdapat target kinerja yang tercapai")
        if b:
            s += f", dan {jumlah_kata(len(b))} target kinerja yang belum tercapai, yakni indikator {ke(nomor(b))}"
            s += lanjutan
    if c:
        s += f"; capaian {jumlah_kata(len(c))} target kinerja (indikator {ke(nomor(c))}) belum dapat dihitung"
    s += "."
    if hasil.kinerja is not None:
        s += f" Rata-rata capaian kinerja adalah {fmt.pct(hasil.kinerja)} dengan serapan anggaran {fmt.pct(hasil.serapan)}."
    return s


def kalimat_sisa_akhir(hasil: Hasil, fmt: Fmt, tahun: str) -> str:
    """The remaining budget at the end of the year ('' when pagu or realisasi is missing)."""
    sisa = sisa_anggaran(hasil)
    if sisa is None:
        return ""
    return (f"Sisa anggaran sampai dengan akhir tahun anggaran {tahun} adalah {rupiah(sisa)} "
            f"({fmt.pct(ratio(sisa, hasil.total_pagu))} dari pagu).")


# --- strategies, RTL, documentation ---------------------------------------------------------------

def strategi_per_kode(lap: Laporan) -> dict[str, list]:
    out: dict[str, list] = {}
    for s in lap.strategi:
        out.setdefault(s.kode, []).append(s)
    return out


def strategi_kelompok(items: list[HasilIndikator], by_kode: dict[str, list], fmt: Fmt | None = None) -> list[dict]:
    """One block per indicator with its strategies (Tabel 2.4/2.5/2.6)."""
    fmt = fmt or Fmt()
    out = []
    for no, h in enumerate(items, start=1):
        rows = [{"strategi": teks(s.strategi) or "-", "bulan": teks(s.bulan) or "-"}
                for s in by_kode.get(h.indikator.kode, [])]
        out.append({
            "no": f"{no}.",
            "nomor": str(h.nomor),
            "indikator": f"{h.nomor}. {teks(h.indikator.indikator)}",
            "capaian": fmt.pct(h.capaian) if h.capaian is not None else "-",
            "strategi": rows or [{"strategi": "(strategi belum diisi)", "bulan": "-"}],
        })
    return out


_PENANDA = re.compile(r"^\s*(?:[-•*]|[a-zA-Z0-9]{1,2}[.)])\s+")


def strategi_ringkas(hasil: Hasil, lap: Laporan) -> tuple[list[str], bool]:
    """The closing list: for each indicator its first strategy (of a typed list 'a. …' only the first
    item, its marker dropped), each text once; the full lists are in the strategy tables. Also whether
    anything was left out, so the closing can point to those tables."""
    by_kode = strategi_per_kode(lap)
    semua = [t for s in lap.strategi if (t := teks(s.strategi))]
    ringkas, seen = [], set()          # seen: same_text of ringkas (one set, not one per indicator)
    for h in hasil.indikator:
        first = next((t for s in by_kode.get(h.indikator.kode, []) if (t := teks(s.strategi))), "")
        # a typed list ('a. …\nb. …') is represented by its first item; other text stays whole
        line = _PENANDA.sub("", first.split("\n")[0]).strip() if _PENANDA.match(first) else first
        if line and (key := same_text(line)) not in seen:
            seen.add(key)
            ringkas.append(line)
    return ringkas, sum(len(t.split("\n")) for t in semua) > len(ringkas)


def strategi(hasil: Hasil, lap: Laporan) -> dict:
    """The three strategy groups and the short closing list."""
    by_kode = strategi_per_kode(lap)
    ringkas, lebih = strategi_ringkas(hasil, lap)
    return {
        "strategi_tercapai": strategi_kelompok(hasil.tercapai, by_kode),
        "strategi_belum": strategi_kelompok(hasil.belum_tercapai, by_kode),
        "strategi_tidak_terhitung": strategi_kelompok(hasil.tidak_terhitung, by_kode),
        "strategi_penutup": [{"no": f"{i})", "uraian": s} for i, s in enumerate(ringkas, start=1)],
        "strategi_penutup_lainnya": lebih,
    }


def rtl_rows(lap: Laporan) -> list[dict]:
    """Rencana tindak lanjut: numbered items with time and person in charge."""
    def rincian(r) -> str:
        parts = (f"waktu: {teks(r.waktu)}" if teks(r.waktu) else "",
                 f"penanggung jawab: {teks(r.penanggung_jawab)}" if teks(r.penanggung_jawab) else "")
        return "; ".join(x for x in parts if x)
    seen, out = set(), []
    for r in lap.rtl:
        key = same_text(teks(r.uraian))
        if key and key not in seen:       # repeats are warned about in validation (butir-ganda)
            seen.add(key)
            out.append({"no": f"{len(out) + 1}.", "uraian": teks(r.uraian), "rincian": rincian(r)})
    return out


_KOSONG = {"no": "", "keterangan": "", "file": "", "gambar": "", "catatan": ""}


def dokumentasi_baris(items: list[dict]) -> dict:
    """The photo items, and the same items two per row."""
    baris = [{"kiri": items[i], "kanan": items[i + 1] if i + 1 < len(items) else dict(_KOSONG)}
             for i in range(0, len(items), 2)]
    return {"ada_dokumentasi": bool(items), "dokumentasi": items, "dokumentasi_baris": baris}


def dokumentasi(lap: Laporan, *, draf: bool = False) -> dict:
    """Photo documentation. `gambar` stays empty here (rendering fills it with the image). A final
    report prints no placeholder: rows without a photo file are left out (validation warns:
    foto-kosong); a draft keeps them with a note, so the user sees what is missing."""
    items = []
    for indeks, f in enumerate(lap.dokumentasi):
        if not teks(f.foto) and not draf:
            continue
        ket = teks(f.kegiatan)
        if f.tanggal:
            ket += f" pada tgl. {tanggal(f.tanggal)}"
        items.append({"no": str(len(items) + 1), "keterangan": ket, "file": teks(f.foto), "indeks": indeks,
                      "gambar": "", "catatan": "" if teks(f.foto) else "(foto belum dilampirkan)"})
    return dokumentasi_baris(items)
