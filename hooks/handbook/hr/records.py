"""A record file, read and checked by exactly the rules of the check page (verify.js's file check).

The answer is the locale word key the check page would show (verify_<key>), so the roster gives the
same reason in the same words; tests run both on the same records.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import agreement_hash as ah
from . import receipt
from .changes import parts

MAX_BYTES = 5_000_000  # a record with a drawn signature is tens of kilobytes; anything far larger is not one

# Why a record does not check, as verify.js says it (locale keys verify_<reason>)
BAD_FILE, TEXT_ALTERED, UNKNOWN, SIGNATURE_ALTERED, CONFIRMATIONS_ALTERED, MISMATCH = (
    "bad_file", "text_altered", "unknown", "signature_altered", "confirmations_altered", "mismatch")


@dataclass(frozen=True)
class Checked:
    file: str  # relative to the records folder
    record: dict[str, Any] | None  # None when it could not be read as a record
    problem: str  # "" when the record checks
    version: dict[str, Any] | None  # the known version it was made for

    @property
    def valid(self) -> bool:
        return not self.problem

    @property
    def name(self) -> str:
        return self.record["fields"]["name"] if self.record else ""


def read(path: Path) -> dict[str, Any] | None:
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None


def check(record: Any, versions: list[dict[str, Any]], hr_key: str | None) -> tuple[str, dict[str, Any] | None]:
    """(problem, the known version): problem "" when the record checks, and so does its receipt if it has one
    (a receipt's problem is "receipt_<why>")."""
    problem, known = check_record(record, versions)
    if not problem and "receipt" in record:
        why = receipt.problem(record["receipt"], record["recordCode"], hr_key)
        problem = f"receipt_{why}" if why and why != receipt.NO_KEY else ""  # without a key: unchecked, not wrong
    return problem, known


def check_record(record: Any, versions: list[dict[str, Any]]) -> tuple[str, dict[str, Any] | None]:
    if not well_formed(record):
        return BAD_FILE, None
    agreement = record["agreement"]
    known = next((v for v in versions if v["hash"] == agreement["hash"]), None)
    try:
        if ah.sha256(agreement["text"]) != agreement["hash"]:
            return TEXT_ALTERED, known
        if not known:
            return UNKNOWN, None
        if digest(record["signature"]) != record["signatureDigest"]:
            return SIGNATURE_ALTERED, known
        if record["format"] == ah.RECORD_FORMAT_1:
            code = ah.record_code_1(agreement["hash"], record["fields"], record["signatureDigest"])
            return ("" if code == record["recordCode"] else MISMATCH), known
        if [ah.normalize(c) for c in record["confirmed"]] != parts(agreement["text"])["acknowledgements"]:
            return CONFIRMATIONS_ALTERED, known
        code = ah.record_code(agreement["hash"], agreement["version"], record["confirmed"], record["fields"],
                              record["signatureDigest"], record["signedAt"])
    except UnicodeEncodeError:  # a lone surrogate from the JSON: no browser wrote this
        return BAD_FILE, None
    same_version = ah.normalize(agreement["version"]) == ah.normalize(known["version"])
    return ("" if code == record["recordCode"] and same_version else MISMATCH), known


def check_file(path: Path, folder: Path, versions: list[dict[str, Any]], hr_key: str | None) -> Checked:
    record = read(path)
    problem, version = check(record, versions, hr_key)
    return Checked(path.relative_to(folder).as_posix(), record if problem != BAD_FILE else None, problem, version)


def digest(signature: dict[str, Any]) -> str:
    if signature["kind"] == "typed":
        return ah.signature_digest("typed", signature["text"])
    return ah.signature_digest("drawn", ah.strokes_text([[int(n) for n in s] for s in signature["strokes"]]))


# -- the shape of a record file (verify.js: wellFormed) -------------------------------------------

def _text(value: Any) -> bool:
    return isinstance(value, str)


def _integer(value: Any) -> bool:  # JSON's 3.0 is JavaScript's 3
    return not isinstance(value, bool) and (isinstance(value, int) or (isinstance(value, float) and value.is_integer()))


def _strokes(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(s, list) and len(s) >= 2 and len(s) % 2 == 0 and all(map(_integer, s)) for s in value)


def _signature(sig: Any) -> bool:
    if not isinstance(sig, dict):
        return False
    return _text(sig.get("text")) if sig.get("kind") == "typed" else sig.get("kind") == "drawn" and _strokes(
        sig.get("strokes"))


def well_formed(r: Any) -> bool:
    if not isinstance(r, dict) or r.get("format") not in (ah.RECORD_FORMAT, ah.RECORD_FORMAT_1):
        return False
    agreement, fields = r.get("agreement"), r.get("fields")
    if not (isinstance(agreement, dict) and _text(agreement.get("hash")) and _text(agreement.get("text"))):
        return False
    if not (isinstance(fields, dict) and all(_text(fields.get(f)) for f in ah.RECORD_FIELDS)):
        return False
    if not (_signature(r.get("signature")) and _text(r.get("signatureDigest")) and _text(r.get("recordCode"))):
        return False
    return r["format"] == ah.RECORD_FORMAT_1 or (
        _text(agreement.get("version")) and _text(r.get("signedAt")) and isinstance(r.get("confirmed"), list)
        and all(map(_text, r["confirmed"])))
