"""Random YAML and random damage to real curricula: the loader gives a handbook or our own error, nothing else.

A handbook that loads must also render: a valid curriculum never crashes the page templates. A few
examples drive the whole strict build of both editions, YAML escapes such as "\\uD800", "\\0" and "\\e"
among them: it builds or names file, line and column, never prints a traceback, never writes a page.
The number of examples and whether they are fixed come from the Hypothesis profile (tests/conftest.py):
a fixed sequence by default, many new ones with `--hypothesis-profile=deep`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import event, given, settings
from hypothesis import strategies as st

from handbook import CurriculumError, load_handbook
from handbook.render import render_pages
from handbook.settings import EDITIONS
from support import DEFAULT_CURRICULUM, MINIMAL_CURRICULUM, build

FUZZ = settings()  # the profile's
CURRICULA = [MINIMAL_CURRICULUM, DEFAULT_CURRICULUM]
FILES = ["program.yml", "agreement.yml", "tips.yml", "definitions.yml", "sources.yml", "sessions/01-x.yml"]

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
                    st.dates(min_value=dt.date(1900, 1, 1)), st.sampled_from(["09:00", "role-play", "#1f5f8b", "en", "a4"]))
YAML_TOKENS = st.sampled_from([*":-[]{}#&*!|>'\"\n\t %@`,?", "  ", "- ", ": ", "\n  ", "\n- ", "!!", "&a", "*a"])
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=20)


def outcome(folder: Path) -> str:
    """Load (and, when valid, render) a curriculum; any exception but CurriculumError fails the test."""
    try:
        handbook, _ = load_handbook(folder, dt.date(2026, 10, 27))
    except CurriculumError as error:
        assert error.problems, "a CurriculumError must name at least one problem"
        return "invalid"
    render_pages(handbook)
    return "valid"


def with_file(source: Path, name: str, content: str | bytes) -> str:
    """The outcome of a copy of `source` with one file's content replaced."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "curriculum"
        shutil.copytree(source, folder)
        path = folder / name
        if name.startswith("sessions/") and not path.exists():
            shutil.rmtree(folder / "sessions")
            path.parent.mkdir()
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
        return outcome(folder)


def _paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in a YAML document, as a path of keys and indexes."""
    found = [prefix]
    children = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, child in children:
        found += _paths(child, (*prefix, key))
    return found


def _mutate(data: Any, path: tuple, how: str, junk: Any) -> Any:
    if not path:
        return junk if how != "delete" else None
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    key = path[-1]
    if how == "delete":
        del parent[key]
    elif how == "replace":
        parent[key] = junk
    elif how == "insert" and isinstance(parent, dict):
        parent[str(junk)[:20] or "x"] = junk
    elif how == "insert":
        parent.insert(key, junk)
    elif how == "stringify":
        parent[key] = str(parent[key])
    elif how == "wrap":
        parent[key] = [parent[key]]
    return data


@FUZZ
@given(source=st.sampled_from(CURRICULA), name=st.sampled_from(FILES), document=values)
def test_random_yaml_documents(source, name, document):
    event(with_file(source, name, yaml.safe_dump(document, allow_unicode=True)))


@FUZZ
@given(source=st.sampled_from(CURRICULA), name=st.sampled_from(FILES),
       content=st.text(max_size=300) | st.binary(max_size=300))
def test_random_text_and_bytes(source, name, content):
    event(with_file(source, name, content))


@FUZZ
@given(source=st.sampled_from(CURRICULA), data=st.data())
def test_mutations_of_real_curricula(source, data):
    files = sorted(p.relative_to(source).as_posix() for p in source.rglob("*.yml"))
    name = data.draw(st.sampled_from(files), label="file")
    document = yaml.safe_load((source / name).read_text(encoding="utf-8"))
    path = data.draw(st.sampled_from(_paths(document)), label="path")
    how = data.draw(st.sampled_from(["delete", "replace", "insert", "stringify", "wrap"]), label="mutation")
    junk = data.draw(values, label="junk")
    mutated = _mutate(document, path, how, junk)
    text = yaml.safe_dump(mutated, allow_unicode=True, sort_keys=False)
    event(with_file(source, name, text))


@FUZZ
@given(source=st.sampled_from(CURRICULA), data=st.data())
def test_text_damage_to_real_curricula(source, data):
    files = sorted(p.relative_to(source).as_posix() for p in source.rglob("*.yml"))
    name = data.draw(st.sampled_from(files), label="file")
    text = (source / name).read_text(encoding="utf-8")
    start = data.draw(st.integers(0, len(text)), label="start")
    end = data.draw(st.integers(start, min(len(text), start + 40)), label="end")
    insert = data.draw(st.lists(YAML_TOKENS | st.text(max_size=3), max_size=6).map("".join), label="insert")
    event(with_file(source, name, text[:start] + insert + text[end:]))


# -- the whole strict build --------------------------------------------------------------

BUILDS = settings(max_examples=max(4, settings.default.max_examples // 25))  # each a build or two
# YAML escapes that write what no curriculum text should hold (and a few harmless ones)
ESCAPES = st.sampled_from(["\\uD800", "\\uDFFF", "\\uD83D\\uDE00", "\\0", "\\e", "\\a", "\\x7f", "\\x85",
                           "\\N", "\\r", "\\t", "\\L", "\\u202E", "\\U0001F600", "\\_", "\\\\", '\\"'])
PLAIN = st.text(st.characters(exclude_categories=("Cs", "Cc"), exclude_characters='"\\'), max_size=8)
QUOTED = st.lists(ESCAPES | PLAIN, min_size=1, max_size=6).map(lambda parts: '"' + "".join(parts) + '"')
# Lines of the minimal curriculum whose value the fuzz replaces: (file, the line's start up to the value)
VALUE_LINES = [("program.yml", "  name: "), ("program.yml", "  title: "), ("program.yml", "  version: "),
               ("sessions/01-greeting.yml", "title: "), ("sessions/01-greeting.yml", "summary: "),
               ("sessions/01-greeting.yml", "  - title: "), ("tips.yml", "  body: "), ("tips.yml", "- id: "),
               ("definitions.yml", "  term: "), ("agreement.yml", "preamble: ")]
# Lines a new field goes after, each with the field's name and indentation
NEW_FIELDS = [("program.yml", "  name: ", "  logo: "), ("sessions/01-greeting.yml", "title: ", "id: "),
              ("program.yml", '  version: "test-1"', "labels:\n  objectives: ")]
WHERE = re.compile(r":\d+:\d+: ")


def make_build(folder: Path) -> str:
    """The strict build of a curriculum's two editions, as `make build` runs them (tests/test_build.py runs
    `make build` itself): "built" or "refused"; a traceback or a page written by a failed build fails the test."""
    outcomes = set()
    for edition in EDITIONS:
        site = folder.parent / f"site-{edition}"
        result = build(folder, site, edition=edition)
        output = result.stdout + result.stderr
        assert "Traceback" not in output, output
        if result.returncode == 0:
            assert (site / "index.html").is_file()
            outcomes.add("built")
            continue
        assert WHERE.search(output), f"the build failed without naming a file, line and column:\n{output}"
        assert not list(site.rglob("*.html")), "a failed build wrote pages"
        outcomes.add("refused")
    assert len(outcomes) == 1, f"one edition built and the other did not: {outcomes}"
    return outcomes.pop()


def replaced_line(folder: Path, name: str, start: str, value: str, insert_as: str | None = None) -> None:
    path = folder / name
    lines = path.read_text(encoding="utf-8").split("\n")
    i = next(i for i, line in enumerate(lines) if line.startswith(start))
    if insert_as is None:
        lines[i] = start + value
    else:
        lines.insert(i + 1, insert_as + value)
    path.write_text("\n".join(lines), encoding="utf-8")


@BUILDS
@given(line=st.sampled_from(VALUE_LINES), value=QUOTED)
def test_yaml_escapes_through_the_strict_build(line, value):
    with tempfile.TemporaryDirectory() as tmp:
        folder = shutil.copytree(MINIMAL_CURRICULUM, Path(tmp) / "curriculum")
        replaced_line(folder, *line, value)
        event(make_build(folder))


@BUILDS
@given(field=st.sampled_from(NEW_FIELDS), value=QUOTED | st.text(max_size=80).map(json.dumps))
def test_new_fields_with_hostile_values_through_the_strict_build(field, value):
    with tempfile.TemporaryDirectory() as tmp:
        folder = shutil.copytree(MINIMAL_CURRICULUM, Path(tmp) / "curriculum")
        name, after, key = field
        replaced_line(folder, name, after, value, insert_as=key)
        event(make_build(folder))


@BUILDS
@given(data=st.data())
def test_mutations_through_the_strict_build(data):
    files = sorted(p.relative_to(MINIMAL_CURRICULUM).as_posix() for p in MINIMAL_CURRICULUM.rglob("*.yml"))
    name = data.draw(st.sampled_from(files), label="file")
    document = yaml.safe_load((MINIMAL_CURRICULUM / name).read_text(encoding="utf-8"))
    path = data.draw(st.sampled_from(_paths(document)), label="path")
    how = data.draw(st.sampled_from(["delete", "replace", "insert", "stringify", "wrap"]), label="mutation")
    junk = data.draw(values | st.text(st.characters(categories=["Cs", "Cc", "Cf", "L", "Zs"]), max_size=12),
                     label="junk")  # surrogates and control characters among letters and spaces
    text = yaml.safe_dump(_mutate(document, path, how, junk), allow_unicode=False, sort_keys=False)  # escapes
    with tempfile.TemporaryDirectory() as tmp:
        folder = shutil.copytree(MINIMAL_CURRICULUM, Path(tmp) / "curriculum")
        (folder / name).write_text(text, encoding="utf-8")
        event(make_build(folder))


def test_the_escapes_the_issue_names_are_refused_by_the_build(tmp_path):
    """Pinned, so a green fuzz run is not luck: "\\uD800", "\\0" and "\\e" in a title each stop the build."""
    for escape in ("\\uD800", "\\0", "\\e"):
        folder = shutil.copytree(MINIMAL_CURRICULUM, tmp_path / escape[1:] / "curriculum")
        replaced_line(folder, "sessions/01-greeting.yml", "title: ", f'"Greeting {escape}"')
        assert make_build(folder) == "refused"
