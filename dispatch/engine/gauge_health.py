"""The gauge sources' health: per configured source and station, the last reading the engine
took in and its age, and whether it is stale — from the state the engine stores (no network).

Read by the dashboard (``operations.gauges``) and by the staff notifications (a "gauges stale"
mail). Stale: older than ``observations.stale_minutes`` (rain gauges and the office's CSV
drop), or older than a day and a bit for a 危機管理型水位計, which reports only once a day while
the river is low. A configured station without any reading yet is stale too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dispatch.base.clock import Clock, from_iso, to_iso
from dispatch.records.settings import get_setting
from dispatch.records.telegram_log import TelegramLog
from dispatch.store.database import Connection
from feeds.kriver import STALE_AFTER as KRIVER_STALE_AFTER

#: The key of the gauge tracker's state in the telegram log's state table.
GAUGE_STATE = "gauges"


@dataclass(frozen=True)
class GaugeHealth:
    source: str  # "csv" | "amedas" | "kriver"
    station: str  # the station's code
    kind: str  # "rain" | "water_level"
    last_reading_at: str | None  # ISO time, or None: none yet
    age_minutes: int | None
    stale: bool


def split_codes(text: str) -> list[str]:
    """``"44132, 44126"`` → ``["44132", "44126"]``."""
    return [code.strip() for code in text.split(",") if code.strip()]


def gauge_rows(connection: Connection, clock: Clock) -> list[GaugeHealth]:
    """One row per station of each source switched on (empty when none is)."""
    folder = get_setting(connection, "observations.folder")
    amedas = split_codes(get_setting(connection, "observations.amedas_stations"))
    kriver = split_codes(get_setting(connection, "observations.kriver_stations"))
    if not kriver or not get_setting(connection, "observations.kriver_consent").strip():
        kriver = []  # the reader is off without the office's consent (doctor says so)
    if not folder and not amedas and not kriver:
        return []
    state = TelegramLog(connection, clock).load_state(GAUGE_STATE) or {}
    latest: dict[tuple[str, str], datetime] = {
        (kind, code): from_iso(at) for kind, code, at in state.get("latest", [])
    }
    limit_minutes = int(get_setting(connection, "observations.stale_minutes"))
    now = clock.now()
    rows: list[GaugeHealth] = []

    def add(source: str, kind: str, code: str, stale_after_minutes: float) -> None:
        at = latest.get((kind, code))
        age = int((now - at).total_seconds() // 60) if at is not None else None
        stale = age is None or age > stale_after_minutes
        rows.append(GaugeHealth(source, code, kind, to_iso(at) if at else None, age, stale))

    for code in amedas:
        add("amedas", "rain", code, limit_minutes)
    for code in kriver:
        add("kriver", "water_level", code, KRIVER_STALE_AFTER.total_seconds() / 60)
    if folder:
        named = set(amedas) | set(kriver)
        for kind, code in sorted(latest):
            if code not in named:
                add("csv", kind, code, limit_minutes)
    return rows
