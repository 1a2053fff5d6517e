"""PDFs of the printable pages, made by WeasyPrint from lean HTML (document.py), cached by content.

The same document always makes the same PDF, so a PDF is cached under the hash of that document and
its stylesheets (and of the engine's version) and made again only when it changes. A build's PDFs
share their stylesheets (Material's alone is 140 KB), so each is parsed once, not once per PDF.
"""

from __future__ import annotations

import functools
import hashlib
import html
import os
import shutil
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .. import placeholders
from .document import Lean

VARIANT = "pdf/ua-1"  # tagged, with the document's language and title, for screen readers


class PdfError(Exception):
    """A PDF could not be made; the message says which and why, for the person building."""


@dataclass(frozen=True)
class Made:
    cached: Path  # the PDF in the cache, to be copied into the site
    size: int  # bytes


def pdf_uri(dest_uri: str) -> str:
    """Where a page's PDF sits: next to it, named after it (after its folder, for an index page)."""
    path = Path(dest_uri)
    name = path.parent.name if path.stem == "index" and path.parent.name else path.stem
    return (path.parent / f"{name}.pdf").as_posix()


def make(document: Lean, cache: Path, base_url: str) -> Made:
    """The PDF of a lean HTML document, from the cache when the same document was made before."""
    cached = cache / f"{_key(document)}.pdf"
    if not cached.is_file():
        data = _render(document, base_url)
        try:
            cache.mkdir(parents=True, exist_ok=True)
            partial = cached.with_name(f"{cached.stem}.{os.getpid()}.partial")
            partial.write_bytes(data)
            partial.replace(cached)  # never a half-written PDF in the cache, even with builds side by side
        except OSError as error:
            raise PdfError(f"cannot write the PDF cache {cache}: {error.strerror}") from None
    return Made(cached, cached.stat().st_size)


def copy(made: Made, target: Path) -> None:
    """Put a cached PDF into the site; it keeps the cache's modification time, so an unchanged
    PDF is not new to anything that syncs the site."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(made.cached, target)


def size_text(size: int, words: dict[str, str]) -> str:
    """A file size in the page's words: kilobytes under a megabyte, else megabytes."""
    if size < 1_000_000:
        return placeholders.fill(words["pdf_size_kb"], n=max(1, round(size / 1000)))
    return placeholders.fill(words["pdf_size_mb"], n=f"{size / 1_000_000:.1f}")


def download_link(href: str, size: int, words: dict[str, str]) -> str:
    """The "Download PDF" line a printable page starts with (print.css hides it on paper)."""
    label = placeholders.fill(words["pdf_download"], size=size_text(size, words))
    return (f'<p class="pdf-download"><a href="{html.escape(href)}" download type="application/pdf">'
            f"{html.escape(label)}</a></p>\n")


# -- helpers --------------------------------------------------------------------

def _weasyprint():
    try:
        import weasyprint  # imported here: a build without PDFs needs neither it nor Pango
    except (ImportError, OSError) as error:
        raise PdfError(f"the PDF engine WeasyPrint cannot start ({error}). Run `make setup`; on Debian or "
                       f"Ubuntu it needs Pango (`make build-packages` installs it)") from None
    return weasyprint


def _key(document: Lean) -> str:
    digest = hashlib.sha256(f"{_engine_version()}\n{VARIANT}\n".encode())
    for part in (*document.stylesheets, document.html):
        digest.update(hashlib.sha256(part.encode()).digest())  # each part's hash: no two splits of a text collide
    return digest.hexdigest()


# The engine's version, without loading it (and Pango) when every PDF is in the cache
def _engine_version() -> str:
    try:
        return metadata.version("weasyprint")
    except metadata.PackageNotFoundError:
        raise PdfError("the PDF engine WeasyPrint is not installed: run `make setup`") from None


def _render(document: Lean, base_url: str) -> bytes:
    weasyprint = _weasyprint()
    try:
        # No request leaves the site: a PDF may embed the site's own files, nothing from a network
        fetcher = weasyprint.URLFetcher(allowed_protocols={"file", "data"})
        page = weasyprint.HTML(string=document.html, base_url=base_url, url_fetcher=fetcher)
        # Given apart, the stylesheets are the cascade's user origin, beneath the document's own style: that is
        # the article's @page rule alone, which none of them sets, so each page looks as with them inlined first
        stylesheets = [_stylesheet(css) for css in document.stylesheets]
        return page.write_pdf(stylesheets=stylesheets, pdf_variant=VARIANT, pdf_tags=True)
    except Exception as error:  # the engine's failures reach the person building as one clear line
        raise PdfError(f"WeasyPrint failed: {type(error).__name__}: {error}") from None


@functools.lru_cache(maxsize=32)  # keyed by the stylesheet's text: nothing of one build outlives its own styles
def _stylesheet(css: str):
    return _weasyprint().CSS(string=css)
