"""River stations: the one list subscribers choose from and the river tracker reads.

The list is, in order of precedence:

1. the office's own list, edited in Settings or with ``kishomail stations`` (the
   ``river_stations`` table; saved whole, through an audited operation);
2. else the ``observations.thresholds`` setting: ``bundled:shinjuku_rivers`` (the default, the
   ward's stations as shipped in ``resources/stations/shinjuku_rivers.csv``), a CSV of the same
   columns, or a 川の防災情報 station list (``.json``: levels only, no names).

A subscriber's station choice is ``None`` (every station of the list, including one added
later) or the codes chosen (:func:`check_choice` refuses a code not in the list). Stored in
``subscribers.river_stations`` as ``,code,code,`` so that one ``instr`` finds a station.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

from dispatch.base.errors import ValidationError
from dispatch.records.settings import setting
from dispatch.store.database import Connection
from feeds.errors import ObservationError
from feeds.observations import StationThresholds, read_kawabou_stations

#: The ``observations.thresholds`` value meaning the river stations shipped for the ward.
BUNDLED_STATIONS = "bundled:shinjuku_rivers"
#: The columns of a station CSV (the bundled file, an office file, ``kishomail stations``).
CSV_COLUMNS = (
    "station_code",
    "caution_m",
    "evacuation_m",
    "danger_m",
    "station_name",
    "river",
    "ward",
    "overflow_m",
    "source",
    "published",
    "confirmed",
)
_CODE = re.compile(r"^[0-9A-Za-z_-]{1,32}$")
MAX_STATIONS = 200


@dataclass(frozen=True)
class Station:
    """One river gauge and its levels (metres). Tokyo's small rivers often publish only
    氾濫危険水位: a missing 氾濫注意/避難判断 level takes the next one up, so the first stage
    announced is the one published."""

    code: str
    name: str
    river: str
    danger_m: float
    caution_m: float | None = None
    evacuation_m: float | None = None
    overflow_m: float | None = None
    ward: str = ""
    source: str = ""
    published: str = ""  # YYYY-MM-DD: when the source published the levels
    confirmed: bool = False  # the office has confirmed the levels

    def thresholds(self) -> StationThresholds:
        evacuation = self.evacuation_m if self.evacuation_m is not None else self.danger_m
        caution = self.caution_m if self.caution_m is not None else evacuation
        return StationThresholds(self.code, caution, evacuation, self.danger_m)

    def label(self) -> str:
        """``妙正寺川 鷺盛橋`` (what a subscriber sees)."""
        return f"{self.river} {self.name}".strip() or self.code

    def validate(self) -> Station:
        where = f"station {self.code or '(no code)'}"
        if not _CODE.match(self.code):
            raise ValidationError(
                f"{where}: the code must be 1–32 letters, digits, '-' or '_' "
                "(JMA's 17-digit 水位観測所 code)."
            )
        if not self.name.strip() or not self.river.strip():
            raise ValidationError(f"{where}: give the river and the station's name.")
        levels = [self.caution_m, self.evacuation_m, self.danger_m, self.overflow_m]
        if any(level is not None and not -100 < level < 5000 for level in levels):
            raise ValidationError(
                f"{where}: levels are metres (a gauge height, or an elevation where the source "
                "gives one, as the 危機管理型水位計 do), between -100 and 5000."
            )
        given = [level for level in levels if level is not None]
        if given != sorted(given):
            raise ValidationError(
                f"{where}: the levels must rise: 氾濫注意 ≤ 避難判断 ≤ 氾濫危険 ≤ 氾濫発生."
            )
        if self.published:
            try:
                date.fromisoformat(self.published)
            except ValueError:
                raise ValidationError(
                    f"{where}: the date of the source must look like 2025-09-11."
                ) from None
        return self

    def as_row(self) -> dict[str, str]:
        def metres(value: float | None) -> str:
            return "" if value is None else f"{value:g}"

        return {
            "station_code": self.code,
            "caution_m": metres(self.caution_m),
            "evacuation_m": metres(self.evacuation_m),
            "danger_m": metres(self.danger_m),
            "station_name": self.name,
            "river": self.river,
            "ward": self.ward,
            "overflow_m": metres(self.overflow_m),
            "source": self.source,
            "published": self.published,
            "confirmed": "yes" if self.confirmed else "no",
        }


def _metres(text: str | None) -> float | None:
    text = (text or "").strip()
    return float(text) if text else None


def read_station_csv(data: bytes, source: str) -> list[Station]:
    """Stations from a CSV (``station_code`` and ``danger_m`` required; see :data:`CSV_COLUMNS`)."""
    try:
        rows = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
        found = []
        for row in rows:
            danger = _metres(row["danger_m"])
            if danger is None:
                raise ValueError("danger_m is empty")
            code = row["station_code"].strip()
            found.append(
                Station(
                    code=code,
                    name=(row.get("station_name") or "").strip() or code,
                    river=(row.get("river") or "").strip(),
                    danger_m=danger,
                    caution_m=_metres(row.get("caution_m")),
                    evacuation_m=_metres(row.get("evacuation_m")),
                    overflow_m=_metres(row.get("overflow_m")),
                    ward=(row.get("ward") or "").strip(),
                    source=(row.get("source") or "").strip(),
                    published=(row.get("published") or "").strip(),
                    confirmed=(row.get("confirmed") or "").strip().lower() in ("yes", "1", "true"),
                )
            )
        return found
    except (KeyError, ValueError, TypeError, UnicodeDecodeError, AttributeError) as error:
        raise ObservationError(source, f"not a station CSV ({error})") from None


def station_csv(stations: Iterable[Station]) -> str:
    """The stations as a CSV that :func:`read_station_csv` reads back."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for station in stations:
        writer.writerow(station.as_row())
    return out.getvalue()


def bundled_stations() -> list[Station]:
    """The ward's stations as shipped (levels to be confirmed by the office)."""
    data = (files("resources.stations") / "shinjuku_rivers.csv").read_bytes()
    return read_station_csv(data, "shinjuku_rivers.csv")


def read_station_file(path: Path) -> list[Station]:
    """A station CSV, or a 川の防災情報 station list (``.json``: levels, no names)."""
    data = path.read_bytes()
    if path.suffix.lower() == ".json":
        return [
            Station(
                item.station_code,
                item.station_code,
                "",
                item.danger_m,
                item.caution_m,
                item.evacuation_m,
            )
            for item in read_kawabou_stations(data, path.name)
        ]
    return read_station_csv(data, path.name)


_SELECT = (
    "SELECT code, name, river, danger_m, caution_m, evacuation_m, overflow_m, ward, source, "
    "published, confirmed FROM river_stations ORDER BY position"
)


def office_stations(connection: Connection) -> list[Station]:
    """The office's own list (empty: none saved, the setting's list applies)."""
    return [
        Station(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            row[6],
            row[7],
            row[8],
            row[9],
            bool(row[10]),
        )
        for row in connection.execute(_SELECT)
    ]


def station_list(connection: Connection) -> list[Station]:
    """The one list (see the module): the office's own, else the ``observations.thresholds``
    setting's (the bundled list by default). A file that cannot be read raises
    :class:`feeds.errors.ObservationError` naming it."""
    own = office_stations(connection)
    if own:
        return own
    value = setting(connection, "observations.thresholds")
    if value == BUNDLED_STATIONS:
        return bundled_stations()
    return read_station_file(Path(value)) if value else []


def check_list(stations: Sequence[Station]) -> list[Station]:
    """Validate a whole list before it is saved: each station, no code twice, a sane size."""
    if len(stations) > MAX_STATIONS:
        raise ValidationError(f"At most {MAX_STATIONS} stations, not {len(stations)}.")
    seen: set[str] = set()
    for station in stations:
        station.validate()
        if station.code in seen:
            raise ValidationError(f"station {station.code}: listed twice.")
        seen.add(station.code)
    return list(stations)


def save_office_stations(connection: Connection, stations: Sequence[Station]) -> None:
    """Replace the office's list (the caller holds the transaction); an empty list goes back
    to the setting's list (the shipped one by default)."""
    check_list(stations)
    connection.execute("DELETE FROM river_stations")
    connection.executemany(
        "INSERT INTO river_stations (code, name, river, danger_m, caution_m, evacuation_m, "
        "overflow_m, ward, source, published, confirmed, position) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                s.code,
                s.name,
                s.river,
                s.danger_m,
                s.caution_m,
                s.evacuation_m,
                s.overflow_m,
                s.ward,
                s.source,
                s.published,
                int(s.confirmed),
                position,
            )
            for position, s in enumerate(stations)
        ],
    )


def resolve_choice(words: Iterable[str], stations: Sequence[Station]) -> tuple[str, ...] | None:
    """What a person typed (codes, station names, river names or ``all``) → the stored choice:
    ``None`` for every station, else the codes in list order. A river name chooses the stations
    on it now (a station added to that river later is not included: choose ``all`` for that).
    An unknown word is refused naming the choices."""
    wanted: set[str] = set()
    for word in (w.strip() for w in words):
        if not word:
            continue
        if word.lower() in ("all", "すべて", "全て"):
            return None
        matched = {s.code for s in stations if word in (s.code, s.name, s.river, s.label())}
        if not matched:
            raise ValidationError(
                f"Unknown river station {word!r}; choose from {describe(stations)} or all."
            )
        wanted |= matched
    if not wanted:
        return None
    return tuple(s.code for s in stations if s.code in wanted)


def check_choice(choice: Sequence[str] | None, stations: Sequence[Station]) -> None:
    """Refuse a chosen code that is not in the list (the one list of choices)."""
    if choice is None:
        return
    if not choice:
        raise ValidationError("Choose at least one river station, or all.")
    known = {s.code for s in stations}
    unknown = [code for code in choice if code not in known]
    if unknown:
        raise ValidationError(
            f"Unknown river station {unknown[0]!r}; choose from {describe(stations)} or all."
        )


def describe(stations: Sequence[Station]) -> str:
    return ", ".join(f"{s.code} ({s.label()})" for s in stations) or "(no stations listed)"


def encode_choice(choice: Sequence[str] | None) -> str | None:
    """The stored form: ``None`` (all) or ``,code,code,``."""
    if choice is None:
        return None
    return "," + ",".join(choice) + ","


def decode_choice(stored: Any) -> tuple[str, ...] | None:
    if stored is None:
        return None
    return tuple(code for code in str(stored).split(",") if code)
