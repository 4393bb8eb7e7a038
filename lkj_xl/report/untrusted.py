"""What a received workbook may make the renderer do: nothing but fill its template.

- Every Word template is rendered in Jinja's immutable sandbox, with autoescape. A template that reaches an
  attribute beginning with `_` (`cycler.__init__.__globals__`, `''.__class__.__mro__`, `x|attr('__class__')`,
  `'{0.__class__}'.format(x)` …) is refused before or while it renders, so no Python object behind the
  context is ever reachable. Output size, string repetition and powers are bounded, so a template cannot
  exhaust memory either.
- A template or photo named in a workbook is looked up inside the workbook's folder only: absolute paths,
  `..` and links that leave the folder are refused, naming the cell (`Dokumentasi!D5`).
- Per process the template file is read and its XML compiled once, then reused for every report (keyed by
  path, mtime and size, so an edited template is picked up).
"""
from __future__ import annotations

import io
import os
import re
import zipfile
from collections import OrderedDict
from pathlib import Path, PurePosixPath, PureWindowsPath

from jinja2 import StrictUndefined, nodes
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from ..core.problems import LkjError

MAKS_KELUARAN = 100_000_000     # characters one rendered part may have (a real LKj: well under 5 million)
MAKS_PANGKAT = 1_000            # largest exponent of `**`
MAKS_TEMPLAT = 50 * 2**20       # uncompressed bytes of a user's .docx template
MAKS_FOTO = 20 * 2**20          # bytes of one photo
CACHE_SIZE = 8                  # compiled templates kept per process


_DICT_ATTRIBUTES = frozenset(dir(dict))
_LOOP_ATTRIBUTES = frozenset({"index", "index0", "revindex", "revindex0", "first", "last", "length", "depth",
                              "depth0"})     # plain values of Jinja's loop variable (properties, no side effect)


class Ditolak(SecurityError):
    """A template tried something the sandbox forbids; the text is Bahasa Indonesia."""


def _bounded_concat(parts) -> str:
    out, total = [], 0
    for part in parts:
        total += len(part)
        if total > MAKS_KELUARAN:
            raise Ditolak(f"membuat hasil lebih dari {MAKS_KELUARAN:,} karakter".replace(",", "."))
        out.append(part)
    return "".join(out)


def _size(value) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else 1


class LkjSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox that refuses (instead of hiding) what it does not allow."""

    intercepted_binops = frozenset({"*", "**"})
    concat = staticmethod(_bounded_concat)

    def unsafe_undefined(self, obj, attribute):
        if attribute.startswith("_"):
            raise Ditolak(f"membuka atribut tersembunyi '{attribute}'")
        raise Ditolak(f"memakai '{attribute}', yang dapat mengubah data laporan")

    def getattr(self, obj, attribute):
        # `row.kode` on a context row (a plain dict): Jinja first tries getattr, which fails, then
        # row['kode']. Going straight to the item gives the same value without the exception (~25.000
        # lookups at 1.000 indicators); names a dict has as attributes (items, keys …) and names
        # beginning with '_' take Jinja's own path. Likewise `loop.first` (~24.000).
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES and not attribute.startswith("_"):
            try:
                return obj[attribute]
            except KeyError:
                pass
        elif type(obj) is LoopContext and attribute in _LOOP_ATTRIBUTES:     # `loop.first` of {% vm %}
            return getattr(obj, attribute)        # the sandbox's checks always pass for these
        return super().getattr(obj, attribute)

    def is_safe_attribute(self, obj, attr, value) -> bool:
        return not attr.startswith("_") and super().is_safe_attribute(obj, attr, value)

    def call_binop(self, context, op, left, right):
        if op == "**" and isinstance(right, int) and abs(right) > MAKS_PANGKAT:
            raise Ditolak(f"memangkatkan dengan {right}")
        if op == "*" and isinstance(left, int) != isinstance(right, int):
            count = left if isinstance(left, int) else right
            other = right if isinstance(left, int) else left
            if count * _size(other) > MAKS_KELUARAN:
                raise Ditolak("mengulang teks terlalu banyak kali")
        return super().call_binop(context, op, left, right)


def hidden_names(template: nodes.Template) -> list[str]:
    """Attributes beginning with '_' that a template names: `x.__class__`, `x['_y']`, `x|attr('__z')`."""
    found = []
    for node in template.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter)):
        if isinstance(node, nodes.Getattr):
            names = [node.attr]
        elif isinstance(node, nodes.Getitem):
            names = [node.arg.value] if isinstance(node.arg, nodes.Const) else []
        else:
            names = [a.value for a in node.args if isinstance(a, nodes.Const)] if node.name == "attr" else []
        found += [n for n in names if isinstance(n, str) and n.startswith("_")]
    return found


class CompilingSandbox(LkjSandbox):
    """The sandbox, checking each template source once and keeping its compiled form."""

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self._compiled: OrderedDict[str, object] = OrderedDict()

    def from_string(self, source, globals=None, template_class=None):
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            ast = self.parse(source)
            hidden = hidden_names(ast)
            if hidden:
                raise Ditolak(f"membuka atribut tersembunyi '{hidden[0]}'")
            template = super().from_string(ast)      # the tree just checked: the source is parsed once
            self._compiled[source] = template
            while len(self._compiled) > 4 * CACHE_SIZE:     # a template has a few parts (body, headers)
                self._compiled.popitem(last=False)
        return template


_PATCHED: OrderedDict[str, str] = OrderedDict()


def patched_xml(patch, src_xml: str) -> str:
    """docxtpl's XML clean-up `patch` of one template part, done once per distinct part: it is a pure
    function of the XML, and the same template always gives the same XML."""
    out = _PATCHED.get(src_xml)
    if out is None:
        out = _PATCHED[src_xml] = patch(src_xml)
        while len(_PATCHED) > 4 * CACHE_SIZE:
            _PATCHED.popitem(last=False)
    return out


_ENV: CompilingSandbox | None = None


def sandbox() -> CompilingSandbox:
    global _ENV
    if _ENV is None:
        _ENV = CompilingSandbox()
    return _ENV


# ---------------------------------------------------------------- files named in a workbook

class DiLuarFolder(ValueError):
    """The name points outside the workbook's folder; the text says how (Bahasa Indonesia)."""


_DRIVE = re.compile(r"^[A-Za-z]:")


def dalam_folder(nama: str, folder: Path) -> Path:
    """The file `nama` (typed in a cell, `/` or `\\` separated) inside `folder`, links resolved.

    Raises DiLuarFolder for an absolute path, a drive or network path, `..`, or a link that leaves it."""
    raw = nama.strip().replace("\\", "/")
    if PurePosixPath(raw).is_absolute() or _DRIVE.match(raw) or PureWindowsPath(nama.strip()).anchor \
            or "://" in raw:
        raise DiLuarFolder("path lengkap (absolut) tidak diizinkan")
    parts = [p for p in PurePosixPath(raw).parts if p not in ("", ".")]
    if ".." in parts:
        raise DiLuarFolder("'..' (naik ke folder di atasnya) tidak diizinkan")
    base = Path(folder).resolve()
    real = base.joinpath(*parts).resolve()
    if not real.is_relative_to(base):
        raise DiLuarFolder("file itu tautan (shortcut/symlink) ke luar folder workbook")
    return real


# ---------------------------------------------------------------- the template file, read once

_FILES: OrderedDict[tuple[str, int, int], bytes] = OrderedDict()


def template_bytes(path: Path) -> bytes:
    """The template's bytes, read once per process while its mtime and size stay the same."""
    st = os.stat(path)
    key = (str(Path(path).resolve()), st.st_mtime_ns, st.st_size)
    data = _FILES.get(key)
    if data is None:
        data = Path(path).read_bytes()
        _check_package(data, Path(path).name)
        _FILES[key] = data
        while len(_FILES) > CACHE_SIZE:
            _FILES.popitem(last=False)
    return data


def _check_package(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            total = sum(i.file_size for i in z.infolist())
    except zipfile.BadZipFile:
        raise LkjError(f"Templat Word '{name}' bukan file Word (.docx) atau sudah rusak. Buka di Word lalu "
                       "simpan ulang sebagai 'Word Document (.docx)'.") from None
    if total > MAKS_TEMPLAT:
        raise LkjError(f"Templat Word '{name}' terlalu besar setelah dibuka ({total // 2**20} MB; batas "
                       f"{MAKS_TEMPLAT // 2**20} MB). Kecilkan gambar di templat atau pakai templat bawaan.")


__all__ = ["Ditolak", "DiLuarFolder", "LkjSandbox", "dalam_folder", "hidden_names", "patched_xml", "sandbox",
           "template_bytes"]
