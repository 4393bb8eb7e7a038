"""A plain summary of one processed workbook (every computed number and every problem), used to show
that a quarterly workbook made before the annual sheets existed computes and validates exactly as before."""
from __future__ import annotations


def _s(v) -> str | None:
    return None if v is None else str(v)


def ringkas(o) -> dict:
    h = o.hasil
    return {
        "tw": h.tw,
        "indikator": [[x.indikator.kode, _s(x.target.angka), _s(x.realisasi.angka), _s(x.capaian), x.alasan,
                       x.predikat] for x in h.indikator],
        "sasaran": [[s.kode, _s(s.capaian), s.predikat, _s(s.pagu), _s(s.realisasi), _s(s.serapan),
                     _s(s.efisiensi), s.kategori] for s in h.sasaran],
        "anggaran": [[a.baris.kode, _s(a.pagu), _s(a.realisasi), _s(a.serapan), _s(a.sisa), a.induk]
                     for a in h.anggaran],
        "total": [_s(h.total_pagu), _s(h.total_realisasi), _s(h.serapan), _s(h.kinerja), h.predikat,
                  _s(h.efisiensi), h.kategori_efisiensi],
        "masalah": [[p.code, p.severity, p.where, p.message, p.hint] for p in o.masalah],
    }
