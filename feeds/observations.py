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
reaching a higher mm/h band or falling back below the lowest.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

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
    data: bytes, source: str, observed_at: datetime, stations: Iterable[str] | None = None
) -> list[Observation]:
    """One-hour rain from an AMeDAS map JSON (its time is in the file name, so it is given)."""
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
                    station_name="",
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


class ObservationTracker:
    """Alerts when a river stage is crossed (up or down) or a rain band is reached."""

    def __init__(
        self,
        thresholds: Iterable[StationThresholds] = (),
        rain_bands_mm: tuple[float, ...] = (30.0, 50.0, 80.0),
    ) -> None:
        self._thresholds = {item.station_code: item for item in thresholds}
        self._bands = tuple(sorted(rain_bands_mm))
        self._stage: dict[tuple[str, str], tuple[int, str | None]] = {}
        self._latest: dict[tuple[str, str], datetime] = {}

    def state(self) -> dict[str, object]:
        """What the tracker knows, as plain JSON-ready data (the engine stores it so that a
        restart does not announce a stage already announced)."""
        return {
            "stage": [
                [kind, code, stage, key] for (kind, code), (stage, key) in self._stage.items()
            ],
            "latest": [[kind, code, at.isoformat()] for (kind, code), at in self._latest.items()],
        }

    def restore(self, state: dict[str, object]) -> None:
        """Take back what :meth:`state` gave."""
        stages = state.get("stage", [])
        latest = state.get("latest", [])
        assert isinstance(stages, list) and isinstance(latest, list)
        self._stage = {(kind, code): (int(stage), key) for kind, code, stage, key in stages}
        self._latest = {(kind, code): datetime.fromisoformat(at) for kind, code, at in latest}

    def process(self, observations: Iterable[Observation]) -> list[Alert]:
        """Apply readings in time order; missing values and readings seen before change nothing."""
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
                band = sum(reading.value >= limit for limit in self._bands)
                alerts.extend(self._change(reading, reading.value, band))
        return alerts

    def _change(self, reading: Observation, value: float, stage: int) -> list[Alert]:
        key = (reading.kind, reading.station_code)
        old_stage, old_key = self._stage.get(key, (0, None))
        if stage == old_stage:
            return []
        is_river = reading.kind == "water_level"
        if stage > old_stage:
            change = Change.NEW if old_stage == 0 else Change.UPGRADE
        else:
            change = Change.LIFTED if stage == 0 else Change.DOWNGRADE
        if not is_river and change is not Change.LIFTED:
            change = Change.REPORT if old_stage == 0 else Change.UPGRADE
        when = reading.observed_at.strftime("%Y-%m-%dT%H:%M%z")
        dedupe_key = f"{reading.kind}|{reading.station_code}|{change.value}|{stage}|{when}"
        unit = "m" if is_river else "mm/h"
        alert = Alert(
            dedupe_key=dedupe_key,
            category=Category.RIVER if is_river else Category.RAIN,
            change=change,
            area_code=reading.station_code,
            area_name=reading.station_name,
            report_datetime=reading.observed_at,
            title=f"{reading.station_name} 観測値",
            headline=f"{reading.station_name} {value:g}{unit}",
            issuing_offices=(),
            source_id=reading.source,
            supersedes=old_key,
            stage=stage if is_river else None,
            mm_per_hour=round(value) if not is_river else None,
            river=reading.river or None,
        )
        self._stage[key] = (stage, dedupe_key)
        return [alert]
