"""Which subscribers an alert is for: pure rules, no store.

* warnings (and 特別警報 notices, 土砂災害警戒情報): subscribers whose minimum level is at or
  below the alert's level;
* JMA's rain information (線状降水帯, 記録的短時間大雨 for an area covering the ward): every
  rain subscriber, whatever their threshold;
* a rain gauge reaching a band: subscribers whose threshold (mm/h) is at or below the amount
  and above what the same rain event already announced (``Alert.rain_mm_told``), so each hears
  once per event;
* river gauges: subscribers whose minimum stage is at or below the stage reached, and who
  chose that station (or every station);
* Kanda flood forecasts: subscribers who chose that river;
* 訓練/試験 never reach residents;
* 解除, downgrades and 取消 go to whoever received the earlier alerts of the same chain (the
  outbox finds them through ``supersedes``), not to a fresh audience;
* quiet hours hold back advisory-level mail only — never a warning or anything above.

One mail per subscriber per alert: the audience query joins topic conditions with OR.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from dispatch.base.clock import TOKYO
from dispatch.records.subscriber_queries import AudienceFilter
from dispatch.records.subscribers import KandaRiver, QuietHours, WarningLevel
from feeds.model import Alert, Category

_RIVERS = {
    "神田川": KandaRiver.KANDA,
    "善福寺川": KandaRiver.ZENPUKUJI,
    "妙正寺川": KandaRiver.MYOSHOJI,
}
#: Flood forecast levels (2–5) are 警戒レベル相当; level 2 氾濫注意報 is advisory-level.
_ADVISORY_FLOOD_LEVEL = 2
_ADVISORY_RIVER_STAGE = 1  # 氾濫注意水位


@dataclass(frozen=True)
class Audience:
    """How to find an alert's audience: a fresh query, or the earlier recipients."""

    fresh: AudienceFilter | None
    follow_up_of: str | None = None

    @property
    def empty(self) -> bool:
        return self.fresh is None and self.follow_up_of is None


def audience_for(alert: Alert) -> Audience:
    if alert.is_exercise:
        return Audience(None)
    if alert.is_follow_up:
        return Audience(None, follow_up_of=alert.supersedes)
    category = alert.category
    if category in (Category.WARNING, Category.SPECIAL, Category.LANDSLIDE):
        level = alert.level or (WarningLevel.SPECIAL if category is Category.SPECIAL else None)
        if level is None and category is Category.LANDSLIDE:
            level = WarningLevel.DANGER
        return Audience(AudienceFilter(warning_level=level) if level else None)
    if category is Category.RAIN:
        if not alert.is_observation:
            return Audience(AudienceFilter(any_rain=True))
        if not alert.mm_per_hour:
            return Audience(None)
        return Audience(AudienceFilter(rain_mm=alert.mm_per_hour, rain_mm_above=alert.rain_mm_told))
    if category is Category.FLOOD:
        river = river_flag(alert.river)
        return Audience(AudienceFilter(kanda_river=river) if river else None)
    if category is Category.RIVER:
        stage = alert.stage
        wanted = AudienceFilter(river_stage=stage, river_station=alert.area_code or None)
        return Audience(wanted if stage else None)
    return Audience(None)


def river_flag(name: str | None) -> KandaRiver | None:
    if not name:
        return None
    for river_name, flag in _RIVERS.items():
        if river_name in name:
            return flag
    return None


def is_advisory_level(alert: Alert) -> bool:
    """Advisory-level mail may wait for the end of a subscriber's quiet hours."""
    if alert.category is Category.WARNING:
        return alert.level is not None and alert.level <= WarningLevel.ADVISORY
    if alert.category is Category.FLOOD:
        return alert.level is not None and alert.level <= _ADVISORY_FLOOD_LEVEL
    if alert.category is Category.RIVER:
        return alert.stage is not None and alert.stage <= _ADVISORY_RIVER_STAGE
    return False  # rain reports, landslide, special warnings: never held


def quiet_until(quiet: QuietHours | None, now: datetime) -> datetime | None:
    """When a held mail may go: the end of the quiet span ``now`` is in, else ``None``."""
    if quiet is None:
        return None
    local = now.astimezone(TOKYO)
    minute = local.hour * 60 + local.minute
    if quiet.start < quiet.end:
        inside = quiet.start <= minute < quiet.end
    else:  # crosses midnight
        inside = minute >= quiet.start or minute < quiet.end
    if not inside:
        return None
    end = local.replace(hour=quiet.end // 60, minute=quiet.end % 60, second=0, microsecond=0)
    if end <= local:
        end += timedelta(days=1)
    return end
