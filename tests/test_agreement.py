"""The signable agreement in a real Chromium: draft kept, record printed, record checked, nothing sent."""

from __future__ import annotations

import hashlib
import json
import math
import subprocess
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from handbook import agreement_hash as ah, load_handbook
from support import (DEFAULT_CURRICULUM, MINIMAL_CURRICULUM, SiteServer, build_or_fail, copy_curriculum, pdf_pages,
                     wait_until)

SIGN = "agreement/index.html"
VERIFY = "agreement/verify.html"
REVIEW = "agreement/evaluation.html"
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
DETAILS = {"name": "Jane Q. Doe", "employee-id": "E-1042", "job-title": "Receptionist",
           "department": "Cardiology clinic", "supervisor": "Sam Lee", "date": "2026-10-27"}
MARKUP = "<img src=x onerror=alert(1)>"
NO_PRINT = "window.printed = 0; window.print = () => { window.printed += 1; };"  # counts instead of printing
INK = """() => {
  const c = document.getElementById("hb-pad");
  const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
  return n;
}"""
DRAFT = """() => JSON.parse(localStorage.getItem(
  "handbook-agreement:" + new URL("..", location.href).pathname + ":draft"))"""


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(DEFAULT_CURRICULUM)[0]


@pytest.fixture
def requests(context):
    """Every URL the browser asks for during the test."""
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))
    return seen


# -- helpers -----------------------------------------------------------------------------------

def fill(page, details: dict[str, str] = DETAILS) -> None:
    for box in page.locator("#hb-sign-form [data-ack]").all():
        box.check()
    for field, value in details.items():
        page.fill(f'#hb-sign-form [data-field="{field}"]', value)


def draw(page) -> None:
    """A wavy stroke and a dot, with the mouse."""
    pad = page.locator("#hb-pad")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    x, y, w, h = box["x"], box["y"], box["width"], box["height"]
    page.mouse.move(x + w * .1, y + h * .6)
    page.mouse.down()
    for i in range(40):
        page.mouse.move(x + w * (.1 + i * .018), y + h * (.5 + .25 * math.sin(i / 4)))
    page.mouse.up()
    page.mouse.click(x + w * .9, y + h * .3)


def sign(page, url: str, details: dict[str, str] = DETAILS) -> None:
    page.goto(url + SIGN)
    fill(page, details)
    draw(page)
    assert page.evaluate("document.documentElement.dataset.hbPrint") == "record"


def record_shown(page) -> dict[str, str]:
    """What the printed record says, as the page has it."""
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll("[data-record]")]
                                     .map(e => [e.dataset.record, e.textContent]))""")


def print_pdf(page) -> bytes:
    return page.pdf(prefer_css_page_size=True, print_background=True)


def pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(pdf_pages(pdf)).split())


def pdf_images(pdf: bytes, folder: Path) -> list[tuple[int, int, bytes]]:
    """Every image in the PDF as (width, height, RGB bytes), extracted by poppler's pdfimages."""
    (folder / "record.pdf").write_bytes(pdf)
    subprocess.run(["pdfimages", str(folder / "record.pdf"), str(folder / "image")], check=True)
    images = []
    for path in sorted(folder.glob("image-*.ppm")):
        data = path.read_bytes()
        magic, size, _, pixels = data.split(b"\n", 3)
        assert magic == b"P6"
        width, height = map(int, size.split())
        images.append((width, height, pixels))
    return images


def dark_share(pixels: bytes) -> float:
    dark = sum(1 for i in range(0, len(pixels), 3) if max(pixels[i:i + 3]) < 128)
    return dark / (len(pixels) // 3)


def expected_code(handbook, draft: dict) -> tuple[str, str]:
    """The signature digest and record code the Python reference computes for a saved draft."""
    digest = ah.signature_digest("drawn", ah.strokes_text(draft["strokes"]))
    return digest, ah.record_code(ah.version_hash(handbook), draft["fields"], digest)


def tab_to(page, element_id: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    pytest.fail(f"Tab never reached #{element_id}")


# -- the browser's SHA-256 and record code match Python's ------------------------------------------

def test_browser_hashes_match_python(page, default_server):
    page.goto(default_server.url + SIGN)
    texts = ["", "abc", "a" * 55, "a" * 56, "a" * 64, "a" * 1000, "서약서 é ñ 🙂", "line\nbreak\r\n"]
    assert page.evaluate("t => t.map(handbookAgreement.sha256)", texts) == \
        [hashlib.sha256(t.encode()).hexdigest() for t in texts]
    fields = {"name": " Jose\u0301\u00a0 Núñez ", "employee-id": "", "job-title": "간호사",
              "department": "Cardiology\u3000clinic", "supervisor": "Sam\tLee", "date": "2026-10-27"}
    strokes = [[10, 20, 30, 45, 60, 70], [5000, 1000]]
    got = page.evaluate("""([fields, strokes]) => {
        const R = handbookAgreement.record;
        const typed = R.signatureDigest({kind: "typed", text: " Jane  Doe "});
        const drawn = R.signatureDigest({kind: "drawn", strokes});
        return [typed, drawn, R.recordCode("AB".repeat(32), fields, drawn)];
    }""", [fields, strokes])
    drawn = ah.signature_digest("drawn", ah.strokes_text(strokes))
    assert got == [ah.signature_digest("typed", "Jane Doe"), drawn, ah.record_code("ab" * 32, fields, drawn)]


def test_the_page_shows_the_hash_the_build_computed(page, default_server, handbook):
    page.goto(default_server.url + SIGN)
    assert page.text_content("#hb-version-hash") == ah.grouped(ah.version_hash(handbook))
    config = json.loads(page.text_content("#hb-agreement-config"))
    assert page.evaluate("t => handbookAgreement.sha256(t)", config["agreementText"]) == ah.version_hash(handbook)


# -- the draft ---------------------------------------------------------------------------------

def test_draft_survives_reload_closed_tab_and_resize(context, page, default_server):
    sign(page, default_server.url)
    drawn_ink = page.evaluate(INK)
    assert drawn_ink > 200
    page.reload()
    for field, value in DETAILS.items():
        assert page.input_value(f'#hb-sign-form [data-field="{field}"]') == value
    assert all(box.is_checked() for box in page.locator("#hb-sign-form [data-ack]").all())
    assert page.evaluate(INK) > drawn_ink * .8
    page.close()
    tab = context.new_page()  # the tab was closed by mistake
    tab.goto(default_server.url + SIGN)
    assert tab.input_value("#hb-name") == DETAILS["name"]
    tab.locator("#hb-pad").scroll_into_view_if_needed()
    assert tab.evaluate(INK) > drawn_ink * .8
    for width, height in ((500, 900), (1400, 700)):  # a narrow window, then a wide one (as in rotation)
        tab.set_viewport_size({"width": width, "height": height})
        wait_until(tab, """() => { const c = document.getElementById("hb-pad");
                                         return c.width === Math.round(c.getBoundingClientRect().width); }""")
        assert tab.evaluate(INK) > 100
    assert tab.evaluate("document.documentElement.dataset.hbPrint") == "record"


def test_undo_and_clear_remove_strokes(page, default_server):
    page.goto(default_server.url + SIGN)
    draw(page)
    assert len(page.evaluate(DRAFT)["strokes"]) == 2
    page.click("#hb-undo")
    assert len(page.evaluate(DRAFT)["strokes"]) == 1 and page.evaluate(INK) > 0
    page.click("#hb-clear-drawing")
    assert page.evaluate(DRAFT)["strokes"] == [] and page.evaluate(INK) == 0


def test_a_draft_for_an_older_agreement_is_discarded_with_a_notice(page, default_server):
    page.goto(default_server.url + SIGN)
    page.evaluate("""() => localStorage.setItem("handbook-agreement:/:draft",
        JSON.stringify({versionHash: "0".repeat(64), fields: {name: "Old Name"}, strokes: []}))""")
    page.reload()
    assert page.is_visible("#hb-notice") and "has changed" in page.text_content("#hb-notice")
    assert page.input_value("#hb-name") == ""
    assert page.evaluate(DRAFT) is None


def test_clear_my_data_removes_our_keys_and_leaves_materials(page, default_server):
    page.goto(default_server.url + SIGN)
    page.evaluate("""() => { localStorage.setItem("/.__palette", '{"index":0}');
                             localStorage.setItem("/.__tabs", "[]");
                             localStorage.setItem("handbook-agreement:/another-handbook/:draft", "{}"); }""")
    fill(page)
    draw(page)
    assert page.evaluate(DRAFT)["fields"]["name"] == DETAILS["name"]
    page.click("#hb-clear-data")
    keys = page.evaluate("Object.keys(localStorage).sort()")
    assert keys == ["/.__palette", "/.__tabs", "handbook-agreement:/another-handbook/:draft"]
    assert page.input_value("#hb-name") == "" and page.evaluate(INK) == 0
    expect(page.locator("#hb-status")).to_contain_text("removed")
    page.reload()
    assert page.input_value("#hb-name") == ""


# -- drawing with a finger, on a high-DPI phone ------------------------------------------------------

def test_touch_draws_without_scrolling_and_is_sharp(browser, default_server):
    phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3,
                                is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(default_server.url + SIGN)
    pad = page.locator("#hb-pad")
    pad.scroll_into_view_if_needed()
    scrolled = page.evaluate("window.scrollY")
    box = pad.bounding_box()
    cdp = phone.new_cdp_session(page)
    x, y = box["x"] + 20, box["y"] + box["height"] / 2
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for i in range(1, 25):  # drag upwards, which would scroll the page
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove",
                                              "touchPoints": [{"x": x + i * 10, "y": y - i * 2}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.wait_for_timeout(300)
    assert page.evaluate("window.scrollY") == scrolled
    assert len(page.evaluate(DRAFT)["strokes"]) == 1 and page.evaluate(INK) > 0
    width = page.evaluate("""() => { const c = document.getElementById("hb-pad");
                                     return [c.width, c.getBoundingClientRect().width]; }""")
    assert width[0] == round(width[1] * 3)
    phone.close()


# -- the printed record ------------------------------------------------------------------------------

def test_printed_record_has_every_part_and_a_real_signature(page, default_server, handbook, tmp_path):
    sign(page, default_server.url)
    draft = page.evaluate(DRAFT)
    digest, code = expected_code(handbook, draft)
    shown = record_shown(page)
    assert (shown["signature-digest"], shown["record-code"]) == (ah.grouped(digest), ah.grouped(code))
    pdf = print_pdf(page)
    assert 1 <= len(pdf_pages(pdf)) <= 2
    text = pdf_text(pdf)
    for value in DETAILS.values():
        assert value in text
    for part in (ah.grouped(ah.version_hash(handbook)), ah.grouped(digest), ah.grouped(code), "Received by HR",
                 handbook.agreement.commitments[-1].text.split()[-1], handbook.agreement.acknowledgements[0]):
        assert part in text
    (image,) = pdf_images(pdf, tmp_path)
    width, height, pixels = image
    assert width > 300 and .002 < dark_share(pixels) < .4  # ink on white, not a blank canvas


def test_a_typed_signature_prints_as_text(page, default_server, handbook):
    page.goto(default_server.url + SIGN)
    fill(page)
    page.check("#hb-method-typed")
    page.fill("#hb-typed", "Jane Q. Doe")
    assert page.evaluate("document.documentElement.dataset.hbPrint") == "incomplete"
    assert "adopt" in page.text_content("#hb-missing")
    page.check("#hb-adopt")
    digest = ah.signature_digest("typed", "Jane Q. Doe")
    assert record_shown(page)["record-code"] == ah.grouped(ah.record_code(ah.version_hash(handbook), DETAILS, digest))
    text = pdf_text(print_pdf(page))
    assert "Typed by the signer" in text and ah.grouped(digest) in text


def test_nothing_prints_as_a_record_until_the_form_is_complete(page, default_server):
    page.add_init_script(NO_PRINT)
    page.goto(default_server.url + SIGN)
    fill(page, {"name": "Partial Person"})
    page.focus("#hb-print")  # aria-disabled, so still focusable and announced, and it explains itself
    page.keyboard.press("Enter")
    assert page.evaluate("window.printed") == 0
    assert page.evaluate("document.activeElement.id") == "hb-missing-box"
    missing = page.text_content("#hb-missing")
    assert "Job title" in missing and "Your signature" in missing and "Full legal name" not in missing
    expect(page.locator("#hb-status")).to_contain_text("Still needed")
    text = pdf_text(print_pdf(page))  # what Ctrl+P would print
    assert "This is not a signed record" in text and "Job title" in text
    assert "Partial Person" not in text and "Record code" not in text


def test_sign_on_paper_prints_the_agreement_with_empty_lines(page, default_server, handbook):
    page.add_init_script(NO_PRINT)
    page.goto(default_server.url + SIGN)
    page.fill("#hb-name", "Paper Person")
    page.click("#hb-paper")
    assert page.evaluate("window.printed") == 1
    text = pdf_text(print_pdf(page))
    assert handbook.agreement.acknowledgements[-1] in text and "Received by HR" in text
    assert ah.grouped(ah.version_hash(handbook)) in text
    assert "Paper Person" not in text and "Record code" not in text


def test_the_print_button_prints_once_complete(page, default_server):
    page.add_init_script(NO_PRINT)
    sign(page, default_server.url)
    page.click("#hb-print")
    assert page.evaluate("window.printed") == 1


def test_signing_by_keyboard_alone(page, default_server, handbook):
    page.add_init_script(NO_PRINT)
    page.goto(default_server.url + SIGN)
    for i in range(1, len(handbook.agreement.acknowledgements) + 1):
        tab_to(page, f"hb-ack-{i}")
        page.keyboard.press("Space")
    for field in ("name", "employee-id", "job-title", "department", "supervisor"):
        tab_to(page, f"hb-{field}")
        page.keyboard.type(DETAILS[field])
    tab_to(page, "hb-method-drawn")
    page.keyboard.press("ArrowDown")  # the radio group: choose "Type my name"
    tab_to(page, "hb-typed")
    page.keyboard.type("Jane Q. Doe")
    tab_to(page, "hb-adopt")
    page.keyboard.press("Space")
    tab_to(page, "hb-print")
    page.keyboard.press("Enter")
    assert page.evaluate("window.printed") == 1
    assert page.evaluate("document.documentElement.dataset.hbPrint") == "record"


def test_markup_typed_into_fields_is_shown_as_text(page, default_server, requests):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = {**DETAILS, "name": MARKUP, "department": '"><script>alert(2)</script>'}
    sign(page, default_server.url, hostile)
    page.check("#hb-method-typed")
    page.fill("#hb-typed", MARKUP)
    page.check("#hb-adopt")
    shown = record_shown(page)
    assert shown["name"] == MARKUP and shown["department"] == hostile["department"]
    assert page.text_content("#hb-record-typed") == MARKUP
    assert MARKUP in pdf_text(print_pdf(page))
    page.reload()
    assert page.input_value("#hb-name") == MARKUP
    page.goto(default_server.url + VERIFY)
    page.fill("#hb-v-name", MARKUP)
    page.fill("#hb-v-hash", "<b>" * 10)
    page.click("#hb-verify-form button[type=submit]")
    page.wait_for_selector("#hb-verify-result:not([hidden])")
    assert page.locator('img[src="x"], #hb-verify-result b').count() == 0
    assert dialogs == [] and not [url for url in requests if url.rstrip("/").endswith("/x")]


def test_signing_and_checking_work_from_files_opened_directly(page, default_site, handbook):
    """The offline site opened with file://: no server, and no Web Crypto needed."""
    page.goto((default_site / SIGN).as_uri())
    fill(page)
    page.check("#hb-method-typed")
    page.fill("#hb-typed", DETAILS["name"])
    page.check("#hb-adopt")
    digest = ah.signature_digest("typed", DETAILS["name"])
    code = ah.record_code(ah.version_hash(handbook), DETAILS, digest)
    assert record_shown(page)["record-code"] == ah.grouped(code)
    page.reload()
    assert page.input_value("#hb-typed") == DETAILS["name"]
    page.goto((default_site / VERIFY).as_uri())
    for field, value in {**DETAILS, "hash": ah.version_hash(handbook), "digest": digest, "code": code}.items():
        page.fill(f"#hb-v-{field}", value)
    page.click("#hb-verify-form button[type=submit]")
    assert "This record matches" in page.text_content("#hb-verify-result")


# -- checking a record --------------------------------------------------------------------------------

def one_changed(value: str, position: int) -> str:
    return value[:position] + ("1" if value[position] != "1" else "2") + value[position + 1:]


def check_printed(page, url: str, values: dict[str, str]) -> str:
    page.goto(url + VERIFY)
    for field, value in values.items():
        page.fill(f"#hb-v-{field}", value)
    page.click("#hb-verify-form button[type=submit]")
    result = page.locator("#hb-verify-result")
    assert result.evaluate("r => r === document.activeElement")
    return result.get_attribute("class") + " " + result.text_content()


def test_verify_accepts_the_printed_record_and_rejects_any_change(page, default_server, handbook):
    sign(page, default_server.url)
    shown = record_shown(page)
    printed = {**{f: shown[f] for f in ah.RECORD_FIELDS}, "hash": page.text_content("#hb-version-hash"),
               "digest": shown["signature-digest"], "code": shown["record-code"]}
    assert "hb-result--match" in check_printed(page, default_server.url, printed)
    short = {**printed, "hash": " ".join(printed["hash"].split()[:4]).upper(), "code": printed["code"].replace(" ", "")}
    assert "matches" in check_printed(page, default_server.url, short)
    for field, position in (("name", 2), ("date", 9), ("code", 3), ("digest", 0), ("department", 16)):
        result = check_printed(page, default_server.url, {**printed, field: one_changed(printed[field], position)})
        assert "hb-result--mismatch" in result and "does not match" in result, field
    wrong_hash = {**printed, "hash": one_changed(printed["hash"], 0)}
    assert "No version of the agreement" in check_printed(page, default_server.url, wrong_hash)


def test_verify_checks_a_record_file_exactly(page, default_server, tmp_path):
    sign(page, default_server.url)
    with page.expect_download() as download:
        page.click("#hb-download")
    record = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert record["fields"]["name"] == DETAILS["name"] and record["signature"]["kind"] == "drawn"

    def check(data: dict, name: str) -> str:
        path = tmp_path / name
        path.write_text(json.dumps(data), encoding="utf-8")
        page.goto(default_server.url + VERIFY)
        page.set_input_files("#hb-v-file", str(path))
        page.wait_for_selector("#hb-verify-result:not([hidden])")
        return page.text_content("#hb-verify-result")

    assert "This record matches" in check(record, "record.json")
    assert page.input_value("#hb-v-name") == DETAILS["name"]
    assert page.locator("#hb-verify-result img").evaluate("i => i.complete && i.naturalWidth") > 0
    renamed = {**record, "fields": {**record["fields"], "name": "Jane Q. Dot"}}
    assert "does not match" in check(renamed, "renamed.json")
    redrawn = {**record, "signature": {"kind": "drawn", "strokes": record["signature"]["strokes"][:1]}}
    assert "signature in this file does not match" in check(redrawn, "redrawn.json")
    reworded = {**record, "agreement": {**record["agreement"], "text": record["agreement"]["text"] + "!"}}
    assert "agreement text in this file" in check(reworded, "reworded.json")
    assert "not a record file" in check({"format": "something else"}, "other.json")


def test_earlier_versions_still_verify(tmp_path, browser):
    """A record signed under an earlier text verifies once its hash is listed in previous_versions."""
    folder = copy_curriculum(MINIMAL_CURRICULUM, tmp_path / "curriculum")
    old = load_handbook(folder)[0]
    fields = {**DETAILS}
    digest = ah.signature_digest("typed", "Jane Q. Doe")
    code = ah.record_code(ah.version_hash(old), fields, digest)
    agreement = folder / "agreement.yml"
    history = f'previous_versions:\n  - version: "test-1"\n    hash: "{ah.grouped(ah.version_hash(old))}"\n'
    text = agreement.read_text(encoding="utf-8").replace("every patient", "every patient and visitor")
    agreement.write_text(text + history, encoding="utf-8")
    program = folder / "program.yml"
    program.write_text(program.read_text(encoding="utf-8").replace('"test-1"', '"test-2"'), encoding="utf-8")
    site = build_or_fail(folder, tmp_path / "site")
    page = browser.new_page()
    with SiteServer(site) as server:
        values = {**fields, "hash": ah.version_hash(old), "digest": digest, "code": code}
        assert "version test-1" in check_printed(page, server.url, values)
        assert "test-2 (current)" in page.text_content("table") and "test-1" in page.text_content("table")
    page.close()


# -- the evaluation form -------------------------------------------------------------------------------

def test_evaluation_form_prints_every_commitment_and_the_scale(page, default_server, handbook):
    page.goto(default_server.url + REVIEW)
    text = pdf_text(print_pdf(page))
    for c in handbook.agreement.commitments:
        assert " ".join(c.text.split()) in text and " ".join(c.evaluation.split())[:60] in text
    for level in handbook.agreement.rating_scale:
        assert level.label in text
    for words in ("Reviewer", "Review period", "Signature"):
        assert words in text


# -- privacy and accessibility -------------------------------------------------------------------------

def test_the_whole_flow_requests_nothing_but_the_sites_own_files(page, default_server, requests, tmp_path):
    sign(page, default_server.url)
    page.reload()
    print_pdf(page)
    with page.expect_download():
        page.click("#hb-download")
    page.goto(default_server.url + VERIFY)
    page.click("#hb-verify-form button[type=submit]")
    page.goto(default_server.url + REVIEW)
    assert requests, "the recorder saw nothing"
    outside = [url for url in requests if not url.startswith((default_server.url, "data:", "blob:"))]
    assert outside == []


@pytest.mark.parametrize("path", [SIGN, VERIFY, REVIEW])
def test_agreement_pages_pass_axe(page, default_server, path):
    page.goto(default_server.url + path)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_filled_form_and_check_result_pass_axe(page, default_server):
    sign(page, default_server.url)
    page.check("#hb-method-typed")
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    page.goto(default_server.url + VERIFY)
    page.fill("#hb-v-hash", "abcd")
    page.click("#hb-verify-form button[type=submit]")
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
