"""A full mailbox is not a dead address (issue 17 point 1): a temporary refusal (452) that
runs out of retries, alert after alert, never suspends the resident — they keep getting the
warnings once their mailbox has room again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from dispatch.base.clock import FixedClock
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import Session
from dispatch.records.delivery_queue import MAX_ATTEMPTS
from dispatch.records.subscribers import Status
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

FULL = "452 4.2.2 Mailbox full"


@pytest.fixture
def operator(office: Office) -> Session:
    return office.operator()


def test_a_mailbox_full_through_every_retry_of_six_alerts_suspends_nobody(
    operator: Session,
    clock: FixedClock,
    smtp_server_factory: Callable[..., FaultySmtpServer],
    server_certificate: ServerCertificate,
) -> None:
    server = smtp_server_factory(
        faults=[Fault("RCPT", reply=FULL, address="full@example.jp", limit=6 * MAX_ATTEMPTS)]
    )
    full = add(operator, clock, "full@example.jp")
    for n in range(6):
        dispatch_id = enqueue(operator, clock, replace(WARNING, dedupe_key=f"full-{n}"))
        dispatcher = make_dispatcher(operator, clock, server, server_certificate.cafile)
        for _ in range(MAX_ATTEMPTS):  # every retry, each when it is due
            dispatcher.drain()
            clock.advance(hours=6)
        summary = outbox_of(operator, clock).dispatch_log().summary(dispatch_id or 0)
        assert summary is not None and summary.status == "done" and summary.failed == 1
    resident = subscriber_ops.get_subscriber(operator, full)
    assert resident.status is Status.ACTIVE and resident.hard_failures == 0
    # Room again: the next warning reaches them.
    enqueue(operator, clock, replace(WARNING, dedupe_key="full-later"))
    assert make_dispatcher(operator, clock, server, server_certificate.cafile).drain().accepted == 1
    assert server.recipients_received()["full@example.jp"] == 1
