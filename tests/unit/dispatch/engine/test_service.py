"""The service assembled from the store's settings: telegrams and gauge readings to mail."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from dispatch.base.errors import Conflict
from dispatch.engine.assembly import Engine, build_engine, demo_telegrams_folder
from dispatch.engine.events import AlertEnqueued, EngineEvent
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import Session
from dispatch.records.outbox import Outbox
from dispatch.records.settings import set_setting
from dispatch.records.subscribers import NewSubscriber, RiverStage, Topics, WarningLevel
from dispatch.store.database import transaction
from tests.support.certs import ServerCertificate
from tests.support.office import OWN_OFFICE
from tests.support.smtp_server import FaultySmtpServer
from tests.unit.dispatch.conftest import Office

GAUGE_CSV = (
    "station_code,station_name,river,kind,value,observed_at\n"
    "KANDA1,高田橋,神田川,water_level,{level},2026-10-12T21:{minute:02d}:00+09:00\n"
)


@pytest.fixture
def engine_for(
    office: Office, smtp_server: FaultySmtpServer, server_certificate: ServerCertificate
) -> Iterator[tuple[Session, list[EngineEvent], list[Engine]]]:
    """The operator's session with relay, feed and observation settings pointing at test
    folders and the test SMTP server; engines built from it are closed at the end."""
    session = office.operator()
    connection = session.connection
    folder = office.data_dir.parent
    with transaction(connection):
        set_setting(connection, "smtp.host", smtp_server.host)
        for name, value in OWN_OFFICE.items():
            set_setting(connection, name, value)
        set_setting(connection, "smtp.port", smtp_server.port)
        set_setting(connection, "smtp.cafile", str(server_certificate.cafile))
        set_setting(connection, "smtp.connections", 2)
        set_setting(connection, "feeds.source", str(folder / "telegrams"))
        set_setting(connection, "observations.folder", str(folder / "gauges"))
        set_setting(connection, "observations.thresholds", str(folder / "thresholds.csv"))
    (folder / "telegrams").mkdir()
    (folder / "gauges").mkdir()
    (folder / "thresholds.csv").write_text(
        "station_code,caution_m,evacuation_m,danger_m\nKANDA1,2.0,2.9,3.4\n"
    )
    events: list[EngineEvent] = []
    engines: list[Engine] = []
    yield session, events, engines
    for engine in engines:
        engine.close()
    session.close()


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
    clock.advance(days=401)
    removed = engine.service.purge_once()
    assert removed == {"deliveries": 2, "telegrams": 2}
    outbox = Outbox(session.connection, clock, "example.jp")
    summaries = outbox.dispatch_log().list_dispatches()
    assert [(s.sent, s.total) for s in summaries] == [(1, 1), (1, 1)]  # counts stay
    # A restart after the purge reads the old telegrams again: their alerts are known, so
    # nobody is mailed twice.
    engine.close()
    again = build_engine(session.store, clock=clock, speed=None)
    engines.append(again)
    assert again.service.run_once().accepted == 0
