"""Find the files of a curriculum folder, read and check them, and assemble the Handbook."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import replace
from pathlib import Path
from typing import Any

from .. import locale
from . import rules
from ..problems import CurriculumError, Problem, display_path
from .load import load_file
from ..model import SESSION_FILE, TOP_FILES, Handbook, ProgramFile, Session
from .validate import INVALID, Reader



def load_handbook(folder: Path | str, today: dt.date | None = None) -> tuple[Handbook, list[str]]:
    """The handbook and any warnings; raises CurriculumError listing every problem."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CurriculumError([Problem(display_path(folder), 1, 1, "", "the curriculum folder does not exist")])
    problems: list[Problem] = []
    files = _read_top_files(folder, problems)
    sessions = _read_sessions(folder, problems)
    if problems or any(files[name] is None for name, (_, required) in TOP_FILES.items() if required):
        raise CurriculumError(problems)
    curriculum = rules.Curriculum(program=files["program.yml"], sessions=sessions, tips=files["tips.yml"],
                                  definitions=files["definitions.yml"], agreement=files["agreement.yml"],
                                  sources=files["sources.yml"], folder=folder)
    rules.check(curriculum, locale.languages(), locale.label_keys())
    readers = [f.reader for f in (curriculum.program, curriculum.agreement, *sessions, *files.values()) if f]
    problems = list(dict.fromkeys(p for r in readers for p in r.problems))
    if problems:
        raise CurriculumError(problems)
    return _assemble(curriculum), rules.warnings(curriculum, today or dt.date.today())


def _read(path: Path, kind: Any, problems: list[Problem]) -> rules.ReadFile | None:
    node, load_problems = load_file(path)
    problems.extend(load_problems)
    if node is None:
        return None
    reader = Reader(display_path(path), path.read_text(encoding="utf-8"))
    value = reader.read(node, kind)
    problems.extend(reader.problems)
    return None if value is INVALID else rules.ReadFile(value, reader)


def _read_top_files(folder: Path, problems: list[Problem]) -> dict[str, rules.ReadFile | None]:
    files = {}
    for name, (kind, required) in TOP_FILES.items():
        path = folder / name
        if path.exists():  # a folder of that name is reported as unreadable by load_file
            files[name] = _read(path, kind, problems)
        else:
            files[name] = None
            if required:
                problems.append(Problem(display_path(path), 1, 1, "", "this file is required but missing"))
    for path in sorted(folder.iterdir()):
        if path.suffix in (".yml", ".yaml") and path.name not in TOP_FILES:
            problems.append(Problem(display_path(path), 1, 1, "", _stray_file_message(path.name)))
    return files


def _stray_file_message(name: str) -> str:
    if name.endswith(".yaml") and name[:-5] + ".yml" in TOP_FILES:
        return f'rename this file to "{name[:-5]}.yml"'
    close = difflib.get_close_matches(name, TOP_FILES, n=1)
    if close:
        return f'this file is not part of a curriculum; did you mean "{close[0]}"?'
    return f"this file is not part of a curriculum (expected: {', '.join(TOP_FILES)}, and sessions/)"


def _read_sessions(folder: Path, problems: list[Problem]) -> list[rules.ReadFile]:
    sessions = []
    numbers: dict[int, str] = {}
    paths = sorted((folder / "sessions").glob("*")) if (folder / "sessions").is_dir() else []
    for path in paths:
        if path.name.startswith("."):
            continue
        match = SESSION_FILE.match(path.name)
        if not match:
            problems.append(Problem(display_path(path), 1, 1, "", "session files are named with a number, a hyphen "
                                    'and a lowercase name ending in .yml, like "04-phone-calls.yml"'))
            continue
        number = int(match.group(1))
        if number in numbers:
            problems.append(Problem(display_path(path), 1, 1, "", f"the number {match.group(1)} is also used by "
                                    f"{numbers[number]}; give each session its own number"))
        numbers[number] = path.name
        read = _read(path, Session, problems)
        if read:
            read.value = replace(read.value, id=read.value.id or match.group(2), number=number)
            sessions.append(read)
    if not paths:
        problems.append(Problem(display_path(folder / "sessions"), 1, 1, "",
                                'there are no sessions; add a file like "sessions/01-first-impressions.yml"'))
    return sorted(sessions, key=lambda f: f.value.number)


def _assemble(c: rules.Curriculum) -> Handbook:
    program: ProgramFile = c.program.value
    return Handbook(
        organization=program.organization,
        program=program.program,
        labels=dict(program.labels or {}),
        sessions=tuple(f.value for f in c.sessions),
        tips=c.tips.value if c.tips else (),
        definitions=c.definitions.value if c.definitions else (),
        agreement=c.agreement.value,
        sources=c.sources.value if c.sources else (),
    )
