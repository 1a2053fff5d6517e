"""The customization guide (guide/customizing.md): every step in it is carried out by a test.

Steps exercised elsewhere are named in STEPS; the rest are carried out here, using the guide's
own commands and examples, so the guide cannot drift from what the project does.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from handbook import load_handbook, locale, schema
from handbook.commands import session as scaffold
from support import (DEFAULT_CURRICULUM, MINIMAL_CURRICULUM, ROOT, EditorLoader, SiteServer, build_or_fail, wait_until,
                     copy_curriculum)

GUIDE = ROOT / "guide" / "customizing.md"
# Each step of the guide → the tests that carry it out ("module::test").
STEPS = {
    "Fork the project": ["test_customizing::test_pulling_updates_keeps_the_forks_curriculum",
                         "test_build::test_serve_rebuilds_when_a_session_file_changes"],
    "Edit program.yml": ["test_customizing::test_the_program_example_is_valid",
                         "test_branding::test_no_old_name_remains_anywhere_in_the_site",
                         "test_branding::test_colours_and_logo_reach_every_page"],
    "Add a session": ["test_customizing::test_a_copied_session_passes_the_check_once_retitled",
                      "test_customizing::test_make_session_names_the_next_file",
                      "test_scaffold::test_make_session_creates_the_next_numbered_file_that_passes_once_titled"],
    "Show a video, with captions": ["test_video::test_the_guides_example_is_a_valid_video_block",
                                    "test_video::test_the_browser_plays_the_video_with_its_captions_loaded",
                                    "test_video::test_the_handouts_pdf_prints_the_transcript"],
    "Schedule the groups": ["test_customizing::test_the_schedule_example_is_valid",
                            "test_calendars::test_one_event_per_session_per_group_at_the_local_start_time",
                            "test_schedule_rules::test_one_date_per_session"],
    "Run the check": ["test_customizing::test_the_example_problem_is_what_the_check_prints",
                      "test_schema::test_every_shipped_curriculum_file_names_its_schema"],
    "Plain language": ["test_reading_level::test_notices_never_fail_make_check",
                       "test_reading_level::test_the_default_curriculum_meets_its_own_reading_level"],
    "Change the language": ["test_customizing::test_changing_the_language_and_a_label",
                            "test_korean::test_pages_are_korean_and_say_no_english_ui_word",
                            "test_korean::test_korean_search_finds_korean_words"],
    "Add a language": ["test_locale::test_every_language_has_exactly_the_english_keys",
                       "test_schema::test_committed_schemas_match_the_model",
                       "test_spanish::test_every_word_is_spanish",
                       "test_spanish::test_pages_are_spanish_and_say_no_english_ui_word",
                       "test_spanish::test_pdfs_are_spanish_on_letter",
                       "test_spanish::test_search_is_configured_for_spanish"],
    "Change the paper size": ["test_korean::test_packets_print_on_a4_in_korean"],
    "Publish": ["test_build::test_make_build_keeps_the_previous_site_when_the_new_one_fails",
                "test_editions::test_make_build_writes_both_editions_and_make_serve_the_trainers",
                "test_editions::test_the_workflow_publishes_only_the_staff_edition",
                "test_editions::test_the_staff_edition_holds_no_facilitator_only_text",
                "test_customizing::test_the_site_works_from_a_subfolder_of_a_static_host",
                "test_customizing::test_the_site_works_opened_from_disk",
                "test_customizing::test_github_pages_workflow_publishes_what_make_build_builds"],
    "Pull updates": ["test_customizing::test_pulling_updates_keeps_the_forks_curriculum"],
}


def sections() -> dict[str, str]:
    parts = re.split(r"^## (.+)$", GUIDE.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2]))


def code_blocks(section: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", sections()[section], re.DOTALL)


def commands(section: str) -> list[str]:
    return [line for block in code_blocks(section, "sh") for line in block.splitlines() if line.strip()]


def test_every_step_is_exercised_by_a_test():
    assert list(sections()) == list(STEPS), "a step was added, removed or renamed: update STEPS"
    for step, tests in STEPS.items():
        for test in tests:
            module, name = test.split("::")
            assert callable(getattr(importlib.import_module(module), name, None)), f"{step}: {test} does not exist"


def test_the_guide_is_in_the_repository_and_in_no_handbook(default_site, default_trainers_site):
    assert (ROOT / "README.md").read_text(encoding="utf-8").count("(guide/customizing.md)") == 1
    assert "](fields.md)" in GUIDE.read_text(encoding="utf-8") and (GUIDE.parent / "fields.md").is_file()
    for site in (default_site, default_trainers_site):
        assert not list(site.rglob("customizing*")) and not (site / "about").exists()


def test_every_make_command_in_the_guide_exists():
    used = {m for s in sections() for c in commands(s) for m in re.findall(r"^make (\w+)", c)}
    assert used == {"serve", "session", "check", "build", "update"}
    for target in used:
        result = subprocess.run(["make", "-n", target, "NAME=x"], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, f"make {target}: {result.stderr}"


def test_the_program_example_is_valid(tmp_path):
    example = code_blocks("Edit program.yml", "yaml")[0]
    organization = example[: example.index("program:")]
    folder = copy_curriculum(MINIMAL_CURRICULUM, tmp_path / "curriculum")
    program = (folder / "program.yml").read_text(encoding="utf-8")
    program = organization + program[program.index("program:"):]
    (folder / "program.yml").write_text(program, encoding="utf-8")
    (folder / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    validator = Draft202012Validator(schema.all_schemas()["program.schema.json"])
    assert list(validator.iter_errors(yaml.load(program, Loader=EditorLoader))) == []
    book = load_handbook(folder)[0]
    assert book.organization.name == "Riverside Family Clinic"
    assert book.organization.primary_color == "#0b6e4f"


def test_make_session_names_the_next_file():
    assert "creates `curriculum/sessions/04-phone-calls.yml`" in sections()["Add a session"]
    assert commands("Add a session")[0] == "make session NAME=phone-calls"
    assert scaffold.next_path(DEFAULT_CURRICULUM, "phone-calls") == DEFAULT_CURRICULUM / "sessions" / "04-phone-calls.yml"


def _project_with(curriculum: Path, tmp_path: Path) -> Path:
    """A folder laid out like the project, holding a copy of a curriculum."""
    project = tmp_path / "project"
    copy_curriculum(curriculum, project / "curriculum")
    return project


def _check(project: Path) -> subprocess.CompletedProcess:
    """What `make check` runs, from the project folder (so paths print as the author sees them)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    return subprocess.run([sys.executable, "-m", "handbook.commands.check", "curriculum"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=60)


def test_a_copied_session_passes_the_check_once_retitled(tmp_path):
    project = _project_with(DEFAULT_CURRICULUM, tmp_path)
    [copy] = [c for c in commands("Add a session") if c.startswith("cp ")]
    subprocess.run(copy, shell=True, cwd=project, check=True)
    new = project / "curriculum" / "sessions" / "04-phone-calls.yml"
    text = new.read_text(encoding="utf-8")
    title = yaml.safe_load(text)["title"]
    new.write_text(text.replace(f"title: {title}\n", "title: Phone calls\n", 1), encoding="utf-8")
    # the default program has a schedule: each group needs a date for the new session too
    result = _check(project)
    groups = yaml.safe_load((project / "curriculum" / "schedule.yml").read_text(encoding="utf-8"))["cohorts"]
    assert [g["name"] for g in groups] == re.findall(r'"([^"]+)" has 3 dates but the program has 4 sessions',
                                                     result.stderr)
    schedule = project / "curriculum" / "schedule.yml"
    schedule.write_text(re.sub(r"(dates: \[.*?(\d{4})-(\d\d)-\d\d)\]", r"\1, \2-\3-28]",
                               schedule.read_text(encoding="utf-8")), encoding="utf-8")
    result = _check(project)
    assert result.returncode == 0, result.stderr
    assert "4 sessions" in result.stdout


def test_the_schedule_example_is_valid(tmp_path):
    [example] = code_blocks("Schedule the groups", "yaml")
    folder = copy_curriculum(DEFAULT_CURRICULUM, tmp_path / "curriculum")
    (folder / "schedule.yml").write_text(example, encoding="utf-8")
    validator = Draft202012Validator(schema.all_schemas()["schedule.schema.json"])
    assert list(validator.iter_errors(yaml.load(example, Loader=EditorLoader))) == []
    book = load_handbook(folder)[0]
    assert [c.name for c in book.schedule.cohorts] == ["Group A", "Group B"]
    assert book.schedule.cohorts[1].start_time == "13:30"


def test_the_example_problem_is_what_the_check_prints(tmp_path):
    [example] = code_blocks("Run the check", "text")
    project = _project_with(DEFAULT_CURRICULUM, tmp_path)
    path = scaffold.create(project / "curriculum", "phone-calls")
    text = path.read_text(encoding="utf-8").replace('title: ""', "title: Phone calls")
    path.write_text(text.replace(f"    minutes: {scaffold.DURATION}", "    minutes: 45"), encoding="utf-8")
    result = _check(project)
    assert result.returncode == 1
    assert f"  {example.strip()}" in result.stderr.splitlines()


def test_changing_the_language_and_a_label(tmp_path):
    [language] = code_blocks("Change the language", "yaml")[:1]
    assert "language: ko" in language
    folder = copy_curriculum(MINIMAL_CURRICULUM, tmp_path / "curriculum")
    program = folder / "program.yml"
    text = program.read_text(encoding="utf-8").replace("program:\n", "program:\n  language: ko\n", 1)
    program.write_text(text + code_blocks("Change the language", "yaml")[1], encoding="utf-8")
    site = build_or_fail(folder, tmp_path / "site")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ko"' in home
    assert locale.words("ko")["sessions"] in home
    assert ">Habits</h1>" in (site / "tips.html").read_text(encoding="utf-8")


def _requests(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def _search_finds(page, query: str) -> str:
    wait_until(page, "!document.querySelector('.md-search-result__meta').textContent.includes('Initializing')",
                           timeout=10_000)
    page.keyboard.press("/")
    page.keyboard.type(query)
    wait_until(page, "document.querySelectorAll('.md-search-result__item').length > 0", timeout=10_000)
    return page.locator(".md-search-result__list").inner_text()


def test_the_site_works_from_a_subfolder_of_a_static_host(default_site, tmp_path, page):
    """GitHub Pages serves a fork at https://OWNER.github.io/PROJECT/: the handbook must not assume the root."""
    www = tmp_path / "www"
    shutil.copytree(default_site, www / "handbook")
    requests = _requests(page)
    failed: list[str] = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    with SiteServer(www) as server:
        page.goto(server.url + "handbook/index.html")
        page.locator("nav.md-nav--primary a[href^='sessions/']").first.click()
        page.wait_for_load_state("load")
        assert "/handbook/sessions/" in page.url
        assert page.locator("article h1").inner_text()
        book = load_handbook(DEFAULT_CURRICULUM)[0]
        assert book.tips[0].title in _search_finds(page, book.tips[0].title)
    assert failed == []
    assert all(url.startswith(server.url) for url in requests), [u for u in requests if not u.startswith(server.url)]


def test_the_site_works_opened_from_disk(default_site, page):
    requests = _requests(page)
    page.goto((default_site / "index.html").as_uri())
    page.locator("nav.md-nav--primary a[href^='sessions/']").first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file://") and "/sessions/" in page.url
    assert page.locator("article h1").inner_text()
    assert all(url.startswith("file://") for url in requests), [u for u in requests if not u.startswith("file://")]


def test_github_pages_workflow_publishes_what_make_build_builds():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    assert "publish.yml" in sections()["Publish"]
    steps = workflow["jobs"]["publish"]["steps"]
    assert [s["run"] for s in steps if "run" in s] == ["make build"]
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert re.search(r"^SITE \?= site$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    for step in steps:
        if "uses" in step:  # third-party code only pinned: a full commit hash, not a movable tag
            assert re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_workflow_checks_pull_requests_with_annotations():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    assert "pull_request" in workflow[True]  # YAML reads the key `on` as true
    check = workflow["jobs"]["check"]["steps"]
    assert [s["run"] for s in check if "run" in s] == ["make check FORMAT=github"]
    assert workflow["jobs"]["publish"]["needs"] == ["check", "test"]


def test_workflow_runs_the_test_suite_on_every_push_and_pull_request_before_publishing():
    """A pull request to any fork, and a push to any branch, runs `make test` (what .ci/run runs); nothing is
    published unless it passed, and only from main."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML reads the key `on` as true
    assert "pull_request" in triggers and triggers["pull_request"] is None  # every pull request, any branch
    assert "push" in triggers and triggers["push"] is None  # every push, any branch
    steps = workflow["jobs"]["test"]["steps"]
    assert [s["run"] for s in steps if "run" in s] == ["make test"]
    assert "bookworm" in workflow["jobs"]["test"]["container"]  # Debian's chromium, as DEVELOPERS.md says
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    publish = workflow["jobs"]["publish"]
    assert "test" in publish["needs"]
    assert "refs/heads/main" in publish["if"] and "pull_request" in publish["if"]


# -- pulling updates into a fork ------------------------------------------------------------

GIT_ENV = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Test",
           "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_TERMINAL_PROMPT": "0"}
UPSTREAM_FILES = ("Makefile", "scripts/update.sh", ".gitignore", "hooks/handbook/locale.py", "curriculum")


def run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return subprocess.run(command, shell=True, cwd=cwd, env={**env, **GIT_ENV}, capture_output=True, text=True,
                          timeout=60)


def git(command: str, cwd: Path) -> str:
    result = run(f"git {command}", cwd)
    assert result.returncode == 0, f"git {command}: {result.stderr}"
    return result.stdout


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_pulling_updates_keeps_the_forks_curriculum(tmp_path):
    upstream, fork = tmp_path / "upstream", tmp_path / "fork"
    for name in UPSTREAM_FILES:
        source, target = ROOT / name, upstream / name
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target)
    git("init --quiet --initial-branch=main", upstream)
    git("add --all", upstream)
    git("commit --quiet -m 'the project'", upstream)
    git(f"clone --quiet {upstream} {fork}", tmp_path)

    # the fork makes the program its own: renames it, drops a session, adds one, keeps a draft
    program = fork / "curriculum" / "program.yml"
    program.write_text(program.read_text().replace("Department of Medicine", "Riverside Family Clinic"))
    git("rm --quiet curriculum/sessions/03-difficult-situations.yml", fork)
    scaffold.create(fork / "curriculum", "phone-calls")
    git("add --all", fork)
    git("commit --quiet -m 'our program'", fork)
    (fork / "curriculum" / "sessions" / "09-draft.yml").write_text("title: not ready\n")
    ours = snapshot(fork / "curriculum")

    # meanwhile the project improves its code and its example curriculum
    with open(upstream / "Makefile", "a") as makefile:
        makefile.write("\n# a newer version\n")
    (upstream / "hooks" / "handbook" / "new_feature.py").write_text('"""Something new."""\n')
    for name in ("program.yml", "sessions/03-difficult-situations.yml", "sessions/04-phone-calls.yml",
                 "sessions/05-more.yml"):
        path = upstream / "curriculum" / name
        path.write_text((path.read_text() if path.exists() else "") + "# changed upstream\n")
    git("add --all", upstream)
    git("commit --quiet -m 'a newer version'", upstream)

    # the guide's commands, with the project's address
    steps = commands("Pull updates")
    assert steps == ["git remote add upstream https://github.com/OWNER/PROJECT.git", "make update"]
    for step in steps:
        result = run(step.replace("https://github.com/OWNER/PROJECT.git", str(upstream)), fork)
        assert result.returncode == 0, f"{step}: {result.stdout}{result.stderr}"

    assert snapshot(fork / "curriculum") == ours
    assert (fork / "Makefile").read_text().endswith("# a newer version\n")
    assert (fork / "hooks" / "handbook" / "new_feature.py").is_file()
    assert git("status --porcelain", fork).splitlines() == ["?? curriculum/sessions/09-draft.yml"]
    assert len(git("log -1 --format=%P", fork).split()) == 2  # a merge: the fork's history is kept
    assert "Already up to date" in run("make update", fork).stdout
