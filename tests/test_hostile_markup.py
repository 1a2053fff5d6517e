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
    "A paragraph.\n{: .note #intro }",
    "Tom &amp; Jerry &lt;b&gt;",
    "[Call us](tel:+15550100), [write](mailto:a@example.org), [read](https://example.org/a_(b))",
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
                     "  {: .note #intro }"),
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
        '<table data-stack="" role="table"><thead><tr><th style="text-align:right">1</th></tr></thead></table>'
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
