"""From telegrams to alerts: keep what is in force and emit an alert only on a change.

One event reaches us as several telegrams (R06 VPWW55–61 **and** legacy VPWW53 **and** VPWW54,
plus VPNO50), identical states are re-sent, corrections and cancellations arrive, and files can
come late or out of order. :class:`AlertTracker` turns that into the few changes a resident cares
about.

Rules (docs/feeds.md explains them with examples):

* State is kept per (area, hazard) for warnings, per forecast area for floods, per area for
  landslide, per (area, phenomenon) for rain; exercises (訓練/試験) have a separate state so they
  can never disturb the real one.
* Since the 2026 revision the R06 telegrams are canonical; legacy telegrams (VPWW53/54, VPNO50,
  VXWW50, VPOA50) dated at or after :data:`R06_CUTOVER` update their own state silently. Before
  it, legacy telegrams are the only source and do produce alerts. VPWW53 and VPWW54 of one
  issuance share one legacy state, so the second changes nothing.
* An R06 "発表警報・注意報はなし" clears only the hazards of its own telegram; a legacy telegram is
  a full snapshot of every hazard of the areas it lists.
* Each telegram belongs to a stream (same title and office, or same EventID). Within a stream a
  telegram older than the last one applied is stale and ignored. 訂正 is applied like a new
  report (an alert only if the state changed, flagged as a correction). 取消 restores the state
  from before the stream's last report and withdraws the alerts that report produced.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Final

from feeds.jma.areas import covers
from feeds.jma.codes import KANDA_FORECAST_AREAS
from feeds.jma.common import nfkc
from feeds.model import (
    JST,
    Alert,
    AreaWarnings,
    Category,
    Change,
    Family,
    FloodForecast,
    LandslideReport,
    RainReport,
    SpecialWarningNotice,
    Telegram,
    WarningKind,
    WarningReport,
)

logger = logging.getLogger(__name__)

R06_CUTOVER: Final = datetime(2026, 5, 28, 13, 0, tzinfo=JST)
"""First R06 telegrams (dmdata.jp: 2026-05-28 13:00 JST). From then on R06 is canonical."""

LEGACY_FAMILIES: Final = frozenset(
    {Family.VPWW53, Family.VPWW54, Family.VPNO50, Family.VXWW50, Family.VPOA50}
)

StateKey = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class InForce:
    """What is in force for one state key, and the alert that announced it."""

    code: str
    name: str
    level: int | None
    alert_key: str | None
    observed_at: datetime | None = None  # rain: the observation the entry reports


@dataclass
class _Stream:
    """Bookkeeping per stream: last report time and how to undo its last report."""

    last_report: datetime
    undo: dict[StateKey, InForce | None] = field(default_factory=dict)
    alerts: list[Alert] = field(default_factory=list)


class AlertTracker:
    """Feed it telegrams (in report-time order per stream); it returns the alerts to consider.

    ``areas`` limits warnings, rain and landslide alerts to these 市町村等 codes (``None`` = all).
    ``flood_areas`` limits flood alerts to these forecast areas (default: the 神田川 system); a
    forecast whose 浸水想定地区 includes one of ``areas`` is followed as well. ``None`` follows all.
    """

    def __init__(
        self,
        *,
        areas: Iterable[str] | None = None,
        flood_areas: Iterable[str] | None = tuple(KANDA_FORECAST_AREAS),
        r06_cutover: datetime = R06_CUTOVER,
    ) -> None:
        self._areas = frozenset(areas) if areas is not None else None
        self._flood_areas = frozenset(flood_areas) if flood_areas is not None else None
        self._cutover = r06_cutover
        self._state: dict[StateKey, InForce] = {}
        self._streams: dict[StateKey, _Stream] = {}

    # -- public API ---------------------------------------------------------------------------

    def process_all(self, telegrams: Iterable[Telegram]) -> list[Alert]:
        """Process a batch in report-time order and return all alerts.

        Equal report times are ordered by source id, so the result does not depend on the order
        in which files were listed or downloaded.
        """
        ordered = sorted(
            telegrams, key=lambda telegram: (telegram.head.report_datetime, telegram.source_id)
        )
        alerts: list[Alert] = []
        for telegram in ordered:
            alerts.extend(self.process(telegram))
        return alerts

    def process(self, telegram: Telegram) -> list[Alert]:
        """Apply one telegram and return the alerts it causes (often none)."""
        if telegram.payload is None:
            return []
        stream_key = self._stream_key(telegram)
        stream = self._streams.get(stream_key)
        when = telegram.head.report_datetime
        if stream is not None and when < stream.last_report:
            logger.info(
                "ignoring stale %s of %s (older than %s)",
                telegram.source_id,
                when.isoformat(),
                stream.last_report.isoformat(),
            )
            return []
        if telegram.is_cancellation:
            return self._cancel(telegram, stream_key, stream)
        changes = _Changes(self, telegram)
        self._apply(telegram, changes)
        alerts = changes.alerts if self._emits(telegram) else []
        self._streams[stream_key] = _Stream(when, changes.undo, alerts)
        return alerts

    def in_force(self) -> dict[StateKey, InForce]:
        """A copy of the current state (for display, persistence and tests)."""
        return dict(self._state)

    # -- routing ------------------------------------------------------------------------------

    def _emits(self, telegram: Telegram) -> bool:
        legacy = telegram.family in LEGACY_FAMILIES
        return not (legacy and telegram.head.report_datetime >= self._cutover)

    def _stream_key(self, telegram: Telegram) -> StateKey:
        head = telegram.head
        scope = "exercise" if telegram.is_exercise else "real"
        if telegram.category in (Category.WARNING, Category.SPECIAL):
            return (scope, nfkc(head.control_title), head.editorial_office)
        return (scope, telegram.family.value, head.event_id or head.editorial_office)

    def _apply(self, telegram: Telegram, changes: _Changes) -> None:
        payload = telegram.payload
        if isinstance(payload, WarningReport):
            domain = "r06" if telegram.family is Family.R06 else "legacy"
            for area in payload.areas:
                if self._wants_area(area.code):
                    changes.warning_area(domain, area, payload.hazards)
        elif isinstance(payload, SpecialWarningNotice):
            for area in payload.areas:
                if self._wants_area(area.code):
                    # A notice names only the hazards it announces: it updates just those.
                    hazards = frozenset(kind.hazard for kind in area.kinds)
                    changes.warning_area("legacy", area, hazards)
        elif isinstance(payload, FloodForecast):
            if self._wants_flood(payload):
                changes.flood(payload)
        elif isinstance(payload, LandslideReport):
            for landslide in payload.areas:
                if self._wants_area(landslide.code):
                    changes.landslide(landslide.code, landslide.name, landslide.in_force)
        elif isinstance(payload, RainReport):
            changes.rain(payload, self._areas)

    def _wants_area(self, code: str) -> bool:
        return self._areas is None or code in self._areas

    def _wants_flood(self, forecast: FloodForecast) -> bool:
        if self._flood_areas is None or forecast.area_code in self._flood_areas:
            return True
        return self._areas is not None and bool(self._areas.intersection(forecast.city_codes))

    # -- 取消 ----------------------------------------------------------------------------------

    def _cancel(self, telegram: Telegram, key: StateKey, stream: _Stream | None) -> list[Alert]:
        if stream is None or (not stream.undo and not stream.alerts):
            logger.info("取消 %s refers to no report we applied", telegram.source_id)
            return []
        for state_key, previous in stream.undo.items():
            if previous is None:
                self._state.pop(state_key, None)
            else:
                self._state[state_key] = previous
        head = telegram.head
        withdrawals = [
            replace(
                alert,
                dedupe_key=f"{alert.dedupe_key}|withdrawn@{_minute(head.report_datetime)}",
                change=Change.WITHDRAWN,
                supersedes=alert.dedupe_key,
                report_datetime=head.report_datetime,
                title=head.title or alert.title,
                headline=head.headline,
                source_id=telegram.source_id,
                is_correction=False,
            )
            for alert in stream.alerts
        ]
        # The cancelled report is gone; a second 取消 must not undo the one before it.
        self._streams[key] = _Stream(stream.last_report)
        return withdrawals if self._emits(telegram) else []


class _Changes:
    """Applies one telegram to the tracker's state, collecting alerts and undo information."""

    def __init__(self, tracker: AlertTracker, telegram: Telegram) -> None:
        self.tracker = tracker
        self.telegram = telegram
        self.scope = "exercise" if telegram.is_exercise else "real"
        self.alerts: list[Alert] = []
        self.undo: dict[StateKey, InForce | None] = {}

    # -- state access -------------------------------------------------------------------------

    def _set(self, key: StateKey, value: InForce | None) -> None:
        state = self.tracker._state
        if key not in self.undo:
            self.undo[key] = state.get(key)
        if value is None:
            state.pop(key, None)
        else:
            state[key] = value

    def _emit(self, key_parts: Iterable[object], **fields: object) -> str:
        head = self.telegram.head
        marker = "corrected|" if self.telegram.is_correction else ""
        prefix = "exercise|" if self.telegram.is_exercise else ""
        dedupe_key = prefix + marker + "|".join(str(part) for part in key_parts)
        alert = Alert(
            dedupe_key=dedupe_key,
            report_datetime=head.report_datetime,
            title=head.title,
            headline=head.headline,
            issuing_offices=head.publishing_offices,
            source_id=self.telegram.source_id,
            is_exercise=self.telegram.is_exercise,
            is_correction=self.telegram.is_correction,
            **fields,  # type: ignore[arg-type]
        )
        self.alerts.append(alert)
        return dedupe_key

    # -- warnings -----------------------------------------------------------------------------

    def warning_area(self, domain: str, area: AreaWarnings, hazards: frozenset[str] | None) -> None:
        """Diff one area's kinds against the state for the hazards the telegram speaks for."""
        state = self.tracker._state
        new: dict[str, WarningKind] = {}
        for kind in area.in_force():
            current = new.get(kind.hazard)
            if current is None or kind.severity > current.severity:
                new[kind.hazard] = kind
        prefix = (self.scope, domain, area.code)
        if hazards is None:  # legacy full snapshot: every hazard of this area
            old_hazards = {key[3] for key in state if key[:3] == prefix}
        else:
            old_hazards = {key[3] for key in state if key[:3] == prefix and key[3] in hazards}
        for hazard in sorted(old_hazards | set(new)):
            key = (*prefix, hazard)
            self._warning_change(key, area, hazard, state.get(key), new.get(hazard))

    def _warning_change(
        self,
        key: StateKey,
        area: AreaWarnings,
        hazard: str,
        old: InForce | None,
        new: WarningKind | None,
    ) -> None:
        if new is not None and old is not None and new.code == old.code:
            return  # same kind still in force: a re-send or 継続
        if new is None and old is None:
            return
        category = Category.LANDSLIDE if key[1] == "landslide" else Category.WARNING
        when = _minute(self.telegram.head.report_datetime)
        if new is None:
            assert old is not None
            alert_key = self._emit(
                (category.value, area.code, hazard, Change.LIFTED.value, old.code, when),
                category=category,
                change=Change.LIFTED,
                area_code=area.code,
                area_name=area.name,
                hazard=hazard,
                kind_code=old.code,
                kind_name=old.name,
                previous_kind_code=old.code,
                previous_kind_name=old.name,
                level=old.level,
                previous_level=old.level,
                supersedes=old.alert_key,
            )
            self._set(key, None)
            return
        if old is None:
            change = Change.NEW
        elif new.severity > (old.level or 0):
            change = Change.UPGRADE
        elif new.severity < (old.level or 0):
            change = Change.DOWNGRADE
        else:
            change = Change.NEW  # same class, another kind (a code table we do not know)
        alert_key = self._emit(
            (category.value, area.code, hazard, change.value, new.code, when),
            category=category,
            change=change,
            area_code=area.code,
            area_name=area.name,
            hazard=hazard,
            kind_code=new.code,
            kind_name=new.name,
            previous_kind_code=old.code if old else new.last_kind_code,
            previous_kind_name=old.name if old else new.last_kind_name,
            level=new.severity,
            previous_level=old.level if old else None,
            supersedes=old.alert_key if old else None,
            text="・".join(new.conditions),
        )
        self._set(key, InForce(new.code, new.name, new.severity, alert_key))

    # -- landslide ----------------------------------------------------------------------------

    def landslide(self, code: str, name: str, in_force: bool) -> None:
        """VXWW50: level 4 土砂災害 in force or not for one area."""
        kind = WarningKind("3", "土砂災害警戒情報", "発表", "土砂災害", 4, 4) if in_force else None
        key = (self.scope, "landslide", code, "土砂災害")
        area = AreaWarnings(code, name, ())
        self._warning_change(key, area, "土砂災害", self.tracker._state.get(key), kind)

    # -- floods -------------------------------------------------------------------------------

    def flood(self, forecast: FloodForecast) -> None:
        """A flood-forecast area's level changed, started or ended."""
        if not forecast.kind_code:
            return
        key = (self.scope, "flood", forecast.area_code)
        old = self.tracker._state.get(key)
        level = forecast.level
        if old is None and level is None:
            return
        if old is not None and level == old.level:
            return  # same level: 継続, or 発表→継続 code (20→21, 40→41)
        if level is None:
            change = Change.LIFTED
        elif old is None:
            change = Change.NEW
        elif level > (old.level or 0):
            change = Change.UPGRADE
        else:
            change = Change.DOWNGRADE
        when = _minute(self.telegram.head.report_datetime)
        station_lines = [
            f"{station.name} {station.water_level_m:.2f}m"
            for station in forecast.stations
            if station.water_level_m is not None
        ]
        alert_key = self._emit(
            ("flood", forecast.area_code, change.value, forecast.kind_code, when),
            category=Category.FLOOD,
            change=change,
            area_code=forecast.area_code,
            area_name=forecast.area_name or (old.name if old else ""),
            river=forecast.area_name or KANDA_FORECAST_AREAS.get(forecast.area_code),
            kind_code=forecast.kind_code,
            kind_name=forecast.kind_name,
            previous_kind_code=old.code if old else None,
            previous_kind_name=old.name if old else None,
            level=level,
            previous_level=old.level if old else None,
            supersedes=old.alert_key if old else None,
            text=forecast.main_text,
            extra=(("stations", "、".join(station_lines)),) if station_lines else (),
        )
        if level is None:
            self._set(key, None)
        else:
            self._set(key, InForce(forecast.kind_code, forecast.kind_name, level, alert_key))

    # -- rain ---------------------------------------------------------------------------------

    def rain(self, report: RainReport, wanted: frozenset[str] | None) -> None:
        """A rain report for a wanted area: alert once per observation (or a larger amount)."""
        targets: list[tuple[str, str, int | None, datetime | None]] = []
        for area in report.areas:
            if wanted is None:
                targets.append((area.code, area.name, area.mm_per_hour, area.observed_at))
            else:
                # A ward code must match; a wider area (線状降水帯 東京地方) covers its wards.
                targets.extend(
                    (target, area.name, area.mm_per_hour, area.observed_at)
                    for target in sorted(wanted)
                    if covers(area.code, target)
                )
        for code, name, mm, observed_at in targets:
            key = (self.scope, "rain", code, report.phenomenon)
            old = self.tracker._state.get(key)
            observed = observed_at or report.observed_at or self.telegram.head.report_datetime
            if (
                old is not None
                and old.observed_at == observed
                and (mm is None or (old.level is not None and mm <= old.level))
            ):
                continue  # the same observation again (VPOA50 twin of a VPBS50, a re-send)
            alert_key = self._emit(
                ("rain", code, report.phenomenon, _minute(observed), mm if mm is not None else ""),
                category=Category.RAIN,
                change=Change.REPORT,
                area_code=code,
                area_name=name,
                kind_name=report.phenomenon,
                mm_per_hour=mm,
                supersedes=old.alert_key if old and old.observed_at == observed else None,
            )
            self._set(key, InForce("", report.phenomenon, mm, alert_key, observed))


def _minute(moment: datetime) -> str:
    """A time for dedupe keys: to the minute, in JST, stable across runs."""
    return moment.astimezone(JST).strftime("%Y-%m-%dT%H:%M%z")
