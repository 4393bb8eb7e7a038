"""Issue 9 (§1, §2, §4 output side): hostile workbooks, templates and situations through the front doors.

For every case: the exit code, one Indonesian message naming the file, sheet or cell, no traceback, the input's
sha256 unchanged, and no temporary or partial file left. Inputs are built here from seed 000
(contoh/sumber/000_bagian_organisasi_tw3_2023.json, a transcription of seed 000).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

from lkj_xl.cli import app

from .conftest import SEED000_XLSX, build, seed000
from .test_rendering_hostile import ESCAPES, hostile_template

runner = CliRunner()
LKJ = Path(sys.executable).with_name("lkj")


def run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    result.text = " ".join(result.output.split())      # rich wraps long lines; compare words
    return result


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def leftovers(folder: Path) -> list[str]:
    """Temporary or partial files lkj may have left (its own prefix, or a backup)."""
    return sorted(p.name for p in Path(folder).rglob("*") if p.name.startswith(".~lkj-") or ".cadangan-" in p.name)


def one_message(r, code: int, *needles: str) -> None:
    assert r.exit_code == code, r.output
    assert "Traceback" not in r.output and "Terjadi kesalahan tak terduga" not in r.output
    assert r.text.count("Kesalahan:") == 1, r.output
    for needle in needles:
        assert needle in r.text, (needle, r.text)


@pytest.fixture
def book(tmp_path) -> Path:
    target = tmp_path / "a.xlsx"
    shutil.copy(SEED000_XLSX, target)
    return target


# ---------------------------------------------------------------- §1 no code runs

@pytest.mark.parametrize("name", ["cycler-globals", "template-reference", "lipsum-globals"])
def test_buat_with_a_hostile_template_runs_nothing(tmp_path, name):
    wb = hostile_template(tmp_path, ESCAPES[name])
    before = sha(wb)
    r = run("buat", wb)
    one_message(r, 1, "Templat Word 'templat_kiriman.docx' (Pengaturan!B7) ditolak", "tidak menjalankannya")
    assert "laporan tetap dibuat" not in r.text
    assert not (tmp_path / "MARKER").exists()
    assert not wb.with_name("kiriman_LKj.docx").exists()
    assert sha(wb) == before and leftovers(tmp_path) == []


def test_batch_with_a_hostile_template_runs_nothing_and_goes_on(tmp_path):
    inbox = tmp_path / "masuk"
    (inbox / "kiriman").mkdir(parents=True)
    hostile_template(inbox / "kiriman", ESCAPES["cycler-globals"])
    shutil.copy(SEED000_XLSX, inbox / "baik.xlsx")
    before = {p: sha(p) for p in inbox.rglob("*.xlsx")}
    r = run("batch", inbox, "-o", tmp_path / "hasil", "--jobs", "1")
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert "ditolak: templat mencoba membuka atribut tersembunyi '__globals__'" in r.text
    assert not (inbox / "kiriman" / "MARKER").exists()
    made = sorted(p.name for p in (tmp_path / "hasil").rglob("*.docx"))
    assert len(made) == 1                                      # the good workbook still got its report
    assert (tmp_path / "hasil" / "rekap.xlsx").is_file()
    text = "\n".join(p.text for p in Document(str(next((tmp_path / "hasil").rglob("*.docx")))).paragraphs)
    assert "uid=" not in text
    assert {p: sha(p) for p in inbox.rglob("*.xlsx")} == before and leftovers(tmp_path) == []


def test_buat_with_a_photo_outside_the_folder_names_the_cell(tmp_path):
    secret = tmp_path / "rahasia.png"
    from PIL import Image
    Image.new("RGB", (20, 20)).save(secret)
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    data = seed000()
    data["dokumentasi"][0]["foto"] = "../rahasia.png"          # the first photo of seed 000 (000:262), row 4
    wb = build(data, inbox / "kiriman.xlsx")
    before = sha(wb)
    r = run("buat", wb)
    one_message(r, 1, "Foto '../rahasia.png' di Dokumentasi!C4 ditolak", "'..' (naik ke folder di atasnya)")
    assert not list(inbox.glob("*.docx")) and sha(wb) == before and leftovers(tmp_path) == []


# ---------------------------------------------------------------- §2 never overwrite

@pytest.mark.parametrize("how", ["same", "dotdot", "hardlink", "symlink"])
def test_hitung_never_writes_over_its_input(book, how):
    out = {"same": lambda: book, "dotdot": lambda: book.parent / "sub" / ".." / book.name,
           "hardlink": lambda: os.link(book, book.with_name("link.xlsx")) or book.with_name("link.xlsx"),
           "symlink": lambda: book.with_name("sym.xlsx").symlink_to(book) or book.with_name("sym.xlsx")}[how]()
    (book.parent / "sub").mkdir(exist_ok=True)
    before = sha(book)
    r = run("hitung", book, "-o", out, "--timpa")              # not even with --timpa
    one_message(r, 2, "adalah workbook masukan itu sendiri", "--di-tempat")
    assert sha(book) == before and leftovers(book.parent) == []


def test_hitung_and_buat_refuse_an_existing_output_unless_timpa(book, tmp_path):
    other = tmp_path / "penting.xlsx"
    other.write_bytes(b"file lain milik pengguna")
    r = run("hitung", book, "-o", other)
    one_message(r, 2, f"File hasil '{other}' sudah ada", "--timpa")
    assert other.read_bytes() == b"file lain milik pengguna"
    assert run("hitung", book, "-o", other, "--timpa").exit_code == 0
    assert load_workbook(other)["Capaian"]["J5"].value == 100.0     # computed (seed 000 indicator 2: 100 %)

    doc = tmp_path / "penting.docx"
    doc.write_bytes(b"dokumen lain")
    r = run("buat", book, "-o", doc)
    one_message(r, 2, f"File hasil '{doc}' sudah ada", "--timpa")
    assert doc.read_bytes() == b"dokumen lain"
    assert run("buat", book, "-o", doc, "--timpa").exit_code == 0
    assert zipfile.is_zipfile(doc)
    assert leftovers(tmp_path) == []


def test_default_outputs_are_lkj_s_own_and_replaced(book):
    assert run("hitung", book).exit_code == 0
    assert run("hitung", book).exit_code == 0                  # a_hasil.xlsx is replaced, as --help says
    assert book.with_name("a_hasil.xlsx").is_file()


@pytest.mark.parametrize("name,needle", [
    ("hasil.txt", "Nama file hasil harus berakhiran .xlsx (diberikan: 'hasil.txt')"),
    ("hasil.docx", "Nama file hasil harus berakhiran .xlsx (diberikan: 'hasil.docx')"),
])
def test_hitung_output_must_be_a_workbook(book, name, needle):
    r = run("hitung", book, "-o", book.with_name(name))
    one_message(r, 2, needle)
    assert not book.with_name(name).exists()


def test_a_macro_workbook_stays_xlsm(tmp_path):
    src = tmp_path / "makro.xlsm"
    shutil.copy(SEED000_XLSX, src)
    r = run("hitung", src, "-o", tmp_path / "hasil.xlsx")
    one_message(r, 2, "harus berakhiran .xlsm (diberikan: 'hasil.xlsx'); workbook bermakro (.xlsm) tetap .xlsm")
    assert run("hitung", src).exit_code == 0
    assert (tmp_path / "makro_hasil.xlsm").is_file() and not (tmp_path / "makro_hasil.xlsx").exists()


def test_hitung_into_a_folder_writes_the_default_name_inside(book, tmp_path):
    folder = tmp_path / "keluar"
    folder.mkdir()
    assert run("hitung", book, "-o", folder).exit_code == 0
    assert (folder / "a_hasil.xlsx").is_file()


def test_two_backups_in_the_same_second_do_not_overwrite_each_other(book):
    from lkj_xl.workbook.writing import backup
    first, second = backup(book), backup(book)
    assert first != second and sha(first) == sha(second) == sha(book)


# ---------------------------------------------------------------- output side: full disk, read-only

def _in_small_fs(tmp_path: Path, script: str, size: str = "100k", ro: bool = False) -> subprocess.CompletedProcess:
    """Run the sh `script` with $D a fresh tmpfs of `size` (holding a copy of seed 000 as a.xlsx and then
    remounted read-only when ro), in a private mount namespace: a real full or read-only disk."""
    if not shutil.which("unshare") or subprocess.run(["unshare", "-r", "-m", "true"], capture_output=True).returncode:
        pytest.skip("no unshare / mount namespaces here to make a small disk")
    mnt = tmp_path / "kecil"
    mnt.mkdir()
    setup = f"mount -t tmpfs -o size={size} tmpfs '{mnt}'"
    if ro:
        setup += f" && cp '{SEED000_XLSX}' '{mnt}/a.xlsx' && mount -o remount,ro '{mnt}'"
    return subprocess.run(["unshare", "-r", "-m", "sh", "-c", f"{setup} && D='{mnt}' && {{ {script} ; }}"],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "COLUMNS": "1000"})      # messages on one line, paths unbroken


def _report(proc: subprocess.CompletedProcess) -> dict:
    """The lines the scripts below print: RC=…, LS=…, SHA=…"""
    out = {}
    for line in proc.stdout.splitlines():
        key, sep, value = line.partition("=")
        if sep and key in ("RC", "LS", "SHA"):
            out[key] = value
    return out


def test_di_tempat_on_a_full_disk_leaves_no_truncated_backup(tmp_path):
    room = SEED000_XLSX.stat().st_size // 1024 + 24              # the workbook fits, its backup does not
    proc = _in_small_fs(tmp_path, f"""cp '{SEED000_XLSX}' "$D/a.xlsx"; '{LKJ}' hitung "$D/a.xlsx" --di-tempat;
        echo RC=$?; echo LS=$(ls -A "$D"); echo SHA=$(sha256sum "$D/a.xlsx" | cut -d' ' -f1)""", size=f"{room}k")
    rep = _report(proc)
    assert rep == {"RC": "1", "LS": "a.xlsx", "SHA": sha(SEED000_XLSX)}, proc.stdout + proc.stderr
    err = " ".join(proc.stderr.split())
    assert err.startswith("Kesalahan: Ruang disk tidak cukup untuk menulis file hasil '") and ".cadangan-" in err
    assert "bukan di workbook masukan" in err and err.count("Kesalahan:") == 1
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr


def test_hitung_and_buat_on_a_full_disk(tmp_path):
    proc = _in_small_fs(tmp_path, f"""'{LKJ}' hitung '{SEED000_XLSX}' -o "$D/hasil.xlsx"; echo RC=$?;
        '{LKJ}' buat '{SEED000_XLSX}' -o "$D/hasil.docx"; echo RC=$?; echo LS=$(ls -A "$D")""", size="40k")
    assert [l for l in proc.stdout.splitlines() if l.startswith("RC=")] == ["RC=1", "RC=1"], proc.stdout
    assert _report(proc)["LS"] == ""                           # no partial file, no temporary file
    err = " ".join(proc.stderr.split())
    assert err.count("Kesalahan: Ruang disk tidak cukup untuk menulis file hasil") == 2
    assert "hasil.xlsx'" in err and "hasil.docx'" in err
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr


def test_read_only_output_folder(tmp_path):
    room = SEED000_XLSX.stat().st_size // 1024 + 64
    proc = _in_small_fs(tmp_path, f"""'{LKJ}' hitung "$D/a.xlsx"; echo RC=$?; '{LKJ}' hitung "$D/a.xlsx" \
        --di-tempat; echo RC=$?; echo LS=$(ls -A "$D"); echo SHA=$(sha256sum "$D/a.xlsx" | cut -d' ' -f1)""",
                        size=f"{room}k", ro=True)
    rcs = [l for l in proc.stdout.splitlines() if l.startswith("RC=")]
    assert rcs == ["RC=1", "RC=1"], proc.stdout + proc.stderr
    assert _report(proc)["LS"] == "a.xlsx" and _report(proc)["SHA"] == sha(SEED000_XLSX)
    err = " ".join(proc.stderr.split())
    assert err.count("tidak dapat ditulis: folder") == 2 and "hanya-baca atau tanpa izin tulis" in err
    assert "a_hasil.xlsx'" in err and "Traceback" not in proc.stderr


# ---------------------------------------------------------------- §4 one clear message

def test_merged_cells_over_computed_columns_are_named(book):
    wb = load_workbook(book)
    wb["Capaian"].merge_cells("J5:K6")
    wb.save(book)
    before = sha(book)
    r = run("hitung", book)
    one_message(r, 1, "Sel J5:K6 di sheet Capaian digabung (merge) dan menutupi kolom hasil perhitungan",
                "Unmerge Cells")
    assert not book.with_name("a_hasil.xlsx").exists() and sha(book) == before and leftovers(book.parent) == []


def test_merged_cells_in_the_tool_s_own_sheets_are_unmerged(book):
    wb = load_workbook(book)
    wb.create_sheet("Hasil").merge_cells("A1:D3")
    wb.save(book)
    assert run("hitung", book).exit_code == 0
    assert load_workbook(book.with_name("a_hasil.xlsx"))["Hasil"]["A1"].value.startswith("HASIL PERHITUNGAN LKj")


def test_a_10000_character_unit_kerja(tmp_path):
    data = seed000()
    data["identitas"]["unit"] = ("Bagian Organisasi Setda " * 500)[:10_000]
    wb = build(data, tmp_path / "panjang.xlsx")
    r = run("buat", wb)
    assert r.exit_code == 0, r.output
    doc = Document(str(tmp_path / "panjang_LKj.docx"))
    assert len(doc.core_properties.title) == 255                 # Word's limit for the property …
    assert doc.core_properties.title.startswith("Laporan Kinerja Bagian Organisasi Setda Bagian")
    body = "\n".join(p.text for p in doc.paragraphs) + "".join(c.text for t in doc.tables for r in t.rows
                                                                 for c in r.cells)
    assert data["identitas"]["unit"].strip().upper() in body.upper()   # … the text itself is kept whole


def test_file_names_beginning_with_a_dash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEED000_XLSX, tmp_path / "-laporan.xlsx")
    r = run("validasi", "-laporan.xlsx")
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "Opsi '-l' tidak dikenal" in r.text and "lkj validasi -- -laporan.xlsx" in r.text
    r = run("validasi", "--", "-laporan.xlsx")
    assert r.exit_code == 0 and "0 kesalahan" in r.text and "Masalah di -laporan.xlsx" in r.text
    assert "lkj validasi -- -laporan.xlsx" in run("--help").text


def test_long_sheet_titles_print_no_english_warning(tmp_path):
    wb = load_workbook(SEED000_XLSX)
    with pytest.warns(UserWarning, match="31 characters"):     # the warning openpyxl gives, in English
        wb.create_sheet("Catatan tambahan yang sangat panjang sekali untuk rapat")   # 53 characters (> 31)
    wb.save(tmp_path / "judul.xlsx")
    for args in (["validasi"], ["hitung"]):
        proc = subprocess.run([str(LKJ), *args, str(tmp_path / "judul.xlsx")], capture_output=True, text=True,
                              timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert "Warning" not in proc.stderr and "31 characters" not in proc.stderr + proc.stdout


def _broken_sheet(tmp_path: Path, xml_edit) -> Path:
    """seed 000 with its Capaian sheet XML changed by xml_edit."""
    src, out = SEED000_XLSX, tmp_path / "rusak.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet5.xml":
                data = xml_edit(data)
            zout.writestr(item, data)
    return out


@pytest.mark.parametrize("case", ["missing", "folder", "not-a-zip", "undefined-entity", "control-character"])
def test_validasi_json_is_json_in_every_case(tmp_path, case):
    def folder():
        (tmp_path / "folder.xlsx").mkdir()
        return tmp_path / "folder.xlsx"

    def not_a_zip():
        (tmp_path / "rusak.xlsx").write_bytes(b"bukan excel")
        return tmp_path / "rusak.xlsx"

    path = {
        "missing": lambda: tmp_path / "tidak_ada.xlsx",
        "folder": folder,
        "not-a-zip": not_a_zip,
        "undefined-entity": lambda: _broken_sheet(tmp_path, lambda d: d.replace(b"<sheetData>", b"<sheetData>&x;", 1)),
        "control-character": lambda: _broken_sheet(tmp_path, lambda d: d.replace(b"<sheetData>", b"<sheetData>\x01", 1)),
    }[case]()
    proc = subprocess.run([str(LKJ), "validasi", str(path), "--json"], capture_output=True, text=True, timeout=120)
    data = json.loads(proc.stdout)                                 # stdout is JSON, whatever happened
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert data["file"] == str(path) and data["masalah"] == [] and path.name in data["fatal"]


def test_a_folder_as_output_file_is_named_as_the_output_side(tmp_path):
    from lkj_xl.workbook.writing import atomic_save
    folder = tmp_path / "hasil.xlsx"
    folder.mkdir()
    from lkj_xl.workbook.writing import output_error
    with pytest.raises(OSError) as raised:
        atomic_save(lambda tmp: Path(tmp).write_bytes(b"isi"), folder)
    assert raised.value.keluaran == folder                  # the batch words it by errno, the CLI like this:
    assert str(output_error(raised.value.keluaran, raised.value)).startswith(f"File hasil '{folder}' adalah folder. Ini masalah di tempat penyimpanan "
                                      "hasil, bukan di workbook masukan")
    assert leftovers(tmp_path) == [] and list(folder.iterdir()) == []
