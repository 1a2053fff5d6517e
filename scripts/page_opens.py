"""What opening pages costs a reader's browser: the CPU seconds of Chromium, all its processes, to open the same
pages of a built site one after another in one tab, each until its search box is ready. As built, a page starts its
search worker on demand (hooks/handbook/search_worker.py); the fair baseline is the same site with Material's own
worker named again, as the theme comes, which builds the search index on every page it opens. The two are measured
in turn, twice, each in a fresh profile, from its first page asked for to its last page ready.

    python scripts/page_opens.py SITE [PAGES]     # prints the two figures and their ratio
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

import psutil
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "scripts")]

import lighthouse  # noqa: E402
from handbook import search_worker  # noqa: E402

CHROMIUM = shutil.which("chromium-headless-shell") or "/usr/bin/chromium-headless-shell"


def measure(site: Path, pages: int = 20) -> dict[str, float]:
    """CPU seconds to open the first `pages` pages of `site` (the home page first), by how search starts."""
    uris = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")
    uris = ["index.html", *[uri for uri in uris if uri != "index.html"]][:pages]
    cpu = {"Material's search worker": 0.0, "search on demand": 0.0}
    with tempfile.TemporaryDirectory(prefix="handbook-page-opens-") as work, sync_playwright() as playwright:
        eager = Path(work) / "site"
        shutil.copytree(site, eager)
        for page in eager.rglob("*.html"):
            page.write_text(search_worker.as_material(page.read_text(encoding="utf-8")), encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for _ in range(2):  # in turn, so drift in the machine's speed falls on both alike
            cpu["Material's search worker"] += _opening(browser, eager, uris)
            cpu["search on demand"] += _opening(browser, site, uris)
        browser.close()
    return cpu


def _opening(browser, site: Path, uris: list[str]) -> float:
    """Each page in turn in one tab of a fresh profile, until its search box says it is ready (the placeholder, not
    "Initializing search")."""
    with lighthouse.serve(site) as url:
        context = browser.new_context()
        page = context.new_page()
        before = _browser_cpu()
        for uri in uris:
            page.goto(url + uri)
            ready = json.loads(page.locator("#__config").text_content())["translations"]["search.result.placeholder"]
            page.locator(".md-search-result__meta", has_text=ready).wait_for(state="attached", timeout=120_000)
        spent = _browser_cpu() - before
        context.close()
    return spent


def _browser_cpu() -> float:
    """CPU seconds of every process this one started that still runs (Chromium's, and Playwright's driver)."""
    total = 0.0
    for process in psutil.Process().children(recursive=True):
        try:
            times = process.cpu_times()
        except psutil.Error:  # ended meanwhile
            continue
        total += times.user + times.system + times.children_user + times.children_system
    return total


def main(argv: list[str]) -> int:
    cpu = measure(Path(argv[0]), int(argv[1]) if len(argv) > 1 else 20)
    print(report(cpu))
    return 0


def report(cpu: dict[str, float]) -> str:
    (before, old), (after, new) = cpu.items()
    return f"{before} {old:.1f} s CPU, {after} {new:.1f} s: {new / old:.2f}x"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
