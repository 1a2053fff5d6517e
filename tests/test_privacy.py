"""No request leaves the site: every page loaded in Chromium with interception, and a scan of what site/ references.

A handbook is read on intranets and by patients' front-desk staff; a font from a CDN or an
analytics script would tell a third party who reads what, and break where the internet is blocked.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from handbook import load_handbook
from page_checks import load_everything
from support import DEFAULT_CURRICULUM, search
from tour import touring

# Attributes through which HTML makes the browser fetch something (links a person follows, <a href>, are not fetches)
FETCHING = {
    "script": ("src",), "link": ("href",), "img": ("src", "srcset"), "source": ("src", "srcset"),
    "video": ("src", "poster"), "audio": ("src",), "track": ("src",), "iframe": ("src",), "embed": ("src",),
    "object": ("data",), "input": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
    "form": ("action",),
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


def is_outside(reference: str) -> bool:
    """Whether a reference points away from the site (another host, or any scheme but data: and blob:)."""
    parts = urlsplit(reference.strip())
    return bool(parts.netloc) or parts.scheme.lower() not in ("", "data", "blob")


class _References(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in FETCHING.get(tag, ()):
            value = values.get(name) or ""
            self.found += [v.split()[0] for v in value.split(",") if v.strip()] if name == "srcset" else [value]
        if "style" in values:
            self.found += css_references(values["style"] or "")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.found += re.findall(r"url=(\S+)", values.get("content") or "", re.IGNORECASE)
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.found += css_references(data)


def css_references(css: str) -> list[str]:
    return [a or b for a, b in CSS_URL.findall(css)]


def outside_references(site: Path) -> list[str]:
    """Every script, style, font, image or frame that a file of the site would fetch from elsewhere."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            parser = _References()
            parser.feed(path.read_text(encoding="utf-8"))
            references = parser.found
        elif path.suffix == ".css":
            references = css_references(path.read_text(encoding="utf-8"))
        else:
            continue
        found += [f"{path.relative_to(site)}: {r}" for r in references if r and is_outside(r)]
    return found


def test_the_scan_finds_outside_scripts_styles_fonts_and_images(tmp_path):
    (tmp_path / "index.html").write_text(
        '<html><head><script src="https://cdn.example/x.js"></script>'
        '<link rel="stylesheet" href="//fonts.example/css"><style>@import "https://x.example/a.css";</style></head>'
        '<body><img srcset="a.png 1x, https://img.example/b.png 2x"><a href="https://fine.example/">a link</a>'
        '<div style="background: url(https://img.example/c.png)"></div><img src="data:image/png;base64,AA=="></body>')
    (tmp_path / "site.css").write_text('@font-face { src: url("https://fonts.example/f.woff2") } .a { background: url(a.png) }')
    assert outside_references(tmp_path) == [
        "index.html: https://cdn.example/x.js", "index.html: //fonts.example/css", "index.html: https://x.example/a.css",
        "index.html: https://img.example/b.png", "index.html: https://img.example/c.png",
        "site.css: https://fonts.example/f.woff2"]


def test_the_built_site_references_nothing_outside(default_site):
    found = outside_references(default_site)
    assert not found, "the site would fetch from outside:\n" + "\n".join(found)


class Guard:
    """A browser page whose every request outside the site is recorded (with the page it came from) and refused."""

    def __init__(self, context, site_url: str):
        self.site_url = site_url
        self.where = ""
        self.outside: list[str] = []
        context.route("**/*", self._route)
        context.on("request", self._record)
        self.page = context.new_page()

    def _inside(self, url: str) -> bool:
        return url.startswith((self.site_url, "data:", "blob:"))

    def _route(self, route) -> None:
        route.continue_() if self._inside(route.request.url) else route.abort()

    def _record(self, request) -> None:
        if not self._inside(request.url):
            self.outside.append(f"{self.where}: {request.url}")


@pytest.fixture
def guard(context, default_server) -> Guard:
    return Guard(context, default_server.url)


def visit(page, url: str) -> None:
    """A page on screen and everything it loads (the page before was left printed: load_everything)."""
    page.emulate_media(media="screen")
    page.goto(url)
    load_everything(page)


@touring()
def test_no_page_requests_anything_outside_the_site(toured):
    """Every page, with everything it loads on screen, when scrolled to its end, and when printed (tour.py)."""
    found = [f"{uri}: {url}" for uri, seen in toured.seen.items() for url in seen.outside]
    assert not found, "requests outside the site:\n" + "\n".join(found)


def test_search_requests_nothing_outside_the_site(guard):
    guard.page.goto(guard.site_url + "index.html")
    guard.where = "search results"
    search(guard.page, load_handbook(DEFAULT_CURRICULUM)[0].tips[0].title)
    guard.page.wait_for_load_state("networkidle")
    assert not guard.outside, "requests outside the site:\n" + "\n".join(guard.outside)


def test_the_guard_notices_an_outside_request(guard, default_server):
    guard.where = "index.html"
    guard.page.goto(default_server.url + "index.html")
    guard.page.evaluate("() => { const img = new Image(); img.src = 'https://tracker.example/pixel.gif'; }")
    guard.page.wait_for_timeout(300)
    assert guard.outside == ["index.html: https://tracker.example/pixel.gif"]
