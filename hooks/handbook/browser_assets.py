"""Third-party browser files the site serves itself: which installed npm file goes where in the site.

package.json pins the packages and package-lock.json their integrity hashes; `make setup` installs them
with `npm ci` and bundles @noble/hashes and @noble/curves' Ed25519 (published only as ES modules) into one classic script with
esbuild (`npm run bundle`), because ES modules do not load from file://. The hook copies these files
into the site; nothing is fetched at build time or by the pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
VENDOR = "assets/javascripts/vendor/"


@dataclass(frozen=True)
class BrowserFile:
    source: str  # the file under node_modules/
    site_uri: str  # where the built site serves it

    @property
    def path(self) -> Path:
        return NODE_MODULES / self.source


# Material's offline plugin points the page at a CDN copy of iframe-worker (search from file://); ours instead
IFRAME_WORKER = BrowserFile("iframe-worker/shim/index.js", "assets/javascripts/iframe-worker/shim.js")
SIGNATURE_PAD = BrowserFile("signature_pad/dist/signature_pad.umd.min.js", VENDOR + "signature_pad.js")
SHA256 = BrowserFile(".handbook/noble-hashes-sha2.js", VENDOR + "noble-hashes-sha2.js")  # `npm run bundle`
DIFF = BrowserFile("diff/dist/diff.min.js", VENDOR + "diff.js")
ED25519 = BrowserFile(".handbook/noble-curves-ed25519.js", VENDOR + "noble-curves-ed25519.js")  # `npm run bundle`
FILES = (IFRAME_WORKER, SIGNATURE_PAD, SHA256, DIFF, ED25519)


def missing() -> list[BrowserFile]:
    """The files `make setup` has not installed (yet)."""
    return [f for f in FILES if not f.path.is_file()]
