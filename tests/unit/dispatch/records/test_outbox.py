"""The outbox and the dispatcher: real store, real aiosmtpd over verified TLS."""

from __future__ import annotations

import base64
import dataclasses
import email
import email.policy
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from dispatch.base.clock import FixedClock
from dispatch.base.vocabulary import Charset, Language
from dispatch.engine.sender import Dispatcher
from dispatch.mail.message import MessageContent, Mode
from dispatch.mail.smtp import MailTransport, Security, SmtpSettings
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import Session
from dispatch.records.dispatch_log import SUPERSEDED_REPLY
from dispatch.records.outbox import HELD_REPLY, Outbox
from dispatch.records.subscribers import (
    KandaRiver,
    NewSubscriber,
    QuietHours,
    Status,
    Topics,
    WarningLevel,
)
from dispatch.store.database import transaction
from dispatch.store.signing import signature_valid
from feeds.model import Alert, Category, Change
from tests.support.alerts import sample_warning
from tests.support.certs import ServerCertificate
from tests.support.smtp_server import Fault, FaultySmtpServer
from tests.unit.dispatch.conftest import OPEN_TRANSPORTS, Office

OFFICE = "kishomail@example.jp"

WARNING = sample_warning("warn-3", headline="大雨警報を発表します。")


def content(dispatch_id: int, language: str, charset: Charset, mode: Mode) -> MessageContent:
    stop = "{unsubscribe_url}" if mode is Mode.INDIVIDUAL else "https://example.jp/kishomail/"
    return MessageContent(
        subject=f"【新宿区】dispatch {dispatch_id} ({language})",
        body=f"気象庁発表の警報です。\n停止: {stop}\n",
        office_address=OFFICE,
        office_name="新宿区危機管理課",
        charset=charset,
    )


def add(session: Session, clock: FixedClock, email_address: str, **kwargs: object) -> int:
    topics = kwargs.pop("topics", Topics(warning_level=WarningLevel.WARNING))
    return subscriber_ops.add_subscriber(
        session,
        NewSubscriber(email_address, topics, clock.now(), **kwargs),  # type: ignore[arg-type]
    ).id


@pytest.fixture
def operator(office: Office) -> Session:
    return office.operator()


def outbox_of(session: Session, clock: FixedClock) -> Outbox:
    return Outbox(session.connection, clock, "example.jp")


def enqueue(session: Session, clock: FixedClock, alert: Alert) -> int | None:
    with transaction(session.connection):
        return outbox_of(session, clock).enqueue_alert(alert, alert.kind_name or "")


def make_dispatcher(
    session: Session,
    clock: FixedClock,
    server: FaultySmtpServer,
    cafile: Path,
    mode: Mode = Mode.INDIVIDUAL,
    **smtp: object,
) -> Dispatcher:
    settings = SmtpSettings(
        host=server.host,
        port=server.port,
        security=Security.STARTTLS,
        cafile=cafile,
        connections=2,
        connect_timeout=5.0,
        command_timeout=5.0,
        data_timeout=5.0,
        retry_pause=0.01,
        domain_policies=(),
    )
    transport = MailTransport(dataclasses.replace(settings, **smtp))  # type: ignore[arg-type]
    OPEN_TRANSPORTS.append(transport)
    return Dispatcher(
        session.store,
        transport,
        render=lambda dispatch_id, language, charset: content(dispatch_id, language, charset, mode),
        unsubscribe_link=lambda sid: f"https://example.jp/kishomail/unsubscribe?s={sid}",
        office_address=OFFICE,
        message_domain="example.jp",
        clock=clock,
        mode=mode,
        batch_size=2,
    )


def test_an_alert_is_enqueued_once_for_its_audience(operator: Session, clock: FixedClock) -> None:
    add(operator, clock, "warn@example.jp")
    add(
        operator,
        clock,
        "special-only@example.jp",
        topics=Topics(warning_level=WarningLevel.SPECIAL),
    )
    add(operator, clock, "rain-only@example.jp", topics=Topics(rain_mm=30))
    gone = add(operator, clock, "gone@example.jp")
    subscriber_ops.unsubscribe(operator, gone)
    dispatch_id = enqueue(operator, clock, WARNING)
    assert dispatch_id is not None
    summary = outbox_of(operator, clock).dispatch_log().summary(dispatch_id)
    assert summary is not None and summary.total == 1 and summary.queued == 1
    assert summary.jma_report_at == "2026-10-12T19:00:00+09:00"
    # The same alert again (a re-sent telegram, a restart) enqueues nothing.
    assert enqueue(operator, clock, WARNING) is None


def check_audit_head(session: Session, header: str) -> None:
    fields = dict(part.strip().split("=", 1) for part in header.split(";"))
    seq, head = int(fields["seq"]), fields["hash"]
    stored = session.connection.execute("SELECT hash FROM audit_log WHERE seq = ?", (seq,))
    assert bytes(stored.fetchone()[0]).hex() == head
    signer = session.store.audit_signer
    assert signer is not None and fields["key"] == signer.key_id
    message = f"kishomail-audit-head/1\0{session.store.store_id}\0{seq}\0{head}".encode()
    assert signature_valid(signer.public_key, base64.b64decode(fields["sig"]), message)


def test_delivery_over_tls_one_recipient_per_message_with_control_copy(
    operator: Session,
    clock: FixedClock,
    smtp_server: FaultySmtpServer,
    server_certificate: ServerCertificate,
) -> None:
    addresses = [f"resident{n}@example.jp" for n in range(7)]
    for address in addresses:
        add(operator, clock, address)
    dispatch_id = enqueue(operator, clock, WARNING)
    report = make_dispatcher(operator, clock, smtp_server, server_certificate.cafile).drain()
    assert report.accepted == 7 and report.failed == 0 and report.control_copies == 1
    assert dispatch_id in report.finished_dispatches
    received = {r for m in smtp_server.received for r in m.recipients}
    assert received == {*addresses, OFFICE}
    for message in smtp_server.received:
        assert message.secure  # STARTTLS was in force
        parsed = email.message_from_bytes(message.data, policy=email.policy.SMTP)
        body = parsed.get_body()
        assert body is not None
        text = message.data.decode("ascii", "replace") + body.get_content()
        others = set(addresses) - set(message.recipients)
        assert not any(other in text for other in others), "another subscriber's address leaked"
        if message.recipients != (OFFICE,):
            assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
            assert parsed["X-Kishomail-Audit-Head"] is None
        else:  # the office's copy keeps the audit head, signed by whoever runs the engine
            check_audit_head(operator, str(parsed["X-Kishomail-Audit-Head"]))
    summary = outbox_of(operator, clock).dispatch_log().summary(dispatch_id or 0)
    assert summary is not None
    assert (summary.status, summary.sent, summary.failed) == ("done", 7, 0)
    assert summary.first_accepted_at is not None
    # Nothing left to send: a second drain sends nothing.
    assert (
        make_dispatcher(operator, clock, smtp_server, server_certificate.cafile).drain().attempted
        == 0
    )


def test_batch_mode_keeps_recipients_in_the_envelope(
    operator: Session,
    clock: FixedClock,
    smtp_server: FaultySmtpServer,
    server_certificate: ServerCertificate,
) -> None:
    addresses = [f"person{n}@example.jp" for n in range(5)]
    for address in addresses:
        add(operator, clock, address)
    enqueue(operator, clock, WARNING)
    dispatcher = make_dispatcher(
        operator, clock, smtp_server, server_certificate.cafile, mode=Mode.BATCH
    )
    assert dispatcher.drain().accepted == 5
    batches = [m for m in smtp_server.received if OFFICE not in m.recipients]
    assert sorted(len(m.recipients) for m in batches) == [1, 2, 2]  # batch_size 2
    for message in batches:
        headers = message.data.split(b"\r\n\r\n", 1)[0].decode()
        assert f"To: {OFFICE}" in headers or OFFICE in headers
        leaked = [a for a in addresses if a in message.data.decode("ascii", "replace")]
        assert not leaked, message.data[:800]


def test_an_address_the_relay_refuses_follows_the_hard_bounce_rule(
    operator: Session,
    clock: FixedClock,
    smtp_server_factory: Callable[..., FaultySmtpServer],
    server_certificate: ServerCertificate,
) -> None:
    """A relay's 5xx at RCPT is a hard bounce (``bounces.*``): "user unknown" (5.1.x)
    suspends at once, another one after bounces.suspend_after (3) within the window; a refusal
    of the message itself (5xx after the data) counts against nobody."""
    server = smtp_server_factory(
        faults=[
            Fault("RCPT", reply="550 5.1.1 <nobody@example.jp>: User unknown", address="nobody@"),
            Fault("RCPT", reply="550 5.2.1 Mailbox disabled", address="closed@"),
            Fault("DATA", reply="554 5.7.1 Message refused", address="scanned@"),
        ]
    )
    nobody = add(operator, clock, "nobody@example.jp")
    closed = add(operator, clock, "closed@example.jp")
    scanned = add(operator, clock, "scanned@example.jp")
    add(operator, clock, "fine@example.jp")

    def status(subscriber: int) -> Status:
        return subscriber_ops.get_subscriber(operator, subscriber).status

    first = enqueue(operator, clock, WARNING) or 0
    report = make_dispatcher(operator, clock, server, server_certificate.cafile).drain()
    assert (report.accepted, report.failed) == (1, 3)
    failures = outbox_of(operator, clock).dispatch_log().failures(first)
    assert [(f[1], f[2]) for f in failures] == [(nobody, 550), (closed, 550), (scanned, 554)]
    assert "User unknown" in failures[0][3]
    assert status(nobody) is Status.SUSPENDED  # 5.1.1: at once, as a bounce would
    assert status(closed) is Status.ACTIVE  # 1 of 3
    summary = outbox_of(operator, clock).dispatch_log().summary(first)
    assert summary is not None and (summary.failed, summary.bounced_hard) == (3, 0)
    for n in (1, 2):
        enqueue(operator, clock, replace(WARNING, dedupe_key=f"warn-{n}"))
        report = make_dispatcher(operator, clock, server, server_certificate.cafile).drain()
        assert (report.accepted, report.failed) == (1, 2)
        assert status(closed) is (Status.ACTIVE if n == 1 else Status.SUSPENDED)
    assert status(scanned) is Status.ACTIVE  # its mail was refused, not its address
    assert subscriber_ops.get_subscriber(operator, scanned).hard_failures == 0
    rows = operator.connection.execute(
        "SELECT subscriber_id, status, source FROM bounces ORDER BY subscriber_id, id"
    ).fetchall()
    assert rows == [(nobody, "5.1.1", "relay")] + [(closed, "5.2.1", "relay")] * 3


def test_temporary_failures_are_retried_later_not_in_a_tight_loop(
    operator: Session,
    clock: FixedClock,
    smtp_server_factory: Callable[..., FaultySmtpServer],
    server_certificate: ServerCertificate,
) -> None:
    server = smtp_server_factory(faults=[Fault("RCPT", address="grey@example.jp", limit=1)])
    add(operator, clock, "grey@example.jp")
    dispatch_id = enqueue(operator, clock, WARNING)
    dispatcher = make_dispatcher(operator, clock, server, server_certificate.cafile)
    first = dispatcher.drain()
    assert first.deferred == 1 and first.accepted == 0
    assert dispatcher.drain().attempted == 0  # not due yet: no retry storm
    summary = outbox_of(operator, clock).dispatch_log().summary(dispatch_id or 0)
    assert summary is not None and summary.deferred == 1 and summary.status == "sending"
    clock.advance(minutes=2)
    assert dispatcher.drain().accepted == 1
    summary = outbox_of(operator, clock).dispatch_log().summary(dispatch_id or 0)
    assert summary is not None and summary.status == "done" and summary.sent == 1


def test_a_reply_lost_after_acceptance_is_resent_and_counted(
    operator: Session,
    clock: FixedClock,
    smtp_server_factory: Callable[..., FaultySmtpServer],
    server_certificate: ServerCertificate,
) -> None:
    server = smtp_server_factory(faults=[Fault("DATA", action="accept-then-drop", nth={2})])
    add(operator, clock, "a@example.jp")
    add(operator, clock, "b@example.jp")
    dispatch_id = enqueue(operator, clock, WARNING)
    # One connection, so the second DATA is the first resident's (the control copy goes first).
    dispatcher = make_dispatcher(operator, clock, server, server_certificate.cafile, connections=1)
    report = dispatcher.drain()
    assert report.in_doubt == 1 and report.control_copies == 1
    summary = outbox_of(operator, clock).dispatch_log().summary(dispatch_id or 0)
    assert summary is not None and summary.sent == 2 and summary.status == "done"
    assert summary.resent_in_doubt == report.in_doubt
    counts = server.recipients_received()
    assert counts["a@example.jp"] >= 1 and counts["b@example.jp"] >= 1  # nobody missed
    duplicates = sum(n - 1 for address, n in counts.items() if address != OFFICE)
    assert duplicates <= summary.resent_in_doubt


def test_a_crash_while_sending_leaves_deliveries_to_resend_in_doubt(
    operator: Session, clock: FixedClock
) -> None:
    for n in range(3):
        add(operator, clock, f"c{n}@example.jp")
    dispatch_id = enqueue(operator, clock, WARNING)
    outbox = outbox_of(operator, clock)
    with transaction(operator.connection):
        claimed = outbox.claim(2)
    assert len(claimed) == 2
    # ... the process dies here. At the next start:
    with transaction(operator.connection):
        assert outbox.recover_interrupted() == 2
    summary = outbox.dispatch_log().summary(dispatch_id or 0)
    assert summary is not None and summary.queued == 3 and summary.resent_in_doubt == 2


def test_a_claim_gives_each_delivery_its_own_bounce_token_and_a_resend_keeps_it(
    operator: Session, clock: FixedClock
) -> None:
    """Individual mode's bounce address is made when a delivery is first claimed (not in
    the alert's transaction); a delivery sent again after a crash keeps it, so a bounce of
    the first send still finds it."""
    for n in range(3):
        add(operator, clock, f"t{n}@example.jp")
    enqueue(operator, clock, WARNING)
    outbox = outbox_of(operator, clock)
    stored = "SELECT id, bounce_token FROM deliveries ORDER BY id"
    assert {token for _, token in operator.connection.execute(stored)} == {None}
    with transaction(operator.connection):
        first = outbox.claim(2, with_tokens=True)
    tokens = {c.id: c.bounce_token for c in first}
    assert all(re.fullmatch("[0-9a-f]{24}", t or "") for t in tokens.values())
    assert len(set(tokens.values())) == 2
    assert {i: t for i, t in operator.connection.execute(stored) if t} == tokens
    with transaction(operator.connection):  # the crash, then the restart
        outbox.recover_interrupted()
        again = outbox.claim(3, with_tokens=True)
    assert {c.id: c.bounce_token for c in again if c.id in tokens} == tokens
    assert len({c.bounce_token for c in again}) == 3


def test_follow_ups_go_to_those_who_received_the_chain(
    operator: Session,
    clock: FixedClock,
    smtp_server: FaultySmtpServer,
    server_certificate: ServerCertificate,
) -> None:
    add(operator, clock, "advisory@example.jp", topics=Topics(warning_level=WarningLevel.ADVISORY))
    add(operator, clock, "warning@example.jp")
    add(operator, clock, "latecomer@example.jp", topics=Topics(warning_level=WarningLevel.ADVISORY))
    advisory = replace(WARNING, dedupe_key="adv", change=Change.NEW, level=2)
    enqueue(operator, clock, advisory)
    upgrade = replace(WARNING, dedupe_key="warn", supersedes="adv")
    enqueue(operator, clock, upgrade)
    dispatcher = make_dispatcher(operator, clock, smtp_server, server_certificate.cafile)
    dispatcher.drain()
    lifted = replace(WARNING, dedupe_key="lift", change=Change.LIFTED, supersedes="warn")
    dispatch_id = enqueue(operator, clock, lifted)
    recipients = {r.email for r in outbox_of(operator, clock).recipients_of_chain("lift")}
    assert recipients == {"advisory@example.jp", "warning@example.jp", "latecomer@example.jp"}
    summary = outbox_of(operator, clock).dispatch_log().summary(dispatch_id or 0)
    assert summary is not None and summary.total == 3


def test_quiet_hours_hold_advisories_only(operator: Session, office: Office) -> None:
    clock = office.clock  # 03:00 UTC = 12:00 Tokyo
    quiet = QuietHours.parse("11:00-14:00")
    sleeper = add(
        operator, clock, "sleeper@example.jp",
        topics=Topics(warning_level=WarningLevel.ADVISORY), quiet_hours=quiet,
    )  # fmt: skip
    advisory = replace(WARNING, dedupe_key="adv", change=Change.NEW, level=2)
    adv_id = enqueue(operator, clock, advisory)
    warn_id = enqueue(operator, clock, replace(WARNING, dedupe_key="w", supersedes=None))
    rows = dict(
        operator.connection.execute(
            "SELECT dispatch_id, state || '|' || last_reply || '|' || next_attempt_at "
            "FROM deliveries WHERE subscriber_id = ?",
            (sleeper,),
        ).fetchall()
    )
    state, reply, due = rows[adv_id].split("|")
    assert (state, reply) == ("deferred", HELD_REPLY)
    assert due.startswith("2026-11-21T05:00:00")  # 14:00 Tokyo
    assert rows[warn_id].startswith("queued||")
    # A follow-up before the quiet hours end: the held advisory is dropped, not sent stale.
    enqueue(
        operator, clock, replace(WARNING, dedupe_key="lift", change=Change.LIFTED, supersedes="adv")
    )
    assert operator.connection.execute(
        "SELECT state, last_reply FROM deliveries WHERE dispatch_id = ?", (adv_id,)
    ).fetchone() == ("failed", SUPERSEDED_REPLY)
    # … and the held advisory's figures still add up: the dropped delivery counts as failed.
    summary = outbox_of(operator, clock).dispatch_log().summary(adv_id or 0)
    assert summary is not None
    assert (summary.total, summary.sent, summary.failed, summary.deferred) == (1, 0, 1, 0)
    assert summary.superseded == 1  # … of which superseded, on purpose (the history says so)


def test_exercise_alerts_reach_no_resident(operator: Session, clock: FixedClock) -> None:
    add(operator, clock, "w@example.jp")
    dispatch_id = enqueue(operator, clock, replace(WARNING, is_exercise=True))
    summary = outbox_of(operator, clock).dispatch_log().summary(dispatch_id or 0)
    assert summary is not None and summary.total == 0 and summary.status == "done"


def test_flood_forecast_audience_by_river(operator: Session, clock: FixedClock) -> None:
    add(operator, clock, "kanda@example.jp", topics=Topics(kanda_rivers=KandaRiver.KANDA))
    add(operator, clock, "zen@example.jp", topics=Topics(kanda_rivers=KandaRiver.ZENPUKUJI))
    add(operator, clock, "en@example.jp", topics=Topics(kanda_rivers=KandaRiver.ALL),
        language=Language.EN)  # fmt: skip
    flood = replace(WARNING, category=Category.FLOOD, dedupe_key="f", river="神田川", level=4)
    dispatch_id = enqueue(operator, clock, flood)
    rows = operator.connection.execute(
        "SELECT s.email, d.language FROM deliveries d JOIN subscribers s "
        "ON s.id = d.subscriber_id WHERE d.dispatch_id = ? ORDER BY s.email",
        (dispatch_id,),
    ).fetchall()
    assert rows == [("en@example.jp", "en"), ("kanda@example.jp", "ja")]


def test_an_erased_subscriber_takes_their_pending_deliveries_along(
    operator: Session, clock: FixedClock
) -> None:
    subscriber = add(operator, clock, "erase-me@example.jp")
    dispatch_id = enqueue(operator, clock, WARNING)
    subscriber_ops.delete_subscriber(operator, subscriber)
    summary = outbox_of(operator, clock).dispatch_log().summary(dispatch_id or 0)
    assert summary is not None and summary.queued == 0


def test_a_deliverys_message_id_cannot_be_guessed_from_its_numbers(
    operator: Session, clock: FixedClock
) -> None:
    """A bounce counts only when it names a Message-ID we sent (registration's ``bounced``):
    with ids built from the dispatch and subscriber numbers alone, one forged DSN could list
    every resident whose address is known. Each delivery's id carries a random tag."""
    first = add(operator, clock, "one@example.jp")
    second = add(operator, clock, "two@example.jp")
    dispatch_id = enqueue(operator, clock, WARNING)
    rows = dict(
        operator.connection.execute(
            "SELECT subscriber_id, message_id FROM deliveries WHERE dispatch_id = ?",
            (dispatch_id,),
        ).fetchall()
    )
    for subscriber_id in (first, second):
        guessed = f"<kishomail.{dispatch_id}.{subscriber_id}@example.jp>"
        assert rows[subscriber_id] != guessed
        assert re.fullmatch(
            rf"<kishomail\.{dispatch_id}\.{subscriber_id}\.[0-9a-f]{{16}}@example\.jp>",
            rows[subscriber_id],
        )
    assert rows[first].split(".")[3] != rows[second].split(".")[3]
