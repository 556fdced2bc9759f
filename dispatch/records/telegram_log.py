"""The telegrams the engine received (compressed, so a restart can rebuild what is in force) and
the state the feed trackers keep between polls."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from dispatch.base.clock import Clock, to_iso
from dispatch.store.database import Connection
from feeds.model import Telegram


class TelegramLog:
    def __init__(self, connection: Connection, clock: Clock) -> None:
        self._connection = connection
        self._clock = clock

    def telegram_seen(self, source_id: str) -> bool:
        row = self._connection.execute(
            "SELECT 1 FROM telegrams WHERE source_id = ?", (source_id,)
        ).fetchone()
        return row is not None

    def record_telegram(self, telegram: Telegram) -> None:
        self._connection.execute(
            "INSERT INTO telegrams (source_id, report_datetime, received_at, title, is_exercise, "
            "raw) VALUES (?, ?, ?, ?, ?, ?)",
            (
                telegram.source_id,
                telegram.head.report_datetime.isoformat(),
                to_iso(self._clock.now()),
                telegram.head.title,
                int(telegram.is_exercise),
                zlib.compress(telegram.raw),
            ),
        )

    def telegrams_received_since(self, moment: datetime) -> Iterator[tuple[str, bytes]]:
        """(source id, raw XML) of the telegrams received since ``moment``."""
        rows = self._connection.execute(
            "SELECT source_id, raw FROM telegrams WHERE received_at >= ? ORDER BY received_at",
            (to_iso(moment),),
        )
        for source_id, raw in rows:
            yield source_id, zlib.decompress(raw)

    def load_state(self, name: str) -> Any:
        row = self._connection.execute(
            "SELECT value FROM meta WHERE key = ?", (f"state:{name}",)
        ).fetchone()
        return json.loads(row[0]) if row else None

    def save_state(self, name: str, state: Any) -> None:
        self._connection.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
            (f"state:{name}", json.dumps(state, ensure_ascii=False)),
        )
