"""Rules that span fields and files: unique ids, references that resolve, agendas that add up.

Each rule receives the files as read (object + Reader, which knows positions) and records
problems on the reader of the file where the author has to make the fix.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path
from dataclasses import dataclass
from typing import Any, Iterable

from .. import agreement_hash, locale, placeholders, settings
from ..model import ProgramFile
from .validate import Reader

PREAMBLE_PLACEHOLDERS = {"organization", "program"}
REVIEW_AFTER_DAYS = 365
LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif")


@dataclass
class ReadFile:
    value: Any
    reader: Reader


@dataclass
class Curriculum:
    program: ReadFile
    sessions: list[ReadFile]
    tips: ReadFile | None
    definitions: ReadFile | None
    agreement: ReadFile
    sources: ReadFile | None
    folder: Path | None = None  # where the files are, for files they name (the logo)


def check(c: Curriculum, languages: Iterable[str], label_keys: Iterable[str]) -> None:
    for rule in (_unique_ids, _references, _agenda_adds_up, _scenarios_match_kind, _preamble_placeholders,
                 _rating_scale, _previous_texts, _language_and_labels, _logo):
        rule(c, languages=tuple(languages), label_keys=tuple(label_keys))


def warnings(c: Curriculum, today: dt.date) -> list[str]:
    """Things worth a look that do not stop the build."""
    notes = []
    for f in c.sessions:
        reviewed = f.value.last_reviewed
        if reviewed and (today - reviewed).days > REVIEW_AFTER_DAYS:
            line, column = f.reader.marks["last_reviewed"]
            notes.append(f"{f.reader.file}:{line}:{column}: last_reviewed: this session was last reviewed on "
                         f"{reviewed.isoformat()}, more than a year ago; review it and update the date")
    return notes


def _items(f: ReadFile | None) -> tuple:
    return f.value if f else ()


def _unique(reader: Reader, items: Iterable[tuple[str, str]], what: str) -> None:
    seen: dict[str, str] = {}
    for path, key in items:
        if key in seen:
            reader.at(path, f'the {what} "{key}" is used twice (also at {seen[key]})')
        else:
            seen[key] = path


def _unique_ids(c: Curriculum, **_: Any) -> None:
    sessions: dict[str, str] = {}
    for f in c.sessions:
        if f.value.id in sessions:
            f.reader.at("id", f'the session id "{f.value.id}" is also used by {sessions[f.value.id]}')
        sessions[f.value.id] = "sessions/" + Path(f.reader.file).name
    for f, what in ((c.tips, "tip id"), (c.sources, "source id")):
        if f:
            _unique(f.reader, ((f"[{i}].id", x.id) for i, x in enumerate(f.value)), what)
    if c.definitions:
        d = c.definitions
        _unique(d.reader, ((f"[{i}].id", x.id) for i, x in enumerate(d.value)), "definition id")
        _unique(d.reader, ((f"[{i}].term", x.term.lower()) for i, x in enumerate(d.value)), "term")
    a = c.agreement
    _unique(a.reader, ((f"commitments[{i}].id", x.id) for i, x in enumerate(a.value.commitments)), "commitment id")


def _resolve(reader: Reader, path: str, ref: str | None, known: list[str], what: str, file: str) -> None:
    if ref is None or ref in known:
        return
    close = difflib.get_close_matches(ref, known, n=1)
    hint = f'; did you mean "{close[0]}"?' if close else (f" (known: {', '.join(known)})" if known else f"; {file} has none")
    reader.at(path, f'no {what} has the id "{ref}"{hint}')


def _references(c: Curriculum, **_: Any) -> None:
    tips = [t.id for t in _items(c.tips)]
    definitions = [d.id for d in _items(c.definitions)]
    sources = [s.id for s in _items(c.sources)]
    for f in c.sessions:
        for i, ref in enumerate(f.value.tips):
            _resolve(f.reader, f"tips[{i}]", ref, tips, "tip", "tips.yml")
        for i, ref in enumerate(f.value.definitions):
            _resolve(f.reader, f"definitions[{i}]", ref, definitions, "definition", "definitions.yml")
    if c.tips:
        for i, tip in enumerate(c.tips.value):
            _resolve(c.tips.reader, f"[{i}].source", tip.source, sources, "source", "sources.yml")
    if c.definitions:
        for i, d in enumerate(c.definitions.value):
            _resolve(c.definitions.reader, f"[{i}].source", d.source, sources, "source", "sources.yml")
            if d.quote:
                _resolve(c.definitions.reader, f"[{i}].quote.source", d.quote.source, sources, "source", "sources.yml")


def _agenda_adds_up(c: Curriculum, **_: Any) -> None:
    for f in c.sessions:
        minutes = [b.minutes for b in f.value.agenda]
        if sum(minutes) != f.value.duration:
            parts = " + ".join(str(m) for m in minutes)
            f.reader.at("duration", f"the session lasts {f.value.duration} minutes but its agenda adds up to "
                                    f"{sum(minutes)} ({parts}); make them equal")


def _scenarios_match_kind(c: Curriculum, **_: Any) -> None:
    for f in c.sessions:
        for i, block in enumerate(f.value.agenda):
            if block.kind == "role-play" and block.scenario is None:
                f.reader.at(f"agenda[{i}].kind", "a role-play block needs a scenario (setting and roles)")
            if block.kind != "role-play" and block.scenario is not None:
                f.reader.at(f"agenda[{i}].scenario", f'only role-play blocks have a scenario; this block is "{block.kind}"')


def _preamble_placeholders(c: Curriculum, **_: Any) -> None:
    try:
        found = placeholders.names(c.agreement.value.preamble)
    except placeholders.PlaceholderSyntaxError:
        c.agreement.reader.at("preamble", 'a "{" or "}" has no partner; write "{{" or "}}" for a brace itself')
        return
    for name in sorted(found - PREAMBLE_PLACEHOLDERS):
        c.agreement.reader.at("preamble", f'unknown placeholder "{{{name}}}"; use {{organization}} or {{program}}')


def _rating_scale(c: Curriculum, **_: Any) -> None:
    scale = c.agreement.value.rating_scale
    _unique(c.agreement.reader, ((f"rating_scale[{i}].value", str(r.value)) for i, r in enumerate(scale)), "rating")


# An earlier version's text must be the text its hash stands for, or the differences shown would be wrong
def _previous_texts(c: Curriculum, **_: Any) -> None:
    for i, v in enumerate(c.agreement.value.previous_versions):
        text = agreement_hash.canonical_lines(v.text)
        if text and agreement_hash.sha256(text) != agreement_hash.plain_hex(v.hash):
            c.agreement.reader.at(f"previous_versions[{i}].text",
                                  "this text does not give the version hash above; copy both again, exactly, "
                                  "from the check page of the handbook built from that version")


def _language_and_labels(c: Curriculum, *, languages: tuple[str, ...], label_keys: tuple[str, ...], **_: Any) -> None:
    program: ProgramFile = c.program.value
    reader = c.program.reader
    if program.program.language not in languages:
        reader.at("program.language", f'the language "{program.program.language}" has no word list; '
                                      f"use one of {', '.join(languages)}")
    for key in (program.labels or {}):
        if key not in label_keys:
            close = difflib.get_close_matches(key, label_keys, n=1)
            hint = f'; did you mean "{close[0]}"?' if close else ""
            reader.at(f"labels.{key}", f'no page word is called "{key}"{hint}')
        else:
            _label_placeholders(reader, key, program.labels[key], locale.words("en")[key])


def _label_placeholders(reader: Reader, key: str, text: str, default: str) -> None:
    """A replacement word may use only the placeholders of the word it replaces."""
    try:
        found = placeholders.names(text)
    except placeholders.PlaceholderSyntaxError:
        reader.at(f"labels.{key}", 'a "{" or "}" has no partner, or a placeholder has a ":" or "!"; '
                                   'write "{{" or "}}" for a brace itself')
        return
    allowed = placeholders.names(default)
    if found - allowed:
        takes = f"only {', '.join(sorted('{' + a + '}' for a in allowed))}" if allowed else "no placeholders"
        bad = ", ".join(sorted("{" + f + "}" for f in found - allowed))
        reader.at(f"labels.{key}", f"this word takes {takes}; found {bad}")


def find_logo(folder: Path, logo: str) -> Path | None:
    """The logo file: in the curriculum folder (what a fork edits), else under docs/."""
    for base in (folder, settings.docs_folder()):
        if (base / logo).is_file():
            return (base / logo).resolve()
    return None


def _logo(c: Curriculum, **_: Any) -> None:
    logo = c.program.value.organization.logo
    if logo is None or c.folder is None:
        return
    if Path(logo).suffix.lower() not in LOGO_TYPES:
        c.program.reader.at("organization.logo", f'the logo must be an image file ({", ".join(LOGO_TYPES)}); '
                                                  f'found "{logo}"')
    elif find_logo(c.folder, logo) is None:
        c.program.reader.at("organization.logo", f'there is no file "{logo}"; put the logo image in the curriculum '
                                                  f"folder next to program.yml and write its file name here")
