"""The curriculum fields reference (guide/fields.md): every field of every file, from the JSON Schemas.

The schemas come from the model (schema.py), so this page, the editor hints and validation can
never disagree about a field. It is documentation for whoever maintains a fork, not a page of
either handbook: `make fields` writes it into the repository, and a test fails when it drifts.
"""

from __future__ import annotations

from typing import Any, Iterator

from .. import schema
from ..fields import (CLOCK_PATTERN, COLOR_PATTERN, DIGEST_PATTERN, EMAIL_PATTERN, FIRST_YEAR, KEY_PATTERN, LAST_YEAR,
                      ONE_LINE_PATTERN, PHONE_PATTERN, SLUG_PATTERN)
from ..model import MAX_SESSIONS
from ..settings import PROJECT
from .environment import render

FIELDS_PAGE = PROJECT / "guide" / "fields.md"


def markdown() -> str:
    """The fields reference, as committed in guide/fields.md."""
    files = [(_file_name(name), list(_rows(document, document.get("$defs", {}))))
             for name, document in schema.all_schemas().items()]
    return render("fields.md.j2", files=files, max_sessions=MAX_SESSIONS)


def _file_name(schema_file: str) -> str:
    stem = schema_file.removesuffix(".schema.json")
    return "sessions/NN-name.yml" if schema_file == schema.SESSION_SCHEMA else f"{stem}.yml"


def _rows(node: dict[str, Any], defs: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, str, str, str]]:
    """(field path, what it holds, required or default, meaning) for each field, depth first."""
    node = _resolve(node, defs)
    if node.get("type") == "array":  # a file that is a list, like tips.yml
        yield from _rows(node["items"], defs, prefix + "[]")
        return
    required = set(node.get("required", ()))
    for name, field in node.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        if prefix == "labels":
            continue  # the page words are listed by the locale table, not one by one here
        need = "required" if name in required else _default(field)
        yield path, _kind(field, defs), need, field.get("description", "")
        inner = _inner_object(field, defs)
        if inner is not None:
            yield from _rows(inner, defs, path + ("[]" if _is_list(field, defs) else ""))


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        return defs[node["$ref"].rsplit("/", 1)[1]]
    if "anyOf" in node:
        return _resolve(next(n for n in node["anyOf"] if n.get("type") != "null"), defs)
    return node


def _is_list(field: dict[str, Any], defs: dict[str, Any]) -> bool:
    return _resolve(field, defs).get("type") == "array"


def _inner_object(field: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any] | None:
    node = _resolve(field, defs)
    if node.get("type") == "array":
        node = _resolve(node["items"], defs)
    return node if node.get("type") == "object" and node.get("properties") and "labels" not in node else None


def _kind(field: dict[str, Any], defs: dict[str, Any]) -> str:
    node = _resolve(field, defs)
    if "enum" in node:
        return "one of " + ", ".join(f"`{v}`" for v in node["enum"])
    kind = node.get("type")
    if kind == "array":
        most = f" (≤ {node['maxItems']:,} items)" if "maxItems" in node else ""
        return "list of " + _kind(node["items"], defs) + most
    if kind == "object":
        return "mapping"
    if kind == "integer":
        limits = [f"{word} {node[key]}" for key, word in (("minimum", "≥"), ("maximum", "≤")) if key in node]
        return "whole number" + (f" ({', '.join(limits)})" if limits else "")
    if node.get("format") == "date":
        return f"date (YYYY-MM-DD, {FIRST_YEAR}–{LAST_YEAR})"
    pattern = node.get("pattern", "")
    kind = {SLUG_PATTERN: "id", CLOCK_PATTERN: "time (HH:MM)", COLOR_PATTERN: "colour (#RRGGBB)",
            DIGEST_PATTERN: "SHA-256 hash", ONE_LINE_PATTERN: "one line of text", EMAIL_PATTERN: "email address",
            PHONE_PATTERN: "phone number", KEY_PATTERN: "public key (64 hexadecimal digits)"}.get(pattern, "text")
    return f"{kind} (≤ {node['maxLength']:,} characters)" if "maxLength" in node else kind


def _default(field: dict[str, Any]) -> str:
    if field.get("default") in (None, []):
        return "optional"
    value = field["default"]
    return "default " + (", ".join(map(str, value)) if isinstance(value, list) else str(value))
