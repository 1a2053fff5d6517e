"""The handbook's pages as a person would write them by hand: Markdown, for the benchmark's baseline and
for the test that the generated HTML shows readers the same thing.

The templates in scripts/handwritten/ are the Markdown the handbook was written as before its
pages were rendered as HTML: Material's grid cards, `<div markdown>` blocks, attribute lists,
tables. They render the same pages from the same model (each page module's `pages()`), each link
in curriculum text made relative to its page, for a plain MkDocs project with the `abbr` glossary.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from handbook.model import Handbook  # noqa: E402
from handbook.render import Text, glossary, navigation  # noqa: E402
from handbook.placeholders import fill  # noqa: E402
from handbook.render import links  # noqa: E402
from handbook.render.environment import clock, one_line, sentence_case  # noqa: E402
from handbook.render.page import EVERY_EDITION, relative  # noqa: E402
from handbook.render.pages import GROUPS, common_context, page_words  # noqa: E402
from handbook.settings import TRAINERS  # noqa: E402

TEMPLATES = Path(__file__).parent / "handwritten"


@dataclass(frozen=True)
class MarkdownPage:
    uri: str
    title: str
    markdown: str
    section: str | None
    editions: frozenset[str] = EVERY_EDITION


def indent(text: str, spaces: int = 4) -> str:
    """Markdown nested under a list item or admonition: every line after the first indented."""
    pad = " " * spaces
    return "\n".join(line if i == 0 or not line.strip() else pad + line
                     for i, line in enumerate(text.strip().splitlines()))



# Links in curriculum text are made relative to the page being written
@jinja2.pass_context
def _finalize(context: jinja2.runtime.Context, value: object) -> object:
    if not isinstance(value, str) or "uri" not in context:
        return value
    return links.rewrite_targets(value, lambda page, anchor: relative(context["uri"], page, anchor))


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                             comment_start_string="{##", comment_end_string="##}",  # Markdown needs "{#" for ids
                             autoescape=False, finalize=_finalize)
    env.filters.update(indent_md=indent, one_line=one_line, sentence_case=sentence_case, fill=fill)
    env.globals.update(relative=relative, clock=clock)
    return env


def pages(handbook: Handbook, today: dt.date, edition: str = TRAINERS) -> list[MarkdownPage]:
    """Every page of one edition, as Markdown."""
    words = page_words(handbook)
    common = common_context(handbook, words, today, edition)

    def make(uri: str, title: str, template: str, section: str | None, editions: frozenset[str] = EVERY_EDITION,
             searchable: bool = True, hide: tuple[str, ...] = (), nav_session: str | None = None,
             **context: object) -> MarkdownPage | None:
        if edition not in editions:
            return None
        markdown = environment().get_template(f"{template}.md.j2").render(uri=uri, title=title, **common, **context)
        return MarkdownPage(uri, title, markdown, section, editions)

    make.plain = Text().plain  # as render_pages' make: a title's plain-text form
    return [page for group in GROUPS for page in group(handbook, make, words) if page is not None]


def write_site(folder: Path, handbook: Handbook, today: dt.date, edition: str = TRAINERS) -> Path:
    """A plain MkDocs project of these pages: the project's docs/ and mkdocs.yml less the hook, with the
    glossary given to `abbr` and the handbook's nav written out. Returns its mkdocs.yml."""
    docs = folder / "docs"
    shutil.copytree(ROOT / "docs", docs, dirs_exist_ok=True)
    written = pages(handbook, today, edition)
    for page in written:
        path = docs / page.uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.markdown, encoding="utf-8")
    terms = glossary(handbook.definitions, (handbook.program.title, handbook.organization.name))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^hooks:\n(  - .*\n)+", "", config, flags=re.MULTILINE)
    config = re.sub(r"^  custom_dir: .*\n", "", config, flags=re.MULTILINE)  # its 404 page speaks through the hook
    config = config.replace("  - abbr\n", f"  - abbr:\n      glossary: {json.dumps(terms)}\n", 1)
    config = re.sub(r"^site_name: .*$", "site_name: Handbook written by hand", config, flags=re.MULTILINE)
    config += f"\nnav: {json.dumps(navigation(written, page_words(handbook), Text().plain))}\n"
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder / "mkdocs.yml"
