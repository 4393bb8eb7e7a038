"""lkj_xl: Laporan Kinerja (LKj) from the standard Excel workbook to Word.

Subpackages, imports one way (each may import those above it, never below):

    core      the engine, Excel-free and Word-free: contract, model, reading, computation, validation
    workbook  what is written back into a workbook: output blocks, the openpyxl writer, the template
    report    the Word documents: section builders, charts, rendering (docxtpl), PDF
    batch     a folder of workbooks -> every report, rekap.xlsx, checks across reports
    addin     the Excel ribbon handlers (the only xlwings importer), build, install
    cli       the `lkj` commands

The stable public API is the names below; internal module paths may move. They are imported on first
use, so `import lkj_xl` stays cheap and loads no Word or chart library.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

# public name -> (module, attribute)
_API = {
    "olah_file": ("lkj_xl.core.engine", "olah_file"),        # read -> compute -> validate one workbook
    "olah_grids": ("lkj_xl.core.engine", "olah_grids"),      # the same from plain grids (the add-in's path)
    "Olahan": ("lkj_xl.core.engine", "Olahan"),
    "Problem": ("lkj_xl.core.problems", "Problem"),
    "LkjError": ("lkj_xl.core.problems", "LkjError"),
    "tulis_hasil": ("lkj_xl.workbook.writing", "write_results"),   # computed columns + Hasil + Masalah
    "workbook_baru": ("lkj_xl.workbook.template", "new_workbook"),
    "buat_docx": ("lkj_xl.report.rendering", "buat_docx"),
    "buat_pdf": ("lkj_xl.report.rendering", "buat_pdf"),
    "jalankan_batch": ("lkj_xl.batch.runner", "jalankan"),
}
__all__ = sorted(_API) + ["__version__"]


def __getattr__(name: str):
    try:
        module, attr = _API[name]
    except KeyError:
        raise AttributeError(f"module 'lkj_xl' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value
    return value


def __dir__():
    return __all__
