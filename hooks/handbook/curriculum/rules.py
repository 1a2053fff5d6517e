"""Rules that span fields and files: unique ids, references that resolve, agendas that add up.

Each rule receives the curriculum as read (each file's object and the Reader that knows its
positions) and records problems on the reader of the file where the author makes the fix. A rule
looks only at files that could be read, so it runs in the same pass as the field checks.
"""

from __future__ import annotations

import difflib
import re
from urllib.parse import urlsplit
from pathlib import Path
from typing import Callable, Iterable

from .. import agreement_hash, link_targets, locale, placeholders
from ..model import REVIEW_AFTER_MONTHS, ProgramFile
from . import files, markdown_rules, schedule_rules
from .context import Curriculum
from .validate import Reader

PREAMBLE_PLACEHOLDERS = {"organization", "program"}


RULES: tuple[Callable[[Curriculum], None], ...]  # filled in below, in the order they run


def check(c: Curriculum) -> None:
    """Record every cross-file problem on the reader of the file where it is fixed."""
    for rule in RULES:
        rule(c)


def _ids(c: Curriculum, name: str) -> list[str] | None:
    """The ids a list file defines; None while it cannot be read."""
    if c.unreadable(name):
        return None
    return [item.id for item in (c.read(name).value if c.read(name) else ())]


def _unique(reader: Reader, items: Iterable[tuple[str, str]], what: str) -> None:
    seen: dict[str, str] = {}
    for path, key in items:
        if key in seen:
            reader.at(path, f'the {what} "{key}" is used twice (also at {seen[key]})')
        else:
            seen[key] = path


def _unique_ids(c: Curriculum) -> None:
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
    if c.agreement:
        a = c.agreement
        _unique(a.reader, ((f"commitments[{i}].id", x.id) for i, x in enumerate(a.value.commitments)),
                "commitment id")


def _resolve(reader: Reader, path: str, ref: str | None, known: list[str] | None, what: str, file: str) -> None:
    """`known` is None while the file that holds the ids has problems of its own."""
    if ref is None or known is None or ref in known:
        return
    close = difflib.get_close_matches(ref, known, n=1)
    hint = f'; did you mean "{close[0]}"?' if close else (f" (known: {', '.join(known)})" if known else f"; {file} has none")
    reader.at(path, f'no {what} has the id "{ref}"{hint}')


def _references(c: Curriculum) -> None:
    tips, definitions, sources = (_ids(c, name) for name in ("tips.yml", "definitions.yml", "sources.yml"))
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


def _agenda_adds_up(c: Curriculum) -> None:
    for f in c.sessions:
        minutes = [b.minutes for b in f.value.agenda]
        if sum(minutes) != f.value.duration:
            parts = " + ".join(str(m) for m in minutes)
            f.reader.at("duration", f"the session lasts {f.value.duration} minutes but its agenda adds up to "
                                    f"{sum(minutes)} ({parts}); make them equal")


def _scenarios_match_kind(c: Curriculum) -> None:
    for f in c.sessions:
        for i, block in enumerate(f.value.agenda):
            if block.kind == "role-play" and block.scenario is None:
                f.reader.at(f"agenda[{i}].kind", "a role-play block needs a scenario (setting and roles)")
            if block.kind != "role-play" and block.scenario is not None:
                f.reader.at(f"agenda[{i}].scenario", f'only role-play blocks have a scenario; this block is "{block.kind}"')


def _preamble_placeholders(c: Curriculum) -> None:
    if not c.agreement:
        return
    try:
        found = placeholders.names(c.agreement.value.preamble)
    except placeholders.PlaceholderSyntaxError:
        c.agreement.reader.at("preamble", 'a "{" or "}" has no partner; write "{{" or "}}" for a brace itself')
        return
    for name in sorted(found - PREAMBLE_PLACEHOLDERS):
        c.agreement.reader.at("preamble", f'unknown placeholder "{{{name}}}"; use {{organization}} or {{program}}')


def _rating_scale(c: Curriculum) -> None:
    if not c.agreement:
        return
    scale = c.agreement.value.rating_scale
    _unique(c.agreement.reader, ((f"rating_scale[{i}].value", str(r.value)) for i, r in enumerate(scale)), "rating")


# An earlier version's text must be the text its hash stands for, or the differences shown would be wrong
def _previous_texts(c: Curriculum) -> None:
    if not c.agreement:
        return
    for i, v in enumerate(c.agreement.value.previous_versions):
        text = agreement_hash.canonical_lines(v.text)
        if text and agreement_hash.sha256(text) != agreement_hash.plain_hex(v.hash):
            c.agreement.reader.at(f"previous_versions[{i}].text",
                                  "this text does not give the version hash above; copy both again, exactly, "
                                  "from the check page of the handbook built from that version")


def _language_and_labels(c: Curriculum) -> None:
    if not c.program:
        return
    program: ProgramFile = c.program.value
    reader = c.program.reader
    if program.program.language not in c.languages:
        reader.at("program.language", f'the language "{program.program.language}" has no word list; '
                                      f"use one of {', '.join(c.languages)}")
    for key in (program.labels or {}):
        if key not in c.label_keys:
            close = difflib.get_close_matches(key, c.label_keys, n=1)
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


def _logo(c: Curriculum) -> None:
    logo = c.program.value.organization.logo if c.program else None
    if logo is not None:
        try:
            files.image(c.folder, logo)
        except files.Refused as refused:
            c.program.reader.at("organization.logo", str(refused))


def _links(c: Curriculum) -> None:
    """Every link in curriculum text goes somewhere: an id that exists, a page the handbook has, an anchor on it."""
    ids = {"session": frozenset(f.value.id for f in c.sessions),
           **{kind: frozenset(_ids(c, name) or ()) for kind, name in
              (("tip", "tips.yml"), ("definition", "definitions.yml"), ("source", "sources.yml"))}}
    site = link_targets.Site(ids, frozenset())
    for f in (c.program, c.agreement, *c.sessions, c.tips, c.definitions, c.sources):
        for link in (f.reader.links if f else ()):
            message = link_targets.problem(link.target, site)
            if message:
                f.reader.at_position(link.line, link.column, link.path, message)


def _source_urls(c: Curriculum) -> None:
    """A source's url becomes a link on the sources page: a web address, nothing a browser would run."""
    for i, source in enumerate(c.sources.value if c.sources else ()):
        if source.url and (markdown_rules.scheme(source.url) not in ("http", "https") or not urlsplit(source.url).netloc):
            c.sources.reader.at(f"[{i}].url", f'write a web address starting with https:// or http://; found "{source.url}"')


def _review_dates(c: Curriculum) -> None:
    """A notice, never an error: a program keeps running while its keepers catch up."""
    months = c.program.value.program.review_after_months if c.program else REVIEW_AFTER_MONTHS
    for f in c.sessions:
        if f.value.review_overdue(c.today, months):
            f.reader.at("last_reviewed", f"this session was last reviewed on {f.value.last_reviewed.isoformat()}, "
                                         f"more than {months} months ago; review it and update the date", "notice")


RULES = (_unique_ids, _references, _agenda_adds_up, _scenarios_match_kind, _preamble_placeholders, _rating_scale,
         _previous_texts, _language_and_labels, _logo, _review_dates, schedule_rules.check, _links,
         _source_urls)
