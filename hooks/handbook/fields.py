"""The vocabulary the model is written in: value kinds and per-field rules.

Validation and the JSON Schema are both derived from these, so a field is described once.
"""

from __future__ import annotations

import types
import typing
from dataclasses import MISSING, field
from typing import Any, Mapping, NewType

Markdown = NewType("Markdown", str)  # text that is rendered as Markdown
Slug = NewType("Slug", str)  # a stable id: lowercase letters, digits and hyphens
ClockTime = NewType("ClockTime", str)  # "HH:MM", 24-hour
Color = NewType("Color", str)  # "#RRGGBB"
Digest = NewType("Digest", str)  # a SHA-256 in hex, as printed: 64 digits, spaces allowed between groups of four
Email = NewType("Email", str)  # an email address: what a mailto: link carries
Phone = NewType("Phone", str)  # a phone number: digits, "+", spaces and ()-./, maybe an extension
PublicKey = NewType("PublicKey", str)  # an Ed25519 public key in hex, as `make hr-key` prints it: 64 digits in groups
Language = NewType("Language", str)  # a language with a word list in locales/ ("en", "es", "ko", ...)

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
CLOCK_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"
DIGEST_PATTERN = r"^(?:[0-9a-fA-F]{4} ?){15}[0-9a-fA-F]{4}$"
# An address as people write one: no quotes, spaces or angle brackets, a domain with a dot
EMAIL_PATTERN = r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
# At least three digits, an optional leading "+", the usual separators, an optional extension ("ext. 12", "x12")
PHONE_PATTERN = r"^(?=(?:\D*\d){3})\+?[0-9(][0-9 ().\/-]*(?:\s*(?:ext\.?|x)\s*[0-9]{1,6})?$"
# An Ed25519 public key is 32 bytes too; the pattern is spelled apart so that the fields reference names its kind
KEY_PATTERN = r"^(?:[0-9a-fA-F]{4}[ ]?){15}[0-9a-fA-F]{4}$"

# The most characters a text may have, by kind, unless its spec says otherwise. An id becomes a file
# name and an address, so it stays far below file systems' 255; text is capped so that no field can
# swamp a page or a printed packet.
MAX_LENGTH: dict[Any, int] = {Slug: 64, Language: 35, str: 1000, Markdown: 10_000}
TITLE_LENGTH = 150  # titles, names and terms: headings, tabs and file names of printed packets
# A text this short (a title, a name, a label) is one line: it goes into headings, tabs and calendar entries
ONE_LINE_LENGTH = TITLE_LENGTH
ONE_LINE_PATTERN = r"^[^\n\r\u2028\u2029]*\S[^\n\r\u2028\u2029]*$"
# The years a training program's dates can fall in: date arithmetic (time zones, calendars) is safe well inside
FIRST_YEAR, LAST_YEAR = 1900, 2200
DATE_PATTERN = r"^(19[0-9]{2}|2[01][0-9]{2}|2200)-[0-9]{2}-[0-9]{2}$"


def spec(doc: str, default: Any = MISSING, *, minimum: int | None = None, maximum: int | None = None,
         min_items: int | None = None, max_items: int | None = None, max_length: int | None = None,
         contract: bool = True) -> Any:
    """A dataclass field with its documentation and rules.

    `max_length` caps each text of the field (default: MAX_LENGTH of its kind); a text capped at
    ONE_LINE_LENGTH or less is one line. `max_items` caps a list: generous for any real program, it
    refuses the absurd (100,000 objectives make a page no one can read).
    `contract=False` marks a field the build fills in (never read from YAML).
    """
    rules = {"doc": doc, "minimum": minimum, "maximum": maximum, "min_items": min_items, "max_items": max_items,
             "max_length": max_length, "contract": contract}
    if isinstance(default, (list, dict, set)):
        raise TypeError("use a tuple for a default list")
    return field(default=default, metadata=rules)


def max_length(kind: Any, rules: Mapping[str, Any]) -> int | None:
    """The most characters each text of a field of this kind (a text, or a list or mapping of them) may have."""
    if rules.get("max_length") is not None:
        return rules["max_length"]
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        return max_length(next(a for a in args if a is not type(None)), {})
    if origin is tuple:
        return max_length(args[0], {})
    if origin is dict:
        return max_length(args[1], {})
    return MAX_LENGTH.get(kind)


def one_line(kind: Any, rules: Mapping[str, Any]) -> bool:
    """Whether each text of a field must be a single line (a title, a name, a short label)."""
    limit = max_length(kind, rules)
    return limit is not None and limit <= ONE_LINE_LENGTH and kind_of_text(kind) is str


def kind_of_text(kind: Any) -> Any:
    """The text kind inside an optional text, a list of texts or a mapping of them."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        return kind_of_text(next(a for a in args if a is not type(None)))
    if origin is tuple:
        return kind_of_text(args[0])
    if origin is dict:
        return kind_of_text(args[1])
    return kind


# What each kind of text must look like, and how a message (or the form editor) names it
PATTERNS = {
    Slug: (SLUG_PATTERN, "an id of lowercase letters, digits and hyphens (like \"be-on-time\")"),
    ClockTime: (CLOCK_PATTERN, 'a clock time like "09:00"'),
    Color: (COLOR_PATTERN, 'a colour like "#1f5f8b"'),
    Digest: (DIGEST_PATTERN, "a version hash of 64 hexadecimal digits, as shown on the agreement page"),
    Email: (EMAIL_PATTERN, "an email address like training@example.org"),
    Phone: (PHONE_PATTERN, 'a phone number of digits, with "+", spaces or ()-./ between them, like +1 555 010 0123'),
    PublicKey: (KEY_PATTERN, "a public key of 64 hexadecimal digits, as `make hr-key` prints it"),
}
