"""The benchmark's baseline: the handbook's pages as a person would write them by hand, made from the built site.

Each generated page's article, as the handbook built it, is converted back to Markdown with `markdownify`
(headings, lists, tables, links, emphasis); what Markdown cannot say (a form, a canvas, a script, an inline
SVG) stays as raw HTML, as an author would paste it. Links to other pages point at their Markdown files again,
and each page keeps its front matter. The pages go into a plain MkDocs project: the project's docs/ and the very
same `mkdocs.yml` less the hook, with the glossary given to `abbr` and the handbook's nav written out. So the
baseline follows every page change by itself: nothing is written twice.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from markdownify import ATX, MarkdownConverter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from handbook.model import Handbook  # noqa: E402
from handbook.render import Page, Text, glossary, navigation, page_words  # noqa: E402

# Elements Markdown has no syntax for: kept as the raw HTML a person would paste into the page
RAW_BLOCKS = ("form", "canvas", "svg", "script", "style", "dialog", "template", "iframe")
RAW_INLINE = ("button", "input", "select", "textarea", "output")
_PAGE_LINK = re.compile(r"^(?![a-z][a-z0-9+.-]*:|/|#)([^#?]*)\.html(#.*)?$", re.IGNORECASE)


class _Converter(MarkdownConverter):
    """markdownify with the elements Markdown cannot write kept as they are."""

    def __init__(self):
        super().__init__(heading_style=ATX, bullets="-", escape_misc=False)


def _raw_block(self, el, text, parent_tags):
    return f"\n\n{el}\n\n"


def _raw_inline(self, el, text, parent_tags):
    return str(el)


for _tag in RAW_BLOCKS:
    setattr(_Converter, f"convert_{_tag}", _raw_block)
for _tag in RAW_INLINE:
    setattr(_Converter, f"convert_{_tag}", _raw_inline)


def site_path(uri: str) -> str:
    """Where a page's source uri is in the built site (the offline plugin writes no directory URLs)."""
    return uri[: -len(".md")] + ".html"


def markdown_of(article: str) -> str:
    """A built page's article as the Markdown a person would author: links to pages point at their .md files."""
    soup = BeautifulSoup(article, "html.parser")
    for link in soup.find_all("a", href=True):
        if not link.find_parent(RAW_BLOCKS + RAW_INLINE):  # raw HTML is written as it is, its links too
            link["href"] = _PAGE_LINK.sub(r"\1.md\2", link["href"])
    return _Converter().convert_soup(soup).strip() + "\n"


def article(html: str) -> str:
    """The inner HTML of a built page's one <article> (found as text: parsing the whole page would take longer)."""
    start, end = html.find("<article"), html.rfind("</article>")
    if start < 0 or end < start:
        raise ValueError("no <article> in the page")
    return html[html.index(">", start) + 1:end]


def page_markdown(page: Page, built: Path) -> str:
    """One generated page, read back from the built site: its front matter, then its article as Markdown."""
    meta = {"title": page.title, **page.meta}
    front = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n"
    return front + markdown_of(article((built / site_path(page.uri)).read_text(encoding="utf-8")))


def write_site(folder: Path, built: Path, handbook: Handbook, pages: list[Page]) -> Path:
    """A plain MkDocs project of the pages `built` (the handbook's site) shows, under our own mkdocs.yml less the
    hook, with the glossary given to `abbr` and the handbook's nav. `pages` are the pages the hook rendered for
    that site. Returns its mkdocs.yml."""
    docs = folder / "docs"
    shutil.copytree(ROOT / "docs", docs, dirs_exist_ok=True)
    for page in pages:
        path = docs / page.uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page_markdown(page, built), encoding="utf-8")
    terms = glossary(handbook.definitions, (handbook.program.title, handbook.organization.name))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^hooks:\n(  - .*\n)+", "", config, flags=re.MULTILINE)
    config = re.sub(r"^  custom_dir: .*\n", "", config, flags=re.MULTILINE)  # its 404 page speaks through the hook
    config = config.replace("  - abbr\n", f"  - abbr:\n      glossary: {json.dumps(terms)}\n", 1)
    config = re.sub(r"^site_name: .*$", "site_name: Handbook written by hand", config, flags=re.MULTILINE)
    config += f"\nnav: {json.dumps(navigation(pages, page_words(handbook), Text().plain))}\n"
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder / "mkdocs.yml"
