"""BAB III A–B and E of the annual LKjIP: the measurement framework, the measurement table, the
per-sasaran analysis (target, realisasi, capaian, vs last year, vs Renstra, vs benchmark, causes and
efforts), the trend and benchmark tables, and the predikat recap.

Each indicator's numbers are formatted once into its row dict (`baris`); the sentences are built
from those strings, so text and tables always agree. The comparisons themselves (Renstra capaian,
change and its direction word) are computed by the engine (`core.tahunan`), never typed.
"""
from __future__ import annotations

from decimal import Decimal

from ..core.formatting import angka, bulat, jumlah_kata, nilai_satuan
from ..core.model import Laporan, Nilai
from ..core.performance import HUNDRED, Hasil, HasilIndikator, capaian as hitung_capaian
from ..core.tahunan import HasilIndikatorTahunan
from . import sections as sec
from .sections import ALASAN, Fmt, teks

ATURAN_TEKS = {
    "Rata-rata": "rata-rata realisasi sub indikator; capaiannya rata-rata capaian sub indikator",
    "Jumlah Berbobot": "jumlah realisasi sub indikator dikalikan bobotnya (Σ bobot × realisasi)",
    "Jumlah": "jumlah realisasi sub indikator",
}
TINGKAT = {"Nasional": "nasional", "Provinsi": "provinsi", "Kabupaten": "kabupaten", "Lainnya": ""}


def _tahunan(hasil: Hasil) -> dict[str, HasilIndikatorTahunan]:
    t = getattr(hasil, "tahunan", None)
    return t.by_kode() if t is not None else {}


def tahun_riwayat(lap: Laporan, hasil: Hasil) -> list[int]:
    """The years of the trend table: up to three years before the report year that have data, then it."""
    tahun = lap.identitas.tahun
    years = sorted({y for x in _tahunan(hasil).values() for y, _ in x.riwayat})
    return (years[-3:] + [tahun]) if tahun else years[-3:]


def perubahan(x: HasilIndikatorTahunan | None, satuan: str, fmt: Fmt, tahun_lalu: str) -> str:
    """'naik 0,17 (1,64%)', 'tetap', or why there is no comparison."""
    if x is None or x.lalu is None:
        return f"tidak ada data {tahun_lalu}"
    if x.hasil.realisasi.angka is None:
        return "realisasi belum diisi"
    if x.arah == "tetap":
        return "tetap"
    pts = fmt.num(abs(x.selisih))
    rel = f" ({fmt.pct(abs(x.perubahan))})" if x.perubahan is not None else ""
    return f"{x.arah} {pts}{' poin' if satuan == '%' else ''}{rel}"


def komposit(h: HasilIndikator, r: dict, fmt: Fmt, tabel: str) -> dict:
    """The sub-indicator table of one composite indicator, and its arithmetic in words. The sum is
    written out only when the printed parts add up to the printed total at this rounding."""
    k = h.komposit
    sat = h.indikator.satuan
    parts = [p.sub.realisasi.angka for p in k.sub]
    total = r["realisasi"]
    shown = " + ".join(u["realisasi"] for u in r["sub"])
    printed_sum = sum((bulat(v, fmt.desimal) for v in parts if v is not None), Decimal(0))
    cocok = None not in parts and k.realisasi is not None and printed_sum == bulat(
        k.realisasi * (len(parts) if k.aturan == "Rata-rata" else 1), fmt.desimal)
    if k.aturan == "Rata-rata":
        rumus = f"({shown}) / {len(parts)} = {total}" if cocok else total
        kal = (f"Realisasi indikator {r['nomor']} adalah rata-rata realisasi {jumlah_kata(len(parts))} sub indikator"
               f": {rumus}; capaiannya rata-rata capaian sub indikator, {r['capaian']}.")
    elif k.aturan == "Jumlah":
        rumus = f"{shown} = {total}" if cocok else total
        kal = (f"Realisasi indikator {r['nomor']} adalah jumlah realisasi {jumlah_kata(len(parts))} sub indikator: "
               f"{rumus}; terhadap target {r['target']} capaiannya {r['capaian']}.")
    else:
        kal = (f"Realisasi indikator {r['nomor']} adalah jumlah realisasi sub indikator dikalikan bobotnya "
               f"(Σ bobot × realisasi) = {total}; terhadap target {r['target']} capaiannya {r['capaian']}.")
    baris = [{"no": f"{i}.", "nama": u["nama"][3:], "bobot": u["bobot"].replace("bobot ", "") or "-",
              "target": u["target"], "realisasi": u["realisasi"], "capaian": u["capaian"]}
             for i, u in enumerate(r["sub"], start=1)]
    return {"tabel": tabel, "judul": f"Indikator {r['nomor']} {r['nama']}", "baris": baris,
            "aturan": {"Rata-rata": "Rata-rata", "Jumlah": "Jumlah"}.get(k.aturan, "Jumlah berbobot"),
            "target": r["target"], "realisasi": total, "capaian": r["capaian"], "kalimat": kal, "_satuan": sat}


def _sub_rows(h: HasilIndikator, fmt: Fmt) -> list[dict]:
    k = h.komposit
    if k is None:
        return []
    out = []
    for letter, part in zip("abcdefghijklmnopqrstuvwxyz", k.sub):
        s = part.sub
        out.append({"nama": f"{letter}) {teks(s.uraian)}", "target": sec.nilai(s.target, s.satuan, fmt),
                    "realisasi": sec.nilai(s.realisasi, s.satuan, fmt), "capaian": fmt.pct(part.capaian),
                    "bobot": f"bobot {angka(s.bobot, 0)}%" if s.bobot is not None else "",
                    "basis": angka(s.basis, 0) if s.basis is not None else ""})
    return out


def baris(h: HasilIndikator, x: HasilIndikatorTahunan | None, nomor: str, years: list[int], fmt: Fmt,
          tahun: int | None) -> dict:
    """One indicator: every number of every BAB III table, formatted once."""
    ind = h.indikator
    sat = ind.satuan
    # a composite's realisasi is computed, not typed: printed at the workbook's decimals like a capaian
    realisasi = (nilai_satuan(h.realisasi.angka, sat, fmt.desimal) if h.komposit is not None
                 else sec.nilai(h.realisasi, sat, fmt))
    hist = dict(x.riwayat) if x else {}
    riwayat = [realisasi if y == tahun else sec.nilai(hist.get(y, Nilai(None)), sat, fmt) for y in years]
    renstra = x is not None and x.renstra is not None
    return {
        "nomor": nomor, "kode": teks(ind.kode), "nama": teks(ind.indikator), "satuan": teks(sat),
        "jenis": teks(ind.jenis) or "-", "formula": teks(ind.formula) or "-",
        "penanggung_jawab": teks(ind.penanggung_jawab) or "-", "sumber_data": teks(ind.sumber_data) or "-",
        "target": sec.nilai(h.target, sat, fmt), "realisasi": realisasi, "capaian": fmt.pct(h.capaian),
        "predikat": teks(h.predikat) or "-",
        "target_akhir": sec.nilai(x.target_akhir, sat, fmt) if renstra else "-",
        "capaian_renstra": fmt.pct(x.capaian_renstra) if renstra else "-",
        "riwayat": riwayat,
        "lalu": sec.nilai(Nilai(x.lalu), sat, fmt) if x and x.lalu is not None else "",
        "perubahan": perubahan(x, sat, fmt, str((tahun or 1) - 1)),
        "sub": _sub_rows(h, fmt),
    }


# --- sentences -----------------------------------------------------------------------------------

def kalimat_capaian(h: HasilIndikator, r: dict) -> str:
    s = (f"Indikator {r['nomor']} “{r['nama']}” dengan target {r['target']} terealisasi {r['realisasi']}, ")
    if h.capaian is None:
        return s + f"sehingga capaiannya tidak dapat dihitung ({ALASAN.get(h.alasan, h.alasan or 'data tidak lengkap')})."
    status = "telah mencapai target" if h.tercapai else "belum mencapai target"
    return s + f"sehingga capaiannya {r['capaian']} dengan predikat {r['predikat']} ({status})."


def kalimat_komposit(h: HasilIndikator, r: dict) -> str:
    if not r["sub"]:
        return ""
    subs = "; ".join(f"{u['nama']} {u['realisasi']}" for u in r["sub"])
    return (f"Realisasi ini dihitung ({h.komposit.aturan.lower()}) dari {jumlah_kata(len(r['sub']))} sub "
            f"indikator: {subs}.")


def kalimat_lalu(x: HasilIndikatorTahunan | None, r: dict, tahun: int | None) -> str:
    lalu = (tahun or 1) - 1
    if x is None or x.lalu is None:
        return (f"Realisasi tahun {lalu} tidak tersedia, sehingga perbandingan dengan tahun "
                f"sebelumnya belum dapat disajikan.")
    if x.arah == "tetap":
        return f"Dibandingkan dengan realisasi tahun {lalu} ({r['lalu']}), realisasi tahun {tahun} tetap."
    arti = "" if x.membaik is None else (" dan menunjukkan perbaikan kinerja" if x.membaik
                                          else " dan menunjukkan penurunan kinerja")
    return (f"Dibandingkan dengan realisasi tahun {lalu} ({r['lalu']}), realisasi tahun {tahun} "
            f"{r['perubahan']}{arti}.")


def kalimat_renstra(x: HasilIndikatorTahunan | None, r: dict, akhir: int | None, tahun: int | None) -> str:
    if x is None or x.renstra is None or r["target_akhir"] == "-":
        return "Target akhir Renstra untuk indikator ini tidak tersedia."
    if x.capaian_renstra is None:
        return (f"Terhadap target akhir Renstra{f' tahun {akhir}' if akhir else ''} sebesar {r['target_akhir']}, "
                f"capaian belum dapat dihitung.")
    sisa = "telah melampaui" if x.capaian_renstra >= HUNDRED else "mencapai"
    return (f"Terhadap target akhir Renstra{f' tahun {akhir}' if akhir else ''} sebesar {r['target_akhir']}, "
            f"realisasi tahun {tahun} {sisa} {r['capaian_renstra']} dari target akhir tersebut.")


def pembanding_rows(x: HasilIndikatorTahunan | None, h: HasilIndikator, r: dict, fmt: Fmt) -> list[dict]:
    out = []
    for b in (x.pembanding if x else []):
        if b.nilai.angka is None:
            continue
        nilai = sec.nilai(b.nilai, h.indikator.satuan, fmt)
        asal = ", ".join(v for v in (teks(b.level), teks(b.wilayah), str(b.tahun or ""), teks(b.sumber)) if v)
        real = h.realisasi.angka
        selisih = real - b.nilai.angka if real is not None else None
        if selisih is None:
            ket = "-"
        else:
            lebih = selisih < 0 if h.indikator.polaritas == "Negatif" else selisih > 0
            ket = "sama" if selisih == 0 else ("lebih baik" if lebih else "lebih rendah")
        out.append({"indikator": f"{r['nomor']} {r['nama']}", "realisasi": r["realisasi"], "nilai": nilai,
                    "sumber": asal or "-", "selisih": fmt.num(selisih) if selisih is not None else "-",
                    "ket": ket, "_tingkat": teks(b.level), "_wilayah": teks(b.wilayah)})
    return out


def kalimat_pembanding(rows: list[dict], unit: str) -> str:
    if not rows:
        return "Tidak ada data pembanding nasional, provinsi maupun kabupaten untuk indikator ini."
    parts = []
    for b in rows:
        siapa = " ".join(v for v in (TINGKAT.get(b["_tingkat"], b["_tingkat"]), b["_wilayah"]) if v) or "pembanding"
        parts.append(f"dibandingkan dengan {siapa} ({b['sumber']}) sebesar {b['nilai']}, realisasi {unit} "
                     f"{b['realisasi']} {b['ket']} (selisih {b['selisih']})")
    return "; ".join(parts).capitalize() + "."


def kalimat_analisis(x: HasilIndikatorTahunan | None) -> list[str]:
    a = x.analisis if x else None
    if a is None:
        return []
    out = []
    for label, value in (("Faktor pendukung keberhasilan", a.pendukung), ("Faktor penghambat", a.penghambat),
                         ("Upaya/solusi yang dilakukan", a.upaya), ("Rencana ke depan", a.rencana)):
        if teks(value):
            out.append(f"{label}: {teks(value)}")
    return out
