"""A folder of signed records and the staff list → one row per person: who signed the current version,
who signed an older one (and what changed since), which files are not good records, who has not signed.
"""

from __future__ import annotations

import csv
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import agreement_hash as ah
from .changes import changed_parts
from .records import Checked, check_file

CURRENT, OUTDATED, INVALID, MISSING = "current", "outdated", "invalid", "missing"
ORDER = (MISSING, INVALID, OUTDATED, CURRENT)  # what HR acts on first


class StaffListError(Exception):
    """A staff list that cannot be read, with a message for HR."""


@dataclass(frozen=True)
class Row:
    name: str
    status: str
    version: str = ""
    signed_on: str = ""
    file: str = ""
    reason: str = ""  # invalid: why, as a locale key (verify_<reason>)
    changes: list[dict[str, Any]] = field(default_factory=list)  # outdated: each part that changed since
    checked: Checked | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Roster:
    rows: list[Row]
    valid: list[Checked]  # every record that checks, a person's earlier ones included (all get receipts)
    current_version: str


def person(name: str) -> str:
    """A name as matched: case and spacing do not matter."""
    return ah.normalize(name).casefold()


def signed_moment(record: dict[str, Any]) -> str:
    """When a record was made, for finding a person's latest: the signing time, or the date of format 1."""
    if record["format"] == ah.RECORD_FORMAT:
        return ah.signed_at(record["signedAt"])
    return ah.normalize(record["fields"]["date"])


def record_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.json") if p.is_file())


def read_staff(path: Path) -> list[str]:
    """The names in the `name` column of a CSV (as spreadsheets save it, with or without a BOM)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as file:
            reader = csv.DictReader(file)
            column = next((c for c in reader.fieldnames or () if c and c.strip().casefold() == "name"), None)
            if column is None:
                raise StaffListError(f"{path} has no `name` column: its first line must name the columns, "
                                     "one of them `name`")
            return [ah.normalize(row[column]) for row in reader if ah.normalize(row[column] or "")]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise StaffListError(f"{path} cannot be read as a CSV file in UTF-8: {error}") from None


def make(folder: Path, versions: list[dict[str, Any]], staff: list[str], words: dict[str, str],
         hr_key: str | None = None) -> Roster:
    checked = [check_file(path, folder, versions, hr_key) for path in record_files(folder)]
    valid = [c for c in checked if c.valid]
    latest: dict[str, Checked] = {}
    for c in sorted(valid, key=lambda c: signed_moment(c.record)):
        latest[person(c.name)] = c
    current = versions[0]
    rows = [signed_row(c, current, words) for c in latest.values()]
    rows += [Row(c.name, INVALID, file=c.file, reason=c.problem, checked=c) for c in checked if not c.valid]
    seen = set(latest)
    for name in staff:
        if person(name) not in seen:
            seen.add(person(name))
            rows.append(Row(name, MISSING))
    rows.sort(key=lambda r: (ORDER.index(r.status), person(r.name), r.file))
    return Roster(rows, valid, current["version"])


def signed_row(c: Checked, current: dict[str, Any], words: dict[str, str]) -> Row:
    version = c.version
    row = Row(c.name, CURRENT if version["current"] else OUTDATED, version["version"],
              ah.normalize(c.record["fields"]["date"]), c.file, checked=c)
    if version["current"]:
        return row
    # the record holds the text it was signed under, checked against its hash: what changed is always known
    changes = changed_parts(c.record["agreement"]["text"], current["text"], words)
    return dataclasses.replace(row, changes=changes)
