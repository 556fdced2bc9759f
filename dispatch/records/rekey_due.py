"""A change of the data key that is owed: a person left (or had their password reset) while the
alerting engine was running, so the key could not be changed at that moment. Until it is, an
earlier copy of the key file still opens the store with that person's old password; ``doctor``
says so and ``rekey`` settles it."""

from __future__ import annotations

import json
from datetime import datetime

from dispatch.base.clock import to_iso
from dispatch.store.database import Connection

_KEY = "rekey_due"


def rekey_due(connection: Connection) -> dict[str, str] | None:
    """``{"since": …, "reason": …}`` when a rekey is owed, else ``None``."""
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (_KEY,)).fetchone()
    return dict(json.loads(row[0])) if row else None


def mark_rekey_due(connection: Connection, reason: str, now: datetime) -> None:
    if rekey_due(connection) is None:  # the first reason and time are what matter
        connection.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            (_KEY, json.dumps({"since": to_iso(now), "reason": reason})),
        )


def clear_rekey_due(connection: Connection) -> None:
    connection.execute("DELETE FROM meta WHERE key = ?", (_KEY,))
