"""Korean lines break between words, never inside one (있습니/다), on a phone and on a wide screen: Korean puts
spaces between words, and handbook.css gives Korean pages `word-break: keep-all`."""

from __future__ import annotations

from support import site_pages

# Each Korean word of the page (a run of Hangul syllables: a line may still break at a bracket or a quote beside
# one, as in "연민(compassion)이라") whose pieces lie on more than one line, unless the word alone is wider than the
# box it is in (then it must break somewhere)
BROKEN_WORDS = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !parent.checkVisibility({visibilityProperty: true}) || !/[\\uac00-\\ud7a3]/.test(node.textContent)) continue;
    const box = parent.closest('p, li, td, th, dd, dt, h1, h2, h3, h4, div, span, a, label, summary') || parent;
    const width = box.getBoundingClientRect().width;
    for (const match of node.textContent.matchAll(/[\\uac00-\\ud7a3]+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const rects = [...range.getClientRects()].filter(r => r.width > 0);
      const lines = new Set(rects.map(r => Math.round(r.top)));
      const wide = range.getBoundingClientRect().width;
      if (lines.size > 1 && rects.reduce((sum, r) => sum + r.width, 0) < width)
        found.push(`${match[0]} (${wide | 0} px in ${width | 0} px)`);
    }
  }
  return found;
}"""


def broken_words(page, server, width: int) -> list[str]:
    page.set_viewport_size({"width": width, "height": 900})
    found = []
    for uri in site_pages(server.site):
        page.goto(server.url + uri)
        found += [f"{width} px, {uri}: {word}" for word in page.evaluate(BROKEN_WORDS)]
    return found


def test_korean_pages_break_lines_between_words(page, korean_trainers_server):
    """The trainer's edition holds every page the staff edition has, and the packets and run views besides."""
    found = broken_words(page, korean_trainers_server, 375) + broken_words(page, korean_trainers_server, 1280)
    assert found == [], f"{len(found)} Korean words broken across lines:\n" + "\n".join(found[:40])


def test_the_check_sees_a_word_broken_across_lines(page):
    page.set_content('<html lang="ko"><body><p style="width: 7.5em; font-size: 16px">목소리에 귀를 기울이면 '
                     '알 수 있습니다 목소리에 귀를 기울이면</p></body></html>')
    assert page.evaluate(BROKEN_WORDS), "with word-break: normal, Chromium breaks Korean inside words"
    page.add_style_tag(content="html:lang(ko) { word-break: keep-all }")
    assert page.evaluate(BROKEN_WORDS) == []
