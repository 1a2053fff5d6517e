"""The JSON Schemas editors use: generated from the model, committed, and in step with the build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from handbook import CurriculumError, load_handbook, schema
from support import (DEFAULT_CURRICULUM, KOREAN_CURRICULUM, MINIMAL_CURRICULUM, ROOT, SPANISH_CURRICULUM, EditorLoader,
                     copy_curriculum)

SHIPPED = (DEFAULT_CURRICULUM, KOREAN_CURRICULUM, SPANISH_CURRICULUM, MINIMAL_CURRICULUM)
MODELINE = "# yaml-language-server: $schema="


def validator(schema_file: str) -> Draft202012Validator:
    document = schema.all_schemas()[schema_file]
    return Draft202012Validator(document, format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_file_for(path: Path) -> str:
    return schema.SESSION_SCHEMA if path.parent.name == "sessions" else schema.schema_name(path.name)


def curriculum_files(folder: Path) -> list[Path]:
    return sorted([*folder.glob("*.yml"), *(folder / "sessions").glob("*.yml")])


def test_committed_schemas_match_the_model():
    """Fails when the model changed and `make schema` was not run."""
    generated = {name: schema.render(document) for name, document in schema.all_schemas().items()}
    committed = {p.name: p.read_text(encoding="utf-8") for p in schema.SCHEMA_FOLDER.glob("*.schema.json")}
    assert committed == generated, "schema/ is out of date with the model: run `make schema`"


def test_schemas_are_valid_draft_2020_12():
    for document in schema.all_schemas().values():
        Draft202012Validator.check_schema(document)
        assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_field_of_the_model_is_described():
    def walk(node):
        if isinstance(node, dict):
            for name, child in node.get("properties", {}).items():
                assert child.get("description"), f"{name} has no description"
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)
    for document in schema.all_schemas().values():
        walk(document)


@pytest.mark.parametrize("folder", SHIPPED, ids=lambda f: str(f.relative_to(ROOT)))
def test_schema_accepts_every_shipped_curriculum_file(folder):
    files = curriculum_files(folder)
    assert len(files) >= 4
    for path in files:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader)
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validator(schema_file_for(path)).iter_errors(data)]
        assert errors == [], f"{path.relative_to(ROOT)}: {errors}"


@pytest.mark.parametrize("folder", SHIPPED, ids=lambda f: str(f.relative_to(ROOT)))
def test_every_shipped_curriculum_file_names_its_schema(folder):
    """The first line tells editors which schema to use, by a path relative to the file."""
    for path in curriculum_files(folder):
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        target = schema.SCHEMA_FOLDER / schema_file_for(path)
        expected = MODELINE + Path(os.path.relpath(target, path.parent)).as_posix()
        assert first_line == expected, f"{path.relative_to(ROOT)} should start with: {expected}"
        assert (path.parent / first_line.removeprefix(MODELINE)).resolve() == target.resolve()


PROGRAM = """
organization:
  name: Northside Family Practice
program:
  title: Front Desk Basics
  summary: A short program.
  group_size: 8
  version: "1"
"""
SESSION = """
title: Greeting patients
duration: 10
summary: How to greet.
objectives: [Greet every patient]
agenda:
  - title: Welcome
    minutes: 10
    kind: welcome
"""
TIPS = """
- id: smile
  title: Smile
  body: A smile helps.
"""
DEFINITIONS = """
- id: empathy
  term: empathy
  definition: Understanding feelings.
"""
SOURCES = """
- id: proverb
  title: A proverb
"""
AGREEMENT = """
title: Agreement
preamble: I agree.
commitments:
  - id: greet
    text: I will greet.
    evaluation: Greets.
acknowledgements: [I attended.]
"""
GOOD = {"program.schema.json": PROGRAM, "session.schema.json": SESSION, "tips.schema.json": TIPS,
        "definitions.schema.json": DEFINITIONS, "sources.schema.json": SOURCES,
        "agreement.schema.json": AGREEMENT}

# (schema, text replaced in the good example, its replacement)
BAD = [
    ("program.schema.json", "  name: Northside Family Practice\n", ""),
    ("program.schema.json", "organization:", "organisation:"),
    ("program.schema.json", "  group_size: 8", "  group_size: 0"),
    ("program.schema.json", "  group_size: 8", "  group_size: 61"),
    ("program.schema.json", "  group_size: 8", "  group_size: twelve"),
    ("program.schema.json", '  version: "1"', '  version: "1"\n  language: fr'),
    ("program.schema.json", '  version: "1"', '  version: "1"\n  paper: legal'),
    ("program.schema.json", '  version: "1"', '  version: "1"\n  start_time: "9am"'),
    ("program.schema.json", "  name: Northside Family Practice", "  name: N\n  primary_color: blue"),
    ("program.schema.json", "  name: Northside Family Practice", '  name: N\n  accent_color: "#12345"'),
    ("program.schema.json", "  name: Northside Family Practice", "  name: N\n  contact:\n    fax: 555"),
    ("program.schema.json", '  version: "1"', '  version: "1"\nlabels:\n  objectivs: Goals'),
    ("program.schema.json", "  title: Front Desk Basics", '  title: "  "'),
    ("session.schema.json", "duration: 10\n", ""),
    ("session.schema.json", "objectives: [Greet every patient]", "objectives: []"),
    ("session.schema.json", "title: Greeting patients", 'title: ""'),
    ("session.schema.json", "    kind: welcome", "    kind: lecturee"),
    ("session.schema.json", "    minutes: 10", "    minutes: 0"),
    ("session.schema.json", "duration: 10", "duration: 10\nid: Greeting Patients"),
    ("session.schema.json", "duration: 10", "duration: 10\ntips: smile"),
    ("session.schema.json", "duration: 10", "duration: 10\nlast_reviewed: last spring"),
    ("session.schema.json", "    kind: welcome", "    kind: role-play\n    scenario:\n      setting: A desk.\n"
                                                 "      roles:\n        - name: A\n          brief: B"),
    ("tips.schema.json", "  body: A smile helps.\n", ""),
    ("tips.schema.json", "- id: smile", "- id: Smile!"),
    ("definitions.schema.json", "  definition: Understanding feelings.",
     "  definition: Understanding feelings.\n  quote:\n    text: Hello"),
    ("sources.schema.json", "  title: A proverb", "  title: A proverb\n  date: yesterday"),
    ("agreement.schema.json", "acknowledgements: [I attended.]", "acknowledgements: []"),
    ("agreement.schema.json", "    evaluation: Greets.\n", ""),
]


def _editor_view(text: str):
    return yaml.load(text, Loader=EditorLoader)


def _build_view(text: str, schema_file: str, folder: Path) -> list[str]:
    """The problems the build finds with the text in place of one file of the minimal curriculum."""
    copy_curriculum(MINIMAL_CURRICULUM, folder)
    name = "sessions/01-greeting.yml" if schema_file == schema.SESSION_SCHEMA else schema_file.split(".")[0] + ".yml"
    (folder / name).write_text(text, encoding="utf-8")
    try:
        load_handbook(folder)
    except CurriculumError as error:
        return [str(p) for p in error.problems]
    return []


@pytest.mark.parametrize("schema_file", GOOD)
def test_good_examples_pass_both_the_schema_and_the_build(schema_file, tmp_path):
    text = GOOD[schema_file]
    assert list(validator(schema_file).iter_errors(_editor_view(text))) == []
    assert _build_view(text, schema_file, tmp_path / "curriculum") == []


@pytest.mark.parametrize("schema_file, old, new", BAD, ids=[f"{s.split('.')[0]}:{n.strip()[:30] or o.strip()[:30]}"
                                                            for s, o, n in BAD])
def test_schema_rejects_what_the_build_rejects(schema_file, old, new, tmp_path):
    text = GOOD[schema_file]
    assert old in text
    bad = text.replace(old, new, 1)
    assert list(validator(schema_file).iter_errors(_editor_view(bad))), "the schema accepts it"
    assert _build_view(bad, schema_file, tmp_path / "curriculum"), "the build accepts it"
