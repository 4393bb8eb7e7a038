"""Imports go one way: core <- workbook <- report <- batch <- addin, cli. Each subpackage may import only the
layers below it, and the front-door libraries (Word, charts, Excel automation, CLI, process pools) stay out of
the layers that do not need them."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "lkj_xl"

# subpackage -> the lkj_xl subpackages it may import
ALLOWED = {
    "core": {"core"},
    "workbook": {"core", "workbook"},
    "report": {"core", "workbook", "report"},
    "batch": {"core", "workbook", "report", "batch"},
    "addin": {"core", "workbook", "report", "addin"},
    "cli": {"core", "workbook", "report", "batch", "addin", "cli"},
}
# subpackage -> third-party or stdlib modules it must not import
FORBIDDEN = {
    "core": {"docx", "docxtpl", "docxcompose", "jinja2", "matplotlib", "xlwings", "typer", "rich", "click",
             "concurrent", "multiprocessing", "subprocess"},
    "workbook": {"docx", "docxtpl", "docxcompose", "jinja2", "matplotlib", "xlwings", "typer", "rich", "click",
                 "concurrent", "multiprocessing"},
    "report": {"xlwings", "typer", "rich", "click", "concurrent", "multiprocessing"},
    "batch": {"xlwings", "typer", "click"},
    "addin": {"typer", "click", "concurrent", "multiprocessing"},
    "cli": {"xlwings"},
}


def modules() -> list[Path]:
    return sorted(p for p in PKG.rglob("*.py") if p.parent != PKG)


def imports_of(path: Path, source: str | None = None) -> set[str]:
    """Every module the file imports, relative imports resolved to absolute names (lkj_xl.core.model …)."""
    package = list(path.relative_to(PKG.parent).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(source if source is not None else path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                base = node.module or ""
            else:
                base = ".".join(package[:len(package) - node.level + 1] + ([node.module] if node.module else []))
            names.add(base)
            if node.level and not node.module:
                names.update(f"{base}.{a.name}" for a in node.names)
    return names


def layer_of(path: Path) -> str:
    return path.relative_to(PKG).parts[0]


def violations(path: Path, source: str | None = None) -> list[str]:
    layer, bad = layer_of(path), []
    for name in imports_of(path, source):
        parts = name.split(".")
        if parts[0] == "lkj_xl" and len(parts) > 1 and parts[1] in ALLOWED and parts[1] not in ALLOWED[layer]:
            bad.append(name)
        elif parts[0] in FORBIDDEN[layer]:
            bad.append(name)
    return sorted(bad)


def test_every_module_lives_in_a_known_subpackage():
    assert {layer_of(p) for p in modules()} <= set(ALLOWED)
    assert sorted(p.name for p in PKG.glob("*.py")) == ["__init__.py"]


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PKG).as_posix())
def test_imports_go_one_way(path):
    assert violations(path) == [], f"lkj_xl/{path.relative_to(PKG)} imports {violations(path)}"


def test_only_the_addin_imports_xlwings():
    users = {p.relative_to(PKG).as_posix() for p in PKG.rglob("*.py")
             if any(n.split(".")[0] == "xlwings" for n in imports_of(p))}
    assert users <= {"addin/handlers.py"}, users


def test_the_check_catches_a_core_module_importing_a_front_door():
    # The rule must be able to fail: a core module importing docxtpl or the report layer is flagged.
    probe = PKG / "core" / "probe.py"
    assert violations(probe, "import docxtpl\nfrom ..report import rendering\nfrom .model import Laporan\n") == [
        "docxtpl", "lkj_xl.report"]
    assert violations(probe, "import concurrent.futures\n") == ["concurrent.futures"]
