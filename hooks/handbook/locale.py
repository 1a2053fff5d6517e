"""The words the generated pages write themselves, per language, from locales/<lang>.yml."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

LOCALES = Path(__file__).parent / "locales"


def languages() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in LOCALES.glob("*.yml")))


@cache
def _table(language: str) -> dict[str, str]:
    with open(LOCALES / f"{language}.yml", encoding="utf-8") as f:
        return yaml.safe_load(f)


def label_keys() -> tuple[str, ...]:
    return tuple(_table("en"))


def words(language: str, overrides: dict[str, str] | None = None) -> dict[str, str]:
    """The locale table for a language, with the organization's own replacements on top."""
    return {**_table(language), **(overrides or {})}
