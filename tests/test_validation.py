"""Each rule the build enforces: a curriculum that breaks it, and the exact message and position."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handbook import CurriculumError, load_handbook
from support import MINIMAL_CURRICULUM


def curriculum(tmp_path: Path, edits: dict[str, str | bytes | None] = {}, replace: dict[str, tuple[str, str]] = {}) -> Path:
    """A copy of the minimal curriculum with files written, deleted (None) or edited (old → new)."""
    folder = tmp_path / "curriculum"
    shutil.copytree(MINIMAL_CURRICULUM, folder)
    for name, content in edits.items():
        path = folder / name
        if content is None:
            path.unlink()
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    for name, (old, new) in replace.items():
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def problems(folder: Path) -> list[str]:
    with pytest.raises(CurriculumError) as caught:
        load_handbook(folder)
    prefix = f"{folder.relative_to(Path.cwd()) if folder.is_relative_to(Path.cwd()) else folder}/"
    return [str(p).replace(prefix, "") for p in caught.value.problems]


def test_the_minimal_curriculum_is_valid():
    handbook, warnings = load_handbook(MINIMAL_CURRICULUM)
    assert handbook.sessions[0].id == "greeting"
    assert handbook.program.start_time == "09:00" and handbook.program.paper == "letter"
    assert handbook.agreement.signers == ("employee", "supervisor")
    assert warnings == []


def test_unknown_key_names_file_line_and_the_key_it_probably_meant(tmp_path):
    folder = curriculum(tmp_path, replace={"program.yml": ("  title: Front", "  titel: Front")})
    assert problems(folder) == ['program.yml:5:3: program.titel: unknown key "titel"; did you mean "title"?']


def test_wrong_type_says_expected_and_found(tmp_path):
    folder = curriculum(tmp_path, replace={"sessions/01-greeting.yml": ("minutes: 10", "minutes: ten")})
    assert problems(folder) == ['sessions/01-greeting.yml:11:14: agenda[0].minutes: expected a whole number, found "ten"']


def test_every_error_is_reported_in_one_run(tmp_path):
    folder = curriculum(tmp_path, replace={
        "sessions/01-greeting.yml": ("kind: welcome", "kind: welcom"),
        "tips.yml": ("category: Greeting", "categry: Greeting"),
        "program.yml": ("group_size: 8", "group_size: 100"),
    })
    assert problems(folder) == [
        "program.yml:7:15: program.group_size: must be at most 60, found 100",
        'sessions/01-greeting.yml:12:11: agenda[0].kind: expected one of welcome, lecture, discussion, role-play, '
        'video, exercise, break, wrap-up; found "welcom"; did you mean "welcome"?',
        'tips.yml:5:3: [0].categry: unknown key "categry"; did you mean "category"?',
    ]


def test_missing_required_field(tmp_path):
    folder = curriculum(tmp_path, replace={"sessions/01-greeting.yml": ("duration: 60\n", "")})
    assert problems(folder) == [
        'sessions/01-greeting.yml:2:1: duration: the required field "duration" is missing '
        "(Minutes; must equal the sum of the agenda's minutes)"
    ]


def test_agenda_must_add_up_to_duration(tmp_path):
    folder = curriculum(tmp_path, replace={"sessions/01-greeting.yml": ("minutes: 50", "minutes: 45")})
    assert problems(folder) == [
        "sessions/01-greeting.yml:3:11: duration: the session lasts 60 minutes but its agenda adds up to 55 "
        "(10 + 45); make them equal"
    ]


def test_duplicate_ids(tmp_path):
    folder = curriculum(tmp_path, edits={"tips.yml": (
        "- {id: smile, title: Smile, body: Smile.}\n- {id: smile, title: Smile again, body: Again.}\n")})
    assert problems(folder) == ['tips.yml:2:8: [1].id: the tip id "smile" is used twice (also at [0].id)']


def test_duplicate_session_ids(tmp_path):
    second = (MINIMAL_CURRICULUM / "sessions" / "01-greeting.yml").read_text()
    folder = curriculum(tmp_path, edits={"sessions/02-again.yml": "id: greeting\n" + second})
    assert problems(folder) == [
        'sessions/02-again.yml:1:5: id: the session id "greeting" is also used by sessions/01-greeting.yml'
    ]


def test_dangling_references_suggest_the_nearest_id(tmp_path):
    folder = curriculum(tmp_path, replace={
        "sessions/01-greeting.yml": ("tips: [smile]", "tips: [smiles]"),
        "tips.yml": ("source: proverb", "source: proverbs"),
    })
    assert problems(folder) == [
        'sessions/01-greeting.yml:7:8: tips[0]: no tip has the id "smiles"; did you mean "smile"?',
        'tips.yml:6:11: [0].source: no source has the id "proverbs"; did you mean "proverb"?',
    ]


def test_role_play_needs_a_scenario_and_others_must_not_have_one(tmp_path):
    folder = curriculum(tmp_path, replace={"sessions/01-greeting.yml": ("kind: role-play", "kind: exercise")})
    assert problems(folder) == [
        'sessions/01-greeting.yml:17:5: agenda[1].scenario: only role-play blocks have a scenario; this block is "exercise"'
    ]


def test_a_role_play_needs_two_roles(tmp_path):
    text = (MINIMAL_CURRICULUM / "sessions" / "01-greeting.yml").read_text()
    text = text[: text.index("        - name: Patient")]
    folder = curriculum(tmp_path, edits={"sessions/01-greeting.yml": text})
    assert problems(folder) == ["sessions/01-greeting.yml:19:7: agenda[1].scenario.roles: needs at least 2 items, found 1"]


def test_anchors_aliases_and_tags_are_refused(tmp_path):
    folder = curriculum(tmp_path, edits={
        "sources.yml": "- &p {id: proverb, title: A proverb}\n",
        "definitions.yml": "- id: empathy\n  term: empathy\n  definition: !!python/name:os.system\n",
    })
    assert problems(folder) == [
        "definitions.yml:3:15: YAML tags (tag:yaml.org,2002:python/name:os.system) are not allowed; write plain values",
        "sources.yml:1:3: YAML anchors (&p) are not allowed; write the value out",
    ]


def test_not_utf8(tmp_path):
    folder = curriculum(tmp_path, edits={"sources.yml": "- id: proverb\n  title: Caf\xe9\n".encode("latin-1")})
    assert problems(folder) == ["sources.yml:2:13: the file is not UTF-8 (byte 0xe9); save it as UTF-8"]


def test_yaml_syntax_error(tmp_path):
    folder = curriculum(tmp_path, edits={"sources.yml": "- id: proverb\n  title: [unclosed\n"})
    assert problems(folder) == [
        "sources.yml:3:1: this is not valid YAML: expected ',' or ']', but got '<stream end>' "
        "(while parsing a flow sequence that starts at line 2, column 10)"]


def test_duplicate_key(tmp_path):
    folder = curriculum(tmp_path, replace={"program.yml": ("  version:", "  title: Again\n  version:")})
    assert problems(folder) == ['program.yml:8:3: the key "title" appears twice (first on line 5)']


def test_empty_file_and_a_list_instead_of_a_mapping(tmp_path):
    folder = curriculum(tmp_path, edits={"agreement.yml": "# nothing yet\n", "program.yml": "- organization\n"})
    assert problems(folder) == [
        "agreement.yml:1:1: the file is empty",
        "program.yml:1:1: expected a mapping of fields (organization, program, labels), found a list",
    ]


def test_session_file_needs_a_number(tmp_path):
    folder = curriculum(tmp_path, edits={"sessions/phone-calls.yml": "title: Phone calls\n"})
    assert problems(folder) == [
        'sessions/phone-calls.yml:1:1: session files are named with a number, a hyphen and a lowercase name '
        'ending in .yml, like "04-phone-calls.yml"'
    ]


def test_missing_required_file_and_misnamed_file(tmp_path):
    folder = curriculum(tmp_path, edits={"agreement.yml": None, "tip.yml": "- x\n"})
    assert problems(folder) == [
        "agreement.yml:1:1: this file is required but missing",
        'tip.yml:1:1: this file is not part of a curriculum; did you mean "tips.yml"?',
    ]


def test_values_with_a_pattern(tmp_path):
    folder = curriculum(tmp_path, replace={"program.yml": ('version: "test-1"', 'version: "test-1"\n  start_time: "9 am"')},
                        edits={"tips.yml": "- {id: Smile_More, title: Smile, body: Smile.}\n"})
    assert problems(folder) == [
        'program.yml:9:15: program.start_time: expected a clock time like "09:00", found "9 am"',
        'tips.yml:1:8: [0].id: expected an id of lowercase letters, digits and hyphens (like "be-on-time"), '
        'found "Smile_More"',
    ]


def test_unknown_placeholder_in_preamble(tmp_path):
    folder = curriculum(tmp_path, replace={"agreement.yml": ("{program}", "{programme}")})
    assert problems(folder) == [
        'agreement.yml:3:11: preamble: unknown placeholder "{programme}"; use {organization} or {program}'
    ]


def test_unknown_language_and_label(tmp_path):
    folder = curriculum(tmp_path, replace={"program.yml": ('version: "test-1"',
                                                           'version: "test-1"\n  language: fr\nlabels:\n  objectivs: Goals')})
    assert problems(folder) == [
        'program.yml:9:13: program.language: the language "fr" has no word list; use one of en, es, ko',
        'program.yml:11:3: labels.objectivs: no page word is called "objectivs"; did you mean "objectives"?',
    ]


def test_old_review_date_is_a_notice_not_an_error(tmp_path):
    import datetime as dt
    folder = curriculum(tmp_path, replace={"sessions/01-greeting.yml": ("duration: 60", "duration: 60\nlast_reviewed: 2024-01-31")})
    _, notes = load_handbook(folder, today=dt.date(2026, 11, 1))
    assert [n.severity for n in notes] == ["notice"]
    assert str(notes[0]).endswith("sessions/01-greeting.yml:4:16: last_reviewed: this session was last reviewed on "
                                  "2024-01-31, more than 12 months ago; review it and update the date")
    assert load_handbook(folder, today=dt.date(2025, 1, 31))[1] == []  # twelve months to the day: not yet due


def test_review_months_come_from_the_program(tmp_path):
    import datetime as dt
    folder = curriculum(tmp_path, replace={
        "sessions/01-greeting.yml": ("duration: 60", "duration: 60\nlast_reviewed: 2026-01-15"),
        "program.yml": ('version: "test-1"', 'version: "test-1"\n  review_after_months: 6')})
    assert [n.message.split(";")[0] for n in load_handbook(folder, today=dt.date(2026, 7, 16))[1]] == [
        "this session was last reviewed on 2026-01-15, more than 6 months ago"]


def test_field_errors_and_cross_file_errors_come_in_one_run(tmp_path):
    folder = curriculum(tmp_path, replace={
        "tips.yml": ("title:", "titel:"),  # a field error in one file ...
        "sessions/01-greeting.yml": ("duration: 60", "duration: 61")})  # ... and a rule error in another
    found = problems(folder)
    assert any("tips.yml" in p and 'unknown key "titel"' in p for p in found)
    assert any("01-greeting.yml" in p and "agenda adds up to 60" in p for p in found)


def test_a_replaced_page_word_keeps_its_placeholders(tmp_path):
    folder = curriculum(tmp_path, replace={"program.yml": ('version: "test-1"',
                                                           'version: "test-1"\nlabels:\n  group_size_value: "up to {count}"')})
    assert problems(folder) == ["program.yml:10:3: labels.group_size_value: this word takes only {n}; found {count}"]
