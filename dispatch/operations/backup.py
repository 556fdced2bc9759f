"""Staff operations on backups: make one now, list, check and restore (R4.8).

The mechanism is ``dispatch.engine.backups`` (the format, the checks) and
``dispatch.engine.restore`` (what a restore brings back and what it never rewrites); these
functions add who may do it and what the audit log says.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from dispatch.base.errors import Conflict, ValidationError
from dispatch.base.instance_lock import InstanceLock
from dispatch.engine.backups import (
    RESTORING_FILE,
    SAFETY_LABEL,
    BackupError,
    BackupInfo,
    backup_folder,
    check_database,
    create_backup,
    destroy_backup,
    key_of_backup,
    list_backups,
    verify_backup,
)
from dispatch.engine.restore import bring_back, upgrade_copy
from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.store.files import DB_FILE

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
    #: Residents of the backup left out (erased since) and kept stopped (stopped since).
    erased_since: int = 0
    stopped_since: int = 0


@operation(Permission.MANAGE_KEYS, "backup.restore", target="backup:{name}")
def restore(session: Session, name: str, recovery_key: str | None = None) -> RestoreReport:
    """Bring back the resident data of a checked backup (see ``dispatch.engine.restore``):
    accounts, key slots, TOTP, the audit chain and the erasure records stay as they are now;
    residents erased or stopped since stay so; the data is written under today's key."""
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
    temporary = store.data_dir / RESTORING_FILE
    try:
        safety = create_backup(
            store, session.clock, actor=session.account.name, label=f"{SAFETY_LABEL} of {name}"
        )
        shutil.copyfile(path / DB_FILE, temporary)
        check_database(temporary, backup_key, info.counts)
        upgrade_copy(temporary, backup_key)
        brought = bring_back(session.connection, temporary, backup_key)
        session.audit_log.append(
            session.account.name,
            "backup.restore",
            target=target,
            detail={
                "backup_created_at": info.created_at,
                "safety_backup": safety.name,
                "rows": sum(brought.rows.values()),
                "left_out_erased_since": brought.erased_since,
                "kept_stopped_since": brought.stopped_since,
            },
        )
    finally:
        for leftover in (temporary, *(Path(f"{temporary}{s}") for s in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
        lock.release()
    log.warning("store restored from backup %s (safety backup %s)", name, safety.name)
    return RestoreReport(info, safety.name, brought.erased_since, brought.stopped_since)


@operation(Permission.MANAGE_KEYS, "backup.delete", target="backup:{name}")
def delete(session: Session, name: str) -> int:
    """Overwrite and delete one backup (a ``before-restore`` copy rotation keeps, say);
    returns the bytes destroyed. The newest backup stays: delete refuses it."""
    path = _backup_path(session, name)
    found = {info.name: info for info in list_backups(backup_folder(session.store))}
    if name not in found:
        raise ValidationError(f"There is no backup {name}; 'kishomail backup list' shows them.")
    if name == max(found, key=lambda n: found[n].created_at):
        raise Conflict(f"{name} is the newest backup; make a new one before deleting it.")
    with session.audited("backup.delete", f"backup:{name}", label=found[name].label):
        return destroy_backup(path)
