"""Checks across the reports of one batch (domain.md §3 and §7).

One workbook can be right on its own and still contradict its neighbours: the same NIP under two
spellings of a name (seed 001: "ABDILAH USYAD" in the Camat's report, "ABDILAH IRSYAD" as atasan in
four others), a program in the Camat's report that is not the sum of the kegiatan under it in the
Kasi's and Sekretaris' reports, one report of another year or quarter in the folder.

Each cross problem is a `MasalahLintas`: a `Problem` placed at the cell to look at first, whose
message names the other file and cell, and whose `lain` lists the other locations as data.
The catalogue of codes is in masalah.py.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from ..core.formatting import ROMAWI, ribuan
from ..core.model import BarisAnggaran, Identitas, Laporan
from ..core.performance import parent_code
from ..core.problems import split_ref
from .masalah import CATALOG, LAIN_CONTOH, MasalahLintas, buat, laporan_yang_disebut  # noqa: F401 (re-exported)


# ---------------------------------------------------------------- input

@dataclass
class Ringkas:
    """What the cross checks need from one report (small and picklable: it travels between processes)."""
    file: str                          # path relative to the batch folder, as shown to users
    identitas: Identitas
    anggaran: list[BarisAnggaran] = field(default_factory=list)
    tw: int = 0

    @classmethod
    def dari(cls, file: str, lap: Laporan) -> "Ringkas":
        return cls(file, lap.identitas, list(lap.anggaran), lap.identitas.tw or 4)


def _sel(r: Ringkas, key: str) -> str:
    return r.identitas.cells.get(key, "Identitas")


def _digits(nip: str) -> str:
    return re.sub(r"\D", "", nip or "")


_GELAR_DEPAN = {"DR", "DRS", "DRA", "IR", "H", "HJ", "PROF", "DRG", "DRH", "KH", "HC"}


def pecah_nama(nama: str) -> tuple[str, str]:
    """'Dra. SUHARIYANTI' -> ('SUHARIYANTI', 'DRA'); 'MOHAMAD ZAKFAR SODIQ A.Md.Kep.' ->
    ('MOHAMAD ZAKFAR SODIQ', 'AMDKEP'). Core name and degrees, compared in letters only."""
    s = re.sub(r"\s+", " ", str(nama or "")).strip().upper()
    head, _, tail = s.partition(",")
    tokens = head.split()
    gelar = []
    while len(tokens) > 1 and tokens[0].endswith(".") and tokens[0].rstrip(".").replace(".", "") in _GELAR_DEPAN:
        gelar.append(tokens.pop(0))
    trailing = []
    while len(tokens) > 1 and "." in tokens[-1] and len(tokens[-1].replace(".", "")) >= 2:
        trailing.insert(0, tokens.pop())
    gelar += trailing + [tail]
    core = re.sub(r"[^A-Z ]", "", " ".join(tokens))
    core = re.sub(r"\s+", " ", core).strip()
    return core, re.sub(r"[^A-Z]", "", "".join(gelar))


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().lower()


# ---------------------------------------------------------------- identity

@dataclass
class _Occ:
    file: str
    nip: str
    nama: str
    ref_nama: str
    ref_nip: str
    sendiri: bool               # the person's own report (not an atasan field)

    @property
    def core(self) -> str:
        return pecah_nama(self.nama)[0]

    @property
    def gelar(self) -> str:
        return pecah_nama(self.nama)[1]


def _occurrences(reports: list[Ringkas]) -> list[_Occ]:
    out = []
    for r in reports:
        i = r.identitas
        if i.nama.strip() or i.nip:
            out.append(_Occ(r.file, _digits(i.nip), i.nama, _sel(r, "nama"), _sel(r, "nip"), True))
        if i.nama_atasan.strip() or i.nip_atasan:
            out.append(_Occ(r.file, _digits(i.nip_atasan), i.nama_atasan, _sel(r, "nama_atasan"),
                            _sel(r, "nip_atasan"), False))
    return out


def _reference(occs: list[_Occ], key) -> _Occ:
    """The occurrence others are compared with: the person's own report if any, else the most common."""
    own = [o for o in occs if o.sendiri]
    if own:
        return own[0]
    counts = Counter(key(o) for o in occs)
    best = max(counts.values())
    return next(o for o in occs if counts[key(o)] == best)


def cek_identitas(reports: list[Ringkas]) -> list[MasalahLintas]:
    out: list[MasalahLintas] = []
    occs = _occurrences(reports)
    by_nip: dict[str, list[_Occ]] = {}
    for o in occs:
        if o.nip and o.core:
            by_nip.setdefault(o.nip, []).append(o)
    for nip, group in by_nip.items():
        ref = _reference(group, lambda o: o.core)
        for o in group:
            if o is ref or o.file == ref.file and o.ref_nama == ref.ref_nama:
                continue
            kw = dict(nip=nip, nama=o.nama.strip(), nama_lain=ref.nama.strip(), file_lain=ref.file, sel_lain=ref.ref_nama)
            if o.core != ref.core:
                out.append(buat("nip-nama-berbeda", o.file, o.ref_nama, [(ref.file, ref.ref_nama)], **kw))
            elif o.gelar and ref.gelar and o.gelar != ref.gelar:
                out.append(buat("nip-gelar-berbeda", o.file, o.ref_nama, [(ref.file, ref.ref_nama)], **kw))

    # the superior named in a report vs that superior's own report (matched by jabatan in one unit)
    by_jabatan: dict[tuple[str, str], list[Ringkas]] = {}
    for r in reports:
        if r.identitas.jabatan.strip():
            by_jabatan.setdefault((_org(r), _norm(r.identitas.jabatan)), []).append(r)
    for r in reports:
        i = r.identitas
        matches = [s for s in by_jabatan.get((_org(r), _norm(i.jabatan_atasan)), []) if s is not r]
        if len(matches) != 1 or not i.nip_atasan:
            continue
        s = matches[0]
        if s.identitas.nip and _digits(s.identitas.nip) != _digits(i.nip_atasan):
            out.append(buat("atasan-tidak-sesuai", r.file, _sel(r, "nip_atasan"), [(s.file, _sel(s, "nip"))],
                            jabatan=i.jabatan_atasan.strip(), nip=_digits(i.nip_atasan),
                            nip_lain=_digits(s.identitas.nip), file_lain=s.file, sel_lain=_sel(s, "nip")))

    # one name under two NIPs: a warning (two people may share a name)
    flagged = {(p.file, p.where) for p in out}
    by_core: dict[str, list[_Occ]] = {}
    for o in occs:
        if o.nip and o.core:
            by_core.setdefault(o.core, []).append(o)
    for core, group in by_core.items():
        if len({o.nip for o in group}) < 2:
            continue
        ref = _reference(group, lambda o: o.nip)
        for o in group:
            if o.nip == ref.nip or (o.file, o.ref_nip) in flagged:
                continue
            out.append(buat("nama-nip-berbeda", o.file, o.ref_nip, [(ref.file, ref.ref_nip)], nama=o.nama.strip(),
                            nip=o.nip, nip_lain=ref.nip, file_lain=ref.file, sel_lain=ref.ref_nip))
    return out


def _periode_norm(p: str) -> str:
    return re.sub(r"\s+", " ", str(p or "")).strip().upper()


def cek_periode(reports: list[Ringkas]) -> list[MasalahLintas]:
    """One year and one period across the batch; the minority is flagged against the majority."""
    out: list[MasalahLintas] = []
    for key, code, label in (("tahun", "tahun-berbeda", "tahun"), ("periode", "periode-berbeda", "periode")):
        def value(r: Ringkas):
            v = getattr(r.identitas, key)
            return _periode_norm(v) if key == "periode" else v
        present = [r for r in reports if value(r) not in (None, "")]
        counts = Counter(value(r) for r in present)
        if len(counts) < 2:
            continue
        top = max(counts.values())
        major = next(v for v in (value(r) for r in present) if counts[v] == top)
        ref = next(r for r in present if value(r) == major)
        for r in present:
            if value(r) != major:
                kw = {label: getattr(r.identitas, key), f"{label}_lain": getattr(ref.identitas, key),
                      "file_lain": ref.file, "sel_lain": _sel(ref, key)}
                out.append(buat(code, r.file, _sel(r, key), [(ref.file, _sel(ref, key))], **kw))

    seen: dict[tuple, Ringkas] = {}
    for r in reports:
        i = r.identitas
        if not i.nip:
            continue
        k = (_digits(i.nip), i.tahun, _periode_norm(i.periode))
        if k in seen:
            first = seen[k]
            out.append(buat("laporan-ganda", r.file, _sel(r, "nip"), [(first.file, _sel(first, "nip"))],
                            file_lain=first.file, nip=k[0], periode=i.periode, tahun=i.tahun or ""))
        else:
            seen[k] = r
    return out


# ---------------------------------------------------------------- budget roll-up

@dataclass
class _Baris:
    file: str
    kode: str
    level: str
    pagu: Decimal | None
    real: Decimal | None
    ref_pagu: str
    ref_real: str


def _org(r: Ringkas) -> str:
    """Budget codes are compared within one perangkat daerah (two kecamatan share program codes)
    of one pemerintah daerah (every kabupaten has a Sekretariat Daerah)."""
    i = r.identitas
    return f"{_norm(i.pemerintah)}|{_norm(i.perangkat_daerah) or _norm(i.unit)}"


def _anggaran_group(r: Ringkas) -> tuple:
    """One budget is one organisation's in one year and period: a TW III report does not roll up
    into another year's annual report."""
    return (_org(r), r.identitas.tahun, _periode_norm(r.identitas.periode))


def _lines(r: Ringkas) -> list[_Baris]:
    tw = r.tw or 4
    out = []
    for b in r.anggaran:
        if not b.kode:
            continue
        pagu_key = "pagu_perubahan" if b.pagu_perubahan is not None else "pagu"
        out.append(_Baris(r.file, b.kode, b.level, b.pagu_berlaku, b.tw[tw - 1],
                          b.cells.get(pagu_key, "Anggaran"), b.cells.get(f"real_tw{tw}", "Anggaran")))
    return out


MAX_RINCIAN = 8


def _rincian(kids: list[_Baris], attr: str, ref_attr: str) -> str:
    by_file: dict[str, list[str]] = {}
    for k in kids[:MAX_RINCIAN]:
        value = getattr(k, attr)
        by_file.setdefault(k.file, []).append(f"{k.kode} ({split_ref(getattr(k, ref_attr))[1]}) {ribuan(value)}")
    text = "; ".join(f"di {f}: " + ", ".join(items) for f, items in by_file.items())
    if len(kids) > MAX_RINCIAN:
        text += f"; dan {len(kids) - MAX_RINCIAN} rincian lainnya"
    return text


def cek_anggaran(reports: list[Ringkas]) -> list[MasalahLintas]:
    out: list[MasalahLintas] = []
    groups: dict[str, list[Ringkas]] = {}
    for r in reports:
        groups.setdefault(_anggaran_group(r), []).append(r)
    for group in groups.values():
        tw = Counter(r.tw for r in group).most_common(1)[0][0] or 4
        kolom_real = f"Realisasi s.d. TW {ROMAWI.get(tw, tw)}"
        columns = (("Pagu berlaku", "pagu", "ref_pagu"), (kolom_real, "real", "ref_real"))
        holders: dict[str, list[_Baris]] = {}
        for r in group:
            for b in _lines(r):
                holders.setdefault(b.kode, []).append(b)

        # the same code in two reports must carry the same amounts
        for kode, hs in holders.items():
            first = hs[0]
            for h in hs[1:]:
                if h.file == first.file:
                    continue       # a duplicate inside one workbook is validation's business
                for kolom, attr, ref_attr in columns:
                    a, b = getattr(first, attr), getattr(h, attr)
                    if a is not None and b is not None and a != b:
                        out.append(buat("kode-anggaran-berbeda", h.file, getattr(h, ref_attr),
                                        [(first.file, getattr(first, ref_attr))], kolom=kolom, kode=kode,
                                        nilai=ribuan(b), nilai_lain=ribuan(a), file_lain=first.file,
                                        sel_lain=getattr(first, ref_attr)))

        # a parent equals the sum of its nearest descendants present in the batch
        codes = set(holders)
        children: dict[str, list[str]] = {}
        for kode in holders:
            parent = parent_code(kode, codes)
            if parent:
                children.setdefault(parent, []).append(kode)
        for parent, kid_codes in children.items():
            kids = [holders[k][0] for k in kid_codes]
            for h in holders[parent]:
                if all(x.file == h.file for k in kid_codes for x in holders[k]):
                    continue       # children only in the same workbook: checked by validation
                for kolom, attr, ref_attr in columns:
                    mine, theirs = getattr(h, attr), [getattr(k, attr) for k in kids]
                    if mine is None or all(v is None for v in theirs):
                        continue
                    total = sum((v for v in theirs if v is not None), Decimal(0))
                    if total != mine:
                        anak = (kids[0].level or "rincian").lower()
                        out.append(buat("rincian-lintas-tidak-sama", h.file, getattr(h, ref_attr),
                                        [(k.file, getattr(k, ref_attr)) for k in kids],
                                        kolom=kolom, kolom_kecil=kolom.lower(), kode=parent,
                                        induk=ribuan(mine), jumlah=ribuan(total), anak=anak,
                                        rincian=_rincian(kids, attr, ref_attr)))
    return out


def periksa(reports: list[Ringkas]) -> list[MasalahLintas]:
    """Every cross-report problem of a batch, in a stable order (by file, then cell)."""
    problems = cek_periode(reports) + cek_identitas(reports) + cek_anggaran(reports)
    order = {r.file: n for n, r in enumerate(reports)}
    return sorted(problems, key=lambda p: (order.get(p.file, len(order)), p.sheet, _cell_key(p.cell), p.code))


def _cell_key(cell: str) -> tuple[int, str]:
    m = re.match(r"([A-Z]+)(\d+)", cell or "")
    return (int(m.group(2)), m.group(1)) if m else (0, cell or "")
