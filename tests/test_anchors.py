"""Headings get the ids Markdown's toc extension would give them, and the table of contents stays usable."""

from __future__ import annotations

import markdown

from handbook.render import anchors, links


def test_ids_and_contents_are_those_markdown_gives_the_same_headings():
    source = "# Café & co\n\n## Prompts\n\nx\n\n## Prompts\n\n### Prompts\n\n## *Role* cards\n"
    md = markdown.Markdown(extensions=["toc"])
    expected = md.convert(source)
    html, toc = anchors.headings(markdown.markdown(source))
    assert html == expected
    assert toc == md.toc_tokens


def test_an_id_already_written_is_kept_and_never_given_twice():
    html, toc = anchors.headings('<h2 id="smile">Smile</h2><h2>Smile</h2><p id="smile_1">x</p><h2>Smile</h2>')
    assert html == '<h2 id="smile">Smile</h2><h2 id="smile_2">Smile</h2><p id="smile_1">x</p><h2 id="smile_3">Smile</h2>'
    assert [t["id"] for t in toc] == ["smile", "smile_2", "smile_3"]
    assert anchors.ids(html) == {"smile", "smile_1", "smile_2", "smile_3"}


def test_a_page_of_hundreds_of_headings_lists_only_its_sections():
    page = "<h1>Tips</h1>" + "".join(f"<h2>Group {g}</h2>" + "".join(f"<h3>Tip {g}.{n}</h3>" for n in range(20))
                                     for g in range(5))
    _, toc = anchors.headings(page)
    assert [t["name"] for t in toc[0]["children"]] == [f"Group {g}" for g in range(5)]
    assert all(not t["children"] for t in toc[0]["children"])
    _, short = anchors.headings("<h1>Tips</h1><h2>Group</h2><h3>Tip</h3>")
    assert short[0]["children"][0]["children"][0]["name"] == "Tip"


def test_links_are_placed_where_each_page_is_served():
    html = f'<a href="{links.marker("tips.md", "smile")}">a</a><img src="{links.marker("assets/images/x.png")}">'
    assert links.localize(html, "sessions/greeting/facilitator.md", directory_urls=False) == (
        '<a href="../../tips.html#smile">a</a><img src="../../assets/images/x.png">')
    assert links.localize(html, "sessions/greeting.md", directory_urls=True) == (
        '<a href="../../tips/#smile">a</a><img src="../../assets/images/x.png">')
    assert links.localize(f'<a href="{links.marker("index.md")}">h</a>', "index.md", False) == '<a href="index.html">h</a>'
