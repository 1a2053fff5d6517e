"""The Jinja environment every template renders in: filters for Markdown and relative links."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import jinja2

from ..placeholders import fill
from . import links
from .page import relative

TEMPLATES = Path(__file__).parent / "templates"


def indent(text: str, spaces: int = 4) -> str:
    """Markdown nested under a list item or admonition: every line after the first indented."""
    pad = " " * spaces
    return "\n".join(line if i == 0 or not line.strip() else pad + line
                     for i, line in enumerate(text.strip().splitlines()))


def one_line(text: str) -> str:
    """Markdown safe inside a table cell."""
    return re.sub(r"\s*\n\s*", " ", text.strip()).replace("|", "\\|")


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def clock(start: str, minutes: int) -> str:
    """The clock time `minutes` after `start` ("HH:MM")."""
    hours, mins = map(int, start.split(":"))
    total = hours * 60 + mins + minutes
    return f"{total // 60 % 24:02d}:{total % 60:02d}"


_ELEMENT_START = re.compile(r"<(?=/?(?:script|style)\b)", re.IGNORECASE)


# Every value a template writes: links in curriculum text are made relative to the page being rendered, and
# no value can open a <script> or <style> element (the sanitizer keeps those as written: only template text has them)
@jinja2.pass_context
def _finalize(context: jinja2.runtime.Context, value: object) -> object:
    if not isinstance(value, str):
        return value
    if "uri" in context:
        value = links.resolve(value, context["uri"])
    return _ELEMENT_START.sub("&lt;", value)


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        comment_start_string="{##",  # Markdown needs "{#" for heading ids
        comment_end_string="##}",
        # Markdown templates (.md.j2) escape their HTML parts with `| e`: escaping all of it would break Markdown
        # (a "> quote", code spans); an HTML template (.html.j2) escapes everything
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2", "html"), default=False),
        finalize=_finalize,
    )
    env.filters.update(indent_md=indent, one_line=one_line, sentence_case=sentence_case, fill=fill)
    env.globals.update(relative=relative, clock=clock)
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
