"""What is written back into a workbook: output blocks, the openpyxl writer with atomic saves, and the
generator of workbooks/template_lkj.xlsx. Imports core only."""
