"""What the dashboard shows: the warnings in force, the feed's health and the dispatches.

The desktop reads it in a worker thread; nothing here knows Qt.

The running service keeps the state in force in memory and does not publish it, so this
module rebuilds the same state from the stored telegrams, exactly as the service does after a
restart (``Service._rebuild_state``): the telegrams of the last ``rebuild_days`` through an
:class:`~feeds.state.AlertTracker` for the configured areas.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from dispatch.engine.service_config import ServiceConfig
from dispatch.operations.declare import operation
from dispatch.operations.dispatches import running_dispatches
from dispatch.operations.gauges import GaugeHealth, gauge_health
from dispatch.operations.session import Session
from dispatch.records.dispatch_log import DispatchLog, DispatchSummary
from dispatch.records.settings import get_setting
from dispatch.records.telegram_log import TelegramLog
from dispatch.wording.vocabulary import KIND_NAME
from feeds.errors import FeedError
from feeds.jma import parse_telegram
from feeds.state import AlertTracker


@dataclass(frozen=True)
class InForceRow:
    category: str  # warning | flood | landslide | rain
    name: str  # the kind as JMA names it (大雨警報 …)
    area: str
    level: int | None  # 警戒レベル 2–5 for warnings, floods and landslide; None for rain
    since: str | None  # ISO time of the report that announced it
    mm_per_hour: int | None = None
    exercise: bool = False
    #: The 警戒レベル相当 the kind carries: floods and 土砂災害 by their level, warnings only
    #: when JMA's name says so (レベル３大雨警報); ``None`` for 強風注意報, 暴風警報 … (a class,
    #: not a 警戒レベル) — the mail says 種別 for those, and so must the screen.
    alert_level: int | None = None


@dataclass(frozen=True)
class FeedHealth:
    telegrams: int
    last_received_at: str | None
    last_title: str | None
    source: str
    poll_interval: int


@operation(None, "dashboard.view")
def load_in_force(
    session: Session, rebuild_days: int = ServiceConfig.rebuild_days
) -> list[InForceRow]:
    connection = session.connection
    areas = tuple(a.strip() for a in get_setting(connection, "feeds.areas").split(",") if a.strip())
    since = session.clock.now() - timedelta(days=rebuild_days)
    telegrams = []
    for source_id, raw in TelegramLog(connection, session.clock).telegrams_received_since(since):
        try:
            telegrams.append(parse_telegram(raw, source_id))
        except FeedError:
            continue
    tracker = AlertTracker(areas=areas)
    tracker.process_all(telegrams)
    rows: list[InForceRow] = []
    log = DispatchLog(connection)
    for key, state in tracker.in_force().items():
        scope, family = key[0], key[1]
        if not state.alert_key:
            continue
        found = log.alert_place(state.alert_key)
        if found is None:
            # Kept silently (a legacy telegram after the R06 cutover): never announced.
            continue
        area, since_at = found
        category = family if family in ("flood", "landslide", "rain") else "warning"
        rain = category == "rain"
        if rain and not _recent(since_at, session, hours=3):
            continue  # a rain report is a moment, not a state: show it for a while only
        rows.append(
            InForceRow(
                category=category,
                name=state.name,
                area=area or (key[2] if len(key) > 2 else ""),
                level=None if rain else state.level,
                since=since_at
                or (state.observed_at.isoformat() if state.observed_at is not None else None),
                mm_per_hour=state.level if rain else None,
                exercise=scope != "real",
                alert_level=_alert_level(category, state.name, state.level),
            )
        )
    rows.sort(key=lambda r: (r.exercise, -(r.level or 0), r.since or ""), reverse=False)
    return rows


def _alert_level(category: str, name: str, level: int | None) -> int | None:
    if category in ("flood", "landslide"):
        return level
    if category == "rain":
        return None
    match = KIND_NAME.match(unicodedata.normalize("NFKC", name or ""))
    return int(match.group("level")) if match and match.group("level") else None


def _recent(moment: str | None, session: Session, *, hours: float) -> bool:
    if not moment:
        return False
    return session.clock.now() - datetime.fromisoformat(moment) < timedelta(hours=hours)


@operation(None, "dashboard.view")
def feed_health(session: Session) -> FeedHealth:
    connection = session.connection
    count, last, title = DispatchLog(connection).telegram_log()
    return FeedHealth(
        telegrams=count,
        last_received_at=last,
        last_title=title,
        source=str(get_setting(connection, "feeds.source")),
        poll_interval=int(get_setting(connection, "feeds.poll_interval")),
    )


@dataclass(frozen=True)
class Dashboard:
    health: FeedHealth
    recent: list[DispatchSummary]
    running: list[DispatchSummary]
    #: The gauge sources' health (empty when none is switched on).
    gauges: list[GaugeHealth] = field(default_factory=list)


@operation(None, "dashboard.view")
def load_dashboard(session: Session) -> Dashboard:
    return Dashboard(
        health=feed_health(session),
        recent=DispatchLog(session.connection).list_dispatches(limit=15),
        running=running_dispatches(session),
        gauges=gauge_health(session),
    )
