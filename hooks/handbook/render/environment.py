"""The Jinja environment every template renders in: filters for Markdown and relative links."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import jinja2

from ..placeholders import fill

TEMPLATES = Path(__file__).parent / "templates"


def relative(from_uri: str, to_uri: str, anchor: str | None = None) -> str:
    """A Markdown link target from one generated page to another (both src URIs)."""
    # posixpath.relpath, minus its calls to os.getcwd: large programs make tens of thousands of links
    folder, target = from_uri.split("/")[:-1], to_uri.split("/")
    shared = 0
    while shared < min(len(folder), len(target) - 1) and folder[shared] == target[shared]:
        shared += 1
    path = "/".join([".."] * (len(folder) - shared) + target[shared:])
    return f"{path}#{anchor}" if anchor else path


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
        autoescape=False,  # the output is Markdown; curriculum Markdown is the organization's own
    )
    env.filters.update(indent_md=indent, one_line=one_line, sentence_case=sentence_case, fill=fill)
    env.globals.update(relative=relative, clock=clock)
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
