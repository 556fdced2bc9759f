"""``kishomail run``, ``dispatch``, ``mailbox`` and ``smtp``: the service from the command line."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from dispatch.base.paths import resolve_data_dir
from dispatch.cli.events_printer import EventPrinter
from dispatch.operations import authorise
from dispatch.operations import dispatches as dispatch_ops
from dispatch.operations import mailbox as mailbox_ops
from dispatch.operations import relay as relay_ops
from dispatch.operations.demo import DEMO_ACCOUNT, DEMO_FOLDER, open_demo
from dispatch.operations.session import Session


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


# ---- run ----------------------------------------------------------------------------------------


def cmd_run(args: argparse.Namespace) -> int:
    from dispatch.engine.assembly import build_engine

    data_dir = _data_dir(args)
    if args.demo:
        session = open_demo(data_dir)
        print(f"kishomail demo in {data_dir} (account {DEMO_ACCOUNT!r}, invented data only).")
    else:
        session = _session(args)
    authorise.start_engine(session)
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


def cmd_dispatch_list(args: argparse.Namespace) -> int:
    summaries = dispatch_ops.list_dispatches(_session(args), limit=args.limit)
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
    summary, failures = dispatch_ops.show_dispatch(_session(args), args.id)
    if args.json:
        print(json.dumps({**summary.as_dict(), "failures": failures}, ensure_ascii=False))
        return 0
    for key, value in summary.as_dict().items():
        print(f"{key:<18} {value}")
    for failure in failures:
        print(f"failed: subscriber {failure['subscriber']}: {failure['code']} {failure['reply']}")
    return 0


def cmd_mailbox_list(args: argparse.Namespace) -> int:
    entries = mailbox_ops.list_local_mailbox(_session(args))
    if args.json:
        print(json.dumps([e.__dict__ for e in entries], ensure_ascii=False, default=str))
        return 0
    print("Local mailbox — these messages were NOT sent to anyone.")
    for e in entries:
        print(f"{e.id}  {e.received_at}  {len(e.recipients)} recipient(s)  {e.subject}")
    return 0


def cmd_mailbox_show(args: argparse.Namespace) -> int:
    raw = mailbox_ops.read_local_message(_session(args), args.id)
    sys.stdout.write(raw.decode("utf-8", "replace"))
    return 0


def cmd_smtp_test(args: argparse.Namespace) -> int:
    report = relay_ops.test_relay(_session(args))
    if report is None:
        print("No relay is configured (smtp.host is empty): mail goes to the local mailbox.")
        return 0
    print(
        f"Connected to {report.host}:{report.port} ({report.security}) over {report.tls_version}"
        f", certificate {report.certificate_subject}; "
        f"{'authenticated' if report.authenticated else 'no AUTH'}; "
        f"PIPELINING {'yes' if report.pipelining else 'no'}. Nothing was sent."
    )
    return 0
