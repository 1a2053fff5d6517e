"""The pages, written as HTML with each curriculum text converted once, show readers exactly what the same
pages written by hand in Markdown show (scripts/handwritten/, the benchmark's baseline): the same text
on every page, the same tooltips on the same words, the same headings with the same anchors, the same
links. Built both ways (trainer's edition: every page there is) from the default curriculum, the Korean
example and a synthetic program large enough to be listed compactly, and compared page by page."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from handbook import load_handbook
from handbook.render import render_pages
from support import BUILD_DATE, DEFAULT_CURRICULUM, KOREAN_CURRICULUM, ROOT, build_or_fail, environment

sys.path.insert(0, str(ROOT / "scripts"))
import handwritten  # noqa: E402
import synthetic  # noqa: E402



INLINE = {"a", "abbr", "em", "strong", "code", "span", "b", "i", "kbd", "time", "small", "sub", "sup", "mark"}


class Reading(HTMLParser):
    """What a reader gets from a page's <article>: its text, its tooltips (outside titles), its headings' anchors,
    its links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article> when > 0
        self._text: list[str] = []
        self.tooltips: list[tuple[str, str]] = []
        self.anchors: list[str] = []
        self.links: list[str] = []
        self._abbr: str | None = None
        self._unread = 0  # inside a <style> or <script>: not text anyone reads
        # open headings and .hb-title elements (tag, nesting of that tag): the handbook gives what they hold no
        # tooltip, and plain Markdown's abbr does
        self._titles: list[list] = []

    @property
    def words(self) -> list[str]:
        return "".join(self._text).split()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in INLINE:
            self._text.append(" ")
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag in ("style", "script"):
            self._unread += 1
        if self._titles and tag == self._titles[-1][0]:
            self._titles[-1][1] += 1
        elif re.fullmatch(r"h[1-6]", tag) or "hb-title" in (attrs.get("class") or "").split():
            self._titles.append([tag, 1])
        if tag == "abbr" and not self._titles:
            self._abbr = attrs.get("title", "")
        if re.fullmatch(r"h[1-6]", tag):
            self.anchors.append(attrs.get("id", ""))
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag not in INLINE:
            self._text.append(" ")
        if tag == "article":
            self.depth -= 1
        if tag in ("style", "script") and self.depth:
            self._unread -= 1
        if self._titles and tag == self._titles[-1][0]:
            self._titles[-1][1] -= 1
            if not self._titles[-1][1]:
                self._titles.pop()

    def handle_data(self, data):
        if not self.depth or self._unread:
            return
        self._text.append(data)
        if self._abbr is not None:
            self.tooltips.append((data, self._abbr))
            self._abbr = None


def reading(page: Path) -> Reading:
    parsed = Reading()
    parsed.feed(page.read_text(encoding="utf-8"))
    return parsed


LARGE = 15  # sessions: more than render.page.LISTED_IN_FULL, so home and the guide list them compactly


@pytest.fixture(scope="module")
def curricula(tmp_path_factory) -> dict[str, Path]:
    large = synthetic.write_curriculum(tmp_path_factory.mktemp("large") / "curriculum", LARGE)
    return {"default": DEFAULT_CURRICULUM, "korean": KOREAN_CURRICULUM, "large": large}


def built_both_ways(name: str, curriculum: Path, folder: Path) -> tuple[Path, Path]:
    """The trainer's edition built by the hook (no PDFs: a printable page would start with its download link),
    and the same pages written by hand, built by plain MkDocs."""
    ours = build_or_fail(curriculum, folder / "ours", "trainers")
    config = handwritten.write_site(folder / "by-hand", load_handbook(curriculum)[0], BUILD_DATE)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--config-file", str(config), "--site-dir",
                             str(folder / "by-hand" / "site")], cwd=ROOT, env=environment(curriculum),
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return ours, folder / "by-hand" / "site"


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")


@pytest.mark.parametrize("name", ["default", "korean", "large"])
def test_every_page_reads_the_same_as_written_by_hand(name, curricula, tmp_path):
    """The same text, headings' anchors and links everywhere; the same tooltips where plain Markdown's abbr can
    find them (it does not know Korean particles: test_korean.py checks the handbook's own)."""
    site, theirs = built_both_ways(name, curricula[name], tmp_path)
    assert _pages(site) == _pages(theirs)
    for page in _pages(site):
        mine, hand = reading(site / page), reading(theirs / page)
        assert mine.words == hand.words, f"{page}: the text differs"
        assert mine.anchors == hand.anchors, f"{page}: the headings' anchors differ"
        assert mine.links == hand.links, f"{page}: the links differ"
        if name != "korean":
            assert mine.tooltips == hand.tooltips, f"{page}: the tooltips differ"


def test_a_large_program_lists_its_sessions_compactly(curricula):
    """Home and the trainer's guide of a large program: one line per session, no card or agenda each."""
    book = load_handbook(curricula["large"])[0]
    pages = {p.uri: p for p in render_pages(book, edition="trainers")}
    home, guide = pages["index.md"].html, pages["trainers-guide.md"].html
    assert home.count("hb-session-cards") == 0 and home.count("<li><a href=") >= LARGE
    assert guide.count("packet-agenda") == 0 and "facilitator packet" in guide
