"""`DocxTemplate` with docxtpl's post-render passes made cheaper, giving the same document.

At 1,000 indicators the rendered body is ~7 MB of XML, and four of docxtpl's passes over it cost more
than the Jinja rendering itself. Each override below returns exactly what docxtpl's own code returns
(tests/test_fast_template.py compares both on the bundled template), doing the work only where it
can change something:

- `resolve_listing` turns tab, "\\a", "\\f" and newline characters inside text into Word runs; it
  runs three nested regular expressions over every paragraph. Only paragraphs holding one of those
  characters can change, so only those go through docxtpl's code, each found from the character
  itself (`_paragraph_at`) instead of by the lazy regular expression over the whole body.
- `fix_tables` re-counts the cells of every row of every table to repair the column grid after
  `{%tc %}` loops. One XPath test per table (in C) and a walk that stops at the first row as wide as
  the grid say whether any row can trigger a repair; only then does docxtpl's own loop run.
- `map_tree` moved the parsed body into the old document (lxml re-points every node's namespace:
  ~0.2 s). Here the body is parsed as part of a whole new document root, with the namespace
  declarations that lxml would have dropped left out, and that root replaces the old one.
- `fix_docpr_ids` walks the docPr elements with `iter` instead of a `//` XPath.
- The tables, cell properties and pictures of the body are found in one walk (`walked`), which
  `fix_tables`, `fix_docpr_ids` and the passes of rendering.py share.
"""
from __future__ import annotations

import re

from docx.oxml.ns import nsmap
from docx.oxml.parser import element_class_lookup
from docxtpl import DocxTemplate
from lxml import etree

W = nsmap["w"]
_PARAGRAPH_START = re.compile(r"<w:p(?: [^>]*)?>")       # docxtpl's paragraph pattern: <w:p( …)?>.*?</w:p>
_START_TAG = re.compile(r"<w:body\b[^>]*>")
_XMLNS = re.compile(r'\s+xmlns:([A-Za-z0-9_.-]+)="([^"]*)"')
_NS = {"w": W}
# Is there a row with more cells than the grid has columns: does any row have a cell number n + 1?
_TOO_MANY = etree.XPath("boolean(.//w:tr/w:tc[$k])", namespaces=_NS)
_COLUMNS = etree.XPath("count(w:tblGrid/w:gridCol)", namespaces=_NS)
_TR, _TC, _TCPR, _GRID_SPAN, _VAL = (f"{{{W}}}{n}" for n in ("tr", "tc", "tcPr", "gridSpan", "val"))
TBL, TCPR = f"{{{W}}}tbl", _TCPR
DOCPR, INLINE = f"{{{nsmap['wp']}}}docPr", f"{{{nsmap['wp']}}}inline"
# What the passes after rendering look at (docxtpl's table and docPr passes, then rendering.py's), found
# in one walk of the rendered body: each pass walking its ~300.000 elements alone costs ~15 ms at
# 1.000 indicators.
WALKED = (TBL, TCPR, DOCPR, INLINE)


def _special_positions(xml: str) -> list[int]:
    """Where tab, \\a, \\f and newline characters are (str.find: a regex class scan costs 3x more)."""
    found = []
    for char in "\t\a\f\n":
        pos = xml.find(char)
        while pos != -1:
            found.append(pos)
            pos = xml.find(char, pos + 1)
    return sorted(found)


def _paragraph_at(xml: str, s: int, scanned: int) -> tuple[int, int] | None:
    """(start, end) of the match of docxtpl's paragraph pattern `<w:p( …)?>.*?</w:p>` (taken left to
    right over the whole text) that holds position `s`, or None; `scanned` is the end of a match (or 0).

    Why it can be found from near `s`: a match that starts before a `</w:p>` ends at or before it (a
    match ends at the first `</w:p>` after its start tag, and a start tag cannot hold one), so right
    after any `</w:p>` the left-to-right scan is where it would be anyway. From the last `</w:p>` before
    `s`, the next start tag begins the only match that can hold `s`."""
    close = xml.rfind("</w:p>", scanned, s)
    start = _PARAGRAPH_START.search(xml, close + len("</w:p>") if close != -1 else scanned)
    if start is None or start.start() > s:
        return None                         # `s` lies between paragraphs
    end = xml.find("</w:p>", start.end())
    return None if end == -1 else (start.start(), end + len("</w:p>"))


def _declaring_tags(xml: str, pos: int, declared: dict) -> set[str] | None:
    """Clark names of the elements after `pos` whose start tag declares a namespace; None when a
    prefix cannot be resolved."""
    tags: set[str] = set()
    while (pos := xml.find(" xmlns", pos)) != -1:
        lt = xml.rfind("<", 0, pos)
        gt = xml.find(">", pos)
        tag_text = xml[lt:gt + 1]
        qname = re.match(r"<([^\s/>]+)", tag_text)
        prefix, _, local = qname.group(1).rpartition(":") if qname else ("", "", "")
        own = dict(_XMLNS.findall(tag_text))
        uri = own.get(prefix) or declared.get(prefix) if prefix else None
        if not local or not uri:
            return None
        tags.add(f"{{{uri}}}{local}")
        pos = gt
    return tags


def _parser() -> etree.XMLParser:
    """docxtpl's parser (recover=True, blank text kept) with python-docx's element classes."""
    parser = etree.XMLParser(recover=True)
    parser.set_element_class_lookup(element_class_lookup)
    return parser


class FastDocxTemplate(DocxTemplate):
    def resolve_listing(self, xml: str) -> str:
        original, out, done = super().resolve_listing, [], 0
        for s in _special_positions(xml):
            if s < done:
                continue                    # in the paragraph just done
            span = _paragraph_at(xml, s, done)
            if span is None:
                continue
            out += [xml[done:span[0]], original(xml[span[0]:span[1]])]
            done = span[1]
        return "".join(out) + xml[done:] if out else xml

    def fix_tables(self, xml: str):
        self.walked = None
        body = self._parse_in_document(xml)
        if body is None:
            return super().fix_tables(xml)
        walked: dict[str, list] = {tag: [] for tag in WALKED}
        for el in body.iter(*WALKED):
            walked[el.tag].append(el)
        if any(self._needs_fix(t) for t in walked[TBL]):
            return super().fix_tables(xml)       # docxtpl's repair (and its errors), on its own tree
        self.walked = walked
        return body

    @staticmethod
    def _needs_fix(table) -> bool:
        """Would docxtpl's loop change this table: a row with more cells than grid columns, or no row
        as wide as the grid (its cells counted with their gridSpan, as docxtpl counts them)?"""
        n = int(_COLUMNS(table))
        if _TOO_MANY(table, k=n + 1):
            return True
        for row in table.iter(_TR):           # usually the first row spans the grid: stop there
            width = 0
            for cell in row.findall(_TC):
                pr = cell.find(_TCPR)
                span = None if pr is None else pr.find(_GRID_SPAN)
                val = "1" if span is None else span.get(_VAL, "")
                if not val.isdigit() or not val.isascii():
                    return True             # docxtpl's int() decides (and raises) on its own tree
                width += int(val)
            if width >= n:
                return False
        return True

    def _parse_in_document(self, xml: str):
        """The rendered body parsed inside a copy of the document's root element, with the namespace
        declarations lxml drops when it moves a tree into a document dropped here too; None when that
        cannot be done exactly (then docxtpl's own path is taken)."""
        root = self.docx._element
        declared = root.nsmap
        if len(root) != 1 or root[0].tag != f"{{{W}}}body" or len(set(declared.values())) != len(declared):
            return None
        start = _START_TAG.match(xml)
        if start is None:
            return None
        # lxml keeps a declaration only when the nearest one in scope for its URI has another prefix;
        # with unique URIs on the root that is: the root does not declare this prefix for this URI.
        kept = [m.group(0) for m in _XMLNS.finditer(start.group(0)) if declared.get(m.group(1)) != m.group(2)]
        attrs = _XMLNS.sub("", start.group(0)[len("<w:body"):-1])
        head = etree.tostring(root, encoding="unicode")
        head = head[:head.index("<w:body")]
        end = f"</{root.prefix}:{etree.QName(root).localname}>"
        new_root = etree.fromstring(head + "<w:body" + "".join(kept) + attrs + ">" + xml[start.end():] + end,
                                   parser=_parser())
        if len(new_root) != 1:
            return None
        body = new_root[0]
        tags = _declaring_tags(xml, start.end(), declared)
        if tags is None:
            return None
        for tag in tags:
            # Fragments that carry their own declarations (InlineImage's <wp:inline>): re-inserting an
            # element in place makes lxml strip its redundant declarations, as the move did.
            for el in list(body.iter(tag)):
                el.getparent().replace(el, el)
        return body

    def fix_docpr_ids(self, tree) -> None:
        for elt in self.walked[DOCPR] if self.walked is not None else tree.iter(DOCPR):
            self.docx_ids_index += 1
            elt.attrib["id"] = str(self.docx_ids_index)

    def map_tree(self, tree) -> None:
        new_root = tree.getparent()
        if new_root is None:
            return super().map_tree(tree)
        document, part = self.docx, self.docx._part
        part._element = new_root
        document._element = new_root
        document._Document__body = None
