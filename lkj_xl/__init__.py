"""lkj_xl: Laporan Kinerja (LKj) from the standard Excel workbook to Word.

Core (no Excel, no Word): layout -> model -> reading -> performance -> validation.
Interfaces on top: rendering (docx/pdf), batch, cli, addin.
"""
__version__ = "0.1.0"
