"""Charts for BAB II, drawn with Pillow straight onto a PNG: capaian per indicator against the 100% line,
and serapan per budget line. Labels use the same Indonesian formatting as the tables.

Why not matplotlib: two matplotlib charts were half the cost of a seed-000 report (its text layout,
`tight_layout` and one artist per bar), and importing it cost every worker a second. The charts are a
few rectangles, lines and labels, which Pillow draws in a few milliseconds. Sizes are given in points
(1/72 inch) as in a typesetting program and converted at DPI; the font is the one Pillow bundles
(`ImageFont.load_default`), so a chart looks the same on every machine.
"""
from __future__ import annotations

import math
import textwrap
from functools import lru_cache
from pathlib import Path

from ..core.formatting import persen
from ..core.performance import Hasil

HIJAU, MERAH, ABU, BIRU, HITAM = "#2e7d32", "#c62828", "#9e9e9e", "#1565c0", "#000000"
DPI = 150
# Beyond this many bars a value label per bar is unreadable: the chart keeps every bar (the caption
# says "per indikator") but drops the value labels, thins the tick labels and stops growing.
BANYAK = 40
MAKS_TINGGI_IN = 9.5
LEBAR_IN = 6.4


def _px(points: float) -> int:
    return round(points * DPI / 72)


def _every(n: int, target: int = 20) -> int:
    """Label every k-th bar so that about `target` labels remain."""
    return max(1, -(-n // target))


def _step(top: float, most: int = 9) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving at most `most` intervals to `top`."""
    raw = top / most
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


@lru_cache(maxsize=None)
def _font(points: float):
    from PIL import ImageFont
    return ImageFont.load_default(size=_px(points))


class _Kanvas:
    """A white image with helpers for text in points, dashed lines and rotated labels."""

    def __init__(self, width_in: float, height_in: float):
        from PIL import Image, ImageDraw
        self.image = Image.new("RGB", (round(width_in * DPI), round(height_in * DPI)), "white")
        self.draw = ImageDraw.Draw(self.image)

    @property
    def size(self) -> tuple[int, int]:
        return self.image.size

    def width(self, text: str, points: float) -> int:
        return max(round(_font(points).getlength(line)) for line in text.split("\n"))

    def text(self, xy: tuple[float, float], text: str, points: float, anchor: str, fill: str = HITAM) -> None:
        if "\n" in text:
            self.draw.multiline_text(xy, text, font=_font(points), anchor=anchor, fill=fill, align="center")
        else:
            self.draw.text(xy, text, font=_font(points), anchor=anchor, fill=fill)

    def text_up(self, xy: tuple[float, float], text: str, points: float, bottom: bool = True) -> None:
        """Text rotated 90° (reading upwards), centred on x; its bottom end (bottom=True) or its middle at y."""
        from PIL import Image, ImageDraw
        font = _font(points)
        w, h = self.width(text, points) + 2, _px(points * 1.3)
        tile = Image.new("L", (w, h), 0)
        ImageDraw.Draw(tile).text((1, h / 2), text, font=font, anchor="lm", fill=255)
        tile = tile.rotate(90, expand=True)
        x, y = xy
        top = y - tile.height if bottom else y - tile.height / 2
        self.image.paste(HITAM, (round(x - tile.width / 2), round(top)), tile)

    def line(self, a: tuple[float, float], b: tuple[float, float], fill: str, points: float = 0.8,
             dashed: bool = False) -> None:
        width = max(1, _px(points))
        if not dashed:
            self.draw.line([a, b], fill=fill, width=width)
            return
        (x0, y0), (x1, y1) = a, b
        length = math.hypot(x1 - x0, y1 - y0)
        on, off = _px(3.7 * points), _px(1.6 * points)
        t = 0.0
        while t < length:
            e = min(t + on, length)
            self.draw.line([(x0 + (x1 - x0) * t / length, y0 + (y1 - y0) * t / length),
                            (x0 + (x1 - x0) * e / length, y0 + (y1 - y0) * e / length)], fill=fill, width=width)
            t = e + off

    def rect(self, x0: float, y0: float, x1: float, y1: float, fill: str) -> None:
        if x1 - x0 >= 0.5 and y1 - y0 >= 0.5:
            self.draw.rectangle([round(x0), round(y0), round(x1) - 1, round(y1) - 1], fill=fill)

    def legend(self, xy: tuple[float, float], items: list[tuple[str, str, bool]], anchor: str) -> None:
        """One row of (colour, label, is_dashed_line) entries; anchor 'mt' (centred below xy) or 'rb'."""
        key, gap, pad = _px(14), _px(12), _px(5)
        widths = [key + pad + self.width(label, 7) for _, label, _ in items]
        total = sum(widths) + gap * (len(items) - 1)
        x = xy[0] - total / 2 if anchor == "mt" else xy[0] - total
        yc = xy[1] + _px(5) if anchor == "mt" else xy[1] - _px(5)
        for (colour, label, dashed), w in zip(items, widths):
            if dashed:
                self.line((x, yc), (x + key, yc), colour, 1, dashed=True)
            else:
                self.rect(x, yc - _px(3.5), x + key, yc + _px(3.5), colour)
            self.text((x + key + pad, yc), label, 7, "lm")
            x += w + gap

    def save(self, path: Path) -> Path:
        self.image.save(path, format="PNG", dpi=(DPI, DPI), compress_level=3)
        return path


def _pad(n: int) -> float:
    """Empty space before the first and after the last bar, in bar slots (as matplotlib's margins)."""
    return max(0.2, 0.05 * n)


def _ticks(top: float) -> list[float]:
    step = _step(top)
    return [i * step for i in range(int(top / step + 1e-9) + 1)]


def _label_ind(h, desimal: int, many: bool) -> str:
    if h.capaian is not None:
        return persen(h.capaian, desimal)
    return "n/a" if many else "tidak\nterhitung"


def grafik_capaian(hasil: Hasil, path: Path, desimal: int = 2) -> Path:
    """Vertical bars: capaian (%) per indicator, green when achieved, red when not; indicators whose
    capaian cannot be computed get an empty slot labelled 'tidak terhitung'."""
    items = hasil.indikator
    n = max(len(items), 1)
    huge, many = len(items) > BANYAK, len(items) > 8
    step = _every(n) if huge else 1
    values = [float(h.capaian) if h.capaian is not None else 0.0 for h in items]
    colors = [ABU if h.tercapai is None else (HIJAU if h.tercapai else MERAH) for h in items]
    top = max([100.0] + values) * (1.3 if many else 1.15)
    k = _Kanvas(LEBAR_IN, 3.2)
    W, H = k.size
    ticks = _ticks(top)
    left = _px(8) + _px(8 * 1.2) + max(k.width(f"{t:.0f}%", 7) for t in ticks) + _px(3.5 + 4)
    x0, x1, y0, y1 = left, W - _px(6), _px(8), H - _px(54)
    pad = _pad(n)
    slot = (x1 - x0) / (n + 2 * pad)

    def y_of(v: float) -> float:
        return y1 - (y1 - y0) * v / top

    for t in ticks:
        k.line((x0 - _px(3.5), y_of(t)), (x0, y_of(t)), HITAM)
        k.text((x0 - _px(5.5), y_of(t)), f"{t:.0f}%", 7, "rm")
    k.text_up((_px(8), (y0 + y1) / 2), "Capaian (%)", 8, bottom=False)
    for i, (h, v, colour) in enumerate(zip(items, values, colors)):
        cx = x0 + slot * (pad + i + 0.5)
        if huge:   # bars thinner than a label: one line each
            half = max(_px(max(0.3, 300 / n)), 1) / 2
            k.rect(cx - half, y_of(v), cx + half, y1, colour)
        else:
            k.rect(cx - slot * 0.3, y_of(v), cx + slot * 0.3, y1, colour)
            label = _label_ind(h, desimal, many)
            label_y = y_of((v if h.capaian is not None else 2) + top * 0.01)
            if many:
                k.text_up((cx, label_y), label, 6)
            else:
                k.text((cx, label_y), label, 7, "md" if "\n" in label else "ms")
        if i % step == 0:
            k.line((cx, y1), (cx, y1 + _px(3.5)), HITAM)
            k.text((cx, y1 + _px(5.5)), str(h.nomor), 8, "mt")
    k.line((x0, y_of(100)), (x1, y_of(100)), BIRU, 1, dashed=True)
    k.line((x0, y0), (x0, y1), HITAM)
    k.line((x0, y1), (x1, y1), HITAM)
    k.text(((x0 + x1) / 2, y1 + _px(19)), "Indikator ke-", 8, "mt")
    entries = [(HIJAU, "Tercapai", False), (MERAH, "Belum tercapai", False)]
    if any(h.tercapai is None for h in items):
        entries.append((ABU, "Tidak terhitung", False))
    entries.append((BIRU, "Target 100%", True))
    k.legend(((x0 + x1) / 2, y1 + _px(36)), entries, "mt")
    return k.save(path)


def grafik_serapan(hasil: Hasil, path: Path, desimal: int = 2, labels: list[str] | None = None) -> Path:
    """Horizontal bars: serapan anggaran (%) per budget line, with the overall serapan as a line.
    `labels`: one per budget line (the report passes short names); default code + name."""
    items = hasil.anggaran
    n = max(len(items), 1)
    huge = n > BANYAK
    step = _every(n, 30) if huge else 1
    labels = labels or [textwrap.shorten(f"{a.baris.kode} {a.baris.uraian}", 48, placeholder="…") for a in items]
    values = [float(a.serapan) if a.serapan is not None else 0.0 for a in items]
    right = max([100.0] + values) * 1.18
    k = _Kanvas(LEBAR_IN, min(0.9 + 0.42 * n, MAKS_TINGGI_IN))
    W, H = k.size
    size = 6 if huge else 7
    left = _px(4) + max([k.width(s, size) for s in labels[::step]] + [0]) + _px(3.5 + 4)
    x0, x1, y0, y1 = left, W - _px(6), _px(8), H - _px(34)
    pad = _pad(n)
    slot = (y1 - y0) / (n + 2 * pad)

    def x_of(v: float) -> float:
        return x0 + (x1 - x0) * v / right

    for t in _ticks(right):
        k.line((x_of(t), y1), (x_of(t), y1 + _px(3.5)), HITAM)
        k.text((x_of(t), y1 + _px(5.5)), f"{t:.0f}%", 7, "mt")
    for i, (a, v, label) in enumerate(zip(items, values, labels)):
        cy = y0 + slot * (pad + i + 0.5)            # the first budget line on top
        if huge:
            half = max(_px(max(0.3, 400 / n)), 1) / 2
            k.rect(x0, cy - half, x_of(v), cy + half, BIRU)
        else:
            k.rect(x0, cy - slot * 0.3, x_of(v), cy + slot * 0.3, BIRU)
            k.text((x_of(v + right * 0.01), cy), persen(a.serapan, desimal), 7, "lm")
        if i % step == 0:
            k.line((x0 - _px(3.5), cy), (x0, cy), HITAM)
            k.text((x0 - _px(5.5), cy), label, size, "rm")
    if hasil.serapan is not None:
        total = float(hasil.serapan)
        k.line((x_of(total), y0), (x_of(total), y1), MERAH, 1, dashed=True)
        k.legend((x1 - _px(6), y1 - _px(4)), [(MERAH, f"Serapan total {persen(hasil.serapan, desimal)}", True)],
                 "rb")
    k.line((x0, y0), (x0, y1), HITAM)
    k.line((x0, y1), (x1, y1), HITAM)
    k.text(((x0 + x1) / 2, y1 + _px(17)), "Serapan anggaran (%)", 8, "mt")
    return k.save(path)
