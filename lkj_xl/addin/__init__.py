"""The Excel add-in: ribbon handlers over an xlwings Book (the only xlwings importer), build and install.

The ribbon's VBA calls `lkj_xl.addin.jalankan(tag)`; it is re-exported here so that name stays stable.
"""
from __future__ import annotations


def jalankan(tag: str) -> None:
    from .handlers import jalankan as run   # imported on call: `lkj addin build` needs no xlwings session
    run(tag)
