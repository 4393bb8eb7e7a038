"""Olahan -> the quarterly LKj in Word (docxtpl), and optionally PDF (LibreOffice, see `pdf.py`).

Public API (used by the CLI, the batch workers and the add-in; no printing, no global state):

    konteks(olahan, *, draf=False) -> dict          the docxtpl context, pure and formatted
    buat_docx(olahan, out, *, draf=False, folder_foto=None) -> Path
    buat_pdf(docx, out_dir=None) -> Path            raises LkjError when LibreOffice is missing or fails

Rendering uses autoescape, so text typed by a user (`&`, `<`, `{{ }}`, quotes) appears literally,
and a line break typed in a cell becomes a real line break. Charts are drawn into a temporary folder
and embedded; photos of Lampiran II are looked up relative to `folder_foto`.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from docx.oxml.ns import qn
from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import Environment, StrictUndefined, TemplateError, UndefinedError

from . import charts, charts_tahunan
from ..core.engine import Olahan
from .pdf import buat_pdf
from ..core.problems import LkjError
from .tahunan import konteks as konteks_tahunan
from .triwulan import konteks
from ..core.resources import bundled_dir
from ..workbook.writing import atomic_save

TEMPLATE_DIR = bundled_dir("docx_templates")
DEFAULT_TEMPLATE = "lkj_triwulan"
TEMPLATE_TAHUNAN = "lkjip_tahunan"
PAPER = {"A4": (Cm(21.0), Cm(29.7)), "F4": (Cm(21.5), Cm(33.0))}
FOTO_LEBAR, FOTO_TINGGI = Cm(7.5), Cm(6.0)
FOTO_EKSTENSI = {".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff"}

# Schema order of <w:tcPr> children: docxtpl's {% vm %} appends <w:vMerge> at the end, which Word
# may reject when the cell also has <w:vAlign> etc.; we put the children back in order.
_TCPR_ORDER = ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
               "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel",
               "cellMerge", "tcPrChange"]

__all__ = ["buat_docx", "buat_pdf", "jenis_laporan", "konteks", "konteks_tahunan", "templat_path"]


def templat_path(nama: str | None = None, folder: Path | None = None) -> Path:
    """The .docx template: a name in docx_templates/ ('lkj_triwulan') or a path to a user's .docx
    (relative to `folder`, the workbook's folder)."""
    nama = (nama or DEFAULT_TEMPLATE).strip() or DEFAULT_TEMPLATE
    candidates = []
    if nama.lower().endswith(".docx"):
        p = Path(nama)
        candidates.append(p if p.is_absolute() or folder is None else folder / p)
        candidates.append(TEMPLATE_DIR / p.name)
    else:
        candidates.append(TEMPLATE_DIR / f"{nama}.docx")
    for c in candidates:
        if c.is_file():
            return c
    raise LkjError(f"Templat Word '{nama}' tidak ditemukan (dicari: {', '.join(str(c) for c in candidates)}). "
                   f"Periksa isian 'Templat Laporan' di sheet Pengaturan, atau kosongkan untuk memakai "
                   f"templat bawaan '{DEFAULT_TEMPLATE}'.")


def _foto(tpl: DocxTemplate, item: dict, folder: Path) -> None:
    """Fill item['gambar'] with an InlineImage, or item['catatan'] with why there is none."""
    name = item.get("file") or ""
    if not name:
        return
    path = Path(name)
    if not path.is_absolute():
        path = folder / path
    if not path.is_file():
        item["catatan"] = f"(foto tidak ditemukan: {name})"
        return
    if path.suffix.lower() not in FOTO_EKSTENSI:
        item["catatan"] = f"(format foto tidak didukung: {name}; pakai .jpg atau .png)"
        return
    try:
        from PIL import Image
        with Image.open(path) as im:
            im.verify()
        with Image.open(path) as im:
            w, h = im.size
    except Exception:
        item["catatan"] = f"(foto tidak dapat dibaca: {name})"
        return
    if w and h and h / w > FOTO_TINGGI / FOTO_LEBAR:
        item["gambar"] = InlineImage(tpl, str(path), height=FOTO_TINGGI)
    else:
        item["gambar"] = InlineImage(tpl, str(path), width=FOTO_LEBAR)
    item["catatan"] = ""


def _sort_tcpr(document) -> None:
    rank = {qn(f"w:{n}"): i for i, n in enumerate(_TCPR_ORDER)}
    for tcpr in document.element.body.iter(qn("w:tcPr")):
        children = list(tcpr)
        ordered = sorted(children, key=lambda el: rank.get(el.tag, len(rank)))
        if ordered != children:
            for el in children:
                tcpr.remove(el)
            for el in ordered:
                tcpr.append(el)


def _paper(document, kertas: str) -> None:
    width, height = PAPER.get(kertas, PAPER["A4"])
    for section in document.sections:
        section.page_width, section.page_height = width, height


def jenis_laporan(olahan: Olahan, jenis: str | None = None) -> str:
    """'tahunan' (the annual LKjIP) when asked for or when Identitas' Periode is Tahunan, else 'triwulan'."""
    if jenis:
        return "tahunan" if jenis.strip().lower().startswith("tahun") else "triwulan"
    return "tahunan" if olahan.laporan.identitas.periode.lower().startswith("tahun") else "triwulan"


def buat_docx(olahan: Olahan, out: Path, *, draf: bool = False, folder_foto: Path | None = None,
              jenis: str | None = None, reviu: bool = False) -> Path:
    """Write the LKj .docx to `out` (atomically) and return its path.

    draf=True marks it visibly as a draft (header line on every page, "DRAF" on the cover).
    folder_foto: where relative photo paths of the Dokumentasi sheet are resolved (normally the
    workbook's folder; default: the current directory). jenis: 'triwulan' or 'tahunan' (default: from
    the Periode in Identitas); reviu=True adds the annual report's 'Pernyataan Telah Direviu' page."""
    out = Path(out)
    folder = Path(folder_foto) if folder_foto is not None else Path.cwd()
    tahunan = jenis_laporan(olahan, jenis) == "tahunan"
    ctx = konteks_tahunan(olahan, draf=draf, reviu=reviu) if tahunan else konteks(olahan, draf=draf)
    nama = olahan.laporan.pengaturan.templat
    if tahunan and (not nama or nama.strip() == DEFAULT_TEMPLATE):
        nama = TEMPLATE_TAHUNAN              # the default template of the annual document
    template = templat_path(nama, folder)
    tpl = DocxTemplate(str(template))
    env = Environment(autoescape=True, undefined=StrictUndefined)
    with tempfile.TemporaryDirectory(prefix="lkj_grafik_") as tmp:
        tmpdir = Path(tmp)
        if tahunan:
            charts_tahunan.sisipkan(tpl, ctx, olahan, tmpdir)
        else:
            if olahan.hasil.indikator:
                charts.grafik_capaian(olahan.hasil, tmpdir / "capaian.png", ctx["desimal"])
                ctx["grafik_capaian"] = InlineImage(tpl, str(tmpdir / "capaian.png"), width=Cm(15))
            if olahan.hasil.anggaran:
                charts.grafik_serapan(olahan.hasil, tmpdir / "serapan.png", ctx["desimal"])
                ctx["grafik_serapan"] = InlineImage(tpl, str(tmpdir / "serapan.png"), width=Cm(15))
            for item in ctx["dokumentasi"]:       # the same dicts as in dokumentasi_baris
                _foto(tpl, item, folder)
        try:
            tpl.render(ctx, jinja_env=env, autoescape=True)
        except UndefinedError as exc:
            raise LkjError(f"Templat Word '{template.name}' memakai isian yang tidak dikenal ({exc}). "
                           "Lihat daftar isian di docs/templat_word.md.") from exc
        except TemplateError as exc:
            raise LkjError(f"Templat Word '{template.name}' tidak dapat dipakai: {exc}. "
                           "Periksa tanda {{ }} dan {% %} di templat (lihat docs/templat_word.md).") from exc
        document = tpl.docx
        _sort_tcpr(document)
        _paper(document, ctx["kertas"])
        props = document.core_properties
        props.title = f"Laporan Kinerja {ctx['unit']} {ctx['periode']} Tahun {ctx['tahun']}"
        props.subject = "DRAF" if draf else ""
        atomic_save(lambda tmp: tpl.save(str(tmp)), out)
    return out
