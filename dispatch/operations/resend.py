"""Resend a dispatch's failed deliveries (the "resend failed deliveries" button).

Which deliveries go again is
:meth:`dispatch.records.delivery_queue.DeliveryQueue.requeue_failed`'s rule: those of
still-active subscribers that failed for a temporary reason (4xx given up, connection lost /
in doubt), not 5xx refusals. The running service's sender picks them up within seconds.
Permission-checked (``SEND_ALERTS``) and audited.
"""

from __future__ import annotations

from dispatch.base.errors import NotFound
from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.records.outbox import Outbox
from dispatch.records.settings import get_setting


@operation(Permission.SEND_ALERTS, "dispatch.resend_failed", target="dispatch:{dispatch_id}")
def resend_failed(session: Session, dispatch_id: int) -> int:
    """Queue the dispatch's failed deliveries again; returns how many were queued."""
    target = f"dispatch:{dispatch_id}"
    connection = session.connection
    domain = str(get_setting(connection, "office.address")).rsplit("@", 1)[-1]
    outbox = Outbox(connection, session.clock, domain)
    if outbox.dispatch_log().summary(dispatch_id) is None:
        raise NotFound(f"There is no dispatch {dispatch_id}.")
    with session.audited("dispatch.resend_failed", target) as detail:
        queued = outbox.requeue_failed(dispatch_id)
        detail["requeued"] = queued
    return queued
