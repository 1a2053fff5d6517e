"""`make bench`: what building a handbook costs, against writing the same site by hand.

For synthetic programs of 100, 300 and 1000 sessions (scripts/synthetic.py) it builds the handbook,
then the fair baseline: a plain MkDocs project with the very same pages written by hand as Markdown files
(scripts/baseline.py: each page's article of the built site converted back to Markdown with markdownify)
and the very same `mkdocs.yml` (theme, features, extensions, glossary, and the same nav in sections),
less the hook. The two are built in turn, several times (`--runs`), so a machine that slows down
slows both. It prints each build's pages, wall and CPU seconds and peak memory, the CPU-time ratio
ours / by hand, the share of the build spent in our own code, t(1000)/t(100), what a reader downloads
(the home page, the heaviest page, the search index) and how long `mkdocs serve` takes to rebuild the
default handbook after a session file changes; and the default handbook with its PDFs, built from
cold (an empty PDF cache) and again with nothing changed, with the time per PDF page; and Lighthouse's
performance and accessibility scores (scripts/lighthouse.py, the version package-lock.json pins, mobile) of
the default handbook's home page, first session and agreement, and of the 1000-session program's home page
(when 1000 is among --sizes); what opening pages costs Chromium at 300 sessions (or the largest of --sizes), with
search started on demand against Material's own search worker (scripts/page_opens.py; --page-opens 0 skips it);
and, at scale (scripts/scale.py; --no-scale skips it, --scale-only runs it alone),
build time and total output at 1,000 and 5,000 sessions and 1,000 groups against their number of pages. It prints; it asserts nothing. The synthetic builds, `serve` and the sites
Lighthouse loads make no PDFs, as `make serve` does not.

    make bench                          # all of it (several minutes)
    make bench BENCH_ARGS="--sizes 100 --runs 1 --no-serve --no-pdf --no-lighthouse"
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import os
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "scripts")]

import baseline  # noqa: E402
import lighthouse  # noqa: E402
import page_opens  # noqa: E402
import scale  # noqa: E402
import synthetic  # noqa: E402
from handbook import load_handbook, render  # noqa: E402

DEFAULT_CURRICULUM = ROOT / "curriculum"
BUILD_DATE_EPOCH = "1793059200"  # 2026-10-27, so no synthetic session counts as unreviewed
BUILD_DATE = dt.datetime.fromtimestamp(int(BUILD_DATE_EPOCH), dt.timezone.utc).date()
EDITION = "trainers"  # the larger edition: every page of the staff edition, and the packets and run views
LIGHTHOUSE_SIZE = 1000  # the synthetic program whose home page Lighthouse scores
TARGET_SIZE = 300  # the program whose build time and page weights have targets
# How Lighthouse's pages are served. Opened from disk or from a server that does not compress, Material's own
# stylesheet and script (250 KB) travel as they are, and on Lighthouse's simulated slow mobile network they hold
# back the first paint; a web server with compression on sends a fifth of that.
SERVED = {"as the files are (from disk, or a server without compression)": False,
          "compressed (a web server with gzip on)": True}
# How this baseline compares with the one it replaced (Markdown templates kept by hand beside the HTML ones, in
# scripts/handwritten/), measured once, 2026-12-03, at 300 sessions, trainer's edition, the two built in turn twice
# on a shared 2-core machine (load 13-21): CPU seconds of a plain MkDocs build of each.
BASELINE_BEFORE = {"old (templates by hand)": 27.25, "new (built pages back to Markdown)": 24.49}
BASELINE_NOTE = ("baseline: the built pages converted back to Markdown with markdownify (scripts/baseline.py); "
                 "at 300 sessions it builds in {new:.1f} s CPU where the hand-kept templates it replaced took {old:.1f} s "
                 "({ratio:.2f}x; measured once, 2026-12-03), so 'ours / by hand' reads about {more:.0f}% higher than "
                 "it did with the old baseline")


@dataclass
class Build:
    pages: int
    wall: float
    cpu: float
    peak_mb: float

    def row(self, name: str) -> str:
        return (f"{name:<24}{self.pages:>7}{self.wall:>9.1f}{self.cpu:>9.1f}"
                f"{1000 * self.wall / max(self.pages, 1):>11.1f}{self.peak_mb:>10.0f}")


HEADER = f"{'build':<24}{'pages':>7}{'wall s':>9}{'cpu s':>9}{'ms/page':>11}{'peak MB':>10}"


def environment(curriculum: Path | None = None, pdf_cache: Path | None = None) -> dict[str, str]:
    """A build's environment: PDFs only when given a cache folder for them; reading grades worked out in every build
    (kept in a folder that cannot be made), as a curriculum checked for the first time has them."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH, "HANDBOOK_EDITION": EDITION,
           "PYTHONPATH": str(ROOT / "hooks"), "HANDBOOK_PDF": "1" if pdf_cache else "0",
           "HANDBOOK_GRADE_CACHE": os.devnull + "/grades"}
    if pdf_cache is not None:
        env["HANDBOOK_PDF_CACHE"] = str(pdf_cache)
    if curriculum is not None:
        env["HANDBOOK_CURRICULUM"] = str(curriculum)
    return env


def build(config: Path, site: Path, env: dict[str, str], strict: bool) -> Build:
    """One `mkdocs build` in its own process: its wall time, CPU time and peak memory (from wait4)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config),
               "--site-dir", str(site)]
    started = time.perf_counter()
    process = subprocess.Popen(command + (["--strict"] if strict else []), cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    errors = process.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"building {config} failed:\n{errors}")
    pages = sum(1 for _ in site.rglob("*.html"))
    return Build(pages, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def our_code(curriculum: Path) -> tuple[float, float]:
    """Wall and CPU seconds of what the hook does itself: load, validate, render the pages (their curriculum
    text converted to HTML), make the nav."""
    started, cpu = time.perf_counter(), time.process_time()
    book, _ = load_handbook(curriculum)
    words = render.page_words(book)
    pages = render.render_pages(book, words, edition=EDITION)
    render.navigation(pages, words, render.Text().plain)
    return time.perf_counter() - started, time.process_time() - cpu


def our_code_cold(curriculum: Path) -> tuple[float, float]:
    """our_code's seconds in a fresh process, as in a build: templates compiled, nothing cached yet."""
    out = subprocess.run([sys.executable, __file__, "--own-code", str(curriculum)], check=True, capture_output=True,
                         text=True, env=environment()).stdout.split()
    return float(out[0]), float(out[1])


def write_plain_site(folder: Path, curriculum: Path, site: Path) -> Path:
    """The pages of our built `site` as hand-written Markdown files (scripts/baseline.py), under our own
    mkdocs.yml less the hook."""
    book, _ = load_handbook(curriculum)
    return baseline.write_site(folder, site, book, render.render_pages(book, today=BUILD_DATE, edition=EDITION))


def weights(site: Path) -> dict[str, float]:
    """What a reader downloads, in KB: the home page, the heaviest page, the search index."""
    pages = {p: p.stat().st_size for p in site.rglob("*.html")}
    heaviest = max(pages, key=pages.get)
    return {"home": pages[site / "index.html"] / 1024, "heaviest": pages[heaviest] / 1024,
            "heaviest_page": heaviest.relative_to(site).as_posix(),
            "search": (site / "search" / "search_index.json").stat().st_size / 1024}


def bench_size(sessions: int, work: Path, runs: int, lighthouse_home: bool = False, opens: int = 0) -> dict:
    """One synthetic program built `runs` times each way; with `lighthouse_home`, Lighthouse on its home page; with
    `opens`, the CPU of opening that many of its pages in Chromium, by how search starts."""
    folder = work / f"{sessions}-sessions"
    curriculum = synthetic.write_curriculum(folder / "curriculum", sessions)
    own_wall, own_cpu = our_code_cold(curriculum)
    ours = [build(ROOT / "mkdocs.yml", folder / "site", environment(curriculum), strict=True)]
    plain_config = write_plain_site(folder / "plain", curriculum, folder / "site")  # from the site just built
    plain = []
    for run in range(runs):  # in turn, so drift in the machine's speed falls on both alike
        if run:
            ours.append(build(ROOT / "mkdocs.yml", folder / "site", environment(curriculum), strict=True))
        plain.append(build(plain_config, folder / "plain" / "site", environment(), strict=False))
    result = {"sessions": sessions, "ours": _median(ours), "plain": _median(plain), "own_wall": own_wall,
              "own_cpu": own_cpu, "weights": weights(folder / "site")}
    if lighthouse_home:
        result["lighthouse"] = [(how, lighthouse.measure(folder / "site", [""], compressed))
                                for how, compressed in SERVED.items()]
    if opens:
        result["page_opens"] = (opens, page_opens.measure(folder / "site", opens))
    shutil.rmtree(folder)
    return result


def _median(builds: list[Build]) -> Build:
    return sorted(builds, key=lambda b: b.cpu)[len(builds) // 2]


# -- PDFs ----------------------------------------------------------------------------------------------------

def pdf_builds() -> dict:
    """The default handbook without PDFs, with PDFs from an empty cache, and again with nothing changed."""
    with tempfile.TemporaryDirectory(prefix="handbook-bench-pdf-") as work:
        work = Path(work)
        plain = build(ROOT / "mkdocs.yml", work / "site-0", environment(DEFAULT_CURRICULUM), strict=True)
        env = environment(DEFAULT_CURRICULUM, pdf_cache=work / "cache")
        cold = build(ROOT / "mkdocs.yml", work / "site-1", env, strict=True)
        again = build(ROOT / "mkdocs.yml", work / "site-2", env, strict=True)
        pdfs = sorted((work / "site-2").rglob("*.pdf"))
        pages = sum(len(PdfReader(p).pages) for p in pdfs)
    return {"plain": plain, "cold": cold, "again": again, "pdfs": len(pdfs), "pdf_pages": pages}


# -- Lighthouse ----------------------------------------------------------------------------------------------

def lighthouse_default() -> list[tuple[str, list[lighthouse.Score]]]:
    """Lighthouse on the default handbook's staff edition: the home page, the first session, the agreement; served
    each way."""
    book, _ = load_handbook(DEFAULT_CURRICULUM)
    pages = ["", f"sessions/{book.sessions[0].id}.html", "agreement/index.html"]
    with tempfile.TemporaryDirectory(prefix="handbook-bench-lighthouse-") as work:
        site = Path(work) / "site"
        build(ROOT / "mkdocs.yml", site, {**environment(DEFAULT_CURRICULUM), "HANDBOOK_EDITION": "staff"}, strict=True)
        return [(how, lighthouse.measure(site, pages, compressed)) for how, compressed in SERVED.items()]


def report_lighthouse(title: str, served: list[tuple[str, list[lighthouse.Score]]], performance: int,
                      accessibility: int | None) -> None:
    """One line per page and way of serving it, with the targets and which of them it misses."""
    targets = f"performance >= {performance}" + (f", accessibility {accessibility}" if accessibility else "")
    print(f"Lighthouse, {title} (mobile; targets: {targets}):")
    for how, scores in served:
        print(f"  served {how}:")
        _report_scores(scores, performance, accessibility)


def _report_scores(scores: list[lighthouse.Score], performance: int, accessibility: int | None) -> None:
    for score in scores:
        missed = [name for name, value, target in (("performance", score.performance, performance),
                                                   ("accessibility", score.accessibility, accessibility))
                  if target and value is not None and value < target]
        print("    " + score.line(f"   below target: {', '.join(missed)}" if missed else ""))


# -- mkdocs serve ------------------------------------------------------------------------------------------

class Serve:
    """`mkdocs serve` on a free local port, its log lines read as they come, each with the time it arrived."""

    def __init__(self, curriculum: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
                   "--config-file", str(ROOT / "mkdocs.yml")]
        self.process = subprocess.Popen(command, cwd=ROOT, env=environment(curriculum), text=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.lines: queue.Queue = queue.Queue()
        self.recent: collections.deque[str] = collections.deque(maxlen=15)  # for the message when something fails
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put((time.perf_counter(), line.rstrip()))
            self.recent.append(line.rstrip())

    def wait_for(self, pattern: str, since: float = 0.0, timeout: float = 120) -> tuple[float, re.Match]:
        """The first line matching `pattern` that arrived after `since` (a saved file can start two rebuilds)."""
        deadline = time.perf_counter() + timeout
        while True:
            try:
                when, line = self.lines.get(timeout=max(0.0, deadline - time.perf_counter()))
            except queue.Empty:
                raise SystemExit(f"mkdocs serve: no line matching {pattern!r} within {timeout} s; it said:\n"
                                 + "\n".join(self.recent)) from None
            match = re.search(pattern, line)
            if match and when >= since:
                return when, match

    def settle(self, quiet: float = 2.0) -> None:
        """Wait until MkDocs has said nothing for `quiet` seconds (one save can start two rebuilds)."""
        try:
            while True:
                self.lines.get(timeout=quiet)
        except queue.Empty:
            pass

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def serve_rebuilds(times: int = 5) -> list[float]:
    """Seconds from saving a session file to the rebuilt site (MkDocs' "Reloading browsers"), per change.

    Not its "Documentation built in" line: MkDocs' log drops a message that repeats an earlier one word for word.
    """
    with tempfile.TemporaryDirectory() as tmp:
        curriculum = Path(shutil.copytree(DEFAULT_CURRICULUM, Path(tmp) / "curriculum"))
        session = sorted((curriculum / "sessions").glob("*.yml"))[0]
        serve = Serve(curriculum)
        try:
            serve.wait_for(r"Serving on")
            results = []
            for n in range(times):
                serve.settle()
                saved = time.perf_counter()
                with session.open("a", encoding="utf-8") as f:
                    f.write(f"# edited {n}\n")
                done, match = serve.wait_for(r"Reloading browsers|ERROR.*|Aborted.*", saved)
                if not match.group(0).startswith("Reloading"):
                    raise SystemExit(f"mkdocs serve could not rebuild: {match.group(0)}")
                results.append(done - saved)
            return results
        finally:
            serve.stop()


# -- report ----------------------------------------------------------------------------------------------

def report_pdf(r: dict) -> None:
    print(HEADER)
    print(r["plain"].row("default, no PDFs"))
    print(r["cold"].row("default, PDFs cold"))
    print(r["again"].row("default, PDFs unchanged"))
    wall, cpu = r["cold"].wall - r["plain"].wall, r["cold"].cpu - r["plain"].cpu
    pages = max(r["pdf_pages"], 1)
    print(f"{r['pdfs']} PDFs of {r['pdf_pages']} pages: {wall:.1f} s more than without PDFs, "
          f"{1000 * wall / pages:.0f} ms per PDF page ({1000 * cpu / pages:.0f} ms cpu); "
          f"targets: cold 15 s, unchanged 1.5 s")


def report(results: list[dict], rebuilds: list[float]) -> None:
    print()
    old, new = BASELINE_BEFORE.values()
    print(BASELINE_NOTE.format(new=new, old=old, ratio=new / old, more=100 * (old / new - 1)))
    for r in results:
        ours, plain, w = r["ours"], r["plain"], r["weights"]
        print(f"{r['sessions']:>5} sessions: CPU ours / by hand = {ours.cpu / plain.cpu:.2f} "
              f"(wall {ours.wall / plain.wall:.2f}); our own code {100 * r['own_cpu'] / ours.cpu:.1f}% of the CPU; "
              f"home {w['home']:.0f} KB, heaviest page {w['heaviest']:.0f} KB ({w['heaviest_page']}), "
              f"search index {w['search']:.0f} KB")
    by_size = {r["sessions"]: r["ours"] for r in results}
    if 100 in by_size and 1000 in by_size:
        print(f"growth t(1000) / t(100) = {by_size[1000].cpu / by_size[100].cpu:.1f} (cpu), "
              f"{by_size[1000].wall / by_size[100].wall:.1f} (wall)")
    for r in results:
        if "page_opens" in r:
            pages, cpu = r["page_opens"]
            print(f"{r['sessions']} sessions, {pages} pages opened one after another in Chromium, twice, until each "
                  f"search box is ready: {page_opens.report(cpu)}")
    for r in results:
        if "lighthouse" in r:
            report_lighthouse(f"{r['sessions']}-session program", r["lighthouse"], 90, None)
    if rebuilds:
        print("mkdocs serve, rebuilding the default handbook after a session file is saved: "
              + ", ".join(f"{seconds:.2f} s" for seconds in rebuilds) + f"; median {statistics.median(rebuilds):.2f} s")
    report_targets(results, rebuilds)


def report_targets(results: list[dict], rebuilds: list[float]) -> None:
    """Each target the issue set, with the figure measured and whether it is met (those measured this run)."""
    figures = []
    by_size = {r["sessions"]: r for r in results}
    if TARGET_SIZE in by_size:
        r = by_size[TARGET_SIZE]
        w = r["weights"]
        figures += [(f"{TARGET_SIZE} sessions: CPU ours / by hand", r["ours"].cpu / r["plain"].cpu, 0.5, ""),
                    (f"{TARGET_SIZE} sessions: home page", w["home"], 100, " KB"),
                    (f"{TARGET_SIZE} sessions: heaviest page ({w['heaviest_page']})", w["heaviest"], 250, " KB"),
                    (f"{TARGET_SIZE} sessions: search index", w["search"], 1536, " KB")]
    if 100 in by_size and 1000 in by_size:
        figures.append(("growth t(1000) / t(100), CPU", by_size[1000]["ours"].cpu / by_size[100]["ours"].cpu, 10, ""))
    if rebuilds:
        figures.append(("serve: a saved session file rebuilt, median", statistics.median(rebuilds), 0.5, " s"))
    if figures:
        print("\ntargets (Lighthouse's are printed with its scores above):")
    for name, value, limit, unit in figures:
        verdict = "met" if value <= limit else "MISSED"
        print(f"  {name}: {value:.2f}{unit} (target at most {limit}{unit}): {verdict}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,300,1000", help="session counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="builds of each site, in turn; the median counts")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve rebuild timing")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF builds of the default handbook")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse scores")
    parser.add_argument("--no-scale", action="store_true", help="skip the builds at scale (scripts/scale.py)")
    parser.add_argument("--page-opens", type=int, default=20, metavar="PAGES",
                        help="pages opened in Chromium by how search starts (scripts/page_opens.py); 0 skips them")
    parser.add_argument("--scale-only", action="store_true", help="only the builds at scale")
    parser.add_argument("--own-code", metavar="CURRICULUM", help=argparse.SUPPRESS)  # see our_code_cold
    args = parser.parse_args(argv)
    if args.own_code:
        print(*our_code(Path(args.own_code)))
        return 0
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (timings are noisy when it is high)")
    if args.scale_only:
        return at_scale()
    if not args.no_pdf:
        report_pdf(pdf_builds())
        print(flush=True)
    if not args.no_lighthouse:
        report_lighthouse("default handbook, staff edition", lighthouse_default(), 95, 100)
        print(flush=True)
    results = []
    print(HEADER, flush=True)
    sizes = [int(size) for size in args.sizes.split(",")]
    opened_at = TARGET_SIZE if TARGET_SIZE in sizes else max(sizes)
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as work:
        for sessions in sizes:
            results.append(bench_size(sessions, Path(work), args.runs,
                                      lighthouse_home=sessions == LIGHTHOUSE_SIZE and not args.no_lighthouse,
                                      opens=args.page_opens if sessions == opened_at else 0))
            print(results[-1]["ours"].row(f"ours, {sessions} sessions"))
            print(results[-1]["plain"].row(f"plain, {sessions} sessions"), flush=True)
    report(results, [] if args.no_serve else serve_rebuilds())
    return 0 if args.no_scale else at_scale()


def at_scale() -> int:
    """Build time and total output at 1,000 and 5,000 sessions and 1,000 groups (scripts/scale.py)."""
    with tempfile.TemporaryDirectory(prefix="handbook-bench-scale-") as work:
        scale.run(build, environment, ROOT / "mkdocs.yml", Path(work))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
