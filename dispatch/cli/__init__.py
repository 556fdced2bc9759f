"""The ``kishomail`` command line: the contract other parts, scripts and checks rely on.

``kishomail [--data-dir DIR] [--user NAME] COMMAND …``. The password comes from
``KISHOMAIL_PASSWORD`` or a prompt without echo, the TOTP code from ``KISHOMAIL_TOTP`` or a
prompt. Exit status: 0 success, 1 an error (one plain line on stderr, no traceback; the trace
of an unexpected error goes to the log file), 2 misuse.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

from dispatch import __version__
from dispatch.base.clock import TOKYO
from dispatch.base.errors import KishomailError, TotpRequired, ValidationError
from dispatch.base.logs import configure_logging
from dispatch.base.paths import resolve_data_dir
from dispatch.base.vocabulary import Charset, Language
from dispatch.cli import checks as ops_cli
from dispatch.cli import governance as governance_cli
from dispatch.cli import service as service_cli
from dispatch.operations import accounts as account_ops
from dispatch.operations import audit as audit_ops
from dispatch.operations import keys as key_ops
from dispatch.operations import settings as setting_ops
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import Session, initialise, login, recover
from dispatch.records.accounts import parse_role
from dispatch.records.audit import AuditQuery
from dispatch.records.subscribers import (
    DEFAULT_RAIN_MM,
    DEFAULT_RIVER_STAGE,
    DEFAULT_WARNING_LEVEL,
    TOPIC_NAMES,
    Channel,
    KandaRiver,
    NewSubscriber,
    QuietHours,
    RiverStage,
    Status,
    SubscriberQuery,
    Topics,
    WarningLevel,
    parse_rivers,
)
from feeds import cli as feeds_cli
from feeds.errors import FeedError

log = logging.getLogger(__name__)


class UsageError(Exception):
    """Misuse of the command line: exit status 2."""


@dataclass
class Context:
    args: argparse.Namespace
    data_dir: Path

    def user(self) -> str:
        name = self.args.user or os.environ.get("KISHOMAIL_USER")
        if not name:
            raise UsageError("say who you are with --user NAME (or KISHOMAIL_USER)")
        return str(name)

    def session(self) -> Session:
        name = self.user()
        password = secret_from("KISHOMAIL_PASSWORD", f"Password for {name}: ")
        totp = os.environ.get("KISHOMAIL_TOTP")
        try:
            return login(self.data_dir, name, password, totp)
        except TotpRequired:
            if totp is not None or not sys.stdin.isatty():
                raise
            code = input("TOTP code: ")
            return login(self.data_dir, name, password, code)


def secret_from(variable: str, prompt: str, *, confirm: bool = False) -> str:
    value = os.environ.get(variable)
    if value:
        return value
    if not sys.stdin.isatty():
        raise UsageError(f"no terminal to ask in: set {variable}")
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass("Again: ") != value:
        raise ValidationError("The two entries differ; nothing was changed.")
    return value


def emit(data: Any, as_json: bool, text: Callable[[Any], str] | None = None) -> None:
    if as_json:
        print(json.dumps(data, ensure_ascii=False, default=str))
    elif text is not None:
        print(text(data))
    else:
        print(data)


# ---- store and accounts ----------------------------------------------------------------------


def cmd_init(ctx: Context) -> int:
    password = secret_from(
        "KISHOMAIL_PASSWORD", f"New password for {ctx.args.admin}: ", confirm=True
    )
    session, recovery_key = initialise(ctx.data_dir, ctx.args.admin, password)
    session.close()
    print(f"Created a kishomail store in {ctx.data_dir} with administrator {ctx.args.admin}.")
    print()
    print("RECOVERY KEY — shown this once. Print it or write it down and lock it away;")
    print("it opens the store when every administrator's password is lost:")
    print()
    print(f"    {recovery_key}")
    print()
    return 0


def cmd_recover(ctx: Context) -> int:
    key = secret_from("KISHOMAIL_RECOVERY_KEY", "Recovery key: ")
    password = secret_from(
        "KISHOMAIL_NEW_PASSWORD", f"New password for {ctx.args.admin}: ", confirm=True
    )
    recover(ctx.data_dir, key, ctx.args.admin, password).close()
    print(f"Administrator {ctx.args.admin} has a new password. Log in with it now.")
    return 0


def cmd_rekey(ctx: Context) -> int:
    session = ctx.session()
    key_ops.rekey(session)
    session.close()
    print("The store is re-encrypted under a new data key; every account's password and the")
    print("recovery key still open it. Backups made before now still need the old key file.")
    return 0


def cmd_accounts_add(ctx: Context) -> int:
    session = ctx.session()
    password = secret_from(
        "KISHOMAIL_NEW_PASSWORD", f"Initial password for {ctx.args.name}: ", confirm=True
    )
    account = account_ops.add_account(
        session, ctx.args.name, parse_role(ctx.args.role), password, ctx.args.display_name or ""
    )
    emit(account.as_dict(), ctx.args.json, lambda a: f"Added {a['name']} ({a['role']}).")
    return 0


def cmd_accounts_list(ctx: Context) -> int:
    accounts = [a.as_dict() for a in account_ops.list_accounts(ctx.session())]
    if ctx.args.json:
        emit(accounts, True)
        return 0
    for a in accounts:
        state = "active" if a["active"] else f"deactivated {a['deactivated_at']}"
        totp = "TOTP" if a["totp"] else "no TOTP"
        print(f"{a['name']:<20} {a['role']:<14} {state:<12} {totp}")
    return 0


def cmd_accounts_deactivate(ctx: Context) -> int:
    account_ops.deactivate_account(ctx.session(), ctx.args.name)
    print(f"Deactivated {ctx.args.name}: that password opens nothing any more.")
    return 0


def cmd_accounts_reactivate(ctx: Context) -> int:
    session = ctx.session()
    password = secret_from(
        "KISHOMAIL_NEW_PASSWORD", f"New password for {ctx.args.name}: ", confirm=True
    )
    account_ops.reactivate_account(session, ctx.args.name, password)
    print(f"Reactivated {ctx.args.name} with a new password.")
    return 0


def cmd_accounts_passwd(ctx: Context) -> int:
    session = ctx.session()
    target = ctx.args.name or session.account.name
    new = secret_from("KISHOMAIL_NEW_PASSWORD", f"New password for {target}: ", confirm=True)
    if target == session.account.name:
        old = secret_from("KISHOMAIL_PASSWORD", "Current password: ")
        account_ops.change_own_password(session, old, new)
    else:
        account_ops.reset_password(session, target, new)
    print(f"The password of {target} is changed.")
    return 0


def cmd_accounts_role(ctx: Context) -> int:
    account_ops.set_role(ctx.session(), ctx.args.name, parse_role(ctx.args.role))
    print(f"{ctx.args.name} now has the role {ctx.args.role}.")
    return 0


def cmd_totp_enable(ctx: Context) -> int:
    uri = account_ops.start_totp(ctx.session(), ctx.args.name)
    print("Add this to the authenticator app (shown once), then run 'accounts totp confirm CODE':")
    print(uri)
    return 0


def cmd_totp_confirm(ctx: Context) -> int:
    account_ops.confirm_totp(ctx.session(), ctx.args.code, ctx.args.name)
    print("TOTP is on: from now on log in with a code from the app.")
    return 0


def cmd_totp_disable(ctx: Context) -> int:
    account_ops.disable_totp(ctx.session(), ctx.args.name)
    print(f"TOTP is off for {ctx.args.name}.")
    return 0


def cmd_totp_require(ctx: Context) -> int:
    value = setting_ops.change_setting(ctx.session(), "security.require_totp", ctx.args.state)
    print("TOTP is now mandatory for every account." if value else "TOTP is now optional.")
    return 0


def cmd_settings_get(ctx: Context) -> int:
    emit({ctx.args.name: setting_ops.setting_value(ctx.session(), ctx.args.name)}, True)
    return 0


def cmd_settings_set(ctx: Context) -> int:
    session = ctx.session()
    setting_ops.change_setting(session, ctx.args.name, ctx.args.value)
    value = setting_ops.setting_value(session, ctx.args.name)
    print(f"{ctx.args.name} = {json.dumps(value, ensure_ascii=False)}")
    return 0


# ---- subscribers ------------------------------------------------------------------------------


def _topics_from_args(args: argparse.Namespace, base: Topics | None = None) -> Topics | None:
    """Topics from --topics and the per-topic choices; ``None`` when none were given."""
    given = [args.topics, args.warning_level, args.rain_mm, args.river_stage, args.rivers]
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
    return Topics(
        warning_level=(warning or DEFAULT_WARNING_LEVEL) if "warnings" in names else None,
        rain_mm=(rain or DEFAULT_RAIN_MM) if "rain" in names else None,
        river_stage=(stage or DEFAULT_RIVER_STAGE) if "river" in names else None,
        kanda_rivers=(rivers or KandaRiver.ALL) if "kanda" in names else KandaRiver.NONE,
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
    topics = _topics_from_args(args)
    if topics is None:
        raise ValidationError(
            "Say what the subscriber wants with --topics warnings,rain,river,kanda."
        )
    session = ctx.session()
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
        topics=_topics_from_args(args, current.topics),
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
    outcome = subscriber_ops.import_subscribers(
        ctx.session(), Path(ctx.args.file), dry_run=ctx.args.dry_run
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


def cmd_subscribers_export(ctx: Context) -> int:
    out = Path(ctx.args.out)
    if out.suffix.lower() != ".zip":
        raise ValidationError("The export is an encrypted ZIP: give a file name ending in .zip.")
    password, count = subscriber_ops.export_subscribers(
        ctx.session(), out, _query_from_args(ctx.args)
    )
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


# ---- audit ------------------------------------------------------------------------------------


def _parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            f"{text!r} is not a date or time; write e.g. 2026-11-01 or 2026-11-01T09:00."
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=TOKYO)


def _audit_query(args: argparse.Namespace) -> AuditQuery:
    return AuditQuery(
        since=_parse_time(args.since),
        until=_parse_time(args.until),
        actor=args.actor,
        action=args.action,
        text=args.text,
        limit=getattr(args, "limit", None),
    )


def cmd_audit_search(ctx: Context) -> int:
    entries = audit_ops.search_audit(ctx.session(), _audit_query(ctx.args))
    if ctx.args.json:
        emit([e.__dict__ | {"detail": dict(e.detail)} for e in entries], True)
        return 0
    for e in entries:
        detail = json.dumps(dict(e.detail), ensure_ascii=False) if e.detail else ""
        print(f"{e.seq:>7} {e.at} {e.actor:<12} {e.action:<22} {e.target:<18} {e.outcome} {detail}")
    return 0


def cmd_audit_verify(ctx: Context) -> int:
    report = audit_ops.verify_audit(ctx.session())
    if ctx.args.json:
        emit(
            {
                "ok": report.ok,
                "checked": report.checked,
                "problems": list(report.problems),
                "head_seq": report.head_seq,
                "head_hash": report.head_hash,
            },
            True,
        )
    elif report.ok:
        print(f"The audit log is intact: {report.checked} entries checked.")
        print(f"Head: entry {report.head_seq}, hash {report.head_hash}")
        print("(Note the head hash in the daily report: it anchors the chain outside the store.)")
    else:
        for problem in report.problems:
            print(f"PROBLEM: {problem}")
    if not report.ok:
        print(
            f"kishomail: the audit log has {len(report.problems)} problems: report this as an "
            "incident (R4.10) and keep the database file as it is for investigation.",
            file=sys.stderr,
        )
        return 1
    return 0


def cmd_audit_export(ctx: Context) -> int:
    if not ctx.args.xlsx and not ctx.args.csv:
        raise UsageError("say where to write: --xlsx FILE and/or --csv FILE")
    count = audit_ops.export_audit(
        ctx.session(),
        _audit_query(ctx.args),
        xlsx=Path(ctx.args.xlsx) if ctx.args.xlsx else None,
        csv=Path(ctx.args.csv) if ctx.args.csv else None,
    )
    print(f"Exported {count} audit entries.")
    return 0


# ---- the parser -------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"kishomail: {message}\n")


def _add_topic_options(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    parser.add_argument(
        "--topics", required=required, help="comma-separated: " + ",".join(TOPIC_NAMES)
    )
    parser.add_argument("--warning-level", help="advisory, warning, danger or special (2–5)")
    parser.add_argument("--rain-mm", type=int, help="rain threshold in mm/h")
    parser.add_argument("--river-stage", help="caution, evacuation or danger (1–3)")
    parser.add_argument("--rivers", help="Kanda system rivers: kanda,zenpukuji,myoshoji")


def _add_filter_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--search", help="a fragment of the address")
    parser.add_argument("--status", choices=[s.value for s in Status])
    parser.add_argument("--lang", choices=[lang.value for lang in Language])
    parser.add_argument("--channel", choices=[c.value for c in Channel])
    parser.add_argument("--topic", choices=TOPIC_NAMES)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kishomail", description="気象メール — weather-alert mail for the ward.")
    parser.add_argument("--version", action="version", version=f"kishomail {__version__}")
    parser.add_argument("--data-dir", help="the store's folder (or KISHOMAIL_DATA_DIR)")
    parser.add_argument("--user", help="your account name (or KISHOMAIL_USER)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    def command(
        group: Any, name: str, handler: Callable[[Context], int], help_text: str
    ) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = group.add_parser(name, help=help_text)
        sub.set_defaults(handler=handler)
        return sub

    init = command(commands, "init", cmd_init, "create a new encrypted store")
    init.add_argument("--admin", required=True, help="the first administrator's account name")
    rec = command(commands, "recover", cmd_recover, "use the recovery key to reset an admin")
    rec.add_argument("--admin", required=True)
    command(commands, "rekey", cmd_rekey, "re-encrypt the store under a new data key")

    accounts = commands.add_parser("accounts", help="staff accounts").add_subparsers(
        dest="action", metavar="ACTION", parser_class=_Parser, required=True
    )
    add = command(accounts, "add", cmd_accounts_add, "add an account")
    add.add_argument("name")
    add.add_argument("--role", required=True, help="administrator, operator, duty_officer, auditor")
    add.add_argument("--display-name")
    add.add_argument("--json", action="store_true")
    command(accounts, "list", cmd_accounts_list, "list accounts").add_argument(
        "--json", action="store_true"
    )
    command(
        accounts, "deactivate", cmd_accounts_deactivate, "deactivate (staff transfer)"
    ).add_argument("name")
    command(
        accounts, "reactivate", cmd_accounts_reactivate, "reactivate with a new password"
    ).add_argument("name")
    command(accounts, "passwd", cmd_accounts_passwd, "change a password").add_argument(
        "name", nargs="?"
    )
    role = command(accounts, "role", cmd_accounts_role, "change an account's role")
    role.add_argument("name")
    role.add_argument("role")
    totp = accounts.add_parser("totp", help="TOTP second factor").add_subparsers(
        dest="totp_action", metavar="ACTION", parser_class=_Parser, required=True
    )
    command(totp, "enable", cmd_totp_enable, "start enrolment").add_argument("name", nargs="?")
    confirm = command(totp, "confirm", cmd_totp_confirm, "finish enrolment with a code")
    confirm.add_argument("code")
    confirm.add_argument("name", nargs="?")
    command(totp, "disable", cmd_totp_disable, "turn TOTP off for an account").add_argument("name")
    command(
        totp, "require", cmd_totp_require, "make TOTP mandatory (on) or optional (off)"
    ).add_argument("state", choices=["on", "off"])

    settings = commands.add_parser("settings", help="domain settings").add_subparsers(
        dest="action", metavar="ACTION", parser_class=_Parser, required=True
    )
    command(settings, "get", cmd_settings_get, "show a setting").add_argument("name")
    setting_set = command(settings, "set", cmd_settings_set, "change a setting")
    setting_set.add_argument("name")
    setting_set.add_argument("value")

    subs = commands.add_parser("subscribers", help="residents who receive mail").add_subparsers(
        dest="action", metavar="ACTION", parser_class=_Parser, required=True
    )
    sub_add = command(subs, "add", cmd_subscribers_add, "add a subscriber")
    sub_add.add_argument("email")
    _add_topic_options(sub_add, required=True)
    sub_add.add_argument("--lang", default="ja", choices=[lang.value for lang in Language])
    sub_add.add_argument("--charset", default="utf-8", choices=[c.value for c in Charset])
    sub_add.add_argument("--channel", default="staff", choices=[c.value for c in Channel])
    sub_add.add_argument("--quiet-hours", help="hold advisory mail back, e.g. 22:00-06:00")
    sub_add.add_argument("--json", action="store_true")
    sub_list = command(subs, "list", cmd_subscribers_list, "list subscribers")
    _add_filter_options(sub_list)
    sub_list.add_argument("--limit", type=int)
    sub_list.add_argument("--json", action="store_true")
    show = command(subs, "show", cmd_subscribers_show, "show one subscriber")
    show.add_argument("ref", help="id or address")
    show.add_argument("--json", action="store_true")
    change = command(subs, "change", cmd_subscribers_change, "change a subscriber's choices")
    change.add_argument("ref", help="id or address")
    _add_topic_options(change)
    change.add_argument("--lang", choices=[lang.value for lang in Language])
    change.add_argument("--charset", choices=[c.value for c in Charset])
    change.add_argument("--status", choices=[s.value for s in Status])
    change.add_argument("--quiet-hours", help="e.g. 22:00-06:00, or none")
    change.add_argument("--json", action="store_true")
    command(subs, "unsubscribe", cmd_subscribers_unsubscribe, "stop all mail").add_argument("ref")
    remove = command(subs, "remove", cmd_subscribers_remove, "erase (leaves an erasure record)")
    remove.add_argument("ref", help="id or address")
    remove.add_argument("--reason", default="requested")
    imp = command(subs, "import", cmd_subscribers_import, "import a CSV file (all or nothing)")
    imp.add_argument("file")
    imp.add_argument("--dry-run", action="store_true", help="report only, change nothing")
    imp.add_argument("--json", action="store_true")
    exp = command(subs, "export", cmd_subscribers_export, "export to an encrypted ZIP")
    exp.add_argument("--out", required=True)
    _add_filter_options(exp)
    command(subs, "count", cmd_subscribers_count, "count by topic").add_argument(
        "--json", action="store_true"
    )

    audit = commands.add_parser("audit", help="the audit log").add_subparsers(
        dest="action", metavar="ACTION", parser_class=_Parser, required=True
    )
    for name, handler, help_text in (
        ("search", cmd_audit_search, "search entries"),
        ("export", cmd_audit_export, "export a search to .xlsx and/or CSV"),
    ):
        audit_cmd = command(audit, name, handler, help_text)
        audit_cmd.add_argument("--since", help="from this date/time (Tokyo time unless given)")
        audit_cmd.add_argument("--until", help="before this date/time")
        audit_cmd.add_argument("--actor")
        audit_cmd.add_argument("--action")
        audit_cmd.add_argument("--text", help="text anywhere in the entry")
        if name == "search":
            audit_cmd.add_argument("--limit", type=int)
            audit_cmd.add_argument("--json", action="store_true")
        else:
            audit_cmd.add_argument("--xlsx")
            audit_cmd.add_argument("--csv")
    command(audit, "verify", cmd_audit_verify, "check the hash chain").add_argument(
        "--json", action="store_true"
    )
    _register_optional_commands(commands)
    return parser


def _register_optional_commands(commands: Any) -> None:
    """Commands owned by other packages register themselves here."""
    feeds_cli.register(commands)
    service_cli.register(commands)
    __import__("dispatch.cli.registration", fromlist=["register"]).register(commands)
    governance_cli.register(commands)
    ops_cli.register(commands)
    __import__("dispatch.cli.dkim", fromlist=["register"]).register(commands)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging()
    try:
        if hasattr(args, "handler"):
            return int(args.handler(Context(args, resolve_data_dir(args.data_dir))))
        return int(args.func(args))
    except UsageError as error:
        print(f"kishomail: {error}", file=sys.stderr)
        return 2
    except KishomailError as error:
        print(f"kishomail: {error.message}", file=sys.stderr)
        return 1
    except FeedError as error:
        print(f"kishomail: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("kishomail: interrupted", file=sys.stderr)
        return 1
    except Exception as error:  # a crash: one line here, the trace in the log
        log.exception("unexpected error in command %s", args.command)
        print(
            f"kishomail: unexpected error ({type(error).__name__}); the details are in the log "
            "file. Please report it.",
            file=sys.stderr,
        )
        return 1
