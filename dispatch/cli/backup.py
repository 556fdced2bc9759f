"""``kishomail backup create|list|verify|restore|delete``: the staff's encrypted backups."""

from __future__ import annotations

from dispatch.cli.base import Commands, Context, UsageError, emit_text, env_secret
from dispatch.operations import backup as backups


def register(commands: Commands) -> None:
    backup = commands.add_parser("backup", help="encrypted backups")
    bactions = backup.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = bactions.add_parser("create", help="make and check a backup now")
    create.add_argument("--label", default="")
    create.add_argument("--json", action="store_true")
    create.set_defaults(handler=cmd_backup_create)
    blist = bactions.add_parser("list", help="backups, oldest first")
    blist.add_argument("--json", action="store_true")
    blist.set_defaults(handler=cmd_backup_list)
    for name, handler in (
        ("verify", cmd_backup_verify),
        ("restore", cmd_backup_restore),
        ("delete", cmd_backup_delete),
    ):
        sub = bactions.add_parser(name, help=f"{name} a backup")
        sub.add_argument("name")
        sub.set_defaults(handler=handler)
        if name in ("restore", "delete"):
            sub.add_argument("--yes", action="store_true", help=f"really {name}")


def cmd_backup_create(ctx: Context) -> int:
    args = ctx.args
    session = ctx.session()
    info = backups.create(session, args.label)
    emit_text(
        info.as_dict(),
        args.json,
        f"Backup {info.name} written and checked "
        f"({sum(info.counts.values())} rows, {info.db_bytes} bytes).",
    )
    return 0


def cmd_backup_list(ctx: Context) -> int:
    args = ctx.args
    session = ctx.session()
    found = backups.listing(session)
    emit_text(
        [b.as_dict() for b in found],
        args.json,
        "\n".join(f"{b.name}  {b.created_at}  {b.db_bytes:>10} bytes  {b.label}" for b in found)
        or "No backups yet.",
    )
    return 0


def cmd_backup_verify(ctx: Context) -> int:
    args = ctx.args
    session = ctx.session()
    info = backups.verify(session, args.name, env_secret("KISHOMAIL_RECOVERY_KEY"))
    print(f"{info.name}: complete and intact ({sum(info.counts.values())} rows).")
    return 0


def cmd_backup_restore(ctx: Context) -> int:
    args = ctx.args
    if not args.yes:
        raise UsageError("restore replaces the current data (after backing it up): add --yes")
    session = ctx.session()
    report = backups.restore(session, args.name, env_secret("KISHOMAIL_RECOVERY_KEY"))
    print(
        f"Restored the resident data of {report.restored.name} ({report.restored.created_at}); "
        "accounts, keys and the audit log are as they were. "
        f"{report.erased_since} residents erased since were left out, {report.stopped_since} "
        "who stopped since stay stopped. The data as it was before is kept in backup "
        f"{report.safety_backup} (delete it with 'kishomail backup delete' when no longer needed)."
    )
    return 0


def cmd_backup_delete(ctx: Context) -> int:
    args = ctx.args
    if not args.yes:
        raise UsageError("delete overwrites the backup and removes it: add --yes")
    destroyed = backups.delete(ctx.session(), args.name)
    print(f"Backup {args.name} overwritten and deleted ({destroyed} bytes).")
    return 0
