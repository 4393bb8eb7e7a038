"""A folder of workbooks -> every report, rekap.xlsx, and checks across reports.

    discovery   which files are workbooks to process, which are skipped and why
    job         one workbook in a worker: read, compute, validate, render to temporary files
    runner      the process pool, progress, Ctrl-C, `jalankan` (the entry point)
    naming      safe, unique output names and folders
    crosscheck  checks across reports (NIP and name, budgets rolling up, period)
    bundle      the combined document of --gabung (order, sections, headers, page numbers)
    rekap       rekap.xlsx and its rows
"""
