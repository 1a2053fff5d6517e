"""Files a curriculum names or holds stay inside its folder, and every text keeps within limits.

A corpus of hostile and careless curricula, each pinned to its exact message, file, line and column:
logos that point out of the folder or hold something that is not a harmless image, curriculum files
and folders that are symbolic links out of the folder, over-long ids and texts, invisible control
characters and broken characters written with YAML escapes, and a sessions/ folder with no session.
No message ever quotes what a named file holds.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from handbook import CurriculumError, load_handbook, schema
from handbook.curriculum import files
from handbook.render import reference
from handbook.problems import printable
from support import MINIMAL_CURRICULUM, build
from test_hostile_input import Replace, make_curriculum

SESSION = "sessions/01-greeting.yml"
SECRET = "root:x:0:0:hunter2-secret"  # what an outside file holds; no message may quote it
SVG = 'xmlns="http://www.w3.org/2000/svg"'
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 32
WEBP = b"RIFF\x24\0\0\0WEBPVP8 " + b"\0" * 32


@dataclass(frozen=True)
class Link:
    """A symbolic link to `target`; "{outside}" stands for a folder next to the curriculum."""
    target: str


@dataclass(frozen=True)
class Case:
    name: str
    edits: dict  # path in the curriculum → what make_curriculum takes, or Link, or "<fifo>"
    file: str
    line: int
    column: int
    message: str
    path: str = ""  # the field path the problem names
    built: bool = field(default=False)  # also run through the real `mkdocs build`


def logo(value: str, **more) -> dict:
    """program.yml names `value` as the logo (on line 4, its value at column 9), plus more files."""
    line = f"  name: Northside Family Practice\n  logo: {value}\n"
    return {"program.yml": Replace("  name: Northside Family Practice\n", line), **more}


def svg(body: str, **attributes: str) -> str:
    extra = "".join(f' {k.replace("_", ":")}="{v}"' for k, v in attributes.items())
    return f"<svg {SVG}{extra}>{body}</svg>"


def at_logo(name: str, edits: dict, message: str, built: bool = False) -> Case:
    return Case(name, edits, "program.yml", 4, 9, message, "organization.logo", built)


OUTSIDE = "symbolic link to somewhere outside the curriculum folder, or to nowhere"
PUT_IT_HERE = "put the file itself in the curriculum folder"
STRIPPED_SVG = "an SVG logo may hold only drawing, so save it again without it"
LONG_ID = "a" * 300
CASES = [
    # -- item 3: the logo resolves inside the curriculum folder only -------------------------------------
    at_logo("a logo up and out with ..", logo("../secret.png"),
            '"../secret.png" leads out of the curriculum folder (".."); put the file in the curriculum folder '
            "and write its name here", built=True),
    at_logo("a logo deeper then up and out", logo("art/../../secret.png"),
            '"art/../../secret.png" leads out of the curriculum folder (".."); put the file in the curriculum '
            "folder and write its name here"),
    at_logo("a logo at an absolute path", logo("/etc/passwd"),
            '"/etc/passwd" is an absolute path; write the file\'s name in the curriculum folder, like "logo.png"'),
    at_logo("a logo at a Windows drive path", logo("C:\\logo.png"),
            '"C:\\logo.png" is an absolute path; write the file\'s name in the curriculum folder, like "logo.png"'),
    at_logo("a logo path with backslashes", logo("art\\logo.png"),
            '"art\\logo.png" has a backslash; separate folders with "/"'),
    at_logo("a logo that is a link to the password file", logo("logo.png", **{"logo.png": Link("/etc/passwd")}),
            f'"logo.png" is a {OUTSIDE}; {PUT_IT_HERE}', built=True),
    at_logo("a logo that is a link to an outside file", logo("logo.png", **{"logo.png": Link("{outside}/secret.png")}),
            f'"logo.png" is a {OUTSIDE}; {PUT_IT_HERE}'),
    at_logo("a logo inside a linked outside folder", logo("art/secret.png", art=Link("{outside}")),
            f'"art/secret.png" is a {OUTSIDE}; {PUT_IT_HERE}'),
    at_logo("a logo that is a link loop", logo("a.png", **{"a.png": Link("b.png"), "b.png": Link("a.png")}),
            f'"a.png" is a {OUTSIDE}; {PUT_IT_HERE}'),
    at_logo("a logo that is a folder", logo("art.png", **{"art.png": "<dir>"}), '"art.png" is not a file but a folder or a device; write the name of an image file'),
    at_logo("a logo that is a named pipe", logo("logo.png", **{"logo.png": "<fifo>"}), '"logo.png" is not a file but a folder or a device; write the name of an image file'),
    at_logo("a logo that does not exist", logo("logo.png"),
            'there is no file "logo.png"; put it in the curriculum folder next to program.yml and write its file '
            "name here"),
    at_logo("a logo of a type not published", logo("logo.gif", **{"logo.gif": b"GIF89a" + b"\0" * 20}),
            '"logo.gif" is not an image file; use a PNG, JPEG, WebP or SVG file (.png, .jpg, .jpeg, .webp, .svg)'),
    at_logo("a logo over the size limit", logo("logo.png", **{"logo.png": PNG + b"\0" * files.MAX_IMAGE_BYTES}),
            '"logo.png" is larger than 1 MB; use a smaller image'),
    at_logo("a JPEG named .png", logo("logo.png", **{"logo.png": JPEG}),
            '"logo.png" holds a JPEG image, not PNG; rename it to "logo.jpg"'),
    at_logo("a PNG named .svg", logo("logo.svg", **{"logo.svg": PNG}),
            '"logo.svg" holds a PNG image, not SVG; rename it to "logo.png"'),
    at_logo("a secret text named .png", logo("logo.png", **{"logo.png": SECRET}),
            '"logo.png" is not a PNG image (its content was checked); save the image again as PNG'),
    at_logo("a secret text named .webp", logo("logo.webp", **{"logo.webp": SECRET}),
            '"logo.webp" is not a WebP image (its content was checked); save the image again as WebP'),
    # SVG: drawing only
    at_logo("an SVG with a script", logo("logo.svg", **{"logo.svg": svg("<script>alert(1)</script>")}),
            f'"logo.svg" has a script; {STRIPPED_SVG}', built=True),
    at_logo("an SVG with an onload attribute", logo("logo.svg", **{"logo.svg": svg("", onload="alert(1)")}),
            f'"logo.svg" has an event attribute (on...), which runs script; {STRIPPED_SVG}'),
    at_logo("an SVG with an onclick deep inside",
            logo("logo.svg", **{"logo.svg": svg('<g><g><rect onclick="steal()"/></g></g>')}),
            f'"logo.svg" has an event attribute (on...), which runs script; {STRIPPED_SVG}'),
    at_logo("an SVG with an image from another host",
            logo("logo.svg", **{"logo.svg": svg('<image href="https://tracker.example/p.png"/>')}),
            f'"logo.svg" has a reference to something outside the file (href or src); {STRIPPED_SVG}'),
    at_logo("an SVG that uses another host's drawing",
            logo("logo.svg", **{"logo.svg": svg('<use xlink:href="https://cdn.example/s.svg#a"/>',
                                                xmlns_xlink="http://www.w3.org/1999/xlink")}),
            f'"logo.svg" has a reference to something outside the file (href or src); {STRIPPED_SVG}'),
    at_logo("an SVG with a javascript: link",
            logo("logo.svg", **{"logo.svg": svg('<a href="javascript:alert(1)"><rect/></a>')}),
            f'"logo.svg" has a reference to something outside the file (href or src); {STRIPPED_SVG}'),
    at_logo("an SVG whose animation turns a link into script",
            logo("logo.svg", **{"logo.svg": svg('<a><set attributeName="href" to="javascript:alert(1)"/><rect/></a>')}),
            f'"logo.svg" has an animation that changes a link, which can run script; {STRIPPED_SVG}'),
    at_logo("an SVG that pulls a style sheet from another host",
            logo("logo.svg", **{"logo.svg": '<?xml-stylesheet href="https://x.example/a.css"?>' + svg("<rect/>")}),
            '"logo.svg" has a processing instruction (<?...?>), such as a style sheet from another file; '
            f"{STRIPPED_SVG}"),
    at_logo("an SVG with a style that fetches",
            logo("logo.svg", **{"logo.svg": svg('<rect style="fill: url(https://x.example/f)"/>')}),
            f'"logo.svg" has a style that fetches something outside the file (url() or @import); {STRIPPED_SVG}'),
    at_logo("an SVG with a style sheet that imports",
            logo("logo.svg", **{"logo.svg": svg('<style>@import "https://x.example/a.css";</style>')}),
            f'"logo.svg" has a style that fetches something outside the file (url() or @import); {STRIPPED_SVG}'),
    at_logo("an SVG with embedded HTML",
            logo("logo.svg", **{"logo.svg": svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div>'
                                                "</foreignObject>")}),
            f'"logo.svg" has embedded HTML (foreignObject); {STRIPPED_SVG}'),
    at_logo("an SVG that reads the password file (XXE)",
            logo("logo.svg", **{"logo.svg": '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM '
                                            f'"file:///etc/passwd">]>{svg("<text>&x;</text>")}'}),
            '"logo.svg" declares XML entities or outside references; save it again as plain SVG'),
    at_logo("an SVG entity bomb",
            logo("logo.svg", **{"logo.svg": '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                                            + svg("<text>&b;</text>")}),
            '"logo.svg" declares XML entities or outside references; save it again as plain SVG'),
    at_logo("an SVG that is not well-formed", logo("logo.svg", **{"logo.svg": svg("<g>")}),
            '"logo.svg" is not a well-formed SVG file (XML error at line 1, column 46); save it again from the '
            "drawing program"),
    at_logo("an HTML page named .svg",
            logo("logo.svg", **{"logo.svg": '<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>'}),
            '"logo.svg" is not an SVG image (its outermost element is not <svg> in the SVG namespace)'),
    # -- item 3: curriculum files and folders that are links out of the folder ----------------------------
    Case("program.yml is a link to an outside file", {"program.yml": Link("{outside}/program.yml")}, "program.yml",
         1, 1, "this file is a symbolic link to somewhere outside the curriculum folder, or to nowhere; "
               "put the file itself in the curriculum folder", built=True),
    Case("a session file is a link to the password file", {SESSION: Link("/etc/passwd")}, SESSION, 1, 1,
         "this file is a symbolic link to somewhere outside the curriculum folder, or to nowhere; "
         "put the file itself in the curriculum folder"),
    Case("sessions/ is a link to an outside folder", {"sessions": Link("{outside}/sessions")}, "sessions", 1, 1,
         "this folder is a symbolic link to somewhere outside the curriculum folder, or to nowhere; "
         "put the folder itself in the curriculum folder"),
    Case("tips.yml is a link loop", {"tips.yml": Link("tips.yml")}, "tips.yml", 1, 1,
         "this file is a symbolic link to somewhere outside the curriculum folder, or to nowhere; "
         "put the file itself in the curriculum folder"),
    # -- item 4: limits --------------------------------------------------------------------------------
    Case("a 300-character session id", {SESSION: Replace("title: Greeting", f"id: {LONG_ID}\ntitle: Greeting")},
         SESSION, 2, 5, "this is 300 characters long; it may have at most 64, so shorten it", "id", built=True),
    Case("a 100-character session file name", {SESSION: None, f"sessions/01-{'b' * 100}.yml":
                                               (MINIMAL_CURRICULUM / SESSION).read_text(encoding="utf-8")},
         f"sessions/01-{'b' * 100}.yml", 1, 1,
         "the name after the number is 100 characters long; it becomes the session's address, so keep it to 64"),
    Case("a 65-character tip id", {"tips.yml": Replace("- id: smile", "- id: " + "s" * 65)}, "tips.yml", 2, 7,
         "this is 65 characters long; it may have at most 64, so shorten it", "[0].id"),
    Case("a program title of 151 characters", {"program.yml": Replace("title: Front Desk Basics", "title: " + "T" * 151)},
         "program.yml", 5, 10, "this is 151 characters long; it may have at most 150, so shorten it", "program.title"),
    Case("a tip body of 10001 characters", {"tips.yml": Replace("body: A warm smile tells the patient they are welcome.",
                                                          "body: " + "w" * 10_001)},
         "tips.yml", 4, 9, "this is 10001 characters long; it may have at most 10000, so shorten it", "[0].body"),
    Case("an objective of 1001 characters",
         {SESSION: Replace("  - Greet each patient within ten seconds of arrival", "  - " + "o" * 1001)},
         SESSION, 6, 5, "this is 1001 characters long; it may have at most 1000, so shorten it", "objectives[0]"),
    Case("a page word of 1001 characters",
         {"program.yml": Replace('  version: "test-1"', '  version: "test-1"\nlabels:\n  objectives: ' + "x" * 1001)},
         "program.yml", 10, 3, "this is 1001 characters long; it may have at most 1000, so shorten it",
         "labels.objectives"),
    Case("a version label of 41 characters", {"program.yml": Replace('"test-1"', '"' + "v" * 41 + '"')},
         "program.yml", 8, 12, "this is 41 characters long; it may have at most 40, so shorten it", "program.version"),
    # control characters and broken characters, written with YAML escapes
    Case("a lone surrogate in a title", {SESSION: Replace("title: Greeting patients", 'title: "Greeting \\uD800"')},
         SESSION, 2, 8, "this text has half of a character (\\uD800, a lone surrogate), which is not text; remove it",
         built=True),
    Case("a NUL escape in a summary", {SESSION: Replace("summary: How to greet every patient.",
                                                        'summary: "How to greet\\0 every patient."')},
         SESSION, 4, 10, "this text has an invisible control character (U+0000); remove it", built=True),
    Case("an escape character in a tip", {"tips.yml": Replace("body: A warm smile tells the patient they are welcome.",
                                                              'body: "\\e[31mA warm smile"')},
         "tips.yml", 4, 9, "this text has an invisible control character (U+001B); remove it"),
    Case("an emoji written as two halves", {"tips.yml": Replace("title: Smile when you greet",
                                                                'title: "Smile \\uD83D\\uDE00"')},
         "tips.yml", 3, 10, "this text has a character written as two halves (\\uD83D\\uDE00); write the character "
                            "itself, or \\U0001F600"),
    Case("a C1 control in an objective", {SESSION: Replace("  - Greet each patient within ten seconds of arrival",
                                                              '  - "Greet\\x85 every patient"')},
         SESSION, 6, 5, "this text has an invisible control character (U+0085); remove it"),
    Case("a control character in a key", {"program.yml": Replace("organization:", '"organization\\x01":')},
         "program.yml", 2, 1, "this text has an invisible control character (U+0001); remove it"),
    Case("a carriage return escape in a term", {"definitions.yml": Replace("term: empathy", 'term: "empa\\rthy"')},
         "definitions.yml", 3, 9, "this text has an invisible control character (U+000D); remove it"),
    # file names that are not UTF-8 (as a file copied from another system may have)
    Case("a session file name that is not UTF-8", {"sessions/02-caf\udce9.yml": "title: x\n"},
         "sessions/02-caf\udce9.yml", 1, 1, "session files are named with a number, a hyphen and a lowercase name "
                                            'ending in .yml, like "04-phone-calls.yml"', built=True),
    Case("a stray .yaml file whose name is not UTF-8", {"caf\udce9.yaml": "x: 1\n"}, "caf\udce9.yaml", 1, 1,
         "this file is not part of a curriculum (expected: program.yml, agreement.yml, tips.yml, definitions.yml, "
         "sources.yml, schedule.yml, and sessions/)"),
    # a sessions/ folder with no session in it
    Case("sessions/ holds only .gitkeep", {SESSION: None, "sessions/.gitkeep": ""}, "sessions", 1, 1,
         'there are no sessions; add a file like "sessions/01-first-impressions.yml"', built=True),
]


def make(tmp_path: Path, edits: dict) -> Path:
    """A copy of the minimal curriculum with the case's edits, and an outside folder it must never reach."""
    outside = tmp_path / "outside"
    shutil.copytree(MINIMAL_CURRICULUM, outside)
    (outside / "secret.png").write_text(SECRET, encoding="utf-8")
    plain = {k: v for k, v in edits.items() if (MINIMAL_CURRICULUM / k).parent.is_dir() and not isinstance(v, Link)
             and v != "<fifo>"}
    folder = make_curriculum(tmp_path / "curriculum", plain)
    for name, edit in edits.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name in plain:
            continue
        if isinstance(edit, (str, bytes)) and edit not in ("<fifo>", "<dir>"):
            path.write_bytes(edit if isinstance(edit, bytes) else edit.encode("utf-8"))
        elif isinstance(edit, Link):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            elif path.exists() or path.is_symlink():
                path.unlink()
            path.symlink_to(edit.target.replace("{outside}", str(outside)))
        elif edit == "<fifo>":
            os.mkfifo(path)
    return folder


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40 and len({c.name for c in CASES}) == len(CASES)
    assert sum(c.built for c in CASES) >= 5


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_case_gives_its_exact_message_at_its_position(case, tmp_path):
    assert_refused(case, make(tmp_path, case.edits))


def assert_refused(case: Case, folder: Path) -> None:
    """The check refuses the case's curriculum with its exact message and position, quoting no outside file."""
    with pytest.raises(CurriculumError) as caught:  # any other exception fails the test with its traceback
        load_handbook(folder)
    expected = (printable(str(folder / case.file)), case.line, case.column, case.path, case.message)
    found = [(p.file, p.line, p.column, p.path, p.message) for p in caught.value.problems]
    assert expected in found, f"expected {expected} in:\n{caught.value.report()}"
    assert SECRET not in caught.value.report() and "hunter2" not in caught.value.report()


BUILT = [c for c in CASES if c.built]


@pytest.mark.parametrize("case", BUILT, ids=[c.name for c in BUILT])
def test_the_real_build_fails_cleanly_and_publishes_nothing(case, tmp_path):
    assert_build_fails(case, make(tmp_path, case.edits), tmp_path / "site")


def assert_build_fails(case: Case, folder: Path, site: Path) -> None:
    """`mkdocs build` of the case's curriculum stops with its message and position, no traceback, no page."""
    result = build(folder, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output and "hunter2" not in output, output
    assert f"{printable(str(folder / case.file))}:{case.line}:{case.column}: " in output and case.message in output, output
    assert not site.exists() or not any(site.rglob("*.html"))


# -- what is accepted ------------------------------------------------------------------------------

ACCEPTED_LOGOS = {
    "logo.png": PNG,
    "logo.jpg": JPEG,
    "logo.jpeg": JPEG,
    "logo.webp": WEBP,
    "art/logo.svg": svg('<defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><use href="#g"/>'),
    "exported.svg": '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
                    '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
                    + svg('<image xlink:href="data:image/png;base64,iVBORw0KGgo="/>',
                          xmlns_xlink="http://www.w3.org/1999/xlink"),
}


@pytest.mark.parametrize("name", ACCEPTED_LOGOS)
def test_a_harmless_image_in_the_folder_is_accepted(name, tmp_path):
    folder = make(tmp_path, logo(name, **{name: ACCEPTED_LOGOS[name]}))
    assert load_handbook(folder)[0].organization.logo == name
    checked = files.image(folder, name)
    original = (folder / name).read_bytes()
    assert checked.data == (files.svg.rebuild(original) if name.endswith(".svg") else original)


def test_a_link_that_stays_inside_the_folder_is_accepted(tmp_path):
    folder = make(tmp_path, logo("logo.png", **{"art/real.png": PNG, "logo.png": Link("art/real.png")}))
    assert load_handbook(folder)[0].organization.logo == "logo.png"


def test_a_logo_under_docs_is_not_looked_for(tmp_path):
    """docs/ is the project's own folder, not the curriculum's: a logo is found in the curriculum only."""
    folder = make(tmp_path, logo("assets/stylesheets/handbook.css"))
    with pytest.raises(CurriculumError) as caught:
        load_handbook(folder)
    assert caught.value.problems[0].message.startswith('there is no file "assets/stylesheets/handbook.css"')


def test_the_published_logo_is_the_checked_file(tmp_path):
    folder = make(tmp_path, logo("logo.svg", **{"logo.svg": svg('<circle r="4"/>')}))
    site = tmp_path / "site"
    result = build(folder, site)
    assert result.returncode == 0, result.stderr
    assert (site / "assets" / "images" / "logo.svg").read_bytes() == files.image(folder, "logo.svg").data


def test_the_limits_are_in_the_schema_and_on_the_fields_page():
    schemas = schema.all_schemas()
    assert schemas["session.schema.json"]["properties"]["id"]["anyOf"][0]["maxLength"] == 64
    assert schemas["session.schema.json"]["properties"]["objectives"]["items"]["maxLength"] == 1000
    assert schemas["program.schema.json"]["$defs"]["Program"]["properties"]["title"]["maxLength"] == 150
    fields = reference.markdown()  # guide/fields.md
    assert "| `id` | id (≤ 64 characters) | optional |" in fields
    assert "| `program.summary` | text (≤ 10,000 characters) | required |" in fields
