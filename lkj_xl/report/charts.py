"""Charts for BAB II, drawn with matplotlib's object API on the Agg canvas (no pyplot, no global state,
safe in worker processes): capaian per indicator against the 100% line, and serapan per budget line.
Labels use the same Indonesian formatting as the tables.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..core.formatting import persen
from ..core.performance import Hasil

HIJAU, MERAH, ABU, BIRU = "#2e7d32", "#c62828", "#9e9e9e", "#1565c0"
DPI = 150
# Beyond this many bars a value label per bar is unreadable and costs seconds per report: the chart
# keeps every bar (the caption says "per indikator") but drops the labels, thins the tick labels
# and stops growing.
BANYAK = 40
MAKS_TINGGI_IN = 9.5


def _every(n: int, target: int = 20) -> int:
    """Label every k-th bar so that about `target` labels remain."""
    return max(1, -(-n // target))


def _save(fig: Figure, path: Path) -> Path:
    FigureCanvasAgg(fig)
    fig.savefig(path, dpi=DPI, format="png")
    return path


def grafik_capaian(hasil: Hasil, path: Path, desimal: int = 2) -> Path:
    """Vertical bars: capaian (%) per indicator, green when achieved, red when not; indicators whose
    capaian cannot be computed get an empty slot labelled 'tidak terhitung'."""
    items = hasil.indikator
    fig = Figure(figsize=(6.4, 3.2))
    ax = fig.add_subplot()
    huge = len(items) > BANYAK
    step = _every(len(items)) if huge else 1
    labels = [str(h.nomor) for h in items]
    many = len(items) > 8
    values = [float(h.capaian) if h.capaian is not None else 0.0 for h in items]
    colors = [ABU if h.tercapai is None else (HIJAU if h.tercapai else MERAH) for h in items]
    xs = range(len(items))
    if huge:   # one LineCollection instead of a thousand Rectangle patches
        ax.vlines(list(xs), 0, values, colors=colors, linewidth=max(0.3, 300 / len(items)))
        bars = []
    else:
        bars = ax.bar(xs, values, color=colors, width=0.6)
    top = max([100.0] + values) * (1.3 if len(items) > 8 else 1.15)
    for bar, h in zip(bars, items):
        text = persen(h.capaian, desimal) if h.capaian is not None else ("n/a" if many else "tidak\nterhitung")
        y = bar.get_height() if h.capaian is not None else 2
        ax.text(bar.get_x() + bar.get_width() / 2, y + top * 0.01, text, ha="center", va="bottom",
                fontsize=6 if many else 7, rotation=90 if many else 0)
    ax.axhline(100, color=BIRU, linestyle="--", linewidth=1, label="Target 100%")
    ax.set_xticks(list(xs)[::step], labels[::step], fontsize=8)
    ax.set_xlabel("Indikator ke-", fontsize=8)
    ax.set_ylim(0, top)
    ax.set_ylabel("Capaian (%)", fontsize=8)
    ax.tick_params(axis="y", labelsize=7)
    ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:.0f}%")
    ax.spines[["top", "right"]].set_visible(False)
    from matplotlib.patches import Patch
    handles = [Patch(color=HIJAU, label="Tercapai"), Patch(color=MERAH, label="Belum tercapai")]
    if any(h.tercapai is None for h in items):
        handles.append(Patch(color=ABU, label="Tidak terhitung"))
    handles.append(ax.get_lines()[0])
    ax.legend(handles=handles, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=len(handles),
              frameon=False)
    fig.tight_layout()
    return _save(fig, path)


def grafik_serapan(hasil: Hasil, path: Path, desimal: int = 2, labels: list[str] | None = None) -> Path:
    """Horizontal bars: serapan anggaran (%) per budget line, with the overall serapan as a line.
    `labels`: one per budget line (the report passes short names); default code + name."""
    items = hasil.anggaran
    n = max(len(items), 1)
    huge = n > BANYAK
    step = _every(n, 30) if huge else 1
    fig = Figure(figsize=(6.4, min(0.9 + 0.42 * n, MAKS_TINGGI_IN)))
    ax = fig.add_subplot()
    labels = labels or [textwrap.shorten(f"{a.baris.kode} {a.baris.uraian}", 48, placeholder="…") for a in items]
    values = [float(a.serapan) if a.serapan is not None else 0.0 for a in items]
    ys = list(range(len(items)))[::-1]
    if huge:
        ax.hlines(ys, 0, values, colors=BIRU, linewidth=max(0.3, 400 / n))
    else:
        ax.barh(ys, values, color=BIRU, height=0.6)
    right = max([100.0] + values) * 1.18
    for y, a, v in ([] if huge else zip(ys, items, values)):
        ax.text(v + right * 0.01, y, persen(a.serapan, desimal), va="center", fontsize=7)
    if hasil.serapan is not None:
        ax.axvline(float(hasil.serapan), color=MERAH, linestyle="--", linewidth=1,
                   label=f"Serapan total {persen(hasil.serapan, desimal)}")
        ax.legend(fontsize=7, loc="lower right", frameon=False)
    ax.set_yticks(ys[::step], labels[::step], fontsize=7 if not huge else 6)
    ax.set_xlim(0, right)
    ax.set_xlabel("Serapan anggaran (%)", fontsize=8)
    ax.tick_params(axis="x", labelsize=7)
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{v:.0f}%")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return _save(fig, path)
