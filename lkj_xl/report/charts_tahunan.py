"""Charts of the annual LKjIP (matplotlib object API, Agg, like `charts.py` whose helpers it reuses):
capaian per sasaran against the 100% line and realisasi over the years against the target per IKU
(the budget serapan chart is the quarterly one, drawn by rendering.buat_docx for both). `sisipkan` draws them into a temporary folder and puts the
InlineImages into the context the template expects.
"""
from __future__ import annotations

import textwrap
from decimal import Decimal
from pathlib import Path

from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage
from matplotlib.figure import Figure

from ..core.engine import Olahan
from ..core.formatting import angka, persen
from ..core.model import Nilai
from ..core.performance import Hasil
from . import charts
from .charts import ABU, BIRU, HIJAU, MERAH


def grafik_capaian_sasaran(hasil: Hasil, path: Path, desimal: int = 2) -> Path:
    """Horizontal bars: capaian per sasaran, green when ≥ 100%, red below, grey when not computable."""
    items = hasil.sasaran
    n = max(len(items), 1)
    fig = Figure(figsize=(6.4, min(1.0 + 0.5 * n, charts.MAKS_TINGGI_IN)))
    ax = fig.add_subplot()
    ys = list(range(len(items)))[::-1]
    values = [float(s.capaian) if s.capaian is not None else 0.0 for s in items]
    colors = [ABU if s.capaian is None else (HIJAU if s.capaian >= 100 else MERAH) for s in items]
    ax.barh(ys, values, color=colors, height=0.6)
    right = max([100.0] + values) * 1.2
    for y, s, v in zip(ys, items, values):
        ax.text(v + right * 0.01, y, persen(s.capaian, desimal), va="center", fontsize=7)
    ax.axvline(100, color=BIRU, linestyle="--", linewidth=1, label="Target 100%")
    labels = [textwrap.shorten(f"Sasaran {i}: {s.sasaran}", 50, placeholder="…") for i, s in
              enumerate(items, start=1)]
    ax.set_yticks(ys, labels, fontsize=7)
    ax.set_xlim(0, right)
    ax.set_xlabel("Capaian (%)", fontsize=8)
    ax.tick_params(axis="x", labelsize=7)
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{v:.0f}%")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=7, loc="lower right", frameon=False)
    fig.tight_layout()
    return charts._save(fig, path)


def _f(n: Nilai | None) -> float | None:
    return float(n.angka) if n is not None and n.angka is not None else None


def grafik_tren(x, tahun: int, awal: int | None, desimal: int, path: Path) -> Path:
    """One indicator: realisasi per year (line with labels) and the target per year (dashed): the
    Renstra target of each year when there is one, else the report year's PK target."""
    h = x.hasil
    years = [y for y, _ in x.riwayat][-3:] + [tahun]
    real = [_f(n) for _, n in x.riwayat][-3:] + [_f(h.realisasi)]
    if x.renstra is not None and awal:
        target = [_f(x.renstra.target_tahun(y, awal)) for y in years]
    else:
        target = [None] * (len(years) - 1) + [_f(h.target)]
    fig = Figure(figsize=(6.0, 2.6))
    ax = fig.add_subplot()
    xs = list(range(len(years)))
    pts = [(i, v) for i, v in zip(xs, real) if v is not None]
    if pts:
        ax.plot([i for i, _ in pts], [v for _, v in pts], color=BIRU, marker="o", linewidth=1.5, label="Realisasi")
        for i, v in pts:
            ax.annotate(angka(Decimal(str(v)), desimal), (i, v), textcoords="offset points", xytext=(0, 6),
                        ha="center", fontsize=7)
    tp = [(i, v) for i, v in zip(xs, target) if v is not None]
    if tp:
        ax.plot([i for i, _ in tp], [v for _, v in tp], color=MERAH, linestyle="--", marker="s", markersize=3,
                linewidth=1, label="Target")
    ax.set_xticks(xs, [str(y) for y in years], fontsize=8)
    top = max([v for v in real + target if v is not None] or [1.0])
    ax.set_ylim(0, top * 1.25)
    ax.tick_params(axis="y", labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=7, loc="lower right", frameon=False)
    fig.tight_layout()
    return charts._save(fig, path)


def sisipkan(tpl: DocxTemplate, ctx: dict, olahan: Olahan, tmpdir: Path) -> None:
    """Draw the annual charts and put them into ctx (the keys the annual template expects)."""
    hasil, d = olahan.hasil, ctx["desimal"]
    if hasil.sasaran:
        grafik_capaian_sasaran(hasil, tmpdir / "capaian_sasaran.png", d)
        ctx["grafik_capaian_sasaran"] = InlineImage(tpl, str(tmpdir / "capaian_sasaran.png"), width=Cm(15))
    tah = getattr(hasil, "tahunan", None)
    by_kode = tah.by_kode() if tah is not None else {}
    tahun = olahan.laporan.identitas.tahun
    for item in ctx.get("grafik_tren", []):
        x = by_kode.get(item["kode"])
        if x is None or tahun is None:
            continue
        path = tmpdir / f"tren_{item['kode']}.png"
        grafik_tren(x, tahun, olahan.laporan.identitas.renstra_awal, d, path)
        item["gambar"] = InlineImage(tpl, str(path), width=Cm(13))
