"""``kishomail run``, ``dispatch``, ``mailbox`` and ``smtp``: the service from the command line."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from dispatch.base.errors import StoreMissing
from dispatch.base.paths import resolve_data_dir
from dispatch.base.vocabulary import Language
from dispatch.cli.events_printer import EventPrinter
from dispatch.mail.sink import list_mailbox, read_message
from dispatch.mail.smtp import MailTransport
from dispatch.operations.session import Session, initialise, login
from dispatch.records.accounts import Permission, Role
from dispatch.records.audit import AuditLog
from dispatch.records.outbox import Outbox
from dispatch.records.settings import set_setting
from dispatch.records.subscribers import (
    Channel,
    KandaRiver,
    NewSubscriber,
    QuietHours,
    RiverStage,
    SubscriberRepository,
    Topics,
    WarningLevel,
)
from dispatch.store.database import transaction

DEMO_ACCOUNT = "demo"
DEMO_PASSWORD = "demo-password"  # noqa: S105 - the demo store holds only invented data
DEMO_FOLDER = "demo"
#: One demo account per role, all with the demo password, so every screen can be tried.
DEMO_ROLE_ACCOUNTS = {
    Role.OPERATOR: "demo-operator",
    Role.DUTY_OFFICER: "demo-duty",
    Role.AUDITOR: "demo-auditor",
}


def register(commands: Any) -> None:
    run = commands.add_parser("run", help="run the headless service (poll, match, send)")
    run.add_argument(
        "--demo",
        action="store_true",
        help="embedded defaults: a demo store, the bundled telegrams, the local mail sink",
    )
    run.add_argument("--once", action="store_true", help="poll once, send what is due, stop")
    run.add_argument("--source", help="a folder of telegrams or Atom feed URL(s)")
    run.add_argument(
        "--speed", type=float, default=600.0, help="replay speed (600: 10 minutes per second)"
    )
    run.set_defaults(func=cmd_run)

    dispatch = commands.add_parser("dispatch", help="dispatches and their outcome")
    actions = dispatch.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="recent dispatches")
    listing.add_argument("--limit", type=int, default=20)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_dispatch_list)
    show = actions.add_parser("show", help="one dispatch with its failures")
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_dispatch_show)

    mailbox = commands.add_parser("mailbox", help="the embedded sink's mailbox (sent nowhere)")
    box = mailbox.add_subparsers(dest="action", metavar="ACTION", required=True)
    box_list = box.add_parser("list", help="messages in the local mailbox")
    box_list.add_argument("--json", action="store_true")
    box_list.set_defaults(func=cmd_mailbox_list)
    box_show = box.add_parser("show", help="one message as received")
    box_show.add_argument("id")
    box_show.set_defaults(func=cmd_mailbox_show)

    smtp = commands.add_parser("smtp", help="the mail relay")
    smtp_actions = smtp.add_subparsers(dest="action", metavar="ACTION", required=True)
    test = smtp_actions.add_parser("test", help="connect, verify TLS, authenticate; send nothing")
    test.set_defaults(func=cmd_smtp_test)


# ---- sessions ---------------------------------------------------------------------------------


def _data_dir(args: argparse.Namespace) -> Path:
    if getattr(args, "demo", False) and not args.data_dir:
        return resolve_data_dir(None) / DEMO_FOLDER
    return resolve_data_dir(args.data_dir)


def _session(args: argparse.Namespace) -> Session:
    from dispatch.cli import Context

    return Context(args, _data_dir(args)).session()


def open_demo(data_dir: Path) -> Session:
    """The demo store: made and filled on first use, then reused."""
    try:
        return login(data_dir, DEMO_ACCOUNT, DEMO_PASSWORD)
    except StoreMissing:
        pass
    session, _ = initialise(data_dir, DEMO_ACCOUNT, DEMO_PASSWORD)
    from dispatch.engine.assembly import DEMO_SOURCE

    connection = session.connection
    with transaction(connection):
        set_setting(connection, "feeds.source", DEMO_SOURCE)
        set_setting(connection, "feeds.poll_interval", 2)
        count = seed_demo_subscribers(connection, session.clock.now())
        AuditLog(connection, session.clock).append(
            DEMO_ACCOUNT, "demo.seed", detail={"subscribers": count}
        )
    for role, name in DEMO_ROLE_ACCOUNTS.items():
        session.add_account(
            name, role, DEMO_PASSWORD, display_name=f"demo {role.value.replace('_', ' ')}"
        )
    return session


def seed_demo_subscribers(connection: Any, now: datetime) -> int:
    """Invented residents at example.jp (a domain reserved for examples)."""
    repository = SubscriberRepository(connection)
    choices = [
        (Topics(warning_level=WarningLevel.ADVISORY, rain_mm=30), Language.JA),
        (Topics(warning_level=WarningLevel.WARNING), Language.JA),
        (Topics(warning_level=WarningLevel.DANGER, kanda_rivers=KandaRiver.ALL), Language.JA),
        (Topics(rain_mm=50, river_stage=RiverStage.CAUTION), Language.EN),
        (
            Topics(kanda_rivers=KandaRiver.KANDA, warning_level=WarningLevel.WARNING),
            Language.EASY_JA,
        ),
    ]
    rows = []
    for n in range(1, 101):
        topics, language = choices[n % len(choices)]
        quiet = QuietHours.parse("23:00-06:00") if n % 7 == 0 else None
        rows.append(
            NewSubscriber(
                f"resident{n:03d}@example.jp",
                topics,
                now,
                language=language,
                channel=Channel.WEB,
                quiet_hours=quiet,
            )
        )
    return repository.add_many(rows, now)


# ---- run ----------------------------------------------------------------------------------------


def cmd_run(args: argparse.Namespace) -> int:
    from dispatch.engine.assembly import build_engine

    data_dir = _data_dir(args)
    if args.demo:
        session = open_demo(data_dir)
        print(f"kishomail demo in {data_dir} (account {DEMO_ACCOUNT!r}, invented data only).")
    else:
        session = _session(args)
    session.require(Permission.RUN_SERVICE, "service.start")
    source = None
    if args.source:
        from dispatch.engine.assembly import telegram_source

        source = telegram_source(args.source, speed=None if args.once else args.speed)
    elif args.once:
        from dispatch.engine.assembly import telegram_source
        from dispatch.records.settings import setting

        source = telegram_source(setting(session.connection, "feeds.source"), speed=None)
    engine = build_engine(
        session.store,
        clock=session.clock,
        started_by=session.account.name,
        source=source,
        speed=args.speed,
        listeners=[EventPrinter()],
    )
    if engine.sink is not None:
        print(f"No relay configured: mail goes to the local mailbox {engine.sink.mailbox} only.")
    session.audit_log.append(session.account.name, "service.start", detail={"once": args.once})
    try:
        if args.once:
            report = engine.service.run_once()
            print(
                f"Sent {report.accepted}, deferred {report.deferred}, failed {report.failed}, "
                f"in doubt {report.in_doubt}."
            )
            return 1 if report.error else 0
        engine.service.start()
        print("kishomail is running. Press Ctrl+C to stop.", flush=True)
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            # Wake up now and then: Linux may deliver SIGTERM/SIGINT to one of the engine's
            # threads, and Python runs the handler only when the main thread runs again; a
            # wait without a timeout then never ends (seen as a `run` that ignored SIGTERM).
            while not stop.wait(timeout=0.5):
                pass
        except KeyboardInterrupt:
            pass
        print("Stopping: finishing the messages in flight …", flush=True)
        engine.service.stop()
        return 0
    finally:
        engine.close()
        session.audit_log.append(session.account.name, "service.stop")
        session.close()


# ---- dispatches, mailbox, relay -----------------------------------------------------------------


def _outbox(session: Session) -> Outbox:
    return Outbox(session.connection, session.clock, "kishomail.invalid")


def cmd_dispatch_list(args: argparse.Namespace) -> int:
    session = _session(args)
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


def cmd_dispatch_show(args: argparse.Namespace) -> int:
    from dispatch.base.errors import NotFound

    session = _session(args)
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


def _mailbox(args: argparse.Namespace) -> Path:
    from dispatch.engine.assembly import SINK_FOLDER

    return _data_dir(args) / SINK_FOLDER / "mailbox"


def _require_mailbox(session: Session, action: str) -> None:
    """The local mailbox holds what would have gone to residents: those who may see
    subscribers, or the administrator who runs the embedded sink (issue 6's mailbox viewer)."""
    if not session.can(Permission.MANAGE_SETTINGS):
        session.require(Permission.READ_SUBSCRIBERS, action)


def cmd_mailbox_list(args: argparse.Namespace) -> int:
    session = _session(args)  # the mailbox holds addresses: only those who may see them
    _require_mailbox(session, "mailbox.list")
    entries = list_mailbox(_mailbox(args))
    if args.json:
        print(json.dumps([e.__dict__ for e in entries], ensure_ascii=False, default=str))
        return 0
    print("Local mailbox — these messages were NOT sent to anyone.")
    for e in entries:
        print(f"{e.id}  {e.received_at}  {len(e.recipients)} recipient(s)  {e.subject}")
    return 0


def cmd_mailbox_show(args: argparse.Namespace) -> int:
    session = _session(args)
    _require_mailbox(session, "mailbox.show")
    sys.stdout.write(read_message(_mailbox(args), args.id).decode("utf-8", "replace"))
    return 0


def cmd_smtp_test(args: argparse.Namespace) -> int:
    from dispatch.engine.assembly import relay_settings

    session = _session(args)
    session.require(Permission.MANAGE_SETTINGS, "smtp.test")
    relay = relay_settings(session.connection)
    if relay is None:
        print("No relay is configured (smtp.host is empty): mail goes to the local mailbox.")
        return 0
    report = MailTransport(relay).check_connection()
    print(
        f"Connected to {report.host}:{report.port} ({report.security}) over {report.tls_version}"
        f", certificate {report.certificate_subject}; "
        f"{'authenticated' if report.authenticated else 'no AUTH'}; "
        f"PIPELINING {'yes' if report.pipelining else 'no'}. Nothing was sent."
    )
    session.audit_log.append(session.account.name, "smtp.test", detail={"host": report.host})
    return 0
