"""Fixtures: built sites (once per test run), a real Chromium driven by Playwright, and each shipped site's tour
(tour.py: every page loaded once for the page-wide checks).

Each site is built once per run, in the process of the first pytest-xdist worker that needs it (support.made_once,
support.build_in_process), and shared by all. The six shipped
sites carry their PDFs because PDF tests read each of them: test_pdf.py the trainer's editions', test_editions.py
every edition's (nothing for facilitators may leak into a PDF), test_pdf.py the staff handout's download. A
printable page that two editions share is made once: the PDF cache (.cache/pdf/) keys it by its content.
Every other site a test builds makes no PDF.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from playwright.sync_api import sync_playwright

from support import (CHROMIUM, DEFAULT_CURRICULUM, KOREAN_CURRICULUM, SPANISH_CURRICULUM, SiteServer, build_or_fail,
                     made_once)
from tour import Tour, take_tour

# A shell that starts a run in the background (`make test &`) makes it ignore Ctrl-C, and every command the run
# starts inherits that: `mkdocs serve`, which the tests stop with Ctrl-C as a person does (support.Serve), would
# never stop. The run hears Ctrl-C again, as from a terminal, and so do the commands it starts.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

# Hypothesis: by default a fixed sequence of examples (derandomized), few enough for the suite's budget, so a
# green run stays green; `make test PYTEST_ARGS=--hypothesis-profile=deep` explores many new ones each run
# (Hypothesis prints how to reproduce any failure it finds).
_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("fast", max_examples=30, derandomize=True, deadline=None, suppress_health_check=_HEALTH)
settings.register_profile("deep", max_examples=1000, derandomize=False, deadline=None, suppress_health_check=_HEALTH)
settings.load_profile("fast")  # --hypothesis-profile, read after this file, chooses another

# Features Playwright turns off (its chromiumSwitches.js); Chromium obeys only the last --disable-features it is
# given, so ours repeats them (test_browser_flags.py checks the list against Playwright's)
PLAYWRIGHT_DISABLED_FEATURES = ["AimEnabled", "AvoidCorsURLLoaderRestartOnRedirect", "AvoidUnnecessaryBeforeUnloadCheckSync",
                                "DestroyProfileOnBrowserClose", "HttpsFirstBalancedModeAutoEnable", "HttpsUpgrades",
                                "LensOverlay", "MediaRouter", "NetworkTimeServiceQuerying", "OptimizationHints",
                                "PaintHolding", "PreconnectToSearch", "TcpPortRandomizationWin",
                                "ThirdPartyStoragePartitioning", "msEdgeUpdateLaunchServicesPreferredVersion",
                                "msForceBrowserSignIn"]
# Debian's Chromium starts two renderers for the address bar's popup (a WebUI page) in every new browser context,
# even headless, which about doubles what each test's fresh context costs
OMNIBOX_POPUP = ["WebUIOmniboxPopup", "WebUIOmniboxAimPopup", "WebUIOmniboxFullPopup"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-features=" + ",".join(PLAYWRIGHT_DISABLED_FEATURES + OMNIBOX_POPUP)]


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_auto_num_workers(config) -> int | None:
    """`-n auto`: a worker per core and one more (PYTEST_XDIST_AUTO_NUM_WORKERS still decides when set). Each worker
    waits at moments for its browser, a server or a command, and one more keeps the cores busy: on 2 cores, 3
    workers left them idle 2% of the run where 2 left them idle 12%."""
    return None if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS") else len(os.sched_getaffinity(0)) + 1


# The shipped curricula, each built in both editions with --strict, PDFs included, and served:
# default_site / default_server (staff), default_trainers_site / default_trainers_server (packets, trainer's
# guide), and the same for korean (examples/lunchtime-lectures-ko) and spanish (examples/servicio-al-paciente-es)
SHIPPED = {"default": DEFAULT_CURRICULUM, "korean": KOREAN_CURRICULUM, "spanish": SPANISH_CURRICULUM}


# How long each takes to build, relative to the others, the trainer's edition first (nearly all of it its PDFs; a
# staff edition's PDFs are the trainer's edition's, made once)
BUILD_COST = {"default_trainers": 2, "spanish_trainers": 1.8, "korean_trainers": 1.6, "default": 0.05, "spanish": 0.05,
              "korean": 0.05}
BUILDS: dict[str, tuple[Path, str]] = {}  # each shipped site's curriculum and edition, by its fixtures' prefix


def _built(tmp_path_factory, prefix: str) -> Path:
    curriculum, edition = BUILDS[prefix]
    return made_once(tmp_path_factory, prefix, lambda folder: build_or_fail(curriculum, folder, edition, pdf=True))


def _shipped_site(name: str, curriculum: Path, edition: str) -> None:
    prefix = name if edition == "staff" else f"{name}_trainers"
    BUILDS[prefix] = (curriculum, edition)

    @pytest.fixture(scope="session", name=f"{prefix}_site")
    def site(tmp_path_factory) -> Path:
        return _built(tmp_path_factory, prefix)

    @pytest.fixture(scope="session", name=f"{prefix}_server")
    def server(request):
        with SiteServer(request.getfixturevalue(f"{prefix}_site")) as served:
            yield served

    globals()[f"{prefix}_site"], globals()[f"{prefix}_server"] = site, server


for _name, _curriculum in SHIPPED.items():
    for _edition in ("staff", "trainers"):
        _shipped_site(_name, _curriculum, _edition)


# Every built site by (curriculum, edition), for tests that check every page of every edition
SITES = {("default", "staff"): "default_server", ("default", "trainers"): "default_trainers_server",
         ("korean", "staff"): "korean_server", ("korean", "trainers"): "korean_trainers_server",
         ("spanish", "staff"): "spanish_server", ("spanish", "trainers"): "spanish_trainers_server"}


@pytest.fixture(scope="session", autouse=True)
def _shipped_sites_shared_out(request, tmp_path_factory) -> None:
    """Before its first test, each pytest-xdist worker builds its share of the shipped sites the run's tests use: a
    curriculum's editions go to one worker, the trainer's first, so the staff edition finds the PDFs the two share
    already made (the PDF cache); the costliest curriculum first, each to the worker with the least to build so far,
    so no worker sits waiting for a site another is building while it has one of its own to build."""
    used = set().union(*map(_sites_used, request.session.items))
    shares = {name: [prefix for prefix in (f"{name}_trainers", name) if prefix in used] for name in SHIPPED}
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    me = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0")[2:])
    load = [0.0] * workers
    for share in sorted(shares.values(), key=lambda share: sum(map(BUILD_COST.get, share)), reverse=True):
        worker = load.index(min(load))
        load[worker] += sum(map(BUILD_COST.get, share))
        for prefix in share if worker == me else ():
            _built(tmp_path_factory, prefix)


def _sites_used(item) -> set[str]:
    """The shipped sites a test uses: by their fixtures, and the one it tours."""
    names = set(getattr(item, "fixturenames", ()))
    used = {prefix for prefix in BUILDS if {f"{prefix}_site", f"{prefix}_server", "any_server"} & names}
    return used | ({item.callspec.params["toured"]} if "toured" in names else set())


@pytest.fixture(scope="session", params=list(SITES), ids=lambda key: "-".join(key))
def any_server(request):
    """Each edition of each shipped curriculum in turn, served (`.site` is its folder)."""
    return request.getfixturevalue(SITES[request.param])


_TOURS: dict[str, Tour] = {}


@pytest.fixture(scope="session")
def toured(request, browser) -> Tour:
    """What each page of a shipped site showed on its tour (tour.py); tests choose the sites with
    tour.touring. Kept for the run, should pytest set the fixture up again for a site between two others."""
    if request.param not in _TOURS:
        server = request.getfixturevalue(f"{request.param}_server")
        _TOURS[request.param] = take_tour(browser, server.url, server.site)
    return _TOURS[request.param]


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    """A fresh browser profile per test (its own localStorage)."""
    ctx = browser.new_context()
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()
