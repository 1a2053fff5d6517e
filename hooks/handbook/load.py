"""Read curriculum files into YAML nodes that remember file, line and column.

Anchors, aliases and tags are refused: a curriculum is plain data that non-programmers
edit, and aliases are how a small file becomes a huge one ("billion laughs").
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent

from .errors import Problem, display_path

MAX_BYTES = 1_000_000
# Explicit tags an author may reasonably write; anything else is a custom tag.
PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")}


class _RefusedSyntax(Exception):
    def __init__(self, mark: yaml.Mark, message: str):
        self.mark = mark
        self.message = message


class _PlainLoader(yaml.SafeLoader):
    """A safe loader whose composer refuses anchors, aliases and custom tags as it meets them."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _RefusedSyntax(event.start_mark, f"YAML aliases (*{event.anchor}) are not allowed; write the value out")
        if getattr(event, "anchor", None):
            raise _RefusedSyntax(event.start_mark, f"YAML anchors (&{event.anchor}) are not allowed; write the value out")
        tag = getattr(event, "tag", None)
        explicit = isinstance(event, CollectionStartEvent) and not event.implicit
        explicit = explicit or (isinstance(event, ScalarEvent) and tag is not None and not any(event.implicit))
        if explicit and tag not in PLAIN_TAGS and tag != "!":
            raise _RefusedSyntax(event.start_mark, f"YAML tags ({tag}) are not allowed; write plain values")
        return super().compose_node(parent, index)

    def compose_mapping_node(self, anchor):
        node = super().compose_mapping_node(anchor)
        seen: dict[str, yaml.Node] = {}
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value in seen:
                first = seen[key.value].start_mark.line + 1
                raise _RefusedSyntax(key.start_mark, f'the key "{key.value}" appears twice (first on line {first})')
            seen[getattr(key, "value", None)] = key
        return node


def load_file(path: Path) -> tuple[yaml.Node | None, list[Problem]]:
    """The file's root node, or the problems that make it unreadable."""
    name = display_path(path)

    def problem(line: int, column: int, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(name, line, column, "", message)]

    size = path.stat().st_size
    if size > MAX_BYTES:
        return problem(1, 1, f"the file is {size / 1_000_000:.1f} MB; a curriculum file may be at most 1 MB")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return problem(line, column, f"the file is not UTF-8 (byte 0x{raw[error.start]:02x}); save it as UTF-8")
    if not text.strip() or all(l.strip().startswith("#") or not l.strip() for l in text.splitlines()):
        return problem(1, 1, "the file is empty")
    loader = _PlainLoader(text)
    loader.name = name
    try:
        return loader.get_single_node(), []
    except _RefusedSyntax as error:
        return problem(error.mark.line + 1, error.mark.column + 1, error.message)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return problem(line, column, f"this is not valid YAML: {error.problem or error.context}")
    except yaml.YAMLError as error:
        return problem(1, 1, f"this is not valid YAML: {error}")
    finally:
        loader.dispose()
