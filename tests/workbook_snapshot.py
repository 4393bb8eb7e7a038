"""A comparable description of an .xlsx: everything a user would notice being lost or changed."""
from __future__ import annotations

from openpyxl import load_workbook


def snapshot(path, skip_sheets=(), skip_cells=None) -> dict:
    """Sheets, values, styles, validations, tables, names, widths, panes; `skip_cells(sheet, row, col)`
    excludes cells the caller expects to change."""
    wb = load_workbook(path)
    out = {"sheets": wb.sheetnames, "names": sorted((n, d.attr_text) for n, d in wb.defined_names.items())}
    for ws in wb.worksheets:
        if ws.title in skip_sheets:
            continue
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if skip_cells and skip_cells(ws.title, c.row, c.column):
                    continue
                if c.value is None and not c.has_style:
                    continue
                cells[c.coordinate] = (c.value, c.number_format, c.fill.fgColor.rgb, c.font.b,
                                       c.comment.text if c.comment else None)
        out[ws.title] = {
            "cells": cells,
            "validations": sorted((str(dv.sqref), dv.formula1, dv.type) for dv in ws.data_validations.dataValidation),
            "tables": sorted((t.name, t.ref) for t in ws.tables.values()),
            "freeze": ws.freeze_panes,
            "widths": {k: v.width for k, v in ws.column_dimensions.items() if v.width},
            "merged": sorted(str(m) for m in ws.merged_cells.ranges),
            "conditional": len(ws.conditional_formatting),
        }
    return out
