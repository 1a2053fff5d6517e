"""Helpers the tests share: building a site, serving it, reading PDFs back."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import html
import http.server
import io
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback
import unicodedata
from pathlib import Path

import markdown
import yaml
from filelock import FileLock
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CURRICULUM = ROOT / "curriculum"
KOREAN_CURRICULUM = ROOT / "examples" / "lunchtime-lectures-ko" / "curriculum"
SPANISH_CURRICULUM = ROOT / "examples" / "servicio-al-paciente-es" / "curriculum"
MINIMAL_CURRICULUM = ROOT / "tests" / "fixtures" / "minimal"
# Debian's build of Chromium without its window and browser UI (Playwright's own headless browser is the same
# "headless shell"): the same Blink and V8 as the `chromium` package, at a third of the browser process's work
CHROMIUM = shutil.which("chromium-headless-shell") or "/usr/bin/chromium-headless-shell"
# A fixed build date, so "last reviewed more than a year ago" does not depend on the day the tests run.
BUILD_DATE_EPOCH = "1793059200"  # 2026-10-27
BUILD_DATE = dt.datetime.fromtimestamp(int(BUILD_DATE_EPOCH), dt.timezone.utc).date()


def environment(curriculum: Path, date_epoch: str = BUILD_DATE_EPOCH) -> dict[str, str]:
    """What the Makefile sets for every command, for a given curriculum folder."""
    return {**os.environ, "HANDBOOK_CURRICULUM": str(curriculum), "NO_MKDOCS_2_WARNING": "1",
            "SOURCE_DATE_EPOCH": date_epoch, "PYTHONPATH": str(ROOT / "hooks")}


def build(curriculum: Path, site: Path, *, strict: bool = True, pdf: bool = False, engine: str = "mkdocs",
          date_epoch: str = BUILD_DATE_EPOCH, env: dict[str, str] | None = None,
          edition: str = "staff") -> subprocess.CompletedProcess:
    """Build the way `make build` does (`mkdocs build`), for a given curriculum folder and edition. PDFs only
    with `pdf=True` (the shared default and Korean sites have them; most tests need none, and stay fast);
    `env` adds to the environment, e.g. HANDBOOK_PDF_CACHE; `engine="properdocs"` builds with ProperDocs,
    the maintained drop-in fork of MkDocs 1.6, in its own process (MkDocs builds in this one: see build_in_process)."""
    env = {**environment(curriculum, date_epoch), "HANDBOOK_PDF": "1" if pdf else "0", "HANDBOOK_EDITION": edition,
           **(env or {})}
    if engine == "mkdocs":
        return build_in_process(site, env, strict)
    command = [sys.executable, "-m", engine, "build", "--site-dir", str(site), "--config-file",
               str(ROOT / "mkdocs.yml")]
    if strict:
        command.append("--strict")
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def build_in_process(site: Path, env: dict[str, str], strict: bool) -> subprocess.CompletedProcess:
    """What `mkdocs build` does, in this process (a new one costs a second of imports): the config loaded with the
    hook, the build, its log as the command prints it (levels INFO and up), its exit code; an exception the
    command would show as a traceback is written out as one."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    log, stream = logging.getLogger("mkdocs"), io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    saved = (log.level, log.propagate)
    log.setLevel(logging.INFO)
    log.propagate = False
    log.addHandler(handler)
    code = 0
    try:
        with _environment(env), contextlib.chdir(ROOT):
            config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=strict)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
    except exceptions.Abort as abort:
        stream.write(f"\n{abort.format_message()}\n")
        code = 1
    except exceptions.ConfigurationError as error:
        stream.write(f"Error: {error}\n")
        code = 1
    except Exception:  # what the command would print: the test reading it fails on "Traceback"
        stream.write(traceback.format_exc())
        code = 1
    finally:
        log.removeHandler(handler)
        log.setLevel(saved[0])
        log.propagate = saved[1]
    return subprocess.CompletedProcess(["mkdocs", "build"], code, "", stream.getvalue())


@contextlib.contextmanager
def _environment(env: dict[str, str]):
    """os.environ is `env` for the time of a build, then as it was."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def build_or_fail(curriculum: Path, site: Path, edition: str = "staff", *, pdf: bool = False,
                  env: dict[str, str] | None = None) -> Path:
    result = build(curriculum, site, pdf=pdf, env=env, edition=edition)
    assert result.returncode == 0, f"build of the {edition} edition of {curriculum} failed:\n{result.stderr}"
    return site


def made_once(tmp_path_factory, name: str, make) -> Path:
    """A folder `make(folder)` fills once per test run, shared by every pytest-xdist worker: the first to ask makes
    it while the others wait for it, so a site several workers' tests read is built once, not once per worker."""
    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "made-once"
    shared.mkdir(exist_ok=True)
    folder, made = shared / name, shared / f"{name}.made"
    with FileLock(shared / f"{name}.lock"):
        if not made.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a worker that failed to make it left
            make(folder)
            made.touch()
    return folder


def copy_curriculum(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # not a page left before a file of it had arrived
            super().handle_error(request, client_address)


class SiteServer:
    """A built site served on localhost, as a web server on an intranet would."""

    def __init__(self, site: Path):
        self.site = site
        handler = functools.partial(_QuietHandler, directory=str(site))
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "SiteServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def wait_for(condition, seconds: float) -> bool:
    """Whether `condition()` came true within `seconds`; a refused or broken connection counts as not yet."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.25)
    return False


class Serve:
    """`mkdocs serve` with live reload, as `make serve` runs it, for a curriculum folder on a free local port."""

    def __init__(self, curriculum: Path, log: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.url = f"http://127.0.0.1:{s.getsockname()[1]}/"
        self.log_path = log
        self.log = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", self.url[7:-1],
             "--config-file", str(ROOT / "mkdocs.yml")],
            cwd=ROOT, env=environment(curriculum), stdout=self.log, stderr=subprocess.STDOUT)

    def output(self) -> str:
        self.log.flush()
        return self.log_path.read_text(encoding="utf-8")

    def __enter__(self) -> "Serve":
        return self

    def __exit__(self, *exc) -> None:
        # Ctrl-C, as a person stops it: mkdocs serve then removes the temporary folder it built into
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        self.log.close()


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's YAML language server reads it against the JSON Schema: a date stays a string."""


EditorLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def norm(text: str) -> str:
    """Whitespace collapsed, and ligatures (ﬁ, ﬃ) that PDF text keeps spelled out."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def plain_text(markdown_text: str) -> str:
    """A Markdown text as a reader sees it, one line per paragraph or list item."""
    return html.unescape(re.sub(r"<[^>]+>", "\n", markdown.markdown(markdown_text)))


def plain_sentences(markdown_text: str) -> list[str]:
    """The sentences of a Markdown text of four words or more, as a reader sees them."""
    return [norm(p) for p in re.split(r"\n|(?<=[.!?])\s+", plain_text(markdown_text)) if len(p.split()) >= 4]


def facilitator_only_fragments(session) -> list[str]:
    """Sentences of the session's `facilitator` and `hidden` texts, as a reader sees them."""
    texts = [b.facilitator for b in session.agenda if b.facilitator]
    texts += [r.hidden for b in session.agenda if b.scenario for r in b.scenario.roles if r.hidden]
    return [fragment for text in texts for fragment in plain_sentences(text)]


def expected_times(start: str | None, minutes: list[int]) -> list[str]:
    """The times of an agenda's rows from the blocks' minutes: clock times from a start time, "09:00–09:10", or
    without one times from the session's start, "0:00–0:10", as printed pages give them."""
    times, elapsed = [], 0
    for m in minutes:
        if start is None:
            times.append(f"{elapsed // 60}:{elapsed % 60:02d}–{(elapsed + m) // 60}:{(elapsed + m) % 60:02d}")
        else:
            begin = dt.datetime.strptime(start, "%H:%M") + dt.timedelta(minutes=elapsed)
            times.append(f"{begin:%H:%M}–{begin + dt.timedelta(minutes=m):%H:%M}")
        elapsed += m
    return times


def agenda_row_pages(pages: list[str], times: list[str]) -> dict[str, list[int]]:
    """The PDF pages on which each row of the timed agenda is: its time range, where it is not a
    block's heading (those read "09:00–09:05 · Welcome")."""
    return {t: [n for n, text in enumerate(pages, 1) if re.search(re.escape(t) + r"(?!\s*·)", text)]
            for t in times}


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page of a PDF as poppler's pdftotext reads it, in the order it is drawn (so two role cards
    side by side do not interleave); it keeps the spaces between words that WeasyPrint sets as separate runs, and
    reads a page in a tenth of the time pypdf takes."""
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode("utf-8")
    return text.split("\f")[:-1]


def pdftotext_pages(path: Path) -> list[str]:
    """The text of each page of a PDF file (pdf_pages)."""
    return pdf_pages(path.read_bytes())


def pdf_page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's (width, height) in points."""
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(io.BytesIO(pdf)).pages]


def print_pdf(page, url: str, *, background: bool = False) -> bytes:
    """Print a page the way the browser's Print / Save as PDF does: paper size and margins come
    from the page's own @page rule, and backgrounds are off, as in Chromium's print dialog."""
    page.goto(url)
    page.evaluate("document.fonts.ready.then(() => true)")
    return page.pdf(prefer_css_page_size=True, print_background=background)


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to it; 404.html aside (it is no page of the handbook)."""
    pages = (p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return sorted(p for p in pages if p != "404.html")


def search(page, query: str) -> None:
    """Search the way a person does (the `/` shortcut, then typing), and wait for the results: for the query as
    typed, not one of its beginnings (the theme searches after each letter, and a result list it draws again takes
    focus away from a result that had it)."""
    page.keyboard.press("/")
    page.keyboard.type(query, delay=20)
    # a locator, not wait_for_function: that evaluates a string, which the pages' Content-Security-Policy forbids
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    results, deadline = None, time.monotonic() + 10
    while time.monotonic() < deadline:  # drawn, and unchanged for half a second
        drawn = page.locator(".md-search-result").inner_html()
        if drawn == results:
            return
        results = drawn
        page.wait_for_timeout(500)
    raise TimeoutError(f"the search results for {query!r} still change after 10 s")


WCAG_21_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
# axe-core from package-lock.json: 4.14 runs a page's checks in half the time 4.12 took (its color-contrast no longer
# parses each color through private class fields)
_AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# axe on the page as it is once what is moving has come to rest (a button fading in is, for a moment, of too little
# contrast): each transition or animation that ends is taken to its end at once, as waiting for it would
_AXE_RUN = """async ([context, options]) => {
  for (const moving of document.getAnimations())
    if (moving.playState === 'running' && moving.effect.getComputedTiming().endTime !== Infinity) moving.finish();
  const results = await axe.run(context ? {include: [context]} : document, options);
  return results.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')), summary: v.nodes[0] && v.nodes[0].failureSummary}));
}"""


def axe_violations(page, within: str | None = None, rules: list[str] | None = None) -> list[str]:
    """What axe-core finds against WCAG 2.1 A and AA (or only the given `rules`) on the page as it is now, or only
    `within` the elements a selector matches; one line per rule broken. axe is put into the page once, not again for
    each check of it, and only the violations come back: a check of a large page is then a third of the time. What is
    moving (a transition, an animation) is brought to rest first."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": list(WCAG_21_AA)}
    options = {"runOnly": run_only, "resultTypes": ["violations"]}
    found = page.evaluate(_AXE_RUN, [within, options])
    return [f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(v['targets'])}\n    {v['summary']}" for v in found]


@functools.cache
def _axe_source() -> str:
    return _AXE_SOURCE.read_text(encoding="utf-8")


def move_clock(page, ms: int, *, every_timer: bool = False) -> None:
    """The page's clock (page.clock, installed) moves on by `ms`: at a jump, each timer that fell due fired once
    (fast_forward), or with `every_timer`, each timer fired as it falls due (run_for). Playwright makes such a call
    without waiting for a page it cannot evaluate in at that moment, and gives no word when it skips one (a whole
    move was seen lost on a loaded machine), so the page's clock is read after it, and a move it missed made again."""
    move = page.clock.run_for if every_timer else page.clock.fast_forward
    target, left = page.evaluate("Date.now()") + ms, ms
    for _ in range(3):
        move(left)
        left = target - page.evaluate("Date.now()")
        if left <= 0:
            return
    raise AssertionError(f"the page's clock did not move on by {ms} ms")


def wait_until(page, predicate: str, arg: object = None, timeout: float = 10_000) -> None:
    """Like page.wait_for_function, but polled from the test: Playwright's own polling evaluates a string in the
    page, which the pages' Content-Security-Policy forbids (page.evaluate is not subject to it)."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(predicate, arg):
        if time.monotonic() > deadline:
            raise TimeoutError(f"still false after {timeout / 1000:.0f} s: {predicate}")
        page.wait_for_timeout(50)
