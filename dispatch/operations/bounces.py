"""Bounces of alert mail, for staff: read the bounce mailbox now, and how many bounces came.

The service reads the bounce mailbox by itself (``bounces.imap_poll_seconds``);
:func:`read_bounce_mailbox_now` is for checking the set-up (``kishomail bounces read``). The
summary is counts per kind and carrier group only — never an address.
"""

from __future__ import annotations

from dataclasses import dataclass

from dispatch.base.errors import ValidationError
from dispatch.engine.bounces import BouncePoller
from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.records.bounces import bounce_mailbox


@dataclass(frozen=True)
class BounceCount:
    kind: str  # hard, soft or forged
    carrier: str  # the carrier group ('' for forged ones: not tied to a delivery)
    count: int


@operation(Permission.RUN_SERVICE, "bounces.read")
def read_bounce_mailbox_now(session: Session) -> dict[str, int]:
    """Read the bounce mailbox once; how many mails had each outcome."""
    settings = bounce_mailbox(session.connection)
    if settings is None:
        raise ValidationError(
            "No bounce mailbox is set: set bounces.imap_host (and bounces.imap_user, "
            "bounces.imap_password …) first; see the admin manual, mail relay §7."
        )
    seen = dict(BouncePoller(settings, session.store, session.clock).poll_once())
    session.audit_log.append(session.account.name, "bounces.read", detail=seen)
    return seen


@operation(Permission.READ_STATISTICS, "bounces.summary")
def bounce_summary(session: Session) -> list[BounceCount]:
    rows = session.connection.execute(
        # Bounce mails only: an address the relay refused at once is a failed delivery.
        "SELECT kind, carrier, count(*) FROM bounces WHERE source != 'relay' "
        "GROUP BY kind, carrier ORDER BY kind, carrier"
    ).fetchall()
    session.audit_log.append(session.account.name, "bounces.summary")
    return [BounceCount(kind, carrier, int(count)) for kind, carrier, count in rows]
