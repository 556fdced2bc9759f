"""``kishomail mailbox list|show``: the embedded sink's local mailbox, where mail goes when no
relay is set — messages that were sent to nobody."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from dispatch.cli.base import Commands, Context
from dispatch.engine.assembly import SINK_FOLDER
from dispatch.mail.sink import list_mailbox, read_message
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission


def register(commands: Commands) -> None:
    mailbox = commands.add_parser("mailbox", help="the embedded sink's mailbox (sent nowhere)")
    box = mailbox.add_subparsers(dest="action", metavar="ACTION", required=True)
    box_list = box.add_parser("list", help="messages in the local mailbox")
    box_list.add_argument("--json", action="store_true")
    box_list.set_defaults(handler=cmd_mailbox_list)
    box_show = box.add_parser("show", help="one message as received")
    box_show.add_argument("id")
    box_show.set_defaults(handler=cmd_mailbox_show)


def _mailbox(ctx: Context) -> Path:
    return ctx.data_dir / SINK_FOLDER / "mailbox"


def _require_mailbox(session: Session, action: str) -> None:
    """The local mailbox holds what would have gone to residents: those who may see
    subscribers, or the administrator who runs the embedded sink (issue 6's mailbox viewer)."""
    if not session.can(Permission.MANAGE_SETTINGS):
        session.require(Permission.READ_SUBSCRIBERS, action)


def cmd_mailbox_list(ctx: Context) -> int:
    args = ctx.args
    session = ctx.session()  # the mailbox holds addresses: only those who may see them
    _require_mailbox(session, "mailbox.list")
    entries = list_mailbox(_mailbox(ctx))
    if args.json:
        print(json.dumps([e.__dict__ for e in entries], ensure_ascii=False, default=str))
        return 0
    print("Local mailbox — these messages were NOT sent to anyone.")
    for e in entries:
        print(f"{e.id}  {e.received_at}  {len(e.recipients)} recipient(s)  {e.subject}")
    return 0


def cmd_mailbox_show(ctx: Context) -> int:
    args = ctx.args
    session = ctx.session()
    _require_mailbox(session, "mailbox.show")
    sys.stdout.write(read_message(_mailbox(ctx), args.id).decode("utf-8", "replace"))
    return 0
