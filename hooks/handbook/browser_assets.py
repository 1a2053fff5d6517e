"""Third-party browser files the site serves itself, pinned by version and hash from the npm registry.

Material's offline plugin points the page at a CDN copy of iframe-worker (so search works from
file://). The handbook makes no outside requests, so `make setup` fetches the pinned package
once into .cache/ and the hook serves it from the site.

Run `python -m handbook.browser_assets` to fetch whatever is missing.
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

CACHE = Path(__file__).resolve().parents[2] / ".cache" / "npm"
REGISTRY = "https://registry.npmjs.org"


@dataclass(frozen=True)
class NpmFile:
    package: str
    version: str
    integrity: str  # npm's sha512 "integrity" of the tarball
    member: str  # the file inside the tarball
    site_uri: str  # where the built site serves it

    @property
    def cached(self) -> Path:
        return CACHE / f"{self.package}-{self.version}" / self.member

    def tarball_url(self) -> str:
        return f"{REGISTRY}/{self.package}/-/{self.package}-{self.version}.tgz"


IFRAME_WORKER = NpmFile(
    package="iframe-worker",
    version="1.0.4",
    integrity="sha512-roeaaI+Lg1LJNfgpCjoRe/+WzEjy9+Z08LoEvu85MCPbBjwm+qXz8Ag5U05lHa6V1CysZyGzE0SOkAtSUA5q7Q==",
    member="package/shim/index.js",
    site_uri="assets/javascripts/iframe-worker/shim.js",
)
PINNED = (IFRAME_WORKER,)


def fetch(pin: NpmFile) -> None:
    with urllib.request.urlopen(pin.tarball_url(), timeout=60) as response:
        tarball = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode()
    if digest != pin.integrity:
        raise SystemExit(f"{pin.package}@{pin.version}: the download does not match its pinned hash")
    with tarfile.open(fileobj=io.BytesIO(tarball)) as archive:
        content = archive.extractfile(pin.member).read()
    pin.cached.parent.mkdir(parents=True, exist_ok=True)
    pin.cached.write_bytes(content)


def main() -> int:
    for pin in PINNED:
        if not pin.cached.is_file():
            print(f"fetching {pin.package}@{pin.version} from the npm registry")
            fetch(pin)
    return 0


if __name__ == "__main__":
    sys.exit(main())
