"""The safe Markdown subset of curriculum text, checked where the author wrote it.

Curriculum text is untrusted: it reaches every reader's browser, the agreement page included.
A field may hold the Markdown the default content uses (emphasis, lists, links, quotes, tables);
raw HTML, links with other schemes (or a mailto: or tel: link without an address or a number),
images from other hosts, attributes other than classes and ids, and classes and ids not of the
author's own (OWN_PREFIX) are refused here, with the Markdown that does the same job. The sanitizer
(render/sanitize.py) and the Content-Security-Policy are the walls behind this check, not a reason
to skip it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..fields import EMAIL_PATTERN, PHONE_PATTERN

LINK_SCHEMES = ("http", "https", "mailto", "tel")
# Internal references: `[the empathy tip](tip:express-empathy)`; render/links.py resolves them
INTERNAL_SCHEMES = ("session", "tip", "definition", "source", "agreement")

# What to write instead of a tag, by tag name
_INSTEAD = {
    **dict.fromkeys(("b", "strong"), "write **bold text** instead"),
    **dict.fromkeys(("i", "em", "cite"), "write *italic text* instead"),
    "a": "write a link as [words](https://example.org) or [words](tip:some-id)",
    "img": "images come only from the handbook itself: write ![description](assets/images/name.png)",
    "br": "end the line with two spaces, or leave an empty line for a new paragraph",
    "p": "leave an empty line between paragraphs",
    **dict.fromkeys(("ul", "li"), 'start each item on its own line with "- "'),
    "ol": 'start each item on its own line with "1. "',
    "blockquote": 'start the quoted lines with "> "',
    **dict.fromkeys(("code", "tt", "kbd"), "write `code` between backticks"),
    "pre": "write code between lines of three backticks (```)",
    "hr": 'write "---" on a line of its own',
    **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6"), "write **bold text** on a line of its own"),
    **dict.fromkeys(("table", "tr", "td", "th", "thead", "tbody"), "write a Markdown table (| a | b |)"),
    **dict.fromkeys(("script", "noscript"), "curriculum text cannot run scripts"),
    **dict.fromkeys(("style", "link", "font", "span", "div", "center", "u"),
                    "curriculum text cannot change the page's styles; write plain Markdown"),
    **dict.fromkeys(("iframe", "embed", "object", "video", "audio", "source", "frame", "frameset", "svg", "math"),
                    "embedded content is not allowed; link to it instead: [words](https://example.org)"),
    **dict.fromkeys(("form", "input", "button", "select", "textarea"), "curriculum text cannot add form fields"),
}
_DEFAULT_INSTEAD = "write plain Markdown instead"

# Code is shown as it is written, so what it holds is never markup
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ ]{0,3}\1[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)")
_OTHER_MARKUP = re.compile(r"<!--|<![A-Za-z\[]|<\?")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
# [words](target "title") and ![alt](target); the target may hold one level of parentheses
_INLINE_LINK = re.compile(r"(!?)\[(?:[^\]\\\n]|\\.)*\]\(\s*(<[^>\n]*>|(?:[^\s()]|\([^\s()]*\))*)")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.MULTILINE)
_ATTRIBUTES = re.compile(r"\{(:?)[ \t]*([^{}\n]*?)[ \t]*\}")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# The start of every class and id curriculum text sets: the page's own (hb-, md-, __search ...) never start so
OWN_PREFIX = "my-"
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop these inside a URL ("java\tscript:")


@dataclass(frozen=True)
class Finding:
    """Something a field holds, at `offset` in its text: a refusal (`message`) or a link to check later."""
    offset: int
    snippet: str  # the text as written, to point at in the file
    message: str = ""
    target: str = ""  # a link's target, for links the rules check against the ids and pages


def check(text: str) -> list[Finding]:
    """Refusals and links in one field's text; empty for text with no markup at all."""
    if not any(c in text for c in "<[{&"):
        return []
    visible = _mask_code(text)
    found = [*_raw_html(visible, text), *_links(visible, text), *_attributes(visible, text)]
    return sorted(found, key=lambda f: f.offset)


def scheme(target: str) -> str:
    """The scheme of a link target as a browser reads it ("" for a relative link), lowercased."""
    match = _SCHEME.match(_INVISIBLE.sub("", html.unescape(target)))
    return match.group(1).lower() if match else ""


def _mask_code(text: str) -> str:
    """The text with code blocks and code spans blanked out (same length, so offsets stay true)."""
    def blank(match: re.Match) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))
    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, text))


def _raw_html(visible: str, text: str) -> list[Finding]:
    found = []
    autolinks = {m.start() for m in _AUTOLINK.finditer(visible)}
    named: set[str] = set()  # one problem per tag: <b> and its </b> are one mistake
    for match in _TAG.finditer(visible):
        name = match.group(2).lower()
        if match.start() in autolinks or name in named:
            continue
        named.add(name)
        snippet = text[match.start():match.end()]
        found.append(Finding(match.start(), snippet, f"raw HTML is not allowed: <{match.group(1)}{name}>; "
                                                      f"{_INSTEAD.get(name, _DEFAULT_INSTEAD)}"))
    for match in _OTHER_MARKUP.finditer(visible):
        what = "HTML comments are" if match.group(0) == "<!--" else "raw HTML is"
        found.append(Finding(match.start(), match.group(0), f"{what} not allowed; write plain Markdown "
                                                             "(a YAML comment starts a line with #)"))
    return found


def _links(visible: str, text: str) -> list[Finding]:
    found = []
    for match in _INLINE_LINK.finditer(visible):
        found += _link(match.start(2), text[match.start(2):match.end(2)], image=bool(match.group(1)))
    for match in _REFERENCE.finditer(visible):
        found += _link(match.start(1), text[match.start(1):match.end(1)], image=False)
    for match in _AUTOLINK.finditer(visible):
        found += _link(match.start(1), text[match.start(1):match.end(1)], image=False)
    return found


def _link(offset: int, written: str, image: bool) -> list[Finding]:
    target = written[1:-1] if written.startswith("<") and written.endswith(">") else written
    if not target:
        return [Finding(offset, written, "this link has no target; write [words](https://example.org)")]
    kind = scheme(target)
    if image:
        if kind or target.startswith("//"):
            return [Finding(offset, written, f'images come only from the handbook itself, not from "{target}"; '
                                             "link to it instead: [words](https://example.org)")]
        if written.startswith("<"):
            return [Finding(offset, written, f"write the image's path {written} without the angle brackets")]
        return [Finding(offset, written, target=target)]
    if target.startswith("//"):
        return [Finding(offset, written, f'write the link "{target}" with its scheme, like https:{target}')]
    if kind and kind not in LINK_SCHEMES + INTERNAL_SCHEMES:
        return [Finding(offset, written, f'the link "{target}" uses "{kind}:"; links may use '
                                         f"{', '.join(k + ':' for k in LINK_SCHEMES)} or point inside the handbook "
                                         f"by id ({', '.join(k + ':' for k in INTERNAL_SCHEMES)})")]
    if kind in ("mailto", "tel"):
        return _contact_link(offset, written, target, kind)
    if kind in LINK_SCHEMES:
        return []
    if written.startswith("<"):
        return [Finding(offset, written, f"write the link {written} without the angle brackets")]
    return [Finding(offset, written, target=target)]


def _contact_link(offset: int, written: str, target: str, kind: str) -> list[Finding]:
    """A mailto: link carries one email address (and maybe ?subject=...), a tel: link one phone number."""
    value = html.unescape(target)[len(kind) + 1:]
    if kind == "mailto" and re.match(EMAIL_PATTERN, value.split("?", 1)[0]):
        return []
    if kind == "tel" and re.match(PHONE_PATTERN, value):
        return []
    what = "an email address, like mailto:training@example.org" if kind == "mailto" else \
        "a phone number, like tel:+15550100123"
    return [Finding(offset, written, f'the link "{target}" must carry {what}')]


def _attributes(visible: str, text: str) -> list[Finding]:
    """`{: .class #id }` (attr_list) may set classes and ids of the author's own (OWN_PREFIX), nothing else: the
    page's scripts and the theme find their elements by theirs."""
    found = []
    for match in _ATTRIBUTES.finditer(visible):
        tokens = re.findall(r'[^\s=]+=(?:"[^"]*"|\'[^\']*\'|\S*)|\S+', match.group(2))
        looks_like = match.group(1) or any(t[0] in ".#" or "=" in t for t in tokens)
        bad = [t for t in tokens if t[0] not in ".#" or "=" in t] if looks_like else \
            [t for t in tokens if t.lower().startswith("on")]
        if bad:
            found.append(Finding(match.start(), text[match.start():match.end()],
                                 f'"{{...}}" after text may set only classes (.name) and ids (#name); found "{bad[0]}"'))
        elif looks_like and (theirs := [t for t in tokens if not t[1:].startswith(OWN_PREFIX)]):
            found.append(Finding(match.start(), text[match.start():match.end()],
                                 f'a class or id written in curriculum text starts with "{OWN_PREFIX}" (like '
                                 f'.{OWN_PREFIX}note or #{OWN_PREFIX}intro), so that it never takes the place of '
                                 f'one the page, the theme or its scripts use; found "{theirs[0]}"'))
    return found
