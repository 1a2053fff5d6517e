"""The one way a `{name}` placeholder is read and filled, in page words and curriculum text alike.

The syntax is Python's format-string syntax without conversions or format specs: `{name}` is a
placeholder, `{{` and `}}` stand for a brace itself. The browser has a twin in
docs/assets/javascripts/placeholders.js; a test holds the two to the same answers.
"""

from __future__ import annotations

import string
from typing import Iterator

Part = tuple[str, str | None]  # literal text, then the placeholder after it (None at the end)


class PlaceholderSyntaxError(ValueError):
    """A brace without its partner, or a placeholder with a conversion or format spec."""


def parts(text: str) -> Iterator[Part]:
    """The text as (literal, placeholder name) pairs, in order."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as error:
        raise PlaceholderSyntaxError(str(error)) from None
    for literal, name, spec, conversion in parsed:
        if spec or conversion:
            raise PlaceholderSyntaxError(f'"{{{name}}}" may not have a ":" or "!" part')
        yield literal, name


def names(text: str) -> set[str]:
    """The placeholders a text uses; raises PlaceholderSyntaxError when it is malformed."""
    return {name for _, name in parts(text) if name is not None}


def fill(text: str, **values: object) -> str:
    """The text with each placeholder replaced by its value; an unknown placeholder stays as written."""
    out = []
    for literal, name in parts(text):
        out.append(literal)
        if name is not None:
            out.append(str(values[name]) if name in values else "{" + name + "}")
    return "".join(out)
