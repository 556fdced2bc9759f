"""Resend of a dispatch's failed deliveries: which go again, the permission, the audit."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dispatch.base.errors import NotFound, PermissionDenied
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.resend import resend_failed
from dispatch.operations.session import Session
from dispatch.records.delivery_queue import MAX_ATTEMPTS
from tests.support.certs import ServerCertificate
from tests.support.smtp_server import Fault, FaultySmtpServer
from tests.unit.dispatch.conftest import Office
from tests.unit.dispatch.records.test_outbox import (
    WARNING,
    add,
    enqueue,
    make_dispatcher,
    outbox_of,
)


def audit_actions(session: Session) -> list[tuple[str, str, str]]:
    rows = session.connection.execute(
        "SELECT action, outcome, detail FROM audit_log WHERE action = 'dispatch.resend_failed' "
        "ORDER BY seq"
    ).fetchall()
    return [(r[0], r[1], r[2] or "") for r in rows]


def test_temporary_failures_of_active_subscribers_are_sent_again(
    office: Office,
    smtp_server_factory: Callable[..., FaultySmtpServer],
    server_certificate: ServerCertificate,
) -> None:
    clock = office.clock
    operator = office.operator()
    server = smtp_server_factory(
        faults=[
            Fault("RCPT", address="grey@example.jp", limit=MAX_ATTEMPTS),
            Fault("RCPT", address="gone@example.jp"),
            Fault("RCPT", reply="550 5.1.1 User unknown", address="nobody@example.jp"),
        ]
    )
    grey = add(operator, clock, "grey@example.jp")
    gone = add(operator, clock, "gone@example.jp")
    add(operator, clock, "nobody@example.jp")
    add(operator, clock, "fine@example.jp")
    dispatch_id = enqueue(operator, clock, WARNING) or 0
    dispatcher = make_dispatcher(operator, clock, server, server_certificate.cafile)
    for _ in range(MAX_ATTEMPTS):
        dispatcher.drain()
        clock.advance(hours=6)
    summary = outbox_of(operator, clock).dispatch_log().summary(dispatch_id)
    assert summary is not None and summary.status == "done"
    assert (summary.sent, summary.failed) == (1, 3)
    subscriber_ops.unsubscribe(operator, gone)

    with pytest.raises(PermissionDenied):
        resend_failed(operator, dispatch_id)  # an operator may not send
    duty = office.duty()
    with pytest.raises(NotFound):
        resend_failed(duty, dispatch_id + 100)

    assert resend_failed(duty, dispatch_id) == 1  # grey only: not the 5xx, not the unsubscribed
    summary = outbox_of(duty, clock).dispatch_log().summary(dispatch_id)
    assert summary is not None and summary.status == "queued" and summary.failed == 2
    assert dispatcher.drain().accepted == 1
    summary = outbox_of(duty, clock).dispatch_log().summary(dispatch_id)
    assert summary is not None and summary.status == "done"
    assert (summary.sent, summary.failed) == (2, 2)
    assert server.recipients_received()["grey@example.jp"] == 1
    assert [f[1] for f in outbox_of(duty, clock).dispatch_log().failures(dispatch_id)] != [grey]

    assert resend_failed(duty, dispatch_id) == 0  # nothing temporary is left
    actions = audit_actions(duty)
    assert [a[1] for a in actions] == ["denied", "ok", "ok"]
    assert '"requeued": 1' in actions[1][2] or '"requeued":1' in actions[1][2]
    duty.close()
    operator.close()
