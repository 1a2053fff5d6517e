"""The form editor (`make edit`): its configuration comes from the model, and what it saves through
a real Chromium lands in the curriculum's YAML, passes the check and shows on the rebuilt page."""

from __future__ import annotations

import re
import socket
import urllib.request
from pathlib import Path

import pytest
import yaml

from handbook import editor, load_handbook, model
from handbook.commands.session import ordered_fields
from handbook.editing.normalize import MODELINE, holds_list, normalize, wrap
from handbook.editing.server import Editor
from support import DEFAULT_CURRICULUM, ROOT, Serve, copy_curriculum, wait_for


def test_committed_config_matches_the_model():
    """Fails when the model changed and `make editor` was not run."""
    assert editor.CONFIG_FILE.read_text(encoding="utf-8") == editor.render(editor.config()), \
        "editor/config.yml is out of date with the model: run `make editor`"


def _fields(collection: dict) -> dict[str, dict]:
    return {f["name"]: f for f in collection["fields"]}


def test_config_has_every_file_and_the_model_s_rules():
    config = editor.config()
    sessions, files = config["collections"]
    assert sessions["folder"] == "sessions" and sessions["create"] is True
    assert {f["file"] for f in files["files"]} == set(model.TOP_FILES)
    session = _fields(sessions)
    assert session["title"]["required"] is True and session["title"]["hint"] == "The session's title"
    assert re.fullmatch(session["title"]["pattern"][0], "x" * 150) and not re.fullmatch(session["title"]["pattern"][0], "x" * 151)
    assert not re.fullmatch(session["title"]["pattern"][0], "   ")
    assert session["duration"] == {**session["duration"], "widget": "number", "value_type": "int", "min": 1}
    assert session["owner"]["required"] is False
    agenda = _fields(session["agenda"])
    assert agenda["kind"]["options"] == list(model.BlockKind.__args__)
    roles = _fields(_fields(agenda["scenario"])["roles"])
    assert session["agenda"]["min"] == 1 and "brief" in roles
    # inside an optional block nothing is required in the form (Decap would check it left empty): make check is
    assert agenda["scenario"]["required"] is False and _fields(agenda["scenario"])["setting"]["required"] is False
    assert roles["brief"]["required"] is True  # a role, once added, needs its brief
    assert session["summary"]["widget"] == "markdown" and "image" not in session["summary"]["buttons"]
    tips = next(f for f in files["files"] if f["file"] == "tips.yml")["fields"][0]
    assert tips["widget"] == "list" and re.fullmatch(_fields(tips)["id"]["pattern"][0], "smile-first")
    assert not re.fullmatch(_fields(tips)["id"]["pattern"][0], "Smile First")
    schedule = next(f for f in files["files"] if f["file"] == "schedule.yml")
    assert _fields(_fields(schedule)["cohorts"])["dates"]["min"] == 1


@pytest.mark.parametrize("relative", sorted(
    [p.name for p in DEFAULT_CURRICULUM.glob("*.yml")] + [f"sessions/{p.name}" for p in (DEFAULT_CURRICULUM / "sessions").glob("*.yml")]))
def test_normalizing_a_file_keeps_it_valid_and_is_stable(relative, tmp_path):
    folder = copy_curriculum(DEFAULT_CURRICULUM, tmp_path / "curriculum")
    original = (folder / relative).read_text(encoding="utf-8")
    written = normalize(wrap(original) if holds_list(relative) else original, relative, original, folder)
    (folder / relative).write_text(written, encoding="utf-8")
    assert written.splitlines()[0] == original.splitlines()[0] and written.startswith(MODELINE)
    again = normalize(wrap(written) if holds_list(relative) else written, relative, written, folder)
    assert again == written
    load_handbook(folder)  # raises CurriculumError when the file no longer passes the check
    assert yaml.safe_load(written) == yaml.safe_load(original)


# -- the editor in Chromium --------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def curriculum(tmp_path) -> Path:
    return copy_curriculum(DEFAULT_CURRICULUM, tmp_path / "curriculum")


@pytest.fixture
def editing(curriculum):
    with Editor(curriculum, _free_port(), log=open("/dev/null", "w")) as server:
        yield server


@pytest.fixture
def editor_page(page, editing):
    """The editor's page; every request it makes is recorded."""
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    return page


def _open(page, editing, route: str) -> None:
    page.goto("about:blank")  # a fresh load: the editor keeps the last entry's state across hash changes
    page.goto(f"{editing.url}#/collections/{route}")
    login = page.get_by_role("button", name="Login")
    login.or_(page.get_by_text("Changes saved")).wait_for()
    if login.is_visible():  # the local backend asks for no password
        login.click()
        page.get_by_text("Changes saved").wait_for()


def _publish(page) -> None:
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click()


def _markdown_box(page):
    """The first Markdown field, switched from rich text to its Markdown text box."""
    page.get_by_role("switch").first.click()
    return page.locator("[contenteditable=true]").first


def _saved(path: Path, text: str) -> bool:
    return wait_for(lambda: text in path.read_text(encoding="utf-8"), 30)


def _title_saved_readably(path: Path, before: str) -> None:
    """The session file after its title was changed in the form: that one change, in `make session`'s order."""
    assert _saved(path, "title: First Impressions Count\n")
    after = path.read_text(encoding="utf-8")
    assert after.splitlines()[0] == before.splitlines()[0]  # the schema line kept
    data, old = yaml.safe_load(after), yaml.safe_load(before)
    assert list(data) == [f.name for f in ordered_fields(model.Session) if f.name in old]
    assert data == {**old, "title": "First Impressions Count"}
    assert "summary: |\n" in after  # multi-line text as a block


def _nothing_left_the_machine(page) -> None:
    outside = [u for u in page.requests if not re.match(r"^(https?://(localhost|127\.0\.0\.1)(:\d+)?/|data:|blob:)", u)]
    assert page.requests and outside == []


def test_an_invalid_value_is_refused_in_the_form(editor_page, editing, curriculum):
    path = curriculum / "sessions" / "02-stress-and-time.yml"
    before = path.read_text(encoding="utf-8")
    _open(editor_page, editing, "sessions/entries/02-stress-and-time")
    editor_page.get_by_label("Title", exact=True).first.fill("x" * 151)
    _publish(editor_page)
    editor_page.get_by_text("Not blank, and at most 150 characters").first.wait_for()
    editor_page.wait_for_timeout(1000)
    assert path.read_text(encoding="utf-8") == before
    _nothing_left_the_machine(editor_page)


def test_a_new_session_gets_the_next_number_and_passes_the_check(editor_page, editing, curriculum):
    (curriculum / "schedule.yml").unlink()  # else each group needs a date for the new session first
    _open(editor_page, editing, "sessions/new")
    editor_page.get_by_label("Title", exact=True).first.fill("Phone calls")
    editor_page.get_by_label("Duration", exact=True).fill("30")
    _markdown_box(editor_page).fill("How to answer the phone.")
    editor_page.get_by_role("button", name="Add objectives").click()
    editor_page.get_by_label("Item", exact=True).first.fill("Answer within three rings")
    editor_page.get_by_role("button", name="Add agenda").click()
    block = editor_page.locator("[id^=title-field]").last
    block.fill("Practice")
    editor_page.get_by_label("Minutes", exact=True).fill("30")
    editor_page.get_by_label("Kind", exact=True).click()
    editor_page.get_by_text("exercise", exact=True).click()
    _publish(editor_page)
    path = curriculum / "sessions" / "04-phone-calls.yml"
    assert wait_for(path.exists, 30), sorted(p.name for p in (curriculum / "sessions").iterdir())
    text = path.read_text(encoding="utf-8")
    modeline = text.splitlines()[0]
    assert modeline.startswith(MODELINE)
    assert (path.parent / modeline.removeprefix(MODELINE)).resolve() == ROOT / "schema" / "session.schema.json"
    assert text.index("\nobjectives:") < text.index("\nagenda:")
    handbook, _ = load_handbook(curriculum)
    assert [s.title for s in handbook.sessions][-1] == "Phone calls"


def test_changes_are_saved_readably_and_show_on_the_rebuilt_page(editor_page, editing, curriculum, tmp_path, context):
    """`make serve` beside the editor: a session title and a tip body saved in the form are written as a person
    would write them, pass the check, and appear after the rebuild; nothing is asked of any other machine."""
    session = curriculum / "sessions" / "01-first-impressions.yml"
    before = session.read_text(encoding="utf-8")
    with Serve(curriculum, tmp_path / "serve.log") as serve:
        assert wait_for(lambda: urllib.request.urlopen(serve.url, timeout=5).status == 200, 240), serve.output()
        _open(editor_page, editing, "sessions/entries/01-first-impressions")
        editor_page.get_by_label("Title", exact=True).first.fill("First Impressions Count")
        _publish(editor_page)
        _title_saved_readably(session, before)
        _open(editor_page, editing, "program/entries/tips")
        editor_page.locator("[class*=listControlItem]").first.locator("button").first.click()  # opens the first tip
        _markdown_box(editor_page).fill("Smile first: people notice a friendly face at once.")
        _publish(editor_page)
        assert _saved(curriculum / "tips.yml", "Smile first: people notice a friendly face at once.")
        tips = yaml.safe_load((curriculum / "tips.yml").read_text(encoding="utf-8"))
        assert tips[0]["body"] == "Smile first: people notice a friendly face at once." and len(tips) == 24
        assert load_handbook(curriculum)[0].sessions[0].title == "First Impressions Count"
        _nothing_left_the_machine(editor_page)
        reader = context.new_page()
        for url, text in ((serve.url, "First Impressions Count"),
                          (serve.url + "tips.html", "people notice a friendly face at once")):
            # the page asked for until it holds the text (rebuilt), then read in the browser
            assert wait_for(lambda: text in urllib.request.urlopen(url, timeout=5).read().decode(), 240), serve.output()
            reader.goto(url)
            assert text in reader.locator("article").first.text_content()


def test_neither_site_contains_the_editor(default_site):
    files = [p.relative_to(default_site).as_posix() for p in default_site.rglob("*") if p.is_file()]
    assert files and not [f for f in files if f.startswith("editor/") or "decap" in f.lower() or f == "config.yml"]
    assert not any("decap" in p.read_text(encoding="utf-8", errors="ignore").lower()
                   for p in default_site.rglob("*.html"))
