"""Wide tables that a phone shows as stacked cards, one per row, each cell labelled by its column.

Material lets a wide table scroll sideways, and on a phone nobody finds the columns off screen.
This tree processor marks each table of STACK_FROM columns or more with `data-stack`, and copies
each column's heading into its cells' `data-label`; handbook.css then lays such a table out as
cards on narrow screens only (screen and print keep the table). Each cell's content is wrapped in one
`<div class="hb-cell">` (CELL), so that a card lays out two pieces side by side, the label and the content,
and a link, a defined word or a line break stays inside its cell's content. Tables the templates write
themselves get the same marks from _parts.html.j2's `table` macro. The ARIA roles keep the table's
meaning for screen readers when CSS changes how its parts are displayed.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

STACK_FROM = 4  # columns; narrower tables fit a 375 px phone as they are
CELL = "hb-cell"  # the class of the one element that holds a stacked cell's content (handbook.css)
ROLES = {"table": "table", "thead": "rowgroup", "tbody": "rowgroup", "tr": "row", "th": "columnheader",
         "td": "cell"}


def _text(cell: etree.Element) -> str:
    return " ".join("".join(cell.itertext()).split())


class _StackTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            headings = [_text(th) for th in table.iterfind("thead/tr/th")]
            if len(headings) < STACK_FROM:
                continue
            table.set("data-stack", "")
            for part in table.iter():
                if part.tag in ROLES:
                    part.set("role", ROLES[part.tag])
            for row in table.iterfind("tbody/tr"):
                for heading, cell in zip(headings, row.iterfind("td")):
                    cell.set("data-label", heading)
                    _wrap(cell)


def _wrap(cell: etree.Element) -> None:
    """Move the cell's text and children into one <div class="hb-cell">."""
    content = etree.Element("div", {"class": CELL})
    content.text, cell.text = cell.text, None
    content.extend(list(cell))
    for child in list(cell):
        cell.remove(child)
    cell.append(content)


class StackedTablesExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_StackTreeprocessor(md), "handbook_stacked_tables", 6)
