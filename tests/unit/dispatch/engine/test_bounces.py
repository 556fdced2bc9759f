"""Bounces of alert mail, end to end: the engine sends through the TLS test relay with a
bounce address per delivery, and reads the bounces back from Debian's dovecot over verified
TLS. A forged bounce changes nothing; what is not ours stays in the mailbox."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dispatch.base.errors import ValidationError
from dispatch.checks.doctor import check_bounces
from dispatch.checks.findings import Level
from dispatch.engine.assembly import Engine, build_engine
from dispatch.engine.bounces import read_bounce_mailbox
from dispatch.engine.events import DispatchDone, EngineEvent
from dispatch.mail.bounces import carrier_group, token_of
from dispatch.operations import bounces as bounce_ops
from dispatch.operations import dispatches as dispatch_ops
from dispatch.operations import statistics as stats_ops
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import Session
from dispatch.records.outbox import Outbox
from dispatch.records.settings import DECLARED, set_setting
from dispatch.records.subscribers import (
    NewSubscriber,
    RiverStage,
    Status,
    Topics,
    WarningLevel,
)
from dispatch.store.database import transaction
from tests.support.alerts import sample_warning
from tests.support.certs import ServerCertificate
from tests.support.dovecot import PASSWORD, USER, Dovecot
from tests.support.office import OWN_OFFICE_ADDRESS
from tests.support.postfix import Postfix, postfix_unavailable
from tests.support.smtp_server import Fault, FaultySmtpServer
from tests.unit.dispatch.conftest import Office

pytestmark = pytest.mark.slow

SAMPLES = Path(__file__).parents[3] / "data" / "bounces"
GAUGE_CSV = (
    "station_code,station_name,river,kind,value,observed_at\n"
    "KANDA1,高田橋,神田川,water_level,{level},2026-10-12T21:{minute:02d}:00+09:00\n"
)
RESIDENTS = ("taro@docomo.ne.jp", "hanako@ezweb.ne.jp", "saburo@i.softbank.jp", "ken@example.jp")


def sample(name: str, address: str, token: str, status: str = "5.1.1") -> bytes:
    text = (SAMPLES / name).read_text()
    text = text.replace("{TOKEN}", token).replace("{ADDRESS}", address)
    return text.replace("{STATUS}", status).replace("\n", "\r\n").encode()


def add_resident(session: Session, office: Office, address: str) -> None:
    subscriber_ops.add_subscriber(
        session, NewSubscriber(address, Topics(river_stage=RiverStage.CAUTION), office.clock.now())
    )


def setup(session: Session, office: Office, dovecot: Dovecot, **settings: object) -> None:
    connection = session.connection
    with transaction(connection):
        for name, value in {
            "bounces.imap_host": dovecot.host,
            "bounces.imap_port": dovecot.tls_port,
            "bounces.imap_user": USER,
            "bounces.imap_password": PASSWORD,
            "bounces.imap_cafile": str(dovecot.cafile),
            **settings,
        }.items():
            set_setting(connection, name, value)
    for address in RESIDENTS:
        add_resident(session, office, address)


def alert(
    session: Session,
    office: Office,
    engines: list[Engine],
    minute: int = 0,
    events: list[EngineEvent] | None = None,
) -> Engine:
    gauges = office.data_dir.parent / "gauges"
    (gauges / f"21{minute:02d}.csv").write_text(GAUGE_CSV.format(level=3.0, minute=minute))
    listeners = [events.append] if events is not None else []
    engine = build_engine(session.store, clock=office.clock, speed=None, listeners=listeners)
    engines.append(engine)
    engine.service.run_once()
    return engine


def token_by_address(session: Session) -> dict[str, str]:
    rows = session.connection.execute(
        "SELECT s.email, d.bounce_token FROM deliveries d "
        "JOIN subscribers s ON s.id = d.subscriber_id"
    ).fetchall()
    return {row[0]: row[1] for row in rows}


def status_of(session: Session, address: str) -> str:
    row = session.connection.execute(
        "SELECT status FROM subscribers WHERE email = ?", (address,)
    ).fetchone()
    return str(row[0])


def test_each_delivery_has_its_own_bounce_address_and_only_a_genuine_bounce_counts(  # type: ignore[no-untyped-def]
    engine_for, office: Office, smtp_server: FaultySmtpServer, dovecot: Dovecot
) -> None:
    session, _, engines = engine_for
    setup(session, office, dovecot)
    alert(session, office, engines)
    residents = [m for m in smtp_server.received if m.recipients[0] in RESIDENTS]
    assert len(residents) == len(RESIDENTS)
    senders = [m.mail_from for m in residents]
    assert len(set(senders)) == len(senders)  # one bounce address per delivery
    assert OWN_OFFICE_ADDRESS not in senders
    tokens = token_by_address(session)
    for message in residents:
        assert message.mail_from == f"bounce+{tokens[message.recipients[0]]}@city.example.jp"
        assert token_of(message.mail_from, "bounce") == tokens[message.recipients[0]]

    taro, hanako = "taro@docomo.ne.jp", "hanako@ezweb.ne.jp"
    control_copy = (
        f"From: {OWN_OFFICE_ADDRESS}\nTo: {OWN_OFFICE_ADDRESS}\nSubject: 控え\n\n控えです。\n"
    )
    dovecot.append(control_copy)  # the office's own copy: never touched
    # Forged: a token never issued; a real token naming someone else; thousands of recipients.
    dovecot.append(sample("dsn-hard.eml", hanako, "f" * 24))
    dovecot.append(sample("dsn-hard.eml", hanako, tokens[taro]))
    crowd = sample("dsn-hard.eml", hanako, tokens[hanako]).decode()
    groups = "".join(
        f"Final-Recipient: rfc822; r{n}@ezweb.ne.jp\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
        for n in range(2000)
    )
    dovecot.append(crowd.replace("Final-Recipient:", groups + "Final-Recipient:", 1).encode())
    # A bounce of the office's own mail (no token): not ours.
    dovecot.append(sample("dsn-hard.eml", hanako, "x").replace(b"bounce+x@", b"bousai@"))
    # The genuine one: docomo says taro's address does not exist.
    dovecot.append(sample("dsn-hard.eml", taro, tokens[taro]))

    seen = bounce_ops.read_bounce_mailbox_now(office.admin)  # `kishomail bounces read`
    assert seen == {"hard": 1, "forged": 3, "not ours": 1, "not a bounce": 1}
    assert status_of(session, taro) == Status.SUSPENDED  # 5.1.1: at once
    assert status_of(session, hanako) == Status.ACTIVE  # the forged ones changed nothing
    left = dovecot.messages()
    assert len(left) == 5  # only the genuine bounce was removed
    assert any(raw.replace(b"\r\n", b"\n") == control_copy.encode() for raw, _ in left)
    assert all("Deleted" not in flags for _, flags in left)
    assert read_bounce_mailbox(session.store, office.clock) == {}  # not read again
    kinds = session.connection.execute(
        "SELECT kind, count(*) FROM bounces GROUP BY kind ORDER BY kind"
    ).fetchall()
    assert kinds == [("forged", 3), ("hard", 1)]
    summary = bounce_ops.bounce_summary(office.admin)  # `kishomail bounces summary`
    assert [(c.kind, c.carrier, c.count) for c in summary] == [
        ("forged", "", 3),
        ("hard", "docomo", 1),
    ]
    bounced = session.connection.execute(
        "SELECT d.bounced FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id "
        "WHERE s.email = ?",
        (taro,),
    ).fetchone()
    assert bounced == ("hard 5.1.1",)
    # `kishomail dispatch show`: the dispatch's bounces, by subscriber id only.
    shown, failures = dispatch_ops.show_dispatch(office.admin, 1)
    assert (shown.sent, shown.bounced_hard, shown.bounced_soft) == (4, 1, 0)
    assert [f["reply"] for f in failures] == ["bounced: hard 5.1.1"]
    # The statistics per carrier group: docomo's one delivery was accepted, then bounced.
    figures = {c.group: c for c in stats_ops.statistics(session).carriers}
    docomo = figures["docomo"]
    assert (docomo.sent, docomo.accepted, docomo.bounced_hard, docomo.bounced_soft) == (1, 1, 1, 0)
    assert docomo.accept_median is not None and docomo.accept_p95 is not None
    assert (figures["au"].accepted, figures["au"].bounced) == (1, 0)  # forged: not counted
    assert figures["other"].accepted == 1


def test_a_batch_bounce_counts_for_a_recipient_of_its_own_envelope_only(  # type: ignore[no-untyped-def]
    engine_for, office: Office, smtp_server: FaultySmtpServer, dovecot: Dovecot
) -> None:
    session, _, engines = engine_for
    setup(session, office, dovecot, **{"dispatch.mode": "batch", "dispatch.batch_size": 2})
    add_resident(session, office, "jiro@au.com")
    alert(session, office, engines)
    envelopes = [m for m in smtp_server.received if OWN_OFFICE_ADDRESS not in m.recipients]
    # One envelope per carrier group: docomo, au (hanako and jiro), softbank, other.
    assert sorted(len(m.recipients) for m in envelopes) == [1, 1, 1, 2]
    groups = [{carrier_group(r) for r in m.recipients} for m in envelopes]
    assert all(len(group) == 1 for group in groups)
    tokens = token_by_address(session)
    for message in envelopes:
        token = token_of(message.mail_from, "bounce")
        assert token is not None
        assert {tokens[r] for r in message.recipients} == {token}  # the envelope's token
    taro = "taro@docomo.ne.jp"
    first, second = next(m.recipients for m in envelopes if len(m.recipients) == 2)  # au
    # The envelope's token naming a resident of another envelope: forged.
    dovecot.append(sample("dsn-hard.eml", taro, tokens[first]))
    # A mailbox disabled (5.2.1): a hard bounce of the batch message, counted, not yet enough.
    dovecot.append(sample("dsn-hard.eml", second, tokens[first], status="5.2.1"))
    assert read_bounce_mailbox(session.store, office.clock) == {"forged": 1, "hard": 1}
    assert status_of(session, taro) == Status.ACTIVE
    assert status_of(session, second) == Status.ACTIVE  # 1 of 3 hard bounces
    count = session.connection.execute(
        "SELECT count(*) FROM bounces b JOIN subscribers s ON s.id = b.subscriber_id "
        "WHERE s.email = ? AND b.kind = 'hard'",
        (second,),
    ).fetchone()
    assert count == (1,)


def test_a_batch_envelope_sent_again_keeps_its_token_and_its_bounces_count_once(  # type: ignore[no-untyped-def]
    engine_for, office: Office, smtp_server: FaultySmtpServer, dovecot: Dovecot
) -> None:
    """The relay takes taro's batch message and the connection breaks before its reply (as
    at a crash while sending: the deliveries go back to the queue, in doubt). The envelope
    goes out again with the same bounce address, so the bounce of the first send matches;
    the first send and the second both bounce, and the delivery counts once."""
    session, _, engines = engine_for
    settings = {"dispatch.mode": "batch", "dispatch.batch_size": 2, "bounces.suspend_after": 2}
    setup(session, office, dovecot, **settings)
    add_resident(session, office, "jiro@docomo.ne.jp")
    taro = "taro@docomo.ne.jp"
    smtp_server.add_fault(Fault("DATA", action="accept-then-drop", address=taro, limit=1))
    alert(session, office, engines)
    sends = [m for m in smtp_server.received if taro in m.recipients]
    assert len(sends) == 2  # sent, reply lost, sent again
    first, second = sends
    assert first.recipients == second.recipients == (taro, "jiro@docomo.ne.jp")
    assert first.mail_from == second.mail_from  # the same bounce address both times
    token = token_of(first.mail_from, "bounce")
    assert token is not None and token_by_address(session)[taro] == token
    dovecot.append(sample("dsn-hard.eml", taro, token, status="5.2.1"))  # the first send's
    assert read_bounce_mailbox(session.store, office.clock) == {"hard": 1}
    dovecot.append(sample("dsn-hard.eml", taro, token, status="5.2.1"))  # the second send's
    assert read_bounce_mailbox(session.store, office.clock) == {"hard": 1}
    # Two bounces of one delivery are one hard bounce: 1 of 2, not suspended.
    assert status_of(session, taro) == Status.ACTIVE
    rows = session.connection.execute("SELECT kind, note FROM bounces ORDER BY id").fetchall()
    assert rows == [("hard", ""), ("hard", "again")]
    docomo = {c.group: c for c in stats_ops.statistics(session).carriers}["docomo"]
    assert docomo.bounced_hard == 1
    # The subscriber list's count (toward bounces.suspend_after) says 1 as well.
    (taro_id,) = session.connection.execute(
        "SELECT id FROM subscribers WHERE email = ?", (taro,)
    ).fetchone()
    assert dispatch_ops.subscriber_bounces(session, [taro_id]) == (30, {taro_id: (1, 0)})


def test_a_batch_envelope_claimed_and_sent_before_a_crash_keeps_its_token(  # type: ignore[no-untyped-def]
    engine_for, office: Office, smtp_server: FaultySmtpServer, dovecot: Dovecot
) -> None:
    """Claim, send, crash before a reply is recorded, restart: the envelope goes out again
    with the token of the first send, and the first send's bounce counts (once)."""
    session, _, engines = engine_for
    settings = {"dispatch.mode": "batch", "dispatch.batch_size": 2, "bounces.suspend_after": 2}
    setup(session, office, dovecot, **settings)
    add_resident(session, office, "jiro@docomo.ne.jp")
    gauges = office.data_dir.parent / "gauges"
    (gauges / "2100.csv").write_text(GAUGE_CSV.format(level=3.0, minute=0))
    engine = build_engine(session.store, clock=office.clock, speed=None)
    engines.append(engine)
    engine.service.poll_once()  # the alert enqueued, nothing sent yet
    # What a drain does up to the relay's replies (its claim, its envelopes), then the crash:
    # nothing of the replies is recorded, the deliveries stay 'sending'.
    connection = session.store.connection()
    dispatcher = engine.dispatcher
    with transaction(connection):
        planned = dispatcher._plan(dispatcher.outbox().claim(100), connection)
    list(engine.transport.send(dispatcher._envelopes(planned, {})))
    taro = "taro@docomo.ne.jp"
    (first,) = [m for m in smtp_server.received if taro in m.recipients]
    engine.service.run_once()  # the restart: recovered in doubt, sent again
    sends = [m for m in smtp_server.received if taro in m.recipients]
    assert len(sends) == 2 and sends[1].recipients == first.recipients
    assert sends[1].mail_from == first.mail_from
    token = token_of(first.mail_from, "bounce")
    assert token is not None
    for _ in sends:  # the first send's bounce, then the second's
        dovecot.append(sample("dsn-hard.eml", taro, token, status="5.2.1"))
    assert read_bounce_mailbox(session.store, office.clock) == {"hard": 2}
    assert status_of(session, taro) == Status.ACTIVE  # one delivery: 1 of 2, not suspended


def test_a_dispatch_enqueued_in_batch_mode_and_sent_one_by_one_still_has_a_bounce_address_each(  # type: ignore[no-untyped-def]
    engine_for, office: Office, smtp_server: FaultySmtpServer, dovecot: Dovecot
) -> None:
    """Batch mode stores one token per envelope when it sends, none at the enqueue: an
    office that switches to one mail per resident while such a dispatch waits still gets
    a bounce address per delivery, not its own address (a bounce would find nobody)."""
    session, _, engines = engine_for
    setup(session, office, dovecot, **{"dispatch.mode": "batch"})
    warned = ("ichiro@docomo.ne.jp", "jiro@ezweb.ne.jp", "shiro@example.jp")
    for address in warned:
        subscriber_ops.add_subscriber(
            session,
            NewSubscriber(address, Topics(warning_level=WarningLevel.WARNING), office.clock.now()),
        )
    connection = session.connection
    with transaction(connection):
        dispatch_id = Outbox(connection, office.clock, "city.example.jp").enqueue_alert(
            sample_warning("batch-then-individual"), "test"
        )
    assert dispatch_id is not None
    before = token_by_address(session)
    assert [before[a] for a in warned] == [None, None, None]  # no token before the claim
    with transaction(connection):
        set_setting(connection, "dispatch.mode", "individual")
    engine = build_engine(session.store, clock=office.clock, speed=None)
    engines.append(engine)
    engine.dispatcher.drain()
    residents = [m for m in smtp_server.received if m.recipients[0] in warned]
    assert sorted(m.recipients[0] for m in residents) == sorted(warned)
    tokens = token_by_address(session)
    for message in residents:
        assert message.mail_from == f"bounce+{tokens[message.recipients[0]]}@city.example.jp"
    assert len({m.mail_from for m in residents}) == len(warned)


def test_a_soft_bounce_is_sent_again_by_the_carriers_rules_then_counted_without_suspending(  # type: ignore[no-untyped-def]
    engine_for, office: Office, smtp_server: FaultySmtpServer, dovecot: Dovecot
) -> None:
    session, events, engines = engine_for
    groups = json.loads(DECLARED["smtp.carrier_groups"].default)
    for group in groups:
        if group["name"] == "softbank":
            group.update(soft_retries=1, soft_retry_minutes=5)
    setup(session, office, dovecot, **{"smtp.carrier_groups": json.dumps(groups)})
    engine = alert(session, office, engines, events=events)
    saburo = "saburo@i.softbank.jp"
    token = token_by_address(session)[saburo]

    def sent_to_saburo() -> int:
        return sum(saburo in m.recipients for m in smtp_server.received)

    assert sent_to_saburo() == 1
    dovecot.append(sample("softbank-postfix.eml", saburo, token))
    assert read_bounce_mailbox(session.store, office.clock) == {"retry": 1}
    engine.service.run_once()
    assert sent_to_saburo() == 1  # not before the carrier's spacing
    office.clock.advance(minutes=5, seconds=1)
    engine.service.run_once()
    assert sent_to_saburo() == 2  # sent again, with the same bounce address
    again = [m for m in smtp_server.received if saburo in m.recipients][-1]
    assert again.mail_from == f"bounce+{token}@city.example.jp"
    dovecot.append(sample("softbank-postfix.eml", saburo, token))
    assert read_bounce_mailbox(session.store, office.clock) == {"soft": 1}  # retries used up
    office.clock.advance(minutes=10)
    engine.service.run_once()
    assert sent_to_saburo() == 2
    assert status_of(session, saburo) == Status.ACTIVE  # a full mailbox suspends nobody
    assert session.connection.execute("SELECT kind, status, carrier FROM bounces").fetchall() == [
        ("soft", "4.2.2", "softbank")
    ]
    # The dispatch was done once for the staff (event, audit): the resend does not repeat it.
    done = [e for e in events if isinstance(e, DispatchDone)]
    assert [(e.dispatch_id, e.total, e.sent) for e in done] == [(1, 4, 4)]
    audited = session.connection.execute(
        "SELECT count(*) FROM audit_log WHERE action = 'dispatch.done'"
    ).fetchone()
    assert audited == (1,)


def test_reading_the_bounce_mailbox_before_it_is_set_says_what_to_set(office: Office) -> None:
    with pytest.raises(ValidationError, match=r"bounces\.imap_host"):
        bounce_ops.read_bounce_mailbox_now(office.admin)
    assert read_bounce_mailbox(office.admin.store, office.clock) is None  # the service job


def test_a_real_postfix_dsn_of_an_alert_suspends_the_dead_address(  # type: ignore[no-untyped-def]
    engine_for, office: Office, dovecot: Dovecot, server_certificate: ServerCertificate
) -> None:
    """Debian's postfix as the relay: it accepts the alert, docomo's "user unknown" is played
    by its error transport, and the DSN it writes to the bounce address is read back."""
    if (reason := postfix_unavailable()) is not None:
        pytest.skip(reason)
    session, _, engines = engine_for
    setup(session, office, dovecot)
    refuse = {"docomo.ne.jp": "5.1.1 Unknown user"}
    with Postfix(server_certificate, refuse=refuse, keep_for="city.example.jp") as mta:
        with transaction(session.connection):
            set_setting(session.connection, "smtp.port", mta.port)
        alert(session, office, engines)
        kept = mta.wait_for_kept(2, timeout=60)  # the DSN, and the office's control copy
    (dsn,) = [mail for mail in kept if b"report-type=delivery-status" in mail]
    assert b"Status: 5.1.1" in dsn
    for mail in kept:  # a mailbox shared with the office
        dovecot.append(mail)
    assert read_bounce_mailbox(session.store, office.clock) == {"hard": 1, "not a bounce": 1}
    assert status_of(session, "taro@docomo.ne.jp") == Status.SUSPENDED
    assert status_of(session, "hanako@ezweb.ne.jp") == Status.ACTIVE
    assert dovecot.count() == 1  # the DSN (ours) removed; the control copy stays


def test_doctor_says_whether_the_bounce_mailbox_is_set_and_reachable(  # type: ignore[no-untyped-def]
    engine_for, office: Office, dovecot: Dovecot
) -> None:
    session, _, _ = engine_for
    connection = session.connection
    (unset,) = check_bounces(connection)  # a relay sends, nothing reads the bounces
    assert unset.level is Level.WARN and "bounces.imap_host" in unset.action
    setup(session, office, dovecot)
    dovecot.append("From: a@example.jp\nTo: bounce@city.example.jp\nSubject: x\n\nx\n")
    (ready,) = check_bounces(connection)
    assert ready.level is Level.OK and "1 mail(s) not read yet" in ready.found
    with transaction(connection):
        set_setting(connection, "bounces.imap_password", "wrong-password")
    (refused,) = check_bounces(connection)
    assert refused.level is Level.FAIL and "bounces.imap_password" in refused.action
    assert "wrong-password" not in refused.found + refused.action
    with transaction(connection):
        set_setting(connection, "bounces.imap_cafile", "")  # the system store: not our test CA
    (untrusted,) = check_bounces(connection)
    assert untrusted.level is Level.FAIL and "not trusted" in untrusted.found
