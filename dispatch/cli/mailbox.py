"""``kishomail mailbox list|show``: the embedded sink's local mailbox, where mail goes when no
relay is set — messages that were sent to nobody."""

from __future__ import annotations

import json
import sys

from dispatch.base.clock import TOKYO
from dispatch.cli.base import Commands, Context
from dispatch.operations import mailbox as mailbox_ops


def register(commands: Commands) -> None:
    mailbox = commands.add_parser("mailbox", help="the embedded sink's mailbox (sent nowhere)")
    box = mailbox.add_subparsers(dest="action", metavar="ACTION", required=True)
    box_list = box.add_parser("list", help="messages in the local mailbox")
    box_list.add_argument("--json", action="store_true")
    box_list.set_defaults(handler=cmd_mailbox_list)
    box_show = box.add_parser("show", help="one message as received")
    box_show.add_argument("id")
    box_show.set_defaults(handler=cmd_mailbox_show)


def cmd_mailbox_list(ctx: Context) -> int:
    args = ctx.args
    entries = mailbox_ops.list_local_mailbox(ctx.session())
    if args.json:
        print(json.dumps([e.__dict__ for e in entries], ensure_ascii=False, default=str))
        return 0
    print("Local mailbox — these messages were NOT sent to anyone.")
    for e in entries:
        received = e.received_at.astimezone(TOKYO).strftime("%Y-%m-%d %H:%M:%S")
        print(f"{e.id}  {received}  {len(e.recipients)} recipient(s)  {e.subject}")
    return 0


def cmd_mailbox_show(ctx: Context) -> int:
    args = ctx.args
    raw = mailbox_ops.read_local_message(ctx.session(), args.id)
    sys.stdout.write(raw.decode("utf-8", "replace"))
    return 0
