"""What the page-wide checks look for in a page open in Chromium: scripts evaluated in it, each returning what it
found (one line each), a recorder of the Content-Security-Policy violations a browser context reports, and a wait
for all a page would load."""

from __future__ import annotations

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

# Each `securitypolicyviolation` event of the page, recorded by a script Playwright adds (the policy does not govern it)
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e =>
  window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
"""


class Violations:
    """Every CSP violation a browser context reports, with the page it happened on."""

    def __init__(self, context):
        self.found: list[str] = []
        self.where = ""
        context.add_init_script(RECORD_VIOLATIONS)
        context.on("console", self._console)
        self.page = context.new_page()

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.found.append(f"{self.where}: {message.text}")

    def visit(self, url: str, wait_until: str = "networkidle") -> None:
        self.collect()
        self.where = url
        self.page.goto(url, wait_until=wait_until)

    def collect(self) -> list[str]:
        """Take the page's recorded events into the list (before it navigates away)."""
        if self.where:
            events = self.page.evaluate("window.__violations || []")
            self.found += [f"{self.where}: {e}" for e in events]
        return self.found


def load_everything(page) -> None:
    """Wait for a loaded page to load everything it would on screen, when scrolled to its end, and when printed. The
    page is left as printed: one that goes on to another page switches back to the screen before it loads it."""
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.emulate_media(media="print")
    page.wait_for_load_state("networkidle")
