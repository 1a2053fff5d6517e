"""HR's signing key: an Ed25519 private key in a PEM file that never enters the repository or a site.

The curriculum holds only its public key (agreement.yml's hr_public_key), which the build puts on the
check page so that anyone can tell a receipt HR signed from one it never saw.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from .. import agreement_hash as ah

REPOSITORY = Path(__file__).resolve().parents[3]


class HRKeyError(Exception):
    """A key that cannot be made or read, with a message for HR."""


def inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def refuse_shared_place(path: Path, what: str, *others: Path) -> None:
    """A key or a personal file must not be written where it could be committed or published."""
    for folder in (REPOSITORY, *others):
        if inside(path, folder):
            raise HRKeyError(f"{path} is inside {folder.resolve()}: {what} must stay out of the repository and the "
                            "curriculum, which are shared and published. Choose a folder only HR can open.")


def make_key(path: Path, curriculum: Path | None = None) -> str:
    """Writes a new private key at `path` (never over a file) and returns its public key in hex."""
    refuse_shared_place(path, "HR's private key", *([curriculum] if curriculum else []))
    if path.exists():
        raise HRKeyError(f"{path} already exists: a new key would make every receipt signed with the old one "
                        "unverifiable. Choose another path, or keep using the key you have.")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # readable by its owner only
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)
    return public_hex(key)


def load_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as error:
        raise HRKeyError(f"{path} is not a key made by `make hr-key`: {error}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise HRKeyError(f"{path} is not an Ed25519 key made by `make hr-key`")
    return key


def public_hex(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return raw.hex()


def config_line(public_key: str) -> str:
    """The line HR adds to agreement.yml."""
    return f'hr_public_key: "{ah.grouped(public_key)}"'
