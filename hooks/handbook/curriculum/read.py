"""Find the files of a curriculum folder, read and check them, and assemble the Handbook.

Every problem lives on the Reader of the file where the author makes the fix: the loader's, the
field checks' and the cross-file rules' alike, so one pass collects them all.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import replace
from pathlib import Path
from typing import Any

from .. import locale
from ..fields import MAX_LENGTH, Slug
from ..model import MAX_SESSIONS, SESSION_FILE, SESSIONS_FOLDER, TOP_FILES, Handbook, ProgramFile, Session
from ..problems import CurriculumError, Problem, display_path
from . import files, reading, rules, starters, videos
from .context import Curriculum, ReadFile
from .load import load_file
from .validate import INVALID, Reader, partial


def load_handbook(folder: Path | str, today: dt.date | None = None) -> tuple[Handbook, list[Problem]]:
    """The handbook and its notices and warnings; raises CurriculumError listing every error."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CurriculumError([Problem(display_path(folder), 1, 1, "", "the curriculum folder does not exist")])
    inner = _curriculum_one_level_down(folder)
    if inner is not None:
        raise CurriculumError([Problem(display_path(folder), 1, 1, "", f"this folder holds no curriculum, but its "
                                       f'subfolder does; did you mean "{display_path(inner)}"?')])
    curriculum = read_curriculum(folder, today or dt.date.today())
    rules.check(curriculum)
    starters.check(curriculum)
    reading.check(curriculum)
    problems = list(curriculum.problems())
    if any(p.severity == "error" for p in problems):
        raise CurriculumError(problems)
    return _assemble(curriculum), [p for p in problems if p.severity != "error"]


def origins(folder: Path | str, text: str, today: dt.date | None = None) -> list[str]:
    """Where in the curriculum's YAML `text` is written ("file:line:column"), for a check of a built page that
    found something there (an inline script, a style) and names the file and line that produced it."""
    text = text.strip()
    if not text:
        return []
    curriculum = read_curriculum(Path(folder), today or dt.date.today())
    found = []
    for read in (*curriculum.top.values(), *curriculum.sessions, *curriculum.others):
        source = read.reader.source if read is not None else None
        start = source.find(text) if source else -1
        if start >= 0:
            line = source.count("\n", 0, start) + 1
            found.append(f"{read.reader.file}:{line}:{start - source.rfind(chr(10), 0, start)}")
    return found


def read_curriculum(folder: Path, today: dt.date) -> Curriculum:
    """Every file read and field-checked; what could not be read is kept with its problems."""
    top = {name: _read_top_file(folder, name, kind, required) for name, (kind, required) in TOP_FILES.items()}
    sessions, session_problems = _read_sessions(folder)
    stray = [_only_problem(path, _stray_file_message(path.name)) for path in sorted(folder.iterdir())
             if path.suffix in (".yml", ".yaml") and path.name not in TOP_FILES]
    return Curriculum(folder=folder, top=top, sessions=tuple(f for f in sessions if f.value is not None),
                      others=(*stray, *session_problems, *(f for f in sessions if f.value is None)),
                      today=today, languages=locale.languages(), label_keys=locale.label_keys(),
                      every_session_read=not session_problems and all(f.value is not None for f in sessions))


def _curriculum_one_level_down(folder: Path) -> Path | None:
    """A subfolder that holds a curriculum, when the folder itself holds none of a curriculum's files (like
    examples/lunchtime-lectures-ko, whose curriculum is in its curriculum/ subfolder)."""
    if any((folder / name).exists() for name in (*TOP_FILES, SESSIONS_FOLDER)):
        return None
    return next((sub for sub in sorted(folder.iterdir()) if sub.is_dir() and (sub / "program.yml").is_file()), None)


def _read(folder: Path, path: Path, kind: Any) -> ReadFile:
    refused = files.file_problem(folder, path)
    if refused:
        return _only_problem(path, refused)
    node, load_problems = load_file(path)
    reader = Reader(display_path(path), path.read_text(encoding="utf-8") if node is not None else None)
    reader.problems.extend(load_problems)
    value = None if node is None else reader.read(node, kind)
    if partial(value):  # a field error inside: the rest is still checked by the rules that need only the rest
        return ReadFile(None, reader, None if value is INVALID else value)
    return ReadFile(value, reader)


def _only_problem(path: Path, message: str) -> ReadFile:
    reader = Reader(display_path(path))
    reader.at("", message)
    return ReadFile(None, reader)


def _read_top_file(folder: Path, name: str, kind: Any, required: bool) -> ReadFile | None:
    path = folder / name
    if path.exists() or path.is_symlink():  # a folder of that name is reported as unreadable by load_file
        return _read(folder, path, kind)
    return _only_problem(path, "this file is required but missing") if required else None


def _stray_file_message(name: str) -> str:
    if name.endswith(".yaml") and name[:-5] + ".yml" in TOP_FILES:
        return f'rename this file to "{name[:-5]}.yml"'
    close = difflib.get_close_matches(name, TOP_FILES, n=1)
    if close:
        return f'this file is not part of a curriculum; did you mean "{close[0]}"?'
    return f"this file is not part of a curriculum (expected: {', '.join(TOP_FILES)}, and {SESSIONS_FOLDER}/)"


def _read_sessions(folder: Path) -> tuple[list[ReadFile], list[ReadFile]]:
    """The session files in order of their numbers, and the problems of misnamed or missing ones."""
    sessions: list[ReadFile] = []
    problems: list[ReadFile] = []
    numbers: dict[int, str] = {}
    outside = files.outside_problem(folder, folder / SESSIONS_FOLDER)
    if outside:
        return [], [_only_problem(folder / SESSIONS_FOLDER, outside)]
    paths = sorted((folder / SESSIONS_FOLDER).glob("*")) if (folder / SESSIONS_FOLDER).is_dir() else []
    paths = [path for path in paths if not path.name.startswith(".")]  # .gitkeep and the like
    if len(paths) > MAX_SESSIONS:  # before reading any: each is a page, a packet, a handout and a run view
        return [], [_only_problem(folder / SESSIONS_FOLDER, f"this folder holds {len(paths):,} files; a program may "
                                                            f"have at most {MAX_SESSIONS:,} sessions, so split it "
                                                            f"into several programs")]
    for path in paths:
        match = SESSION_FILE.match(path.name)
        if not match:
            problems.append(_only_problem(path, "session files are named with a number, a hyphen and a lowercase "
                                                'name ending in .yml, like "04-phone-calls.yml"'))
            continue
        number = int(match.group(1))
        if number in numbers:
            problems.append(_only_problem(path, f"the number {match.group(1)} is also used by {numbers[number]}; "
                                                "give each session its own number"))
        numbers[number] = path.name
        if len(match.group(2)) > MAX_LENGTH[Slug]:
            problems.append(_only_problem(path, f"the name after the number is {len(match.group(2))} characters "
                                                f"long; it becomes the session's address, so keep it to "
                                                f"{MAX_LENGTH[Slug]}"))
            continue
        read = _read(folder, path, Session)
        if read.value is not None:
            read = replace(read, value=replace(read.value, id=read.value.id or match.group(2), number=number))
            read = videos.read(folder, read)
        elif read.part is not None:  # an id that could not be read stays unknown
            object.__setattr__(read.part, "number", number)
            if hasattr(read.part, "id"):
                object.__setattr__(read.part, "id", read.part.id or match.group(2))
        sessions.append(read)
    if not paths:
        problems.append(_only_problem(folder / SESSIONS_FOLDER, "there are no sessions; add a file like "
                                                                '"sessions/01-first-impressions.yml"'))
    return sorted(sessions, key=lambda f: f.value.number if f.value else 0), problems


def _assemble(c: Curriculum) -> Handbook:
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
        schedule=c.read("schedule.yml").value if c.read("schedule.yml") else None,
    )
