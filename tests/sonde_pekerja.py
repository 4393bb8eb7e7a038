"""Worker functions for the batch-pool tests, in a module of their own: a spawned worker imports the
module of the function it runs, and a test module (pytest, conftest's openpyxl and pandas) would load
for the worker what the probe is there to see it without."""
from __future__ import annotations

import sys


def laporan_dan_modul(job):
    """The report of `job`, then which modules the worker had to load for it (a None entry in
    sys.modules is a module kept out, not loaded)."""
    from lkj_xl.batch.job import proses_file

    return proses_file(job).status, sorted(m for m, module in sys.modules.items() if module is not None)
