"""``kishomail notify …``: staff notifications (the contacts are under ``accounts contact``)."""

from __future__ import annotations

from dispatch.cli.base import Commands, Context, add_actions, add_command, emit
from dispatch.operations import notifications as notify_ops


def register(commands: Commands) -> None:
    notify = add_actions(commands, "notify", "staff notifications")
    add_command(
        notify, "test", cmd_notify_test, "send one test notification to every staff contact"
    ).add_argument("--json", action="store_true")


def cmd_notify_test(ctx: Context) -> int:
    report = notify_ops.send_test_notification(ctx.session())
    data = {
        "contacts": report.recipients,
        "accepted": report.accepted,
        "via": report.via,
    }
    emit(
        data,
        ctx.args.json,
        lambda d: (
            f"Test notification: {d['accepted']} of {d['contacts']} contacts accepted "
            f"(via {d['via']})."
        ),
    )
    return 0 if report.ok else 1
