"""Staff operations on backups: make one now, list, check and restore (R4.8).

The mechanism (the format, the checks, the atomic swap) is ``dispatch.engine.backups``; these
functions add who may do it and what the audit log says.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from dispatch.base.errors import Conflict, ValidationError
from dispatch.base.instance_lock import InstanceLock
from dispatch.engine.backups import (
    RESTORING_FILE,
    BackupError,
    BackupInfo,
    backup_folder,
    check_database,
    create_backup,
    key_of_backup,
    list_backups,
    verify_backup,
)
from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.records.audit import AuditLog
from dispatch.store.files import DB_FILE, KEY_FILE, NEXT_KEY_FILE
from dispatch.store.key_lock import key_file_lock
from dispatch.store.vault import load_keyfile

log = logging.getLogger(__name__)


@operation(Permission.MANAGE_KEYS, "backup.create")
def create(session: Session, label: str = "") -> BackupInfo:
    return create_backup(session.store, session.clock, actor=session.account.name, label=label)


@operation(Permission.MANAGE_KEYS, "backup.list", also=(Permission.READ_AUDIT,))
def listing(session: Session) -> list[BackupInfo]:
    return list_backups(backup_folder(session.store))


def _backup_path(session: Session, name: str) -> Path:
    if "/" in name or "\\" in name or name in ("", ".", ".."):
        raise ValidationError("Give a backup's name as 'kishomail backup list' shows it.")
    return backup_folder(session.store) / name


@operation(Permission.MANAGE_KEYS, "backup.verify", target="backup:{name}")
def verify(session: Session, name: str, recovery_key: str | None = None) -> BackupInfo:
    path = _backup_path(session, name)
    try:
        info = verify_backup(
            path,
            session.store.store_id,
            key_of_backup(path, session.store.data_key, recovery_key),
        )
    except BackupError as error:
        session.audit_log.append(
            session.account.name,
            "backup.verify",
            target=f"backup:{name}",
            outcome="failed",
            detail={"error": error.code},
        )
        raise
    session.audit_log.append(session.account.name, "backup.verify", target=f"backup:{name}")
    return info


@dataclass(frozen=True)
class RestoreReport:
    restored: BackupInfo
    safety_backup: str


@operation(Permission.MANAGE_KEYS, "backup.restore", target="backup:{name}")
def restore(session: Session, name: str, recovery_key: str | None = None) -> RestoreReport:
    """Replace the store's database with a checked backup (see the module's docstring).

    The session stays usable afterwards: its connection is reopened on the restored data."""
    target = f"backup:{name}"
    store = session.store
    path = _backup_path(session, name)
    backup_key = key_of_backup(path, store.data_key, recovery_key)
    try:
        info = verify_backup(path, store.store_id, backup_key)
    except BackupError as error:
        session.audit_log.append(
            session.account.name,
            "backup.restore",
            target=target,
            outcome="refused",
            detail={"error": error.code},
        )
        raise
    lock = InstanceLock(store.data_dir)
    lock.acquire(f"backup restore by {session.account.name}")
    try:
        safety = create_backup(
            store, session.clock, actor=session.account.name, label=f"before-restore of {name}"
        )
        temporary = store.data_dir / RESTORING_FILE
        shutil.copyfile(path / DB_FILE, temporary)
        try:
            check_database(temporary, backup_key, info.counts)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        connection = store.connection()
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close_thread_connection()
        if store.open_connection_count():
            temporary.unlink(missing_ok=True)
            raise Conflict(
                "Other parts of kishomail still use the store; close them and restore again. "
                "Nothing was changed."
            )
        db = store.data_dir / DB_FILE
        for suffix in ("-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        rekeyed = backup_key != store.data_key
        with key_file_lock(store.data_dir):  # no login or password change in between
            if rekeyed:
                # Made before a rekey: the backup's key is sealed to today's accounts and
                # recovery key, written as the pending key file first (the rekey's crash-safe
                # order: on the next open whichever key file opens the database becomes the
                # key file).
                pending = load_keyfile(store.data_dir).resealed(backup_key)
                pending.save(store.data_dir / NEXT_KEY_FILE)
            os.replace(temporary, db)
            if rekeyed:
                os.replace(store.data_dir / NEXT_KEY_FILE, store.data_dir / KEY_FILE)
                store.replace_data_key(backup_key)
        AuditLog(store.connection(), session.clock).append(
            session.account.name,
            "backup.restore",
            target=target,
            detail={
                "backup_created_at": info.created_at,
                "safety_backup": safety.name,
                "rows": sum(info.counts.values()),
            },
        )
    finally:
        lock.release()
    log.warning("store restored from backup %s (safety backup %s)", name, safety.name)
    return RestoreReport(info, safety.name)
