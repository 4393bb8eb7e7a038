"""The Word documents: section builders shared by every document, one module per document, charts,
rendering (docxtpl) and PDF (LibreOffice). Imports core and workbook; never batch, addin or cli."""
