"""The lean HTML a PDF is made from: a page's article alone, without Material's page shell.

WeasyPrint cannot lay out Material's page shell (its flex containers), so a PDF is made from the
page's article: its HTML (which carries the page's own `@page` rule), the language and the title,
and beside it the stylesheets, which every PDF of a build shares (pdf.py parses each once).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Iterable

# Korean breaks lines between words (print.css: word-break: keep-all), which WeasyPrint does not
# support: the letters of each Korean word are joined by WORD JOINER (U+2060), which forbids a break
# between them, draws nothing and does not enter the PDF's text (a span per word that does not break
# did the same, and made the Korean PDFs three times as slow to make).
KEEP_WORDS = {"ko"}
WORD_JOINER = "\u2060"
# A PDF runs no script, and its reader needs no advice on turning scripts on
PDF_STYLE = "noscript { display: none; }"
# A link to another page of the site leads nowhere from a PDF that was downloaded or sent on:
# its text stays, its address goes. Links to elsewhere (https:, mailto:) and within the page stay.
_SITE_LINK = re.compile(r'(<a\b[^>]*?)\s+href="(?![a-zA-Z][a-zA-Z0-9+.-]*:|#)[^"]*"')
_MARKUP = re.compile(r"(<style\b.*?</style>|<script\b.*?</script>|<[^>]*>)", re.S | re.I)
_HANGUL_WORD = re.compile(r"(?:&#?\w+;|[^\s<>&])*[\uac00-\ud7a3](?:&#?\w+;|[^\s<>&])*")
_LETTER = re.compile(r"&#?\w+;|.")  # a letter of a word, or a character reference, kept whole


MATERIAL_CSS = re.compile(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css")  # Material's own typography


class StylesheetError(Exception):
    """The theme no longer has the one stylesheet the PDFs take their typography from."""


def stylesheet_uris(site_files: Iterable[str], extra_css: Iterable[str]) -> list[str]:
    """The stylesheets of a PDF, in order: Material's typography, then the handbook's own, print rules included."""
    material = [uri for uri in site_files if MATERIAL_CSS.fullmatch(uri)]
    if len(material) != 1:
        raise StylesheetError(f"expected one stylesheet of Material for MkDocs like {MATERIAL_CSS.pattern}, "
                              f"found {material}; has the theme changed?")
    return material + list(extra_css)


@dataclass(frozen=True)
class Lean:
    html: str  # the document, its article's own style (the @page rule) included
    stylesheets: tuple[str, ...]  # the print styles, in order, applied before the article's own


def lean_html(article: str, *, title: str, language: str, stylesheets: Iterable[str]) -> Lean:
    """The document a PDF is made from: the article, its language and title; the print styles beside it."""
    article = _SITE_LINK.sub(r"\1", article)
    if language in KEEP_WORDS:
        article = keep_words(article)
    document = (f'<!doctype html>\n<html lang="{html.escape(language)}">\n<head>\n<meta charset="utf-8">\n'
                f"<title>{html.escape(title)}</title>\n</head>\n"
                f'<body class="handbook-pdf">\n<article class="md-content__inner md-typeset">\n{article}\n'
                f"</article>\n</body>\n</html>\n")
    return Lean(document, (*stylesheets, PDF_STYLE))


def keep_words(article: str) -> str:
    """The article with each Korean word's letters joined so that no line breaks inside it (text only, not markup)."""
    parts = _MARKUP.split(article)
    return "".join(part if odd else _HANGUL_WORD.sub(_joined, part)
                   for odd, part in ((i % 2, p) for i, p in enumerate(parts)))


def _joined(word: re.Match) -> str:
    return WORD_JOINER.join(_LETTER.findall(word.group()))
