"""Imported once by the batch's fork server (see `pool.py`), before it forks any worker: everything a
worker needs to make a report, and one report made, so that each worker forked from the server starts
ready. Only the bundled files are used; nothing of the batch's is read or written here.
"""
import gc
import tempfile
from pathlib import Path

from .pool import tanpa_numpy

tanpa_numpy()

import PIL.Image  # noqa: E402

from ..core.engine import olah_file  # noqa: E402
from ..core.resources import bundled_dir  # noqa: E402
from ..report import charts, charts_tahunan, fast_template, rendering, tabel_lebar, tahunan  # noqa: E402,F401
from . import job  # noqa: E402,F401

import docx  # noqa: E402,F401
import docxcompose.composer  # noqa: E402,F401
import docxtpl  # noqa: E402,F401
import jinja2.sandbox  # noqa: E402,F401


def _panaskan() -> None:
    """The quarterly report of the empty template, into a temporary folder that is removed: the Word
    template parsed and compiled, fonts and image formats loaded once here instead of in the first
    report of every worker (~0,2 s each, ~0,12 s here). A failure only leaves that work to the workers."""
    try:
        with tempfile.TemporaryDirectory(prefix="lkj_siap_") as tmp:
            olahan = olah_file(bundled_dir("workbooks") / "template_lkj.xlsx")
            rendering.buat_docx(olahan, Path(tmp) / "panas.docx", draf=True)
    except Exception:
        pass


PIL.Image.preinit()     # Pillow's image formats, loaded on the first image otherwise
_panaskan()
gc.freeze()             # what is here stays shared with the workers: the collector does not touch it
