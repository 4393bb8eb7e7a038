"""The combined document of `lkj batch --gabung`: one per output folder and perangkat daerah.

docxcompose merges the content (styles, numbering, images); sections, headers/footers and page
numbering are handled here (see `gabung_docx`).
"""
from __future__ import annotations

import re
from pathlib import Path

from ..core.layout import ESELON
from ..core.problems import LkjError
from ..workbook.writing import atomic_save
from .crosscheck import MasalahLintas, buat
from .job import DRAF, HasilFile
from .naming import PemberiNama, stem_aman
from .sampul import Entri, baris_sampul, buat_depan, halaman_awal, jumlah_halaman, tandai_awal


# ---------------------------------------------------------------- order of the reports

# Units in the order of the organisation (SOTK), as bundled in seed 001: Seksi Pemerintahan (001:431),
# Pemberdayaan Masyarakat (001:595), Pelayanan Umum (001:744), then Sub Bagian Keuangan (001:876) and
# Umum dan Kepegawaian (001:1087); the other seksi of a kecamatan take their usual places. A unit is
# placed by the first of these words in its jabatan or unit name; units named by none come after,
# in input order.
URUTAN_SOTK = (
    ("pemerintahan",),
    ("ketenteraman", "ketentraman", "ketertiban", "trantib"),
    ("pemberdayaan",),
    ("pelayanan",),
    ("kesejahteraan", "kesos"),
    ("ekonomi", "pembangunan"),
    ("perencanaan", "program"),
    ("keuangan",),
    ("umum", "kepegawaian"),
)


def urutan_eselon(eselon: str) -> int:
    """'III.a' < 'III.b' < 'IV.a' < 'IV.b'; unknown last."""
    e = (eselon or "").strip()
    for n, known in enumerate(ESELON):
        if e.lower() == known.lower():
            return n
    return len(ESELON)


def urutan_sotk(*names: str) -> int:
    words = set(re.findall(r"[a-z]+", " ".join(names).lower()))
    for n, keys in enumerate(URUTAN_SOTK):
        if words.intersection(keys):
            return n
    return len(URUTAN_SOTK)


def kunci_hierarki(hf: HasilFile) -> tuple:
    """Camat/Kepala, Sekretaris, Kasi, Kasubbag (by eselon), each level in SOTK order, then input order."""
    return (urutan_eselon(hf.eselon), urutan_sotk(hf.jabatan, hf.unit), hf.nomor, hf.rel.lower())


# ---------------------------------------------------------------- one document from several

def gabung_docx(paths: list[Path], out: Path, depan=None) -> Path:
    """One document from several, each starting on a new page with page numbers restarting at 1.

    depan: a front document (cover, Daftar Isi: see sampul.buat_depan) put first; then the page
    numbers start at 1 on the first report and run on through the bundle (one Daftar Isi, one
    sequence of pages).

    docxcompose merges the content (styles, numbering, images). Sections are handled here, because
    docxcompose keeps only the first document's page setup, headers and footers: every report keeps
    its own section properties (paper size, margins) and its own headers and footers (a DRAF header
    belongs to that report only), and the first section of every report gets 'new page' and a
    page-number restart.
    """
    import copy

    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.oxml.ns import qn
    from docxcompose.composer import Composer

    if not paths:
        raise LkjError("Tidak ada laporan untuk digabung.")
    docs = ([depan] if depan is not None else []) + [Document(str(p)) if isinstance(p, (str, Path)) else p
                                                      for p in paths]
    restart_at = {1} if depan is not None else set(range(len(docs)))
    # Section properties of every report, recorded before composing (the composer strips references).
    own_sect = [[copy.deepcopy(s._sectPr) for s in doc.sections] for doc in docs]
    first_sections: list[int] = []
    count = 0
    for k, doc in enumerate(docs):
        first_sections.append(count)
        count += len(doc.sections)
        if k < len(docs) - 1:
            # end this report with a paragraph-level copy of its final section properties
            body = doc.element.body
            sect = body.find(qn("w:sectPr"))
            if sect is not None:
                p = body.makeelement(qn("w:p"), {})
                ppr = p.makeelement(qn("w:pPr"), {})
                ppr.append(copy.deepcopy(sect))
                p.append(ppr)
                sect.addprevious(p)
    master = docs[0]
    composer = Composer(master)
    for doc in docs[1:]:
        composer.append(doc)
    sections = master.sections
    for k, doc in enumerate(docs):
        cache: dict[str, str] = {}
        for j, source in enumerate(own_sect[k]):
            idx = first_sections[k] + j
            if idx >= len(sections):
                continue
            target = sections[idx]._sectPr
            if k > 0 or idx == len(sections) - 1:
                for child in list(target):
                    target.remove(child)
                for child in source:
                    target.append(copy.deepcopy(child))
                if k > 0:
                    _map_hdrftr(composer, doc, master, target, cache)
            if j == 0 and k in restart_at:
                _restart_numbering(target)
    for idx in first_sections:
        if idx < len(sections):
            sections[idx].start_type = WD_SECTION.NEW_PAGE
    return atomic_save(master.save, Path(out))


def _map_hdrftr(composer, src_doc, master, sect_pr, cache: dict[str, str]) -> None:
    """Point the header/footer references of `sect_pr` (copied from `src_doc`) to copies of
    `src_doc`'s header/footer parts inside `master`."""
    import copy

    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn
    from docx.parts.hdrftr import FooterPart, HeaderPart

    r_id = qn("r:id")
    for ref in sect_pr.findall(qn("w:headerReference")) + sect_pr.findall(qn("w:footerReference")):
        old = ref.get(r_id)
        if old not in cache:
            rel = src_doc.part.rels[old]
            header = rel.reltype == RT.HEADER
            cls, template = (HeaderPart, "/word/header%d.xml") if header else (FooterPart, "/word/footer%d.xml")
            src_part = rel.target_part
            element = copy.deepcopy(src_part.element)
            package = master.part.package
            part = cls(package.next_partname(template), src_part.content_type, element, package)
            cache[old] = master.part.relate_to(part, rel.reltype)
            for attr in (qn("r:id"), qn("r:embed"), qn("r:link")):
                for el in element.iter():
                    rid = el.get(attr)
                    if rid and rid in src_part.rels:
                        new_rel = composer.add_relationship(src_part, part, src_part.rels[rid])
                        el.set(attr, new_rel.rId)
        ref.set(r_id, cache[old])


def _restart_numbering(sect_pr) -> None:
    from docx.oxml.ns import qn

    pg = sect_pr.find(qn("w:pgNumType"))
    if pg is None:
        pg = sect_pr.makeelement(qn("w:pgNumType"), {})
        # schema order: pgNumType comes right after pgBorders/lnNumType/paperSrc/pgMar/pgSz
        anchor = None
        for tag in ("w:lnNumType", "w:pgBorders", "w:paperSrc", "w:pgMar", "w:pgSz"):
            anchor = sect_pr.find(qn(tag))
            if anchor is not None:
                break
        if anchor is not None:
            anchor.addnext(pg)
        else:
            sect_pr.append(pg)
    pg.set(qn("w:start"), "1")


def _entri(hf: HasilFile, k: int) -> Entri:
    teks = " – ".join(x for x in (hf.jabatan.strip() or hf.unit.strip() or Path(hf.rel).stem, hf.nama.strip()) if x)
    return Entri(f"{k}. {teks}" + (" (DRAF)" if hf.status == DRAF else ""), f"_LkjLaporan{k}")


def gabung_satu(group: list[HasilFile], out: Path) -> Path:
    """The bundle of one organisation: cover, Daftar Isi, then the reports in SOTK order."""
    from docx import Document

    group = sorted(group, key=kunci_hierarki)
    top = group[0]
    entri = [_entri(hf, k) for k, hf in enumerate(group, start=1)]
    for e, page in zip(entri, halaman_awal([jumlah_halaman(hf.pdf) for hf in group])):
        e.halaman = page
    ident = top.lintas.identitas if top.lintas is not None else None
    tw = top.lintas.tw if top.lintas is not None and ident and ident.periode else 0
    if ident and ident.periode.lower().startswith("tahun"):     # the annual LKjIP: "TAHUN 2024" only
        tw = 0
    baris = baris_sampul([hf.eselon for hf in group], tw, top.tahun or "", top.perangkat_daerah or top.unit)
    docs = []
    for k, (hf, e) in enumerate(zip(group, entri), start=1):
        doc = Document(str(hf.docx))
        tandai_awal(doc, e, k)
        docs.append(doc)
    return gabung_docx(docs, out, depan=buat_depan(group[0].docx, baris, entri))


def gabung_per_folder(files: list[HasilFile], namers: dict[Path, PemberiNama]) -> tuple[list[Path], list[MasalahLintas]]:
    """The bundles of a batch, one per output folder and perangkat daerah, with the problems met."""
    made, problems = [], []
    by_folder: dict[tuple[Path, str], list[HasilFile]] = {}
    for hf in files:
        if hf.docx is not None:
            org = re.sub(r"\s+", " ", hf.perangkat_daerah or hf.unit).strip().lower()
            by_folder.setdefault((Path(hf.folder_keluaran), org), []).append(hf)
    for (folder, _org), group in sorted(by_folder.items()):
        top = min(group, key=kunci_hierarki)
        stem = stem_aman([top.tahun or "", top.periode, top.perangkat_daerah or top.unit, "Gabungan"])
        name = namers.setdefault(folder, PemberiNama()).ambil(stem, ".docx")
        try:
            made.append(gabung_satu(group, folder / name))
        except Exception as exc:
            problems.append(buat("gabung-gagal", str(folder.name), "", alasan=f"{type(exc).__name__}: {exc}"))
    return made, problems
