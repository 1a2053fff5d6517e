"""Settings that come from the environment, so the Makefile and CI can choose them."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CURRICULUM = "curriculum"
# The editions one curriculum makes: staff read the handbook; trainers also get what only they may see.
STAFF, TRAINERS = "staff", "trainers"
EDITIONS = (STAFF, TRAINERS)
PROJECT = Path(__file__).resolve().parents[2]


def curriculum_folder(base: Path | None = None) -> Path:
    """HANDBOOK_CURRICULUM picks the curriculum folder (relative to the project), default curriculum/."""
    folder = Path(os.environ.get("HANDBOOK_CURRICULUM") or DEFAULT_CURRICULUM)
    return folder if folder.is_absolute() or base is None else base / folder


class SettingError(ValueError):
    """An environment setting with a value the handbook does not know; the message says what to write."""


def edition() -> str:
    """HANDBOOK_EDITION picks the edition: staff (the default) or trainers."""
    name = (os.environ.get("HANDBOOK_EDITION") or STAFF).strip()
    if name not in EDITIONS:
        raise SettingError(f'HANDBOOK_EDITION="{name}" is not an edition of the handbook; '
                           f"use {' or '.join(EDITIONS)}")
    return name


def today() -> dt.date:
    """The build's date; SOURCE_DATE_EPOCH (the reproducible-builds convention) fixes it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def pdf_enabled() -> bool:
    """HANDBOOK_PDF=0 builds no PDFs (`make serve` sets it, unless asked with PDF=1); on by default."""
    return (os.environ.get("HANDBOOK_PDF") or "1").strip().lower() not in ("0", "no", "false", "off")


def pdf_cache() -> Path:
    """Where made PDFs are kept by the hash of their content: HANDBOOK_PDF_CACHE, default .cache/pdf/."""
    folder = os.environ.get("HANDBOOK_PDF_CACHE")
    return Path(folder) if folder else PROJECT / ".cache" / "pdf"


def grade_cache() -> Path:
    """Where reading grades are kept by the hash of their text: HANDBOOK_GRADE_CACHE, default .cache/grades/."""
    folder = os.environ.get("HANDBOOK_GRADE_CACHE")
    return Path(folder) if folder else PROJECT / ".cache" / "grades"


@dataclass(frozen=True)
class Settings:
    """What one build was asked for, read from the environment once, at its start."""
    command: str  # "build" or "serve" (MkDocs' command: `mkdocs serve` shows problems in the browser)
    curriculum: Path
    edition: str
    pdf: bool  # whether printable pages get their PDF
    pdf_cache: Path
    today: dt.date

    @classmethod
    def read(cls, command: str, project: Path) -> "Settings":
        """The settings of a build of the project in `project`; SettingError names a setting it does not know."""
        return cls(command, curriculum_folder(project), edition(), pdf_enabled(), pdf_cache(), today())
