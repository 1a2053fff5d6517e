"""`make check`: every problem in one run, as text for people and as annotations for pull requests."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
