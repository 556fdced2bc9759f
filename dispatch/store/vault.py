"""The store's files together: creating a store, unlocking it, and changing its keys.

A data folder holds ``kishomail.db`` (SQLCipher) and ``kishomail.keys`` (see
:mod:`dispatch.store.keys`). During ``rekey`` a third file, ``kishomail.keys.next``, holds the
new key sealed for everyone *before* the database is re-encrypted; whichever of the two opens
the database after a crash becomes the key file, so a kill at any point loses nothing.
"""

from __future__ import annotations

import logging
import math
import os
from dataclasses import dataclass, replace
from pathlib import Path

import sqlcipher3

from dispatch.base.errors import (
    AccountLocked,
    KeyFileError,
    NotAKishomailDatabase,
    StoreExists,
    StoreMissing,
    WrongCredentials,
)
from dispatch.store.database import Store, open_database
from dispatch.store.files import DB_FILE, KEY_FILE, NEXT_KEY_FILE
from dispatch.store.key_lock import key_file_lock
from dispatch.store.keys import KeyFile, new_data_key, new_keyfile
from dispatch.store.private import make_private_dir
from dispatch.store.signing import AuditSigner

log = logging.getLogger(__name__)


#: Failed password attempts allowed before the account is locked for a while.
FREE_ATTEMPTS = 5
#: The first lock lasts this long and doubles with each further failure, up to the cap.
FIRST_LOCK_SECONDS = 30.0
MAX_LOCK_SECONDS = 3600.0


@dataclass(frozen=True)
class Unlocked:
    store: Store
    #: Wrong passwords given for this account since its last login, to record in the audit log.
    failures_since_last_login: int


def create_store(data_dir: Path, admin_name: str, admin_password: str) -> tuple[Store, str]:
    """A new, empty store with one administrator's slot; returns it with the recovery key."""
    make_private_dir(data_dir)
    db_path, key_path = data_dir / DB_FILE, data_dir / KEY_FILE
    for path in (db_path, key_path):
        if path.exists():
            raise StoreExists(
                f"{path} already exists: this folder holds a store. Choose another folder with "
                "--data-dir, or log in to the existing store."
            )
    data_key = new_data_key()
    keyfile, recovery_key = new_keyfile(data_key)
    keyfile = keyfile.with_account(
        admin_name, keyfile.new_account_slot(admin_name, admin_password, data_key)
    )
    keyfile.save(key_path)
    try:
        open_database(db_path, data_key, create=True).close()
    except BaseException:
        for path in (db_path, key_path):
            path.unlink(missing_ok=True)
        raise
    store = Store(data_dir, data_key, keyfile.store_id)
    store.audit_signer = keyfile.unlock_account(admin_name, admin_password)[1]
    return store, recovery_key


def load_keyfile(data_dir: Path) -> KeyFile:
    db_path = data_dir / DB_FILE
    if not db_path.exists():
        raise StoreMissing(
            f"There is no kishomail store in {data_dir}. Run 'kishomail init --admin NAME' to "
            "create one, or point --data-dir (or KISHOMAIL_DATA_DIR) at the right folder."
        )
    return KeyFile.load(data_dir / KEY_FILE)


def unlock_with_password(data_dir: Path, name: str, password: str, now: float) -> Unlocked:
    """Open the store as ``name``; wrong passwords count towards a lock with back-off.

    The caller finishes the login (a TOTP code, say) and then calls
    :func:`record_successful_login`, which clears the count."""
    with key_file_lock(data_dir):
        keyfile = load_keyfile(data_dir)
        slot = keyfile.account(name)
        if slot.locked_until > now:
            wait = math.ceil(slot.locked_until - now)
            raise AccountLocked(
                f"Account {name} is locked after {slot.failed_attempts} failed logins. Try again "
                f"in {wait} seconds, or ask an administrator."
            )
        # The key file must take a failed attempt before a password is tried: otherwise a
        # full disk would let wrong passwords go uncounted (unlimited guesses).
        keyfile.save(data_dir / KEY_FILE)
        try:
            data_key, signer, with_signing_key = keyfile.unlock_account(name, password)
        except WrongCredentials:
            record_failed_login(data_dir, name, now)
            raise
        store = _open_promoting_pending_rekey(data_dir, keyfile, data_key, name, password)
        if with_signing_key is not keyfile:  # the first login since signed audit entries
            _keep_signing_key(data_dir, name, with_signing_key)
        store.audit_signer = signer
        return Unlocked(store, slot.unreported_failures)


def _keep_signing_key(data_dir: Path, name: str, with_signing_key: KeyFile) -> None:
    """Write the account's new signing key into the key file as it is now (a pending rekey
    may just have been completed: only the signing fields are taken over)."""
    made = with_signing_key.account(name)
    current = load_keyfile(data_dir)
    slot = replace(
        current.account(name),
        signing_public_key=made.signing_public_key,
        wrapped_signing_key=made.wrapped_signing_key,
    )
    current.with_account(name, slot).save(data_dir / KEY_FILE)


def signer_for_account(data_dir: Path, name: str, password: str) -> AuditSigner:
    """The person's audit signer from the key file as it is now (after a new slot)."""
    return load_keyfile(data_dir).unlock_account(name, password)[1]


def record_failed_login(data_dir: Path, name: str, now: float) -> None:
    """Count a wrong password or TOTP code; from the FREE_ATTEMPTS-th on, lock the account."""
    with key_file_lock(data_dir):
        keyfile = load_keyfile(data_dir)
        slot = keyfile.account(name)
        failures = slot.failed_attempts + 1
        locked_until = now + lock_seconds(failures) if failures >= FREE_ATTEMPTS else 0.0
        updated = replace(
            slot,
            failed_attempts=failures,
            locked_until=locked_until,
            unreported_failures=slot.unreported_failures + 1,
        )
        keyfile.with_account(name, updated).save(data_dir / KEY_FILE)
        log.warning("failed login for account %s (%d in a row)", name, failures)


def record_successful_login(data_dir: Path, name: str) -> None:
    with key_file_lock(data_dir):
        keyfile = load_keyfile(data_dir)
        slot = keyfile.account(name)
        if slot.failed_attempts or slot.unreported_failures or slot.locked_until:
            cleared = replace(slot, failed_attempts=0, locked_until=0.0, unreported_failures=0)
            keyfile.with_account(name, cleared).save(data_dir / KEY_FILE)


def lock_seconds(failures: int) -> float:
    return float(min(FIRST_LOCK_SECONDS * 2.0 ** (failures - FREE_ATTEMPTS), MAX_LOCK_SECONDS))


def unlock_with_recovery_key(data_dir: Path, recovery_key: str) -> Store:
    with key_file_lock(data_dir):
        keyfile = load_keyfile(data_dir)
        data_key = keyfile.unseal_with_recovery_key(recovery_key)
        return _open_promoting_pending_rekey(data_dir, keyfile, data_key, None, recovery_key)


def _open_promoting_pending_rekey(
    data_dir: Path, keyfile: KeyFile, data_key: bytes, name: str | None, secret: str
) -> Store:
    """Open with the key file's data key; if a rekey was cut short after the database took the
    new key, open with the pending key file instead and make it the key file."""
    db_path, next_path = data_dir / DB_FILE, data_dir / NEXT_KEY_FILE
    try:
        open_database(db_path, data_key).close()
    except NotAKishomailDatabase:
        if not next_path.exists():
            raise
        pending = KeyFile.load(next_path)
        if name is None:
            pending_key = pending.unseal_with_recovery_key(secret)
        else:
            pending_key = pending.unseal_for_account(name, secret)
        open_database(db_path, pending_key).close()
        os.replace(next_path, data_dir / KEY_FILE)
        log.warning("completed an interrupted rekey: the pending key file is now in use")
        return Store(data_dir, pending_key, pending.store_id)
    if next_path.exists():
        # The rekey never reached the database: its pending key file is void.
        next_path.unlink()
    return Store(data_dir, data_key, keyfile.store_id)


def rekey(store: Store) -> None:
    """Re-encrypt the database under a new data key, sealed to every account and recovery.

    Other threads' connections of this process must be idle: each is reopened under the new key
    on its next use. Another process's connections stop working (the engine: see the callers)."""
    with key_file_lock(store.data_dir):
        data_dir = store.data_dir
        keyfile = load_keyfile(data_dir)
        new_key = new_data_key()
        pending = keyfile.resealed(new_key)
        pending.save(data_dir / NEXT_KEY_FILE)
        connection = store.connection()
        try:
            connection.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlcipher3.DatabaseError as error:
            (data_dir / NEXT_KEY_FILE).unlink(missing_ok=True)
            raise KeyFileError(
                f"Re-encrypting the database failed ({error}); nothing changed."
            ) from None
        os.replace(data_dir / NEXT_KEY_FILE, data_dir / KEY_FILE)
        store.replace_data_key(new_key)
        log.info("store re-encrypted under a new data key")


def add_service_slot(store: Store, binding: str) -> bytes:
    """Give the store a (new) service slot bound to ``binding``; returns the slot's secret
    for the OS to keep (:mod:`dispatch.store.machine_slot`)."""
    with key_file_lock(store.data_dir):
        keyfile, secret = load_keyfile(store.data_dir).with_service(store.data_key, binding)
        keyfile.save(store.data_dir / KEY_FILE)
    return secret


def remove_service_slot(data_dir: Path) -> bool:
    """The service slot gone from the key file; False if there was none."""
    with key_file_lock(data_dir):
        keyfile = load_keyfile(data_dir)
        if keyfile.service is None:
            return False
        keyfile.without_service().save(data_dir / KEY_FILE)
        return True


def unlock_as_service(data_dir: Path, secret: bytes, binding: str) -> Store:
    """Open the store with the machine's service secret (no password)."""
    with key_file_lock(data_dir):
        keyfile = load_keyfile(data_dir)
        data_key = keyfile.unseal_for_service(secret, binding)
        signer = keyfile.service_signer(secret)
        try:
            open_database(data_dir / DB_FILE, data_key).close()
        except NotAKishomailDatabase:
            # A rekey cut short after the database took the new key: as for a password.
            if not (data_dir / NEXT_KEY_FILE).exists():
                raise
            pending = KeyFile.load(data_dir / NEXT_KEY_FILE)
            data_key = pending.unseal_for_service(secret, binding)
            open_database(data_dir / DB_FILE, data_key).close()
            os.replace(data_dir / NEXT_KEY_FILE, data_dir / KEY_FILE)
            keyfile = pending
        if signer.key_id not in keyfile.audit_keys:  # a slot installed before signed entries
            keyfile.with_audit_key(signer.audit_key).save(data_dir / KEY_FILE)
        store = Store(data_dir, data_key, keyfile.store_id)
        store.audit_signer = signer
        return store


def save_keyfile(store: Store, keyfile: KeyFile) -> None:
    with key_file_lock(store.data_dir):
        keyfile.save(store.data_dir / KEY_FILE)
