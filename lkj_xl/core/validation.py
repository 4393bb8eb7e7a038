"""Checks of what the user typed -> list[Problem]. Never raises for data problems.

Each check is a small function over the model (and the computed results, where a rule depends on
them). Every problem names the sheet and cell and says what to do (catalogue in `problems`).
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from openpyxl.utils import get_column_letter

from . import layout as L
from .formatting import angka, persen, ribuan, tanggal
from .model import Laporan
from .performance import (REALISASI_KOSONG, TARGET_BUKAN_ANGKA, TARGET_NOL, Hasil, hitung, parent_code)
from .problems import Problem, at
from .validation_tahunan import validate_tahunan

ROMAN = L.TW


def validate(lap: Laporan, hasil: Hasil | None = None) -> list[Problem]:
    hasil = hasil or hitung(lap)
    problems = list(lap.masalah_baca)
    for check in (check_identitas, check_nip, check_tanggal, check_pk, check_capaian, check_anggaran,
                  check_strategi, check_rtl, check_dokumentasi, validate_tahunan):
        problems.extend(check(lap, hasil))
    src = lap.sumber
    return [p if p.file else Problem(**{**p.__dict__, "file": src}) for p in problems]


# ---------------------------------------------------------------- identity and dates

ATASAN = ("jabatan_atasan", "nama_atasan", "nip_atasan")


def check_identitas(lap: Laporan, hasil: Hasil) -> list[Problem]:
    ident, out = lap.identitas, []
    # The atasan is optional (a Camat signs alone), but once one of the three is typed, all three are needed.
    atasan = any(getattr(ident, k) for k in ATASAN)
    for f in L.IDENTITAS.fields:
        needed = f.required or (atasan and f.key in ATASAN)
        if needed and f.key in ident.cells and not getattr(ident, f.key):
            if not _reported(lap, ident.cells[f.key]):
                out.append(at("nilai-wajib-kosong", ident.cells[f.key], label=f.label))
    if lap.pengaturan.lampiran_pk == "Ya" and not ident.tanggal_pk and "tanggal_pk" in ident.cells:
        if not _reported(lap, ident.cells["tanggal_pk"]):
            out.append(at("tanggal-pk-kosong", ident.cells["tanggal_pk"]))
    return out


def nip_reason(digits: str) -> str:
    """'' when the 18-digit NIP is plausible, else why not (Bahasa Indonesia)."""
    if len(digits) != 18 or not digits.isdigit():
        return f"terdiri dari {len(digits)} digit, seharusnya 18"
    try:
        born = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return f"tanggal lahir {digits[:8]} tidak ada"
    year, month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= month <= 12:
        return f"bulan pengangkatan {digits[12:14]} tidak ada"
    if year < born.year + 15 or year > dt.date.today().year + 1:
        return f"tahun pengangkatan {year} tidak masuk akal untuk kelahiran {born.year}"
    if digits[14] not in "12":
        return f"digit jenis kelamin {digits[14]} seharusnya 1 atau 2"
    return ""


def check_nip(lap: Laporan, hasil: Hasil) -> list[Problem]:
    ident, out = lap.identitas, []
    for key in ("nip", "nip_atasan"):
        digits = getattr(ident, key)
        if digits and key in ident.cells:
            reason = nip_reason(digits)
            if reason:
                label = L.IDENTITAS.fields[[f.key for f in L.IDENTITAS.fields].index(key)].label
                out.append(at("nip-tidak-valid", ident.cells[key], label=label, teks=digits, alasan=reason))
    return out


def period_end(tahun: int, tw: int) -> dt.date:
    month = tw * 3
    return dt.date(tahun, 12, 31) if month == 12 else dt.date(tahun, month + 1, 1) - dt.timedelta(days=1)


def add_working_days(day: dt.date, n: int, libur=(), nasional: bool = True) -> dt.date:
    """`n` working days after `day`: Monday–Friday except Indonesia's national holidays and cuti bersama
    (the `holidays` package: categories public and government; left out when not `nasional`) and the
    unit's own days off `libur`."""
    off: dict | set = set()
    if nasional:
        import holidays   # imported late (~0,1 s: every country's calendar): only this check needs it

        off = holidays.country_holidays("ID", years=range(day.year, day.year + 2),
                                        categories=("public", "government"))
    extra = set(libur)
    while n > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in off and day not in extra:
            n -= 1
    return day


def check_tanggal(lap: Laporan, hasil: Hasil) -> list[Problem]:
    ident, out = lap.identitas, []
    if not (ident.tanggal and ident.tahun and ident.tw):
        return out
    ref = ident.cells.get("tanggal", "Identitas!B19")
    if ident.tanggal.year not in (ident.tahun, ident.tahun + 1):
        return [at("tahun-tanggal-berbeda", ref, tanggal=tanggal(ident.tanggal), tahun=ident.tahun)]
    end = period_end(ident.tahun, ident.tw)
    if ident.periode == "Tahunan":
        deadline, hari = dt.date(ident.tahun + 1, 2, 28), "—"
    else:
        # National holidays only move the deadline later: a report dated on or before the deadline
        # without them is on time, and the holiday calendar is not needed (most reports).
        deadline = add_working_days(end, ident.batas_hari_kerja, lap.pengaturan.hari_libur, nasional=False)
        if ident.tanggal > deadline:
            deadline = add_working_days(end, ident.batas_hari_kerja, lap.pengaturan.hari_libur)
        hari = ident.batas_hari_kerja
    if ident.tanggal < end:
        out.append(at("tanggal-sebelum-periode", ref, tanggal=tanggal(ident.tanggal), periode=ident.periode,
                      akhir=tanggal(end)))
    elif ident.tanggal > deadline:
        out.append(at("tanggal-lewat-batas", ref, tanggal=tanggal(ident.tanggal), hari=hari, batas=tanggal(deadline)))
    return out


# ---------------------------------------------------------------- PK and realisasi

def _required(cells: dict[str, str], values: dict[str, object], spec: L.TableSheet) -> list[Problem]:
    out = []
    for key, value in values.items():
        if value in ("", None) and key in cells:
            out.append(at("nilai-wajib-kosong", cells[key], label=spec.column(key).label))
    return out


def _duplicates(items, sheet_name: str) -> list[Problem]:
    seen: dict[str, str] = {}
    out = []
    for item in items:
        if not item.kode:
            continue
        here = item.cells.get("kode", f"{sheet_name}!A{item.row}")
        if item.kode in seen:
            out.append(at("kode-ganda", here, kode=item.kode, sel_lain=seen[item.kode]))
        else:
            seen[item.kode] = here
    return out


def check_pk(lap: Laporan, hasil: Hasil) -> list[Problem]:
    out = []
    if not lap.indikator:
        return [at("tanpa-indikator", f"PK!A{lap.baris_header.get('PK', 3) + 1}")]
    names: dict[str, tuple[str, str]] = {}
    for ind in lap.indikator:
        out += _required(ind.cells, {"kode_sasaran": ind.kode_sasaran, "sasaran": ind.sasaran, "kode": ind.kode,
                                     "indikator": ind.indikator, "satuan": ind.satuan}, L.PK)
        typed = ind.sasaran_diketik
        if typed and ind.kode_sasaran in names and names[ind.kode_sasaran][0] != typed:
            out.append(at("sasaran-berbeda", ind.cells["sasaran"], kode=ind.kode_sasaran, lain=names[ind.kode_sasaran][0]))
        elif typed and ind.kode_sasaran not in names:
            names[ind.kode_sasaran] = (typed, ind.cells["sasaran"])
    out += _duplicates(lap.indikator, "PK")
    for h in hasil.indikator:
        ind = h.indikator
        target_key = f"target_tw{hasil.tw}" if h.target is ind.target_tw[hasil.tw - 1] else "target"
        cell = ind.cells.get(target_key, ind.cells.get("target", f"PK!A{ind.row}"))
        if h.alasan == TARGET_NOL:
            out.append(at("target-nol", cell, kode=ind.kode))
        elif h.alasan == TARGET_BUKAN_ANGKA and _reported(lap, cell):
            pass                                # reading named what is wrong with this cell
        elif h.alasan == TARGET_BUKAN_ANGKA:
            if h.target.teks:
                out.append(at("target-bukan-angka", cell, kode=ind.kode, teks=h.target.teks))
            else:
                out.append(at("nilai-wajib-kosong", cell, label=L.PK.column(target_key).label))
    return out


def check_capaian(lap: Laporan, hasil: Hasil) -> list[Problem]:
    out, tw = [], hasil.tw
    known = {i.kode: i for i in lap.indikator}
    rows = lap.realisasi_baris
    out += _duplicates(rows, "Capaian")
    for rec in rows:
        if rec.kode and rec.kode not in known:
            out.append(at("indikator-tidak-dikenal", rec.cells["kode"], kode=rec.kode))
        elif not rec.kode:
            out.append(at("nilai-wajib-kosong", rec.cells["kode"], label=L.CAPAIAN.column("kode").label))
    for h in hasil.indikator:
        ind, rec = h.indikator, lap.realisasi.get(h.indikator.kode)
        if not ind.kode:
            continue
        if rec is None:
            if h.komposit is None:      # a composite's realisasi comes from its sub-indicators
                out.append(at("indikator-tanpa-realisasi", ind.cells["kode"], kode=ind.kode))
            continue
        for i, nilai in enumerate(rec.tw[:max(tw, 1)], start=1):
            key = f"real_tw{i}"
            if nilai.teks and nilai.angka is None and key in rec.cells and not _reported(lap, rec.cells[key]):
                out.append(at("bukan-angka", rec.cells[key], label=L.CAPAIAN.column(key).label, teks=nilai.teks))
        if h.alasan == REALISASI_KOSONG and not rec.tw[tw - 1].teks and h.komposit is None:
            out.append(at("realisasi-kosong", rec.cells.get(f"real_tw{tw}", rec.cells["kode"]), kode=ind.kode, tw=ROMAN[tw - 1]))
        out += _menurun(ind.kode, [n.angka for n in rec.tw], rec.cells, lambda v: angka(v))
        out += _skala_persen(ind, rec)
    return out


def _menurun(kode: str, values: list, cells: dict[str, str], fmt) -> list[Problem]:
    out, prev = [], None
    for i, value in enumerate(values, start=1):
        if value is None:
            continue
        if prev is not None and value < prev[1]:
            out.append(at("realisasi-menurun", cells.get(f"real_tw{i}", ""), kode=kode, tw_a=ROMAN[prev[0] - 1],
                          a=fmt(prev[1]), tw_b=ROMAN[i - 1], b=fmt(value)))
        prev = (i, value)
    return out


def _skala_persen(ind, rec) -> list[Problem]:
    """'0,9 among 90s': a percent indicator value typed as a fraction next to values on the 0–100 scale."""
    if ind.satuan.strip() != "%":
        return []
    numbers = [n.angka for n in [ind.target, *rec.tw] if n.angka is not None]
    big = [v for v in numbers if v > 2]
    out = []
    if not big:
        return out
    typical = sorted(big)[len(big) // 2]
    for i, n in enumerate(rec.tw, start=1):
        if n.angka is not None and 0 < n.angka <= Decimal("1.5") and typical >= 10:
            out.append(at("skala-persen-salah", rec.cells[f"real_tw{i}"], label=L.CAPAIAN.column(f"real_tw{i}").label,
                          teks=angka(n.angka), lain=angka(typical)))
    if ind.target.angka is not None and 0 < ind.target.angka <= Decimal("1.5") and any(
            n.angka is not None and n.angka >= 10 for n in rec.tw):
        out.append(at("skala-persen-salah", ind.cells["target"], label=L.PK.column("target").label,
                      teks=angka(ind.target.angka), lain=angka(max(n.angka for n in rec.tw if n.angka is not None))))
    return out


# ---------------------------------------------------------------- budget

def check_anggaran(lap: Laporan, hasil: Hasil) -> list[Problem]:
    out, tw = [], hasil.tw
    sasaran = {i.kode_sasaran for i in lap.indikator}
    out += _duplicates(lap.anggaran, "Anggaran")
    for b in lap.anggaran:
        out += _required(b.cells, {"kode": b.kode, "uraian": b.uraian, "level": b.level}, L.ANGGARAN)
        if b.pagu is None and "pagu" in b.cells and not _reported(lap, b.cells["pagu"]):
            out.append(at("nilai-wajib-kosong", b.cells["pagu"], label=L.ANGGARAN.column("pagu").label))
        if b.kode_sasaran and b.kode_sasaran not in sasaran:
            out.append(at("sasaran-tidak-dikenal", b.cells["kode_sasaran"], kode=b.kode_sasaran))
        amounts = {"anggaran_pk": b.anggaran_pk, "pagu": b.pagu, "pagu_perubahan": b.pagu_perubahan,
                   **{f"real_tw{i}": v for i, v in enumerate(b.tw, start=1)}}
        for key, value in amounts.items():
            if value is not None and value < 0:
                out.append(at("angka-negatif", b.cells[key], label=L.ANGGARAN.column(key).label, teks=ribuan(value)))
        real, pagu = b.tw[tw - 1], b.pagu_berlaku
        if real is not None and pagu is not None and real > pagu:
            out.append(at("realisasi-melebihi-pagu", b.cells[f"real_tw{tw}"], kode=b.kode, realisasi=ribuan(real),
                          pagu=ribuan(pagu)))
        out += _menurun(b.kode, b.tw, b.cells, ribuan)
        if (b.anggaran_pk is not None and pagu is not None and b.anggaran_pk != pagu
                and not b.keterangan_perubahan):
            out.append(at("anggaran-pk-berbeda", b.cells["anggaran_pk"], kode=b.kode, pk=ribuan(b.anggaran_pk),
                          pagu=ribuan(pagu)))
    out += _roll_up(lap, tw)
    return out


def _reported(lap: Laporan, ref: str) -> bool:
    """True when reading already reported this cell (e.g. as not a number): one problem per cell."""
    return any(p.cell and p.where == ref for p in lap.masalah_baca)


def _roll_up(lap: Laporan, tw: int) -> list[Problem]:
    """A parent line's pagu and realisasi must equal the sum of its direct children."""
    codes = {b.kode for b in lap.anggaran if b.kode}
    children: dict[str, list] = {}
    for b in lap.anggaran:
        parent = parent_code(b.kode, codes) if b.kode else ""
        if parent:
            children.setdefault(parent, []).append(b)
    out = []
    for b in lap.anggaran:
        kids = children.get(b.kode)
        if not kids:
            continue
        anak = kids[0].level.lower() or "rincian"
        for label, key, get in (("Pagu", "pagu", lambda x: x.pagu_berlaku),
                                (f"Realisasi s.d. TW {ROMAN[tw - 1]}", f"real_tw{tw}", lambda x: x.tw[tw - 1])):
            mine, theirs = get(b), [get(k) for k in kids]
            if mine is None or all(v is None for v in theirs):
                continue
            total = sum((v for v in theirs if v is not None), Decimal(0))
            if total != mine:
                cell = b.cells["pagu_perubahan" if key == "pagu" and b.pagu_perubahan is not None else key]
                out.append(at("induk-tidak-sama", cell, kolom=label, kode=b.kode, induk=ribuan(mine),
                              jumlah=ribuan(total), anak=anak))
    return out


# ---------------------------------------------------------------- strategies and follow-up

def check_strategi(lap: Laporan, hasil: Hasil) -> list[Problem]:
    out = []
    known = {i.kode for i in lap.indikator}
    with_strategy = set()
    for s in lap.strategi:
        if s.kode and s.kode not in known:
            out.append(at("indikator-tidak-dikenal", s.cells["kode"], kode=s.kode))
        elif not s.kode:
            out.append(at("nilai-wajib-kosong", s.cells["kode"], label=L.STRATEGI.column("kode").label))
        with_strategy.add(s.kode)
    tahunan = lap.identitas.periode == "Tahunan"   # the annual report asks for analysis instead (Analisis)
    for h in hasil.belum_tercapai:
        if h.indikator.kode not in with_strategy and not tahunan:
            rec = lap.realisasi.get(h.indikator.kode)
            ref = rec.cells.get("capaian", rec.cells["kode"]) if rec else h.indikator.cells["kode"]
            out.append(at("tanpa-strategi", ref, kode=h.indikator.kode, capaian=persen(h.capaian, lap.pengaturan.desimal)))
    return out


def same_text(s: str) -> str:
    """Text compared as a reader sees it (the rule of check_butir_ganda, which warns about repeated
    RTL items): case, runs of blanks and a trailing '.;,' ignored. The report prints such repeats once."""
    return re.sub(r"\s+", " ", str(s or "")).strip().lower().rstrip(".;,")


def check_rtl(lap: Laporan, hasil: Hasil) -> list[Problem]:
    known = {i.kode for i in lap.indikator}
    out, seen = [], {}
    col_uraian = get_column_letter(lap.kolom.get("RTL", {}).get("uraian") or 1)
    for r in lap.rtl:
        if r.kode and r.kode not in known:
            col = lap.kolom.get("RTL", {}).get("kode")
            out.append(at("indikator-tidak-dikenal", f"RTL!{get_column_letter(col or 2)}{r.row}", kode=r.kode))
        key = same_text(r.uraian)
        if key and key in seen:
            out.append(at("rtl-ganda", f"RTL!{col_uraian}{r.row}", baris=seen[key]))
        elif key:
            seen[key] = r.row
    return out


def check_dokumentasi(lap: Laporan, hasil: Hasil) -> list[Problem]:
    """Photo rows without a file are left out of Lampiran II. When some rows have a photo, the others
    were evidently forgotten: say so once, at the first of them. (With no photo at all there is no
    Lampiran II, as in seed 001's format.)"""
    col = get_column_letter(lap.kolom.get("Dokumentasi", {}).get("foto") or 3)
    rows = [f.row for f in lap.dokumentasi if f.kegiatan and not f.foto]
    if not rows or len(rows) == len([f for f in lap.dokumentasi if f.kegiatan]):
        return []
    return [at("foto-kosong", f"Dokumentasi!{col}{rows[0]}", jumlah=len(rows),
               baris=", ".join(str(r) for r in rows) if len(rows) <= 5 else f"{rows[0]}–{rows[-1]}")]
