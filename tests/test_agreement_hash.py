"""The agreement's canonical text, its version hash and the record code (Python reference)."""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
from pathlib import Path

import pytest

from handbook import CurriculumError, agreement_hash as ah, load_handbook
from handbook.model import AgreementVersion, RatingLevel
from handbook.render import agreement as agreement_pages, render_pages
from support import MINIMAL_CURRICULUM

MINIMAL_TEXT = """handbook-agreement/1
version: test-1
organization: Northside Family Practice
program: Front Desk Basics
title: Service agreement
preamble: I agree to the standards of Northside Family Practice in Front Desk Basics.
commitment greet: I will greet every patient.
evaluation greet: Observed greeting patients promptly.
acknowledgement: I attended the training."""


@pytest.fixture(scope="module")
def minimal():
    return load_handbook(MINIMAL_CURRICULUM)[0]


def edited(tmp_path: Path, old: str, new: str, file: str = "agreement.yml"):
    folder = tmp_path / "curriculum"
    shutil.copytree(MINIMAL_CURRICULUM, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_handbook(folder)[0]


def test_canonical_text_is_exactly_the_documented_format(minimal):
    assert ah.canonical_text(minimal) == MINIMAL_TEXT
    assert ah.version_hash(minimal) == hashlib.sha256(MINIMAL_TEXT.encode()).hexdigest()


def test_rewrapping_the_yaml_keeps_the_hash(tmp_path, minimal):
    rewrapped = edited(tmp_path, "preamble: I agree to the standards of {organization} in {program}.",
                       "preamble: |\n  I agree to the standards\n  of {organization}   in {program}.\n")
    assert ah.version_hash(rewrapped) == ah.version_hash(minimal)


@pytest.mark.parametrize("old, new, file", [
    ("I will greet every patient.", "I will greet most patients.", "agreement.yml"),
    ("Observed greeting patients promptly.", "Observed greeting patients.", "agreement.yml"),
    ("I attended the training.", "I attended the course.", "agreement.yml"),
    ('version: "test-1"', 'version: "test-2"', "program.yml"),
    ("name: Northside Family Practice", "name: Southside Family Practice", "program.yml"),
    ("preamble: I agree", "preamble: |\n  I agree\n\n  to", "agreement.yml"),  # a new paragraph
])
def test_any_change_to_what_is_signed_changes_the_hash(tmp_path, minimal, old, new, file):
    assert ah.version_hash(edited(tmp_path, old, new, file)) != ah.version_hash(minimal)


def test_what_is_not_signed_does_not_change_the_hash(minimal):
    other = dataclasses.replace(minimal.agreement, signers=("employee",), rating_scale=(RatingLevel(1, "Low", "x"),),
                                previous_versions=(AgreementVersion("old", "ab" * 32),))
    assert ah.version_hash(dataclasses.replace(minimal, agreement=other)) == ah.version_hash(minimal)


def test_normalize_uses_nfc_and_collapses_every_kind_of_space():
    assert ah.normalize("  Jose\u0301 \t\u00a0 Nun\u0303ez\u3000 ") == "José Nuñez"
    assert ah.normalize("a\u2028b\ufeffc") == "a b c"


def test_hashes_are_read_however_they_were_typed():
    assert ah.plain_hex("6194 6065 EC96") == "61946065ec96"
    assert ah.grouped("61946065ec96") == "6194 6065 ec96"


FIELDS = {"name": " Jane  Doe ", "employee-id": "", "job-title": "Receptionist", "department": "Cardiology",
          "supervisor": "Sam Lee", "date": "2026-10-27"}


def test_record_code_follows_the_documented_lines():
    digest = ah.signature_digest("typed", "Jane Doe")
    confirmed = ["I attended the training.", " I read  the policy. "]
    text = ah.record_text("AB" * 32, " 2026 ", confirmed, FIELDS, digest, "2026-10-27 14:05 UTC")
    assert text.splitlines() == [
        "handbook-agreement-record/2", "agreement: " + "ab" * 32, "version: 2026",
        "confirmed: I attended the training.", "confirmed: I read the policy.", "name: Jane Doe", "employee-id: ",
        "job-title: Receptionist", "department: Cardiology", "supervisor: Sam Lee", "date: 2026-10-27",
        f"signature: {digest}", "signed-at: 2026-10-27T14:05Z"]
    assert digest == hashlib.sha256(b"typed\nJane Doe").hexdigest()[:12]
    assert ah.record_code("ab" * 32, "2026", confirmed, FIELDS, digest, "2026-10-27T14:05Z") == \
        hashlib.sha256(text.encode()).hexdigest()[:20]


def test_format_1_records_keep_their_code():
    digest = ah.signature_digest("typed", "Jane Doe")
    text = ah.record_text_1("AB" * 32, FIELDS, digest)
    assert text.splitlines() == [
        "handbook-agreement-record/1", "agreement: " + "ab" * 32, "name: Jane Doe", "employee-id: ",
        "job-title: Receptionist", "department: Cardiology", "supervisor: Sam Lee", "date: 2026-10-27",
        f"signature: {digest}"]
    assert ah.record_code_1("ab" * 32, FIELDS, digest) == hashlib.sha256(text.encode()).hexdigest()[:20]


@pytest.mark.parametrize("typed", ["2026-10-27 14:05 UTC", "2026-10-27T14:05Z", " 2026 10 27 1405 "])
def test_the_signing_time_reads_however_it_was_typed(typed):
    assert ah.signed_at(typed) == "2026-10-27T14:05Z"


def test_every_part_of_a_record_changes_its_code():
    digest = ah.signature_digest("typed", "Jane Doe")
    parts = ["ab" * 32, "2026", ["I attended the training."], FIELDS, digest, "2026-10-27T14:05Z"]
    changed = [["ac" * 32], ["2027"], [[]], [{**FIELDS, "date": "2026-10-28"}],
               [ah.signature_digest("typed", "Jane Dow")], ["2026-10-27T14:06Z"]]
    codes = {ah.record_code(*parts)}
    for i, (value,) in enumerate(changed):
        codes.add(ah.record_code(*parts[:i], value, *parts[i + 1:]))
    assert len(codes) == len(changed) + 1


def test_a_drawn_signature_is_digested_from_its_strokes():
    strokes = [[10, 20, 30, 40], [5, 5]]
    assert ah.strokes_text(strokes) == "10,20 30,40\n5,5"
    assert ah.signature_digest("drawn", ah.strokes_text(strokes)) == \
        hashlib.sha256(b"drawn\n10,20 30,40\n5,5").hexdigest()[:12]


def test_previous_versions_are_known_with_the_current_one_first(tmp_path):
    old = "0123 4567 89AB CDEF " * 3 + "0123 4567 89ab cdef"
    hb = edited(tmp_path, "acknowledgements:", f'previous_versions:\n  - version: "2025"\n    hash: "{old}"\n'
                                               "acknowledgements:")
    versions = ah.known_versions(hb)
    assert versions[0] == {"version": "test-1", "hash": ah.version_hash(hb), "current": True,
                           "text": ah.canonical_text(hb), "format1": False}
    assert versions[1] == {"version": "2025", "hash": ah.plain_hex(old), "current": False, "text": "",
                           "format1": False}  # no publication date: its records must be in the current format


def test_format_1_records_are_accepted_only_for_versions_published_before_format_2():
    import datetime as dt
    assert ah.accepts_format_1(dt.date(2026, 11, 22)) and not ah.accepts_format_1(ah.RECORD_FORMAT_2_SINCE)
    assert not ah.accepts_format_1(dt.date(2027, 1, 1)) and not ah.accepts_format_1(None)


OLDER_TEXT = MINIMAL_TEXT.replace("version: test-1", "version: test-0").replace("every patient", "each patient")


def previous_with_text(text: str) -> str:
    indented = "".join(f"      {line}\n" for line in text.splitlines())
    return (f'previous_versions:\n  - version: "test-0"\n    hash: "{ah.grouped(ah.sha256(OLDER_TEXT))}"\n'
            f"    text: |\n{indented}acknowledgements:")


def test_a_previous_version_keeps_its_text_as_pasted(tmp_path):
    hb = edited(tmp_path, "acknowledgements:", previous_with_text(OLDER_TEXT.replace(" each ", "   each ")))
    assert ah.known_versions(hb)[1]["text"] == OLDER_TEXT


def test_a_previous_text_that_is_not_its_hash_fails_with_a_clear_message(tmp_path):
    with pytest.raises(CurriculumError) as caught:
        edited(tmp_path, "acknowledgements:", previous_with_text(OLDER_TEXT.replace("each", "any")))
    (problem,) = caught.value.problems
    assert problem.path == "previous_versions[0].text" and "does not give the version hash" in problem.message
    lines = (tmp_path / "curriculum" / "agreement.yml").read_text(encoding="utf-8").splitlines()
    assert problem.line == lines.index("    text: |") + 1


def test_a_malformed_previous_hash_fails_with_a_clear_message(tmp_path):
    with pytest.raises(CurriculumError) as caught:
        edited(tmp_path, "acknowledgements:", 'previous_versions:\n  - version: "2025"\n    hash: "12ab"\n'
                                              "acknowledgements:")
    (problem,) = caught.value.problems
    lines = (tmp_path / "curriculum" / "agreement.yml").read_text(encoding="utf-8").splitlines()
    assert problem.path == "previous_versions[0].hash" and problem.line == lines.index('    hash: "12ab"') + 1
    assert "64 hexadecimal digits" in problem.message


def test_the_three_pages_are_listed_under_agreement(minimal):
    pages = {p.uri: p for p in render_pages(minimal)}
    for uri in ("agreement/index.md", "agreement/verify.md", "agreement/evaluation.md"):
        assert pages[uri].section == "agreement"
    assert ah.grouped(ah.version_hash(minimal)) in pages["agreement/index.md"].html
    assert "Not yet meeting" in pages["agreement/evaluation.md"].html  # the default scale


def test_data_for_scripts_cannot_close_its_script_element():
    assert "<" not in agreement_pages.script_json({"text": "</script><script>alert(1)</script>"})
