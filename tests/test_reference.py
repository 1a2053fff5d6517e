"""guide/fields.md lists every field of the model, so forks can read the contract; it is generated and kept current."""

from __future__ import annotations

import dataclasses
import typing

import markdown

from handbook import model
from handbook.render import reference
from support import ROOT


def _contract_fields(kind, seen=None):
    """Every field name a curriculum file may hold, through nested types."""
    seen = set() if seen is None else seen
    if kind in seen:
        return set()
    seen.add(kind)
    names = set()
    for f in dataclasses.fields(kind):
        if not f.metadata.get("contract", True):
            continue
        names.add(f.name)
        for arg in typing.get_args(typing.get_type_hints(kind)[f.name]) or (typing.get_type_hints(kind)[f.name],):
            for inner in typing.get_args(arg) or (arg,):
                if dataclasses.is_dataclass(inner):
                    names |= _contract_fields(inner, seen)
    return names


def test_the_committed_reference_matches_the_model():
    """Fails when the model changed and `make fields` was not run."""
    assert reference.FIELDS_PAGE == ROOT / "guide" / "fields.md"
    committed = reference.FIELDS_PAGE.read_text(encoding="utf-8")
    assert committed == reference.markdown(), "guide/fields.md is out of date with the model: run `make fields`"


def test_every_field_of_the_model_is_on_the_page():
    html = markdown.markdown(reference.FIELDS_PAGE.read_text(encoding="utf-8"), extensions=["tables"])
    kinds = [k for k, _ in model.TOP_FILES.values()] + [model.Session]
    expected = set()
    for kind in kinds:
        for inner in typing.get_args(kind) or (kind,):
            if dataclasses.is_dataclass(inner):
                expected |= _contract_fields(inner)
    missing = [name for name in expected if f"{name}</code>" not in html]
    assert missing == []
    for path in ("agenda[].scenario.roles[].hidden", "previous_versions[].hash", "organization.primary_color"):
        assert f"<code>{path}</code>" in html
    assert "whole number (≥ 1, ≤ 60)" in html  # program.group_size, with its limits
