"""WCAG 2.1 A and AA (axe-core in Chromium) and keyboard use, on every kind of page of both editions.

Pages are enumerated from the built sites, so a new kind of page is covered the day it is added.
axe runs on both editions of every shipped handbook, on a phone (375 px) and a desktop, and Tab goes through both
editions of the default one: on one page of each kind (every session's pages come from the same templates), the
one with the most in it.
"""

from __future__ import annotations

import sys
from urllib.parse import quote

import pytest

from handbook import load_handbook
from support import DEFAULT_CURRICULUM, ROOT, SiteServer, axe_violations, build_or_fail, search, site_pages
from tour import KINDS, of_kind, one_of_each_kind, touring

sys.path.insert(0, str(ROOT / "scripts"))
import synthetic  # noqa: E402

# Every control a person can Tab to, recorded with its look before it has focus.
SNAPSHOT_CONTROLS = """() => {
  const selector = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe,'
                 + ' [tabindex], [contenteditable=""], [contenteditable=true]';
  const shown = el => { const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}); };
  const radios = new Set();
  window.__controls = [];
  window.__looks = new Map();
  for (const el of document.querySelectorAll(selector)) {
    if (el.tabIndex < 0 || el.disabled || el.closest('[inert]') || !shown(el)) continue;
    if (el.type === 'radio' && el.name) { if (radios.has(el.name)) continue; radios.add(el.name); }  // arrows move inside
    window.__controls.push(el);
    window.__looks.set(el, window.__look(el));
  }
  return window.__controls.map(window.__describe);
}"""
HELPERS = """
window.__look = el => { const s = getComputedStyle(el);
  return {outline: [s.outlineStyle, s.outlineWidth, s.outlineColor].join(' '), shadow: s.boxShadow}; };
window.__describe = el => {
  const name = (el.getAttribute('aria-label') || el.textContent || el.value || el.name || '').trim().replace(/\\s+/g, ' ');
  return `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}> "${name.slice(0, 40)}"`;
};
"""
# Where focus is now: which control, whether a person can see it, and whether it looks focused.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const r = el.getBoundingClientRect();
  const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
                   && r.top < innerHeight && r.left < innerWidth;
  const visible = onScreen && el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  const now = window.__look(el), before = window.__looks.get(el);
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && (!before || now.outline !== before.outline);
  const shadow = now.shadow !== 'none' && (!before || now.shadow !== before.shadow);
  return {index: window.__controls.indexOf(el), name: window.__describe(el), visible, indicated: outline || shadow};
}"""


WIDTHS = (375, 1280)  # a phone, a desktop


@pytest.fixture(scope="module")
def pages(default_trainers_site) -> list[str]:
    """The trainer's edition has every kind of page; the staff edition a subset."""
    return site_pages(default_trainers_site)


@pytest.fixture(scope="module")
def a_tip():
    handbook, _ = load_handbook(DEFAULT_CURRICULUM)
    return handbook.tips[0]


def test_every_kind_of_page_is_checked(pages):
    missing = [kind for kind, pattern in KINDS.items() if not any(of_kind(pattern, page) for page in pages)]
    assert not missing, f"no built page for: {', '.join(missing)} (pages: {pages})"


def test_one_page_of_each_kind_stands_for_its_kind(default_trainers_site):
    chosen = one_of_each_kind(default_trainers_site)
    assert len(chosen) == len(set(chosen)) >= len(KINDS)
    handouts = [uri for uri in site_pages(default_trainers_site) if uri.endswith("/handout.html")]
    assert len(handouts) > 1 and len([uri for uri in chosen if uri.endswith("/handout.html")]) == 1
    assert max(handouts, key=lambda uri: (default_trainers_site / uri).stat().st_size) in chosen


def axe_at_every_width(page, url: str) -> list[str]:
    """axe on a page at each width in turn, loaded once: the page reflows as a browser window being resized does
    (the theme's layout follows media queries, its scripts the window's size)."""
    page.set_viewport_size({"width": WIDTHS[0], "height": 800})
    assert page.goto(url).ok
    found = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        found += [f"{width} px: {v}" for v in axe_violations(page)]
    return found


@touring()
def test_no_wcag_violations_on_any_kind_of_page(toured):
    """On one page of each kind (tour.one_of_each_kind), on a phone and a desktop, as it opens: the agreement's three
    pages, a packet, a handout and the trainer's guide among them (other tests scan the states a person brings a page
    to: a filled form, a control hovered, a timer running late)."""
    assert sorted(uri for uri, seen in toured.seen.items() if seen.axe is not None) == one_of_each_kind(toured.site)
    found = [f"{uri} at {v}" for uri, seen in toured.seen.items() for v in seen.axe or ()]
    assert not found, "axe-core found WCAG 2.1 AA violations:\n" + "\n".join(found)


@pytest.fixture(scope="module")
def large_server(tmp_path_factory):
    """A program large enough that home, the trainer's guide and the tips list their sessions compactly."""
    curriculum = synthetic.write_curriculum(tmp_path_factory.mktemp("large") / "curriculum", 15)
    with SiteServer(build_or_fail(curriculum, tmp_path_factory.mktemp("large-site") / "site", "trainers")) as server:
        yield server


def test_no_wcag_violations_on_a_large_programs_compact_pages(page, large_server):
    found = [f"{uri} at {v}" for uri in ("index.html", "trainers-guide.html", "tips.html")
             for v in axe_at_every_width(page, large_server.url + uri)]
    assert not found, "axe-core found WCAG 2.1 AA violations:\n" + "\n".join(found)


def test_no_wcag_violations_with_search_results_open(page, default_server, a_tip):
    page.goto(default_server.url + "index.html")
    search(page, a_tip.title)
    found = axe_violations(page)
    assert not found, "axe-core found WCAG 2.1 AA violations with search results open:\n" + "\n".join(found)


@pytest.mark.parametrize("server, name", [("default_server", "Search"), ("korean_server", "검색")])
def test_the_search_dialog_is_announced_by_name(page, request, server, name):
    """Material's search is a dialog without a name; a screen reader would announce just "dialog"."""
    server = request.getfixturevalue(server)
    page.goto(server.url + "index.html")
    page.keyboard.press("/")
    dialog = page.get_by_role("dialog", name=name, exact=True)
    assert dialog.count() == 1 and dialog.locator("input").evaluate("(i) => i === document.activeElement")


def tab_through(page, limit: int) -> tuple[list[dict], bool]:
    """Press Tab until focus leaves the page (or `limit` presses); where focus went each time."""
    stops: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        here = settled_focus(page, shown={s["name"] for s in stops if s["visible"] and s["indicated"]})
        if here is None:
            return stops, True
        stops.append(here)
    return stops, False


def settled_focus(page, shown: set[str] = frozenset()) -> dict | None:
    """The focused control, given up to a second to finish an opening transition (Material animates some); no more
    time once it is seen, if it was `shown` with its focus before (a native control's next stop: a date's month)."""
    here = page.evaluate(FOCUSED)
    for _ in range(10):
        if here is None or (here["visible"] and (here["indicated"] or here["name"] in shown)):
            break
        page.wait_for_timeout(100)
        here = page.evaluate(FOCUSED)
    return here


def keyboard_problems(page, url: str) -> list[str]:
    page.goto(url)
    page.evaluate(f"() => {{ {HELPERS} }}")
    controls = page.evaluate(SNAPSHOT_CONTROLS)
    stops, left_page = tab_through(page, limit=2 * len(controls) + 20)
    problems = [f"{s['name']} has focus but cannot be seen" for s in stops if not s["visible"]]
    # A native control can take several stops (a date's day, month, year and picker); one indicator will do
    indicated = {s["name"] for s in stops if s["indicated"]}
    problems += [f"{name} shows no focus indicator (outline or shadow)"
                 for name in dict.fromkeys(s["name"] for s in stops if s["visible"] and s["name"] not in indicated)]
    reached = {s["index"] for s in stops}
    problems += [f"{name} cannot be reached with Tab" for i, name in enumerate(controls) if i not in reached]
    if not left_page:
        problems.append(f"Tab never leaves the page after {len(stops)} presses (a keyboard trap?)")
    return problems


@pytest.mark.parametrize("edition", ["default_server", "default_trainers_server"])
def test_every_control_is_reachable_by_tab_with_a_visible_focus(page, request, edition):
    """On one page of each kind, as axe: the controls a page has come from its template (a session's links and
    buttons are those of every session), and a control the curriculum writes (a link) is focused like any other."""
    server = request.getfixturevalue(edition)
    page.set_viewport_size({"width": 1280, "height": 800})
    found = []
    for uri in one_of_each_kind(server.site):
        found += [f"{uri}: {problem}" for problem in keyboard_problems(page, server.url + uri)]
    assert not found, "keyboard problems:\n" + "\n".join(found)


def test_search_results_are_used_by_keyboard(page, default_server, a_tip):
    page.goto(default_server.url + "index.html")
    page.evaluate(f"() => {{ {HELPERS}; window.__controls = []; window.__looks = new Map(); }}")
    search(page, a_tip.title)
    seen = []
    for _ in range(2):
        page.keyboard.press("ArrowDown")
        here = settled_focus(page)
        assert here and here["visible"] and here["indicated"], f"search result focus is not visible: {here}"
        seen.append(here["name"])
    assert seen[0] != seen[1], "ArrowDown does not move through the results"
    target = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)


def test_the_checks_catch_what_they_look_for(page):
    page.set_content('<html lang="en"><head><title>t</title></head><body><main><img src="a.png"></main></body></html>')
    assert any(v.startswith("image-alt") for v in axe_violations(page))
    html = ('<html lang="en"><title>t</title><style>button:focus { outline: none }</style><main>'
            '<a href="#a">fine</a> <button>plain</button> <a href="#b" style="opacity: 0">ghost</a></main></html>')
    assert keyboard_problems(page, "data:text/html," + quote(html)) == [
        '<a> "ghost" has focus but cannot be seen', '<button> "plain" shows no focus indicator (outline or shadow)']
