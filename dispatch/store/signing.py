"""The audit log's signing keys: one Ed25519 key pair per person, one for the service slot.

Each staff account's slot in the key file (:mod:`dispatch.store.keys`) holds, beside its X25519
key pair, an Ed25519 key pair whose private key is wrapped with AES-256-GCM under the same
Argon2id key derived from that person's password (its own nonce and associated data), so the
password unlocks it at login at no extra cost and nobody else's password does. The installed
service signs with an Ed25519 key derived (HKDF) from the machine's service secret, which the
OS keeps outside the data folder.

Every signing public key ever used is also listed in the key file's ``audit_keys`` (and in the
store's ``audit_keys`` table), so that ``audit verify`` does not take the database's word for
whose key is whose. A key is named by its *key id*: the first 16 hex digits of the SHA-256 of
its raw public key.

An open store carries the signer of the person (or service) that unlocked it
(:attr:`dispatch.store.database.Store.audit_signer`); the audit log signs every entry with it.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from dispatch.base.errors import KeyFileDamaged

#: What the service's signing key is derived from its secret with (HKDF info).
_SERVICE_INFO = b"kishomail audit signing key of the service slot"


@dataclass(frozen=True)
class WrappedSigningKey:
    """An Ed25519 private key under an account's password-derived key (AES-256-GCM)."""

    nonce: bytes
    ciphertext: bytes


@dataclass(frozen=True)
class AuditKey:
    """A signing public key as the key file lists it: whose it is."""

    actor: str
    public_key: bytes

    @property
    def key_id(self) -> str:
        return key_id(self.public_key)


class AuditSigner:
    """The key that signs the audit entries written through one open store."""

    def __init__(self, actor: str, private_key: Ed25519PrivateKey) -> None:
        self.actor = actor
        self._private_key = private_key
        self.public_key = raw_public(private_key)
        self.key_id = key_id(self.public_key)

    def sign(self, message: bytes) -> bytes:
        return self._private_key.sign(message)

    @property
    def audit_key(self) -> AuditKey:
        return AuditKey(self.actor, self.public_key)

    def raw_private(self) -> bytes:
        """The private key's 32 bytes: only for the desktop's own engine process, which gets
        them on its standard input beside the data key (never a command line or a file)."""
        return self._private_key.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )

    @classmethod
    def from_raw(cls, actor: str, raw: bytes) -> AuditSigner:
        return cls(actor, Ed25519PrivateKey.from_private_bytes(raw))


def key_id(public_key: bytes) -> str:
    return hashlib.sha256(public_key).hexdigest()[:16]


def raw_public(private_key: Ed25519PrivateKey) -> bytes:
    return private_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )


def new_signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def wrap_signing_key(
    private_key: Ed25519PrivateKey, wrapping_key: bytes, aad: bytes
) -> WrappedSigningKey:
    raw = private_key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    nonce = secrets.token_bytes(12)
    return WrappedSigningKey(nonce, AESGCM(wrapping_key).encrypt(nonce, raw, aad + b"/signing"))


def unwrap_signing_key(
    wrapped: WrappedSigningKey, wrapping_key: bytes, aad: bytes
) -> Ed25519PrivateKey:
    try:
        raw = AESGCM(wrapping_key).decrypt(wrapped.nonce, wrapped.ciphertext, aad + b"/signing")
    except InvalidTag:
        raise KeyFileDamaged(
            "The audit signing key in your account's slot of the key file does not open: the "
            "key file is damaged or was edited. Restore it from your backup."
        ) from None
    return Ed25519PrivateKey.from_private_bytes(raw)


def service_signing_key(secret: bytes) -> Ed25519PrivateKey:
    """The service slot's signing key, derived from the machine's service secret."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_SERVICE_INFO)
    return Ed25519PrivateKey.from_private_bytes(hkdf.derive(secret))


def signature_valid(public_key: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


#: One signature to check: (raw public key, signature, signed bytes).
SignatureToCheck = tuple[bytes, bytes, bytes]


class SignatureChecker:
    """Checks many signatures on every core at once.

    ``cryptography`` lets go of the interpreter's lock while it verifies, so threads check
    signatures side by side: verifying 100,000 audit entries is ~12 s on one core of the
    machines here (an Ed25519 verification is ~110 µs), half that on two. Use as a context
    manager; :meth:`submit` returns at once, so the caller can read the next entries meanwhile.
    """

    def __init__(self, threads: int | None = None) -> None:
        self._threads = max(1, threads or usable_cores())
        self._pool = ThreadPoolExecutor(self._threads, thread_name_prefix="signature-check")

    def submit(self, checks: Sequence[SignatureToCheck]) -> list[Future[list[bool]]]:
        """Start checking ``checks``; the futures' lists, joined in order, say which hold."""
        size = max(1, -(-len(checks) // self._threads))
        return [
            self._pool.submit(_check_all, checks[start : start + size])
            for start in range(0, len(checks), size)
        ]

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)

    def __enter__(self) -> SignatureChecker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def usable_cores() -> int:
    """The cores this process may run on (a service or container may be held to fewer than
    the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _check_all(checks: Sequence[SignatureToCheck]) -> list[bool]:
    return [signature_valid(*check) for check in checks]
