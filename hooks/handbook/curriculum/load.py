"""Read curriculum files into YAML nodes that remember file, line and column.

Anchors, aliases and tags are refused: a curriculum is plain data that non-programmers
edit, and aliases are how a small file becomes a huge one ("billion laughs").
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.resolver import Resolver

from ..problems import Problem, display_path

MAX_BYTES = 1_000_000
# A curriculum nests about six levels; far deeper is a mistake, or an attempt to exhaust the parser's stack.
MAX_DEPTH = 40
# Characters no curriculum text needs: C0 controls but tab and newline, DEL, C1 controls, surrogates
_REFUSED_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# Explicit tags an author may reasonably write; anything else is a custom tag.
PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")}


class _RefusedSyntax(Exception):
    def __init__(self, mark: yaml.Mark, message: str):
        self.mark = mark
        self.message = message


class _PlainComposer(Composer):
    """A composer that refuses anchors, aliases, custom tags and deep nesting as it meets them."""

    _depth = 0

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
        if self._depth >= MAX_DEPTH:
            raise _RefusedSyntax(event.start_mark, f"the data is nested more than {MAX_DEPTH} levels deep")
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_mapping_node(self, anchor):
        node = super().compose_mapping_node(anchor)
        seen: dict[str, yaml.Node] = {}
        for key, _ in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise _RefusedSyntax(key.start_mark, "a key must be a name, not a list or a mapping")
            if key.value in seen:
                first = seen[key.value].start_mark.line + 1
                raise _RefusedSyntax(key.start_mark, f'the key "{key.value}" appears twice (first on line {first})')
            seen[key.value] = key
        return node


class _PlainLoader(_PlainComposer, yaml.SafeLoader):
    """The pure-Python parser: its messages are the ones authors are shown."""


try:
    from yaml.cyaml import CParser
except ImportError:  # PyYAML built without libyaml
    _FastLoader = None
else:
    class _FastLoader(_PlainComposer, CParser, SafeConstructor, Resolver):
        """libyaml's parser under the same composer: about ten times faster on files that are fine."""

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)


def load_file(path: Path) -> tuple[yaml.Node | None, list[Problem]]:
    """The file's root node, or the problems that make it unreadable."""
    name = display_path(path)

    def problem(line: int, column: int, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(name, line, column, "", message)]

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return problem(1, 1, f"the file is {size / 1_000_000:.1f} MB; a curriculum file may be at most 1 MB")
        raw = path.read_bytes()
    except OSError as error:  # a folder named like a file, a broken link, no permission
        return problem(1, 1, f"this cannot be read as a file ({error.strerror})")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return problem(*_line_column(raw, error.start),
                       f"the file is not UTF-8 (byte 0x{raw[error.start]:02x}); save it as UTF-8")
    if not text.strip() or all(l.strip().startswith("#") or not l.strip() for l in text.splitlines()):
        return problem(1, 1, "the file is empty")
    node = _parse_fast(text)
    if node is not None:
        return node, _refuse_characters(node, name)
    try:
        loader = _PlainLoader(text)
    except yaml.reader.ReaderError as error:  # control characters such as NUL, which YAML forbids
        return problem(*_line_column(text, error.position),
                       f"the file contains a character YAML does not allow (#x{error.character:04x}); remove it")
    loader.name = name
    try:
        node = loader.get_single_node()
        return node, _refuse_characters(node, name)
    except _RefusedSyntax as error:
        return problem(error.mark.line + 1, error.mark.column + 1, error.message)
    except yaml.MarkedYAMLError as error:
        return problem(*_syntax_error(error))
    except yaml.YAMLError as error:
        return problem(1, 1, f"this is not valid YAML: {error}")
    finally:
        loader.dispose()


def _refuse_characters(root: yaml.Node, name: str) -> list[Problem]:
    """A problem for each text holding a control character or a lone surrogate (YAML escapes like "\\0",
    "\\e" or "\\uD800" write them), which is then blanked out so nothing after this meets it."""
    problems = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif _REFUSED_CHARACTER.search(node.value):
            mark = node.start_mark
            problems.append(Problem(name, mark.line + 1, mark.column + 1, "", _character_message(node.value)))
            node.value = _REFUSED_CHARACTER.sub("\ufffd", node.value)
        elif _DIRECTION_CONTROL.search(node.value) and (unclosed := _unclosed_direction(node.value)):
            mark = node.start_mark
            problems.append(Problem(name, mark.line + 1, mark.column + 1, "", _direction_message(unclosed)))
            node.value = _DIRECTION_CONTROL.sub("", node.value)
    return problems


# Embeddings and overrides (closed by U+202C) and isolates (closed by U+2069): one left open reverses or
# reorders all the text after it, in a heading, a tab's title or the nav
_DIRECTION_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
_EMBEDDINGS, _ISOLATES = "\u202a\u202b\u202d\u202e", "\u2066\u2067\u2068"
_DIRECTION_NAMES = {"\u202a": "left-to-right embedding", "\u202b": "right-to-left embedding",
                    "\u202d": "left-to-right override", "\u202e": "right-to-left override",
                    "\u2066": "left-to-right isolate", "\u2067": "right-to-left isolate", "\u2068": "first-strong isolate"}


def _unclosed_direction(text: str) -> str | None:
    """The first direction control left open at the end of its line (as Unicode's bidi algorithm pairs them)."""
    for line in re.split("[\n\r\u2028\u2029\x1c-\x1e\x85]", text):
        opened: list[str] = []
        for character in _DIRECTION_CONTROL.findall(line):
            if character in _EMBEDDINGS or character in _ISOLATES:
                opened.append(character)
            elif character == "\u202c" and opened and opened[-1] in _EMBEDDINGS:
                opened.pop()
            elif character == "\u2069" and any(c in _ISOLATES for c in opened):
                while opened.pop() not in _ISOLATES:  # an isolate's end also ends the embeddings inside it
                    pass
        if opened:
            return opened[0]
    return None


def _direction_message(control: str) -> str:
    closer = "U+202C" if control in _EMBEDDINGS else "U+2069"
    return (f"this text has a {_DIRECTION_NAMES[control]} (U+{ord(control):04X}) that is not closed ({closer}) on "
            f"its line, so it would reverse the text after it on every page; remove it")


def _character_message(text: str) -> str:
    found = _REFUSED_CHARACTER.search(text).group()
    pair = re.search("[\ud800-\udbff][\udc00-\udfff]", text)
    if pair:  # "\uD83D\uDE00": a character beyond U+FFFF written as UTF-16 halves
        whole = pair.group().encode("utf-16", "surrogatepass").decode("utf-16")
        return (f"this text has a character written as two halves (\\u{ord(pair.group()[0]):04X}\\u"
                f"{ord(pair.group()[1]):04X}); write the character itself, or \\U{ord(whole):08X}")
    if "\ud800" <= found <= "\udfff":
        return (f"this text has half of a character (\\u{ord(found):04X}, a lone surrogate), which is not text; "
                f"remove it")
    return f"this text has an invisible control character (U+{ord(found):04X}); remove it"


def _parse_fast(text: str) -> yaml.Node | None:
    """The file's root node by libyaml; None if libyaml is missing or finds any problem, which
    the pure-Python parser then finds again and words the way authors are shown it."""
    if _FastLoader is None:
        return None
    loader = _FastLoader(text)
    try:
        return loader.get_single_node()
    except (yaml.YAMLError, _RefusedSyntax):
        return None
    finally:
        loader.dispose()


def _line_column(data: str | bytes, offset: int) -> tuple[int, int]:
    newline = b"\n" if isinstance(data, bytes) else "\n"
    line_start = data.rfind(newline, 0, offset) + 1
    return data.count(newline, 0, offset) + 1, offset - line_start + 1


def _syntax_error(error: yaml.MarkedYAMLError) -> tuple[int, int, str]:
    """Where PyYAML stopped, and where the construct it was reading began when that is elsewhere."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = f"this is not valid YAML: {error.problem or error.context}"
    start = error.context_mark
    if error.context and start and (start.line + 1, start.column + 1) != (line, column):
        message += f" ({error.context} that starts at line {start.line + 1}, column {start.column + 1})"
    return line, column, message
