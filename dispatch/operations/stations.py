"""River stations as staff see and edit them: the one list subscribers choose from and the
river tracker reads (:mod:`dispatch.records.stations`).

Reading the list is open to every signed-in staff member (it holds no personal data); saving
or resetting it changes what residents are told, so it is a settings change, audited with the
stations' codes and levels.
"""

from __future__ import annotations

from collections.abc import Sequence

from dispatch.base.errors import ValidationError
from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.records.stations import (
    Station,
    check_list,
    office_stations,
    save_office_stations,
    station_list,
)
from feeds.errors import ObservationError


@operation(None, "stations.read")
def river_stations(session: Session) -> list[Station]:
    """The one list (the office's own, else the ``observations.thresholds`` setting's: the
    shipped list by default). A file that cannot be read is a clear error, not a crash."""
    try:
        return station_list(session.connection)
    except ObservationError as error:
        raise ValidationError(
            f"The river station list cannot be read ({error}). Correct the file named in "
            "observations.thresholds, or save the office's own list in Settings."
        ) from None


@operation(None, "stations.read")
def stations_are_the_office_own(session: Session) -> bool:
    """Whether the office has saved its own list (else the setting's list applies)."""
    return bool(office_stations(session.connection))


def _levels(station: Station) -> str:
    levels = (station.caution_m, station.evacuation_m, station.danger_m, station.overflow_m)
    return "/".join("" if level is None else f"{level:g}" for level in levels)


@operation(Permission.MANAGE_SETTINGS, "stations.change", target="stations")
def save_river_stations(session: Session, stations: Sequence[Station]) -> list[Station]:
    """Replace the office's list (validated whole: nothing is saved if one row is wrong).
    The audit log holds each station's code and levels before and after."""
    checked = check_list(stations)
    with session.audited("stations.change", "stations") as detail:
        before = {s.code: _levels(s) for s in station_list(session.connection)}
        save_office_stations(session.connection, checked)
        after = {s.code: _levels(s) for s in checked}
        detail.update(
            added=sorted(set(after) - set(before)),
            removed=sorted(set(before) - set(after)),
            changed=sorted(c for c in set(after) & set(before) if after[c] != before[c]),
            stations=len(checked),
        )
    return station_list(session.connection)


@operation(Permission.MANAGE_SETTINGS, "stations.change", target="stations")
def reset_river_stations(session: Session) -> list[Station]:
    """Forget the office's own list: the ``observations.thresholds`` setting's applies again
    (the shipped list by default)."""
    with session.audited("stations.change", "stations") as detail:
        save_office_stations(session.connection, [])
        detail["reset"] = "the setting's list (observations.thresholds)"
    return station_list(session.connection)
