"""The committed template is exactly what docx_templates/build_template.py generates, and every tag
it uses is provided by the context."""
from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

from docxtpl import DocxTemplate

from lkj_xl.core.engine import olah_file
from lkj_xl.report.rendering import TEMPLATE_DIR, konteks

from .conftest import SEED000_XLSX, assert_plain_data

TEMPLATE = TEMPLATE_DIR / "lkj_triwulan.docx"
IMAGES = {"grafik_capaian", "grafik_serapan"}


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_template", TEMPLATE_DIR / "build_template.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _xml_parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        # docProps/ is metadata only (and importing docxtpl re-maps python-docx's 'cp' prefix, see
        # docxcompose), so the comparison covers the document itself: word/*, rels, content types.
        return {n: z.read(n).decode("utf-8") for n in z.namelist()
                if n.endswith((".xml", ".rels")) and not n.startswith("docProps/")}


def test_committed_template_matches_build_script(tmp_path):
    built = _load_builder().build(tmp_path / "lkj_triwulan.docx")
    committed, fresh = _xml_parts(TEMPLATE), _xml_parts(built)
    assert sorted(committed) == sorted(fresh)
    stale = [name for name in committed if committed[name] != fresh[name]]
    assert not stale, (f"docx_templates/lkj_triwulan.docx is out of date in {stale}; run "
                       ".venv/bin/python docx_templates/build_template.py and commit both files")


def test_every_template_tag_is_in_the_context():
    ctx = konteks(olah_file(SEED000_XLSX))
    missing = DocxTemplate(str(TEMPLATE)).get_undeclared_template_variables(context=ctx)
    assert missing == set()


def test_context_is_plain_data():
    ctx = konteks(olah_file(SEED000_XLSX), draf=True)
    assert_plain_data(ctx)
    assert ctx["draf"] is True and ctx["tanda_draf"].startswith("DRAF")
