"""lkj batch against hostile files and situations (issue 9, sections 4 and 5; issue 12, processes).

For each case: the exit code, one Indonesian message naming the file, no traceback, the inputs'
sha256 unchanged, no temporary or partial file left (in the output folder and in the temp folder),
the other workbooks still processed and rekap.xlsx written, and no process started by lkj still
running. Inputs are copies of the seed 000 workbook (contoh/000_*.xlsx) built in the test.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from openpyxl import load_workbook

from lkj_xl.batch import job as J
from lkj_xl.batch import runner

from .conftest import SEED000_XLSX, live_children, seed000_jobs

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, /dev/zero and signals are POSIX")


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def _rows(path: Path, sheet: str = "Ringkasan") -> dict[str, dict]:
    values = list(load_workbook(path)[sheet].values)
    return {r[1]: dict(zip(values[0], r)) for r in values[1:] if r[1]}


def _ours(tmpdir: Path) -> list[psutil.Process]:
    """Every live process started under this test's TMPDIR (lkj, its workers, LibreOffice)."""
    found = []
    for p in psutil.process_iter():
        try:
            # lkj's own TMPDIR, or one inside it (LibreOffice gets its profile folder)
            if (p.environ().get("TMPDIR", "") + "/").startswith(f"{tmpdir}/") and p.status() != psutil.STATUS_ZOMBIE:
                found.append(p)
        except (psutil.Error, OSError):
            continue
    return found


def _lkj(args: list[str], tmpdir: Path) -> subprocess.Popen:
    tmpdir.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(tmpdir)}
    return subprocess.Popen([sys.executable, "-c", "from lkj_xl.cli import main; main()", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)


def _clean_after(out: Path, tmpdir: Path) -> None:
    assert not list(out.rglob(".~lkj*")), "temporary or partial files left in the output folder"
    assert sorted(p.name for p in tmpdir.iterdir()) == [], "lkj_lo_profil_* / lkj_grafik_* left behind"
    deadline = time.time() + 10
    while _ours(tmpdir) and time.time() < deadline:
        time.sleep(0.2)
    assert _ours(tmpdir) == [], "a process started by lkj outlived it"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    folder = base / "masuk"
    folder.mkdir()
    shutil.copy2(SEED000_XLSX, folder / "baik.xlsx")
    os.mkfifo(folder / "pipa.xlsx")                         # hangs whoever opens it
    os.symlink("/dev/zero", folder / "nol.xlsx")            # never ends
    os.symlink(folder / "tidak-ada.xlsx", folder / "putus.xlsx")
    before = _hashes(folder)
    tmpdir, out = base / "tmp", base / "hasil"
    proc = _lkj(["batch", str(folder), "-o", str(out), "--jobs", "2"], tmpdir)
    stdout, stderr = proc.communicate(timeout=120)
    return folder, out, tmpdir, proc.returncode, stdout, stderr, before


@pytest.mark.parametrize("name, jenis", [("pipa.xlsx", "pipa/FIFO"), ("nol.xlsx", "perangkat"),
                                         ("putus.xlsx", "tautan ke file yang tidak ada")])
def test_files_that_are_not_regular_are_reported_not_opened(hostile, name, jenis):
    folder, out, tmpdir, code, stdout, stderr, before = hostile
    assert code == 1
    lines = [ln for ln in stdout.splitlines() if name in ln]
    assert len(lines) == 2, stdout        # its progress line and its summary line
    assert lines[-1].startswith(f"Gagal: {name}: File ini bukan file biasa ({jenis}")
    assert "Traceback" not in stdout + stderr
    rows = _rows(out / "rekap.xlsx")
    assert rows[name]["Status"] == J.GAGAL and "tidak dibuka" in rows[name]["Keterangan"]
    masalah = [r for r in _rows(out / "rekap.xlsx", "Masalah").values()]
    assert any(r["Kode"] == "bukan-file-biasa" for r in masalah)


def test_the_good_workbook_is_still_processed(hostile):
    folder, out, tmpdir, code, stdout, stderr, before = hostile
    assert _rows(out / "rekap.xlsx")["baik.xlsx"]["Status"] == J.BERHASIL
    assert [p.name for p in out.glob("*.docx")] == ["2023_TW-III_Bagian-Organisasi-Setda_Kepala-Bagian-Organisasi.docx"]
    assert _hashes(folder) == before and (folder / "pipa.xlsx").is_fifo()
    _clean_after(out, tmpdir)


def hang_on_name(job: J.Pekerjaan) -> J.HasilFile:
    """A worker function that never returns for one workbook (a stand-in for a file that hangs the
    reader: the real ones are caught earlier, by the checks above and in core/reading.py)."""
    if "macet" in job.rel:
        time.sleep(3600)
    return J.proses_file(job)


def test_a_job_over_its_time_limit_is_stopped_and_reported(tmp_path):
    jobs, out = seed000_jobs(tmp_path, ("a", "b_macet", "c"))
    got: list[J.HasilFile] = []
    runner._paralel(jobs, 2, got.append, fn=hang_on_name, batas=20)
    status = {h.rel: (h.status, "waktu-habis" in {p.code for p in h.masalah}) for h in got}
    assert status == {"a.xlsx": (J.BERHASIL, False), "b_macet.xlsx": (J.GAGAL, True), "c.xlsx": (J.BERHASIL, False)}
    macet = next(h for h in got if h.rel == "b_macet.xlsx")
    assert "batas waktu 20 detik" in macet.alasan and "--batas-waktu" in macet.alasan
    assert live_children() == []          # the hung worker is gone, and the fork server
    runner._bersihkan(out, ".~lkj-uji-")


def _workers(pid: int) -> list[psutil.Process]:
    """The batch's worker processes: forked by multiprocessing's fork server (a child of the batch, with
    the workers as its children), or spawned (children of the batch, on platforms without one)."""
    workers = []
    for c in psutil.Process(pid).children(recursive=True):
        try:
            line, parent = " ".join(c.cmdline()), c.ppid()
        except psutil.NoSuchProcess:
            continue
        if "spawn_main" in line or ("forkserver" in line and parent != pid):
            workers.append(c)
    return workers


def _wait_for_workers(proc: subprocess.Popen, out: Path, timeout: float = 60) -> list[psutil.Process]:
    deadline = time.time() + timeout
    while time.time() < deadline:
        kids = _workers(proc.pid)
        # a job's own temporary folder (out/.~lkj-…N/) appears when it starts rendering and stays until
        # the batch names the reports at the end: the workers are mid-batch. (A `.~lkj-*.docx` alone
        # lives only for one atomic save, which a fast machine finishes between two polls.)
        if kids and list(out.glob(".~lkj-*")):
            return kids
        time.sleep(0.05)
    raise AssertionError("the workers never started writing")


def _folder_of(n: int, base: Path) -> tuple[Path, dict[str, str]]:
    folder = base / "masuk"
    folder.mkdir()
    for k in range(n):
        shutil.copy2(SEED000_XLSX, folder / f"w{k:02}.xlsx")
    return folder, _hashes(folder)


def test_sigkill_of_a_worker_costs_one_workbook(tmp_path):
    folder, before = _folder_of(6, tmp_path)
    out, tmpdir = tmp_path / "hasil", tmp_path / "tmp"
    proc = _lkj(["batch", str(folder), "-o", str(out), "--jobs", "2"], tmpdir)
    _wait_for_workers(proc, out)[0].send_signal(signal.SIGKILL)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 1, (stdout, stderr)
    rows = _rows(out / "rekap.xlsx")
    failed = [r for r in rows.values() if r["Status"] == J.GAGAL]
    assert len(rows) == 6 and len(failed) == 1
    assert "berhenti tiba-tiba" in failed[0]["Keterangan"] and failed[0]["File Workbook"] in stdout
    assert len(list(out.glob("*.docx"))) == 5
    assert "Traceback" not in stdout + stderr
    assert _hashes(folder) == before
    _clean_after(out, tmpdir)


@pytest.mark.parametrize("sig, code, word", [(signal.SIGINT, 130, "Dibatalkan"), (signal.SIGTERM, 143, "Dihentikan")])
def test_ctrl_c_and_sigterm_leave_nothing_behind(tmp_path, sig, code, word):
    folder, before = _folder_of(8, tmp_path)
    out, tmpdir = tmp_path / "hasil", tmp_path / "tmp"
    proc = _lkj(["batch", str(folder), "-o", str(out), "--jobs", "2"], tmpdir)
    _wait_for_workers(proc, out)
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)            # what a terminal does on Ctrl-C: the whole group
    else:
        proc.send_signal(sig)               # what a service manager does: lkj alone
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code, (stdout, stderr)
    assert stderr.strip().startswith(word) and "Traceback" not in stdout + stderr
    assert _hashes(folder) == before
    _clean_after(out, tmpdir)


def _fork_server(pid: int) -> bool:
    try:
        return any("forkserver" in " ".join(c.cmdline()) for c in psutil.Process(pid).children())
    except psutil.Error:
        return False


@pytest.mark.skipif("forkserver" not in multiprocessing.get_all_start_methods(), reason="tidak ada fork server")
@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_stop_while_the_fork_server_still_imports_leaves_nothing_behind(tmp_path, sig, code):
    """The first worker is asked of the fork server while the server still imports (~0,4 s). A stop
    then must neither be lost nor leave a half-started worker, which would hold the server (and so
    lkj, waiting for it) open for ever."""
    folder, before = _folder_of(4, tmp_path)
    out, tmpdir = tmp_path / "hasil", tmp_path / "tmp"
    proc = _lkj(["batch", str(folder), "-o", str(out), "--jobs", "2"], tmpdir)
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None and not _fork_server(proc.pid):
        time.sleep(0.005)
    assert proc.poll() is None, "the batch ended before its fork server was seen"
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)
    else:
        proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code, (stdout, stderr)
    assert "Traceback" not in stdout + stderr
    assert not list(out.glob("*.docx")) and _hashes(folder) == before
    _clean_after(out, tmpdir)


def test_a_temporary_folder_too_long_for_the_fork_servers_socket(tmp_path):
    """A socket's path may hold ~100 characters: under a longer TMPDIR the fork server cannot start,
    and the workers are spawned instead (without that, the whole batch failed, reported as an
    unwritable output folder)."""
    folder, before = _folder_of(3, tmp_path)
    out, tmpdir = tmp_path / "hasil", tmp_path / ("t" * 120)
    proc = _lkj(["batch", str(folder), "-o", str(out), "--jobs", "2"], tmpdir)
    stdout, stderr = proc.communicate(timeout=300)
    assert len(str(tmpdir)) > 108
    assert proc.returncode in (0, 1), (stdout, stderr)           # 1: the copies share one NIP (a warning)
    assert len(list(out.glob("*.docx"))) == 3 and "Traceback" not in stdout + stderr
    assert _hashes(folder) == before
    _clean_after(out, tmpdir)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) tidak terpasang")
def test_ctrl_c_while_libreoffice_runs(tmp_path):
    folder, before = _folder_of(4, tmp_path)
    out, tmpdir = tmp_path / "hasil", tmp_path / "tmp"
    proc = _lkj(["batch", str(folder), "-o", str(out), "--jobs", "2", "--pdf"], tmpdir)
    deadline = time.time() + 300          # the reports come first; a loaded machine is slow
    while time.time() < deadline and proc.poll() is None and not any("soffice" in p.name() for p in _ours(tmpdir)):
        time.sleep(0.05)
    assert any("soffice" in p.name() for p in _ours(tmpdir)), "LibreOffice never started"
    time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, (stdout, stderr)
    assert "Traceback" not in stdout + stderr
    assert not list(out.rglob("*.pdf")) or all(p.read_bytes()[:5] == b"%PDF-" for p in out.rglob("*.pdf"))
    _clean_after(out, tmpdir)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) tidak terpasang")
def test_pdf_batch_uses_one_libreoffice_per_worker(tmp_path):
    folder, before = _folder_of(4, tmp_path)
    out, tmpdir = tmp_path / "hasil", tmp_path / "tmp"
    proc = _lkj(["batch", str(folder), "-o", str(out), "--jobs", "2", "--pdf"], tmpdir)
    started: dict[int, list[str]] = {}       # LibreOffice launches by lkj itself -> the documents given
    while proc.poll() is None:
        try:
            for c in psutil.Process(proc.pid).children():
                if "soffice" in c.name() or "oosplash" in c.name():
                    started.setdefault(c.pid, [a for a in c.cmdline() if a.endswith(".docx")])
        except psutil.Error:
            pass
        time.sleep(0.02)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 0, (stdout, stderr)
    assert len(list(out.glob("*.pdf"))) == 4
    # two workers: LibreOffice started twice in all, each time over its two reports
    assert sorted(len(docs) for docs in started.values()) == [2, 2], started
    _clean_after(out, tmpdir)


def _mount_tmpfs(path: Path, size: str) -> bool:
    path.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True).returncode == 0


def test_full_disk_gets_advice_about_the_disk_not_the_workbook(tmp_path):
    folder, before = _folder_of(2, tmp_path)
    out = tmp_path / "penuh"
    if not _mount_tmpfs(out, "40k"):           # room for rekap.xlsx, not for a report
        pytest.skip("a small tmpfs cannot be mounted here (needs root)")
    try:
        tmpdir = tmp_path / "tmp"
        proc = _lkj(["batch", str(folder), "-o", str(out), "--jobs", "2"], tmpdir)
        stdout, stderr = proc.communicate(timeout=120)
        assert proc.returncode == 1, (stdout, stderr)
        rows = _rows(out / "rekap.xlsx")
        for name in ("w00.xlsx", "w01.xlsx"):
            assert rows[name]["Status"] == J.GAGAL
            # the advice is about the disk (the writer's message, or the batch's own for other writes),
            # never to re-save the workbook in Excel
            advice = rows[name]["Keterangan"]
            assert "disk" in advice.lower() and "Excel" not in advice and "simpan ulang" not in advice.lower()
            assert f"Gagal: {name}: {advice[:30]}" in stdout
        assert "Traceback" not in stdout + stderr
        assert _hashes(folder) == before
        _clean_after(out, tmpdir)
    finally:
        subprocess.run(["umount", str(out)], capture_output=True)
