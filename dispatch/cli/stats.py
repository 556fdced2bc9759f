"""``kishomail stats``: subscription and dispatch statistics for the ward (no personal data),
on screen, as JSON, or written to .xlsx/CSV."""

from __future__ import annotations

from pathlib import Path

from dispatch.cli.base import Commands, Context, emit_text
from dispatch.operations import statistics as stats
from dispatch.operations import statistics_files


def register(commands: Commands) -> None:
    stat = commands.add_parser(
        "stats", help="subscription and dispatch statistics (no personal data)"
    )
    stat.add_argument("--from", dest="since", help="YYYY-MM-DD (Tokyo)")
    stat.add_argument("--to", dest="until", help="YYYY-MM-DD (Tokyo, inclusive)")
    stat.add_argument("--json", action="store_true")
    stat.add_argument("--xlsx")
    stat.add_argument("--csv")
    stat.set_defaults(handler=cmd_stats)


def cmd_stats(ctx: Context) -> int:
    args = ctx.args
    session = ctx.session()
    since = stats.parse_day(args.since, "--from")
    until = stats.parse_day(args.until, "--to")
    if args.xlsx or args.csv:
        result = statistics_files.export(
            session,
            since,
            until,
            xlsx=Path(args.xlsx) if args.xlsx else None,
            csv=Path(args.csv) if args.csv else None,
        )
    else:
        result = stats.statistics(session, since, until)
    lines = [f"期間 {result.period_text}"]
    for table in result.tables():
        lines += ["", f"■ {table.title}", "  " + " | ".join(table.headers)]
        lines += ["  " + " | ".join(str(v) for v in row) for row in table.rows]
    emit_text(result.as_dict(), args.json, "\n".join(lines))
    return 0
