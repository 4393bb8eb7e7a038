"""Olahan -> the quarterly LKj in Word (docxtpl), and optionally PDF (LibreOffice, see `pdf.py`).

Public API (used by the CLI, the batch workers and the add-in; no printing, no global state):

    konteks(olahan, *, draf=False) -> dict          the docxtpl context, pure and formatted
    buat_docx(olahan, out, *, draf=False, folder_foto=None) -> Path
    buat_pdf(docx, out_dir=None) -> Path            raises LkjError when LibreOffice is missing or fails

Rendering uses autoescape, so text typed by a user (`&`, `<`, `{{ }}`, quotes) appears literally,
and a line break typed in a cell becomes a real line break. Charts are drawn into a temporary folder
and embedded; photos of Lampiran II are looked up relative to `folder_foto`.

Every template, the bundled one and a user's, is rendered in Jinja's sandbox and only from the
workbook's folder (see `untrusted.py`). Word, docxtpl and matplotlib are imported on first use, so
commands that draw nothing do not load them.
"""
from __future__ import annotations

import datetime as dt
import functools
import io
import tempfile
from pathlib import Path

from jinja2 import TemplateError, UndefinedError
from jinja2.sandbox import SecurityError

from ..core.engine import Olahan
from ..core.gc_pause import paused_gc
from ..core.problems import LkjError
from ..core.resources import bundled_dir
from ..workbook.writing import atomic_save
from .anggaran import label_grafik
from .narasi import dokumentasi_baris
from .triwulan import konteks
from .untrusted import DiLuarFolder, Ditolak, MAKS_FOTO, dalam_folder, patched_xml, sandbox, template_bytes

TEMPLATE_DIR = bundled_dir("docx_templates")
DEFAULT_TEMPLATE = "lkj_triwulan"
TEMPLATE_TAHUNAN = "lkjip_tahunan"      # the default template of the annual LKjIP
PAPER = {"A4": (21.0, 29.7), "F4": (21.5, 33.0)}      # cm
FOTO_LEBAR, FOTO_TINGGI = 7.5, 6.0                    # cm
LOGO_TINGGI = 3.0                                     # cm, on the cover
FOTO_EKSTENSI = {".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff"}
MAKS_PROPERTI = 255             # Word's limit for a core document property (title, subject …)

# Schema order of <w:tcPr> children: docxtpl's {% vm %} appends <w:vMerge> at the end, which Word
# may reject when the cell also has <w:vAlign> etc.; we put the children back in order.
_TCPR_ORDER = ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
               "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel",
               "cellMerge", "tcPrChange"]
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TCPR_RANK = {f"{_W}{n}": i for i, n in enumerate(_TCPR_ORDER)}
_TCPR = f"{_W}tcPr"

__all__ = ["buat_docx", "buat_pdf", "jenis_laporan", "konteks", "templat_path"]


def buat_pdf(docx: Path, out_dir: Path | None = None, batas: float | None = None) -> Path:
    """`report.pdf.buat_pdf`, imported on first use: batch workers make no PDF (the parent does)."""
    from . import pdf

    return pdf.buat_pdf(docx, out_dir, pdf.TIMEOUT if batas is None else batas)


def _bundled(nama: str) -> Path | None:
    """A bundled template by plain name ('lkj_triwulan' or 'lkj_triwulan.docx'), else None."""
    stem = nama[:-5] if nama.lower().endswith(".docx") else nama
    if not stem or any(ch in stem for ch in "/\\:") or stem.startswith("."):
        return None
    path = TEMPLATE_DIR / f"{stem}.docx"
    return path if path.is_file() else None


def templat_path(nama: str | None = None, folder: Path | None = None, sel: str = "") -> Path:
    """The .docx template: a name in docx_templates/ ('lkj_triwulan') or a user's .docx inside `folder`
    (the workbook's folder, default the current one). `sel` ('Pengaturan!B7') is named in messages."""
    nama = (nama or DEFAULT_TEMPLATE).strip() or DEFAULT_TEMPLATE
    di = f" ({sel})" if sel else ""
    if nama.lower().endswith(".docx"):
        folder = Path(folder) if folder is not None else Path.cwd()
        try:
            path = dalam_folder(nama, folder)
        except DiLuarFolder as exc:
            raise LkjError(f"Templat Word '{nama}' di sheet Pengaturan{di} ditolak: {exc}. Templat harus "
                           f"berada di folder workbook ('{folder}') atau subfoldernya; salin templat ke sana "
                           "dan tulis namanya saja, atau kosongkan isian untuk memakai templat bawaan.") from None
        if path.is_file():
            return path
        found = _bundled(Path(nama.replace("\\", "/")).name)
        if found:
            return found
        raise LkjError(f"Templat Word '{nama}' tidak ditemukan di folder workbook ('{folder}'; isian 'Templat "
                       f"Laporan' di sheet Pengaturan{di}). Letakkan templat di folder itu, atau kosongkan isian "
                       f"itu untuk memakai templat bawaan '{DEFAULT_TEMPLATE}'.")
    found = _bundled(nama)
    if found:
        return found
    raise LkjError(f"Templat Word '{nama}' tidak ditemukan: bukan templat bawaan (isian 'Templat Laporan' di "
                   f"sheet Pengaturan{di}). Tulis nama file .docx di folder workbook, atau kosongkan isian itu "
                   f"untuk memakai templat bawaan '{DEFAULT_TEMPLATE}'.")


def _foto(tpl, item: dict, folder: Path, sel: str) -> None:
    """Fill item['gambar'] with an InlineImage, or item['catatan'] with why there is none.
    A name that leaves the workbook's folder is refused (LkjError naming the cell `sel`)."""
    from docx.shared import Cm
    from docxtpl import InlineImage

    name = item.get("file") or ""
    if not name:
        return
    try:
        path = dalam_folder(name, folder)
    except DiLuarFolder as exc:
        raise LkjError(f"Foto '{name}' di {sel or 'sheet Dokumentasi'} ditolak: {exc}. Foto harus berada di "
                       f"folder workbook ('{folder}') atau subfoldernya; salin fotonya ke sana dan tulis namanya "
                       "saja (misalnya foto_rapat.jpg).") from None
    if not path.is_file():
        item["catatan"] = f"(foto tidak ditemukan: {name})"
        return
    if path.suffix.lower() not in FOTO_EKSTENSI:
        item["catatan"] = f"(format foto tidak didukung: {name}; pakai .jpg atau .png)"
        return
    if path.stat().st_size > MAKS_FOTO:
        item["catatan"] = f"(foto terlalu besar: {name}; batas {MAKS_FOTO // 2**20} MB, perkecil fotonya)"
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
        item["gambar"] = InlineImage(tpl, str(path), height=Cm(FOTO_TINGGI))
    else:
        item["gambar"] = InlineImage(tpl, str(path), width=Cm(FOTO_LEBAR))
    item["catatan"] = ""


def _foto_cells(olahan: Olahan) -> list[str]:
    """The File Foto cell of each Dokumentasi row, in the order of ctx['dokumentasi']."""
    from openpyxl.utils import get_column_letter

    col = olahan.laporan.kolom.get("Dokumentasi", {}).get("foto")
    return [f"Dokumentasi!{get_column_letter(col)}{f.row}" if col and f.row else "Dokumentasi"
            for f in olahan.laporan.dokumentasi]


def _walked(tpl, tag: str):
    """The body's elements `tag` (in document order), from the template's one walk when it made one."""
    walked = getattr(tpl, "walked", None)
    return walked[tag] if walked is not None else tpl.docx.element.body.iter(tag)


def _sort_tcpr(tcprs) -> None:
    """Put the children of every <w:tcPr> in schema order (a stable sort: unknown children last)."""
    rank, last = _TCPR_RANK.get, len(_TCPR_RANK)
    for tcpr in tcprs:
        if len(tcpr) < 2:
            continue
        before = -1
        for el in tcpr:
            now = rank(el.tag, last)
            if now < before:
                break
            before = now
        else:
            continue                     # in order (30.000 cells at 1.000 indicators: most of them)
        for el in sorted(tcpr, key=lambda el: rank(el.tag, last)):
            tcpr.append(el)              # appending a child moves it to the end


def qn(tag: str) -> str:
    from docx.oxml.ns import qn as _qn      # python-docx is imported only when a report is made
    return _qn(tag)


@functools.cache
def _templat_class(cepat: bool = True):
    """docxtpl's DocxTemplate (with its post-render passes made cheaper, `fast_template.py`, unless
    cepat=False), reusing the cleaned XML of each template part and keeping the document properties a
    template renders within Word's 255-character limit."""
    from docxtpl import DocxTemplate

    from .fast_template import FastDocxTemplate

    class Templat(FastDocxTemplate if cepat else DocxTemplate):
        def patch_xml(self, src_xml):
            return patched_xml(super().patch_xml, src_xml)

        def render_properties(self, context, jinja_env=None):
            props = self.docx.core_properties
            for prop in ("author", "comments", "identifier", "language", "subject", "title"):
                rendered = jinja_env.from_string(getattr(props, prop)).render(context)
                setattr(props, prop, rendered[:MAKS_PROPERTI])
    return Templat


class _Properti:
    """core_properties that keep only the first 255 characters of a text (Word's limit); the full
    text stays in the document itself (a 10.000-character Unit Kerja is still printed in full)."""

    def __init__(self, props) -> None:
        object.__setattr__(self, "_props", props)

    def __getattr__(self, name):
        return getattr(self._props, name)

    def __setattr__(self, name, value) -> None:
        setattr(self._props, name, value[:MAKS_PROPERTI] if isinstance(value, str) else value)


def _paper(document, kertas: str) -> None:
    from docx.shared import Cm

    width, height = PAPER.get(kertas, PAPER["A4"])
    for section in document.sections:
        section.page_width, section.page_height = Cm(width), Cm(height)


def _open(template: Path):
    try:
        tpl = _templat_class()(io.BytesIO(template_bytes(template)))
        tpl.init_docx()
    except LkjError:
        raise
    except Exception as exc:         # python-docx raises many kinds for a package that is not a document
        raise LkjError(f"Templat Word '{template.name}' tidak dapat dibuka sebagai dokumen Word "
                       f"({type(exc).__name__}). Buka di Word lalu simpan ulang sebagai .docx.") from None
    return tpl


def _render(tpl, ctx: dict, template: Path, sel: str) -> None:
    try:
        tpl.render(ctx, jinja_env=sandbox(), autoescape=True)
    except SecurityError as exc:
        alasan = str(exc) if isinstance(exc, Ditolak) else "menjalankan perintah yang tidak diizinkan"
        raise LkjError(f"Templat Word '{template.name}'{f' ({sel})' if sel else ''} ditolak: templat mencoba "
                       f"{alasan}. Templat tidak boleh berisi kode; lkj_xl tidak menjalankannya. Pakai templat "
                       "bawaan (kosongkan 'Templat Laporan' di sheet Pengaturan) atau templat dari sumber "
                       "tepercaya yang hanya memakai isian di docs/templat_word.md.") from None
    except UndefinedError as exc:
        raise LkjError(f"Templat Word '{template.name}' memakai isian yang tidak dikenal ({exc}). "
                       "Lihat daftar isian di docs/templat_word.md.") from exc
    except TemplateError as exc:
        raise LkjError(f"Templat Word '{template.name}' tidak dapat dipakai: {exc}. "
                       "Periksa tanda {{ }} dan {% %} di templat (lihat docs/templat_word.md).") from exc
    except OverflowError:             # the sandbox's range() limit
        raise LkjError(f"Templat Word '{template.name}'{f' ({sel})' if sel else ''} ditolak: templat mencoba "
                       "membuat deret angka yang terlalu panjang (lebih dari 100.000).") from None
    except (ArithmeticError, TypeError, ValueError, LookupError) as exc:   # e.g. {{ 1/0 }}, {{ unit + 1 }}
        raise LkjError(f"Templat Word '{template.name}' tidak dapat diisi: hitungan atau isian di templat gagal "
                       f"({type(exc).__name__}: {exc}). Periksa tanda {{{{ }}}} dan {{% %}} di templat "
                       "(lihat docs/templat_word.md).") from None


def _logo(tpl, ctx: dict, folder: Path, sel: str) -> None:
    """The cover logo named in Pengaturan, taken like a photo (the same folder rules); left out when
    it cannot be used."""
    from docx.shared import Cm

    if not ctx.get("file_logo"):
        return
    item = {"file": ctx["file_logo"], "gambar": "", "catatan": ""}
    _foto(tpl, item, folder, sel)
    if item["gambar"]:
        item["gambar"].width, item["gambar"].height = None, Cm(LOGO_TINGGI)
        ctx["logo"], ctx["ada_logo"] = item["gambar"], True


def _properties(document, ctx: dict, draf: bool) -> None:
    """Core properties of this document: its title, and when it was made (not the template's date)."""
    props = _Properti(document.core_properties)
    props.title = f"Laporan Kinerja {ctx['unit']} {ctx['periode']} Tahun {ctx['tahun']}"
    props.subject = "DRAF" if draf else ""
    props.author = props.last_modified_by = ctx.get("nama") or "lkj_xl"
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    props.revision = 1


def _alt_text(document, inlines, ctx: dict) -> None:
    """Alternative text of the pictures (screen readers, Word's accessibility check). A picture is
    known by its image bytes (Word keeps no file name), so this runs while the chart files exist."""
    import hashlib

    wanted = [(ctx.get("grafik_capaian"), f"Grafik capaian kinerja per indikator, {ctx['periode']} tahun {ctx['tahun']}"),
              (ctx.get("grafik_serapan"),
               f"Grafik serapan anggaran per {ctx['label_anggaran']}, {ctx['periode']} tahun {ctx['tahun']}"),
              (ctx.get("logo"), f"Logo {ctx['pemerintah']}")]
    wanted += [(i.get("gambar"), f"Foto kegiatan: {i['keterangan']}") for i in ctx.get("dokumentasi", [])]
    descr = {}
    for image, text in wanted:
        path = getattr(image, "image_descriptor", None)
        if path:
            descr.setdefault(hashlib.sha1(Path(path).read_bytes()).hexdigest(), text[:250])
    part = document.part
    for inline in inlines:
        blip = next(inline.iter(qn("a:blip")), None)
        rid = blip.get(qn("r:embed")) if blip is not None else None
        image = part.related_parts.get(rid) if rid else None
        text = descr.get(getattr(image, "sha1", None))
        pr = inline.find(qn("wp:docPr"))
        if text and pr is not None:
            pr.set("descr", text)


def jenis_laporan(olahan: Olahan, jenis: str | None = None) -> str:
    """'tahunan' (the annual LKjIP) when asked for or when Identitas' Periode is Tahunan, else 'triwulan'."""
    if jenis:
        return "tahunan" if jenis.strip().lower().startswith("tahun") else "triwulan"
    return "tahunan" if olahan.laporan.identitas.periode.lower().startswith("tahun") else "triwulan"


@paused_gc
def buat_docx(olahan: Olahan, out: Path, *, draf: bool = False, folder_foto: Path | None = None,
              jenis: str | None = None, reviu: bool = False) -> Path:
    """Write the LKj .docx to `out` (atomically) and return its path.

    draf=True marks it visibly as a draft (header line on every page, "DRAF" on the cover).
    folder_foto: the workbook's folder (default: the current directory); a user's template and the photos
    of the Dokumentasi sheet are taken from it and its subfolders only. jenis: 'triwulan' or 'tahunan'
    (default: the Periode in Identitas); reviu=True adds the annual 'Pernyataan Telah Direviu' page."""
    from docx.shared import Cm
    from docxtpl import InlineImage

    from . import charts, tabel_lebar

    out = Path(out)
    folder = Path(folder_foto) if folder_foto is not None else Path.cwd()
    tahunan = jenis_laporan(olahan, jenis) == "tahunan"
    if tahunan:
        from .tahunan import konteks as konteks_tahunan
        ctx = konteks_tahunan(olahan, draf=draf, reviu=reviu)
    else:
        ctx = konteks(olahan, draf=draf)
    sel = olahan.laporan.pengaturan.cells.get("templat", "")
    nama = olahan.laporan.pengaturan.templat
    if tahunan and (not nama or nama.strip() == DEFAULT_TEMPLATE):
        nama = TEMPLATE_TAHUNAN
    template = templat_path(nama, folder, sel)
    tpl = _open(template)
    with tempfile.TemporaryDirectory(prefix="lkj_grafik_") as tmp:
        tmpdir = Path(tmp)
        cells = _foto_cells(olahan)
        for item in ctx.get("dokumentasi", []):       # the same dicts as in dokumentasi_baris
            _foto(tpl, item, folder, cells[item["indeks"]])
        if not draf and not tahunan:          # a final report prints no "(foto tidak ditemukan)" (issue 13.1)
            ctx.update(dokumentasi_baris([i for i in ctx["dokumentasi"] if i["gambar"]]))
        _logo(tpl, ctx, folder, olahan.laporan.pengaturan.cells.get("logo", ""))
        if tahunan:
            from . import charts_tahunan
            charts_tahunan.sisipkan(tpl, ctx, olahan, tmpdir)
        elif ctx.get("ada_grafik_capaian", bool(olahan.hasil.indikator)):
            charts.grafik_capaian(olahan.hasil, tmpdir / "capaian.png", ctx["desimal"])
            ctx["grafik_capaian"] = InlineImage(tpl, str(tmpdir / "capaian.png"), width=Cm(15))
        if ctx.get("ada_grafik_serapan", bool(olahan.hasil.anggaran)):
            charts.grafik_serapan(olahan.hasil, tmpdir / "serapan.png", ctx["desimal"],
                                  labels=label_grafik(olahan.hasil))
            ctx["grafik_serapan"] = InlineImage(tpl, str(tmpdir / "serapan.png"), width=Cm(15))
        _render(tpl, ctx, template, sel)
        document = tpl.docx
        _sort_tcpr(_walked(tpl, _TCPR))
        tabel_lebar.atur(_walked(tpl, qn("w:tbl")))          # tables with a column loop (annual template)
        _paper(document, ctx["kertas"])
        _properties(document, ctx, draf)
        _alt_text(document, _walked(tpl, qn("wp:inline")), ctx)
        atomic_save(lambda tmp: tpl.save(str(tmp)), out)
    return out
