"""`make bench`'s Lighthouse (scripts/lighthouse.py) scores a built page: the version the lockfile pins runs
against Debian's Chromium with nothing downloaded, and gives a real score for both categories."""

from __future__ import annotations

import gzip
import sys
import urllib.request

from support import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import lighthouse  # noqa: E402


def test_lighthouse_scores_the_default_handbooks_home_page_for_performance_and_accessibility(default_site):
    [score] = lighthouse.measure(default_site, [""])
    assert score.error == ""
    assert 0 <= score.performance <= 100 and 0 <= score.accessibility <= 100, score


def test_the_site_is_also_served_as_a_compressing_web_server_sends_it(default_site):
    """The bench scores each page served as the files are and served gzip-compressed: the same bytes either way."""

    for compressed in (False, True):
        with lighthouse.serve(default_site, compressed) as base:
            response = urllib.request.urlopen(base + "assets/stylesheets/handbook.css")
            body = response.read()
            assert (response.headers.get("Content-Encoding") == "gzip") == compressed
            assert (gzip.decompress(body) if compressed else body) == (
                default_site / "assets" / "stylesheets" / "handbook.css").read_bytes()
