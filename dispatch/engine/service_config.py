"""What the headless service is given: its configuration (:class:`ServiceConfig`), the shape of
its telegram and observation sources, and the listener it reports typed events to. The service
itself is :mod:`dispatch.engine.service`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from dispatch.engine.events import EngineEvent
from dispatch.records.subscribers import RAIN_THRESHOLDS_MM
from feeds.model import Observation, Telegram
from feeds.observations import DEFAULT_RAIN_HYSTERESIS_MM, DEFAULT_RAIN_QUIET

SHINJUKU = "1310400"
SYSTEM_ACTOR = "system"


class TelegramSource(Protocol):
    def poll(self) -> list[Telegram]:
        """The telegrams that are new since the last call."""
        ...


class ObservationSource(Protocol):
    def poll(self) -> list[Observation]:
        """River-level and rain-gauge readings that are new since the last call."""
        ...


@dataclass(frozen=True)
class ServiceConfig:
    poll_interval: float = 20.0
    #: 市町村等 codes whose warnings, rain and landslide alerts are mailed.
    areas: tuple[str, ...] = (SHINJUKU,)
    #: How far back the state in force is rebuilt from stored telegrams after a restart.
    rebuild_days: int = 14
    #: Seconds to wait before sending again after the relay could not be used.
    relay_retry_seconds: float = 60.0
    #: Rain gauges (feeds.observations.ObservationTracker): the thresholds subscribers can
    #: choose are the bands; below the lowest minus the hysteresis a reading is dry; a rain
    #: event ends after the quiet period of dry readings.
    rain_bands_mm: tuple[int, ...] = RAIN_THRESHOLDS_MM
    rain_hysteresis_mm: float = DEFAULT_RAIN_HYSTERESIS_MM
    rain_quiet_minutes: float = DEFAULT_RAIN_QUIET.total_seconds() / 60
    #: The audit log's actor for what the engine does by itself: ``system``, or ``service``
    #: when it runs as the installed OS service (unlocked by the machine's service slot).
    actor: str = SYSTEM_ACTOR


Listener = Callable[[EngineEvent], None]
