"""Two editions from one curriculum: the staff edition has nothing to spoil, the trainer's edition has it all.

Every file of the staff edition is read the way a reader or a search would read it (HTML text,
the strings in JSON and JavaScript such as the search index, the sitemap, PDFs), and none may hold
a sentence written for facilitators only. The same reading finds every one of those sentences in
the trainer's edition, so the check sees what it looks for.
"""

from __future__ import annotations

import functools
import html
import json
import re
import subprocess
import unicodedata
from pathlib import Path

import markdown
import pytest
import yaml

from handbook import load_handbook, locale, settings
from handbook.render import render_pages
from support import (DEFAULT_CURRICULUM, KOREAN_CURRICULUM, MINIMAL_CURRICULUM, ROOT, SPANISH_CURRICULUM, build,
                     pdf_pages, site_pages)

SHIPPED = pytest.mark.parametrize("curriculum, staff, trainers", [
    (DEFAULT_CURRICULUM, "default_site", "default_trainers_site"),
    (KOREAN_CURRICULUM, "korean_site", "korean_trainers_site"),
    (SPANISH_CURRICULUM, "spanish_site", "spanish_trainers_site"),
], ids=["default", "korean", "spanish"])
READ = (".html", ".json", ".js", ".xml", ".txt", ".pdf")
STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|div|h[1-6]|td|th|tr|table|dd|dt|dl|br|section|article|nav|header|footer)\b[^>]*>")


def strip_tags(text: str) -> str:
    """The text of HTML: a block ends a word, an inline tag (a term's <abbr>) does not."""
    return re.sub(r"<[^>]+>", "", BLOCK_TAG.sub(" ", text))


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def plain(markdown_text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "\n", markdown.markdown(markdown_text)))


def secret_fragments(book) -> list[str]:
    """Sentences of every facilitator note (DO/SAY), hidden motive and debrief question."""
    texts = [b.facilitator for s in book.sessions for b in s.agenda if b.facilitator]
    roles = [r for s in book.sessions for b in s.agenda if b.scenario for r in b.scenario.roles]
    texts += [r.hidden for r in roles if r.hidden]
    texts += [q for s in book.sessions for b in s.agenda if b.scenario for q in b.scenario.debrief]
    fragments = [norm(part) for text in texts for part in re.split(r"\n|(?<=[.!?])\s+", plain(text))]
    return sorted({f for f in fragments if len(f.split()) >= 4})


def readable(path: Path) -> str:
    """What a file says to a reader or a search: tags gone, entities and string escapes decoded."""
    if path.suffix == ".pdf":
        return norm(" ".join(pdf_pages(path.read_bytes())))
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix in (".json", ".js"):
        strings = []
        for literal in STRING.findall(text):
            try:
                strings.append(json.loads(literal))
            except ValueError:
                pass
        text += " " + " ".join(s for s in strings if isinstance(s, str))
    return norm(html.unescape(strip_tags(text)))


@functools.cache  # the shipped sites are built once per run and never change: each is read once per worker
def published(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): readable(p) for p in sorted(site.rglob("*")) if p.suffix in READ}


@SHIPPED
def test_the_staff_edition_holds_no_facilitator_only_text(request, curriculum, staff, trainers):
    book = load_handbook(curriculum)[0]
    secrets = secret_fragments(book)
    assert len(secrets) >= 10
    files = published(request.getfixturevalue(staff))
    assert {Path(name).suffix for name in files} >= {".html", ".json", ".js", ".xml"}
    leaks = [f"{name}: {secret}" for name, text in files.items() for secret in secrets if secret in text]
    assert leaks == [], "the staff edition shows facilitator-only text:\n" + "\n".join(leaks)
    assert not any(norm(locale.words(book.program.language)[key]) in text for text in files.values()
                   for key in ("hidden_motive", "facilitator_only", "facilitator_packet", "trainers_guide"))

    trainers_text = " ".join(published(request.getfixturevalue(trainers)).values())
    assert [s for s in secrets if s not in trainers_text] == [], "the check no longer sees what it looks for"
    index = files["search/search_index.json"]
    assert norm(plain(book.sessions[0].objectives[0])) in index  # the search index is read, and searches sessions


def test_staff_pages_say_no_do_or_say(default_site):
    for name, text in published(default_site).items():
        assert not re.search(r"\b(DO|SAY):", text), name


@SHIPPED
def test_the_trainers_edition_holds_every_packet_and_the_guide(request, curriculum, staff, trainers):
    book = load_handbook(curriculum)[0]
    site = request.getfixturevalue(trainers)
    guide = (site / "trainers-guide.html").read_text(encoding="utf-8")
    for session in book.sessions:
        packet = site / "sessions" / session.id / "facilitator.html"
        assert packet.is_file(), f"no facilitator packet for {session.id}"
        assert (site / "sessions" / session.id / "run.html").is_file(), f"no run view for {session.id}"
        text = readable(packet)
        hidden = [norm(plain(r.hidden)) for b in session.agenda if b.scenario for r in b.scenario.roles if r.hidden]
        assert all(h[:60] in text for h in hidden)
        assert f'href="sessions/{session.id}/facilitator.html"' in guide
        page = (site / "sessions" / f"{session.id}.html").read_text(encoding="utf-8")
        assert f'href="{session.id}/facilitator.html"' in page


@SHIPPED
def test_the_staff_edition_has_no_trainers_page_nor_link_to_one(request, curriculum, staff, trainers):
    book = load_handbook(curriculum)[0]
    site = request.getfixturevalue(staff)
    pages = site_pages(site)
    assert not [p for p in pages if p.endswith(("/facilitator.html", "/run.html")) or p == "trainers-guide.html"]
    assert len([p for p in pages if p.endswith("/handout.html")]) == len(book.sessions)  # handouts are for staff
    for page in pages:
        assert not re.search(r'href="[^"]*(facilitator|run|trainers-guide)\.html', (site / page).read_text("utf-8")), page
    assert "facilitator" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "trainers-guide" not in (site / "sitemap.xml").read_text(encoding="utf-8")


@SHIPPED
def test_neither_edition_holds_the_maintainer_pages(request, curriculum, staff, trainers):
    for fixture in (staff, trainers):
        site = request.getfixturevalue(fixture)
        assert not (site / "about").exists()
        for name, text in published(site).items():
            for words in ("Make it your own", "Curriculum fields", "make session", "git remote", "yaml-language-server"):
                assert words not in text, f"{fixture}: {name} says {words!r}"


def test_the_maintainer_guide_lives_in_the_repository():
    assert (ROOT / "guide" / "customizing.md").is_file() and (ROOT / "guide" / "fields.md").is_file()
    assert list((ROOT / "docs").rglob("*.md")) == []  # every handbook page is generated
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(guide/customizing.md)" in readme and "(guide/fields.md)" in readme


# -- choosing the edition --------------------------------------------------------------------

def test_an_unknown_edition_is_a_clear_error(tmp_path):
    result = build(MINIMAL_CURRICULUM, tmp_path / "site", edition="everyone")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert 'HANDBOOK_EDITION="everyone" is not an edition of the handbook; use staff or trainers' in output
    assert "Traceback" not in output
    assert not (tmp_path / "site" / "index.html").exists()


def test_the_edition_setting(monkeypatch):
    monkeypatch.delenv("HANDBOOK_EDITION", raising=False)
    assert settings.edition() == "staff"
    monkeypatch.setenv("HANDBOOK_EDITION", "trainers")
    assert settings.edition() == "trainers"
    monkeypatch.setenv("HANDBOOK_EDITION", "Trainers")
    with pytest.raises(settings.SettingError, match="use staff or trainers"):
        settings.edition()


def test_the_renderer_leaves_out_what_the_staff_edition_must_not_have():
    book = load_handbook(DEFAULT_CURRICULUM)[0]
    staff = {p.uri: p for p in render_pages(book, edition="staff")}
    trainers = {p.uri: p for p in render_pages(book, edition="trainers")}
    only = {"trainers-guide.md", *(f"sessions/{s.id}/{kind}.md" for s in book.sessions
                                   for kind in ("facilitator", "run"))}
    assert set(staff) == set(trainers) - only
    with pytest.raises(ValueError):
        render_pages(book, edition="everyone")


def test_make_build_writes_both_editions_and_make_serve_the_trainers(tmp_path):
    site = tmp_path / "site"
    result = subprocess.run(["make", "--no-print-directory", "build", f"CURRICULUM={MINIMAL_CURRICULUM}",
                             f"SITE={site}"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    trainers = tmp_path / "site-trainers"
    assert (site / "index.html").is_file() and (trainers / "index.html").is_file()
    assert (trainers / "sessions" / "greeting" / "facilitator.html").is_file()
    assert not (site / "sessions" / "greeting" / "facilitator.html").exists()
    assert not list(tmp_path.glob("*.partial"))
    serve = subprocess.run(["make", "-n", "serve"], cwd=ROOT, capture_output=True, text=True)
    assert "HANDBOOK_EDITION=trainers" in serve.stdout and "mkdocs serve" in serve.stdout


def test_the_workflow_publishes_only_the_staff_edition():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["publish"]["steps"]
    pages = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    kept = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert [s["with"]["path"] for s in pages] == ["site"]
    assert [s["with"]["path"] for s in kept] == ["site-trainers"]


MARK = re.compile(r'<p class="hb-edition-mark">([^<]*)</p>')


@SHIPPED
def test_every_trainers_page_says_so_in_its_header_and_no_staff_page_does(request, curriculum, staff, trainers):
    words = locale.words(load_handbook(curriculum)[0].program.language)
    staff_site, trainers_site = request.getfixturevalue(staff), request.getfixturevalue(trainers)
    for uri in site_pages(trainers_site) + ["404.html"]:
        header = (trainers_site / uri).read_text(encoding="utf-8").split("</header>")[0]
        assert [html.unescape(m) for m in MARK.findall(header)] == [words["trainers_edition"]], uri
    for uri in site_pages(staff_site) + ["404.html"]:
        text = (staff_site / uri).read_text(encoding="utf-8")
        assert "hb-edition-mark" not in text and words["trainers_edition"] not in html.unescape(text), uri


@pytest.mark.parametrize("width", [375, 1280])
def test_the_trainers_mark_is_seen_first_on_a_phone_and_a_wide_screen(page, default_trainers_server,
                                                                      korean_trainers_server, width):
    for server, language in ((default_trainers_server, "en"), (korean_trainers_server, "ko")):
        page.set_viewport_size({"width": width, "height": 800})
        for uri in ("index.html", "agreement/index.html"):
            page.goto(server.url + uri)
            mark = page.locator("header .hb-edition-mark")
            assert mark.is_visible() and mark.inner_text() == locale.words(language)["trainers_edition"]
            box, header = mark.bounding_box(), page.locator("header.md-header").bounding_box()
            assert box["y"] >= header["y"] and box["y"] + box["height"] <= header["y"] + header["height"]
            assert 0 <= box["x"] and box["x"] + box["width"] <= width
            page.mouse.wheel(0, 2000)  # the header's title turns into the page's title on scrolling; the mark stays
            page.wait_for_timeout(200)
            assert mark.is_visible()
