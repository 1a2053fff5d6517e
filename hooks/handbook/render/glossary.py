"""Definitions as Markdown abbreviations, so every term gets a tooltip on every page."""

from __future__ import annotations

import re

from ..model import Definition
from .environment import sentence_case


def plain(markdown: str) -> str:
    """The text of a definition without Markdown syntax, for a tooltip."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[*_`#>]+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def glossary(definitions: tuple[Definition, ...], names: tuple[str, ...] = ()) -> dict[str, str]:
    """Each term's written forms and its tooltip text: the `abbr` extension's glossary.

    `names` (the program's title, the organization's name) get no tooltip, nor do the terms inside
    them: they are listed with an empty meaning, which render/particles.py matches and leaves alone.

    Given once to the extension, not appended to every page as `*[term]: ...` lines, which Markdown
    would parse again on each page: a cost of pages × definitions that large programs feel.
    """
    terms = {}
    for d in definitions:
        meaning = plain(d.definition)
        title_case = " ".join(sentence_case(word) for word in d.term.split())  # as in "Customer Service Excellence"
        for form in (d.term, sentence_case(d.term), title_case):
            terms[form] = meaning
    return {**terms, **{name: "" for name in names if name not in terms}}
