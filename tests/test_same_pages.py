"""The pages, written as HTML with each curriculum text converted once, show readers exactly what the same
pages written by hand in Markdown show (scripts/handwritten/, the benchmark's baseline): the same text
on every page, the same tooltips on the same words, the same headings with the same anchors, the same
links. Built both ways from the default curriculum (trainer's edition: every page there is) and compared
page by page, as parsed HTML."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from handbook import load_handbook
from support import BUILD_DATE_EPOCH, DEFAULT_CURRICULUM, KOREAN_CURRICULUM, ROOT, build_or_fail, environment

sys.path.insert(0, str(ROOT / "scripts"))
import handwritten  # noqa: E402

BUILD_DATE = dt.datetime.fromtimestamp(int(BUILD_DATE_EPOCH), dt.timezone.utc).date()


class Reading(HTMLParser):
    """What a reader gets from a page's <article>: its text, its tooltips, its headings' anchors, its links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article> when > 0
        self.words: list[str] = []
        self.tooltips: list[tuple[str, str]] = []
        self.anchors: list[str] = []
        self.links: list[str] = []
        self._abbr: str | None = None
        self._unread = 0  # inside a <style> or <script>: not text anyone reads

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag in ("style", "script"):
            self._unread += 1
        if tag == "abbr":
            self._abbr = attrs.get("title", "")
        if re.fullmatch(r"h[1-6]", tag):
            self.anchors.append(attrs.get("id", ""))
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        if tag in ("style", "script") and self.depth:
            self._unread -= 1

    def handle_data(self, data):
        if not self.depth or self._unread:
            return
        self.words.extend(data.split())
        if self._abbr is not None:
            self.tooltips.append((data, self._abbr))
            self._abbr = None


def reading(page: Path) -> Reading:
    parsed = Reading()
    parsed.feed(page.read_text(encoding="utf-8"))
    return parsed


@pytest.fixture(scope="module")
def by_hand(tmp_path_factory) -> dict[str, Path]:
    """The default and Korean handbooks' pages written by hand, built by plain MkDocs."""
    sites = {}
    for name, curriculum in (("default", DEFAULT_CURRICULUM), ("korean", KOREAN_CURRICULUM)):
        folder = tmp_path_factory.mktemp(f"by-hand-{name}")
        config = handwritten.write_site(folder, load_handbook(curriculum)[0], BUILD_DATE)
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--config-file", str(config), "--site-dir",
                                 str(folder / "site")], cwd=ROOT, env=environment(curriculum), capture_output=True, text=True,
                                timeout=600)
        assert result.returncode == 0, result.stderr
        sites[name] = folder / "site"
    return sites


@pytest.fixture(scope="module")
def ours(tmp_path_factory) -> dict[str, Path]:
    """The same two handbooks built by the hook (no PDFs: a printable page then starts with its download link)."""
    return {name: build_or_fail(curriculum, tmp_path_factory.mktemp(f"html-{name}") / "site", "trainers")
            for name, curriculum in (("default", DEFAULT_CURRICULUM), ("korean", KOREAN_CURRICULUM))}


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")


def test_every_page_reads_the_same_as_written_by_hand(ours, by_hand):
    site, theirs = ours["default"], by_hand["default"]
    assert _pages(site) == _pages(theirs)
    for page in _pages(site):
        mine, hand = reading(site / page), reading(theirs / page)
        assert mine.words == hand.words, f"{page}: the text differs"
        assert mine.tooltips == hand.tooltips, f"{page}: the tooltips differ"
        assert mine.anchors == hand.anchors, f"{page}: the headings' anchors differ"
        assert mine.links == hand.links, f"{page}: the links differ"


def test_korean_pages_read_the_same_as_written_by_hand(ours, by_hand):
    """Korean text, headings and links (plain Markdown's abbr does not know Korean particles, so the
    tooltips are the handbook's own: test_korean.py checks them)."""
    site, theirs = ours["korean"], by_hand["korean"]
    assert _pages(site) == _pages(theirs)
    for page in _pages(site):
        mine, hand = reading(site / page), reading(theirs / page)
        assert mine.words == hand.words, f"{page}: the text differs"
        assert mine.anchors == hand.anchors, f"{page}: the headings' anchors differ"
        assert mine.links == hand.links, f"{page}: the links differ"
