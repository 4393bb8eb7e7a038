"""Column widths of tables whose columns are repeated by a docxtpl column loop (`{%tc for %}`).

docxtpl drops the loop's tag cells and repeats the body cell, then pads the grid with columns of the
average width, so the grid no longer matches the cells (LibreOffice then squeezes some of them to a
few millimetres). A template marks such a table with a description 'lkj-lebar:4.0,4.6,*,1.6' (cm;
'*' = the repeated columns, sharing what the fixed ones leave of the table's width); after
rendering, `atur` rewrites the grid and every cell's width from that spec.
"""
from __future__ import annotations

from docx.oxml.ns import qn

PREFIX = "lkj-lebar:"
TWIP_PER_CM = 567


def _widths(spec: str, n: int, total_cm: float) -> list[float]:
    parts = [p.strip() for p in spec.split(",") if p.strip()]
    fixed = [float(p) for p in parts if p != "*"]
    if "*" not in parts or n < len(fixed):
        return []
    stars = n - len(fixed)
    star = max(0.5, (total_cm - sum(fixed)) / stars) if stars else 0.0
    i = parts.index("*")
    return [float(p) for p in parts[:i]] + [star] * stars + [float(p) for p in parts[i + 1:]]


def atur(tables, total_cm: float = 16.0) -> None:
    """Rewrite the widths of the marked tables among `tables` (the rendered body's <w:tbl> elements)."""
    for tbl in tables:
        tblpr = tbl.find(qn("w:tblPr"))
        desc = tblpr.find(qn("w:tblDescription")) if tblpr is not None else None
        spec = desc.get(qn("w:val"), "") if desc is not None else ""
        if not spec.startswith(PREFIX):
            continue
        rows = tbl.findall(qn("w:tr"))
        n = max((len(r.findall(qn("w:tc"))) for r in rows), default=0)
        widths = _widths(spec[len(PREFIX):], n, total_cm)
        if not widths:
            continue
        grid = tbl.find(qn("w:tblGrid"))
        for col in grid.findall(qn("w:gridCol")):
            grid.remove(col)
        for w in widths:
            col = grid.makeelement(qn("w:gridCol"), {qn("w:w"): str(int(w * TWIP_PER_CM))})
            grid.append(col)
        for r in rows:
            cells = r.findall(qn("w:tc"))
            if len(cells) == 1 and n > 1:      # a title row merged over the whole width
                span = cells[0].find(qn("w:tcPr") + "/" + qn("w:gridSpan"))
                if span is not None:
                    span.set(qn("w:val"), str(n))
                continue
            if len(cells) != n:
                continue
            for tc, w in zip(cells, widths):
                tcw = tc.find(qn("w:tcPr") + "/" + qn("w:tcW"))
                if tcw is not None:
                    tcw.set(qn("w:w"), str(int(w * TWIP_PER_CM)))
                    tcw.set(qn("w:type"), "dxa")
