"""``kishomail feeds …``: parse telegrams, show the alerts they produce, poll a feed.

The ``dispatch.cli`` package calls :func:`register` and then ``args.func(args)``. Each command
writes JSON lines to stdout (one object per telegram or alert) and returns its exit code: 0 when
everything worked, 1 when some input could not be used (after one error line per failure on
stderr, the rest still processed). Fatal problems raise :class:`feeds.errors.FeedError`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from feeds.atom import AtomPoller
from feeds.errors import FeedError, TelegramError
from feeds.jma import parse_file
from feeds.jma.areas import SHINJUKU
from feeds.model import (
    Alert,
    FloodForecast,
    LandslideReport,
    RainReport,
    SpecialWarningNotice,
    Telegram,
    WarningReport,
)
from feeds.replay import ReplaySource, telegram_files
from feeds.state import AlertTracker


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``feeds`` command with ``parse``, ``alerts`` and ``poll`` sub-commands."""
    feeds = subparsers.add_parser("feeds", help="read JMA telegrams and feeds")
    commands = feeds.add_subparsers(dest="feeds_command", required=True)

    parse = commands.add_parser("parse", help="parse telegram files, one JSON line each")
    parse.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parse.add_argument("--json", action="store_true", help="JSON lines (the default output)")
    parse.set_defaults(func=run_parse)

    alerts = commands.add_parser("alerts", help="alerts a sequence of telegrams produces")
    alerts.add_argument("paths", nargs="+", type=Path, metavar="DIR|FILE")
    alerts.add_argument("--area", action="append", help="市町村等 code (default 1310400 新宿区)")
    alerts.add_argument("--json", action="store_true", help="JSON lines (the default output)")
    alerts.set_defaults(func=run_alerts)

    poll = commands.add_parser("poll", help="poll an Atom feed URL or replay a folder")
    poll.add_argument("--source", required=True, help="Atom feed URL (https://…) or a folder")
    poll.add_argument("--once", action="store_true", help="poll once and exit")
    poll.add_argument("--area", action="append", help="市町村等 code (default 1310400 新宿区)")
    poll.add_argument("--office", default="130000", help="office code to follow (130000 東京都)")
    poll.add_argument("--interval", type=float, default=60.0, help="seconds between polls")
    poll.add_argument("--ca-file", help="CA bundle for TLS verification (e.g. a proxy's CA)")
    poll.add_argument("--speed", type=float, default=60.0, help="replay speed for a folder")
    poll.add_argument("--json", action="store_true", help="JSON lines (the default output)")
    poll.set_defaults(func=run_poll)


# -- commands ---------------------------------------------------------------------------------


def run_parse(args: argparse.Namespace) -> int:
    """``feeds parse FILE…``: one JSON object per telegram; bad files reported, exit 1."""
    failed = False
    for path in args.files:
        try:
            telegram = parse_file(path)
        except TelegramError as error:
            _error(f"{path}: {error.reason}")
            failed = True
            continue
        _emit(telegram_json(telegram, path))
    return 1 if failed else 0


def run_alerts(args: argparse.Namespace) -> int:
    """``feeds alerts DIR|FILE… --area CODE``: alerts of the sequence, JSON lines."""
    telegrams: list[Telegram] = []
    failed = False
    for path in telegram_files(list(args.paths)):
        try:
            telegrams.append(parse_file(path))
        except TelegramError as error:
            _error(f"{path}: {error.reason}")
            failed = True
    tracker = AlertTracker(areas=args.area or [SHINJUKU])
    for alert in tracker.process_all(telegrams):
        _emit(alert_json(alert))
    return 1 if failed else 0


def run_poll(args: argparse.Namespace) -> int:
    """``feeds poll --source URL|DIR [--once]``: print new alerts as they arrive."""
    tracker = AlertTracker(areas=args.area or [SHINJUKU])
    source = args.source
    if not source.startswith(("https://", "http://")):
        replay = ReplaySource(Path(source))
        for error in replay.errors:
            _error(str(error))
        stream = replay.poll() if args.once else replay.play(speed=args.speed)
        for telegram in stream:
            for alert in tracker.process(telegram):
                _emit(alert_json(alert))
        return 1 if replay.errors else 0
    failed = False
    with AtomPoller([source], offices=[args.office], verify=args.ca_file or True) as poller:
        while True:
            try:
                result = poller.poll()
            except FeedError as error:
                if args.once:
                    raise
                _error(str(error))
                time.sleep(max(args.interval, poller.retry_at - time.monotonic()))
                continue
            for problem in result.errors:
                _error(str(problem))
                failed = True
            for alert in tracker.process_all(result.telegrams):
                _emit(alert_json(alert))
            if args.once:
                return 1 if failed else 0
            time.sleep(args.interval)


# -- JSON shapes ------------------------------------------------------------------------------


def telegram_json(telegram: Telegram, path: Path | None = None) -> dict[str, Any]:
    """The ``feeds parse`` object: head fields plus what the family says."""
    head = telegram.head
    data: dict[str, Any] = {
        "file": str(path) if path is not None else telegram.source_id,
        "category": telegram.category.value,
        "family": telegram.family.value,
        "title": head.control_title,
        "head_title": head.title,
        "status": head.status,
        "info_type": head.info_type,
        "report_datetime": head.report_datetime.isoformat(),
        "event_id": head.event_id,
        "serial": head.serial,
        "headline": head.headline,
        "issuing_offices": list(head.publishing_offices),
        "is_exercise": telegram.is_exercise,
    }
    payload = telegram.payload
    if isinstance(payload, WarningReport | SpecialWarningNotice):
        if isinstance(payload, WarningReport):
            data["hazards"] = sorted(payload.hazards) if payload.hazards is not None else None
        data["areas"] = [
            {
                "code": area.code,
                "name": area.name,
                "kinds": [
                    {
                        "code": kind.code,
                        "name": kind.name,
                        "status": kind.status,
                        "level": kind.severity,
                        "hazard": kind.hazard,
                    }
                    for kind in area.kinds
                ],
            }
            for area in payload.areas
        ]
    elif isinstance(payload, FloodForecast):
        data.update(
            area={"code": payload.area_code, "name": payload.area_name},
            river=payload.area_name,
            level=payload.level,
            kinds=[{"code": payload.kind_code, "name": payload.kind_name}],
            stations=[
                {
                    "code": station.code,
                    "name": station.name,
                    "water_level_m": station.water_level_m,
                    "level": station.level,
                    "criteria_m": dict(station.criteria_m),
                }
                for station in payload.stations
            ],
        )
    elif isinstance(payload, RainReport):
        data.update(
            phenomenon=payload.phenomenon,
            areas=[{"code": area.code, "name": area.name} for area in payload.areas],
            mm_per_hour=payload.mm_per_hour,
            observed_at=payload.observed_at.isoformat() if payload.observed_at else None,
        )
    elif isinstance(payload, LandslideReport):
        data["areas"] = [
            {
                "code": area.code,
                "name": area.name,
                "kinds": [{"code": area.kind_code, "name": area.kind_name, "status": area.status}],
            }
            for area in payload.areas
        ]
    return data


def alert_json(alert: Alert) -> dict[str, Any]:
    """The ``feeds alerts`` object: every :class:`Alert` field, times in ISO 8601."""
    data = asdict(alert)
    data["category"] = alert.category.value
    data["change"] = alert.change.value
    data["report_datetime"] = alert.report_datetime.isoformat()
    data["issuing_offices"] = list(alert.issuing_offices)
    data["extra"] = dict(alert.extra)
    data["is_follow_up"] = alert.is_follow_up
    return data


def _emit(data: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _error(message: str) -> None:
    sys.stderr.write(f"error: {message}\n")
