"""Batch: a folder of workbooks -> every report, a recap workbook, and checks across reports.

    hasil = jalankan(Path("masuk"), Path("keluaran"), jobs=4, gabung=True)
    hasil.kode_keluar   # 0 all fine, 1 something failed or has errors

Design:
- One worker call per workbook (`proses_file`): read -> compute -> validate -> render to a temporary
  file in the output folder. It never raises: every failure becomes a status and a Problem, so one
  bad workbook never stops the batch. A worker process that dies (segfault, out of memory) breaks
  the pool; the workbooks that were in flight are retried one by one in a fresh process and the
  culprit is listed as failed.
- Workers run in a process pool (forkserver on Linux, spawn elsewhere), with a bounded number of
  tasks in flight and recycled workers, so memory stays flat however many files there are.
  `jobs=1` runs everything in this process (for debugging).
- Final names are given in the parent, in input order, once everything is rendered: names are
  deterministic whatever order the workers finish in. Every file appears by os.replace of a
  complete temporary file in the same folder; an interrupted run deletes its temporary files.
- Inputs are opened read-only and never written.
"""
from __future__ import annotations

import importlib.util
import multiprocessing as mp
import os
import re
import secrets
import shutil
import signal
import sys
import time
import traceback
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from . import crosscheck
from .crosscheck import MasalahLintas, Ringkas, buat
from ..core.formatting import nip as format_nip
from ..core.layout import ESELON
from ..core.problems import ERROR, WARNING, LkjError, Problem
from .naming import PemberiNama, bagian, nama_laporan, stem_aman
from ..workbook.writing import TMP_PREFIX, atomic_save, usual_permissions

BERHASIL, DRAF, DITOLAK, GAGAL = "Berhasil", "Berhasil (DRAF)", "Ditolak", "Gagal"
EKSTENSI = (".xlsx", ".xlsm", ".xls")   # .xls is listed as failed, with how to convert it
MAX_TUGAS_PER_PROSES = 50        # recycle worker processes: keeps memory flat over long batches
SISA_TMP_LAMA = 6 * 3600         # temporary files of killed runs older than this are removed


# ---------------------------------------------------------------- finding workbooks

def alasan_lewati(name: str) -> str:
    """Why a workbook-looking file is not a workbook to process ('' = process it)."""
    lower = name.lower()
    if name.startswith("~$"):
        return "file kunci Excel (workbook sedang dibuka)"
    if name.startswith((".", "~")):
        return "file sementara atau tersembunyi"
    if re.search(r"\.cadangan-[^.]*\.xls[xm]$", lower):
        return "cadangan dari 'lkj hitung --di-tempat'"
    if lower == "rekap.xlsx":
        return "rekap hasil 'lkj batch'"
    return ""


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


def cari_workbook(folder: Path, keluaran: Path | None = None) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Workbooks under `folder` (recursive, sorted), and the skipped ones with their reason.
    Hidden folders and the output folder are not entered."""
    folder = Path(folder).resolve()
    out = Path(keluaran).resolve() if keluaran else None
    found: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for root, dirs, files in os.walk(folder):
        rootp = Path(root)
        keep = []
        for d in dirs:
            if d.startswith("."):
                continue
            if out is not None and _inside((rootp / d).resolve(), out):
                continue
            keep.append(d)
        dirs[:] = sorted(keep, key=str.lower)
        for name in sorted(files, key=str.lower):
            if not name.lower().endswith(EKSTENSI):
                continue
            path = rootp / name
            reason = alasan_lewati(name)
            if reason:
                skipped.append((path, reason))
            else:
                found.append(path)
    return found, skipped


# ---------------------------------------------------------------- one workbook (runs in a worker)

@dataclass
class Pekerjaan:
    nomor: int
    path: str             # absolute input path
    rel: str              # path relative to the batch folder (posix), as shown to users
    folder_keluaran: str  # absolute output folder for this workbook
    awalan_tmp: str       # temporary-file prefix of this run
    pdf: bool = False
    paksa: bool = False


@dataclass
class HasilFile:
    nomor: int
    rel: str
    folder_keluaran: str
    status: str = GAGAL
    alasan: str = ""
    unit: str = ""
    perangkat_daerah: str = ""
    jabatan: str = ""
    eselon: str = ""
    nama: str = ""
    nip: str = ""
    tahun: int | None = None
    periode: str = ""
    indikator: int | None = None
    tercapai: int | None = None
    capaian: float | None = None
    serapan: float | None = None
    efisiensi: float | None = None
    kategori: str = ""
    predikat: str = ""
    masalah: list[Problem] = field(default_factory=list)
    stem: str = ""
    tmp_docx: str | None = None
    tmp_pdf: str | None = None
    lintas: Ringkas | None = None
    detik: float = 0.0
    # set by the parent
    docx: Path | None = None
    pdf: Path | None = None
    masalah_lintas: list[MasalahLintas] = field(default_factory=list)

    @property
    def dibuat(self) -> bool:
        return self.status in (BERHASIL, DRAF)

    @property
    def kesalahan(self) -> int:
        return sum(p.severity == ERROR for p in self.masalah)

    @property
    def peringatan(self) -> int:
        return sum(p.severity == WARNING for p in self.masalah)


def _float(value) -> float | None:
    return None if value is None else float(value)


def _isi(hf: HasilFile, olahan) -> None:
    i, h = olahan.laporan.identitas, olahan.hasil
    hf.unit, hf.perangkat_daerah, hf.jabatan, hf.eselon = i.unit, i.perangkat_daerah, i.jabatan, i.eselon
    hf.nama, hf.nip, hf.tahun, hf.periode = i.nama, i.nip, i.tahun, i.periode
    hf.indikator, hf.tercapai = len(h.indikator), len(h.tercapai)
    hf.capaian, hf.serapan, hf.efisiensi = _float(h.kinerja), _float(h.serapan), _float(h.efisiensi)
    hf.kategori, hf.predikat = h.kategori_efisiensi, h.predikat
    hf.masalah = [Problem(p.code, p.severity, p.sheet, p.cell, p.message, p.hint, hf.rel) for p in olahan.masalah]
    hf.stem = nama_laporan(i.tahun, i.periode, i.unit or i.perangkat_daerah, i.jabatan,
                           cadangan=Path(hf.rel).stem)
    hf.lintas = Ringkas.dari(hf.rel, olahan.laporan)


def _gagal(hf: HasilFile, code: str, **kw) -> HasilFile:
    hf.status = GAGAL
    p = buat(code, hf.rel, "", **kw)
    hf.alasan = f"{p.message} {p.hint}".strip()
    hf.masalah.append(p)
    return hf


def _hapus(path: str | Path | None) -> None:
    if path:
        p = Path(path)
        if p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)


def _render(job: Pekerjaan, hf: HasilFile, olahan, draf: bool) -> None:
    from ..report.rendering import buat_docx, buat_pdf   # imported late: the batch core works without it

    folder = Path(job.folder_keluaran)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f"{job.awalan_tmp}{job.nomor}.docx"
    try:
        made = buat_docx(olahan, tmp, draf=draf, folder_foto=Path(job.path).parent)
        hf.tmp_docx = str(made or tmp)
    except BaseException:
        _hapus(tmp)
        raise
    if job.pdf:
        pdf_dir = folder / f"{job.awalan_tmp}{job.nomor}-pdf"
        pdf_dir.mkdir(exist_ok=True)
        try:
            hf.tmp_pdf = str(buat_pdf(Path(hf.tmp_docx), pdf_dir))
        except LkjError as exc:
            _hapus(pdf_dir)
            hf.masalah.append(buat("pdf-gagal-dibuat", hf.rel, "", alasan=str(exc)))
            hf.alasan = f"PDF tidak dibuat: {exc}"
        except BaseException:
            _hapus(pdf_dir)
            raise


def proses_file(job: Pekerjaan) -> HasilFile:
    """Read, compute, validate and render one workbook. Never raises (except KeyboardInterrupt)."""
    from ..core.engine import olah_file

    t0 = time.perf_counter()
    hf = HasilFile(job.nomor, job.rel, job.folder_keluaran)
    try:
        try:
            olahan = olah_file(job.path)
        except LkjError as exc:
            return _gagal(hf, "file-tidak-terbaca", alasan=str(exc))
        _isi(hf, olahan)
        if olahan.ada_kesalahan and not job.paksa:
            hf.status = DITOLAK
            hf.alasan = (f"{olahan.jumlah_kesalahan} kesalahan di workbook (lihat sheet Masalah rekap); "
                         "laporan tidak dibuat. Perbaiki workbook, atau pakai --paksa untuk membuat DRAF.")
            return hf
        draf = olahan.ada_kesalahan
        try:
            _render(job, hf, olahan, draf)
        except LkjError as exc:
            return _gagal(hf, "laporan-gagal-dibuat", alasan=str(exc))
        hf.status = DRAF if draf else BERHASIL
        if draf:
            hf.stem += "_DRAF"
            hf.alasan = (f"Dibuat sebagai DRAF karena --paksa, walaupun ada {olahan.jumlah_kesalahan} kesalahan. "
                         + hf.alasan).strip()
        return hf
    except Exception as exc:    # a bug or an unexpected file: listed, never fatal for the batch
        if os.environ.get("LKJ_DEBUG", "") not in ("", "0"):
            traceback.print_exc()
        return _gagal(hf, "proses-gagal", alasan=f"{type(exc).__name__}: {exc}")
    finally:
        hf.detik = time.perf_counter() - t0


# ---------------------------------------------------------------- running many

class Pemantau:
    """Progress callbacks; the CLI draws a progress bar from them. All methods are optional."""

    def mulai(self, total: int, dilewati: int) -> None: ...
    def selesai(self, hf: HasilFile, jumlah_selesai: int, total: int) -> None: ...
    def tahap(self, teks: str) -> None: ...


def _init_worker() -> None:
    # Ctrl-C goes to the whole process group: let the parent alone decide, and stop workers cleanly.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _context():
    methods = mp.get_all_start_methods()
    if "forkserver" in methods:
        ctx = mp.get_context("forkserver")
        preload = ["lkj_xl.batch", "lkj_xl.engine"]
        if importlib.util.find_spec("lkj_xl.rendering") is not None:
            preload.append("lkj_xl.rendering")
        ctx.set_forkserver_preload(preload)
        return ctx
    return mp.get_context("spawn")


def _pool(n: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=n, mp_context=_context(), initializer=_init_worker,
                               max_tasks_per_child=MAX_TUGAS_PER_PROSES)


def _stop(ex: ProcessPoolExecutor) -> None:
    """Stop a pool now: terminate its workers (they may be writing temporary files) and wait."""
    procs = list((getattr(ex, "_processes", None) or {}).values())
    for p in procs:
        try:
            p.terminate()
        except Exception:
            pass
    for p in procs:
        try:
            p.join(5)
        except Exception:
            pass
    ex.shutdown(wait=False, cancel_futures=True)


def _mati(job: Pekerjaan) -> HasilFile:
    hf = HasilFile(job.nomor, job.rel, job.folder_keluaran)
    return _gagal(hf, "proses-gagal", alasan="proses pekerja berhenti tiba-tiba (kehabisan memori atau file "
                                            "membuat program macet)")


def _sendiri(job: Pekerjaan, fn: Callable[[Pekerjaan], HasilFile] = proses_file) -> HasilFile:
    """Run one job alone in a fresh process: a second crash marks it as the culprit."""
    ex = ProcessPoolExecutor(max_workers=1, mp_context=_context(), initializer=_init_worker)
    try:
        return ex.submit(fn, job).result()
    except BrokenProcessPool:
        return _mati(job)
    except KeyboardInterrupt:
        _stop(ex)
        raise
    finally:
        ex.shutdown(wait=True, cancel_futures=True)


def _paralel(jobs: list[Pekerjaan], n: int, done: Callable[[HasilFile], None],
             fn: Callable[[Pekerjaan], HasilFile] = proses_file) -> None:
    queue = deque(jobs)
    while queue:
        suspects: list[Pekerjaan] = []
        ex = _pool(n)
        inflight: dict[Future, Pekerjaan] = {}
        try:
            while queue or inflight:
                while queue and len(inflight) < 2 * n:
                    job = queue.popleft()
                    inflight[ex.submit(fn, job)] = job
                finished, _ = wait(inflight, return_when=FIRST_COMPLETED)
                broken = False
                for fut in finished:
                    job = inflight.pop(fut)
                    try:
                        done(fut.result())
                    except BrokenProcessPool:
                        suspects.append(job)
                        broken = True
                    except Exception as exc:     # pickling or other pool-level trouble for this job
                        hf = HasilFile(job.nomor, job.rel, job.folder_keluaran)
                        done(_gagal(hf, "proses-gagal", alasan=f"{type(exc).__name__}: {exc}"))
                if broken:
                    suspects.extend(inflight.values())
                    inflight.clear()
                    break
        except KeyboardInterrupt:
            _stop(ex)
            raise
        finally:
            ex.shutdown(wait=True, cancel_futures=True)
        for job in sorted(suspects, key=lambda j: j.nomor):
            done(_sendiri(job, fn))


# ---------------------------------------------------------------- results

@dataclass
class HasilBatch:
    folder: Path
    keluaran: Path
    files: list[HasilFile]
    lintas: list[MasalahLintas]
    dilewati: list[tuple[str, str]]
    gabungan: list[Path] = field(default_factory=list)
    masalah_batch: list[MasalahLintas] = field(default_factory=list)   # e.g. a failed --gabung
    rekap: Path | None = None
    detik: float = 0.0

    def jumlah(self, status: str) -> int:
        return sum(f.status == status for f in self.files)

    @property
    def kode_keluar(self) -> int:
        if any(f.status != BERHASIL for f in self.files):
            return 1
        every = [p for f in self.files for p in f.masalah] + list(self.lintas) + list(self.masalah_batch)
        return 1 if any(p.severity == ERROR for p in every) else 0


def urutan_eselon(eselon: str) -> int:
    """'III.a' < 'III.b' < 'IV.a' < 'IV.b'; unknown last."""
    e = (eselon or "").strip()
    for n, known in enumerate(ESELON):
        if e.lower() == known.lower():
            return n
    return len(ESELON)


def kunci_hierarki(hf: HasilFile) -> tuple:
    return (urutan_eselon(hf.eselon), re.sub(r"\s+", " ", hf.jabatan or "").strip().lower(), hf.rel.lower())


def _folder_keluaran(out: Path, rel: Path) -> Path:
    parts = [bagian(p) or "_" for p in rel.parent.parts]
    return out.joinpath(*parts) if parts else out


def _beri_nama(files: list[HasilFile], namers: dict[Path, PemberiNama]) -> None:
    """Move temporary outputs to their final, unique names (in input order: deterministic)."""
    for hf in sorted(files, key=lambda f: f.nomor):
        if not hf.tmp_docx:
            continue
        folder = Path(hf.folder_keluaran)
        namer = namers.setdefault(folder, PemberiNama())
        name = namer.ambil(hf.stem, ".docx")
        final = folder / name
        os.replace(hf.tmp_docx, final)
        usual_permissions(final)
        hf.docx, hf.tmp_docx = final, None
        if hf.tmp_pdf:
            pdf = final.with_suffix(".pdf")
            namer.pesan(pdf.name)
            os.replace(hf.tmp_pdf, pdf)
            usual_permissions(pdf)
            _hapus(Path(hf.tmp_pdf).parent)
            hf.pdf, hf.tmp_pdf = pdf, None


def _bersihkan(out: Path, prefix: str) -> None:
    """Remove every temporary file of this run (and stale ones of killed runs)."""
    if not out.exists():
        return
    now = time.time()
    for p in out.rglob(f"{TMP_PREFIX}*"):
        try:
            stale = now - p.stat().st_mtime > SISA_TMP_LAMA
        except OSError:
            continue
        if p.name.startswith(prefix) or stale:
            _hapus(p)


# ---------------------------------------------------------------- combined document (--gabung)

def gabung_docx(paths: list[Path], out: Path) -> Path:
    """One document from several, each starting on a new page with page numbers restarting at 1.

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
    docs = [Document(str(p)) for p in paths]
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
            if j == 0:
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


def _gabung(files: list[HasilFile], namers: dict[Path, PemberiNama], pdf: bool) -> tuple[list[Path], list[MasalahLintas]]:
    made, problems = [], []
    # one combined document per folder and perangkat daerah (a folder may hold several units)
    by_folder: dict[tuple[Path, str], list[HasilFile]] = {}
    for hf in files:
        if hf.docx is not None:
            org = re.sub(r"\s+", " ", hf.perangkat_daerah or hf.unit).strip().lower()
            by_folder.setdefault((Path(hf.folder_keluaran), org), []).append(hf)
    for (folder, _org), group in sorted(by_folder.items()):
        group.sort(key=kunci_hierarki)
        top = group[0]
        stem = stem_aman([top.tahun or "", top.periode, top.perangkat_daerah or top.unit, "Gabungan"])
        name = namers.setdefault(folder, PemberiNama()).ambil(stem, ".docx")
        try:
            out = gabung_docx([hf.docx for hf in group], folder / name)
            made.append(out)
        except Exception as exc:
            problems.append(buat("gabung-gagal", str(folder.name), "", alasan=f"{type(exc).__name__}: {exc}"))
            continue
        if pdf:
            try:
                made.append(_pdf_atomic(out))
            except LkjError as exc:
                problems.append(buat("pdf-gagal-dibuat", out.name, "", alasan=str(exc)))
    return made, problems


def _pdf_atomic(docx: Path) -> Path:
    from ..report.rendering import buat_pdf

    tmp_dir = docx.parent / f"{TMP_PREFIX}{secrets.token_hex(4)}-pdf"
    tmp_dir.mkdir()
    try:
        made = buat_pdf(docx, tmp_dir)
        final = docx.with_suffix(".pdf")
        os.replace(made, final)
        usual_permissions(final)
        return final
    finally:
        _hapus(tmp_dir)


# ---------------------------------------------------------------- rekap rows

def _rel_link(target: Path | None, base: Path) -> str | None:
    if target is None:
        return None
    try:
        return Path(os.path.relpath(target, base)).as_posix()
    except ValueError:        # another drive on Windows
        return str(target)


def baris_rekap(hasil: HasilBatch) -> tuple[list[dict], list[dict]]:
    out, folder = hasil.keluaran, hasil.folder
    ringkasan, masalah = [], []
    for hf in sorted(hasil.files, key=lambda f: f.nomor):
        ringkasan.append({
            "file": hf.rel, "file_link": _rel_link(folder / hf.rel, out),
            "unit": hf.unit or hf.perangkat_daerah, "jabatan": hf.jabatan, "eselon": hf.eselon, "nama": hf.nama,
            "nip": format_nip(hf.nip) if hf.nip else "",
            "periode": " ".join(str(x) for x in (hf.periode, hf.tahun or "") if x),
            "indikator": hf.indikator, "tercapai": hf.tercapai,
            "capaian": hf.capaian, "serapan": hf.serapan, "efisiensi": hf.efisiensi,
            "kategori": hf.kategori, "predikat": hf.predikat,
            "kesalahan": hf.kesalahan, "peringatan": hf.peringatan, "lintas": len(hf.masalah_lintas),
            "status": hf.status, "keterangan": hf.alasan,
            "laporan": hf.docx.relative_to(out).as_posix() if hf.docx else "",
            "laporan_link": _rel_link(hf.docx, out),
            "pdf": hf.pdf.relative_to(out).as_posix() if hf.pdf else "", "pdf_link": _rel_link(hf.pdf, out),
        })
        link = _rel_link(folder / hf.rel, out)
        for p in hf.masalah:
            jenis = "File" if isinstance(p, MasalahLintas) else "Isi workbook"
            masalah.append(_baris_masalah(p, hf.rel, link, jenis))
        for p in hf.masalah_lintas:
            masalah.append(_baris_masalah(p, hf.rel, link, "Lintas laporan"))
    for p in hasil.masalah_batch:
        masalah.append(_baris_masalah(p, p.file, None, "Batch"))
    return ringkasan, masalah


def _baris_masalah(p: Problem, file: str, link: str | None, jenis: str) -> dict:
    return {"file": file, "file_link": link, "jenis": jenis,
            "tingkat": "Kesalahan" if p.severity == ERROR else "Peringatan", "kode": p.code,
            "sheet": p.sheet, "sel": p.cell, "pesan": p.message, "saran": p.hint,
            "lain": p.lokasi_lain if isinstance(p, MasalahLintas) else ""}


# ---------------------------------------------------------------- entry point

def jalankan(folder: Path, keluaran: Path, *, pdf: bool = False, jobs: int | None = None, gabung: bool = False,
             paksa: bool = False, pemantau: Pemantau | None = None) -> HasilBatch:
    """Process every workbook under `folder` into `keluaran`. Raises LkjError for unusable arguments
    (missing folder, no workbooks, output folder inside the inputs' way); never for a bad workbook."""
    t0 = time.perf_counter()
    mon = pemantau or Pemantau()
    folder, out = Path(folder).resolve(), Path(keluaran).resolve()
    if not folder.is_dir():
        raise LkjError(f"Folder '{folder}' tidak ditemukan atau bukan folder.")
    if out == folder or _inside(folder, out):
        raise LkjError("Folder keluaran tidak boleh sama dengan folder workbook atau berada di atasnya. "
                       "Pilih folder lain, misalnya: -o hasil_lkj")
    if out.exists() and not out.is_dir():
        raise LkjError(f"'{out}' sudah ada dan bukan folder. Pilih nama folder keluaran lain.")
    paths, skipped = cari_workbook(folder, out)
    if not paths:
        raise LkjError(f"Tidak ada workbook .xlsx/.xlsm di folder '{folder}'"
                       + (f" ({len(skipped)} file dilewati: file kunci, cadangan atau rekap)" if skipped else "")
                       + ".")
    n = max(1, jobs if jobs else (os.cpu_count() or 1))
    n = min(n, len(paths))
    out.mkdir(parents=True, exist_ok=True)
    prefix = f"{TMP_PREFIX}{os.getpid()}{secrets.token_hex(3)}-"
    work = []
    for k, path in enumerate(paths, start=1):
        rel = path.relative_to(folder)
        work.append(Pekerjaan(k, str(path), rel.as_posix(), str(_folder_keluaran(out, rel)), prefix, pdf, paksa))

    results: list[HasilFile] = []
    mon.mulai(len(work), len(skipped))

    def done(hf: HasilFile) -> None:
        results.append(hf)
        mon.selesai(hf, len(results), len(work))

    try:
        if n == 1:
            for job in work:
                done(proses_file(job))
        else:
            _paralel(work, n, done)
        results.sort(key=lambda f: f.nomor)

        mon.tahap("Memeriksa kecocokan antar laporan")
        lintas = crosscheck.periksa([hf.lintas for hf in results if hf.lintas is not None])
        by_rel = {hf.rel: hf for hf in results}
        for p in lintas:
            if p.file in by_rel:
                by_rel[p.file].masalah_lintas.append(p)

        namers: dict[Path, PemberiNama] = {}
        for folder_out in {Path(hf.folder_keluaran) for hf in results}:
            namers[folder_out] = PemberiNama()
        namers.setdefault(out, PemberiNama()).pesan("rekap.xlsx")
        _beri_nama(results, namers)
        hasil = HasilBatch(folder, out, results, lintas, [(str(p.relative_to(folder).as_posix()), r) for p, r in skipped])
        if gabung:
            mon.tahap("Menggabungkan laporan per folder")
            hasil.gabungan, hasil.masalah_batch = _gabung(results, namers, pdf)
        mon.tahap("Menulis rekap.xlsx")
        ringkasan, masalah = baris_rekap(hasil)
        from .rekap import tulis_rekap
        hasil.detik = time.perf_counter() - t0
        info = [("Folder workbook", str(folder)), ("Folder keluaran", str(out)),
                ("Workbook diproses", len(results)), ("Dilewati", len(skipped)),
                ("Berhasil", hasil.jumlah(BERHASIL)), ("Berhasil (DRAF)", hasil.jumlah(DRAF)),
                ("Ditolak", hasil.jumlah(DITOLAK)), ("Gagal", hasil.jumlah(GAGAL)),
                ("Masalah lintas laporan", len(lintas)), ("Waktu (detik)", round(hasil.detik, 1))]
        info += [(f"Dilewati: {rel}", reason) for rel, reason in hasil.dilewati]
        hasil.rekap = tulis_rekap(out / "rekap.xlsx", ringkasan, masalah, info)
        usual_permissions(hasil.rekap)
        return hasil
    finally:
        _bersihkan(out, prefix)
