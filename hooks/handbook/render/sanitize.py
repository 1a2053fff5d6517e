"""The sanitizer: what curriculum text produced keeps only safe HTML.

The curriculum check refuses raw HTML, bad link schemes and event attributes at their YAML line;
this is the wall behind it, for whatever a check might miss. `text()` cleans each curriculum text
as it is converted (render/text.py): no <script> or <style> survives it, with its content. The
templates around that text escape every other value. `article()` cleans a page written by hand in
docs/, whose <script> and <style> elements are the author's own and are kept as they are. The
allowlist covers what the templates write themselves (the agreement's form, inputs, buttons and
canvas, the packets' tables).
"""

from __future__ import annotations

import re
import secrets
from urllib.parse import urlsplit

import nh3

TAGS = {
    "a", "abbr", "article", "aside", "b", "blockquote", "br", "button", "canvas", "caption", "code", "col",
    "colgroup", "dd", "del", "details", "dialog", "div", "dl", "dt", "em", "fieldset", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "input", "ins", "kbd", "label",
    "legend", "li", "mark", "meter", "nav", "noscript", "ol", "optgroup", "option", "output", "p", "pre",
    "progress", "q", "s", "section", "select", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "textarea", "tfoot", "th", "thead", "time", "tr", "u", "ul",
    "svg", "path",  # Material's own icons, inlined by pymdownx.emoji: a shape and nothing else
}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir", "role", "hidden", "tabindex"},
    "a": {"href", "download", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"type", "name", "value", "checked", "disabled", "required", "readonly", "autocomplete",
              "autocapitalize", "spellcheck", "placeholder", "accept", "min", "max", "step", "pattern",
              "maxlength", "minlength", "size", "inputmode", "multiple"},
    "button": {"type", "name", "value", "disabled"},
    "form": {"novalidate", "autocomplete"},
    "label": {"for"},
    "output": {"for", "name"},
    "select": {"name", "required", "multiple", "disabled"},
    "option": {"value", "selected", "disabled"},
    "optgroup": {"label", "disabled"},
    "textarea": {"name", "rows", "cols", "required", "placeholder", "readonly", "spellcheck", "autocomplete",
                 "maxlength"},
    "th": {"scope", "colspan", "rowspan", "style"},  # Markdown tables align columns with style="text-align"
    "td": {"colspan", "rowspan", "style"},
    "col": {"span"}, "colgroup": {"span"},
    "ol": {"start", "type", "reversed"}, "li": {"value"},
    "canvas": {"width", "height"},
    "details": {"open"}, "dialog": {"open"}, "time": {"datetime"},
    "progress": {"value", "max"}, "meter": {"value", "min", "max", "low", "high", "optimum"},
    "svg": {"xmlns", "viewBox"}, "path": {"d"},
}
_KEPT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def _outside(value: str) -> bool:
    """Whether a URL makes the browser fetch from somewhere other than the site itself."""
    parts = urlsplit(value.strip())
    return bool(parts.netloc) or parts.scheme.lower() not in ("", "data")


# An image may come only from the site itself (links to other sites are fine: following one is a choice)
def _attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "img" and name == "src" and _outside(value):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=TAGS,
    attributes=ATTRIBUTES,
    generic_attribute_prefixes={"data-", "aria-"},
    url_schemes={"http", "https", "mailto", "tel"},
    link_rel=None,
    strip_comments=True,
    filter_style_properties={"text-align"},
    attribute_filter=_attribute,
)


def text(html: str) -> str:
    """Curriculum text converted to HTML, with only allowlisted elements, attributes and URL schemes left
    (a <script> or <style> is removed with its content: no curriculum text may bring one)."""
    return _CLEANER.clean(html)


def article(html: str) -> str:
    """A page's article HTML with only allowlisted elements, attributes and URL schemes left."""
    kept: list[str] = []
    token = f"hb-kept-{secrets.token_hex(8)}-"  # unguessable, so no text can stand in for a kept element

    def hold(match: re.Match) -> str:
        kept.append(match.group(0))
        return f"{token}{len(kept) - 1}."
    clean = _CLEANER.clean(_KEPT.sub(hold, html))
    return re.sub(rf"{token}(\d+)\.", lambda m: kept[int(m.group(1))], clean)
