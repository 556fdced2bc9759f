"""``kishomail run``: the headless service (poll, match, send) in the foreground, with a line
per thing that happened; ``--demo`` runs it on the demo store and the bundled telegrams."""

from __future__ import annotations

import signal
import threading
from pathlib import Path

from dispatch.cli.base import Commands, Context
from dispatch.cli.events_printer import EventPrinter
from dispatch.engine.assembly import Engine, build_engine, telegram_source
from dispatch.operations import authorise
from dispatch.operations.demo import DEMO_ACCOUNT, DEMO_FOLDER, open_demo
from dispatch.records.settings import setting


def register(commands: Commands) -> None:
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
    run.set_defaults(handler=cmd_run, keeps_running=True)


def _data_dir(ctx: Context) -> Path:
    """With ``--demo`` and no ``--data-dir``: the demo folder inside the usual data folder."""
    if ctx.args.demo and not ctx.args.data_dir:
        return ctx.data_dir / DEMO_FOLDER
    return ctx.data_dir


def cmd_run(ctx: Context) -> int:
    args = ctx.args
    data_dir = _data_dir(ctx)
    if args.demo:
        session = open_demo(data_dir)
        print(f"kishomail demo in {data_dir} (account {DEMO_ACCOUNT!r}, invented data only).")
    else:
        session = ctx.session()
    authorise.start_engine(session)
    source = None
    if args.source:
        source = telegram_source(args.source, speed=None if args.once else args.speed)
    elif args.once:
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
        print(
            "No relay configured: mail goes to the local mailbox only "
            "(kept encrypted in the store: 'kishomail mailbox list')."
        )
    session.audit_log.append(session.account.name, "service.start", detail={"once": args.once})
    try:
        if args.once:
            return run_once(engine)
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


def run_once(engine: Engine) -> int:
    """``--once``: poll, send what is due, say what happened; exit 1 when sending failed."""
    report = engine.service.run_once()
    print(
        f"Sent {report.accepted}, deferred {report.deferred}, failed {report.failed}, "
        f"in doubt {report.in_doubt}."
    )
    return 1 if report.error else 0
