"""What a signature is bound to: the agreement's canonical text, its version hash, the record code.

The browser computes record codes with the same rules (docs/assets/javascripts/agreement/record.js);
tests check that both give the same answers. Changing anything here changes every hash: bump the
format names below if you ever must.

Canonical agreement text: UTF-8, lines joined with "\n", no trailing newline. Each line is
`key: value`; every value is NFC-normalized with runs of whitespace collapsed to one space, so
re-wrapping the YAML does not change the hash but changing a word does:

    handbook-agreement/1
    version: <program.version>
    organization: <organization.name>
    program: <program.title>
    title: <agreement title>
    preamble: <one line per paragraph, placeholders filled in>
    commitment <id>: <text>
    evaluation <id>: <evaluation>
    acknowledgement: <text>              (one line each, in order)

Canonical record (same rules), whose SHA-256 gives the record code (format 2; everything on the record):

    handbook-agreement-record/2
    agreement: <version hash, 64 lowercase hex digits>
    version: <the agreement's version label>
    confirmed: <text>                    (one line per confirmation the signer ticked, in order)
    name: / employee-id: / job-title: / department: / supervisor: / date: <YYYY-MM-DD>
    signature: <signature digest>
    signed-at: <YYYY-MM-DDTHH:MMZ, the time the record was made, in UTC>

Format 1 (records made before format 2) had only the lines agreement, the six details and signature:
it did not cover the confirmations, the version label or the time of signing. Such records still verify, for a
version published before format 2 existed (RECORD_FORMAT_2_SINCE); for any other, they are refused.

HR's receipt (added to a record file by HR's roster, signed with HR's Ed25519 key; its public key is
`hr_public_key` in agreement.yml and the key id the first 16 hex digits of the SHA-256 of its 32 bytes).
The signature (128 hex digits) is over these lines:

    handbook-receipt/1
    record: <record code>
    received: <YYYY-MM-DD, the day HR received the record>
    key: <key id>

Signature digest: the first 12 hex digits of SHA-256 of "typed\n<typed name>" or of
"drawn\n<strokes>", strokes one per line, each point "x,y" in integer 1/10000ths of the pad's
width, points separated by spaces. The record code is the first 20 hex digits of its SHA-256.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata

from .model import Handbook
from .placeholders import fill

AGREEMENT_FORMAT = "handbook-agreement/1"
RECORD_FORMAT = "handbook-agreement-record/2"
RECORD_FORMAT_1 = "handbook-agreement-record/1"
# The day format 2 replaced format 1: a version published since has no format-1 records, so a record of it in format 1
# (which does not cover the confirmations or the signing time) was rewritten, and is refused
RECORD_FORMAT_2_SINCE = dt.date(2026, 11, 23)
# What the check page reads at most: a real record holds the agreement's text (tens of kilobytes) and one signature,
# and a signature drawn for minutes has a few thousand points; anything beyond is refused before it is read
RECORD_FILE_MAX_BYTES = 2_000_000
SIGNATURE_MAX_POINTS = 50_000
RECORD_FIELDS = ("name", "employee-id", "job-title", "department", "supervisor", "date")
SIGNATURE_DIGITS = 12
RECORD_CODE_DIGITS = 20
RECEIPT_FORMAT = "handbook-receipt/1"
KEY_ID_DIGITS = 16
# Spelled out (not \s) so Python and JavaScript agree on exactly which characters are whitespace.
WHITESPACE = re.compile("[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+")


def normalize(text: str) -> str:
    """One line of canonical text: NFC, whitespace runs collapsed, trimmed."""
    return WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fill_placeholders(text: str, organization: str, program: str) -> str:
    return fill(text, organization=organization, program=program)


def paragraphs(markdown: str) -> list[str]:
    return [normalize(p) for p in re.split(r"\n[ \t]*\n", markdown) if p.strip()]


def canonical_text(hb: Handbook) -> str:
    a, organization, program = hb.agreement, hb.organization.name, hb.program.title
    lines = [AGREEMENT_FORMAT, f"version: {normalize(hb.program.version)}",
             f"organization: {normalize(organization)}", f"program: {normalize(program)}",
             f"title: {normalize(a.title)}"]
    lines += [f"preamble: {p}" for p in paragraphs(fill_placeholders(a.preamble, organization, program))]
    for c in a.commitments:
        lines += [f"commitment {c.id}: {normalize(c.text)}", f"evaluation {c.id}: {normalize(c.evaluation)}"]
    lines += [f"acknowledgement: {normalize(text)}" for text in a.acknowledgements]
    return "\n".join(lines)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def version_hash(hb: Handbook) -> str:
    return sha256(canonical_text(hb))


def plain_hex(text: str) -> str:
    """A hash as typed or copied from paper: groups and case do not matter."""
    return re.sub(r"[^0-9a-f]", "", text.lower())


def grouped(hex_digits: str, size: int = 4) -> str:
    """ "a1b2c3d4" → "a1b2 c3d4": easier to read aloud and to compare by eye."""
    return " ".join(hex_digits[i:i + size] for i in range(0, len(hex_digits), size))


def canonical_lines(text: str) -> str:
    """A canonical text as pasted into YAML (indented, perhaps re-wrapped at the end) → the text itself."""
    return "\n".join(normalize(line) for line in text.strip().splitlines() if line.strip())


def known_versions(hb: Handbook) -> list[dict[str, object]]:
    """The versions whose records this build can verify, the current one first, with their text if known."""
    current = version_hash(hb)
    versions = [{"version": hb.program.version, "hash": current, "current": True, "text": canonical_text(hb),
                 "format1": False}]
    for v in hb.agreement.previous_versions:
        if plain_hex(v.hash) not in (x["hash"] for x in versions):
            versions.append({"version": v.version, "hash": plain_hex(v.hash), "current": False,
                             "text": canonical_lines(v.text), "format1": accepts_format_1(v.published)})
    return versions


def accepts_format_1(published: dt.date | None) -> bool:
    """Whether records of a version published on this day may be in format 1: only if it came before format 2."""
    return published is not None and published < RECORD_FORMAT_2_SINCE


# -- the record (the browser computes these; Python keeps the reference for the tests) -----

def signature_digest(kind: str, payload: str) -> str:
    """`kind` is "typed" (payload: the typed name) or "drawn" (payload: strokes_text(...))."""
    body = normalize(payload) if kind == "typed" else payload
    return sha256(f"{kind}\n{body}")[:SIGNATURE_DIGITS]


def strokes_text(strokes: list[list[int]]) -> str:
    """Strokes as flat [x0, y0, x1, y1, ...] lists of integers."""
    return "\n".join(" ".join(f"{s[i]},{s[i + 1]}" for i in range(0, len(s) - 1, 2)) for s in strokes)


def signed_at(text: str) -> str:
    """The signing time as printed or typed ("2026-10-27 14:05 UTC") → "2026-10-27T14:05Z"."""
    digits = re.sub(r"[^0-9]", "", text)
    if len(digits) != 12:
        return normalize(text)
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}T{digits[8:10]}:{digits[10:]}Z"


def record_text(agreement_hash: str, version: str, confirmed: list[str], fields: dict[str, str],
                signature: str, signed: str) -> str:
    lines = [RECORD_FORMAT, f"agreement: {plain_hex(agreement_hash)}", f"version: {normalize(version)}"]
    lines += [f"confirmed: {normalize(text)}" for text in confirmed]
    lines += [f"{name}: {normalize(fields.get(name, ''))}" for name in RECORD_FIELDS]
    lines += [f"signature: {plain_hex(signature)}", f"signed-at: {signed_at(signed)}"]
    return "\n".join(lines)


def record_code(agreement_hash: str, version: str, confirmed: list[str], fields: dict[str, str],
                signature: str, signed: str) -> str:
    return sha256(record_text(agreement_hash, version, confirmed, fields, signature, signed))[:RECORD_CODE_DIGITS]


def record_text_1(agreement_hash: str, fields: dict[str, str], signature: str) -> str:
    """Format 1, for records made before format 2."""
    lines = [RECORD_FORMAT_1, f"agreement: {plain_hex(agreement_hash)}"]
    lines += [f"{name}: {normalize(fields.get(name, ''))}" for name in RECORD_FIELDS]
    lines.append(f"signature: {plain_hex(signature)}")
    return "\n".join(lines)


def record_code_1(agreement_hash: str, fields: dict[str, str], signature: str) -> str:
    return sha256(record_text_1(agreement_hash, fields, signature))[:RECORD_CODE_DIGITS]


# -- HR's receipt (signed and checked with HR's key in handbook/hr/receipt.py and in the browser) --

def key_id(public_key: str) -> str:
    """The short name of HR's public key (64 hex digits, grouped or not) printed on receipts."""
    return sha256_bytes(bytes.fromhex(plain_hex(public_key)))[:KEY_ID_DIGITS]


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def receipt_text(record_code_: str, received_on: str, key: str) -> str:
    return "\n".join([RECEIPT_FORMAT, f"record: {plain_hex(record_code_)}", f"received: {normalize(received_on)}",
                      f"key: {plain_hex(key)}"])
