"""HR's receipt on a record: the record code, the day HR received it and the key's id, signed with
HR's key (agreement_hash.py documents the signed lines; verify.js checks the same in the browser).

A receipt shows that whoever holds HR's private key received this exact record by that day. It does
not show who signed the record, nor that the day is true beyond HR's word.
"""

from __future__ import annotations

import re

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .. import agreement_hash as ah
from .keys import public_hex

# Why a receipt is not good, as the locale's word keys (verify_receipt_<key>)
UNREADABLE, OTHER_RECORD, OTHER_KEY, ALTERED, NO_KEY = "unreadable", "other_record", "other_key", "altered", "no_key"


def sign(key: Ed25519PrivateKey, record_code: str, received_on: str) -> dict[str, str]:
    key_id = ah.key_id(public_hex(key))
    signature = key.sign(ah.receipt_text(record_code, received_on, key_id).encode("utf-8"))
    return {"format": ah.RECEIPT_FORMAT, "recordCode": record_code, "receivedOn": received_on, "key": key_id,
            "signature": signature.hex()}


def problem(receipt: object, record_code: str, public_key: str | None) -> str:
    """Why the receipt is not a good one from this handbook's HR key, or "" when it is."""
    fields = ("format", "recordCode", "receivedOn", "key", "signature")
    if not isinstance(receipt, dict) or not all(isinstance(receipt.get(f), str) for f in fields) \
            or receipt["format"] != ah.RECEIPT_FORMAT:
        return UNREADABLE
    if receipt["recordCode"] != record_code:
        return OTHER_RECORD
    if not public_key:
        return NO_KEY
    if receipt["key"] != ah.key_id(public_key):
        return OTHER_KEY
    if not re.fullmatch("[0-9a-f]{128}", receipt["signature"]):
        return ALTERED
    text = ah.receipt_text(receipt["recordCode"], receipt["receivedOn"], receipt["key"])
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(ah.plain_hex(public_key))).verify(
            bytes.fromhex(receipt["signature"]), text.encode("utf-8"))
    except InvalidSignature:
        return ALTERED
    return ""
