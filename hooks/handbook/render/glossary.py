"""The glossary: each defined term's written forms and its tooltip, for every page (tooltips.py)."""

from __future__ import annotations

import re

from ..model import Definition, Handbook
from .environment import sentence_case
from .tooltips import Tooltips


def plain(markdown: str) -> str:
    """The text of a definition without Markdown syntax, for a tooltip."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[*_`#>]+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def glossary(definitions: tuple[Definition, ...], names: tuple[str, ...] = ()) -> dict[str, str]:
    """Each term's written forms and its tooltip text.

    `names` (the program's title, the organization's name) get no tooltip, nor do the terms inside
    them: they are listed with an empty meaning, which tooltips.py matches and leaves alone.
    """
    terms = {}
    for d in definitions:
        meaning = plain(d.definition)
        title_case = " ".join(sentence_case(word) for word in d.term.split())  # as in "Customer Service Excellence"
        for form in (d.term, sentence_case(d.term), title_case):
            terms[form] = meaning
    return {**terms, **{name: "" for name in names if name not in terms}}


def tooltips_of(handbook: Handbook) -> Tooltips:
    """The tooltips of a handbook's pages; the program's title and the organization's name get none."""
    return Tooltips(glossary(handbook.definitions, (handbook.program.title, handbook.organization.name)))
