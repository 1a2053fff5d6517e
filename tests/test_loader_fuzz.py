"""Random YAML and random damage to real curricula: the loader gives a handbook or our own error, nothing else.

A handbook that loads must also render: a valid curriculum never crashes the page templates.
CI runs a fixed sequence of examples (derandomized) so a green run stays green; locally each run
explores new ones, and Hypothesis prints how to reproduce any failure it finds.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from handbook import CurriculumError, load_handbook
from handbook.render import render_pages
from support import DEFAULT_CURRICULUM, MINIMAL_CURRICULUM

FUZZ = settings(max_examples=150, deadline=None, derandomize=bool(os.environ.get("CI")),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
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
