"""What users see of every contoh workbook, as plain JSON: the Word report's text, tables, headers and
footers, its pictures counted (not compared: charts may change in drawing), the problems found, and the
batch's rekap.xlsx. `tests/test_keluaran_tetap.py` compares it with the snapshot in tests/data/keluaran/;
`python scripts/snapshot_keluaran.py` writes that snapshot again.
"""
from __future__ import annotations

import difflib
import hashlib
import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTOH = ROOT / "contoh"
SNAPSHOT = ROOT / "tests" / "data" / "keluaran"
REKAP = "rekap"

# Cells of rekap.xlsx that differ from run to run, left out (sheet Keterangan, column A label -> why):
VARIABEL = {
    "Folder workbook": "absolute path of the temporary copy of contoh/",
    "Folder keluaran": "absolute path of the temporary output folder",
    "Waktu (detik)": "elapsed time of the batch",
    "Dibuat": "date and minute the rekap was written",
}
# The batch runs as `lkj batch contoh -o keluaran --gabung` does (scripts/demo.sh), once more with
# --paksa so that every report is also rendered (as DRAF) through the batch and its bundle. jobs=1:
# in this process, so every report is rendered by the same process one after the other (what a
# worker does), without starting interpreters.
BATCH_RUNS = {"batch --gabung": {"gabung": True}, "batch --gabung --paksa": {"gabung": True, "paksa": True}}


def workbooks() -> list[Path]:
    return sorted(CONTOH.glob("*.xlsx"))


def _json(value):
    """The value as it reads back from JSON (tuples become lists), so comparisons are like for like."""
    return json.loads(json.dumps(value, ensure_ascii=False))


# ---------------------------------------------------------------- the .docx

def _teks(element, parent) -> list[str]:
    """The text of every paragraph under `element`, in document order (table cells and text boxes too)."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    return [Paragraph(p, parent).text for p in element.iter(qn("w:p"))]


def _tabel(element, parent) -> list[list[list[str]]]:
    """Every table under `element` (nested ones too, after their parent) as rows of cell texts."""
    from docx.oxml.ns import qn
    from docx.table import Table

    return [[[cell.text for cell in row.cells] for row in Table(t, parent).rows] for t in element.iter(qn("w:tbl"))]


def _field(element) -> list[str]:
    """The instructions of the fields under `element` (PAGE, TOC …), whose results the text leaves out."""
    from docx.oxml.ns import qn

    return [el.get(qn("w:instr")) if el.tag == qn("w:fldSimple") else el.text
            for el in element.iter(qn("w:fldSimple"), qn("w:instrText"))]


def _kepala_kaki(document) -> dict[str, dict]:
    """The paragraphs and fields of each header and footer a section defines itself (a linked one
    repeats the previous section's)."""
    out = {}
    for i, section in enumerate(document.sections, start=1):
        for kind in ("header", "first_page_header", "even_page_header",
                     "footer", "first_page_footer", "even_page_footer"):
            part = getattr(section, kind)
            if not part.is_linked_to_previous:
                out[f"bagian {i} {kind}"] = {"paragraf": _teks(part._element, part), "field": _field(part._element)}
    return out


def isi_docx(path: Path) -> dict:
    """Everything a reader sees of a .docx except the pixels of its pictures."""
    from docx import Document
    from docx.oxml.ns import qn

    document = Document(str(path))
    body = document.element.body
    props = document.core_properties
    images = [p for p in document.part.package.iter_parts() if p.content_type.startswith("image/")]
    return {
        "properti": {"title": props.title, "subject": props.subject, "author": props.author},
        "halaman": [[s.page_width, s.page_height, s.left_margin, s.right_margin, s.top_margin, s.bottom_margin]
                    for s in document.sections],
        "paragraf": _teks(body, document),
        "tabel": _tabel(body, document),
        "field": _field(body),
        "kepala_kaki": _kepala_kaki(document),
        # pictures shown in the body, image files in the document, and other images (the template's
        # docProps/thumbnail.jpeg, which Windows shows as the file's preview)
        "gambar": {"ditampilkan": sum(1 for _ in body.iter(qn("a:blip"))),
                   "media": sum(p.partname.startswith("/word/") for p in images),
                   "lain": sorted(p.partname for p in images if not p.partname.startswith("/word/"))},
    }


# ---------------------------------------------------------------- one workbook, as `lkj buat` makes it

def laporan(src: Path, out_dir: Path) -> dict:
    """The report of one workbook the way `lkj buat` makes it (a DRAF when the data has errors, as
    `--paksa` does: the errors' workbooks would make no report otherwise), and its problems."""
    from lkj_xl.core.engine import olah_file
    from lkj_xl.report.rendering import buat_docx, jenis_laporan

    olahan = olah_file(src)
    out = buat_docx(olahan, out_dir / f"{src.stem}_LKj.docx", draf=olahan.ada_kesalahan,
                    folder_foto=src.resolve().parent)
    return _json({
        "workbook": src.name,
        "jenis": jenis_laporan(olahan),
        "draf": olahan.ada_kesalahan,
        "masalah": [[p.code, p.severity, p.sheet, p.cell, p.message, p.hint] for p in olahan.masalah],
        "docx": isi_docx(out),
    })


# ---------------------------------------------------------------- the batch and its rekap.xlsx

def isi_rekap(path: Path) -> dict:
    """Every sheet of rekap.xlsx: its column headers, each row by header (Keterangan: label -> value,
    without VARIABEL) and the link targets by cell."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        rows = [[c.value for c in row] for row in ws.iter_rows()]
        links = {c.coordinate: c.hyperlink.target for row in ws.iter_rows() for c in row if c.hyperlink}
        if ws.title == "Keterangan":
            isi = {label: "(berubah tiap kali)" if label in VARIABEL else value for label, value in rows}
            out[ws.title] = {"urutan": [label for label, _ in rows], "isi": isi, "tautan": links}
        else:
            out[ws.title] = {"kolom": rows[0], "baris": [dict(zip(rows[0], r)) for r in rows[1:]], "tautan": links}
    return out


def ringkas_docx(path: Path) -> dict:
    """A report made by the batch, in short: its text is in full in its folder's bundle (Gabungan),
    so here only its size and a digest of everything `isi_docx` sees (which changes with any of it)."""
    isi = isi_docx(path)
    teks = json.dumps(isi, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return {"paragraf": len(isi["paragraf"]), "tabel": len(isi["tabel"]), "gambar": isi["gambar"],
            "properti": isi["properti"], "sha256": hashlib.sha256(teks).hexdigest()}


def batch(tmp: Path) -> dict:
    """Each batch run of BATCH_RUNS over a copy of contoh/: the files it made, its rekap.xlsx, the text
    of each bundle in full and each report in short (`ringkas_docx`)."""
    from lkj_xl.batch.runner import jalankan

    masuk = tmp / "contoh"
    shutil.copytree(CONTOH, masuk)
    out = {}
    for k, (nama, opsi) in enumerate(BATCH_RUNS.items(), start=1):
        keluaran = tmp / f"keluaran{k}"
        hasil = jalankan(masuk, keluaran, jobs=1, **opsi)

        def rel(p: Path, keluaran=keluaran) -> str:
            return p.relative_to(keluaran).as_posix()

        out[nama] = _json({
            "kode_keluar": hasil.kode_keluar,
            "file": sorted(rel(p) for p in keluaran.rglob("*") if p.is_file()),
            "rekap": isi_rekap(hasil.rekap),
            "laporan": {rel(hf.docx): ringkas_docx(hf.docx) for hf in hasil.files if hf.docx},
            "gabungan": {rel(p): isi_docx(p) for p in hasil.gabungan},
        })
    return out


# ---------------------------------------------------------------- comparing

def perbedaan(lama, baru, path: str = "", batas: int = 8) -> list[tuple[str, object, object]]:
    """The first `batas` differences as (where, snapshot value, new value); [] when equal."""
    found: list[tuple[str, object, object]] = []

    def walk(a, b, where):
        if len(found) >= batas or a == b:
            return
        if isinstance(a, dict) and isinstance(b, dict):
            for key in list(a) + [k for k in b if k not in a]:
                walk(a.get(key, "(tidak ada)"), b.get(key, "(tidak ada)"), f"{where}.{key}" if where else key)
        elif isinstance(a, list) and isinstance(b, list):
            for i, (x, y) in enumerate(zip(a, b)):
                walk(x, y, f"{where}[{i}]")
            if len(a) != len(b) and len(found) < batas:
                found.append((f"{where} (panjang)", len(a), len(b)))
        else:
            found.append((where, a, b))

    walk(lama, baru, path)
    return found


def laporan_beda(lama, baru, judul: str) -> str:
    """A readable account of how `baru` differs from the snapshot `lama`: the first differences, and
    a unified diff of the report's paragraphs when they differ."""
    lines = [f"{judul}: keluaran berbeda dari snapshot (tests/data/keluaran/)."]
    for where, a, b in perbedaan(lama, baru):
        lines.append(f"  {where}:\n    snapshot: {a!r}\n    sekarang: {b!r}")
    pa, pb = (lama.get("docx", {}).get("paragraf"), baru.get("docx", {}).get("paragraf")) \
        if isinstance(lama, dict) and isinstance(baru, dict) else (None, None)
    if isinstance(pa, list) and isinstance(pb, list) and pa != pb:
        one_line = lambda ps: [str(x).replace("\n", "\\n") for x in ps]      # noqa: E731
        diff = list(difflib.unified_diff(one_line(pa), one_line(pb), "snapshot", "sekarang", n=1, lineterm=""))
        lines += ["  paragraf (diff):"] + [f"    {d}" for d in diff[:40]]
    lines.append("Bila perubahan ini disengaja: python scripts/snapshot_keluaran.py, lalu periksa git diff.")
    return "\n".join(lines)


# ---------------------------------------------------------------- writing the snapshot

def tulis(data, path: Path) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    import tempfile

    SNAPSHOT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lkj_snapshot_") as tmp:
        for src in workbooks():
            tulis(laporan(src, Path(tmp)), SNAPSHOT / f"{src.stem}.json")
            print(f"ditulis: {SNAPSHOT / src.stem}.json")
        batch_dir = Path(tmp) / "batch"
        batch_dir.mkdir()
        tulis(batch(batch_dir), SNAPSHOT / f"{REKAP}.json")
        print(f"ditulis: {SNAPSHOT / REKAP}.json")
