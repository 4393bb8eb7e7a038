"""Generate docs/katalog_masalah.md from the problem catalogue, so the docs cannot drift from the code.

    python -m lkj_xl.core.catalog_doc docs/katalog_masalah.md
"""
from __future__ import annotations

import sys
from pathlib import Path

from .problems import CATALOG, TINGKAT


def render() -> str:
    lines = [
        "# Katalog masalah validasi",
        "",
        "Dihasilkan dari `lkj_xl/core/problems.py` (`python -m lkj_xl.core.catalog_doc docs/katalog_masalah.md`); "
        "jangan diedit dengan tangan.",
        "",
        "Setiap masalah punya kode tetap, tingkat (Kesalahan menghentikan pembuatan laporan; Peringatan tidak), "
        "sel yang dimaksud, pesan, dan yang perlu dilakukan. Teks dalam {kurung kurawal} diisi dengan nilai "
        "dari workbook Anda.",
        "",
        "| Kode | Tingkat | Pesan | Yang perlu dilakukan |",
        "|---|---|---|---|",
    ]
    for code, (severity, message, hint) in CATALOG.items():
        lines.append(f"| `{code}` | {TINGKAT[severity]} | {message} | {hint} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0] if argv else "docs/katalog_masalah.md")
    out.write_text(render(), encoding="utf-8")
    print(f"ditulis: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
