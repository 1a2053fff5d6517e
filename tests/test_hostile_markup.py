"""Hostile and careless markup in curriculum text: refused at its exact file, line and column with the exact
message, or, where it is fine, built into a site that in real Chromium runs nothing, fetches nothing
from another host and carries no javascript: URL or event attribute from the curriculum.

Part of the corpus in test_hostile_input.py (same fixture, same kinds of edit); this part is about
what the text of a field may hold (the safe Markdown subset) and where its links go.
"""

from __future__ import annotations

import dataclasses
import html
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass

import pytest

from handbook import CurriculumError, load_handbook, render
from handbook.curriculum import markdown_rules
from handbook.render import reference, sanitize
from handbook.render.environment import TEMPLATES, environment
from handbook.render.glossary import plain
from support import ROOT, MINIMAL_CURRICULUM, SiteServer, build, build_or_fail, environment as build_environment, site_pages
from test_hostile_input import SESSION, Replace, make_curriculum
from test_privacy import Guard, outside_references, visit

LINKS = "links may use http:, https:, mailto:, tel: or point inside the handbook by id " \
        "(session:, tip:, definition:, source:, agreement:)"
OWN_ONLY = 'a class or id written in curriculum text starts with "my-" (like .my-note or #my-intro), so that it ' \
           "never takes the place of one the page, the theme or its scripts use; found "
NO_PAGE = "link a page by id (session:, tip:, definition:, source:, agreement:) or by its path from the top " \
          "folder, like tips.md"


@dataclass(frozen=True)
class Refused:
    name: str
    edits: dict
    file: str
    line: int
    column: int
    path: str
    message: str
    built: bool = False  # also through the real `mkdocs build`


def summary(text: str) -> dict:
    return {SESSION: Replace("summary: How to greet every patient.", f"summary: {text}")}


def contact(line: str) -> dict:
    return {"program.yml": Replace("  name: Northside Family Practice",
                                   f"  name: Northside Family Practice\n  contact:\n    {line}")}


def tip_body(text: str) -> dict:
    return {"tips.yml": Replace("body: A warm smile tells the patient they are welcome.", f"body: {text}")}


CASES = [
    Refused("a script in a summary", summary("How to greet <script>alert(1)</script>"), SESSION, 4, 23, "summary",
            "raw HTML is not allowed: <script>; curriculum text cannot run scripts", built=True),
    Refused("an image with onerror in the program title",
            {"program.yml": Replace("title: Front Desk Basics", "title: Front Desk <img src=x onerror=alert(1)>")},
            "program.yml", 5, 21, "program.title",
            "raw HTML is not allowed: <img>; images come only from the handbook itself: "
            "write ![description](assets/images/name.png)", built=True),
    Refused("a javascript: link in a tip", tip_body("See [this](javascript:alert(1)) first."), "tips.yml", 4, 20,
            "[0].body", f'the link "javascript:alert(1)" uses "javascript:"; {LINKS}', built=True),
    Refused("an HTML link to javascript: in a tip", tip_body('<a href="javascript:alert(1)">here</a>'), "tips.yml",
            4, 9, "[0].body", "raw HTML is not allowed: <a>; write a link as [words](https://example.org) or "
                              "[words](tip:some-id)"),
    Refused("an event attribute after a paragraph",
            {SESSION: Replace("summary: How to greet every patient.",
                              "summary: |\n  How to greet every patient.\n  {: onmouseover=alert(1) }")},
            SESSION, 6, 3, "summary",
            '"{...}" after text may set only classes (.name) and ids (#name); found "onmouseover=alert(1)"',
            built=True),
    Refused("an id the agreement page's script reads its settings from",
            {"agreement.yml": Replace("text: I will greet every patient.",
                                      "text: 'I will greet every patient. {: #hb-agreement-config }'")},
            "agreement.yml", 6, 40, "commitments[0].text", OWN_ONLY + '"#hb-agreement-config"', built=True),
    Refused("an id of the theme's search", summary("'How to greet. {: #__search }'"), SESSION, 4, 25, "summary",
            OWN_ONLY + '"#__search"'),
    Refused("a theme class on a paragraph", summary("|\n  How to greet.\n  {: .md-header #my-ok }"), SESSION, 6, 3,
            "summary", OWN_ONLY + '".md-header"'),
    Refused("an id on a heading", tip_body("'# Smile {#hb-pad}'"), "tips.yml", 4, 18, "[0].body",
            OWN_ONLY + '"#hb-pad"'),
    Refused("an email address that closes its attribute", contact('email: \'x@example.org" onmouseover="alert(1)\''),
            "program.yml", 5, 12, "organization.contact.email", "expected an email address like training@example.org, "
                                                                'found "x@example.org\" onmouseover=\"alert(1)"'),
    Refused("a phone number that runs script", contact("phone: javascript:alert(1)"), "program.yml", 5, 12,
            "organization.contact.phone", 'expected a phone number of digits, with "+", spaces or ()-./ between them, '
                                          'like +1 555 010 0123, found "javascript:alert(1)"'),
    Refused("a tel: link to javascript:", tip_body("Call [us](tel:javascript:alert(1))"), "tips.yml", 4, 19,
            "[0].body", 'the link "tel:javascript:alert(1)" must carry a phone number, like tel:+15550100123'),
    Refused("a mailto: link with markup", tip_body("Mail [us](mailto:a@example.org%22%3E%3Cb%3E)"), "tips.yml", 4, 19,
            "[0].body", 'the link "mailto:a@example.org%22%3E%3Cb%3E" must carry an email address, like '
                        "mailto:training@example.org"),
    Refused("an href set by attributes", tip_body("'[here](https://example.org){: href=\"javascript:x\" }'"),
            "tips.yml", 4, 37, "[0].body",
            '"{...}" after text may set only classes (.name) and ids (#name); found "href="javascript:x""'),
    Refused("an image from another host", summary("Look ![](https://tracker.example/p.gif)"), SESSION, 4, 19,
            "summary", 'images come only from the handbook itself, not from "https://tracker.example/p.gif"; '
                       "link to it instead: [words](https://example.org)", built=True),
    Refused("an image from a host without scheme", summary("The logo ![logo](//cdn.example/logo.png)"), SESSION, 4, 27,
            "summary", 'images come only from the handbook itself, not from "//cdn.example/logo.png"; '
                       "link to it instead: [words](https://example.org)"),
    Refused("an iframe in a tip", tip_body('<iframe src="https://video.example/x"></iframe>'), "tips.yml", 4, 9,
            "[0].body", "raw HTML is not allowed: <iframe>; embedded content is not allowed; link to it instead: "
                        "[words](https://example.org)"),
    Refused("a scheme in mixed case", tip_body("Try [x](JaVaScRiPt:alert(1))"), "tips.yml", 4, 17, "[0].body",
            f'the link "JaVaScRiPt:alert(1)" uses "javascript:"; {LINKS}'),
    Refused("a scheme hidden by a character reference", tip_body("Try [x](jav&#x09;ascript:alert(1))"), "tips.yml", 4,
            17, "[0].body", f'the link "jav&#x09;ascript:alert(1)" uses "javascript:"; {LINKS}'),
    Refused("a data: link", tip_body("Try [x](data:text/html,hello)"), "tips.yml", 4, 17, "[0].body",
            f'the link "data:text/html,hello" uses "data:"; {LINKS}'),
    Refused("an autolink to javascript:", tip_body("<javascript:alert(1)>"), "tips.yml", 4, 10, "[0].body",
            f'the link "javascript:alert(1)" uses "javascript:"; {LINKS}'),
    Refused("a reference-style link to vbscript:",
            {"tips.yml": Replace("body: A warm smile tells the patient they are welcome.",
                                 "body: |\n    A [warm smile][s].\n\n    [s]: vbscript:msgbox(1)")},
            "tips.yml", 7, 10, "[0].body", f'the link "vbscript:msgbox(1)" uses "vbscript:"; {LINKS}'),
    Refused("an HTML comment in a definition",
            {"definitions.yml": Replace("definition: Knowing", "definition: <!-- hidden --> Knowing")},
            "definitions.yml", 4, 15, "[0].definition",
            "HTML comments are not allowed; write plain Markdown (a YAML comment starts a line with #)"),
    Refused("bold written in HTML in an objective",
            {SESSION: Replace("  - Greet each patient", "  - Greet <b>each</b> patient")}, SESSION, 6, 11,
            "objectives[0]", "raw HTML is not allowed: <b>; write **bold text** instead"),
    Refused("a style element in a role's brief", {SESSION: Replace("brief: Check the patient in.",
                                                                   "brief: <style>body{display:none}</style>")},
            SESSION, 21, 18, "agenda[1].scenario.roles[0].brief",
            "raw HTML is not allowed: <style>; curriculum text cannot change the page's styles; write plain Markdown"),
    Refused("markup in a page word", {"program.yml": Replace('  version: "test-1"',
                                                             '  version: "test-1"\nlabels:\n  home: "<svg onload=x>"')},
            "program.yml", 10, 10, "labels.home", "raw HTML is not allowed: <svg>; embedded content is not allowed; "
                                                  "link to it instead: [words](https://example.org)"),
    Refused("markup in the agreement preamble",
            {"agreement.yml": Replace("preamble: I agree", "preamble: <IMG SRC=x OnError=alert(1)> I agree")},
            "agreement.yml", 3, 11, "preamble", "raw HTML is not allowed: <img>; images come only from the handbook "
                                                "itself: write ![description](assets/images/name.png)", built=True),
    Refused("markup written with a YAML escape", summary('"\\x3cscript>alert(1)\\x3c/script>"'), SESSION, 4, 10,
            "summary", "raw HTML is not allowed: <script>; curriculum text cannot run scripts"),
    Refused("a form field in an acknowledgement", {"agreement.yml": Replace("  - I attended the training.",
                                                                            "  - I attended <input value=x>")},
            "agreement.yml", 9, 16, "acknowledgements[0]",
            "raw HTML is not allowed: <input>; curriculum text cannot add form fields"),
    Refused("a source url that runs script", {"sources.yml": Replace("title: A man", "url: javascript:alert(1)\n  title: A man")},
            "sources.yml", 3, 8, "[0].url", 'write a web address starting with https:// or http://; found "javascript:alert(1)"'),
    # links that go nowhere: found at the YAML line, before MkDocs' own link check
    Refused("a tip id that does not exist", summary("See [the tip](tip:smiel)."), SESSION, 4, 24, "summary",
            'no tip has the id "smiel"; did you mean "tip:smile"?', built=True),
    Refused("a session id that does not exist", tip_body("Taught in [greeting](session:greetings)."), "tips.yml", 4,
            30, "[0].body", 'no session has the id "greetings"; did you mean "session:greeting"?'),
    Refused("a definition id that does not exist", summary("See [empathy](definition:sympathy)"), SESSION, 4, 24,
            "summary", 'no definition has the id "sympathy"; did you mean "definition:empathy"?'),
    Refused("an internal link without an id", summary("See [a tip](tip:)"), SESSION, 4, 22, "summary",
            '"tip:" needs the id of a tip, like tip:some-id'),
    Refused("an anchor after an internal link", summary("See [a tip](tip:smile#top)"), SESSION, 4, 22, "summary",
            '"tip:smile#top" names one tip: write tip:smile'),
    Refused("a relative link to a page that does not exist", summary("See [the FAQ](faq.md)."), SESSION, 4, 24,
            "summary", f'no page "faq.md" in the handbook; {NO_PAGE}', built=True),
    Refused("a relative link that climbs out", summary("See [x](../mkdocs.yml)"), SESSION, 4, 18, "summary",
            f'no page "../mkdocs.yml" in the handbook; {NO_PAGE}'),
    Refused("an anchor that does not exist", summary("See [frowning](tips.md#frown)"), SESSION, 4, 25, "summary",
            '"#frown": no tip has the id "frown"'),
    Refused("an anchor alone", summary("See [top](#top)"), SESSION, 4, 20, "summary",
            '"#top" points into whichever page shows this text; link by id instead, like tip:some-id or '
            "session:some-id"),
    Refused("the agreement with an anchor", summary("See [sign](agreement:commitments)"), SESSION, 4, 21, "summary",
            'write "agreement:" alone; it links the agreement page'),
]


def test_the_corpus_covers_markup_and_links():
    assert len(CASES) >= 30 and len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_refused_at_its_line_and_column_with_the_exact_message(case, tmp_path):
    folder = make_curriculum(tmp_path / "curriculum", case.edits)
    with pytest.raises(CurriculumError) as caught:
        load_handbook(folder)
    found = [(p.file, p.line, p.column, p.path, p.message) for p in caught.value.problems]
    assert (str(folder / case.file), case.line, case.column, case.path, case.message) in found, \
        caught.value.report()


BUILT = [c for c in CASES if c.built]


@pytest.mark.parametrize("case", BUILT, ids=[c.name for c in BUILT])
def test_refused_by_the_real_build_before_anything_is_written(case, tmp_path):
    folder = make_curriculum(tmp_path / "curriculum", case.edits)
    result = build(folder, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert f"{folder / case.file}:{case.line}:{case.column}: {case.path}: {case.message}" in output, output
    assert not (tmp_path / "site" / "index.html").exists()


FINE = [
    "Wait times < 5 minutes, and > 2 people at the desk.",
    "Mail <desk@example.org> or read <https://example.org/help>.",
    "Markup shown as code: `<img src=x onerror=alert(1)>`, ``<b>``.",
    "```\n<script>alert(1)</script>\n```",
    "Policy of {organization} for {program}.",
    "A paragraph.\n{: .my-note #my-intro }",
    "Tom &amp; Jerry &lt;b&gt;",
    "[Call us](tel:+15550100), [write](mailto:a@example.org), [read](https://example.org/a_(b))",
    "[Call](tel:+1-555-010-0123) or [mail](mailto:desk@example.org?subject=Training)",
]


@pytest.mark.parametrize("text", FINE)
def test_the_safe_subset_refuses_nothing_that_is_fine(text):
    assert [f.message for f in markdown_rules.check(text) if f.message] == []


# -- what is allowed builds into pages that run nothing, fetch nothing and link nowhere unsafe -------------

TITLE = 'Front Desk "Basics" onmouseover="alert(4)" & more'
ACCEPTED = {
    "program.yml": Replace("title: Front Desk Basics", "title: '" + TITLE.replace("'", "''") + "'"),
    SESSION: Replace("summary: How to greet every patient.",
                     'summary: |\n  How to greet **every** patient: see [the smile tip](tip:smile), the\n'
                     '  [empathy](definition:empathy) entry, [the agreement](agreement:) and [greeting](session:greeting).\n'
                     "  Code shows markup as text: `<img src=x onerror=alert(1)>` and `<script>alert(2)</script>`.\n"
                     "  Escaped: &lt;script&gt;alert(3)&lt;/script&gt; and a less-than sign: 3 < 5.\n"
                     "  Mail [the desk](mailto:desk@example.org) or call [us](tel:+15550100); read [more](https://example.org/a?b=1&c=2).\n"
                     "  {: .my-note #my-intro }"),
    "tips.yml": Replace("body: A warm smile tells the patient they are welcome.",
                        'body: "Say \\"hello\\" --> then ]]> and a > b are only text. See tips.md#smile: '
                        '[here](tips.md#smile)."'),
}


@pytest.fixture(scope="module")
def accepted_site(tmp_path_factory):
    folder = make_curriculum(tmp_path_factory.mktemp("accepted") / "curriculum", ACCEPTED)
    return build_or_fail(folder, tmp_path_factory.mktemp("accepted") / "site")


def test_accepted_markup_runs_nothing_fetches_nothing_and_links_safely(context, accepted_site):
    dialogs: list[str] = []
    context.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with SiteServer(accepted_site) as server:
        guard = Guard(context, server.url)
        for uri in site_pages(accepted_site):
            guard.where = uri
            visit(guard.page, server.url + uri)
            unsafe = guard.page.evaluate("""() => [...document.querySelectorAll("*")].flatMap(e =>
                [...e.attributes].filter(a => /^on/i.test(a.name) || /^\\s*(javascript|vbscript|data):/i.test(a.value))
                                 .map(a => `<${e.tagName.toLowerCase()} ${a.name}="${a.value}">`))""")
            assert unsafe == [], f"{uri}: {unsafe}"
        guard.page.goto(server.url + "sessions/greeting.html")
        assert guard.page.locator(".md-header__topic").first.inner_text().strip() == TITLE
        assert guard.page.title().endswith(TITLE)
        text = guard.page.locator("article").inner_text()
        links = guard.page.locator("article a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert dialogs == [] and guard.outside == []
    assert "<img src=x onerror=alert(1)>" in text and "<script>alert(3)</script>" in text and "3 < 5" in text
    assert {"../tips.html#smile", "../definitions.html#empathy", "../agreement/index.html", "greeting.html",
            "mailto:desk@example.org", "tel:+15550100"} <= set(links), links
    assert outside_references(accepted_site) == []


# -- behind the check: what reaches a page is sanitized, whatever the model holds -------------------------

def test_markup_that_slipped_past_the_check_is_written_as_text_or_removed(tmp_path):
    """A model holding markup (as if a check had missed it) renders no script or style element: curriculum text
    is sanitized as it is converted, and the sanitizer removes what Markdown would have passed through."""
    book, _ = load_handbook(MINIMAL_CURRICULUM)
    hostile = "<script>alert(1)</script> <STYLE>*{}</STYLE> <img src=x onerror=alert(2)> [x](javascript:alert(3))"
    book = dataclasses.replace(book, program=dataclasses.replace(book.program, summary=hostile))
    home = next(p for p in render.render_pages(book) if p.uri == "index.md")
    assert "<script" not in home.html.lower() and "<style" not in home.html.lower()
    assert "onerror" not in home.html and "javascript:" not in home.html
    html = sanitize.text('<p>&lt;script>alert(1)&lt;/script> <img src="x" onerror="alert(2)"> '
                         '<a href="javascript:alert(3)">x</a> <img src="https://t.example/p.gif" alt="t"></p>'
                         '<iframe src="https://v.example"></iframe><form action="https://x.example">f</form>'
                         '<script>alert(4)</script><style>*{}</style>')
    assert html == '<p>&lt;script&gt;alert(1)&lt;/script&gt; <img src="x"> <a>x</a> <img alt="t"></p>f'


def test_the_sanitizer_keeps_what_markdown_and_the_sites_extensions_write():
    written = ('<table data-stack="" role="table"><thead><tr><th style="text-align: right;">1</th></tr></thead>'
               '</table><ul class="task-list"><li class="task-list-item"><input type="checkbox" disabled checked> '
               'done</li></ul><details class="note" open><summary>S</summary><p><abbr title="t">x</abbr></p>'
               '</details><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M0 0"></path></svg>')
    assert sanitize.text(written) == (
        '<table data-stack="" role="table"><thead><tr><th class="hb-align-right">1</th></tr></thead></table>'
        '<ul class="task-list"><li class="task-list-item"><input type="checkbox" disabled="" checked=""> done</li>'
        '</ul><details class="note" open=""><summary>S</summary><p><abbr title="t">x</abbr></p></details>'
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M0 0"></path></svg>')


def test_the_fields_page_documents_every_scheme_a_link_may_use():
    fields = reference.markdown()  # guide/fields.md
    for scheme in (*markdown_rules.LINK_SCHEMES, *markdown_rules.INTERNAL_SCHEMES):
        assert f"{scheme}:" in fields, scheme


# What a page template may write unescaped (`| safe`): the @page CSS and the JSON the renderer builds with "<"
# escaped (print_style.css_string, agreement.script_json). Curriculum text reaches a page only through `md` and
# `md_inline`, which sanitize what they convert.
SAFE_RAW = re.compile(r"^(page_style|config)$")


def test_page_templates_escape_every_value_but_the_renderers_css_and_json():
    assert environment().autoescape("session.html.j2")  # every other value is escaped
    raw = []
    for template in sorted(TEMPLATES.glob("*.html.j2")):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            for expression in re.findall(r"{{\s*(.*?)\s*\|\s*safe\s*}}", line):
                if not SAFE_RAW.match(expression):
                    raw.append(f"{template.name}:{number}: {{{{ {expression} | safe }}}}")
    assert raw == [], "these write a value unescaped:\n" + "\n".join(raw)


def test_a_page_a_fork_writes_in_docs_is_sanitized_and_gets_tooltips(tmp_path):
    """Every handbook page is generated; a fork may still add one by hand to docs/. It passes the sanitizer, and
    its defined terms get their tooltips like every other page's."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("hooks", "overrides", "node_modules", "mkdocs.yml"):
        (project / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "docs", project / "docs")
    (project / "docs" / "about.md").write_text(
        "# About\n\nWe practise empathy.\n\n<script>alert(1)</script>\n<img src=x onerror=alert(2)>\n", encoding="utf-8")
    env = {**build_environment(MINIMAL_CURRICULUM), "HANDBOOK_PDF": "0"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
                            cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "about.html").read_text(encoding="utf-8")
    article = page[page.index("<article"):page.index("</article>")]
    assert "alert(" not in article and "onerror" not in article
    empathy = next(d for d in load_handbook(MINIMAL_CURRICULUM)[0].definitions if d.term == "empathy")
    assert f'<abbr title="{html.escape(plain(empathy.definition))}">empathy</abbr>' in article


# -- titles: one plain-text form outside the article ----------------------------------------------------------
# A title's Markdown is rendered in the article; everything else (the nav, <title>, the header, search, the PDF's
# metadata and running header, the .ics) shows its plain text, whatever the title holds: a code span that closes
# <title> and refreshes the page to another host, the same written with entities, emphasis.

CODE = "`</title><meta http-equiv=refresh content=0;url=https://evil.example/>`"
CODE_TEXT = "</title><meta http-equiv=refresh content=0;url=https://evil.example/>"
ENTITY = "&lt;/title&gt;&lt;meta http-equiv=refresh content=0&gt;"
ENTITY_TEXT = "</title><meta http-equiv=refresh content=0>"
# every title field and the page words the theme shows: (file, fixture text, hostile title, its plain text)
TITLES = [
    ("program.yml", "title: Front Desk Basics", f"Front **Desk** {ENTITY}", f"Front Desk {ENTITY_TEXT}"),
    ("program.yml", "name: Northside Family Practice", f"Northside _Family_ {CODE}", f"Northside Family {CODE_TEXT}"),
    (SESSION, "title: Greeting patients", f"First *Impressions* {CODE}", f"First Impressions {CODE_TEXT}"),
    (SESSION, "  - title: Welcome", f"Welcome *all* {CODE}", f"Welcome all {CODE_TEXT}"),
    ("tips.yml", "title: Smile when you greet", f"Smile *when* {CODE}", f"Smile when {CODE_TEXT}"),
    ("definitions.yml", "term: empathy", f"empathy *felt* {CODE}", f"empathy felt {CODE_TEXT}"),
    ("sources.yml", "title: A man without a smiling face must not open a shop", f"A *man* {CODE}", f"A man {CODE_TEXT}"),
    ("agreement.yml", "title: Service agreement", f"Service _agreement_ {ENTITY}", f"Service agreement {ENTITY_TEXT}"),
]
LABELS = {"sessions": (f"*Our* sessions {CODE}", f"Our sessions {CODE_TEXT}"),
          "agreement": ("Sign &amp; `<b>`", "Sign & <b>"),
          "facilitator_packet": (f"*Packet* {CODE}", f"Packet {CODE_TEXT}"),
          "not_found": (f"*Lost* {CODE}", f"Lost {CODE_TEXT}")}
SCHEDULE = "timezone: America/New_York\ncohorts:\n  - name: Group A\n    dates: [2026-10-21]\n    room: Room 2\n"


def _yaml(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def hostile_titles(folder):
    shutil.copytree(MINIMAL_CURRICULUM, folder)
    for name, old, title, _ in TITLES:
        path = folder / name
        key = old.split(":")[0]
        path.write_text(path.read_text(encoding="utf-8").replace(old, f"{key}: {_yaml(title)}", 1), encoding="utf-8")
    labels = "".join(f"\n  {key}: {_yaml(title)}" for key, (title, _) in LABELS.items())
    program = folder / "program.yml"
    program.write_text(program.read_text(encoding="utf-8") + "labels:" + labels + "\n", encoding="utf-8")
    (folder / "schedule.yml").write_text(SCHEDULE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def titles_site(tmp_path_factory):
    """One trainer's edition, with its PDFs, of a curriculum whose every title holds a payload."""
    folder = hostile_titles(tmp_path_factory.mktemp("titles") / "curriculum")
    return build_or_fail(folder, tmp_path_factory.mktemp("titles") / "site", "trainers", pdf=True)


def test_a_title_has_one_plain_text_form_made_from_its_markdown():
    text = render.Text()
    for _, _, title, plain_form in TITLES:
        assert text.plain(title) == plain_form
    assert text.plain("First *Impressions*") == "First Impressions"
    assert text.plain("Tom &amp; Jerry :material-clock-outline: [x](https://example.org)") == "Tom & Jerry x"


PROGRAM = TITLES[0][3]
SESSION_TITLE, AGREEMENT = TITLES[2][3], TITLES[7][3]
TABS = {"sessions/greeting.html": SESSION_TITLE, "agreement/index.html": AGREEMENT,
        "sessions/greeting/facilitator.html": f"{LABELS['facilitator_packet'][1]}: {SESSION_TITLE}",
        "sessions/greeting/run.html": f"Run: {SESSION_TITLE}", "index.html": None}


@pytest.mark.xdist_group("hostile titles")  # titles_site, with its PDFs, is built once
def test_no_title_writes_markup_outside_the_article_in_chromium(context, titles_site):
    """Every page: its tab and header show the plain title, its nav the plain titles of the others; no element
    from a title reaches the page (the refresh never happens: not from the theme's templates, nor from its scripts,
    whose tooltips wrote a title's text back as HTML), and what the article renders stays rendered."""
    dialogs: list[str] = []
    context.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with SiteServer(titles_site) as server:
        guard = Guard(context, server.url)
        for uri in site_pages(titles_site):
            guard.where = uri
            guard.page.goto(server.url + uri, wait_until="load")
            guard.page.wait_for_timeout(300)  # a refresh of 0 seconds would have left (or reloaded) by now
            assert guard.page.url == server.url + uri
            found = guard.page.evaluate("""() => ({
                metas: [...document.querySelectorAll('meta[http-equiv]')].map(m => m.httpEquiv),
                title: document.title,
                outside: [...document.querySelectorAll('body *')].filter(e => !e.closest('article'))
                         .filter(e => /^(meta|title|b|em|strong|code)$/i.test(e.tagName)).map(e => e.outerHTML),
                nav: [...document.querySelectorAll('.md-nav__link .md-ellipsis, .md-nav__title')]
                         .map(e => e.textContent.trim()).filter(Boolean)})""")
            assert found["metas"] == ["Content-Security-Policy"], uri
            assert found["outside"] == [], f"{uri}: {found['outside']}"
            expected = TABS.get(uri, "")
            assert found["title"] == (f"{expected} - {PROGRAM}" if expected else PROGRAM) if uri in TABS \
                else found["title"].endswith(f" - {PROGRAM}"), (uri, found["title"])
            assert "*" not in found["title"] and "`" not in found["title"]
            assert not any("*" in label or "`" in label or "&amp;" in label for label in found["nav"]), (uri, found["nav"])
            if uri == "sessions/greeting.html":
                assert {SESSION_TITLE, LABELS["sessions"][1], LABELS["agreement"][1], AGREEMENT} <= set(found["nav"])
                assert guard.page.locator(".md-header__topic").first.inner_text().strip() == PROGRAM
                heading = guard.page.locator("article h1")
                assert heading.inner_text() == SESSION_TITLE and heading.locator("em").inner_text() == "Impressions"
        guard.page.goto(server.url + "404.html")
        assert guard.page.locator("article h1").inner_text() == f"404 - {LABELS['not_found'][1]}"
    assert dialogs == [] and guard.outside == []


@pytest.mark.xdist_group("hostile titles")  # titles_site, with its PDFs, is built once
def test_search_pdf_and_calendar_carry_the_plain_titles(titles_site):
    from pypdf import PdfReader
    import icalendar
    import json
    index = json.loads((titles_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {d["title"] for d in index["docs"]}
    assert {html.escape(PROGRAM), html.escape(SESSION_TITLE)} <= titles  # search shows a title as HTML: escaped
    assert not any("<" in t or "*" in t for t in titles), titles  # not even the <code> of the article's heading
    packet = PdfReader(titles_site / "sessions" / "greeting" / "facilitator.pdf")
    assert packet.metadata.title == f"{LABELS['facilitator_packet'][1]}: {SESSION_TITLE}"
    first = packet.pages[0].extract_text()
    assert "*" not in first and "`" not in first
    calendar = icalendar.Calendar.from_ical((titles_site / "calendars" / "group-a.ics").read_bytes())
    assert PROGRAM in str(calendar["X-WR-CALNAME"]) or PROGRAM in str(calendar.get("NAME"))
    assert SESSION_TITLE in str(calendar.events[0]["SUMMARY"]) and "*" not in str(calendar.events[0]["SUMMARY"])
    assert "*" not in (titles_site / "sitemap.xml").read_text(encoding="utf-8")
    run = (titles_site / "sessions" / "greeting" / "run.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script type="application/json" id="run-config">(.*?)</script>', run).group(1))
    assert config["blocks"][0]["title"] == TITLES[3][3]  # what the run view announces: the block's plain title


def test_curriculum_text_keeps_only_ids_of_the_authors_own_even_past_the_check():
    """Behind the check: an id the check would refuse never reaches a page (the page's scripts find their elements
    by id), one of the author's own does; classes stay, as Markdown writes them too (admonitions, task lists)."""
    text = render.Text()
    assert text.block("A commitment.\n{: #hb-agreement-config .my-note }") == '<p class="my-note">A commitment.</p>'
    assert text.block("Intro.\n{: #my-intro }") == '<p id="my-intro">Intro.</p>'
    assert 'id="' in sanitize.text('<h2 id="top">x</h2>')  # a page written by hand in docs/ keeps its headings' ids
    assert f"`{markdown_rules.OWN_PREFIX}" in reference.markdown()  # guide/fields.md says how to name them


def test_the_themes_html_tooltips_stay_off():
    """Material's tooltips (content.tooltips) write an element's title into the page as HTML: with them, a title
    holding "</title><meta http-equiv=refresh ...>" as text became that element again (the logo's title, a nav
    entry cut short, a definition's tooltip). The browser's own tooltip shows a title as text."""
    import yaml
    config = yaml.unsafe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "content.tooltips" not in (config["theme"].get("features") or [])
