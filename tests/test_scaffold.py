"""`make session NAME=...`: a new numbered session file with every field, which passes the check once titled
and its example text replaced."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from handbook import CurriculumError, load_handbook, model, schema
from handbook.commands import session as scaffold
from handbook.curriculum import starters
from support import MINIMAL_CURRICULUM, ROOT, EditorLoader, build_or_fail, copy_curriculum


def make(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture
def curriculum(tmp_path) -> Path:
    return copy_curriculum(MINIMAL_CURRICULUM, tmp_path / "curriculum")


def problems(folder: Path) -> list[str]:
    try:
        load_handbook(folder)
    except CurriculumError as error:
        return [f"{p.path}: {p.message}" for p in error.problems]
    return []


def fill_title(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert '\ntitle: ""\n' in text
    path.write_text(text.replace('\ntitle: ""\n', f"\ntitle: {title}\n", 1), encoding="utf-8")


def replace_starters(path: Path) -> None:
    """What an author does next: write their own summary and objective over the example text."""
    text = path.read_text(encoding="utf-8")
    for starter, own in ((starters.SUMMARY, "How we answer the phone."), (starters.OBJECTIVE, "Answer by the third ring")):
        assert starter in text
        text = text.replace(starter, own)
    path.write_text(text, encoding="utf-8")


def test_make_session_creates_the_next_numbered_file_that_passes_once_titled(curriculum, tmp_path):
    result = make("session", "NAME=phone-calls", f"CURRICULUM={curriculum}")
    assert result.returncode == 0, result.stderr
    path = curriculum / "sessions" / "02-phone-calls.yml"
    assert path.is_file()
    assert str(path) in result.stdout

    # one run names all that is left to do: the title, and the example text, each at its own line
    refused = "this is the example text `make session` wrote: replace it with your own"
    assert problems(curriculum) == ["title: must not be empty", f"summary: {refused}", f"objectives[0]: {refused}"]
    check = make("check", f"CURRICULUM={curriculum}")
    assert check.returncode != 0 and "02-phone-calls.yml:6:8: title: must not be empty" in check.stderr

    fill_title(path, "Phone calls")
    # the example text is refused until the author writes their own
    assert problems(curriculum) == [f"summary: {refused}", f"objectives[0]: {refused}"]
    check = make("check", f"CURRICULUM={curriculum}")
    assert check.returncode != 0
    assert "02-phone-calls.yml:10:10: summary: this is the example text `make session` wrote" in check.stderr
    assert "02-phone-calls.yml:14:5: objectives[0]: this is the example text" in check.stderr

    replace_starters(path)
    assert problems(curriculum) == []
    assert make("check", f"CURRICULUM={curriculum}").returncode == 0
    site = build_or_fail(curriculum, tmp_path / "site")
    assert "Phone calls" in (site / "sessions" / "phone-calls.html").read_text(encoding="utf-8")


def test_every_field_is_present_with_its_description(curriculum):
    text = scaffold.session_text(curriculum / "sessions" / "02-x.yml")
    for kind in (model.Session, model.AgendaBlock, model.Scenario, model.Role):
        for f in dataclasses.fields(kind):
            if f.metadata.get("contract", True):
                assert re.search(rf"^[\s#-]*{f.name}:", text, re.MULTILINE), f"{kind.__name__}.{f.name} is missing"
                assert f.metadata["doc"] in text, f"{kind.__name__}.{f.name} is not described"
    data = yaml.load(text.replace('title: ""', "title: Phone calls"), Loader=EditorLoader)
    assert data["duration"] == sum(block["minutes"] for block in data["agenda"])
    validator = Draft202012Validator(schema.all_schemas()[schema.SESSION_SCHEMA])
    assert list(validator.iter_errors(data)) == []


def test_the_file_names_its_schema_relative_to_itself(curriculum):
    path = scaffold.create(curriculum, "phone-calls")
    first = path.read_text(encoding="utf-8").splitlines()[0]
    target = first.removeprefix("# yaml-language-server: $schema=")
    assert (path.parent / target).resolve() == (schema.SCHEMA_FOLDER / schema.SESSION_SCHEMA).resolve()


def test_the_commented_scenario_becomes_a_role_play_when_uncommented(curriculum):
    path = scaffold.create(curriculum, "phone-calls")
    fill_title(path, "Phone calls")
    replace_starters(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("    scenario:")
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith("      ")), len(lines))
    scenario = [re.sub(r"^(\s*)# ", r"\1", line) for line in lines[start + 2:end]]  # the fields, uncommented
    filled = {"setting:": "setting: A ringing phone.", "- name:": "- name: Caller", "brief:": "brief: Ask why."}
    for i, line in enumerate(scenario):
        for key, value in filled.items():
            if line.strip().startswith(key + "  #"):
                scenario[i] = line[: line.index(key)] + value
    text = "\n".join(lines[: start + 1] + scenario + lines[end:]) + "\n"
    text = text.replace("    kind: lecture", "    kind: role-play")
    path.write_text(text, encoding="utf-8")
    assert text.count("- name: Caller") == 2  # a role play needs two roles, and the example has two
    assert problems(curriculum) == []


def test_numbers_follow_the_last_session_and_keep_its_width(curriculum):
    (curriculum / "sessions" / "007-later.yml").write_text("", encoding="utf-8")
    assert scaffold.next_path(curriculum, "phone-calls").name == "008-phone-calls.yml"


@pytest.mark.parametrize("name, message", [
    ("Phone Calls", "use lowercase letters, digits and hyphens"),
    ("greeting", "there is already a session called greeting"),
])
def test_bad_names_are_refused_clearly(curriculum, name, message):
    result = make("session", f"NAME={name}", f"CURRICULUM={curriculum}")
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (curriculum / "sessions").iterdir()) == ["01-greeting.yml"]


def test_make_session_without_a_name_says_how(curriculum):
    result = make("session", f"CURRICULUM={curriculum}")
    assert result.returncode != 0
    assert "make session NAME=phone-calls" in result.stderr
