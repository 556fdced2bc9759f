"""The store's data key: re-encrypt everything under a new one (after a suspected leak, and
whenever a person leaves or has their password reset, so that no earlier copy of the key file
opens the live store)."""

from __future__ import annotations

import logging

from dispatch.base.errors import Conflict
from dispatch.base.instance_lock import AlreadyRunning, InstanceLock
from dispatch.engine.backups import create_backup, forget_account_in_backups
from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.records.rekey_due import clear_rekey_due, mark_rekey_due
from dispatch.store import vault
from dispatch.store.database import transaction

log = logging.getLogger(__name__)


@operation(Permission.MANAGE_KEYS, "store.rekey")
def rekey(session: Session) -> None:
    """Re-encrypt the store under a new data key (after a suspected leak).

    Refused while the alerting engine runs on this data folder: it holds the old key, and every
    write it made afterwards would fail. The engine's instance lock is taken for the rekey, so
    the engine cannot start in the middle of one either."""
    lock = InstanceLock(session.store.data_dir)
    try:
        lock.acquire(f"rekey by {session.account.name}")
    except AlreadyRunning as running:
        session.audit_log.append(session.account.name, "store.rekey", outcome="refused: running")
        raise Conflict(
            f"The alerting engine is running on this data folder ({running.holder}). Stop it "
            "first, then re-encrypt; nothing was changed."
        ) from None
    try:
        vault.rekey(session.store)
    finally:
        lock.release()
    with transaction(session.connection):
        clear_rekey_due(session.connection)
        session.audit_log.append(session.account.name, "store.rekey")


@operation(Permission.MANAGE_ACCOUNTS, "store.rekey", target="account:{name}")
def rekey_after_departure(session: Session, name: str, *, left: bool) -> bool:
    """After ``name`` left (``left``) or had their password reset: change the data key so that
    no earlier copy of the key file opens the live store with the old password, and take their
    slot out of every backup's key file when they left. Returns ``False`` when the engine runs
    (it holds the key): the rekey is then recorded as owed, ``doctor`` reminds the office and
    the next ``rekey`` settles it. Part of deactivating and of a password reset."""
    removed = forget_account_in_backups(session.store, name) if left else 0
    lock = InstanceLock(session.store.data_dir)
    try:
        lock.acquire(f"rekey after a change of {name} by {session.account.name}")
    except AlreadyRunning:
        with transaction(session.connection):
            mark_rekey_due(session.connection, f"account:{name}", session.clock.now())
            session.audit_log.append(
                session.account.name,
                "store.rekey",
                target=f"account:{name}",
                outcome="owed: engine running",
                detail={"backup_key_files": removed},
            )
        return False
    try:
        vault.rekey(session.store)
        # Earlier backups now open only with the recovery key of their time; a fresh one
        # opens with today's passwords.
        fresh = create_backup(
            session.store, session.clock, actor=session.account.name, label="after a key change"
        )
    finally:
        lock.release()
    with transaction(session.connection):
        clear_rekey_due(session.connection)
        session.audit_log.append(
            session.account.name,
            "store.rekey",
            target=f"account:{name}",
            detail={"backup_key_files": removed, "fresh_backup": fresh.name},
        )
    return True
