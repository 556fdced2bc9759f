"""The real engine in a child process, for the kill tests: log in to a prepared store, build
the engine from the store's settings (``dispatch.engine.assembly.build_engine``, the path
``kishomail run`` takes), recover what a previous kill cut off, and send what is due.

    python -m tests.e2e.dispatch_worker DATA_DIR [--poll FOLDER] [--pause-in-transaction]

The password comes from ``KISHOMAIL_PASSWORD`` (user ``KISHOMAIL_USER``). It prints one line
per step, flushed, so that the parent can time its kill: ``ready``, ``recovered N``,
``polled [ids]``, ``draining``, then ``report {json}``.

``--pause-in-transaction`` (F2): while a polled telegram's alerts are being enqueued — inside
the transaction that records the telegram — print ``in-transaction`` and wait to be killed.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

from dispatch.engine.assembly import build_engine
from dispatch.engine.events import EngineEvent, SendingProgress, to_json
from dispatch.engine.sources import PacedReplay
from dispatch.operations.session import login
from dispatch.records.accounts import Permission
from dispatch.records.outbox import Outbox
from feeds.model import Telegram


class NoTelegrams:
    def poll(self) -> list[Telegram]:
        return []


def say(line: str) -> None:
    print(line, flush=True)


def print_event(event: EngineEvent) -> None:
    if not isinstance(event, SendingProgress):
        say(f"event {event.name} {to_json(event)}")


def pause_inside_enqueue() -> None:
    """Wrap ``Outbox.enqueue_alert`` so that the process stops after the first alert's rows
    were written but before the transaction commits."""
    original = Outbox.enqueue_alert

    def enqueue_then_wait(self: Outbox, *args: Any, **kwargs: Any) -> int | None:
        result = original(self, *args, **kwargs)
        say("in-transaction")
        time.sleep(600)  # the parent kills us here
        return result

    Outbox.enqueue_alert = enqueue_then_wait  # type: ignore[method-assign]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--poll", type=Path, help="a folder of telegrams to poll once first")
    parser.add_argument("--pause-in-transaction", action="store_true")
    parser.add_argument(
        "--max-file-size",
        type=int,
        help="after logging in, no file may grow beyond this many bytes (RLIMIT_FSIZE): a "
        "full disk as the store sees it",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    session = login(args.data_dir, os.environ["KISHOMAIL_USER"], os.environ["KISHOMAIL_PASSWORD"])
    session.require(Permission.RUN_SERVICE, "service.start")
    if args.pause_in_transaction:
        pause_inside_enqueue()
    if args.max_file_size is not None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write fails (EFBIG) instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (args.max_file_size, args.max_file_size))
    source = PacedReplay(args.poll, speed=None) if args.poll else NoTelegrams()
    engine = build_engine(
        session.store,
        clock=session.clock,
        source=source,
        listeners=[print_event],
    )
    try:
        say("ready")
        say(f"recovered {engine.service.recover()}")
        say(f"polled {json.dumps(engine.service.poll_once())}")
        say("draining")
        report = engine.service.drain_once()
        say(
            "report "
            + json.dumps(
                {
                    "accepted": report.accepted,
                    "deferred": report.deferred,
                    "failed": report.failed,
                    "in_doubt": report.in_doubt,
                    "error": report.error,
                }
            )
        )
        return 1 if report.error else 0
    finally:
        engine.close()
        session.close()


if __name__ == "__main__":
    sys.exit(main())
