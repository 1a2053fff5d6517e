"""The form editor's configuration (editor/config.yml, Decap CMS format), derived from the model.

Like schema.py and the fields page, it is written from the field descriptions, so the editor's
forms show each field's help text, whether it is required, its choices and its limits exactly as
the build checks them. `python -m handbook.commands.editor` (`make editor`) writes it; a test fails
when the committed file drifts. editing/server.py is the local server `make edit` runs with it.

Paths in it are relative to the curriculum folder: the local server serves that folder.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from typing import Any, Literal

import yaml

from . import locale, model
from .fields import (MAX_LENGTH, PATTERNS, TITLE_LENGTH, Language, Markdown, max_length)
from .settings import PROJECT

EDITOR_FOLDER = PROJECT / "editor"
CONFIG_FILE = EDITOR_FOLDER / "config.yml"
# A file that holds a list (tips.yml) is shown to the editor as a mapping with this one key
LIST_KEY = "items"
LABELS = {"program.yml": "Program", "tips.yml": "Tips", "definitions.yml": "Definitions", "sources.yml": "Sources",
          "agreement.yml": "Agreement", "schedule.yml": "Schedule"}
_PATTERNS = {**PATTERNS, dt.date: (r"^\d{4}-\d{2}-\d{2}$", "a date as YYYY-MM-DD, like 2026-10-15")}
# The Markdown the handbook accepts (curriculum/markdown_rules.py): no raw HTML, no images from elsewhere
MARKDOWN_BUTTONS = ["bold", "italic", "link", "quote", "bulleted-list", "numbered-list"]
HEADER = ("# The form editor's configuration (Decap CMS), generated from the model by `make editor`;\n"
          "# do not edit it by hand: a test fails when it drifts. `make edit` serves it.\n")


def config() -> dict[str, Any]:
    files = [_file_entry(name, kind) for name, (kind, _) in model.TOP_FILES.items()]
    return {
        # The hosted editor on GitHub (guide/editing.md); `make edit` uses the local backend instead
        "backend": {"name": "github", "repo": "OWNER/REPOSITORY", "branch": "main"},
        "local_backend": True,
        "media_folder": "media",
        "publish_mode": "simple",
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": [_sessions(), {"name": "program", "label": "Program files", "editor": {"preview": False},
                                      "files": files}],
    }


def _sessions() -> dict[str, Any]:
    return {"name": "sessions", "label": "Sessions", "label_singular": "Session",
            "folder": model.SESSIONS_FOLDER, "extension": "yml", "format": "yml", "create": True,
            # the local server numbers a new file after the last session, as `make session` does
            "slug": "{{slug}}", "identifier_field": "title", "summary": "{{title}}",
            "sortable_fields": ["title"], "editor": {"preview": False},
            "fields": _fields(model.Session)}


def _file_entry(name: str, kind: Any) -> dict[str, Any]:
    entry = {"name": name.removesuffix(".yml"), "label": LABELS[name], "file": name, "format": "yml"}
    if typing.get_origin(kind) is tuple:
        item = typing.get_args(kind)[0]
        entry["fields"] = [{"name": LIST_KEY, "label": LABELS[name], "widget": "list", "required": False,
                            "summary": "{{fields.title}}{{fields.term}}", "fields": _fields(item)}]
    else:
        entry["fields"] = _fields(kind)
    return entry


def _fields(kind: type, optional: bool = False) -> list[dict[str, Any]]:
    """The form fields of a mapping. Inside an optional mapping (a block's scenario) nothing is required:
    Decap checks the fields of an object even when it is left empty; `make check` checks it when filled in."""
    hints = typing.get_type_hints(kind)
    return [_field(f, hints[f.name], optional) for f in dataclasses.fields(kind) if f.metadata.get("contract", True)]


def _field(f: dataclasses.Field, kind: Any, optional: bool) -> dict[str, Any]:
    rules = f.metadata
    required = f.default is dataclasses.MISSING and not optional
    widget = _widget(inner_kind(kind), rules, optional or not required)
    if optional:
        widget.pop("min", None)
    field = {"name": f.name, "label": f.name.replace("_", " ").capitalize(), "required": required,
             "hint": rules["doc"], **widget}
    if f.default not in (dataclasses.MISSING, None, ()) and field["widget"] not in ("list", "object"):
        field["default"] = f.default
    return field


def _widget(kind: Any, rules: typing.Mapping[str, Any], optional: bool = False) -> dict[str, Any]:
    origin = typing.get_origin(kind)
    if dataclasses.is_dataclass(kind):
        return {"widget": "object", "collapsed": optional, "fields": _fields(kind, optional)}
    if origin is tuple:
        item = typing.get_args(kind)[0]
        widget: dict[str, Any] = {"widget": "list"}
        if dataclasses.is_dataclass(item):
            widget["fields"] = _fields(item)
            widget["summary"] = "{{fields.title}}{{fields.name}}{{fields.id}}"
        else:
            widget["field"] = {"name": "item", "label": "Item", "required": True, **_widget(item, rules)}
        if rules.get("min_items"):
            widget["min"] = rules["min_items"]
        return widget
    if origin is dict:
        english = locale.words("en")
        return {"widget": "object", "collapsed": True,
                "fields": [{"name": key, "label": key, "required": False, "widget": "string",
                            "hint": f'Default: "{english[key]}"', "pattern": _length(MAX_LENGTH[str])}
                           for key in locale.label_keys()]}
    if origin is Literal:
        return {"widget": "select", "options": list(typing.get_args(kind))}
    if kind is Language:
        return {"widget": "select", "options": list(locale.languages())}
    if kind is int:
        widget = {"widget": "number", "value_type": "int"}
        for rule in ("minimum", "maximum"):
            if rules.get(rule) is not None:
                widget[rule[:3]] = rules[rule]
        return widget
    limit = max_length(kind, rules)
    if kind in _PATTERNS:
        pattern, message = _PATTERNS[kind]
        lookahead = f"(?=[\\s\\S]{{1,{limit}}}$)" if limit else ""
        return {"widget": "string", "pattern": [f"^{lookahead}{pattern.removeprefix('^')}", message]}
    if kind is Markdown:
        return {"widget": "markdown", "buttons": MARKDOWN_BUTTONS, "editor_components": [],
                "modes": ["raw", "rich_text"], "pattern": _length(limit)}
    return {"widget": "string" if limit <= 2 * TITLE_LENGTH else "text", "pattern": _length(limit)}


def _length(limit: int) -> list[str]:
    """A pattern for "not blank, at most `limit` characters"."""
    return [f"^(?=[\\s\\S]*\\S)[\\s\\S]{{1,{limit}}}$", f"Not blank, and at most {limit} characters"]


def inner_kind(kind: Any) -> Any:
    """The kind of an optional field's value: `str | None` → str."""
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        return next(a for a in typing.get_args(kind) if a is not type(None))
    return kind


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # the same list twice is written out twice: readable, and Decap needs no anchors


def render(document: dict[str, Any]) -> str:
    text = yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120)
    return HEADER + text


def served(document: dict[str, Any], api_url: str) -> str:
    """The configuration as `make edit` serves it: the local backend at this server's address."""
    return render({**document, "local_backend": {"url": api_url}})


