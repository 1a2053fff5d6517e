"""Files a curriculum names or holds: found inside the curriculum folder only, images checked by content.

A curriculum is edited by many hands, and the site publishes what it names: a logo written as
`../../etc/passwd`, an absolute path, a symbolic link out of the folder, or a hard link (the same file under
another name, perhaps outside the folder) must never reach the site; nor is anything but a regular file read
(a named pipe would hang the build, a device would feed it without end).
The messages here never quote what a named file holds (it is not the author's YAML, and may be a secret).

Only the curriculum folder is searched, not docs/: docs/ belongs to the project, not to the organization
(a fork edits curriculum/ only), and one folder to stay inside is one rule to check.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from . import svg

MAX_IMAGE_BYTES = 1_000_000
IMAGE_SUFFIXES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WebP", ".svg": "SVG"}
_SUFFIX_OF = {"PNG": ".png", "JPEG": ".jpg", "WebP": ".webp"}


class Refused(Exception):
    """A named file the site will not publish; the message says why and what to do."""


@dataclass(frozen=True)
class Image:
    path: Path  # the file itself, inside the curriculum folder
    data: bytes  # what was checked, and so what gets published (an SVG as svg.py rebuilt it)
    suffix: str  # ".png", ".jpg", ".webp" or ".svg"


def image(folder: Path, name: str) -> Image:
    """The image file `name` (as written in the curriculum) in `folder`, checked; raises Refused."""
    path = _inside(folder, name)
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


def outside_problem(folder: Path, path: Path) -> str | None:
    """Why a curriculum file or folder may not be read (a symbolic link out of the folder), or None."""
    if _leaves(folder, path):
        what = "folder" if path.is_dir() else "file"
        return (f"this {what} is a symbolic link to somewhere outside the curriculum folder, or to nowhere; "
                f"put the {what} itself in the curriculum folder")
    return None


# -- where the file is --------------------------------------------------------------

def _inside(folder: Path, name: str) -> Path:
    """The file `name` names, which must stay inside `folder`."""
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute() or PureWindowsPath(name).drive:
        raise Refused(f'"{name}" is an absolute path; write the file\'s name in the curriculum folder, '
                      f'like "logo.png"')
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
        raise Refused(f'"{name}" is not a file but a folder or a device; write the name of an image file')
    if _special(path) == HARD_LINK:
        raise Refused(f'"{name}" {HARD_LINK}; copy the file itself into the curriculum folder')
    return path


def _leaves(folder: Path, path: Path) -> bool:
    """Whether `path`, followed through any symbolic links, ends up outside `folder` (or loops)."""
    try:
        return not path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError, ValueError):  # a symbolic link loop, a NUL in the name
        return True


def _read_capped(path: Path, name: str) -> bytes:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_IMAGE_BYTES + 1)
    except OSError as error:
        raise Refused(f'"{name}" cannot be read ({error.strerror})') from None
    if len(data) > MAX_IMAGE_BYTES:
        raise Refused(f'"{name}" is larger than {MAX_IMAGE_BYTES // 1_000_000} MB; use a smaller image')
    return data


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
