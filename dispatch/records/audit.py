"""The audit log: who did what, when, to which record, and how it ended (R4.4).

Append-only and hash-chained: every entry carries the hash of the one before it, and its own
hash is an HMAC-SHA256 (keyed with a random key kept in the encrypted store) over its content
and that previous hash. :meth:`AuditLog.verify` walks the chain and names the first entry that
was altered, removed or added out of turn. ``audit verify`` prints the head hash: written down
elsewhere (the daily report, a notebook), it anchors the chain outside the database.

Entries name records by id (``subscriber:123``), never by address; :meth:`AuditLog.append`
refuses a detail that contains an e-mail address, so a slip cannot put one into the log.
"""

from __future__ import annotations

import hmac
import json
import re
import secrets
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from hashlib import sha256
from typing import Any

from dispatch.base.clock import Clock, SystemClock, to_iso
from dispatch.store.database import Connection, begin_write

GENESIS_HASH = bytes(32)
_AUDIT_KEY = "audit_key"
_AUDIT_HEAD = "audit_head"
# Anchored on the "@" (one character before it), so that a long text without one costs a
# single linear scan instead of the quadratic backtracking of a leading "[^\s@]+".
_ADDRESS = re.compile(r"[^\s@]@[^\s@]+\.[^\s@]+")


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    action: str
    target: str
    outcome: str
    detail: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class VerifyReport:
    checked: int
    problems: tuple[str, ...]
    head_seq: int
    head_hash: str

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class AuditQuery:
    since: datetime | None = None
    until: datetime | None = None
    actor: str | None = None
    action: str | None = None
    text: str | None = None
    limit: int | None = None


class AuditLog:
    """The audit log of one connection (so one thread)."""

    def __init__(self, connection: Connection, clock: Clock | None = None) -> None:
        self._connection = connection
        self._clock = clock or SystemClock()
        self._key: bytes | None = None

    def append(
        self,
        actor: str,
        action: str,
        *,
        target: str = "",
        outcome: str = "ok",
        detail: Mapping[str, Any] | None = None,
    ) -> int:
        """Record one entry; returns its sequence number.

        Inside a caller's transaction the entry commits or rolls back with the work it records;
        outside one it commits on its own."""
        detail_text = _canonical_detail(detail or {})
        for text in (actor, action, target, detail_text):
            if "@" in text and _ADDRESS.search(text):
                raise ValueError("an e-mail address must never be written to the audit log")
        connection = self._connection
        own_transaction = not connection.in_transaction
        if own_transaction:
            begin_write(connection)  # a busy store or a full disk: a clear error
        try:
            key = self._audit_key()
            head = connection.execute(
                "SELECT value FROM meta WHERE key = ?", (_AUDIT_HEAD,)
            ).fetchone()
            if head is None:
                seq, prev_hash = 1, GENESIS_HASH
            else:
                last_seq, last_hash = head[0].split(":")
                seq, prev_hash = int(last_seq) + 1, bytes.fromhex(last_hash)
            at = to_iso(self._clock.now())
            entry_hash = _entry_hash(
                key, prev_hash, seq, at, actor, action, target, outcome, detail_text
            )
            connection.execute(
                "INSERT INTO audit_log (seq, at, actor, action, target, outcome, detail, "
                "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (seq, at, actor, action, target, outcome, detail_text, prev_hash, entry_hash),
            )
            connection.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                (_AUDIT_HEAD, f"{seq}:{entry_hash.hex()}"),
            )
        except BaseException:
            if own_transaction:
                connection.execute("ROLLBACK")
            raise
        if own_transaction:
            connection.execute("COMMIT")
        return seq

    def search(self, query: AuditQuery) -> list[AuditEntry]:
        return list(self.iter_search(query))

    def iter_search(self, query: AuditQuery) -> Iterator[AuditEntry]:
        clauses: list[str] = []
        params: list[Any] = []
        if query.since is not None:
            clauses.append("at >= ?")
            params.append(to_iso(query.since))
        if query.until is not None:
            clauses.append("at < ?")
            params.append(to_iso(query.until))
        if query.actor:
            clauses.append("actor = ?")
            params.append(query.actor)
        if query.action:
            clauses.append("(action = ? OR action LIKE ? ESCAPE '\\')")
            params.extend([query.action, _like_prefix(query.action)])
        if query.text:
            clauses.append(
                "(action LIKE ? ESCAPE '\\' OR target LIKE ? ESCAPE '\\' "
                "OR detail LIKE ? ESCAPE '\\' OR outcome LIKE ? ESCAPE '\\')"
            )
            params.extend([_like_contains(query.text)] * 4)
        sql = "SELECT seq, at, actor, action, target, outcome, detail FROM audit_log"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY seq"
        if query.limit is not None:
            sql += " LIMIT ?"
            params.append(int(query.limit))
        for seq, at, actor, action, target, outcome, detail in self._connection.execute(
            sql, params
        ):
            yield AuditEntry(seq, at, actor, action, target, outcome, json.loads(detail or "{}"))

    def verify(self) -> VerifyReport:
        """Walk the whole chain; every problem names the entry where it shows."""
        key = self._existing_audit_key()
        problems: list[str] = []
        expected_seq, expected_prev = 1, GENESIS_HASH
        checked = 0
        rows = self._connection.execute(
            "SELECT seq, at, actor, action, target, outcome, detail, prev_hash, hash "
            "FROM audit_log ORDER BY seq"
        )
        for seq, at, actor, action, target, outcome, detail, prev_hash, stored_hash in rows:
            checked += 1
            if key is None or not hmac.compare_digest(
                _entry_hash(key, prev_hash, seq, at, actor, action, target, outcome, detail),
                stored_hash,
            ):
                problems.append(f"entry {seq} was altered: its content no longer matches its hash")
            elif seq != expected_seq:
                missing = (
                    f"entry {expected_seq}"
                    if seq == expected_seq + 1
                    else f"entries {expected_seq} to {seq - 1}"
                )
                problems.append(f"{missing} removed: the chain jumps to entry {seq}")
            elif not hmac.compare_digest(prev_hash, expected_prev):
                problems.append(
                    f"entry {seq} does not follow entry {seq - 1}: an entry before it was "
                    "replaced or the entries were reordered"
                )
            expected_seq, expected_prev = seq + 1, stored_hash
        head = self._connection.execute(
            "SELECT value FROM meta WHERE key = ?", (_AUDIT_HEAD,)
        ).fetchone()
        head_seq, head_hash = (0, GENESIS_HASH.hex()) if head is None else head[0].split(":")
        if int(head_seq) != expected_seq - 1 or head_hash != expected_prev.hex():
            problems.append(
                f"the log ends at entry {expected_seq - 1} but its head says entry {head_seq}: "
                "entries at the end were removed or added outside the program"
            )
        return VerifyReport(checked, tuple(problems), int(head_seq), head_hash)

    def _audit_key(self) -> bytes:
        if self._key is None:
            key = self._existing_audit_key()
            if key is None:
                key = secrets.token_bytes(32)
                self._connection.execute(
                    "INSERT INTO meta (key, value) VALUES (?, ?)", (_AUDIT_KEY, key.hex())
                )
            self._key = key
        return self._key

    def _existing_audit_key(self) -> bytes | None:
        row = self._connection.execute(
            "SELECT value FROM meta WHERE key = ?", (_AUDIT_KEY,)
        ).fetchone()
        return None if row is None else bytes.fromhex(row[0])


def _canonical_detail(detail: Mapping[str, Any]) -> str:
    if not detail:
        return ""
    return json.dumps(detail, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _entry_hash(
    key: bytes,
    prev_hash: bytes,
    seq: int,
    at: str,
    actor: str,
    action: str,
    target: str,
    outcome: str,
    detail: str,
) -> bytes:
    content = json.dumps(
        [seq, at, actor, action, target, outcome, detail], ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")
    return hmac.new(key, prev_hash + content, sha256).digest()


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like_contains(text: str) -> str:
    return f"%{_escape_like(text)}%"


def _like_prefix(text: str) -> str:
    return f"{_escape_like(text)}.%"
