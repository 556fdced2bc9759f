"""River-level and rain-gauge observations: pluggable readers and a stage tracker.

Which real source may be polled is the office's decision (MLIT 川の防災情報 discourages automated
collection; the FRICS feed is paid), so the readers are small and independent:

* :func:`read_kriver_json` — MLIT 危機管理型水位計 ``area_info/current/{pref}.json`` (``obss`` or
  ``items`` of ``{code, name, obsTime, level, …}``; the shape of tests/data/river/index.json).
* :func:`read_amedas_map_json` — JMA AMeDAS map JSON (station → ``precipitation1h: [value, qc]``;
  a non-zero qc or null value is treated as missing).
* :func:`read_kawabou_stations` / :func:`read_kawabou_levels` — MLIT 川の防災情報 (kawabou)
  station lists (``obslist/obs/twnlist/{twnCd}.json``: thresholds ``warnStg`` 氾濫注意,
  ``spclWarnStg`` 避難判断, ``dngStg`` 氾濫危険) and live values
  (``obslist/tm/twnlist/{YYYYMMDD}/{HHmm}/{twnCd}.json``: ``tmStg[]`` of ``{obsFcd, stg}``).
  No real capture for the Kanda gauges exists; the reader follows the documented field names
  and is tested on synthetic files built from them (tests/data/river/synthetic_*.json).
* :func:`read_csv` — a plain CSV an office can write by hand:
  ``station_code,station_name,river,kind,value,observed_at`` with ``kind`` = ``water_level``
  (metres) or ``rain`` (mm per hour) and ``observed_at`` in ISO 8601 with zone.

:class:`ObservationTracker` turns readings into alerts: a river stage crossed upward or back down
(thresholds per station, e.g. 川の防災情報 ``warnStg``/``spclWarnStg``/``dngStg``), a rain gauge
reaching a subscriber's threshold for the first time in a rain event (see the class).
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from feeds.errors import ObservationError
from feeds.model import JST, Alert, Category, Change, Observation

MAX_OBSERVATION_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class StationThresholds:
    """Water levels (m) of one station: 1 氾濫注意, 2 避難判断, 3 氾濫危険 (ascending)."""

    station_code: str
    caution_m: float
    evacuation_m: float
    danger_m: float

    def stage(self, metres: float) -> int:
        """0 below 氾濫注意水位, else the highest stage reached."""
        return sum(metres >= limit for limit in (self.caution_m, self.evacuation_m, self.danger_m))


def _check_size(data: bytes, source: str) -> None:
    if len(data) > MAX_OBSERVATION_BYTES:
        raise ObservationError(source, f"{len(data):,} bytes is over the cap")


def _time(value: str, source: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ObservationError(source, f"bad time {value!r}") from None
    if parsed.tzinfo is None:
        raise ObservationError(source, f"time without zone {value!r}")
    return parsed.astimezone(JST)


def read_kriver_json(data: bytes, source: str) -> list[Observation]:
    """Water levels from a 危機管理型水位計 area_info JSON."""
    _check_size(data, source)
    try:
        document = json.loads(data)
        items = document.get("obss") or document.get("items") or []
        return [
            Observation(
                station_code=str(item["code"]),
                station_name=str(item.get("name", "")),
                kind="water_level",
                value=float(item["level"]) if item.get("level") is not None else None,
                observed_at=_time(str(item["obsTime"]), source),
                river=str(item.get("placeRiver", "")),
                source=source,
            )
            for item in items
        ]
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise ObservationError(source, f"not a k.river area_info JSON ({error})") from None


def _kawabou_items(document: object, keys: tuple[str, ...]) -> list[dict[str, object]]:
    """The list of station objects, whether the file is a bare list or wraps it in a key."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in keys:
            items = document.get(key)
            if isinstance(items, list):
                return items
    raise TypeError(f"no list under any of {', '.join(keys)}")


def read_kawabou_stations(data: bytes, source: str) -> list[StationThresholds]:
    """Stage thresholds of the stations in a kawabou ``obslist/obs/twnlist`` JSON.

    Stations that do not publish all three levels (氾濫注意/避難判断/氾濫危険) are left out: no
    stage can be told for them."""
    _check_size(data, source)
    try:
        items = _kawabou_items(json.loads(data), ("obsList", "obs", "stations"))
        found = []
        for item in items:
            levels = [item.get(key) for key in ("warnStg", "spclWarnStg", "dngStg")]
            if any(level is None for level in levels):
                continue
            caution, evacuation, danger = (float(str(level)) for level in levels)
            found.append(StationThresholds(str(item["obsFcd"]), caution, evacuation, danger))
        return found
    except (ValueError, KeyError, TypeError) as error:
        raise ObservationError(source, f"not a kawabou station list ({error})") from None


def read_kawabou_levels(
    data: bytes, source: str, observed_at: datetime, names: dict[str, tuple[str, str]] | None = None
) -> list[Observation]:
    """Water levels from a kawabou ``obslist/tm/twnlist`` JSON (its time is in the path, so it
    is given). ``names`` maps a station code to (station name, river) for the alert wording."""
    _check_size(data, source)
    try:
        items = _kawabou_items(json.loads(data), ("tmStg",))
        found = []
        for item in items:
            code = str(item["obsFcd"])
            name, river = (names or {}).get(code, (str(item.get("obsNm", "")), ""))
            stage = item.get("stg")
            found.append(
                Observation(
                    station_code=code,
                    station_name=name,
                    kind="water_level",
                    value=float(str(stage)) if stage not in (None, "") else None,
                    observed_at=observed_at,
                    river=river,
                    source=source,
                )
            )
        return found
    except (ValueError, KeyError, TypeError) as error:
        raise ObservationError(source, f"not a kawabou live-value list ({error})") from None


def read_amedas_map_json(
    data: bytes,
    source: str,
    observed_at: datetime,
    stations: Iterable[str] | None = None,
    names: Mapping[str, str] | None = None,
) -> list[Observation]:
    """One-hour rain from an AMeDAS map JSON (its time is in the file name, so it is given).
    ``names`` maps a station code to its name (JMA's station table ``kjName``)."""
    _check_size(data, source)
    wanted = frozenset(stations) if stations is not None else None
    try:
        document = json.loads(data)
        found: list[Observation] = []
        for code, values in document.items():
            if wanted is not None and code not in wanted:
                continue
            pair = values.get("precipitation1h")
            if pair is None:
                continue
            value, quality = pair
            usable = value is not None and quality == 0
            found.append(
                Observation(
                    station_code=code,
                    station_name=(names or {}).get(code, ""),
                    kind="rain",
                    value=float(value) if usable else None,
                    observed_at=observed_at,
                    source=source,
                )
            )
        return found
    except (ValueError, TypeError, AttributeError) as error:
        raise ObservationError(source, f"not an AMeDAS map JSON ({error})") from None


def read_csv(data: bytes, source: str) -> list[Observation]:
    """Readings from the office CSV format (header row required)."""
    _check_size(data, source)
    try:
        rows = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
        found = []
        for line, row in enumerate(rows, start=2):
            kind = (row.get("kind") or "").strip()
            if kind not in ("water_level", "rain"):
                raise ObservationError(source, f"line {line}: kind must be water_level or rain")
            value = (row.get("value") or "").strip()
            found.append(
                Observation(
                    station_code=(row.get("station_code") or "").strip(),
                    station_name=(row.get("station_name") or "").strip(),
                    kind=kind,
                    value=float(value) if value else None,
                    observed_at=_time(row.get("observed_at") or "", source),
                    river=(row.get("river") or "").strip(),
                    source=source,
                )
            )
        return found
    except UnicodeDecodeError:
        raise ObservationError(source, "not UTF-8 text") from None
    except ValueError as error:
        raise ObservationError(source, f"bad value ({error})") from None


@dataclass(slots=True)
class _RainEvent:
    """A rain event (of the ward, or of one gauge): the largest amount announced (``None``
    before the first announcement), the last reading that was still wet, and the last alert's
    key."""

    told_mm: int | None
    last_wet: datetime
    alert_key: str | None


#: Defaults of the rain rules (the office changes them with the ``observations.rain_*``
#: settings): a reading below the lowest band minus this is dry …
DEFAULT_RAIN_HYSTERESIS_MM = 5.0
#: … and a rain event ends after this long without a wet reading.
DEFAULT_RAIN_QUIET = timedelta(minutes=180)
#: The key of the one rain event all gauges share (subscribers choose no gauge: rain reaching
#: their threshold at any gauge of the ward is their news, once).
WARD_RAIN_EVENT = "*"


class ObservationTracker:
    """Alerts when a river stage is crossed (up or down) or a rain band is reached.

    Rain (mm per hour, one gauge at a time) follows these rules:

    * ``rain_bands_mm`` are the thresholds subscribers can choose. The gauges share one *rain
      event* (``rain_event_per_gauge=True`` keeps one per gauge): subscribers choose no gauge, so
      rain reaching their threshold anywhere is their news, once. A reading that reaches a
      band above every band reached so far in the current rain event is announced, with the
      amount already announced in :attr:`Alert.rain_mm_told`: the mail goes to the subscribers
      whose threshold lies above that amount and at or below the new one, so each subscriber
      hears once per event, when the rain first reaches their threshold.
    * A falling reading is never an alert, and rising again to a band already announced in the
      event is not one either.
    * A reading below the lowest band minus ``rain_hysteresis_mm`` is *dry*. The event ends
      when a reading comes ``rain_quiet`` or more after the last wet one; the next band reached
      then starts a new event (and is mailed again).
    * No "雨が弱まりました" mail: the event's end is only recorded (docs/feeds.md says why).
    """

    def __init__(
        self,
        thresholds: Iterable[StationThresholds] = (),
        rain_bands_mm: Iterable[float] = (10.0, 20.0, 30.0, 50.0, 80.0),
        *,
        rain_hysteresis_mm: float = DEFAULT_RAIN_HYSTERESIS_MM,
        rain_quiet: timedelta = DEFAULT_RAIN_QUIET,
        rain_event_per_gauge: bool = False,
    ) -> None:
        self._thresholds = {item.station_code: item for item in thresholds}
        self._bands = tuple(sorted(float(band) for band in rain_bands_mm))
        if not self._bands:
            raise ValueError("at least one rain band is needed")
        self._dry_below = self._bands[0] - rain_hysteresis_mm
        self._quiet = rain_quiet
        self._event_per_gauge = rain_event_per_gauge
        self._stage: dict[tuple[str, str], tuple[int, str | None]] = {}
        self._rain: dict[str, _RainEvent] = {}
        self._latest: dict[tuple[str, str], datetime] = {}

    def state(self) -> dict[str, object]:
        """What the tracker knows, as plain JSON-ready data (the engine stores it so that a
        restart does not announce a stage already announced)."""
        return {
            "stage": [
                [kind, code, stage, key] for (kind, code), (stage, key) in self._stage.items()
            ],
            "rain": [
                [code, event.told_mm, event.last_wet.isoformat(), event.alert_key]
                for code, event in self._rain.items()
            ],
            "latest": [[kind, code, at.isoformat()] for (kind, code), at in self._latest.items()],
        }

    def restore(self, state: dict[str, object]) -> None:
        """Take back what :meth:`state` gave (a state saved before rain events were kept has
        no ``rain``: its rain gauges start without an event)."""
        stages = state.get("stage", [])
        rain = state.get("rain", [])
        latest = state.get("latest", [])
        assert isinstance(stages, list) and isinstance(latest, list) and isinstance(rain, list)
        self._stage = {
            (kind, code): (int(stage), key)
            for kind, code, stage, key in stages
            if kind == "water_level"
        }
        self._rain = {
            code: _RainEvent(told, datetime.fromisoformat(wet), key)
            for code, told, wet, key in rain
        }
        self._latest = {(kind, code): datetime.fromisoformat(at) for kind, code, at in latest}

    def process(self, observations: Iterable[Observation]) -> list[Alert]:
        """Apply readings in time order; missing values and readings seen before change nothing
        (a re-sent file, the same reading again)."""
        alerts: list[Alert] = []
        for reading in sorted(observations, key=lambda item: item.observed_at):
            key = (reading.kind, reading.station_code)
            latest = self._latest.get(key)
            if reading.value is None or (latest is not None and reading.observed_at <= latest):
                continue
            self._latest[key] = reading.observed_at
            if reading.kind == "water_level":
                limits = self._thresholds.get(reading.station_code)
                if limits is not None:
                    stage = limits.stage(reading.value)
                    alerts.extend(self._change(reading, reading.value, stage))
            elif reading.kind == "rain":
                alerts.extend(self._rain_reading(reading, reading.value))
        return alerts

    def _rain_reading(self, reading: Observation, value: float) -> list[Alert]:
        code = reading.station_code
        scope = code if self._event_per_gauge else WARD_RAIN_EVENT
        event = self._rain.get(scope)
        if event is not None and reading.observed_at - event.last_wet >= self._quiet:
            del self._rain[scope]  # the event is over; its end is not mailed
            event = None
        wet = value >= self._dry_below
        band = sum(value >= limit for limit in self._bands)
        if event is None:
            if band == 0:
                return []
            event = self._rain[scope] = _RainEvent(None, reading.observed_at, None)
        if wet:
            event.last_wet = max(event.last_wet, reading.observed_at)
        amount = math.floor(value)  # 29.6 mm/h has not reached a 30 mm/h threshold
        if band == 0 or (event.told_mm is not None and amount < self._next_band(event.told_mm)):
            return []  # falling, or still within a band already announced
        when = reading.observed_at.strftime("%Y-%m-%dT%H:%M%z")
        dedupe_key = f"rain|{code}|{change_of(event).value}|{band}|{when}"
        alert = Alert(
            dedupe_key=dedupe_key,
            category=Category.RAIN,
            change=change_of(event),
            area_code=code,
            area_name=reading.station_name,
            report_datetime=reading.observed_at,
            title=f"{reading.station_name} 観測値",
            headline=f"{reading.station_name} {value:g}mm/h",
            issuing_offices=(),
            source_id=reading.source,
            supersedes=event.alert_key,
            mm_per_hour=amount,
            rain_mm_told=event.told_mm,
            river=reading.river or None,
        )
        event.told_mm = amount
        event.alert_key = dedupe_key
        return [alert]

    def _next_band(self, told_mm: int) -> float:
        """The lowest band above an amount already announced (beyond the top: never)."""
        return next((band for band in self._bands if band > told_mm), math.inf)

    def _change(self, reading: Observation, value: float, stage: int) -> list[Alert]:
        """A river stage crossed up or down."""
        key = (reading.kind, reading.station_code)
        old_stage, old_key = self._stage.get(key, (0, None))
        if stage == old_stage:
            return []
        if stage > old_stage:
            change = Change.NEW if old_stage == 0 else Change.UPGRADE
        else:
            change = Change.LIFTED if stage == 0 else Change.DOWNGRADE
        when = reading.observed_at.strftime("%Y-%m-%dT%H:%M%z")
        dedupe_key = f"{reading.kind}|{reading.station_code}|{change.value}|{stage}|{when}"
        alert = Alert(
            dedupe_key=dedupe_key,
            category=Category.RIVER,
            change=change,
            area_code=reading.station_code,
            area_name=reading.station_name,
            report_datetime=reading.observed_at,
            title=f"{reading.station_name} 観測値",
            headline=f"{reading.station_name} {value:g}m",
            issuing_offices=(),
            source_id=reading.source,
            supersedes=old_key,
            stage=stage,
            river=reading.river or None,
        )
        self._stage[key] = (stage, dedupe_key)
        return [alert]


def change_of(event: _RainEvent) -> Change:
    """A rain event's first announcement is a report, later ones upgrades."""
    return Change.REPORT if event.told_mm is None else Change.UPGRADE
