"""Build `lkj_xl.xlam` (the Excel ribbon add-in) from text sources, with nothing binary edited by hand.

Inputs:
- `xl_addin/customUI14.xml` (the "LKj" ribbon tab) and `xl_addin/*.bas` (our VBA: one generic callback);
- the VBA that the *installed* xlwings package ships: `xlwings_custom_addin.bas` (RunPython & co.,
  with `PROJECT_NAME` set to ours) and `addin/Dictionary.cls` (used by xlwings on macOS).

The package mirrors xlwings' own known-good `quickstart_addin_ribbon.xlam`, stream by stream:
`ThisWorkbook` and one sheet (document modules), `Dictionary` (class module), `xlwings` (standard module)
and our ribbon module; a hidden settings sheet `_lkj.conf` laid out like xlwings' `_myaddin.conf`
(inactive because of the leading underscore, exactly like xlwings ships it: the interpreter comes
from the user config file that `lkj addin install` writes).

`vbaProject.bin` is written with ms-ovba (PyPI `ms-ovba`), which only knows standard and document
modules and writes scratch files into the current directory: it runs in a temporary directory, and a
small `ClassModule` record type is added here. The VBA source is stored uncompiled (no p-code cache),
as in xlwings' quickstart add-in, so Excel compiles it on first load.
"""
from __future__ import annotations

import importlib.util
import os
import random
import re
import tempfile
import threading
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

from ..core.problems import LkjError
from ..core.resources import bundled_dir

PROJECT_NAME = "lkj"                      # xlwings PROJECT_NAME: config file lkj.conf, sheet lkj.conf
XLAM_NAME = "lkj_xl.xlam"
RIBBON_MODULE = "LkjRibbon"
CALLBACK = "LkjTombol"
CONF_SHEET = f"_{PROJECT_NAME}.conf"      # leading underscore = inactive, as xlwings ships _myaddin.conf
CUSTOMUI_NS = "http://schemas.microsoft.com/office/2009/07/customui"
CUSTOMUI_REL = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
ADDIN_CONTENT_TYPE = "application/vnd.ms-excel.addin.macroEnabled.main+xml"

# GUIDs of the VB_Base attribute: Excel Workbook, Excel Worksheet, and a VBA class module.
GUID_WORKBOOK = "00020819-0000-0000-C000-000000000046"
GUID_WORKSHEET = "00020820-0000-0000-C000-000000000046"
GUID_CLASS = "FCFB3D2A-A0FA-1068-A738-08002B3371B5"

# Rows of xlwings' settings sheet (quickstart_addin_ribbon.xlam, `_myaddin.conf`), in its order.
CONF_ROWS = ("Interpreter_Win", "Interpreter_Mac", "PYTHONPATH", "Conda Path", "Conda Env", "UDF Modules",
             "Debug UDFs", "Use UDF Server", "Show Console")
CONF_BOOLEANS = ("Debug UDFs", "Use UDF Server", "Show Console")

_CWD_LOCK = threading.Lock()              # ms-ovba writes into the cwd: one build at a time


def source_dir() -> Path:
    """`xl_addin/` (the texts the add-in is built from), in a checkout or an installed wheel."""
    path = bundled_dir("xl_addin")
    if not (path / "customUI14.xml").is_file():
        raise LkjError(f"Folder sumber add-in ({path}) tidak ditemukan. Pasang lkj_xl dari folder kodenya "
                       "(pip install -e <folder lkj_xl>), atau minta berkas lkj_xl.xlam kepada admin lalu "
                       "jalankan: lkj addin install --xlam <berkas>")
    return path


def xlwings_dir() -> Path:
    """The installed xlwings package folder, found without importing xlwings."""
    spec = importlib.util.find_spec("xlwings")
    if spec is None or not spec.submodule_search_locations:
        raise LkjError("Paket xlwings belum terpasang. Jalankan: pip install xlwings")
    return Path(list(spec.submodule_search_locations)[0])


# ------------------------------------------------------------------ VBA sources

@dataclass(frozen=True)
class VbaSource:
    name: str        # module name (VB_Name)
    kind: str        # "document" | "class" | "module"
    code: str        # stored text, CRLF line ends, starting with the Attribute lines
    guid: str = ""   # VB_Base of document modules


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _crlf(lines: list[str]) -> str:
    while lines and lines[-1] == "":
        lines = lines[:-1]
    return "\r\n".join(lines) + "\r\n"


def _check_ascii(name: str, text: str) -> None:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError as exc:
        raise LkjError(f"Modul VBA {name} berisi karakter yang tidak dapat disimpan (cp1252): {exc}") from exc


def document_module(name: str, guid: str) -> VbaSource:
    attrs = [f'Attribute VB_Name = "{name}"', f'Attribute VB_Base = "0{{{guid}}}"',
             "Attribute VB_GlobalNameSpace = False", "Attribute VB_Creatable = False",
             "Attribute VB_PredeclaredId = True", "Attribute VB_Exposed = True",
             "Attribute VB_TemplateDerived = False", "Attribute VB_Customizable = True"]
    return VbaSource(name, "document", _crlf(attrs), guid)


def standard_module(text: str, name: str | None = None) -> VbaSource:
    """A .bas file as stored: the `Attribute VB_Name` line (name taken from it), then the code."""
    lines = _lines(text)
    m = re.match(r'Attribute VB_Name = "([^"]+)"', lines[0]) if lines else None
    if not m:
        raise LkjError(f"Modul VBA {name or '?'} tidak diawali 'Attribute VB_Name = \"...\"'.")
    name = name or m.group(1)
    lines[0] = f'Attribute VB_Name = "{name}"'
    code = _crlf(lines)
    _check_ascii(name, code)
    return VbaSource(name, "module", code)


def class_module(text: str) -> VbaSource:
    """A .cls export (VERSION/BEGIN/END header, attributes, code) as Excel stores it in vbaProject.bin."""
    lines = _lines(text)
    while lines and not lines[0].startswith("Attribute "):
        lines.pop(0)             # VERSION 1.0 CLASS / BEGIN / MultiUse = -1 / END
    attrs: dict[str, str] = {}
    while lines and lines[0].startswith("Attribute VB_"):
        key, _, value = lines.pop(0)[len("Attribute "):].partition(" = ")
        attrs[key] = value
    name = attrs.get("VB_Name", "").strip('"')
    if not name:
        raise LkjError("Modul kelas VBA tanpa 'Attribute VB_Name'.")
    order = [("VB_Name", f'"{name}"'), ("VB_Base", f'"0{{{GUID_CLASS}}}"'),
             ("VB_GlobalNameSpace", attrs.get("VB_GlobalNameSpace", "False")),
             ("VB_Creatable", attrs.get("VB_Creatable", "False")),
             ("VB_PredeclaredId", attrs.get("VB_PredeclaredId", "False")),
             ("VB_Exposed", attrs.get("VB_Exposed", "False")),
             ("VB_TemplateDerived", "False"), ("VB_Customizable", "False")]
    known = {k for k, _ in order}
    out = [f"Attribute {k} = {v}" for k, v in order]
    out += [f"Attribute {k} = {v}" for k, v in attrs.items() if k not in known]
    code = _crlf(out + lines)
    _check_ascii(name, code)
    return VbaSource(name, "class", code)


XLWINGS_MIN = "0.37.5"      # handlers.py colours problems with Range.set_colors, new in xlwings 0.37.5


def xlwings_module(xlwings: Path | None = None) -> VbaSource:
    """xlwings' `xlwings_custom_addin.bas` with PROJECT_NAME set to ours (exactly one replacement)."""
    path = (xlwings or xlwings_dir()) / "xlwings_custom_addin.bas"
    if not path.exists():
        raise LkjError(f"Berkas {path.name} tidak ada di paket xlwings ({path.parent}). "
                       f"Pasang xlwings versi {XLWINGS_MIN} atau lebih baru: pip install \"xlwings>={XLWINGS_MIN}\".")
    text = path.read_text(encoding="cp1252")
    new, n = re.subn(r'(Public Const PROJECT_NAME As String = )"[^"]*"', rf'\1"{PROJECT_NAME}"', text)
    if n != 1:
        raise LkjError(f"Tidak menemukan tepat satu 'Const PROJECT_NAME' di {path.name} (ditemukan {n}); "
                       "versi xlwings ini belum didukung oleh lkj addin build.")
    return standard_module(new)


def dictionary_class(xlwings: Path | None = None) -> VbaSource:
    path = (xlwings or xlwings_dir()) / "addin" / "Dictionary.cls"
    if not path.exists():
        raise LkjError(f"Berkas addin/Dictionary.cls tidak ada di paket xlwings ({path.parent.parent}).")
    return class_module(path.read_text(encoding="cp1252"))


def our_modules(src: Path | None = None) -> list[VbaSource]:
    src = src or source_dir()
    files = sorted(src.glob("*.bas"))
    if not files:
        raise LkjError(f"Tidak ada modul VBA (.bas) di {src}.")
    return [standard_module(f.read_text(encoding="utf-8")) for f in files]


def modules(src: Path | None = None, xlwings: Path | None = None) -> list[VbaSource]:
    """All modules of the project, in the order of xlwings' quickstart add-in."""
    return [document_module("ThisWorkbook", GUID_WORKBOOK), dictionary_class(xlwings), *our_modules(src),
            document_module("Sheet1", GUID_WORKSHEET), xlwings_module(xlwings)]


# ------------------------------------------------------------------ vbaProject.bin (ms-ovba)

def vba_project_bin(mods: list[VbaSource]) -> bytes:
    try:
        from ms_ovba.Models.Entities.doc_module import DocModule
        from ms_ovba.Models.Entities.module_base import ModuleBase
        from ms_ovba.Models.Entities.reference import Reference
        from ms_ovba.Models.Entities.reference_registered import ReferenceRegistered
        from ms_ovba.Models.Entities.std_module import StdModule
        from ms_ovba.Models.Fields.libid_reference import LibidReference
        from ms_ovba.vbaProject import VbaProject
        from ms_ovba.Views.dirStream import DirStream
        from ms_ovba.Views.project import Project
        from ms_ovba.Views.project_view import ProjectView
        from ms_ovba.Views.projectWm import ProjectWm
        from ms_cfb.Models.Directories.root_directory import RootDirectory
        from ms_cfb.Models.Directories.storage_directory import StorageDirectory
        from ms_cfb.Models.Directories.stream_directory import StreamDirectory
        from ms_cfb.ole_file import OleFile
    except ImportError as exc:
        raise LkjError("Paket ms-ovba belum terpasang (dibutuhkan untuk membangun add-in). "
                       "Jalankan: pip install ms-ovba==0.0.1") from exc

    class _Class(ModuleBase):
        """A class module: MODULETYPE 0x0022 in the dir stream (like a document), 'Class=' in PROJECT."""
        def __init__(self, name: str) -> None:
            super().__init__(name)
            self.type = "Document"          # ms-ovba packs 0x0022 for this type

        def to_project_module_string(self) -> str:
            return "Class=" + self.modName.value

    project = VbaProject()
    project.project_id = "{6C3E2A0E-1B1F-4C55-8D0A-4C4B4A4C4A31}"
    project.include_projectwm()
    stdole = LibidReference(uuid.UUID("00020430-0000-0000-C000-000000000046"), "2.0", "0",
                            "C:\\Windows\\System32\\stdole2.tlb", "OLE Automation")
    office = LibidReference(uuid.UUID("2DF8D04C-5BFA-101B-BDE5-00AA0044DE52"), "2.0", "0",
                            r"C:\Program Files\Common Files\Microsoft Shared\OFFICE16\MSO.DLL",
                            "Microsoft Office 16.0 Object Library")
    project.add_reference(Reference(ReferenceRegistered(stdole), "stdole"))
    project.add_reference(Reference(ReferenceRegistered(office), "Office"))
    for m in mods:
        mod = {"document": DocModule, "class": _Class, "module": StdModule}[m.kind](m.name)
        if m.kind == "document":
            mod.add_guid(uuid.UUID(m.guid))
        project.add_module(mod)

    # ms-ovba's own writer compresses with ms-ovba-compression 1.0.1, which truncates any input over
    # ~1 KB (checked: 45,838 bytes in, 40,126 out). So the streams are compressed here and only ms-ovba's
    # record layouts (dir, PROJECT, PROJECTwm, _VBA_PROJECT) and ms-cfb's container writer are used.
    with _CWD_LOCK, tempfile.TemporaryDirectory(prefix="lkj_vba_") as tmp:
        old = os.getcwd()
        os.chdir(tmp)                     # ms-cfb writes scratch files (temp.bin) into the cwd
        try:
            root = RootDirectory()
            root.set_modified(project.default_date)
            storage = StorageDirectory("VBA")
            storage.set_created(project.default_date)
            storage.set_modified(project.default_date)

            def stream(name: str, data: bytes) -> str:
                path = os.path.join(tmp, f"s{len(os.listdir(tmp))}.bin")
                with open(path, "wb") as fh:
                    fh.write(data)
                return path

            for m in mods:
                storage.add_directory(StreamDirectory(m.name, stream(m.name, ovba_compress(m.code.encode("cp1252")))))
            storage.add_directory(StreamDirectory("dir", stream("dir", ovba_compress(DirStream(project).to_bytes()))))
            # Reserved3 = 1 as in xlwings' quickstart add-in (ms-ovba writes 3; MS-OVBA says it is ignored)
            view = ProjectView(project, reserved=1).to_bytes()
            storage.add_directory(StreamDirectory("_VBA_PROJECT", stream("vp", view)))
            root.add_directory(storage)
            root.add_directory(StreamDirectory("PROJECTwm", stream("wm", ProjectWm(project).to_bytes())))
            # PROJECT's CMG/DPB/GC fields are obfuscated with random bytes (ms-ovba-crypto draws them from
            # the global `random`): seed it for a reproducible file, and give the caller its state back.
            state = random.getstate()
            random.seed(PROJECT_NAME)
            try:
                project_stream = Project(project).to_bytes()
            finally:
                random.setstate(state)
            root.add_directory(StreamDirectory("PROJECT", stream("pr", project_stream)))
            ole = OleFile()
            ole.root_directory = root
            out = os.path.join(tmp, "vbaProject.bin")
            ole.create_file(out)
            with open(out, "rb") as fh:
                return fh.read()
        finally:
            os.chdir(old)


def ovba_compress(data: bytes) -> bytes:
    """MS-OVBA 2.4.1 compression (CompressedContainer): 4096-byte chunks, LZ77 copy tokens."""
    out = bytearray(b"\x01")
    for start in range(0, len(data), 4096):
        out += _compress_chunk(data[start:start + 4096])
    return bytes(out)


def _compress_chunk(chunk: bytes) -> bytes:
    body = bytearray()
    heads: dict[bytes, list[int]] = {}
    i, n = 0, len(chunk)

    def remember(pos: int) -> None:
        if pos + 3 <= n:
            heads.setdefault(chunk[pos:pos + 3], []).append(pos)

    while i < n:
        flag_at = len(body)
        body.append(0)
        for bit in range(8):
            if i >= n:
                break
            bit_count = max((i - 1).bit_length(), 4) if i > 0 else 4
            max_len = (0xFFFF >> bit_count) + 3
            best_len, best_pos = 0, 0
            for cand in reversed(heads.get(chunk[i:i + 3], [])[-256:]):
                length = 0
                limit = min(max_len, n - i)
                while length < limit and chunk[cand + length] == chunk[i + length]:
                    length += 1
                if length > best_len:
                    best_len, best_pos = length, cand
                    if length == limit:
                        break
            if best_len >= 3:
                token = ((i - best_pos - 1) << (16 - bit_count)) | (best_len - 3)
                body += token.to_bytes(2, "little")
                body[flag_at] |= 1 << bit
                for p in range(i, i + best_len):
                    remember(p)
                i += best_len
            else:
                body.append(chunk[i])
                remember(i)
                i += 1
    if len(body) <= 4096:
        return ((len(body) + 2 - 3) | 0xB000).to_bytes(2, "little") + bytes(body)
    if len(chunk) < 4096:   # a raw chunk always holds 4096 bytes: padding would add NULs to the source
        raise LkjError("Teks modul VBA tidak dapat dikompresi (data acak?).")
    return (0x3FFF).to_bytes(2, "little") + chunk       # incompressible full chunk: stored raw


# ------------------------------------------------------------------ ribbon

def ribbon_xml(src: Path | None = None) -> str:
    path = (src or source_dir()) / "customUI14.xml"
    text = path.read_text(encoding="utf-8")
    check_ribbon(text, [m.code for m in our_modules(src)])
    return text


def ribbon_callbacks(xml: str) -> list[tuple[str, str]]:
    """(button id, onAction) of every control with an onAction."""
    root = ET.fromstring(xml.encode("utf-8"))
    return [(el.get("id", ""), el.get("onAction", "")) for el in root.iter() if el.get("onAction")]


def vba_subs(code: str) -> set[str]:
    return set(re.findall(r"^\s*(?:Public\s+)?Sub\s+(\w+)\s*\(\s*control\s+As\s+IRibbonControl\s*\)",
                          code, flags=re.MULTILINE | re.IGNORECASE))


def check_ribbon(xml: str, codes: list[str]) -> None:
    try:
        root = ET.fromstring(xml.encode("utf-8"))
    except ET.ParseError as exc:
        raise LkjError(f"customUI14.xml tidak valid: {exc}") from exc
    if root.tag != f"{{{CUSTOMUI_NS}}}customUI":
        raise LkjError(f"customUI14.xml harus memakai namespace {CUSTOMUI_NS}.")
    subs = set().union(*(vba_subs(c) for c in codes)) if codes else set()
    missing = [(i, a) for i, a in ribbon_callbacks(xml) if a.split(".")[-1] not in subs]
    if missing:
        raise LkjError("Tombol pita tanpa prosedur VBA: "
                       + ", ".join(f"{i} -> {a}" for i, a in missing))


# ------------------------------------------------------------------ OOXML package

def _conf_sheet_xml(strings: list[str]) -> str:
    rows = []
    for i, label in enumerate(CONF_ROWS, start=1):
        cells = f'<c r="A{i}" t="s"><v>{strings.index(label)}</v></c>'
        if label in CONF_BOOLEANS:
            cells += f'<c r="B{i}" t="b"><v>0</v></c>'
        rows.append(f'<row r="{i}">{cells}</row>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheetPr codeName="Sheet1"/><dimension ref="A1:B9"/>'
            '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="1" width="16" customWidth="1"/></cols>'
            f'<sheetData>{"".join(rows)}</sheetData>'
            '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
            '</worksheet>')


def package_parts(vba_bin: bytes, ribbon: str) -> dict[str, bytes]:
    strings = list(CONF_ROWS)
    sst = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ADDIN_CONTENT_TYPE}"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/docProps/core.xml" '
            'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            '<Override PartName="/docProps/app.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
            '</Types>',
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
            'core-properties" Target="docProps/core.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'extended-properties" Target="docProps/app.xml"/>'
            f'<Relationship Id="rId4" Type="{CUSTOMUI_REL}" Target="customUI/customUI14.xml"/>'
            '</Relationships>',
        "docProps/core.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:title>LKj (lkj_xl)</dc:title><dc:creator>lkj_xl</dc:creator>'
            '<dc:description>Tab pita LKj: Validasi, Hitung Capaian, Buat LKj.</dc:description>'
            '</cp:coreProperties>',
        "docProps/app.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            '<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity></Properties>',
        "xl/workbook.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<workbookPr codeName="ThisWorkbook"/>'
            '<bookViews><workbookView visibility="hidden" activeTab="0"/></bookViews>'
            f'<sheets><sheet name="{escape(CONF_SHEET)}" sheetId="1" r:id="rId1"/></sheets>'
            '<calcPr calcId="191029"/></workbook>',
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
            'Target="vbaProject.bin"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'styles" Target="styles.xml"/>'
            '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'sharedStrings" Target="sharedStrings.xml"/>'
            '</Relationships>',
        "xl/worksheets/sheet1.xml": _conf_sheet_xml(strings),
        "xl/sharedStrings.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{len(strings)}" uniqueCount="{len(strings)}">{sst}</sst>',
        "xl/styles.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            '</styleSheet>',
        "customUI/customUI14.xml": ribbon,
    }
    out = {k: v.encode("utf-8") for k, v in parts.items()}
    out["xl/vbaProject.bin"] = vba_bin
    return out


def build_xlam(out: str | Path, src: Path | None = None, xlwings: Path | None = None) -> Path:
    """Write the add-in to `out` (a file path, or a folder to hold lkj_xl.xlam). Returns the path."""
    out = Path(out)
    if out.is_dir():
        out = out / XLAM_NAME
    if out.suffix.lower() != ".xlam":
        raise LkjError(f"Nama berkas add-in harus berakhiran .xlam (bukan '{out.name}').")
    mods = modules(src, xlwings)
    ribbon = ribbon_xml(src)
    check_ribbon(ribbon, [m.code for m in mods])
    parts = package_parts(vba_project_bin(mods), ribbon)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():   # [Content_Types].xml first, fixed timestamps: reproducible
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    os.replace(tmp, out)
    return out
