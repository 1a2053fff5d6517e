"""The default handbook builds with --strict, and its pages say what the curriculum says."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest

from handbook import load_handbook
from handbook.render.glossary import plain
from support import DEFAULT_CURRICULUM, MINIMAL_CURRICULUM, ROOT, Serve, build, wait_for, wait_until


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(DEFAULT_CURRICULUM)[0]


def text_of(html_file: Path, titles: bool = True) -> str:
    """The visible text of a built page's article, whitespace folded; without headings and titles if not `titles`."""
    html = html_file.read_text(encoding="utf-8")
    article = html[html.index("<article"): html.index("</article>")]
    article = re.sub(r"<(style|script)\b.*?</\1>", " ", article, flags=re.S)  # not text a reader sees
    if not titles:
        article = re.sub(r'<(h[1-6]|\w+ class="hb-title")\b.*?</(h[1-6]|\w+)>', " ", article, flags=re.S)
    article = re.sub(r"</?(abbr|a|em|strong|code|span)\b[^>]*>", "", article)  # inline: no space
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article)).replace("&amp;", "&").replace("&quot;", '"')


def folded(text: str) -> str:
    return re.sub(r"\s+", " ", plain(text)).replace("“", '"').replace("”", '"')


def test_every_page_kind_exists(default_site, handbook):
    for name in ("index.html", "tips.html", "definitions.html", "sources.html"):
        assert (default_site / name).is_file()
    for session in handbook.sessions:
        assert (default_site / "sessions" / f"{session.id}.html").is_file()


def test_session_pages_show_the_session(default_site, handbook):
    for session in handbook.sessions:
        text = text_of(default_site / "sessions" / f"{session.id}.html")
        assert session.title in text
        for objective in session.objectives:
            assert folded(objective) in text
        for block in session.agenda:
            assert folded(block.title) in text
        for tip_id in session.tips:
            assert folded(handbook.tip(tip_id).title) in text
        for question in session.reflection:
            assert folded(question) in text


def test_no_facilitator_notes_or_hidden_motives_on_staff_pages(default_site, handbook):
    pages = [default_site / "index.html", default_site / "tips.html", default_site / "definitions.html",
             *(default_site / "sessions" / f"{s.id}.html" for s in handbook.sessions)]
    secrets = [b.facilitator for s in handbook.sessions for b in s.agenda if b.facilitator]
    secrets += [r.hidden for s in handbook.sessions for b in s.agenda if b.scenario for r in b.scenario.roles if r.hidden]
    assert secrets
    for page in pages:
        text = text_of(page)
        for secret in secrets:
            first_sentence = folded(secret).split(". ")[0][:60]
            assert first_sentence not in text, f"{page.name} shows facilitator-only text: {first_sentence}"


def test_home_lists_sessions_with_durations(default_site, handbook):
    text = text_of(default_site / "index.html")
    assert handbook.program.title in text and handbook.organization.name in text
    for session in handbook.sessions:
        assert session.title in text
    total = sum(s.duration for s in handbook.sessions)
    assert f"{total} min" in text


def test_tips_link_to_the_sessions_that_teach_them(default_site, handbook):
    html = (default_site / "tips.html").read_text(encoding="utf-8")
    for tip in handbook.tips:
        section = html[html.index(f'id="{tip.id}"'):]
        section = section[: section.index("<h3", 10)] if "<h3" in section[10:] else section
        for session in handbook.sessions_teaching(tip.id):
            assert f'href="sessions/{session.id}.html"' in section, f"{tip.id} does not link to {session.id}"


def test_definitions_carry_attributed_quotes(default_site, handbook):
    text = text_of(default_site / "definitions.html")
    quoted = [d for d in handbook.definitions if d.quote]
    assert quoted
    for d in quoted:
        assert folded(d.quote.text)[:50] in text.replace("“", '"').replace("”", '"')
        assert d.quote.by in text


def test_every_term_has_a_tooltip_wherever_it_appears(default_site, handbook):
    """Wherever a term appears, but in a heading, a title or the program's title: a title is never underlined."""
    pages = sorted(default_site.rglob("*.html"))
    for d in handbook.definitions:
        meaning = plain(d.definition)
        found = 0
        for page in pages:
            html = page.read_text(encoding="utf-8")
            text = text_of(page, titles=False).replace(handbook.program.title, "") if "<article" in html else ""
            if re.search(rf"\b{re.escape(d.term)}\b", text, re.IGNORECASE):
                found += 1
                assert f'<abbr title="{meaning[:40]}' in html.replace("&quot;", '"').replace("&#x27;", "'"), \
                    f"{d.term!r} appears on {page.name} without its tooltip"
        assert found, f"{d.term!r} appears on no page"


def test_search_index_holds_sessions_tips_and_definitions(default_site, handbook):
    docs = json.loads((default_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    corpus = " ".join(re.sub(r"<[^>]+>", " ", d["title"] + " " + d["text"]) for d in docs)
    corpus = re.sub(r"\s+", " ", corpus)
    for session in handbook.sessions:
        assert session.title in corpus
        assert folded(session.objectives[0])[:40] in corpus
    for tip in handbook.tips:
        assert tip.title in corpus
    for d in handbook.definitions:
        assert d.term.lower() in corpus.lower()
    pages = {d["location"].split("#")[0].removesuffix(".html").removesuffix("/") for d in docs}
    assert "sessions/first-impressions" in pages
    assert "trainers-guide" not in pages  # a page that repeats every session would answer every search
    assert not any(p.endswith(("/facilitator", "/handout")) for p in pages)


def test_search_in_the_browser_finds_a_tip_a_term_and_an_objective(default_server, page, handbook):
    tip = handbook.tips[0]
    objective_words = " ".join(handbook.sessions[0].objectives[0].split()[:4])
    for query, expected in ((tip.title, tip.title), (handbook.definitions[0].term, handbook.definitions[0].term),
                            (objective_words, handbook.sessions[0].title)):
        page.goto(default_server.url)
        page.locator(".md-search__input").click()
        page.keyboard.type(query, delay=20)
        results = page.locator(".md-search-result__list")
        results.wait_for(state="visible", timeout=10_000)
        wait_until(page, "document.querySelectorAll('.md-search-result__item').length > 0", timeout=10_000)
        assert expected.lower() in results.inner_text().lower(), f"searching {query!r} did not find {expected!r}"


def test_search_starts_at_the_first_search_not_on_every_page_opened(default_server, page, handbook):
    """Material's search worker builds a lunr index of the whole site as it starts. It starts at a reader's first
    search (search-on-demand.js): a page opened and read builds none, its search box is ready at once, and the
    first search finds what Material's worker finds."""
    page.goto(default_server.url + "tips.html")
    page.locator(".md-search__input").click()
    placeholder = json.loads(page.locator("#__config").text_content())["translations"]["search.result.placeholder"]
    meta = page.locator(".md-search-result__meta")
    wait_for(lambda: meta.inner_text() == placeholder, 10)
    assert meta.inner_text() == placeholder  # not "Initializing search"
    assert [worker.evaluate("typeof lunr") for worker in page.workers] == ["undefined"]

    tip = handbook.tips[0]
    page.keyboard.type(tip.title, delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert tip.title in page.locator(".md-search-result__list").inner_text()
    assert [worker.evaluate("typeof lunr") for worker in page.workers] == ["function"]
    page.locator(".md-search__input").fill("")
    page.locator(".md-search__input").press("Backspace")  # the theme searches on a key's release
    wait_for(lambda: meta.inner_text() == placeholder, 10)
    assert meta.inner_text() == placeholder and page.locator(".md-search-result__item").count() == 0


def test_tooltip_shows_the_definition_on_hover(default_server, page, handbook):
    page.goto(default_server.url + "index.html")
    term = page.locator("article abbr").first
    term.hover()
    meanings = [plain(d.definition)[:30] for d in handbook.definitions]
    assert any(m in term.get_attribute("title") for m in meanings)  # the browser's own tooltip: text, never HTML
    assert page.locator(".md-tooltip2, .md-tooltip").count() == 0


def test_a_bad_curriculum_fails_cleanly_and_leaves_no_site(tmp_path):
    bad = tmp_path / "curriculum"
    shutil.copytree(MINIMAL_CURRICULUM, bad)
    program = bad / "program.yml"
    program.write_text(program.read_text().replace("  title:", "  titel:"))
    site = tmp_path / "site"
    result = build(bad, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert 'program.yml:5:3: program.titel: unknown key "titel"; did you mean "title"?' in output
    assert not (site / "index.html").exists()


def test_make_build_keeps_the_previous_site_when_the_new_one_fails(tmp_path):
    bad = tmp_path / "curriculum"
    shutil.copytree(MINIMAL_CURRICULUM, bad)
    (bad / "tips.yml").write_text("- id: [broken\n")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good build")
    result = subprocess.run(["make", "--no-print-directory", "build", f"CURRICULUM={bad}", f"SITE={site}"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert ("tips.yml:2:1: this is not valid YAML: expected ',' or ']', but got '<stream end>' "
            "(while parsing a flow sequence that starts at line 1, column 7)") in result.stderr
    assert (site / "index.html").read_text() == "the last good build"
    assert not (tmp_path / "site.partial" / "index.html").exists()


def test_check_command_reports_one_line_per_problem(tmp_path):
    bad = tmp_path / "curriculum"
    shutil.copytree(MINIMAL_CURRICULUM, bad)
    session = bad / "sessions" / "01-greeting.yml"
    session.write_text(session.read_text().replace("objectives:", "objectivs:"))
    result = subprocess.run(["make", "--no-print-directory", "check", f"CURRICULUM={bad}"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    lines = [l for l in result.stderr.splitlines() if "01-greeting.yml" in l]
    assert len(lines) == 1
    assert lines[0].strip().endswith('01-greeting.yml:5:1: objectivs: unknown key "objectivs"; did you mean "objectives"?')


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_serve_rebuilds_when_a_session_file_changes(tmp_path):
    curriculum = tmp_path / "curriculum"
    shutil.copytree(MINIMAL_CURRICULUM, curriculum)
    with Serve(curriculum, tmp_path / "serve.log") as server:
        url = server.url + "sessions/greeting.html"
        assert wait_for(lambda: "Greeting patients" in _fetch(url), 60), f"mkdocs serve did not start:\n{server.output()}"
        session = curriculum / "sessions" / "01-greeting.yml"
        session.write_text(session.read_text().replace("Greeting patients", "Welcoming patients warmly"))
        assert wait_for(lambda: "Welcoming patients warmly" in _fetch(url), 30), "the change was not rebuilt"


def test_browser_tab_titles_name_the_page_once(default_site, handbook):
    title = handbook.program.title
    assert f"<title>{title}</title>" in (default_site / "index.html").read_text(encoding="utf-8")
    assert f"<title>Tips - {title}</title>" in (default_site / "tips.html").read_text(encoding="utf-8")


def test_each_build_keeps_one_typed_object_with_its_settings_read_once(monkeypatch, tmp_path):
    """The hook keeps a build's state in one Build (handbook/build.py) on that build's config: its settings read
    from the environment once, at the start; printable is a field of each page; no other key of its own."""
    from mkdocs.config import load_config

    from handbook.build import BUILD, Build
    from handbook.settings import Settings

    for name, value in {"HANDBOOK_CURRICULUM": str(MINIMAL_CURRICULUM), "HANDBOOK_EDITION": "trainers",
                        "HANDBOOK_PDF": "0", "HANDBOOK_PDF_CACHE": str(tmp_path / "cache"),
                        "SOURCE_DATE_EPOCH": "1793059200"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(ROOT)
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    before = set(config.extra)
    config = config.plugins.on_config(config)
    build = config.extra[BUILD]
    assert isinstance(build, Build) and set(config.extra) - before == {BUILD, "polyfills"}
    assert build.settings == Settings("build", MINIMAL_CURRICULUM, "trainers", False, tmp_path / "cache",
                                      dt.date(2026, 10, 27))
    assert not build.preview and build.handbook is not None and build.problems == []
    monkeypatch.setenv("HANDBOOK_PDF", "1")  # read once: a change during the build changes nothing
    assert build.settings.pdf is False
    printable = {uri for uri, page in build.generated.items() if page.printable}
    assert printable == {"sessions/greeting/facilitator.md", "sessions/greeting/handout.md", "trainers-guide.md",
                         "agreement/index.md", "agreement/evaluation.md"}
