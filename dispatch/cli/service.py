"""``kishomail service …``: the engine as an OS service.

``install | uninstall | start | stop`` are administrators' operations (audited, see
:mod:`dispatch.operations.service`); ``status [--json]`` needs no login; ``run [--once]
[--source DIR]`` is what the service manager starts: it opens the store with the machine's
service slot — no ``--user``, no password — and, under systemd, says ``READY=1`` once polling
has started and ``WATCHDOG=1`` while polls keep coming.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable

from dispatch.cli.base import Commands, Context, add_actions, add_command, emit
from dispatch.cli.events_printer import EventPrinter
from dispatch.cli.run import run_once
from dispatch.engine.assembly import Engine, build_engine, telegram_source
from dispatch.engine.os_service import sd_notify, watchdog_period
from dispatch.engine.service_config import TelegramSource
from dispatch.operations import authorise
from dispatch.operations import service as service_ops
from dispatch.operations.session import Session
from dispatch.records.accounts import SERVICE_ACTOR
from dispatch.records.settings import setting
from dispatch.store.machine_slot import Protection


def register(commands: Commands) -> None:
    actions = add_actions(commands, "service", "the engine as an OS service (round the clock)")
    install = add_command(
        actions, "install", cmd_install, "install the engine as a service of this machine"
    )
    install.add_argument(
        "--protection",
        choices=["auto", *(p.value for p in Protection)],
        default="auto",
        help="how the OS keeps the service's secret (auto: systemd-creds or DPAPI if possible)",
    )
    install.add_argument(
        "--service-user", default="kishomail", help="the service's own system account"
    )
    install.add_argument("--no-start", action="store_true", help="install, but start nothing")
    add_command(actions, "uninstall", cmd_uninstall, "remove the service and its machine slot")
    add_command(actions, "start", cmd_start, "start the installed service")
    add_command(actions, "stop", cmd_stop, "stop the installed service")
    status = add_command(actions, "status", cmd_status, "is it installed, running, polling?")
    status.add_argument("--json", action="store_true", help="one JSON object")
    run = add_command(
        actions, "run", cmd_service_run, "the service's own entry (the service manager runs it)"
    )
    run.add_argument("--once", action="store_true", help="poll once, send what is due, stop")
    run.add_argument("--source", help="a folder of telegrams or Atom feed URL(s)")
    run.add_argument(
        "--speed", type=float, default=600.0, help="replay speed of a folder (600: 10 min/s)"
    )
    run.set_defaults(keeps_running=True)


def cmd_install(ctx: Context) -> int:
    args = ctx.args
    protection = None if args.protection == "auto" else Protection(args.protection)
    if not args.user and not os.environ.get("KISHOMAIL_USER") and sys.stdin.isatty():
        args.user = input("Administrator's account: ").strip()  # the Windows installer's window
    session = ctx.session()
    try:
        result = service_ops.install_service(
            session, protection=protection, service_user=args.service_user, start=not args.no_start
        )
    finally:
        session.close()
    print(f"Service slot made for {result.data_dir} (secret kept by: {result.protection}).")
    if result.unit is not None:
        print(f"Unit written: {result.unit}")
    print("Started." if result.started else "Not started.")
    for note in result.notes:
        print(f"Note: {note}")
    return 0


def cmd_uninstall(ctx: Context) -> int:
    session = ctx.session()
    try:
        removed = service_ops.uninstall_service(session)
    finally:
        session.close()
    print("Removed: " + (", ".join(removed) if removed else "nothing (it was not installed)"))
    return 0


def cmd_start(ctx: Context) -> int:
    session = ctx.session()
    try:
        service_ops.start_service(session)
    finally:
        session.close()
    print("The service is starting.")
    return 0


def cmd_stop(ctx: Context) -> int:
    session = ctx.session()
    try:
        service_ops.stop_service(session)
    finally:
        session.close()
    print("The service is stopping (it finishes the messages in flight).")
    return 0


def cmd_status(ctx: Context) -> int:
    status = service_ops.service_status(ctx.data_dir)
    emit(status, ctx.args.json, _status_text)
    return 0


def _status_text(status: dict[str, object]) -> str:
    lines = [
        f"Installed: {'yes' if status['installed'] else 'no'} ({status['manager']})",
        f"Running:   {'yes' if status['running'] else 'no'}",
    ]
    if status["heartbeat"] is None:
        lines.append("Heartbeat: none yet (the engine has not polled on this data folder)")
    else:
        verdict = "FAIL: stale, the engine is stuck or stopped" if status["stale"] else "ok"
        lines.append(
            f"Heartbeat: last poll {status['heartbeat']} ({status['heartbeat_age_seconds']} s "
            f"ago, {verdict}); {status['last_poll_result']}; queue {status['queue_depth']}"
        )
    return "\n".join(lines)


def cmd_service_run(ctx: Context) -> int:
    """The service's entry: unlock with the machine slot, then poll and send until stopped."""
    args = ctx.args
    session = service_ops.open_service_session(ctx.data_dir)
    try:
        authorise.start_engine(session)
        engine = _engine(session, args.source, once=args.once, speed=args.speed)
        session.audit_log.append(SERVICE_ACTOR, "service.start", detail={"once": args.once})
        try:
            if args.once:
                return run_once(engine)
            stop = threading.Event()
            signal.signal(signal.SIGTERM, lambda *_: stop.set())
            try:
                serve(engine, stop, sd_notify)
            except KeyboardInterrupt:
                pass
            return 0
        finally:
            engine.close()
            session.audit_log.append(SERVICE_ACTOR, "service.stop")
    finally:
        session.close()


def _engine(session: Session, source_text: str | None, *, once: bool, speed: float) -> Engine:
    source: TelegramSource | None = None
    if source_text:
        source = telegram_source(source_text, speed=None if once else speed)
    elif once:
        source = telegram_source(setting(session.connection, "feeds.source"), speed=None)
    return build_engine(
        session.store,
        clock=session.clock,
        started_by=SERVICE_ACTOR,
        source=source,
        speed=speed,
        listeners=[EventPrinter()],
        actor=SERVICE_ACTOR,
    )


def serve(engine: Engine, stop: threading.Event, notify: Callable[..., bool]) -> None:
    """Run ``engine`` until ``stop`` is set, telling the service manager through ``notify``:
    ``READY=1`` once started, ``WATCHDOG=1`` while polls keep coming (a poll stuck for three
    intervals stops the watchdog, and systemd restarts the engine), ``STOPPING=1`` at the end.
    The Windows service calls this too, with its own ``notify``."""
    service = engine.service
    service.start()
    notify("READY=1", "STATUS=polling and sending")
    print("kishomail service is running.", flush=True)
    period = watchdog_period()
    last_kick = time.monotonic()
    try:
        # Wake up now and then: a signal may be delivered to another thread, and Python runs
        # the handler only when the main thread runs again.
        while not stop.wait(timeout=0.5 if period is None else min(0.5, period)):
            if period is not None and time.monotonic() - last_kick >= period:
                if service.polling_alive():
                    notify("WATCHDOG=1")
                last_kick = time.monotonic()
    finally:
        notify("STOPPING=1", "STATUS=finishing the messages in flight")
        print("Stopping: finishing the messages in flight …", flush=True)
        service.stop()
