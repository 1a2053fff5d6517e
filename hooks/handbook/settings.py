"""Settings that come from the environment, so the Makefile and CI can choose them."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

DEFAULT_CURRICULUM = "curriculum"
PROJECT = Path(__file__).resolve().parents[2]


def curriculum_folder(base: Path | None = None) -> Path:
    """HANDBOOK_CURRICULUM picks the curriculum folder (relative to the project), default curriculum/."""
    folder = Path(os.environ.get("HANDBOOK_CURRICULUM") or DEFAULT_CURRICULUM)
    return folder if folder.is_absolute() or base is None else base / folder


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
