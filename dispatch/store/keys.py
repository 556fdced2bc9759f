"""The key file: the database's data key, sealed once per staff account and once for recovery.

The scheme (drawn in docs/architecture.md):

* The database is encrypted by SQLCipher with a random 256-bit **data key**, given as a raw
  key (no per-open PBKDF2).
* Every staff account has an X25519 key pair. Its private key is **wrapped** with AES-256-GCM
  under a key derived from the person's password by Argon2id. The data key is **sealed** to the
  account's public key (ephemeral X25519 + HKDF-SHA256 + AES-256-GCM).
* The **recovery key** printed once at ``init`` is another X25519 private key; only its public
  key and the data key sealed to it are stored.
* The **service slot** (``kishomail service install``) is one more X25519 key pair whose private
  key is kept *outside* the data folder, protected by the operating system
  (:mod:`dispatch.store.machine_slot`). Its sealed data key is also bound to the machine and to
  the data folder's path, so a copy of the folder elsewhere does not open with it.

Logging in unwraps the private key with the password and unseals the data key. A password
change rewraps only that person's private key. ``rekey`` makes a new data key and seals it to
every public key in the file, which needs nobody's password: that is why accounts hold key
pairs rather than a data key wrapped directly under their password.

Every sealed or wrapped value is bound, through the GCM associated data, to the store's id and
to the slot's name, so a slot copied to another name or another store does not open.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final, NoReturn

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from dispatch.base.errors import (
    AccountInactive,
    KeyFileDamaged,
    KeyFileMissing,
    ValidationError,
    WrongCredentials,
)
from dispatch.store.sealing import (
    DATA_KEY_BYTES,
    KdfParams,
    SealedDataKey,
    WrappedPrivateKey,
    format_recovery_key,
    new_password_key,
    parse_recovery_key,
    public_bytes,
    seal,
    unseal,
    unwrap_with,
    wrap_with,
    write_atomically,
)
from dispatch.store.signing import (
    AuditKey,
    AuditSigner,
    WrappedSigningKey,
    new_signing_key,
    raw_public,
    service_signing_key,
    unwrap_signing_key,
    wrap_signing_key,
)

KEYFILE_FORMAT = "kishomail-keyfile"
KEYFILE_VERSION = 1
RECOVERY_SLOT = "recovery"
SERVICE_SLOT = "service"
MIN_PASSWORD_LENGTH = 10


@dataclass(frozen=True)
class AccountSlot:
    """One staff account's entry. Failure counters live here because a wrong password cannot
    open the database to record them."""

    public_key: bytes
    wrapped_private_key: WrappedPrivateKey
    sealed_data_key: SealedDataKey
    failed_attempts: int = 0
    locked_until: float = 0.0
    unreported_failures: int = 0
    #: The person's audit signing key (Ed25519), wrapped under the same password-derived key;
    #: None in a slot written before signed audit entries (made at the next login).
    signing_public_key: bytes | None = None
    wrapped_signing_key: WrappedSigningKey | None = None


@dataclass(frozen=True)
class RecoverySlot:
    public_key: bytes
    sealed_data_key: SealedDataKey


@dataclass(frozen=True)
class ServiceSlot:
    """The unattended engine's entry. ``binding`` (a digest of the machine's identity and the
    data folder's path, not a secret) is kept so that ``rekey`` can seal the new key for it;
    opening computes the binding afresh and must find the same one."""

    public_key: bytes
    sealed_data_key: SealedDataKey
    binding: str


@dataclass(frozen=True)
class KeyFile:
    store_id: str
    recovery: RecoverySlot
    accounts: dict[str, AccountSlot] = field(default_factory=dict)
    #: Names of deactivated accounts (no slot any more), so that a login can say why it fails.
    deactivated: tuple[str, ...] = ()
    #: The machine's service slot, when the engine is installed as an OS service.
    service: ServiceSlot | None = None
    #: Every audit signing public key ever used here, by key id (never removed).
    audit_keys: dict[str, AuditKey] = field(default_factory=dict)

    # ---- reading and writing -------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        if not path.exists():
            raise KeyFileMissing(
                f"The key file {path.name} is missing beside the database in {path.parent}. "
                "Without it the encrypted data cannot be opened: restore the key file from "
                "your backup into that folder."
            )
        try:
            document = json.loads(path.read_bytes())
        except (ValueError, UnicodeError) as error:
            raise KeyFileDamaged(
                f"The key file {path} is damaged (not JSON: {type(error).__name__}) and cannot "
                "be read. Restore it from your backup; nothing was changed."
            ) from None
        try:
            return _keyfile_from_json(_Shape(document))
        except _ShapeError as error:
            raise KeyFileDamaged(
                f"The key file {path} is not in the shape kishomail writes ({error}). Restore "
                "it from your backup; nothing was changed."
            ) from None

    def save(self, path: Path) -> None:
        """Write atomically: a crash leaves either the old or the new file, never half of one."""
        write_atomically(path, json.dumps(_keyfile_to_json(self), indent=2).encode("utf-8"))

    # ---- slots ----------------------------------------------------------------------------

    def with_account(self, name: str, slot: AccountSlot) -> KeyFile:
        keyfile = replace(
            self,
            accounts={**self.accounts, name: slot},
            deactivated=tuple(n for n in self.deactivated if n != name),
        )
        if slot.signing_public_key is None:
            return keyfile
        return keyfile.with_audit_key(AuditKey(name, slot.signing_public_key))

    def with_audit_key(self, key: AuditKey) -> KeyFile:
        if key.key_id in self.audit_keys:
            return self
        return replace(self, audit_keys={**self.audit_keys, key.key_id: key})

    def without_account(self, name: str) -> KeyFile:
        """The account's slot removed: its password no longer opens this key file."""
        return replace(
            self,
            accounts={k: v for k, v in self.accounts.items() if k != name},
            deactivated=tuple(sorted({*self.deactivated, name})),
        )

    def account(self, name: str) -> AccountSlot:
        slot = self.accounts.get(name)
        if slot is None:
            if name in self.deactivated:
                raise AccountInactive(
                    f"Account {name} has been deactivated. Ask an administrator if you still "
                    "need access."
                )
            raise WrongCredentials("Wrong account name or password.")
        return slot

    def unseal_for_account(self, name: str, password: str) -> bytes:
        return self.unlock_account(name, password)[0]

    def unlock_account(self, name: str, password: str) -> tuple[bytes, AuditSigner, KeyFile]:
        """The data key and the person's audit signer; the key file comes back with a new
        signing key in the slot if it had none yet (a slot from before signed entries)."""
        slot = self.account(name)
        aad = self._aad(name)
        key = slot.wrapped_private_key.kdf.derive(password, slot.wrapped_private_key.salt)
        private_key = unwrap_with(slot.wrapped_private_key, key, aad)
        data_key = unseal(slot.sealed_data_key, private_key, aad)
        if slot.wrapped_signing_key is not None:
            signer = AuditSigner(name, unwrap_signing_key(slot.wrapped_signing_key, key, aad))
            if self.audit_keys.get(signer.key_id) != signer.audit_key or not secrets.compare_digest(
                signer.public_key, slot.signing_public_key or b""
            ):
                raise KeyFileDamaged(
                    f"The audit signing key of account {name} in the key file is not the one "
                    "its password unlocks: the key file was edited. Report it as an incident "
                    "and restore the key file from your backup."
                )
            return data_key, signer, self
        signing = new_signing_key()
        updated = replace(
            slot,
            signing_public_key=raw_public(signing),
            wrapped_signing_key=wrap_signing_key(signing, key, aad),
        )
        return data_key, AuditSigner(name, signing), self.with_account(name, updated)

    def service_signer(self, private_raw: bytes) -> AuditSigner:
        return AuditSigner(SERVICE_SLOT, service_signing_key(private_raw))

    def unseal_with_recovery_key(self, recovery_key: str) -> bytes:
        private_key = X25519PrivateKey.from_private_bytes(parse_recovery_key(recovery_key))
        public = public_bytes(private_key.public_key())
        if not secrets.compare_digest(public, self.recovery.public_key):
            raise WrongCredentials("This recovery key does not belong to this store.")
        return unseal(self.recovery.sealed_data_key, private_key, self._aad(RECOVERY_SLOT))

    def with_service(self, data_key: bytes, binding: str) -> tuple[KeyFile, bytes]:
        """A new service slot bound to ``binding``; returns the key file and the slot's raw
        private key, which the caller hands to the OS's protection (never to the data folder)."""
        private_key = X25519PrivateKey.generate()
        slot = ServiceSlot(
            public_key=public_bytes(private_key.public_key()),
            sealed_data_key=seal(data_key, private_key.public_key(), self._service_aad(binding)),
            binding=binding,
        )
        raw = private_key.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        signer = self.service_signer(raw)
        return replace(self, service=slot).with_audit_key(signer.audit_key), raw

    def without_service(self) -> KeyFile:
        return replace(self, service=None)

    def unseal_for_service(self, private_raw: bytes, binding: str) -> bytes:
        slot = self.service
        if slot is None:
            raise WrongCredentials(
                "This store has no service slot: install the service with "
                "'kishomail --user ADMIN service install'."
            )
        if not secrets.compare_digest(slot.binding, binding):
            raise WrongCredentials(
                "The service slot of this store belongs to another machine or another data "
                "folder: a copied or moved store does not open unattended. Install the service "
                "again here with 'kishomail --user ADMIN service install'."
            )
        try:
            private_key = X25519PrivateKey.from_private_bytes(private_raw)
        except ValueError:
            raise WrongCredentials("The machine's service secret is damaged.") from None
        if not secrets.compare_digest(public_bytes(private_key.public_key()), slot.public_key):
            raise WrongCredentials(
                "The machine's service secret does not belong to this store: install the "
                "service again with 'kishomail --user ADMIN service install'."
            )
        return unseal(slot.sealed_data_key, private_key, self._service_aad(binding))

    def _service_aad(self, binding: str) -> bytes:
        return self._aad(SERVICE_SLOT) + b"/" + binding.encode("ascii")

    def new_account_slot(self, name: str, password: str, data_key: bytes) -> AccountSlot:
        check_password_strength(password)
        private_key = X25519PrivateKey.generate()
        signing = new_signing_key()
        aad = self._aad(name)
        params, salt, key = new_password_key(password)
        return AccountSlot(
            public_key=public_bytes(private_key.public_key()),
            wrapped_private_key=wrap_with(private_key, params, salt, key, aad),
            sealed_data_key=seal(data_key, private_key.public_key(), aad),
            signing_public_key=raw_public(signing),
            wrapped_signing_key=wrap_signing_key(signing, key, aad),
        )

    def rewrapped(
        self, name: str, old_password: str, new_password: str
    ) -> tuple[KeyFile, AuditSigner]:
        """The same key pair under a new password (a password change), and a *new* audit
        signing key: whoever knew the old password (an administrator who set it) and kept a
        copy of the old signing key cannot sign in this person's name any more."""
        check_password_strength(new_password)
        slot = self.account(name)
        aad = self._aad(name)
        old_key = slot.wrapped_private_key.kdf.derive(old_password, slot.wrapped_private_key.salt)
        private_key = unwrap_with(slot.wrapped_private_key, old_key, aad)
        params, salt, key = new_password_key(new_password)
        signing = new_signing_key()
        new_slot = replace(
            slot,
            wrapped_private_key=wrap_with(private_key, params, salt, key, aad),
            signing_public_key=raw_public(signing),
            wrapped_signing_key=wrap_signing_key(signing, key, aad),
        )
        return self.with_account(name, new_slot), AuditSigner(name, signing)

    def resealed(self, data_key: bytes) -> KeyFile:
        """Every slot sealing ``data_key`` instead of the old one (``rekey``): no password
        is needed, only the public keys."""
        accounts = {
            name: replace(
                slot,
                sealed_data_key=seal(
                    data_key, X25519PublicKey.from_public_bytes(slot.public_key), self._aad(name)
                ),
            )
            for name, slot in self.accounts.items()
        }
        recovery = RecoverySlot(
            public_key=self.recovery.public_key,
            sealed_data_key=seal(
                data_key,
                X25519PublicKey.from_public_bytes(self.recovery.public_key),
                self._aad(RECOVERY_SLOT),
            ),
        )
        service = self.service
        if service is not None:
            service = replace(
                service,
                sealed_data_key=seal(
                    data_key,
                    X25519PublicKey.from_public_bytes(service.public_key),
                    self._service_aad(service.binding),
                ),
            )
        return replace(self, accounts=accounts, recovery=recovery, service=service)

    def _aad(self, slot_name: str) -> bytes:
        return f"kishomail/{self.store_id}/{slot_name}".encode()


def new_keyfile(data_key: bytes) -> tuple[KeyFile, str]:
    """A key file with only the recovery slot, and the recovery key to print once."""
    store_id = secrets.token_hex(16)
    slot, recovery_key = _recovery_slot(data_key, store_id)
    return KeyFile(store_id=store_id, recovery=slot), recovery_key


def with_new_recovery_key(keyfile: KeyFile, data_key: bytes) -> tuple[KeyFile, str]:
    """The key file with a new recovery slot, and its key to print once: the old recovery key
    opens this store no more (a key file copied before keeps the old slot)."""
    slot, recovery_key = _recovery_slot(data_key, keyfile.store_id)
    return replace(keyfile, recovery=slot), recovery_key


def _recovery_slot(data_key: bytes, store_id: str) -> tuple[RecoverySlot, str]:
    recovery_private = X25519PrivateKey.generate()
    slot = RecoverySlot(
        public_key=public_bytes(recovery_private.public_key()),
        sealed_data_key=seal(
            data_key,
            recovery_private.public_key(),
            f"kishomail/{store_id}/{RECOVERY_SLOT}".encode(),
        ),
    )
    raw = recovery_private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return slot, format_recovery_key(raw)


def new_data_key() -> bytes:
    return secrets.token_bytes(DATA_KEY_BYTES)


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            f"A password needs at least {MIN_PASSWORD_LENGTH} characters; choose a longer one."
        )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise TypeError("expected base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


class _ShapeError(ValueError):
    """The key file is JSON, but not the document kishomail writes; says where."""


#: Bounds of the stored Argon2id cost: a key file cannot make a login take gigabytes or hours.
_KDF_BOUNDS: Final = {"memory_kib": (8, 4 * 1024 * 1024), "iterations": (1, 64), "lanes": (1, 64)}


class _Shape:
    """One value of the key file's JSON with its path, read with type and size checks."""

    def __init__(self, value: Any, where: str = "") -> None:
        self.value = value
        self.where = where

    def _fail(self, what: str) -> NoReturn:
        raise _ShapeError(f"{self.where or 'the document'}: {what}")

    def __getitem__(self, key: str) -> _Shape:
        if not isinstance(self.value, dict):
            self._fail("expected an object")
        if key not in self.value:
            self._fail(f"{key!r} is missing")
        return _Shape(self.value[key], f"{self.where}.{key}" if self.where else key)

    def get(self, key: str, default: Any) -> _Shape:
        if not isinstance(self.value, dict):
            self._fail("expected an object")
        return self[key] if key in self.value else _Shape(default, key)

    def items(self) -> list[tuple[str, _Shape]]:
        if not isinstance(self.value, dict):
            self._fail("expected an object")
        return [(str(k), self[k]) for k in self.value]

    def text(self) -> str:
        if not isinstance(self.value, str) or not self.value:
            self._fail("expected text")
        return self.value

    def texts(self) -> tuple[str, ...]:
        if not isinstance(self.value, list) or not all(isinstance(v, str) for v in self.value):
            self._fail("expected a list of names")
        return tuple(self.value)

    def bytes(self, size: int | None = None, at_least: int = 1) -> bytes:
        try:
            raw = _unb64(self.value)
        except (TypeError, ValueError, UnicodeError, binascii.Error):
            self._fail("expected base64 text")
        if (size is not None and len(raw) != size) or len(raw) < at_least:
            self._fail(f"{len(raw)} bytes, expected {size if size is not None else at_least}")
        return raw

    def integer(self, low: int = 0, high: int = 2**31) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            self._fail("expected a whole number")
        if not low <= self.value <= high:
            self._fail(f"{self.value} is outside {low}–{high}")
        return self.value

    def number(self) -> float:
        if isinstance(self.value, bool) or not isinstance(self.value, int | float):
            self._fail("expected a number")
        value = float(self.value)
        if not math.isfinite(value) or value < 0:
            self._fail(f"{value} is not a time")
        return value


def _sealed_to_json(sealed: SealedDataKey) -> dict[str, str]:
    return {
        "ephemeral_public": _b64(sealed.ephemeral_public),
        "nonce": _b64(sealed.nonce),
        "ciphertext": _b64(sealed.ciphertext),
    }


def _sealed_from_json(doc: _Shape) -> SealedDataKey:
    return SealedDataKey(
        doc["ephemeral_public"].bytes(32), doc["nonce"].bytes(12), doc["ciphertext"].bytes(48)
    )


def _keyfile_to_json(keyfile: KeyFile) -> dict[str, Any]:
    accounts = {}
    for name, slot in keyfile.accounts.items():
        wrapped = slot.wrapped_private_key
        accounts[name] = {
            "public_key": _b64(slot.public_key),
            "wrapped_private_key": {
                "kdf": "argon2id",
                "memory_kib": wrapped.kdf.memory_kib,
                "iterations": wrapped.kdf.iterations,
                "lanes": wrapped.kdf.lanes,
                "salt": _b64(wrapped.salt),
                "nonce": _b64(wrapped.nonce),
                "ciphertext": _b64(wrapped.ciphertext),
            },
            "sealed_data_key": _sealed_to_json(slot.sealed_data_key),
            "failed_attempts": slot.failed_attempts,
            "locked_until": slot.locked_until,
            "unreported_failures": slot.unreported_failures,
        }
        if slot.signing_public_key is not None and slot.wrapped_signing_key is not None:
            accounts[name]["signing"] = {
                "public_key": _b64(slot.signing_public_key),
                "nonce": _b64(slot.wrapped_signing_key.nonce),
                "ciphertext": _b64(slot.wrapped_signing_key.ciphertext),
            }
    document: dict[str, Any] = {
        "format": KEYFILE_FORMAT,
        "version": KEYFILE_VERSION,
        "store_id": keyfile.store_id,
        "recovery": {
            "public_key": _b64(keyfile.recovery.public_key),
            "sealed_data_key": _sealed_to_json(keyfile.recovery.sealed_data_key),
        },
        "accounts": accounts,
        "deactivated": list(keyfile.deactivated),
        "audit_keys": {
            kid: {"actor": key.actor, "public_key": _b64(key.public_key)}
            for kid, key in keyfile.audit_keys.items()
        },
    }
    if keyfile.service is not None:
        document["service"] = {
            "public_key": _b64(keyfile.service.public_key),
            "sealed_data_key": _sealed_to_json(keyfile.service.sealed_data_key),
            "binding": keyfile.service.binding,
        }
    return document


def _keyfile_from_json(doc: _Shape) -> KeyFile:
    if doc.get("format", None).value != KEYFILE_FORMAT:
        raise _ShapeError("it is not a kishomail key file")
    if doc.get("version", None).value != KEYFILE_VERSION:
        raise _ShapeError(f"unknown key file version {doc.get('version', None).value!r}")
    accounts = {}
    for name, slot in doc["accounts"].items():
        wrapped = slot["wrapped_private_key"]
        if wrapped["kdf"].value != "argon2id":
            raise _ShapeError(f"{wrapped.where}.kdf: unknown key derivation")
        cost = {key: wrapped[key].integer(*bounds) for key, bounds in _KDF_BOUNDS.items()}
        signing = slot.get("signing", None)
        accounts[name] = AccountSlot(
            public_key=slot["public_key"].bytes(32),
            wrapped_private_key=WrappedPrivateKey(
                salt=wrapped["salt"].bytes(at_least=16),
                kdf=KdfParams(**cost),
                nonce=wrapped["nonce"].bytes(12),
                ciphertext=wrapped["ciphertext"].bytes(48),
            ),
            sealed_data_key=_sealed_from_json(slot["sealed_data_key"]),
            failed_attempts=slot.get("failed_attempts", 0).integer(),
            locked_until=slot.get("locked_until", 0.0).number(),
            unreported_failures=slot.get("unreported_failures", 0).integer(),
            signing_public_key=None if signing.value is None else signing["public_key"].bytes(32),
            wrapped_signing_key=None
            if signing.value is None
            else WrappedSigningKey(signing["nonce"].bytes(12), signing["ciphertext"].bytes(48)),
        )
    return KeyFile(
        store_id=doc["store_id"].text(),
        recovery=RecoverySlot(
            public_key=doc["recovery"]["public_key"].bytes(32),
            sealed_data_key=_sealed_from_json(doc["recovery"]["sealed_data_key"]),
        ),
        accounts=accounts,
        deactivated=doc.get("deactivated", []).texts(),
        service=_service_from_json(doc.get("service", None)),
        audit_keys={
            kid: AuditKey(key["actor"].text(), key["public_key"].bytes(32))
            for kid, key in doc.get("audit_keys", {}).items()
        },
    )


def _service_from_json(doc: _Shape) -> ServiceSlot | None:
    if doc.value is None:
        return None
    return ServiceSlot(
        public_key=doc["public_key"].bytes(32),
        sealed_data_key=_sealed_from_json(doc["sealed_data_key"]),
        binding=doc["binding"].text(),
    )
