"""The store's data key: re-encrypt everything under a new one (after a suspected leak)."""

from __future__ import annotations

import logging

from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.records.accounts import (
    Permission,
)
from dispatch.store import vault

log = logging.getLogger(__name__)


@operation(Permission.MANAGE_KEYS, "store.rekey")
def rekey(session: Session) -> None:
    """Re-encrypt the store under a new data key (after a suspected leak)."""
    vault.rekey(session.store)
    session.audit_log.append(session.account.name, "store.rekey")
