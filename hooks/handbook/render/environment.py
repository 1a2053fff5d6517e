"""The Jinja environment every page template renders in: HTML, escaped, with curriculum text as Markdown.

Templates (.html.j2) write a page's structure as HTML; every value is escaped unless it is
curriculum text (or a locale word) passed through `md` (paragraphs, lists), `md_inline` (one
line) or `md_title` (one line in a heading or a title: no tooltips), which the build's converter
(text.Text, in the context as `text`) turns into sanitized HTML once per distinct text; `plain` gives a
title's plain text, where no markup may stand (inside a link).
`link(uri, anchor)` is a link to another page by its source path, made relative to the page that
shows it when the page is served (links.localize). guide/fields.md (fields.md.j2) is the one
Markdown document rendered here: it is not escaped.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import jinja2

from ..placeholders import fill
from . import links, tables

TEMPLATES = Path(__file__).parent / "templates"


def one_line(text: str) -> str:
    """Markdown safe inside a table cell (guide/fields.md is the one Markdown document rendered here)."""
    return re.sub(r"\s*\n\s*", " ", text.strip()).replace("|", "\\|")


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def clock(start: str, minutes: int) -> str:
    """The clock time `minutes` after `start` ("HH:MM")."""
    hours, mins = map(int, start.split(":"))
    total = hours * 60 + mins + minutes
    return f"{total // 60 % 24:02d}:{total % 60:02d}"


@jinja2.pass_context
def _block(context: jinja2.runtime.Context, text: object) -> str:
    return context["text"].block(str(text))


@jinja2.pass_context
def _inline(context: jinja2.runtime.Context, text: object) -> str:
    return context["text"].inline(str(text))


@jinja2.pass_context
def _title(context: jinja2.runtime.Context, text: object) -> str:
    return context["text"].title(str(text))


@jinja2.pass_context
def _plain(context: jinja2.runtime.Context, text: object) -> str:
    return context["text"].plain(str(text))


@jinja2.pass_context
def _icon(context: jinja2.runtime.Context, name: str) -> str:
    """One of the icons that ship with Material (":material-clock-outline:"), as inline SVG."""
    return context["text"].inline(f":{name}:")


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        keep_trailing_newline=True,
    )
    env.add_extension("jinja2.ext.do")
    env.filters.update(one_line=one_line, md=_block, md_inline=_inline, md_title=_title, plain=_plain, sentence_case=sentence_case, fill=fill)
    env.globals.update(link=links.marker, icon=_icon, clock=clock, stack_from=tables.STACK_FROM)
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
