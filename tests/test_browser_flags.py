"""The test browser's flags keep what Playwright turns off: Chromium obeys only the last --disable-features, and
ours (conftest.CHROMIUM_ARGS) replaces Playwright's own, so a Playwright upgrade that turns off one more feature
must show up here rather than as a test that misbehaves."""

from __future__ import annotations

import re
from pathlib import Path

import playwright

from conftest import CHROMIUM_ARGS

# Playwright's server, bundled into one file; its chromiumSwitches module lists the features it turns off
SWITCHES = Path(playwright.__file__).parent / "driver/package/lib/coreBundle.js"


def _playwrights_disabled_features() -> set[str]:
    body = re.search(r"chromiumSwitches.ts.*?disabledFeatures = \[(.*?)\n\s*\]", SWITCHES.read_text(), re.S)
    assert body, f"{SWITCHES} no longer lists disabledFeatures as this test expects"
    return set(re.findall(r'^\s*"(\w+)",?\s*$', body.group(1), re.M))


def test_our_disable_features_flag_keeps_every_feature_playwright_disables():
    ours = [arg for arg in CHROMIUM_ARGS if arg.startswith("--disable-features=")]
    assert len(ours) == 1
    theirs = _playwrights_disabled_features()
    assert len(theirs) >= 10  # the list was read, not an empty match
    assert theirs <= set(ours[0].split("=", 1)[1].split(","))
