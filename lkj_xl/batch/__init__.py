"""A folder of workbooks -> every report: the runner (pool, progress, Ctrl-C), naming, checks across
reports, rekap.xlsx and the --gabung bundle. Imports core, workbook and report."""
