"""Phones: at 375 px no page of either edition is wider than the screen and nothing in it scrolls sideways.

Wide tables become one card per row with each cell labelled (render/tables.py, handbook.css); the
home page shows the session cards before anything else.
"""

from __future__ import annotations

from handbook import load_handbook, locale
from support import DEFAULT_CURRICULUM, KOREAN_CURRICULUM, site_pages

PHONE = {"width": 375, "height": 667}
# What does not fit: the page itself, anything in the article that scrolls or is cut off sideways,
# and anything that sticks out past the screen. A visually hidden element (1 px) is no content.
SIDEWAYS = """() => {
  const found = [];
  const root = document.documentElement;
  if (root.scrollWidth > innerWidth) found.push(`the page is ${root.scrollWidth} px wide`);
  const name = el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
                                                  ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  // inside a visually hidden box: 1 px, its content clipped (a table's headings, read out but not shown)
  const clipped = el => { for (let a = el; a; a = a.parentElement) { const r = a.getBoundingClientRect();
    if ((r.width <= 1 || r.height <= 1) && getComputedStyle(a).overflow !== 'visible') return true; } return false; };
  for (const el of (document.querySelector('article') || document.body).querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1 || !el.checkVisibility() || clipped(el)) continue;
    const s = getComputedStyle(el);
    if (el.scrollWidth > el.clientWidth + 1 && s.overflowX !== 'visible' && s.display !== 'inline')
      found.push(`${name(el)} scrolls sideways (${el.scrollWidth} px in ${el.clientWidth} px)`);
    else if (r.right > innerWidth + 1 || r.left < -1)
      found.push(`${name(el)} sticks out past the screen (${Math.round(r.left)} to ${Math.round(r.right)} px)`);
  }
  return found;
}"""


def test_no_page_of_either_edition_scrolls_sideways_on_a_phone(page, any_server):
    page.set_viewport_size(PHONE)
    found = []
    for uri in site_pages(any_server.site):
        page.goto(any_server.url + uri)
        found += [f"{uri}: {problem}" for problem in page.evaluate(SIDEWAYS)]
    assert found == [], "on a 375 px phone:\n" + "\n".join(found)


def test_the_check_sees_what_does_not_fit(page):
    page.set_viewport_size(PHONE)
    wide = "<td style='white-space: nowrap'>" + "a long cell " * 60 + "</td>"
    page.set_content(f"<main><article><div style='overflow-x: auto'><table><tr>{wide}</tr></table></div>"
                     "<p style='width: 600px'>a paragraph wider than a phone</p></article></main>")
    found = page.evaluate(SIDEWAYS)
    assert any(f.startswith("the page is") for f in found)
    assert any(f.startswith("div scrolls sideways") for f in found)
    assert any(f.startswith("p sticks out past the screen") for f in found)


def test_the_session_cards_are_above_the_fold(page, default_server, default_trainers_server, korean_server):
    for server, curriculum in ((default_server, DEFAULT_CURRICULUM), (default_trainers_server, DEFAULT_CURRICULUM),
                               (korean_server, KOREAN_CURRICULUM)):
        book = load_handbook(curriculum)[0]
        page.set_viewport_size(PHONE)
        page.goto(server.url + "index.html")
        cards = page.locator("article .hb-session-cards > ul > li")
        assert cards.count() == len(book.sessions)
        first = cards.first.locator("a").first
        box = first.bounding_box()
        assert first.inner_text() == book.sessions[0].title
        assert box["y"] + box["height"] <= PHONE["height"], f"{server.url}: the first session is below the fold"


def test_wide_tables_become_labelled_cards_on_a_phone(page, default_trainers_server):
    words = locale.words("en")
    book = load_handbook(DEFAULT_CURRICULUM)[0]
    page.set_viewport_size(PHONE)
    page.goto(default_trainers_server.url + "trainers-guide.html")
    schedule = page.locator("article table").first
    links = schedule.get_by_role("link", name=words["participant_handout"])
    assert links.count() == len(book.sessions)
    for i in range(links.count()):  # the last column, in reach without scrolling sideways
        box = links.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    label = schedule.locator("td").nth(4).evaluate("td => getComputedStyle(td, '::before').content")
    assert label == f'"{words["participant_handout"]}"'
    page.set_viewport_size({"width": 1280, "height": 800})  # a wide screen keeps the table
    assert schedule.locator("td").first.evaluate("td => getComputedStyle(td).display") == "table-cell"
    assert schedule.locator("th").first.is_visible()


# Each stacked cell, as a phone lays it out: its label and its content must be two pieces side by side, and every
# piece of the content (text, a link, a defined word, emphasis, a line break) inside the content's one grid area.
SPLIT_CELLS = """() => {
  const found = [];
  for (const td of document.querySelectorAll('article table[data-stack] td')) {
    if (getComputedStyle(td).display !== 'grid') continue;
    const stray = [...td.childNodes].filter(n => n.nodeType === Node.ELEMENT_NODE
      ? !n.classList.contains('hb-cell') : n.textContent.trim() !== '');
    const cell = td.querySelector(':scope > .hb-cell');
    const where = `${td.dataset.label}: "${td.textContent.trim().slice(0, 40)}"`;
    if (stray.length || !cell) { found.push(`${where} has pieces outside its content`); continue; }
    const box = cell.getBoundingClientRect(), label = td.getBoundingClientRect();
    if (td.textContent.trim() && box.left < label.left + 40) found.push(`${where} does not sit beside its label`);
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects())
        if (r.width && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1))
          found.push(`${where}: "${node.textContent.trim()}" lies outside the cell's content`);
    }
  }
  return found;
}"""


def test_each_stacked_cell_keeps_its_content_together(page, any_server):
    """Links, defined words, emphasis and line breaks stay in their cell's content, at every phone width."""
    stacked = [uri for uri in site_pages(any_server.site)
               if "data-stack" in (any_server.site / uri).read_text(encoding="utf-8")]
    assert stacked, "no page of this site has a stacked table"
    found, cells = [], 0
    for width in (375, 700):
        page.set_viewport_size({"width": width, "height": 800})
        for uri in stacked:
            page.goto(any_server.url + uri)
            cells += page.locator("article table[data-stack]:not([class]) td").count()
            found += [f"{width} px, {uri}: {problem}" for problem in page.evaluate(SPLIT_CELLS)]
    assert cells
    assert found == [], "\n".join(found)


def test_the_check_sees_a_cell_split_around_a_link(page):
    page.set_viewport_size(PHONE)
    page.goto("about:blank")
    page.set_content("<style>td { display: grid; grid-template-columns: 35% 1fr; } td::before { content: 'L'; }</style>"
                     "<article class='md-typeset'><table data-stack><tbody><tr><td data-label='L'>Group C (<a href='#'>"
                     "Add to calendar</a>)</td></tr></tbody></table></article>")
    assert any("has pieces outside its content" in f for f in page.evaluate(SPLIT_CELLS))
