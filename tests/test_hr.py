"""HR's side: the key, the roster of a folder of records, countersigned receipts checked in Python and in a real
Chromium, evaluation sheets, and no signer's data in a site or the repository."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from handbook import agreement_hash as ah, load_handbook
from handbook.commands import roster as roster_command
from handbook.hr import keys, receipt, records
from handbook.hr.evaluations import file_name
from handbook.render import render_pages
from handbook.render.pages import page_words
from support import (BUILD_DATE, KOREAN_CURRICULUM, MINIMAL_CURRICULUM, ROOT, SiteServer, axe_violations, build_or_fail,
                     copy_curriculum, environment, pdftotext_pages)
from test_agreement import DETAILS, VERIFY, check_file, download_record, edits, sign

# The roster's run and HR's site are made once, in one worker of pytest-xdist
pytestmark = pytest.mark.xdist_group("hr")

RECEIVED = dt.date(2026, 11, 2)
OK = "Received by HR on 2026-11-02; this receipt was signed with this handbook's HR key."
WORDS = page_words(load_handbook(MINIMAL_CURRICULUM)[0])
NAMES = ("Rosalind Quartermain", "Bartholomew Inkwell")  # people whose records sit inside the curriculum folder


def hr_command(module: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", f"handbook.commands.{module}", *args], cwd=ROOT,
                          env=environment(MINIMAL_CURRICULUM), capture_output=True, text=True, timeout=300)


def with_key(folder: Path, public_key: str) -> Path:
    agreement = folder / "agreement.yml"
    agreement.write_text(agreement.read_text(encoding="utf-8") + keys.config_line(public_key) + "\n", encoding="utf-8")
    return folder


def changed(folder: Path, old) -> None:
    """The agreement changes after records were signed: a new version, the old one kept with its text."""
    history = (f'previous_versions:\n  - version: "test-1"\n    hash: "{ah.grouped(ah.version_hash(old))}"\n'
               "    text: |\n" + "".join(f"      {line}\n" for line in ah.canonical_text(old).splitlines()))
    agreement = folder / "agreement.yml"
    text = agreement.read_text(encoding="utf-8").replace("every patient", "every patient and visitor")
    agreement.write_text(text + history, encoding="utf-8")
    program = folder / "program.yml"
    program.write_text(program.read_text(encoding="utf-8").replace('"test-1"', '"test-2"'), encoding="utf-8")


def made_record(hb, name: str, signed_at: str = "2026-10-27T09:30Z", date: str = "2026-10-27") -> dict:
    """A record as the agreement page makes it, with a typed signature (computed by the Python reference)."""
    fields = {**DETAILS, "name": name, "date": date}
    digest, confirmed = ah.signature_digest("typed", name), list(hb.agreement.acknowledgements)
    version, hash_ = hb.program.version, ah.version_hash(hb)
    return {"format": ah.RECORD_FORMAT, "agreement": {"version": version, "hash": hash_, "text": ah.canonical_text(hb)},
            "confirmed": confirmed, "fields": fields, "signature": {"kind": "typed", "text": name},
            "signatureDigest": digest, "signedAt": signed_at,
            "recordCode": ah.record_code(hash_, version, confirmed, fields, digest, signed_at)}


def write(folder: Path, name: str, data) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


@pytest.fixture(scope="module")
def hr_key(tmp_path_factory):
    path = tmp_path_factory.mktemp("hr") / "private" / "hr-key.pem"
    return path, keys.make_key(path)


@pytest.fixture(scope="module")
def other_key(tmp_path_factory):
    path = tmp_path_factory.mktemp("other") / "key.pem"
    return path, keys.make_key(path)


# -- the key ---------------------------------------------------------------------------------------

def test_hr_key_prints_the_one_line_for_agreement_yml_and_keeps_the_key_private(tmp_path):
    path = tmp_path / "keys" / "hr.pem"
    result = hr_command("hr_key", str(path))
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    assert re.fullmatch(r'hr_public_key: "([0-9a-f]{4} ){15}[0-9a-f]{4}"', line)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert keys.public_hex(keys.load_key(path)) == ah.plain_hex(line.split(":")[1])
    assert "never put it in the repository" in result.stderr
    # the line is what agreement.yml takes
    folder = copy_curriculum(MINIMAL_CURRICULUM, tmp_path / "curriculum")
    (folder / "agreement.yml").write_text((folder / "agreement.yml").read_text() + line + "\n")
    assert ah.plain_hex(load_handbook(folder)[0].agreement.hr_public_key) == ah.plain_hex(line.split(":")[1])


@pytest.mark.parametrize("where", ["roster/hr.pem", "curriculum/hr.pem", "hr.pem"])
def test_hr_key_refuses_a_path_inside_the_repository(where):
    path = ROOT / where
    result = hr_command("hr_key", str(path))
    assert result.returncode == 1 and result.stdout == ""
    assert "No key made" in result.stderr and "out of the repository" in result.stderr
    assert not path.exists()


def test_hr_key_refuses_an_existing_file(tmp_path):
    path = write(tmp_path, "hr.pem", "an older key")
    result = hr_command("hr_key", str(path))
    assert result.returncode == 1 and "already exists" in result.stderr
    assert path.read_text() == "an older key"


def test_a_malformed_public_key_fails_the_build_with_a_clear_message(tmp_path):
    folder = with_key(copy_curriculum(MINIMAL_CURRICULUM, tmp_path / "curriculum"), "12ab")
    with pytest.raises(Exception) as caught:
        load_handbook(folder)
    (problem,) = caught.value.problems
    assert problem.path == "hr_public_key" and "64 hexadecimal digits" in problem.message


def test_the_check_page_names_hr_key_only_when_there_is_one(tmp_path, hr_key):
    hb = load_handbook(with_key(copy_curriculum(MINIMAL_CURRICULUM, tmp_path / "curriculum"), hr_key[1]))[0]
    verify = {p.uri: p for p in render_pages(hb)}["agreement/verify.md"].html
    config = json.loads(re.search(r'id="hb-verify-config">(.*?)</script>', verify).group(1))
    assert config["hrKey"] == {"key": hr_key[1], "id": ah.key_id(hr_key[1])}
    assert f"whose id is {ah.grouped(ah.key_id(hr_key[1]))}" in verify
    assert "PRIVATE" not in verify
    plain = {p.uri: p for p in render_pages(load_handbook(MINIMAL_CURRICULUM)[0])}["agreement/verify.md"].html
    assert '"hrKey":null' in plain and "hb-hr-key" not in plain


# -- receipts in Python ------------------------------------------------------------------------------

def test_a_receipt_checks_only_for_its_record_and_this_handbooks_key(hr_key, other_key):
    key, public = keys.load_key(hr_key[0]), hr_key[1]
    good = receipt.sign(key, "0123456789abcdef0123", "2026-11-02")
    assert ah.receipt_text("0123456789abcdef0123", "2026-11-02", good["key"]).splitlines() == [
        "handbook-receipt/1", "record: 0123456789abcdef0123", "received: 2026-11-02", f"key: {ah.key_id(public)}"]
    assert receipt.problem(good, "0123456789abcdef0123", public) == ""
    assert receipt.problem({**good, "receivedOn": "2026-10-01"}, "0123456789abcdef0123", public) == receipt.ALTERED
    assert receipt.problem(good, "0123456789abcdef0124", public) == receipt.OTHER_RECORD
    foreign = receipt.sign(keys.load_key(other_key[0]), "0123456789abcdef0123", "2026-11-02")
    assert receipt.problem(foreign, "0123456789abcdef0123", public) == receipt.OTHER_KEY
    assert receipt.problem({**foreign, "key": good["key"]}, "0123456789abcdef0123", public) == receipt.ALTERED
    assert receipt.problem(good, "0123456789abcdef0123", None) == receipt.NO_KEY
    assert receipt.problem({"format": "handbook-receipt/1"}, "0123456789abcdef0123", public) == receipt.UNREADABLE


# -- the roster ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def folders(tmp_path_factory, hr_key):
    """A curriculum whose agreement changed, records of both versions, an altered one, junk, a staff list."""
    tmp_path = tmp_path_factory.mktemp("roster")
    curriculum = with_key(copy_curriculum(MINIMAL_CURRICULUM, tmp_path / "curriculum"), hr_key[1])
    old = load_handbook(curriculum)[0]
    incoming = tmp_path / "records"
    write(incoming, "olga.json", made_record(old, "Olga Older"))
    write(incoming / "march", "jane-first.json", made_record(old, "Jane Doe", "2026-03-01T10:00Z", "2026-03-01"))
    changed(curriculum, old)
    new = load_handbook(curriculum)[0]
    write(incoming, "jane.json", made_record(new, "Jane Doe"))  # her latest, of the current version
    altered = made_record(new, "Bob Altered")
    altered["fields"]["department"] = "Somewhere else"
    write(incoming, "bob.json", altered)
    write(incoming, "notes.json", "not a record")
    write(incoming, "formula.json", made_record(new, "=HYPERLINK(\"x\")"))
    staff = write(tmp_path, "staff.csv", "Name,email\n  jane   DOE ,j@example.org\nolga older,\nMissy Missing,\n,\n")
    return curriculum, incoming, staff, tmp_path / "out"


@pytest.fixture(scope="module")
def ran(folders, hr_key):
    """`make roster` with every option, once: its output and its folder."""
    curriculum, incoming, staff, out = folders
    result = hr_command("roster", str(curriculum), "--records", str(incoming), "--staff", str(staff),
                        "--key", str(hr_key[0]), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return result, out


def test_the_roster_lists_every_status_with_the_documented_columns(ran):
    out = ran[1]
    with open(out / "roster.csv", encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert list(rows[0]) == ["name", "status", "version", "signed_on", "file"]
    table = {(r["name"], r["status"], r["version"], r["signed_on"], r["file"]) for r in rows}
    assert table == {
        ("Missy Missing", "missing", "", "", ""),
        ("", "invalid", "", "", "notes.json"),
        ("Bob Altered", "invalid", "", "", "bob.json"),
        ("Olga Older", "outdated", "test-1", "2026-10-27", "olga.json"),
        ("Jane Doe", "current", "test-2", "2026-10-27", "jane.json"),  # her latest valid record counts
        ("'=HYPERLINK(\"x\")", "current", "test-2", "2026-10-27", "formula.json"),  # a spreadsheet shows it as text
    }
    assert [r["status"] for r in rows] == ["missing", "invalid", "invalid", "outdated", "current", "current"]


def test_the_roster_page_says_why_and_what_changed_and_sorts(ran, page, tmp_path):
    out = ran[1]
    page.goto((out / "roster.html").as_uri())
    assert page.title() == "Agreement roster"
    assert axe_violations(page) == []
    olga = page.locator("tr", has_text="Olga Older")
    assert "Signed an earlier version: ask them to sign again" in olga.text_content()
    assert "What has changed in the agreement since version test-1" in olga.text_content()
    assert olga.locator("ins").all_text_contents() == ["added:  and visitor"]
    assert "This record does not match" in page.locator("tr", has_text="Bob Altered").text_content()
    assert "not a record file of this handbook" in page.locator("tr", has_text="notes.json").text_content()
    assert "Has not signed" in page.locator("tr", has_text="Missy Missing").text_content()
    names = lambda: page.locator("tbody tr td:first-child").all_text_contents()  # noqa: E731
    page.get_by_role("button", name="Name").click()
    assert names()[1:] == ["=HYPERLINK(\"x\")", "Bob Altered", "Jane Doe", "Missy Missing", "Olga Older"]
    page.keyboard.press("Enter")  # the focused header again: the other way
    assert names()[0] == "Olga Older"
    assert page.get_attribute("th:first-child", "aria-sort") == "descending"
    assert "Signed an earlier version" in " ".join(page.locator("tbody").text_content().split())
    text = " ".join(pdftotext_pages_of(page.pdf(), tmp_path))
    assert "Olga Older" in text and "and visitor" in text and "personal data" in text


def pdftotext_pages_of(pdf: bytes, folder: Path) -> list[str]:
    (folder / "printed.pdf").write_bytes(pdf)
    return pdftotext_pages(folder / "printed.pdf")


def test_each_signer_gets_an_evaluation_sheet_of_what_they_signed(ran):
    out = ran[1]
    sheets = sorted(p.name for p in (out / "evaluations").iterdir())
    assert sheets == ["HYPERLINK(_x_).pdf", "Jane Doe.pdf", "Olga Older.pdf"]
    olga = " ".join(" ".join(pdftotext_pages(out / "evaluations" / "Olga Older.pdf")).split())
    assert "Annual evaluation" in olga and "Employee Olga Older" in olga and "Job title Receptionist" in olga
    assert "Signed version test-1 of the agreement on 2026-10-27." in olga
    assert "I will greet every patient." in olga and "and visitor" not in olga  # what she signed
    assert "Observed greeting patients promptly." in olga and "Not yet meeting" in olga
    jane = " ".join(" ".join(pdftotext_pages(out / "evaluations" / "Jane Doe.pdf")).split())
    assert "Signed version test-2" in jane and "I will greet every patient and visitor." in jane
    assert stat.S_IMODE((out / "evaluations" / "Jane Doe.pdf").stat().st_mode) == 0o600


def test_names_make_safe_distinct_file_names():
    taken: set[str] = set()
    assert [file_name(n, taken) for n in ("Jane Doe", "jane  doe", "../etc/passwd", "김민지", "")] == [
        "Jane Doe.pdf", "jane doe (2).pdf", "etc_passwd.pdf", "김민지.pdf", "unnamed.pdf"]


def test_countersigned_copies_carry_a_receipt_that_python_checks(folders, ran, hr_key, tmp_path):
    curriculum, incoming, out = folders[0], folders[1], ran[1]
    signed = sorted(p.relative_to(out / "countersigned").as_posix() for p in (out / "countersigned").rglob("*.json"))
    assert signed == ["formula.json", "jane.json", "march/jane-first.json", "olga.json"]  # every valid record
    copy = json.loads((out / "countersigned" / "jane.json").read_text(encoding="utf-8"))
    original = json.loads((incoming / "jane.json").read_text(encoding="utf-8"))
    assert {k: v for k, v in copy.items() if k != "receipt"} == original
    assert copy["receipt"]["receivedOn"] == BUILD_DATE.isoformat()
    assert copy["receipt"]["recordCode"] == original["recordCode"]
    assert receipt.problem(copy["receipt"], copy["recordCode"], hr_key[1]) == ""
    # a second round over a filed copy keeps the day HR first received the record
    filed = write(tmp_path / "filed", "jane.json", copy).parent
    again = roster_command.run(curriculum, filed, tmp_path / "again", None, hr_key[0], dt.date(2026, 12, 1))
    assert [(r.name, r.status) for r in again.rows] == [("Jane Doe", "current")]
    kept = json.loads((tmp_path / "again" / "countersigned" / "jane.json").read_text(encoding="utf-8"))
    assert kept["receipt"] == copy["receipt"]


def test_the_roster_refuses_a_key_that_is_not_the_handbooks(folders, other_key, tmp_path):
    curriculum, incoming, staff, _ = folders
    with pytest.raises(roster_command.RosterError, match="not the key whose public half is hr_public_key"):
        roster_command.run(curriculum, incoming, tmp_path / "out", staff, other_key[0], RECEIVED)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("where", ["docs/roster", "curriculum/roster", "site/roster"])
def test_the_roster_is_never_written_where_it_could_be_published_or_committed(folders, where):
    curriculum, incoming, staff, _ = folders
    result = hr_command("roster", str(curriculum), "--records", str(incoming), "--out", str(ROOT / where))
    assert result.returncode == 1 and "out of the repository" in result.stderr
    assert not (ROOT / where).exists()


def test_the_default_roster_folder_is_ignored_by_git():
    result = subprocess.run(["git", "check-ignore", "roster/roster.csv", "roster/countersigned/a.json"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.split() == ["roster/roster.csv", "roster/countersigned/a.json"]


def test_a_staff_list_without_a_name_column_is_refused_clearly(folders, tmp_path):
    curriculum, incoming, _, _ = folders
    staff = write(tmp_path, "people.csv", "first,last\nJane,Doe\n")
    result = hr_command("roster", str(curriculum), "--records", str(incoming), "--staff", str(staff), "--out",
                        str(tmp_path / "out"))
    assert result.returncode == 1 and "has no `name` column" in result.stderr and "Traceback" not in result.stderr


def test_make_roster_runs_in_one_command(ran):
    result, out = ran
    assert "1 missing, 2 invalid, 1 outdated, 2 current" in result.stdout
    assert {p.name for p in out.iterdir()} == {"roster.csv", "roster.html", "evaluations", "countersigned"}


# -- Python and the browser give the same answer on the same records ---------------------------------------

def test_python_and_the_check_page_agree_on_records_signed_in_chromium(page, default_server, tmp_path):
    sign(page, default_server.url)
    record = download_record(page)
    versions = ah.known_versions(load_handbook(ROOT / "curriculum")[0])
    cases = {"as signed": record, **edits(record), "not a record": {"format": "something else"}}
    signed = {**record, "receipt": {"format": "handbook-receipt/1", "recordCode": record["recordCode"],
                                    "receivedOn": "2026-11-02", "key": "0" * 16, "signature": "0" * 128}}
    cases["a receipt this handbook has no key for"] = signed
    for what, data in cases.items():
        problem, _ = records.check(data, versions, None)
        shown = " ".join(check_file(page, default_server.url, tmp_path, data).split())
        expected = WORDS["verify_match"].split(".")[0] if not problem else WORDS[f"verify_{problem}"]
        assert expected in shown, what
    assert WORDS["verify_receipt_no_key"] in shown and "hb-result--match" in page.get_attribute(
        "#hb-verify-result", "class")


# -- a site with HR's key, built from a curriculum folder that also holds records and a staff list ---------

@pytest.fixture(scope="module")
def hr_site(tmp_path_factory, hr_key):
    """Where HR kept records and a roster inside the curriculum folder, and the site built from it."""
    base = tmp_path_factory.mktemp("hr-site")
    curriculum = with_key(copy_curriculum(MINIMAL_CURRICULUM, base / "curriculum"), hr_key[1])
    hb = load_handbook(curriculum)[0]
    for n, name in enumerate(NAMES):
        write(curriculum / "records", f"{n}.json", made_record(hb, name))
    write(curriculum, "staff.csv", "name\n" + "\n".join(NAMES) + "\n")
    roster_command.run(curriculum, curriculum / "records", base / "roster", curriculum / "staff.csv", hr_key[0],
                       RECEIVED)
    shutil.copytree(base / "roster", curriculum / "roster")  # copied back in by hand: still never published
    return curriculum, build_or_fail(curriculum, base / "site")


def test_no_name_enters_any_built_file(hr_site):
    curriculum, site = hr_site
    files = [p for p in site.rglob("*") if p.is_file()]
    assert any(p.name == "search_index.json" for p in files)
    for path in files:
        data = path.read_bytes()
        for name in NAMES:
            for form in (name, name.split()[1], json.dumps(name)[1:-1]):
                assert form.encode() not in data and form.encode("utf-16-le") not in data, (path, form)
    assert not any("roster" in p.name or p.suffix == ".csv" for p in files)


def test_a_countersigned_record_is_told_apart_in_chromium_and_python(hr_site, hr_key, other_key, browser,
                                                                     tmp_path):
    curriculum, site = hr_site
    page = browser.new_page()
    with SiteServer(site) as server:
        sign(page, server.url)
        record = download_record(page)
        incoming = write(tmp_path / "incoming", "jane.json", record).parent
        roster_command.run(curriculum, incoming, tmp_path / "out", None, hr_key[0], RECEIVED)
        filed = json.loads((tmp_path / "out" / "countersigned" / "jane.json").read_text(encoding="utf-8"))
        foreign = {**record, "receipt": receipt.sign(keys.load_key(other_key[0]), record["recordCode"], "2026-11-02")}
        cases = {
            "received": (filed, True, OK),
            "no receipt": (record, True, WORDS["verify_match"].split(".")[0]),
            "date altered": ({**filed, "receipt": {**filed["receipt"], "receivedOn": "2026-10-28"}}, False,
                             WORDS["verify_receipt_altered"]),
            "another record": ({**filed, "receipt": {**filed["receipt"], "recordCode": "0" * 20}}, False,
                               WORDS["verify_receipt_other_record"]),
            "another key": (foreign, False, WORDS["verify_receipt_other_key"]),
            "a torn receipt": ({**filed, "receipt": {"format": "handbook-receipt/1"}}, False,
                               WORDS["verify_receipt_unreadable"]),
        }
        versions = ah.known_versions(load_handbook(curriculum)[0])
        for what, (data, good, words) in cases.items():
            shown = " ".join(check_file(page, server.url, tmp_path, data).split())
            assert words in shown, what
            verdict = page.get_attribute("#hb-verify-result", "class")
            assert ("hb-result--match" in verdict) is good, what
            assert (OK in shown) is (what == "received"), what
            assert (records.check(data, versions, hr_key[1])[0] == "") is good, what
            if what in ("received", "another key"):
                assert axe_violations(page) == []
        assert "does not show who signed" in shown
        page.goto(server.url + VERIFY)
        assert f"whose id is {ah.grouped(ah.key_id(hr_key[1]))}" in page.text_content("article")
    page.close()


def test_the_roster_reads_records_signed_in_chromium_as_current_then_outdated(hr_site, hr_key, browser, tmp_path):
    curriculum, site = hr_site
    page = browser.new_page()
    with SiteServer(site) as server:
        sign(page, server.url)
        record = download_record(page)
    page.close()
    incoming = write(tmp_path / "incoming", "jane.json", record).parent
    first = roster_command.run(curriculum, incoming, tmp_path / "first", None, None, RECEIVED)
    assert [(r.name, r.status) for r in first.rows] == [(DETAILS["name"], "current")]
    later = copy_curriculum(curriculum, tmp_path / "later")
    changed(later, load_handbook(curriculum)[0])
    staff = write(tmp_path, "staff.csv", "name\njane q. doe\nNew Hire\n")
    second = roster_command.run(later, incoming, tmp_path / "second", staff, None, RECEIVED)
    assert [(r.name, r.status) for r in second.rows] == [("New Hire", "missing"), (DETAILS["name"], "outdated")]
    (part,) = second.rows[1].changes
    assert part["label"] == "Commitment 1" and ("added", " and visitor") in part["pieces"]


def test_the_guide_for_hr_exists_in_english_and_korean():
    for guide in ("guide/hr.md", "guide/hr.ko.md"):
        text = (ROOT / guide).read_text(encoding="utf-8")
        for command in ("make hr-key KEY=", "make roster RECORDS=", "STAFF=", "KEY=", "OUT=", "roster.csv",
                        "countersigned/", "evaluations/"):
            assert command in text, (guide, command)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(guide/hr.md)" in readme and "make roster RECORDS=folder" in readme


def test_a_korean_handbook_gets_its_roster_and_sheets_in_korean(tmp_path):
    hb = load_handbook(KOREAN_CURRICULUM)[0]
    incoming = write(tmp_path / "records", "kim.json", made_record(hb, "김민지")).parent
    staff = write(tmp_path, "staff.csv", "name\n김민지\n이서준\n")
    roster_command.run(KOREAN_CURRICULUM, incoming, tmp_path / "out", staff, None, RECEIVED)
    page = (tmp_path / "out" / "roster.html").read_text(encoding="utf-8")
    assert '<html lang="ko">' in page and "서약서 서명 현황" in page
    assert "현재 버전에 서명함" in page and "서명하지 않음" in page
    sheet = " ".join(" ".join(pdftotext_pages(tmp_path / "out" / "evaluations" / "김민지.pdf")).split())
    assert "김민지" in sheet and f"서약서 {hb.program.version} 버전에 서명했습니다" in sheet
