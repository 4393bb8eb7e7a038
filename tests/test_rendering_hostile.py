"""Text a user typed appears literally: markup characters, template syntax, quotes, long text, line breaks."""
from __future__ import annotations

import zipfile

from docx import Document

from lkj_xl.core.engine import olah_file
from lkj_xl.report.rendering import buat_docx

from .test_rendering import all_text

SASARAN = 'Sasaran A & B <c> "kutip" \'tunggal\' {{ x }} {% if %} 50% & > 3'
INDIKATOR = "Indikator {% for i in x %} <b>tebal</b> & {{ nama }} {#komentar#} {_{ aneh }_}"
NAMA = "BUDI & <ANI>, S.H. {{ nama }}"
PANJANG = ("Strategi panjang & <rinci> " * 200)[:5000]
BARIS = "baris pertama\nbaris kedua & <ketiga>\r\nbaris keempat\tdengan tab"


def test_hostile_text_appears_literally(seed_data, make_book, tmp_path):
    seed_data["pk"][0]["sasaran"] = SASARAN
    seed_data["pk"][0]["indikator"] = INDIKATOR
    seed_data["identitas"]["nama"] = NAMA
    seed_data["strategi"][0]["strategi"] = PANJANG
    seed_data["strategi"][0]["bulan"] = BARIS
    seed_data["tugas"][0]["uraian"] = "Tugas {{ 7*7 }} & <b>"
    seed_data["rtl"][0]["uraian"] = "RTL {% raw %} & ''"
    olahan = olah_file(make_book(seed_data))
    out = buat_docx(olahan, tmp_path / "hostile.docx", draf=olahan.ada_kesalahan)

    with zipfile.ZipFile(out) as z:                    # well-formed XML: python-docx parses every part
        assert z.testzip() is None
    doc = Document(str(out))
    text = all_text(doc).replace("\u2060", "")    # word joiner that keeps '{_{' from docxtpl's unescaping
    assert SASARAN in text
    assert f"1. {INDIKATOR}" in text
    assert NAMA in text
    assert PANJANG.strip() in text and len(PANJANG) == 5000
    assert "Tugas {{ 7*7 }} & <b>" in text and "49" not in text.split("Tugas")[1][:20]
    assert "RTL {% raw %} & ''" in text
    # typed line breaks become real breaks; control characters are dropped
    assert "baris pertama\nbaris kedua & <ketiga>\nbaris keempat\tdengan tab" in text


def test_hostile_text_in_the_pdf(seed_data, make_book, tmp_path):
    import shutil
    import subprocess

    import pytest
    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice (soffice) atau pdftotext tidak terpasang")
    from lkj_xl.report.rendering import buat_pdf
    seed_data["pk"][0]["sasaran"] = "Sasaran A & B <c> {{ x }}"
    out = buat_docx(olah_file(make_book(seed_data)), tmp_path / "h.docx")
    pdf = buat_pdf(out)
    txt = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Sasaran A & B <c> {{ x }}" in " ".join(txt.split())


# ---------------------------------------------------------------- templates and photos from received workbooks
# Sandbox-escape shapes from the Jinja SSTI literature (PayloadsAllTheThings "Server Side Template Injection /
# Jinja2", HackTricks "Jinja2 SSTI"): globals of a builtin helper, the class hierarchy, the template
# reference's private context, the attr filter, str.format, and a name built at run time.
import os

import pytest
from docxtpl import DocxTemplate
from jinja2 import Environment

from lkj_xl.core.problems import LkjError
from lkj_xl.report.rendering import TEMPLATE_DIR

from .conftest import build, seed000

ESCAPES = {
    "cycler-globals": "{{ cycler.__init__.__globals__.os.popen('id; touch MARKER').read() }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "template-reference": "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.popen("
                          "'id; touch MARKER').read() }}",
    "attr-filter": "{{ (unit|attr('__class__')).__mro__ }}",
    "lipsum-globals": "{{ lipsum.__globals__['os'].popen('id; touch MARKER').read() }}",
    "format-string": "{{ '{0.__class__.__mro__}'.format(unit) }}",
    "name-built-at-run-time": "{{ (unit|attr('_' ~ '_class__')) }}",
    "joiner-globals-is-defined": "{{ joiner.__init__.__globals__ is defined }}",
}
EXHAUSTION = {
    "string-repetition": ("{{ 'x' * 1000000000 }}", "mengulang teks"),
    "huge-power": ("{{ 10 ** 100000000 }}", "memangkatkan"),
    "nested-loops": ("{% for i in range(100000) %}{% for j in range(100000) %}xxxxxxxxxx{% endfor %}{% endfor %}",
                     "lebih dari 100.000.000 karakter"),
    "mutating-the-context": ("{{ dokumentasi.append(1) }}", "'append'"),
    "huge-range": ("{{ range(10**6)|list }}", "deret angka yang terlalu panjang"),
}


def hostile_template(folder, payload: str, name="templat_kiriman.docx"):
    """The bundled template with one paragraph added, as a user's template in the workbook's folder."""
    from docx import Document
    doc = Document(str(TEMPLATE_DIR / "lkj_triwulan.docx"))
    doc.add_paragraph(payload.replace("MARKER", str(folder / "MARKER")))
    doc.save(str(folder / name))
    data = seed000()
    data["pengaturan"] = {"templat": name}
    return build(data, folder / "kiriman.xlsx")


def test_the_payloads_are_real_without_the_sandbox(tmp_path):
    # Control: rendered as before the fix (docxtpl with a plain Environment) the payload runs `id`.
    hostile_template(tmp_path, ESCAPES["cycler-globals"])
    tpl = DocxTemplate(str(tmp_path / "templat_kiriman.docx"))
    ctx = {k: "" for k in tpl.get_undeclared_template_variables()}
    tpl.render(ctx, jinja_env=Environment())
    assert (tmp_path / "MARKER").exists()
    assert "uid=" in "\n".join(p.text for p in tpl.docx.paragraphs)


@pytest.mark.parametrize("payload", list(ESCAPES.values()), ids=list(ESCAPES))
def test_sandbox_escapes_are_refused_and_run_nothing(tmp_path, payload):
    book = hostile_template(tmp_path, payload)
    out = tmp_path / "laporan.docx"
    with pytest.raises(LkjError) as info:
        buat_docx(olah_file(book), out, folder_foto=tmp_path)
    message = str(info.value)
    assert message.startswith("Templat Word 'templat_kiriman.docx' (Pengaturan!B7) ditolak: templat mencoba "
                              "membuka atribut tersembunyi '__")
    assert "lkj_xl tidak menjalankannya" in message
    assert not (tmp_path / "MARKER").exists()
    assert not out.exists() and not [p for p in os.listdir(tmp_path) if p.startswith(".~lkj-")]


@pytest.mark.parametrize("payload,reason", list(EXHAUSTION.values()), ids=list(EXHAUSTION))
def test_templates_cannot_exhaust_memory_or_change_data(tmp_path, payload, reason):
    book = hostile_template(tmp_path, payload)
    with pytest.raises(LkjError) as info:
        buat_docx(olah_file(book), tmp_path / "laporan.docx", folder_foto=tmp_path)
    assert "ditolak: templat mencoba" in str(info.value) and reason in str(info.value)


@pytest.mark.parametrize("payload,kind", [("{{ 1/0 }}", "ZeroDivisionError"), ("{{ unit + 1 }}", "TypeError")])
def test_a_template_that_fails_while_filling_is_one_message(tmp_path, payload, kind):
    book = hostile_template(tmp_path, payload)
    with pytest.raises(LkjError) as info:
        buat_docx(olah_file(book), tmp_path / "laporan.docx", folder_foto=tmp_path)
    assert str(info.value).startswith("Templat Word 'templat_kiriman.docx' tidak dapat diisi: hitungan atau isian "
                                      f"di templat gagal ({kind}")


def test_a_clean_user_template_still_renders(tmp_path):
    book = hostile_template(tmp_path, "Disusun oleh {{ nama }} ({{ unit|upper }})")
    out = buat_docx(olah_file(book), tmp_path / "laporan.docx", folder_foto=tmp_path)
    text = all_text(Document(str(out)))
    # seed 000: the unit (000:11) and the signer (000:175)
    assert "Disusun oleh ARIF HERI KURNIAWAN, S.IP., M.Si (BAGIAN ORGANISASI SETDA)" in text


def _png(path):
    from PIL import Image
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 30), (200, 30, 30)).save(path)
    return path


def _book_with_photo(folder, foto: str):
    data = seed000()
    data["dokumentasi"][1]["foto"] = foto          # the second photo of seed 000 (000:263), sheet row 5
    return build(data, folder / "kiriman.xlsx")


@pytest.mark.parametrize("kind", ["absolute", "parent", "symlink", "windows-drive", "unc"])
def test_photos_outside_the_workbook_folder_are_refused_naming_the_cell(tmp_path, kind):
    inbox, secret = tmp_path / "masuk", _png(tmp_path / "rahasia" / "rahasia.png")
    inbox.mkdir()
    if kind == "symlink":
        (inbox / "foto.png").symlink_to(secret)
    foto = {"absolute": str(secret), "parent": "../rahasia/rahasia.png", "symlink": "foto.png",
            "windows-drive": r"C:\Users\budi\rahasia.png", "unc": r"\\server\berbagi\rahasia.png"}[kind]
    book = _book_with_photo(inbox, foto)
    out = inbox / "laporan.docx"
    with pytest.raises(LkjError) as info:
        buat_docx(olah_file(book), out, folder_foto=inbox)
    message = str(info.value)
    assert message.startswith(f"Foto '{foto}' di Dokumentasi!C5 ditolak: ")
    assert "salin fotonya ke sana dan tulis namanya saja" in message
    assert not out.exists()


def test_photos_in_the_folder_and_its_subfolders_are_embedded(tmp_path):
    _png(tmp_path / "foto" / "rapat.png")
    book = _book_with_photo(tmp_path, r"foto\rapat.png")      # typed on Windows, with a backslash
    out = buat_docx(olah_file(book), tmp_path / "laporan.docx", folder_foto=tmp_path)
    with zipfile.ZipFile(out) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
    assert len(media) == 3                                         # the two charts and the photo


@pytest.mark.parametrize("templat", ["/etc/templat.docx", "../templat.docx", r"C:\templat.docx",
                                     "../../docx_templates/lkj_triwulan"])
def test_templates_outside_the_workbook_folder_are_refused(tmp_path, templat):
    data = seed000()
    data["pengaturan"] = {"templat": templat}
    book = build(data, tmp_path / "kiriman.xlsx")
    with pytest.raises(LkjError) as info:
        buat_docx(olah_file(book), tmp_path / "laporan.docx", folder_foto=tmp_path)
    message = str(info.value)
    if templat.endswith(".docx"):
        assert message.startswith(f"Templat Word '{templat}' di sheet Pengaturan (Pengaturan!B7) ditolak: ")
    else:                      # not a plain name: never looked up outside the bundled templates' folder
        assert message.startswith(f"Templat Word '{templat}' tidak ditemukan: bukan templat bawaan (isian "
                                  "'Templat Laporan' di sheet Pengaturan (Pengaturan!B7))")


@pytest.mark.parametrize("source", [
    "{{ r.kode }}",                  # the lookup the templates make ~50.000 times
    "{{ r.items }}",                 # a dict method wins over a key of the same name, as in Jinja
    "{{ r.get('kode') }}",
    "{{ r.tidak_ada is defined }}",
    "{{ r.tidak_ada }}",             # StrictUndefined: an error, in both
    "{{ r._rahasia }}",              # '_' names: refused by the scan before rendering, in both
    "{{ r.update }}",                # a method that would change data: refused, in both
    "{% for x in xs %}{{ loop.first }}{{ loop.index }}/{{ loop.length }}{{ loop.last }};{% endfor %}",
    "{% for x in xs %}{{ loop.cycle('a', 'b') }}{{ loop.changed(x) }}{% endfor %}",   # methods: Jinja's path
])
def test_the_dict_shortcut_gives_what_the_plain_sandbox_gives(source):
    """LkjSandbox.getattr looks a plain dict's item (and loop.first …) up directly; Jinja's own sandbox
    (the reference, jinja2.sandbox.SandboxedEnvironment.getattr) tries the attribute first and checks it.
    Same result or same error."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from lkj_xl.report import untrusted

    class Reference(untrusted.CompilingSandbox):
        getattr = ImmutableSandboxedEnvironment.getattr

    row = {"kode": "IK1", "items": "kunci bernama items", "_rahasia": "x"}

    def outcome(env):
        try:
            return env.from_string(source).render(r=row, xs=[1, 1, 2])
        except Exception as exc:           # the kind and text of the refusal or error
            return type(exc).__name__, str(exc)
    assert outcome(untrusted.CompilingSandbox()) == outcome(Reference())
