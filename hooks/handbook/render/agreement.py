"""The agreement pages: sign it, check a signed record, and the annual evaluation form.

The browser code they load lives in docs/assets/javascripts/agreement/; the words it writes
come from the locale table, handed over in a JSON block on the page.
"""

from __future__ import annotations

import json
from typing import Callable

from .. import agreement_hash as ah, browser_assets
from ..model import Handbook, RatingLevel
from ..placeholders import fill
from .environment import sentence_case
from .page import MakePage, Page
from .print_style import RunningText, page_rule

SIGN_URI = "agreement/index.md"
VERIFY_URI = "agreement/verify.md"
REVIEW_URI = "agreement/evaluation.md"
SCRIPTS = "assets/javascripts/agreement/"
FIELD_WORDS = {name: "agreement_" + name.replace("-", "_") for name in ah.RECORD_FIELDS}
SIGN_LIBRARIES = (browser_assets.SHA256, browser_assets.SIGNATURE_PAD)  # loaded before the page's own scripts
VERIFY_LIBRARIES = SIGN_LIBRARIES + (browser_assets.DIFF, browser_assets.ED25519)
DEFAULT_SCALE = (1, 2, 3, 4)  # locale keys review_<n>_label / review_<n>_meaning
# The words each page's script writes itself (locale key without its prefix → text).
SIGN_WORDS = ("missing_signature", "missing_adopt", "ready", "cleared", "draft_discarded",
              "no_storage", "signature_alt", "still_needed", "signed_drawn", "signed_typed", "draft_expired",
              "resume_text", "resumed", "record_out")
VERIFY_WORDS = ("match", "mismatch", "unknown", "short_hash", "missing", "bad_file", "text_altered",
                "signature_altered", "file_signature", "limits", "format_1", "format_1_refused", "too_large",
                "too_many_points", "no_text", "confirmations_altered",
                "version_text", "changes_title", "changes_none", "added", "removed", "part_title", "part_organization",
                "part_program", "part_preamble", "part_commitment", "part_evaluation", "part_removed",
                "part_acknowledgement", "receipt_ok", "receipt_limits", "receipt_unreadable", "receipt_other_record",
                "receipt_no_key", "receipt_other_key", "receipt_altered")


def pages(handbook: Handbook, make: MakePage, words: dict[str, str]) -> list[Page]:
    a, program = handbook.agreement, handbook.program
    current = ah.version_hash(handbook)
    common = {"version_hash": current, "grouped": ah.grouped, "scripts": SCRIPTS, "record_format": ah.RECORD_FORMAT}
    sign = {"version": program.version, "versionHash": current, "agreementText": ah.canonical_text(handbook),
            "acknowledgements": [ah.normalize(text) for text in a.acknowledgements],
            "draftHours": a.draft_hours, "words": _words(words, "agreement_", SIGN_WORDS)}
    versions = ah.known_versions(handbook)
    limits = {"size": megabytes(ah.RECORD_FILE_MAX_BYTES), "points": f"{ah.SIGNATURE_MAX_POINTS:,}"}
    verify = {"versions": versions, "hrKey": hr_key(a.hr_public_key),
              "words": {key: fill(word, **limits) for key, word in _words(words, "verify_", VERIFY_WORDS).items()},
              "maxFileBytes": ah.RECORD_FILE_MAX_BYTES, "maxPoints": ah.SIGNATURE_MAX_POINTS}
    return [
        make(SIGN_URI, a.title, "agreement", "agreement", **common, config=script_json(sign),
             libraries=[f.site_uri for f in SIGN_LIBRARIES],
             page_style=page_style(handbook, a.title, words, make.plain),
             preamble=ah.fill_placeholders(a.preamble, handbook.organization.name, program.title),
             countersigners=countersigners(a.signers, words)),
        make(VERIFY_URI, words["verify_title"], "agreement_verify", "agreement", **common,
             config=script_json(verify), versions=versions, record_fields=ah.RECORD_FIELDS, hr_key=verify["hrKey"],
             field_words=FIELD_WORDS, libraries=[f.site_uri for f in VERIFY_LIBRARIES],
             file_limit=fill(words["verify_file_limit"], **limits)),
        make(REVIEW_URI, words["review_title"], "agreement_review", "agreement",
             page_style=page_style(handbook, words["review_title"], words, make.plain),
             scale=rating_scale(a.rating_scale, words)),
    ]


def hr_key(public_key: str | None) -> dict[str, str] | None:
    """HR's public key as the check page's script uses it (receipt.js), with its id as receipts name it."""
    return {"key": ah.plain_hex(public_key), "id": ah.key_id(public_key)} if public_key else None


def page_style(handbook: Handbook, kind: str, words: dict[str, str], plain: Callable[[str], str]) -> str:
    """The @page rule of a printable agreement page: paper size, running header and footer (`plain`: a title's
    plain-text form)."""
    org, program = handbook.organization, handbook.program
    name = " · ".join((org.short_name or org.name, program.title))
    running = RunningText(plain(kind), plain(name), plain(f"{words['agreement_version']} {program.version}"))
    return page_rule(program.paper, running, words["page_of"])


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:g} MB"


def script_json(data: object) -> str:
    """JSON to put inside <script type="application/json">: no "<" can end the element early."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _words(words: dict[str, str], prefix: str, keys: tuple[str, ...]) -> dict[str, str]:
    return {key: words[prefix + key] for key in keys}


def countersigners(signers: tuple[str, ...], words: dict[str, str]) -> list[str]:
    """Who signs the paper after the employee: every signer but the employee, by their label."""
    return [words.get(f"agreement_signer_{s}", sentence_case(s)) for s in signers if s != "employee"]


def rating_scale(scale: tuple[RatingLevel, ...], words: dict[str, str]) -> tuple[RatingLevel, ...]:
    """The curriculum's scale, or a four-level default in the page's language."""
    return scale or tuple(RatingLevel(n, words[f"review_{n}_label"], words[f"review_{n}_meaning"])
                          for n in DEFAULT_SCALE)
