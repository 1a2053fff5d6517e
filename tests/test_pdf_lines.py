"""The build's PDFs draw what Chromium's print of the same page draws: every line to write on, rule and table
border, and nothing more; what fits on a page is not split (the observer's checklist of a handout).

Both are read back the same way: each page rendered to pixels by poppler, and each horizontal rule of 15 mm or
more counted (a link's underline is shorter; a rule drawn in pieces, cell by cell, is one rule). The trainer's
editions hold every kind of PDF (handouts, packets, the agreement, the evaluation form, the trainer's guide); the
default curriculum prints on letter paper and the Korean example on A4.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from PIL import Image

from handbook import load_handbook
from support import DEFAULT_CURRICULUM, KOREAN_CURRICULUM, norm, pdftotext_pages, plain_text
from test_packets import korean_a4, letter  # noqa: F401 (fixtures: the packets as Chromium prints them)

# test_packets.py's prints of the packets are made once, in the worker of pytest-xdist that runs both
pytestmark = pytest.mark.xdist_group("packets")

DPI = 72
RULE_MM = 15
DARK = bytes.maketrans(bytes(range(170)), b"x" * 170)  # a grey darker than 170 of 255 is ink
RUN = re.compile(rb"x{%d,}" % round(RULE_MM / 25.4 * DPI))
NO_PRINT = "window.print = () => {};"
EDITIONS = pytest.mark.parametrize("server, curriculum", [("default_trainers_server", DEFAULT_CURRICULUM),
                                                          ("korean_trainers_server", KOREAN_CURRICULUM)],
                                   ids=["default-letter", "korean-a4"])


def rules(pdf: bytes) -> list[tuple[int, int, int, int]]:
    """Each horizontal rule of the PDF as (page, y, x0, x1) in pixels at DPI."""
    runs = []
    with tempfile.TemporaryDirectory() as folder:
        # grey maps (.pgm), not PNG: nothing to compress, four times quicker
        subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-", f"{folder}/p"], input=pdf, check=True)
        for number, path in enumerate(sorted(Path(folder).glob("p-*.pgm"), key=lambda p: int(p.stem[2:]))):
            image = Image.open(path).convert("L")
            width, data = image.size[0], image.tobytes().translate(DARK)
            for y in range(image.size[1]):
                runs += [(number, y, m.start(), m.end()) for m in RUN.finditer(data, y * width, (y + 1) * width)]
    return _merged([(page, y, x0 % width, (x1 - 1) % width + 1) for page, y, x0, x1 in runs])


def _merged(runs):
    """Runs on rows at most 2 px apart whose spans touch are one rule (drawn 2 px thick, or in pieces)."""
    found: list[list[int]] = []
    for page, y, x0, x1 in runs:
        for rule in reversed(found):
            if rule[0] == page and y - rule[4] <= 2 and x0 <= rule[3] + 2 and x1 >= rule[2] - 2:
                rule[2:] = [min(rule[2], x0), max(rule[3], x1), y]
                break
        else:
            found.append([page, y, x0, x1, y])
    return [tuple(rule[:4]) for rule in found]


def page_of(site: Path, pdf: Path) -> str:
    """The page a PDF was made of: the page next to it of its name, or its folder's index."""
    uri = pdf.relative_to(site).with_suffix(".html").as_posix()
    return uri if (site / uri).exists() else pdf.parent.relative_to(site).as_posix() + "/index.html"


def chromium_print(page, url: str) -> bytes:
    """What the browser's Print prints (paper size and margins from the page's @page rule); the agreement as
    "Sign on paper instead" prints it, the state its PDF is made in."""
    page.goto(url)
    if page.locator("#hb-paper").count():
        page.click("#hb-paper")
    page.evaluate("document.fonts.ready.then(() => true)")
    return page.pdf(prefer_css_page_size=True)


@pytest.mark.parametrize("server, printed", [("default_trainers_server", "letter"),
                                             ("korean_trainers_server", "korean_a4")],
                         ids=["default-letter", "korean-a4"])
def test_each_pdf_draws_the_rules_chromiums_print_draws(request, context, server, printed):
    """The packets and the trainer's guide as test_packets.py printed them (the same print of the same page),
    the other pages printed here."""
    served, printouts = request.getfixturevalue(server), request.getfixturevalue(printed).printouts
    context.add_init_script(NO_PRINT)
    page = context.new_page()
    pdfs = sorted(served.site.rglob("*.pdf"))
    assert len(pdfs) >= 5 and any(page_of(served.site, pdf) in printouts for pdf in pdfs)
    found = []
    for pdf in pdfs:
        uri = page_of(served.site, pdf)
        printout = printouts[uri].pdf if uri in printouts else chromium_print(page, served.url + uri)
        ours, chromium = rules(pdf.read_bytes()), rules(printout)
        if len(ours) != len(chromium):
            found.append(f"{pdf.relative_to(served.site)}: {len(ours)} rules, Chromium's print {len(chromium)}")
    assert found == [], "\n".join(found)


def test_the_rule_count_sees_lines_to_write_on(page):
    """The count sees a line after a label and a table's borders, and not a link's underline."""
    page.set_content("<style>@page { size: A4; margin: 20mm } p { display: flex; gap: .5em } p span:last-child "
                     "{ flex: 1; border-bottom: 1px solid #000 } td { border-top: 1px solid #000; width: 40mm }</style>"
                     "<p><span>Employee</span><span></span></p><p><a href='#'>a link</a></p>"
                     "<table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>")
    assert len(rules(page.pdf())) == 3


def squeezed(text: str) -> str:
    """Text without its spaces: pdftotext and Markdown space Korean and line ends differently."""
    return re.sub(r"\s+", "", norm(text))


@EDITIONS
def test_the_handouts_observer_checklist_stays_on_one_page(request, server, curriculum):
    site = request.getfixturevalue(server).site
    book = load_handbook(curriculum)[0]
    checked = 0
    for session in book.sessions:
        pages = [squeezed(text) for text in pdftotext_pages(site / "sessions" / session.id / "handout.pdf")]
        for block in session.agenda:
            if not (block.scenario and len(block.scenario.observe) > 1):
                continue
            first, last = (squeezed(plain_text(item))[:20] for item in (block.scenario.observe[0],
                                                                         block.scenario.observe[-1]))
            on = [i for i, text in enumerate(pages) if first in text]
            assert on, f"{session.id}: the checklist's first item is in no page of the handout"
            assert last in pages[on[0]], f"{session.id}: the observer's checklist of {block.title!r} is split"
            checked += 1
    assert checked
