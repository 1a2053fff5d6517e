"""Settings that come from the environment, so the Makefile and CI can choose them."""

from __future__ import annotations

import datetime as dt
import os
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
