"""JSON Schemas of the curriculum files, derived from the model so a field is described once.

Editors read them (through the `yaml-language-server` comment at the top of every curriculum
file) to autocomplete fields and flag mistakes as the author types. The build does not use
them: validate.py reads the same model and reports problems with positions.

`python -m handbook.commands.schema [FOLDER]` writes them to schema/ (`make schema`); a test fails
when the committed files drift from the model.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from pathlib import Path
from typing import Any, Literal

from . import locale, model
from .fields import (CLOCK_PATTERN, COLOR_PATTERN, DATE_PATTERN, DIGEST_PATTERN, EMAIL_PATTERN, KEY_PATTERN, MAX_LENGTH,
                     ONE_LINE_PATTERN, PHONE_PATTERN, SLUG_PATTERN, ClockTime, Color, Digest, Email, Language, Markdown,
                     Phone, PublicKey, Slug, max_length, one_line)
from .model import Session

SCHEMA_FOLDER = Path(__file__).resolve().parents[2] / "schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
_NOT_BLANK = r"\S"
_TEXT: dict[Any, dict[str, Any]] = {
    str: {"type": "string", "pattern": _NOT_BLANK},
    Markdown: {"type": "string", "pattern": _NOT_BLANK},
    Slug: {"type": "string", "pattern": SLUG_PATTERN},
    ClockTime: {"type": "string", "pattern": CLOCK_PATTERN},
    Color: {"type": "string", "pattern": COLOR_PATTERN},
    Digest: {"type": "string", "pattern": DIGEST_PATTERN},
    Email: {"type": "string", "pattern": EMAIL_PATTERN},
    Phone: {"type": "string", "pattern": PHONE_PATTERN},
    PublicKey: {"type": "string", "pattern": KEY_PATTERN},
}


def schema_name(file_name: str) -> str:
    """The schema file for a curriculum file: "program.yml" → "program.schema.json"."""
    return file_name.removesuffix(".yml") + ".schema.json"


SESSION_SCHEMA = "session.schema.json"


def file_kinds() -> dict[str, Any]:
    """Schema file name → the model type one curriculum file holds."""
    kinds = {schema_name(name): kind for name, (kind, _) in model.TOP_FILES.items()}
    return {**kinds, SESSION_SCHEMA: Session}


def schema_for(kind: Any, title: str) -> dict[str, Any]:
    definitions: dict[str, Any] = {}
    builder = _Builder(definitions)
    # a file's own fields sit at the root (editors handle a root $ref less well)
    root = builder.object(kind) if dataclasses.is_dataclass(kind) else builder.of(kind)
    document = {"$schema": DIALECT, "title": title, **root}
    if definitions:
        document["$defs"] = dict(sorted(definitions.items()))
    return document


def all_schemas() -> dict[str, dict[str, Any]]:
    titles = {SESSION_SCHEMA: "A session of the handbook (sessions/NN-name.yml)"}
    return {name: schema_for(kind, titles.get(name, f"{name.removesuffix('.schema.json')}.yml of a handbook"))
            for name, kind in file_kinds().items()}


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


class _Builder:
    """Turns model types into schema fragments; dataclasses go to $defs once each."""

    def __init__(self, definitions: dict[str, Any]):
        self.definitions = definitions

    def of(self, kind: Any) -> dict[str, Any]:
        origin = typing.get_origin(kind)
        if origin in (typing.Union, types.UnionType):
            inner = next(a for a in typing.get_args(kind) if a is not type(None))
            return {"anyOf": [self.of(inner), {"type": "null"}]}
        if dataclasses.is_dataclass(kind):
            return self._reference(kind)
        if origin is tuple:
            return {"type": "array", "items": self.of(typing.get_args(kind)[0])}
        if origin is dict:
            return _labels()
        if origin is Literal:
            return {"enum": list(typing.get_args(kind))}
        if kind is int:
            return {"type": "integer"}
        if kind is Language:
            return {"enum": list(locale.languages())}
        if kind is dt.date:
            return {"type": "string", "format": "date", "pattern": DATE_PATTERN}
        return dict(_TEXT[kind])

    def _reference(self, kind: type) -> dict[str, Any]:
        name = kind.__name__
        if name not in self.definitions:
            self.definitions[name] = {}  # claimed first: a type may contain itself
            self.definitions[name] = self.object(kind)
        return {"$ref": f"#/$defs/{name}"}

    def object(self, kind: type) -> dict[str, Any]:
        hints = typing.get_type_hints(kind)
        properties, required = {}, []
        for f in dataclasses.fields(kind):
            if not f.metadata.get("contract", True):
                continue
            properties[f.name] = self._property(f, hints[f.name])
            if f.default is dataclasses.MISSING:
                required.append(f.name)
        return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}

    def _property(self, f: dataclasses.Field, kind: Any) -> dict[str, Any]:
        rules = f.metadata
        schema = self.of(kind)
        _cap_length(schema, max_length(kind, rules))
        if one_line(kind, rules):
            _strings(schema, pattern=ONE_LINE_PATTERN)
        schema["description"] = rules["doc"]
        for rule, keyword in (("minimum", "minimum"), ("maximum", "maximum"), ("min_items", "minItems"),
                              ("max_items", "maxItems")):
            if rules.get(rule) is not None:
                schema[keyword] = rules[rule]
        if f.default is not dataclasses.MISSING and f.default is not None:
            schema["default"] = list(f.default) if isinstance(f.default, tuple) else f.default
        return schema


def _cap_length(schema: dict[str, Any], limit: int | None) -> None:
    """Put a field's length limit on its texts: the text itself, the optional text, the list's texts."""
    if limit is not None:
        _strings(schema, maxLength=limit)


def _strings(schema: dict[str, Any], **keywords: Any) -> None:
    """Set keywords on a field's texts: the text itself, the optional text, the list's texts."""
    for branch in schema.get("anyOf", ()):
        _strings(branch, **keywords)
    if schema.get("type") == "array":
        _strings(schema["items"], **keywords)
    if schema.get("type") == "string" and "format" not in schema:
        schema.update(keywords)


def _labels() -> dict[str, Any]:
    """`labels:` in program.yml: any of the page words, each with its English default."""
    english = locale.words("en")
    properties = {key: {"type": "string", "pattern": _NOT_BLANK, "maxLength": MAX_LENGTH[str],
                        "description": f'Default: "{english[key]}"'} for key in locale.label_keys()}
    return {"type": "object", "properties": properties, "additionalProperties": False}
