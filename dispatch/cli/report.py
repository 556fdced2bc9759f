"""``kishomail report handling``: the handling report for the ward's yearly audit, on screen, as
JSON, or written to .xlsx or PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dispatch.cli.base import Commands, Context, emit_text
from dispatch.operations import statistics as stats
from dispatch.operations.reports import (
    handling_report,
    report_text,
    write_report_pdf,
    write_report_xlsx,
)


def register(commands: Commands) -> None:
    report = commands.add_parser("report", help="reports for the ward")
    ractions = report.add_subparsers(dest="action", metavar="ACTION", required=True)
    handling = ractions.add_parser("handling", help="the handling report (yearly audit)")
    handling.add_argument("--from", dest="since", required=True)
    handling.add_argument("--to", dest="until", required=True)
    out = handling.add_mutually_exclusive_group()
    out.add_argument("--xlsx")
    out.add_argument("--pdf")
    out.add_argument("--json", action="store_true")
    handling.set_defaults(handler=cmd_report_handling)


def _day(text: str, what: str) -> date:
    parsed = stats.parse_day(text, what)
    assert parsed is not None
    return parsed


def cmd_report_handling(ctx: Context) -> int:
    args = ctx.args
    session = ctx.session()
    report = handling_report(session, _day(args.since, "--from"), _day(args.until, "--to"))
    if args.xlsx:
        write_report_xlsx(Path(args.xlsx), report)
        print(f"Handling report written to {args.xlsx}.")
    elif args.pdf:
        write_report_pdf(Path(args.pdf), report)
        print(f"Handling report written to {args.pdf}.")
    else:
        emit_text(report.as_dict(), args.json, report_text(report))
    return 0 if report.audit_ok else 1
