"""Checks of the annual-report data (Renstra, Riwayat, Pembanding, Sub Indikator, Analisis) and of
duplicate strategy items -> list[Problem]. Called from `validation.validate`.

Every check is silent for a workbook without the annual sheets, so a quarterly workbook validates as
before. (Seed 001 repeats four RTL items: `rtl-ganda`, in validation.check_rtl.)
"""
from __future__ import annotations

import re
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from . import layout as L
from .formatting import angka, persen, ribuan
from .model import Laporan
from .performance import JUMLAH_BERBOBOT, Hasil
from .problems import Problem, at
from .tahunan import renstra_rows

HUNDRED = Decimal(100)


def _reported(lap: Laporan, ref: str) -> bool:
    return any(p.cell and p.where == ref for p in lap.masalah_baca)


def _norm(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip().lower().rstrip(".;,")


def _pendek(value: str, n: int = 60) -> str:
    return value if len(value) <= n else value[:n - 1].rstrip() + "…"


def validate_tahunan(lap: Laporan, hasil: Hasil) -> list[Problem]:
    out: list[Problem] = []
    for check in (check_periode_renstra, check_renstra, check_dua_sasaran, check_riwayat, check_pembanding,
                  check_sub_indikator, check_komposit, check_analisis, check_kode_lain, check_strategi_ganda):
        out.extend(check(lap, hasil))
    return out


# ---------------------------------------------------------------- Renstra

def _periode(lap: Laporan) -> tuple[int, int] | None:
    """The Renstra period when it is usable."""
    i = lap.identitas
    if i.renstra_awal is None or i.renstra_akhir is None:
        return None
    if i.renstra_awal > i.renstra_akhir or i.renstra_akhir - i.renstra_awal + 1 > L.RENSTRA_TAHUN:
        return None
    return i.renstra_awal, i.renstra_akhir


def check_periode_renstra(lap: Laporan, hasil: Hasil) -> list[Problem]:
    i = lap.identitas
    if not lap.tahunan.renstra and i.renstra_awal is None and i.renstra_akhir is None:
        return []
    awal, akhir = i.renstra_awal, i.renstra_akhir
    show = {"awal": awal if awal is not None else "?", "akhir": akhir if akhir is not None else "?"}
    for key, value in (("renstra_awal", awal), ("renstra_akhir", akhir)):
        if value is None and key in i.cells and not _reported(lap, i.cells[key]):
            return [at("renstra-periode-salah", i.cells[key], alasan="tahunnya belum diisi", **show)]
    if awal is None or akhir is None:
        return []
    cell = i.cells.get("renstra_akhir", "Identitas")
    if awal > akhir:
        return [at("renstra-periode-salah", cell, alasan="tahun awal sesudah tahun akhir", **show)]
    if akhir - awal + 1 > L.RENSTRA_TAHUN:
        return [at("renstra-periode-salah", cell, alasan=f"lebih dari {L.RENSTRA_TAHUN} tahun", **show)]
    if i.tahun is not None and not awal <= i.tahun <= akhir:
        return [at("tahun-di-luar-renstra", i.cells.get("tahun", "Identitas"), tahun=i.tahun, **show)]
    return []


def check_renstra(lap: Laporan, hasil: Hasil) -> list[Problem]:
    out, known = [], {i.kode: i for i in lap.indikator}
    period = _periode(lap)
    for row in lap.tahunan.renstra:
        if row.kode and row.kode not in known and not row.indikator:
            out.append(at("indikator-tidak-dikenal", row.cells["kode"], kode=row.kode))
        filled = [k for k, t in enumerate(row.target) if t.teks]
        if not filled or period is None:
            continue
        last = period[1] - period[0]
        for k in range(filled[0], last + 1):
            key = f"target_{k + 1}"
            if not row.target[k].teks and key in row.cells:
                out.append(at("renstra-tahun-kosong", row.cells[key], kode=row.kode, tahun=period[0] + k))
    tahun = lap.identitas.tahun
    if period is None or tahun is None:
        return out
    for kode, row in renstra_rows(lap).items():
        ind = known.get(kode)
        planned = row.target_tahun(tahun, period[0])
        if ind is None or ind.target.angka is None or planned.angka is None or ind.target.angka == planned.angka:
            continue
        ref = row.cells.get(f"target_{tahun - period[0] + 1}", row.cells["kode"])
        out.append(at("target-renstra-berbeda", ind.cells.get("target", ind.cells["kode"]), tahun=tahun, kode=kode,
                      pk=angka(ind.target.angka), renstra=angka(planned.angka), sel_lain=ref))
    return out


def check_dua_sasaran(lap: Laporan, hasil: Hasil) -> list[Problem]:
    """One indicator under two sasaran: the same indicator text twice in PK, or a Renstra row whose
    sasaran differs from the PK's (004:397 vs 004:501)."""
    out, seen = [], {}
    for ind in lap.indikator:
        key = _norm(ind.indikator)
        if not key:
            continue
        first = seen.setdefault(key, ind)
        if first.kode_sasaran != ind.kode_sasaran:
            out.append(at("indikator-dua-sasaran", ind.cells.get("indikator", ind.cells["kode"]), kode=ind.kode,
                          indikator=_pendek(ind.indikator), sasaran=_pendek(first.sasaran), lain=_pendek(ind.sasaran)))
    known = {i.kode: i for i in lap.indikator}
    for row in lap.tahunan.renstra:
        ind = known.get(row.kode)
        if ind and row.sasaran and ind.sasaran and _norm(row.sasaran) != _norm(ind.sasaran):
            out.append(at("indikator-dua-sasaran", row.cells["sasaran"], kode=ind.kode, indikator=_pendek(ind.indikator),
                          sasaran=_pendek(ind.sasaran), lain=_pendek(row.sasaran)))
    return out


# ---------------------------------------------------------------- history and benchmarks

def check_riwayat(lap: Laporan, hasil: Hasil) -> list[Problem]:
    out, known = [], {i.kode for i in lap.indikator}
    tahun = lap.identitas.tahun
    years: dict[str, dict[int, object]] = {}
    for r in lap.tahunan.riwayat:
        if r.kode and r.kode not in known:
            out.append(at("indikator-tidak-dikenal", r.cells["kode"], kode=r.kode))
            continue
        for key, missing in (("tahun", r.tahun is None), ("realisasi", not r.realisasi.teks)):
            if missing and key in r.cells and not _reported(lap, r.cells[key]):
                out.append(at("nilai-wajib-kosong", r.cells[key], label=L.RIWAYAT.column(key).label))
        if r.tahun is None:
            continue
        mine = years.setdefault(r.kode, {})
        if tahun is not None and r.tahun >= tahun:
            out.append(at("riwayat-tahun-salah", r.cells["tahun"], tahun=r.tahun, kode=r.kode,
                          alasan=f"tidak sebelum tahun laporan {tahun}"))
        elif r.tahun in mine:
            out.append(at("riwayat-tahun-salah", r.cells["tahun"], tahun=r.tahun, kode=r.kode,
                          alasan=f"ditulis dua kali (juga di {mine[r.tahun].cells['tahun']})"))
        else:
            mine[r.tahun] = r
    for kode, mine in years.items():
        present = sorted(mine)
        end = tahun - 1 if tahun is not None else present[-1]
        for y in range(present[0], end + 1):
            if y not in mine:
                after = next((mine[p] for p in present if p > y), mine[present[-1]])
                out.append(at("riwayat-tahun-kosong", after.cells["tahun"], kode=kode, tahun=y))
    return out


def check_pembanding(lap: Laporan, hasil: Hasil) -> list[Problem]:
    out, known = [], {i.kode for i in lap.indikator}
    for b in lap.tahunan.pembanding:
        if b.kode and b.kode not in known:
            out.append(at("indikator-tidak-dikenal", b.cells["kode"], kode=b.kode))
        if not b.nilai.teks:
            continue
        if not b.sumber:
            out.append(at("pembanding-tanpa-sumber", b.cells.get("sumber", b.cells["kode"]), kode=b.kode))
        if b.tahun is None and not _reported(lap, b.cells.get("tahun", "")):
            out.append(at("pembanding-tanpa-tahun", b.cells.get("tahun", b.cells["kode"]), kode=b.kode))
    return out


# ---------------------------------------------------------------- sub-indicators

def check_sub_indikator(lap: Laporan, hasil: Hasil) -> list[Problem]:
    out, known = [], {i.kode: i for i in lap.indikator}
    groups: dict[str, list] = {}
    seen: dict[str, str] = {}
    for s in lap.tahunan.sub_indikator:
        if s.kode in seen:
            out.append(at("kode-ganda", s.cells["kode"], kode=s.kode, sel_lain=seen[s.kode]))
        seen.setdefault(s.kode, s.cells["kode"])
        if s.kode_induk not in known:
            out.append(at("indikator-tidak-dikenal", s.cells["kode_induk"], kode=s.kode_induk))
            continue
        groups.setdefault(s.kode_induk, []).append(s)
        for key in ("target", "realisasi"):
            if not getattr(s, key).teks and key in s.cells:
                out.append(at("nilai-wajib-kosong", s.cells[key], label=L.SUB_INDIKATOR.column(key).label))
    for kode, subs in groups.items():
        ind = known[kode]
        if not ind.aturan_sub:
            out.append(at("aturan-sub-kosong", ind.cells.get("aturan_sub", ind.cells["kode"]), kode=kode))
        if ind.aturan_sub == JUMLAH_BERBOBOT:
            out += _bobot(lap, kode, subs)
        out += _basis(subs)
    return out


def _bobot(lap: Laporan, kode: str, subs: list) -> list[Problem]:
    blank = [s for s in subs if s.bobot is None and "bobot" in s.cells and not _reported(lap, s.cells["bobot"])]
    if blank:
        return [at("nilai-wajib-kosong", s.cells["bobot"], label=L.SUB_INDIKATOR.column("bobot").label) for s in blank]
    total = sum((s.bobot for s in subs if s.bobot is not None), Decimal(0))
    if total != HUNDRED and "bobot" in subs[-1].cells:
        return [at("bobot-tidak-100", subs[-1].cells["bobot"], kode=kode, jumlah=angka(total))]
    return []


def _jumlah(value: Decimal) -> str:
    return ribuan(value) if value == value.to_integral_value() else angka(value)


def _basis(subs: list) -> list[Problem]:
    """A sub-index whose denominator differs from the one most of its siblings use (002:517 vs 002:509)."""
    bases = [s.basis for s in subs if s.basis is not None]
    if len(set(bases)) < 2:
        return []
    common = Counter(bases).most_common(1)[0][0]
    return [at("basis-berbeda", s.cells["basis"], kode=s.kode, basis=_jumlah(s.basis), lain=_jumlah(common))
            for s in subs if s.basis is not None and s.basis != common]


def _decimals(value: Decimal) -> int:
    exp = value.normalize().as_tuple().exponent
    return max(-exp, 0) if isinstance(exp, int) else 0


def check_komposit(lap: Laporan, hasil: Hasil) -> list[Problem]:
    """A typed composite total that is not what its parts give (002:545-547: 66,90 typed, parts 71,85)."""
    out = []
    for h in hasil.indikator:
        k, rec = h.komposit, lap.realisasi.get(h.indikator.kode)
        if k is None or k.realisasi is None or rec is None or rec.tw[3].angka is None:
            continue
        typed = rec.tw[3].angka
        shown = k.realisasi.quantize(Decimal(1).scaleb(-_decimals(typed)), rounding=ROUND_HALF_UP)
        if shown != typed:
            out.append(at("komposit-berbeda", rec.cells.get("real_tw4", rec.cells["kode"]), kode=h.indikator.kode,
                          diketik=angka(typed), aturan=k.aturan.lower(), dihitung=angka(k.realisasi)))
    return out


# ---------------------------------------------------------------- analysis, links, duplicates

def check_analisis(lap: Laporan, hasil: Hasil) -> list[Problem]:
    if lap.identitas.periode != "Tahunan":
        return []
    done = {a.kode for a in lap.tahunan.analisis if a.ada}
    out = []
    for h in hasil.belum_tercapai:
        if h.indikator.kode in done:
            continue
        rec = lap.realisasi.get(h.indikator.kode)
        ref = rec.cells.get("capaian", rec.cells["kode"]) if rec else h.indikator.cells["kode"]
        out.append(at("tanpa-analisis", ref, kode=h.indikator.kode, capaian=persen(h.capaian, lap.pengaturan.desimal)))
    return out


def check_kode_lain(lap: Laporan, hasil: Hasil) -> list[Problem]:
    """Indicator codes typed in Analisis and in Anggaran's Kode Indikator must exist in PK."""
    known, out = {i.kode for i in lap.indikator}, []
    for a in lap.tahunan.analisis:
        if a.kode and a.kode not in known:
            out.append(at("indikator-tidak-dikenal", a.cells["kode"], kode=a.kode))
    for b in lap.anggaran:
        if b.kode_indikator and b.kode_indikator not in known:
            out.append(at("indikator-tidak-dikenal", b.cells["kode_indikator"], kode=b.kode_indikator))
    return out


def check_strategi_ganda(lap: Laporan, hasil: Hasil) -> list[Problem]:
    """The same strategy written twice for the same indicator (repeated RTL items: `rtl-ganda`)."""
    out, seen = [], {}
    for s in lap.strategi:
        key = (s.kode, _norm(s.strategi))
        ref = s.cells.get("strategi", f"Strategi!B{s.row}")
        if key[1] and key in seen:
            out.append(at("strategi-ganda", ref, teks=_pendek(s.strategi), kode=s.kode, sel_lain=seen[key]))
        seen.setdefault(key, ref)
    return out
