"""The typed, frozen model of a handbook. Field docs are the contract's documentation."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from .fields import TITLE_LENGTH, ClockTime, Color, Digest, Email, Language, Markdown, Phone, PublicKey, Slug, spec

BlockKind = Literal["welcome", "lecture", "discussion", "role-play", "video", "exercise", "break", "wrap-up"]
Paper = Literal["letter", "a4"]
REVIEW_AFTER_MONTHS = 12
# The most of each list: generous for any real program, they refuse the absurd (a page no one can read, a
# build that never ends). The sessions/ folder and every group's dates are capped at MAX_SESSIONS.
MAX_SESSIONS = 5000
MAX_COHORTS = 2000
MAX_LINES = 50  # objectives, key points, prompts, checklists, questions: each a line of a page
MAX_BLOCKS = 100
MAX_ROLES = 20
MAX_IDS = 200  # tips or definitions one session names
READING_LEVEL = 8  # the school grade health-care staff materials are written for


# -- program.yml ---------------------------------------------------------------

@dataclass(frozen=True)
class Contact:
    name: str | None = spec("Who to contact about the program", None, max_length=TITLE_LENGTH)
    email: Email | None = spec("Their email address, like training@example.org", None, max_length=254)
    phone: Phone | None = spec("Their phone number, like +1 555 010 0123 or (555) 010-0123 ext. 12", None, max_length=40)


@dataclass(frozen=True)
class Organization:
    name: str = spec("The organization's name, shown on every page and packet", max_length=TITLE_LENGTH)
    short_name: str | None = spec("A short name, used in footers", None, max_length=40)
    contact: Contact | None = spec("Who to contact; shown on the home page and packets", None)
    logo: str | None = spec("Logo image (SVG, PNG, JPEG or WebP, at most 1 MB): its file name in the curriculum "
                            "folder, like logo.svg; an SVG may hold no script, no style sheet and no outside "
                            "reference, and is published rebuilt with its drawing only", None, max_length=255)
    primary_color: Color | None = spec('Main colour of the header, e.g. "#1f5f8b"', None)
    accent_color: Color | None = spec('Colour of links and buttons, e.g. "#c0392b"', None)


@dataclass(frozen=True)
class Program:
    title: str = spec('The program\'s title, e.g. "Customer Service Excellence"', max_length=TITLE_LENGTH)
    summary: Markdown = spec("What the program is and why (Markdown)")
    group_size: int = spec("Most participants per training group; the sign-in sheet has this many rows",
                           minimum=1, maximum=60)
    version: str = spec("Edition label printed on every packet and bound into the agreement", max_length=40)
    audience: str | None = spec("Who attends", None)
    language: Language = spec("UI language of the generated pages and of the search", "en")
    paper: Paper = spec("Page size of printed packets", "letter")
    start_time: ClockTime = spec('Clock time the agenda of a session starts, "HH:MM"', "09:00")
    review_after_months: int = spec("Months after a session's last_reviewed date when trainers are reminded to "
                                    "review it (a notice on its pages and in `make check`; never stops a build)",
                                    REVIEW_AFTER_MONTHS, minimum=1, maximum=120)
    reading_level: int = spec("The school grade staff should be able to read the program at: each summary, objective, "
                              "key point, tip and definition that reads above it gets a notice in `make check` "
                              "(graded for English and Spanish; never stops a build)",
                              READING_LEVEL, minimum=1, maximum=18)


@dataclass(frozen=True)
class ProgramFile:
    organization: Organization = spec("The organization that runs the program")
    program: Program = spec("The program as a whole")
    labels: dict[str, str] | None = spec("Replacements for words the pages write themselves, by key", None)


# -- sessions/NN-slug.yml --------------------------------------------------------

@dataclass(frozen=True)
class Role:
    name: str = spec("The role's name on the card", max_length=TITLE_LENGTH)
    brief: Markdown = spec("What the player of this role reads on their card")
    hidden: str | None = spec("A motive or twist for this role's card and the facilitator only", None)


@dataclass(frozen=True)
class Scenario:
    setting: Markdown = spec("Where and what is happening")
    roles: tuple[Role, ...] = spec("The roles, two or more", min_items=2, max_items=MAX_ROLES)
    observe: tuple[str, ...] = spec("The observer's checklist", (), max_items=MAX_LINES)
    debrief: tuple[str, ...] = spec("Questions after the round", (), max_items=MAX_LINES)


@dataclass(frozen=True)
class Video:
    file: str = spec("The video (WebM or MP4, at most 500 MB): its file name in the curriculum folder, like "
                     "videos/service.webm; the pages play it with the browser's own player", max_length=255)
    captions: str = spec("Its captions (WebVTT), like videos/service.vtt: required, so that a colleague who cannot "
                         "hear the video can follow it; shown by default when in the program's language",
                         max_length=255)
    transcript: str | None = spec("A plain-text transcript (UTF-8), like videos/service.txt: shown below the player, "
                                  "and printed in its place", None, max_length=255)
    language: Language | None = spec("The language of the captions and transcript; default: program.language", None)
    transcript_text: str = spec("The transcript's text, read from its file", "", contract=False)


@dataclass(frozen=True)
class AgendaBlock:
    title: str = spec("The block's title", max_length=TITLE_LENGTH)
    minutes: int = spec("How long it takes", minimum=1)
    kind: BlockKind = spec("What kind of block it is")
    facilitator: Markdown | None = spec("DO/SAY notes: facilitator packet only, never in the handout", None)
    participant: Markdown | None = spec("What participants read in their handout", None)
    prompts: tuple[str, ...] = spec("Discussion questions", (), max_items=MAX_LINES)
    scenario: Scenario | None = spec("The role play (only for kind: role-play)", None)
    video: Video | None = spec("The video to watch (only for kind: video), with its captions", None)


@dataclass(frozen=True)
class Session:
    title: str = spec("The session's title", max_length=TITLE_LENGTH)
    duration: int = spec("Minutes; must equal the sum of the agenda's minutes", minimum=1)
    summary: Markdown = spec("One paragraph for staff")
    objectives: tuple[str, ...] = spec("Observable behaviours", min_items=1, max_items=MAX_LINES)
    agenda: tuple[AgendaBlock, ...] = spec("The timed plan", min_items=1, max_items=MAX_BLOCKS)
    id: Slug | None = spec("Stable id used in URLs and references; defaults to the file name", None)
    purpose: str | None = spec("One line on the session's card on the home page: what it is for; "
                               "defaults to the first sentence of the summary", None)
    key_points: tuple[Markdown, ...] = spec("What staff should remember", (), max_items=MAX_LINES)
    owner: str | None = spec("Who keeps this session current", None)
    last_reviewed: dt.date | None = spec("Date of the last review, YYYY-MM-DD", None)
    materials: tuple[str, ...] = spec("The facilitator's checklist of materials", (), max_items=MAX_LINES)
    room: str | None = spec("Room set-up", None)
    tips: tuple[Slug, ...] = spec("Ids of the tips taught in this session", (), max_items=MAX_IDS)
    definitions: tuple[Slug, ...] = spec("Ids of the definitions used in this session", (), max_items=MAX_IDS)
    reflection: tuple[str, ...] = spec("Questions participants take away", (), max_items=MAX_LINES)
    number: int = spec("Position from the file name", 0, contract=False)

    def review_overdue(self, today: dt.date, months: int) -> bool:
        """Whether the last review is more than `months` months before `today`."""
        if self.last_reviewed is None:
            return False
        reviewed = self.last_reviewed
        month = reviewed.month - 1 + months
        year, month = reviewed.year + month // 12, month % 12 + 1
        due = dt.date(year, month, min(reviewed.day, calendar.monthrange(year, month)[1]))
        return today > due


# -- tips.yml, definitions.yml, sources.yml ---------------------------------------

@dataclass(frozen=True)
class Tip:
    id: Slug = spec("Stable id")
    title: str = spec("The tip in a few words", max_length=TITLE_LENGTH)
    body: Markdown = spec("The tip explained")
    category: str | None = spec("A group the tip belongs to", None, max_length=TITLE_LENGTH)
    source: Slug | None = spec("Id of the source it comes from", None)


@dataclass(frozen=True)
class Quote:
    text: str = spec("The quoted words, short")
    by: str = spec("Who said or wrote them")
    source: Slug | None = spec("Id of the source", None)


@dataclass(frozen=True)
class Definition:
    id: Slug = spec("Stable id")
    term: str = spec("The word or phrase; explained wherever it appears", max_length=TITLE_LENGTH)
    definition: Markdown = spec("What it means here")
    quote: Quote | None = spec("An attributed quote", None)
    source: Slug | None = spec("Id of the source", None)


@dataclass(frozen=True)
class Source:
    id: Slug = spec("Stable id")
    title: str = spec("Title of the article or book", max_length=2 * TITLE_LENGTH)
    author: str | None = spec("Author", None)
    publisher: str | None = spec("Publisher or site", None)
    date: dt.date | None = spec("Publication date, YYYY-MM-DD", None)
    url: str | None = spec("Where it can be read", None)


# -- agreement.yml -----------------------------------------------------------------

@dataclass(frozen=True)
class Commitment:
    id: Slug = spec("Stable id")
    text: str = spec("What the signer commits to")
    evaluation: str = spec("How a manager judges it at the annual review")


@dataclass(frozen=True)
class RatingLevel:
    value: int = spec("The rating's number")
    label: str = spec("Its name", max_length=TITLE_LENGTH)
    meaning: str = spec("What earns it")


@dataclass(frozen=True)
class AgreementVersion:
    version: str = spec("The edition label (program.version) it was signed under", max_length=40)
    hash: Digest = spec("Its version hash, as shown on the agreement page and printed on its signed records")
    text: str = spec("Its exact text, copied from “The exact text of this version” on the check page before the "
                     "agreement changed; with it, checking a record of this version shows what has changed since", "")
    published: dt.date | None = spec("The day it was first published, YYYY-MM-DD. Records in the earlier record "
                                     "format (handbook-agreement-record/1) are accepted only for a version published "
                                     "before 2026-11-23, when the current format replaced it", None)


@dataclass(frozen=True)
class Agreement:
    title: str = spec("The agreement's title", max_length=TITLE_LENGTH)
    preamble: Markdown = spec("Opening text; may use {organization} and {program}")
    commitments: tuple[Commitment, ...] = spec("What staff commit to; the evaluation criteria", min_items=1)
    acknowledgements: tuple[str, ...] = spec("Each a checkbox the signer must tick", min_items=1)
    signers: tuple[str, ...] = spec("Signature blocks", ("employee", "supervisor"))
    rating_scale: tuple[RatingLevel, ...] = spec("The scale of the evaluation form", ())
    previous_versions: tuple[AgreementVersion, ...] = spec(
        "Earlier versions staff have signed, so their records still verify; before changing the agreement, "
        "copy the current version, hash and text from the check page into this list", ())
    draft_hours: int = spec("How many hours an unfinished signature form is kept in the signer's browser after "
                            "their last change; then it is discarded", 12, minimum=1, maximum=720)
    hr_public_key: PublicKey | None = spec(
        "HR's public key, the line `make hr-key` prints; with it the check page confirms the receipts HR's roster "
        "signs on the records it received (guide/hr.md). Only the public key: the private key stays with HR", None)


# -- schedule.yml (optional) ---------------------------------------------------------

@dataclass(frozen=True)
class Cohort:
    name: str = spec('The group\'s name, e.g. "Group A"; each group has its own', max_length=TITLE_LENGTH)
    dates: tuple[dt.date, ...] = spec("One date per session, in session order, YYYY-MM-DD", min_items=1,
                                      max_items=MAX_SESSIONS)
    room: str | None = spec("Where the group meets; shown with its dates and in its calendar", None,
                            max_length=TITLE_LENGTH)
    start_time: ClockTime | None = spec('Clock time the group\'s sessions start, "HH:MM"; default: program.start_time',
                                        None)


@dataclass(frozen=True)
class Schedule:
    timezone: str = spec('The time zone of every date and time, an IANA name such as "America/New_York" or '
                         '"Asia/Seoul"')
    cohorts: tuple[Cohort, ...] = spec("The groups that take the program, each with its dates", min_items=1,
                                       max_items=MAX_COHORTS)


# -- the whole handbook --------------------------------------------------------------

@dataclass(frozen=True)
class Handbook:
    organization: Organization
    program: Program
    labels: dict[str, str]
    sessions: tuple[Session, ...]
    tips: tuple[Tip, ...]
    definitions: tuple[Definition, ...]
    agreement: Agreement
    sources: tuple[Source, ...]
    schedule: Schedule | None = None  # from schedule.yml, when there is one

    def tip(self, tip_id: str) -> Tip:
        return self._by_id["tip", tip_id]

    def definition(self, definition_id: str) -> Definition:
        return self._by_id["definition", definition_id]

    def source(self, source_id: str) -> Source:
        return self._by_id["source", source_id]

    def sessions_teaching(self, tip_id: str) -> tuple[Session, ...]:
        return self._sessions_citing.get(("tip", tip_id), ())

    def sessions_using(self, definition_id: str) -> tuple[Session, ...]:
        return self._sessions_citing.get(("definition", definition_id), ())

    # Indexes built once: pages look ids up tens of thousands of times in a large program
    @cached_property
    def _by_id(self) -> dict[tuple[str, str], Tip | Definition | Source]:
        kinds = (("tip", self.tips), ("definition", self.definitions), ("source", self.sources))
        return {(kind, item.id): item for kind, items in kinds for item in items}

    @cached_property
    def _sessions_citing(self) -> dict[tuple[str, str], tuple[Session, ...]]:
        citing: dict[tuple[str, str], list[Session]] = {}
        for session in self.sessions:
            for kind, ids in (("tip", session.tips), ("definition", session.definitions)):
                for item_id in dict.fromkeys(ids):
                    citing.setdefault((kind, item_id), []).append(session)
        return {key: tuple(sessions) for key, sessions in citing.items()}


# -- the files of a curriculum folder ---------------------------------------------------

# sessions/NN-slug.yml: the number gives the order, the slug the default id
SESSION_FILE = re.compile(r"^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)\.yml$")
SESSIONS_FOLDER = "sessions"
# file name → (what it holds, required)
TOP_FILES: dict[str, tuple[Any, bool]] = {
    "program.yml": (ProgramFile, True),
    "agreement.yml": (Agreement, True),
    "tips.yml": (tuple[Tip, ...], False),
    "definitions.yml": (tuple[Definition, ...], False),
    "sources.yml": (tuple[Source, ...], False),
    "schedule.yml": (Schedule, False),
}
