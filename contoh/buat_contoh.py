"""Build the example workbooks in contoh/ from the transcriptions in contoh/sumber/*.json.

    python contoh/buat_contoh.py          # writes contoh/*.xlsx

Each JSON holds what an official would type into the template (identitas, pk, capaian, anggaran,
strategi, rtl, tugas, dokumentasi, optional pengaturan), copied from the seed reports. Only typed
inputs are transcribed: every computed figure is left to lkj_xl.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from lkj_xl.workbook.template import new_workbook  # noqa: E402

DATE_KEYS = {"tanggal", "tanggal_pk"}


def _dates(row: dict) -> dict:
    return {k: (dt.date.fromisoformat(v) if k in DATE_KEYS and isinstance(v, str) else v) for k, v in row.items()}


def build(source: Path, out_dir: Path = HERE) -> Path:
    data = json.loads(source.read_text(encoding="utf-8"))
    tables = {k: [_dates(r) for r in data.get(k, [])]
              for k in ("tugas", "pk", "capaian", "anggaran", "strategi", "rtl", "dokumentasi")}
    if "pengaturan" in data:
        tables["pengaturan"] = data["pengaturan"]
    wb = new_workbook(_dates(data["identitas"]), **tables)
    out = out_dir / data["file"]
    wb.save(out)
    return out


def main() -> int:
    for source in sorted((HERE / "sumber").glob("*.json")):
        print(f"  {build(source).relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
