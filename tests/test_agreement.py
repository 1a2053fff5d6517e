"""The signable agreement in a real Chromium: draft kept, record printed, record checked, nothing sent."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from handbook import agreement_hash as ah, load_handbook
from handbook.render import render_pages
from support import (DEFAULT_CURRICULUM, MINIMAL_CURRICULUM, SiteServer, axe_violations, build_or_fail, copy_curriculum,
                     move_clock, pdf_pages, wait_until)

SIGN = "agreement/index.html"
VERIFY = "agreement/verify.html"
REVIEW = "agreement/evaluation.html"
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


def expected_code(handbook, draft: dict, digest: str | None = None) -> tuple[str, str]:
    """The signature digest and record code the Python reference computes for a saved draft."""
    digest = digest or ah.signature_digest("drawn", ah.strokes_text(draft["strokes"]))
    confirmed = [text for text, ticked in zip(handbook.agreement.acknowledgements, draft["confirmed"]) if ticked]
    return digest, ah.record_code(ah.version_hash(handbook), handbook.program.version, confirmed, draft["fields"],
                                  digest, draft["signedAt"])


def resume(page) -> None:
    """The explicit step that brings a saved draft back."""
    expect(page.locator("#hb-resume")).to_be_visible()
    page.click("#hb-resume-continue")


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
    confirmed = ["I attended  the training.", "나는 교육을 받았습니다."]
    got = page.evaluate("""([fields, strokes, confirmed]) => {
        const R = handbookAgreement.record;
        const typed = R.signatureDigest({kind: "typed", text: " Jane  Doe "});
        const drawn = R.signatureDigest({kind: "drawn", strokes});
        const record = {hash: "AB".repeat(32), version: " 2026 edition", confirmed, fields, digest: drawn,
                        signedAt: "2026-10-27 09:05 UTC"};
        return [typed, drawn, R.recordText(record), R.recordCode(record), R.recordCode1(record),
                R.signedAt(" 2026/10/27 0905 "), R.stamp(new Date(Date.UTC(2026, 9, 27, 9, 5, 59)))];
    }""", [fields, strokes, confirmed])
    drawn = ah.signature_digest("drawn", ah.strokes_text(strokes))
    record = ("ab" * 32, "2026 edition", confirmed, fields, drawn, "2026-10-27T09:05Z")
    assert got == [ah.signature_digest("typed", "Jane Doe"), drawn, ah.record_text(*record), ah.record_code(*record),
                   ah.record_code_1("ab" * 32, fields, drawn), "2026-10-27T09:05Z", "2026-10-27T09:05Z"]


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
    resume(page)
    for field, value in DETAILS.items():
        assert page.input_value(f'#hb-sign-form [data-field="{field}"]') == value
    assert all(box.is_checked() for box in page.locator("#hb-sign-form [data-ack]").all())
    assert page.evaluate(INK) > drawn_ink * .8
    page.close()
    tab = context.new_page()  # the tab was closed by mistake
    tab.goto(default_server.url + SIGN)
    resume(tab)
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
    digest, code = expected_code(handbook, page.evaluate(DRAFT), ah.signature_digest("typed", "Jane Q. Doe"))
    assert record_shown(page)["record-code"] == ah.grouped(code)
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
    page.reload()
    resume(page)
    assert page.input_value("#hb-name") == MARKUP
    shown = record_shown(page)
    assert shown["name"] == MARKUP and shown["department"] == hostile["department"]
    assert page.text_content("#hb-record-typed") == MARKUP
    assert MARKUP in pdf_text(print_pdf(page))
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
    draft = page.evaluate(DRAFT)
    digest, code = expected_code(handbook, draft, ah.signature_digest("typed", DETAILS["name"]))
    assert record_shown(page)["record-code"] == ah.grouped(code)
    page.reload()
    resume(page)
    assert page.input_value("#hb-typed") == DETAILS["name"]
    page.goto((default_site / VERIFY).as_uri())
    for field, value in {**DETAILS, "hash": ah.version_hash(handbook), "digest": digest, "code": code,
                         "signed": draft["signedAt"]}.items():
        page.fill(f"#hb-v-{field}", value)
    page.click("#hb-verify-form button[type=submit]")
    assert "The record code matches" in page.text_content("#hb-verify-result")


# -- checking a record --------------------------------------------------------------------------------

def one_changed(value: str, position: int) -> str:
    return value[:position] + ("1" if value[position] != "1" else "2") + value[position + 1:]


def on_the_check_page(page, url: str) -> None:
    """The check page, as HR uses it for one record after another: opened, or, when open, its result put out of
    sight (to wait for the next) and its file choice emptied (a file chosen again is a change only after that)."""
    if page.url != url + VERIFY:
        page.goto(url + VERIFY)
        return
    page.eval_on_selector("#hb-verify-result", "result => { result.hidden = true; }")
    page.set_input_files("#hb-v-file", [])


def check_printed(page, url: str, values: dict[str, str]) -> str:
    on_the_check_page(page, url)
    for field, value in values.items():
        page.fill(f"#hb-v-{field}", value)
    page.click("#hb-verify-form button[type=submit]")
    result = page.locator("#hb-verify-result:not([hidden])")
    assert result.evaluate("r => r === document.activeElement")
    return result.get_attribute("class") + " " + result.text_content()


def printed_values(page) -> dict[str, str]:
    """What HR reads off a printed record, by the verify form's field names."""
    shown = record_shown(page)
    return {**{f: shown[f] for f in ah.RECORD_FIELDS}, "hash": page.text_content("#hb-version-hash"),
            "signed": shown["signed-at"], "digest": shown["signature-digest"], "code": shown["record-code"]}


def test_verify_accepts_the_printed_record_and_rejects_any_change(page, default_server, handbook):
    sign(page, default_server.url)
    printed = printed_values(page)
    assert "hb-result--match" in check_printed(page, default_server.url, printed)
    short = {**printed, "hash": " ".join(printed["hash"].split()[:4]).upper(), "code": printed["code"].replace(" ", "")}
    assert "The record code matches" in check_printed(page, default_server.url, short)
    for field, position in (("name", 2), ("date", 9), ("code", 3), ("digest", 0), ("department", 16), ("signed", 15)):
        result = check_printed(page, default_server.url, {**printed, field: one_changed(printed[field], position)})
        assert "hb-result--mismatch" in result and "does not match" in result, field
    as_format_1 = check_printed(page, default_server.url, {**printed, "signed": ""})  # read as format 1: refused
    assert "hb-result--mismatch" in as_format_1 and "published after that format was replaced" in as_format_1
    wrong_hash = {**printed, "hash": one_changed(printed["hash"], 0)}
    assert "No version of the agreement" in check_printed(page, default_server.url, wrong_hash)


def download_record(page) -> dict:
    with page.expect_download() as download:
        page.click("#hb-download")
    return json.loads(Path(download.value.path()).read_text(encoding="utf-8"))


def check_file(page, url: str, folder: Path, data: dict, name: str = "record.json") -> str:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    on_the_check_page(page, url)
    page.set_input_files("#hb-v-file", str(path))
    page.wait_for_selector("#hb-verify-result:not([hidden])")
    return page.text_content("#hb-verify-result")


def edits(record: dict) -> dict[str, dict]:
    """The record with one part changed, for each part a record file has."""
    fields, agreement = record["fields"], record["agreement"]
    changed = {
        "a confirmation dropped": {**record, "confirmed": record["confirmed"][:-1]},
        "a confirmation reworded": {**record, "confirmed": [record["confirmed"][0] + " mostly"] + record["confirmed"][1:]},
        "the signature": {**record, "signature": {"kind": "drawn", "strokes": record["signature"]["strokes"][:1]}},
        "a typed signature instead": {**record, "signature": {"kind": "typed", "text": fields["name"]}},
        "the time": {**record, "signedAt": one_changed(record["signedAt"], 15)},
        "the version label": {**record, "agreement": {**agreement, "version": agreement["version"] + "b"}},
        "the agreement text": {**record, "agreement": {**agreement, "text": agreement["text"] + "!"}},
    }
    for name in ah.RECORD_FIELDS:
        changed[f"field {name}"] = {**record, "fields": {**fields, name: one_changed(fields[name], 1)}}
    return changed


def test_verify_checks_a_record_file_exactly(page, default_server, tmp_path):
    sign(page, default_server.url)
    record = download_record(page)
    assert record["format"] == "handbook-agreement-record/2" and record["signature"]["kind"] == "drawn"
    assert record["fields"]["name"] == DETAILS["name"] and len(record["confirmed"]) >= 1
    result = check_file(page, default_server.url, tmp_path, record)
    assert "The record code matches" in result and "does not show who signed" in result
    assert page.input_value("#hb-v-name") == DETAILS["name"]
    assert page.input_value("#hb-v-signed") == record["signedAt"].replace("T", " ").replace("Z", " UTC")
    assert page.locator("#hb-verify-result img").evaluate("i => i.complete && i.naturalWidth") > 0
    for what, edited in edits(record).items():
        result = check_file(page, default_server.url, tmp_path, edited, "edited.json")
        assert "matches" not in result and "hb-result--mismatch" in page.get_attribute("#hb-verify-result", "class"), what
    assert "signature in this file does not match" in check_file(
        page, default_server.url, tmp_path, edits(record)["the signature"])
    assert "agreement text in this file" in check_file(
        page, default_server.url, tmp_path, edits(record)["the agreement text"])
    assert "confirmations in this file" in check_file(
        page, default_server.url, tmp_path, edits(record)["a confirmation reworded"])
    assert "not a record file" in check_file(page, default_server.url, tmp_path, {"format": "something else"})


def test_a_record_with_recomputed_codes_makes_no_claim_about_who_signed(page, default_server, tmp_path, handbook):
    sign(page, default_server.url)
    record = download_record(page)
    forged = {**record, "fields": {**record["fields"], "name": "Someone Else"}}
    forged["recordCode"] = ah.record_code(record["agreement"]["hash"], record["agreement"]["version"],
                                          record["confirmed"], forged["fields"], record["signatureDigest"],
                                          record["signedAt"])
    result = " ".join(check_file(page, default_server.url, tmp_path, forged).split())
    assert "The record code matches" in result  # the algorithm is public: anyone can do this
    assert "does not show who signed" in result and "anyone with this handbook can compute a matching code" in result
    assert "signatures of the employee and the supervisor on the printed copy in the personnel file" in result
    page_words = " ".join(page.text_content("article").split())
    for claim in ("nothing on it has been changed", "proves who", "confirms who signed"):
        assert claim not in page_words


def old_and_new_sites(tmp_path, with_text: bool):
    """A curriculum whose agreement changed after records were made: the old handbook and the new site."""
    folder = copy_curriculum(MINIMAL_CURRICULUM, tmp_path / "curriculum")
    old = load_handbook(folder)[0]
    agreement = folder / "agreement.yml"
    history = (f'previous_versions:\n  - version: "test-1"\n    hash: "{ah.grouped(ah.version_hash(old))}"\n'
               "    published: 2026-10-01\n")  # before format 2 existed: its records may be in format 1
    if with_text:
        history += "    text: |\n" + "".join(f"      {line}\n" for line in ah.canonical_text(old).splitlines())
    text = agreement.read_text(encoding="utf-8").replace("every patient", "every patient and visitor")
    agreement.write_text(text + history, encoding="utf-8")
    program = folder / "program.yml"
    program.write_text(program.read_text(encoding="utf-8").replace('"test-1"', '"test-2"'), encoding="utf-8")
    return old, build_or_fail(folder, tmp_path / "site")


def test_earlier_versions_and_format_1_records_still_verify(tmp_path, browser):  # printed and as files
    """A record signed under an earlier text, in the earlier format, verifies once its hash is listed."""
    old, site = old_and_new_sites(tmp_path, with_text=False)
    digest = ah.signature_digest("typed", "Jane Q. Doe")
    code = ah.record_code_1(ah.version_hash(old), DETAILS, digest)
    page = browser.new_page()
    with SiteServer(site) as server:
        values = {**DETAILS, "hash": ah.version_hash(old), "digest": digest, "code": code}
        result = " ".join(check_printed(page, server.url, values).split())
        assert "version test-1" in result and "hb-result--match" in result
        assert "earlier record format, handbook-agreement-record/1" in result
        assert "did not cover the confirmations" in result and "time of signing" in result
        assert "test-2 (current)" in page.text_content("table") and "test-1" in page.text_content("table")
        record = {"format": "handbook-agreement-record/1",
                  "agreement": {"version": "test-1", "hash": ah.version_hash(old), "text": ah.canonical_text(old)},
                  "fields": DETAILS, "confirmed": [], "signature": {"kind": "typed", "text": "Jane Q. Doe"},
                  "signatureDigest": digest, "recordCode": code}
        result = " ".join(check_file(page, server.url, tmp_path, record).split())
        assert "The record code matches" in result and "handbook-agreement-record/1" in result
        renamed = {**record, "fields": {**DETAILS, "name": "Jane Q. Dot"}}
        assert "does not match" in check_file(page, server.url, tmp_path, renamed, "renamed.json")
        # a record of the current version, published since format 2, rewritten in format 1: refused, saying why
        current = load_handbook(site.parent / "curriculum")[0]
        code = ah.record_code_1(ah.version_hash(current), DETAILS, digest)
        values = {**DETAILS, "hash": ah.version_hash(current), "digest": digest, "code": code}
        refused = " ".join(check_printed(page, server.url, values).split())
        assert "hb-result--mismatch" in refused and REWRITTEN in refused
        rewritten = {**record, "agreement": {"version": "test-2", "hash": ah.version_hash(current),
                                             "text": ah.canonical_text(current)}, "recordCode": code}
        assert REWRITTEN in " ".join(check_file(page, server.url, tmp_path, rewritten, "rewritten.json").split())
    page.close()


REWRITTEN = ("This record is in the earlier record format, handbook-agreement-record/1, but version test-2 was "
             "published after that format was replaced on 2026-11-23")


def test_the_check_page_states_its_limits_and_refuses_a_huge_file_or_signature_at_once(page, default_server, tmp_path):
    """A file larger than any record, or a signature of more points than any drawn one, is refused with a clear
    message, unread: the answer comes while the page stays responsive (the 5 s wait is a bound, not a measure)."""
    page.goto(default_server.url + VERIFY)
    assert "A record file is at most 2 MB, with a signature of at most 50,000 points" in page.text_content("article")
    huge = tmp_path / "huge.json"
    with huge.open("w", encoding="utf-8") as out:
        out.write('{"format": "handbook-agreement-record/2", "padding": "' + "x" * 30_000_000 + '"}')
    page.set_input_files("#hb-v-file", str(huge))
    expect(page.locator("#hb-verify-result")).to_contain_text("This file is larger than a record file can be "
                                                              "(2 MB at most), so it was not read.", timeout=5_000)
    strokes = [[1, 2] * 30_000, [3, 4] * 25_000]  # 55,000 points, in 0.3 MB
    record = {"format": "handbook-agreement-record/2", "signature": {"kind": "drawn", "strokes": strokes}}
    path = tmp_path / "points.json"
    path.write_text(json.dumps(record, separators=(",", ":")), encoding="utf-8")
    page.set_input_files("#hb-v-file", str(path))
    expect(page.locator("#hb-verify-result")).to_contain_text("The signature in this file has more points than a "
                                                              "drawn signature can have (50,000 at most)", timeout=5_000)
    assert page.evaluate("1 + 1") == 2  # the page answers


def test_an_older_version_record_shows_what_changed_word_by_word(tmp_path, browser):
    old, site = old_and_new_sites(tmp_path, with_text=True)
    digest = ah.signature_digest("typed", "Jane Q. Doe")
    confirmed = list(old.agreement.acknowledgements)
    record = {"format": "handbook-agreement-record/2",
              "agreement": {"version": "test-1", "hash": ah.version_hash(old), "text": ah.canonical_text(old)},
              "confirmed": confirmed, "fields": DETAILS, "signature": {"kind": "typed", "text": "Jane Q. Doe"},
              "signatureDigest": digest, "signedAt": "2026-10-27T09:30Z",
              "recordCode": ah.record_code(ah.version_hash(old), "test-1", confirmed, DETAILS, digest,
                                           "2026-10-27T09:30Z")}
    page = browser.new_page()
    with SiteServer(site) as server:
        result = check_file(page, server.url, tmp_path, record)
        assert "The record code matches" in result and "version test-1" in result
        changes = page.locator(".hb-changes")
        assert "What has changed in the agreement since version test-1" in changes.text_content()
        assert page.locator(".hb-changes .hb-label").all_text_contents() == ["Commitment 1"]
        assert page.locator(".hb-changes ins").all_text_contents() == ["added: and visitor"]
        assert page.locator(".hb-changes del").count() == 0
        assert "I will greet every patient" in changes.text_content()
        # the printed paper and a check typed from it give the same answer
        values = {**DETAILS, "hash": ah.version_hash(old), "digest": digest, "code": record["recordCode"],
                  "signed": "2026-10-27 09:30 UTC"}
        assert "hb-result--match" in check_printed(page, server.url, values)
        assert page.locator(".hb-changes ins").all_text_contents() == ["added: and visitor"]
        text = pdf_text(print_pdf(page))
        assert "What has changed in the agreement since version test-1" in text and "and visitor" in text
        assert "Check this record" not in text  # the form is not printed, the result is
    page.close()


def test_the_check_page_shows_the_exact_text_to_keep_for_later(page, default_server, handbook):
    page.goto(default_server.url + VERIFY)
    page.click("summary:has-text('The exact text of this version')")
    expect(page.locator("#hb-current-text")).to_be_visible()
    assert page.text_content("#hb-current-text") == ah.canonical_text(handbook)


# -- nothing left behind on a shared computer -----------------------------------------------------

def assert_empty(page) -> None:
    assert page.input_value("#hb-name") == "" and page.input_value("#hb-typed") == ""
    assert not any(box.is_checked() for box in page.locator("#hb-sign-form [data-ack]").all())
    assert page.evaluate(INK) == 0
    body = page.text_content("body")
    for field in ("name", "employee-id", "job-title", "department", "supervisor"):
        assert DETAILS[field] not in body, field


def test_a_saved_draft_shows_nothing_personal_until_the_signer_asks(page, default_server):
    sign(page, default_server.url)
    page.reload()
    expect(page.locator("#hb-resume")).to_be_visible()
    assert_empty(page)
    assert all(not value for field, value in record_shown(page).items() if field != "date")  # today's, by default
    assert page.evaluate(DRAFT)["fields"]["name"] == DETAILS["name"]  # still kept, only not shown
    resume(page)
    assert page.input_value("#hb-name") == DETAILS["name"]
    assert page.evaluate("document.documentElement.dataset.hbPrint") == "record"


def test_a_saved_draft_is_discarded_in_one_step(page, default_server):
    sign(page, default_server.url)
    page.reload()
    page.click("#hb-resume-discard")
    assert page.evaluate(DRAFT) is None and page.is_hidden("#hb-resume")
    page.reload()
    assert page.is_hidden("#hb-resume")
    assert_empty(page)


def test_filling_in_afresh_replaces_a_draft_nobody_continued(page, default_server):
    sign(page, default_server.url)
    page.reload()
    page.fill("#hb-name", "Next Person")
    assert page.is_hidden("#hb-resume")
    assert page.evaluate(DRAFT)["fields"] == {**{f: "" for f in ah.RECORD_FIELDS}, "name": "Next Person",
                                              "date": page.input_value("#hb-date")}


def test_after_download_the_next_visit_starts_empty(page, default_server):
    sign(page, default_server.url)
    download_record(page)
    assert page.evaluate(DRAFT) is None
    expect(page.locator("#hb-notice")).to_contain_text("Nothing you entered is kept in this browser")
    assert page.input_value("#hb-name") == DETAILS["name"]  # the signer can still print before leaving
    page.fill("#hb-department", "Another clinic")  # and nothing they change now is kept either
    assert page.evaluate(DRAFT) is None
    page.reload()
    assert page.is_hidden("#hb-resume")
    assert_empty(page)


def test_after_printing_the_next_visit_starts_empty(page, default_server):
    page.add_init_script(NO_PRINT)
    sign(page, default_server.url)
    page.click("#hb-print")
    assert page.evaluate(DRAFT) is None
    page.click("#hb-print")  # a second copy, before leaving
    assert page.evaluate("window.printed") == 2
    page.reload()
    assert page.is_hidden("#hb-resume")
    assert_empty(page)


def test_a_draft_untouched_past_its_hours_is_discarded(page, default_server, handbook):
    assert handbook.agreement.draft_hours == 12
    page.clock.install(time=dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.timezone.utc))
    page.goto(default_server.url + SIGN)
    fill(page)
    page.check("#hb-method-typed")
    page.fill("#hb-typed", DETAILS["name"])
    page.check("#hb-adopt")
    assert page.evaluate(DRAFT)["fields"]["name"] == DETAILS["name"]
    page.goto(default_server.url + REVIEW)  # the signer leaves
    move_clock(page, (11 * 60 + 59) * 60_000)
    page.goto(default_server.url + SIGN)
    expect(page.locator("#hb-resume")).to_be_visible()  # within the hours: still offered
    page.goto(default_server.url + REVIEW)
    move_clock(page, 2 * 60_000)
    page.goto(default_server.url + SIGN)
    assert page.evaluate(DRAFT) is None and page.is_hidden("#hb-resume")
    expect(page.locator("#hb-notice")).to_contain_text("more than 12 hours")
    assert_empty(page)


def test_a_form_left_open_and_untouched_is_emptied_too(page, default_server):
    page.clock.install(time=dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.timezone.utc))
    sign(page, default_server.url)
    move_clock(page, (11 * 60 + 58) * 60_000)
    assert page.input_value("#hb-name") == DETAILS["name"]
    move_clock(page, 4 * 60_000)
    expect(page.locator("#hb-notice")).to_contain_text("more than 12 hours")
    assert page.evaluate(DRAFT) is None
    assert_empty(page)


def test_the_page_says_what_it_keeps_and_for_how_long(page, default_server):
    page.goto(default_server.url + SIGN)
    kept = " ".join(page.text_content("#hb-kept").split())
    assert "12 hours after your last change" in kept and "as soon as you print or download" in kept


def test_the_hours_a_draft_is_kept_come_from_agreement_yml(tmp_path):
    folder = copy_curriculum(MINIMAL_CURRICULUM, tmp_path / "curriculum")
    agreement = folder / "agreement.yml"
    agreement.write_text(agreement.read_text(encoding="utf-8") + "draft_hours: 2\n", encoding="utf-8")
    sign_page = next(p for p in render_pages(load_handbook(folder)[0]) if p.uri == "agreement/index.md")
    assert '"draftHours":2' in sign_page.html and "2 hours after your last change" in sign_page.html


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
    resume(page)
    print_pdf(page)
    with page.expect_download():
        page.click("#hb-download")
    page.goto(default_server.url + VERIFY)
    page.click("#hb-verify-form button[type=submit]")
    page.goto(default_server.url + REVIEW)
    assert requests, "the recorder saw nothing"
    outside = [url for url in requests if not url.startswith((default_server.url, "data:", "blob:"))]
    assert outside == []


def test_filled_form_and_check_result_pass_axe(page, default_server):
    sign(page, default_server.url)
    page.check("#hb-method-typed")
    settle(page)
    assert axe_violations(page) == []
    page.goto(default_server.url + VERIFY)
    page.fill("#hb-v-hash", "abcd")
    page.click("#hb-verify-form button[type=submit]")
    settle(page)  # the header fades the page title in as the result scrolls into view
    assert axe_violations(page) == []


# Colours are measured once every transition has ended: half-way through a fade they fail any contrast rule
SETTLED = "() => document.getAnimations().every(a => a.playState === 'finished')"


def settle(page) -> None:
    """Wait out a scroll's effects: the theme starts its header fade a few frames after the scroll itself."""
    page.wait_for_timeout(600)
    wait_until(page, SETTLED)

# Every button and disclosure of the page, as a selector for each, in page order
CONTROLS = """() => [...document.querySelectorAll('article :is(a[href], button, summary, input[type=file])')]
  .filter(el => el.checkVisibility())
  .map((el, i) => { el.dataset.axeControl = i; return `[data-axe-control="${i}"]`; })"""


def axe_in_every_state(page) -> list[str]:
    """axe (WCAG 2.1 AA) on the whole page, then with each control hovered, focused and pressed; the failures, by
    control and state. A state changes how the control and what is around it look, so axe checks those (the
    control's parent) in each state: the rest of the page is as the whole-page check saw it."""
    failures = [f"the whole page: {found}" for found in axe_violations(page)]
    for selector in page.evaluate(CONTROLS):
        control = page.locator(selector)
        control.scroll_into_view_if_needed()
        box = control.bounding_box()
        centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        states = (("hovered", lambda: page.mouse.move(*centre)), ("focused", control.focus),
                  ("pressed", lambda: (page.mouse.move(*centre), page.mouse.down())))
        for state, enter in states:
            enter()  # axe_violations waits for the state's transitions to end
            failures += [f"{selector} {control.text_content().strip()!r} {state}: {found}"
                         for found in axe_violations(page, within=f":has(> {selector})")]
            page.mouse.move(0, 0)  # leave before letting go: pressing is not clicking
            page.mouse.up()
    return failures


def test_every_control_passes_axe_hovered_focused_and_pressed(page, default_server):
    """Incomplete form (Print and Download are aria-disabled) with a draft offered, then complete, then checking."""
    page.add_init_script(NO_PRINT)
    page.goto(default_server.url + SIGN)
    page.fill("#hb-name", DETAILS["name"])
    page.reload()  # a draft is offered: its two buttons too
    assert page.get_attribute("#hb-download", "aria-disabled") == "true"
    assert axe_in_every_state(page) == []
    page.click("#hb-resume-discard")
    sign(page, default_server.url)
    assert page.get_attribute("#hb-download", "aria-disabled") == "false"
    assert axe_in_every_state(page) == []
    page.goto(default_server.url + VERIFY)
    page.click("#hb-verify-form button[type=submit]")
    assert axe_in_every_state(page) == []


RED = "rgb(179, 38, 30)"  # the alert's border (#b3261e)


def missing_box(page) -> dict:
    return page.evaluate("""() => { const box = document.getElementById('hb-missing-box'), s = getComputedStyle(box);
      return {shown: !box.hidden && box.checkVisibility(), border: s.borderInlineStartColor, background: s.backgroundColor,
              alert: box.classList.contains('hb-missing--alert'),
              items: [...box.querySelectorAll('#hb-missing li')].map(li => li.textContent.trim())}; }""")


@pytest.mark.parametrize("width", [375, 1280])
def test_the_agreement_page_starts_calm_and_names_each_thing_left(page, default_server, handbook, width):
    """A calm checklist of what is left, each confirmation in its own words; an alert only once a print is tried
    with something missing; axe finds nothing in either state."""
    page.set_viewport_size({"width": width, "height": 900})
    page.add_init_script(NO_PRINT)
    page.goto(default_server.url + SIGN)
    calm = missing_box(page)
    assert calm["shown"] and not calm["alert"] and RED not in (calm["border"], calm["background"])
    assert calm["items"][:len(handbook.agreement.acknowledgements)] == [ah.normalize(page.text_content(f'label[for="{box}"]'))
                                                     for box in page.eval_on_selector_all(
                                                         "#hb-sign-form [data-ack]", "boxes => boxes.map(b => b.id)")]
    assert not any(item.startswith("Confirmation") for item in calm["items"])
    assert "Your signature: draw it, or type your name" in calm["items"]
    assert axe_violations(page) == []

    page.locator("#hb-sign-form [data-ack]").first.check()  # one thing done: the list shrinks, still calm
    assert len(missing_box(page)["items"]) == len(calm["items"]) - 1 and not missing_box(page)["alert"]
    page.focus("#hb-download")  # aria-disabled: focusable, and it explains itself
    page.keyboard.press("Enter")
    alert = missing_box(page)
    assert alert["alert"] and alert["border"] == RED and alert["items"] == calm["items"][1:]
    settle(page)
    assert axe_violations(page) == []
    for link in page.locator("#hb-missing a").all()[:3]:  # the alert's links, hovered and focused
        link.hover()
        link.focus()
        assert axe_violations(page) == []
    page.click("#hb-clear-data")  # the next person at this computer starts calm again
    assert not missing_box(page)["alert"]
