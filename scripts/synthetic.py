"""Write a synthetic curriculum of any size, shaped like a real one, for the build benchmark.

Each session has what the default curriculum's sessions have: a summary, objectives, key points,
materials, a six-block agenda with DO/SAY notes and handout text, a role play with three roles
(one with a hidden motive), discussion prompts, tips and definitions. Text is made from a fixed
vocabulary by a seeded generator, so the same size always gives the same curriculum.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml

WORDS = ("patient family colleague desk phone call message appointment referral bill insurance form wait "
         "clinic nurse doctor schedule room chart visit question answer promise follow-up name smile voice "
         "tone eye contact hallway elevator parking check-in checkout interpreter wheelchair chair blanket "
         "privacy delay apology complaint problem solution option policy rule exception supervisor team "
         "shift handover queue email voicemail reminder lab result prescription pharmacy refill record "
         "signature consent label sticker badge uniform greeting goodbye thanks welcome worry fear anger "
         "relief trust respect dignity patience kindness courtesy empathy listening silence pause").split()
VERBS = ("greet listen explain ask check confirm offer apologize thank introduce follow promise call write "
         "repeat summarize notice name acknowledge escort wait reassure clarify schedule review").split()
MOST_TIPS = 2000  # tips.yml stays within the 1 MB a curriculum file may have
KINDS = ("welcome", "lecture", "discussion", "role-play", "break", "wrap-up")
MINUTES = (10, 20, 20, 25, 10, 15)  # 100 minutes, like a morning session


class Text:
    """Sentences and paragraphs from a fixed vocabulary, reproducible from a seed."""

    def __init__(self, seed: int):
        self.random = random.Random(seed)

    def words(self, low: int, high: int) -> str:
        return " ".join(self.random.choice(WORDS) for _ in range(self.random.randint(low, high)))

    def sentence(self) -> str:
        text = f"{self.random.choice(VERBS)} the {self.words(1, 2)} before the {self.words(2, 6)}"
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences: int = 4) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def title(self) -> str:
        return self.words(2, 4).title()


def write_curriculum(folder: Path, sessions: int, seed: int = 2026, cohorts: int = 0) -> Path:
    """A valid curriculum of `sessions` sessions in `folder` (created); tips, definitions and sources scale with it;
    with `cohorts`, a schedule.yml of that many groups, each meeting on consecutive days."""
    text = Text(seed)
    tips = [f"tip-{i}" for i in range(max(20, min(sessions, MOST_TIPS)))]
    definitions = _terms(10 + sessions // 10)
    sources = [f"source-{i}" for i in range(5 + sessions // 20)]
    (folder / "sessions").mkdir(parents=True)
    _dump(folder / "program.yml", _program(text, sessions))
    _dump(folder / "agreement.yml", _agreement(text))
    _dump(folder / "sources.yml", [{"id": s, "title": text.title(), "author": text.title(), "date": "2024-05-01"}
                                   for s in sources])
    _dump(folder / "tips.yml", [{"id": t, "title": text.title(), "body": text.paragraph(3),
                                 "category": f"Group {i % 8 + 1}", "source": sources[i % len(sources)]}
                                for i, t in enumerate(tips)])
    _dump(folder / "definitions.yml", [{"id": f"term-{i}", "term": term, "definition": text.paragraph(2),
                                        "source": sources[i % len(sources)]} for i, term in enumerate(definitions)])
    for n in range(1, sessions + 1):
        picked = {"tips": [tips[(n * 7 + k) % len(tips)] for k in range(4)],
                  "definitions": [f"term-{(n * 3 + k) % len(definitions)}" for k in range(3)]}
        _dump(folder / "sessions" / f"{n:04d}-session-{n}.yml", _session(text, n, picked))
    if cohorts:
        _dump(folder / "schedule.yml", _schedule(sessions, cohorts))
    return folder


def _schedule(sessions: int, cohorts: int) -> dict:
    first = dt.date(2027, 1, 4)
    return {"timezone": "America/Chicago",
            "cohorts": [{"name": f"Group {c + 1}", "room": f"Room {c % 40 + 1}",
                         "dates": [(first + dt.timedelta(days=c % 365 + n)).isoformat() for n in range(sessions)]}
                        for c in range(cohorts)]}


def _terms(count: int) -> list[str]:
    """Two-word terms, none containing another (each is explained wherever it appears)."""
    nouns = [w for w in WORDS if "-" not in w]
    terms = [f"{a} {b}" for a in ("calm", "clear", "warm", "prompt", "shared", "quiet", "early", "open")
             for b in nouns]
    return terms[:count]


def _program(text: Text, sessions: int) -> dict:
    return {
        "organization": {"name": "Synthetic Health Partners", "contact": {"name": "Training Office",
                                                                          "email": "training@example.org"}},
        "program": {"title": f"A Program of {sessions} Sessions", "summary": text.paragraph(6), "group_size": 12,
                    "version": "bench-1", "audience": "Everyone who serves patients."},
    }


def _agreement(text: Text) -> dict:
    return {
        "title": "Service Agreement",
        "preamble": "At {organization}, having completed {program}, I commit to the practices below.",
        "commitments": [{"id": f"commitment-{i}", "text": text.sentence(), "evaluation": text.paragraph(2)}
                        for i in range(6)],
        "acknowledgements": ["I attended every session.", "I have read this agreement."],
        "rating_scale": [{"value": v, "label": label, "meaning": text.sentence()}
                         for v, label in ((1, "Not yet"), (2, "Meets"), (3, "Exceeds"))],
    }


def _session(text: Text, n: int, picked: dict) -> dict:
    return {
        "title": f"Session {n}: {text.title()}",
        "duration": sum(MINUTES),
        "summary": text.paragraph(5),
        "objectives": [text.sentence() for _ in range(4)],
        "key_points": [f"**{text.title()}.** {text.sentence()}" for _ in range(4)],
        "owner": "Training Office",
        "last_reviewed": "2026-09-01",
        "materials": [text.words(2, 5) for _ in range(5)],
        "room": text.paragraph(2),
        **picked,
        "agenda": [_block(text, kind, minutes) for kind, minutes in zip(KINDS, MINUTES)],
        "reflection": [text.sentence() for _ in range(3)],
    }


def _block(text: Text, kind: str, minutes: int) -> dict:
    block = {"title": text.title(), "minutes": minutes, "kind": kind,
             "facilitator": f"**DO:** {text.paragraph(3)}\n\n**SAY:** “{text.paragraph(3)}”\n",
             "participant": text.paragraph(3)}
    if kind == "discussion":
        block["prompts"] = [text.sentence() for _ in range(3)]
    if kind == "role-play":
        block["scenario"] = {
            "setting": text.paragraph(3),
            "roles": [{"name": "Front desk", "brief": text.paragraph(2)},
                      {"name": "Patient", "brief": text.paragraph(2), "hidden": text.sentence()},
                      {"name": "Observer", "brief": text.paragraph(1)}],
            "observe": [text.sentence() for _ in range(4)],
            "debrief": [text.sentence() for _ in range(3)],
        }
    return block


def _dump(path: Path, data: object) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
