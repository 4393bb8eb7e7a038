"""One call for every front door: read -> compute -> validate.

The CLI, the batch job and the add-in all call these; none of them holds logic of its own.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .gc_pause import paused_gc
from .model import Laporan
from .performance import Hasil, hitung
from .problems import Problem, has_errors
from .reading import Grid, read_grids, read_workbook
from .validation import validate


@dataclass
class Olahan:
    """A processed report: the model, the computed results and the problems found."""
    laporan: Laporan
    hasil: Hasil
    masalah: list[Problem]

    @property
    def ada_kesalahan(self) -> bool:
        return has_errors(self.masalah)

    @property
    def jumlah_kesalahan(self) -> int:
        return sum(p.severity == "error" for p in self.masalah)

    @property
    def jumlah_peringatan(self) -> int:
        return sum(p.severity == "warning" for p in self.masalah)


def olah(lap: Laporan) -> Olahan:
    hasil = hitung(lap)
    return Olahan(lap, hasil, validate(lap, hasil))


@paused_gc
def olah_file(path: str | Path) -> Olahan:
    """Raises LkjError when the file is unusable; data problems are in `.masalah`."""
    return olah(read_workbook(path))


@paused_gc
def olah_grids(grids: Mapping[str, Grid], source: str = "") -> Olahan:
    return olah(read_grids(grids, source))
