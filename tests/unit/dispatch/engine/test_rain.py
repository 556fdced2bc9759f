"""Rain through the whole engine, to the TLS test relay: gauge readings by threshold, once per
rain event; JMA's 線状降水帯 and 記録的短時間大雨 to every rain subscriber, with the office's
control copy."""

from __future__ import annotations

import collections
import email
import shutil
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest

from dispatch.engine.assembly import Engine, build_engine
from dispatch.engine.events import AlertEnqueued, EngineEvent, PollFailed
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import Session
from dispatch.records.settings import set_setting
from dispatch.records.subscribers import (
    RAIN_THRESHOLDS_MM,
    NewSubscriber,
    Topics,
    WarningLevel,
)
from dispatch.store.database import transaction
from tests.support.amedas_site import publish, serve
from tests.support.office import OWN_OFFICE_ADDRESS
from tests.support.smtp_server import FaultySmtpServer
from tests.unit.dispatch.conftest import Office

DATA = Path(__file__).resolve().parents[3] / "data" / "jma"
OFFICE = OWN_OFFICE_ADDRESS  # office.address: the control copy of every dispatch
EngineFor = tuple[Session, list[EngineEvent], list[Engine]]


def rain_subscribers(session: Session, office: Office) -> None:
    """One subscriber per offered threshold, and one who wants warnings only."""
    for mm in RAIN_THRESHOLDS_MM:
        subscriber_ops.add_subscriber(
            session, NewSubscriber(f"rain{mm}@example.jp", Topics(rain_mm=mm), office.clock.now())
        )
    subscriber_ops.add_subscriber(
        session,
        NewSubscriber(
            "warn@example.jp", Topics(warning_level=WarningLevel.WARNING), office.clock.now()
        ),
    )


class Relay:
    """What the test relay received since the last look."""

    def __init__(self, server: FaultySmtpServer) -> None:
        self._server = server
        self._seen: collections.Counter[str] = collections.Counter()

    def new(self) -> collections.Counter[str]:
        now = self._server.recipients_received()
        fresh = now - self._seen
        self._seen = now
        return fresh


def body_for(server: FaultySmtpServer, address: str) -> list[EmailMessage]:
    found = []
    for message in server.received:
        if address in message.recipients:
            parsed = email.message_from_bytes(message.data, policy=default)
            assert isinstance(parsed, EmailMessage)
            found.append(parsed)
    return found


def test_a_rising_rain_mails_each_subscriber_once_when_it_reaches_their_threshold(
    engine_for: EngineFor, office: Office, smtp_server: FaultySmtpServer
) -> None:
    session, events, engines = engine_for
    rain_subscribers(session, office)
    gauges = office.data_dir.parent / "gauges"
    engine = build_engine(session.store, clock=office.clock, speed=None, listeners=[events.append])
    engines.append(engine)
    relay = Relay(smtp_server)
    # Synthetic readings of one gauge, one office CSV every ten minutes: 8 → 12 → 25 → 35 → 15.
    expected = {
        8: [],
        12: ["rain10@example.jp"],
        25: ["rain20@example.jp"],
        35: ["rain30@example.jp"],
        15: [],  # falling: not a new alert, and nobody is told "雨が弱まりました"
    }
    for minute, (mm, who) in enumerate(expected.items()):
        (gauges / f"15{minute}0.csv").write_text(
            "station_code,station_name,river,kind,value,observed_at\n"
            f"R1,新宿区役所,,rain,{mm},2026-07-01T15:{minute}0:00+09:00\n"
        )
        engine.service.run_once()
        control = [OFFICE] if who else []
        assert sorted(relay.new().elements()) == sorted(who + control), f"at {mm} mm/h"
    enqueued = [e for e in events if isinstance(e, AlertEnqueued)]
    assert [(e.change, e.recipients) for e in enqueued] == [
        ("report", 1),
        ("upgrade", 1),
        ("upgrade", 1),
    ]
    [mail] = body_for(smtp_server, "rain20@example.jp")
    text = mail.get_body().get_content()  # type: ignore[union-attr]
    assert mail["Subject"] == "【新宿区】強い雨の観測（1時間25ミリ）"
    assert "■ 観測地点: 新宿区役所" in text and "■ 1時間の雨量: 25ミリ" in text
    assert "■ 雨の強さ: 強い雨（どしゃ降り）" in text  # JMA's word for 20–30 mm/h


def copy_telegram(source: Path, folder: Path, name: str | None = None) -> None:
    shutil.copy(source, folder / (name or source.name))


def test_a_linear_rainband_over_tokyo_reaches_every_rain_subscriber_and_the_office(
    engine_for: EngineFor, office: Office, smtp_server: FaultySmtpServer
) -> None:
    session, _events, engines = engine_for
    rain_subscribers(session, office)
    telegrams = office.data_dir.parent / "telegrams"
    synthetic = DATA / "synthetic"
    relay = Relay(smtp_server)
    everyone = sorted([f"rain{mm}@example.jp" for mm in RAIN_THRESHOLDS_MM] + [OFFICE])

    def run() -> list[str]:
        engine = build_engine(session.store, clock=office.clock, speed=None)
        engines.append(engine)
        engine.service.run_once()
        engine.close()
        return sorted(relay.new().elements())

    copy_telegram(synthetic / "senjo_1_20260920T1940_VPBS50.xml", telegrams)
    assert run() == everyone  # every threshold, though the report names no amount
    # The same report delivered again under another name (a re-send): not a new alert.
    copy_telegram(synthetic / "senjo_1_20260920T1940_VPBS50.xml", telegrams, "resent.xml")
    assert run() == []
    # JMA's follow-up while the band persists: everyone again.
    copy_telegram(synthetic / "senjo_2_20260920T2010_VPBS50.xml", telegrams)
    assert run() == everyone
    first = body_for(smtp_server, "rain80@example.jp")[0]
    text = first.get_body().get_content()  # type: ignore[union-attr]
    assert "線状降水帯" in str(first["Subject"])
    assert "線状降水帯による非常に激しい雨" in text  # JMA's words, relayed
    assert "東京地方（新宿区を含む）で「線状降水帯の発生」が発表されました。" in text
    assert "線状降水帯とは、" in text  # what it is
    assert "ただちに安全な場所へ避難してください" in text  # what to do


@pytest.mark.parametrize(
    ("telegram", "areas", "phenomenon"),
    [
        # Real: JMA's sample 千葉県 線状降水帯発生 (北西部 covers 千葉市).
        ("rain_vpbs50/82_01_01_241031_VPBS50.xml", "1210000", "線状降水帯"),
        # Real: 網走地方 記録的短時間大雨, 美幌町付近 about 100 mm.
        ("rain_vpbs50/82_01_02_250630_VPBS50.xml", "0154300", "記録的短時間大雨"),
        # Synthetic: 新宿区 記録的短時間大雨 (tests/data/jma/synthetic/generate.py).
        ("synthetic/rain_20260920T2005_VPBS50.xml", "1310400", "記録的短時間大雨"),
    ],
)
def test_jma_rain_information_for_the_ward_reaches_every_rain_subscriber(
    engine_for: EngineFor,
    office: Office,
    smtp_server: FaultySmtpServer,
    telegram: str,
    areas: str,
    phenomenon: str,
) -> None:
    session, events, engines = engine_for
    with transaction(session.connection):
        set_setting(session.connection, "feeds.areas", areas)
    rain_subscribers(session, office)
    copy_telegram(DATA / telegram, office.data_dir.parent / "telegrams")
    engine = build_engine(session.store, clock=office.clock, speed=None, listeners=[events.append])
    engines.append(engine)
    report = engine.service.run_once()
    assert report.accepted == len(RAIN_THRESHOLDS_MM)
    received = smtp_server.recipients_received()
    assert received[OFFICE] == 1  # the control copy
    assert received["warn@example.jp"] == 0
    [mail] = body_for(smtp_server, "rain50@example.jp")
    assert phenomenon in str(mail["Subject"])


def test_amedas_readings_from_the_settings_mail_by_threshold(
    engine_for: EngineFor, office: Office, smtp_server: FaultySmtpServer, tmp_path: Path
) -> None:
    """JMA's AMeDAS map JSON, switched on in the settings, through the whole engine. The map is
    the real 2021-02-24 capture with 東京 (44132) set to 25.5 mm in the hour: synthetic."""
    session, events, engines = engine_for
    rain_subscribers(session, office)
    root = tmp_path / "amedas"
    publish(root, rain_1h={"44132": 25.5})
    with serve(root) as base:
        with transaction(session.connection):
            set_setting(session.connection, "observations.amedas_stations", "44132")
            set_setting(session.connection, "observations.amedas_url", base)
        engine = build_engine(
            session.store, clock=office.clock, speed=None, listeners=[events.append]
        )
        engines.append(engine)
        engine.service.run_once()
    received = smtp_server.recipients_received()
    assert received == {"rain10@example.jp": 1, "rain20@example.jp": 1, OFFICE: 1}
    [mail] = body_for(smtp_server, "rain20@example.jp")
    assert mail["Subject"] == "【新宿区】強い雨の観測（1時間25ミリ）"
    assert "■ 観測地点: 東京" in mail.get_body().get_content()  # type: ignore[union-attr]


def test_a_failing_gauge_source_does_not_hold_up_the_others(
    engine_for: EngineFor, office: Office, smtp_server: FaultySmtpServer, tmp_path: Path
) -> None:
    session, events, engines = engine_for
    rain_subscribers(session, office)
    root = tmp_path / "amedas"
    publish(root)
    (root / "const" / "amedastable.json").unlink()  # JMA's table cannot be read
    gauges = office.data_dir.parent / "gauges"
    (gauges / "1510.csv").write_text(
        "station_code,station_name,river,kind,value,observed_at\n"
        "R1,新宿区役所,,rain,12,2026-07-01T15:10:00+09:00\n"
    )
    with serve(root) as base:
        with transaction(session.connection):
            set_setting(session.connection, "observations.amedas_stations", "44132")
            set_setting(session.connection, "observations.amedas_url", base)
        engine = build_engine(
            session.store, clock=office.clock, speed=None, listeners=[events.append]
        )
        engines.append(engine)
        engine.service.run_once()
    failures = [e for e in events if isinstance(e, PollFailed)]
    assert len(failures) == 1 and "amedastable.json" in failures[0].message
    # The office's CSV reading still reached its subscriber.
    assert smtp_server.recipients_received() == {"rain10@example.jp": 1, OFFICE: 1}
