"""What the cross-file rules look at: every file of a curriculum as read, and what the build knows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from ..problems import Problem
from .validate import Reader


@dataclass(frozen=True)
class ReadFile:
    """One file: its model object (None when it could not be read) and the reader that knows positions; `part` is
    what could be read of a file with field errors (validate.partial), for the rules that need only that part."""
    value: Any
    reader: Reader
    part: Any = None

    @property
    def known(self) -> Any:
        """The file's object, or what could be read of it (None when nothing could)."""
        return self.value if self.value is not None else self.part


@dataclass(frozen=True)
class Curriculum:
    folder: Path
    top: dict[str, ReadFile | None]  # by file name (model.TOP_FILES); None: an optional file that is absent
    sessions: tuple[ReadFile, ...]  # in order, only those that could be read
    others: tuple[ReadFile, ...]  # files that are only problems: misnamed, stray, missing, or read in part
    today: dt.date  # the build's date
    languages: tuple[str, ...]  # languages with a word list
    label_keys: tuple[str, ...]  # the page words an organization may replace
    # Every session file was named right and read whole: only then is the program's list of sessions (how many,
    # their ids) known, and a rule about it reports no consequence of a file that could not be read
    every_session_read: bool = True

    @property
    def program(self) -> ReadFile | None:
        return self.read("program.yml")

    @property
    def agreement(self) -> ReadFile | None:
        return self.read("agreement.yml")

    @property
    def tips(self) -> ReadFile | None:
        return self.read("tips.yml")

    @property
    def definitions(self) -> ReadFile | None:
        return self.read("definitions.yml")

    @property
    def sources(self) -> ReadFile | None:
        return self.read("sources.yml")

    def read(self, name: str) -> ReadFile | None:
        """A top file that could be read, else None."""
        f = self.top.get(name)
        return f if f is not None and f.value is not None else None

    def part(self, name: str) -> ReadFile | None:
        """A top file of which something could be read, else None."""
        f = self.top.get(name)
        return f if f is not None and f.known is not None else None

    @property
    def session_files(self) -> tuple[ReadFile, ...]:
        """Every session file of which something could be read, whole or in part."""
        return (*self.sessions, *(f for f in self.others if f.known is not None))

    def unreadable(self, name: str) -> bool:
        """The file is there but has errors of its own: rules that need it wait until it is fixed."""
        f = self.top.get(name)
        return f is not None and f.value is None

    def problems(self) -> Iterator[Problem]:
        for f in (*self.top.values(), *self.sessions, *self.others):
            if f is not None:
                yield from f.reader.problems
