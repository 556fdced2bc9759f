"""Matching rules: who gets which alert, and when quiet hours hold mail back."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from dispatch.base.clock import TOKYO
from dispatch.records.matching import audience_for, is_advisory_level, quiet_until
from dispatch.records.subscriber_queries import AudienceFilter
from dispatch.records.subscribers import KandaRiver, QuietHours
from feeds.model import Alert, Category, Change

BASE = Alert(
    dedupe_key="k1",
    category=Category.WARNING,
    change=Change.NEW,
    area_code="1310400",
    area_name="新宿区",
    report_datetime=datetime(2026, 10, 12, 19, 0, tzinfo=TOKYO),
    title="東京都気象警報・注意報",
    headline="",
    issuing_offices=("気象庁",),
    source_id="x.xml",
    level=3,
    kind_name="レベル３大雨警報",
)


def test_a_warning_goes_to_subscribers_whose_minimum_is_at_or_below_its_level() -> None:
    assert audience_for(BASE).fresh == AudienceFilter(warning_level=3)


def test_jma_rain_information_goes_to_every_rain_subscriber_whatever_the_amount() -> None:
    rain = replace(BASE, category=Category.RAIN, change=Change.REPORT, level=None, mm_per_hour=100)
    assert audience_for(rain).fresh == AudienceFilter(any_rain=True)
    # 線状降水帯 names no amount: it still reaches them all.
    band = replace(rain, mm_per_hour=None, kind_name="線状降水帯")
    assert audience_for(band).fresh == AudienceFilter(any_rain=True)


def test_a_rain_gauge_goes_by_threshold_above_what_the_event_already_announced() -> None:
    gauge = replace(
        BASE, category=Category.RAIN, level=None, issuing_offices=(), kind_name=None, mm_per_hour=25
    )
    assert audience_for(gauge).fresh == AudienceFilter(rain_mm=25)
    later = replace(gauge, change=Change.UPGRADE, mm_per_hour=35, rain_mm_told=25)
    assert audience_for(later).fresh == AudienceFilter(rain_mm=35, rain_mm_above=25)


def test_a_flood_forecast_goes_to_who_chose_that_river() -> None:
    flood = replace(BASE, category=Category.FLOOD, river="善福寺川", level=4)
    assert audience_for(flood).fresh == AudienceFilter(kanda_river=KandaRiver.ZENPUKUJI)
    other = replace(flood, river="荒川")
    assert audience_for(other).empty


def test_a_river_stage_goes_by_stage_and_station() -> None:
    """Subscribers whose stage is reached at a station they chose (or all stations)."""
    gauge = replace(
        BASE, category=Category.RIVER, level=None, stage=2, river="妙正寺川",
        area_code="83030400470000016",
    )  # fmt: skip
    assert audience_for(gauge).fresh == AudienceFilter(
        river_stage=2, river_station="83030400470000016"
    )


def test_special_warning_notices_reach_everyone_with_warnings() -> None:
    special = replace(BASE, category=Category.SPECIAL, level=None)
    assert audience_for(special).fresh == AudienceFilter(warning_level=5)


@pytest.mark.parametrize("change", [Change.DOWNGRADE, Change.LIFTED, Change.WITHDRAWN])
def test_follow_ups_go_to_the_earlier_recipients(change: Change) -> None:
    follow_up = replace(BASE, change=change, supersedes="k0")
    audience = audience_for(follow_up)
    assert audience.fresh is None and audience.follow_up_of == "k0"


def test_exercises_never_reach_residents() -> None:
    assert audience_for(replace(BASE, is_exercise=True)).empty


def test_only_advisory_level_mail_is_held() -> None:
    assert is_advisory_level(replace(BASE, level=2))
    assert not is_advisory_level(BASE)
    assert not is_advisory_level(replace(BASE, category=Category.RAIN, level=None, mm_per_hour=30))
    assert is_advisory_level(replace(BASE, category=Category.FLOOD, level=2, river="神田川"))
    assert not is_advisory_level(replace(BASE, category=Category.FLOOD, level=3, river="神田川"))


def test_quiet_hours_across_midnight() -> None:
    quiet = QuietHours.parse("23:00-06:00")
    at = datetime(2026, 10, 12, 23, 30, tzinfo=TOKYO)
    assert quiet_until(quiet, at) == datetime(2026, 10, 13, 6, 0, tzinfo=TOKYO)
    early = datetime(2026, 10, 13, 5, 59, tzinfo=TOKYO)
    assert quiet_until(quiet, early) == datetime(2026, 10, 13, 6, 0, tzinfo=TOKYO)
    assert quiet_until(quiet, datetime(2026, 10, 13, 6, 0, tzinfo=TOKYO)) is None
    # The clock in UTC is read in Tokyo time.
    assert quiet_until(quiet, datetime(2026, 10, 12, 15, 0, tzinfo=UTC)) is not None
    assert quiet_until(None, at) is None


def test_quiet_hours_within_a_day() -> None:
    quiet = QuietHours.parse("12:00-13:00")
    assert quiet_until(quiet, datetime(2026, 10, 12, 12, 30, tzinfo=TOKYO)) == datetime(
        2026, 10, 12, 13, 0, tzinfo=TOKYO
    )
    assert quiet_until(quiet, datetime(2026, 10, 12, 23, 0, tzinfo=TOKYO)) is None
