"""``kishomail stations list|save|reset``: the river stations subscribers choose from and the
river tracker reads (the same list as the desktop's Settings shows). ``list --csv`` prints the
list as a CSV that ``save`` reads back, so the office edits it in a spreadsheet."""

from __future__ import annotations

from pathlib import Path

from dispatch.base.errors import ValidationError
from dispatch.cli.base import Commands, Context, add_actions, add_command, emit
from dispatch.operations import stations as station_ops
from dispatch.records.stations import Station, read_station_csv, station_csv
from feeds.errors import ObservationError


def register(commands: Commands) -> None:
    stations = add_actions(commands, "stations", "river stations and their levels")
    listed = add_command(stations, "list", cmd_stations_list, "show the river stations")
    listed.add_argument("--json", action="store_true")
    listed.add_argument("--csv", action="store_true", help="as a CSV that 'save' reads back")
    save = add_command(
        stations, "save", cmd_stations_save, "save the office's own list from a CSV (all or none)"
    )
    save.add_argument("file", help="a CSV with the columns of 'kishomail stations list --csv'")
    add_command(
        stations, "reset", cmd_stations_reset, "forget the office's list: the shipped one applies"
    )


def _line(station: Station) -> str:
    def metres(value: float | None) -> str:
        return "-" if value is None else f"{value:g}"

    levels = "/".join(
        metres(v)
        for v in (station.caution_m, station.evacuation_m, station.danger_m, station.overflow_m)
    )
    mark = "" if station.confirmed else "  (levels to confirm)"
    return (
        f"{station.code:<18} {station.label():<16} {levels:<16} "
        f"{station.source} {station.published}{mark}"
    )


def cmd_stations_list(ctx: Context) -> int:
    session = ctx.session()
    stations = station_ops.river_stations(session)
    if ctx.args.csv:
        print(station_csv(stations), end="")
        return 0
    own = station_ops.stations_are_the_office_own(session)
    emit(
        [station.as_row() for station in stations],
        ctx.args.json,
        lambda _: "\n".join(
            [
                "The office's own list." if own else "The list of observations.thresholds.",
                "code               river station    注意/判断/危険/発生 (m)  source date",
                *(_line(station) for station in stations),
            ]
        ),
    )
    return 0


def cmd_stations_save(ctx: Context) -> int:
    path = Path(ctx.args.file)
    if not path.is_file():
        raise ValidationError(f"There is no file {path}; check the name and the folder.")
    try:
        stations = read_station_csv(path.read_bytes(), path.name)
    except ObservationError as error:
        raise ValidationError(
            f"{error}. Start from 'kishomail stations list --csv' and keep its header line. "
            "Nothing was saved."
        ) from None
    saved = station_ops.save_river_stations(ctx.session(), stations)
    print(f"Saved {len(saved)} river stations.")
    return 0


def cmd_stations_reset(ctx: Context) -> int:
    shown = station_ops.reset_river_stations(ctx.session())
    print(f"The office's list is forgotten; {len(shown)} stations of the setting's list apply.")
    return 0
