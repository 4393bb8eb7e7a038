"""Shared fixtures: the seed examples, and workbooks built from the seed 000 transcription with changes."""
from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from lkj_xl.workbook.template import new_workbook

ROOT = Path(__file__).resolve().parent.parent
CONTOH = ROOT / "contoh"
SEED000_JSON = CONTOH / "sumber" / "000_bagian_organisasi_tw3_2023.json"
SEED000_XLSX = CONTOH / "000_bagian_organisasi_tw3_2023.xlsx"
DATE_KEYS = {"tanggal", "tanggal_pk"}


def seed000() -> dict:
    """The seed 000 transcription as a fresh, mutable dict."""
    return copy.deepcopy(json.loads(SEED000_JSON.read_text(encoding="utf-8")))


def _iso(value):
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return value          # Indonesian text dates stay text, as a user may type them


def _dates(row: dict) -> dict:
    return {k: (_iso(v) if k in DATE_KEYS and isinstance(v, str) else v) for k, v in row.items()}


def assert_plain_data(value, where: str = "ctx") -> None:
    """A report context holds only dicts, lists, str, bool, int and None (no objects a template could
    reach into), checked all the way down; the failure names the path, e.g. ctx.baris[3].capaian."""
    if isinstance(value, dict):
        for k, v in value.items():
            assert_plain_data(v, f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            assert_plain_data(v, f"{where}[{i}]")
    else:
        assert value is None or isinstance(value, (str, bool, int)), f"{where} is {type(value).__name__}"


def build(data: dict, path: Path, edit=None) -> Path:
    """Write `data` (seed-JSON shaped) as a workbook; `edit(wb)` may then change cells directly."""
    tables = {k: [_dates(r) for r in data.get(k, [])]
              for k in ("tugas", "pk", "capaian", "anggaran", "strategi", "rtl", "dokumentasi")}
    if "pengaturan" in data:
        tables["pengaturan"] = data["pengaturan"]
    wb = new_workbook(_dates(data["identitas"]), **tables)
    if edit:
        edit(wb)
    wb.save(path)
    return path


@pytest.fixture
def seed_data() -> dict:
    return seed000()


@pytest.fixture
def make_book(tmp_path):
    counter = iter(range(10_000))

    def _make(data: dict | None = None, edit=None, name: str | None = None) -> Path:
        return build(data or seed000(), tmp_path / (name or f"wb{next(counter)}.xlsx"), edit)
    return _make


def seed000_jobs(tmp_path: Path, names: tuple[str, ...]) -> tuple[list, Path]:
    """Batch jobs over copies of contoh/000 named masuk/<name>.xlsx, in name order, and their output folder."""
    import shutil

    from lkj_xl.batch.job import Pekerjaan

    folder, out = tmp_path / "masuk", tmp_path / "hasil"
    folder.mkdir()
    for n in names:
        shutil.copy2(SEED000_XLSX, folder / f"{n}.xlsx")
    return [Pekerjaan(k, str(p), p.name, str(out), ".~lkj-uji-") for k, p in enumerate(sorted(folder.iterdir()), 1)], out


def live_children() -> list:
    """This process's live descendants, but multiprocessing's resource tracker (it stays until this
    process ends)."""
    import psutil

    return [c for c in psutil.Process().children(recursive=True)
            if c.status() != psutil.STATUS_ZOMBIE and "resource_tracker" not in " ".join(c.cmdline())]
