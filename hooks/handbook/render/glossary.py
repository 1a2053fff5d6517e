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


def abbreviations(definitions: tuple[Definition, ...]) -> str:
    """Lines to append to a page's Markdown (the `abbr` extension turns them into tooltips)."""
    lines = []
    for d in definitions:
        meaning = plain(d.definition)
        for form in dict.fromkeys((d.term, sentence_case(d.term))):
            lines.append(f"*[{form}]: {meaning}")
    return "\n\n" + "\n".join(lines) + "\n" if lines else ""
