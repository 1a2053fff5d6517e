"""`make check`: every problem in one run, as text for people and as annotations for pull requests."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from handbook import CurriculumError, load_handbook
from support import DEFAULT_CURRICULUM, KOREAN_CURRICULUM, MINIMAL_CURRICULUM, ROOT, build

FIVE_YEARS_AHEAD = str(int(dt.datetime(dt.date.today().year + 5, 6, 1, tzinfo=dt.timezone.utc).timestamp()))


def check(folder: Path, *args: str, epoch: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    return subprocess.run([sys.executable, "-m", "handbook.commands.check", *args, str(folder)], cwd=folder.parent,
                          env=env, capture_output=True, text=True, timeout=60)


@pytest.fixture
def three_problems(tmp_path) -> Path:
    """A field error in tips.yml, and a reference and a sum that do not hold in a session file."""
    folder = tmp_path / "curriculum"
    shutil.copytree(MINIMAL_CURRICULUM, folder)
    session = folder / "sessions" / "01-greeting.yml"
    text = session.read_text(encoding="utf-8")
    session.write_text(text.replace("duration: 60", "duration: 61").replace("[empathy]", "[empaty]"), encoding="utf-8")
    tips = folder / "tips.yml"
    tips.write_text(tips.read_text(encoding="utf-8").replace("  title:", "  titel:"), encoding="utf-8")
    return folder


def test_github_format_puts_each_problem_on_its_yaml_line(three_problems):
    result = check(three_problems, "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=curriculum/sessions/01-greeting.yml,line=3,col=11,title=duration::the session lasts 61 minutes "
        "but its agenda adds up to 60 (10 + 50); make them equal",
        "::error file=curriculum/sessions/01-greeting.yml,line=8,col=15,title=definitions[0]::no definition has "
        'the id "empaty"; did you mean "empathy"?',
        "::error file=curriculum/tips.yml,line=3,col=3,title=[0].titel::unknown key \"titel\"; did you mean \"title\"?",
    ]


def test_github_format_escapes_what_would_end_an_annotation(tmp_path):
    from handbook.commands.check import github_line
    from handbook.problems import Problem
    line = github_line(Problem("a,b:c.yml", 3, 4, "x", "50% done\nnext line"))
    assert line == "::error file=a%2Cb%3Ac.yml,line=3,col=4,title=x::50%25 done%0Anext line"


def test_text_format_lists_every_problem_and_fails(three_problems):
    result = check(three_problems)
    assert result.returncode == 1
    assert "The curriculum has" in result.stderr and "Traceback" not in result.stderr
    assert "The curriculum has 3 problems:" in result.stderr


@pytest.mark.parametrize("curriculum", [DEFAULT_CURRICULUM, KOREAN_CURRICULUM], ids=["default", "korean"])
def test_review_dates_never_stop_a_strict_build_five_years_ahead(curriculum, tmp_path):
    result = check(curriculum, epoch=FIVE_YEARS_AHEAD)
    assert result.returncode == 0, result.stderr
    assert "notice:" in result.stderr and "review it and update the date" in result.stderr
    annotated = check(curriculum, "--format", "github", epoch=FIVE_YEARS_AHEAD)
    assert annotated.returncode == 0 and "::notice file=" in annotated.stdout
    site = tmp_path / "site"
    built = build(curriculum, site, date_epoch=FIVE_YEARS_AHEAD)
    assert built.returncode == 0, built.stderr
    session = next((site / "sessions").glob("*.html"))
    html = session.read_text(encoding="utf-8")
    assert "hb-review-due" in html


def test_the_readmes_example_is_what_make_check_prints(tmp_path):
    """The README shows the problem list of one key typo: exactly that, and nothing it would cause, is printed."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("When the curriculum has a mistake")[1].split("```")[1].strip().splitlines()
    where, _, message = example[1].strip().partition(": ")
    file, line, _column = where.rsplit(":", 2)
    typo = re.search(r'unknown key "(\w+)"; did you mean "(\w+)"', message)
    folder = shutil.copytree(DEFAULT_CURRICULUM, tmp_path / "curriculum")
    path = tmp_path / file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[int(line) - 1].strip().startswith(typo.group(2) + ":"), "the README names another line"
    lines[int(line) - 1] = lines[int(line) - 1].replace(typo.group(2) + ":", typo.group(1) + ":", 1)
    path.write_text("".join(lines), encoding="utf-8")
    result = check(folder)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == example


def load_problems(folder: Path) -> list[str]:
    with pytest.raises(CurriculumError) as raised:
        load_handbook(folder, dt.date(2026, 10, 27))
    return [f"{Path(p.file).name}:{p.path}: {p.message}" for p in raised.value.problems]


def edit(path: Path, *replacements: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def test_one_run_lists_every_mistake_of_a_file_with_a_field_error(tmp_path):
    """A key typo in a session file leaves the rest of the file checked (a dangling tip, a bad link, a starter
    text, a role play without scenario), and says nothing about the sessions' count the schedule sees."""
    folder = shutil.copytree(DEFAULT_CURRICULUM, tmp_path / "curriculum")
    session = folder / "sessions" / "01-first-impressions.yml"
    edit(session, ("\n    minutes: 15\n", "\n    minuts: 15\n"), ("  - smile-first\n", "  - smile-frist\n"),
         ("\nsummary: |\n", "\nsummary: |\n  See [the tip](tip:no-such-tip).\n"))
    found = load_problems(folder)
    assert sorted(found) == sorted([
        '01-first-impressions.yml:agenda[1].minuts: unknown key "minuts"; did you mean "minutes"?',
        '01-first-impressions.yml:tips[0]: no tip has the id "smile-frist"; did you mean "smile-first"?',
        '01-first-impressions.yml:summary: no tip has the id "no-such-tip"',
    ]), "\n".join(found)


def test_no_rule_reports_a_consequence_of_a_file_it_could_not_read(tmp_path):
    """tips.yml with a field error: what it could not say is not held against the sessions that use it (their tip
    references, links to tips wait), but what it does say is still checked (a tip's source)."""
    folder = shutil.copytree(MINIMAL_CURRICULUM, tmp_path / "curriculum")
    edit(folder / "tips.yml", ("  title:", "  titel:"), ("source: proverb", "source: proverbs"))
    edit(folder / "sessions" / "01-greeting.yml", ("summary: How", "summary: See [smiling](tip:smile). How"),
         ("tips: [smile]", "tips: [smile, nowhere]"), ("[empathy]", "[empaty]"))
    found = load_problems(folder)
    assert sorted(found) == sorted([
        'tips.yml:[0].titel: unknown key "titel"; did you mean "title"?',
        'tips.yml:[0].source: no source has the id "proverbs"; did you mean "proverb"?',
        '01-greeting.yml:definitions[0]: no definition has the id "empaty"; did you mean "empathy"?',
    ]), "\n".join(found)


def test_a_session_file_that_cannot_be_read_leaves_links_to_sessions_unchecked(tmp_path):
    folder = shutil.copytree(MINIMAL_CURRICULUM, tmp_path / "curriculum")
    edit(folder / "sessions" / "01-greeting.yml", ("title: Greeting patients", "titel: Greeting patients"))
    edit(folder / "tips.yml", ("  body: A", "  body: See [greeting](session:greeting). A"))
    found = load_problems(folder)
    assert found == ['01-greeting.yml:titel: unknown key "titel"; did you mean "title"?'], "\n".join(found)


def test_a_list_with_an_unreadable_item_is_not_counted_short(tmp_path):
    folder = shutil.copytree(MINIMAL_CURRICULUM, tmp_path / "curriculum")
    edit(folder / "sessions" / "01-greeting.yml", ("  - Greet each patient within ten seconds of arrival",
                                                     "  - [Greet every patient]"))
    found = load_problems(folder)
    assert found == ['01-greeting.yml:objectives[0]: expected text, found a list'], "\n".join(found)


def test_a_folder_that_holds_a_curriculum_one_level_down_says_where_it_is():
    """CURRICULUM=examples/lunchtime-lectures-ko names the example, whose files are in its curriculum/ subfolder."""
    result = check(KOREAN_CURRICULUM.parent)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "The curriculum has 1 problem:",
        f'  {KOREAN_CURRICULUM.parent.name}:1:1: this folder holds no curriculum, but its subfolder does; '
        f'did you mean "{KOREAN_CURRICULUM.parent.name}/curriculum"?']


def test_the_readme_names_the_examples_as_they_are_used():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"CURRICULUM=(examples/[\w./-]+)", readme))
    assert named == {f"examples/{p.parent.name}/curriculum" for p in (ROOT / "examples").glob("*/curriculum")}
    for folder in named:
        load_handbook(ROOT / folder)  # a curriculum with no problem
    assert "minutes" in readme.split("make test")[1].split("\n")[0]


def test_a_list_file_with_a_field_error_is_still_checked_for_the_rest(tmp_path):
    """sources.yml with a typo in one source: the other source's url is still checked, in the same run."""
    folder = shutil.copytree(MINIMAL_CURRICULUM, tmp_path / "curriculum")
    sources = folder / "sources.yml"
    sources.write_text(sources.read_text(encoding="utf-8") + "- id: second\n  titel: Second\n  url: javascript:alert(1)\n",
                       encoding="utf-8")
    found = load_problems(folder)
    assert any("titel" in f for f in found) and any("[1].url: write a web address" in f for f in found), found
