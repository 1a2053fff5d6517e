"""Turn YAML nodes into model objects, collecting every problem with its position.

The rules come from the model's type hints and field specs (see fields.py), so adding a
field to the model is all it takes to read, check and document it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import re
import types
import typing
from typing import Any, Literal

import yaml

from ..problems import Problem, Severity
from . import markdown_rules
from ..fields import (FIRST_YEAR, LAST_YEAR, PATTERNS, Markdown, max_length, one_line)

INVALID = object()  # a value that could not be read; its problem is already recorded
PARTIAL = "_handbook_partial"  # marks a value read only in part (a field error inside it): see partial()


class PartialTuple(tuple):
    """A list whose items that could not be read are left out."""
    _handbook_partial = True


class PartialDict(dict):
    """A mapping whose entries that could not be read are left out."""
    _handbook_partial = True


def partial(value: Any) -> bool:
    """Whether a value is only part of what was written: a field error inside it is already recorded. The rest is
    still there for the rules (references, links, ...): a partial model object has its unread fields unset (reading
    one raises AttributeError), a partial list or mapping lacks the items that could not be read."""
    return value is INVALID or getattr(value, PARTIAL, False) is True
_NULL = "tag:yaml.org,2002:null"
_INT = "tag:yaml.org,2002:int"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_PATTERNS = PATTERNS


class Reader:
    """Reads one file's nodes into model objects; remembers where each field path was."""

    def __init__(self, file: str, source: str | None = None):
        self.file = file
        self.source = source  # the file's text, to point into a field's value
        self.problems: list[Problem] = []
        self.marks: dict[str, tuple[int, int]] = {}
        self.links: list[Link] = []  # link targets in text fields, for the rules to resolve

    def read(self, node: yaml.Node, kind: Any, path: str = "") -> Any:
        self.marks.setdefault(path, _position(node))
        origin = typing.get_origin(kind)
        if origin in (typing.Union, types.UnionType):
            inner = next(a for a in typing.get_args(kind) if a is not type(None))
            return None if _is_null(node) else self.read(node, inner, path)
        if dataclasses.is_dataclass(kind):
            return self._mapping(node, kind, path)
        if origin is tuple:
            return self._sequence(node, typing.get_args(kind)[0], path)
        if origin is dict:
            return self._text_mapping(node, path)
        if origin is Literal:
            return self._choice(node, typing.get_args(kind), path)
        if kind is int:
            return self._int(node, path)
        if kind is dt.date:
            return self._date(node, path)
        return self._text(node, kind, path)

    def at(self, path: str, message: str, severity: Severity = "error") -> None:
        """Record a problem at a field path this reader has seen (or the nearest parent)."""
        key = path
        while key not in self.marks and key:
            key = re.sub(r"(\.[^.\[]+|\[\d+\])$", "", key)
        line, column = self.marks.get(key, (1, 1))
        self.problems.append(Problem(self.file, line, column, path, message, severity))

    def at_position(self, line: int, column: int, path: str, message: str) -> None:
        self.problems.append(Problem(self.file, line, column, path, message))

    def _problem(self, node: yaml.Node, path: str, message: str) -> object:
        mark = node.start_mark
        self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, path, message))
        return INVALID

    def _expected(self, node: yaml.Node, path: str, expected: str) -> object:
        return self._problem(node, path, f"expected {expected}, found {describe(node)}")

    def _mapping(self, node: yaml.Node, kind: type, path: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return self._expected(node, path, f"a mapping of fields ({', '.join(_yaml_fields(kind))})")
        fields, hints = _contract(kind)
        values: dict[str, Any] = {}
        misspelt: set[str] = set()  # known keys an unknown key was probably meant to be
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = f"{path}.{key}" if path else key
            if key not in fields:
                self._problem(key_node, child, unknown_key(key, fields))
                misspelt.update(nearest(key, fields))
                continue
            # a list or mapping is pointed at by its key; a plain value by the value itself
            collection = isinstance(value_node, (yaml.MappingNode, yaml.SequenceNode))
            self.marks[child] = _position(key_node if collection else value_node)
            values[key] = self.read(value_node, hints[key], child)
            self._limits(fields[key].metadata, values[key], child)
            self._lengths(max_length(hints[key], fields[key].metadata), values[key], child)
            if one_line(hints[key], fields[key].metadata):
                self._one_line(values[key], child)
        for name, f in fields.items():
            if name not in values and f.default is dataclasses.MISSING:
                values[name] = INVALID
                if name in misspelt:
                    continue  # the unknown-key message already names it
                child = f"{path}.{name}" if path else name
                self._problem(node, child, f"the required field \"{name}\" is missing ({f.metadata['doc']})")
        if any(partial(v) for v in values.values()):
            return _salvaged(kind, values)
        return kind(**values)

    def _limits(self, rules: typing.Mapping[str, Any], value: Any, path: str) -> None:
        if isinstance(value, int):
            if rules.get("minimum") is not None and value < rules["minimum"]:
                self.at(path, f"must be at least {rules['minimum']}, found {value}")
            if rules.get("maximum") is not None and value > rules["maximum"]:
                self.at(path, f"must be at most {rules['maximum']}, found {value}")
        needed = rules.get("min_items")
        if isinstance(value, tuple) and not partial(value) and needed and len(value) < needed:
            self.at(path, f"needs at least {needed} item{'s' if needed > 1 else ''}, found {len(value)}")
        most = rules.get("max_items")
        if isinstance(value, tuple) and most is not None and len(value) > most:
            self.at(f"{path}[{most}]", f"this list has {len(value):,} items; it may have at most {most:,}, "
                                       f"so split it or shorten it")

    def _lengths(self, limit: int | None, value: Any, path: str) -> None:
        """Each text of a field (a text, or the texts of a list or mapping) within the field's limit."""
        if isinstance(value, str):
            texts = [(path, value)]
        elif isinstance(value, tuple):
            texts = [(f"{path}[{i}]", v) for i, v in enumerate(value) if isinstance(v, str)]
        elif isinstance(value, dict):
            texts = [(f"{path}.{k}", v) for k, v in value.items() if isinstance(v, str)]
        else:
            texts = []
        for where, text in texts:
            if limit is not None and len(text) > limit:
                self.at(where, f"this is {len(text)} characters long; it may have at most {limit}, so shorten it")

    def _one_line(self, value: Any, path: str) -> None:
        """A title, name or label is one line: it goes into headings, tabs, and calendar entries."""
        texts = [(path, value)] if isinstance(value, str) else \
            [(f"{path}[{i}]", v) for i, v in enumerate(value)] if isinstance(value, tuple) else []
        for where, text in texts:
            if isinstance(text, str) and re.search("[\n\r\u2028\u2029]", text):
                self.at(where, "this text has a line break; a title or name is one line, so write it on one line")

    def _sequence(self, node: yaml.Node, item: Any, path: str) -> Any:
        if not isinstance(node, yaml.SequenceNode):
            return self._expected(node, path, "a list (lines starting with \"- \")")
        items = tuple(self.read(n, item, f"{path}[{i}]") for i, n in enumerate(node.value))
        if any(partial(i) for i in items):
            return PartialTuple(i for i in items if i is not INVALID)
        return items

    def _text_mapping(self, node: yaml.Node, path: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return self._expected(node, path, "a mapping of names to text")
        for key, _ in node.value:
            self.marks[f"{path}.{key.value}"] = _position(key)
        result = {str(k.value): self._text(v, str, f"{path}.{k.value}") for k, v in node.value}
        if INVALID in result.values():
            return PartialDict((k, v) for k, v in result.items() if v is not INVALID)
        return result

    def _choice(self, node: yaml.Node, choices: tuple[str, ...], path: str) -> Any:
        value = node.value if isinstance(node, yaml.ScalarNode) else None
        if value in choices:
            return value
        message = f"expected one of {', '.join(choices)}; found {describe(node)}"
        close = difflib.get_close_matches(str(value), choices, n=1) if value else []
        return self._problem(node, path, message + (f'; did you mean "{close[0]}"?' if close else ""))

    def _int(self, node: yaml.Node, path: str) -> Any:
        if not (isinstance(node, yaml.ScalarNode) and node.tag == _INT):
            return self._expected(node, path, "a whole number")
        if len(node.value) > 18:
            return self._problem(node, path, f"this number has {len(node.value)} digits; no count here needs so many")
        try:
            return int(yaml.SafeLoader.construct_yaml_int(_CONSTRUCTOR, node))
        except ValueError:  # an explicit `!!int` on something that is not one, like `!!int 08`
            return self._expected(node, path, "a whole number")

    def _date(self, node: yaml.Node, path: str) -> Any:
        if isinstance(node, yaml.ScalarNode) and node.tag in (_TIMESTAMP, "tag:yaml.org,2002:str"):
            try:
                day = dt.date.fromisoformat(node.value.strip()[:10])
                if not FIRST_YEAR <= day.year <= LAST_YEAR:
                    return self._problem(node, path, f'"{node.value.strip()}" is outside the years {FIRST_YEAR}–'
                                                     f"{LAST_YEAR}; write the date with its four-digit year")
                return day
            except ValueError:
                if re.match(r"^\d{4}-\d{2}-\d{2}$", node.value.strip()):
                    return self._problem(node, path, f'"{node.value.strip()}" is not a day of the calendar')
        return self._expected(node, path, "a date like 2026-10-15")

    def _text(self, node: yaml.Node, kind: Any, path: str) -> Any:
        if not isinstance(node, yaml.ScalarNode) or node.tag == _NULL:
            return self._expected(node, path, "text")
        value = node.value.strip() if kind is not Markdown else node.value
        if not value.strip():
            return self._problem(node, path, "must not be empty")
        if kind in _PATTERNS and not re.match(_PATTERNS[kind][0], value):
            return self._expected(node, path, _PATTERNS[kind][1])
        if kind not in _PATTERNS:
            self._markup(node, value, path)
        return value

    def _markup(self, node: yaml.ScalarNode, value: str, path: str) -> None:
        """Refuse what the safe Markdown subset leaves out; keep links for the rules to resolve."""
        for finding in markdown_rules.check(value):
            line, column = self._within(node, value, finding)
            if finding.message:
                self.at_position(line, column, path, finding.message)
            else:
                self.links.append(Link(path, line, column, finding.target))

    def _within(self, node: yaml.ScalarNode, value: str, finding: markdown_rules.Finding) -> tuple[int, int]:
        """Where a finding is in the file: its n-th occurrence in the value's source, else the value's start."""
        start, end = node.start_mark.index, node.end_mark.index
        if self.source is None or end > len(self.source):
            return _position(node)
        nth = value.count(finding.snippet, 0, finding.offset)
        index = start - 1
        for _ in range(nth + 1):
            index = self.source.find(finding.snippet, index + 1, end)
            if index < 0:
                return _position(node)
        line_start = self.source.rfind("\n", 0, index) + 1
        return self.source.count("\n", 0, index) + 1, index - line_start + 1


_CONSTRUCTOR = yaml.SafeLoader("")


def _salvaged(kind: type, values: dict[str, Any]) -> Any:
    """A model object of what could be read: its other fields unset, marked partial (no __init__, so no check of
    its own runs on the missing parts)."""
    obj = object.__new__(kind)
    for f in dataclasses.fields(kind):
        value = values.get(f.name, INVALID)
        if value is INVALID and f.name not in values:
            if f.default is not dataclasses.MISSING:
                value = f.default
            elif f.default_factory is not dataclasses.MISSING:
                value = f.default_factory()
        if value is not INVALID:
            object.__setattr__(obj, f.name, value)
    object.__setattr__(obj, PARTIAL, True)
    return obj


def known(value: Any, *names: str) -> Any:
    """value.name1.name2..., or None where a partial value (see partial()) lacks one of them."""
    for name in names:
        value = getattr(value, name, None)
    return value


@dataclasses.dataclass(frozen=True)
class Link:
    """A link target written in a text field, and where."""
    path: str
    line: int
    column: int
    target: str


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL and node.value in ("", "~", "null", "Null", "NULL")


@functools.cache
def _contract(kind: type) -> tuple[dict[str, dataclasses.Field], dict[str, Any]]:
    """A model class's fields read from YAML, and their types (evaluating these is slow: once per class)."""
    fields = {f.name: f for f in dataclasses.fields(kind) if f.metadata.get("contract", True)}
    return fields, typing.get_type_hints(kind)


def _yaml_fields(kind: type) -> list[str]:
    return [f.name for f in dataclasses.fields(kind) if f.metadata.get("contract", True)]


def nearest(key: str, known: typing.Iterable[str]) -> list[str]:
    return difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)


def unknown_key(key: str, known: typing.Iterable[str]) -> str:
    close = nearest(key, known)
    hint = f'; did you mean "{close[0]}"?' if close else f"; known keys are: {', '.join(known)}"
    return f'unknown key {_quoted(key)}{hint}'


def describe(node: yaml.Node) -> str:
    """What the author wrote, in words."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == _NULL:
        return "nothing"
    return _quoted(node.value)


def _quoted(text: str) -> str:
    """What the author wrote, quoted, cut short when long."""
    return f'"{text}"' if len(text) <= 40 else f'"{text[:37]}..."'
