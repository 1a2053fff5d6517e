"""Definition tooltips for Korean terms, which are usually followed by a particle.

The `abbr` extension marks a term only where it stands as a whole word. In Korean a particle
is written onto the noun ("고객 서비스를", "공감은"), so a term would almost never get its
tooltip. This extension replaces abbr's tree processor with one that also accepts a term
ending in Hangul when one or two particles follow it; the particle stays outside the <abbr>.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.extensions.abbr import AbbrTreeprocessor

# Case markers and common particles, longest first so the alternation prefers them
PARTICLES = sorted((
    "이", "가", "을", "를", "은", "는", "의", "에", "에서", "에게", "께", "께서", "한테", "와", "과", "랑",
    "이랑", "도", "만", "로", "으로", "로서", "으로서", "로써", "으로써", "까지", "부터", "처럼", "보다",
    "이나", "나", "이란", "란", "이라", "라", "이다", "입니다", "이며", "이고", "이에요", "예요", "요",
), key=len, reverse=True)
_PARTICLE = "|".join(PARTICLES)
# After a term: a word boundary, or (after Hangul) one or two particles and then a word boundary
_END = rf"(?:\b|(?<=[가-힣])(?=(?:{_PARTICLE})(?:{_PARTICLE})?\b))"


def terms_pattern(terms: list[str]) -> re.Pattern:
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives}){_END}")


class _ParticleAbbrTreeprocessor(AbbrTreeprocessor):
    def run(self, root):
        if not self.abbrs:
            return
        self.RE = terms_pattern(list(self.abbrs))
        self.iter_element(root)


class ParticlesExtension(Extension):
    """Load after `abbr`: takes over its tree processor, sharing its abbreviations."""

    def extendMarkdown(self, md):
        abbreviations = md.treeprocessors["abbr"].abbrs
        md.treeprocessors.register(_ParticleAbbrTreeprocessor(md, abbreviations), "abbr", 7)
