"""The benchmark's synthetic programs are valid curricula of the size asked for (so `make bench` keeps working)."""

from __future__ import annotations

import re
import subprocess
import sys

from handbook import load_handbook, locale
from handbook.render import Text, navigation, render_pages
from support import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import baseline  # noqa: E402
import synthetic  # noqa: E402

LARGE = 15  # sessions: more than render.page.LISTED_IN_FULL, so home and the guide list them compactly


def test_a_synthetic_program_loads_renders_and_groups_its_sessions_in_the_nav(tmp_path):
    folder = synthetic.write_curriculum(tmp_path / "curriculum", 45)
    handbook, warnings = load_handbook(folder)
    assert len(handbook.sessions) == 45 and [w for w in warnings if w.severity != "notice"] == []  # reading notices
    assert all(any(b.scenario for b in s.agenda) and s.tips and s.definitions for s in handbook.sessions)
    pages = render_pages(handbook)
    nav = navigation(pages, locale.words("en"), Text().plain)
    sessions = next(entry["Sessions"] for entry in nav if isinstance(entry, dict) and "Sessions" in entry)
    assert [next(iter(group)) for group in sessions] == ["Sessions 1–20", "Sessions 21–40", "Sessions 41–45"]


def test_the_benchmark_runs_and_prints_its_ratio_and_page_weights():
    command = [sys.executable, str(ROOT / "scripts" / "bench.py"), "--sizes", "5", "--runs", "1", "--no-pdf",
               "--no-serve", "--no-lighthouse", "--no-scale", "--page-opens", "2"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "5 sessions: CPU ours / by hand = " in result.stdout
    assert "home " in result.stdout and "search index " in result.stdout
    assert "baseline: the built pages converted back to Markdown with markdownify" in result.stdout
    assert "where the hand-kept templates it replaced took 27.2 s" in result.stdout
    opened = r"5 sessions, 2 pages opened .*: Material's search worker [\d.]+ s CPU, search on demand [\d.]+ s: [\d.]+x"
    assert re.search(opened, result.stdout), result.stdout


def test_a_large_program_lists_its_sessions_compactly(tmp_path):
    """Home and the trainer's guide of a large program: one line per session, no card or agenda each."""
    book = load_handbook(synthetic.write_curriculum(tmp_path / "curriculum", LARGE))[0]
    pages = {p.uri: p for p in render_pages(book, edition="trainers")}
    home, guide = pages["index.md"].html, pages["trainers-guide.md"].html
    assert home.count("hb-session-cards") == 0 and home.count("<li><a href=") >= LARGE
    assert guide.count("packet-agenda") == 0 and "facilitator packet" in guide


def test_the_baseline_writes_a_built_article_back_as_markdown():
    """What Markdown can say becomes Markdown, links to pages point at their Markdown files; a form stays HTML."""
    article = ('<h1 id="x">Welcome</h1><p>See <a href="../tips.html#calm">the <em>tips</em></a> and '
               '<a href="https://example.org/a.html">this</a>.</p><ul><li>one</li><li>two</li></ul>'
               '<form class="hb-sign"><a href="verify.html">check</a><button type="button">Sign</button></form>')
    markdown = baseline.markdown_of(article)
    assert markdown.startswith("# Welcome\n")
    assert "[the *tips*](../tips.md#calm)" in markdown and "(https://example.org/a.html)" in markdown
    assert "- one\n- two" in markdown
    assert '<form class="hb-sign"><a href="verify.html">check</a><button type="button">Sign</button></form>' in markdown


def test_at_300_sessions_pages_stay_light_and_search_holds_each_text_once(tmp_path):
    """The trainer's edition of a 300-session program: the definitions page names the sessions that use a term by
    number, as the tips page does, so no article nears 250 KB (`make bench` weighs the built pages, theme and
    nav included, and the search index); packets, handouts and run views stay out of search, which finds the
    session page that holds the same text."""
    book = load_handbook(synthetic.write_curriculum(tmp_path / "curriculum", 300))[0]
    pages = {p.uri: p for p in render_pages(book, edition="trainers")}
    heaviest = max(pages.values(), key=lambda p: len(p.html.encode()))
    # the theme and the pruned nav add about 25 KB to the article: a built page stays under 250 KB
    assert len(heaviest.html.encode()) < 225 * 1024, (heaviest.uri, len(heaviest.html.encode()))
    definitions = pages["definitions.md"].html
    assert "<em>Used in:</em> Sessions " in definitions
    assert len(definitions.encode()) < len(pages["tips.md"].html.encode())
    kept_out = {uri for uri, page in pages.items() if page.meta.get("search") == {"exclude": True}}
    assert {uri for uri in pages if uri.endswith(("/facilitator.md", "/handout.md", "/run.md"))} <= kept_out
    assert not {uri for uri in pages if uri.count("/") == 1 and uri.startswith("sessions/")} & kept_out
