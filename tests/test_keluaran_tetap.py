"""No output changes (issue 12): what users see of every contoh workbook stays exactly as it was.

For each workbook in contoh/ the report is made the way `lkj buat` makes it (`tests/keluaran_snapshot.py`)
and compared with tests/data/keluaran/<workbook>.json: every paragraph's text in order (table cells,
headers and footers too), every table's cells, the number of pictures (not their pixels: charts may
change in drawing), the document properties, the page sizes and the problems found. The batch over a
copy of contoh/ (`--gabung`, and `--gabung --paksa`) is compared with tests/data/keluaran/rekap.json:
every cell and link of rekap.xlsx except the four that change on every run (`VARIABEL`), the files
made, the bundles' text in full and a digest of each report.

The snapshot was taken at commit 14d77cd (main before the speed work of issue 12). When an output
change is deliberate, write it again and read the diff before committing it:

    .venv/bin/python scripts/snapshot_keluaran.py
    git diff tests/data/keluaran/
"""
from __future__ import annotations

import json
import shutil

import pytest
from openpyxl import load_workbook

from .keluaran_snapshot import BATCH_RUNS, REKAP, SNAPSHOT, batch, laporan, laporan_beda, perbedaan, workbooks

WORKBOOKS = workbooks()


def _snapshot(stem: str):
    return json.loads((SNAPSHOT / f"{stem}.json").read_text(encoding="utf-8"))


def test_semua_contoh_ada_snapshotnya():
    # seed 000, the seven reports of seed 001, and the annual seeds 002 and 004
    assert len(WORKBOOKS) == 10
    assert sorted(p.stem for p in SNAPSHOT.glob("*.json")) == sorted([p.stem for p in WORKBOOKS] + [REKAP])


def test_snapshot_rekap_adalah_batch_yang_sebenarnya():
    """The pinned rekap is a real run, not an empty or failed one (so a snapshot written from a broken
    run would not pass unnoticed)."""
    runs = _snapshot(REKAP)
    for run, berhasil, draf, ditolak in (("batch --gabung", 1, 0, 9), ("batch --gabung --paksa", 1, 9, 0)):
        rekap = runs[run]["rekap"]
        info = rekap["Keterangan"]["isi"]
        assert (info["Workbook diproses"], info["Berhasil"], info["Berhasil (DRAF)"], info["Ditolak"], info["Gagal"]) \
            == (10, berhasil, draf, ditolak, 0)
        row = rekap["Ringkasan"]["baris"][0]
        # seed 000:66-71: realisasi 25, 100, 100, 91,67, 95,46, 78,33 against 100 each -> (490,46)/6
        assert row["File Workbook"] == "000_bagian_organisasi_tw3_2023.xlsx"
        assert row["Rata-rata Capaian (%)"] == pytest.approx(490.46 / 6)
        assert (row["Jumlah Indikator"], row["Indikator Tercapai"], row["Status"]) == (6, 2, "Berhasil")
    assert len(runs["batch --gabung --paksa"]["laporan"]) == 10


@pytest.mark.parametrize("src", WORKBOOKS, ids=lambda p: p.stem)
def test_laporan_tetap(src, tmp_path):
    lama, baru = _snapshot(src.stem), laporan(src, tmp_path)
    assert lama == baru, laporan_beda(lama, baru, src.name)


@pytest.fixture(scope="module")
def hasil_batch(tmp_path_factory):
    return batch(tmp_path_factory.mktemp("batch"))


@pytest.mark.parametrize("run", list(BATCH_RUNS))
def test_batch_dan_rekap_tetap(run, hasil_batch):
    lama, baru = _snapshot(REKAP)[run], hasil_batch[run]
    assert lama == baru, laporan_beda(lama, baru, f"lkj {run}")


def test_perbandingan_menangkap_satu_angka_yang_berubah(tmp_path):
    """The check is not vacuous: one realisasi changed in a copy of seed 000 shows up as a difference
    in the report's tables, and an unchanged copy in the same place shows none."""
    src = WORKBOOKS[0]
    assert src.name == "000_bagian_organisasi_tw3_2023.xlsx"
    lama = _snapshot(src.stem)
    (tmp_path / "sama").mkdir()
    (tmp_path / "ubah").mkdir()
    sama = shutil.copy(src, tmp_path / "sama" / src.name)
    ubah = tmp_path / "ubah" / src.name
    wb = load_workbook(src)
    ws = wb["Capaian"]
    # IK1 "Persentase fasilitasi administrasi keuangan perangkat daerah": realisasi s.d. TW III 25 %
    # against a target of 100 % (seed 000:66); the copy says 50.
    assert (ws["A4"].value, ws["E4"].value) == ("IK1", 25)
    ws["E4"].value = 50
    wb.save(ubah)

    assert perbedaan(lama, laporan(sama, tmp_path / "sama")) == []
    baru = laporan(ubah, tmp_path / "ubah")
    in_tables = [(where, a, b) for where, a, b in perbedaan(lama, baru, batas=1000) if where.startswith("docx.tabel")]
    # the realisasi column of the capaian tables: 25% before, 50% now (target 100%: capaian 25,00% -> 50,00%)
    assert any(a == "25%" and b == "50%" for _, a, b in in_tables), laporan_beda(lama, baru, ubah.name)
    assert any(a == "25,00%" and b == "50,00%" for _, a, b in in_tables), laporan_beda(lama, baru, ubah.name)
    # the averages, by hand from seed 000:66-71 (IK1..IK6 realisasi 25, 100, 100, 91,67, 95,46, 78,33, all
    # against 100 %): sasaran S1 (IK1..IK5) (25+100+100+91,67+95,46)/5 = 82,43 -> (50+…)/5 = 87,43, and
    # over all six (25+…+78,33)/6 = 81,74 -> (50+…)/6 = 85,91
    paragraf = [(a, b) for where, a, b in perbedaan(lama, baru, batas=1000) if where.startswith("docx.paragraf")]
    assert any("kinerja 82,43%" in a and "kinerja 87,43%" in b for a, b in paragraf)
    assert any(a == "81,74%" and b == "85,91%" for a, b in paragraf)
    # and the failure message names where and what
    pesan = laporan_beda(lama, baru, ubah.name)
    assert "docx.paragraf" in pesan or "docx.tabel" in pesan
    assert "'50%'" in pesan or "'50,00%'" in pesan
