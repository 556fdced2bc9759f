"""Scheduled manual alerts going out when their time comes: what the unattended engine runs.

An approved alert with a send time in the future is stored as ``scheduled``; the service's
scheduler calls :func:`send_due`, so a scheduled alert survives a restart. It works on the store
alone (no staff session): the audit entries name the actor ``system``.
"""

from __future__ import annotations

import logging

from dispatch.base.clock import Clock, to_iso
from dispatch.base.errors import KishomailError
from dispatch.records.audit import AuditLog
from dispatch.records.manual_alerts import (
    AlertStatus,
    ManualAlertRepository,
    audit_detail,
    check_sendable,
    dispatch_total,
    enqueue_alert,
    office_domain,
)
from dispatch.store.database import Store, transaction

log = logging.getLogger(__name__)

SCHEDULER_ACTOR = "system"


def send_due(store: Store, clock: Clock) -> list[int]:
    """Enqueue every scheduled alert whose time has come; returns the new dispatch ids.

    Runs in the service's scheduler (its own thread and connection). An alert whose stored
    content no longer matches its approved hash is not sent: it is marked in the audit log."""
    connection = store.connection()
    audit = AuditLog(connection, clock)
    now = to_iso(clock.now())
    due = connection.execute(
        "SELECT id FROM manual_alerts WHERE status = 'scheduled' AND send_at <= ? ORDER BY send_at",
        (now,),
    ).fetchall()
    dispatched = []
    repo = ManualAlertRepository(connection)
    for (alert_id,) in due:
        with transaction(connection):
            alert = repo.get(alert_id)
            if alert.status is not AlertStatus.SCHEDULED:
                continue
            try:
                check_sendable(connection, alert)
            except KishomailError as error:
                audit.append(
                    SCHEDULER_ACTOR,
                    "alert.send",
                    target=f"alert:{alert_id}",
                    outcome="refused",
                    detail={"reason": error.message[:300]},
                )
                continue
            dispatch_id = enqueue_alert(
                connection, clock, alert, SCHEDULER_ACTOR, office_domain(connection)
            )
            audit.append(
                SCHEDULER_ACTOR,
                "alert.send",
                target=f"alert:{alert_id}",
                detail=audit_detail(
                    alert,
                    dispatch=dispatch_id,
                    scheduled_for=alert.send_at,
                    approver=alert.approver,
                    author=alert.author,
                    recipients=dispatch_total(connection, dispatch_id),
                ),
            )
        dispatched.append(dispatch_id)
        log.info("scheduled manual alert %d enqueued as dispatch %d", alert_id, dispatch_id)
    return dispatched
