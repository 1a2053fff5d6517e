"""Files a curriculum names or holds: found inside the curriculum folder only, images, videos, captions and
transcripts checked by content.

A curriculum is edited by many hands, and the site publishes what it names: a logo written as
`../../etc/passwd`, an absolute path, a symbolic link out of the folder, or a hard link (the same file under
another name, perhaps outside the folder) must never reach the site; nor is anything but a regular file read
(a named pipe would hang the build, a device would feed it without end).
The messages here never quote what a named file holds (it is not the author's YAML, and may be a secret).

Only the curriculum folder is searched, not docs/: docs/ belongs to the project, not to the organization
(a fork edits curriculum/ only), and one folder to stay inside is one rule to check.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from . import svg

MAX_IMAGE_BYTES = 1_000_000
MAX_VIDEO_BYTES = 500_000_000  # a training video of half an hour and more, in good quality
MAX_TEXT_BYTES = 1_000_000  # captions and transcripts
IMAGE_SUFFIXES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WebP", ".svg": "SVG"}
_SUFFIX_OF = {"PNG": ".png", "JPEG": ".jpg", "WebP": ".webp"}
VIDEO_SUFFIXES = {".webm": "WebM", ".mp4": "MP4"}
_VIDEO_SUFFIX_OF = {"WebM": ".webm", "MP4": ".mp4"}
_WEBVTT = re.compile(r"^WEBVTT(?:[ \t][^\n]*)?(?:\n|$)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CSS_URL = re.compile(r"url\(\s*['\"]?(?!\s*#|data:image/(png|jpeg|webp);base64,)|@import", re.IGNORECASE)


class Refused(Exception):
    """A named file the site will not publish; the message says why and what to do."""


@dataclass(frozen=True)
class Image:
    path: Path  # the file itself, inside the curriculum folder
    data: bytes  # what was checked, and so what gets published (an SVG as svg.py rebuilt it)
    suffix: str  # ".png", ".jpg", ".webp" or ".svg"


def image(folder: Path, name: str) -> Image:
    """The image file `name` (as written in the curriculum) in `folder`, checked; raises Refused."""
    path = _inside(folder, name, "an image file", "logo.png")
    suffix = path.suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        raise Refused(f'"{name}" is not an image file; use a PNG, JPEG, WebP or SVG file '
                      f"({', '.join(IMAGE_SUFFIXES)})")
    data = _read_capped(path, name)
    _check_content(data, IMAGE_SUFFIXES[suffix], name)
    if suffix == ".svg":
        try:
            data = svg.rebuild(data)
        except svg.Unsafe as unsafe:
            raise Refused(f'"{name}" {unsafe}') from None
    return Image(path, data, ".jpg" if suffix == ".jpeg" else suffix)


def file_problem(folder: Path, path: Path) -> str | None:
    """Why a curriculum file may not be read (a link out of the folder, a hard link, a pipe or device), or None.
    A folder or a missing file is left to the reader, which says it cannot read it."""
    outside = outside_problem(folder, path)
    if outside:
        return outside
    special = _special(path)
    if special == HARD_LINK:
        return f"this file {HARD_LINK}; copy the file itself into the curriculum folder"
    if special:
        return f"this is not a regular file but {special}; put a file here"
    return None


HARD_LINK = "has other names on this disk (a hard link)"


def _special(path: Path) -> str | None:
    """What makes an existing path other than a folder or a plain file with one name, in words; or None."""
    try:
        found = path.stat()
    except (OSError, ValueError):
        return None
    if stat.S_ISDIR(found.st_mode):
        return None
    if not stat.S_ISREG(found.st_mode):
        return {stat.S_IFIFO: "a named pipe", stat.S_IFSOCK: "a socket"}.get(stat.S_IFMT(found.st_mode), "a device")
    return HARD_LINK if found.st_nlink > 1 else None
@dataclass(frozen=True)
class Video:
    path: Path  # the file itself, inside the curriculum folder; published as it is (too large to hold)
    suffix: str  # ".webm" or ".mp4"


def video(folder: Path, name: str) -> Video:
    """The video file `name` in `folder`, checked by its first bytes and its size; raises Refused."""
    path = _inside(folder, name, "a video file", "videos/service.webm")
    suffix = path.suffix.lower()
    if suffix not in VIDEO_SUFFIXES:
        raise Refused(f'"{name}" is not a video file the browser plays everywhere; use a WebM or MP4 file '
                      f"({', '.join(VIDEO_SUFFIXES)})")
    if path.stat().st_size > MAX_VIDEO_BYTES:
        raise Refused(f'"{name}" is larger than {MAX_VIDEO_BYTES // 1_000_000} MB; save it at a lower quality')
    found = _video_type(_read_capped(path, name, 64, None))
    expected = VIDEO_SUFFIXES[suffix]
    if found is None:
        raise Refused(f'"{name}" is not a {expected} video (its content was checked); save the video again as '
                      f"{expected}")
    if found == "Matroska":
        raise Refused(f'"{name}" is a Matroska video, which not every browser plays; save it again as WebM or MP4')
    if found != expected:
        renamed = PurePosixPath(name).with_suffix(_VIDEO_SUFFIX_OF[found]).as_posix()
        raise Refused(f'"{name}" holds {"an" if found == "MP4" else "a"} {found} video, not {expected}; rename it to "{renamed}"')
    return Video(path, suffix)


def captions(folder: Path, name: str) -> bytes:
    """The WebVTT captions file `name` in `folder`, checked; raises Refused."""
    text = _text_file(folder, name, "a WebVTT captions file", "videos/service.vtt", (".vtt",))
    if not _WEBVTT.match(text):
        raise Refused(f'"{name}" is not a WebVTT captions file (it must start with the line "WEBVTT"); '
                      f"save the captions again as WebVTT (.vtt)")
    if _CSS_URL.search(text):
        raise Refused(f'"{name}" has a style that fetches something outside the file (url() or @import); '
                      f"remove it from the captions")
    return text.encode("utf-8")


def transcript(folder: Path, name: str) -> str:
    """The text of the plain-text transcript `name` in `folder`, checked; raises Refused."""
    return _text_file(folder, name, "a text file", "videos/service.txt", (".txt",)).strip()


def outside_problem(folder: Path, path: Path) -> str | None:
    """Why a curriculum file or folder may not be read (a symbolic link out of the folder), or None."""
    if _leaves(folder, path):
        what = "folder" if path.is_dir() else "file"
        return (f"this {what} is a symbolic link to somewhere outside the curriculum folder, or to nowhere; "
                f"put the {what} itself in the curriculum folder")
    return None


# -- where the file is --------------------------------------------------------------

def _inside(folder: Path, name: str, what: str, example: str) -> Path:
    """The file `name` names (`what` it should be, and an `example` name), which must stay inside `folder`."""
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute() or PureWindowsPath(name).drive:
        raise Refused(f'"{name}" is an absolute path; write the file\'s name in the curriculum folder, '
                      f'like "{example}"')
    if "\\" in name:
        raise Refused(f'"{name}" has a backslash; separate folders with "/"')
    if ".." in PurePosixPath(name).parts:
        raise Refused(f'"{name}" leads out of the curriculum folder (".."); put the file in the curriculum '
                      f"folder and write its name here")
    path = folder / name
    if _leaves(folder, path):
        raise Refused(f'"{name}" is a symbolic link to somewhere outside the curriculum folder, or to nowhere; '
                      f"put the file itself in the curriculum folder")
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        raise Refused(f'there is no file "{name}"; put it in the curriculum folder next to program.yml '
                      f"and write its file name here") from None
    if not stat.S_ISREG(mode):  # a folder, a pipe or a device: nothing to publish, and reading a pipe hangs
        raise Refused(f'"{name}" is not a file but a folder or a device; write the name of {what}')
    if _special(path) == HARD_LINK:
        raise Refused(f'"{name}" {HARD_LINK}; copy the file itself into the curriculum folder')
    return path


def _leaves(folder: Path, path: Path) -> bool:
    """Whether `path`, followed through any symbolic links, ends up outside `folder` (or loops)."""
    try:
        return not path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError, ValueError):  # a symbolic link loop, a NUL in the name
        return True


def _read_capped(path: Path, name: str, limit: int = MAX_IMAGE_BYTES, what: str | None = "image") -> bytes:
    """The file's bytes, at most `limit`; refused when it holds more (its first `limit` bytes when `what` is None)."""
    try:
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except OSError as error:
        raise Refused(f'"{name}" cannot be read ({error.strerror})') from None
    if len(data) > limit:
        if what is None:
            return data[:limit]
        raise Refused(f'"{name}" is larger than {limit // 1_000_000} MB; use a smaller {what}')
    return data


def _text_file(folder: Path, name: str, what: str, example: str, suffixes: tuple[str, ...]) -> str:
    path = _inside(folder, name, what, example)
    if path.suffix.lower() not in suffixes:
        raise Refused(f'"{name}" is not {what}; its name ends in {" or ".join(suffixes)}, like "{example}"')
    data = _read_capped(path, name, MAX_TEXT_BYTES, "file")
    try:
        text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        raise Refused(f'"{name}" is not UTF-8 text; save it again as UTF-8') from None
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        raise Refused(f'"{name}" has an invisible control character (U+{ord(control.group()):04X}) on its line {line}; '
                      f"delete it")
    return text


# -- what the file holds ------------------------------------------------------------

def _check_content(data: bytes, expected: str, name: str) -> None:
    found = _raster_type(data)
    if found is not None and found != expected:
        renamed = PurePosixPath(name).with_suffix(_SUFFIX_OF[found]).as_posix()
        raise Refused(f'"{name}" holds a {found} image, not {expected}; rename it to "{renamed}"')
    if found is None and expected != "SVG":
        raise Refused(f'"{name}" is not a {expected} image (its content was checked); '
                      f"save the image again as {expected}")


def _raster_type(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP"
    return None


def _video_type(head: bytes) -> str | None:
    """WebM is Matroska's EBML header with the document type "webm"; MP4 an ISO media file ("ftyp" box first)."""
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "WebM" if b"webm" in head else "Matroska"
    if head[4:8] == b"ftyp":
        return "MP4"
    return None
