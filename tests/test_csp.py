"""The Content-Security-Policy: on every page, violated by nothing the handbook does, and it stops injected script.

Violations are caught in real Chromium two ways: the page's `securitypolicyviolation` events
(recorded by a script Playwright adds, which the policy does not govern) and the console's
"Content Security Policy" errors, which also come from workers and frames.
"""

from __future__ import annotations

import re
import shutil
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import expect

from handbook import csp, load_handbook
from page_checks import Violations
from support import (BUILD_DATE, DEFAULT_CURRICULUM, KOREAN_CURRICULUM, MINIMAL_CURRICULUM, SiteServer, copy_curriculum,
                     search, site_pages, Serve, wait_for)
from test_agreement import VERIFY, check_printed, printed_values, sign
from tour import touring

INJECTED = ('<script>window.__injected = "inline script ran"</script>'
            '<img src="x.png" onerror="window.__injected = &quot;event attribute ran&quot;">'
            '<img src="https://tracker.example/pixel.gif" alt="">')


class _Policies(HTMLParser):
    def __init__(self):
        super().__init__()
        self.policies: list[tuple[str, int]] = []  # (policy, how many <script> came before it)
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append((values.get("content") or "", self.scripts))


def policies(path: Path) -> list[tuple[str, int]]:
    parser = _Policies()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.policies


@pytest.fixture(params=["default", "default_trainers", "korean"])
def built(request):
    """(site folder, server, handbook) of the default handbook (both editions) and of the Korean example."""
    site = request.getfixturevalue(f"{request.param}_site")
    server = request.getfixturevalue(f"{request.param}_server")
    curriculum = KOREAN_CURRICULUM if request.param == "korean" else DEFAULT_CURRICULUM
    return site, server, load_handbook(curriculum)[0]


def test_every_page_has_one_policy_before_any_script(default_site):
    for uri in [*site_pages(default_site), "404.html"]:
        found = policies(default_site / uri)
        assert len(found) == 1, f"{uri}: {len(found)} policies"
        policy, scripts_before = found[0]
        assert scripts_before == 0, f"{uri}: the policy comes after a script"
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
        assert re.fullmatch(r"'self'( 'sha256-[A-Za-z0-9+/]{43}=')+", directives["script-src"]), uri
        assert "unsafe-inline" not in directives["script-src"] and "unsafe-eval" not in directives["script-src"]


def test_styles_come_from_stylesheets_and_one_hashed_page_rule_never_unsafe_inline(default_trainers_site):
    """style-src allows no 'unsafe-inline': a printable page's @page rule by its hash, no style attribute at all.
    Material needs none (theme.font is off, its scripts style through the CSSOM); a page the theme or a template
    changed to write a style the policy leaves out is listed, so the strict build fails."""
    hashed = 0
    for uri in [*site_pages(default_trainers_site), "404.html"]:
        html = (default_trainers_site / uri).read_text(encoding="utf-8")
        directives = dict(d.strip().split(" ", 1) for d in policies(default_trainers_site / uri)[0][0].split(";"))
        assert re.fullmatch(r"'self'( 'sha256-[A-Za-z0-9+/]{43}=')?", directives["style-src"]), uri
        assert csp.unallowed_styles(html) == [], uri
        hashed += "sha256" in directives["style-src"]
    assert hashed >= 4  # the trainer's guide, a packet, a handout, the agreement ...
    html = (default_trainers_site / "tips.html").read_text(encoding="utf-8")
    injected = re.sub(r"(<article[^>]*>)", r'\1<style>body{display:none}</style><p style="color:red">x</p>', html)
    assert csp.unallowed_styles(injected) == ["<style>body{display:none}", 'style="color:red"']


@touring()
def test_no_violation_on_any_page_loaded_scrolled_and_printed(toured):
    found = [violation for seen in toured.seen.values() for violation in seen.violations]
    assert not found, "CSP violations:\n" + "\n".join(found)


def test_no_violation_while_searching_signing_and_verifying(context, built):
    _, server, handbook = built
    watch = Violations(context)
    watch.visit(server.url + "index.html")
    search(watch.page, handbook.tips[0].title)
    watch.page.locator(".md-search-result__link").first.click()
    watch.page.wait_for_load_state("networkidle")
    watch.collect()
    watch.where = ""
    sign(watch.page, server.url)
    printed = printed_values(watch.page)
    watch.where = server.url + VERIFY
    assert "hb-result--match" in check_printed(watch.page, server.url, printed)
    assert not watch.collect(), "CSP violations:\n" + "\n".join(watch.found)


def test_no_violation_searching_from_disk_at_every_folder_depth(context, default_site):
    """From file://, search runs in iframe-worker's frame, whose inline script names the worker by its
    relative URL: each depth has its own hash."""
    handbook = load_handbook(DEFAULT_CURRICULUM)[0]
    session = handbook.sessions[0].id
    watch = Violations(context)
    for uri in ("index.html", f"sessions/{session}.html", f"sessions/{session}/handout.html"):
        watch.visit((default_site / uri).as_uri())
        search(watch.page, handbook.tips[0].title)
        assert watch.page.locator('.md-search-result__link[href*="tips.html"]').first.is_visible(), uri
    assert not watch.collect(), "CSP violations:\n" + "\n".join(watch.found)


def test_an_injected_inline_script_event_attribute_and_outside_image_are_stopped(context, default_site, tmp_path):
    site = shutil.copytree(default_site, tmp_path / "site")
    page_file = site / "tips.html"
    html = page_file.read_text(encoding="utf-8")
    assert html.count("<article") == 1
    page_file.write_text(re.sub(r"(<article[^>]*>)", r"\1" + INJECTED, html), encoding="utf-8")
    reached: list[str] = []  # outside requests that got as far as the network (and are aborted there)
    blocked: list[str] = []  # ... and those the browser stopped itself
    context.route("https://tracker.example/**", lambda route: (reached.append(route.request.url), route.abort()))
    context.on("requestfailed", lambda r: blocked.append(f"{r.url} {r.failure}"))
    with SiteServer(site) as server:
        watch = Violations(context)
        watch.visit(server.url + "tips.html")
        assert watch.page.evaluate("window.__injected") is None
        found = watch.collect()
    assert reached == [] and blocked == ["https://tracker.example/pixel.gif csp"]
    assert any("script-src" in v for v in found), found
    assert any("img-src" in v and "tracker.example" in v for v in found), found


def test_the_build_names_any_inline_script_a_page_policy_leaves_out(default_site):
    """The hook warns (so the strict build fails) about each one; a built page has none."""
    for uri in site_pages(default_site):
        assert csp.unallowed((default_site / uri).read_text(encoding="utf-8")) == [], uri
    html = (default_site / "tips.html").read_text(encoding="utf-8")
    injected = re.sub(r"(<article[^>]*>)", r"\1" + INJECTED + '<script type="module">import("x")</script>'
                      '<script type="application/json">{"a": 1}</script><script src="x.js"></script>', html)
    assert csp.unallowed(injected) == ['window.__injected = "inline script ran"', 'import("x")']
    assert csp.unallowed(html.replace("Content-Security-Policy", "X-Other")) == ["(the page has no Content-Security-Policy)"]


def test_live_reload_under_serve_runs_without_violations(context, tmp_path):
    """`mkdocs serve` writes live reload as an inline script no hash can name: the preview's policy allows it,
    so an edit to the curriculum shows in the open page."""
    folder = copy_curriculum(MINIMAL_CURRICULUM, tmp_path / "curriculum")
    with Serve(folder, tmp_path / "serve.log") as server:
        url = server.url
        assert wait_for(lambda: urllib.request.urlopen(url, timeout=5), 180), f"mkdocs serve did not answer:\n{server.output()}"
        watch = Violations(context)
        watch.visit(url, wait_until="load")  # live reload keeps a request open: the network is never idle
        expect(watch.page.locator("article h1")).to_have_text("Front Desk Basics")
        program = folder / "program.yml"
        program.write_text(program.read_text(encoding="utf-8").replace("Front Desk Basics", "Front Desk Essentials"),
                           encoding="utf-8")
        expect(watch.page.locator("article h1")).to_have_text("Front Desk Essentials", timeout=120_000)
        assert not watch.collect(), "CSP violations:\n" + "\n".join(watch.found)


def test_the_build_names_the_curriculum_file_and_line_that_holds_what_a_page_check_found(tmp_path, caplog):
    """What the page checks find is named at the YAML line that wrote it (here a script the sanitizer would
    have removed, put into a built page by hand), or said to come from the theme when no curriculum file holds it."""
    import types
    import handbook_hooks
    from handbook.curriculum import origins
    folder = copy_curriculum(MINIMAL_CURRICULUM, tmp_path / "curriculum")
    tips = folder / "tips.yml"
    tips.write_text(tips.read_text(encoding="utf-8").replace(
        "body: A warm smile tells the patient they are welcome.",
        "body: 'Shown as code: `window.stolen = document.cookie`. A warm smile tells the patient they are welcome.'"),
        encoding="utf-8")
    assert origins(folder, "window.stolen = document.cookie") == [f"{tips}:4:26"]
    page = types.SimpleNamespace(file=types.SimpleNamespace(src_uri="tips.md"))
    from handbook.build import BUILD, Build
    from handbook.settings import Settings
    chosen = Settings("build", folder, "staff", False, tmp_path / "pdf", BUILD_DATE)
    config = types.SimpleNamespace(extra={BUILD: Build(chosen, {}, [])})
    html = ('<meta http-equiv="Content-Security-Policy" content="script-src \'self\'; style-src \'self\'">'
            "<script>window.stolen = document.cookie</script><p style=\"color:red\">x</p>")
    with caplog.at_level("WARNING"):
        handbook_hooks.on_post_page(html, page, config)
    assert [r.getMessage().removeprefix("handbook: ") for r in caplog.records] == [
        f"{tips}:4:26: an inline script the Content-Security-Policy does not allow, on tips.md: "
        "window.stolen = document.cookie",
        'no curriculum file holds it (the theme or a template wrote it): a style the Content-Security-Policy does not '
        'allow, on tips.md: style="color:red"']
