"""The PDFs built with the site: one per printable page, made by WeasyPrint, read back with pypdf.

They must match what the browser prints (paper, running footer, page breaks), be tagged for
screen readers, hold Korean as text, and be made again only when their page changed.
"""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from handbook import load_handbook, locale
from handbook.model import Handbook, Session
from handbook.publish.document import keep_words
from handbook.publish.pdf import size_text
from support import (BUILD_DATE, DEFAULT_CURRICULUM, KOREAN_CURRICULUM, MINIMAL_CURRICULUM, SiteServer,
                     agenda_row_pages, build, build_or_fail, copy_curriculum, expected_times,
                     facilitator_only_fragments, norm, pdf_page_sizes, pdf_pages, pdftotext_pages, plain_text,
                     print_pdf)

PAPER_POINTS = {"letter": (612.0, 792.0), "a4": (595.28, 841.89)}
HANGUL = re.compile(r"[\uac00-\ud7a3]")


@dataclass
class Built:
    site: Path
    book: Handbook
    t: dict[str, str]  # the page words

    def printable(self) -> dict[str, str]:
        """Every page that gets a PDF (site path → its title): packets, handouts, guide, agreement, evaluation."""
        t, pages = self.t, {"trainers-guide.html": self.t["trainers_guide"],
                            "agreement/index.html": self.book.agreement.title,
                            "agreement/evaluation.html": self.t["review_title"]}
        for s in self.book.sessions:
            pages[f"sessions/{s.id}/facilitator.html"] = f"{t['facilitator_packet']}: {s.title}"
            pages[f"sessions/{s.id}/handout.html"] = f"{t['participant_handout']}: {s.title}"
        return pages

    def pdf(self, page: str) -> PdfReader:
        return PdfReader(self.site / linked_pdf(self.site, page)[0])

    def text(self, page: str) -> list[str]:
        """The text of each page of a page's PDF, whitespace collapsed, a word broken after its hyphen whole."""
        pages = pdftotext_pages(self.site / linked_pdf(self.site, page)[0])
        return [re.sub(r"(?<=\w-) (?=\w)", "", norm(text)) for text in pages]


class _Download(HTMLParser):
    """The "Download PDF" link of a page: its address and its words."""

    def __init__(self):
        super().__init__()
        self.links: list[list[str]] = []
        self._in = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "p" and attrs.get("class") == "pdf-download":
            self._in = 1
        elif tag == "a" and self._in:
            self.links.append([attrs["href"], ""])

    def handle_data(self, data):
        if self._in and self.links:
            self.links[-1][1] += data

    def handle_endtag(self, tag):
        if tag == "p":
            self._in = 0


def download_links(site: Path, page: str) -> list[list[str]]:
    parser = _Download()
    parser.feed((site / page).read_text(encoding="utf-8"))
    return parser.links


def linked_pdf(site: Path, page: str) -> tuple[str, str]:
    """The site path of the PDF a page links, and the words of the link."""
    links = download_links(site, page)
    assert len(links) == 1, f"{page} has {len(links)} PDF links"
    href, words = links[0]
    return (Path(page).parent / href).as_posix(), norm(words)


@pytest.fixture(scope="module", params=["default", "korean"])
def built(request) -> Built:
    """The trainer's edition: every printable page, the packets and the trainer's guide included."""
    site = request.getfixturevalue(f"{request.param}_trainers_site")
    book, _ = load_handbook(DEFAULT_CURRICULUM if request.param == "default" else KOREAN_CURRICULUM, BUILD_DATE)
    return Built(site, book, locale.words(book.program.language, book.labels))


def sessions_and_kinds(book: Handbook):
    for session in book.sessions:
        for kind in ("facilitator", "handout"):
            yield session, kind, f"sessions/{session.id}/{kind}.html"


# -- which PDFs, and the links to them ----------------------------------------------------------------

def test_every_printable_page_links_its_pdf_with_its_size(built):
    printable = built.printable()
    for page in printable:
        path, words = linked_pdf(built.site, page)
        size = (built.site / path).stat().st_size
        assert words == norm(built.t["pdf_download"].replace("{size}", size_text(size, built.t))), page
        assert (built.site / path).read_bytes().startswith(b"%PDF-"), path
    pdfs = sorted(p.relative_to(built.site).as_posix() for p in built.site.rglob("*.pdf"))
    assert pdfs == sorted(linked_pdf(built.site, page)[0] for page in printable)
    others = [p.relative_to(built.site).as_posix() for p in built.site.rglob("*.html")]
    assert [p for p in others if p not in printable and download_links(built.site, p)] == []


def test_the_link_shows_on_screen_and_not_on_paper(page, default_server):
    page.goto(default_server.url + "sessions/first-impressions/handout.html")
    link = page.get_by_role("link", name=re.compile(r"^Download PDF \(\d+ kB\)$"))
    assert link.is_visible()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "handout.pdf"
    page.emulate_media(media="print")
    assert not link.is_visible()


# -- what each PDF holds -----------------------------------------------------------------------------

def test_every_pdf_is_on_the_programs_paper_with_the_footer_on_every_page(built):
    paper = PAPER_POINTS[built.book.program.paper]
    pattern = built.t["page_of"]
    for page in built.printable():
        sizes = pdf_page_sizes((built.site / linked_pdf(built.site, page)[0]).read_bytes())
        assert all((w, h) == pytest.approx(paper, abs=1) for w, h in sizes), f"{page}: {set(sizes)}"
        pages = built.text(page)
        for number, text in enumerate(pages, 1):
            counter = pattern.replace("{page}", str(number)).replace("{pages}", str(len(pages)))
            assert counter in text, f"{page}, page {number}: no {counter!r}"
            assert norm(built.book.program.title) in text, f"{page}, page {number}: no program title"


def test_the_session_title_and_edition_are_on_page_one(built):
    program = built.book.program
    for session, kind, page in sessions_and_kinds(built.book):
        first = built.text(page)[0]
        assert norm(f"{built.t['session']} {session.number}: {session.title}") in first, page
        assert norm(f"{built.t['edition']} {program.version}") in first, page


def test_handout_pdfs_hold_no_facilitator_text(built):
    fragments = {s.id: facilitator_only_fragments(s) for s in built.book.sessions}
    assert sum(map(len, fragments.values())) > 10
    for session, kind, page in sessions_and_kinds(built.book):
        text = " ".join(built.text(page))
        if kind == "facilitator":
            assert [f for f in fragments[session.id] if f not in text] == [], f"{page} lacks its own notes"
        else:
            leaked = [f for found in fragments.values() for f in found if f in text]
            assert leaked == [], f"{page} shows {leaked}"


def test_pdfs_are_tagged_with_their_language_and_title(built):
    for page, title in built.printable().items():
        pdf = built.pdf(page)
        root = pdf.trailer["/Root"]
        assert root["/MarkInfo"]["/Marked"], f"{page} is not marked as tagged"
        assert "/StructTreeRoot" in root, f"{page} is not tagged"
        assert root["/Lang"] == built.book.program.language, page
        assert pdf.metadata.title == title, page
        assert root["/ViewerPreferences"]["/DisplayDocTitle"], f"{page}: readers show the file name, not the title"


def link_addresses(pdf: PdfReader) -> list[str]:
    annotations = [a.get_object() for page in pdf.pages for a in page.get("/Annots") or []]
    return [str(a["/A"]["/URI"]) for a in annotations if "/A" in a and "/URI" in a["/A"]]


@pytest.mark.parametrize("name", ["default", "korean"])
def test_the_staff_edition_has_pdfs_of_its_own_pages_only(request, name):
    """No packet and no trainer's guide, as a PDF either: only handouts, the agreement and the evaluation form."""
    site = request.getfixturevalue(f"{name}_site")
    book, _ = load_handbook(DEFAULT_CURRICULUM if name == "default" else KOREAN_CURRICULUM, BUILD_DATE)
    staff = Built(site, book, locale.words(book.program.language, book.labels))
    printable = [p for p in staff.printable() if not p.endswith("/facilitator.html") and p != "trainers-guide.html"]
    pdfs = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.pdf"))
    assert pdfs == sorted(linked_pdf(site, page)[0] for page in printable)


def test_pdfs_link_to_no_file_of_the_machine_that_built_them(built):
    for page in built.printable():
        local = [uri for uri in link_addresses(built.pdf(page)) if not uri.startswith(("https:", "mailto:", "tel:"))]
        assert local == [], f"{page} links {local}"


def test_korean_pdfs_hold_korean_text_in_an_embedded_cjk_font(korean_trainers_site):
    korean_site = korean_trainers_site
    book, _ = load_handbook(KOREAN_CURRICULUM, BUILD_DATE)
    korean = Built(korean_site, book, locale.words("ko", book.labels))
    for page in korean.printable():
        text = " ".join(korean.text(page))
        assert len(HANGUL.findall(text)) > 200 and "\ufffd" not in text, f"{page}: no Korean text"
        pdf = korean_site / linked_pdf(korean_site, page)[0]
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"CJK\S*\s.*\byes\b", fonts), f"{page}: no embedded CJK font\n{fonts}"
    for session in book.sessions:
        assert norm(session.objectives[0]) in " ".join(korean.text(f"sessions/{session.id}/handout.html"))


# -- page breaks, as in the browser ----------------------------------------------------------------

def test_the_timed_agenda_is_on_one_page(built):
    for session, kind, page in sessions_and_kinds(built.book):
        rows = agenda_row_pages(built.text(page), expected_times(None, [b.minutes for b in session.agenda]))
        assert all(rows.values()), f"{page}: rows not found {rows}"
        assert len({n for found in rows.values() for n in found}) == 1, f"{page}: {rows}"


def test_the_sign_in_sheet_and_the_evaluation_are_pages_of_their_own(built):
    program = built.book.program
    for session in built.book.sessions:
        pages = built.text(f"sessions/{session.id}/facilitator.html")
        heading = norm(f"{program.title} · {built.t['session']} {session.number}: {session.title}")
        sign_in = [n for n, text in enumerate(pages) if f"{norm(built.t['sign_in'])} {heading}" in text]
        evaluation = [n for n, text in enumerate(pages) if f"{norm(built.t['evaluation'])} {heading}" in text]
        assert len(sign_in) == 1 and evaluation == [sign_in[0] + 1] == [len(pages) - 1], session.id


def card_ends(session: Session, kind: str) -> list[tuple[str, str, int]]:
    """Each role card's role and first words, its last words, and how many copies the document has."""
    cards = []
    for block in session.agenda:
        for role in block.scenario.roles if block.scenario else ():
            start = " ".join(norm(f"{role.name} {plain_text(role.brief)}").split()[:7])
            last = role.hidden if kind == "facilitator" and role.hidden else role.brief
            end = " ".join(norm(plain_text(last)).split()[-4:])
            cards.append((start, end, 2 if kind == "facilitator" else 1))
    return cards


def test_a_role_card_is_never_split_across_pages(built):
    for session, kind, page in sessions_and_kinds(built.book):
        pages = built.text(page)
        for start, end, copies in card_ends(session, kind):
            on = [n for n, text in enumerate(pages) if start in text]
            assert len(on) == copies, f"{page}: card {start!r} on pages {on}"
            assert all(end in pages[n] for n in on), f"{page}: card {start!r} is split"


# -- made only when needed ---------------------------------------------------------------------------

def pdf_times(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.pdf")}


def test_pdfs_are_made_again_only_for_the_pages_that_changed(tmp_path):
    folder = copy_curriculum(MINIMAL_CURRICULUM, tmp_path / "curriculum")
    first = folder / "sessions" / "01-greeting.yml"
    (folder / "sessions" / "02-farewell.yml").write_text(
        first.read_text(encoding="utf-8").replace("Greeting patients", "Saying goodbye"), encoding="utf-8")
    env = {"HANDBOOK_PDF_CACHE": str(tmp_path / "cache")}
    cold = pdf_times(build_or_fail(folder, tmp_path / "site-1", "trainers", pdf=True, env=env))
    assert len(cold) == 7  # two packets, two handouts, the guide, the agreement, the evaluation form
    again = pdf_times(build_or_fail(folder, tmp_path / "site-2", "trainers", pdf=True, env=env))
    assert again == cold, "a build with nothing changed made PDFs again"
    edited = first.read_text(encoding="utf-8").replace("within ten seconds", "within five seconds")
    first.write_text(edited, encoding="utf-8")
    after = pdf_times(build_or_fail(folder, tmp_path / "site-3", "trainers", pdf=True, env=env))
    remade = sorted(path for path in after if after[path] != cold[path])
    assert remade == ["sessions/greeting/facilitator.pdf", "sessions/greeting/handout.pdf"]


def test_serve_makes_no_pdfs_unless_asked(tmp_path):
    site = build_or_fail(MINIMAL_CURRICULUM, tmp_path / "site", env={"HANDBOOK_PDF": "0"})
    assert pdf_times(site) == {}
    assert all(download_links(site, p.relative_to(site).as_posix()) == [] for p in site.rglob("*.html"))
    makefile = (Path(__file__).parents[1] / "Makefile").read_text(encoding="utf-8")
    assert "HANDBOOK_PDF=$(if $(filter 1,$(PDF)),1,0) $(BIN)/mkdocs serve" in makefile


def test_a_pdf_that_cannot_be_made_fails_the_build_with_a_clear_message(tmp_path):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the PDF cache should be", encoding="utf-8")
    result = build(MINIMAL_CURRICULUM, tmp_path / "site", pdf=True, env={"HANDBOOK_PDF_CACHE": str(blocked)})
    assert result.returncode != 0
    assert re.search(r"The PDF of \S+\.md could not be made: cannot write the PDF cache", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists() or pdf_times(tmp_path / "site") == {}


def test_the_agreement_pdf_is_the_blank_form_to_sign_on_paper(built):
    agreement = " ".join(built.text("agreement/index.html"))
    review = " ".join(built.text("agreement/evaluation.html"))
    for commitment in built.book.agreement.commitments:
        first = " ".join(norm(plain_text(commitment.text)).split()[:5])
        assert first in agreement and first in review, commitment.id
    assert norm(built.t["agreement_record"]) in agreement  # the lines to write on and sign
    for screen_only in ("agreement_no_script", "agreement_incomplete", "agreement_sign_intro"):
        assert norm(built.t[screen_only]) not in agreement, f"the paper form says {built.t[screen_only]!r}"


def test_a_table_longer_than_a_page_repeats_its_header_row(tmp_path, page):
    folder = copy_curriculum(MINIMAL_CURRICULUM, tmp_path / "curriculum")
    program = folder / "program.yml"
    program.write_text(program.read_text(encoding="utf-8").replace("group_size: 8", "group_size: 60"), "utf-8")
    site = build_or_fail(folder, tmp_path / "site", "trainers", pdf=True,
                         env={"HANDBOOK_PDF_CACHE": str(tmp_path / "cache")})
    with SiteServer(site) as server:
        printed = print_pdf(page, server.url + "sessions/greeting/facilitator.html")
    chromium = [norm(text) for text in pdf_pages(printed)]
    weasyprint = [norm(text) for text in pdftotext_pages(site / "sessions/greeting/facilitator.pdf")]
    for engine, pages in (("Chromium", chromium), ("WeasyPrint", weasyprint)):
        sheet = [text for text in pages if "Sign-in sheet" in text or "Department Signature" in text]
        sheet = [text for text in sheet if not text.startswith("Objectives")]
        assert len(sheet) >= 2, f"{engine}: 60 rows fit on one page?"
        for n, text in enumerate(sheet[1:], 2):
            assert "# Name Department Signature" in text, f"{engine}: page {n} of the sheet has no header row"


def test_korean_words_are_kept_whole_and_markup_is_left_alone():
    article = ('<style>@page { content: "회차" }</style>'
               '<p title="회차">&quot;안녕하세요,&quot; 12시 10분 abc</p>')
    kept = keep_words(article).replace("\u2060", "+")  # the word joiner, made visible
    assert kept.startswith('<style>@page { content: "회차" }</style><p title="회차">')
    assert "&quot;+안+녕+하+세+요+,+&quot; 1+2+시 " in kept
    assert kept.endswith("1+0+분 abc</p>")


def words_broken_across_lines(site: Path, page: str) -> list[str]:
    """Each word of a page that its PDF begins on one line and ends on the next; not seen: a word with markup inside
    it (<strong> around part of it), or one whose two parts are words of the page too (인사|한, where a heading
    "여는 인사" ends a line and the next begins "한 달")."""
    html_text = html.unescape(re.sub(r"<[^>]+>", " ", (site / page).read_text(encoding="utf-8")))
    words = set(html_text.split())
    lines = [line.split() for text in pdftotext_pages(site / linked_pdf(site, page)[0]) for line in text.splitlines()]
    lines = [line for line in lines if line]
    return [f"{before[-1]}|{after[0]}" for before, after in zip(lines, lines[1:])
            if HANGUL.search(before[-1][-1]) and HANGUL.search(after[0][0]) and before[-1] + after[0] in words
            and not {before[-1], after[0]} <= words]


def test_korean_pdfs_break_lines_only_between_words(korean_trainers_site):
    """WeasyPrint breaks Korean lines inside words; keep_words joins each word's letters, as word-break: keep-all
    does on screen."""
    book, _ = load_handbook(KOREAN_CURRICULUM, BUILD_DATE)
    korean = Built(korean_trainers_site, book, locale.words("ko", book.labels))
    broken = {page: words_broken_across_lines(korean_trainers_site, page) for page in korean.printable()}
    assert {page: found for page, found in broken.items() if found} == {}
