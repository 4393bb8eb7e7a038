"""Imported once by the batch's fork server (see `pool.py`), before it forks any worker: everything a
worker needs to make a report, so that each worker forked from the server starts ready. Nothing runs
here but imports (and keeping numpy out, as in every worker).
"""
from .pool import tanpa_numpy

tanpa_numpy()

import PIL.Image  # noqa: E402

from ..core import engine  # noqa: E402,F401
from ..report import charts, charts_tahunan, fast_template, rendering, tabel_lebar, tahunan  # noqa: E402,F401
from . import job  # noqa: E402,F401

import docx  # noqa: E402,F401
import docxcompose.composer  # noqa: E402,F401
import docxtpl  # noqa: E402,F401
import jinja2.sandbox  # noqa: E402,F401

PIL.Image.preinit()     # Pillow's image formats, loaded on the first image otherwise
