"""One build's state, typed: what the MkDocs hook (hooks/handbook_hooks.py) knows about the build it runs.

MkDocs keeps the hook module loaded across `mkdocs serve` rebuilds, so nothing of a build may outlive it: the
hook makes one Build per build, in on_config, and keeps it on that build's config (config.extra, under BUILD,
where the theme's templates read it too: overrides/404.html, overrides/partials/handbook-problems.html).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .model import Handbook
from .problems import Problem
from .publish.pdf import Made
from .render.page import Page
from .render.tooltips import Tooltips
from .settings import Settings

BUILD = "handbook"  # the key under config.extra


@dataclass
class Build:
    settings: Settings
    words: dict[str, str]  # the words pages write themselves, in the program's language
    pages: list[Page]  # the generated pages (or, with problems, the one page that lists them)
    handbook: Handbook | None = None  # None under `mkdocs serve` while the curriculum has problems ...
    problems: list[Problem] = field(default_factory=list)  # ... which the problems page lists
    tooltips: Tooltips | None = None  # the glossary's, for a page written by hand in docs/
    plain: Callable[[str], str] = str  # a title's plain-text form (render.Text.plain), for what the theme shows
    media: dict[str, Path | bytes] = field(default_factory=dict)  # videos and captions: uri → checked file or bytes
    brand_files: dict[str, str | bytes] = field(default_factory=dict)  # generated stylesheet and logo: uri → content
    theme: Any = None  # the theme's Jinja environment, for the inline scripts it writes
    shim: str = ""  # the iframe-worker shim's source, for the script it writes into its frame
    policies: dict[tuple[str, bool, str], str] = field(default_factory=dict)  # (base_url, a page?, @page) → its CSP
    pdf_styles: list[str] = field(default_factory=list)  # the stylesheets a PDF is made with
    pdfs: dict[str, Made] = field(default_factory=dict)  # the PDFs made: site uri → cached PDF
    generated: dict[str, Page] = field(init=False)  # the pages by source uri

    def __post_init__(self) -> None:
        self.generated = {page.uri: page for page in self.pages}

    @property
    def preview(self) -> bool:
        """Served by `mkdocs serve`: problems show in the browser, and pages carry its live-reload script."""
        return self.settings.command == "serve"
