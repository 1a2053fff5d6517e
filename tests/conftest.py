"""Fixtures: built sites (once per test run) and a real Chromium driven by Playwright.

Each site is built once per run, in this process (support.build_in_process), and shared. The four shipped
sites carry their PDFs because PDF tests read each of them: test_pdf.py the trainer's editions', test_editions.py
every edition's (nothing for facilitators may leak into a PDF), test_pdf.py the staff handout's download. A
printable page that two editions share is made once: the PDF cache (.cache/pdf/) keys it by its content.
Every other site a test builds makes no PDF.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from playwright.sync_api import sync_playwright

from support import CHROMIUM, DEFAULT_CURRICULUM, KOREAN_CURRICULUM, SPANISH_CURRICULUM, SiteServer, build_or_fail

# Hypothesis: by default a fixed sequence of examples (derandomized), few enough for the suite's budget, so a
# green run stays green; `make test PYTEST_ARGS=--hypothesis-profile=deep` explores many new ones each run
# (Hypothesis prints how to reproduce any failure it finds).
_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("fast", max_examples=30, derandomize=True, deadline=None, suppress_health_check=_HEALTH)
settings.register_profile("deep", max_examples=1000, derandomize=False, deadline=None, suppress_health_check=_HEALTH)
settings.load_profile("fast")  # --hypothesis-profile, read after this file, chooses another

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def default_site(tmp_path_factory) -> Path:
    """The staff edition of the default curriculum, built with --strict, PDFs included."""
    return build_or_fail(DEFAULT_CURRICULUM, tmp_path_factory.mktemp("default") / "site", pdf=True)


@pytest.fixture(scope="session")
def default_server(default_site):
    with SiteServer(default_site) as server:
        yield server


@pytest.fixture(scope="session")
def default_trainers_site(tmp_path_factory) -> Path:
    """The trainer's edition of the default curriculum (packets, trainer's guide), built with --strict, PDFs included."""
    return build_or_fail(DEFAULT_CURRICULUM, tmp_path_factory.mktemp("default-trainers") / "site", "trainers", pdf=True)


@pytest.fixture(scope="session")
def default_trainers_server(default_trainers_site):
    with SiteServer(default_trainers_site) as server:
        yield server


@pytest.fixture(scope="session")
def korean_site(tmp_path_factory) -> Path:
    """The staff edition of the Korean example (examples/lunchtime-lectures-ko), built with --strict, PDFs included."""
    return build_or_fail(KOREAN_CURRICULUM, tmp_path_factory.mktemp("korean") / "site", pdf=True)


@pytest.fixture(scope="session")
def korean_server(korean_site):
    with SiteServer(korean_site) as server:
        yield server


@pytest.fixture(scope="session")
def korean_trainers_site(tmp_path_factory) -> Path:
    """The trainer's edition of the Korean example, built with --strict, PDFs included."""
    return build_or_fail(KOREAN_CURRICULUM, tmp_path_factory.mktemp("korean-trainers") / "site", "trainers", pdf=True)


@pytest.fixture(scope="session")
def korean_trainers_server(korean_trainers_site):
    with SiteServer(korean_trainers_site) as server:
        yield server


@pytest.fixture(scope="session")
def spanish_site(tmp_path_factory) -> Path:
    """The staff edition of the Spanish example (examples/servicio-al-paciente-es), built with --strict, PDFs included."""
    return build_or_fail(SPANISH_CURRICULUM, tmp_path_factory.mktemp("spanish") / "site", pdf=True)


@pytest.fixture(scope="session")
def spanish_server(spanish_site):
    with SiteServer(spanish_site) as server:
        yield server


@pytest.fixture(scope="session")
def spanish_trainers_site(tmp_path_factory) -> Path:
    """The trainer's edition of the Spanish example, built with --strict, PDFs included."""
    return build_or_fail(SPANISH_CURRICULUM, tmp_path_factory.mktemp("spanish-trainers") / "site", "trainers", pdf=True)


@pytest.fixture(scope="session")
def spanish_trainers_server(spanish_trainers_site):
    with SiteServer(spanish_trainers_site) as server:
        yield server


# Every built site by (curriculum, edition), for tests that check every page of every edition
SITES = {("default", "staff"): "default_server", ("default", "trainers"): "default_trainers_server",
         ("korean", "staff"): "korean_server", ("korean", "trainers"): "korean_trainers_server",
         ("spanish", "staff"): "spanish_server", ("spanish", "trainers"): "spanish_trainers_server"}


@pytest.fixture(scope="session", params=list(SITES), ids=lambda key: "-".join(key))
def any_server(request):
    """Each edition of each shipped curriculum in turn, served (`.site` is its folder)."""
    return request.getfixturevalue(SITES[request.param])


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
