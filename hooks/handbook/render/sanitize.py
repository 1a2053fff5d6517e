"""The sanitizer: HTML converted from Markdown someone typed keeps only safe HTML.

The curriculum check refuses raw HTML, bad link schemes and event attributes at their YAML line;
this is the wall behind it, for whatever a check might miss. `text()` cleans each curriculum text
as it is converted (render/text.py), and a page a fork writes by hand in docs/ (the hook): no
<script> or <style> survives it, with its content. The templates around curriculum text escape
every other value; what they write themselves (the agreement's form, the packets' tables) never
passes here. The allowlist is what Markdown and the site's extensions write: text, lists, tables
(their columns aligned by a class, not a style attribute), task-list checkboxes, details, abbreviations, Material's icons.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import nh3

from ..curriculum.markdown_rules import OWN_PREFIX

TAGS = {
    "a", "abbr", "article", "aside", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "i", "img", "input", "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s", "section",
    "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
    "u", "ul",
    "svg", "path",  # Material's own icons, inlined by pymdownx.emoji: a shape and nothing else
}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir", "role", "hidden", "tabindex"},
    "a": {"href", "download", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"type", "checked", "disabled"},  # pymdownx.tasklist's checkboxes
    "th": {"scope", "colspan", "rowspan"},  # a column's alignment becomes a class (ALIGN): no style attribute
    "td": {"colspan", "rowspan"},
    "col": {"span"}, "colgroup": {"span"},
    "ol": {"start", "type", "reversed"}, "li": {"value"},
    "details": {"open"}, "time": {"datetime"},
    "svg": {"xmlns", "viewBox"}, "path": {"d"},
}


def _outside(value: str) -> bool:
    """Whether a URL makes the browser fetch from somewhere other than the site itself."""
    parts = urlsplit(value.strip())
    return bool(parts.netloc) or parts.scheme.lower() not in ("", "data")


# An image may come only from the site itself (links to other sites are fine: following one is a choice)
def _attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "img" and name == "src" and _outside(value):
        return None
    return value


# Curriculum text keeps only ids of the author's own (the check refuses others at their line): an element the page's
# scripts or the theme look up by id is never one curriculum text wrote
def _curriculum_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "id" and not value.startswith(OWN_PREFIX):
        return None
    return _attribute(tag, name, value)


_RULES = dict(
    tags=TAGS,
    attributes=ATTRIBUTES,
    generic_attribute_prefixes={"data-", "aria-"},
    url_schemes={"http", "https", "mailto", "tel"},
    link_rel=None,
    strip_comments=True,
)
# Markdown tables align a column with style="text-align: right;" on each cell; the page's policy allows no style
# attribute, so the alignment becomes a class of the site's stylesheet (handbook.css)
_ALIGN = re.compile(r'\sstyle="text-align:\s*(left|right|center);?"')
ALIGN_CLASS = "hb-align-{}"
_CLEANER = nh3.Cleaner(**_RULES, attribute_filter=_attribute)
_CURRICULUM_CLEANER = nh3.Cleaner(**_RULES, attribute_filter=_curriculum_attribute)


def text(html: str) -> str:
    """HTML converted from Markdown, with only allowlisted elements, attributes and URL schemes left (a <script>
    or <style> is removed with its content)."""
    return _CLEANER.clean(_aligned(html))


def curriculum_text(html: str) -> str:
    """As text(), for curriculum text: its ids, too, are only the author's own (OWN_PREFIX)."""
    return _CURRICULUM_CLEANER.clean(_aligned(html))


def _aligned(html: str) -> str:
    return _ALIGN.sub(lambda m: f' class="{ALIGN_CLASS.format(m.group(1))}"', html)
