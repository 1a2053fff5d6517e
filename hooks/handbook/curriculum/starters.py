"""The example text `make session` writes into a new session file, and the check that refuses it.

The texts live here, not in commands/session.py, so the scaffold writes exactly what the check
looks for. A session still holding one is not ready to publish: `make check` and the build name
the file and line until the author writes their own.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Iterator

from .context import Curriculum

SUMMARY = "Replace this paragraph: what the session is about and why it matters, for staff."
OBJECTIVE = "Replace this line with something participants will do differently after the session"
STARTERS = (SUMMARY, OBJECTIVE)


def check(c: Curriculum) -> None:
    """Record a problem wherever a session still holds a starter text."""
    for f in c.session_files:
        for path, text in _texts(f.known):
            if any(starter in text for starter in STARTERS):
                f.reader.at(path, "this is the example text `make session` wrote: replace it with your own")


def _texts(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(field path, text) for every text in a model object, depth first."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _texts(item, f"{path}[{i}]")
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            if not hasattr(value, field.name):  # a field of a partial object that could not be read
                continue
            yield from _texts(getattr(value, field.name), f"{path}.{field.name}" if path else field.name)
