"""What the form editor saves, rewritten as an author would write it.

Decap CMS writes YAML of its own: keys in the order the form fills them, empty optional fields,
long lines folded. Before a save reaches the disk the local server passes it through here: keys in
the model's order, empty optional fields dropped, multi-line text as `|` blocks, numbers and dates
plain, and the file's opening comments (the `# yaml-language-server: $schema=` line first) kept.
Comments further down a file are not kept: the form has nowhere to show them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import typing
from pathlib import Path
from typing import Any

import yaml

from .. import model, schema
from ..commands.session import ordered_fields
from ..editor import LIST_KEY, inner_kind

MODELINE = "# yaml-language-server: $schema="
_EMPTY = (None, "", [], {})


class _Loader(yaml.SafeLoader):
    """Every scalar but null stays text (the model says what is a number or a date): the editor's YAML 1.2
    writes 13:30 plainly, which YAML 1.1 would read as a number of minutes."""


_Loader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # list items indented under their key, as the curriculum is written

    def ignore_aliases(self, data: Any) -> bool:
        return True


WIDTH = 100


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Several lines as a `|` block; one long line folded (`>-`) at about WIDTH characters."""
    if "\n" in value.strip("\n"):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value.strip("\n") + "\n", style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=">" if len(value) > WIDTH else None)


_Dumper.add_representer(str, _text)


def kind_of(relative: str) -> Any:
    """The model type of a curriculum file, by its path inside the curriculum folder."""
    if relative.startswith(model.SESSIONS_FOLDER + "/"):
        return model.Session
    return model.TOP_FILES[relative][0]


def holds_list(relative: str) -> bool:
    return typing.get_origin(kind_of(relative)) is tuple


def wrap(text: str) -> str:
    """A file that is a list (tips.yml), as the one-key mapping the editor's form expects."""
    return f"{LIST_KEY}:\n" + "".join(f"  {line}" if line.strip() else line for line in text.splitlines(True))


def normalize(raw: str, relative: str, previous: str | None, curriculum: Path) -> str:
    """The editor's YAML for the file at `relative`, written in the curriculum's own style."""
    kind = kind_of(relative)
    data = yaml.load(raw, Loader=_Loader)
    if holds_list(relative):
        data = (data or {}).get(LIST_KEY) or []
    shaped = _mapping(data, kind, ordered_fields(kind)) if kind is model.Session and isinstance(data, dict) \
        else _shape(data, kind)
    body = yaml.dump(shaped, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=WIDTH)
    if holds_list(relative):  # an empty line between the items of tips.yml and its like
        body = body.replace("\n- ", "\n\n- ")
    return _head(previous, relative, curriculum) + body


def _head(previous: str | None, relative: str, curriculum: Path) -> str:
    """The comment lines a file opens with; for a new file, the line naming its schema."""
    if previous:
        lines = []
        for line in previous.splitlines():
            if not line.startswith("#"):
                break
            lines.append(line + "\n")
        if lines:
            return "".join(lines)
    name = schema.SESSION_SCHEMA if kind_of(relative) is model.Session else schema.schema_name(relative)
    folder = (curriculum / relative).parent
    target = Path(os.path.relpath(schema.SCHEMA_FOLDER / name, folder.resolve())).as_posix()
    return f"{MODELINE}{target}\n"


def _shape(value: Any, kind: Any) -> Any:
    """The value with the model's key order and types; what the model does not know is left as it is."""
    kind = inner_kind(kind)
    if dataclasses.is_dataclass(kind) and isinstance(value, dict):
        return _mapping(value, kind)
    if typing.get_origin(kind) is tuple and isinstance(value, list):
        item = typing.get_args(kind)[0]
        return [_shape(v, item) for v in value]
    if typing.get_origin(kind) is dict and isinstance(value, dict):
        return {k: v for k, v in value.items() if v not in _EMPTY}
    if kind is int and isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    if kind is dt.date and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _mapping(value: dict[str, Any], kind: type, order: list[dataclasses.Field] | None = None) -> dict[str, Any]:
    """Keys in the model's order (for a session file `order`: its agenda last, as `make session` writes it)."""
    hints = typing.get_type_hints(kind)
    shaped = {}
    for f in order or dataclasses.fields(kind):
        if f.name not in value:
            continue
        item = _shape(value[f.name], hints[f.name])
        if _blank(item) and f.default is not dataclasses.MISSING:
            continue  # an optional field (or block, like a scenario) left empty in the form
        shaped[f.name] = item
    known = {f.name for f in dataclasses.fields(kind)}
    return shaped | {k: v for k, v in value.items() if k not in known}


def _blank(value: Any) -> bool:
    if isinstance(value, dict):
        return all(_blank(v) for v in value.values())
    return value in _EMPTY


