"""Each person's evaluation sheet: the site's annual evaluation form (the same template and print styles,
made by WeasyPrint as the site's PDFs are), filled with their name, the version and date they signed and
the commitments of that version."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

import material

from .. import agreement_hash as ah
from ..model import Handbook
from ..publish import document, pdf
from ..render import agreement, links
from ..render.environment import render
from ..render.glossary import tooltips_of
from ..render.pages import common_context
from ..render.text import Text
from ..settings import STAFF
from .changes import parts
from .roster import Row

DOCS = Path(__file__).resolve().parents[3] / "docs"
MATERIAL = Path(material.__file__).parent / "templates"
HANDBOOK_CSS = ("assets/stylesheets/handbook.css", "assets/stylesheets/print.css", "assets/stylesheets/agreement.css")
_UNSAFE = re.compile(r"[^\w .,'()-]+")


def file_name(name: str, taken: set[str]) -> str:
    """A person's name as a file name that works on every system, unique among `taken`."""
    base = _UNSAFE.sub("_", ah.normalize(name)).strip(" ._")[:100] or "unnamed"
    stem, n = base, 2
    while stem.casefold() in taken:
        stem, n = f"{base} ({n})", n + 1
    taken.add(stem.casefold())
    return f"{stem}.pdf"


def stylesheets() -> list[str]:
    material = [p.relative_to(MATERIAL).as_posix() for p in MATERIAL.glob("assets/stylesheets/*.css")]
    uris = document.stylesheet_uris(material, HANDBOOK_CSS)
    return [((MATERIAL if i == 0 else DOCS) / uri).read_text(encoding="utf-8") for i, uri in enumerate(uris)]


def sheet_html(hb: Handbook, words: dict[str, str], row: Row, styles: list[str]) -> str:
    record = row.checked.record
    fields, text = record["fields"], parts(record["agreement"]["text"])
    person = {"name": ah.normalize(fields["name"]), "job_title": ah.normalize(fields["job-title"]),
              "department": ah.normalize(fields["department"]), "version": row.version, "signed_on": row.signed_on}
    title, text_of = words["review_title"], Text(tooltips=tooltips_of(hb))
    html = render("agreement_review.html.j2", uri=agreement.REVIEW_URI, title=title,
                  **common_context(hb, words, dt.date.today(), STAFF), text=text_of,
                  page_style=agreement.page_style(hb, f"{title} · {person['name']}", words, text_of.plain),
                  scale=agreement.rating_scale(hb.agreement.rating_scale, words), person=person,
                  commitments=text["commitments"])
    html = links.localize(html, agreement.REVIEW_URI, False)
    return document.lean_html(html, title=f"{title}: {person['name']}", language=hb.program.language,
                              stylesheets=styles)


def write(hb: Handbook, words: dict[str, str], rows: list[Row], folder: Path) -> list[Path]:
    """One PDF per person who signed (any version), named after them."""
    folder.mkdir(parents=True, exist_ok=True)
    styles, taken, written = stylesheets(), set(), []
    with tempfile.TemporaryDirectory() as cache:  # personal PDFs are never kept in the build's cache
        for row in rows:
            made = pdf.make(sheet_html(hb, words, row, styles), Path(cache), DOCS.as_uri() + "/")
            target = folder / file_name(row.name, taken)
            pdf.copy(made, target)
            target.chmod(0o600)
            written.append(target)
    return written
