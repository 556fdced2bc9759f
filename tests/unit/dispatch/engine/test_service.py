"""The service assembled from the store's settings: telegrams and gauge readings to mail."""

from __future__ import annotations

import shutil
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from dispatch.base.errors import Conflict
from dispatch.engine.assembly import build_engine, demo_telegrams_folder
from dispatch.engine.events import AlertEnqueued
from dispatch.mail.sink import KeptMessage, MailboxEntry
from dispatch.operations import subscribers as subscriber_ops
from dispatch.records.mailbox import keep_message, list_messages
from dispatch.records.outbox import Outbox
from dispatch.records.settings import set_setting
from dispatch.records.stations import BUNDLED_STATIONS
from dispatch.records.subscribers import NewSubscriber, RiverStage, Status, Topics, WarningLevel
from dispatch.store.database import transaction
from feeds.jma import parse_file
from feeds.model import Telegram
from tests.support.smtp_server import FaultySmtpServer
from tests.unit.dispatch.conftest import Office

GAUGE_CSV = (
    "station_code,station_name,river,kind,value,observed_at\n"
    "KANDA1,高田橋,神田川,water_level,{level},2026-10-12T21:{minute:02d}:00+09:00\n"
)


def test_gauge_readings_mail_the_river_subscribers_once(engine_for, office: Office) -> None:  # type: ignore[no-untyped-def]
    session, events, engines = engine_for
    clock = office.clock
    subscriber_ops.add_subscriber(
        session,
        NewSubscriber("river@example.jp", Topics(river_stage=RiverStage.CAUTION), clock.now()),
    )
    subscriber_ops.add_subscriber(
        session,
        NewSubscriber("warn@example.jp", Topics(warning_level=WarningLevel.WARNING), clock.now()),
    )
    gauges = office.data_dir.parent / "gauges"
    (gauges / "2100.csv").write_text(GAUGE_CSV.format(level=3.0, minute=0))
    engine = build_engine(session.store, clock=clock, speed=None, listeners=[events.append])
    engines.append(engine)
    report = engine.service.run_once()
    assert report.accepted == 1  # the river subscriber only (+ the office's control copy)
    alerts = [e for e in events if isinstance(e, AlertEnqueued)]
    assert [(a.area, a.change, a.recipients) for a in alerts] == [("高田橋", "new", 1)]
    # The same stage again, after a restart of the engine: nothing new to announce.
    (gauges / "2110.csv").write_text(GAUGE_CSV.format(level=3.1, minute=10))
    engine.close()
    again = build_engine(session.store, clock=clock, speed=None, listeners=[events.append])
    engines.append(again)
    again.service.recover()
    assert again.service.run_once().accepted == 0
    # Back below every stage: the lift goes to who got the alert.
    (gauges / "2120.csv").write_text(GAUGE_CSV.format(level=1.0, minute=20))
    assert again.service.run_once().accepted == 1
    changes = [e.change for e in events if isinstance(e, AlertEnqueued)]
    assert changes == ["new", "lifted"]


def test_a_telegram_seen_before_is_not_mailed_again_after_a_restart(  # type: ignore[no-untyped-def]
    engine_for, office: Office
) -> None:
    session, events, engines = engine_for
    subscriber_ops.add_subscriber(
        session,
        NewSubscriber(
            "warn@example.jp", Topics(warning_level=WarningLevel.ADVISORY), office.clock.now()
        ),
    )
    telegrams = office.data_dir.parent / "telegrams"
    for path in sorted(demo_telegrams_folder().glob("0[12]_*.xml")):
        shutil.copy(path, telegrams)
    first = build_engine(session.store, clock=office.clock, speed=None, listeners=[events.append])
    engines.append(first)
    assert first.service.run_once().accepted == 4  # 注意報 ×2 then their upgrades ×2
    first.close()
    # A new engine (a restart) replays the same folder: the telegrams are known.
    second = build_engine(session.store, clock=office.clock, speed=None, listeners=[events.append])
    engines.append(second)
    second.service.recover()
    assert second.service.run_once().accepted == 0
    outbox = Outbox(session.connection, office.clock, "example.jp")
    assert len(outbox.dispatch_log().list_dispatches()) == 4


def test_the_first_telegram_of_a_poll_is_mailed_while_the_next_is_still_being_recorded(  # type: ignore[no-untyped-def]
    engine_for, office: Office, smtp_server: FaultySmtpServer
) -> None:
    """At 3 a.m. one poll may bring several telegrams, each with a large audience to enqueue:
    the first alert's residents must not wait for the others to be recorded."""
    session, _events, engines = engine_for
    subscriber_ops.add_subscriber(
        session,
        NewSubscriber(
            "warn@example.jp", Topics(warning_level=WarningLevel.ADVISORY), office.clock.now()
        ),
    )
    with transaction(session.connection):
        set_setting(session.connection, "feeds.poll_interval", 1)
    landed = threading.Event()

    class LandingTogether:
        """Nothing, then both telegrams in one poll once ``landed`` is set."""

        pending = sorted(demo_telegrams_folder().glob("0[12]_*VPWW55.xml"))

        def poll(self) -> list[Telegram]:
            if not landed.is_set():
                return []
            telegrams, self.pending = [parse_file(p) for p in self.pending], []
            return telegrams

    engine = build_engine(session.store, clock=office.clock, source=LandingTogether())
    engines.append(engine)
    take = engine.service._take
    alerted = False
    #: For each telegram recorded after the first alert of the poll: was that alert mailed
    #: while this telegram waited (up to 2 s) to be recorded?
    mailed_meanwhile: list[bool] = []

    def resident_mails() -> int:
        return sum(m.recipients == ("warn@example.jp",) for m in smtp_server.received)

    def take_after_the_first(telegram: Telegram) -> list[int]:
        nonlocal alerted
        if alerted:
            mailed_meanwhile.append(smtp_server.wait_until(lambda: resident_mails() > 0, 2.0))
        taken = take(telegram)
        alerted = alerted or bool(taken)
        return taken

    engine.service._take = take_after_the_first  # type: ignore[method-assign]
    engine.service.start()
    try:
        # Both land together once the sender is idle (nothing due: it looks again in 5 s).
        time.sleep(1.0)
        landed.set()
        assert smtp_server.wait_until(lambda: bool(mailed_meanwhile), timeout=15)
        assert smtp_server.wait_until(lambda: resident_mails() == 2, timeout=15)
    finally:
        engine.service.stop()
    assert mailed_meanwhile == [True], "the first alert waited for the next telegram's recording"


def test_one_service_per_data_folder(engine_for, office: Office) -> None:  # type: ignore[no-untyped-def]
    session, _events, engines = engine_for
    first = build_engine(session.store, clock=office.clock, speed=None, started_by="opr")
    engines.append(first)
    first.service.start()
    try:
        second = build_engine(session.store, clock=office.clock, speed=None)
        engines.append(second)
        with pytest.raises(Conflict, match=r"already running.*started by opr"):
            second.service.start()
        job = first.service._scheduler.get_job("poll")  # type: ignore[union-attr]
        assert job.coalesce and job.max_instances == 1 and job.misfire_grace_time >= 30
    finally:
        first.service.stop()
    # Stopped: the folder is free again.
    third = build_engine(session.store, clock=office.clock, speed=None)
    engines.append(third)
    third.service.start()
    third.service.stop()
    assert Path(office.data_dir / "kishomail.lock").exists()


def test_subscribers_inactive_for_the_retention_period_are_erased(  # type: ignore[no-untyped-def]
    engine_for, office: Office
) -> None:
    session, _events, engines = engine_for
    clock = office.clock
    ids = {
        name: subscriber_ops.add_subscriber(
            session,
            NewSubscriber(
                f"{name}@example.jp", Topics(warning_level=WarningLevel.ADVISORY), clock.now()
            ),
        ).id
        for name in ("stopped", "suspended", "active")
    }
    telegrams = office.data_dir.parent / "telegrams"
    for path in sorted(demo_telegrams_folder().glob("01_*.xml")):
        shutil.copy(path, telegrams)
    engine = build_engine(session.store, clock=clock, speed=None)
    engines.append(engine)
    assert engine.service.run_once().accepted == 6  # three residents, two telegrams
    subscriber_ops.unsubscribe(session, ids["stopped"])
    subscriber_ops.change_subscriber(session, ids["suspended"], status=Status.SUSPENDED)

    clock.advance(days=29)
    assert engine.service.erase_inactive_once() == 0  # kept for 30 days (the default)
    clock.advance(days=1, minutes=1)
    assert engine.service.erase_inactive_once() == 2
    left = session.connection.execute("SELECT email FROM subscribers").fetchall()
    assert left == [("active@example.jp",)]
    erasures = session.connection.execute(
        "SELECT subscriber_id, actor, reason FROM erasures ORDER BY subscriber_id"
    ).fetchall()
    assert erasures == [
        (ids["stopped"], "system", "retention: inactive"),
        (ids["suspended"], "system", "retention: inactive"),
    ]
    # Their deliveries went with them; the dispatch's counts stay.
    delivered_to = session.connection.execute(
        "SELECT DISTINCT subscriber_id FROM deliveries"
    ).fetchall()
    assert delivered_to == [(ids["active"],)]
    summary = Outbox(session.connection, clock, "example.jp").dispatch_log().list_dispatches()
    assert [(s.sent, s.total) for s in summary] == [(3, 3), (3, 3)]
    (detail,) = session.connection.execute(
        "SELECT detail FROM audit_log WHERE action = 'retention.erase_inactive'"
    ).fetchone()
    assert "@" not in detail and '"erased": 2' in detail.replace('":', '": ')


def kept_message(message_id: str, at: datetime) -> KeptMessage:
    entry = MailboxEntry(message_id, at, "a@example.jp", ("old@example.jp",), "s", message_id, 1)
    return KeptMessage(entry, b"To: old@example.jp\r\n\r\nx\r\n")


def test_retention_purge_keeps_counts_and_pending_mail(engine_for, office: Office) -> None:  # type: ignore[no-untyped-def]
    session, _events, engines = engine_for
    clock = office.clock
    subscriber_ops.add_subscriber(
        session,
        NewSubscriber("old@example.jp", Topics(warning_level=WarningLevel.ADVISORY), clock.now()),
    )
    telegrams = office.data_dir.parent / "telegrams"
    for path in sorted(demo_telegrams_folder().glob("01_*.xml")):
        shutil.copy(path, telegrams)
    engine = build_engine(session.store, clock=clock, speed=None)
    engines.append(engine)
    assert engine.service.run_once().accepted == 2
    with transaction(session.connection):  # what the local mailbox kept at the time
        keep_message(session.connection, kept_message("<old@example.jp>", clock.now()))
    clock.advance(days=401)
    with transaction(session.connection):
        keep_message(session.connection, kept_message("<new@example.jp>", clock.now()))
    removed = engine.service.purge_once()
    assert removed == {"deliveries": 2, "telegrams": 2, "mailbox": 1}
    assert [e.message_id for e in list_messages(session.connection)] == ["<new@example.jp>"]
    outbox = Outbox(session.connection, clock, "example.jp")
    summaries = outbox.dispatch_log().list_dispatches()
    assert [(s.sent, s.total) for s in summaries] == [(1, 1), (1, 1)]  # counts stay
    # A restart after the purge reads the old telegrams again: their alerts are known, so
    # nobody is mailed twice.
    engine.close()
    again = build_engine(session.store, clock=clock, speed=None)
    engines.append(again)
    assert again.service.run_once().accepted == 0


def test_the_shipped_ward_stations_announce_danger_as_the_first_stage(  # type: ignore[no-untyped-def]
    engine_for, office: Office
) -> None:
    """妙正寺川 鷺盛橋 publishes only 氾濫危険水位 (3.02 m): the first upward notice is stage 3,
    with no staged 注意/警戒 before it. Readings synthetic, in the office CSV format."""
    session, events, engines = engine_for
    clock = office.clock
    with transaction(session.connection):
        set_setting(session.connection, "observations.thresholds", BUNDLED_STATIONS)
    subscriber_ops.add_subscriber(
        session,
        NewSubscriber("river@example.jp", Topics(river_stage=RiverStage.CAUTION), clock.now()),
    )
    gauges = office.data_dir.parent / "gauges"
    (gauges / "1500.csv").write_text(
        "station_code,station_name,river,kind,value,observed_at\n"
        "83030400470000016,鷺盛橋,妙正寺川,water_level,2.90,2026-09-11T14:30:00+09:00\n"
        "83030400470000016,鷺盛橋,妙正寺川,water_level,3.08,2026-09-11T14:44:00+09:00\n"
    )
    engine = build_engine(session.store, clock=clock, speed=None, listeners=[events.append])
    engines.append(engine)
    assert engine.service.run_once().accepted == 1
    [alert] = [e for e in events if isinstance(e, AlertEnqueued)]
    assert (alert.area, alert.change, alert.recipients) == ("鷺盛橋", "new", 1)
    saved = Outbox(session.connection, clock, "example.jp").dispatch_log().list_dispatches()
    assert "氾濫危険" in saved[0].subject
