"""Plain language in `make check`: texts above the program's reading grade get a notice at their line, never a failure."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from handbook import CurriculumError, load_handbook
from handbook.curriculum import reading
from support import DEFAULT_CURRICULUM, KOREAN_CURRICULUM, MINIMAL_CURRICULUM, ROOT

HARD_ENGLISH = ("Organizational communication effectiveness necessitates comprehensive interpersonal "
                "understanding among all participating individuals.")
HARDER_THAN_SCHOOL = "Acknowledge the patient promptly and professionally, even when the telephone is ringing continuously."
PLAIN_ENGLISH = "Say hello. Smile. Use the patient's name."
HARD_SPANISH = ("La comunicación organizacional efectiva necesita una comprensión interpersonal exhaustiva "
                "entre todas las personas participantes en el proceso administrativo institucional.")
PLAIN_SPANISH = "Salude al paciente. Sonría. Diga su nombre."


def _hard_curriculum(tmp_path: Path, language: str = "en", level: int | None = None, hard: str | None = None) -> Path:
    """The minimal curriculum with one hard text in each graded kind of field."""
    hard = hard or (HARD_SPANISH if language == "es" else HARD_ENGLISH)
    folder = tmp_path / "curriculum"
    shutil.copytree(MINIMAL_CURRICULUM, folder)
    program = folder / "program.yml"
    extra = f"  language: {language}\n" + (f"  reading_level: {level}\n" if level else "")
    program.write_text(program.read_text(encoding="utf-8") + extra, encoding="utf-8")
    session = folder / "sessions" / "01-greeting.yml"
    text = session.read_text(encoding="utf-8")
    text = text.replace("summary: How to greet every patient.", f"summary: {hard}")
    text = text.replace("objectives:\n", f"objectives:\n  - {hard}\n")
    text = text.replace("definitions: [empathy]\n", f"definitions: [empathy]\nkey_points:\n  - {hard}\n")
    session.write_text(text, encoding="utf-8")
    for name, old in (("tips.yml", "A warm smile tells the patient they are welcome."),
                      ("definitions.yml", "Knowing how the other person feels.")):
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, hard), encoding="utf-8")
    return folder


def _reading_notices(notes) -> list[str]:
    found = sorted((Path(n.file).name, n.line, n.column, n.path) for n in notes
                   if n.severity == "notice" and n.message.startswith("reads at grade"))
    return [f"{name}:{line}:{column}: {path}" for name, line, column, path in found]


EXPECTED_LINES = ["01-greeting.yml:4:10: summary", "01-greeting.yml:6:5: objectives[0]",
                  "01-greeting.yml:11:5: key_points[0]", "definitions.yml:4:15: [0].definition",
                  "tips.yml:4:9: [0].body"]


def test_a_hard_english_text_gets_a_notice_at_its_line_with_its_grade(tmp_path):
    _, notes = load_handbook(_hard_curriculum(tmp_path))
    assert _reading_notices(notes) == EXPECTED_LINES
    summary = next(n for n in notes if n.path == "summary")
    grade = reading.grade(HARD_ENGLISH, "en")
    assert grade > 15
    assert summary.message == (f"reads at grade {grade:.1f} (Flesch-Kincaid), above the program's reading level of 8: "
                               f"use shorter sentences and everyday words")


def test_the_program_sets_its_own_reading_level(tmp_path):
    assert 15 < reading.grade(HARDER_THAN_SCHOOL, "en") < 16
    _, notes = load_handbook(_hard_curriculum(tmp_path, level=16, hard=HARDER_THAN_SCHOOL))
    assert _reading_notices(notes) == []
    _, notes = load_handbook(_hard_curriculum(tmp_path / "15", level=15, hard=HARDER_THAN_SCHOOL))
    assert _reading_notices(notes) == EXPECTED_LINES
    assert "above the program's reading level of 15" in notes[0].message


def test_a_hard_spanish_text_gets_a_notice_at_its_line(tmp_path):
    """Graded with Crawford's formula. Until Spanish has a word list, `language: es` is itself an error; the
    reading notices are found in the same run either way."""
    folder = _hard_curriculum(tmp_path, language="es")
    try:
        _, notes = load_handbook(folder)
    except CurriculumError as error:
        assert [p.path for p in error.problems] == ["program.language"]
        notes = error.others
    assert _reading_notices(notes) == EXPECTED_LINES
    assert "(Crawford)" in next(n for n in notes if n.path == "summary").message


def test_grades_in_english_and_spanish():
    assert reading.grade(HARD_ENGLISH, "en") > 8 >= reading.grade(PLAIN_ENGLISH, "en")
    assert reading.grade(HARD_SPANISH, "es") > 8 >= reading.grade(PLAIN_SPANISH, "es")
    assert reading.grade("**Bold** and [a link](tip:smile).", "en") == reading.grade("Bold and a link.", "en")


def test_each_list_item_is_a_sentence_of_its_own():
    assert reading.plain_text("- One thing\n- Another thing\n\nA paragraph!") == "One thing. Another thing. A paragraph!"


def test_each_grade_is_kept_by_its_text_and_read_back(tmp_path, monkeypatch):
    """The check keeps each text's grade (settings.grade_cache) and the next check reads it back rather than grading
    again: a kept grade changed by hand is what the notices then say; a kept file that holds no number is graded
    again and written anew."""
    kept = tmp_path / "grades"
    monkeypatch.setenv("HANDBOOK_GRADE_CACHE", str(kept))
    folder = _hard_curriculum(tmp_path)
    first = [n.message for n in load_handbook(folder)[1] if n.message.startswith("reads at grade")]
    files = sorted(kept.iterdir())
    assert len(first) == len(EXPECTED_LINES) and len(files) > 1  # the hard text, in five places, is kept once
    assert sorted(float(f.read_text(encoding="ascii")) for f in files)[-1] == reading.grade(HARD_ENGLISH, "en")
    for f in files:
        f.write_text("42.0", encoding="ascii")
    again = [n.message for n in load_handbook(folder)[1] if n.message.startswith("reads at grade")]
    assert len(again) > len(first) and all(m.startswith("reads at grade 42.0 (Flesch-Kincaid)") for m in again)
    for f in files:
        f.write_text("", encoding="ascii")
    assert [n.message for n in load_handbook(folder)[1] if n.message.startswith("reads at grade")] == first
    assert sorted(kept.iterdir()) == files and all(float(f.read_text(encoding="ascii")) < 42 for f in files)


def test_a_language_without_a_formula_is_skipped_with_one_notice():
    _, notes = load_handbook(KOREAN_CURRICULUM)
    skipped = [n for n in notes if "reading levels are not checked" in n.message]
    assert len(skipped) == 1 and skipped[0].severity == "notice" and skipped[0].path == "program.language"
    assert '"ko"' in skipped[0].message
    assert _reading_notices(notes) == []


def test_the_default_curriculum_meets_its_own_reading_level():
    handbook, notes = load_handbook(DEFAULT_CURRICULUM)
    assert handbook.program.reading_level == 8
    assert [str(n) for n in notes if "reading" in n.message] == []


def _check(folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    return subprocess.run([sys.executable, "-m", "handbook.commands.check", *args, str(folder)], cwd=folder.parent,
                          env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_notices_never_fail_make_check(tmp_path, fmt):
    result = _check(_hard_curriculum(tmp_path), "--format", fmt)
    assert result.returncode == 0, result.stderr
    if fmt == "github":
        assert ("::notice file=curriculum/sessions/01-greeting.yml,line=6,col=5,title=objectives[0]::reads at grade"
                in result.stdout)
        assert result.stdout.count("::notice ") == len(EXPECTED_LINES)
    else:
        assert "notice: curriculum/sessions/01-greeting.yml:6:5: objectives[0]: reads at grade" in result.stderr
