"""Erasing what is no longer needed (001 特記事項 11: 不要になったとき…消去).

A subscriber who stopped the mail or was suspended keeps the address only for
``retention.inactive_days`` (default 30; 0: at once). Then the row goes — its deliveries with
it (``ON DELETE CASCADE``), its messages in the embedded local mailbox too — and an erasure
record without the address stays, counted in the statistics and the handling report.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from dispatch.base.clock import to_iso
from dispatch.records.mailbox import forget_addresses
from dispatch.records.settings import get_setting
from dispatch.records.subscriber_table import SubscriberRepository
from dispatch.records.subscribers import Status
from dispatch.store.database import Connection

#: The erasure records' reason, and the audit log's word for the job.
RETENTION_REASON = "retention: inactive"
INACTIVE = (Status.UNSUBSCRIBED, Status.SUSPENDED)


def inactive_days(connection: Connection) -> int:
    return int(get_setting(connection, "retention.inactive_days"))


def erase_inactive_subscribers(connection: Connection, now: datetime, actor: str) -> int:
    """Erase every subscriber inactive for ``retention.inactive_days`` or longer, and what the
    local mailbox keeps of their addresses (caller's transaction); returns how many."""
    cutoff = now - timedelta(days=inactive_days(connection))
    rows = connection.execute(
        "SELECT id, email FROM subscribers WHERE status IN (?, ?) AND status_changed_at <= ? "
        "ORDER BY id",
        (*(str(s) for s in INACTIVE), to_iso(cutoff)),
    ).fetchall()
    repository = SubscriberRepository(connection)
    for subscriber_id, _ in rows:
        repository.erase(subscriber_id, now, actor, RETENTION_REASON)
    forget_addresses(connection, {str(email).lower() for _, email in rows})
    return len(rows)
