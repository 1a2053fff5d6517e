"""Broken and hostile curricula: each one fails with our own message, naming file and line, never a traceback.

test_validation.py pins the exact wording of each rule; this is the broad robustness gate: a corpus
of ways a curriculum goes wrong (by mistake or on purpose), run through the loader in-process, and a
representative few through a real `mkdocs build`.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from handbook import CurriculumError, load_handbook
from support import MINIMAL_CURRICULUM, build

SESSION = "sessions/01-greeting.yml"
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b]\n"


@dataclass(frozen=True)
class Replace:
    """Replace the first occurrence of `old` in the fixture's file with `new`."""
    old: str
    new: str


@dataclass(frozen=True)
class Case:
    name: str
    edits: dict  # path in the curriculum → text, bytes, Replace, None (delete) or "<dir>" (a folder)
    file: str  # the file the message must name ...
    line: int  # ... and the line
    expected: str  # a part of the message
    built: bool = field(default=False)  # also run through the real `mkdocs build`


CASES = [
    # YAML syntax
    Case("unclosed flow list", {SESSION: Replace("tips: [smile]", "tips: [smile")}, SESSION, 8,
         "this is not valid YAML", built=True),
    Case("unclosed quote", {"sources.yml": Replace("title: A man", "title: \"A man")}, "sources.yml", 4,
         "this is not valid YAML"),
    Case("bad indentation", {"program.yml": Replace("  group_size: 8", " group_size: 8")}, "program.yml", 7,
         "this is not valid YAML"),
    Case("tab indentation", {"program.yml": Replace("  version:", "\tversion:")}, "program.yml", 8,
         "this is not valid YAML"),
    Case("colon inside plain text", {SESSION: Replace("summary: How to greet", "summary: How to: greet")}, SESSION, 4,
         "this is not valid YAML"),
    Case("two documents in one file", {"tips.yml": Replace("- id: smile", "- id: frown\n---\n- id: smile")},
         "tips.yml", 3, "this is not valid YAML"),
    # wrong types
    Case("text where a number goes", {SESSION: Replace("minutes: 10", "minutes: ten")}, SESSION, 11,
         'expected a whole number, found "ten"'),
    Case("fraction where a whole number goes", {"program.yml": Replace("group_size: 8", "group_size: 8.5")},
         "program.yml", 7, "expected a whole number"),
    Case("yes/no where a number goes", {SESSION: Replace("duration: 60", "duration: true")}, SESSION, 3,
         "expected a whole number"),
    Case("text where a list goes", {SESSION: Replace("objectives:\n  - Greet", "objectives: Greet\n  # - Greet")},
         SESSION, 5, "expected a list"),
    Case("text where an agenda block goes", {SESSION: Replace("  - title: Welcome\n    minutes: 10\n    kind: welcome\n"
                                                              '    facilitator: "**SAY:** secret facilitator wording"\n',
                                                              "  - Welcome for ten minutes\n")},
         SESSION, 10, "expected a mapping of fields"),
    Case("a kind that does not exist", {SESSION: Replace("kind: role-play", "kind: roleplay")}, SESSION, 16,
         'did you mean "role-play"?'),
    Case("nothing where text goes", {SESSION: Replace("title: Greeting patients", "title:")}, SESSION, 2,
         "expected text, found nothing"),
    Case("a date that is not one", {SESSION: Replace("duration: 60", "duration: 60\nlast_reviewed: last week")},
         SESSION, 4, "expected a date"),
    Case("a clock time that is not one", {"program.yml": Replace('  version: "test-1"', '  version: "test-1"\n'
                                                                 "  start_time: 9am")},
         "program.yml", 9, 'expected a clock time like "09:00"'),
    Case("a number with 5000 digits", {SESSION: Replace("minutes: 10", "minutes: " + "9" * 5000)}, SESSION, 11,
         "5000 digits"),
    Case("an explicit int tag on text", {SESSION: Replace("minutes: 10", "minutes: !!int ten")}, SESSION, 11,
         "expected a whole number"),
    # missing things
    Case("a session without an agenda", {SESSION: "title: Greeting\nduration: 60\nsummary: S\nobjectives: [Greet]\n"},
         SESSION, 1,
         'the required field "agenda" is missing'),
    Case("a required field missing", {"agreement.yml": Replace("acknowledgements:\n  - I attended the training.\n", "")},
         "agreement.yml", 2, 'the required field "acknowledgements" is missing'),
    Case("program.yml missing", {"program.yml": None}, "program.yml", 1, "required but missing", built=True),
    Case("no sessions at all", {SESSION: None}, "sessions", 1, "there are no sessions"),
    Case("a role play without a scenario",
         {SESSION: Replace("    kind: welcome\n", "    kind: role-play\n")}, SESSION, 12, "needs a scenario"),
    # unknown keys
    Case("a misspelt key", {"program.yml": Replace("  title: Front", "  titel: Front")}, "program.yml", 5,
         'did you mean "title"?', built=True),
    Case("a misspelt key in a block", {SESSION: Replace("minutes: 50", "minuets: 50")}, SESSION, 15,
         'unknown key "minuets"'),
    Case("a stray file", {"tip.yml": "- id: x\n"}, "tip.yml", 1, "not part of a curriculum"),
    Case("a page word that does not exist", {"program.yml": Replace('  version: "test-1"', '  version: "test-1"\n'
                                                                    "labels:\n  objectivs: Goals")},
         "program.yml", 10, 'no page word is called "objectivs"'),
    Case("a page word with a placeholder it does not have",
         {"program.yml": Replace('  version: "test-1"', '  version: "test-1"\nlabels:\n'
                                 "  group_size_value: 'up to {count} people'")},
         "program.yml", 10, "found {count}"),
    Case("a page word with an unpaired brace",
         {"program.yml": Replace('  version: "test-1"', '  version: "test-1"\nlabels:\n'
                                 "  group_size_value: 'up to {n people'")},
         "program.yml", 10, "has no partner"),
    # duplicates
    Case("a duplicate tip id", {"tips.yml": Replace("- id: smile", "- id: smile\n  title: A\n  body: B\n- id: smile")},
         "tips.yml", 5, 'the tip id "smile" is used twice'),
    Case("a duplicate key", {"program.yml": Replace("  group_size: 8", "  group_size: 8\n  group_size: 9")},
         "program.yml", 8, 'the key "group_size" appears twice'),
    Case("two sessions with one id", {"sessions/02-other.yml": "id: greeting\n" + (MINIMAL_CURRICULUM / SESSION).read_text()},
         "sessions/02-other.yml", 1, 'the session id "greeting" is also used by'),
    Case("two sessions with one number", {"sessions/01-other.yml": (MINIMAL_CURRICULUM / SESSION).read_text()},
         "sessions/01-other.yml", 1, "the number 01 is also used by"),
    # references
    Case("a session teaches a tip that does not exist", {SESSION: Replace("tips: [smile]", "tips: [smiel]")},
         SESSION, 7, 'no tip has the id "smiel"; did you mean "smile"?'),
    Case("a tip cites a source that does not exist", {"tips.yml": Replace("source: proverb", "source: nowhere")},
         "tips.yml", 6, 'no source has the id "nowhere"'),
    Case("a session uses a definition that does not exist", {SESSION: Replace("definitions: [empathy]",
                                                                              "definitions: [sympathy]")},
         SESSION, 8, 'no definition has the id "sympathy"'),
    # arithmetic
    Case("an agenda that does not add up", {SESSION: Replace("minutes: 50", "minutes: 45")}, SESSION, 3,
         "agenda adds up to 55"),
    Case("a block of zero minutes", {SESSION: Replace("minutes: 10", "minutes: 0")}, SESSION, 11, "at least 1"),
    # empty and wrongly shaped files
    Case("an empty file", {"tips.yml": ""}, "tips.yml", 1, "the file is empty"),
    Case("a file of comments only", {"definitions.yml": "# to do\n\n# later\n"}, "definitions.yml", 1,
         "the file is empty"),
    Case("a list instead of a mapping", {"program.yml": "- organization\n- program\n"}, "program.yml", 1,
         "expected a mapping of fields"),
    Case("a mapping instead of a list", {"tips.yml": "smile: Smile when you greet\n"}, "tips.yml", 1,
         "expected a list"),
    Case("a bare word for a whole file", {"agreement.yml": "agreement\n"}, "agreement.yml", 1,
         "expected a mapping of fields"),
    # bytes that are not a curriculum
    Case("Latin-1 bytes", {"tips.yml": "- id: smile\n  title: Caf\xe9 manners\n".encode("latin-1")}, "tips.yml", 2,
         "not UTF-8 (byte 0xe9)", built=True),
    Case("UTF-16", {"sources.yml": "- id: proverb\n  title: T\n".encode("utf-16")}, "sources.yml", 1, "not UTF-8"),
    Case("a NUL character", {"program.yml": Replace("Northside", "North\x00side")}, "program.yml", 3,
         "a character YAML does not allow (#x0000)"),
    Case("a 10 MB file", {"sources.yml": "- id: proverb\n  title: " + "x" * 10_000_000 + "\n"}, "sources.yml", 1,
         "the file is 10.0 MB"),
    # attacks on the parser
    Case("an alias bomb", {"tips.yml": ALIAS_BOMB}, "tips.yml", 1, "YAML anchors (&a) are not allowed", built=True),
    Case("an alias without anchor", {"tips.yml": "- *smile\n"}, "tips.yml", 1, "YAML aliases (*smile) are not allowed"),
    Case("a Python object tag", {"program.yml": Replace("name: Northside", "name: !!python/object/apply:os.system [ls]")},
         "program.yml", 3, "YAML tags (tag:yaml.org,2002:python/object/apply:os.system) are not allowed"),
    Case("a custom include tag", {SESSION: Replace("summary: How", "summary: !include other.yml\nx: How")}, SESSION, 4,
         "YAML tags (!include) are not allowed"),
    Case("a binary tag", {"sources.yml": Replace("title: A man", "title: !!binary QSBtYW4=\n  x: A man")},
         "sources.yml", 3, "YAML tags (tag:yaml.org,2002:binary) are not allowed"),
    Case("nesting 5000 levels deep", {SESSION: "title: " + "[" * 5000 + "]" * 5000 + "\n"}, SESSION, 1,
         "nested more than 40 levels deep"),
    Case("a list as a key", {"program.yml": "? [organization, program]\n: both\n"}, "program.yml", 1,
         "a key must be a name"),
    # files in the wrong place or named wrongly
    Case("a session file without a number", {SESSION: None, "sessions/greeting.yml": (MINIMAL_CURRICULUM / SESSION)
                                             .read_text()}, "sessions/greeting.yml", 1, "named with a number"),
    Case("a session file with capitals", {"sessions/02-Phone-Calls.yml": "title: x\n"}, "sessions/02-Phone-Calls.yml", 1,
         "named with a number"),
    Case("a folder named like a session file", {"sessions/02-phone.yml": "<dir>"}, "sessions/02-phone.yml", 1,
         "cannot be read as a file"),
    Case("a language without a word list", {"program.yml": Replace('  version: "test-1"', '  version: "test-1"\n'
                                                                   "  language: ../../etc/passwd")},
         "program.yml", 9, "has no word list"),
]


def make_curriculum(folder: Path, edits: dict) -> Path:
    """A copy of the minimal curriculum with the case's edits applied."""
    shutil.copytree(MINIMAL_CURRICULUM, folder)
    for name, edit in edits.items():
        path = folder / name
        if edit is None:
            path.unlink()
        elif edit == "<dir>":
            path.mkdir()
        elif isinstance(edit, Replace):
            text = path.read_text(encoding="utf-8")
            assert edit.old in text, f"{edit.old!r} is not in the fixture's {name}"
            path.write_text(text.replace(edit.old, edit.new, 1), encoding="utf-8")
        elif isinstance(edit, bytes):
            path.write_bytes(edit)
        else:
            path.write_text(edit, encoding="utf-8")
    return folder


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 30 and len({c.name for c in CASES}) == len(CASES)
    assert sum(c.built for c in CASES) >= 5


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_curriculum_gives_our_message_with_file_and_line(case, tmp_path):
    folder = make_curriculum(tmp_path / "curriculum", case.edits)
    with pytest.raises(CurriculumError) as caught:  # any other exception fails the test with its traceback
        load_handbook(folder)
    report = caught.value.report()
    where = f"{folder / case.file}:{case.line}:"
    assert any(str(p).startswith(where) and case.expected in p.message for p in caught.value.problems), \
        f"expected {where} ... {case.expected!r} in:\n{report}"


BUILT = [c for c in CASES if c.built]


@pytest.mark.parametrize("case", BUILT, ids=[c.name for c in BUILT])
def test_broken_curriculum_fails_the_real_build_cleanly(case, tmp_path):
    folder = make_curriculum(tmp_path / "curriculum", case.edits)
    site = tmp_path / "site"
    result = build(folder, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    assert f"{folder / case.file}:{case.line}:" in output and case.expected in output, output
    assert not (site / "index.html").exists()
