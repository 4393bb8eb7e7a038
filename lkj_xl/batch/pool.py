"""Worker processes for the batch: one job at a time per worker, a time limit per job, nothing left behind.

Why not concurrent.futures: a ProcessPoolExecutor cannot tell which job a worker is running, so it
can neither stop one job that hangs nor name the workbook that killed its worker (it breaks the whole
pool). Here every worker gets one job over its own pipe, and the parent knows, for each worker, the
job and since when it runs:

- a job over its time limit: the worker is killed, the job is reported (`waktu-habis`), a fresh worker
  takes the next job;
- a worker that dies (segfault, out of memory, SIGKILL): its job is reported (`proses-gagal`), a fresh
  worker takes the next job;
- Ctrl-C / SIGTERM in the parent: every worker is killed before the exception goes on.

Where the platform has one (Linux, macOS), workers are forked from multiprocessing's fork server,
which imports everything a worker needs once (`siap.py`, ~0,4 s) while the parent goes on: every
worker, and every worker that replaces a recycled or killed one, starts ready instead of importing
it all again. Elsewhere (Windows) they are started with spawn, each importing for itself. The server
and spawned workers are started with SIGINT ignored, forked workers have the server's, so a Ctrl-C
reaches only the parent: no worker and no fork server prints a traceback. A Ctrl-C or SIGTERM while
a worker starts is held until it has (`_sinyal_saat_mulai`). The server is stopped when the batch
ends, however it ends.
Each worker uses `tmp` as its temporary folder (charts, LibreOffice profiles): the parent removes
that folder at the end, so whatever a killed worker leaves there goes too.
"""
from __future__ import annotations

import multiprocessing as mp
import multiprocessing.forkserver
import multiprocessing.util
import os
import signal
import sys
import tempfile
import threading
import time
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Callable, Iterator

from .job import HasilFile, Pekerjaan, abaikan_sisa_os_error, gagal

MAX_TUGAS_PER_PROSES = 50        # recycle worker processes: keeps memory flat over long batches
BATAS_WAKTU = 120.0              # seconds per workbook, default (lkj batch --batas-waktu)


def _worker(conn: Connection, fn: Callable[[Pekerjaan], HasilFile], tmp: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)       # already ignored on POSIX; Windows needs it here
    os.environ["TMPDIR"] = os.environ["TEMP"] = os.environ["TMP"] = tmp   # LibreOffice and others
    tempfile.tempdir = tmp
    sys.unraisablehook = abaikan_sisa_os_error
    tanpa_numpy()
    try:
        while True:
            try:
                job = conn.recv()
            except EOFError:
                return
            if job is None:
                return
            conn.send(fn(job))
    except (BrokenPipeError, KeyboardInterrupt):
        return


def tanpa_numpy() -> None:
    """Keep numpy out of this process. openpyxl imports it, when it is installed, only to accept numpy
    numbers as cell values it writes; a worker only reads workbooks (pandas, for the rekap, runs in the
    parent), and numpy was ~65 ms of a worker's ~0,45 s start. A None entry in sys.modules makes
    `import numpy` fail as if it were not installed."""
    sys.modules.setdefault("numpy", None)


def _konteks():
    """The fork server where there is one (and multiprocessing can stop it), else spawn."""
    if "forkserver" in mp.get_all_start_methods() and hasattr(mp.forkserver.ForkServer, "_stop"):
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload([f"{__package__}.siap"])
        return ctx
    return mp.get_context("spawn")


def _mulai_server(ctx):
    """Start the fork server (it imports `siap` while the parent goes on); the context to use: spawn
    when the server cannot start (its socket path would pass the system's ~100 characters when TMPDIR
    is a long path, or sockets are not allowed there)."""
    if ctx.get_start_method() != "forkserver":
        return ctx
    saved, tempfile.tempdir = tempfile.tempdir, None
    try:
        # multiprocessing keeps one folder for the life of the process (the server's socket goes there):
        # the system's temporary folder, not this batch's, which is removed at the end
        mp.util.get_temp_dir()
        with _sinyal_saat_mulai(spawn=True):        # the server is exec'd, as a spawned worker is
            mp.forkserver.ensure_running()
    except OSError:
        return mp.get_context("spawn")
    finally:
        tempfile.tempdir = saved
    return ctx


def _henti_server(ctx) -> None:
    """Stop the fork server. It is killed first: it holds nothing to save, a graceful exit would tear
    down its ~700 modules (~70 ms after every batch), and a worker left alive could keep it waiting."""
    if ctx.get_start_method() != "forkserver":
        return
    server = mp.forkserver._forkserver
    pid = getattr(server, "_forkserver_pid", None)
    if pid:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    server._stop()          # reaps it and removes its socket; `_konteks` checked that this exists


@contextmanager
def _sinyal_saat_mulai(spawn: bool) -> Iterator[None]:
    """Signals while a process is being started.

    Exec'd (spawn, the fork server): SIGINT ignored, so that the new process inherits it ignored (an
    ignored signal stays ignored across exec, and Python keeps it so) and a Ctrl-C, which the terminal
    sends to every process of the batch, reaches only the parent. The start itself is quick.
    Forked from the server: the worker has the server's handlers (SIGINT ignored). Asking for it waits
    until the server has imported everything (~0,4 s), and a start cut short would leave a worker that
    holds the server open: Ctrl-C and SIGTERM are held until the worker has started, then acted on."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    if spawn:
        old = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, old)
        return
    held: list[int] = []
    olds = {sig: signal.signal(sig, lambda signum, frame: held.append(signum))
            for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in olds.items():
            signal.signal(sig, old)
        if held:
            handler = olds[held[0]]
            if callable(handler):
                handler(held[0], None)          # KeyboardInterrupt, or the runner's Dihentikan
            elif handler == signal.SIG_DFL:
                signal.raise_signal(held[0])


@dataclass
class _Slot:
    proc: mp.process.BaseProcess
    conn: Connection
    job: Pekerjaan | None = None
    since: float = 0.0
    done: int = 0


def _start(ctx, fn, tmp: str, slots: list[_Slot], k: int | None = None) -> _Slot:
    """A new worker in slots[k] (appended when k is None): in the list before a held Ctrl-C or SIGTERM
    acts, so that it is stopped with the others."""
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_worker, args=(child, fn, tmp), daemon=True)
    with _sinyal_saat_mulai(spawn=ctx.get_start_method() == "spawn"):
        proc.start()
        child.close()
        slot = _Slot(proc, parent)
        if k is None:
            slots.append(slot)
        else:
            slots[k] = slot
    return slot


def _kill(slot: _Slot) -> None:
    try:
        slot.proc.kill()
    except Exception:
        pass
    slot.proc.join(5)
    slot.conn.close()


def waktu_habis(job: Pekerjaan, batas: float) -> HasilFile:
    return gagal(HasilFile(job.nomor, job.rel, job.folder_keluaran), "waktu-habis", batas=f"{batas:g}")


def mati(job: Pekerjaan) -> HasilFile:
    return gagal(HasilFile(job.nomor, job.rel, job.folder_keluaran), "proses-gagal",
                 alasan="proses pekerja berhenti tiba-tiba (kehabisan memori atau file membuat program macet)")


def jalankan_paralel(jobs: list[Pekerjaan], n: int, done: Callable[[HasilFile], None], fn: Callable, *,
                     batas: float = BATAS_WAKTU, tmp: str | None = None) -> None:
    """Run `fn` over `jobs` in `n` worker processes; call `done` with each result (in finishing order)."""
    ctx = _konteks()
    tmp = tmp or tempfile.gettempdir()
    queue = deque(jobs)
    slots: list[_Slot] = []
    try:
        ctx = _mulai_server(ctx)
        for _ in range(min(n, len(jobs))):
            _start(ctx, fn, tmp, slots)
        for slot in slots:
            _feed(slot, queue)
        while any(s.job is not None for s in slots):
            busy = [s for s in slots if s.job is not None]
            ready = wait([s.conn for s in busy] + [s.proc.sentinel for s in busy], timeout=0.5)
            now = time.monotonic()
            for k, slot in enumerate(slots):
                if slot.job is None:
                    continue
                result = _collect(slot, ready, now, batas)
                if result is None:
                    continue
                done(result)
                slot.done += 1
                if not slot.proc.is_alive() or slot.done >= MAX_TUGAS_PER_PROSES:
                    _retire(slot)
                    slot = _start(ctx, fn, tmp, slots, k)
                _feed(slot, queue)
    finally:
        for slot in slots:
            _kill(slot)
        _henti_server(ctx)


def _feed(slot: _Slot, queue: deque) -> None:
    if queue:
        slot.job, slot.since = queue.popleft(), time.monotonic()
        try:
            slot.conn.send(slot.job)
        except OSError:
            pass        # the worker has just died: its sentinel reports the job on the next round
    else:
        slot.job = None


def _collect(slot: _Slot, ready: list, now: float, batas: float) -> HasilFile | None:
    """The slot's result when it has one (or its job's failure); None while the job still runs."""
    job = slot.job
    if slot.conn in ready:
        try:
            return slot.conn.recv()
        except (EOFError, OSError):
            pass                    # the worker died while answering: treated as dead below
    elif slot.proc.sentinel not in ready and now - slot.since <= batas:
        return None
    if slot.proc.is_alive() and now - slot.since > batas:
        _kill(slot)
        return waktu_habis(job, batas)
    _kill(slot)
    return mati(job)


def _retire(slot: _Slot) -> None:
    try:
        slot.conn.send(None)
        slot.proc.join(5)
    except (OSError, ValueError):
        pass
    _kill(slot)
