"""`lkj` command line: the commands and their lazy loading live in `root.py`.

This package's own module imports nothing: `lkj batch` starts its workers with the spawn method, which
runs the `lkj` script again in every worker as `__mp_main__`, and that script imports `main` from
here. Keeping typer out of this module saves each worker ~0,1 s of start-up (typer and rich).
"""
from __future__ import annotations


def main() -> None:
    try:
        from .root import main as run       # typer and rich: ~0,1 s, in which a Ctrl-C may come too
    except KeyboardInterrupt:
        import sys

        print("Dibatalkan.", file=sys.stderr)
        sys.exit(130)
    run()


def __getattr__(name: str):
    # `from lkj_xl.cli import app` (tests, the add-in's installer) still works, loading typer then
    import importlib

    if name.startswith("__") or name == "root":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    try:
        return getattr(importlib.import_module(f"{__name__}.root"), name)
    except AttributeError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
