"""River stations a subscriber chose, through the whole engine to the TLS test relay: the
office CSV drop brings readings of two stations; each stage crossed is mailed only to the
subscribers who chose that station (or every station), and the office's control copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dispatch.base.errors import ValidationError
from dispatch.engine.assembly import Engine, build_engine
from dispatch.engine.events import AlertEnqueued, EngineEvent
from dispatch.operations import stations as station_ops
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import Session
from dispatch.records.settings import set_setting
from dispatch.records.stations import BUNDLED_STATIONS, Station
from dispatch.records.subscribers import NewSubscriber, RiverStage, Topics
from dispatch.store.database import transaction
from tests.support.amedas_site import serve
from tests.support.office import OWN_OFFICE_ADDRESS
from tests.support.smtp_server import FaultySmtpServer
from tests.unit.dispatch.conftest import Office
from tests.unit.dispatch.engine.test_rain import Relay

EngineFor = tuple[Session, list[EngineEvent], list[Engine]]
SAGIMORI = "83030400470000016"  # 妙正寺川 鷺盛橋, 氾濫危険 3.02 m (shipped)
CHITOSE = "83030400470000099"  # 妙正寺川 千歳橋, 氾濫危険 3.69 m (shipped)


def river_subscriber(
    session: Session, office: Office, address: str, stations: tuple[str, ...] | None
) -> None:
    topics = Topics(river_stage=RiverStage.CAUTION, river_stations=stations)
    subscriber_ops.add_subscriber(session, NewSubscriber(address, topics, office.clock.now()))


def test_a_stage_crossed_at_one_station_mails_only_who_chose_it_or_every_station(
    engine_for: EngineFor, office: Office, smtp_server: FaultySmtpServer
) -> None:
    session, events, engines = engine_for
    with transaction(session.connection):
        set_setting(session.connection, "observations.thresholds", BUNDLED_STATIONS)
    river_subscriber(session, office, "sagimori@example.jp", (SAGIMORI,))
    river_subscriber(session, office, "chitose@example.jp", (CHITOSE,))
    river_subscriber(session, office, "both@example.jp", (SAGIMORI, CHITOSE))
    river_subscriber(session, office, "all@example.jp", None)
    engine = build_engine(session.store, clock=office.clock, speed=None, listeners=[events.append])
    engines.append(engine)
    relay = Relay(smtp_server)
    gauges = office.data_dir.parent / "gauges"
    # Synthetic readings in the office CSV format: 鷺盛橋 crosses 3.02 m, 千歳橋 stays below.
    (gauges / "1440.csv").write_text(
        "station_code,station_name,river,kind,value,observed_at\n"
        f"{SAGIMORI},鷺盛橋,妙正寺川,water_level,3.08,2026-09-11T14:40:00+09:00\n"
        f"{CHITOSE},千歳橋,妙正寺川,water_level,3.10,2026-09-11T14:40:00+09:00\n"
    )
    engine.service.run_once()
    assert sorted(relay.new().elements()) == sorted(
        ["sagimori@example.jp", "both@example.jp", "all@example.jp", OWN_OFFICE_ADDRESS]
    )
    # Ten minutes later 千歳橋 crosses 3.69 m: its own subscribers, not 鷺盛橋's.
    (gauges / "1450.csv").write_text(
        "station_code,station_name,river,kind,value,observed_at\n"
        f"{CHITOSE},千歳橋,妙正寺川,water_level,3.75,2026-09-11T14:50:00+09:00\n"
    )
    engine.service.run_once()
    assert sorted(relay.new().elements()) == sorted(
        ["chitose@example.jp", "both@example.jp", "all@example.jp", OWN_OFFICE_ADDRESS]
    )
    enqueued = [e for e in events if isinstance(e, AlertEnqueued)]
    assert [(e.area, e.recipients) for e in enqueued] == [("鷺盛橋", 3), ("千歳橋", 3)]


def test_every_station_includes_one_the_office_adds_later(
    engine_for: EngineFor, office: Office, smtp_server: FaultySmtpServer
) -> None:
    """ "All stations" is stored as all, not as the list of the day: a station added to the
    office's list afterwards reaches them; one who chose a station does not hear of it."""
    session, _events, engines = engine_for
    with transaction(session.connection):
        set_setting(session.connection, "observations.thresholds", BUNDLED_STATIONS)
    river_subscriber(session, office, "all@example.jp", None)
    river_subscriber(session, office, "sagimori@example.jp", (SAGIMORI,))
    shipped = station_ops.river_stations(office.admin)
    added = Station("83030400440000020", "南小滝橋", "神田川", danger_m=2.5, ward="新宿区")
    station_ops.save_river_stations(office.admin, [*shipped, added])
    engine = build_engine(session.store, clock=office.clock, speed=None)
    engines.append(engine)
    relay = Relay(smtp_server)
    (office.data_dir.parent / "gauges" / "1500.csv").write_text(
        "station_code,station_name,river,kind,value,observed_at\n"
        "83030400440000020,南小滝橋,神田川,water_level,2.6,2026-09-11T15:00:00+09:00\n"
    )
    engine.service.run_once()
    assert sorted(relay.new().elements()) == sorted(["all@example.jp", OWN_OFFICE_ADDRESS])


def test_a_station_not_in_the_list_is_refused_naming_the_choices(office: Office) -> None:
    session = office.operator()
    with pytest.raises(ValidationError, match="鷺盛橋") as refused:
        river_subscriber(session, office, "typo@example.jp", ("83030400470000017",))
    assert "83030400470000017" in refused.value.message
    session.close()


KABURAKI = "1000000107"  # a 危機管理型水位計 of the reconstructed capture: 166.21 at 20:50
KRIVER_CAPTURE = (
    Path(__file__).resolve().parents[3] / "data" / "river" / "area_info_10000_reconstructed.json"
)


def test_a_crisis_gauge_read_from_its_page_data_mails_who_chose_it_once_consent_is_recorded(
    engine_for: EngineFor, office: Office, smtp_server: FaultySmtpServer, tmp_path: Path
) -> None:
    """The 危機管理型水位計 reader is off until the office records its consent; then the gauge's
    level (an elevation, as the source gives it) crossing its listed danger level mails the
    subscribers of that station and the office copy."""
    session, events, engines = engine_for
    root = tmp_path / "current"
    root.mkdir()
    shutil.copy(KRIVER_CAPTURE, root / "10000.json")
    with transaction(session.connection):
        set_setting(session.connection, "observations.thresholds", BUNDLED_STATIONS)
    shipped = station_ops.river_stations(office.admin)
    gauge = Station(KABURAKI, "新里町野", "鏑木川", danger_m=165.32, source="warnLevel of the file")
    station_ops.save_river_stations(office.admin, [*shipped, gauge])
    river_subscriber(session, office, "kaburaki@example.jp", (KABURAKI,))
    river_subscriber(session, office, "sagimori@example.jp", (SAGIMORI,))
    requested: list[str] = []
    with serve(root, requested) as base:
        with transaction(session.connection):
            for name, value in (
                ("observations.kriver_stations", KABURAKI),
                ("observations.kriver_pref", "10000"),
                ("observations.kriver_url", base),
            ):
                set_setting(session.connection, name, value)
        engine = build_engine(session.store, clock=office.clock, speed=None)
        engines.append(engine)
        engine.service.run_once()
        assert requested == [] and smtp_server.recipients_received() == {}  # no consent: off
        with transaction(session.connection):
            set_setting(session.connection, "observations.kriver_consent", "2026-12-04 課長決裁")
        engine = build_engine(
            session.store, clock=office.clock, speed=None, listeners=[events.append]
        )
        engines.append(engine)
        engine.service.run_once()
    assert requested == ["/10000.json"]
    assert smtp_server.recipients_received() == {"kaburaki@example.jp": 1, OWN_OFFICE_ADDRESS: 1}
    [alert] = [e for e in events if isinstance(e, AlertEnqueued)]
    assert (alert.area, alert.recipients) == ("新里町野", 1)
