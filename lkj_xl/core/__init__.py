"""The engine, Excel-free and Word-free: the workbook contract, the model, reading, computation and
validation. Imports no Word, chart, Excel-automation, CLI or process-pool library (tests/test_architecture.py)."""
