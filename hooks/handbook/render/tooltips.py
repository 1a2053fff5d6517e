"""Definition tooltips: each defined term in a piece of HTML's text wrapped in <abbr title="meaning">.

The browser shows an abbreviation's title as a tooltip, as text (Material's own tooltips, `content.tooltips`, are
off: they write a title into the page as HTML). A term is marked where it
stands as a whole word; in Korean a particle is written onto the noun ("고객 서비스를", "공감은"),
so a term ending in Hangul is also marked when one or two particles follow it, the particle left
outside the <abbr>. Headings, elements with the class `hb-title`, code, form controls and the
page's own scripts are left as they are: a dotted underline inside a title reads as a mistake.
A name with an empty meaning (the program's title) is matched but never marked, so the terms
inside it are not either.
"""

from __future__ import annotations

import html
import re

# Case markers and common particles, longest first so the alternation prefers them
PARTICLES = sorted((
    "이", "가", "을", "를", "은", "는", "의", "에", "에서", "에게", "께", "께서", "한테", "와", "과", "랑",
    "이랑", "도", "만", "로", "으로", "로서", "으로서", "로써", "으로써", "까지", "부터", "처럼", "보다",
    "이나", "나", "이란", "란", "이라", "라", "이다", "입니다", "이며", "이고", "이에요", "예요", "요",
), key=len, reverse=True)
_PARTICLE = "|".join(PARTICLES)
# After a term: a word boundary, or (after Hangul) one or two particles and then a word boundary
_END = rf"(?:\b|(?<=[가-힣])(?=(?:{_PARTICLE})(?:{_PARTICLE})?\b))"
TITLE_CLASS = "hb-title"
# Elements whose text keeps no tooltip (with everything inside them)
UNMARKED = {"h1", "h2", "h3", "h4", "h5", "h6", "abbr", "code", "pre", "kbd", "script", "style", "button", "label",
            "textarea", "select", "option", "svg", "canvas"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "path"}
# A tag (its attribute values may hold ">"), or the text between two tags
_TOKEN = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|[^<]+|<""")
_CLASS = re.compile(r"""\sclass=(?:"([^"]*)"|'([^']*)')""")


def terms_pattern(terms: list[str]) -> re.Pattern:
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives}){_END}")


class Tooltips:
    """The glossary of one build: term (as written in HTML text) → its tooltip."""

    def __init__(self, glossary: dict[str, str]):
        self._meanings = {html.escape(term, quote=False): html.escape(meaning) for term, meaning in glossary.items()}
        self._pattern = terms_pattern(list(self._meanings)) if self._meanings else None

    def mark(self, page: str) -> str:
        if self._pattern is None:
            return page
        out, skipping = [], []  # the open elements whose text is left alone, by tag name
        for match in _TOKEN.finditer(page):
            token, name = match.group(0), match.group(2)
            if name is None or token == "<":
                out.append(self._marked(token) if not skipping else token)
                continue
            name = name.lower()
            if match.group(1):  # a closing tag
                if skipping and skipping[-1] == name:
                    skipping.pop()
            elif name not in VOID and not token.endswith("/>"):
                if skipping:
                    if name == skipping[0]:
                        skipping.append(name)  # the same element nested: count it, to close the outer one
                elif name in UNMARKED or _has_title_class(match.group(3)):
                    skipping.append(name)
            out.append(token)
        return "".join(out)

    def _marked(self, text: str) -> str:
        def wrap(match: re.Match) -> str:
            meaning = self._meanings[match.group(0)]
            return f'<abbr title="{meaning}">{match.group(0)}</abbr>' if meaning else match.group(0)
        return self._pattern.sub(wrap, text)


def _has_title_class(attributes: str) -> bool:
    found = _CLASS.search(attributes)
    return bool(found) and TITLE_CLASS in (found.group(1) or found.group(2) or "").split()
