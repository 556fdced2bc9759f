"""``kishomail bounces read|summary``: the bounce mailbox of alert mail (admin manual, mail
relay §7)."""

from __future__ import annotations

from dispatch.cli.base import Commands, Context, emit_text
from dispatch.operations import bounces as bounce_ops


def register(commands: Commands) -> None:
    bounces = commands.add_parser("bounces", help="bounces of alert mail")
    actions = bounces.add_subparsers(dest="action", metavar="ACTION", required=True)
    read = actions.add_parser("read", help="read the bounce mailbox now (the service does it too)")
    read.add_argument("--json", action="store_true")
    read.set_defaults(handler=cmd_bounces_read)
    summary = actions.add_parser("summary", help="bounces counted, per kind and carrier group")
    summary.add_argument("--json", action="store_true")
    summary.set_defaults(handler=cmd_bounces_summary)


def cmd_bounces_read(ctx: Context) -> int:
    seen = bounce_ops.read_bounce_mailbox_now(ctx.session())
    text = "\n".join(f"{outcome}: {count}" for outcome, count in sorted(seen.items()))
    emit_text(seen, ctx.args.json, text or "no new mail in the bounce mailbox")
    return 0


def cmd_bounces_summary(ctx: Context) -> int:
    counts = bounce_ops.bounce_summary(ctx.session())
    data = [{"kind": c.kind, "carrier": c.carrier, "count": c.count} for c in counts]
    text = "\n".join(f"{c.kind:7} {c.carrier or '-':12} {c.count}" for c in counts)
    emit_text(data, ctx.args.json, text or "no bounces recorded")
    return 0
