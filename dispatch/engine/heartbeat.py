"""The engine's heartbeat: when it last polled and with what result, how many deliveries wait,
how its last send went.

The running engine records it in the store (``meta``, beside the engine's other state) after
every poll and every send, and mirrors it — it names no person and no address — to
``kishomail.heartbeat`` in the data folder, so that ``kishomail service status`` can say how the
engine is without unlocking the store. ``doctor``, ``service status`` and the dashboard call it
**stale** (FAIL) when it is older than :data:`STALE_POLLS` poll intervals.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from dispatch.base.clock import SystemClock, from_iso, to_iso
from dispatch.records.telegram_log import TelegramLog
from dispatch.store.database import Connection, transaction
from dispatch.store.sealing import write_atomically

log = logging.getLogger(__name__)

HEARTBEAT_STATE = "heartbeat"
HEARTBEAT_FILE = "kishomail.heartbeat"
#: The heartbeat is stale (the engine is stuck or gone) when older than this many poll intervals.
STALE_POLLS = 3


@dataclass(frozen=True)
class Heartbeat:
    at: str  # when it was last written (ISO)
    poll_interval: float
    actor: str = ""
    pid: int = 0
    last_poll_at: str | None = None
    last_poll_ok: bool | None = None
    last_poll_result: str = ""
    #: The last poll that reached the feed and recorded what it brought.
    last_good_poll_at: str | None = None
    queue_depth: int = 0
    last_send_at: str | None = None
    last_send_ok: bool | None = None
    last_send_result: str = ""

    def age(self, now: datetime) -> float:
        """Seconds since the last poll (or, before any, since the heartbeat was written)."""
        moment = from_iso(self.last_poll_at or self.at)
        return max(0.0, (now - moment).total_seconds())

    def stale(self, now: datetime) -> bool:
        return self.age(now) > STALE_POLLS * self.poll_interval

    def as_dict(self, now: datetime) -> dict[str, Any]:
        return {
            **asdict(self),
            "age_seconds": round(self.age(now), 1),
            "stale": self.stale(now),
        }


def queue_depth(connection: Connection) -> int:
    row = connection.execute(
        "SELECT COUNT(*) FROM deliveries WHERE state IN ('queued', 'deferred', 'sending')"
    ).fetchone()
    return int(row[0]) if row else 0


def read_heartbeat(connection: Connection) -> Heartbeat | None:
    return _from_document(TelegramLog(connection, SystemClock()).load_state(HEARTBEAT_STATE))


def read_mirror(data_dir: Path) -> Heartbeat | None:
    """The heartbeat as mirrored beside the store (no key needed)."""
    try:
        return _from_document(json.loads((data_dir / HEARTBEAT_FILE).read_text("utf-8")))
    except (OSError, ValueError):
        return None


def record(
    connection: Connection,
    data_dir: Path,
    now: datetime,
    *,
    poll_interval: float,
    actor: str,
    poll: tuple[bool, str] | None = None,
    send: tuple[bool, str] | None = None,
) -> Heartbeat:
    """Update the heartbeat with a poll's or a send's outcome (in its own transaction)."""
    moment = to_iso(now)
    with transaction(connection):
        log_ = TelegramLog(connection, SystemClock())
        beat = _from_document(log_.load_state(HEARTBEAT_STATE)) or Heartbeat(moment, poll_interval)
        beat = replace(
            beat,
            at=moment,
            poll_interval=poll_interval,
            actor=actor,
            pid=os.getpid(),
            queue_depth=queue_depth(connection),
        )
        if poll is not None:
            beat = replace(
                beat, last_poll_at=moment, last_poll_ok=poll[0], last_poll_result=poll[1]
            )
            if poll[0]:
                beat = replace(beat, last_good_poll_at=moment)
        if send is not None:
            beat = replace(
                beat, last_send_at=moment, last_send_ok=send[0], last_send_result=send[1]
            )
        log_.save_state(HEARTBEAT_STATE, asdict(beat))
    try:
        write_atomically(data_dir / HEARTBEAT_FILE, json.dumps(asdict(beat)).encode("utf-8"))
        if os.name == "posix":  # the staff group may read it (it names nobody)
            os.chmod(data_dir / HEARTBEAT_FILE, 0o640)
    except OSError as error:  # the store has it; the mirror is a convenience
        log.warning("could not mirror the heartbeat: %s", error)
    return beat


def _from_document(document: Any) -> Heartbeat | None:
    if not isinstance(document, dict):
        return None
    try:
        return Heartbeat(
            **{k: document[k] for k in Heartbeat.__dataclass_fields__ if k in document}
        )
    except TypeError:
        return None
