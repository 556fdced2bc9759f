"""Staff notifications from the engine, mailed to a real TLS test relay on a test clock."""

from __future__ import annotations

import email
import email.policy
import json
import socket
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage

import pytest

from dispatch.base.clock import to_iso
from dispatch.engine.assembly import Engine, build_engine
from dispatch.engine.events import (
    AlertEnqueued,
    BackupFailed,
    EngineEvent,
    RelayFailed,
    StaffNoticeFailed,
)
from dispatch.engine.gauge_health import GAUGE_STATE
from dispatch.engine.notifications import Notifier
from dispatch.engine.sources import AtomSource
from dispatch.operations import audit as audit_ops
from dispatch.operations import manual_alerts as ma
from dispatch.operations import notifications as notify_ops
from dispatch.operations import service as service_ops
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import Session
from dispatch.records.audit_anchors import anchors_path
from dispatch.records.settings import set_setting
from dispatch.records.subscribers import NewSubscriber, Topics, WarningLevel
from dispatch.records.telegram_log import TelegramLog
from dispatch.store.database import transaction
from dispatch.store.machine_slot import Protection
from tests.support.certs import ServerCertificate
from tests.support.office import OWN_OFFICE
from tests.support.smtp_server import FaultySmtpServer
from tests.unit.dispatch.checks.test_doctor import FeedServer, feed_server  # noqa: F401
from tests.unit.dispatch.conftest import Office
from tests.unit.dispatch.operations import test_manual_alerts

DUTY_PHONE = "duty-phone@docomo.ne.jp"
ADMIN_BOX = "kiki-kanri@city.example.jp"
RESIDENT = "resident.tanaka@example.jp"


@dataclass
class Desk:
    """The administrator's session, the relay the notifications reach, and the notifier."""

    session: Session
    relay: FaultySmtpServer
    notifier: Notifier

    def mails(self, kind: str | None = None) -> list[EmailMessage]:
        found = []
        for received in self.relay.received:
            message = email.message_from_bytes(received.data, policy=email.policy.default)
            assert isinstance(message, EmailMessage)
            if kind is None or message["X-Kishomail-Notification"] == kind:
                found.append(message)
        return found


def _use_relay(session: Session, relay: FaultySmtpServer, certificate: ServerCertificate) -> None:
    connection = session.connection
    with transaction(connection):
        set_setting(connection, "smtp.host", relay.host)
        for name, value in OWN_OFFICE.items():
            set_setting(connection, name, value)
        set_setting(connection, "smtp.port", relay.port)
        set_setting(connection, "smtp.cafile", str(certificate.cafile))
        set_setting(connection, "notify.disk_free_mb", 0)  # whatever the test machine's disk


@pytest.fixture
def desk(
    office: Office, smtp_server: FaultySmtpServer, server_certificate: ServerCertificate
) -> Iterator[Desk]:
    session = office.admin
    _use_relay(session, smtp_server, server_certificate)
    notify_ops.add_contact(session, "duty", DUTY_PHONE)
    notify_ops.add_contact(session, "admin", ADMIN_BOX)
    subscriber_ops.add_subscriber(
        office.operator(),
        NewSubscriber(RESIDENT, Topics(warning_level=WarningLevel.ADVISORY), office.clock.now()),
    )
    yield Desk(session, smtp_server, Notifier(session.store, office.clock))


def _body(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def test_a_feed_that_stops_answering_gives_one_silent_mail_then_one_recovered(
    desk: Desk,
    office: Office,
    feed_server: FeedServer,  # noqa: F811
) -> None:
    engine = build_engine(
        desk.session.store,
        clock=office.clock,
        source=AtomSource([feed_server.url], clock=lambda: office.clock.now().timestamp()),
    )
    try:
        service = engine.service
        service.poll_once()
        assert service.notifier is not None
        feed_server.status[0] = 503  # the feed stops answering
        for _ in range(4):
            office.clock.advance(minutes=1)
            service.poll_once()
            service.notifier.tick()
        assert desk.mails("feed-silent") == []  # 4 minutes: not yet
        office.clock.advance(minutes=1, seconds=1)
        service.poll_once()
        service.notifier.tick()
        service.notifier.tick()
        silent = desk.mails("feed-silent")
        assert sorted(m["To"] for m in silent) == sorted([DUTY_PHONE, ADMIN_BOX])
        assert "5 分間" in _body(silent[0])
        feed_server.status[0] = 200
        office.clock.advance(minutes=5)  # past the poller's back-off
        service.poll_once()
        service.notifier.tick()
        service.notifier.tick()
    finally:
        engine.close()
    # one contact of each role receiving feed-silent: administrator and duty officer
    assert len(desk.mails("feed-silent")) == 2 * 2
    recovered = [m for m in desk.mails("feed-silent") if "recovered" in str(m["Subject"])]
    assert len(recovered) == 2


def test_the_condition_is_repeated_hourly_while_it_lasts(desk: Desk, office: Office) -> None:
    desk.notifier(RelayFailed("the relay refused STARTTLS"))
    desk.notifier.tick()
    assert len(desk.mails("relay-failing")) == 2
    for _ in range(59):
        office.clock.advance(minutes=1)
        desk.notifier.tick()
    desk.notifier(RelayFailed("the relay refused STARTTLS"))  # still failing: no new mail
    desk.notifier.tick()
    assert len(desk.mails("relay-failing")) == 2
    office.clock.advance(minutes=1)
    desk.notifier.tick()
    repeats = [m for m in desk.mails("relay-failing") if "still" in str(m["Subject"])]
    assert len(repeats) == 2


def test_a_relay_refusing_tls_sends_the_notification_through_the_second_relay(
    office: Office,
    smtp_server_factory: Callable[..., FaultySmtpServer],
    server_certificate: ServerCertificate,
) -> None:
    no_tls = smtp_server_factory(tls="none")
    second = smtp_server_factory()
    session = office.admin
    _use_relay(session, no_tls, server_certificate)
    with transaction(session.connection):
        set_setting(session.connection, "notify.fallback_host", second.host)
        set_setting(session.connection, "notify.fallback_port", second.port)
        set_setting(session.connection, "notify.fallback_cafile", str(server_certificate.cafile))
    notify_ops.add_contact(session, "duty", DUTY_PHONE)
    notifier = Notifier(session.store, office.clock)

    notifier(RelayFailed("STARTTLS refused by the relay"))
    notifier.tick()

    assert no_tls.received == []
    kinds = [
        m.data.split(b"X-Kishomail-Notification: ")[1].split(b"\r\n")[0] for m in second.received
    ]
    assert kinds == [b"relay-failing"]
    (mail,) = second.received
    assert mail.recipients == (DUTY_PHONE,) and mail.secure
    assert b"X-Kishomail-Notification: relay-failing" in mail.data


def test_when_every_way_fails_the_engine_tells_its_screens(
    office: Office,
    smtp_server_factory: Callable[..., FaultySmtpServer],
    server_certificate: ServerCertificate,
) -> None:
    """Relay and second relay both refuse TLS: the notification reached nobody, so the engine
    reports it to its listeners (the desktop shows and sounds it; ``run`` prints it)."""
    no_tls, no_tls_either = smtp_server_factory(tls="none"), smtp_server_factory(tls="none")
    session = office.admin
    _use_relay(session, no_tls, server_certificate)
    with transaction(session.connection):
        set_setting(session.connection, "notify.fallback_host", no_tls_either.host)
        set_setting(session.connection, "notify.fallback_port", no_tls_either.port)
        set_setting(session.connection, "notify.fallback_cafile", str(server_certificate.cafile))
    notify_ops.add_contact(session, "admin", ADMIN_BOX)
    heard: list[EngineEvent] = []
    engine = build_engine(session.store, clock=office.clock, speed=None, listeners=[heard.append])
    try:
        notifier = engine.service.notifier
        assert notifier is not None
        notifier(BackupFailed("the backup disk is full"))
        notifier.tick()
    finally:
        engine.close()
    assert no_tls.received == [] and no_tls_either.received == []
    undelivered = [e for e in heard if isinstance(e, StaffNoticeFailed)]
    assert undelivered == [
        StaffNoticeFailed("backup-failed", "バックアップ失敗 backup failed", 1, 0)
    ]


def _warning(level: int, kind: str, change: str) -> AlertEnqueued:
    return AlertEnqueued(
        dispatch_id=level,
        title=f"{kind}（新宿区）",
        kind=kind,
        change=change,
        area="新宿区",
        level=level,
        recipients=1,
        exercise=False,
        report_datetime=datetime(2026, 11, 21, 3, level, tzinfo=UTC),
    )


def test_level_two_three_four_gives_the_officers_one_mail_per_change(desk: Desk) -> None:
    for alert in (
        _warning(2, "レベル２大雨注意報", "new"),
        _warning(2, "レベル２大雨注意報", "new"),  # the same level again: no mail
        _warning(3, "レベル３大雨警報", "upgrade"),
        _warning(4, "レベル４大雨危険警報", "upgrade"),
        _warning(4, "レベル４大雨危険警報", "new"),
    ):
        desk.notifier(alert)
        desk.notifier.tick()

    to_duty = [m for m in desk.mails() if m["To"] == DUTY_PHONE]
    assert [m["X-Kishomail-Notification"] for m in to_duty] == [
        "warning-level",
        "warning-level",
        "serious-warning",
    ]
    assert "レベル４大雨危険警報" in _body(to_duty[-1])
    for message in desk.mails():
        assert RESIDENT not in message.as_string()


def test_the_daily_summary_comes_once_a_day_at_its_time(desk: Desk, office: Office) -> None:
    desk.notifier.tick()  # started at 12:00 Tokyo: the first summary is tomorrow's
    office.clock.advance(hours=19, minutes=59)  # 2026-11-22 07:59 Tokyo
    desk.notifier.tick()
    assert desk.mails("alive") == []
    office.clock.advance(minutes=1)  # 08:00
    desk.notifier.tick()
    desk.notifier.tick()
    assert len(desk.mails("alive")) == 2  # the administrator and the duty officer
    assert "kishomail is alive" in _body(desk.mails("alive")[0])
    office.clock.advance(hours=23, minutes=59)
    desk.notifier.tick()
    assert len(desk.mails("alive")) == 2
    office.clock.advance(minutes=1)
    desk.notifier.tick()
    assert len(desk.mails("alive")) == 4


def test_notifications_are_audited_without_any_address(desk: Desk) -> None:
    desk.notifier(RelayFailed("the relay refused STARTTLS"))
    desk.notifier.tick()
    rows = desk.session.connection.execute(
        "SELECT target, detail FROM audit_log WHERE action = 'notify.sent'"
    ).fetchall()
    assert ("notification:relay-failing" in [r[0] for r in rows]) and rows
    assert all("@" not in r[1] for r in rows)


def test_the_engine_mails_started_and_stopped(desk: Desk, office: Office) -> None:
    engine: Engine = build_engine(desk.session.store, clock=office.clock, speed=None)
    try:
        engine.service.start()
        assert desk.relay.wait_until(lambda: len(desk.mails("engine-started")) == 1)
        engine.service.stop()
    finally:
        engine.close()
    assert len(desk.mails("engine-stopped")) == 2


def test_the_health_endpoint_answers_json_on_loopback_without_personal_data(
    desk: Desk, office: Office
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with transaction(desk.session.connection):
        set_setting(desk.session.connection, "monitor.health_port", port)
    engine = build_engine(desk.session.store, clock=office.clock, speed=None)
    try:
        engine.service.start()
        notifier = engine.service.notifier
        assert notifier is not None and notifier.health_server is not None
        assert notifier.health_server.port == port
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=10) as response:
            assert response.headers["Content-Type"].startswith("application/json")
            text = response.read().decode("utf-8")
        answer = json.loads(text)
        assert answer["status"] == "ok" and "last_poll_ok" in answer
        assert "@" not in text
        engine.service.stop()
    finally:
        engine.close()
    with pytest.raises(OSError):  # gone with the engine
        urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2)


def test_a_manual_alert_waiting_for_approval_is_mailed_until_it_is_no_longer_waiting(
    desk: Desk, office: Office
) -> None:
    duty = office.duty()
    try:
        alert = ma.compose(duty, test_manual_alerts.draft()).alert
        desk.notifier.tick()
        assert desk.mails("approval-waiting") == []  # a draft waits for nobody
        alert = ma.submit(duty, alert.id)
        desk.notifier.tick()
        (waiting,) = desk.mails("approval-waiting")  # duty officers only
        assert waiting["To"] == DUTY_PHONE and str(alert.id) in _body(waiting)
        desk.notifier.tick()
        assert len(desk.mails("approval-waiting")) == 1
        ma.cancel(duty, alert.id, "test")
    finally:
        duty.close()
    desk.notifier.tick()
    recovered = [m for m in desk.mails("approval-waiting") if "recovered" in str(m["Subject"])]
    assert len(recovered) == 1


def test_routes_are_editable_and_a_typo_falls_back_to_the_defaults(desk: Desk) -> None:
    with transaction(desk.session.connection):
        set_setting(desk.session.connection, "notify.routes", "relay-failing=administrator")
    desk.notifier(RelayFailed("the relay refused STARTTLS"))
    desk.notifier.tick()
    assert [m["To"] for m in desk.mails("relay-failing")] == [ADMIN_BOX]
    with transaction(desk.session.connection):
        set_setting(desk.session.connection, "notify.routes", "relay-failng=administrator")
    desk.notifier(BackupFailed("the backup disk is full"))
    desk.notifier.tick()
    assert [m["To"] for m in desk.mails("backup-failed")] == [ADMIN_BOX]  # default: admins


def test_the_services_daily_summary_carries_the_anchored_audit_head(
    desk: Desk, office: Office
) -> None:
    """Issue 18: the chain's head leaves the store daily — in the anchors file the service
    alone writes, and in the summary mail — signed with the service's key."""
    service_ops.install_service(office.admin, protection=Protection.FILE, start=False)
    service = service_ops.open_service_session(office.data_dir)  # the start's anchor
    notifier = Notifier(service.store, office.clock)
    office.clock.advance(hours=20)  # 08:00 Tokyo the next day
    notifier.tick()
    body = _body(desk.mails("alive")[0])
    anchors = (anchors_path()).read_text(encoding="utf-8").splitlines()
    assert len(anchors) == 2
    daily = json.loads(anchors[-1])
    assert f"audit head: entry {daily['seq']}, hash {daily['head']}" in body
    assert anchors[-1] in body  # the signed line itself, to keep
    report = audit_ops.verify_audit(office.auditor())
    assert report.ok and report.anchors == 2, report.problems
    service.close()


def test_an_engine_run_by_a_person_does_not_anchor(desk: Desk, office: Office) -> None:
    office.clock.advance(hours=20)
    desk.notifier.tick()
    assert "audit anchor: - (not the installed service)" in _body(desk.mails("alive")[0])
    assert not (anchors_path()).exists()


def _gauge_reading(desk: Desk, office: Office, station: str) -> None:
    """The engine took in a rain reading of ``station`` now (as the gauge tracker stores it)."""
    connection = desk.session.connection
    with transaction(connection):
        TelegramLog(connection, office.clock).save_state(
            GAUGE_STATE, {"latest": [["rain", station, to_iso(office.clock.now())]]}
        )


def test_gauge_readings_that_stop_give_one_stale_mail_then_one_recovered(
    desk: Desk, office: Office
) -> None:
    connection = desk.session.connection
    with transaction(connection):
        set_setting(connection, "observations.amedas_stations", "44132")
        set_setting(connection, "observations.stale_minutes", 60)
    _gauge_reading(desk, office, "44132")
    desk.notifier.tick()
    office.clock.advance(minutes=60)
    desk.notifier.tick()
    assert desk.mails("gauges-stale") == []  # an hour old: not yet stale
    office.clock.advance(minutes=1)
    desk.notifier.tick()
    stale = desk.mails("gauges-stale")
    assert sorted(m["To"] for m in stale) == sorted([DUTY_PHONE, ADMIN_BOX])
    assert "44132" in _body(stale[0]) and "61" in _body(stale[0])
    office.clock.advance(minutes=10)
    desk.notifier.tick()
    assert len(desk.mails("gauges-stale")) == 2  # still stale: no new mail before the repeat
    _gauge_reading(desk, office, "44132")  # the readings come back
    desk.notifier.tick()
    recovered = [m for m in desk.mails("gauges-stale") if "recovered" in str(m["Subject"])]
    assert len(recovered) == 2


def test_an_engine_restarted_while_a_condition_lasts_does_not_mail_it_again(
    desk: Desk, office: Office
) -> None:
    connection = desk.session.connection
    with transaction(connection):
        set_setting(connection, "notify.disk_free_mb", 10**9)  # no disk is that free: low
    desk.notifier.tick()
    assert [m["To"] for m in desk.mails("disk-low")] == [ADMIN_BOX]  # administrators only
    office.clock.advance(minutes=5)
    restarted = Notifier(desk.session.store, office.clock)  # the engine started again
    restarted.tick()
    assert len(desk.mails("disk-low")) == 1  # still the same condition: no new mail
    with transaction(connection):
        set_setting(connection, "notify.disk_free_mb", 0)
    restarted.tick()
    recovered = [m for m in desk.mails("disk-low") if "recovered" in str(m["Subject"])]
    assert len(recovered) == 1 and "5 分間" in _body(recovered[0])
