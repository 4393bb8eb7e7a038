"""Synthetic workbooks shaped like seed 000 but with N indicators (for benchmarks)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from lkj_xl.workbook.template import new_workbook

IDENTITAS = {
    "pemerintah": "Kabupaten Lumajang", "perangkat_daerah": "Sekretariat Daerah", "unit": "Bagian Uji",
    "jabatan": "Kepala Bagian Uji", "eselon": "III.a", "nama": "NAMA PENGUJI, S.IP", "nip": "19870404 200701 1 002",
    "jabatan_atasan": "Asisten Administrasi", "nama_atasan": "Ir. ATASAN", "nip_atasan": "19631116 199003 1 006",
    "tahun": 2023, "periode": "TW III", "tempat": "Lumajang", "tanggal": dt.date(2023, 10, 2),
}


def make(path: Path, n: int, unit: str = "Bagian Uji", nip: str | None = None) -> Path:
    """A valid workbook with n indicators (5 per sasaran), one budget line per indicator."""
    pk, cap, ang, strat = [], [], [], []
    for i in range(1, n + 1):
        s = (i - 1) // 5 + 1
        pk.append({"kode_sasaran": f"S{s}", "sasaran": f"Sasaran nomor {s} yang cukup panjang untuk realistis",
                   "kode": f"IK{i}", "indikator": f"Persentase fasilitasi kegiatan nomor {i} perangkat daerah",
                   "satuan": "%", "polaritas": "Positif" if i % 7 else "Negatif", "target": 100})
        cap.append({"kode": f"IK{i}", "real_tw1": 20 + i % 10, "real_tw2": 50 + i % 10, "real_tw3": 70 + i % 31})
        ang.append({"kode": f"{s}.{i}", "level": "Kegiatan", "uraian": f"Kegiatan nomor {i}", "kode_sasaran": f"S{s}",
                    "pagu": 10_000_000 + i * 1000, "real_tw1": 1_000_000, "real_tw2": 3_000_000,
                    "real_tw3": 5_000_000 + i * 10})
        strat.append({"kode": f"IK{i}", "strategi": f"Strategi untuk indikator {i}", "bulan": "Januari - Desember 2023"})
    ident = dict(IDENTITAS, unit=unit, nip=nip or IDENTITAS["nip"])
    wb = new_workbook(ident, pk=pk, capaian=cap, anggaran=ang, strategi=strat,
                      tugas=[{"no": 1, "uraian": "Melaksanakan tugas uji"}],
                      rtl=[{"uraian": "Tindak lanjut uji"}])
    wb.save(path)
    return path
