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
from dispatch.store.key_lock import key_file_lock
from dispatch.store.keys import with_new_recovery_key

log = logging.getLogger(__name__)


def _rekey_unless_engine_runs(session: Session, why: str) -> str | None:
    """Re-encrypt under a new data key holding the engine's instance lock (so the engine cannot
    start in the middle of it). Returns the engine's holder, changing nothing, when it runs: it
    holds the old key, and every write it made afterwards would fail."""
    lock = InstanceLock(session.store.data_dir)
    try:
        lock.acquire(why)
    except AlreadyRunning as running:
        return running.holder
    try:
        vault.rekey(session.store)
    finally:
        lock.release()
    return None


@operation(Permission.MANAGE_KEYS, "store.recovery_key")
def new_recovery_key(session: Session) -> str:
    """Issue a new recovery key (the printed one is lost, or was seen by someone who left):
    the old key no longer opens this store. Returned once, to be printed; never stored. A
    backup's key file made before keeps the old slot, so the old key still opens that backup
    until it rotates out (as after a rekey)."""
    data_dir = session.store.data_dir
    with key_file_lock(data_dir):
        keyfile = vault.load_keyfile(data_dir)
        renewed, recovery_key = with_new_recovery_key(keyfile, session.store.data_key)
        with session.audited("store.recovery_key", "store"):
            vault.save_keyfile(session.store, renewed)
    return recovery_key


@operation(Permission.MANAGE_KEYS, "store.rekey")
def rekey(session: Session) -> None:
    """Re-encrypt the store under a new data key (after a suspected leak); refused while the
    alerting engine runs on this data folder."""
    holder = _rekey_unless_engine_runs(session, f"rekey by {session.account.name}")
    if holder is not None:
        session.audit_log.append(session.account.name, "store.rekey", outcome="refused: running")
        raise Conflict(
            f"The alerting engine is running on this data folder ({holder}). Stop it "
            "first, then re-encrypt; nothing was changed."
        )
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
    why = f"rekey after a change of {name} by {session.account.name}"
    detail: dict[str, object] = {"backup_key_files": removed}
    target = f"account:{name}"
    if _rekey_unless_engine_runs(session, why) is not None:
        with transaction(session.connection):
            mark_rekey_due(session.connection, target, session.clock.now())
            session.audit_log.append(
                session.account.name, "store.rekey", target=target,
                outcome="owed: engine running", detail=detail,
            )  # fmt: skip
        return False
    # Earlier backups now open only with the recovery key of their time; a fresh one opens
    # with today's passwords.
    fresh = create_backup(
        session.store, session.clock, actor=session.account.name, label="after a key change"
    )
    with transaction(session.connection):
        clear_rekey_due(session.connection)
        session.audit_log.append(
            session.account.name, "store.rekey", target=target,
            detail={**detail, "fresh_backup": fresh.name},
        )  # fmt: skip
    return True
