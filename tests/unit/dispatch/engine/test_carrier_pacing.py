"""Carrier pacing from the settings (``smtp.carrier_groups``), honoured by the transport at
the TLS test relay: recipients per SMTP session and recipients per second per group."""

from __future__ import annotations

import json
import time

import pytest

from dispatch.base.errors import ValidationError
from dispatch.engine.assembly import build_engine
from dispatch.operations import settings as setting_ops
from dispatch.operations import subscribers as subscriber_ops
from dispatch.records.settings import DECLARED
from dispatch.records.subscribers import NewSubscriber, RiverStage, Topics
from tests.support.smtp_server import Fault, FaultySmtpServer
from tests.unit.dispatch.conftest import Office

GAUGE_CSV = (
    "station_code,station_name,river,kind,value,observed_at\n"
    "KANDA1,高田橋,神田川,water_level,3.0,2026-10-12T21:00:00+09:00\n"
)


def docomo_group(**values: object) -> str:
    groups = json.loads(DECLARED["smtp.carrier_groups"].default)
    for group in groups:
        if group["name"] == "docomo":
            group.update(values)
    return json.dumps(groups)


def test_the_default_groups_are_todays_pacing() -> None:
    groups = {g["name"]: g for g in json.loads(DECLARED["smtp.carrier_groups"].default)}
    assert groups["docomo"] == {
        "name": "docomo",
        "domains": ["docomo.ne.jp"],
        "rate": 30.0,
        "per_session": 100,
        "soft_retries": 2,
        "soft_retry_minutes": 10,
    }
    assert groups["softbank"]["domains"][:2] == ["softbank.ne.jp", "i.softbank.jp"]


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("not json", "not JSON"),
        ('{"name": "docomo"}', "JSON list"),
        ('[{"name": "docomo", "domains": []}]', "domains must be a list"),
        (docomo_group(rate=-1), "rate must be a number from 0.1"),
        (docomo_group(per_session=0), "per_session must be a number from 1"),
        (docomo_group(speed=3), "unknown key"),
        ('[{"name": "a", "domains": ["a.jp"]}, {"name": "a", "domains": ["b.jp"]}]', "twice"),
    ],
)
def test_bad_carrier_groups_are_refused_saying_what_is_wrong(
    office: Office, value: str, says: str
) -> None:
    with pytest.raises(ValidationError, match=says):
        setting_ops.change_setting(office.admin, "smtp.carrier_groups", value)


def test_the_relay_sees_the_groups_session_size_and_rate(  # type: ignore[no-untyped-def]
    engine_for, office: Office, smtp_server: FaultySmtpServer
) -> None:
    session, _, engines = engine_for
    setting_ops.change_setting(
        office.admin, "smtp.carrier_groups", docomo_group(rate=8, per_session=4)
    )
    residents = [f"r{n}@docomo.ne.jp" for n in range(24)]
    for address in residents:
        subscriber_ops.add_subscriber(
            session,
            NewSubscriber(address, Topics(river_stage=RiverStage.CAUTION), office.clock.now()),
        )
    (office.data_dir.parent / "gauges" / "2100.csv").write_text(GAUGE_CSV)
    engine = build_engine(session.store, clock=office.clock, speed=None)
    engines.append(engine)
    started = time.monotonic()
    report = engine.service.run_once()
    elapsed = time.monotonic() - started
    assert report.accepted == len(residents)
    per_session: dict[int, int] = {}
    for message in smtp_server.received:
        if message.recipients[0] in residents:
            per_session[message.session] = per_session.get(message.session, 0) + 1
    assert max(per_session.values()) <= 4  # a new SMTP session after 4 docomo recipients
    assert len(per_session) >= 6
    # 8 recipients a second: the first 8 at once, the other 16 take at least 2 s. (Today's
    # default, 30 a second, sends all 24 at once.) A lower bound only: a busy machine is slower.
    assert elapsed >= 1.8


def _span(times: list[float]) -> float:
    return max(times) - min(times) if times else 0.0


def test_a_carrier_group_backs_off_on_4xx_and_dropped_connections_and_only_that_group(  # type: ignore[no-untyped-def]
    engine_for, office: Office, smtp_server: FaultySmtpServer
) -> None:
    """The relay answers docomo's mail 451 once and drops a connection during it once:
    docomo's pace halves twice (10 → 5 → 2.5 recipients a second), au keeps 10 a second,
    and after the deferred retry everyone has the alert exactly once."""
    session, _, engines = engine_for
    groups = json.loads(DECLARED["smtp.carrier_groups"].default)
    for group in groups:
        if group["name"] in ("docomo", "au"):
            group.update(rate=10, per_session=100)
    setting_ops.change_setting(office.admin, "smtp.carrier_groups", json.dumps(groups))
    setting_ops.change_setting(office.admin, "smtp.backoff_recover_seconds", 600)
    docomo = [f"d{n}@docomo.ne.jp" for n in range(30)]
    au = [f"a{n}@ezweb.ne.jp" for n in range(30)]
    for address in docomo + au:
        subscriber_ops.add_subscriber(
            session,
            NewSubscriber(address, Topics(river_stage=RiverStage.CAUTION), office.clock.now()),
        )
    slow = "451 4.7.1 Too many messages to docomo.ne.jp, slow down"
    smtp_server.add_fault(Fault("RCPT", reply=slow, address="@docomo.ne.jp", nth={5}))
    smtp_server.add_fault(Fault("RCPT", action="drop", address="@docomo.ne.jp", nth={20}))
    (office.data_dir.parent / "gauges" / "2100.csv").write_text(GAUGE_CSV)
    engine = build_engine(session.store, clock=office.clock, speed=None)
    engines.append(engine)
    report = engine.service.run_once()
    assert (report.accepted, report.deferred) == (59, 1)  # the 451: retried later
    # The transport's own account: docomo halved twice, au untouched.
    assert engine.transport.group_backoffs() == {"docomo": 2}
    rates = engine.transport.group_rates()
    assert (rates["docomo"], rates["au"]) == (2.5, 10.0)

    arrived = {r: m.received_at for m in smtp_server.received for r in m.recipients}
    docomo_span = _span([arrived[r] for r in docomo if r in arrived])
    au_span = _span([arrived[r] for r in au])
    print(f"\nat the relay: docomo 29 in {docomo_span:.2f} s, au 30 in {au_span:.2f} s")
    # Unslowed, 30 at 10/s with a burst of 10 take about 2 s: docomo took at least twice
    # that (lower bounds only: a busy machine is slower, never faster), au finished first.
    assert docomo_span >= 4.0
    assert au_span < docomo_span

    office.clock.advance(minutes=3)  # the deferred docomo recipient's retry is due
    assert engine.service.run_once().accepted == 1
    received = smtp_server.recipients_received()
    assert {r: received[r] for r in docomo + au} == {r: 1 for r in docomo + au}
