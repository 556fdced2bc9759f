"""Gauge readers on real captures and the office CSV; stage crossings up and down."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from feeds.errors import ObservationError
from feeds.model import Category, Change
from feeds.observations import (
    ObservationTracker,
    StationThresholds,
    read_amedas_map_json,
    read_csv,
    read_kriver_json,
)

from .conftest import DATA

JST = timezone(timedelta(hours=9))


def test_real_kriver_capture() -> None:
    readings = read_kriver_json((DATA / "river" / "index.json").read_bytes(), "index.json")
    assert len(readings) == 232
    first = readings[0]
    assert (first.station_code, first.station_name, first.value) == (
        "1000000107",
        "鏑木川３．２ｋ新里町野",
        166.21,
    )
    assert first.observed_at == datetime(2025, 9, 12, 20, 50, tzinfo=JST)


def test_real_amedas_map_tokyo_station() -> None:
    at = datetime(2021, 2, 24, 15, 0, tzinfo=JST)
    data = (DATA / "rain" / "20210224150000.json").read_bytes()
    [tokyo] = read_amedas_map_json(data, "map.json", at, stations=["44132"])
    assert (tokyo.station_code, tokyo.kind, tokyo.value, tokyo.observed_at) == (
        "44132",
        "rain",
        0.0,
        at,
    )
    assert len(read_amedas_map_json(data, "map.json", at)) > 1000


CSV = """station_code,station_name,river,kind,value,observed_at
0020,南小滝橋,神田川,water_level,2.10,2026-09-20T19:00:00+09:00
0020,南小滝橋,神田川,water_level,2.45,2026-09-20T19:10:00+09:00
0020,南小滝橋,神田川,water_level,3.35,2026-09-20T19:20:00+09:00
0020,南小滝橋,神田川,water_level,,2026-09-20T19:30:00+09:00
0020,南小滝橋,神田川,water_level,2.50,2026-09-20T19:40:00+09:00
0020,南小滝橋,神田川,water_level,1.20,2026-09-20T19:50:00+09:00
R1,新宿区役所,,rain,55,2026-09-20T19:10:00+09:00
"""


def test_river_stage_crossed_up_and_back_down() -> None:
    tracker = ObservationTracker([StationThresholds("0020", 2.40, 2.90, 3.30)])
    alerts = tracker.process(read_csv(CSV.encode(), "office.csv"))
    river = [a for a in alerts if a.category is Category.RIVER]
    assert [(a.change, a.stage) for a in river] == [
        (Change.NEW, 1),
        (Change.UPGRADE, 3),
        (Change.DOWNGRADE, 1),
        (Change.LIFTED, 0),
    ]
    assert all(a.river == "神田川" for a in river)
    assert river[2].supersedes == river[1].dedupe_key
    [rain] = [a for a in alerts if a.category is Category.RAIN]
    assert (rain.change, rain.mm_per_hour) == (Change.REPORT, 55)
    assert tracker.process(read_csv(CSV.encode(), "office.csv")) == []  # same readings again


def test_bad_csv_is_a_typed_error() -> None:
    with pytest.raises(ObservationError, match="kind must be"):
        read_csv(b"station_code,kind,value,observed_at\nA,snow,1,2026-01-01T00:00+09:00\n", "x")
    with pytest.raises(ObservationError, match="without zone"):
        read_csv(b"station_code,kind,value,observed_at\nA,rain,1,2026-01-01T00:00\n", "x")


def test_kawabou_thresholds_and_levels_raise_a_river_stage_alert() -> None:
    from feeds.model import JST
    from feeds.observations import read_kawabou_levels, read_kawabou_stations

    river = DATA / "river"
    stations = read_kawabou_stations(
        (river / "synthetic_kawabou_stations.json").read_bytes(), "stations.json"
    )
    # The station that publishes no thresholds is left out.
    assert [(s.station_code, s.caution_m, s.evacuation_m, s.danger_m) for s in stations] == [
        ("0303900400010", 2.0, 2.9, 3.4),
        ("0303900400020", 1.5, 2.1, 2.6),
    ]
    at = datetime(2026, 10, 12, 21, 0, tzinfo=JST)
    readings = read_kawabou_levels(
        (river / "synthetic_kawabou_levels_2100.json").read_bytes(),
        "levels.json",
        at,
        names={"0303900400010": ("高田橋", "神田川")},
    )
    assert [(r.station_code, r.value) for r in readings] == [
        ("0303900400010", 3.05),
        ("0303900400020", 1.10),
        ("0303900400030", None),
    ]
    alerts = ObservationTracker(stations).process(readings)
    assert len(alerts) == 1
    alert = alerts[0]
    assert (alert.stage, alert.river, alert.area_name) == (2, "神田川", "高田橋")  # 避難判断
    assert alert.report_datetime == at


def test_a_kawabou_file_of_another_shape_is_a_typed_error() -> None:
    from feeds.model import JST
    from feeds.observations import read_kawabou_levels

    with pytest.raises(ObservationError, match="kawabou"):
        read_kawabou_levels(b'{"something": 1}', "x.json", datetime.now(JST))


def test_tracker_state_survives_a_restart() -> None:
    import json

    from feeds.model import JST, Observation

    limits = [StationThresholds("A", 2.0, 2.9, 3.4)]
    first = ObservationTracker(limits)
    at = datetime(2026, 10, 12, 21, 0, tzinfo=JST)
    reading = Observation("A", "高田橋", "water_level", 3.0, at, river="神田川")
    assert len(first.process([reading])) == 1
    saved = json.loads(json.dumps(first.state()))
    again = ObservationTracker(limits)
    again.restore(saved)
    later = Observation("A", "高田橋", "water_level", 3.1, at + timedelta(minutes=10))
    assert again.process([reading, later]) == []  # the same stage: nothing new to announce
    lower = Observation("A", "高田橋", "water_level", 1.0, at + timedelta(minutes=20))
    lifted = again.process([lower])
    assert [a.change for a in lifted] == [Change.LIFTED]
    assert lifted[0].supersedes is not None


# -- rain gauges (synthetic sequences: readings typed for these tests, in the office CSV format) --

RAIN_AT = datetime(2026, 7, 1, 15, 0, tzinfo=JST)
OFFERED = (10, 20, 30, 50, 80)  # dispatch.records.subscribers.RAIN_THRESHOLDS_MM


def rain_csv(*values: float, start: datetime = RAIN_AT, step: int = 10) -> bytes:
    """A synthetic office CSV: one rain gauge, a reading every ``step`` minutes."""
    lines = ["station_code,station_name,river,kind,value,observed_at"]
    for index, value in enumerate(values):
        at = (start + timedelta(minutes=step * index)).isoformat()
        lines.append(f"R1,新宿区役所,,rain,{value:g},{at}")
    return ("\n".join(lines) + "\n").encode()


def test_a_rising_rain_is_announced_once_per_band_and_a_falling_one_not_at_all() -> None:
    tracker = ObservationTracker(rain_bands_mm=OFFERED)
    alerts = tracker.process(read_csv(rain_csv(8, 12, 25, 35, 15), "rain.csv"))
    # 8: below every threshold; 12, 25, 35: a new band each; 15: falling, nothing.
    assert [(a.mm_per_hour, a.rain_mm_told, a.change) for a in alerts] == [
        (12, None, Change.REPORT),
        (25, 12, Change.UPGRADE),
        (35, 25, Change.UPGRADE),
    ]
    assert all(a.category is Category.RAIN and a.is_observation for a in alerts)
    assert [a.supersedes for a in alerts[1:]] == [a.dedupe_key for a in alerts[:-1]]
    # Back up to 35 in the same event: those subscribers were told already.
    again = read_csv(rain_csv(35, 29.6, start=RAIN_AT + timedelta(minutes=50)), "later.csv")
    assert tracker.process(again) == []


def test_a_rain_event_ends_only_after_the_quiet_period_of_dry_readings() -> None:
    tracker = ObservationTracker(
        rain_bands_mm=OFFERED, rain_hysteresis_mm=5, rain_quiet=timedelta(minutes=60)
    )
    assert len(tracker.process(read_csv(rain_csv(12), "a.csv"))) == 1
    # 7 mm/h is within the hysteresis (10 − 5): still wet, so 90 minutes later 12 is the
    # same event; 3 mm/h is dry, but for less than the quiet period.
    wet = rain_csv(7, 7, 7, 7, 7, 7, 7, 7, 7, 12, 3, 3, 12, start=RAIN_AT + timedelta(minutes=10))
    assert tracker.process(read_csv(wet, "b.csv")) == []
    # An hour of dry readings ends the event: 12 mm/h again is a new event, mailed again.
    dry = rain_csv(3, 0, 0, 0, 0, 0, 0, 12, start=RAIN_AT + timedelta(minutes=140))
    [new_event] = tracker.process(read_csv(dry, "c.csv"))
    assert (new_event.mm_per_hour, new_event.rain_mm_told, new_event.change) == (
        12,
        None,
        Change.REPORT,
    )
    assert new_event.supersedes is None


def test_a_re_sent_rain_reading_is_not_a_new_alert() -> None:
    tracker = ObservationTracker(rain_bands_mm=OFFERED)
    first = read_csv(rain_csv(8, 25), "1510.csv")
    assert len(tracker.process(first)) == 1
    # The office's fetcher writes the same readings again under another name.
    assert tracker.process(read_csv(rain_csv(8, 25), "1510-copy.csv")) == []


def test_rain_events_survive_a_restart() -> None:
    import json

    tracker = ObservationTracker(rain_bands_mm=OFFERED)
    tracker.process(read_csv(rain_csv(25), "a.csv"))
    again = ObservationTracker(rain_bands_mm=OFFERED)
    again.restore(json.loads(json.dumps(tracker.state())))
    later = read_csv(rain_csv(28, 55, start=RAIN_AT + timedelta(minutes=10)), "b.csv")
    [alert] = again.process(later)
    assert (alert.mm_per_hour, alert.rain_mm_told) == (55, 25)


def test_the_gauges_of_the_ward_share_one_rain_event() -> None:
    """Subscribers choose no gauge: 12 mm/h at one gauge tells the 10 mm/h subscribers; 15 at
    another ten minutes later tells nobody again; 25 there tells the 20 mm/h ones."""
    csv = (
        "station_code,station_name,river,kind,value,observed_at\n"
        "44132,東京,,rain,12,2026-07-01T15:00:00+09:00\n"
        "44126,世田谷,,rain,15,2026-07-01T15:10:00+09:00\n"
        "44126,世田谷,,rain,25,2026-07-01T15:20:00+09:00\n"
    ).encode()
    ward = ObservationTracker(rain_bands_mm=OFFERED).process(read_csv(csv, "gauges.csv"))
    assert [(a.area_name, a.mm_per_hour, a.rain_mm_told) for a in ward] == [
        ("東京", 12, None),
        ("世田谷", 25, 12),
    ]
    # One event per gauge when asked (for subscribers who would choose their gauge).
    per_gauge = ObservationTracker(rain_bands_mm=OFFERED, rain_event_per_gauge=True)
    alerts = per_gauge.process(read_csv(csv, "gauges.csv"))
    assert [(a.area_name, a.mm_per_hour) for a in alerts] == [
        ("東京", 12),
        ("世田谷", 15),
        ("世田谷", 25),
    ]
