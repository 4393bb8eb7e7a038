"""Safe output names and which files the batch picks up."""
from __future__ import annotations

import re
import shutil

import pytest

from lkj_xl.batch import discovery
from lkj_xl.batch import runner as B
from lkj_xl.batch.naming import PemberiNama, bagian, nama_laporan, stem_aman

from .conftest import SEED000_XLSX, build, seed000

SAFE = re.compile(r"^[A-Za-z0-9._-]+$")


def test_seed_001_example_name():
    assert nama_laporan(2023, "TW III", "Kecamatan Tempeh", "Camat Tempeh") == "2023_TW-III_Kecamatan-Tempeh_Camat-Tempeh"


@pytest.mark.parametrize("text, expected", [
    ("../../etc/passwd", "etc-passwd"),
    ("Kasi Pemberdayaan Masyarakat & Desa", "Kasi-Pemberdayaan-Masyarakat-Desa"),
    ("Sekretariat Daerah: Bagian Umum/Protokol", "Sekretariat-Daerah-Bagian-Umum-Protokol"),
    ("Pelayanan Terpadu Satu Pintu (DPMPTSP)", "Pelayanan-Terpadu-Satu-Pintu-DPMPTSP"),
    ("Kécamatan Tempéh", "Kecamatan-Tempeh"),
    ("..", ""),
    ("  \t ", ""),
    ("a\\b\x00c", "a-b-c"),
])
def test_bagian(text, expected):
    assert bagian(text) == expected


@pytest.mark.parametrize("parts", [["CON"], ["con"], ["NUL", ""], ["com1"], ["LPT9"], ["aux.txt"]])
def test_windows_device_names_are_defused(parts):
    stem = stem_aman(parts)
    assert stem.startswith("_") and SAFE.match(stem)


def test_long_and_empty_names():
    stem = nama_laporan(2023, "TW III", "Dinas " * 40, "Kepala Bidang " * 40)
    assert len(stem) <= 120 and SAFE.match(stem) and not stem.endswith(("-", "_", "."))
    assert nama_laporan(None, "", "", "", cadangan="laporan camat.xlsx") == "laporan-camat.xlsx"
    assert nama_laporan(None, "", "///", "...") == "laporan"
    assert nama_laporan(2023, "TW III", "漢字", "") == "2023_TW-III"


def test_collisions_get_a_suffix_case_insensitively():
    namer = PemberiNama()
    namer.pesan("rekap.xlsx")
    assert [namer.ambil("a", ".docx") for _ in range(3)] == ["a.docx", "a_2.docx", "a_3.docx"]
    assert namer.ambil("A", ".docx") == "A_4.docx"
    assert namer.ambil("rekap", ".xlsx") == "rekap_2.xlsx"


def test_cell_text_cannot_escape_the_output_folder(tmp_path):
    data = seed000()
    data["identitas"].update(unit="../../../../tmp/jahat", jabatan="CON")
    folder = tmp_path / "masuk"
    folder.mkdir()
    build(data, folder / "jahat.xlsx")
    out = tmp_path / "hasil"
    hasil = B.jalankan(folder, out, jobs=1)
    made = hasil.files[0].docx
    assert made.parent == out.resolve()
    assert made.name == "2023_TW-III_tmp-jahat_CON.docx"


def test_which_files_are_picked_up(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    for rel in ("x.xlsx", "a/Y.XLSX", "a/b/z.xlsm", "a/lama.xls", "~$x.xlsx", "a/.~lkj-1-2.xlsx", ".git/k.xlsx",
                "a/x.cadangan-20231002-101500.xlsx", "rekap.xlsx", "catatan.txt", "a/b/~WRL0001.tmp", "out/o.xlsx"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"")
    found, skipped = discovery.cari_workbook(tmp_path, tmp_path / "out")
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["x.xlsx", "a/lama.xls", "a/Y.XLSX", "a/b/z.xlsm"]
    reasons = {p.name: r for p, r in skipped}
    assert set(reasons) == {"~$x.xlsx", ".~lkj-1-2.xlsx", "x.cadangan-20231002-101500.xlsx", "rekap.xlsx"}
    assert "kunci" in reasons["~$x.xlsx"] and "cadangan" in reasons["x.cadangan-20231002-101500.xlsx"]


def test_output_subfolders_mirror_input_subfolders_safely(tmp_path):
    folder = tmp_path / "masuk"
    (folder / "Kec. Tempeh (TW III)").mkdir(parents=True)
    shutil.copy2(SEED000_XLSX, folder / "Kec. Tempeh (TW III)" / "a.xlsx")
    hasil = B.jalankan(folder, tmp_path / "hasil", jobs=1)
    assert hasil.files[0].docx.parent.name == "Kec.-Tempeh-TW-III"
