"""An organization's name, colours and logo come from program.yml alone, and reach every page and packet."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from handbook import CurriculumError, load_handbook
from handbook.curriculum import svg
from handbook.render import brand
from support import (DEFAULT_CURRICULUM, KOREAN_CURRICULUM, MINIMAL_CURRICULUM, ROOT, SiteServer, axe_violations,
                     build_or_fail, copy_curriculum, pdf_pages)

NEW_NAME = "Harbourview Zebra Clinic"
NEW_SHORT = "Zebracare"
PRIMARY = "#0b6e4f"
ACCENT = "#b0184f"
LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
        '<circle cx="12" cy="12" r="10" fill="#ffffff"/></svg>\n')


def organization(folder: Path) -> dict:
    return yaml.safe_load((folder / "program.yml").read_text(encoding="utf-8"))["organization"]


def rebrand(folder: Path) -> None:
    """What a fork does: edit the organization block of program.yml and drop a logo next to it."""
    program = folder / "program.yml"
    old = organization(folder)
    text = program.read_text(encoding="utf-8")
    text = text.replace(f"  name: {old['name']}\n", f"  name: {NEW_NAME}\n", 1)
    text = text.replace(f"  short_name: {old['short_name']}\n",
                        f"  short_name: {NEW_SHORT}\n  logo: zebra.svg\n"
                        f'  primary_color: "{PRIMARY}"\n  accent_color: "{ACCENT}"\n', 1)
    program.write_text(text, encoding="utf-8")
    (folder / "zebra.svg").write_text(LOGO, encoding="utf-8")


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("renamed")
    folder = copy_curriculum(DEFAULT_CURRICULUM, base / "curriculum")
    rebrand(folder)
    assert organization(folder)["name"] == NEW_NAME
    return build_or_fail(folder, base / "site", "trainers")  # every page, the packets too


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_old_name_remains_anywhere_in_the_site(renamed_site):
    old = organization(DEFAULT_CURRICULUM)
    for path in renamed_site.rglob("*"):
        if path.is_file() and path.suffix != ".gz":
            text = path.read_bytes().decode("utf-8", errors="replace")
            assert old["name"] not in text, f"{path.relative_to(renamed_site)} still names {old['name']}"
            if path.suffix in (".html", ".json", ".xml"):  # the short name is a common word in JavaScript
                assert not re.search(rf"\b{re.escape(old['short_name'])}\b", text), \
                    f"{path.relative_to(renamed_site)} still names {old['short_name']}"


def test_new_name_is_on_every_page(renamed_site):
    pages = html_pages(renamed_site)
    assert len(pages) > 10
    for path in pages:
        assert NEW_NAME in path.read_text(encoding="utf-8"), f"{path.relative_to(renamed_site)} lacks the name"


def test_colours_and_logo_reach_every_page(renamed_site):
    css = (renamed_site / brand.STYLESHEET_URI).read_text(encoding="utf-8")
    assert f"--md-primary-fg-color: {PRIMARY};" in css
    assert f"--md-accent-fg-color: {ACCENT};" in css
    # the logo as the build publishes it: written anew from an allowlist (curriculum/svg.py), its drawing kept
    assert (renamed_site / "assets" / "images" / "logo.svg").read_bytes() == svg.rebuild(LOGO.encode("utf-8"))
    for path in html_pages(renamed_site):
        html = path.read_text(encoding="utf-8")
        name = path.relative_to(renamed_site)
        # 404.html is served at any depth, so MkDocs links it from the site root
        depth = "/" if path.name == "404.html" else "../" * (len(name.parts) - 1)
        assert f'href="{depth}{brand.STYLESHEET_URI}"' in html, f"{name} lacks the colours"
        assert f'src="{depth}assets/images/logo.svg"' in html, f"{name} lacks the logo"
        assert f'rel="icon" href="{depth}assets/images/logo.svg"' in html, f"{name} lacks the favicon"


def test_browser_shows_the_colours_with_enough_contrast(renamed_site, page):
    with SiteServer(renamed_site) as server:
        page.goto(server.url + "index.html")
        header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
        assert header == "rgb(11, 110, 79)"
        link = page.evaluate("getComputedStyle(document.querySelector('article a')).color")
        assert link == "rgb(11, 110, 79)"
        assert page.locator(".md-header .md-logo img").evaluate("img => img.naturalWidth > 0")
        # the organization's colours must not cost contrast (the full axe audit is the accessibility tests' job)
        assert axe_violations(page, rules=["color-contrast"]) == []


def test_packets_print_the_new_name(renamed_site, browser):
    facilitator = next(renamed_site.glob("sessions/*/facilitator.html"))
    with SiteServer(renamed_site) as server:
        page = browser.new_page()
        page.goto(server.url + facilitator.relative_to(renamed_site).as_posix())
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
        page.close()
    text = " ".join(pdf_pages(pdf))
    assert NEW_NAME in text
    assert NEW_SHORT in text  # in the running footer
    assert organization(DEFAULT_CURRICULUM)["name"] not in text


def test_no_organization_name_is_written_outside_the_curricula():
    """Forks edit only curriculum/: the project itself names no organization."""
    names = {organization(folder)[key] for folder in (DEFAULT_CURRICULUM, KOREAN_CURRICULUM, MINIMAL_CURRICULUM)
             for key in ("name", "short_name") if organization(folder).get(key)}
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.splitlines()
    curricula = ("curriculum/", "examples/", "tests/")  # tests use the fixtures' names as data
    offenders = []
    for name in listed:
        path = ROOT / name
        if name.startswith(curricula) or not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        offenders += [f"{name}: {n}" for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text)]
    assert offenders == []


# -- colours that would be hard to read are adjusted ---------------------------------------

def test_contrast_matches_wcag():
    assert brand.contrast("#000000", "#ffffff") == pytest.approx(21)
    assert brand.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("colour", ["#ffeb3b", "#8bc34a", "#00bcd4", "#ff9800", "#ffffff", "#0b6e4f"])
def test_link_colour_is_always_readable_on_white(colour):
    shade = brand.readable_on_white(colour)
    assert brand.contrast(shade, brand.WHITE) >= brand.AA_TEXT
    if brand.contrast(colour, brand.WHITE) >= brand.AA_TEXT:
        assert shade == colour


@pytest.mark.parametrize("colour", ["#ffeb3b", "#0b6e4f", "#e91e63", "#9e9e9e"])
def test_header_text_takes_the_more_readable_of_white_and_black(colour):
    text, _ = brand.text_on(colour)
    other = "#000000" if text == brand.WHITE else brand.WHITE
    assert brand.contrast(text, colour) >= brand.contrast(other, colour)


def test_no_colours_keep_materials_palette(tmp_path):
    book = load_handbook(MINIMAL_CURRICULUM)[0]
    assert brand.stylesheet(book.organization) is None


# -- the logo must exist -----------------------------------------------------------------------

def _with_logo(tmp_path: Path, line: str) -> CurriculumError:
    folder = copy_curriculum(MINIMAL_CURRICULUM, tmp_path / "curriculum")
    program = folder / "program.yml"
    program.write_text(program.read_text(encoding="utf-8").replace(
        "  name: Northside Family Practice\n", f"  name: Northside Family Practice\n  {line}\n"), encoding="utf-8")
    with pytest.raises(CurriculumError) as caught:
        load_handbook(folder)
    return caught.value


def test_a_missing_logo_is_reported_at_its_line(tmp_path):
    error = _with_logo(tmp_path, "logo: logo.png")
    [problem] = error.problems
    assert problem.path == "organization.logo"
    assert problem.message.startswith('there is no file "logo.png"')
    line = (tmp_path / "curriculum" / "program.yml").read_text().splitlines().index("  logo: logo.png") + 1
    assert (problem.line, problem.column) == (line, 9)


def test_a_logo_must_be_an_image(tmp_path):
    error = _with_logo(tmp_path, "logo: program.yml")
    assert '"program.yml" is not an image file' in str(error)
