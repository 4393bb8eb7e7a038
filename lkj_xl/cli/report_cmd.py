"""Commands of this group are registered here (see lkj_xl/cli/__init__.py)."""
from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    pass
