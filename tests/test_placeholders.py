"""One placeholder filler: Python and the browser give the same answers, and every page word fills the same."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbook import locale, placeholders

PROJECT = Path(__file__).resolve().parents[1]
TWIN = PROJECT / "docs" / "assets" / "javascripts" / "placeholders.js"
CASES = [
    ("page {page} of {pages}", {"page": 2, "pages": 9}),
    ("at most {n} participants ({{max}})", {"n": 12}),
    ("{{literal}} and {known} and {unknown}", {"known": "K"}),
    ("no placeholders at all", {}),
    ("{n}{n}", {"n": "x"}),
]


@pytest.mark.parametrize("text, values", CASES)
def test_fill_writes_values_and_single_braces(text, values):
    filled = placeholders.fill(text, **values)
    assert "{{" not in filled and "}}" not in filled
    for name, value in values.items():
        if "{" + name + "}" in text.replace("{{", "").replace("}}", ""):
            assert str(value) in filled


def test_label_with_escaped_braces_shows_single_braces():
    assert placeholders.fill("at most {n} ({{max}})", n=12) == "at most 12 ({max})"


@pytest.mark.parametrize("text", ["a { b", "a } b", "{n!r}", "{n:>4}"])
def test_malformed_text_is_refused(text):
    with pytest.raises(placeholders.PlaceholderSyntaxError):
        placeholders.names(text)


def test_browser_twin_fills_like_python_for_every_page_word(page):
    cases = list(CASES)
    values = {"n": 12, "page": 3, "pages": 7, "version": "2026.1", "code": "AB12", "name": "Kim", "program": "P",
              "h": 1, "m": 30, "organization": "Org"}
    for language in locale.languages():
        for text in locale.words(language).values():
            if "{" in text:
                cases.append((text, {k: v for k, v in values.items() if k in placeholders.names(text)}))
    page.set_content("<p>twin</p>")
    page.add_script_tag(content=TWIN.read_text(encoding="utf-8"))
    got = page.evaluate("cases => cases.map(([t, v]) => window.handbookFill(t, v))", [[t, v] for t, v in cases])
    assert got == [placeholders.fill(text, **vals) for text, vals in cases]


def test_no_page_of_the_built_site_shows_an_unfilled_placeholder(default_site):
    page_words = {"{" + name + "}" for language in locale.languages() for text in locale.words(language).values()
                  if "{" in text for name in placeholders.names(text)}
    for html in default_site.rglob("*.html"):
        if html.relative_to(default_site).parts[0] == "about":  # maintainer pages document the placeholders
            continue
        text = re.sub(r"<script.*?</script>|<[^>]+>", " ", html.read_text(encoding="utf-8"), flags=re.S)
        left = [w for w in page_words if w in text]
        assert not left, f"{html.relative_to(default_site)} shows {left}"
