"""Definition tooltips: for Korean terms followed by a particle, and never inside a heading or title.

The `abbr` extension marks a term only where it stands as a whole word. In Korean a particle
is written onto the noun ("고객 서비스를", "공감은"), so a term would almost never get its
tooltip. This extension replaces abbr's tree processor with one that also accepts a term
ending in Hangul when one or two particles follow it; the particle stays outside the <abbr>.
It also leaves headings, and elements marked with the class `hb-title`, as they are: a dotted
underline inside a title reads as a mistake (and headings become the tab title and the nav).
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.util import AtomicString

# Case markers and common particles, longest first so the alternation prefers them
PARTICLES = sorted((
    "이", "가", "을", "를", "은", "는", "의", "에", "에서", "에게", "께", "께서", "한테", "와", "과", "랑",
    "이랑", "도", "만", "로", "으로", "로서", "으로서", "로써", "으로써", "까지", "부터", "처럼", "보다",
    "이나", "나", "이란", "란", "이라", "라", "이다", "입니다", "이며", "이고", "이에요", "예요", "요",
), key=len, reverse=True)
_PARTICLE = "|".join(PARTICLES)
# After a term: a word boundary, or (after Hangul) one or two particles and then a word boundary
_END = rf"(?:\b|(?<=[가-힣])(?=(?:{_PARTICLE})(?:{_PARTICLE})?\b))"
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
TITLE_CLASS = "hb-title"


def terms_pattern(terms: list[str]) -> re.Pattern:
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives}){_END}")


class _ParticleAbbrTreeprocessor(AbbrTreeprocessor):
    def run(self, root):
        if not self.abbrs:
            return
        self.RE = terms_pattern(list(self.abbrs))
        self.iter_element(root)

    def iter_element(self, el, parent=None):
        if el.tag in HEADINGS or TITLE_CLASS in (el.get("class") or "").split():
            _freeze_inside(el)  # the text after the title (its tail) still gets tooltips
        for child in reversed(el):
            self.iter_element(child, el)
        if el.text and not isinstance(el.text, AtomicString):
            el.text, marked = self._marked(el.text)
            el[0:0] = marked
        if parent is not None and el.tail and not isinstance(el.tail, AtomicString):
            el.tail, marked = self._marked(el.tail)
            index = list(parent).index(el) + 1
            parent[index:index] = marked

    def _marked(self, text: str) -> tuple[str, list]:
        """The text up to the first term, and an <abbr> for each term (its tail runs to the next).
        A name with an empty meaning (the program's title) is matched but left as it is."""
        marked = []
        for m in reversed(list(self.RE.finditer(text))):
            if self.abbrs[m.group(0)]:
                marked.insert(0, self.create_element(self.abbrs[m.group(0)], m.group(0), text[m.end():]))
                text = text[:m.start()]
        return text, marked


# Atomic strings are left alone by abbr, as by every other Markdown processor
def _freeze_inside(el) -> None:
    if el.text:
        el.text = AtomicString(el.text)
    for child in el:
        _freeze_inside(child)
        if child.tail:
            child.tail = AtomicString(child.tail)


class ParticlesExtension(Extension):
    """Load after `abbr`: takes over its tree processor, sharing its abbreviations."""

    def extendMarkdown(self, md):
        abbreviations = md.treeprocessors["abbr"].abbrs
        md.treeprocessors.register(_ParticleAbbrTreeprocessor(md, abbreviations), "abbr", 7)
