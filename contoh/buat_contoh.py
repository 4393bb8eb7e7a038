"""Build the example workbooks in contoh/ from the transcriptions in contoh/sumber/*.json.

    python contoh/buat_contoh.py          # writes contoh/*.xlsx

Each JSON holds what an official would type into the template: `identitas`, one list per sheet keyed by
the sheet's `TableSheet.key` (pk, capaian, anggaran, strategi, rtl, tugas, dokumentasi and, for the annual
report, renstra, riwayat, pembanding, sub_indikator, analisis, catatan, sdm, sarana), optional
`pengaturan` and `predikat` (the scale on the Pengaturan sheet). Keys starting with '_' are notes (the seed
lines behind every value, and seed data the workbook cannot hold) and are never written. Only typed inputs
are transcribed: every computed figure is left to lkj_xl.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from lkj_xl.core import layout as L  # noqa: E402
from lkj_xl.workbook.template import fill_table, new_workbook  # noqa: E402

DATE_KEYS = {"tanggal", "tanggal_pk"}
SPECS = {s.key: s for s in L.DATA_SHEETS}
TABLES = set(SPECS)
OTHER = {"file", "identitas", "pengaturan", "predikat"}


def _iso(value):
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return value          # a text date ('Januari 2024') stays text, as the seed's author typed it


def _clean(row: dict) -> dict:
    """Drop the '_' notes; ISO dates become dates."""
    return {k: (_iso(v) if k in DATE_KEYS and isinstance(v, str) else v)
            for k, v in row.items() if not k.startswith("_")}


def build(source: Path, out_dir: Path = HERE) -> Path:
    data = json.loads(source.read_text(encoding="utf-8"))
    unknown = {k for k in data if not k.startswith("_")} - TABLES - OTHER
    if unknown:
        raise SystemExit(f"{source.name}: kunci tidak dikenal {sorted(unknown)}")
    tables = {k: [_clean(r) for r in data[k]] for k in TABLES if data.get(k)}
    for key, rows in tables.items():            # a key the sheet has no column for would vanish silently
        columns = {c.key for c in SPECS[key].columns}
        stray = sorted({k for r in rows for k in r} - columns)
        if stray:
            raise SystemExit(f"{source.name}: {key} tidak punya kolom {stray}")
    if "pengaturan" in data:
        tables["pengaturan"] = _clean(data["pengaturan"])
    wb = new_workbook(_clean(data["identitas"]), **tables)
    if data.get("predikat"):
        fill_table(wb[L.PREDIKAT.name], L.PREDIKAT, data["predikat"])
    out = out_dir / data["file"]
    wb.save(out)
    return out


def main() -> int:
    for source in sorted((HERE / "sumber").glob("*.json")):
        print(f"  {build(source).relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
