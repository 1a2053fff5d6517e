"""Korean lines break between words, never inside one (있습니/다), on a phone and on a wide screen: Korean puts
spaces between words, and handbook.css gives Korean pages `word-break: keep-all`."""

from __future__ import annotations

from page_checks import BROKEN_WORDS
from tour import touring


@touring("korean", "korean_trainers")
def test_korean_pages_break_lines_between_words(toured):
    found = [f"{uri}, {word}" for uri, seen in toured.seen.items() for word in seen.broken_words]
    assert found == [], f"{len(found)} Korean words broken across lines:\n" + "\n".join(found[:40])


def test_the_check_sees_a_word_broken_across_lines(page):
    page.set_content('<html lang="ko"><body><p style="width: 7.5em; font-size: 16px">목소리에 귀를 기울이면 '
                     '알 수 있습니다 목소리에 귀를 기울이면</p></body></html>')
    assert page.evaluate(BROKEN_WORDS), "with word-break: normal, Chromium breaks Korean inside words"
    page.add_style_tag(content="html:lang(ko) { word-break: keep-all }")
    assert page.evaluate(BROKEN_WORDS) == []
