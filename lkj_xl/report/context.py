"""Kept for scripts and templates that import `lkj_xl.report.context`: the quarterly context now lives
in `triwulan.py`, built from the shared section builders in `sections.py` and `narasi.py`."""
from ..core.performance import HUNDRED
from .narasi import kalimat_capaian
from .sections import teks
from .triwulan import konteks

__all__ = ["konteks", "teks", "kalimat_capaian", "HUNDRED"]
