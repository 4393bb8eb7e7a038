"""`vbaProject.bin` of the add-in: the VBA project written with ms-ovba (PyPI `ms-ovba`), plus the MS-OVBA
compression of module streams. Split from `build.py`, which assembles the .xlam around it.

ms-ovba only knows standard and document modules and writes scratch files into the current directory:
it runs in a temporary directory under a lock, and a small `ClassModule` record type is added here.
"""
from __future__ import annotations

import os
import random
import tempfile
import threading
import uuid

from typing import TYPE_CHECKING

from ..core.problems import LkjError

if TYPE_CHECKING:
    from .build import VbaSource

_CWD_LOCK = threading.Lock()              # ms-ovba writes into the cwd: one build at a time


def vba_project_bin(mods: list[VbaSource], seed: str) -> bytes:
    """The VBA project of `mods`; `seed` fixes the obfuscation bytes so the same sources give the same file."""
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
            random.seed(seed)
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
