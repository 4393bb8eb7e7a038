"""BAB I and BAB II of the annual LKjIP: SDM, sarana, budget overview, Renstra matrix, IKU, PK, alokasi.

Pure builders from the model and results to formatted strings. Each takes the `Nomor` counter of
`tahunan.py` and claims its section letter and table number only when its data is present.
"""
from __future__ import annotations

from decimal import Decimal

from ..core import layout as L
from ..core.formatting import angka, jumlah_kata, ribuan, rupiah, terbilang
from ..core.model import Laporan, TargetRenstra
from ..core.performance import Hasil, HasilAnggaran, ratio
from ..core.tahunan import renstra_rows, target_akhir
from . import anggaran as ang, sections as sec
from .sections import Fmt, teks


def rp(ribu: str) -> str:
    """'2.636.500.000' (the table's string) -> 'Rp 2.636.500.000'."""
    return "-" if ribu == "-" else f"Rp {ribu}"


def rp_kata(value: Decimal | None) -> str:
    if value is None:
        return "-"
    return f"{rp(ribuan(value))} ({terbilang(int(value))} rupiah)"


def _n(v) -> str:
    return "-" if v in (None, 0) else str(v)


def sdm(lap: Laporan, no) -> dict:
    rows = lap.tahunan.sdm
    no.bagian("sdm", bool(rows))
    no.tabel("sdm", bool(rows))
    if not rows:
        return {"sdm": {"kolom": [], "baris": []}, "kalimat_sdm": ""}
    used = [p for p in L.PENDIDIKAN if any((r.kebutuhan.get(p) or r.bezetting.get(p)) for r in rows)]
    kolom = ["Jabatan", "K Σ"] + [f"K {p}" for p in used] + ["B Σ"] + [f"B {p}" for p in used] + ["L", "P"]
    baris = []
    for r in rows:
        if r.judul:
            baris.append([teks(r.jabatan)] + [""] * (len(kolom) - 1))
            continue
        baris.append([teks(r.jabatan), _n(r.jumlah_kebutuhan)] + [_n(r.kebutuhan.get(p)) for p in used]
                     + [_n(r.jumlah_bezetting)] + [_n(r.bezetting.get(p)) for p in used]
                     + [_n(r.laki), _n(r.perempuan)])
    keb = sum(r.jumlah_kebutuhan for r in rows)
    bez = sum(r.jumlah_bezetting for r in rows)
    baris.append(["Jumlah", _n(keb)] + [_n(sum(r.kebutuhan.get(p) or 0 for r in rows)) for p in used]
                 + [_n(bez)] + [_n(sum(r.bezetting.get(p) or 0 for r in rows)) for p in used]
                 + [_n(sum(r.laki or 0 for r in rows)), _n(sum(r.perempuan or 0 for r in rows))])
    unit, tahun = teks(lap.identitas.unit), lap.identitas.tahun or ""
    gap = keb - bez
    kalimat = (f"Jumlah pegawai {unit} per 31 Desember {tahun} sebanyak {jumlah_kata(bez)} orang, sedangkan "
               f"kebutuhan pegawai menurut analisis jabatan sebanyak {jumlah_kata(keb)} orang"
               + (f", sehingga masih terdapat kekurangan {jumlah_kata(gap)} orang." if gap > 0 else "."))
    return {"sdm": {"kolom": kolom, "baris": baris}, "kalimat_sdm": kalimat}


def sarpras(lap: Laporan, no) -> dict:
    rows = lap.tahunan.sarana
    no.bagian("sarpras", bool(rows))
    no.tabel("sarpras", bool(rows))
    baris = [[teks(s.uraian), f"{angka(s.jumlah, 0)} {teks(s.satuan)}".strip() if s.jumlah is not None
              else "-", teks(s.kondisi) or "-", teks(s.keterangan)] for s in rows]
    return {"sarpras": {"kolom": ["Sarana Prasarana", "Jumlah", "Kondisi", "Keterangan"] if rows else [],
                        "baris": baris}}


def anggaran_rows(hasil: Hasil, fmt: Fmt) -> list[dict]:
    """The budget rows of BAB I, BAB III C and F: kode, indented name, pagu, realisasi, serapan."""
    rows = ang.anggaran_rows(hasil, fmt)
    for r in rows:
        indent = r["uraian"][: len(r["uraian"]) - len(r["uraian"].lstrip("\u00a0"))]
        r["nama_inden"] = indent + r["nama"]
    return rows


def _hitung_level(lines: list[HasilAnggaran]) -> str:
    counts: dict[str, int] = {}
    for a in lines:
        counts[teks(a.baris.level)] = counts.get(teks(a.baris.level), 0) + 1
    parts = [f"{jumlah_kata(counts[lv])} {lv}" for lv in L.LEVEL_ANGGARAN if counts.get(lv)]
    return ", ".join(parts[:-1]) + (" dan " if len(parts) > 1 else "") + parts[-1] if parts else ""


def bab1_anggaran(lap: Laporan, hasil: Hasil, fmt: Fmt, no) -> dict:
    ada = bool(hasil.anggaran)
    no.bagian("anggaran", ada)
    no.tabel("anggaran", ada)
    unit, tahun = teks(lap.identitas.unit), lap.identitas.tahun or ""
    level = _hitung_level(hasil.anggaran)
    kalimat = (f"Pada tahun anggaran {tahun} {unit} melaksanakan {level} dengan alokasi anggaran sebesar "
               f"{rp_kata(hasil.total_pagu)}, sebagaimana tabel berikut:") if ada else ""
    return {"kalimat_anggaran_bab1": kalimat}


def bab1(lap: Laporan, hasil: Hasil, fmt: Fmt, no) -> dict:
    out = {**sdm(lap, no), **sarpras(lap, no), **bab1_anggaran(lap, hasil, fmt, no)}
    no.bagian("isu", False)
    out["isu_strategis"] = []
    return out


# --- BAB II --------------------------------------------------------------------------------------

def renstra(lap: Laporan, hasil: Hasil, fmt: Fmt, no) -> dict:
    idn, rows = lap.identitas, lap.tahunan.renstra
    awal, akhir = idn.renstra_awal, idn.renstra_akhir
    ada = bool(rows)
    no.bagian("renstra", ada)
    no.tabel("renstra", ada)
    if awal and akhir and akhir >= awal:
        tahun = list(range(awal, min(akhir, awal + L.RENSTRA_TAHUN - 1) + 1))
    else:
        n = max((len(r.target) for r in rows), default=0)
        tahun = [None] * n
    pk = {i.kode: i for i in lap.indikator}

    def baris(r: TargetRenstra) -> dict:
        ind = pk.get(r.kode)
        satuan = ind.satuan if ind else ""
        values = [sec.nilai(r.target_tahun(y, awal) if y else r.target[k], satuan, fmt)
                  if y or k < len(r.target) else "-" for k, y in enumerate(tahun)]
        return {"nama": teks(r.indikator) or (teks(ind.indikator) if ind else r.kode),
                "kondisi_awal": sec.nilai(r.kondisi_awal, satuan, fmt),
                "target": values, "target_akhir": sec.nilai(target_akhir(r, awal, akhir), satuan, fmt),
                "_sasaran": teks(r.sasaran) or (teks(ind.sasaran) if ind else "")}

    kelompok = []
    versi = [v for v in L.VERSI_RENSTRA if any((r.versi or "Awal") == v for r in rows)]
    for v in versi:
        groups: dict[str, list[dict]] = {}
        for r in rows:
            if (r.versi or "Awal") == v:
                b = baris(r)
                groups.setdefault(b.pop("_sasaran"), []).append(b)
        judul = ("SEBELUM PERUBAHAN" if v == "Awal" else "SESUDAH PERUBAHAN") if len(versi) > 1 else ""
        kelompok.append({"judul": judul, "sasaran": [{"nama": k, "indikator": g} for k, g in groups.items()]})
    periode = f"{awal}–{akhir}" if awal and akhir else ""
    dasar = teks(idn.dasar_renstra)
    kalimat = (f"Rencana Strategis {teks(idn.unit)}" + (f" periode {periode}" if periode else "")
               + (f" ditetapkan dengan {dasar}" if dasar else "")
               + ". Sasaran, indikator dan target kinerja jangka menengahnya adalah sebagai berikut:")
    return {"renstra": {"tahun": [str(y) if y else f"Tahun ke-{k + 1}" for k, y in enumerate(tahun)],
                        "kelompok": kelompok},
            "kalimat_renstra": kalimat if ada else "", "periode_renstra": periode,
            "tahun_akhir_renstra": f"({akhir})" if akhir else ""}


def iku(lap: Laporan, no) -> None:
    ada = any(teks(i.formula) or teks(i.penanggung_jawab) or teks(i.sumber_data) or teks(i.jenis)
              for i in lap.indikator)
    no.bagian("iku", ada)
    no.tabel("iku", ada)


def pk_kegiatan(hasil: Hasil, lap: Laporan) -> dict:
    """The PK's budget part: the Kegiatan lines when there are any, else the top lines."""
    pk = ang.anggaran_pk(hasil, lap)
    rows = [dict(r) for r, a in zip(pk["anggaran_pk"], hasil.anggaran) if teks(a.baris.level) == "Kegiatan"]
    if not rows:
        codes = {a.baris.kode for a in hasil.anggaran}
        rows = [dict(r) for r, a in zip(pk["anggaran_pk"], hasil.anggaran) if a.induk not in codes]
    for i, r in enumerate(rows, start=1):
        r["no"] = f"{i}."
        r["uraian"] = r["uraian"].lstrip("\u00a0")
    return {"pk_kegiatan": rows, "jumlah_pk": pk["jumlah_pk"]}


def baris_sasaran(hasil: Hasil, lap: Laporan) -> dict[str, list[HasilAnggaran]]:
    """Budget lines per sasaran: a line belongs to the sasaran of its own link (sasaran, or the
    indicator's sasaran) or, when it has none, of its nearest linked parent."""
    sasaran_of = {i.kode: i.kode_sasaran for i in lap.indikator}
    by_code = {a.baris.kode: a for a in hasil.anggaran}

    def own(a: HasilAnggaran) -> str:
        return a.baris.kode_sasaran or sasaran_of.get(a.baris.kode_indikator, "")

    out: dict[str, list[HasilAnggaran]] = {}
    for a in hasil.anggaran:
        link, up, seen = own(a), a, set()
        while not link and up.induk in by_code and up.induk not in seen:
            seen.add(up.induk)
            up = by_code[up.induk]
            link = own(up)
        if link:
            out.setdefault(link, []).append(a)
    return out


def alokasi(lap: Laporan, hasil: Hasil, fmt: Fmt, no) -> dict:
    lines = baris_sasaran(hasil, lap)
    ada = any(s.pagu is not None for s in hasil.sasaran) and hasil.total_pagu
    no.bagian("alokasi", bool(ada))
    no.tabel("alokasi", bool(ada))
    rows, kalimat = [], []
    for n, s in enumerate(hasil.sasaran, start=1):
        inside = {a.baris.kode for a in lines.get(s.kode, [])}
        tops = [teks(a.baris.uraian) for a in lines.get(s.kode, []) if a.induk not in inside]
        pagu, persen = ribuan(s.pagu), fmt.pct(ratio(s.pagu, hasil.total_pagu))
        rows.append({"no": f"{n}.", "sasaran": teks(s.sasaran), "uraian": "; ".join(tops) or "-",
                     "pagu": pagu, "persen": persen})
        if s.pagu is not None:
            kalimat.append(f"Sasaran {n} ({teks(s.sasaran)}) didukung oleh {'; '.join(tops)} dengan anggaran "
                           f"{rp(pagu)}, atau {persen} dari keseluruhan anggaran.")
        else:
            kalimat.append(f"Sasaran {n} ({teks(s.sasaran)}) belum dihubungkan dengan baris anggaran.")
    jumlah = sum((s.pagu for s in hasil.sasaran if s.pagu is not None), Decimal(0))
    return {"alokasi": rows, "kalimat_alokasi": kalimat if ada else [],
            "alokasi_persen": fmt.pct(ratio(jumlah, hasil.total_pagu))}


def bab2(lap: Laporan, hasil: Hasil, fmt: Fmt, no) -> dict:
    out = renstra(lap, hasil, fmt, no)
    iku(lap, no)
    no.bagian("pk")
    no.tabel("pk")
    out.update(pk_kegiatan(hasil, lap))
    out.update(alokasi(lap, hasil, fmt, no))
    out["label_anggaran"] = "Kegiatan" if any(teks(a.baris.level) == "Kegiatan" for a in hasil.anggaran) else \
        ang.label_anggaran(hasil.anggaran)
    out["renstra_rows_ada"] = bool(renstra_rows(lap))
    return out


__all__ = ["bab1", "bab2", "anggaran_rows", "baris_sasaran", "rp", "rp_kata", "rupiah"]
