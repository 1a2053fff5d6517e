"""The locale tables: every language has every word, and organizations can replace any of them."""

from __future__ import annotations

import re

from handbook import locale
from handbook.render.environment import TEMPLATES


def test_every_language_has_exactly_the_english_keys():
    english = set(locale.words("en"))
    for language in locale.languages():
        words = locale.words(language)
        assert set(words) == english, f"{language}: missing {english - set(words)}, extra {set(words) - english}"
        assert all(isinstance(w, str) and w.strip() for w in words.values()), f"{language} has an empty word"


def test_korean_words_are_korean():
    korean = locale.words("ko")
    hangul = re.compile(r"[\uac00-\ud7a3]")
    untranslated = [k for k, v in korean.items() if not hangul.search(v) and v == locale.words("en")[k]]
    assert untranslated == []


def test_templates_use_only_known_words():
    used = set()
    for template in TEMPLATES.glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        used |= set(re.findall(r"\bt\.([a-z_]+)", text)) | set(re.findall(r"\bt\[\"([a-z_-]+)\"\]", text))
    assert used - set(locale.words("en")) == set()


def test_an_organization_replaces_a_word():
    assert locale.words("en", {"objectives": "Learning goals"})["objectives"] == "Learning goals"
    assert locale.words("en")["objectives"] == "Objectives"
