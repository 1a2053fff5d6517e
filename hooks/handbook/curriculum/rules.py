"""Rules that span fields and files: unique ids, references that resolve, agendas that add up.

Each rule receives the curriculum as read (each file's object and the Reader that knows its
positions) and records problems on the reader of the file where the author makes the fix. A rule
runs in the same pass as the field checks: it looks at what could be read of a file with field
errors (a reference, a link, a block), and never at what could not, so that one run reports every
mistake and no consequence of one (validate.partial).
"""

from __future__ import annotations

import difflib
from urllib.parse import urlsplit
from pathlib import Path
from typing import Callable, Iterable

from .. import agreement_hash, link_targets, locale, placeholders
from ..model import REVIEW_AFTER_MONTHS, ProgramFile
from . import files, markdown_rules, schedule_rules
from .context import Curriculum
from .validate import Reader, known, partial

PREAMBLE_PLACEHOLDERS = {"organization", "program"}


RULES: tuple[Callable[[Curriculum], None], ...]  # filled in below, in the order they run


def check(c: Curriculum) -> None:
    """Record every cross-file problem on the reader of the file where it is fixed."""
    for rule in RULES:
        rule(c)


def _ids(c: Curriculum, name: str) -> list[str] | None:
    """The ids a list file defines; None while it cannot be read whole."""
    if c.unreadable(name):
        return None
    return [item.id for item in (c.read(name).value if c.read(name) else ())]


def _session_ids(c: Curriculum) -> list[str] | None:
    """The sessions' ids; None while a session file cannot be read whole."""
    return [f.value.id for f in c.sessions] if c.every_session_read else None


def _items(c: Curriculum, name: str) -> tuple:
    """The items of a list file that could be read."""
    f = c.part(name)
    return f.known if f else ()


def _unique(reader: Reader, items: Iterable[tuple[str, str]], what: str) -> None:
    seen: dict[str, str] = {}
    for path, key in items:
        if key in seen:
            reader.at(path, f'the {what} "{key}" is used twice (also at {seen[key]})')
        else:
            seen[key] = path


def _unique_ids(c: Curriculum) -> None:
    sessions: dict[str, str] = {}
    for f in c.session_files:
        session_id = known(f.known, "id")
        if session_id is None:
            continue
        if session_id in sessions:
            f.reader.at("id", f'the session id "{session_id}" is also used by {sessions[session_id]}')
        sessions[session_id] = "sessions/" + Path(f.reader.file).name
    for name, field, what in (("tips.yml", "id", "tip id"), ("sources.yml", "id", "source id"),
                              ("definitions.yml", "id", "definition id"), ("definitions.yml", "term", "term")):
        f = c.part(name)
        if f:
            _unique(f.reader, ((f"[{i}].{field}", str(known(x, field)).lower() if field == "term" else known(x, field))
                               for i, x in enumerate(f.known) if known(x, field) is not None), what)
    a = c.part("agreement.yml")
    if a:
        _unique(a.reader, ((f"commitments[{i}].id", known(x, "id")) for i, x in enumerate(known(a.known, "commitments")
                                                                                         or ()) if known(x, "id")),
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
    for f in c.session_files:  # an entry that could not be read is left out of a partial list
        for i, ref in enumerate(known(f.known, "tips") or ()):
            _resolve(f.reader, f"tips[{i}]", ref, tips, "tip", "tips.yml")
        for i, ref in enumerate(known(f.known, "definitions") or ()):
            _resolve(f.reader, f"definitions[{i}]", ref, definitions, "definition", "definitions.yml")
    tip_file, definition_file = c.part("tips.yml"), c.part("definitions.yml")
    for i, tip in enumerate(_items(c, "tips.yml")):
        _resolve(tip_file.reader, f"[{i}].source", known(tip, "source"), sources, "source", "sources.yml")
    for i, d in enumerate(_items(c, "definitions.yml")):
        _resolve(definition_file.reader, f"[{i}].source", known(d, "source"), sources, "source", "sources.yml")
        _resolve(definition_file.reader, f"[{i}].quote.source", known(d, "quote", "source"), sources, "source",
                 "sources.yml")


def _agenda_adds_up(c: Curriculum) -> None:
    for f in c.session_files:
        agenda, duration = known(f.known, "agenda"), known(f.known, "duration")
        minutes = [known(b, "minutes") for b in agenda or ()]
        if agenda is None or partial(agenda) or None in minutes or duration is None:
            continue  # a block or the duration could not be read: the sum would be a consequence of that
        if sum(minutes) != duration:
            parts = " + ".join(str(m) for m in minutes)
            f.reader.at("duration", f"the session lasts {duration} minutes but its agenda adds up to "
                                    f"{sum(minutes)} ({parts}); make them equal")


def _scenarios_match_kind(c: Curriculum) -> None:
    for f in c.session_files:
        for i, block in enumerate(known(f.known, "agenda") or ()):
            if not (hasattr(block, "kind") and hasattr(block, "scenario")):
                continue
            if block.kind == "role-play" and block.scenario is None:
                f.reader.at(f"agenda[{i}].kind", "a role-play block needs a scenario (setting and roles)")
            if block.kind != "role-play" and block.scenario is not None:
                f.reader.at(f"agenda[{i}].scenario", f'only role-play blocks have a scenario; this block is "{block.kind}"')


def _preamble_placeholders(c: Curriculum) -> None:
    agreement = c.part("agreement.yml")
    if not agreement or known(agreement.known, "preamble") is None:
        return
    try:
        found = placeholders.names(agreement.known.preamble)
    except placeholders.PlaceholderSyntaxError:
        agreement.reader.at("preamble", 'a "{" or "}" has no partner; write "{{" or "}}" for a brace itself')
        return
    for name in sorted(found - PREAMBLE_PLACEHOLDERS):
        agreement.reader.at("preamble", f'unknown placeholder "{{{name}}}"; use {{organization}} or {{program}}')


def _rating_scale(c: Curriculum) -> None:
    agreement = c.part("agreement.yml")
    if not agreement:
        return
    scale = known(agreement.known, "rating_scale") or ()
    _unique(agreement.reader, ((f"rating_scale[{i}].value", str(r.value)) for i, r in enumerate(scale)
                               if known(r, "value") is not None), "rating")


# An earlier version's text must be the text its hash stands for, or the differences shown would be wrong
def _previous_texts(c: Curriculum) -> None:
    agreement = c.part("agreement.yml")
    if not agreement:
        return
    for i, v in enumerate(known(agreement.known, "previous_versions") or ()):
        if known(v, "text") is None or known(v, "hash") is None:
            continue
        text = agreement_hash.canonical_lines(v.text)
        if text and agreement_hash.sha256(text) != agreement_hash.plain_hex(v.hash):
            agreement.reader.at(f"previous_versions[{i}].text",
                                  "this text does not give the version hash above; copy both again, exactly, "
                                  "from the check page of the handbook built from that version")


def _language_and_labels(c: Curriculum) -> None:
    if not c.part("program.yml"):
        return
    program: ProgramFile = c.part("program.yml").known
    reader = c.part("program.yml").reader
    language = known(program, "program", "language")
    if language is not None and language not in c.languages:
        reader.at("program.language", f'the language "{language}" has no word list; '
                                      f"use one of {', '.join(c.languages)}")
    for key in (known(program, "labels") or {}):
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
    program = c.part("program.yml")
    logo = known(program.known, "organization", "logo") if program else None
    if logo is not None:
        try:
            files.image(c.folder, logo)
        except files.Refused as refused:
            program.reader.at("organization.logo", str(refused))


def _links(c: Curriculum) -> None:
    """Every link in curriculum text goes somewhere: an id that exists, a page the handbook has, an anchor on it."""
    ids = {"session": _session_ids(c),
           **{kind: _ids(c, name) for kind, name in
              (("tip", "tips.yml"), ("definition", "definitions.yml"), ("source", "sources.yml"))}}
    unknown = {kind for kind, known_ids in ids.items() if known_ids is None}  # a file of them could not be read
    site = link_targets.Site({kind: frozenset(known_ids or ()) for kind, known_ids in ids.items()}, frozenset())
    top = (c.top.get(name) for name in ("program.yml", "agreement.yml", "tips.yml", "definitions.yml", "sources.yml"))
    for f in (*top, *c.session_files):
        for link in (f.reader.links if f else ()):
            if _kind_of(link.target) in unknown:
                continue
            message = link_targets.problem(link.target, site)
            if message:
                f.reader.at_position(link.line, link.column, link.path, message)


def _kind_of(target: str) -> str | None:
    """The kind of item whose ids a link needs (a session page, an anchor on a list page), else None."""
    page = link_targets.target_page(target)
    if page is None:
        return None
    path, anchor = page
    if path.startswith("sessions/"):
        return "session"
    return next((kind for kind, list_page in link_targets.LISTS.items() if list_page == path), None) if anchor else None


def _source_urls(c: Curriculum) -> None:
    """A source's url becomes a link on the sources page: a web address, nothing a browser would run."""
    for i, source in enumerate(_items(c, "sources.yml")):
        if known(source, "url") and (markdown_rules.scheme(source.url) not in ("http", "https") or not urlsplit(source.url).netloc):
            c.part("sources.yml").reader.at(f"[{i}].url", f'write a web address starting with https:// or http://; found "{source.url}"')


def _review_dates(c: Curriculum) -> None:
    """A notice, never an error: a program keeps running while its keepers catch up."""
    months = known(c.part("program.yml") and c.part("program.yml").known, "program", "review_after_months")
    months = months or REVIEW_AFTER_MONTHS
    for f in c.sessions:
        if f.value.review_overdue(c.today, months):
            f.reader.at("last_reviewed", f"this session was last reviewed on {f.value.last_reviewed.isoformat()}, "
                                         f"more than {months} months ago; review it and update the date", "notice")


RULES = (_unique_ids, _references, _agenda_adds_up, _scenarios_match_kind, _preamble_placeholders, _rating_scale,
         _previous_texts, _language_and_labels, _logo, _review_dates, schedule_rules.check, _links,
         _source_urls)
