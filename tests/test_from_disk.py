"""The built site works opened straight from disk (file://), as when someone double-clicks index.html.

Chromium runs without --allow-file-access-from-files, as a person's browser does: search works
from disk through Material's offline plugin and our pinned iframe-worker shim, not through a flag.
"""

from __future__ import annotations

import pytest

from conftest import CHROMIUM_ARGS
from handbook import load_handbook
from support import DEFAULT_CURRICULUM, search


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(DEFAULT_CURRICULUM)[0]


def test_the_browser_has_no_special_file_access():
    assert not any("file-access" in arg for arg in CHROMIUM_ARGS)


def test_pages_links_and_search_work_from_disk(page, default_site, handbook):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((default_site / "index.html").as_uri())
    assert handbook.program.title in page.locator("article").inner_text()

    session = handbook.sessions[0]
    page.locator("article").get_by_role("link", name=session.title, exact=True).first.click()
    page.wait_for_url(f"**/sessions/{session.id}.html")
    assert page.locator("h1").inner_text() == session.title

    tip = handbook.tips[0]
    search(page, tip.title)
    # a result links to tips.html?h=<the words>#<the tip's id>
    result = page.locator(f'.md-search-result__link[href*="tips.html"][href$="#{tip.id}"]').first
    assert result.is_visible(), f"searching {tip.title!r} from disk did not find the tip"
    result.click()
    page.wait_for_url(lambda url: "/tips.html" in url and url.endswith(f"#{tip.id}"))
    assert page.locator(f"[id='{tip.id}']").is_visible()

    outside = [url for url in requests if not url.startswith(("file://", "data:", "blob:"))]
    assert not outside, f"requests that are not to files of the site: {outside}"
