"""Helpers the tests share: building a site, serving it, reading PDFs back."""

from __future__ import annotations

import functools
import http.server
import io
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import yaml
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CURRICULUM = ROOT / "curriculum"
KOREAN_CURRICULUM = ROOT / "examples" / "lunchtime-lectures-ko" / "curriculum"
MINIMAL_CURRICULUM = ROOT / "tests" / "fixtures" / "minimal"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# A fixed build date, so "last reviewed more than a year ago" does not depend on the day the tests run.
BUILD_DATE_EPOCH = "1793059200"  # 2026-10-27


def build(curriculum: Path, site: Path, *, strict: bool = True, engine: str = "mkdocs",
          date_epoch: str = BUILD_DATE_EPOCH, edition: str = "staff") -> subprocess.CompletedProcess:
    """Run `mkdocs build` the way `make build` does, for a given curriculum folder and edition.

    `engine="properdocs"` builds with ProperDocs, the maintained drop-in fork of MkDocs 1.6."""
    env = {**os.environ, "HANDBOOK_CURRICULUM": str(curriculum), "NO_MKDOCS_2_WARNING": "1",
           "SOURCE_DATE_EPOCH": date_epoch, "PYTHONPATH": str(ROOT / "hooks"), "HANDBOOK_EDITION": edition}
    command = [sys.executable, "-m", engine, "build", "--site-dir", str(site), "--config-file",
               str(ROOT / "mkdocs.yml")]
    if strict:
        command.append("--strict")
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def build_or_fail(curriculum: Path, site: Path, edition: str = "staff") -> Path:
    result = build(curriculum, site, edition=edition)
    assert result.returncode == 0, f"build of the {edition} edition of {curriculum} failed:\n{result.stderr}"
    return site


def copy_curriculum(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class SiteServer:
    """A built site served on localhost, as a web server on an intranet would."""

    def __init__(self, site: Path):
        self.site = site
        handler = functools.partial(_QuietHandler, directory=str(site))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "SiteServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's YAML language server reads it against the JSON Schema: a date stays a string."""


EditorLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page of a PDF."""
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def pdf_page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's (width, height) in points."""
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(io.BytesIO(pdf)).pages]


def print_pdf(page, url: str, *, background: bool = False) -> bytes:
    """Print a page the way the browser's Print / Save as PDF does: paper size and margins come
    from the page's own @page rule, and backgrounds are off, as in Chromium's print dialog."""
    page.goto(url)
    page.evaluate("document.fonts.ready.then(() => true)")
    return page.pdf(prefer_css_page_size=True, print_background=background)


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to it; 404.html aside (it is no page of the handbook)."""
    pages = (p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return sorted(p for p in pages if p != "404.html")


def search(page, query: str) -> None:
    """Search the way a person does (the `/` shortcut, then typing), and wait for the results."""
    page.keyboard.press("/")
    page.keyboard.type(query, delay=20)
    # a locator, not wait_for_function: that evaluates a string, which the pages' Content-Security-Policy forbids
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)


def wait_until(page, predicate: str, arg: object = None, timeout: float = 10_000) -> None:
    """Like page.wait_for_function, but polled from the test: Playwright's own polling evaluates a string in the
    page, which the pages' Content-Security-Policy forbids (page.evaluate is not subject to it)."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(predicate, arg):
        if time.monotonic() > deadline:
            raise TimeoutError(f"still false after {timeout / 1000:.0f} s: {predicate}")
        page.wait_for_timeout(50)
