"""Budget sections shared by every document: the program/kegiatan rows of the cost-per-outcome table,
its JUMLAH row, the budget agreed in the PK, the efficiency note and sentence, chart labels.

Pure, like `sections.py`: model + `Fmt` in, formatted strings out.
"""
from __future__ import annotations

import textwrap
from decimal import Decimal

from ..core.formatting import ribuan, rupiah
from ..core.model import Laporan
from ..core.performance import BELUM_DILAKSANAKAN, Hasil, HasilAnggaran, ratio
from .sections import Fmt, efisiensi_sel, efisiensi_tampil, judul_pk, teks


def label_anggaran(lines: list[HasilAnggaran]) -> str:
    levels = list(dict.fromkeys(teks(a.baris.level) for a in lines if teks(a.baris.level)))
    return levels[0] if len(levels) == 1 else "Program/Kegiatan"


def _depth(a: HasilAnggaran, by_code: dict[str, HasilAnggaran]) -> int:
    depth, seen = 0, set()
    while a.induk and a.induk in by_code and a.induk not in seen:
        seen.add(a.induk)
        a = by_code[a.induk]
        depth += 1
    return depth


def _uraian(x: HasilAnggaran, no: int, by_code: dict[str, HasilAnggaran]) -> str:
    """Indented name; short codes (1, 2, 1.1) read as row numbers, long ones (7.01.01.2.06.0001) go
    before the name."""
    kode, uraian = teks(x.baris.kode), teks(x.baris.uraian)
    indent = "\u00a0" * 4 * _depth(x, by_code)
    return indent + (uraian if kode == str(no) or not kode else f"{kode} {uraian}")


def anggaran_rows(hasil: Hasil, fmt: Fmt) -> list[dict]:
    """Program/kegiatan rows with pagu, realisasi, serapan and sisa (Tabel 2.3)."""
    by_code = {x.baris.kode: x for x in hasil.anggaran}
    return [{
        "no": str(no),
        "kode": teks(x.baris.kode),
        "level": teks(x.baris.level),
        "uraian": _uraian(x, no, by_code),
        "nama": teks(x.baris.uraian),
        "kode_sasaran": teks(x.baris.kode_sasaran),
        "pagu": ribuan(x.pagu),
        "realisasi": ribuan(x.realisasi),
        "serapan": fmt.pct(x.serapan),
        "sisa": ribuan(x.sisa),
    } for no, x in enumerate(hasil.anggaran, start=1)]


def anggaran_pk(hasil: Hasil, lap: Laporan) -> dict:
    """The budget as agreed in the PK (Lampiran I): the PK column when typed, else pagu berlaku for a
    Perubahan PK, else the pagu; the total sums top-level lines only."""
    by_code = {x.baris.kode: x for x in hasil.anggaran}
    rows, top = [], []
    for no, x in enumerate(hasil.anggaran, start=1):
        br = x.baris
        value = br.anggaran_pk if br.anggaran_pk is not None else (
            br.pagu_berlaku if lap.identitas.pk_perubahan else br.pagu)
        rows.append({"no": f"{no}.", "kode": teks(br.kode), "uraian": _uraian(x, no, by_code),
                     "anggaran": rupiah(value)})
        if x.induk not in by_code and value is not None:
            top.append(value)
    return {"anggaran_pk": rows, "jumlah_pk": rupiah(sum(top, Decimal(0)) if top else None)}


def kalimat_anggaran_pk(hasil: Hasil, lap: Laporan) -> str:
    """One sentence when the budget agreed in the PK differs from the pagu berlaku of Tabel 2.3."""
    by_code = {x.baris.kode for x in hasil.anggaran}
    pk = [x.baris.anggaran_pk for x in hasil.anggaran if x.induk not in by_code]
    if not pk or any(v is None for v in pk) or hasil.total_pagu is None:
        return ""
    jumlah = sum(pk, Decimal(0))
    if jumlah == hasil.total_pagu:
        return ""
    alasan = list(dict.fromkeys(teks(x.baris.keterangan_perubahan) for x in hasil.anggaran
                                if teks(x.baris.keterangan_perubahan)))
    sebab = f" ({'; '.join(alasan)})" if alasan else ""
    return (f"Anggaran dalam {judul_pk(lap)} sebesar {rupiah(jumlah)} berbeda dari pagu yang berlaku sebesar "
            f"{rupiah(hasil.total_pagu)}{sebab}; tabel di atas memakai pagu yang berlaku.")


def label_grafik(hasil: Hasil, lebar: int = 48) -> list[str]:
    """Chart labels of the budget lines: the short name, not a budget code cut off mid-way."""
    return [textwrap.shorten(teks(x.baris.uraian) or teks(x.baris.kode), lebar, placeholder="…")
            for x in hasil.anggaran]


def sisa_anggaran(hasil: Hasil) -> Decimal | None:
    if hasil.total_pagu is None or hasil.total_realisasi is None:
        return None
    return hasil.total_pagu - hasil.total_realisasi


def total_row(hasil: Hasil, fmt: Fmt) -> dict:
    """The JUMLAH row of Tabel 2.3."""
    sisa = sisa_anggaran(hasil)
    return {
        "pagu": ribuan(hasil.total_pagu),
        "realisasi": ribuan(hasil.total_realisasi),
        "serapan": fmt.pct(hasil.serapan),
        "kinerja": fmt.pct(hasil.kinerja),
        "predikat": teks(hasil.predikat),
        **dict(zip(("efisiensi", "efisiensi_teks"),
                   efisiensi_sel(hasil.kinerja, hasil.serapan, hasil.metode_efisiensi, hasil.kategori_efisiensi, fmt))),
        "kategori": hasil.kategori_efisiensi,
        "sisa": ribuan(sisa),
        "sisa_rupiah": rupiah(sisa),
        "sisa_persen": fmt.pct(ratio(sisa, hasil.total_pagu)),
    }


def efisiensi(hasil: Hasil, fmt: Fmt) -> dict:
    """The efficiency method, its column header, the formula note and the sentence under Tabel 2.3."""
    selisih = hasil.metode_efisiensi != "Rasio"
    rumus, kolom = ("(9) − (6)", "10=9−6") if selisih else ("(9) / (6)", "10=9/6")
    catatan = (
        "Capaian anggaran (6) = Realisasi (5) / Pagu (4) × 100%; untuk sasaran dan baris JUMLAH, pagu dan "
        "realisasi dijumlahkan lebih dahulu lalu dibagi (bukan rata-rata persentase). Capaian kinerja sasaran "
        "dan baris JUMLAH adalah rata-rata capaian (9) indikatornya. Efisiensi (10) = capaian kinerja "
        f"{'dikurangi' if selisih else 'dibagi'} capaian anggaran, {rumus}; efisien bila capaian kinerja "
        "lebih tinggi daripada capaian anggaran.")
    return {"metode_efisiensi": hasil.metode_efisiensi, "kolom_efisiensi": kolom, "catatan_anggaran": catatan,
            "kalimat_efisiensi": kalimat_efisiensi(hasil, fmt)}


def kalimat_efisiensi(hasil: Hasil, fmt: Fmt) -> str:
    value = efisiensi_tampil(hasil.kinerja, hasil.serapan, hasil.metode_efisiensi, fmt)
    if hasil.kategori_efisiensi == BELUM_DILAKSANAKAN:
        return ("Efisiensi capaian kinerja terhadap realisasi anggaran belum dapat dinilai karena belum ada "
                "capaian kinerja maupun realisasi anggaran.")
    if value is None:
        return ("Efisiensi capaian kinerja terhadap realisasi anggaran belum dapat dihitung karena "
                "rata-rata capaian kinerja atau serapan anggaran tidak tersedia.")
    selisih = hasil.metode_efisiensi != "Rasio"
    kin, ser = fmt.pct(hasil.kinerja), fmt.pct(hasil.serapan)
    lebih = "lebih tinggi daripada" if hasil.kinerja > hasil.serapan else "tidak lebih tinggi daripada"
    cara = (f"yaitu rata-rata capaian kinerja {kin} dikurangi serapan anggaran {ser}" if selisih else
            f"yaitu rata-rata capaian kinerja {kin} dibagi serapan anggaran {ser}")
    return (f"Efisiensi capaian kinerja terhadap realisasi anggaran adalah "
            f"{fmt.num(value)}{' poin' if selisih else ''}, {cara}. Karena capaian kinerja "
            f"{lebih} serapan anggaran, penggunaan anggaran dikategorikan "
            f"{hasil.kategori_efisiensi.lower()}.")
