"""The browser libraries: pinned in package.json and package-lock.json, installed by npm, served by the site."""

from __future__ import annotations

import json
import re
from pathlib import Path

from handbook import browser_assets

ROOT = Path(__file__).resolve().parents[1]


def test_every_library_is_pinned_to_one_exact_version():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    pins = {**package["dependencies"], **package["devDependencies"]}
    assert {"signature_pad", "@noble/hashes", "@noble/curves", "iframe-worker", "diff", "esbuild"} <= set(pins)
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", version) for version in pins.values()), pins


def test_the_lockfile_has_integrity_hashes_and_no_download_addresses():
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    installed = {path: p for path, p in lock["packages"].items() if path}
    assert installed and all("resolved" not in p for p in installed.values())
    assert all(p["integrity"].startswith("sha512-") for p in installed.values())
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    for name, version in package["dependencies"].items():
        assert installed[f"node_modules/{name}"]["version"] == version


def test_the_site_serves_each_installed_file_as_it_is(default_site):
    assert browser_assets.missing() == []
    for asset in browser_assets.FILES:
        assert (default_site / asset.site_uri).read_bytes() == asset.path.read_bytes(), asset.source


def test_the_pages_load_classic_scripts_not_modules(default_site):
    """ES modules do not load from file://: every library is a UMD or IIFE script."""
    for asset in browser_assets.FILES:
        text = asset.path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|export)\s", text, re.MULTILINE), asset.source
    assert 'type="module"' not in (default_site / "agreement" / "index.html").read_text(encoding="utf-8")
