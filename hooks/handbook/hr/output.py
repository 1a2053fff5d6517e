"""What the roster writes into HR's folder: roster.csv, roster.html and the countersigned records."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import jinja2
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ..placeholders import fill
from . import receipt
from .roster import ORDER, Roster

TEMPLATES = Path(__file__).parent / "templates"
COLUMNS = ("name", "status", "version", "signed_on", "file")
SORTER = TEMPLATES / "sort.js"
# A spreadsheet runs a cell that starts like a formula: a name typed as "=HYPERLINK(...)" stays text
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write_csv(roster: Roster, path: Path) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as file:  # with a BOM, spreadsheets read it as UTF-8
        writer = csv.writer(file)
        writer.writerow(COLUMNS)
        for row in roster.rows:
            writer.writerow([_cell(getattr(row, column)) for column in COLUMNS])


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def write_html(roster: Roster, path: Path, words: dict[str, str], language: str, today: dt.date,
               records: int) -> None:
    counts = {status: sum(r.status == status for r in roster.rows) for status in ORDER}
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters["fill"] = lambda text, **values: fill(text, **values)
    page = env.get_template("roster.html.j2").render(
        roster=roster, t=words, language=language, counts=counts, order=ORDER, today=today.isoformat(),
        records=records, sorter=SORTER.read_text(encoding="utf-8"))
    path.write_text(page, encoding="utf-8")


def countersign(roster: Roster, key: Ed25519PrivateKey, folder: Path, today: dt.date) -> int:
    """Writes each valid record with HR's receipt under `folder`, as named in the records folder. A record
    that already carries a good receipt from this key (it is valid only then) keeps it, so the day HR first
    received it stays."""
    for c in roster.valid:
        record: dict[str, Any] = dict(c.record)
        if "receipt" not in record:
            record["receipt"] = receipt.sign(key, record["recordCode"], today.isoformat())
        target = folder / c.file
        target.parent.mkdir(parents=True, exist_ok=True)
        write_private(target, json.dumps(record, ensure_ascii=False, indent=1))
    return len(roster.valid)


def write_private(path: Path, text: str) -> None:
    """A file of personal data, readable by its owner only (on systems with such permissions)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)
