"""The key file's cryptographic primitives: Argon2id, wrapping under a password, sealing the
data key to an X25519 public key, the recovery key's spelling, and atomic writes.

:mod:`dispatch.store.keys` puts them together into the key file (its docstring draws the
scheme); they live here so that each module stays readable.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import secrets
import stat
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from dispatch.base.errors import KeyFileDamaged, StoreFull, WrongCredentials

DATA_KEY_BYTES = 32


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The default (64 MiB, 3 passes, 4 lanes) takes ~130 ms here."""

    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4

    def derive(self, password: str, salt: bytes) -> bytes:
        kdf = Argon2id(
            salt=salt,
            length=32,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        )
        return kdf.derive(password.encode("utf-8"))


def kdf_params_from_environment() -> KdfParams:
    """The Argon2id cost, lowered only when KISHOMAIL_TEST_FAST_KDF=1 (the test suite)."""
    # Never in an installed (frozen) program: a stray variable must not weaken real passwords.
    if os.environ.get("KISHOMAIL_TEST_FAST_KDF") == "1" and not getattr(sys, "frozen", False):
        return KdfParams(memory_kib=1024, iterations=1, lanes=1)
    return KdfParams()


@dataclass(frozen=True)
class WrappedPrivateKey:
    salt: bytes
    kdf: KdfParams
    nonce: bytes
    ciphertext: bytes


@dataclass(frozen=True)
class SealedDataKey:
    ephemeral_public: bytes
    nonce: bytes
    ciphertext: bytes


# ---- the primitives ------------------------------------------------------------------------


def wrap_private_key(private_key: X25519PrivateKey, password: str, aad: bytes) -> WrappedPrivateKey:
    return wrap_with(private_key, *new_password_key(password), aad)


def new_password_key(password: str) -> tuple[KdfParams, bytes, bytes]:
    """A fresh salt and the Argon2id key derived from ``password`` with it."""
    params = kdf_params_from_environment()
    salt = secrets.token_bytes(16)
    return params, salt, params.derive(password, salt)


def wrap_with(
    private_key: X25519PrivateKey, params: KdfParams, salt: bytes, key: bytes, aad: bytes
) -> WrappedPrivateKey:
    nonce = secrets.token_bytes(12)
    raw = private_key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    ciphertext = AESGCM(key).encrypt(nonce, raw, aad)
    return WrappedPrivateKey(salt=salt, kdf=params, nonce=nonce, ciphertext=ciphertext)


def unwrap_private_key(wrapped: WrappedPrivateKey, password: str, aad: bytes) -> X25519PrivateKey:
    return unwrap_with(wrapped, wrapped.kdf.derive(password, wrapped.salt), aad)


def unwrap_with(wrapped: WrappedPrivateKey, key: bytes, aad: bytes) -> X25519PrivateKey:
    try:
        raw = AESGCM(key).decrypt(wrapped.nonce, wrapped.ciphertext, aad)
    except InvalidTag:
        raise WrongCredentials("Wrong account name or password.") from None
    return X25519PrivateKey.from_private_bytes(raw)


def seal(data_key: bytes, public_key: X25519PublicKey, aad: bytes) -> SealedDataKey:
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = public_bytes(ephemeral.public_key())
    key = _seal_key(ephemeral.exchange(public_key), ephemeral_public, aad)
    nonce = secrets.token_bytes(12)
    return SealedDataKey(ephemeral_public, nonce, AESGCM(key).encrypt(nonce, data_key, aad))


def unseal(sealed: SealedDataKey, private_key: X25519PrivateKey, aad: bytes) -> bytes:
    shared = private_key.exchange(X25519PublicKey.from_public_bytes(sealed.ephemeral_public))
    key = _seal_key(shared, sealed.ephemeral_public, aad)
    try:
        return AESGCM(key).decrypt(sealed.nonce, sealed.ciphertext, aad)
    except InvalidTag:
        raise KeyFileDamaged(
            "A sealed copy of the data key in the key file does not open: the key file is "
            "damaged or was edited. Restore it from your backup."
        ) from None


def _seal_key(shared: bytes, ephemeral_public: bytes, aad: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral_public, info=b"seal:" + aad)
    return hkdf.derive(shared)


def public_bytes(public_key: X25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


# ---- the recovery key as people type it ---------------------------------------------------


def format_recovery_key(raw: bytes) -> str:
    """Base32 in groups of five, with a two-byte checksum so a typo is told from a wrong key."""
    checksum = hashlib.sha256(raw).digest()[:2]
    text = base64.b32encode(raw + checksum).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 5] for i in range(0, len(text), 5))


#: Characters the printed key cannot hold, read as the letters they are mistaken for: the key
#: uses A–Z and 2–7 only, so a typed 0, 1 or 8 can only mean O, I or B.
_LOOK_ALIKES = str.maketrans("018", "OIB")


def parse_recovery_key(text: str) -> bytes:
    typed = unicodedata.normalize("NFKC", text).upper().translate(_LOOK_ALIKES)
    cleaned = "".join(ch for ch in typed if ch.isalnum())
    try:
        decoded = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except binascii.Error:
        decoded = b""
    raw, checksum = decoded[:-2], decoded[-2:]
    if len(raw) != DATA_KEY_BYTES or hashlib.sha256(raw).digest()[:2] != checksum:
        raise WrongCredentials(
            "This is not a valid recovery key (a character is mistyped or missing). "
            "Type it again exactly as it was printed."
        )
    return raw


# ---- files ----------------------------------------------------------------------------------


def write_atomically(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file: a crash or a full disk leaves
    the old file as it was. A write the disk refuses raises :class:`StoreFull`."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        if os.name == "posix":
            os.chmod(tmp, _private_mode(path.parent))
        os.replace(tmp, path)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise StoreFull(
            f"The key file {path.name} could not be written in {path.parent} "
            f"({error.strerror or error}): the disk is full or the folder cannot be written. "
            "Nothing was changed. Free space on that disk and try again."
        ) from None
    if os.name == "posix":
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def _private_mode(folder: Path) -> int:
    """0600, or 0660 in the machine's data folder (setgid, group the staff group: see
    ``kishomail service install``), so that the service and every staff member's own OS login
    can still read what another of them rewrote."""
    return 0o660 if folder.stat().st_mode & stat.S_ISGID else 0o600
