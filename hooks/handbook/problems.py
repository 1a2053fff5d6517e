"""Problems found in a curriculum, worded for the people who write it.

One type for all of them; its severity says what it does to a build:
- error: the build stops (after every problem has been found and reported);
- warning: worth fixing; counts against `mkdocs build --strict`;
- notice: for the people who keep the program (a review that is due); never stops a build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Literal

Severity = Literal["error", "warning", "notice"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "notice")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int  # 1-based
    column: int  # 1-based
    path: str  # field path inside the file, e.g. "agenda[2].minutes"; "" for the whole file
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


def in_order(problems: Iterable[Problem]) -> list[Problem]:
    """Problems by file and position, each once."""
    return sorted(dict.fromkeys(problems), key=lambda p: (p.file, p.line, p.column, p.path, p.message))


class CurriculumError(Exception):
    """Every error found in one run; the build stops after reporting them all."""

    def __init__(self, problems: Iterable[Problem]):
        every = in_order(problems)
        self.problems = [p for p in every if p.severity == "error"]
        self.others = [p for p in every if p.severity != "error"]  # warnings and notices found on the way
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = f"The curriculum has {count} problem{'s' if count != 1 else ''}:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


def display_path(path: Path) -> str:
    """A path as the author knows it: relative to where they run the build, when possible."""
    try:  # the folder is resolved, not the file: a symbolic link is named, not where it leads
        return printable(str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve())))
    except (ValueError, RuntimeError, OSError):  # outside the working folder, or a symbolic link loop
        return printable(str(path))


def printable(text: str) -> str:
    """A file name that can be printed and written into a page: bytes that are not UTF-8 as escapes (\\udcff)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
