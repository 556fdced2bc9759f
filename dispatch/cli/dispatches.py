"""``kishomail dispatch list|show``: the dispatches (one per alert or manual alert) and their
outcome, failures included."""

from __future__ import annotations

import json

from dispatch.base.errors import NotFound
from dispatch.cli.base import Commands, Context
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.records.outbox import Outbox


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


def _outbox(session: Session) -> Outbox:
    return Outbox(session.connection, session.clock, "kishomail.invalid")


def cmd_dispatch_list(ctx: Context) -> int:
    args = ctx.args
    session = ctx.session()
    session.require(Permission.READ_STATISTICS, "dispatch.list")
    summaries = _outbox(session).list_dispatches(limit=args.limit)
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
    session = ctx.session()
    session.require(Permission.READ_STATISTICS, "dispatch.show")
    outbox = _outbox(session)
    summary = outbox.summary(args.id)
    if summary is None:
        raise NotFound(f"There is no dispatch {args.id}.")
    failures = [
        {"delivery": f[0], "subscriber": f[1], "code": f[2], "reply": f[3]}
        for f in outbox.failures(args.id)
    ]
    if args.json:
        print(json.dumps({**summary.as_dict(), "failures": failures}, ensure_ascii=False))
        return 0
    for key, value in summary.as_dict().items():
        print(f"{key:<18} {value}")
    for failure in failures:
        print(f"failed: subscriber {failure['subscriber']}: {failure['code']} {failure['reply']}")
    return 0
