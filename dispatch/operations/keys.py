"""The store's data key: re-encrypt everything under a new one (after a suspected leak)."""

from __future__ import annotations

import logging

from dispatch.base.errors import Conflict
from dispatch.base.instance_lock import AlreadyRunning, InstanceLock
from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.store import vault

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
    session.audit_log.append(session.account.name, "store.rekey")
