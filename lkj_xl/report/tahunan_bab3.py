"""BAB III of the annual LKjIP assembled in the order it is printed (so table numbers follow the page):
A kerangka pengukuran, B capaian (measurement, analysis, trend, benchmark), C program pendukung,
D efisiensi, E rekap predikat, F realisasi anggaran (G prestasi is claimed by `tahunan.py`).
"""
from __future__ import annotations

from decimal import Decimal

from ..core.formatting import angka, jumlah_kata, ribuan
from ..core.model import Laporan
from ..core.performance import Hasil, ratio
from . import tahunan_capaian as tc
from .sections import Fmt, teks
from .tahunan_awal import anggaran_rows, baris_sasaran, rp, rp_kata


def skala(lap: Laporan) -> list[dict]:
    """'≥ 91', '76 ≤ capaian < 91', …, '< 51' from the scale in Pengaturan."""
    rows = sorted(lap.pengaturan.skala, key=lambda x: x[0], reverse=True)
    out = []
    for i, (bound, name) in enumerate(rows):
        b = angka(bound, 0) if bound == bound.to_integral_value() else angka(bound, 2)
        if i == 0:
            interval = f"capaian ≥ {b}"
        else:
            up = rows[i - 1][0]
            u = angka(up, 0) if up == up.to_integral_value() else angka(up, 2)
            interval = f"capaian < {u}" if bound <= 0 else f"{b} ≤ capaian < {u}"
        out.append({"no": f"{i + 1}.", "interval": interval, "predikat": teks(name)})
    return out


def rumus(lap: Laporan, hasil: Hasil, nomor: dict[str, str]) -> list[dict]:
    """The formulas this report actually uses, no more."""
    inds = lap.indikator
    out = []
    if any(i.polaritas != "Negatif" for i in inds):
        out.append("Indikator positif (makin tinggi makin baik): Capaian = Realisasi / Target × 100%.")
    negs = {i.rumus_negatif or lap.pengaturan.rumus_negatif for i in inds if i.polaritas == "Negatif"}
    for r in sorted(negs):
        out.append("Indikator negatif (makin rendah makin baik): Capaian = "
                   + ("Target / Realisasi × 100%." if r == "T/R" else "(2 × Target − Realisasi) / Target × 100%."))
    if any(i.target_atas.angka is not None for i in inds):
        out.append("Target rentang (misalnya 80–90%): realisasi di atas rentang dibandingkan dengan batas atas, "
                   "di bawah rentang dengan batas bawah, di dalam rentang capaiannya 100%.")
    for h in hasil.indikator:
        if h.komposit is not None:
            out.append(f"Indikator {nomor[h.indikator.kode]} diukur dari {jumlah_kata(len(h.komposit.sub))} sub "
                       f"indikator: realisasinya {tc.ATURAN_TEKS.get(h.komposit.aturan, h.komposit.aturan)}.")
    out.append("Capaian sasaran = rata-rata capaian indikatornya.")
    if lap.tahunan.renstra:
        out.append("Capaian terhadap target akhir Renstra = Realisasi tahun ini / Target akhir Renstra × 100%"
                   + (" (indikator negatif memakai rumus negatif di atas)." if negs else "."))
    if hasil.anggaran:
        out.append("Serapan anggaran = Realisasi / Pagu × 100%; untuk sasaran dan jumlah, pagu dan realisasi "
                   "dijumlahkan lebih dahulu lalu dibagi (bukan rata-rata persentase).")
        out.append("Efisiensi = capaian kinerja " + ("dibagi" if hasil.metode_efisiensi == "Rasio" else "dikurangi")
                   + " serapan anggaran; efisien bila capaian kinerja lebih tinggi daripada serapan anggaran.")
    return [{"no": f"{i}.", "uraian": s} for i, s in enumerate(out, start=1)]


def _sasaran(lap: Laporan, hasil: Hasil, fmt: Fmt) -> tuple[list[dict], dict]:
    tah = tc._tahunan(hasil)
    years = tc.tahun_riwayat(lap, hasil)
    tahun = lap.identitas.tahun
    out, by_kode = [], {}
    for sn, s in enumerate(hasil.sasaran, start=1):
        rows = []
        for k, h in enumerate(s.indikator, start=1):
            r = tc.baris(h, tah.get(h.indikator.kode), f"{sn}.{k}", years, fmt, tahun)
            rows.append(r)
            by_kode[h.indikator.kode] = (h, r)
        lampiran = []
        for r in rows:      # Lampiran II: each indicator followed by its sub-indicators, one flat list
            lampiran.append(r)
            lampiran += [{"nomor": "", "nama": f"\u00a0\u00a0{u['nama']}", "target": u["target"],
                          "realisasi": u["realisasi"], "capaian": u["capaian"], "predikat": u["bobot"],
                          "target_akhir": "", "capaian_renstra": ""} for u in r["sub"]]
        out.append({"no": str(sn), "nomor": str(sn), "kode": teks(s.kode), "nama": teks(s.sasaran),
                    "baris_lampiran": lampiran,
                    "capaian": fmt.pct(s.capaian), "predikat": teks(s.predikat) or "-",
                    "rata": len(rows) > 1, "indikator": rows, "_hasil": s})
    return out, by_kode


def kalimat_sasaran(s: dict) -> str:
    n = len(s["indikator"])
    rata = f"rata-rata capaian {jumlah_kata(n)} indikatornya " if n > 1 else "capaian indikatornya "
    return (f"Sasaran {s['nomor']} “{s['nama']}”: {rata}{s['capaian']} dengan predikat {s['predikat']}.")


def analisis(lap: Laporan, hasil: Hasil, sasaran: list[dict], unit: str) -> tuple[list[dict], list[dict]]:
    tah = tc._tahunan(hasil)
    tahun, akhir = lap.identitas.tahun, lap.identitas.renstra_akhir
    out, bench = [], []
    for s in sasaran:
        paragraf = [kalimat_sasaran(s)]
        for h, r in ((h, r) for h, r in zip(s["_hasil"].indikator, s["indikator"])):
            x = tah.get(h.indikator.kode)
            rows = tc.pembanding_rows(x, h, r, _fmt(lap))
            bench += rows
            kal = " ".join(v for v in (tc.kalimat_capaian(h, r), tc.kalimat_komposit(h, r)) if v)
            paragraf.append(kal)
            paragraf.append(" ".join((tc.kalimat_lalu(x, r, tahun), tc.kalimat_renstra(x, r, akhir, tahun),
                                      tc.kalimat_pembanding(rows, unit))))
            paragraf += tc.kalimat_analisis(x)
        out.append({"judul": f"Sasaran {s['nomor']}: {s['nama']}", "paragraf": paragraf})
    for i, b in enumerate(bench, start=1):
        b["no"] = str(i)
    return out, bench


def _fmt(lap: Laporan) -> Fmt:
    return Fmt.dari(lap.pengaturan)


def kalimat_pengukuran(hasil: Hasil, fmt: Fmt) -> str:
    n = len(hasil.indikator)
    a, b, c = len(hasil.tercapai), len(hasil.belum_tercapai), len(hasil.tidak_terhitung)
    s = (f"Dari {jumlah_kata(n)} indikator kinerja, {jumlah_kata(a)} indikator mencapai target (capaian 100% atau "
         f"lebih) dan {jumlah_kata(b)} indikator belum mencapai target")
    if c:
        s += f", sedangkan capaian {jumlah_kata(c)} indikator tidak dapat dihitung"
    if hasil.kinerja is not None:
        s += f". Rata-rata capaian seluruh indikator adalah {fmt.pct(hasil.kinerja)} dengan predikat {hasil.predikat}"
    return s + "."


def predikat(lap: Laporan, hasil: Hasil) -> dict:
    t = getattr(hasil, "tahunan", None)
    counts = t.predikat if t is not None else {}
    intervals = {r["predikat"]: r["interval"] for r in skala(lap)}
    rows = [{"predikat": k, "interval": intervals.get(k, ""), "jumlah": str(v)} for k, v in counts.items()]
    n = len(hasil.indikator)
    parts = [f"{jumlah_kata(v)} indikator berpredikat {k}" for k, v in counts.items() if v]
    tidak = t.tidak_terhitung if t is not None else 0
    if tidak:
        parts.append(f"{jumlah_kata(tidak)} indikator tidak dapat dihitung capaiannya")
    kal = (f"Dari {jumlah_kata(n)} indikator kinerja, " + ", ".join(parts) + ".") if parts else \
        "Belum ada indikator yang dapat diberi predikat."
    return {"predikat_jumlah": rows, "kalimat_predikat": kal}


def capaian(lap: Laporan, hasil: Hasil, fmt: Fmt, no) -> dict:
    """BAB III A, B (and E, the predikat recap, whose letter comes after C and D: see `anggaran`)."""
    unit = teks(lap.identitas.unit)
    tahun = lap.identitas.tahun
    no.bagian("kerangka")
    no.tabel("skala")
    sas, by_kode = _sasaran(lap, hasil, fmt)
    nomor = {k: r["nomor"] for k, (h, r) in by_kode.items()}
    no.bagian("capaian")
    no.tabel("pengukuran")
    kompo = []
    for s in sas:
        for h, r in zip(s["_hasil"].indikator, s["indikator"]):
            if h.komposit is not None and r["sub"]:
                no.tabel(f"komposit_{r['kode']}")
                kompo.append(tc.komposit(h, r, fmt, no.tab[f"komposit_{r['kode']}"]))
    no.gambar("capaian", bool(hasil.sasaran))
    ana, bench = analisis(lap, hasil, sas, unit)
    ada_riwayat = any(r["lalu"] for s in sas for r in s["indikator"])
    no.tabel("riwayat", ada_riwayat)
    no.tabel("pembanding", bool(bench))
    if bench:
        kal_bench = (f"Data pembanding tersedia untuk {jumlah_kata(len({b['indikator'] for b in bench}))} dari "
                     f"{jumlah_kata(len(hasil.indikator))} indikator; untuk indikator lainnya tidak ada data "
                     f"pembanding nasional, provinsi maupun kabupaten.")
    else:
        kal_bench = (f"Tidak ada data pembanding nasional, provinsi maupun kabupaten untuk indikator kinerja {unit} "
                     f"Tahun {tahun}, sehingga realisasi tidak dapat diperbandingkan dengan pembanding.")
    years = tc.tahun_riwayat(lap, hasil)
    kal_riwayat = [f"Indikator {r['nomor']} {r['nama']}: " + ", ".join(
        f"{y} {v}" for y, v in zip(years, r["riwayat"])) + f" ({r['perubahan']} terhadap tahun {tahun - 1})."
        for s in sas for r in s["indikator"] if r["lalu"]] if tahun else []
    for s in sas:
        s["kalimat_ikhtisar"] = tc_ikhtisar(s)
    tren = grafik_tren(lap, sas, years, no)
    return {
        "sasaran": sas, "skala": skala(lap), "skala_sumber": "", "rumus": rumus(lap, hasil, nomor),
        "kalimat_pengukuran": kalimat_pengukuran(hasil, fmt),
        "catatan_pengukuran": ("Capaian (6) = Realisasi (5) / Target (4) × 100%; capaian terhadap target akhir "
                               "Renstra (9) = Realisasi (5) / Target Akhir (8) × 100%"
                               + ("; indikator negatif memakai rumus negatif (subbab A)"
                                  if any(i.polaritas == "Negatif" for i in lap.indikator) else "")
                               + ". Rata-rata capaian sasaran = rata-rata capaian indikatornya."),
        "analisis": ana, "ada_riwayat": ada_riwayat,
        "riwayat": {"tahun": [str(y) for y in years]}, "tahun_lalu": str((tahun or 1) - 1),
        "kalimat_riwayat": kal_riwayat,
        "ada_pembanding": bool(bench), "pembanding": bench, "kalimat_pembanding": kal_bench,
        "jumlah_indikator": len(hasil.indikator),
        "grafik_tren": tren,
        "komposit": kompo,
    }


def grafik_tren(lap: Laporan, sas: list[dict], years: list, no) -> list[dict]:
    """One trend chart per IKU with history (every indicator with history when none is marked IKU);
    the images are drawn by charts_tahunan, the numbered captions are made here."""
    any_iku = any(teks(i.jenis) == "IKU" for i in lap.indikator)
    out = []
    for s in sas:
        for h, r in zip(s["_hasil"].indikator, s["indikator"]):
            if r["lalu"] and (teks(h.indikator.jenis) == "IKU" or not any_iku):
                key = f"tren_{r['kode']}"
                no.gambar(key)
                span = f"{years[0]}–{years[-1]}" if years else ""
                out.append({"kode": r["kode"], "gambar": "",
                            "judul": f"{no.gbr[key]} Realisasi dan Target Indikator {r['nomor']} {r['nama']} {span}"})
    return out


def tc_ikhtisar(s: dict) -> str:
    return f"Sasaran {s['nomor']} “{s['nama']}” mencapai {s['capaian']} dengan predikat {s['predikat']}."


# --- C, D, E, F ----------------------------------------------------------------------------------

def anggaran(lap: Laporan, hasil: Hasil, fmt: Fmt, no, cap: dict) -> dict:
    unit, tahun = teks(lap.identitas.unit), lap.identitas.tahun or ""
    rows = anggaran_rows(hasil, fmt)
    by_code = {a.baris.kode: r for a, r in zip(hasil.anggaran, rows)}
    lines = baris_sasaran(hasil, lap)
    program = [{"nama": f"Sasaran {s['nomor']}: {s['nama']}",
                "baris": [by_code[a.baris.kode] for a in lines.get(s["kode"], [])]}
               for s in cap["sasaran"] if lines.get(s["kode"])]
    no.bagian("program", bool(program))
    no.tabel("program", bool(program))

    efis = []
    for s in cap["sasaran"]:
        h = s["_hasil"]
        row = {"no": f"{s['nomor']}.", "nama": s["nama"], "capaian": s["capaian"], "serapan": fmt.pct(h.serapan),
               "efisiensi": fmt.num(h.efisiensi), "kategori": teks(h.kategori) or "-"}
        if h.efisiensi is not None:
            row["kalimat"] = (f"Sasaran {s['nomor']}: capaian kinerja {row['capaian']} dengan serapan anggaran "
                              f"{row['serapan']}, sehingga dikategorikan {row['kategori'].lower()} "
                              f"(efisiensi {row['efisiensi']}).")
        else:
            row["kalimat"] = (f"Sasaran {s['nomor']}: capaian kinerja {row['capaian']}, serapan anggaran "
                              f"{row['serapan']}; efisiensi dikategorikan “{row['kategori']}”.")
        efis.append(row)
    ada_efis = any(s["_hasil"].serapan is not None for s in cap["sasaran"])
    no.bagian("efisiensi", ada_efis)
    no.tabel("efisiensi", ada_efis)
    no.bagian("predikat")
    no.tabel("predikat")
    no.bagian("realisasi", bool(hasil.anggaran))
    no.tabel("realisasi", bool(hasil.anggaran))
    no.gambar("serapan", bool(hasil.anggaran))

    pagu, real, ser = ribuan(hasil.total_pagu), ribuan(hasil.total_realisasi), fmt.pct(hasil.serapan)
    ikhtisar = (f"Untuk mendukung pencapaian kinerja tahun {tahun} dialokasikan anggaran sebesar "
                f"{rp_kata(hasil.total_pagu)}. Realisasi sampai dengan 31 Desember {tahun} sebesar {rp(real)} "
                f"({ser}) dari pagu {rp(pagu)}.") if hasil.anggaran else ""
    realisasi = [f"Pelaksanaan tugas dan fungsi {unit} tahun anggaran {tahun} didukung anggaran sebesar "
                 f"{rp_kata(hasil.total_pagu)}. Realisasi sampai dengan 31 Desember {tahun} sebesar "
                 f"{rp_kata(hasil.total_realisasi)}, atau {ser} dari pagu, dengan sisa anggaran "
                 f"{rp(ribuan(sisa(hasil)))}."] if hasil.anggaran else []
    sdm_total = getattr(getattr(hasil, "tahunan", None), "sdm_bezetting", 0)
    pembuka = (f"Sumber daya yang digunakan untuk mencapai sasaran meliputi "
               + (f"{jumlah_kata(sdm_total)} pegawai dan " if sdm_total else "")
               + f"anggaran sebesar {rp(pagu)}. Tingkat efisiensi per sasaran adalah sebagai berikut:")
    return {
        "anggaran": rows, "ada_anggaran": bool(rows),
        "total": {"pagu": pagu, "realisasi": real, "serapan": ser},
        "program": program, "efisiensi": efis, "metode_efisiensi": hasil.metode_efisiensi,
        "kalimat_efisiensi_pembuka": pembuka,
        "catatan_efisiensi": ("% Serapan = realisasi / pagu baris anggaran sasaran (rasio jumlah). Efisiensi = "
                              "% capaian kinerja " + ("dibagi" if hasil.metode_efisiensi == "Rasio" else "dikurangi")
                              + " % serapan anggaran. Belum dilaksanakan: capaian dan serapan sama-sama 0%; tidak "
                              "dapat dihitung: salah satunya tidak tersedia."),
        **predikat(lap, hasil),
        "kalimat_realisasi": realisasi, "kalimat_ikhtisar": ikhtisar,
        "catatan_realisasi": "Jumlah dan persentase total = jumlah realisasi / jumlah pagu baris teratas.",
    }


def sisa(hasil: Hasil) -> Decimal | None:
    if hasil.total_pagu is None or hasil.total_realisasi is None:
        return None
    return hasil.total_pagu - hasil.total_realisasi


__all__ = ["capaian", "anggaran", "skala", "rumus", "ratio"]
