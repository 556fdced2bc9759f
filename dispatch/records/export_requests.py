"""Requests to take personal data out of the store, and their approval (001 特記事項 6; 受託
運用 3: 事前に区の承認).

A request names who asks, why, which columns and which subscribers. A second staff member
approves or refuses it; an approved request can be used once, by the requester, before it
expires. Every change is one guarded UPDATE, so two people acting at once cannot both win.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from dispatch.base.clock import from_iso, to_iso
from dispatch.base.errors import Conflict, NotFound
from dispatch.store.database import Connection


@dataclass(frozen=True)
class ExportRequest:
    id: int
    kind: str
    status: str
    requester: str
    reason: str
    columns: tuple[str, ...]
    filter: dict[str, str]
    requested_at: str
    decided_by: str | None
    decided_at: str | None
    expires_at: str | None
    used_at: str | None
    rows: int | None
    sha256: str | None

    def expired(self, now: datetime) -> bool:
        return self.expires_at is not None and from_iso(self.expires_at) <= now

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "columns": list(self.columns)}


_COLUMNS = (
    "id, kind, status, requester, reason, columns, filter, requested_at, decided_by, "
    "decided_at, expires_at, used_at, rows, sha256"
)


def _from_row(row: Any) -> ExportRequest:
    values = list(row)
    values[5] = tuple(json.loads(values[5]))
    values[6] = dict(json.loads(values[6]))
    return ExportRequest(*values)


class ExportRequests:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(
        self,
        requester: str,
        reason: str,
        columns: tuple[str, ...],
        wanted: dict[str, str],
        now: datetime,
    ) -> int:
        cursor = self._connection.execute(
            "INSERT INTO export_requests (kind, status, requester, reason, columns, filter, "
            "requested_at) VALUES ('subscribers', 'requested', ?, ?, ?, ?, ?)",
            (requester, reason, json.dumps(list(columns)), json.dumps(wanted), to_iso(now)),
        )
        return int(cursor.lastrowid)

    def get(self, request_id: int) -> ExportRequest:
        row = self._connection.execute(
            f"SELECT {_COLUMNS} FROM export_requests WHERE id = ?", (request_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"There is no export request {request_id}.")
        return _from_row(row)

    def listing(self, limit: int = 50) -> list[ExportRequest]:
        rows = self._connection.execute(
            f"SELECT {_COLUMNS} FROM export_requests ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()
        return [_from_row(row) for row in rows]

    def decide(
        self, request_id: int, approver: str, approve: bool, now: datetime, expires: datetime
    ) -> None:
        """Approve or refuse a request still waiting; a request decided meanwhile is left as
        it is and the caller is told."""
        cursor = self._connection.execute(
            "UPDATE export_requests SET status = ?, decided_by = ?, decided_at = ?, "
            "expires_at = ? WHERE id = ? AND status = 'requested'",
            (
                "approved" if approve else "refused",
                approver,
                to_iso(now),
                to_iso(expires) if approve else None,
                request_id,
            ),
        )
        if cursor.rowcount != 1:
            raise Conflict(f"Export request {request_id} was decided already; nothing changed.")

    def mark_used(self, request_id: int, now: datetime, rows: int, sha256: str) -> None:
        cursor = self._connection.execute(
            "UPDATE export_requests SET status = 'used', used_at = ?, rows = ?, sha256 = ? "
            "WHERE id = ? AND status = 'approved'",
            (to_iso(now), rows, sha256, request_id),
        )
        if cursor.rowcount != 1:
            raise Conflict(f"Export request {request_id} was used already; ask for a new one.")
