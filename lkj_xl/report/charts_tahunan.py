"""Charts of the annual LKjIP, drawn with Pillow straight onto a PNG (no matplotlib: a few bars, lines
and labels cost milliseconds, and a worker need not import a plotting library): capaian per sasaran
against the 100% line, and realisasi over the years against the target per IKU. The budget serapan
chart is the quarterly one (`charts.grafik_serapan`), drawn by rendering.buat_docx for both documents.
Colours and resolution are those of `charts.py`; labels use the tables' Indonesian formatting.
`sisipkan` draws them into a temporary folder and puts the InlineImages into the context.
"""
from __future__ import annotations

import textwrap
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from ..core.engine import Olahan
from ..core.formatting import angka, persen
from ..core.model import Nilai
from ..core.performance import Hasil
from .charts import ABU, BIRU, DPI, HIJAU, MERAH

HITAM = "#000000"
LEBAR_IN = 6.4


def _px(points: float) -> int:
    return round(points * DPI / 72)


@lru_cache(maxsize=None)
def _font(points: float):
    from PIL import ImageFont
    return ImageFont.load_default(size=_px(points))      # Pillow's bundled font: the same on every machine


class _Gambar:
    def __init__(self, width_in: float, height_in: float):
        from PIL import Image, ImageDraw
        self.image = Image.new("RGB", (round(width_in * DPI), round(height_in * DPI)), "white")
        self.draw = ImageDraw.Draw(self.image)

    def text(self, xy, s: str, points: float, anchor: str, fill: str = HITAM) -> None:
        self.draw.text(xy, s, font=_font(points), anchor=anchor, fill=fill)

    def width(self, s: str, points: float) -> int:
        return round(_font(points).getlength(s))

    def dashed(self, a, b, fill: str, points: float = 1.0) -> None:
        (x0, y0), (x1, y1) = a, b
        n = max(1, int(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 // _px(5)))
        for i in range(0, n, 2):
            t0, t1 = i / n, min(1.0, (i + 1) / n)
            self.draw.line([(x0 + (x1 - x0) * t0, y0 + (y1 - y0) * t0), (x0 + (x1 - x0) * t1, y0 + (y1 - y0) * t1)],
                           fill=fill, width=max(1, _px(points)))

    def save(self, path: Path) -> Path:
        self.image.save(path, format="PNG", dpi=(DPI, DPI))
        return path


def grafik_capaian_sasaran(hasil: Hasil, path: Path, desimal: int = 2) -> Path:
    """Horizontal bars: capaian per sasaran, green at 100% or more, red below, grey when not computable."""
    items = hasil.sasaran
    n = max(len(items), 1)
    g = _Gambar(LEBAR_IN, min(1.0 + 0.45 * n, 9.5))
    W, H = g.image.size
    labels = [textwrap.shorten(f"Sasaran {i}: {s.sasaran}", 46, placeholder="…") for i, s in enumerate(items, 1)]
    left = _px(6) + max([g.width(s, 7) for s in labels] + [0]) + _px(6)
    x0, x1, y0, y1 = left, W - _px(40), _px(8), H - _px(30)
    values = [float(s.capaian) if s.capaian is not None else 0.0 for s in items]
    right = max([100.0] + values) * 1.1
    slot = (y1 - y0) / n

    def x_of(v: float) -> float:
        return x0 + (x1 - x0) * v / right

    for t in range(0, int(right) + 1, 20):
        g.draw.line([(x_of(t), y1), (x_of(t), y1 + _px(3))], fill=HITAM)
        g.text((x_of(t), y1 + _px(5)), f"{t}%", 7, "mt")
    for i, (s, v, label) in enumerate(zip(items, values, labels)):
        cy = y0 + slot * (i + 0.5)
        colour = ABU if s.capaian is None else (HIJAU if s.capaian >= 100 else MERAH)
        if v > 0:
            g.draw.rectangle([x0, cy - slot * 0.3, x_of(v), cy + slot * 0.3], fill=colour)
        g.text((x_of(v) + _px(3), cy), persen(s.capaian, desimal) if s.capaian is not None else "tidak terhitung",
               7, "lm")
        g.text((x0 - _px(4), cy), label, 7, "rm")
    g.dashed((x_of(100), y0), (x_of(100), y1), BIRU)
    g.draw.line([(x0, y0), (x0, y1), (x1, y1)], fill=HITAM, width=1)
    g.text(((x0 + x1) / 2, y1 + _px(16)), "Capaian (%); garis putus-putus: target 100%", 7, "mt")
    return g.save(path)


def _langkah(top: float) -> float:
    """A round tick step (1, 2, 2,5 or 5 times a power of ten) giving at most 6 intervals up to `top`."""
    import math
    raw = top / 6
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _f(n: Nilai | None) -> float | None:
    return float(n.angka) if n is not None and n.angka is not None else None


def grafik_tren(x, tahun: int, awal: int | None, desimal: int, path: Path,
                label: dict[int, str] | None = None) -> Path:
    """One indicator: realisasi per year (blue line, labelled with the trend table's strings `label`
    {year: '96%'}) against the target per year (red, dashed): the Renstra target of each year when there
    is one, else the report year's PK target."""
    h = x.hasil
    years = [y for y, _ in x.riwayat][-3:] + [tahun]
    real = [_f(n) for _, n in x.riwayat][-3:] + [_f(h.realisasi)]
    if x.renstra is not None and awal:
        target = [_f(x.renstra.target_tahun(y, awal)) for y in years]
    else:
        target = [None] * (len(years) - 1) + [_f(h.target)]
    g = _Gambar(6.0, 2.6)
    W, H = g.image.size
    x0, x1, y0, y1 = _px(30), W - _px(20), _px(14), H - _px(34)
    top = max([v for v in real + target if v is not None] or [1.0]) * 1.2

    def pt(i: int, v: float) -> tuple[float, float]:
        return (x0 + (x1 - x0) * (i + 0.5) / len(years), y1 - (y1 - y0) * v / top)

    step = _langkah(top)
    for k in range(int(top / step) + 1):
        v = Decimal(str(step)) * k
        g.draw.line([(x0 - _px(3), pt(0, float(v))[1]), (x0, pt(0, float(v))[1])], fill=HITAM)
        g.text((x0 - _px(5), pt(0, float(v))[1]), angka(v, 0 if v == v.to_integral_value() else 1), 6, "rm")
    tp = [pt(i, v) for i, v in enumerate(target) if v is not None]
    for a, b in zip(tp, tp[1:]):
        g.dashed(a, b, MERAH)
    for p in tp:
        g.draw.rectangle([p[0] - _px(2), p[1] - _px(2), p[0] + _px(2), p[1] + _px(2)], fill=MERAH)
    rp = [(pt(i, v), v) for i, v in enumerate(real) if v is not None]
    if len(rp) > 1:
        g.draw.line([p for p, _ in rp], fill=BIRU, width=_px(1.5))
    for (p, v), y in zip(rp, [y for y, v in zip(years, real) if v is not None]):
        g.draw.ellipse([p[0] - _px(2.5), p[1] - _px(2.5), p[0] + _px(2.5), p[1] + _px(2.5)], fill=BIRU)
        g.text((p[0], p[1] - _px(5)), (label or {}).get(y) or angka(Decimal(str(v)), desimal), 7, "ms")
    for i, y in enumerate(years):
        g.text((pt(i, 0)[0], y1 + _px(4)), str(y), 8, "mt")
    g.draw.line([(x0, y0), (x0, y1), (x1, y1)], fill=HITAM, width=1)
    g.text(((x0 + x1) / 2, y1 + _px(18)), "biru: realisasi; merah putus-putus: target", 7, "mt")
    return g.save(path)


def sisipkan(tpl, ctx: dict, olahan: Olahan, tmpdir: Path) -> None:
    """Draw the annual charts and put them into ctx (the keys the annual template expects)."""
    from docx.shared import Cm
    from docxtpl import InlineImage

    hasil, d = olahan.hasil, ctx["desimal"]
    if hasil.sasaran:
        grafik_capaian_sasaran(hasil, tmpdir / "capaian_sasaran.png", d)
        ctx["grafik_capaian_sasaran"] = InlineImage(tpl, str(tmpdir / "capaian_sasaran.png"), width=Cm(15))
    tah = getattr(hasil, "tahunan", None)
    by_kode = tah.by_kode() if tah is not None else {}
    tahun = olahan.laporan.identitas.tahun
    years = [int(y) for y in ctx.get("riwayat", {}).get("tahun", []) if str(y).isdigit()]
    rows = {r["kode"]: dict(zip(years, r["riwayat"])) for s in ctx.get("sasaran", []) for r in s["indikator"]}
    for item in ctx.get("grafik_tren", []):
        x = by_kode.get(item["kode"])
        if x is None or tahun is None:
            continue
        path = tmpdir / f"tren_{item['kode']}.png"
        grafik_tren(x, tahun, olahan.laporan.identitas.renstra_awal, d, path, rows.get(item["kode"]))
        item["gambar"] = InlineImage(tpl, str(path), width=Cm(13))
