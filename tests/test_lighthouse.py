"""`make bench`'s Lighthouse (scripts/lighthouse.py) scores a built page: the version the lockfile pins runs
against Debian's Chromium with nothing downloaded, and gives a real score for both categories."""

from __future__ import annotations

import sys

from support import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import lighthouse  # noqa: E402


def test_lighthouse_scores_the_default_handbooks_home_page_for_performance_and_accessibility(default_site):
    [score] = lighthouse.measure(default_site, [""])
    assert score.error == ""
    assert 0 <= score.performance <= 100 and 0 <= score.accessibility <= 100, score
