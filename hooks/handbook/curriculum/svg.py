"""An SVG image rebuilt from an allowlist: what is published is written here, never the author's bytes.

Filtering a file for what is dangerous misses what the filter does not know (CSS escapes such as `u\\72l(`,
`@\\69mport`, a `url()` in an attribute). So the file is parsed (defusedxml: no entities, no outside DTD) and
a new one written holding only drawing: allowed elements and attributes, no style sheet, no event, no link to
anything but the image's own parts (`#id`) or an embedded raster image, no CSS escape. Inline `style="..."`
(as drawing programs write it) is read by tinycss2, which decodes escapes, and kept as presentation attributes
when each value passes the same test. What would fetch or run something is refused with its reason, so the
author knows; what is merely not drawing (an editor's metadata, a class) is left out.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, SubElement, TreeBuilder, tostring

import defusedxml.ElementTree
import tinycss2
from defusedxml import DefusedXmlException

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
_SVG = "{" + SVG_NAMESPACE + "}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"

ELEMENTS = frozenset("""svg g defs symbol use title desc path rect circle ellipse line polyline polygon text tspan
    linearGradient radialGradient stop clipPath mask pattern marker image filter feGaussianBlur feOffset feBlend
    feFlood feComposite feMerge feMergeNode feColorMatrix feDropShadow""".split())
_UNWRAPPED = frozenset({"a", "switch"})  # their drawing is kept, without the element itself
_TEXT = frozenset({"title", "desc", "text", "tspan"})  # elements whose text is drawn or read out
ATTRIBUTES = frozenset("""id x y x1 y1 x2 y2 cx cy r rx ry fx fy fr width height d points pathLength transform
    viewBox preserveAspectRatio fill fill-opacity fill-rule stroke stroke-width stroke-linecap stroke-linejoin
    stroke-miterlimit stroke-dasharray stroke-dashoffset stroke-opacity opacity clip-path clip-rule mask offset
    stop-color stop-opacity gradientUnits gradientTransform spreadMethod patternUnits patternContentUnits
    patternTransform clipPathUnits maskUnits maskContentUnits font-family font-size font-weight font-style
    font-variant text-anchor dominant-baseline alignment-baseline baseline-shift letter-spacing word-spacing
    text-decoration dx dy rotate textLength lengthAdjust visibility display color vector-effect paint-order
    shape-rendering filter filterUnits primitiveUnits stdDeviation in in2 result mode operator k1 k2 k3 k4
    values type flood-color flood-opacity markerWidth markerHeight refX refY orient markerUnits marker-start
    marker-mid marker-end role aria-label aria-hidden lang href""".split())
# Referring to the image's own parts, or an image embedded in it, is not "outside"
_OWN_PART = re.compile(r"^#[A-Za-z_][\w.-]*$")
_EMBEDDED_RASTER = re.compile(r"^data:image/(png|jpeg|webp);base64,[A-Za-z0-9+/=\s]*$", re.IGNORECASE)
_URL = re.compile(r"url\(", re.IGNORECASE)
_OWN_URL = re.compile(r"url\(\s*(['\"]?)#[A-Za-z_][\w.-]*\1\s*\)", re.IGNORECASE)
# What runs script or shows another document: refused by name, so the author knows what to take out
_ACTIVE = {"script": "a script", "foreignObject": "embedded HTML (foreignObject)", "iframe": "an embedded page",
           "embed": "an embedded object", "object": "an embedded object"}
_ANIMATIONS = frozenset({"set", "animate", "animateMotion", "animateTransform"})
_FETCHING_STYLE = "a style that fetches something outside the file (url() or @import)"
_STYLE_SHEET = ("has a style sheet (<style>), which the site does not publish; save it again with its colours as "
                "presentation attributes (fill=\"#1f5f8b\"), not CSS")

class Unsafe(Exception):
    """Why an SVG is not published: the words after the file's name, as the author reads them."""


def rebuild(data: bytes) -> bytes:
    """The image, written anew from the allowlist; raises Unsafe."""
    source = _parse(data)
    if source.tag != f"{_SVG}svg":
        raise Unsafe("is not an SVG image (its outermost element is not <svg> in the SVG namespace)")
    root = Element("svg", {"xmlns": SVG_NAMESPACE, **_attributes(source)})  # the copy's names carry no namespace
    _children(source, root)
    return tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"


def _parse(data: bytes) -> Element:
    tree = _Tree()
    parser = defusedxml.ElementTree.DefusedXMLParser(target=tree, forbid_dtd=False, forbid_entities=True,
                                                     forbid_external=True)
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException:
        raise Unsafe("declares XML entities or outside references; save it again as plain SVG") from None
    except defusedxml.ElementTree.ParseError as error:
        line, column = error.position
        raise Unsafe(f"is not a well-formed SVG file (XML error at line {line}, column {column + 1}); save it again "
                     f"from the drawing program") from None
    if tree.instructions:
        _refuse("a processing instruction (<?...?>), such as a style sheet from another file")
    return root


class _Tree(TreeBuilder):
    """The element tree, and whether the file has processing instructions (the tree itself drops them)."""

    def __init__(self):
        super().__init__()
        self.instructions: list[str] = []

    def pi(self, target: str, data: str | None = None) -> None:
        self.instructions.append(target)


def _refuse(what: str) -> None:
    raise Unsafe(f"has {what}; an SVG logo may hold only drawing, so save it again without it")


def _children(source: Element, target: Element) -> None:
    """Copy the allowed children of `source` into `target`, depth first; elements of other namespaces (an editor's
    metadata) are left out with all they hold."""
    for child in source:
        tag = child.tag[len(_SVG):] if isinstance(child.tag, str) and child.tag.startswith(_SVG) else ""
        if tag in _ACTIVE:
            _refuse(_ACTIVE[tag])
        if tag in _ANIMATIONS and child.get("attributeName", "").lower().endswith("href"):
            _refuse("an animation that changes a link, which can run script")
        if tag == "style":
            if _fetches(child.text or ""):
                _refuse(_FETCHING_STYLE)
            raise Unsafe(_STYLE_SHEET)
        if tag in _UNWRAPPED:
            _attributes(child)  # checked all the same: an outside link is refused, not quietly dropped
            _children(child, target)
        elif tag in ELEMENTS:
            copy = SubElement(target, tag, _attributes(child))
            if tag in _TEXT:
                copy.text = child.text
            if target.tag in ("text", "tspan"):
                copy.tail = child.tail  # the words after a <tspan> are drawn too
            _children(child, copy)


def _fetches(sheet: str) -> bool:
    """Whether a style sheet imports another or names a url() (tinycss2 decodes escapes such as @\\69mport)."""
    rules = tinycss2.parse_stylesheet(sheet, skip_whitespace=True, skip_comments=True)
    return any(rule.type == "at-rule" and rule.lower_at_keyword == "import" for rule in rules) or \
        any(_is_url(token) for rule in rules for part in ("prelude", "content")
            for token in _tokens(getattr(rule, part, None) or ()))


def _attributes(element: Element) -> dict[str, str]:
    """The element's allowed attributes, its inline style read into attributes; refuses what fetches or runs."""
    kept: dict[str, str] = {}
    for name, value in element.attrib.items():
        local = "href" if name == _XLINK_HREF else "" if name.startswith("{") else name
        if local.lower().startswith("on"):
            _refuse("an event attribute (on...), which runs script")
        if local in ("href", "src") and not (_OWN_PART.match(value.strip()) or _EMBEDDED_RASTER.match(value.strip())):
            _refuse("a reference to something outside the file (href or src)")
        if local == "style":
            kept.update(_style(value))
        elif local in ATTRIBUTES:
            kept[local] = _value(value)
    return kept


def _style(text: str) -> dict[str, str]:
    """An inline style's declarations of allowed properties, as attributes (tinycss2 decodes any escape)."""
    found = {}
    for declaration in tinycss2.parse_blocks_contents(text, skip_whitespace=True, skip_comments=True):
        if declaration.type == "at-rule":
            _refuse(_FETCHING_STYLE)
        if declaration.type != "declaration":
            continue
        value = tinycss2.serialize(declaration.value).strip()
        if any(_is_url(token) for token in _tokens(declaration.value)) and not _OWN_URL.fullmatch(value):
            _refuse(_FETCHING_STYLE)
        if declaration.lower_name in ATTRIBUTES and declaration.lower_name not in ("href", "id"):
            found[declaration.lower_name] = _value(value)
    return found


def _is_url(token) -> bool:
    return token.type == "url" or (token.type == "function" and token.lower_name in ("url", "src", "image-set"))


def _tokens(tokens):
    """Every token, those inside functions and blocks included."""
    for token in tokens:
        yield token
        inner = getattr(token, "arguments", None) if token.type == "function" else getattr(token, "content", None)
        if isinstance(inner, list):
            yield from _tokens(inner)


def _value(value: str) -> str:
    """An attribute's value, which the browser may read as CSS: no escape to decode, no url() but to own parts."""
    if "\\" in value:
        _refuse("an escape (\\) in an attribute, which can hide a reference to something outside the file")
    if _URL.search(_OWN_URL.sub("", value)):
        _refuse("a reference to something outside the file (url())")
    return value
