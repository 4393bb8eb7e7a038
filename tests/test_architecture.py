"""Imports go one way: core -> interfaces. Only the add-in touches xlwings; only the CLI touches typer."""
from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "lkj_xl"
CORE = {"layout", "model", "problems", "parsing", "formatting", "reading", "performance", "validation", "catalog_doc",
        "engine", "outputs", "template", "writing"}
INTERFACE_LIBS = {"xlwings", "typer", "rich", "docxtpl", "docx", "matplotlib"}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
            elif node.level == 1 and node.module:
                names.add("." + node.module.split(".")[0])
            elif node.level >= 1 and not node.module:
                names.update("." + a.name for a in node.names)
    return names


def test_core_modules_import_no_interface_library():
    for name in CORE:
        bad = imports_of(PKG / f"{name}.py") & INTERFACE_LIBS
        assert not bad, f"lkj_xl/{name}.py imports {bad}"


def test_core_does_not_import_interfaces():
    interfaces = {"." + p.stem for p in PKG.glob("*.py")} - {"." + c for c in CORE} | {".cli"}
    for name in CORE:
        bad = imports_of(PKG / f"{name}.py") & interfaces
        assert not bad, f"lkj_xl/{name}.py imports interface modules {bad}"


def test_only_the_addin_imports_xlwings():
    users = {p.relative_to(PKG).as_posix() for p in PKG.rglob("*.py") if "xlwings" in imports_of(p)}
    assert users <= {"addin.py"}, users
