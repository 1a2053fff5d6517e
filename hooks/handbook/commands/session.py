"""`python -m handbook.commands.session FOLDER NAME` (`make session NAME=...`): start a new session file.

The file gets the next number and every field of a session, each with its description, so an
author sees what is possible without reading the docs. It is written from the model, like the
schema, so a new field shows up here by itself. `make check` fails until the title is filled in
and the example text (curriculum/starters.py) is replaced.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
import typing
from pathlib import Path
from typing import Any, Literal

from .. import schema
from ..curriculum import starters
from ..model import SESSION_FILE
from ..fields import SLUG_PATTERN
from ..model import Session

DURATION = 60
# Starting values of the required fields (YAML text), by field path; "[]" marks a list item.
STARTERS = {
    "title": '""',
    "duration": str(DURATION),
    "summary": "|\n  " + starters.SUMMARY,
    "objectives": "\n  - " + starters.OBJECTIVE,
    "agenda[].title": "Talk",
    "agenda[].minutes": str(DURATION),
    "agenda[].kind": "lecture",
}


class ScaffoldError(Exception):
    pass


def next_path(folder: Path, name: str) -> Path:
    """sessions/NN-name.yml, numbered after the last session."""
    if not re.match(SLUG_PATTERN, name):
        raise ScaffoldError(f'"{name}" cannot be a session name: use lowercase letters, digits and hyphens, '
                            'like "phone-calls"')
    sessions = folder / "sessions"
    matches = [m for p in sessions.glob("*.yml") if (m := SESSION_FILE.match(p.name))]
    for m in matches:
        if m.group(2) == name:
            raise ScaffoldError(f"there is already a session called {name}: {sessions / m.group(0)}")
    number = max((int(m.group(1)) for m in matches), default=0) + 1
    width = max([2, *(len(m.group(1)) for m in matches)])
    return sessions / f"{number:0{width}d}-{name}.yml"


def session_text(path: Path) -> str:
    schema_file = schema.SCHEMA_FOLDER / schema.SESSION_SCHEMA
    relative = Path(os.path.relpath(schema_file, path.parent)).as_posix()
    head = [
        f"# yaml-language-server: $schema={relative}",
        "# A new session. Fill in the title and replace the example text: `make check` fails until you do.",
        "# Then fill in or delete the optional fields.",
        "",
    ]
    return "\n".join(head + _fields(Session, "", "")) + "\n"


def _fields(kind: type, prefix: str, pad: str, first: str = "", inline: bool = False) -> list[str]:
    """The YAML lines of a mapping's fields, each with its description: on the line before it,
    or after it when `inline`. `first` prefixes the first key (the "- " of a list item)."""
    hints = typing.get_type_hints(kind)
    ordered = ordered_fields(kind)
    lines: list[str] = []
    for i, f in enumerate(ordered):
        lead = first if i == 0 else " " * len(first)
        value = _value(f.name, hints[f.name], f.metadata, prefix + f.name, pad, lead, inline)
        if inline:
            value[0] += f"  # {_comment(f, hints[f.name])}"
        else:
            lines.append(f"{pad}{'' if i == 0 else lead}# {_comment(f, hints[f.name])}")
        lines += value
    return lines


def ordered_fields(kind: type) -> list[dataclasses.Field]:
    """A mapping's fields in the order its file is written: the model's, with lists of mappings (the agenda)
    last, since they are long."""
    hints = typing.get_type_hints(kind)
    contract = [f for f in dataclasses.fields(kind) if f.metadata.get("contract", True)]
    return sorted(contract, key=lambda f: _item_kind(hints[f.name]) is not None)


def _value(name: str, kind: Any, spec: typing.Mapping[str, Any], path: str, pad: str, lead: str,
           inline: bool) -> list[str]:
    key = f"{pad}{lead}{name}:"
    inner = pad + " " * len(lead)
    if path in STARTERS and not inline:
        starter = STARTERS[path].replace("\n", "\n" + inner)
        return [key + starter if starter.startswith("\n") else f"{key} {starter}"]
    item = _item_kind(kind)
    if item is not None:  # as many items as the list needs at least
        one = _fields(item, f"{path}[].", inner + "  ", "- ", inline)
        return [key, *one * max(1, spec.get("min_items") or 0)]
    optional = _optional_kind(kind)
    if dataclasses.is_dataclass(optional) and not inline:
        # an optional mapping starts empty; its fields follow, commented out, ready to fill in
        example = _fields(optional, f"{path}.", "", inline=True)
        return [key, f"{inner}  # to fill it in, remove the \"# \" in front of these lines",
                *(f"{inner}  # {line}" for line in example)]
    if dataclasses.is_dataclass(optional):
        return [key, *_fields(optional, f"{path}.", inner + "  ", inline=True)]
    return [f"{key} []" if typing.get_origin(kind) is tuple else key]


def _comment(f: dataclasses.Field, kind: Any) -> str:
    notes = []
    if f.default is dataclasses.MISSING:
        notes.append("required")
    choices = typing.get_args(_optional_kind(kind)) if typing.get_origin(_optional_kind(kind)) is Literal else ()
    if choices:
        notes.append("one of: " + ", ".join(choices))
    return f.metadata["doc"] + (f" ({'; '.join(notes)})" if notes else "")


def _optional_kind(kind: Any) -> Any:
    args = [a for a in typing.get_args(kind) if a is not type(None)]
    return args[0] if type(None) in typing.get_args(kind) else kind


def _item_kind(kind: Any) -> type | None:
    if typing.get_origin(kind) is tuple and dataclasses.is_dataclass(typing.get_args(kind)[0]):
        return typing.get_args(kind)[0]
    return None


def create(folder: Path, name: str) -> Path:
    if not (folder / "sessions").is_dir():
        raise ScaffoldError(f"{folder} has no sessions/ folder; is it a curriculum folder?")
    path = next_path(folder, name)
    path.write_text(session_text(path), encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[1]:
        print("usage: make session NAME=phone-calls  (or: python -m handbook.commands.session FOLDER NAME)", file=sys.stderr)
        return 2
    try:
        path = create(Path(argv[0]), argv[1])
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"created {path}: fill in its title, replace the example text, then run `make check`")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
