"""Where the project's bundled folders are: next to the package in a checkout (editable install),
inside it in an installed wheel (pyproject.toml maps docx_templates/ and xl_addin/ into lkj_xl/)."""
from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent.parent   # lkj_xl/


def bundled_dir(name: str) -> Path:
    for candidate in (_PKG / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    return _PKG.parent / name
