"""``kishomail dispatch list|show``: the dispatches (one per alert or manual alert) and their
outcome, failures included."""

from __future__ import annotations

import json

from dispatch.cli.base import Commands, Context
from dispatch.operations import dispatches as dispatch_ops


def register(commands: Commands) -> None:
    dispatch = commands.add_parser("dispatch", help="dispatches and their outcome")
    actions = dispatch.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="recent dispatches")
    listing.add_argument("--limit", type=int, default=20)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_dispatch_list)
    show = actions.add_parser("show", help="one dispatch with its failures")
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_dispatch_show)


def cmd_dispatch_list(ctx: Context) -> int:
    args = ctx.args
    summaries = dispatch_ops.list_dispatches(ctx.session(), limit=args.limit)
    if args.json:
        print(json.dumps([s.as_dict() for s in summaries], ensure_ascii=False))
        return 0
    for s in summaries:
        print(
            f"{s.id:>6} {s.status:<9} {s.created_at[:19]}  {s.sent:>6}/{s.total:<6} sent "
            f"{s.failed:>5} failed  {s.subject}"
        )
    return 0


def cmd_dispatch_show(ctx: Context) -> int:
    args = ctx.args
    summary, failures = dispatch_ops.show_dispatch(ctx.session(), args.id)
    if args.json:
        print(json.dumps({**summary.as_dict(), "failures": failures}, ensure_ascii=False))
        return 0
    for key, value in summary.as_dict().items():
        print(f"{key:<18} {value}")
    for failure in failures:
        print(f"failed: subscriber {failure['subscriber']}: {failure['code']} {failure['reply']}")
    return 0
