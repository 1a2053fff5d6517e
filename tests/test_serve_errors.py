"""While the curriculum has problems, `mkdocs serve` shows them in the browser; fixed, the handbook is back.

A real `mkdocs serve` on a free localhost port, a real Chromium following its live reload. `mkdocs build`
(and `make build`) still fail on the same curriculum, and leave no half-built site behind.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from support import MINIMAL_CURRICULUM, ROOT, Serve, axe_violations, wait_for

PROGRAM_TITLE = "Front Desk Basics"
HEADING = "The curriculum has problems"
# Markup where a number goes: the message quotes it, and the page must show it as text and run none of it
MARKUP = "<img src=x onerror=window.__ran=1>"


def _get(url: str) -> tuple[int, str]:
    """Status and body; a request that waits more than 15 seconds fails the test (it must never hang)."""
    try:
        with urllib.request.urlopen(url, timeout=15) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


class Served(Serve):
    """A copy of the minimal curriculum, served by `mkdocs serve` with live reload."""

    def __init__(self, folder: Path):
        super().__init__(folder, folder.parent / "serve.log")
        self.folder = folder
        self.program = folder / "program.yml"
        self.good_program = self.program.read_text(encoding="utf-8")

    def break_program(self) -> None:
        broken = self.good_program.replace("  title:", "  titel:").replace("group_size: 8", f"group_size: {MARKUP}")
        self.program.write_text(broken, encoding="utf-8")

    def fix_program(self) -> None:
        self.program.write_text(self.good_program, encoding="utf-8")


@pytest.fixture
def served(tmp_path):
    with Served(shutil.copytree(MINIMAL_CURRICULUM, tmp_path / "curriculum")) as server:
        yield server


def _started(served: Served, text: str) -> None:
    assert wait_for(lambda: text in _get(served.url)[1], 90), f"mkdocs serve did not start:\n{served.output()}"


def test_a_broken_file_shows_in_the_browser_and_the_fix_brings_the_handbook_back(served, page):
    _started(served, PROGRAM_TITLE)
    page.goto(served.url)
    assert page.locator("h1").first.inner_text() == PROGRAM_TITLE

    served.break_program()  # live reload: the open page turns into the list of problems
    page.locator("h1", has_text=HEADING).wait_for(timeout=60_000)
    misspelt, markup = page.locator("ol.handbook-problems > li").all_inner_texts()
    assert f"{served.program}:5:3 program.titel" in misspelt
    assert 'unknown key "titel"; did you mean "title"?' in misspelt
    assert f"{served.program}:7:15 program.group_size" in markup
    assert f'expected a whole number, found "{MARKUP}"' in markup  # shown as text ...
    assert page.locator("ol.handbook-problems img").count() == 0  # ... never as an element
    assert page.evaluate("window.__ran === undefined"), "markup in a curriculum file ran on the problems page"
    assert axe_violations(page) == []

    served.fix_program()  # ... and back into the handbook
    page.locator("h1", has_text=PROGRAM_TITLE).wait_for(timeout=60_000)
    assert page.locator("ol.handbook-problems").count() == 0
    assert "Traceback" not in served.output()


def test_every_address_shows_the_problems_and_no_request_hangs(served, page):
    _started(served, PROGRAM_TITLE)
    session = served.folder / "sessions" / "01-greeting.yml"
    stray = served.folder / "caf\udce9.yml"  # a file name that is not UTF-8 must not break the page
    stray.write_text("x: 1\n", encoding="utf-8")
    session.write_text(session.read_text(encoding="utf-8").replace("minutes: 50", "minutes: fifty"), encoding="utf-8")
    assert wait_for(lambda: "01-greeting.yml:15:14" in _get(served.url)[1], 60), served.output()
    for address in ("sessions/greeting.html", "tips.html", "no/such/page.html"):
        status, body = _get(served.url + address)
        assert status == 404 and HEADING in body, address
        assert "01-greeting.yml:15:14" in body and "expected a whole number, found &#34;fifty&#34;" in body
    page.goto(served.url + "sessions/greeting.html")  # a page that was open when the file broke, reloaded
    assert page.locator("h1").first.inner_text() == HEADING
    assert page.locator("ol.handbook-problems > li").count() == 2
    assert "caf\\udce9.yml:1:1" in page.locator("ol.handbook-problems").inner_text()

    stray.unlink()
    session.write_text((MINIMAL_CURRICULUM / "sessions" / "01-greeting.yml").read_text(encoding="utf-8"),
                       encoding="utf-8")
    assert wait_for(lambda: _get(served.url + "sessions/greeting.html")[0] == 200, 60), served.output()
    assert "Greeting patients" in _get(served.url + "sessions/greeting.html")[1]


def test_make_build_leaves_no_half_built_site(tmp_path):
    """A build that fails after writing pages (here a link to a page that does not exist, under --strict)."""
    curriculum = shutil.copytree(MINIMAL_CURRICULUM, tmp_path / "curriculum")
    program = curriculum / "program.yml"
    program.write_text(program.read_text(encoding="utf-8").replace(
        "summary: A short program", "summary: See [the missing page](missing.md). A short program"), encoding="utf-8")
    site = tmp_path / "site"
    result = subprocess.run(["make", "--no-print-directory", "build", f"CURRICULUM={curriculum}", f"SITE={site}"],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "site.partial").exists() and not site.exists()


def test_a_run_started_in_the_background_still_stops_serve_with_ctrl_c():
    """A shell that starts `make test &` has the run ignore Ctrl-C, and what the run starts would inherit that:
    `mkdocs serve` (support.Serve) would never stop. Once conftest.py is read, the commands it starts hear Ctrl-C."""
    heard = "import signal; print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)"
    run = (f"import subprocess, sys; sys.path[:0] = [{str(ROOT / 'tests')!r}, {str(ROOT / 'hooks')!r}]; "
           f"import conftest; print(subprocess.run([sys.executable, '-c', {heard!r}], capture_output=True, "
           f"text=True).stdout.strip())")
    ignoring = subprocess.run(["sh", "-c", 'trap "" INT; exec "$0" -c "$1"', sys.executable, run],
                              capture_output=True, text=True, timeout=60)
    assert ignoring.stdout.strip() == "True", ignoring.stderr
