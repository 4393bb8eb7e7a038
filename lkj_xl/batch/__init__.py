"""A folder of workbooks -> every report, rekap.xlsx, and checks across reports.

    discovery   which files are workbooks to process, which are skipped and why, regular files only
    job         one workbook in a worker: read, compute, validate, render to a temporary .docx
    pool        the worker processes: one job each, a time limit, a dying worker names its job
    runner      `jalankan` (the entry point): the phases, progress, Ctrl-C and SIGTERM, cleanup
    naming      safe, unique output names and folders
    crosscheck  checks across reports (NIP and name, budgets rolling up, year and period)
    masalah     the catalogue of batch and cross-report problem codes
    pdf         the PDFs of a batch: one LibreOffice per worker
    bundle      the --gabung document: order, sections, headers, page numbers
    sampul      the bundle's cover and Daftar Isi
    rekap       rekap.xlsx and its rows
"""
