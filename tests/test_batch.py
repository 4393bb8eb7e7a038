"""lkj batch over the seed 001 examples plus planted bad files: outputs, rekap, exit codes, inputs untouched."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from typer.testing import CliRunner

from lkj_xl.batch import bundle, discovery
from lkj_xl.batch import job as J
from lkj_xl.batch import runner as B
from lkj_xl.cli import app

from .conftest import CONTOH, SEED000_XLSX, live_children, seed000_jobs

SEED001 = sorted(CONTOH.glob("001_*.xlsx"))
CAMAT, SEKCAM, KASI_PEM, KASI_PMD, KASI_PU, KSB_KEU, KSB_UMUM = (p.name for p in SEED001)
runner = CliRunner()


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _encrypt(src: Path, dst: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile
    with src.open("rb") as fh, dst.open("wb") as out:
        OOXMLFile(fh).encrypt("rahasia", out)


def ole_bytes() -> bytes:
    """A minimal valid OLE2 compound file (what an old .xls is made of): header, one FAT sector,
    one directory sector holding only the root entry."""
    import struct
    free, end, fatsect, nostream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 0x1000, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    fat = struct.pack("<II", fatsect, end) + struct.pack("<I", free) * 126
    name = "Root Entry".encode("utf-16-le") + b"\0\0"
    root = (name.ljust(64, b"\0") + struct.pack("<HBB", len(name), 5, 1)
            + struct.pack("<III", nostream, nostream, nostream) + b"\0" * 16 + b"\0" * 4 + b"\0" * 16
            + struct.pack("<IQ", end, 0))
    empty = b"\0" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", nostream, nostream, nostream) + b"\0" * 48
    return header + fat + root + empty * 3


def plant(folder: Path) -> Path:
    """Seed 001 + bad files, as a Bagian Organisasi receives them."""
    folder.mkdir(parents=True, exist_ok=True)
    for p in SEED001:
        shutil.copy2(p, folder / p.name)
    data = SEED000_XLSX.read_bytes()
    (folder / "rusak.xlsx").write_bytes(data[:3000])                       # truncated zip
    _encrypt(SEED000_XLSX, folder / "berkata_sandi.xlsx")                   # password-protected
    (folder / "lama.xls").write_bytes(ole_bytes())   # old Excel (OLE)
    (folder / f"~${CAMAT}").write_bytes(b"\x0bABDILAH      " + b"\0" * 150)   # Excel lock file
    (folder / "x.cadangan-20231002-101500.xlsx").write_bytes(data)          # backup by lkj hitung --di-tempat
    (folder / "rekap.xlsx").write_bytes(b"not a workbook")                   # an old recap
    return folder


def rows(path: Path, sheet: str) -> list[dict]:
    ws = load_workbook(path)[sheet]
    values = list(ws.values)
    header = values[0]
    return [dict(zip(header, r)) for r in values[1:] if any(v is not None for v in r)]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    base = tmp_path_factory.mktemp("batch")
    folder = plant(base / "masuk")
    before = _hashes(folder)
    out = base / "hasil"
    result = runner.invoke(app, ["batch", str(folder), "-o", str(out), "--jobs", "2"])
    return folder, out, result, before


def test_exit_code_and_inputs_unchanged(run):
    folder, out, result, before = run
    assert result.exit_code == 1, result.output
    assert _hashes(folder) == before


def test_no_report_for_a_workbook_with_its_own_or_a_cross_report_error(run):
    folder, out, result, _ = run
    # Camat and both Kasubbag have errors of their own; the Sekretaris and the three Kasi are named by
    # cross-report errors (one NIP under two names, 001:245 vs 001:419; budgets not rolling up,
    # 001:113 vs 001:511 and 001:326 vs 001:1198): no seed-001 report may come out final (issue 13.2).
    assert sorted(p.name for p in out.glob("*.docx")) == []
    assert not list(out.rglob(".~lkj-*")), "temporary files left behind"


def test_rekap_ringkasan_rows(run):
    folder, out, result, _ = run
    r = {row["File Workbook"]: row for row in rows(out / "rekap.xlsx", "Ringkasan")}
    # lock file, backup and old recap are skipped; .xls is listed so the user learns to convert it
    assert set(r) == {p.name for p in SEED001} | {"rusak.xlsx", "berkata_sandi.xlsx", "lama.xls"}
    assert [row["No"] for row in rows(out / "rekap.xlsx", "Ringkasan")] == list(range(1, 11))

    assert r[SEKCAM]["Status"] == J.DITOLAK           # named by cross-report errors (issue 13.2)
    assert "kesalahan lintas laporan" in r[SEKCAM]["Keterangan"] and "--paksa" in r[SEKCAM]["Keterangan"]
    assert r[SEKCAM]["Jabatan"] == "Sekretaris Kecamatan"
    assert r[SEKCAM]["Eselon"] == "III.b"
    assert r[SEKCAM]["NIP"] == "19700507 199203 1 009"
    assert r[SEKCAM]["Periode"] == "TW III 2023"
    assert r[SEKCAM]["Kesalahan"] == 0
    assert r[SEKCAM]["Masalah Lintas Laporan"] == 2       # nip-nama-berbeda + rincian-lintas-tidak-sama
    assert not r[SEKCAM]["File Laporan"]
    assert isinstance(r[SEKCAM]["Jumlah Indikator"], int) and r[SEKCAM]["Jumlah Indikator"] > 0
    assert isinstance(r[SEKCAM]["Serapan Anggaran (%)"], float)

    # the Camat has no error of its own since an official may have no atasan (issue 13.3), but it is
    # named by the cross-report errors; the Kasubbag have errors of their own
    for name, errors in ((CAMAT, 0), (KSB_KEU, 1), (KSB_UMUM, 1)):
        assert r[name]["Status"] == J.DITOLAK
        assert r[name]["Kesalahan"] == errors
        assert not r[name]["File Laporan"]
        assert "--paksa" in r[name]["Keterangan"]
    assert "kesalahan lintas laporan" in r[CAMAT]["Keterangan"]
    assert r[CAMAT]["Nama"] == "ABDILAH USYAD, S.STP"

    assert r["rusak.xlsx"]["Status"] == J.GAGAL and "rusak" in r["rusak.xlsx"]["Keterangan"]
    assert r["berkata_sandi.xlsx"]["Status"] == J.GAGAL and "kata sandi" in r["berkata_sandi.xlsx"]["Keterangan"]
    assert r["lama.xls"]["Status"] == J.GAGAL and "Excel lama" in r["lama.xls"]["Keterangan"]


def test_rekap_masalah_cross_report_problems(run):
    folder, out, result, _ = run
    m = rows(out / "rekap.xlsx", "Masalah")
    cross = {(x["File Workbook"], x["Kode"], f'{x["Sheet"]}!{x["Sel"]}', x["Lokasi Lain"])
             for x in m if x["Jenis"] == "Lintas laporan"}
    assert cross == {
        # the same NIP under two spellings: the Camat's own report vs four atasan cells (001:245 vs 001:419)
        (SEKCAM, "nip-nama-berbeda", "Identitas!B14", f"{CAMAT} Identitas!B10"),
        (KASI_PEM, "nip-nama-berbeda", "Identitas!B14", f"{CAMAT} Identitas!B10"),
        (KASI_PMD, "nip-nama-berbeda", "Identitas!B14", f"{CAMAT} Identitas!B10"),
        (KASI_PU, "nip-nama-berbeda", "Identitas!B14", f"{CAMAT} Identitas!B10"),
        (KSB_KEU, "nip-gelar-berbeda", "Identitas!B14", f"{SEKCAM} Identitas!B10"),
        # the Camat's program 7.01.04 vs the Kasi's kegiatan under it (001:113 vs 001:511)
        (CAMAT, "rincian-lintas-tidak-sama", "Anggaran!F7", f"{KASI_PEM} Anggaran!F4"),
        # the Sekretaris' kegiatan 7.01.01.2.03 vs the Kasubbag's sub kegiatan (001:326 vs 001:1198)
        (SEKCAM, "rincian-lintas-tidak-sama", "Anggaran!F6", f"{KSB_UMUM} Anggaran!F4; {KSB_UMUM} Anggaran!F5"),
    }
    by_code = {x["Kode"]: x for x in m}
    assert "ABDILAH IRSYAD" in by_code["nip-nama-berbeda"]["Pesan"] and CAMAT in by_code["nip-nama-berbeda"]["Pesan"]
    assert "750.000" in by_code["rincian-lintas-tidak-sama"]["Pesan"] or "5.000.000" in by_code["rincian-lintas-tidak-sama"]["Pesan"]
    unreadable = {x["File Workbook"]: x for x in m if x["Kode"] == "file-tidak-terbaca"}
    assert set(unreadable) == {"rusak.xlsx", "berkata_sandi.xlsx", "lama.xls"}
    assert all(x["Tingkat"] == "Kesalahan" for x in unreadable.values())
    # the workbook's own problems are there too, with their cells
    assert (KSB_UMUM, "nilai-wajib-kosong", "Identitas!B11") in {(x["File Workbook"], x["Kode"], f'{x["Sheet"]}!{x["Sel"]}') for x in m}
    # (the Camat's duplicate RTL item; its empty atasan is no longer a problem: issue 13.3)
    assert (CAMAT, "rtl-ganda", "RTL!A33") in {(x["File Workbook"], x["Kode"], f'{x["Sheet"]}!{x["Sel"]}') for x in m}


def test_rekap_is_a_formatted_excel_table(run):
    folder, out, result, _ = run
    wb = load_workbook(out / "rekap.xlsx")
    for name, table in (("Ringkasan", "tblRingkasan"), ("Masalah", "tblMasalahBatch")):
        ws = wb[name]
        assert table in ws.tables
        assert ws.freeze_panes == "C2"
        assert ws.conditional_formatting
        assert ws.column_dimensions["B"].width > 20
    ws = wb["Ringkasan"]
    header = [c.value for c in ws[1]]
    col = header.index("Rata-rata Capaian (%)") + 1
    assert ws.cell(2, col).number_format == "0.00"
    link = header.index("File Workbook") + 1       # no report is made in this run (see above)
    made = [ws.cell(r, link) for r in range(2, ws.max_row + 1) if ws.cell(r, link).value]
    assert made and all(c.hyperlink is not None for c in made)


def test_progress_lines_without_a_tty(run):
    folder, out, result, _ = run
    assert "Memproses 10 workbook (3 file dilewati)." in result.output
    assert "/10] Gagal: rusak.xlsx" in result.output
    assert "Rekap:" in result.output


def test_paksa_and_gabung_in_process(tmp_path):
    folder = tmp_path / "masuk"
    folder.mkdir()
    for p in SEED001:
        shutil.copy2(p, folder / p.name)
    out = tmp_path / "hasil"
    result = runner.invoke(app, ["batch", str(folder), "-o", str(out), "--jobs", "1", "--paksa", "--gabung"])
    assert result.exit_code == 1, result.output      # drafts and cross errors are still errors
    drafts = sorted(p.name for p in out.glob("*_DRAF.docx"))
    # own errors (Camat, Kasubbag) or named by a cross-report error (the others): all DRAF (issue 13.2)
    assert drafts == ["2023_TW-III_Kecamatan-Tempeh_Camat-Tempeh_DRAF.docx",
                      "2023_TW-III_Sekretariat-Kecamatan-Tempeh_Sekretaris-Kecamatan_DRAF.docx",
                      "2023_TW-III_Seksi-Pelayanan-Umum-Kecamatan-Tempeh_Kasi-Pelayanan-Umum_DRAF.docx",
                      "2023_TW-III_Seksi-Pemberdayaan-Masyarakat-Kecamatan-Tempeh_Kasi-Pemberdayaan-Masyarakat_DRAF.docx",
                      "2023_TW-III_Seksi-Pemerintahan-Kecamatan-Tempeh_Kasi-Pemerintahan_DRAF.docx",
                      "2023_TW-III_Sub-Bagian-Keuangan-Kecamatan-Tempeh_Kasubbag-Keuangan_DRAF.docx",
                      "2023_TW-III_Sub-Bagian-Umum-dan-Kepegawaian-Kecamatan-Tempeh_Kasubbag-Umum-dan-Kepegawaian_DRAF.docx"]
    status = {r["File Workbook"]: r["Status"] for r in rows(out / "rekap.xlsx", "Ringkasan")}
    assert status[CAMAT] == J.DRAF and status[SEKCAM] == J.DRAF
    ws = load_workbook(out / "rekap.xlsx")["Ringkasan"]
    link = [c.value for c in ws[1]].index("File Laporan") + 1
    made = [ws.cell(r, link) for r in range(2, ws.max_row + 1) if ws.cell(r, link).value]
    assert len(made) == 7 and all(c.hyperlink is not None for c in made)

    combined = out / "2023_TW-III_Kecamatan-Tempeh_Gabungan.docx"
    doc = Document(str(combined))
    singles = [Document(str(p)) for p in out.glob("*.docx") if p != combined]
    # the cover and Daftar Isi are one section of their own, then the seven reports
    assert len(doc.sections) == 1 + sum(len(d.sections) for d in singles) == 8
    for k, s in enumerate(doc.sections):
        pg = s._sectPr.find(qn("w:pgNumType"))
        # one sequence of pages for the Daftar Isi: numbering starts at the first report and runs on
        assert (pg is not None and pg.get(qn("w:start")) == "1") == (k == 1)
        assert s.start_type == 2      # WD_SECTION.NEW_PAGE
    # organisation order (issue 13.10): Camat (III.a), Sekretaris (III.b), the Kasi in SOTK order
    # as bundled in seed 001 (001:431, 595, 744), the Kasubbag (001:876, 1087)
    text = "\n".join(p.text for p in doc.paragraphs)
    body = text[text.find("Kasubbag Umum dan Kepegawaian – "):]        # after the Daftar Isi
    positions = [body.find(f"{j}\n") if body.find(f"{j}\n") >= 0 else body.find(j)
                 for j in ("Camat Tempeh", "Sekretaris Kecamatan", "Kasi Pemerintahan", "Kasi Pemberdayaan Masyarakat",
                           "Kasi Pelayanan Umum", "Kasubbag Keuangan", "Kasubbag Umum dan Kepegawaian")]
    assert all(p >= 0 for p in positions)
    assert positions == sorted(positions)
    # each report keeps its own header; the front has none
    headers = [" ".join(p.text for p in s.header.paragraphs) for s in doc.sections]
    assert headers[0].strip() == "" and all("DRAF" in h for h in headers[1:])


def test_gabung_order_helper():
    mk = lambda rel, e, j: J.HasilFile(0, rel, "", eselon=e, jabatan=j)
    files = [mk("d", "IV.b", "Kasubbag Umum"), mk("a", "IV.a", "Kasi Pemerintahan"), mk("c", "", "Staf"),
             mk("b", "III.a", "Camat"), mk("e", "III.b", "Sekretaris Kecamatan"), mk("f", "IV.a", "Kasi Ekonomi")]
    assert [f.jabatan for f in sorted(files, key=bundle.kunci_hierarki)] == [   # SOTK, not alphabetical
        "Camat", "Sekretaris Kecamatan", "Kasi Pemerintahan", "Kasi Ekonomi", "Kasubbag Umum", "Staf"]


def test_clean_folder_exits_0_with_subfolders(tmp_path):
    folder = tmp_path / "masuk"
    (folder / "Bagian Organisasi").mkdir(parents=True)
    shutil.copy2(SEED000_XLSX, folder / "Bagian Organisasi" / SEED000_XLSX.name)
    out = folder / "hasil"          # output inside the input folder: never read back as input
    for _ in range(2):
        result = runner.invoke(app, ["batch", str(folder), "-o", str(out)])
        assert result.exit_code == 0, result.output
    made = list(out.rglob("*.docx"))
    assert [p.relative_to(out).as_posix() for p in made] == [
        "Bagian-Organisasi/2023_TW-III_Bagian-Organisasi-Setda_Kepala-Bagian-Organisasi.docx"]
    assert len(rows(out / "rekap.xlsx", "Ringkasan")) == 1
    if os.name == "posix":                    # outputs get the usual permissions, not mkstemp's 0600
        mask = os.umask(0)
        os.umask(mask)
        assert made[0].stat().st_mode & 0o777 == 0o666 & ~mask


@pytest.mark.parametrize("args, text", [
    (["batch", "/tidak/ada", "-o", "x"], "tidak ditemukan"),
    (["batch", "{empty}", "-o", "{out}"], "Tidak ada workbook"),
    (["batch", "{empty}", "-o", "{out}", "--jobs", "0"], "--jobs"),
    (["batch", "{empty}"], "Folder keluaran belum ditentukan"),
    (["batch", "{empty}", "-o", "{empty}"], "tidak boleh sama"),
])
def test_usage_errors_exit_2(tmp_path, args, text):
    empty = tmp_path / "kosong"
    empty.mkdir()
    (empty / "~$kunci.xlsx").write_bytes(b"x")
    args = [a.format(empty=empty, out=tmp_path / "hasil") for a in args]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert text in result.output


def test_duplicate_identity_gets_unique_names_and_a_warning(tmp_path):
    folder = tmp_path / "masuk"
    folder.mkdir()
    shutil.copy2(SEED000_XLSX, folder / "a.xlsx")
    shutil.copy2(SEED000_XLSX, folder / "b.xlsx")
    hasil = B.jalankan(folder, tmp_path / "hasil", jobs=1)
    names = sorted(f.docx.name for f in hasil.files)
    assert names == ["2023_TW-III_Bagian-Organisasi-Setda_Kepala-Bagian-Organisasi.docx",
                     "2023_TW-III_Bagian-Organisasi-Setda_Kepala-Bagian-Organisasi_2.docx"]
    assert [(p.code, p.file, p.where, p.lain) for p in hasil.lintas] == [
        ("laporan-ganda", "b.xlsx", "Identitas!B11", (("a.xlsx", "Identitas!B11"),))]
    assert hasil.kode_keluar == 0        # a warning only


def test_exception_in_one_workbook_does_not_stop_the_batch(tmp_path, monkeypatch):
    import lkj_xl.core.engine as engine
    real = engine.olah_file

    def flaky(path):
        if Path(path).name == "b.xlsx":
            raise RuntimeError("boom")
        return real(path)
    monkeypatch.setattr(engine, "olah_file", flaky)
    folder = tmp_path / "masuk"
    folder.mkdir()
    for n in "abc":
        shutil.copy2(SEED000_XLSX, folder / f"{n}.xlsx")
    hasil = B.jalankan(folder, tmp_path / "hasil", jobs=1)
    assert [f.status for f in hasil.files] == [J.BERHASIL, J.GAGAL, J.BERHASIL]
    assert hasil.files[1].masalah[0].code == "proses-gagal" and "boom" in hasil.files[1].alasan
    assert hasil.kode_keluar == 1


def crash_on_name(job: J.Pekerjaan) -> J.HasilFile:
    """A worker function that kills its process for one workbook (segfault / OOM stand-in)."""
    if "crash" in job.rel:
        os._exit(3)
    return J.proses_file(job)


def test_a_dying_worker_process_is_isolated(tmp_path):
    jobs, out = seed000_jobs(tmp_path, ("a", "b_crash", "c", "d"))
    got: list[J.HasilFile] = []
    B._paralel(jobs, 2, got.append, fn=crash_on_name)
    status = {h.rel: h.status for h in got}
    assert status == {"a.xlsx": J.BERHASIL, "b_crash.xlsx": J.GAGAL, "c.xlsx": J.BERHASIL, "d.xlsx": J.BERHASIL}
    B._bersihkan(out, ".~lkj-uji-")


def test_workers_started_with_spawn_as_on_windows(tmp_path, monkeypatch):
    """Without a fork server (Windows) every worker is spawned and imports for itself: the same
    reports, a dying worker costs its own workbook only, and no process is left."""
    import multiprocessing as mp

    from lkj_xl.batch import pool

    monkeypatch.setattr(pool, "_konteks", lambda: mp.get_context("spawn"))
    jobs, out = seed000_jobs(tmp_path, ("a", "b_crash", "c"))
    got: list[J.HasilFile] = []
    B._paralel(jobs, 2, got.append, fn=crash_on_name)
    assert {h.rel: h.status for h in got} == {"a.xlsx": J.BERHASIL, "b_crash.xlsx": J.GAGAL, "c.xlsx": J.BERHASIL}
    assert live_children() == []
    B._bersihkan(out, ".~lkj-uji-")


def test_keyboard_interrupt_leaves_no_half_written_file(tmp_path, monkeypatch):
    folder = tmp_path / "masuk"
    folder.mkdir()
    for n in "abcd":
        shutil.copy2(SEED000_XLSX, folder / f"{n}.xlsx")
    real = B.proses_file
    calls = []

    def interrupted(job):
        calls.append(job)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(job)
    monkeypatch.setattr(B, "proses_file", interrupted)
    out = tmp_path / "hasil"
    result = runner.invoke(app, ["batch", str(folder), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 130
    assert "Dibatalkan" in result.output
    assert [p.name for p in out.rglob("*")] == []        # nothing final was written, no temporary left


@pytest.mark.skipif(os.name != "posix", reason="SIGINT to a child process group")
def test_ctrl_c_on_a_real_parallel_run(tmp_path):
    folder = tmp_path / "masuk"
    folder.mkdir()
    for n in range(16):
        shutil.copy2(SEED000_XLSX, folder / f"w{n:02}.xlsx")
    before = _hashes(folder)
    out = tmp_path / "hasil"
    proc = subprocess.Popen([sys.executable, "-c", "from lkj_xl.cli import main; main()", "batch", str(folder),
                             "-o", str(out), "--jobs", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline and not list(out.glob(".~lkj-*")):   # workers are writing reports
        time.sleep(0.05)
    time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGINT)           # what a terminal does on Ctrl-C: the whole group
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, (stdout, stderr)
    assert "Dibatalkan" in stderr
    assert "Traceback" not in stderr
    assert not list(out.rglob(".~lkj-*"))
    for p in out.rglob("*.docx"):               # whatever was finished is complete
        Document(str(p))
    assert _hashes(folder) == before


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) tidak terpasang")
def test_pdf_for_reports_and_combined_document(tmp_path):
    folder = tmp_path / "masuk"
    folder.mkdir()
    shutil.copy2(SEED000_XLSX, folder / "a.xlsx")
    out = tmp_path / "hasil"
    result = runner.invoke(app, ["batch", str(folder), "-o", str(out), "--pdf", "--gabung", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    stem = "2023_TW-III_Bagian-Organisasi-Setda_Kepala-Bagian-Organisasi"
    assert sorted(p.name for p in out.iterdir()) == sorted([
        f"{stem}.docx", f"{stem}.pdf", "2023_TW-III_Sekretariat-Daerah_Gabungan.docx",
        "2023_TW-III_Sekretariat-Daerah_Gabungan.pdf", "rekap.xlsx"])       # no temporary folders left
    assert (out / f"{stem}.pdf").read_bytes()[:5] == b"%PDF-"
    r = rows(out / "rekap.xlsx", "Ringkasan")[0]
    assert r["File PDF"] == f"{stem}.pdf"


def test_missing_libreoffice_keeps_the_word_report(tmp_path, monkeypatch):
    monkeypatch.setenv("LKJ_SOFFICE", str(tmp_path / "tidak-ada-soffice"))
    folder = tmp_path / "masuk"
    folder.mkdir()
    shutil.copy2(SEED000_XLSX, folder / "a.xlsx")
    hasil = B.jalankan(folder, tmp_path / "hasil", jobs=1, pdf=True)
    f = hasil.files[0]
    assert f.status == J.BERHASIL and f.docx.exists() and f.pdf is None
    assert [p.code for p in f.masalah if p.code.startswith("pdf")] == ["pdf-gagal-dibuat"]
    assert "LibreOffice" in f.alasan
    assert hasil.kode_keluar == 1
    assert not list((tmp_path / "hasil").rglob(".~lkj-*"))


def test_gabung_keeps_each_reports_sections_paper_and_headers(tmp_path):
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    a = Document()
    a.sections[0].header.paragraphs[0].text = "KEPALA A"
    a.add_paragraph("isi A halaman 1")
    land = a.add_section(WD_SECTION.NEW_PAGE)
    land.orientation = WD_ORIENT.LANDSCAPE
    land.page_width, land.page_height = land.page_height, land.page_width
    a.add_paragraph("lampiran A melintang")
    a.save(tmp_path / "a.docx")

    b = Document()
    b.sections[0].page_width, b.sections[0].page_height = Mm(215), Mm(330)      # F4
    b.sections[0].header.paragraphs[0].text = "KEPALA B"
    b.add_paragraph("isi B")
    b.save(tmp_path / "b.docx")

    out = bundle.gabung_docx([tmp_path / "a.docx", tmp_path / "b.docx"], tmp_path / "gabung.docx")
    doc = Document(str(out))
    assert [p.text for p in doc.paragraphs if p.text] == ["isi A halaman 1", "lampiran A melintang", "isi B"]
    s = doc.sections
    assert len(s) == 3
    restarts = [x._sectPr.find(qn("w:pgNumType")) is not None for x in s]
    assert restarts == [True, False, True]                  # numbering restarts where each report starts
    assert s[1].orientation == WD_ORIENT.LANDSCAPE
    assert abs(s[2].page_height - Mm(330)) < Mm(1)          # B keeps its own paper
    assert s[0].header.paragraphs[0].text == "KEPALA A"
    assert s[1].header.is_linked_to_previous                # A's annex inherits A's header
    assert s[2].header.paragraphs[0].text == "KEPALA B"
    assert not list(tmp_path.glob(".~lkj-*"))


def test_the_parent_starts_the_workers_without_loading_the_heavy_libraries():
    # issue 12: no serial work in front of the first worker. Importing the runner (what `lkj batch`
    # does before the pool starts) loads neither openpyxl, pandas, docx nor matplotlib: the fork
    # server imports them for the workers (or, without one, each worker for itself).
    code = ("import sys, lkj_xl.batch.runner as r, lkj_xl.workbook.writing as w; "
            "heavy = [m for m in ('openpyxl', 'pandas', 'docx', 'docxtpl', 'matplotlib', 'babel') if m in sys.modules]; "
            "print(heavy, r.TMP_PREFIX == w.TMP_PREFIX)")
    before = subprocess.run([sys.executable, "-c", code.replace(", lkj_xl.workbook.writing as w", "").replace(
        "r.TMP_PREFIX == w.TMP_PREFIX", "0")], capture_output=True, text=True).stdout.strip()
    assert before == "[] 0"
    same = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip()
    assert same.endswith("True")          # the runner's temporary prefix is the writer's


def test_a_worker_forked_from_the_warmed_server_writes_what_one_process_writes(tmp_path):
    """The fork server makes one report from the empty template before it forks the workers
    (batch/siap.py): nothing of that report may reach theirs. Two copies of contoh/000 (seed 000),
    made with --jobs 1 (in this process) and --jobs 2 (forked workers): every part of every .docx is
    the same, but the core properties (their creation time)."""
    import zipfile

    folder = tmp_path / "masuk"
    folder.mkdir()
    for n in ("a", "b"):
        shutil.copy2(SEED000_XLSX, folder / f"{n}.xlsx")
    one, two = B.jalankan(folder, tmp_path / "satu", jobs=1), B.jalankan(folder, tmp_path / "dua", jobs=2)
    pairs = [(a.docx, b.docx) for a, b in zip(one.files, two.files)]
    assert len(pairs) == 2 and all(a and b and a.name == b.name for a, b in pairs)
    for a, b in pairs:
        with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
            assert za.namelist() == zb.namelist()
            assert [n for n in za.namelist() if n != "docProps/core.xml" and za.read(n) != zb.read(n)] == []
