"""The vocabulary the model is written in: value kinds and per-field rules.

Validation and the JSON Schema are both derived from these, so a field is described once.
"""

from __future__ import annotations

from dataclasses import MISSING, field
from typing import Any, NewType

Markdown = NewType("Markdown", str)  # text that is rendered as Markdown
Slug = NewType("Slug", str)  # a stable id: lowercase letters, digits and hyphens
ClockTime = NewType("ClockTime", str)  # "HH:MM", 24-hour
Color = NewType("Color", str)  # "#RRGGBB"
Digest = NewType("Digest", str)  # a SHA-256 in hex, as printed: 64 digits, spaces allowed between groups of four
Language = NewType("Language", str)  # a language with a word list in locales/ ("en", "ko")

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
CLOCK_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"
DIGEST_PATTERN = r"^(?:[0-9a-fA-F]{4} ?){15}[0-9a-fA-F]{4}$"


def spec(doc: str, default: Any = MISSING, *, minimum: int | None = None, maximum: int | None = None,
         min_items: int | None = None, contract: bool = True) -> Any:
    """A dataclass field with its documentation and rules.

    `contract=False` marks a field the build fills in (never read from YAML).
    """
    rules = {"doc": doc, "minimum": minimum, "maximum": maximum, "min_items": min_items, "contract": contract}
    if isinstance(default, (list, dict, set)):
        raise TypeError("use a tuple for a default list")
    return field(default=default, metadata=rules)
