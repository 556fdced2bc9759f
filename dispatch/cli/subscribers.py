"""``kishomail subscribers …``: the residents who receive mail — add, list, show, change,
unsubscribe, erase, import from CSV, count by topic, and the export to an encrypted ZIP that a
second person approves (request, approve or refuse, run once)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from dispatch.base.errors import ValidationError
from dispatch.base.vocabulary import Charset, Language
from dispatch.cli.base import Commands, Context, add_actions, add_command, emit
from dispatch.operations import exports as export_ops
from dispatch.operations import stations as station_ops
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import Session
from dispatch.records.stations import resolve_choice
from dispatch.records.subscriber_files import ImportOptions
from dispatch.records.subscriber_queries import SubscriberQuery
from dispatch.records.subscribers import (
    DEFAULT_RAIN_MM,
    DEFAULT_RIVER_STAGE,
    DEFAULT_WARNING_LEVEL,
    RAIN_THRESHOLDS_MM,
    TOPIC_NAMES,
    Channel,
    KandaRiver,
    NewSubscriber,
    QuietHours,
    RiverStage,
    Status,
    Topics,
    WarningLevel,
    parse_rivers,
)


def register(commands: Commands) -> None:
    subs = add_actions(commands, "subscribers", "residents who receive mail")
    sub_add = add_command(subs, "add", cmd_subscribers_add, "add a subscriber")
    sub_add.add_argument("email")
    _add_topic_options(sub_add, required=True)
    sub_add.add_argument("--lang", default="ja", choices=[lang.value for lang in Language])
    sub_add.add_argument("--charset", default="utf-8", choices=[c.value for c in Charset])
    sub_add.add_argument("--channel", default="staff", choices=[c.value for c in Channel])
    sub_add.add_argument("--quiet-hours", help="hold advisory mail back, e.g. 22:00-06:00")
    sub_add.add_argument("--json", action="store_true")
    sub_list = add_command(subs, "list", cmd_subscribers_list, "list subscribers")
    _add_filter_options(sub_list)
    sub_list.add_argument("--limit", type=int)
    sub_list.add_argument("--json", action="store_true")
    show = add_command(subs, "show", cmd_subscribers_show, "show one subscriber")
    show.add_argument("ref", help="id or address")
    show.add_argument("--json", action="store_true")
    change = add_command(subs, "change", cmd_subscribers_change, "change a subscriber's choices")
    change.add_argument("ref", help="id or address")
    _add_topic_options(change)
    change.add_argument("--lang", choices=[lang.value for lang in Language])
    change.add_argument("--charset", choices=[c.value for c in Charset])
    change.add_argument("--status", choices=[s.value for s in Status])
    change.add_argument("--quiet-hours", help="e.g. 22:00-06:00, or none")
    change.add_argument("--json", action="store_true")
    add_command(subs, "unsubscribe", cmd_subscribers_unsubscribe, "stop all mail").add_argument(
        "ref"
    )
    remove = add_command(subs, "remove", cmd_subscribers_remove, "erase (leaves an erasure record)")
    remove.add_argument("ref", help="id or address")
    remove.add_argument("--reason", default="requested")
    imp = add_command(subs, "import", cmd_subscribers_import, "import a CSV file (all or nothing)")
    imp.add_argument("file")
    imp.add_argument("--dry-run", action="store_true", help="report only, change nothing")
    imp.add_argument(
        "--ignore-column",
        action="append",
        default=[],
        metavar="NAME",
        help="leave out this column of another system's file (repeat for several)",
    )
    imp.add_argument(
        "--from-system",
        metavar="NAME",
        help="the system the rows come from: consent is recorded as given to its purpose text",
    )
    imp.add_argument("--json", action="store_true")
    ask = add_command(
        subs, "export-request", cmd_export_request, "ask for an export (a second person approves)"
    )
    ask.add_argument("--reason", required=True, help="why the data must leave the store")
    ask.add_argument(
        "--columns", help="comma-separated, of: " + ",".join(export_ops.EXPORT_HEADERS)
    )
    _add_filter_options(ask)
    ask.add_argument("--json", action="store_true")
    listed = add_command(subs, "export-requests", cmd_export_requests, "list export requests")
    listed.add_argument("--json", action="store_true")
    for name, handler, text in (
        ("export-approve", cmd_export_approve, "approve someone else's export request"),
        ("export-refuse", cmd_export_refuse, "refuse an export request"),
    ):
        add_command(subs, name, handler, text).add_argument("request", type=int)
    exp = add_command(
        subs, "export", cmd_subscribers_export, "run your approved export (encrypted ZIP, once)"
    )
    exp.add_argument("request", type=int, help="the approved request's number")
    exp.add_argument("--out", required=True)
    add_command(subs, "count", cmd_subscribers_count, "count by topic").add_argument(
        "--json", action="store_true"
    )


def _add_topic_options(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    parser.add_argument(
        "--topics", required=required, help="comma-separated: " + ",".join(TOPIC_NAMES)
    )
    parser.add_argument("--warning-level", help="advisory, warning, danger or special (2–5)")
    parser.add_argument(
        "--rain-mm",
        type=int,
        help="rain threshold in mm/h: " + ", ".join(str(mm) for mm in RAIN_THRESHOLDS_MM),
    )
    parser.add_argument("--river-stage", help="caution, evacuation or danger (1–3)")
    parser.add_argument("--rivers", help="Kanda system rivers: kanda,zenpukuji,myoshoji")
    parser.add_argument(
        "--stations",
        help="river stations for the river topic: codes or names, comma-separated, or all "
        "(the default; includes stations added later). 'kishomail stations list' shows them",
    )


def _add_filter_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--search", help="a fragment of the address")
    parser.add_argument("--status", choices=[s.value for s in Status])
    parser.add_argument("--lang", choices=[lang.value for lang in Language])
    parser.add_argument("--channel", choices=[c.value for c in Channel])
    parser.add_argument("--topic", choices=TOPIC_NAMES)


def _topics_from_args(
    args: argparse.Namespace, session: Session, base: Topics | None = None
) -> Topics | None:
    """Topics from --topics and the per-topic choices; ``None`` when none were given."""
    given = [
        args.topics, args.warning_level, args.rain_mm, args.river_stage, args.rivers,
        args.stations,
    ]  # fmt: skip
    if all(value is None for value in given):
        return None
    names = (
        set(_split_names(args.topics))
        if args.topics is not None
        else set((base or Topics()).names())
    )
    unknown = names - set(TOPIC_NAMES)
    if unknown:
        raise ValidationError(
            f"Unknown topic {sorted(unknown)[0]!r}; choose from {', '.join(TOPIC_NAMES)}."
        )
    base = base or Topics()
    warning = _level_arg(args.warning_level) if args.warning_level else base.warning_level
    rain = args.rain_mm if args.rain_mm is not None else base.rain_mm
    stage = _stage_arg(args.river_stage) if args.river_stage else base.river_stage
    rivers = parse_rivers(_split_names(args.rivers)) if args.rivers else base.kanda_rivers
    stations = base.river_stations
    if args.stations is not None:
        if "river" not in names:
            raise ValidationError("--stations is for the river topic: add river to --topics.")
        stations = resolve_choice(_split_names(args.stations), station_ops.river_stations(session))
    return Topics(
        warning_level=(warning or DEFAULT_WARNING_LEVEL) if "warnings" in names else None,
        rain_mm=(rain or DEFAULT_RAIN_MM) if "rain" in names else None,
        river_stage=(stage or DEFAULT_RIVER_STAGE) if "river" in names else None,
        kanda_rivers=(rivers or KandaRiver.ALL) if "kanda" in names else KandaRiver.NONE,
        river_stations=stations if "river" in names else None,
    )


def _split_names(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _level_arg(text: str) -> WarningLevel:
    try:
        return WarningLevel(int(text)) if text.isdigit() else WarningLevel[text.upper()]
    except (KeyError, ValueError):
        raise ValidationError(
            f"Unknown warning level {text!r}; choose advisory, warning, danger or special."
        ) from None


def _stage_arg(text: str) -> RiverStage:
    try:
        return RiverStage(int(text)) if text.isdigit() else RiverStage[text.upper()]
    except (KeyError, ValueError):
        raise ValidationError(
            f"Unknown river stage {text!r}; choose caution, evacuation or danger."
        ) from None


def _subscriber_ref(session: Session, ref: str) -> int:
    if ref.isdigit():
        return int(ref)
    found = subscriber_ops.find_subscriber(session, ref)
    if found is None:
        raise ValidationError("No subscriber has that address.")
    return found.id


def _subscriber_line(s: dict[str, Any]) -> str:
    topics = ",".join(s["topics"])
    return f"{s['id']:>7}  {s['status']:<12} {s['language']:<7} {topics:<24} {s['email']}"


def cmd_subscribers_add(ctx: Context) -> int:
    args = ctx.args
    session = ctx.session()
    topics = _topics_from_args(args, session)
    if topics is None:
        raise ValidationError(
            "Say what the subscriber wants with --topics warnings,rain,river,kanda."
        )
    subscriber = subscriber_ops.add_subscriber(
        session,
        NewSubscriber(
            email=args.email,
            topics=topics,
            consent_at=session.clock.now(),
            language=Language(args.lang),
            charset=Charset(args.charset),
            channel=Channel(args.channel),
            quiet_hours=QuietHours.parse(args.quiet_hours) if args.quiet_hours else None,
        ),
    )
    emit(subscriber.as_dict(), args.json, lambda s: f"Added subscriber {s['id']}.")
    return 0


def _query_from_args(args: argparse.Namespace) -> SubscriberQuery:
    return SubscriberQuery(
        text=args.search,
        status=Status(args.status) if args.status else None,
        language=Language(args.lang) if args.lang else None,
        channel=Channel(args.channel) if args.channel else None,
        topic=args.topic,
        limit=getattr(args, "limit", None),
    )


def cmd_subscribers_list(ctx: Context) -> int:
    found = [
        s.as_dict()
        for s in subscriber_ops.list_subscribers(ctx.session(), _query_from_args(ctx.args))
    ]
    if ctx.args.json:
        emit(found, True)
    else:
        for s in found:
            print(_subscriber_line(s))
        print(f"({len(found)} shown)", file=sys.stderr)
    return 0


def cmd_subscribers_show(ctx: Context) -> int:
    session = ctx.session()
    subscriber = subscriber_ops.get_subscriber(
        session, _subscriber_ref(session, ctx.args.ref)
    ).as_dict()
    emit(
        subscriber,
        ctx.args.json,
        lambda s: "\n".join(f"{k:<16} {v}" for k, v in s.items()),
    )
    return 0


def cmd_subscribers_change(ctx: Context) -> int:
    args = ctx.args
    session = ctx.session()
    subscriber_id = _subscriber_ref(session, args.ref)
    current = subscriber_ops.get_subscriber(session, subscriber_id)
    clear_quiet = args.quiet_hours in ("", "none")
    quiet = QuietHours.parse(args.quiet_hours) if args.quiet_hours and not clear_quiet else None
    changed = subscriber_ops.change_subscriber(
        session,
        subscriber_id,
        topics=_topics_from_args(args, session, current.topics),
        language=Language(args.lang) if args.lang else None,
        charset=Charset(args.charset) if args.charset else None,
        quiet_hours=quiet,
        clear_quiet_hours=clear_quiet,
        status=Status(args.status) if args.status else None,
    )
    emit(changed.as_dict(), args.json, lambda s: f"Changed subscriber {s['id']}.")
    return 0


def cmd_subscribers_unsubscribe(ctx: Context) -> int:
    session = ctx.session()
    subscriber = subscriber_ops.unsubscribe(session, _subscriber_ref(session, ctx.args.ref))
    print(f"Subscriber {subscriber.id} is unsubscribed and gets no more mail.")
    return 0


def cmd_subscribers_remove(ctx: Context) -> int:
    session = ctx.session()
    subscriber_id = _subscriber_ref(session, ctx.args.ref)
    erasure = subscriber_ops.delete_subscriber(session, subscriber_id, ctx.args.reason)
    print(f"Subscriber {subscriber_id} is erased (erasure record {erasure}, without the address).")
    return 0


def cmd_subscribers_import(ctx: Context) -> int:
    options = ImportOptions(tuple(ctx.args.ignore_column), ctx.args.from_system)
    outcome = subscriber_ops.import_subscribers(
        ctx.session(), Path(ctx.args.file), dry_run=ctx.args.dry_run, options=options
    )
    report = outcome.report
    if ctx.args.json:
        emit({**report.as_dict(), "added": outcome.added, "committed": outcome.committed}, True)
    else:
        print(f"{report.rows} rows read ({report.encoding}).")
        for note in report.notes:
            print(f"Note: {note}")
        for problem in report.problems:
            print(f"Bad {problem}")
        for duplicate in report.duplicates_in_file:
            print(f"Skipped {duplicate}")
        if report.already_registered:
            lines = ", ".join(str(n) for n in report.already_registered[:20])
            more = " …" if len(report.already_registered) > 20 else ""
            print(f"Already registered, skipped: lines {lines}{more}")
        if outcome.committed:
            print(f"Imported {outcome.added} subscribers.")
        elif ctx.args.dry_run:
            print(f"Dry run: {len(report.to_add)} subscribers would be added; nothing changed.")
    if not report.ok and not ctx.args.dry_run:
        # Said from what was committed, not inferred from the bad rows.
        imported = (
            f"the other {outcome.added} were imported"
            if outcome.committed
            else "nothing was imported"
        )
        print(
            f"kishomail: {len(report.problems)} bad rows: {imported}. "
            "Fix those rows (see above) and import again.",
            file=sys.stderr,
        )
        return 1
    return 0


def cmd_export_request(ctx: Context) -> int:
    columns = (
        tuple(_split_names(ctx.args.columns)) if ctx.args.columns else export_ops.EXPORT_HEADERS
    )
    request = export_ops.request_subscriber_export(
        ctx.session(), ctx.args.reason, _query_from_args(ctx.args), columns
    )
    emit(
        request.as_dict(),
        ctx.args.json,
        lambda r: (
            f"Export request {r['id']} made; a second staff member (an administrator) "
            f"approves it with 'kishomail subscribers export-approve {r['id']}', then you run "
            f"'kishomail subscribers export {r['id']} --out FILE.zip'."
        ),
    )
    return 0


def cmd_export_requests(ctx: Context) -> int:
    listed = export_ops.export_requests(ctx.session())
    emit(
        [{**request.as_dict(), "rows_now": rows} for request, rows in listed],
        ctx.args.json,
        lambda items: (
            "\n".join(
                f"{r['id']:>4} {r['status']:<9} {r['requester']:<14} {r['rows_now']:>7} rows  "
                f"{','.join(r['columns'])}  {r['reason']}"
                for r in items
            )
            or "No export requests."
        ),
    )
    return 0


def cmd_export_approve(ctx: Context) -> int:
    request = export_ops.approve_export(ctx.session(), ctx.args.request)
    print(
        f"Approved export request {request.id} of {request.requester}; it can be run once "
        f"until {request.expires_at}."
    )
    return 0


def cmd_export_refuse(ctx: Context) -> int:
    request = export_ops.refuse_export(ctx.session(), ctx.args.request)
    print(f"Refused export request {request.id} of {request.requester}.")
    return 0


def cmd_subscribers_export(ctx: Context) -> int:
    out = Path(ctx.args.out)
    if out.suffix.lower() != ".zip":
        raise ValidationError("The export is an encrypted ZIP: give a file name ending in .zip.")
    password, count = export_ops.run_subscriber_export(ctx.session(), ctx.args.request, out)
    print(f"Wrote {count} subscribers to {out} (AES-256 encrypted ZIP).")
    print("Its password, shown this once — pass it on by another channel, never with the file:")
    print(f"    {password}")
    return 0


def cmd_subscribers_count(ctx: Context) -> int:
    counts = subscriber_ops.count_by_topic(ctx.session())
    emit(
        counts,
        ctx.args.json,
        lambda c: "\n".join(f"{k:<10} {v}" for k, v in c.items()),
    )
    return 0
